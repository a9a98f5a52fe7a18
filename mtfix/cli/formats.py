"""How ``mtfix check`` prints its findings: ``--format text|json|jsonl|github|sarif|junit``.

Every format is a writer that sees each file's result in input order
(:meth:`Writer.file`) and then the end of the run (:meth:`Writer.end`). The
streaming ones (text, jsonl, github) print each file as it comes and keep
nothing; the ones that are a single document (json, sarif, junit) keep the
findings' dicts, never the texts. Findings arrive as the JSON contract's
dicts (:func:`mtfix.serialize.finding_json`), so every format reports the
same offsets, lines and columns.
"""
from __future__ import annotations

from collections import Counter

import click

from mtfix.cli.batch import FileResult
from mtfix.cli.writer import Writer, dumps, proposal
from mtfix.model import Tier

FORMATS = ("text", "json", "jsonl", "github", "sarif", "junit")


class TextWriter(Writer):
    """Findings as people read them, then the one-line summary."""

    def file(self, res: FileResult) -> None:
        for block in res.text:
            click.echo(block)

    def end(self, checked, counts, failed) -> None:
        from mtfix.cli.render import summary

        if checked or not failed:
            tiers = Counter()
            for (tier, _), n in counts.items():
                tiers[Tier(tier)] += n
            click.echo(summary(tiers, checked))


class JsonWriter(Writer):
    """The JSON contract: ``{"files": [{"path", "findings"}]}``, files that
    could not be read left out (they are on stderr, and the exit code is 2)."""

    def __init__(self) -> None:
        self.files: list[dict] = []

    def file(self, res: FileResult) -> None:
        if res.error is None and res.skipped is None:
            self.files.append({"path": res.path, "findings": res.findings})

    def end(self, checked, counts, failed) -> None:
        click.echo(dumps({"files": self.files}, indent=2))


class JsonlWriter(Writer):
    """JSON Lines: one object per file as it finishes, in input order:
    ``{"path", "findings"}`` as in the JSON contract, or ``{"path", "error"}``."""

    def file(self, res: FileResult) -> None:
        if res.skipped is not None:
            return
        obj = ({"path": res.path, "error": res.error} if res.error is not None
               else {"path": res.path, "findings": res.findings})
        click.echo(dumps(obj))


# GitHub's workflow commands: ``::warning file=F,line=L,...::MESSAGE``. The
# message escapes %, CR and LF; a property value escapes : and , as well.
_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = {**_DATA, ":": "%3A", ",": "%2C"}

#: Annotation level per tier: what `mtfix fix` would change is a warning,
#: a flag for a person a notice.
GITHUB_LEVELS = {"safe": "warning", "suggested": "warning", "review": "notice"}


def github_escape(value: str, prop: bool = False) -> str:
    table = _PROPERTY if prop else _DATA
    return "".join(table.get(c, c) for c in value)


class GithubWriter(Writer):
    """One workflow annotation per finding (and an ``::error`` per failed input)."""

    def file(self, res: FileResult) -> None:
        path = github_escape(res.path, prop=True)
        if res.error is not None:
            click.echo(f"::error file={path},title={github_escape('mtfix: input error', True)}"
                       f"::{github_escape(res.error)}")
            return
        for rec, (end_line, end_col) in zip(res.findings, res.ends):
            title = github_escape(f"mtfix {rec['rule']} ({rec['tier']})", prop=True)
            click.echo(f"::{GITHUB_LEVELS[rec['tier']]} file={path},line={rec['line']},"
                       f"col={rec['column']},endLine={end_line},endColumn={end_col},"
                       f"title={title}::{github_escape(proposal(rec))}")


def writer(fmt: str) -> Writer:
    if fmt in ("sarif", "junit"):
        from mtfix.cli.reports import JunitWriter, SarifWriter

        return SarifWriter() if fmt == "sarif" else JunitWriter()
    return {"text": TextWriter, "json": JsonWriter, "jsonl": JsonlWriter, "github": GithubWriter}[fmt]()
