"""``mtfix fix``: the articles with fixes applied: to stdout (one file), a
file, a mirrored tree (``--output-dir``), in place, or as a diff.

Many inputs need somewhere to go other than stdout: ``--output-dir DIR``
(each file at its path below the folder it was found in, or under its own
name), ``--in-place`` (each rewritten atomically, with a backup) or
``--diff`` (one patch for them all). Exit 0, or 2 if any input failed.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from mtfix.cli.batch import Job
from mtfix.cli.common import engine_options, fail, guarded, make_engine
from mtfix.cli.runner import batch_options, drive, gather


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the cleaned text to this file (atomically; one input).")
@click.option("--output-dir", "-d", type=click.Path(path_type=Path), default=None,
              help="Write each cleaned file under this folder, mirroring the input tree.")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite each PATH atomically, keeping PATH.bak.")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no backup.")
@click.option("--diff", "as_diff", is_flag=True, help="Print a unified diff (git apply / patch -p1).")
@click.option("--suggested", is_flag=True, help="Also apply suggested fixes, not only safe ones.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: with --output-dir, --in-place or -o, one JSON object per file on stdout "
                   "(path, output, fixes applied per class), streamed in input order.")
@batch_options
@engine_options
@guarded
def fix(paths, output, output_dir, in_place, no_backup, as_diff, suggested, fmt, include, exclude,
        jobs, quiet, input_format, encoding, **kw) -> None:
    """Print the article with fixes applied (safe ones by default).

    PATH: files, folders (with --output-dir, --in-place or --diff) and '-' for stdin.
    """
    if in_place and "-" in paths:
        raise fail("--in-place needs a file, not stdin")
    if sum(map(bool, (output, output_dir, in_place, as_diff))) > 1:
        raise fail("choose one of -o, --output-dir, --in-place and --diff")
    folders = [p for p in paths if p != "-" and os.path.isdir(p)]
    to_stdout = not (output or output_dir or in_place or as_diff)
    if (to_stdout or output) and (len(paths) > 1 or folders):
        where = "-o writes one file" if output else "stdout takes one file"
        what = f"{folders[0]}: is a directory" if folders else f"{len(paths)} inputs"
        raise fail(f"{what}, and {where}: give --output-dir DIR, --in-place or --diff")
    if fmt == "jsonl" and (to_stdout or as_diff):
        raise fail("--format jsonl reports on stdout: give --output-dir DIR, --in-place or -o")
    if output_dir is not None:
        _check_output_dir(output_dir, folders)
    engine = make_engine(**kw, demote=True)  # rules reviewers keep rejecting are not safe
    try:
        walk = gather(paths, include, exclude, encoding, skip_dirs=(output_dir,) if output_dir else ())
        _refuse_collisions(walk, output_dir)
    except BaseException:
        engine.close()
        raise
    suggested = suggested or engine.settings.suggested  # `suggested = true` in the config
    job = Job("fix", dict(kw), encoding, suggested=suggested, output=output, output_dir=output_dir,
              in_place=in_place, backup=not no_backup, as_diff=as_diff,
              quiet_unchanged=len(walk.items) > 1, input_format=input_format)

    def emit(res) -> None:
        if fmt == "jsonl":
            _report(res)
        elif res.stdout:
            sys.stdout.buffer.write(res.stdout)
            sys.stdout.buffer.flush()

    outcome = drive(job, walk, engine, jobs, quiet, emit, noun="fixes")
    raise click.exceptions.Exit(2 if outcome.failed else 0)


def _report(res) -> None:
    """One JSON Lines object for a file: where it went and what was applied."""
    from collections import Counter

    from mtfix.cli.writer import dumps

    if res.skipped is not None:
        return
    if res.error is not None:
        click.echo(dumps({"path": res.path, "error": res.error}))
        return
    by_class: Counter = Counter()
    for (_, category), n in res.counts.items():
        by_class[category] += n
    click.echo(dumps({"path": res.path, "output": res.output, "applied": res.applied,
                      "by_class": dict(sorted(by_class.items()))}))


def _check_output_dir(output_dir: Path, folders: list[str]) -> None:
    if output_dir.exists() and not output_dir.is_dir():
        raise fail(f"--output-dir {output_dir}: exists and is not a folder")
    for f in folders:
        if output_dir.exists() and os.path.samefile(f, output_dir):
            raise fail(f"--output-dir {output_dir}: is the input folder; use --in-place to rewrite it")


def _refuse_collisions(walk, output_dir: Path | None) -> None:
    """Two inputs that would be written to one file under ``--output-dir``
    (``a/x.txt`` and ``b/x.txt`` given as files) are refused before anything is written."""
    if output_dir is None:
        return
    seen: dict[str, str] = {}
    for item in walk.items:
        if item.path == "-":
            continue
        other = seen.setdefault(item.rel, item.path)
        if other != item.path:
            raise fail(f"--output-dir: {other} and {item.path} would both be written to "
                       f"{output_dir / item.rel}; run them separately")
