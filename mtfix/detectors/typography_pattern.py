"""A typography pattern that leaves French and residue lines alone (class 2).

French spacing (``Veille de match : les Bleus``) is right in a line of
French, and a fix inside a line of web residue only collides with the
deletion of that line (:mod:`mtfix.detectors.typography_lines`). A plain
pattern rule cannot see either, so the typography rules are written as
patterns in their YAML file and run through this detector::

    type: detector
    detector: typography_pattern
    options: {pattern: '(?<=\\w) +(?=,)', replacement: ''}

``pattern`` is a regular expression (the ``regex`` module, as for pattern
rules), ``replacement`` a template (``\\1``, ``\\g<name>``) or null to flag
only, ``message`` may use ``{match}``, ``{replacement}`` and ``{1}``.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from mtfix.detectors import DetectorContext, detector
from mtfix.detectors.typography_lines import skipped_blocks
from mtfix.anchors import Anchors, anchors, possible
from mtfix.document import Document
from mtfix.model import Finding


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> "regex.Pattern":
    return regex.compile(pattern, regex.V0)


@lru_cache(maxsize=256)
def _prepared(pattern: str) -> "tuple[regex.Pattern, Anchors | None]":
    """The compiled pattern and its anchors, looked up once per pattern (some
    thirty typography rules run on every document)."""
    compiled = _compiled(pattern)
    return compiled, anchors(compiled)


@detector("typography_pattern")
def typography_pattern(doc: Document, ctx: DetectorContext) -> list[Finding]:
    pattern, need = _prepared(str(ctx.options["pattern"]))
    if need is not None and not possible(need, doc.text, doc.folded):
        return []  # a literal every match holds is not in the text (mtfix.anchors)
    template = ctx.options.get("replacement")
    skip = skipped_blocks(doc)
    out: list[Finding] = []
    for m in pattern.finditer(doc.text):
        i = doc.block_index(m.start())
        if i in skip and doc.blocks[i].start <= m.start() <= doc.blocks[i].end:
            continue
        repl = None if template is None else m.expand(str(template))
        if repl is not None and repl == m.group():
            continue
        out.append(ctx.finding(m.start(), m.end(), repl, message=_message(ctx.message, m, repl)))
    return out


_PLACEHOLDER = regex.compile(r"\{(\w+)\}")


def _message(template: str, m: "regex.Match", repl: str | None) -> str:
    """``{match}``, ``{replacement}``, ``{1}`` and ``{name}`` filled in; others kept as written."""
    def fill(p: "regex.Match") -> str:
        key = p.group(1)
        if key == "match":
            return m.group()
        if key == "replacement":
            return repl or ""
        try:
            return m.group(int(key) if key.isdigit() else key) or ""
        except IndexError:
            return p.group()
    return _PLACEHOLDER.sub(fill, template)

