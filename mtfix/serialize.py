"""Findings as JSON, the form programs read (``mtfix check --format json``, the report).

Kept apart from the terminal's text form (:mod:`mtfix.cli.render`) so that
the report and library callers can serialise findings without the command
line. The shape is a public contract: ``start``/``end`` cover the first fix
(:meth:`~mtfix.model.Finding.normalized`), ``replacement`` is the text
proposed for exactly that span.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

from mtfix.document import Document
from mtfix.model import Finding

__all__ = ["finding_json", "files_json", "jsonable"]


def finding_json(doc: Document, f: Finding) -> dict[str, Any]:
    f = f.normalized()
    line, col = doc.line_col(f.start)
    out: dict[str, Any] = {
        "rule": f.rule, "category": f.category, "tier": f.tier.value, "source": f.source,
        "start": f.start, "end": f.end, "line": line, "column": col, "message": f.message,
        "replacement": f.replacement(doc.text),
        "text": doc.text[f.start:f.end],
    }
    if len(f.fixes) > 1:
        out["alternatives"] = [fx.apply_to(doc.text, f.start, f.end) for fx in f.fixes[1:]
                               if fx.start >= f.start and fx.end <= f.end]
    if f.evidence:
        out["evidence"] = jsonable(f.evidence)
    return out


def jsonable(v: Any) -> Any:
    """``v`` with only JSON types (floats rounded to 4 places, anything else as ``str``)."""
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, float):
        return round(v, 4)
    if v is None or isinstance(v, (str, int, bool)):
        return v
    return str(v)


#: Characters that ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal
#: must not get (DEL and C1 controls, bidirectional marks, overrides and
#: isolates, line and paragraph separators; see :mod:`mtfix.worddiff`). In
#: JSON text they can only stand inside strings, where ``\\uXXXX`` is the same
#: character to every parser.
_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def files_json(results: Iterable[tuple[str, Document, list[Finding]]]) -> str:
    files = [{"path": path, "findings": [finding_json(doc, f) for f in findings]}
             for path, doc, findings in results]
    out = json.dumps({"files": files}, ensure_ascii=False, indent=2) + "\n"
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
