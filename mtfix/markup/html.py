"""Read an HTML article as the text its reader sees, with exact source offsets.

The tokenizer is the standard library's :class:`html.parser.HTMLParser` with
``convert_charrefs=False``: it is lenient like a browser (an unclosed tag or a
stray ``<`` does not stop it), reports each token with the position where it
starts, and leaves character references to us, so every character of the
text can be traced to its bytes in the source. A token ends where the next
one starts; each data token is checked against the source slice it claims,
and a document where they differ is refused rather than read approximately.

What the reader sees: character data outside ``<head>``, ``<script>``,
``<style>``, ``<template>``, ``<noscript>``, ``<code>``, ``<pre>``,
``<textarea>``, ``<svg>`` and ``<math>``; one line per block element
(paragraph, heading, list item, caption, block quote, table cell, ``<br>``);
white space collapsed as a browser collapses it. Attributes (``alt``,
``title``) are not text: image alt texts never reach the rules.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mtfix.errors import InputError
from mtfix.markup.view import Element, MarkupView, Piece

__all__ = ["read_html"]

BLOCKS = frozenset("""
address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption
figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p section summary
table tbody td tfoot th thead tr ul legend option select
""".split())
#: Elements whose content the reader does not read as article text.
HIDDEN = frozenset("head script style template noscript pre textarea svg math iframe object title".split())
#: Inline elements the reader sees but mtfix never edits.
FIXED = frozenset("code kbd samp var".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_WS = " \t\n\r\f"
#: A tag, end tag, comment or declaration inside character data: a browser would
#: read it as markup, so a document where the tokenizer passed it as text is refused.
_MARKUP_IN_DATA = re.compile(r"<[A-Za-z/!?]")


class _Tokens(HTMLParser):
    """Tokens as (kind, start offset, payload); ends come from the next start."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self._line_starts.append(i + 1)
        self.tokens: list[tuple[str, int, object]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", self._at(), tag))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("void", self._at(), tag))

    def handle_endtag(self, tag):
        self.tokens.append(("end", self._at(), tag))

    def handle_data(self, data):
        self.tokens.append(("data", self._at(), data))

    def handle_entityref(self, name):
        self.tokens.append(("entity", self._at(), f"&{name};"))

    def handle_charref(self, name):
        self.tokens.append(("entity", self._at(), f"&#{name};"))

    def handle_comment(self, data):
        self.tokens.append(("markup", self._at(), None))

    def handle_decl(self, decl):
        self.tokens.append(("markup", self._at(), None))

    def handle_pi(self, data):
        self.tokens.append(("markup", self._at(), None))

    def unknown_decl(self, data):
        self.tokens.append(("markup", self._at(), None))


def _tokenize(source: str, path: str) -> list[tuple[str, int, int, object]]:
    parser = _Tokens(source)
    try:
        parser.feed(source)
        parser.close()
    except Exception as e:  # the parser is lenient; anything it raises is a document we cannot map
        raise InputError(f"HTML that cannot be read exactly: {e}", path) from None
    raw = parser.tokens
    out = []
    for i, (kind, start, payload) in enumerate(raw):
        end = raw[i + 1][1] if i + 1 < len(raw) else len(source)
        if end < start:
            raise InputError("HTML that cannot be mapped exactly: tokens out of order", path)
        if kind == "data" and source[start:end] != payload:
            raise InputError(f"HTML that cannot be mapped exactly at offset {start}", path)
        if kind == "entity" and not source.startswith(str(payload).rstrip(";"), start):
            raise InputError(f"HTML entity that cannot be mapped exactly at offset {start}", path)
        out.append((kind, start, end, payload))
    if out and out[0][1] != 0:
        # Leading bytes the parser kept for itself: only whitespace may be left unmapped.
        if source[:out[0][1]].strip(_WS):
            raise InputError("HTML that cannot be mapped exactly at its start", path)
    return out


class _Builder:
    def __init__(self, view: MarkupView) -> None:
        self.view = view
        self.parts: list[str] = []
        self.length = 0
        self.line_has_text = False
        self.pending_space: tuple[int, int] | None = None  # source span of white space before the next word

    def _emit(self, text: str, src_start: int, src_end: int, kind: str) -> None:
        self.view.pieces.append(Piece(self.length, self.length + len(text), src_start, src_end, kind))
        self.parts.append(text)
        self.length += len(text)

    def word_text(self, text: str, src_start: int, kind: str = "text", src_end: int | None = None) -> None:
        if self.pending_space is not None and self.line_has_text:
            s, e = self.pending_space
            self._emit(" ", s, e, "text" if e - s == 1 and self.view.source[s] == " " else "space")
        self.pending_space = None
        self._emit(text, src_start, src_start + len(text) if src_end is None else src_end, kind)
        self.line_has_text = True

    def data(self, data: str, start: int) -> None:
        i = 0
        n = len(data)
        while i < n:
            if data[i] in _WS:
                j = i
                while j < n and data[j] in _WS:
                    j += 1
                if self.pending_space is None:
                    self.pending_space = (start + i, start + j)
                i = j
            else:
                j = i
                while j < n and data[j] not in _WS:
                    j += 1
                self.word_text(data[i:j], start + i)
                i = j

    def entity(self, ref: str, start: int, end: int) -> None:
        value = html.unescape(ref)
        if value.strip(_WS) == "" and value != "\xa0":
            if self.pending_space is None:
                self.pending_space = (start, end)
            return
        self.word_text(value, start, "entity", end)

    def line_break(self, sep: str = "\n\n") -> None:
        """End the current line: a block starts or ends (a blank line, so every block is
        its own paragraph, as in scraped text) or a ``<br>`` (one line break)."""
        self.pending_space = None
        if self.line_has_text:
            self.view.pieces.append(Piece(self.length, self.length + len(sep), -1, -1, "break"))
            self.parts.append(sep)
            self.length += len(sep)
            self.line_has_text = False

    @property
    def last_text_end(self) -> int:
        """Text offset after the last piece of text (trailing breaks excluded)."""
        for p in reversed(self.view.pieces):
            if p.kind != "break":
                return p.text_end
        return 0


def read_html(source: str, path: str = "<text>") -> MarkupView:
    """The :class:`MarkupView` of an HTML document (a page or a fragment)."""
    view = MarkupView(source, "html")
    b = _Builder(view)
    hidden = 0
    fixed = 0
    open_blocks: list[tuple[str, int, int]] = []  # (tag, src start, text start)
    for kind, start, end, payload in _tokenize(source, path):
        if kind in ("start", "void", "end"):
            tag = str(payload)
            if tag in HIDDEN and tag not in VOID:
                if kind == "start":
                    hidden += 1
                elif kind == "end" and hidden:
                    hidden -= 1
                continue
            if hidden:
                continue
            if tag in FIXED:
                fixed += 1 if kind == "start" else -1 if kind == "end" and fixed else 0
                continue
            if tag == "br":
                b.line_break("\n")
            elif tag in BLOCKS:
                b.line_break()
                if kind == "start":
                    open_blocks.append((tag, start, b.length))
                elif kind == "end":
                    for k in range(len(open_blocks) - 1, -1, -1):
                        if open_blocks[k][0] == tag:
                            otag, ostart, tstart = open_blocks[k]
                            del open_blocks[k:]
                            tend = b.last_text_end
                            if tend > tstart:
                                trail = end
                                while trail < len(source) and source[trail] in " \t":
                                    trail += 1
                                if source.startswith("\r\n", trail):
                                    trail += 2
                                elif trail < len(source) and source[trail] == "\n":
                                    trail += 1
                                view.elements.append(Element(otag, tstart, tend, ostart, end, trail))
                            break
            continue
        if hidden:
            continue
        if kind == "data" and fixed:
            if str(payload).strip(_WS):
                b.word_text(str(payload), start, "fixed")
        elif kind == "data":
            stray = _MARKUP_IN_DATA.search(str(payload))
            if stray:  # the tokenizer gave up and handed markup over as text
                raise InputError(f"HTML that cannot be mapped exactly: markup read as text at offset "
                                 f"{start + stray.start()}", path)
            b.data(str(payload), start)
        elif kind == "entity":
            b.entity(source[start:end], start, end)
    while view.pieces and view.pieces[-1].kind == "break":  # end on one line break, like a text file
        p = view.pieces.pop()
        b.parts.pop()
        b.length = p.text_start
    if b.length:
        b.line_has_text = True
        b.line_break("\n")
    view.text = "".join(b.parts)
    return view.finish()
