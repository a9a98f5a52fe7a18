"""Which lines the typography detectors leave alone, and why.

Two kinds of line are not English article text:

* a line of **French** (a scraper kept the original headline under the
  translated one, ``Veille de match : les Bleus comme à la maison``): French
  typography is right in French, and the line is another class's business;
* a line of **web residue** (``residue_kind``, the residue rules' own test,
  or a line that opens with a furniture label such as ``READ ALSO`` or
  ``Subscribe``): the line goes as a whole, so a fix inside it would only
  collide with that deletion;
* the **page furniture after the article**: an article ends on a sentence,
  not on a headline, so the run of headline-like lines at the very end of a
  text (headings, or short lines of ten words or fewer that do not end with a
  full stop: related links, tag lists ``• Do not touch My TV !``, credits
  ``Photo credits : CALPIX/SIPA``, ``Latest News on :``) is the page's, not the
  article's (when an article comes before it: a text of one short line is
  just that). The residue rules decide what to do with it.

A line is French when its lower-case words hold at least three French
function words (``de``, ``les``, ``comme``, ``à``: a closed class, so a short
list decides) and more than twice as many as English ones. Capitalised words
and hyphenated compounds are names (``Val-de-Marne``, ``Seine-Saint-Denis``),
which English keeps in French. (Word frequencies would do too, but loading
them costs seconds, inside the time limit of the first rule that asks.)
"""
from __future__ import annotations

import re
import weakref

from mtfix.detectors.residue import residue_kind
from mtfix.document import Document
from mtfix.lexicon import FUNCTION_WORDS

#: A word that is not part of a hyphenated compound.
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w-])")
#: French function words that English does not use (``a``, ``on``, ``son`` are left out).
FRENCH_FUNCTION_WORDS = frozenset("""
le la les l' de du des d' un une et à au aux en dans sur sous avec pour par sans chez entre vers
ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes notre nos votre vos qui que qu' quoi
dont où ne n' pas plus très mais ou donc car comme est sont était être avoir ont il ils elle elles
nous vous je j' se s' lui y c' aussi encore déjà après avant depuis pendant selon
""".split())
_cache: "weakref.WeakKeyDictionary[Document, frozenset[int]]" = weakref.WeakKeyDictionary()


def skipped_blocks(doc: Document) -> frozenset[int]:
    """Indices in ``doc.blocks`` of French lines and residue lines (computed once per document)."""
    got = _cache.get(doc)
    if got is None:
        got = frozenset(i for i, b in enumerate(doc.blocks)
                        if is_french_line(b.text(doc)) or _is_residue(b.text(doc)))
        got |= trailing_furniture(doc)
        _cache[doc] = got
    return got


#: The labels page furniture opens with, whatever the residue rules make of the rest.
_FURNITURE_LABEL = re.compile(
    r"(?i:read also|also read|see also|to read also|read more|subscribe\b|photo credits?\b|credits?\s*:"
    r"|source\s*:|latest news\b|related (?:articles?|news)\b|find this article\b)")


def _is_residue(line: str) -> bool:
    """A residue line, or a line of page furniture by its label, also behind a
    stray quotation mark or a bullet (``” READ ALSO – may 13, 1958: ...``,
    ``Subscribe: € 1 for 2 months``)."""
    bare = line.lstrip("\"“”«»•·-–— \u00a0")
    return residue_kind(line) is not None or residue_kind(bare) is not None or bool(
        _FURNITURE_LABEL.match(bare))


def is_french_line(line: str) -> bool:
    """Do most words of ``line`` (at least three of them) read as French?"""
    words = [w for w in _WORD.findall(line) if not w[0].isupper()]
    if len(words) < 3 or len(words) > 60:
        return False  # too short to tell; a long line with French in it is still prose
    french = english = 0
    for w in words:
        w = w.lower().replace("’", "'")
        if w in FRENCH_FUNCTION_WORDS:
            french += 1
        elif w in FUNCTION_WORDS:
            english += 1
    return french >= 3 and french > 2 * english


#: A short line is at most this many words.
SHORT_LINE = 10


def trailing_furniture(doc: Document) -> frozenset[int]:
    """Indices of the headline-like lines that end the text (see the module's doc)."""
    blocks = doc.blocks
    k = len(blocks)
    while k > 0:
        b = blocks[k - 1]
        line = b.text(doc)
        if not (b.heading or (len(line.split()) <= SHORT_LINE and not line.endswith("."))):
            break
        k -= 1
    if k == 0:
        return frozenset()  # no article before it: a title, a sentence on its own
    return frozenset(range(k, len(blocks)))
