"""Read a Markdown article as the text its reader sees, with exact source offsets.

The parser is ``markdown-it-py`` (CommonMark). Its block tokens carry source
maps (line ranges); its inline tokens do not, so each inline token is found
in the source of its block, left to right, from a cursor that only moves
forward: text must appear verbatim, entities and backslash escapes appear as
their markup (the ``text_join`` rule is off so they stay separate tokens),
emphasis markers and link syntax are stepped over. Anything that cannot be
found where it must be is a document we cannot map exactly, and is refused.

What the reader sees: headings, paragraphs (also inside list items and block
quotes) and table cells, one per line. Code (fenced, indented, inline), raw
HTML, link targets, images and YAML/TOML front matter are not text.
"""
from __future__ import annotations

import re

from mtfix.errors import InputError
from mtfix.markup.view import Element, MarkupView, Piece

__all__ = ["read_markdown"]

_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_CONTAINERS = {"list_item_open", "blockquote_open", "bullet_list_open", "ordered_list_open"}


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("text_join")


class _Cursor:
    def __init__(self, source: str, path: str, lo: int, hi: int) -> None:
        self.source, self.path, self.pos, self.hi = source, path, lo, hi

    def find(self, needle: str, what: str) -> int:
        at = self.source.find(needle, self.pos, self.hi)
        if at < 0:
            raise InputError(f"Markdown that cannot be mapped exactly: {what} {needle[:30]!r} not found "
                             f"after offset {self.pos}", self.path)
        return at

    def skip_link_tail(self) -> None:
        """Step over ``](target "title")`` or ``][ref]`` after a link's text."""
        s = self.source
        if self.pos < self.hi and s[self.pos] == "]":
            self.pos += 1
            if self.pos < self.hi and s[self.pos] == "(":
                depth = 0
                while self.pos < self.hi:
                    ch = s[self.pos]
                    self.pos += 1
                    if ch == "\\":
                        self.pos += 1
                    elif ch == "(":
                        depth += 1
                    elif ch == ")":
                        depth -= 1
                        if depth == 0:
                            break
            elif self.pos < self.hi and s[self.pos] == "[":
                end = s.find("]", self.pos, self.hi)
                self.pos = self.hi if end < 0 else end + 1


def read_markdown(source: str, path: str = "<text>") -> MarkupView:
    """The :class:`MarkupView` of a Markdown document."""
    view = MarkupView(source, "markdown")
    line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    line_starts.append(len(source))

    def offset(line: int) -> int:
        return line_starts[min(line, len(line_starts) - 1)]

    front = _FRONT.match(source)
    body = source
    if front:  # keep the line numbers: front matter becomes blank lines for the parser
        body = "\n" * source.count("\n", 0, front.end()) + source[front.end():]
    try:
        tokens = _parser().parse(body)
    except Exception as e:  # pragma: no cover - markdown-it is total on str input
        raise InputError(f"Markdown that cannot be read: {e}", path) from None

    parts: list[str] = []
    length = 0
    containers: list[tuple[str, list[int], int]] = []  # (type, map, text start)
    block_map: list[int] | None = None

    def add(text: str, s: int, e: int, kind: str) -> None:
        nonlocal length
        view.pieces.append(Piece(length, length + len(text), s, e, kind))
        parts.append(text)
        length += len(text)

    def element(name: str, mp: list[int], tstart: int) -> None:
        tend = next((p.text_end for p in reversed(view.pieces) if p.kind != "break"), 0)
        if tend <= tstart:
            return
        s, e = offset(mp[0]), offset(mp[1])
        trail = e
        # One blank line after the block goes with it, so removing it leaves tidy source.
        nl = source.find("\n", trail)
        if nl >= 0 and source[trail:nl].strip() == "":
            trail = nl + 1
        view.elements.append(Element(name, tstart, tend, s, e, trail))

    for tok in tokens:
        if tok.type in _CONTAINERS:
            containers.append((tok.type, tok.map or [0, 0], length + (2 if parts else 0)))
            continue
        if tok.type.endswith("_close") and tok.type.replace("_close", "_open") in _CONTAINERS:
            typ, mp, tstart = containers.pop()
            element(typ.replace("_open", ""), mp, tstart)
            continue
        if tok.type in ("heading_open", "paragraph_open", "th_open", "td_open"):
            block_map = tok.map
            continue
        if tok.type != "inline":
            continue
        mp = tok.map or block_map
        if mp is None:
            continue
        if parts:
            add("\n\n", -1, -1, "break")  # every block its own paragraph, as in scraped text
        tstart = length
        cur = _Cursor(source, path, offset(mp[0]), offset(mp[1]))
        wrote = False
        in_autolink = False
        for child in tok.children or []:
            t = child.type
            if in_autolink and t != "link_close":
                continue  # the URL of <https://...> is a target, not text
            if t == "text":
                if not child.content:
                    continue
                at = cur.find(child.content, "text")
                add(child.content, at, at + len(child.content), "text")
                cur.pos = at + len(child.content)
                wrote = True
            elif t == "text_special":
                at = cur.find(child.markup, child.info or "escape")
                add(child.content, at, at + len(child.markup), "entity")
                cur.pos = at + len(child.markup)
                wrote = True
            elif t in ("softbreak", "hardbreak"):
                at = cur.find("\n", "line break")
                add(" ", at, at + 1, "fixed")
                cur.pos = at + 1
            elif t == "code_inline":
                # Seen by the reader, never edited: a fixed piece over the whole span.
                at = cur.find(child.markup, "code span")
                cur.pos = at + len(child.markup)
                if child.content:  # the closing run is searched after the code itself
                    cur.pos = cur.find(child.content, "code") + len(child.content)
                cur.pos = cur.find(child.markup, "code span end") + len(child.markup)
                if child.content:
                    add(child.content, at, cur.pos, "fixed")
                    wrote = True
            elif t == "html_inline":
                at = cur.find(child.content, "inline HTML")
                cur.pos = at + len(child.content)
            elif t == "image":
                at = cur.find("![", "image")
                cur.pos = at + 2
                alt = source.find("]", cur.pos, cur.hi)
                cur.pos = alt if alt >= 0 else cur.pos
                cur.skip_link_tail()
            elif t == "link_open":
                if child.markup == "autolink":
                    at = cur.find("<", "autolink")
                    end = source.find(">", at, cur.hi)
                    cur.pos = end + 1 if end >= 0 else cur.hi
                    url = source[at + 1:cur.pos - 1]
                    if url:
                        add(url, at, cur.pos, "fixed")
                        wrote = True
                    in_autolink = True
                else:
                    at = cur.find("[", "link")
                    cur.pos = at + 1
            elif t == "link_close":
                if in_autolink:
                    in_autolink = False
                else:
                    cur.skip_link_tail()
            elif t.endswith("_open") or t.endswith("_close"):
                if child.markup:
                    at = cur.find(child.markup, "emphasis")
                    cur.pos = at + len(child.markup)
        if not wrote:
            # A line with no text of its own (an image alone): drop its pieces and break.
            while view.pieces and view.pieces[-1].text_start >= tstart - 2 and view.pieces[-1].kind != "text":
                p = view.pieces.pop()
                parts.pop()
                length -= p.text_end - p.text_start
            continue
        element("block", mp, tstart)
    if parts:
        add("\n", -1, -1, "break")  # end on one line break, like a text file
    view.text = "".join(parts)
    return view.finish()
