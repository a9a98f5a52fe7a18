"""HTML and Markdown articles: the text a reader sees, and the way back to the source.

mtfix's rules read plain text, one block (paragraph, heading, list item,
caption) per line. An article held as HTML or Markdown is read through a
:class:`MarkupView`: :attr:`MarkupView.text` is what a reader sees, and
:attr:`MarkupView.pieces` says, stretch by stretch, where each part of that
text comes from in :attr:`MarkupView.source`. A fix found on the text is
mapped back through the pieces to an edit of the source, so every byte of
markup (tags, attributes, entities, comments, front matter, code, link
targets) comes through unchanged.

Kinds of piece:

* ``text`` — the text is the source slice, character for character: an edit
  inside maps offset for offset;
* ``entity`` — ``&amp;`` read as ``&``, ``\\*`` read as ``*``: an edit may
  replace the whole piece, never a part of it;
* ``space`` — a run of source whitespace (a line break inside a paragraph)
  read as one space: replaced whole, like an entity;
* ``fixed`` — text the reader sees whose source cannot be edited safely
  (a Markdown line break with its block-quote marker): an edit touching it
  is refused;
* ``break`` — the line break between two blocks. It has no source of its own;
  an edit can only remove it together with whole blocks.

A fix that deletes whole blocks is mapped to deleting whole elements (the
``<p>`` or ``<aside>`` of a related-link line, the ``<div>`` of a comment
form), never a part of one. A fix that cannot be mapped exactly is refused
(:class:`Unmappable`): the caller keeps the finding and drops its fix, so
the output never holds half-edited markup.

The parsers themselves refuse a document they cannot tile exactly
(:class:`~mtfix.errors.InputError`): the pieces and the markup between them
must add up to the source, byte for byte.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from mtfix.model import Edit

__all__ = ["Piece", "Element", "MarkupView", "Unmappable", "apply_edits", "FORMATS", "format_for_path"]

#: Input formats and the file extensions that select them.
FORMATS: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm", ".xhtml"),
    "markdown": (".md", ".markdown", ".mdown", ".mkd"),
    "text": (),
}


def format_for_path(path: str) -> str:
    """``html``, ``markdown`` or ``text``, by the file's extension."""
    low = path.lower()
    for name, exts in FORMATS.items():
        if low.endswith(exts):
            return name
    return "text"


class Unmappable(ValueError):
    """A fix whose edits cannot be carried to the source exactly."""


@dataclass(frozen=True)
class Piece:
    """``text[text_start:text_end]`` comes from ``source[src_start:src_end]``."""

    text_start: int
    text_end: int
    src_start: int
    src_end: int
    kind: str = "text"  # text | entity | space | fixed | break


@dataclass(frozen=True)
class Element:
    """A block element: its text is ``text[text_start:text_end]`` (one or more
    whole lines) and the whole element, tags included, is
    ``source[src_start:src_end]``; ``trail_end`` extends that over the
    whitespace after it, so removing the element leaves tidy source."""

    name: str
    text_start: int
    text_end: int
    src_start: int
    src_end: int
    trail_end: int


