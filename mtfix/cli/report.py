"""``mtfix report``: write the HTML review page (:mod:`mtfix.report` builds it)."""
from __future__ import annotations

from pathlib import Path

import click

from mtfix.cli.common import check_for_review, engine_options, guarded, refuse_same_file
from mtfix.model import Tier
from mtfix.report import render_html, report_data
from mtfix.textio import write_atomic


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
    _, src, _, findings = check_for_review(path, encoding, kw, db, min_tier)
    refuse_same_file(src, output)
    page = render_html(report_data(src.display, src.text, findings))
    write_atomic(output, page.encode("utf-8"), None)  # a new page gets the umask's permissions
    n_safe = sum(f.tier is Tier.SAFE for f in findings)
    click.echo(f"mtfix: {output}: {len(findings)} findings ({n_safe} safe, ticked); open it in a "
               f"browser, then `mtfix apply {path} --decisions <exported .json>`", err=True)
