"""``mtfix apply``: apply the decisions exported from an HTML report.

The decisions file (written by the report's "Export decisions" button) names
the document by the SHA-256 of its text and carries, for each change, the
edits as offsets into that text. Applying it is therefore exact and needs no
rules, model or server: the accepted and edited changes are applied in one
pass, everything else in the file is copied byte for byte. A file that has
changed since the report was made is refused rather than patched blindly.

The file is checked against its schema before anything is applied
(:func:`validate`): every key of the right type (an edit's text a string,
never ``null`` or an object; offsets whole numbers, never ``2.7``), every
offset inside the text, no unknown keys, a bounded size and nesting. Every
problem is a :class:`~mtfix.errors.DecisionsError` naming the file and what
is wrong; the command is :mod:`mtfix.cli.apply`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mtfix.decisions import Record, doc_hash
from mtfix.document import Document
from mtfix.errors import DecisionsError
from mtfix.model import Edit, Finding, Fix, Tier
from mtfix.resolve import Resolution, resolve

__all__ = ["load_decisions", "validate", "plan", "apply_decisions"]

APPLY = ("accepted", "edited")
KNOWN = ("accepted", "edited", "rejected", "skipped")

#: A decisions file larger than this is refused unread. An article is at most
#: 20 MiB and each decision repeats only its own few words of it.
MAX_BYTES = 64 * 1024 * 1024
#: More decisions, or more edits in one, than any report shows.
MAX_DECISIONS = 200_000
MAX_EDITS = 10_000

#: The keys of the file and of one decision, with the types each may hold
#: (what the report's export writes; "null" where it writes null).
_TOP = {"format": ("string",), "version": ("integer",), "path": ("string", "null"),
        "sha256": ("string",), "generated_by": ("string", "null"), "decisions": ("list",)}
_DECISION = {"id": ("integer", "string", "null"), "rule": ("string", "null"),
             "category": ("string", "null"), "tier": ("string", "null"),
             "start": ("integer",), "end": ("integer",), "text": ("string", "null"),
             "replacement": ("string", "null"), "final": ("string", "null"),
             "edits": ("list", "null"), "decision": ("string",)}
_HASH = re.compile(r"[0-9a-f]{64}")
_NAMES = {"integer": "a whole number", "null": "null", "object": "an object"}


def _kind(v: Any) -> str:
    """The JSON type of ``v``, as the schema and the messages name it."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "list"
    return "object" if isinstance(v, dict) else type(v).__name__


def _shown(v: Any) -> str:
    """``v`` in a message: short, on one line."""
    k = _kind(v)
    if k in ("list", "object"):
        return f"{'a' if k == 'list' else 'an'} {k}"
    s = json.dumps(v, ensure_ascii=True)
    return s if len(s) <= 40 else s[:37] + "..."


def _expect(v: Any, kinds: tuple[str, ...], what: str, path: Path) -> None:
    if _kind(v) not in kinds:
        names = " or ".join(_NAMES.get(k, f"a {k}") for k in kinds)
        raise DecisionsError(f"{what} must be {names}, not {_shown(v)}", path)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_decisions(path: Path) -> dict[str, Any]:
    """The decisions file, parsed and checked against its schema
    (:func:`validate`); offsets are checked against the text in :func:`plan`."""
    path = Path(path)
    try:
        if path.is_dir():
            raise DecisionsError("is a folder, not a decisions file", path)
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DecisionsError("no such file", path) from None
    except OSError as e:
        raise DecisionsError(f"cannot read: {e.strerror or e}", path) from None
    if len(raw) > MAX_BYTES:
        raise DecisionsError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB; not a decisions "
                             f"file from `mtfix report`", path)
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError as e:
        raise DecisionsError(f"not UTF-8 (byte {e.start})", path) from None
    except json.JSONDecodeError as e:
        raise DecisionsError(f"not JSON ({e.msg} at line {e.lineno})", path) from None
    except RecursionError:
        raise DecisionsError("not a decisions file: lists or objects nested too deeply", path) from None
    except ValueError as e:  # NaN, Infinity, an integer of thousands of digits
        raise DecisionsError(f"not JSON ({e})", path) from None
    validate(data, path)
    return data


