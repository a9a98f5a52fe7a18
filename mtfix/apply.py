"""``mtfix apply``: apply the decisions exported from an HTML report.

The decisions file (written by the report's "Export decisions" button) names
the document by the SHA-256 of its text and carries, for each change, the
edits as offsets into that text. Applying it is therefore exact and needs no
rules, model or server: the accepted and edited changes are applied in one
pass, everything else in the file is copied byte for byte. A file that has
changed since the report was made is refused rather than patched blindly.
Every problem with the decisions file is a :class:`~mtfix.errors.DecisionsError`
naming it; the command is :mod:`mtfix.cli.apply`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mtfix.decisions import Record, doc_hash
from mtfix.document import Document
from mtfix.errors import DecisionsError
from mtfix.model import Edit, Finding, Fix, Tier
from mtfix.resolve import Resolution, resolve

__all__ = ["load_decisions", "plan", "apply_decisions"]

APPLY = ("accepted", "edited")
KNOWN = ("accepted", "edited", "rejected", "skipped")


def load_decisions(path: Path) -> dict[str, Any]:
    """The decisions file, checked for its format and version."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DecisionsError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise DecisionsError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    except json.JSONDecodeError as e:
        raise DecisionsError(f"{path}: not JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(data, dict) or data.get("format") != "mtfix-decisions":
        raise DecisionsError(f"{path}: not an mtfix decisions file (export it from `mtfix report`)")
    if data.get("version") != 1:
        raise DecisionsError(f"{path}: decisions format version {data.get('version')!r} is not supported")
    if not isinstance(data.get("decisions"), list):
        raise DecisionsError(f"{path}: 'decisions' must be a list")
    return data


def _edits(d: dict, n: int, where: Path, size: int) -> tuple[Edit, ...]:
    try:
        edits = tuple(Edit(int(s), int(e), str(r)) for s, e, r in d["edits"])
    except (KeyError, TypeError, ValueError):
        raise DecisionsError(f"{where}: decision {n}: 'edits' must be a list of [start, end, text]") from None
    if any(e.end > size for e in edits):
        raise DecisionsError(f"{where}: decision {n}: an edit lies beyond the end of the text")
    return edits


def plan(text: str, data: dict[str, Any], where: Path) -> tuple[list[Finding], list[Record]]:
    """The accepted and edited decisions as findings with one fix each, and
    every decision as a record for the log."""
    out, records = [], []
    for n, d in enumerate(data["decisions"], 1):
        if not isinstance(d, dict) or d.get("decision") not in KNOWN:
            raise DecisionsError(f"{where}: decision {n}: 'decision' must be one of {', '.join(KNOWN)}")
        start, end = d.get("start"), d.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise DecisionsError(f"{where}: decision {n}: bad span {start!r}..{end!r}")
        rule = str(d.get("rule") or "?")
        final = None
        if d["decision"] in APPLY:
            edits = _edits(d, n, where, len(text))
            if not edits:
                raise DecisionsError(f"{where}: decision {n}: an accepted change needs edits")
            try:
                fix = Fix(edits)
            except ValueError as e:
                raise DecisionsError(f"{where}: decision {n}: {e}") from None
            f = Finding(rule=rule, category=str(d.get("category") or "custom"), message="",
                        start=start, end=end, tier=Tier.SAFE, fixes=(fix,), order=n)
            out.append(f)
            final = f.replacement(text)
        records.append(Record(rule=rule, decision=d["decision"], span_text=text[start:end],
                              replacement=d.get("replacement"), final_text=final,
                              category=str(d.get("category") or ""), tier=str(d.get("tier") or ""),
                              start=start, end=end))
    return out, records


def apply_decisions(text: str, display: str, data: dict[str, Any], where: Path
                    ) -> tuple[Resolution, list[Record]]:
    """The text with the decisions applied, and the records for the log.

    Refused (nothing applied) when ``text`` is not the text the report was
    made from, or when two accepted changes overlap."""
    if data.get("sha256") != doc_hash(text):
        raise DecisionsError(f"{display} is not the text the report was made from (it changed, or "
                             f"it is another file); make a new report")
    chosen, records = plan(text, data, where)
    res = resolve(Document(text, display), chosen, accept=lambda f: True)
    if res.conflicts:
        loser, winner = res.conflicts[0]
        raise DecisionsError(f"{where}: changes at {loser.start}..{loser.end} [{loser.rule}] and "
                             f"{winner.start}..{winner.end} [{winner.rule}] overlap; untick one in "
                             f"the report")
    return res, records
