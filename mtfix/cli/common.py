"""What every command shares: user errors as one line and exit 2, the engine
flags, building the engine, reading inputs.

Kept apart from the root group (:mod:`mtfix.cli`) so the command modules (review, report,
apply, rules) depend on this small module and the CLI root depends on them,
never the other way round.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Callable

import click

from mtfix.document import Document
from mtfix.engine import Engine
from mtfix.errors import MtfixError, OutputError
from mtfix.model import CATEGORIES, Finding, Tier
from mtfix.settings import Settings, load_settings
from mtfix.textio import Source, read_source, write_atomic


def fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"mtfix: error: {message}", err=True)
    return click.exceptions.Exit(2)


def guarded(fn: Callable) -> Callable:
    """Turn user errors into one line and exit code 2.

    Output is flushed before the command returns, so a full disk (``>
    /dev/full``) is an error line and exit 2 too, and a reader that went away
    (``| head -1``) ends the run quietly.
    """
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            try:
                return fn(*args, **kwargs)
            finally:
                sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
            raise click.exceptions.Exit(1) from None
        except MtfixError as e:
            raise fail(str(e)) from None
        except KeyboardInterrupt:
            click.echo("mtfix: interrupted", err=True)
            raise click.exceptions.Exit(130) from None
        except OSError as e:  # writing the output (stdout on a full disk, a dead terminal)
            _silence_stdout()
            raise fail(f"cannot write the output: {e.strerror or e}") from None
    return wrapper


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class uninterrupted:
    """Ctrl-C and SIGTERM wait while a result is written and reported: an
    interrupt must not say "interrupted" about a file that was written."""

    def __enter__(self) -> "uninterrupted":
        import signal
        import threading

        self.saved = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, signal.SIG_IGN)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        for sig, handler in self.saved.items():
            signal.signal(sig, handler)


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


def settings_from_flags(rule_paths=(), no_builtin=False, lm=None, model=None, grammar=None,
                        select=(), ignore=(), config_path=None, **more) -> Settings:
    """The run's settings: these flags over the config file (``--config``, else
    the nearest one upward) over the environment. ``more`` are other
    :class:`~mtfix.settings.Settings` fields a command sets (``demote``,
    ``decisions_db``)."""
    return load_settings(config_path or True, rule_paths=tuple(rule_paths) or None,
                         builtin=False if no_builtin else None, lm=lm, model=model, grammar=grammar,
                         select=_split(select) or None, ignore=_split(ignore) or None, **more)


def warn(message: str) -> None:
    """The engine's warnings on the command line: one line on stderr."""
    click.echo(f"mtfix: {message}", err=True)


def make_engine(*, on_warning: Callable[[str], None] = warn, names: bool = True, **flags) -> Engine:
    """An engine from the engine flags (see :func:`settings_from_flags`), its
    rules loaded and validated before any input is read. ``names`` false
    leaves the check of ``--select``/``--ignore`` names to the main process
    (a batch worker would repeat it)."""
    from mtfix.decisions import demoter

    settings = settings_from_flags(**flags)
    engine = Engine(settings, on_warning=on_warning, adjust=demoter(settings))
    engine.pack
    if names:
        _warn_unknown_names(engine)
    return engine


def _warn_unknown_names(engine: Engine) -> None:
    """A misspelt ``--select`` would silently fix nothing: name every
    ``--select``/``--ignore`` entry that matches no rule id or category (rule
    packs, the LM's garbled-sentence rule, LanguageTool's ``lt:`` rules)."""
    from mtfix.grammar import RULE_PREFIX
    from mtfix.lm.ranker import GARBLED_RULE

    pack, settings = engine.pack, engine.settings
    known = ({r.id for r in pack.rules} | {r.category for r in pack.rules} | set(CATEGORIES)
             | {GARBLED_RULE, settings.languagetool.category})
    for flag, names in (("--select", settings.select), ("--ignore", settings.ignore)):
        for n in names:
            hit = n in known or n.startswith(RULE_PREFIX) or (
                n.endswith("*") and any(k.startswith(n[:-1]) for k in known))
            if not hit:
                click.echo(f"mtfix: {flag} {n}: no rule or category of that name "
                           f"(see `mtfix rules list`)", err=True)


def plural(n: int, noun: str) -> str:
    """``1 fix``, ``2 fixes``, ``3 changes``."""
    tail = "" if n == 1 else ("es" if noun.endswith(("x", "s", "sh", "ch")) else "s")
    return f"{n} {noun}{tail}"


def refuse_same_file(src: Source, output: Path | None) -> None:
    """``-o`` naming the input itself would replace the article (``report -o
    ART.txt ART.txt`` wrote HTML over it): refused in every command."""
    if output is None or src.path == "-":
        return
    try:
        same = os.path.samefile(src.path, output)
    except OSError:
        return  # the output does not exist yet
    if same:
        raise OutputError(f"{output}: is the input file; use --in-place to rewrite it, or another name")


def write_result(src: Source, text: str, *, applied: int, output: Path | None = None,
                 in_place: bool = False, backup: bool = True, noun: str = "fix",
                 nothing: str = "nothing to fix", announce_output: bool = False,
                 announce: bool = True, say: Callable[[str], None] | None = None) -> Path | None:
    """Write a cleaned text where the user asked, the same way for every command.

    ``in_place`` rewrites the input atomically (with ``PATH.bak`` made from the
    bytes that were read, unless ``backup`` is false), refusing if the file
    changed since it was read, and says how many changes went in; ``output``
    writes a new file atomically; otherwise the bytes go to stdout. The text is
    encoded as it was read (encoding, BOM, stray bytes), so untouched bytes
    stay identical. Returns the backup's path, if one was made; ``announce``
    false leaves the in-place message to the caller (review's closing line).
    ``say`` gets the lines for stderr (a batch worker collects them, so they
    are printed in input order); a problem is an :class:`OutputError`.
    """
    if say is None:
        def say(line: str) -> None:
            click.echo(line, err=True)
    refuse_same_file(src, output)
    if in_place:
        if not src.regular:
            raise OutputError(f"{src.display}: --in-place needs a regular file (not a pipe, FIFO or device)")
        if text != src.text:
            links = os.stat(src.path).st_nlink
            with uninterrupted():
                saved = write_atomic(src.path, src.encode(text), ".bak" if backup else None,
                                     original=src.raw)
                note = f" (backup: {saved})" if saved else ""
                if announce:
                    say(f"mtfix: {src.display}: {plural(applied, noun)} applied{note}")
            if links > 1:
                say(f"mtfix: {src.display}: had {links} hard links; the other names still "
                    f"show the old text")
            return saved
        if announce and nothing:
            say(f"mtfix: {src.display}: {nothing}")
    elif output:
        write_atomic(output, src.encode(text), None)
        if announce_output:
            say(f"mtfix: {output}: {plural(applied, noun)} applied")
    else:
        sys.stdout.buffer.write(src.encode(text))
        sys.stdout.buffer.flush()
    return None


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
    engine = make_engine(**kw, demote=True, decisions_db=db)  # see mtfix.decisions.demote
    (src,) = read_inputs((path,), encoding)
    doc = Document(src.text, src.display)
    try:
        findings = engine.check(doc)
    finally:
        engine.close()
    floor = Tier(min_tier).rank
    return engine, src, doc, [f for f in findings if f.tier.rank >= floor]