@dataclass
class MarkupView:
    """The reader's text of ``source`` and the map back (see the module docstring)."""

    source: str
    format: str
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [p.text_start for p in self.pieces]

    def finish(self) -> "MarkupView":
        """Index the pieces once the parser has added them all."""
        self.pieces.sort(key=lambda p: (p.text_start, p.text_end))
        self._starts = [p.text_start for p in self.pieces]
        return self

    # -- mapping -------------------------------------------------------------------

    def _covering(self, start: int, end: int) -> list[Piece]:
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        out = []
        while i < len(self.pieces) and self.pieces[i].text_start <= max(start, end - 1):
            p = self.pieces[i]
            if p.text_end > start or (p.text_start == p.text_end == start):
                out.append(p)
            i += 1
        return out

    def _point(self, pos: int) -> int:
        """The source offset of text position ``pos`` for an insertion."""
        i = bisect.bisect_right(self._starts, pos) - 1
        # Prefer the end of the piece before pos (an insertion joins what precedes it).
        for j in (i, i - 1):
            if 0 <= j < len(self.pieces):
                p = self.pieces[j]
                if p.kind == "text" and p.text_start <= pos <= p.text_end:
                    return p.src_start + (pos - p.text_start)
                if p.kind in ("entity", "space") and pos == p.text_end:
                    return p.src_end
                if p.kind in ("entity", "space") and pos == p.text_start:
                    return p.src_start
        raise Unmappable(f"no source position for text offset {pos}")

    def _whole_elements(self, start: int, end: int) -> list[Element] | None:
        """The elements whose lines make up exactly ``text[start:end]`` (the
        deleted lines and their breaks), outermost first, else None."""
        lo, hi = start, end
        while hi > lo and self.text[hi - 1] == "\n":
            hi -= 1
        while lo < hi and self.text[lo] == "\n":
            lo += 1
        if lo >= hi:
            return None
        if (lo > 0 and self.text[lo - 1] != "\n") or (hi < len(self.text) and self.text[hi] != "\n"):
            return None  # not whole lines
        chosen: list[Element] = []
        pos = lo
        candidates = sorted(self.elements, key=lambda e: (e.text_start, -(e.text_end - e.text_start)))
        while pos < hi:
            best = None
            for e in candidates:
                if e.text_start == pos and e.text_end <= hi:
                    best = e  # the first is the outermost (longest) starting here
                    break
            if best is None:
                return None
            chosen.append(best)
            pos = best.text_end
            while pos < hi and self.text[pos] == "\n":
                pos += 1
        return chosen

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` is in the source, for reporting a finding
        (line and column in the file the user has): the source from the first
        character's bytes to the last one's, markup between them included."""
        real = [p for p in self.pieces if p.kind != "break"]
        if not real:
            return 0, 0
        starts = [p.text_start for p in real]

        def at(pos: int, left: bool) -> int:
            # an end belongs to the piece it ends (text_start < pos), a start to the one it starts
            i = (bisect.bisect_left(starts, pos) if left else bisect.bisect_right(starts, pos)) - 1
            if i < 0:
                return real[0].src_start
            p = real[i]
            if pos < p.text_end or (pos == p.text_end and left):
                if p.kind == "text":
                    return p.src_start + (pos - p.text_start)
                return p.src_start if pos == p.text_start else p.src_end
            # in a break after piece i: a start belongs to the next piece, an end to this one
            if left:
                return p.src_end
            return real[i + 1].src_start if i + 1 < len(real) else p.src_end

        s = at(start, left=False)
        e = at(end, left=True) if end > start else s
        return s, max(s, e)

    def _line_lead(self, pos: int) -> int:
        """``pos`` moved back over the indentation before it, when only
        indentation precedes it on its source line (a removed element takes
        its indentation along, so the next line keeps its own)."""
        lo = pos
        while lo > 0 and self.source[lo - 1] in " \t":
            lo -= 1
        return lo if lo == 0 or self.source[lo - 1] == "\n" else pos

    def map_edit(self, edit: Edit) -> list[Edit]:
        """The source edits that make ``edit`` (in text offsets); :class:`Unmappable` if none."""
        a, b, rep = edit.start, edit.end, edit.replacement
        if a == b:
            return [Edit(self._point(a), self._point(a), self.escape(rep))]
        crosses_line = "\n" in self.text[a:b]
        if crosses_line and rep.strip() == "":
            elements = self._whole_elements(a, b)
            if elements is None:
                raise Unmappable("the edit deletes part of an element")
            return [Edit(self._line_lead(e.src_start), e.trail_end, "") for e in elements]
        pieces = self._covering(a, b)
        if not pieces:
            raise Unmappable("the edit touches no text")
        for p in pieces:
            if p.kind in ("fixed", "break"):
                raise Unmappable(f"the edit touches a {p.kind} piece")
            if p.kind in ("entity", "space") and (a > p.text_start or b < p.text_end):
                raise Unmappable("the edit cuts an entity or a collapsed space")
        for p, q in zip(pieces, pieces[1:]):
            if p.src_end != q.src_start:
                raise Unmappable("the edit spans markup")
        first, last = pieces[0], pieces[-1]
        s = first.src_start + (a - first.text_start) if first.kind == "text" else first.src_start
        e = last.src_start + (b - last.text_start) if last.kind == "text" else last.src_end
        return [Edit(s, e, self.escape(rep))]

    def escape(self, replacement: str) -> str:
        """``replacement`` as source text of this format."""
        if self.format == "html":
            return replacement.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if self.format == "markdown":
            out = []
            for ch in replacement:
                out.append("\\" + ch if ch in "\\`*_[]<>#" else ch)
            return "".join(out)
        return replacement

    def map_edits(self, edits: list[Edit]) -> list[Edit]:
        """All of ``edits`` mapped, or :class:`Unmappable` (one fix maps whole or not at all)."""
        out: list[Edit] = []
        for ed in edits:
            out.extend(self.map_edit(ed))
        out.sort(key=lambda x: (x.start, x.end))
        for x, y in zip(out, out[1:]):
            if y.start < x.end:
                raise Unmappable("mapped edits overlap")
        return out


def apply_edits(source: str, edits: list[Edit]) -> str:
    """``source`` with non-overlapping ``edits`` applied (the rest byte for byte)."""
    out, pos = [], 0
    for ed in sorted(edits, key=lambda x: (x.start, x.end)):
        out.append(source[pos:ed.start])
        out.append(ed.replacement)
        pos = ed.end
    out.append(source[pos:])
    return "".join(out)
