"""What every output format of ``mtfix check`` is built on (see :mod:`mtfix.cli.formats`)."""
from __future__ import annotations

import json
from collections import Counter

from mtfix.cli.batch import FileResult
from mtfix.serialize import _RAW


def dumps(obj, indent: int | None = None) -> str:
    """JSON as the contract writes it: UTF-8 text, with the characters a
    terminal must not get raw (bidi overrides, C1 controls, U+2028) escaped
    (see :mod:`mtfix.serialize`); without ``indent`` on one line, for JSON Lines."""
    out = json.dumps(obj, ensure_ascii=False, indent=indent,
                     separators=None if indent else (",", ":"))
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


class Writer:
    """A format: sees every file in input order, then the end of the run (streaming
    formats print as they go; single-document ones print at the end)."""

    def file(self, res: FileResult) -> None:
        """One file's result (an error or a skipped file included)."""

    def end(self, checked: int, counts: Counter, failed: list[tuple[str, str]]) -> None:
        """After the last file: files checked, (tier, category) counts, failed inputs."""


def proposal(rec: dict) -> str:
    """The message with what mtfix proposes, for formats that show one line."""
    rep = rec.get("replacement")
    if rep is None:
        return rec["message"]
    text = rec.get("text", "")
    if rep == "":
        return f"{rec['message']} (delete {text!r})"
    return f"{rec['message']} ({text!r} → {rep!r})"
