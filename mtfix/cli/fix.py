"""``mtfix fix``: the article with fixes applied, to stdout, a file, in place or as a diff."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from mtfix.cli.common import engine_options, fail, guarded, make_engine, read_inputs, write_result
from mtfix.document import Document
from mtfix.model import Tier

@click.command()
@click.argument("path")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the cleaned text to this file (atomically).")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite PATH atomically, keeping PATH.bak.")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no backup.")
@click.option("--diff", "as_diff", is_flag=True, help="Print a unified diff (git apply / patch -p1).")
@click.option("--suggested", is_flag=True, help="Also apply suggested fixes, not only safe ones.")
@engine_options
@guarded
def fix(path, output, in_place, no_backup, as_diff, suggested, encoding, **kw) -> None:
    """Print the article with fixes applied (safe ones by default)."""
    if in_place and path == "-":
        raise fail("--in-place needs a file, not stdin")
    if sum(map(bool, (output, in_place, as_diff))) > 1:
        raise fail("choose one of -o, --in-place and --diff")
    engine = make_engine(**kw, demote=True)  # rules reviewers keep rejecting are not safe
    (src,) = read_inputs((path,), encoding)
    suggested = suggested or engine.settings.suggested  # `suggested = true` in the config
    tiers = {Tier.SAFE, Tier.SUGGESTED} if suggested else {Tier.SAFE}
    try:
        res = engine.fix(Document(src.text, src.display), tiers)
    finally:
        engine.close()
    for loser, winner in res.conflicts:
        click.echo(f"mtfix: {src.display}: [{loser.rule}] not applied: overlaps [{winner.rule}]",
                   err=True)
    if as_diff:
        from mtfix.diff import unified_diff

        prefix = "\ufeff" if src.bom else ""
        patch = unified_diff(prefix + src.text, prefix + res.text, src.display)
        sys.stdout.buffer.write(patch.encode(src.encoding, errors="strict"))
    else:
        write_result(src, res.text, applied=len(res.applied), output=output, in_place=in_place,
                     backup=not no_backup)
