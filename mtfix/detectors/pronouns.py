"""Pronoun gender carried over from French (artefact class 4).

French nouns have grammatical gender, so MT renders *la milice … elle* as
"The militia … She was the target". This detector finds he/she/him/her/his/
hers whose likely antecedent is a non-human noun (militia, government, law,
physics...) and proposes it/its. It only *proposes*: the finding is tier
review and asks the language model to decide (``lm_check``), because a
pattern cannot tell "the mayor of Paris said she" from "the city said she".

The antecedent is found without a parser, conservatively:

1. Walk back from the pronoun inside its own sentence. The nearest singular
   noun phrase head decides: a non-human noun (not inside a prepositional
   phrase such as "of Paris") makes a candidate; a human noun, a name or an
   unknown capitalised phrase stops the search (no finding). An earlier
   pronoun of the same gender continues its own chain.
2. Failing that, take the subject of the previous sentence: its first noun
   phrase head outside a prepositional phrase.

Pronouns inside quotations (personified countries, ships in a speech) and
in headings are left alone.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mtfix.detectors import DetectorContext, detector
from mtfix.model import Edit, Finding, Fix, Tier

if TYPE_CHECKING:
    from mtfix.document import Document

#: The rule this detector stands for when it is called on its own (tests,
#: scripts): the built-in ``pronoun-gender`` of rules/fr-en/pronouns.yaml.
STANDALONE = DetectorContext(rule_id="pronoun-gender", category="pronouns",
                             message="a gendered pronoun seems to refer to a thing",
                             tier=Tier.REVIEW, lm=True)

NONHUMAN = set("""
militia organisation organization government country party coalition company army movement
law reform commission committee court union agency bank city council physics chemistry
biology mathematics science group firm institution ministry administration state nation
republic regime association federation alliance church university school newspaper police
justice assembly parliament senate authority region province community economy industry
society team club force unit brigade network project policy initiative investigation inquiry
survey study procedure method technology theory principle strategy campaign operation mission
platform market currency corporation enterprise television radio channel station website
machine system world crisis war revolution resistance opposition majority frontier border
island town village capital municipality county district department sector branch office
service hospital prison clinic factory plant mine brand label league religion culture
language tradition legislation constitution treaty agreement convention charter directive
measure bill decree tax rate index particle planet species virus disease epidemic pandemic
region body cabinet junta faction guerrilla rebellion insurgency uprising protest strike
""".split())

HUMAN = set("""
man woman boy girl child baby person minister president king queen prince princess mayor
judge doctor nurse teacher lawyer spokesman spokeswoman spokesperson leader head chief
director manager official officer soldier general secretary senator deputy candidate member
citizen resident patient victim suspect worker employee journalist reporter writer author
artist singer actor actress player coach athlete champion chancellor governor ambassador
diplomat commander colonel captain sergeant lieutenant priest pope bishop imam rabbi mother
father son daughter wife husband sister brother widow widower friend founder owner ceo
chairman chairwoman chair boss premier physicist scientist researcher professor student
economist expert analyst activist protester demonstrator prisoner detainee hostage refugee
migrant driver pilot passenger lawmaker legislator prosecutor investigator inspector
commissioner auditor grandmother grandfather lady gentleman neighbor neighbour partner
colleague adviser advisor aide assistant oncologist surgeon physician mr mrs ms dr mme sir
madam emir sheikh sultan ayatollah cleric militant fighter gunman attacker rebel sniper
guard agent spy commissar correspondent editor photographer filmmaker director producer
novelist poet philosopher historian sociologist politician councillor councilor magistrate
attorney defendant plaintiff witness juror heir heiress nun monk pastor vicar dean rector
principal pupil teenager youth adult individual someone everyone nobody anybody
""".split())

#: Countries and regions that French treats as feminine/masculine nouns
#: ("la France … elle"): a bare one is a non-human antecedent.
PLACES = set("""
France Iraq Iran Syria Lebanon Germany Italy Spain Britain England Scotland Ireland China
Russia Japan India Pakistan Afghanistan Canada Quebec Europe Israel Turkey Greece Belgium
Switzerland Algeria Morocco Tunisia Egypt Libya Mali Niger Chad Ukraine Poland Hungary
Austria Portugal Brazil Mexico Argentina Chile Venezuela Cuba Africa Asia America
Australia Jordan Yemen Qatar Kuwait Sudan Ethiopia Nigeria Senegal Korea Vietnam Thailand
Indonesia Netherlands Sweden Norway Denmark Finland Romania Bulgaria Serbia Croatia
""".split())

PREPOSITIONS = set("""
of in on at by for with from to into onto over under about against between among through
during after before since without within near towards toward across behind beyond around
like unlike than via per upon
""".split())

DETERMINERS = set("the a an this that these those its their our your my his her some any each every no".split())

_FEM = {"she", "her", "hers", "herself"}
_MASC = {"he", "him", "his", "himself"}
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]ers|HE|SHE|HIM|HIS|HER|HERS)\b")
_WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’\-]*|\d[\d,.]*|[^\w\s]")
#: After object "her" comes a function word or punctuation; after possessive
#: "her" comes a noun phrase ("her report" -> "its report").
_OBJECT_FOLLOWERS = PREPOSITIONS | {
    "that", "the", "a", "an", "and", "or", "but", "as", "if", "when", "so", "again", "too",
    "also", "now", "then", "here", "there", "back", "up", "down", "out", "off", "away",
    "this", "these", "those", "what", "how", "why", "who", "whom", "which", "alone",
}


@dataclass
class Tok:
    """A word or mark of a sentence, at its offsets in the text."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class _Mention:
    kind: str  # "nonhuman", "human", "other", "pronoun"
    head: str
    start: int
    in_pp: bool
    gender: str = ""
    subject: bool = True  # starts a clause (not the object of a verb)


