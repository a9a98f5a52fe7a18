"""Acronyms left in French (class 9).

``the Popular Mobilization (MP) units``: the letters in brackets are not the
initials of the words before them, but they are those initials in reverse —
the French word order (*Mobilisation populaire*). Such an acronym is flagged
where it is introduced and wherever it is used again in the article. Known
French acronyms with a fixed English form (ONU, OTAN, UE...) are a word list
in the rule pack instead.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding, Tier

_MINOR = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "in", "on", "to", "a", "&"}
#: Lower-case words that may stand between the capitalised words of a name.
_LINK = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "les"})
_ACRONYM = re.compile(r"\((?P<acr>[A-Z]{2,6})\)")
#: The most capitalised words (each with up to two link words) an acronym's
#: introduction reads back, and the longest word: past them nothing is read.
_MAX_WORDS, _MAX_LINKS, _MAX_TOKEN = 7, 2, 200
_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

#: French acronyms whose English form is known, for the hint.
KNOWN = {"EI": "IS", "ONU": "UN", "OTAN": "NATO", "UE": "EU", "FMI": "IMF", "OMS": "WHO",
         "OCDE": "OECD", "BCE": "ECB", "OMC": "WTO", "MP": "PMF", "PIB": "GDP", "ONG": "NGO"}


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in _MINOR)


@detector("acronym_mismatch")
def acronym_mismatch(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    flagged: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        intro = _introduction(text, m.start())
        if intro is None:
            continue
        acr = m.group("acr")
        words = text[intro:m.start()].split()
        initials = _initials(words)
        if not initials or acr in initials or _fits(acr, words):
            continue
        tail = initials[-len(acr):]
        if tail[::-1] != acr and initials[::-1].find(acr) < 0:
            continue  # not French order either: probably a name, leave it
        english = KNOWN.get(acr, tail)
        start = m.start("acr")
        out.append(ctx.finding(start, start + len(acr), None,
                               message=f"acronym ({acr}) is in French word order; the English "
                                       f"initials of '{' '.join(words[-len(acr):])}' are {tail}"
                                       f"{'; English usage: ' + english if english != tail else ''}",
                               hint=english))
        flagged[acr] = english
    if not flagged:
        return out
    # Every later use, found in one pass over the text (not one per acronym): a
    # use is a word of 2-6 capitals alone, not in brackets.
    uses: dict[str, list[tuple[int, int]]] = {acr: [] for acr in flagged}
    for m in _USE.finditer(text):
        if m.group() in uses:
            uses[m.group()].append(m.span())
    for acr, english in flagged.items():
        for lo, hi in uses[acr]:
            out.append(ctx.finding(lo, hi, None, tier=Tier.REVIEW,
                                   message=f"'{acr}' is the French acronym introduced above "
                                           f"(English: {english})", hint=english))
    return out


_USE = re.compile(r"(?<![\w(])[A-Z]{2,6}(?![\w)])")


def _in_word(c: str) -> bool:
    return c.isalnum() or c in "_'’-"


def _introduction(text: str, paren: int) -> int | None:
    """Where the capitalised words before the bracket at ``paren`` begin.

    The introduction is 1-7 capitalised words (``[A-Z][\\w'’-]*``), each
    followed by white space and up to two link words (*of*, *the*...), right
    before the bracket; the first may start inside a longer token
    (``pro-Iranian``). The earliest start is the one a left-to-right regular
    expression finds. The words are read backwards from the bracket, a bounded
    number of them, so a long line costs no more than a short one.
    """
    tokens: list[tuple[int, int]] = []  # nearest first
    j = paren
    while len(tokens) <= _MAX_WORDS * (1 + _MAX_LINKS):
        i = j
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i == j:
            break  # no white space before: the chain stops
        k = i
        while k > 0 and i - k <= _MAX_TOKEN and _in_word(text[k - 1]):
            k -= 1
        if k == i or i - k > _MAX_TOKEN:
            break
        tokens.append((k, i))
        if k == 0 or not text[k - 1].isspace():
            break  # something else than a word before it: the chain stops here
        j = k
    for r in range(len(tokens), 0, -1):
        lo, hi = tokens[r - 1]
        first = next((x for x in range(lo, hi) if text[x] in _ASCII_UPPER), None)
        if first is None:
            continue
        if _chain_ok([text[a:b] for a, b in reversed(tokens[:r - 1])]):
            return first
    return None


def _chain_ok(rest: list[str]) -> bool:
    """After a first capitalised word: more of them, each with at most two link words."""
    words, links = 1, 0
    for t in rest:
        if t[0] in _ASCII_UPPER:
            words, links = words + 1, 0
            if words > _MAX_WORDS:
                return False
        elif t in _LINK:
            links += 1
            if links > _MAX_LINKS:
                return False
        else:
            return False
    return True


def _fits(acr: str, words: list[str]) -> bool:
    """Does ``acr`` spell, in order, letters that start the trailing words?"""
    letters = [w[0].upper() for w in words]
    it = iter(letters)
    return all(any(c == l for l in it) for c in acr) and acr[0] in letters[-len(acr) - 2:]
