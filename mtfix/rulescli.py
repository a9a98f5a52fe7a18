"""``mtfix rules``: list, show, test, validate and start rewrite rules.

These commands are for people writing rules (docs/rules.md), so every problem
in a rule file is one ``file:line: message`` line and exit code 2, and a failing
example says where it is, what was expected and what came out (exit 1).
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from mtfix.cli.common import engine_options, fail, guarded, make_engine


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
    engine = make_engine(**kw)
    pack = engine.pack.rules
    if fmt == "json":
        click.echo(json.dumps({"rules": [_describe(r) for r in pack]}, indent=2, ensure_ascii=False))
        return
    head = ("id", "category", "tier", "pack", "enabled") + (("type", "lm", "where") if verbose else ())
    rows = [(r.id, r.category, r.tier.value, r.pack, "yes" if r.enabled else "no")
            + ((r.type, "yes" if r.lm else "", r.where) if verbose else ()) for r in pack]
    widths = [max(len(x[i]) for x in rows + [head]) for i in range(len(head))]
    for row in [head] + rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    on = sum(r.enabled for r in pack)
    click.echo(f"{len(pack)} rules, {on} enabled")


def _describe(r) -> dict:
    return {"id": r.id, "category": r.category, "tier": r.tier.value, "pack": r.pack,
            "enabled": r.enabled, "type": r.type, "lm": r.lm, "file": r.path, "line": r.line,
            "message": r.message, "examples": len(r.examples),
            "counterexamples": len(r.counterexamples)}


@rules.command("show")
@click.argument("rule_id")
@engine_options
@guarded
def rules_show(rule_id, encoding, **kw) -> None:
    """A rule's definition and examples, as written in its file."""
    engine = make_engine(**kw)
    rule = engine.pack.get(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in engine.pack.rules], n=3)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise fail(f"unknown rule {rule_id!r}{hint}; `mtfix rules list` shows them all")
    click.echo(f"{rule.id}  [{rule.category}, {rule.tier.value}, "
               f"{'enabled' if rule.enabled else 'disabled'}{', lm' if rule.lm else ''}]")
    click.echo(f"pack {rule.pack or '-'}: {rule.where}")
    click.echo("")
    click.echo(_source(rule, engine.pack.rules))


def _source(rule, all_rules) -> str:
    """The rule's own lines from its file (comments above the next rule excluded)."""
    try:
        lines = Path(rule.path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        return f"(cannot read {rule.path}: {e.strerror or e})"
    start = max(rule.line - 1, 0)
    later = [r.line for r in all_rules if r.path == rule.path and r.line > rule.line]
    end = min(later) - 1 if later else len(lines)
    body = lines[start:end]
    for i, ln in enumerate(body[1:], 1):  # a top-level key ends the rules list
        if ln[:1] not in ("", " ", "\t", "#", "-"):
            body = body[:i]
            break
    while body and (not body[-1].strip() or body[-1].lstrip().startswith("#")):
        body.pop()
    if body and body[0].lstrip().startswith("- "):
        first = body[0]
        indent = len(first) - len(first.lstrip())
        body[0] = " " * indent + "  " + first.lstrip()[2:]
    return textwrap.dedent("\n".join(body))


# -- test / check ------------------------------------------------------------

def _load_for_authoring(paths, no_builtin: bool, config_path):
    """Load the packs named on the command line after the built-in ones.

    The built-in packs (and the config's rule folders) are loaded first so that
    an id clash is caught here, as ``check --rules`` would; only the rules from
    ``paths`` are returned. Without paths: the built-in and config rules.
    """
    from mtfix.config import find_config, load_config
    from mtfix.rules import builtin_rules_dir, load_pack, rule_files
    from mtfix.yamlio import RuleFileError

    config = load_config(config_path) if config_path else find_config()
    base = ([] if no_builtin else [builtin_rules_dir()]) + config.rule_paths()
    if not paths:
        return load_pack(base).rules
    mine = [Path(p).resolve() for p in paths]
    base = [b for b in base if Path(b).resolve() not in mine]
    pack = load_pack(base)
    n = len(pack.rules)
    for p in paths:
        if not rule_files(Path(p)):
            raise RuleFileError(p, None, "no .yaml or .yml rule files here")
    load_pack(paths, pack)
    return pack.rules[n:]


authoring_options = [
    click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
    click.option("--no-builtin", is_flag=True,
                 help="Do not load the built-in packs (they are loaded to catch duplicate ids)."),
    click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                 help="Config file (default: mtfix.toml or pyproject.toml found upward)."),
]


