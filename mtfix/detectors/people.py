"""People's pronouns carried over from French (artefact class 12).

French *son/sa/ses* agree with the thing possessed, *lui* has no gender and
*il/elle* follow the grammatical gender of a noun, so MT writes ``his
daughters`` for Laeticia Hallyday, ``it has also evoked`` for a minister and
``Scotland, who must decide``. This detector tracks the people an article
names (:mod:`mtfix.detectors.people_track`), decides each one's gender from
the evidence there is (honorific, gendered title, the given-name lexicon, the
article's own subject pronouns) and checks every third-person pronoun
against its likely antecedent:

* **he/she/his/her/him/hers/himself/herself.** The antecedent is the subject
  of the pronoun's own clause when a person opens the sentence and no other
  person stands between ("Laeticia took sole decisions, for the good of
  his daughters"); otherwise every person mentioned in the sentence so far
  and in the one before. The pronoun is flagged only when *no* candidate is
  compatible: a single person, or a man named nearby, or a role noun of
  unknown gender ("the minister") leaves it alone. An object pronoun never
  takes its own clause's subject ("She has promised him").
* **it** before a verb of saying or declaring, or ``would be originally
  from``, when a single person and no organisation, country or unknown name
  could be its subject ("Franck Riester ..., but it has also evoked").
  A right-dislocated ``It is a great wisdom, my grandma.`` too.
* **who** right after a country, town, company or institution, unless a
  person heads the phrase ("the mayor of Paris, who").
* **His/Her Majesty** against the last king or queen mentioned.
* **its/it for a named person** where only the model can tell a person's
  ``its`` from a thing's (:mod:`mtfix.detectors.people_gated`): candidates
  gated by the model (``lm_gate``), dropped without it.

Fixes are candidates (``her`` → ``his`` and ``him`` both), every finding asks
the language model (``lm_check``), and the tier without it is review unless
the evidence is unambiguous: an honorific, a gendered title or a plain
lexicon name, and one person in the window. Pronouns inside quotations are
left alone (the speaker may talk of anyone), as are headings' pronouns with
no person named in the heading itself.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from mtfix.detectors import DetectorContext, detector
from mtfix.detectors import people_lex as lex
from mtfix.detectors.people_gated import gated
from mtfix.detectors.people_more import dislocated_it, majesty, who_for_thing
from mtfix.detectors.people_track import CITIES, Mention, Person, Registry, Tok, mentions, register, tokens
from mtfix.detectors.pronouns import PLACES, PREPOSITIONS
from mtfix.model import Edit, Finding, Fix, Tier

if TYPE_CHECKING:
    from mtfix.document import Document

STANDALONE = DetectorContext(rule_id="people-pronoun", category="people",
                             message="a pronoun does not match the person it refers to",
                             tier=Tier.REVIEW, lm=True)

_OBJECT_FOLLOWERS = PREPOSITIONS | {
    "that", "the", "a", "an", "and", "or", "but", "as", "if", "when", "so", "again", "too", "also",
    "now", "then", "here", "there", "back", "up", "down", "out", "off", "away", "this", "these",
    "those", "what", "how", "why", "who", "whom", "which", "alone", "to", "very", "much",
}
_STRONG = ("honorific", "title", "lexicon")

def _role(toks: list[Tok], k: int) -> str:
    """subject, possessive, object or reflexive, for the pronoun at ``k``."""
    w = toks[k].low
    if w in ("he", "she"):
        return "subject"
    if w in ("himself", "herself"):
        return "reflexive"
    if w in ("his", "hers"):
        return "possessive"
    if w == "him":
        return "object"
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or not nxt.word or nxt.low in _OBJECT_FOLLOWERS:
        return "object"
    return "possessive"


def _with_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    return new.capitalize() if old[:1].isupper() else new


class _Article:
    """The mentions of every sentence and the pronouns resolved so far."""

    def __init__(self, doc: "Document") -> None:
        self.doc = doc
        self.toks = [tokens(doc.text, s.start, s.end) for s in doc.sentences]
        self.reg: Registry = register(doc, self.toks)
        self.ments: list[list[Mention]] = []
        recent: list[list[Person]] = []
        roles: list[set[str]] = []
        for si, s in enumerate(doc.sentences):
            window = [p for ps in recent[-3:] for p in ps]
            taken = frozenset(w for ws in roles[-3:] for w in ws)
            ms = mentions(doc, self.toks[si], self.reg, window, s.start, taken)
            self.ments.append(ms)
            recent.append([m.person for m in ms if m.person is not None])
            roles.append({m.text for m in ms if m.kind == "noun" and not m.gender})
        self.resolved: dict[int, Person] = {}

    def referent(self, m: Mention) -> Person | None:
        return m.person if m.kind == "person" else self.resolved.get(m.start)

    def gender_of(self, m: Mention) -> str:
        """The gender a candidate antecedent stands for ("" = could be either)."""
        p = self.referent(m)
        if p is not None:
            return p.gender()[0]
        return m.gender

    def candidates(self, si: int, k: int, role: str) -> list[Mention]:
        """Possible person antecedents of the pronoun mention ``k`` of sentence ``si``."""
        ms = self.ments[si]
        own = ms[k]
        def usable(m: Mention) -> bool:
            if m.quoted and not own.quoted:
                return False
            return m.kind in ("person", "noun") or (m.kind == "pron" and m.gender in "mf")
        before = [m for m in ms[:k] if usable(m)]
        if before and not before[0].in_pp:
            subj, rest = before[0], before[1:]
            if role == "object":
                before = rest  # "She has promised him": not the clause's own subject
            else:
                sp = self.referent(subj)
                if not rest or (sp is not None and all(self.referent(m) is sp for m in rest)):
                    return [subj]  # "Laeticia took sole decisions, for the good of his daughters"
        return self.previous(si) + before

    def previous(self, si: int) -> list[Mention]:
        """The person mentions of the sentence before ``si`` (none across a heading)."""
        if si == 0 or self.doc.in_heading(self.doc.sentences[si - 1].start):
            return []
        return [m for m in self.ments[si - 1] if not m.quoted and (
            m.kind in ("person", "noun") or (m.kind == "pron" and m.gender in "mf"))]


def _resolve_all(art: _Article) -> None:
    """Structural pass: a pronoun whose candidates are all one person refers
    to them; a subject pronoun so resolved is a vote for that person's gender."""
    for si, ms in enumerate(art.ments):
        for k, m in enumerate(ms):
            if m.kind != "pron" or m.gender not in "mf" or m.quoted:
                continue
            role = _role(art.toks[si], m.tok)
            cands = art.candidates(si, k, role)
            people = {id(art.referent(c)): art.referent(c) for c in cands}
            if len(people) == 1 and None not in people.values() and not any(
                    c.kind == "noun" and c.person is None for c in cands):
                p = next(iter(people.values()))
                if role == "subject" and {g for g, src in p.facts if src in _STRONG} - {m.gender}:
                    continue  # at odds with what is known of them: no vote, the check pass judges
                art.resolved[m.start] = p
                if role == "subject":
                    p.vote(m.gender, si)


