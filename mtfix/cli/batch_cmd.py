"""``mtfix batch``: clean many articles into ``--output-dir``, here or on a Dask cluster.

Without ``--dask`` it is ``mtfix fix --output-dir DIR`` (the same walk,
``--jobs`` worker processes, outputs, summary and exit code). With ``--dask
ADDRESS`` the files are read here, sent as texts to the cluster's workers
(which need mtfix installed, not the files), cleaned there by
:func:`mtfix.distributed.clean_item` with one engine per worker, and written
here, so the output tree is byte for byte the one ``fix --output-dir`` writes.
At most a few files per worker thread are in flight, so memory stays flat.
Exit 0, or 2 if any input failed, Dask is missing or the scheduler cannot be
reached.
"""
from __future__ import annotations

import os
from collections import deque
from pathlib import Path

import click

from mtfix.cli import fix as fix_cmd
from mtfix.cli.batch import FileResult, Job, _refuse_overwriting_input
from mtfix.cli.common import _split, engine_options, guarded, make_engine
from mtfix.cli.runner import batch_options, drive, gather
from mtfix.cli.walk import looks_binary
from mtfix.errors import InputError, MtfixError
from mtfix.textio import read_source, write_atomic


@click.command("batch")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-dir", "-d", type=click.Path(path_type=Path), required=True,
              help="Write each cleaned file under this folder, mirroring the input tree.")
