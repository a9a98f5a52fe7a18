"""People's pronouns the language model alone may confirm (artefact class 12).

French *il/elle* and *son/sa* follow the grammatical gender of a noun, so MT
writes ``it`` and ``its`` for a named person: ``Mr L. lived still alone in
its apartment``, ``the same Willard Boyle ... during its work``, ``It is
suspected of having pocketed bribes`` (rbmt-1 and uedin in the wmt13 MT
outputs; ``carry out its action`` for Dupond-Moretti in corpora/web/dev).
Rules alone cannot tell these from the ``its`` of a thing named in between
(``a parallel budget feeding its coffers``) or from a dummy ``it`` (``it is
up to them``), so each finding here is a *candidate* set for the model,
gated (``lm_gate``): without the model, or when it prefers the original,
the finding is dropped, and rules-only output is unchanged.

What the structure must show before the model is asked:

* ``its`` + a word, with exactly one person named in the sentence before it
  (or, when none, in the sentence before), that person in subject position,
  and no organisation, country, unknown capitalised name or thing noun
  between them. Candidates: ``his``/``her`` by the person's gender, both
  (the model picks) when it is unknown.
* ``it`` opening a clause, followed by a verb (past its auxiliaries), with
  the same single person as antecedent and no thing in the sentence before
  or in this one up to ``it``. Not ``it`` after a preposition or ``that``,
  not the dummy of ``it is <adjective> to/that``, not ``it`` inside a quote.

Evidence names the person, the antecedent and where the gender came from.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable

from mtfix.detectors import DetectorContext
from mtfix.detectors import people_lex as lex
from mtfix.detectors.pronouns import PREPOSITIONS
from mtfix.model import Edit, Finding, Fix, Tier

#: Words that open a clause: "it" right after one is a subject.
_CLAUSE = {",", ";", ":", "—", "–", "(", "and", "but", "when", "while", "as", "because", "if",
           "then", "so", "since", "though", "although", "after", "before", "where", "once"}
#: "it" before one of these is not a person's: "it is up to", "it seems", "it takes".
_DUMMY_NEXT = {"seems", "seemed", "appears", "appeared", "takes", "took", "remains", "remained",
               "happens", "happened", "means", "meant", "matters", "depends", "rains", "follows",
               "turns", "turned", "costs", "cost", "goes", "went", "comes", "came", "makes", "made",
               "'s", "’s", "s"}
_DUMMY_PRED = re.compile(
    r"\s*(?:is|was|will\s+be|would\s+be|has\s+been|had\s+been)\s+(?:not\s+)?(?:\w+\s+)?"
    r"(?:up\s+to|time|true|clear|possible|impossible|necessary|important|difficult|easy|hard|"
    r"likely|unlikely|enough|better|worse|best|worth|about|a\s+question|the\s+case|said|"
    r"expected|estimated|thought|believed|known|feared|reported|planned|hoped|"
    r"(?:\w+\s+)?(?:to|that|for|whether|how|what|why|when|which))\b"
    r"|\s*(?:must|should|can|could|may|might|will|would)\s+(?:\w+\s+)?be\b", re.I)
_NATIONALS = re.compile(r"^[A-Z]\w+(?:ians|ans|ese)$")


def _people_before(art: Any, si: int, k_tok: int) -> tuple[list, list, bool]:
    """(person mentions, thing mentions, from the sentence before?) that may
    own the pronoun at token ``k_tok`` of sentence ``si``: those of the
    sentence itself before it, or, when it names no one there, those of the
    sentence before (not across a heading)."""
    ms = [m for m in art.ments[si] if m.tok < k_tok and not m.quoted]
    people = [m for m in ms if m.kind in ("person", "noun")]
    if people:
        return people, [m for m in ms if m.kind == "thing"], False
    if si == 0 or art.doc.in_heading(art.doc.sentences[si - 1].start):
        return [], [], False
    prev = [m for m in art.ments[si - 1] if not m.quoted]
    things = [m for m in prev + ms if m.kind == "thing"]
    return [m for m in prev if m.kind in ("person", "noun")], things, True


def _single_person(art: Any, people: list) -> Any:
    """The one named person all of ``people`` stand for, or None."""
    named = {id(art.referent(m)): art.referent(m) for m in people}
    if len(named) != 1 or None in named.values():
        return None
    return next(iter(named.values()))


def _candidates(gender: str, mask: str) -> list[str]:
    """his/her (or he/she) by gender, both when it is not known."""
    m, f = mask.split("/")
    return [m] if gender == "m" else [f] if gender == "f" else [m, f]


def _case(new: str, old: str) -> str:
    return new.capitalize() if old[:1].isupper() else new


def gated(art: Any, si: int, ctx: DetectorContext, subject: Callable[[Any, Any], bool]) -> list[Finding]:
    """The model-gated ``its``/``it`` findings of sentence ``si`` (see the module)."""
    toks = art.toks[si]
    out: list[Finding] = []
    for k, t in enumerate(toks):
        if t.low not in ("its", "it"):
            continue
        if art.doc.quote_at(t.start) is not None:
            continue  # a quotation: the speaker may talk of anything
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is None or not nxt.word:
            continue
        if t.low == "it" and not _subject_it(art, toks, k):
            continue
        people, things, _prev = _people_before(art, si, k)
        person = _single_person(art, people) if people else None
        if person is None:
            continue
        ante = people[-1]
        if not subject(art, people[0]) or people[0].in_pp:
            continue  # "accused Mr Tremblay of ... its coffers": an object is not the owner
        if any(x.start > people[0].start and not _NATIONALS.search(x.text)
               and (t.low == "its" or not x.in_pp) for x in things):
            continue  # "Macron visited France and its regions": a thing may own it (a subject
            # "it" rarely goes back to a preposition's object: "resigned as mayor of Laval. It is")
        if any(x.low in ("and", "or") and x.start > people[0].end for x in toks[:k]) and t.low == "its":
            continue  # "the minister and the ministry ... its": a second party may
        gender, source = person.gender()
        if source == "conflict":
            continue
        mask = "his/her" if t.low == "its" else "he/she"
        cands = _candidates(gender, mask)
        fixes = [Fix((Edit(t.start, t.end, _case(c, t.text)),)) for c in cands]
        what = "a person's possessive" if t.low == "its" else "a person as subject"
        f = ctx.finding(t.start, t.end, fix=fixes[0], tier=Tier.REVIEW, lm_check=True, lm_gate=True,
                        message=f"'{t.text}' may stand for {person.name} ({what}; French son/sa, il/elle?)",
                        person=person.name, antecedent=ante.text, gender=gender or "?",
                        gender_source=source, candidates=[[fx.edits[0].replacement] for fx in fixes])
        out.append(replace(f, fixes=tuple(fixes)))
    return out


def _subject_it(art: Any, toks: list, k: int) -> bool:
    """Does "it" at ``k`` open a clause as the subject of a verb a person could do?"""
    if k > 0 and toks[k - 1].low not in _CLAUSE:
        return False  # "of it", "that it", "made it": an object or a clause about something
    if k > 0 and toks[k - 1].low in PREPOSITIONS:
        return False
    nxt = toks[k + 1]
    if nxt.low in _DUMMY_NEXT or nxt.low in PREPOSITIONS or nxt.low in ("is", "was") and k + 2 < len(toks) \
            and (toks[k + 2].low in ("a", "an", "the", "this", "that", "not", "also", "very", "so", "too")
                 or toks[k + 2].low in PREPOSITIONS):
        return False  # "it is a myth", "it seems", "it is on this condition that": a thing or a dummy
    if _DUMMY_PRED.match(art.doc.text, toks[k].end):
        return False  # "it is up to them", "it is important to", "it was said that"
    return nxt.low in lex.AUXILIARIES or nxt.low.endswith(("ed", "s")) and not nxt.low.endswith("ss")
