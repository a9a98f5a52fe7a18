"""The loop ``check`` and ``fix`` share: expand the paths, run the files,
print each result in order, summarise, choose the exit code.

Exit code: 2 if any input failed, else 1 if there were findings (``check``),
else 0. An input that fails is one line ``mtfix: error: PATH: why`` on stderr
and the run goes on; an engine warning (the model is off, LanguageTool did not
start) is said once per run, however many workers saw it.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable

import click

from mtfix.cli import batch
from mtfix.cli.common import fail
from mtfix.cli.progress import Progress, note, summary_table
from mtfix.cli.walk import Walk, expand
from mtfix.errors import InputError
from mtfix.textio import read_source


def batch_options(fn: Callable) -> Callable:
    """Flags for runs over many files."""
    decorators = [
        click.option("--include", multiple=True, metavar="GLOB",
                     help="In folders: only files matching (name or path below the folder; repeatable)."),
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help="In folders: leave out files and folders matching (repeatable)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes for many files (default: the cores; 1: this process)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress line and no summary table."),
        click.option("--input-format", type=click.Choice(["auto", "text", "html", "markdown"]),
                     default="auto", show_default=True,
                     help="How to read the inputs: auto by extension (.html/.htm, .md/.markdown; "
                          "stdin is text), or one format for all."),
    ]
    for d in reversed(decorators):
        fn = d(fn)
    return fn


def gather(paths: tuple[str, ...], include, exclude, encoding, skip_dirs=()) -> Walk:
    """The run's inputs; stdin is read here, once. A folder holding nothing to
    read is an input error, said before any file is checked."""
    walk = expand(paths, tuple(include), tuple(exclude), tuple(skip_dirs))
    for item in walk.items:
        if item.path == "-" and item.source is None and item.error is None:
            try:
                item.source = read_source("-", encoding)
            except InputError as e:
                item.error = str(e)
    return walk


@dataclass
class Outcome:
    """What the run adds up to, for the format's last word and the exit code."""

    checked: int = 0
    counts: Counter = field(default_factory=Counter)  # (tier, category) -> findings or fixes
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)

    @property
    def code(self) -> int:
        return 2 if self.failed else (1 if sum(self.counts.values()) else 0)


def drive(job: batch.Job, walk: Walk, engine, jobs: int | None, quiet: bool,
          on_result: Callable[[batch.FileResult], None], noun: str = "findings", run=batch.run) -> Outcome:
    """Run ``job`` over the walk's files, handing each result to ``on_result``
    after its stderr lines; prints the notes, the progress line and (for more
    than one file, unless ``quiet``) the summary table."""
    items = walk.items
    for msg in walk.notes():
        note(f"mtfix: {msg}")
    failed: list[tuple[str, str]] = [(p, f"{p}: a folder with no files to read") for p in walk.empty_folders]
    failed += walk.unreadable
    for _, why in failed:
        note(f"mtfix: error: {why}")
    jobs = batch.default_jobs() if jobs is None else jobs
    many = len(items) > 1 or walk.folders > 0
    progress = Progress(len(items), enabled=not quiet and sys.stderr.isatty(), noun=noun)
    seen: set[str] = set()
    counts: Counter = Counter()
    checked = skipped = applied = 0
    t0 = time.monotonic()
    lt = batch.shared_languagetool(engine, jobs, len(items), job)
    if lt is not None:
        job = replace(job, env=(("MTFIX_LT_SERVER", lt.url),))
    results = run(job, items, jobs, engine)  # batch.run, or another way to get the results (Dask)
    try:
        for res in results:
            if res.fatal:
                progress.clear()
                raise fail(res.fatal)
            for w in res.warnings:
                if w not in seen:
                    seen.add(w)
                    note(f"mtfix: {w}", progress)
            for m in res.messages:
                note(m, progress)
            if res.skipped:
                skipped += 1
                note(f"mtfix: {res.path}: skipped ({res.skipped})", progress)
            elif res.error:
                failed.append((res.path, res.error))
                note(f"mtfix: error: {res.error}", progress)
            else:
                checked += 1
                counts.update(res.counts)
                applied += res.applied
            progress.clear()
            on_result(res)
            progress.step(sum(res.counts.values()))
    finally:
        results.close()  # stops the workers, whatever ended the loop
        progress.clear()
        batch.close_worker()
        engine.close()
        if lt is not None:
            lt.close()
    if many and not quiet:
        note(summary_table(counts, files=len(items), checked=checked, failed=len(failed),
                           skipped=skipped, seconds=time.monotonic() - t0,
                           fixes=applied if job.mode == "fix" else None))
    return Outcome(checked, counts, failed)