@detector("people", prepare=lex.warm)
def detect_people(doc: "Document", ctx: DetectorContext = STANDALONE) -> list[Finding]:
    """Findings for pronouns that disagree with the person (or thing) they refer to."""
    art = _Article(doc)
    _resolve_all(art)
    out: list[Finding] = []
    for si, s in enumerate(doc.sentences):
        out.extend(_gendered(art, si, ctx))
        out.extend(_it_for_person(art, si, ctx))
        out.extend(who_for_thing(art, si, ctx))
        out.extend(majesty(art, si, ctx))
    out.extend(dislocated_it(art.doc, ctx))
    seen = {f.start for f in out}
    for si in range(len(doc.sentences)):
        out.extend(f for f in gated(art, si, ctx, _subject_position) if f.start not in seen)
    return out


def _gendered(art: _Article, si: int, ctx: DetectorContext) -> list[Finding]:
    toks, ms = art.toks[si], art.ments[si]
    heading = art.doc.in_heading(art.doc.sentences[si].start)
    groups: dict[tuple[int, str], list[tuple[Tok, str, Mention]]] = {}
    who: dict[tuple[int, str], tuple[Person, list[Mention]]] = {}
    for k, m in enumerate(ms):
        if m.kind != "pron" or m.gender not in "mf" or m.quoted:
            continue
        t = toks[m.tok]
        role = _role(toks, m.tok)
        cands = art.candidates(si, k, role)
        if heading:
            cands = [c for c in cands if c.start >= art.doc.sentences[si].start]
        if not cands or any(art.gender_of(c) in ("", m.gender) for c in cands + art.previous(si)) \
                or _chain(art, si, k, m.gender):
            continue  # someone it may be is near: "Jacques Chirac died. Bernadette attended his funeral"
        ante = cands[0] if len(cands) == 1 else cands[-1]
        since = ante.start if ante in ms else art.doc.sentences[si].start
        if any(x.kind == "thing" and since < x.start < m.start for x in ms):
            continue  # "the Assembly would vote for her final text": a thing may own it
        if any(_unknown_name(x) and ante.start < x.start < m.start for x in _window(art, si)):
            continue  # "Anne Dupont met Macron. He praised her work": Macron may be "he"
        if _slashed(art.doc.text, t):
            continue  # "his/her son": both on purpose
        person = art.referent(ante)
        if person is None:
            continue
        target, source = person.gender()
        if source == "lexicon-weak":
            continue  # "Camille", "Claude": the lexicon is not sure enough to flag
        art.resolved[m.start] = person
        key = (id(person), target)
        groups.setdefault(key, []).append((t, role, m))
        who[key] = (person, cands)
    out = []
    for key, items in groups.items():
        person, cands = who[key]
        out.append(_gender_finding(ctx, person, cands, items, art))
    return out


