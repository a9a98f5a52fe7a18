"""HTML and Markdown articles: the text a reader sees, and the way back to the source.

:func:`read_markup` reads a source as :class:`~mtfix.markup.view.MarkupView`
(see :mod:`mtfix.markup.view` for the pieces and how fixes are carried
back); :mod:`mtfix.markup.html` and :mod:`mtfix.markup.markdown` are the two
readers.
"""
from __future__ import annotations

from mtfix.markup.view import (FORMATS, Element, MarkupView, Piece, Unmappable, apply_edits,
                               format_for_path)

__all__ = ["Piece", "Element", "MarkupView", "Unmappable", "read_markup", "apply_edits", "FORMATS",
           "format_for_path"]


def read_markup(source: str, fmt: str, path: str = "<text>") -> MarkupView:
    """The :class:`MarkupView` of ``source`` read as ``fmt`` (``html`` or ``markdown``)."""
    if fmt == "html":
        from mtfix.markup.html import read_html

        return read_html(source, path)
    if fmt == "markdown":
        from mtfix.markup.markdown import read_markdown

        return read_markdown(source, path)
    raise ValueError(f"not a markup format: {fmt!r}")
