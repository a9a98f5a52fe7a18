"""The parsed view of one text: blocks, sentences and quotes as offsets.

A :class:`Document` never changes its text. Everything downstream (detectors,
the resolver, renderers) speaks in character offsets into ``Document.text``, so
whatever is not edited comes through byte for byte.

Units, from large to small:

* **line** — text between two line breaks. A line break is exactly what
  :meth:`str.splitlines` splits at (:data:`LINE_BREAKS`: ``\n``, ``\r\n``,
  ``\r``, VT, FF, FS, GS, RS, NEL, U+2028, U+2029), and every part of mtfix
  that reasons about lines asks this module (:meth:`Document.line_span`,
  :meth:`Document.line_start`) instead of looking for ``"\n"`` itself;
* **paragraph** — a run of non-blank lines between blank lines (or a
  PARAGRAPH SEPARATOR, U+2029, which ends one by definition);
* **block** — one non-blank line. News scraped from the web and WMT segment
  files carry one paragraph, heading or segment per line, so a line is the
  unit that is either a heading or running text;
* **sentence** — split inside a block at ``. ! ?`` followed by a capital,
  skipping common abbreviations and initials;
* **quote** — a pair of quotation marks inside one block.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, doc: "Document") -> str:
        return doc.text[self.start:self.end]

    def __contains__(self, pos: int) -> bool:
        return self.start <= pos < self.end


@dataclass(frozen=True)
class Block(Span):
    """One non-blank line. ``heading`` is True for titles, headings, datelines
    and corpus meta lines: short lines without final punctuation."""

    heading: bool = False
    first_in_paragraph: bool = False


@dataclass(frozen=True)
class Quote(Span):
    """A quotation: ``start`` is the opening mark, ``end`` is past the closing
    mark; ``inner`` is the quoted text without the marks."""

    inner_start: int = 0
    inner_end: int = 0
    open_mark: str = '"'


_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "mt", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "rev", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e",
    "a.m", "p.m", "fig", "vol", "approx", "dept", "est",
}
# Possessive and anchored to the start of a run of marks: a long run of dots
# is tried once, not once per dot (backtracking into it can never succeed).
_SENT_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s+[\"'“‘«(\[]?[A-Z0-9À-Ý])")
_FINAL_PUNCT = tuple(".!?:;…\"'”’»)]")

#: Addresses no rule may edit inside: URLs, e-mail addresses and bare domain
#: names (``boutique.elysee.fr`` is not a French name missing its accents,
#: ``franceinfo.fr`` not two glued sentences). Bare domains need a known
#: top-level domain, so ``Lyon.The`` stays a glued sentence.
ADDRESS = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"'“”«»]+[^\s<>\"'“”«».,;:!?)\]]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
    r"|\b(?:[\w-]+\.)+(?:fr|com|org|net|eu|io|info|be|ch|ca|uk|de|es|it|tv|news|gouv\.fr|co\.uk)\b"
    r"(?:/[^\s<>\"'“”«»]*[^\s<>\"'“”«».,;:!?)\]])?", re.I)

#: The line boundaries of :meth:`str.splitlines`, the one definition of a line
#: break in mtfix (``\r\n`` counts as one break).
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: One line break, ``\r\n`` first.
LINE_BREAK = re.compile("\r\n|[" + LINE_BREAKS + "]")
#: What ends a paragraph by itself, without a blank line.
PARAGRAPH_SEPARATOR = "\u2029"
#: Characters that may stand before a sentence's first word (``sentence_start``).
_LEAD = frozenset("\"'“‘«( ")
_OPEN_CLOSE = {"“": "”", "«": "»", "‹": "›", "„": "“"}
#: Every character :func:`_find_quotes` reacts to: the straight double quote,
#: the opening marks and the closing ones.
_QUOTE_MARK = re.compile("[" + re.escape('"' + "".join(_OPEN_CLOSE) + "".join(_OPEN_CLOSE.values())) + "]")


class Document:
    """Decoded text plus its structure. Build once, read everywhere."""

    def __init__(self, text: str, path: str = "<text>") -> None:
        self.text = text
        self.path = path
        self._memo: dict = {}

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, computed once per document for ``key``.

        The text never changes, so what a detector derives from the text alone
        (a scan that several rules of the same detector share, the words of
        every line) can be computed by the first rule that needs it and read
        by the others. ``key`` must say everything the value depends on
        besides the text (the function, and its options); the value is shared,
        so callers must not mutate it."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    @cached_property
    def folded(self) -> str:
        """The text case-folded character by character (:func:`mtfix.anchors.fold`),
        for the literal tests that let a rule skip a text it cannot match."""
        from mtfix.anchors import fold

        return fold(self.text)

    def matches(self, pattern: "re.Pattern[str]") -> tuple["re.Match[str]", ...]:
        """Every match of ``pattern`` (``re`` or ``regex``) over the whole text,
        found once per document: rules that share a detector scan with the
        same compiled pattern get the same matches without a new pass."""
        return self.memo(("matches", pattern), lambda: tuple(pattern.finditer(self.text)))

    def matches_in(self, pattern: "re.Pattern[str]", lo: int, hi: int) -> tuple["re.Match[str]", ...]:
        """The matches of :meth:`matches` that start in ``[lo, hi)``, found by
        bisection: a detector that walks the words of each block reads them
        from the one scan of the whole text instead of scanning every block again.

        For a block (a line stripped of its spaces) and a pattern that cannot
        match across a space, these are the matches of
        ``pattern.finditer(text, block.start, block.end)``: a lookbehind sees
        the same character before the block either way, and what follows the
        block is a space or a line break, which a lookahead for word
        characters does not match, as it does not match the end of the text."""
        i, j = self.match_range(pattern, lo, hi)
        return self.matches(pattern)[i:j]

    def match_range(self, pattern: "re.Pattern[str]", lo: int, hi: int) -> tuple[int, int]:
        """``(i, j)``: ``matches(pattern)[i:j]`` are the matches starting in ``[lo, hi)``
        (:meth:`matches_in`), for a caller that keeps values of its own per match."""
        starts = self.memo(("match starts", pattern), lambda: [m.start() for m in self.matches(pattern)])
        return bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)

    # -- positions ---------------------------------------------------------
    @cached_property
    def _line_starts(self) -> list[int]:
        """Offset of the first character of each line (:data:`LINE_BREAKS`)."""
        starts = [0]
        for m in LINE_BREAK.finditer(self.text):
            starts.append(m.end())
        return starts

    @cached_property
    def _line_ends(self) -> list[int]:
        """Offset of each line's break (the end of its content)."""
        return [m.start() for m in LINE_BREAK.finditer(self.text)] + [len(self.text)]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset`` (a break belongs to its line)."""
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        i = self.line_index(offset)
        return i + 1, offset - self._line_starts[i] + 1

    def line_start(self, offset: int) -> int:
        """Offset of the first character of the line holding ``offset``."""
        return self._line_starts[self.line_index(offset)]

    def line_span(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the content of the line holding ``offset``, its
        break left out: what a rule may look at "on the same line"."""
        i = self.line_index(offset)
        return self._line_starts[i], self._line_ends[i]

    @cached_property
    def newline(self) -> str:
        """The document's dominant line ending, for text a fix inserts."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"

    # -- structure ---------------------------------------------------------
    @cached_property
    def blocks(self) -> list[Block]:
        out: list[Block] = []
        prev_blank = True
        pos = 0
        for raw in self.text.splitlines(keepends=True):
            line = raw.rstrip(LINE_BREAKS)
            if line.strip():
                lo = pos + (len(line) - len(line.lstrip()))
                hi = pos + len(line.rstrip())
                out.append(Block(lo, hi, heading=_is_heading(self.text[lo:hi]),
                                 first_in_paragraph=prev_blank))
                prev_blank = raw.endswith(PARAGRAPH_SEPARATOR)
            else:
                prev_blank = True
            pos += len(raw)
        return out

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_index(self, offset: int) -> int:
        """Index in :attr:`blocks` of the last block starting at or before ``offset`` (-1: none)."""
        return bisect.bisect_right(self._block_starts, offset) - 1

    @cached_property
    def paragraphs(self) -> list[Span]:
        out: list[Span] = []
        cur: list[Block] = []
        for b in self.blocks:
            if b.first_in_paragraph and cur:
                out.append(Span(cur[0].start, cur[-1].end))
                cur = []
            cur.append(b)
        if cur:
            out.append(Span(cur[0].start, cur[-1].end))
        return out

    @cached_property
    def sentences(self) -> list[Span]:
        out: list[Span] = []
        for b in self.blocks:
            out.extend(_split_sentences(self.text, b.start, b.end))
        return out

    @cached_property
    def addresses(self) -> list[Span]:
        """URLs, e-mail addresses and domain names (:data:`ADDRESS`), in order."""
        return [Span(m.start(), m.end()) for m in ADDRESS.finditer(self.text)]

    @cached_property
    def quotes(self) -> list[Quote]:
        out: list[Quote] = []
        for b in self.blocks:
            out.extend(_find_quotes(self.text, b.start, b.end))
        return out

    def block_at(self, offset: int) -> Block | None:
        i = self.block_index(offset)
        if i >= 0 and self.blocks[i].start <= offset <= self.blocks[i].end:
            return self.blocks[i]
        return None

    def sentence_at(self, offset: int) -> Span | None:
        starts = self._sentence_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset <= self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self._sentence_starts, offset) - 1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def at_sentence_start(self, offset: int) -> bool:
        """Only quotation marks, brackets and spaces stand between the start of
        the sentence holding ``offset`` and ``offset``."""
        i = self.sentence_index(offset)
        if i < 0 or not (self.sentences[i].start <= offset <= self.sentences[i].end):
            return False
        lead = self._sentence_lead.get(i)
        if lead is None:
            lead = self.sentences[i].start
            while lead < len(self.text) and self.text[lead] in _LEAD:
                lead += 1
            self._sentence_lead[i] = lead
        return lead >= offset

    @cached_property
    def _sentence_lead(self) -> dict[int, int]:
        return {}

    def in_heading(self, offset: int) -> bool:
        b = self.block_at(offset)
        return bool(b and b.heading)

    def quote_at(self, offset: int) -> Quote | None:
        """The first quote (by start) that holds ``offset``, in O(log n)."""
        quotes = self.quotes
        # The first quote whose running maximum of ends passes ``offset`` is
        # the first that ends after it; it holds it if it starts at or before it.
        i = bisect.bisect_right(self._quote_reach, offset)
        if i < len(quotes) and quotes[i].start <= offset < quotes[i].end:
            return quotes[i]
        return None

    @cached_property
    def _quote_reach(self) -> list[int]:
        reach, out = -1, []
        for q in self.quotes:
            reach = max(reach, q.end)
            out.append(reach)
        return out

    @cached_property
    def words(self) -> int:
        return len(re.findall(r"\w+(?:['’]\w+)*", self.text))


def _is_heading(line: str) -> bool:
    """Titles, headings, datelines and corpus meta lines carry no final
    punctuation on purpose and are left alone by boundary rules."""
    s = line.strip()
    if s.startswith("# ") or s.startswith("#docid"):
        return True
    if s.endswith(_FINAL_PUNCT):
        return False
    return len(s.split()) <= 20


def _split_sentences(text: str, lo: int, hi: int) -> list[Span]:
    out: list[Span] = []
    start = lo
    for m in _SENT_END.finditer(text, lo, hi):
        if m.group().startswith("."):
            w = _word_before(text, start, m.start()).lower()
            if w and (w in _ABBREV or re.fullmatch(r"[a-z]", w)
                      or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w)):
                continue
        end = m.end()
        out.append(Span(start, end))
        start = end
        while start < hi and text[start].isspace():
            start += 1
    if start < hi:
        out.append(Span(start, hi))
    return out


def _word_before(text: str, lo: int, end: int) -> str:
    """The run of word characters and dots that ends at ``end`` (not before ``lo``):
    what ``re.search(r"[\\w.]+$", text[lo:end])`` finds, without copying the prefix."""
    i = end
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i:end]


def _find_quotes(text: str, lo: int, hi: int) -> list[Quote]:
    """Pair quotation marks inside one line: curly and guillemets by their
    direction, straight double quotes alternately."""
    out: list[Quote] = []
    stack: list[tuple[int, str]] = []
    straight_open: int | None = None
    for m in _QUOTE_MARK.finditer(text, lo, hi):  # the marks only: other characters change nothing
        i, c = m.start(), m.group()
        if c == '"':
            if straight_open is None:
                straight_open = i
            else:
                out.append(Quote(straight_open, i + 1, straight_open + 1, i, '"'))
                straight_open = None
        elif c in _OPEN_CLOSE and not (c == "“" and stack and _OPEN_CLOSE[stack[-1][1]] == "“"):
            stack.append((i, c))
        elif stack and c == _OPEN_CLOSE[stack[-1][1]]:
            j, mark = stack.pop()
            out.append(Quote(j, i + 1, j + 1, i, mark))
    out.sort(key=lambda q: q.start)
    return out
