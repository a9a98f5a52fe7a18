"""Words of a line and what language they belong to, for :mod:`mtfix.detectors.french`.

A token is French when wordfreq (:mod:`mtfix.lexicon`) finds it much more
frequent in French than in English, a French *function* word when it is among
the most frequent French words, and English the other way round. Elided
articles are split off their word (``l’énergie``: ``l’`` + ``énergie``) while
English contractions stay whole (``it’s``). The words of the loanwords English
keeps (``mtfix/data/french_loanwords.txt``) are marked so that no detector
reads them as French. A document's lines are tokenised once and shared by the
detectors.
"""
from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mtfix.document import Document
from mtfix.lexicon import zipf

#: A word: letters, inner apostrophes (English contractions, French elisions).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: French elided prefixes, split off a token (``l’énergie`` → ``l’`` + ``énergie``).
_ELISION = re.compile(r"(?i)^(l|d|j|n|s|c|m|t|qu|jusqu|lorsqu|puisqu)(['’])(?=[^\W\d_]{2})")
# Thresholds on the Zipf scale (7 is "the", 3 is one in a million words).
#: A word is French when it is at least this much more frequent in French...
FRENCH_MARGIN = 1.5
#: ...and at least this frequent in French (no rare noise).
FRENCH_MIN = 3.0
#: French function words are very frequent in French.
FUNCTION_MIN = 6.0
#: An English neighbour is at least this much more frequent in English.
ENGLISH_MARGIN = 0.5


class Token:
    """One word of a line: ``text[start:end]``; ``elision``: a French elided
    article split off its word (``l’``). ``lower`` (lower case, curly
    apostrophe made straight) and ``capital`` are read for every token by
    several detectors, so they are computed once, here; a plain class with
    slots, because a document has tens of thousands of tokens and building a
    frozen dataclass costs several times as much. Read-only by convention:
    it compares and hashes by its four fields, as a frozen dataclass would."""

    __slots__ = ("start", "end", "text", "elision", "lower", "capital")

    def __init__(self, start: int, end: int, text: str, elision: bool = False) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.elision = elision
        self.lower = text.lower().replace("’", "'")
        self.capital = text[:1].isupper()

    def _key(self) -> tuple[int, int, str, bool]:
        return self.start, self.end, self.text, self.elision

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Token:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Token(start={self.start!r}, end={self.end!r}, text={self.text!r}, "
                f"elision={self.elision!r})")


@lru_cache(maxsize=50_000)
def freqs(word: str) -> tuple[float, float]:
    """French and English Zipf frequencies of a token. A token that still holds
    an apostrophe once French elisions are split off is an English
    contraction or possessive (``Norway's``, ``she'd``): no French word."""
    if "'" in word or "’" in word:
        return 0.0, zipf(word, "en")
    return zipf(word, "fr"), zipf(word, "en")


def is_french(tok: Token) -> bool:
    """French, and not a word English shares (``match``, ``rue`` are both)."""
    if tok.elision:
        return True
    fr, en = freqs(tok.lower)
    return fr >= FRENCH_MIN and fr - en >= FRENCH_MARGIN


def is_function(tok: Token) -> bool:
    """A French grammatical word (article, preposition, pronoun, auxiliary)."""
    return tok.elision or freqs(tok.lower)[0] >= FUNCTION_MIN


def is_english(tok: Token) -> bool:
    fr, en = freqs(tok.lower)
    return en >= 3.0 and en - fr >= ENGLISH_MARGIN


def tokens(text: str, lo: int, hi: int) -> list[Token]:
    """The words of ``text[lo:hi]``, French elisions split off their word."""
    out: list[Token] = []
    for m in _WORD.finditer(text, lo, hi):
        w, s = m.group(), m.start()
        # an elision holds an apostrophe: most words have none to try the pattern on
        e = _ELISION.match(w) if "'" in w or "’" in w else None
        if e:
            cut = e.end()
            out.append(Token(s, s + cut, w[:cut], elision=True))
            out.append(Token(s + cut, m.end(), w[cut:]))
        else:
            out.append(Token(s, m.end(), w))
    return out


@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    word = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(c for c in word if not unicodedata.combining(c))


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as folded words, elisions kept as their own word (``d'`` + ``etre``)."""
    return tuple(t.lower for t in tokens(fold(phrase), 0, len(phrase)))


@lru_cache(maxsize=1)
def loanwords() -> frozenset[tuple[str, ...]]:
    text = resources.files("mtfix.data").joinpath("french_loanwords.txt").read_text(encoding="utf-8")
    return frozenset(_phrase_words(line) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _loan_longest() -> int:
    return max((len(p) for p in loanwords()), default=0)


@lru_cache(maxsize=1)
def _loan_firsts() -> frozenset[str]:
    return frozenset(p[0] for p in loanwords() if p)


def _loan_marks(toks: list[Token]) -> set[int]:
    """Indexes of tokens inside a loanword phrase English keeps."""
    loans = loanwords()
    longest = _loan_longest()
    firsts = _loan_firsts()
    folded = [fold(t.text) for t in toks]
    marked: set[int] = set()
    for i in range(len(toks)):
        if folded[i] not in firsts:
            continue
        for n in range(min(longest, len(toks) - i), 0, -1):
            if tuple(folded[i:i + n]) in loans and _adjacent(toks[i:i + n]):
                marked.update(range(i, i + n))
                break
    return marked


def _adjacent(toks: list[Token]) -> bool:
    """No punctuation between the tokens: only spaces, hyphens or an elision's glue."""
    return all(b.start - a.end <= 1 for a, b in zip(toks, toks[1:]))


def gap_ok(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return gap == "" or gap in (" ", "\u00a0")


def quoted(doc: Document, start: int, end: int) -> bool:
    return doc.quote_at(start) is not None or doc.quote_at(max(start, end - 1)) is not None


@dataclass
class Line:
    start: int
    end: int
    toks: list[Token]
    loans: set[int]


_LINES: "weakref.WeakKeyDictionary[Document, list[Line]]" = weakref.WeakKeyDictionary()


def lines(doc: Document) -> list[Line]:
    """The document's lines as tokens, computed once for all four detectors."""
    cached = _LINES.get(doc)
    if cached is None:
        cached = []
        for b in doc.blocks:
            toks = tokens(doc.text, b.start, b.end)
            if toks:
                cached.append(Line(b.start, b.end, toks, _loan_marks(toks)))
        _LINES[doc] = cached
    return cached