def _tokens(text: str, lo: int, hi: int) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text, lo, hi)]


def _in_pp(toks: list[Tok], i: int) -> bool:
    """True when the noun at ``i`` is the object of a preposition: walking back
    over determiners, adjectives and capitalised words of its phrase reaches a
    preposition before a verb-like word or punctuation."""
    j = i - 1
    steps = 0
    while j >= 0 and steps < 5:
        w = toks[j].low
        if w in PREPOSITIONS:
            return True
        if not re.match(r"\w", w) or w in {"and", "or", "but", "that", "which", "who"}:
            return False
        j -= 1
        steps += 1
    return False


def _mentions(toks: list[Tok], sentence_start: int) -> list[_Mention]:
    """Noun-phrase heads and pronouns, in text order."""
    out: list[_Mention] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        w = t.low
        nxt = toks[i + 1].low if i + 1 < n else ""
        if w in _FEM or w in _MASC:
            out.append(_Mention("pronoun", w, t.start, False, "f" if w in _FEM else "m"))
            i += 1
            continue
        if t.cap and (t.start != sentence_start or (i + 1 < n and toks[i + 1].cap)) \
                and w not in DETERMINERS and w not in PREPOSITIONS:
            # a run of capitalised words: a name, an organisation or a place
            j = i
            while j + 1 < n and (toks[j + 1].cap or toks[j + 1].low in {"of", "al", "de", "-"}) \
                    and re.match(r"\w", toks[j + 1].text):
                j += 1
            while j > i and not toks[j].cap:
                j -= 1
            words = [x.text for x in toks[i:j + 1]]
            last = words[-1].lower().rstrip("'’s")
            if last in NONHUMAN or words[-1].lower() in NONHUMAN:
                kind = "nonhuman"
            elif len(words) == 1 and words[0] in PLACES:
                kind = "nonhuman"
            elif any(x.lower() in HUMAN for x in words):
                kind = "human"
            else:
                kind = "other"
            if kind != "nonhuman" or not _possessive_or_modifier(toks, j):
                out.append(_Mention(kind, " ".join(words), t.start, _in_pp(toks, i),
                                    subject=_subject_like(toks, i)))
            i = j + 1
            continue
        if w in NONHUMAN or w in HUMAN:
            kind = "nonhuman" if w in NONHUMAN else "human"
            if kind == "human" or not _possessive_or_modifier(toks, i):
                out.append(_Mention(kind, w, t.start, _in_pp(toks, i),
                                    subject=_subject_like(toks, i)))
        i += 1
    return out


_CLAUSE_OPENERS = {"if", "that", "while", "because", "but", "and", "when", "as", "although",
                   "though", "since", "whereas", "so", "yet", "even", "whether", "once", "until"}


