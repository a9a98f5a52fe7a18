"""``mtfix apply``: apply the decisions exported from the HTML report
(:mod:`mtfix.apply` checks and plans them), then log them."""
from __future__ import annotations

from pathlib import Path

import click

from mtfix import decisions
from mtfix.apply import apply_decisions, load_decisions
from mtfix.cli.common import fail, guarded, read_inputs, settings_from_flags, write_result
from mtfix.errors import DecisionsError


@click.command("apply")
@click.argument("path")
@click.option("--decisions", "decisions_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The JSON file exported from `mtfix report`.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the result to this file (atomically).")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite PATH atomically, keeping PATH.bak.")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no backup.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Decisions log (default: as `mtfix review`).")
@click.option("--no-log", is_flag=True, help="Do not record these decisions in the log.")
@click.option("--encoding", default=None, help="Input encoding (default: UTF-8, else cp1252).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file (default: mtfix.toml or pyproject.toml found upward).")
@guarded
def apply_cmd(path, decisions_path, output, in_place, no_backup, db, no_log, encoding,
              config_path) -> None:
    """Apply the decisions exported from `mtfix report` to PATH (stdout by default)."""
    if in_place and path == "-":
        raise fail("--in-place needs a file, not stdin")
    if output and in_place:
        raise fail("choose one of -o and --in-place")
    review = settings_from_flags(config_path=config_path, decisions_db=db).review
    data = load_decisions(decisions_path)
    (src,) = read_inputs((path,), encoding)
    res, records = apply_decisions(src.text, src.display, data, decisions_path)
    write_result(src, res.text, applied=len(res.applied), output=output, in_place=in_place,
                 backup=not no_backup, noun="change", nothing="nothing to apply",
                 announce_output=True)
    if no_log or not review.log:
        return
    try:
        decisions.record(review.db or decisions.default_db_path(), src.text, src.display, records,
                         via="report")
    except DecisionsError as e:
        click.echo(f"mtfix: warning: decisions not logged: {e}", err=True)
