"""Which lines the typography detectors leave alone, and why.

Two kinds of line are not English article text:

* a line of **French** (a scraper kept the original headline under the
  translated one, ``Veille de match : les Bleus comme à la maison``): French
  typography is right in French, and the line is another class's business;
* a line of **web residue** (``residue_kind``, the residue rules' own test):
  the line goes as a whole, so a fix inside it would only collide with that
  deletion.

A line is French when most of its lower-case words are clearly more frequent
in French than in English (``frenchness`` above 1 Zipf unit; shared words
such as ``match`` count for neither side). Capitalised words and hyphenated
compounds are names (``Val-de-Marne``, ``Seine-Saint-Denis``), which English
keeps in French.
"""
from __future__ import annotations

import re
import weakref

from mtfix.detectors.residue import residue_kind
from mtfix.document import Document
from mtfix.lexicon import frenchness

#: A word that is not part of a hyphenated compound.
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w-])")
_cache: "weakref.WeakKeyDictionary[Document, frozenset[int]]" = weakref.WeakKeyDictionary()


def skipped_blocks(doc: Document) -> frozenset[int]:
    """Indices in ``doc.blocks`` of French lines and residue lines (computed once per document)."""
    got = _cache.get(doc)
    if got is None:
        got = frozenset(i for i, b in enumerate(doc.blocks)
                        if is_french_line(b.text(doc)) or residue_kind(b.text(doc)) is not None)
        _cache[doc] = got
    return got


def is_french_line(line: str) -> bool:
    """Do most words of ``line`` (at least three of them) read as French?"""
    words = [w for w in _WORD.findall(line) if not w[0].isupper()]
    if len(words) < 3 or len(words) > 60:
        return False  # too short to tell; a long line with French in it is still prose
    french = english = 0
    for w in words:
        f = frenchness(w.lower())
        if f > 1.0:
            french += 1
        elif f < -1.0:
            english += 1
    return french >= 3 and french > 2 * english