def _unknown_name(x: Mention) -> bool:
    """A lone capitalised word the registry does not know (``Macron``, ``the
    Spaniard``): a person of either gender as likely as a thing, so another
    possible antecedent. Not an acronym nor a known place."""
    return x.kind == "thing" and " " not in x.text and not x.text.isupper() \
        and x.text not in PLACES and x.text not in CITIES


def _window(art: _Article, si: int) -> list[Mention]:
    """The mentions of sentence ``si`` and the one before (not across a heading)."""
    before = art.ments[si - 1] if si and not art.doc.in_heading(art.doc.sentences[si - 1].start) else []
    return before + art.ments[si]


def _lm_context(art: _Article, person: Person, at: int) -> dict:
    """``lm_context``: the article's sentence that shows the person's gender
    ("Zaz not only has a man in her life, she also has..."), for the model to
    read before the window when it is not already there. Measured on the Zaz
    article: "on his need ... his life" → "her" scores -0.41 nats with the two
    sentences before as context, +4.81 with this sentence put first."""
    si = person.evidence_sentence()
    here = art.doc.sentence_index(at)
    if si < 0 or here - 2 <= si <= here:
        return {}
    s = art.doc.sentences[si]
    return {"lm_context": " ".join(art.doc.text[s.start:s.end].split())}


_OPENERS = {",", ":", ";", "(", "—", "–", "and", "but", "when", "while", "as", "because", "if",
            "then", "so", "after", "before", "since", "though", "although"}


def _subject_position(art: _Article, m: Mention) -> bool:
    """Does the mention open its clause (sentence start, after a comma or a
    conjunction, past a determiner)? Only then is it clearly the subject the
    pronoun goes back to; "The court sentenced Paul Martin and her ..." is
    left for review."""
    si = art.doc.sentence_index(m.start)
    toks = art.toks[si]
    i = m.tok
    after = [t.low for t in toks if t.start >= m.end][:2]
    if after[:1] == ["who"] or after == [",", "who"]:
        return True  # "Gilles Vaillancourt, who has just resigned from her post"
    if m.kind == "pron":
        p = art.resolved.get(m.start)
        return p is not None and i > 0 and toks[i - 1].text in _OPENERS or i == 0
    for back in range(1, 4):  # "The young man": back over adjectives to the determiner
        if i - back >= 0 and toks[i - back].low in {"the", "a", "an", "this", "that"}:
            i -= back
            break
    while i > 0 and toks[i - 1].low in {"mr", "mr.", "mrs", "ms", "mme", "m."}:
        i -= 1
    while i > 0 and toks[i - 1].text in {"“", '"', "«", "‘"}:
        i -= 1
    return i == 0 or toks[i - 1].low in _OPENERS


def _slashed(text: str, t: Tok) -> bool:
    return text[t.end:t.end + 1] == "/" or text[t.start - 1:t.start] == "/"


def _chain(art: _Article, si: int, k: int, gender: str) -> bool:
    """Is the passage about someone of the pronoun's gender? A pronoun of that
    gender in the two sentences before (or earlier in this one) that was not
    flagged says so: "She wants to be strong. For Johnny also. She has
    promised him" keeps its second "She". So does a person of that gender
    named in the two sentences before: "Paul Martin arrived. Anne Dupont
    welcomed the guests. She praised his visit"."""
    for sj in (si - 2, si - 1, si):
        if sj < 0:
            continue
        ms = art.ments[sj] if sj < si else art.ments[si][:k]
        for m in ms:
            if m.quoted:
                continue
            if m.kind == "pron" and m.gender == gender:
                p = art.resolved.get(m.start)
                if p is None or p.gender()[0] in ("", gender):
                    return True
            elif m.kind in ("person", "noun") and art.gender_of(m) == gender:
                return True
    return False


