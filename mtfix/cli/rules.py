"""``mtfix rules``: list, show, test, validate and start rewrite rules.

These commands are for people writing rules (docs/rules.md), so every problem
in a rule file is one ``file:line: message`` line and exit code 2, and a failing
example says where it is, what was expected and what came out (exit 1). The
work is done by :mod:`mtfix.rules.authoring`; this module reads the flags and
prints.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from mtfix.cli.common import engine_options, guarded, make_engine, settings_from_flags
from mtfix.rules import authoring, builtin_rules_dir


@click.group()
def rules() -> None:
    """List, show, test, check and create rewrite rules (see docs/rules.md)."""


# -- list / show -------------------------------------------------------------

@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Also show type, LM flag and file:line.")
@engine_options
@guarded
def rules_list(fmt, verbose, encoding, **kw) -> None:
    """Every loaded rule: id, category, tier, pack, enabled.

    Built-in packs, the config file's rules and --rules folders, with the
    config's enable/disable and tier overrides applied.
    """
    pack = make_engine(**kw).pack.rules
    if fmt == "json":
        click.echo(json.dumps({"rules": [authoring.describe(r) for r in pack]}, indent=2,
                              ensure_ascii=False))
        return
    for line in authoring.table(pack, verbose):
        click.echo(line)


@rules.command("show")
@click.argument("rule_id")
@engine_options
@guarded
def rules_show(rule_id, encoding, **kw) -> None:
    """A rule's definition and examples, as written in its file."""
    pack = make_engine(**kw).pack.rules
    click.echo(authoring.show(authoring.find(pack, rule_id), pack))


# -- test / check ------------------------------------------------------------

def _base_packs(no_builtin: bool, config_path: Path | None) -> list[Path]:
    """The built-in packs (unless --no-builtin) and the config's rule folders."""
    config_rules = settings_from_flags(config_path=config_path).rule_paths
    return ([] if no_builtin else [builtin_rules_dir()]) + list(config_rules)


def _authoring(fn):
    """PATHS, --no-builtin and --config, shared by `rules test` and `rules check`."""
    for d in reversed([
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--no-builtin", is_flag=True,
                     help="Do not load the built-in packs (they are loaded to catch duplicate ids)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                     help="Config file (default: mtfix.toml or pyproject.toml found upward)."),
    ]):
        fn = d(fn)
    return fn


@rules.command("test")
@_authoring
@click.option("-q", "--quiet", is_flag=True, help="Print failures only.")
@guarded
def rules_test(paths, no_builtin, config_path, quiet) -> None:
    """Run every rule's examples and counterexamples.

    PATHS are rule files or folders (default: the built-in packs and the
    config's rules). Exit 0: all pass; 1: a case failed; 2: a rule file is
    invalid or a pattern ran over the time limit.
    """
    run = authoring.run_all_examples(authoring.authoring_rules(paths, _base_packs(no_builtin, config_path)))
    for failure in run.failures:
        click.echo(str(failure))
    if not quiet:
        for warning in run.warnings():
            click.echo(warning, err=True)
    if run.failures or not quiet:
        click.echo(run.summary())
    raise click.exceptions.Exit(1 if run.failures else 0)


@rules.command("check")
@_authoring
@guarded
def rules_check(paths, no_builtin, config_path) -> None:
    """Validate rule files without running their examples (exit 2 on the first error)."""
    click.echo(authoring.check_summary(
        authoring.authoring_rules(paths, _base_packs(no_builtin, config_path))))


# -- new ---------------------------------------------------------------------

@rules.command("new")
@click.argument("rule_id")
@click.option("--pack", "pack_dir", type=click.Path(path_type=Path), default=None,
              help="Write PACK/RULE_ID.yaml (the folder is created); default: print the template.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file (its rule folders are checked for the id too).")
@guarded
def rules_new(rule_id, pack_dir, config_path) -> None:
    """Start a rule from a commented template that passes `mtfix rules test`."""
    authoring.check_rule_id(rule_id)  # a usage error comes before any config error
    text = authoring.new_rule(rule_id, pack_dir, _base_packs(False, config_path))
    if pack_dir is None:
        click.echo(text, nl=False)
        return
    target = authoring.write_new_rule(pack_dir, rule_id, text)
    click.echo(f"wrote {target}; edit it, then run: mtfix rules test {pack_dir}", err=True)


# `mtfix rules stats` (what reviewers decided, per rule) is its own module.
from mtfix.cli.stats import stats_cmd  # noqa: E402

rules.add_command(stats_cmd, "stats")