@click.option("--dask", "address", metavar="ADDRESS", default=None,
              help="Run on this Dask scheduler (tcp://host:8786) instead of local --jobs workers "
                   "(--jobs is then ignored: the cluster's workers run the files).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="With --dask: seconds to wait for the scheduler and a worker.")
@click.option("--suggested", is_flag=True, help="Also apply suggested fixes, not only safe ones.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: one JSON object per file on stdout (path, output, fixes per class).")
@batch_options
@engine_options
@click.pass_context
@guarded
def batch_cmd(ctx, paths, output_dir, address, timeout, suggested, fmt, include, exclude, jobs, quiet,
              input_format, encoding, **kw) -> None:
    """Clean PATHS (files, folders) into --output-dir, locally or on a Dask cluster."""
    if address is None:
        ctx.invoke(fix_cmd.fix, paths=paths, output_dir=output_dir, suggested=suggested, fmt=fmt,
                   include=include, exclude=exclude, jobs=jobs, quiet=quiet, input_format=input_format,
                   encoding=encoding, **kw)
        return
    from mtfix import distributed

    distributed.require()
    folders = [p for p in paths if p != "-" and os.path.isdir(p)]
    fix_cmd._check_output_dir(output_dir, folders)
    engine = make_engine(**kw, demote=True)  # the rules validated here, before anything is sent
    try:
        walk = gather(paths, include, exclude, encoding, skip_dirs=(output_dir,))
        fix_cmd._refuse_collisions(walk, output_dir)
        suggested = suggested or engine.settings.suggested
        options = distributed.check_options(**_options(kw, engine.settings, suggested))
        client = distributed.connect(address, timeout)
    except BaseException:
        engine.close()
        raise
    job = Job("fix", dict(kw), encoding, suggested=suggested, output_dir=output_dir,
              quiet_unchanged=len(walk.items) > 1, input_format=input_format)

    def emit(res: FileResult) -> None:
        if fmt == "jsonl":
            fix_cmd._report(res)

    def on_cluster(job: Job, items, _jobs, _engine):
        return _on_cluster(client, job, items, options)

    try:
        outcome = drive(job, walk, engine, 1, quiet, emit, noun="fixes", run=on_cluster)
    finally:
        client.close()
    raise click.exceptions.Exit(2 if outcome.failed else 0)


def _options(kw: dict, settings, suggested: bool) -> dict:
    """The engine flags as :func:`mtfix.load` options, the config file the way
    this process found it (a worker's folder is not ours)."""
    opts = {"lm": kw.get("lm"), "grammar": kw.get("grammar"), "model": kw.get("model"),
            "rules": [str(p) for p in kw.get("rule_paths") or ()],
            "config": str(settings.config_path) if settings.config_path else None,
            "builtin": False if kw.get("no_builtin") else None,
            "select": _split(kw.get("select") or ()) or None, "ignore": _split(kw.get("ignore") or ()) or None,
            "demote": True, "suggested": suggested or None}
    return {k: v for k, v in opts.items() if v is not None and v != []}


#: Files per task: one round trip to the scheduler for several files (see
#: :func:`mtfix.distributed.clean_items`); two tasks per worker thread in flight.
CHUNK = 8


class _Chunk:
    """Files sent in one task, and their results once they are back."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []
        self.future = None
        self.results: list[dict] | None = None


def _on_cluster(client, job: Job, items, opts: dict):
    """FileResults in input order, the files read and written here, cleaned on
    the cluster a chunk at a time, with a bounded number of files in flight."""
    from mtfix import distributed

    window = 2 * CHUNK * max(1, sum(client.nthreads().values()))
    pending: deque = deque()  # (item, source or None, FileResult, chunk, place), in input order
    todo = iter(enumerate(items))
    open_chunk: list[_Chunk | None] = [None]

    def flush() -> None:
        chunk, open_chunk[0] = open_chunk[0], None
        if chunk is not None:
            chunk.future = client.submit(distributed.clean_items, chunk.items, opts, findings=False,
                                         input_format=job.input_format, pure=False)
            chunk.items = []

    def read() -> bool:
        nxt = next(todo, None)
        if nxt is None:
            return False
        index, item = nxt
        res, src, chunk, place = FileResult(index, "<stdin>" if item.path == "-" else item.path), None, None, 0
        try:
            if item.error is not None:
                raise InputError(item.error)
            if item.path == "-":
                raise InputError("--output-dir needs files, not stdin")
            if item.from_folder and looks_binary(item.path):
                res.skipped = "binary"
            else:
                src = read_source(item.path, job.encoding)
                if src.notice:
                    res.messages.append(f"mtfix: {src.notice}")
                chunk = open_chunk[0] = open_chunk[0] or _Chunk()
                place = len(chunk.items)
                chunk.items.append((item.path, src.text))
                if len(chunk.items) >= CHUNK:
                    flush()
        except InputError as e:
            res.error = str(e)
        pending.append((item, src, res, chunk, place))
        return True

    try:
        while True:
            while len(pending) < window and read():
                pass
            flush()
            if not pending:
                return
            item, src, res, chunk, place = pending.popleft()
            if chunk is not None:
                if chunk.results is None:
                    chunk.results = _result(chunk.future)
                    chunk.future = None
                _finish(job, item, src, res, chunk.results[place])
            yield res
    finally:
        for *_, chunk, _ in pending:
            if chunk is not None and chunk.future is not None:
                chunk.future.cancel()


def _result(fut) -> dict:
    try:
        return fut.result()
    except Exception as e:  # noqa: BLE001 - the worker could not run the task at all
        why = (str(e).strip().splitlines() or [""])[0]
        raise MtfixError(f"a Dask worker could not run mtfix ({type(e).__name__}: {why}); every "
                         f"worker needs the same mtfix as this machine, with the dask extra") from None


def _finish(job: Job, item, src, res: FileResult, out: dict) -> None:
    """Turn a worker's result into the FileResult ``fix --output-dir`` makes, writing the file."""
    res.messages += [f"mtfix: {m}" for m in out["messages"]]
    res.warnings = out["warnings"]
    if out["error"] is not None:
        if out["fatal"]:
            res.fatal = out["error"]
        else:
            res.error = out["error"]
        return
    for f in out["applied"]:
        res.counts[(f["tier"], f["category"])] += 1
    res.applied = len(out["applied"])
    target = job.output_dir / item.rel
    try:
        _refuse_overwriting_input(src, target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"{target.parent}: cannot create the folder: {e.strerror or e}") from None
        write_atomic(target, src.encode(out["text"]), None)
        res.output = str(target)
    except InputError as e:
        res.error = str(e)