def validate(data: Any, path: Path) -> None:
    """Check a parsed decisions file against its schema (types, required
    keys, sizes); raise a :class:`~mtfix.errors.DecisionsError` naming
    ``path`` and the first thing that is wrong. The nesting is fixed by the
    schema (file, decisions, decision, edits, edit), so nothing deeper passes."""
    if not isinstance(data, dict) or data.get("format") != "mtfix-decisions":
        raise DecisionsError("not an mtfix decisions file (export it from `mtfix report`)", path)
    version = data.get("version")
    if _kind(version) != "integer" or version != 1:
        raise DecisionsError(f"decisions format version {_shown(version)} is not supported", path)
    for key, value in data.items():
        if key not in _TOP:
            raise DecisionsError(f"unknown key {_shown(key)}", path)
        _expect(value, _TOP[key], f"{key!r}", path)
    if not _HASH.fullmatch(data.get("sha256") or ""):
        raise DecisionsError("'sha256' must be the 64 hex digits of the text's SHA-256", path)
    decisions = data.get("decisions")
    if not isinstance(decisions, list):
        raise DecisionsError("'decisions' must be a list", path)
    if len(decisions) > MAX_DECISIONS:
        raise DecisionsError(f"{len(decisions)} decisions, more than {MAX_DECISIONS}", path)
    for n, d in enumerate(decisions, 1):
        _validate_decision(d, f"decision {n}", path)


def _validate_decision(d: Any, where: str, path: Path) -> None:
    _expect(d, ("object",), where, path)
    for key, value in d.items():
        if key not in _DECISION:
            raise DecisionsError(f"{where}: unknown key {_shown(key)}", path)
        _expect(value, _DECISION[key], f"{where}: {key!r}", path)
    if d.get("decision") not in KNOWN:
        raise DecisionsError(f"{where}: 'decision' must be one of {', '.join(KNOWN)}, not "
                             f"{_shown(d.get('decision'))}", path)
    for key in ("start", "end"):
        if key not in d:
            raise DecisionsError(f"{where}: {key!r} is missing", path)
        if d[key] < 0:
            raise DecisionsError(f"{where}: {key!r} must not be negative ({d[key]})", path)
    if d["start"] > d["end"]:
        raise DecisionsError(f"{where}: bad span {d['start']}..{d['end']} (start after end)", path)
    edits = d.get("edits")
    if d["decision"] in APPLY and not edits:
        raise DecisionsError(f"{where}: an {d['decision']} change needs 'edits'", path)
    if edits is None:
        return
    if len(edits) > MAX_EDITS:
        raise DecisionsError(f"{where}: {len(edits)} edits, more than {MAX_EDITS}", path)
    for k, e in enumerate(edits, 1):
        here = f"{where}: edit {k}"
        if not (isinstance(e, list) and len(e) == 3):
            raise DecisionsError(f"{here} must be a list [start, end, text], not {_shown(e)}", path)
        s, t, r = e
        _expect(s, ("integer",), f"{here}: start", path)
        _expect(t, ("integer",), f"{here}: end", path)
        _expect(r, ("string",), f"{here}: text", path)
        if not 0 <= s <= t:
            raise DecisionsError(f"{here}: bad span {s}..{t}", path)


def plan(text: str, data: dict[str, Any], where: Path) -> tuple[list[Finding], list[Record]]:
    """The accepted and edited decisions as findings with one fix each, and
    every decision as a record for the log. ``data`` is checked against the
    schema (:func:`validate`) and every offset against ``text``."""
    validate(data, where)
    size = len(text)
    out, records = [], []
    for n, d in enumerate(data["decisions"], 1):
        start, end = d["start"], d["end"]
        if end > size:
            raise DecisionsError(f"decision {n}: span {start}..{end} lies beyond the end of the "
                                 f"text ({size} characters)", where)
        rule = d.get("rule") or "?"
        final = None
        edits = tuple(Edit(s, e, r) for s, e, r in d.get("edits") or ())
        for k, e in enumerate(edits, 1):
            if e.end > size:
                raise DecisionsError(f"decision {n}: edit {k}: span {e.start}..{e.end} lies beyond "
                                     f"the end of the text ({size} characters)", where)
        if d["decision"] in APPLY:
            try:
                fix = Fix(edits)
            except ValueError as e:
                raise DecisionsError(f"decision {n}: {e}", where) from None
            f = Finding(rule=rule, category=d.get("category") or "custom", message="",
                        start=start, end=end, tier=Tier.SAFE, fixes=(fix,), order=n)
            out.append(f)
            final = f.replacement(text)
        records.append(Record(rule=rule, decision=d["decision"], span_text=text[start:end],
                              replacement=d.get("replacement"), final_text=final,
                              category=d.get("category") or "", tier=d.get("tier") or "",
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
        raise DecisionsError(f"changes at {loser.start}..{loser.end} [{loser.rule}] and "
                             f"{winner.start}..{winner.end} [{winner.rule}] overlap; untick one in "
                             f"the report", where)
    return res, records
