"""What every command shares: user errors as one line and exit 2, the engine
flags, building the engine, reading inputs.

Kept apart from the root group (:mod:`mtfix.cli`) so the command modules (review, report,
apply, rules) depend on this small module and the CLI root depends on them,
never the other way round.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Callable

import click

from mtfix.config import Config, find_config, load_config
from mtfix.document import Document
from mtfix.engine import Engine, Options
from mtfix.errors import MtfixError
from mtfix.model import CATEGORIES, Finding, Tier
from mtfix.textio import Source, read_source, write_atomic


def fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"mtfix: error: {message}", err=True)
    return click.exceptions.Exit(2)


def guarded(fn: Callable) -> Callable:
    """Turn user errors into one line and exit code 2."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except MtfixError as e:
            raise fail(str(e)) from None
        except KeyboardInterrupt:
            click.echo("mtfix: interrupted", err=True)
            raise click.exceptions.Exit(130) from None
    return wrapper


def engine_options(fn: Callable) -> Callable:
    """Flags shared by every command that checks text."""
    decorators = [
        click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
                     help="Extra rule folder or file (repeatable)."),
        click.option("--no-builtin", is_flag=True, help="Do not load the built-in rule packs."),
        click.option("--lm/--no-lm", "lm", default=None,
                     help="Use the language model to decide fixes (default: on when installed)."),
        click.option("--model", default=None, metavar="NAME",
                     help="Causal LM: a local path or a Hugging Face id (default: SmolLM2-135M)."),
        click.option("--grammar/--no-grammar", "grammar", default=None,
                     help="Add LanguageTool's findings (default: on when installed)."),
        click.option("--select", multiple=True, metavar="RULE|CATEGORY",
                     help="Only these rules or categories (repeatable, comma-separated)."),
        click.option("--ignore", multiple=True, metavar="RULE|CATEGORY",
                     help="Leave out these rules or categories (repeatable, comma-separated)."),
        click.option("--encoding", default=None, help="Input encoding (default: UTF-8, else cp1252)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                     help="Config file (default: mtfix.toml or pyproject.toml found upward)."),
    ]
    for d in reversed(decorators):
        fn = d(fn)
    return fn


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def make_engine(rule_paths=(), no_builtin=False, lm=None, model=None, grammar=None, select=(),
                ignore=(), config_path=None, **_ignored) -> Engine:
    config: Config = load_config(config_path) if config_path else find_config()
    opts = Options(rule_paths=list(rule_paths), builtin=not no_builtin, lm=lm, model=model,
                   grammar=grammar, select=_split(select), ignore=_split(ignore), config=config)
    engine = Engine(opts)
    engine.pack  # load and validate rules before reading any input
    _warn_unknown_names(engine)
    return engine


def _warn_unknown_names(engine: Engine) -> None:
    """A misspelt ``--select`` would silently fix nothing: name every
    ``--select``/``--ignore`` entry that matches no rule id or category (rule
    packs, the LM's garbled-sentence rule, LanguageTool's ``lt:`` rules)."""
    from mtfix import languagetool
    from mtfix.ranker import GARBLED_RULE

    pack = engine.pack
    lt_category = engine.config.table("languagetool").get("category", languagetool.DEFAULTS["category"])
    known = ({r.id for r in pack.rules} | {r.category for r in pack.rules} | set(CATEGORIES)
             | {GARBLED_RULE, str(lt_category)})
    for flag, names in (("--select", engine.options.select), ("--ignore", engine.options.ignore)):
        for n in names:
            hit = n in known or n.startswith(languagetool.RULE_PREFIX) or (
                n.endswith("*") and any(k.startswith(n[:-1]) for k in known))
            if not hit:
                click.echo(f"mtfix: {flag} {n}: no rule or category of that name "
                           f"(see `mtfix rules list`)", err=True)


def plural(n: int, noun: str) -> str:
    """``1 fix``, ``2 fixes``, ``3 changes``."""
    tail = "" if n == 1 else ("es" if noun.endswith(("x", "s", "sh", "ch")) else "s")
    return f"{n} {noun}{tail}"


def write_result(src: Source, text: str, *, applied: int, output: Path | None = None,
                 in_place: bool = False, backup: bool = True, noun: str = "fix",
                 nothing: str = "nothing to fix", announce_output: bool = False) -> None:
    """Write a cleaned text where the user asked, the same way for every command.

    ``in_place`` rewrites the input atomically (with ``PATH.bak`` unless
    ``backup`` is false) and says how many changes went in; ``output`` writes a
    new file atomically; otherwise the bytes go to stdout. The text is encoded
    as it was read (encoding, BOM), so untouched bytes stay identical.
    """
    if in_place:
        if text != src.text:
            saved = write_atomic(src.path, src.encode(text), ".bak" if backup else None)
            note = f" (backup: {saved})" if saved else ""
            click.echo(f"mtfix: {src.display}: {plural(applied, noun)} applied{note}", err=True)
        else:
            click.echo(f"mtfix: {src.display}: {nothing}", err=True)
    elif output:
        write_atomic(output, src.encode(text), None)
        if announce_output:
            click.echo(f"mtfix: {output}: {plural(applied, noun)} applied", err=True)
    else:
        sys.stdout.buffer.write(src.encode(text))
        sys.stdout.buffer.flush()


def read_inputs(paths: tuple[str, ...], encoding: str | None) -> list[Source]:
    sources = []
    for p in paths:
        src = read_source(p, encoding)
        if src.notice:
            click.echo(f"mtfix: {src.notice}", err=True)
        sources.append(src)
    return sources


def check_for_review(path: str, encoding: str | None, kw: dict, db: Path | None = None,
                     min_tier: str = "review") -> tuple[Engine, Source, Document, list[Finding]]:
    """Read one input and check it the way `review` and `report` show it:
    rules that reviewers keep rejecting demoted, findings below ``min_tier``
    left out. The engine is closed (no server left running) but its config
    stays readable."""
    engine = make_engine(**kw)
    engine.options.demote, engine.options.decisions_db = True, db  # see mtfix.decisions.demote
    (src,) = read_inputs((path,), encoding)
    doc = Document(src.text, src.display)
    try:
        findings = engine.check(doc)
    finally:
        engine.close()
    floor = Tier(min_tier).rank
    return engine, src, doc, [f for f in findings if f.tier.rank >= floor]
