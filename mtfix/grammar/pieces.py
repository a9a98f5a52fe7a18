"""Where a document is cut for LanguageTool's parallel requests.

LanguageTool's server checks one request on one thread, so a long document
is sent as pieces at once (:mod:`mtfix.grammar.backend`). A piece must not
change what LanguageTool finds: it ends only at a paragraph start (after a
blank line), after paragraphs whose quotation marks and brackets open and
close inside them (LanguageTool pairs marks across paragraphs), and it is sent
with the paragraph before it as context (a repeated paragraph beginning is
judged against the previous paragraph). Pure: no server, no import of
language_tool_python.
"""
from __future__ import annotations

import os
import re

#: Requests sent at once for one document (the cores LanguageTool can use).
REQUESTS = max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else (os.cpu_count() or 1)))
#: The smallest piece (characters): a document under twice this goes in one
#: request, where cutting would save less than the requests cost.
MIN_PIECE = 2000


_PARAGRAPH_START = re.compile(r"\n[ \t\r]*\n[ \t\r\n]*")
#: Pairs whose opening and closing marks LanguageTool matches across paragraphs
#: (EN_UNPAIRED_BRACKETS, EN_UNPAIRED_QUOTES); a straight quote pairs with itself.
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"), ("«", "»"))


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph after a blank line begins (the blank lines are the
    previous paragraph's end)."""
    return [m.end() for m in _PARAGRAPH_START.finditer(text) if m.end() < len(text)]


def _balanced_starts(text: str) -> list[int]:
    """The paragraph starts a piece may end before: every paragraph since the
    previous such start is :func:`closed`. LanguageTool pairs quotation marks
    and brackets across paragraphs, so a mark left open (or a straight quote
    whose side cannot be told) must stay in one request with whatever it
    might pair with; a piece of closed paragraphs has nothing to pair."""
    out, last, clean = [], 0, True
    for start in paragraph_starts(text):
        clean = clean and closed(text[last:start])
        last = start
        if clean:
            out.append(start)
        else:
            clean = False
    return out


_OPEN_BEFORE = "([{\u2014\u2013-/"
_CLOSE_AFTER = ".,;:!?)]}\u2014\u2013-/'’"


def closed(paragraph: str) -> bool:
    """Are all of ``paragraph``'s brackets and quotations opened and closed in
    it, in order? A straight quote counts only if its side is plain: an
    opening one after a space (or the start) and before a letter, a closing
    one after a letter and before a space or punctuation. Machine
    translation's French spacing (``" word "``) leaves the side open to
    guessing, so such a paragraph is not closed."""
    for o, c in _PAIRS:
        depth = 0
        for ch in paragraph:
            if ch == o:
                depth += 1
            elif ch == c:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    expect_open = True
    i = paragraph.find('"')
    while i >= 0:
        before = paragraph[i - 1] if i else ""
        after = paragraph[i + 1] if i + 1 < len(paragraph) else ""
        opens = (not before or before.isspace() or before in _OPEN_BEFORE) and bool(after) and not after.isspace()
        closes = bool(before) and not before.isspace() and (not after or after.isspace() or after in _CLOSE_AFTER)
        if opens == closes or opens != expect_open:
            return False
        expect_open = not expect_open
        i = paragraph.find('"', i + 1)
    if not expect_open:
        return False
    opening = paragraph.count("‘")
    return opening == 0 or opening == sum(1 for j, ch in enumerate(paragraph) if ch == "’" and not (
        j + 1 < len(paragraph) and paragraph[j + 1].isalpha()))


def cut_points(text: str, parts: int, min_piece: int = MIN_PIECE) -> list[int]:
    """Where to cut ``text`` into at most ``parts`` pieces of at least
    ``min_piece`` characters: at the first paragraph start (after a blank
    line, after paragraphs whose quotations and brackets are all
    :func:`closed`) at or after each equal share. Empty: one piece."""
    n = len(text)
    parts = min(parts, n // max(1, min_piece))
    if parts < 2:
        return []
    starts = _balanced_starts(text)
    cuts: list[int] = []
    last, j = 0, 0
    for k in range(1, parts):
        target = max(n * k // parts, last + min_piece)
        while j < len(starts) and starts[j] < target:
            j += 1
        if j == len(starts) or n - starts[j] < min_piece:
            break
        last = starts[j]
        cuts.append(last)
    return cuts


def pieces(text: str, parts: int, min_piece: int = MIN_PIECE) -> list[tuple[int, int, int]]:
    """``(sent_from, own_from, to)`` per request: the piece ``[own_from, to)``
    is sent with the paragraph before it as context (from ``sent_from``), so
    that rules comparing a paragraph with the one before (a repeated
    beginning) see what one request would show them; matches in the context
    are the previous piece's."""
    cuts = cut_points(text, parts, min_piece)
    if not cuts:
        return [(0, 0, len(text))]
    starts = [0, *paragraph_starts(text)]
    out = []
    for lo, hi in zip([0, *cuts], [*cuts, len(text)]):
        before = [p for p in starts if p < lo]
        sent = before[-1] if before else lo
        out.append((sent, lo, hi))  # the paragraph before a cut is closed: safe as context
    return out
