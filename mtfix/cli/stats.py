"""``mtfix rules stats``: what reviewers did with each rule's fixes.

The counts come from the decisions log (:mod:`mtfix.decisions`); this module
only finds the log and the demotion settings and prints a table or JSON.
:mod:`mtfix.cli.rules` attaches the command to the ``rules`` group.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from mtfix import decisions
from mtfix.cli.common import guarded, settings_from_flags


@click.command("stats")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Decisions log (default: config review.db, then $MTFIX_DECISIONS_DB, then the user data dir).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file (default: mtfix.toml or pyproject.toml found upward).")
@guarded
def stats_cmd(db, fmt, config_path) -> None:
    """Per-rule accepted / edited / rejected counts from reviews, and acceptance rates.

    The rate is accepted / (accepted + edited + rejected). A safe rule whose
    rate falls below review.demote_below over at least review.min_decisions
    decisions is demoted to suggested (marked 'demoted').
    """
    settings = settings_from_flags(config_path=config_path, decisions_db=db).review
    path = settings.db or decisions.default_db_path()
    table = decisions.stats(path)
    if fmt == "json":
        click.echo(json.dumps({"db": str(path), "rules": [
            {"rule": s.rule, "accepted": s.accepted, "edited": s.edited, "rejected": s.rejected,
             "skipped": s.skipped, "rate": None if s.rate is None else round(s.rate, 4),
             "demoted": s.demoted(settings)} for s in table.values()]}, indent=2))
        return
    if not table:
        click.echo(f"no decisions logged yet ({path})")
        return
    head = ("rule", "accepted", "edited", "rejected", "skipped", "rate", "")
    rows = [(s.rule, str(s.accepted), str(s.edited), str(s.rejected), str(s.skipped),
             "-" if s.rate is None else f"{s.rate:.0%}",
             "demoted" if s.demoted(settings) else "") for s in table.values()]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:-1], widths[1:-1])]
        click.echo("  ".join(cells + [r[-1]]).rstrip())
    total = sum(s.decided + s.skipped for s in table.values())
    click.echo(f"\n{total} decisions on {len(table)} rules in {path}\n"
               f"rate = accepted / (accepted + edited + rejected); a safe rule below "
               f"{settings.demote_below:.0%} over at least {settings.min_decisions} decisions "
               f"is demoted to suggested")
