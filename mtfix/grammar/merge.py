"""mtfix's own findings and LanguageTool's, as one list without double reports.

Pure: no server, no LanguageTool import. Where both tools flag the same
problem, mtfix's rule knows the machine-translation artefact better, so its
finding stays and records LanguageTool's agreement.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from mtfix.model import Finding, sort_findings


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion touches what it sits in or next to
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def _same_problem(own: Finding, lt: Finding) -> bool:
    """Overlapping spans, or (with LanguageTool's ``reach``) only blanks between them."""
    if _overlaps(own.span, lt.span):
        return True
    if lt.reach is None:
        return False
    lo, hi = min(lt.reach[0], lt.span[0]), max(lt.reach[1], lt.span[1])
    return own.span[0] <= hi and lo <= own.span[1]


def merge(own: Iterable[Finding], lt: Iterable[Finding]) -> list[Finding]:
    """mtfix's findings plus the LanguageTool findings that add something.

    * A LanguageTool finding whose span overlaps one of mtfix's own, or is
      separated from it by blanks only (its ``reach``), is dropped:
      mtfix's rule knows the artefact better; the agreement is kept in the own
      finding's evidence (``languagetool``: the LT rule ids that agreed).
    * LanguageTool findings on the same span are merged into one: the highest
      tier wins, the other rule ids go to ``evidence['also']``, and their
      replacements are added as further candidates.
    """
    own = list(own)
    agreed: dict[int, list[str]] = {}
    kept: dict[tuple[int, int], Finding] = {}
    for f in sorted(lt, key=lambda f: (f.start, f.end, -f.tier.rank, f.rule)):
        hits = [i for i, o in enumerate(own) if _same_problem(o, f)]
        if hits:
            for i in hits:
                agreed.setdefault(i, []).append(f.rule)
            continue
        key = (f.start, f.end)
        prev = kept.get(key)
        if prev is None:
            kept[key] = f
            continue
        ev = dict(prev.evidence)
        ev["also"] = list(ev.get("also", [])) + [f.rule]
        seen = {x.edits for x in prev.fixes}
        extra = tuple(x for x in f.fixes if x.edits not in seen)
        kept[key] = replace(prev, fixes=prev.fixes + extra, evidence=ev)
    out = []
    for i, o in enumerate(own):
        if i in agreed:
            ev = dict(o.evidence)
            ev["languagetool"] = sorted(set(ev.get("languagetool", [])) | set(agreed[i]))
            o = replace(o, evidence=ev)
        out.append(o)
    return sort_findings(out + list(kept.values()))
