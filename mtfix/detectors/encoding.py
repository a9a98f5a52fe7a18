"""Encoding residue (class 10): UTF-8 read as Windows-1252 (``Ã©`` for ``é``).

A run of characters that re-encodes to cp1252 bytes which are valid UTF-8 is
mojibake; decoding those bytes gives the text back. Runs that do not round-trip
are left alone, so real accented text is never touched.

A byte that is not valid UTF-8 in an otherwise UTF-8 file reaches the text as
a lone surrogate (U+DC80..U+DCFF, Python's ``surrogateescape``), so that it is
written back as it was. The same detector with ``options: {find:
invalid-bytes}`` reports each one (review, no fix: only a person knows what it
was meant to be; the built-in rule ``invalid-utf8-byte``); the mojibake repair
never takes such a character into a run, nor a run that touches one (its
neighbours may be the rest of a broken sequence, not mojibake).
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector, dropcaps
from mtfix.document import Document
from mtfix.lexicon import warm
from mtfix.model import Finding

_MOJIBAKE = re.compile(r"(?:[ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßâ][\x80-\xbf\u0152\u0153\u0160\u0161"
                       r"\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-"
                       r"\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+)+")


#: An invalid UTF-8 byte kept by the reader (``surrogateescape``).
STRAY_BYTE = re.compile("[\udc80-\udcff]")


@detector("mojibake", prepare=warm)
def mojibake(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """Mojibake runs and their repair; with ``find: invalid-bytes``, the
    invalid UTF-8 bytes instead, and with ``drop-caps``, ``entities`` or
    ``stray-letters`` the residue of :mod:`mtfix.detectors.dropcaps` (under
    this id so that the registry of detectors stays as it is)."""
    find = ctx.options.get("find", "mojibake")
    if find == "invalid-bytes":
        return stray_bytes(doc, ctx)
    if find in dropcaps.FINDERS:
        return dropcaps.FINDERS[find](doc, ctx)
    if find != "mojibake":
        raise ValueError(f"find: {find!r} is not 'mojibake', 'invalid-bytes' or one of "
                         + ", ".join(dropcaps.FINDERS))
    out: list[Finding] = []
    text = doc.text
    for m in _MOJIBAKE.finditer(text):
        run = _longest_decodable(m.group())
        if run is None:
            continue
        raw, fixed = run
        if not _plausible(fixed):
            continue  # "ÉTÉ…", "CAFÉ™": real capitals and punctuation, not mojibake
        end = m.start() + len(raw)
        if STRAY_BYTE.match(text, max(0, m.start() - 1)) or STRAY_BYTE.match(text, end):
            continue  # next to an invalid byte: part of a broken sequence, not mojibake
        out.append(ctx.finding(m.start(), m.start() + len(raw), fixed,
                               message=f"encoding residue: '{raw}' is '{fixed}' read as cp1252"))
    return out


#: What UTF-8 read as cp1252 never decodes to in text worth repairing: C1
#: controls, the rare letters and marks of U+0180..U+036F (IPA, Latin
#: Extended-B, combining marks; but the ƒ ˆ ˜ of cp1252 itself) and N'Ko. They
#: come from real capitals followed by punctuation: "ÉTÉ…" would give "ÉTɅ".
_IMPLAUSIBLE = re.compile("[\x80-\x9f\u0180-\u0191\u0193-\u02c5\u02c7-\u02db\u02dd-\u036f"
                          "\u07c0-\u07ff]")


def _plausible(fixed: str) -> bool:
    return _IMPLAUSIBLE.search(fixed) is None


def stray_bytes(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """Each invalid UTF-8 byte the reader kept, where it is; no fix."""
    out: list[Finding] = []
    for m in STRAY_BYTE.finditer(doc.text):
        line, col = doc.line_col(m.start())
        byte = ord(m.group()) - 0xDC00
        out.append(ctx.finding(m.start(), m.end(), None,
                               message=f"invalid UTF-8 byte 0x{byte:02x} at {line}:{col}",
                               byte=byte))
    return out


def _longest_decodable(run: str) -> tuple[str, str] | None:
    """The longest prefix of ``run`` that is UTF-8 read as cp1252, and its repair.

    A run can end in a character that merely looks like mojibake (``Ã©«`` where
    the ``«`` is a real guillemet); trimming it keeps the repair independent of
    what follows, so fixing twice gives the same text as fixing once.

    Found in one encode and one decode (not one per prefix, which is
    quadratic on a long run): the prefix that encodes to cp1252 ends at the
    first character that does not; of its bytes, the part that decodes as
    UTF-8 ends where the first invalid or unfinished sequence starts.
    """
    data = bytearray()
    for c in run:
        try:
            data += c.encode("cp1252")
        except UnicodeEncodeError:
            break
    try:
        fixed = data.decode("utf-8")
        end = len(data)
    except UnicodeDecodeError as e:
        end = e.start
        fixed = data[:end].decode("utf-8")
    if end < 2:
        return None
    raw = run[:end]  # cp1252 is one byte per character
    return (raw, fixed) if fixed != raw else None
