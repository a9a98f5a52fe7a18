"""``mtfix report``: one self-contained HTML page for an editor to review changes.

The page holds the article, every finding and the little JavaScript that shows
them: the article with changes marked inline, a side-by-side view, a checkbox
per change (the safe ones ticked, as ``mtfix fix`` would apply them), filters
by tier and category, counts per class, an edit box per change, and an
"Export decisions" button that saves a JSON file for ``mtfix apply``.
Nothing is fetched from the network: the page works from a mail attachment.

The export names the document by the SHA-256 of its text, and every decision
carries its own edits (offsets into that text), so ``mtfix apply`` does not
need to re-run the rules and refuses a file that has changed since.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from mtfix import __version__
from mtfix.cli.common import check_for_review, engine_options, guarded
from mtfix.document import Document
from mtfix.model import CATEGORIES, Finding, Tier

TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.html"


def report_data(path: str, text: str, findings: list[Finding]) -> dict[str, Any]:
    """Everything the page shows, as plain JSON. The changes ticked at first are
    the safe ones that the resolver would apply, so the page opens on the same
    result as ``mtfix fix``."""
    from mtfix.decisions import doc_hash
    from mtfix.render import _jsonable
    from mtfix.resolve import resolve

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
            "checked": id(f) in applied,
            "evidence": _jsonable(f.evidence) if f.evidence else {},
        })
    stem = Path(path).stem if path not in ("-", "<stdin>") else "stdin"
    return {"path": path, "sha256": doc_hash(text), "text": text, "changes": changes,
            "categories": CATEGORIES, "generator": f"mtfix {__version__}",
            "export_name": f"{stem}.decisions.json"}


def render_html(data: dict[str, Any]) -> str:
    """The template with the data inlined. ``<`` is escaped inside the JSON so
    that no text in the article can close the script element."""
    import html

    template = TEMPLATE.read_text(encoding="utf-8")
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    blob = blob.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    title = html.escape(Path(data["path"]).name)
    return template.replace("__TITLE__", title, 1).replace("__DATA__", blob, 1)


@click.command("report")
@click.argument("path")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (e.g. report.html).")
@click.option("--tier", "min_tier", type=click.Choice([t.value for t in Tier]), default="review",
              show_default=True, help="Include findings of this tier and above.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Decisions log used for auto-demotion (default: as `mtfix review`).")
@engine_options
@guarded
def report_cmd(path, output, min_tier, db, encoding, **kw) -> None:
    """Write a self-contained HTML page to review PATH's changes in a browser.

    Tick or untick changes, then "Export decisions" and run
    `mtfix apply PATH --decisions PATH.decisions.json`.
    """
    from mtfix.textio import write_atomic

    _, src, _, findings = check_for_review(path, encoding, kw, db, min_tier)
    page = render_html(report_data(src.display, src.text, findings))
    existed = Path(output).exists()
    write_atomic(output, page.encode("utf-8"), None)
    if not existed:  # a page is for sharing: honour the umask, not mkstemp's 0600
        _chmod_default(output)
    n_safe = sum(f.tier is Tier.SAFE for f in findings)
    click.echo(f"mtfix: {output}: {len(findings)} findings ({n_safe} safe, ticked); open it in a "
               f"browser, then `mtfix apply {path} --decisions <exported .json>`", err=True)


def _chmod_default(path: Path) -> None:
    import os

    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(path, 0o666 & ~mask)
    except OSError:
        pass
