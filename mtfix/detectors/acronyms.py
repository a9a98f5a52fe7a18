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
_INTRO = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|de|du|des|la|le|les)\s+){0,2}){1,7})"
                    r"\((?P<acr>[A-Z]{2,6})\)")

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
    for m in _INTRO.finditer(text):
        acr = m.group("acr")
        words = m.group(1).split()
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
    for acr, english in flagged.items():
        for m in re.finditer(rf"(?<![\w(]){re.escape(acr)}(?![\w)])", text):
            out.append(ctx.finding(m.start(), m.end(), None, tier=Tier.REVIEW,
                                   message=f"'{acr}' is the French acronym introduced above "
                                           f"(English: {english})", hint=english))
    return out


def _fits(acr: str, words: list[str]) -> bool:
    """Does ``acr`` spell, in order, letters that start the trailing words?"""
    letters = [w[0].upper() for w in words]
    it = iter(letters)
    return all(any(c == l for l in it) for c in acr) and acr[0] in letters[-len(acr) - 2:]
