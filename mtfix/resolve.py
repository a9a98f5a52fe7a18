"""Choose which fixes to apply, and apply them in one pass.

Fixes from different rules may touch the same text. The resolver never merges
them: it ranks every candidate (higher tier first, then the longer span, then
rule order, then position) and accepts a fix only if none of its edits
overlaps an edit already accepted. The loser is kept in
:attr:`Resolution.conflicts` with the winner that beat it, so renderers can
report it. Output is a pure function of the document and the accepted fixes:
text outside the accepted edits is copied through unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from mtfix.document import Document
from mtfix.model import Edit, Finding, Tier


@dataclass
class Resolution:
    text: str
    applied: list[Finding] = field(default_factory=list)
    #: (loser, winner) pairs: a fix not applied because it overlapped a better one.
    conflicts: list[tuple[Finding, Finding]] = field(default_factory=list)
    #: Findings not applied for their tier, or because they carry no fix.
    skipped: list[Finding] = field(default_factory=list)

    @property
    def edits(self) -> list[Edit]:
        return sorted(e for f in self.applied for e in f.fix.edits)


def _priority(f: Finding) -> tuple:
    lo, hi = f.fix.start, f.fix.end
    return (-f.tier.rank, -(hi - lo), f.order, lo, f.rule)


def clash(a: Edit, b: Edit) -> bool:
    """Two edits clash when they share text, or insert at the same point, or one
    inserts strictly inside the other; edits that merely touch do not."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def resolve(doc: Document, findings: Iterable[Finding], tiers: set[Tier] | None = None,
            accept: Callable[[Finding], bool] | None = None) -> Resolution:
    """Apply the first fix of each finding whose tier is in ``tiers`` (default:
    safe) or, when ``accept`` is given, of each finding it accepts."""
    tiers = {Tier.SAFE} if tiers is None else tiers
    res = Resolution(text=doc.text)
    candidates: list[Finding] = []
    for f in findings:
        wanted = accept(f) if accept is not None else f.tier in tiers
        if f.fix is None or not wanted:
            res.skipped.append(f)
        else:
            candidates.append(f)
    taken: list[tuple[Edit, Finding]] = []
    for f in sorted(candidates, key=_priority):
        winner = next((w for e in f.fix.edits for (t, w) in taken if clash(e, t)), None)
        if winner is not None:
            res.conflicts.append((f, winner))
            continue
        taken.extend((e, f) for e in f.fix.edits)
        res.applied.append(f)
    res.applied.sort(key=Finding.sort_key)
    res.text = apply_edits(doc.text, [e for e, _ in taken])
    return res


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-clashing edits; bytes between them are copied as they are."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
