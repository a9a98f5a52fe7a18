"""Broken sentence boundaries and truncation (class 7) that a pattern cannot see.

A long line of running text that stops without final punctuation was cut
short (or two segments were merged). Headings, titles, datelines and list
items are short and carry no full stop on purpose, so only lines longer than
a heading (``min_words``) count.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding

_END = re.compile(r"[.!?…:;\"'”’»)\]]\s*$")
#: An address in the line's last word (searched in that word alone: the same
#: search over the whole line would rescan it from every "www.").
_URL_START = re.compile(r"(?:https?://|www\.)\S")


@detector("unterminated_paragraph")
def unterminated_paragraph(doc: Document, ctx: DetectorContext) -> list[Finding]:
    min_words = int(ctx.options.get("min_words", 21))
    out: list[Finding] = []
    for b in doc.blocks:
        line = b.text(doc)
        if b.heading or _END.search(line) or len(line.split()) < min_words:
            continue
        if re.search(r"\s(?:–|-|—)\s*\w+$", line) or re.search(r"(?:/\s*|\s)[A-Z]{2,}$", line):
            continue  # a dateline or a photo credit
        if _URL_START.search(line.split()[-1]):
            continue  # ends with an address, which takes no full stop
        tail = max(b.start, b.end - 30)
        out.append(ctx.finding(tail, b.end, None,
                               message="running text stops without final punctuation: truncated, or merged with what follows?"))
    return out