def _subject_like(toks: list[Tok], i: int) -> bool:
    """The noun at ``i`` opens a clause rather than being a verb's object.

    Walk back (at most four words) to the determiner that starts its phrase;
    what comes before that decides: the sentence start, punctuation or a
    conjunction means a subject ("The new law", "if the particle physics"),
    anything else an object ("ran Egypt", "is a strange world"). Without a
    determiner the word just before the noun (or its capitalised run) decides.
    """
    j = i - 1
    while j >= 0 and toks[j].cap and re.match(r"\w", toks[j].text) and toks[j].low not in DETERMINERS:
        j -= 1  # "The Charbonneau Commission": skip the rest of the name
    for k in range(j, max(-1, j - 4), -1):
        if toks[k].low in DETERMINERS:
            j = k - 1
            break
        if not re.match(r"\w", toks[k].low):
            break
    else:
        # no determiner: a bare phrase ("if particle physics is") may have
        # one modifier before the noun
        if j >= 0 and re.match(r"\w", toks[j].low) and toks[j].low not in _CLAUSE_OPENERS:
            j -= 1
    if j < 0:
        return True
    w = toks[j].low
    return not re.match(r"\w", w) or w in _CLAUSE_OPENERS


def _cataphora(toks: list[Tok], k: int, comma: int | None, after: _Mention | None,
               gender: str) -> bool:
    """``According to his opponents, the President ...``: a pronoun in the
    sentence's opening phrase points forward to the subject after the comma
    when that subject is a person, a name or a pronoun of the same gender.
    ``comma`` is the index of the sentence's first comma, ``after`` the first
    mention after it (both found once per sentence)."""
    if comma is None or k > comma or after is None:
        return False
    return after.kind in ("human", "other") or (after.kind == "pronoun" and after.gender == gender)


def _possessive_or_modifier(toks: list[Tok], i: int) -> bool:
    """The militia's leader / the army general: the noun is not the head."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1].low
    if nxt in {"'s", "’s", "'", "’"} or toks[i].low.endswith(("'s", "’s")):
        return True
    return nxt in HUMAN or nxt in NONHUMAN


def _replacement(pron: Tok, following: Tok | None) -> str:
    w = pron.low
    if w in {"he", "she", "him"}:
        new = "it"
    elif w in {"his", "hers"}:
        new = "its"
    else:  # her: object or possessive
        if following is None or not re.match(r"\w", following.text) or following.low in _OBJECT_FOLLOWERS:
            new = "it"
        else:
            new = "its"
    if pron.text.isupper() and len(pron.text) > 1:
        return new.upper()
    if pron.text[:1].isupper():
        return new.capitalize()
    return new


@detector("pronouns")
def detect_pronouns(doc: "Document", ctx: DetectorContext = STANDALONE) -> list[Finding]:
    """Findings for he/she/him/her/his/hers whose antecedent looks non-human.

    One finding per sentence and antecedent; its single fix changes every
    such pronoun of that sentence together, so the language model judges
    "It must deliver its report" rather than "It must deliver her report".
    Every finding asks for the language model (``lm_check``), whatever the
    rule's ``lm:`` says: a pattern cannot tell a person from a thing.
    """
    text = doc.text
    out: list[Finding] = []
    sentences = doc.sentences
    flagged: dict[int, str] = {}  # pronoun offset -> antecedent it was resolved to
    chain = _ChainMemo(doc, flagged)
    analysed: dict[int, tuple[list[Tok], list[_Mention]]] = {}

    def analyse(i: int) -> tuple[list[Tok], list[_Mention]]:
        """Sentence ``i``'s tokens and mentions, once (the next sentence reads them too)."""
        if i not in analysed:
            toks = _tokens(text, sentences[i].start, sentences[i].end)
            analysed[i] = (toks, _mentions(toks, sentences[i].start))
        return analysed[i]
    for si, sent in enumerate(sentences):
        if doc.in_heading(sent.start):
            continue
        if not _PRONOUN_RE.search(text, sent.start, sent.end):
            continue
        toks, mentions = analyse(si)
        starts = [m.start for m in mentions]
        comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
        after = None if comma is None else next(
            (m for m in mentions if m.start > toks[comma].start), None)
        prev = _previous_subject(doc, si, analyse)
        groups: dict[str, list[int]] = {}
        for k, t in enumerate(toks):
            w = t.low
            if w not in {"he", "she", "him", "his", "her", "hers"}:
                continue
            q = doc.quote_at(t.start)
            if q is not None and q.inner_start <= t.start < q.inner_end:
                continue
            gender = "f" if w in _FEM else "m"
            if _speech_tag(toks, k) or _cataphora(toks, k, comma, after, gender) \
                    or chain.human(si, gender):
                continue
            ante = _resolve(mentions, t.start, gender, prev, flagged, starts)
            if ante is None:
                continue
            flagged[t.start] = ante
            groups.setdefault(ante, []).append(k)
        for ante, idxs in groups.items():
            edits = tuple(Edit(toks[k].start, toks[k].end,
                               _replacement(toks[k], toks[k + 1] if k + 1 < len(toks) else None))
                          for k in idxs)
            first = toks[idxs[0]]
            prons = ", ".join(toks[k].text for k in idxs)
            msg = (f"'{prons}' seems to refer to '{ante}', which is not a person: "
                   f"French gender carried over? ({' / '.join(e.replacement for e in edits)})")
            out.append(ctx.finding(first.start, first.end, message=msg, fix=Fix(edits),
                                   lm_check=True, antecedent=ante))
    return out


