"""``mtfix rules``: list, show, test and validate rewrite rules."""
from __future__ import annotations

from pathlib import Path

import click

from mtfix.cli import engine_options, guarded, make_engine


# -- rules -----------------------------------------------------------------

@click.group()
def rules() -> None:
    """List, show and test rewrite rules."""


@rules.command("list")
@engine_options
@guarded
def rules_list(encoding, **kw) -> None:
    """Every loaded rule: id, category, tier, pack, enabled."""
    engine = make_engine(**kw)
    rows = [(r.id, r.category, r.tier.value, r.pack, "yes" if r.enabled else "no")
            for r in engine.pack.rules]
    widths = [max(len(x[i]) for x in rows + [("id", "category", "tier", "pack", "enabled")])
              for i in range(5)]
    for row in [("id", "category", "tier", "pack", "enabled")] + rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True)
@guarded
def rules_test(paths, quiet) -> None:
    """Run every rule's examples and counterexamples (default: the built-in pack)."""
    from mtfix.rules import builtin_rules_dir, load_pack, run_examples

    pack = load_pack(list(paths) or [builtin_rules_dir()])
    failures, cases = [], 0
    for rule in pack.rules:
        cases += len(rule.examples) + len(rule.counterexamples)
        failures += run_examples(rule)
    for fl in failures:
        click.echo(str(fl))
    status = f"{len(pack.rules)} rules, {cases} cases: {cases - len(failures)} passed, {len(failures)} failed"
    if failures or not quiet:
        click.echo(status)
    raise click.exceptions.Exit(1 if failures else 0)


@rules.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@guarded
def rules_check(paths) -> None:
    """Validate rule files without running them."""
    from mtfix.rules import load_pack

    pack = load_pack(list(paths))
    click.echo(f"{len(pack.rules)} rules OK")


# `mtfix rules stats` lives with the decisions log it reads.
from mtfix.decisions import stats_cmd  # noqa: E402

rules.add_command(stats_cmd, "stats")
