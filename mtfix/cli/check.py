"""``mtfix check``: list findings; exit 0 none, 1 some, 2 error.

Takes any number of files, folders (walked recursively) and ``-``. The
findings go to stdout in the chosen format, in input order; notes, failed
inputs, the progress line and the summary table go to stderr.
"""
from __future__ import annotations

import sys

import click

from mtfix.cli.batch import Job
from mtfix.cli.common import engine_options, guarded, make_engine
from mtfix.cli.formats import FORMATS, writer
from mtfix.cli.runner import batch_options, drive, gather
from mtfix.model import Tier


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people; json, jsonl (one object per file, streamed), github "
                   "(workflow annotations), sarif (2.1.0), junit (XML).")
@click.option("--color/--no-color", "color", default=None, help="Colour (default: when a terminal).")
@click.option("--tier", "min_tier", type=click.Choice([t.value for t in Tier]), default="review",
              show_default=True, help="Show findings of this tier and above.")
@batch_options
@engine_options
@guarded
def check(paths, fmt, color, min_tier, include, exclude, jobs, quiet, input_format, encoding, **kw) -> None:
    """List findings. Exit 0: none, 1: some, 2: error. PATH: files, folders, '-' for stdin."""
    engine = make_engine(**kw, demote=True)  # rules reviewers keep rejecting are not safe
    try:
        walk = gather(paths, include, exclude, encoding)
    except BaseException:
        engine.close()
        raise
    colour = sys.stdout.isatty() if color is None else color
    job = Job("check", dict(kw), encoding, fmt=fmt, colour=colour, min_tier=min_tier,
              input_format=input_format)
    out = writer(fmt)
    outcome = drive(job, walk, engine, jobs, quiet, out.file)
    out.end(outcome.checked, outcome.counts, outcome.failed)
    raise click.exceptions.Exit(outcome.code)
