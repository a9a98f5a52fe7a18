"""Findings and changes as people read them in a terminal: marks or colours.

A change is drawn in the style of ``git diff --word-diff``: ``[-old-]{+new+}``
(``[[text]]`` for a flag without a fix) in plain output, red and green when
the output is a terminal. The runs come from :mod:`mtfix.worddiff`, which
``check`` and ``review`` share; only the colouring lives here, with click.
Every piece of article text, file name and message shown goes through
:func:`~mtfix.worddiff.printable`, so control and bidirectional-override
characters reach the terminal escaped.
"""
from __future__ import annotations

from collections import Counter

import click

from mtfix.cli.common import plural
from mtfix.document import Document
from mtfix.model import Finding, Tier
from mtfix.worddiff import marks, printable

TIER_COLOURS = {Tier.SAFE: "green", Tier.SUGGESTED: "yellow", Tier.REVIEW: "cyan"}
EXCERPT = 60  # characters of context either side of a change in `check`

_STYLES = {"delete": {"fg": "red", "strikethrough": True}, "insert": {"fg": "green", "bold": True},
           "flag": {"underline": True, "bold": True}}
_PLAIN = {"delete": "[-{}-]", "insert": "{{+{}+}}", "flag": "[[{}]]", "equal": "{}"}


def styled(runs: list[tuple[str, str]], colour: bool) -> str:
    """Runs from :func:`mtfix.worddiff.marks`, coloured or marked."""
    if colour:
        return "".join(click.style(s, **_STYLES[k]) if k in _STYLES else s for k, s in runs)
    return "".join(_PLAIN[k].format(s) for k, s in runs)


def word_diff(old: str, new: str | None, colour: bool) -> str:
    """old → new marked word by word: ``[-gone-]{+added+}`` or red/green."""
    return styled(marks(old, new), colour)


def tier_label(tier: Tier, colour: bool) -> str:
    return click.style(tier.value, fg=TIER_COLOURS[tier], bold=True) if colour else tier.value


def finding_line(doc: Document, f: Finding, colour: bool, width: int = EXCERPT) -> str:
    """The finding's line, trimmed around the change, with the change marked."""
    f = f.normalized()
    text = doc.text
    line_lo = max(text.rfind("\n", 0, f.start) + 1, f.start - width)
    line_hi = text.find("\n", f.end)
    line_hi = len(text) if line_hi < 0 else line_hi
    line_hi = min(line_hi, f.end + width)
    before = printable(text[line_lo:f.start].replace("\r", ""))
    after = printable(text[f.end:line_hi].replace("\r", ""))
    lead = "…" if line_lo > 0 and text[line_lo - 1] != "\n" else ""
    tail = "…" if line_hi < len(text) and text[line_hi] not in "\r\n" else ""
    mid = styled(marks(text[f.start:f.end], f.replacement(text), words=False, shorten=True), colour)
    return f"{lead}{before}{mid}{after}{tail}"


def finding_text(doc: Document, path: str, f: Finding, colour: bool) -> str:
    line, col = doc.line_col(f.normalized().start)
    head = (f"{printable(path)}:{line}:{col}: {tier_label(f.tier, colour)} {printable(f.category)} "
            f"[{printable(f.rule)}] {printable(f.message)}")
    ev = f.evidence.get("lm_margin")
    if ev is not None:
        head += f" (LM margin {ev:+.2f})"
    return f"{head}\n    {finding_line(doc, f, colour)}"


def summary(counts: Counter, files: int) -> str:
    total = sum(counts.values())
    if not total:
        return f"no findings in {plural(files, 'file')}"
    parts = ", ".join(f"{counts[t]} {t.value}" for t in Tier if counts[t])
    return (f"{plural(total, 'finding')} ({parts}) in {plural(files, 'file')}; "
            f"`mtfix fix` applies the safe ones, `--suggested` adds the suggested ones")
