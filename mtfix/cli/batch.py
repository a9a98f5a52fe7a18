"""Many files in one run: one engine per process, results in input order.

``--jobs 1`` checks every file in this process with the run's one engine (the
model loads once, LanguageTool starts once). ``--jobs N`` starts N worker
processes, each building its own engine once, and hands them files; results
come back in input order whatever finishes first, so the output of a run does
not depend on ``--jobs``. Only a bounded window of files is in flight, so
memory stays flat however many files there are. With grammar checking on,
the main process starts the one LanguageTool server and every worker uses it.

Each file's work ends in a picklable :class:`FileResult`: what goes to stdout
and stderr, already rendered, so that the main process only prints, in order.
A file that fails (undecodable, too large, unreadable, unwritable) is a result
with an ``error``: the run goes on. An error that would fail every file the
same way (a model named with ``--model`` that is not there, a bad rule file)
is ``fatal`` and ends the run with one line.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from mtfix.cli.walk import Item, looks_binary
from mtfix.document import Document
from mtfix.errors import InputError, MtfixError, RuleTimeout
from mtfix.markup import format_for_path
from mtfix.model import Tier
from mtfix.textio import read_source, write_atomic


@dataclass(frozen=True)
class Job:
    """What every file of the run gets done to it (sent once to each worker)."""

    mode: str  # "check" or "fix"
    flags: dict  # the engine flags (see mtfix.cli.common.settings_from_flags)
    encoding: str | None = None
    fmt: str = "text"  # check: the output format
    colour: bool = False
    min_tier: str = "review"
    suggested: bool = False  # fix: apply suggested fixes too
    output: Path | None = None  # fix -o
    output_dir: Path | None = None
    in_place: bool = False
    backup: bool = True
    as_diff: bool = False
    quiet_unchanged: bool = False  # many files in place: no "nothing to fix" per file
    env: tuple[tuple[str, str], ...] = ()  # set in each worker (the shared LanguageTool server)
    input_format: str = "auto"  # auto (by extension), text, html or markdown


@dataclass
class FileResult:
    """One input's outcome, everything already rendered: the main process only
    prints it, so a worker's output cannot interleave with another's."""

    index: int
    path: str  # as shown
    error: str | None = None
    fatal: str | None = None
    skipped: str | None = None  # why a file found in a folder was not read
    messages: list[str] = field(default_factory=list)  # stderr lines, in order
    warnings: list[str] = field(default_factory=list)  # the engine's, shown once per run
    findings: list[dict] = field(default_factory=list)  # the JSON contract's dicts
    ends: list[tuple[int, int]] = field(default_factory=list)  # (line, column) after each finding
    text: list[str] = field(default_factory=list)  # check --format text: one block per finding
    counts: Counter = field(default_factory=Counter)  # (tier, category) -> findings
    applied: int = 0
    output: str | None = None  # fix: where the cleaned text went (a file, or None for stdout)
    stdout: bytes = b""
    seconds: float = 0.0


# -- the worker side ------------------------------------------------------------
_JOB: Job | None = None
_ENGINE = None
_WARNINGS: list[str] = []


def init_worker(job: Job, engine=None) -> None:
    """Set up this process for ``job``: the given engine (``--jobs 1``) or a new one."""
    global _JOB, _ENGINE
    for k, v in job.env:
        os.environ[k] = v
    if engine is None:  # a worker process: Ctrl-C is the main process's to handle
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        from mtfix.cli.common import make_engine

        try:
            engine = make_engine(**job.flags, demote=True, on_warning=_WARNINGS.append, names=False)
        except MtfixError as e:  # reported by the first file's result
            engine = e
        except Exception as e:  # noqa: BLE001 - a worker that cannot start must say why
            engine = MtfixError(f"a worker could not start: {type(e).__name__}: {e}")
    else:
        engine.on_warning = _WARNINGS.append
    _JOB, _ENGINE = job, engine


def close_worker() -> None:
    global _ENGINE
    if _ENGINE is not None and not isinstance(_ENGINE, Exception):
        _ENGINE.close()
    _ENGINE = None


def process(task: tuple[int, Item]) -> FileResult:
    """Check or fix one input; never raises for a problem of that input."""
    index, item = task
    res = FileResult(index, "<stdin>" if item.path == "-" else item.path)
    t0 = time.monotonic()
    try:
        if isinstance(_ENGINE, MtfixError):
            raise _ENGINE
        if item.error is not None:
            raise InputError(item.error)
        if item.from_folder and looks_binary(item.path):
            res.skipped = "binary"
            return res
        src = item.source if item.source is not None else read_source(item.path, _JOB.encoding)
        if src.notice:
            res.messages.append(f"mtfix: {src.notice}")
        doc = Document(src.text, src.display)
        fmt = _JOB.input_format
        if fmt == "auto":
            fmt = "text" if item.path == "-" else format_for_path(item.path)
        if _JOB.mode == "check":
            _check(doc, res, _ENGINE.check_markup(src.text, fmt, src.display) if fmt != "text" else None)
        else:
            _fix(src, doc, item, res, fmt)
    except (InputError, RuleTimeout) as e:  # this input's problem: the run goes on
        res.error = str(e)
    except MtfixError as e:
        res.fatal = str(e)
    except Exception as e:  # a bug must not cost the user the other 9,999 files
        res.error = f"{res.path}: internal error ({type(e).__name__}: {e}); please report it"
    finally:
        res.seconds = time.monotonic() - t0
        res.warnings, _WARNINGS[:] = list(_WARNINGS), []
    return res


def _check(doc: Document, res: FileResult, found: list | None = None) -> None:
    from mtfix.serialize import finding_json

    floor = Tier(_JOB.min_tier).rank
    found = _ENGINE.check(doc) if found is None else found
    findings = [f for f in found if f.tier.rank >= floor]
    for f in findings:
        res.counts[(f.tier.value, f.category)] += 1
        rec = finding_json(doc, f)
        res.findings.append(rec)
        res.ends.append(doc.line_col(rec["end"]))
    if _JOB.fmt == "text":
        from mtfix.cli.render import finding_text

        res.text = [finding_text(doc, res.path, f, _JOB.colour) for f in findings]


def fix_tiers(job: Job) -> set[Tier]:
    """The tiers a ``fix`` job applies."""
    return {Tier.SAFE, Tier.SUGGESTED} if job.suggested else {Tier.SAFE}


def _fix(src, doc: Document, item: Item, res: FileResult, fmt: str = "text") -> None:
    from mtfix.cli.common import write_result

    job = _JOB
    tiers = fix_tiers(job)
    if fmt == "text":
        fixed = _ENGINE.fix(doc, tiers)
        applied, text = fixed.applied, fixed.text
        for loser, winner in fixed.conflicts:
            res.messages.append(f"mtfix: {src.display}: [{loser.rule}] not applied: overlaps [{winner.rule}]")
    else:  # HTML or Markdown: fixes carried back into the markup, or refused
        marked = _ENGINE.fix_markup(src.text, fmt, tiers, src.display)
        applied, text = [f for f, _ in marked.applied], marked.source
        for f, why in marked.refused:
            res.messages.append(f"mtfix: {src.display}: [{f.rule}] not applied: {why} in the {fmt}")
    res.applied = len(applied)
    for f in applied:
        res.counts[(f.tier.value, f.category)] += 1
    if job.as_diff:
        from mtfix.diff import unified_diff

        prefix = "\ufeff" if src.bom else ""
        patch = unified_diff(prefix + src.text, prefix + text, src.display)
        res.stdout = patch.encode(src.encoding, errors="strict")
    elif job.output_dir is not None:
        if item.path == "-":
            raise InputError("--output-dir needs files, not stdin")
        target = job.output_dir / item.rel
        _refuse_overwriting_input(src, target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"{target.parent}: cannot create the folder: {e.strerror or e}") from None
        write_atomic(target, src.encode(text), None)
        res.output = str(target)
    elif job.output is None and not job.in_place:
        res.stdout = src.encode(text)
    else:
        nothing = "" if job.quiet_unchanged else "nothing to fix"
        write_result(src, text, applied=res.applied, output=job.output, in_place=job.in_place,
                     backup=job.backup, say=res.messages.append, nothing=nothing)
        res.output = str(job.output) if job.output is not None else src.path


def _refuse_overwriting_input(src, target: Path) -> None:
    try:
        same = os.path.samefile(src.path, target)
    except OSError:
        return
    if same:
        raise InputError(f"{target}: is the input file; use --in-place to rewrite it")


# -- the main process's side ------------------------------------------------------
#: Files in flight per worker: enough to keep each busy, few enough to keep memory flat.
WINDOW = 4


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run(job: Job, items: list[Item], jobs: int, engine) -> Iterator[FileResult]:
    """Results for ``items`` in their order: in this process with ``engine``
    (``jobs`` 1, or a single input), else in ``jobs`` worker processes."""
    tasks = list(enumerate(items))
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        init_worker(job, engine)
        for t in tasks:
            yield process(t)
        return
    yield from _pool(job, tasks, jobs)


def _context():
    """fork where it is safe (Linux, and no torch loaded in this process:
    a forked torch can deadlock), else spawn."""
    import multiprocessing as mp

    if sys.platform.startswith("linux") and "torch" not in sys.modules:
        return mp.get_context("fork")
    return mp.get_context("spawn")


def _pool(job: Job, tasks: list, jobs: int) -> Iterator[FileResult]:
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=init_worker, initargs=(job,))
    pending: deque = deque()
    it = iter(tasks)
    try:
        for t in it:
            pending.append(pool.submit(process, t))
            if len(pending) >= jobs * WINDOW:
                break
        while pending:
            fut = pending.popleft()
            try:
                res = fut.result()
            except BrokenProcessPool:
                raise MtfixError("a worker process died (out of memory?); run again with --jobs 1 "
                                 "to find the file") from None
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(process, nxt))
            yield res
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def shared_languagetool(engine, jobs: int, count: int, job: Job | None = None):
    """With several workers and grammar checking on, start the run's one
    LanguageTool server here and hand its address to the workers. Returns the
    backend to close at the end (None when there is nothing to share, or a
    ``fix`` ``job`` no LanguageTool rule can change)."""
    lt = engine.settings.languagetool
    if jobs <= 1 or count <= 1 or engine.settings.grammar is False or lt.server_url:
        return None
    if job is not None and job.mode == "fix" and engine.languagetool_rules(fix_tiers(job)).empty:
        return None
    from mtfix import grammar

    backend = grammar.LanguageToolBackend(lt)
    ok, why = backend.available()
    if not ok:
        return None  # each worker says why, once for the run
    try:
        backend.url
    except MtfixError:
        backend.close()
        return None
    return backend
