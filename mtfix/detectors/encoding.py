"""Encoding residue (class 10): UTF-8 read as Windows-1252 (``Ã©`` for ``é``).

A run of characters that re-encodes to cp1252 bytes which are valid UTF-8 is
mojibake; decoding those bytes gives the text back. Runs that do not round-trip
are left alone, so real accented text is never touched.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding

_MOJIBAKE = re.compile(r"(?:[ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßâ][\x80-\xbf\u0152\u0153\u0160\u0161"
                       r"\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-"
                       r"\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+)+")


@detector("mojibake")
def mojibake(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    for m in _MOJIBAKE.finditer(doc.text):
        run = _longest_decodable(m.group())
        if run is None:
            continue
        raw, fixed = run
        out.append(ctx.finding(m.start(), m.start() + len(raw), fixed,
                               message=f"encoding residue: '{raw}' is '{fixed}' read as cp1252"))
    return out


def _longest_decodable(run: str) -> tuple[str, str] | None:
    """The longest prefix of ``run`` that is UTF-8 read as cp1252, and its repair.

    A run can end in a character that merely looks like mojibake (``Ã©«`` where
    the ``«`` is a real guillemet); trimming it keeps the repair independent of
    what follows, so fixing twice gives the same text as fixing once.
    """
    for end in range(len(run), 1, -1):
        raw = run[:end]
        try:
            fixed = raw.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != raw:
            return raw, fixed
    return None