def _authoring(fn):
    for d in reversed(authoring_options):
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
    from mtfix.rules import run_examples

    rules_ = _load_for_authoring(paths, no_builtin, config_path)
    failures, cases, bare = [], 0, []
    for rule in rules_:
        cases += len(rule.examples) + len(rule.counterexamples)
        if not rule.examples:
            bare.append(rule)
        failures += run_examples(rule)
    for fl in failures:
        click.echo(str(fl))
    if not quiet:
        for rule in bare:
            click.echo(f"{rule.where}: rule {rule.id!r}: warning: no examples", err=True)
    files = len({r.path for r in rules_})
    status = (f"{len(rules_)} rules in {files} files, {cases} cases: "
              f"{cases - len(failures)} passed, {len(failures)} failed")
    if failures or not quiet:
        click.echo(status)
    raise click.exceptions.Exit(1 if failures else 0)


@rules.command("check")
@_authoring
@guarded
def rules_check(paths, no_builtin, config_path) -> None:
    """Validate rule files without running their examples (exit 2 on the first error)."""
    rules_ = _load_for_authoring(paths, no_builtin, config_path)
    files = len({r.path for r in rules_})
    click.echo(f"{len(rules_)} rules in {files} files OK")


# -- new ---------------------------------------------------------------------

TEMPLATE = """\
# A rule pack for mtfix: every .yaml file in this folder is read.
# Use it with:   mtfix check --rules {folder} ARTICLE.txt
# Test it with:  mtfix rules test {folder}
# The format, with a tutorial: docs/rules.md
rules:
  - id: {id}
    # What the reader is told. {{match}} is the matched text, {{replacement}}
    # the proposed text, {{1}} or {{name}} a group of the pattern.
    message: "'{{match}}' is a French calque; write '{{replacement}}'"
    # One of: residue typography quotes pronouns titles dates sentences
    # calques acronyms encoding consistency grammar custom
    category: calques
    # safe: applied by `mtfix fix`; suggested: applied with --suggested;
    # review: only flagged.
    tier: suggested
    # A regular expression (Python `regex` module). \\b is a word edge,
    # (?i) ignores case, (...) is group 1, (?P<name>...) a named group.
    pattern: '(?i)\\bin the measure where\\b'
    # The new text; may use \\1 or \\g<name>. null only flags the match.
    replacement: "insofar as"
    # Give the replacement the case of the match ("In the..." -> "Insofar...").
    preserve_case: true
    # Optional conditions: sentence_start, in_quotes, in_heading,
    # after_capital, before_capital (true or false); preceded_by,
    # followed_by, not_preceded_by, not_followed_by (regular expressions).
    in_quotes: false
    # Ask the language model to confirm each fix (slower; see docs/rules.md).
    lm: false
    # Each example must be flagged; with `fixed`, fixing must give exactly that.
    examples:
      - text: "The plan will work in the measure where the allies agree."
        fixed: "The plan will work insofar as the allies agree."
      - text: "In the measure where it is possible, talks will resume."
        fixed: "Insofar as it is possible, talks will resume."
    # Texts the rule must leave alone.
    counterexamples:
      - "He took the measure of the crisis."
      - 'She said: "in the measure where we can".'
"""


@rules.command("new")
@click.argument("rule_id")
@click.option("--pack", "pack_dir", type=click.Path(path_type=Path), default=None,
              help="Write PACK/RULE_ID.yaml (the folder is created); default: print the template.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file (its rule folders are checked for the id too).")
@guarded
def rules_new(rule_id, pack_dir, config_path) -> None:
    """Start a rule from a commented template that passes `mtfix rules test`."""
    import re

    from mtfix.config import find_config, load_config
    from mtfix.rules import builtin_rules_dir, load_pack

    if not re.fullmatch(r"[A-Za-z0-9][\w.:-]*", rule_id):
        raise fail(f"bad rule id {rule_id!r}: use letters, digits, '_', '-', '.', ':'")
    config = load_config(config_path) if config_path else find_config()
    sources = [builtin_rules_dir(), *config.rule_paths()]
    if pack_dir is not None and pack_dir.is_dir():
        sources.append(pack_dir)
    existing = load_pack([s for s in dict.fromkeys(sources) if Path(s).exists()]).get(rule_id)
    if existing is not None:
        raise fail(f"rule id {rule_id!r} already exists at {existing.where}")
    folder = str(pack_dir) if pack_dir is not None else "MY-RULES/"
    text = TEMPLATE.format(id=rule_id, folder=folder)
    if pack_dir is None:
        click.echo(text, nl=False)
        return
    target = pack_dir / f"{rule_id}.yaml"
    if target.exists():
        raise fail(f"{target} already exists")
    try:
        pack_dir.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise fail(f"cannot write {target}: {e.strerror or e}") from None
    click.echo(f"wrote {target}; edit it, then run: mtfix rules test {pack_dir}", err=True)


# `mtfix rules stats` lives with the decisions log it reads.
from mtfix.decisions import stats_cmd  # noqa: E402

rules.add_command(stats_cmd, "stats")
