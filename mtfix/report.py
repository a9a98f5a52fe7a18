"""``mtfix report``: one self-contained HTML page for an editor to review changes.

The page holds the article, every finding and the little JavaScript that shows
them: the article with changes marked inline, a side-by-side view, a checkbox
per change (the safe ones ticked, as ``mtfix fix`` would apply them), filters
by tier and category, counts per class, an edit box per change, and an
"Export decisions" button that saves a JSON file for ``mtfix apply``.
Nothing is fetched from the network: the page works from a mail attachment.
This module builds the page; the command is :mod:`mtfix.cli.report`.

The export names the document by the SHA-256 of its text, and every decision
carries its own edits (offsets into that text), so ``mtfix apply`` does not
need to re-run the rules and refuses a file that has changed since.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from mtfix import __version__
from mtfix.decisions import doc_hash
from mtfix.document import Document
from mtfix.model import CATEGORIES, Finding, Tier
from mtfix.resolve import resolve
from mtfix.serialize import jsonable

TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.html"
#: The template's placeholders, each filled once, in one pass over the template.
PLACEHOLDER = re.compile(r"__(TITLE|DATA)__")


def report_data(path: str, text: str, findings: list[Finding]) -> dict[str, Any]:
    """Everything the page shows, as plain JSON. The changes ticked at first are
    the safe ones that the resolver would apply, so the page opens on the same
    result as ``mtfix fix``."""
    doc = Document(text, path)
    ordered = sorted(findings, key=Finding.sort_key)
    applied = {id(f) for f in resolve(doc, ordered, {Tier.SAFE}).applied}
    changes = []
    for n, f in enumerate(ordered):
        g = f.normalized()
        line, col = doc.line_col(g.start)
        changes.append({
            "id": n, "rule": f.rule, "category": f.category, "tier": f.tier.value,
            "source": f.source, "message": f.message, "start": g.start, "end": g.end,
            "line": line, "column": col, "replacement": g.replacement(text),
            "edits": [[e.start, e.end, e.replacement] for e in f.fix.edits] if f.fix else [],
            "alternatives": [fx.apply_to(text, g.start, g.end) for fx in f.fixes[1:]
                             if fx.start >= g.start and fx.end <= g.end],
            "checked": id(f) in applied,
            "evidence": jsonable(f.evidence) if f.evidence else {},
        })
    stem = Path(path).stem if path not in ("-", "<stdin>") else "stdin"
    return {"path": path, "sha256": doc_hash(text), "text": text, "changes": changes,
            "categories": CATEGORIES, "generator": f"mtfix {__version__}",
            "export_name": f"{stem}.decisions.json"}


def render_html(data: dict[str, Any]) -> str:
    """The template with the data inlined. ``<`` is escaped inside the JSON so
    that no text in the article can close the script element.

    Every placeholder is filled in one pass over the template, so nothing put
    in can be read as a placeholder again: a file named ``__DATA__.txt`` once
    had the data blob pasted into its ``<title>``, leaving a blank page."""
    template = TEMPLATE.read_text(encoding="utf-8")
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    blob = blob.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    values = {"TITLE": html.escape(Path(data["path"]).name), "DATA": blob}
    found = [m.group(1) for m in PLACEHOLDER.finditer(template)]
    if sorted(found) != sorted(values):  # a broken install, not the user's input
        raise RuntimeError(f"{TEMPLATE}: expected each of {sorted(values)} once, found {found}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
