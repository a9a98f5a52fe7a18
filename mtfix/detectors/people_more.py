"""The people detector's checks that need no antecedent search (artefact class 12).

Split from :mod:`mtfix.detectors.people` to keep each module small. Each
takes the article's tokens and mentions (the detector's ``_Article``) or the
document, and returns findings with candidate fixes and ``lm_check``:

* ``who`` right after a country, town, company or institution (French *qui*
  has no human/non-human split): ``Scotland, who must decide`` → ``which``;
  not when a person heads the phrase (``the mayor of Paris, who``) or the
  noun is part of a name (``Manchester City who``: clubs take "who").
* ``His Majesty`` after a queen (French *Sa Majesté*), by the last royal
  word mentioned before it.
* ``It is a great wisdom, my grandma.``: French *c'est* for a person named
  at the end of the sentence; the next ``It is a ...`` goes on about them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mtfix.detectors import DetectorContext
from mtfix.detectors import people_lex as lex
from mtfix.detectors.pronouns import HUMAN, PLACES, PREPOSITIONS
from mtfix.model import Edit, Finding, Fix, Tier

if TYPE_CHECKING:
    from mtfix.document import Document

_HUMAN_PLURALS = {"people", "residents", "inhabitants", "citizens", "voters", "people’s", "fans",
                  "supporters", "members", "leaders", "workers", "families", "children", "women", "men"}

_DISLOCATED = re.compile(r"(It)\s+(?:is|was)\s+[^,.;:!?]+,\s+(?:my|our|your|his|her|their|the)\s+(\w+)\s*[.!]")
_IT_IS = re.compile(r"(It)\s+(?:is|was)\s+(?:a|an|the)\s")


def dislocated_it(doc: "Document", ctx: DetectorContext) -> list[Finding]:
    """"It is a great wisdom, my grandma." (c'est): the person is named at the
    end; the next sentence's "It is a ..." goes on about them."""
    out = []
    sents = doc.sentences
    text = doc.text
    last, gender = -2, ""
    for si, s in enumerate(sents):
        m = _DISLOCATED.match(text, s.start, s.end)
        chain = si == last + 1 and _IT_IS.match(text, s.start, s.end)
        if m and lex.GENDERED.get(m.group(2).lower()):
            gender, why, hit = lex.GENDERED[m.group(2).lower()], f"'{m.group(2)}' named after the comma", m
        elif chain:
            why, hit, m = "continues the sentence before", chain, None
        else:
            continue
        new = "She" if gender == "f" else "He"
        out.append(ctx.finding(hit.start(1), hit.end(1), replacement=new, lm_check=True,
                               tier=Tier.SUGGESTED if m else Tier.REVIEW,
                               message=f"'It' stands for a person here ({why}): {new}?",
                               gender=gender, gender_source="noun", candidates=[[new]]))
        last = si
    return out


def who_for_thing(art: Any, si: int, ctx: DetectorContext) -> list[Finding]:
    toks = art.toks[si]
    out = []
    for k, t in enumerate(toks):
        if t.text != "who":
            continue
        j = k - 1
        comma = False
        while j >= 0 and toks[j].text in {",", "“", '"', "‘", "«", "”"}:
            comma = comma or toks[j].text == ","
            j -= 1
        if j < 0:
            continue
        n = toks[j]
        if n.bare != n.text or art.reg.find([n.text]) is not None:
            continue
        place = n.text in PLACES and not (j > 0 and toks[j - 1].cap and toks[j - 1].word)
        if not (place or (n.low in lex.WHO_THINGS and not n.cap)):  # "Manchester City who"
            continue
        # "the mayor of Paris, who": a person heads the phrase
        head = None
        for b in range(j - 1, max(-1, j - 6), -1):
            if toks[b].low in PREPOSITIONS:
                head = toks[b - 1].low if b > 0 else None
                break
            if not toks[b].word:
                break
        if head and (head in HUMAN or head in lex.ROLES or head in lex.GENDERED or head in _HUMAN_PLURALS
                     or any(mm.kind == "person" and mm.end == toks[b - 1].end for mm in art.ments[si])):
            continue
        cands = ["which"] if comma else ["that", "which"]
        fixes = [Fix((Edit(t.start, t.end, c),)) for c in cands]
        f = ctx.finding(t.start, t.end, fix=fixes[0], lm_check=True,
                        tier=Tier.SUGGESTED if place and comma else Tier.REVIEW,
                        message=f"'who' for {n.text}, which is not a person (French qui)",
                        antecedent=n.text, candidates=[[c] for c in cands])
        out.append(replace(f, fixes=tuple(fixes)))
    return out


_MAJESTY = re.compile(r"\b(His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness)\b")


def majesty(art: Any, si: int, ctx: DetectorContext) -> list[Finding]:
    s = art.doc.sentences[si]
    out = []
    for m in _MAJESTY.finditer(art.doc.text, s.start, s.end):
        gender = ""
        for sj in range(si, max(-1, si - 8), -1):
            words = [t for t in art.toks[sj] if t.start < m.start()]
            royal = [lex.ROYAL[t.low] for t in words if t.low in lex.ROYAL]
            if royal:
                gender = royal[-1]
                break
        said = "f" if m.group(1) == "Her" else "m"
        if not gender or gender == said:
            continue
        new = "Her" if gender == "f" else "His"
        out.append(ctx.finding(m.start(1), m.end(1), replacement=new, lm_check=True, tier=Tier.REVIEW,
                               message=f"'{m.group(0)}' after a {'queen' if gender == 'f' else 'king'}: {new}?",
                               gender=gender, gender_source="last royal mentioned", candidates=[[new]]))
    return out
