"""``mtfix check``: list findings; exit 0 none, 1 some, 2 error."""
from __future__ import annotations

import sys
from collections import Counter

import click

from mtfix.cli.common import engine_options, guarded, make_engine, read_inputs
from mtfix.document import Document
from mtfix.model import Tier

@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--color/--no-color", "color", default=None, help="Colour (default: when a terminal).")
@click.option("--tier", "min_tier", type=click.Choice([t.value for t in Tier]), default="review",
              show_default=True, help="Show findings of this tier and above.")
@engine_options
@guarded
def check(paths, fmt, color, min_tier, encoding, **kw) -> None:
    """List findings. Exit 0: none, 1: some, 2: error. PATH '-' reads stdin."""
    engine = make_engine(**kw, demote=True)  # rules reviewers keep rejecting are not safe
    sources = read_inputs(paths, encoding)
    colour = sys.stdout.isatty() if color is None else color
    floor = Tier(min_tier).rank
    results, counts = [], Counter()
    try:
        for src in sources:
            doc = Document(src.text, src.display)
            findings = [f for f in engine.check(doc) if f.tier.rank >= floor]
            counts.update(f.tier for f in findings)
            results.append((src.display, doc, findings))
            if fmt == "text":
                for f in findings:
                    click.echo(_text(doc, src.display, f, colour))
    finally:
        engine.close()
    if fmt == "json":
        from mtfix.serialize import files_json

        click.echo(files_json(results), nl=False)
    else:
        from mtfix.cli.render import summary

        click.echo(summary(counts, len(sources)))
    raise click.exceptions.Exit(1 if sum(counts.values()) else 0)


def _text(doc, path, f, colour) -> str:
    from mtfix.cli.render import finding_text

    return finding_text(doc, path, f, colour)