def _resolve(mentions: list[_Mention], pos: int, gender: str, prev: _Mention | None,
             flagged: dict[int, str], starts: list[int]) -> str | None:
    """The non-human antecedent of the pronoun at ``pos``, or None.

    ``starts`` (the mentions' offsets) finds where to begin without a pass
    over the mentions: each search walks back only to the pronoun before."""
    for i in range(bisect.bisect_left(starts, pos) - 1, -1, -1):
        m = mentions[i]
        if m.kind == "pronoun":
            if m.gender == gender:
                return flagged.get(m.start)  # follow the chain; a human chain stops here
            continue
        if m.kind == "nonhuman":
            if m.in_pp or not m.subject:
                continue  # "the mayor of Paris said she", "ran Egypt until his": not the subject
            return m.head
        return None  # human, name or unknown capitalised phrase: leave it alone
    if prev is None:
        return None
    if prev.kind == "nonhuman":
        return prev.head
    if prev.kind == "pronoun" and prev.gender == gender:
        return flagged.get(prev.start)
    return None


def _previous_subject(doc: "Document", si: int, analyse) -> _Mention | None:
    """The first noun-phrase head outside a prepositional phrase of the sentence
    before ``si`` (not across a heading); ``analyse(i)``: sentence ``i``'s mentions."""
    if si == 0 or doc.in_heading(doc.sentences[si - 1].start):
        return None
    for m in analyse(si - 1)[1]:
        if m.kind in ("human", "other"):
            return m  # "According to Dr Martel, the system ...": a person is in play
        if m.kind == "pronoun" or (not m.in_pp and m.subject):
            return m
    return None


_SPEECH = set("""
say says said add adds added explain explains explained insist insists insisted note notes
noted argue argues argued believe believes believed think thinks thought warn warns warned
recall recalls recalled admit admits admitted continue continues continued assure assures
assured stress stresses stressed claim claims claimed told tells confides confided
""".split())


def _speech_tag(toks: list[Tok], k: int) -> bool:
    """``The process, she says, is ...`` / ``..., he said: "...``: a
    parenthetical speech tag is about a speaker, a person."""
    if k + 1 >= len(toks) or toks[k + 1].low not in _SPEECH:
        return False
    before = toks[k - 1].text if k > 0 else ""
    after = toks[k + 2].text if k + 2 < len(toks) else ""
    return before in {",", "(", "—", "–", "-"} and (after in {",", ":", ")", ".", "—", "–"} or after == "")


class _ChainMemo:
    """Is the passage about a person? A pronoun of the same gender in the last
    ``back`` sentences that was not resolved to a thing says so. Each earlier
    sentence is read once: by the time sentence ``si`` is checked, no pronoun
    of an earlier one will be flagged any more, so what each holds is final."""

    def __init__(self, doc: "Document", flagged: dict[int, str], back: int = 3) -> None:
        self.doc, self.flagged, self.back = doc, flagged, back
        self._genders: dict[int, frozenset[str]] = {}

    def _unresolved(self, sj: int) -> frozenset[str]:
        got = self._genders.get(sj)
        if got is None:
            s = self.doc.sentences[sj]
            got = frozenset("f" if t.low in _FEM else "m"
                            for t in _tokens(self.doc.text, s.start, s.end)
                            if (t.low in _FEM or t.low in _MASC) and t.start not in self.flagged)
            self._genders[sj] = got
        return got

    def human(self, si: int, gender: str) -> bool:
        return any(gender in self._unresolved(sj) for sj in range(max(0, si - self.back), si))
