"""Turning findings into what people and programs read: text and JSON.

The text form shows each change as a word diff inside its line, in the style
of ``git diff --word-diff``: ``[-old-]{+new+}`` when plain, red and green when
the output is a terminal.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable

import click

from mtfix.document import Document
from mtfix.model import Finding, Tier

TIER_COLOURS = {Tier.SAFE: "green", Tier.SUGGESTED: "yellow", Tier.REVIEW: "cyan"}
EXCERPT = 60  # characters of context either side of a change


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
        out["evidence"] = _jsonable(f.evidence)
    return out


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, float):
        return round(v, 4)
    if v is None or isinstance(v, (str, int, bool)):
        return v
    return str(v)


def files_json(results: Iterable[tuple[str, Document, list[Finding]]]) -> str:
    files = [{"path": path, "findings": [finding_json(doc, f) for f in findings]}
             for path, doc, findings in results]
    return json.dumps({"files": files}, ensure_ascii=False, indent=2) + "\n"


def word_diff(doc: Document, f: Finding, colour: bool, width: int = EXCERPT) -> str:
    """The finding's line, trimmed around the change, with the change marked."""
    f = f.normalized()
    text = doc.text
    repl = f.replacement(text)
    line_lo = max(text.rfind("\n", 0, f.start) + 1, f.start - width)
    line_hi = text.find("\n", f.end)
    line_hi = len(text) if line_hi < 0 else line_hi
    line_hi = min(line_hi, f.end + width)
    before = text[line_lo:f.start].replace("\r", "")
    old = text[f.start:f.end]
    after = text[f.end:line_hi].replace("\r", "")
    lead = "…" if line_lo > 0 and text[line_lo - 1] != "\n" else ""
    tail = "…" if line_hi < len(text) and text[line_hi] not in "\r\n" else ""
    shown_old = _visible(old)
    if repl is None:
        mid = click.style(shown_old, underline=True, bold=True) if colour else f"[[{shown_old}]]"
    elif colour:
        mid = (click.style(shown_old, fg="red", strikethrough=True) if old else "") + \
              (click.style(_visible(repl), fg="green", bold=True) if repl else "")
    else:
        mid = (f"[-{shown_old}-]" if old else "") + (f"{{+{_visible(repl)}+}}" if repl else "")
    return f"{lead}{before}{mid}{after}{tail}"


def _visible(s: str) -> str:
    """Make line breaks and lone spaces visible inside a one-line excerpt."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if len(s) > 160:
        s = s[:70] + " … " + s[-70:]
    s = s.replace("\n", "⏎")
    return s if s.strip() else s.replace(" ", "␣")


def finding_text(doc: Document, path: str, f: Finding, colour: bool) -> str:
    line, col = doc.line_col(f.normalized().start)
    tier = f.tier.value
    if colour:
        tier = click.style(tier, fg=TIER_COLOURS[f.tier], bold=True)
    head = f"{path}:{line}:{col}: {tier} {f.category} [{f.rule}] {f.message}"
    ev = f.evidence.get("lm_margin")
    if ev is not None:
        head += f" (LM margin {ev:+.2f})"
    return f"{head}\n    {word_diff(doc, f, colour)}"


def summary(counts: Counter, files: int) -> str:
    total = sum(counts.values())
    if not total:
        return f"no findings in {files} file{'s' * (files != 1)}"
    parts = ", ".join(f"{counts[t]} {t.value}" for t in Tier if counts[t])
    return (f"{total} finding{'s' * (total != 1)} ({parts}) in {files} file{'s' * (files != 1)}; "
            f"`mtfix fix` applies the safe ones, `--suggested` adds the suggested ones")