def _gender_finding(ctx: DetectorContext, person: Person, cands: list[Mention],
                    items: list[tuple[Tok, str, Mention]], art: _Article) -> Finding:
    gender, source = person.gender()
    best: list[Edit] = []
    alt: list[Edit] = []
    for t, role, _m in items:
        w = t.low
        if w == "her":  # to a man: "his" before a noun, "him" otherwise; the model picks
            first, second = ("his", "him") if role == "possessive" else ("him", "his")
            best.append(Edit(t.start, t.end, _with_case(first, t.text)))
            alt.append(Edit(t.start, t.end, _with_case(second, t.text)))
        else:
            new = lex.SWAP[w][0]
            best.append(Edit(t.start, t.end, _with_case(new, t.text)))
            alt.append(best[-1])
    fixes = [Fix(tuple(best))]
    if alt != best:
        fixes.append(Fix(tuple(alt)))
    single = len({id(art.referent(c)) for c in cands}) == 1
    clear = single and source in _STRONG and any(_subject_position(art, c) for c in cands)
    tier = Tier.SUGGESTED if clear else Tier.REVIEW
    prons = ", ".join(t.text for t, _r, _m in items)
    noun = "a woman" if gender == "f" else "a man"
    msg = (f"'{prons}' seems to refer to {person.name}, {noun} ({source}): "
           f"French son/sa/lui carried over? ({' / '.join(e.replacement for e in best)})")
    first = items[0][0]
    f = ctx.finding(first.start, first.end, message=msg, fix=fixes[0], tier=tier, lm_check=True,
                    person=person.name, antecedent=cands[-1].text, gender=gender,
                    gender_source=source, candidates=[[e.replacement for e in fx.edits] for fx in fixes],
                    **_lm_context(art, person, first.start))
    return replace(f, fixes=tuple(fixes))


#: "the Egyptians", "the Parisians": people in the plural, never "it".
_NATIONALS = re.compile(r"^[A-Z]\w+(?:ians|ans|ese)$")
_IT_FROM = re.compile(r"\s*(?:originally\s+from|born\s+in)\b", re.I)


def _it_for_person(art: _Article, si: int, ctx: DetectorContext) -> list[Finding]:
    """"it" as the subject of a verb only a person does, after one person."""
    toks, ms = art.toks[si], art.ments[si]
    out = []
    for k, m in enumerate(ms):
        if m.kind != "pron" or m.gender != "n" or m.quoted:
            continue
        j = m.tok + 1
        while j < len(toks) and toks[j].low in lex.AUXILIARIES | {"be", "been"}:
            j += 1
        if j >= len(toks):
            continue
        passive = any(x.low in {"is", "was", "be", "been"} for x in toks[m.tok + 1:j])
        # "It is said that", "It has been reported that": the dummy subject of a passive
        verb = toks[j].low in lex.HUMAN_VERBS and not passive
        origin = j > m.tok + 1 and toks[j - 1].low == "be" and _IT_FROM.match(art.doc.text, toks[j - 1].end)
        if not (verb or origin):
            continue
        if m.tok > 0 and toks[m.tok - 1].low in {"that", "what", "which"} | PREPOSITIONS:
            continue  # "said that it would", "of it": a clause about something else
        cands = art.candidates(si, k, "subject")
        prev = art.ments[si - 1] if si else []
        things = [x for x in prev + ms[:k] if x.kind == "thing" and not x.in_pp
                  and not _NATIONALS.search(x.text)]
        heads = {id(art.referent(c) or c): c for c in cands if c.kind != "pron" and not c.in_pp}
        if things or len(heads) != 1:
            continue
        ante = next(iter(heads.values()))
        if not _subject_position(art, ante):
            continue  # "it" goes back to a subject: "Franck Riester was ..., but it has also evoked"
        person = art.referent(ante)
        gender, source = person.gender() if person else (ante.gender, "noun")
        if source == "lexicon-weak":
            continue
        if gender not in ("m", "f"):
            continue
        t = toks[m.tok]
        name = person.name if person else ante.text
        new = _with_case("he" if gender == "m" else "she", t.text)
        out.append(ctx.finding(t.start, t.end, replacement=new, tier=Tier.REVIEW, lm_check=True,
                               message=f"'{t.text}' seems to stand for {name} (French il/elle?)",
                               person=name, antecedent=cands[-1].text, gender=gender,
                               gender_source=source, candidates=[[new]]))
    return out
