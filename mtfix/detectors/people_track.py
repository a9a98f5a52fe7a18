"""Person tracking across one article, for the people detector (artefact class 12).

Two passes over the sentences, no parser:

1. **Register people.** A capitalised run is a person when an honorific
   opens it (``Mr Darmanin``, ``Mme Borne``) or when its first word is a given
   name of the lexicon and a surname follows (``Laeticia Hallyday``), or when
   a speech verb sits right next to it (``said Zaz``, ``Zaz confided``). Each
   person is indexed by full name, surname and given name, so that later
   ``Darmanin`` or ``Laeticia`` alone finds them (a key two people share, the
   ``Hallyday`` of a family, finds no one).
2. **Mentions.** Per sentence, in text order: people (by name, or a
   definite role noun ``the singer`` just after one named person), gendered
   person nouns (``a man``, ``my grandma``), things that could speak
   (organisations, countries, unknown capitalised names) and pronouns.

Gender per person (:meth:`Person.gender`) weighs honorific, gendered title,
lexicon and the article's own subject pronouns (recorded by the detector
through :meth:`Person.vote`), and says where the answer came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtfix.detectors import people_lex as lex
from mtfix.detectors.pronouns import HUMAN, NONHUMAN, PLACES, PREPOSITIONS
from mtfix.lexicon import FUNCTION_WORDS, is_common_word

if TYPE_CHECKING:
    from mtfix.document import Document

#: Words, numbers and punctuation; an abbreviation keeps its full stop
#: ("Mrs.", "M.", "Mrs. A.") so that it is not read as a sentence's end.
_WORD = re.compile(r"(?:Mr|Mrs|Ms|Dr|Dre|St|Mme|Mlle|Prof|M|[A-Z])\.(?!\w)"
                   r"|[A-Za-zÀ-ÖØ-öø-ÿ](?:[\w\-]|['’](?=[A-Za-zÀ-ÖØ-öø-ÿ]))*|\d[\d,.]*|[^\w\s]")
_PARTICLES = {"de", "du", "des", "le", "la", "van", "von", "der", "da", "di", "bin", "ben", "al", "el", "d’", "d'"}
CITIES = {"Paris", "London", "Lyon", "Marseille", "Nice", "Lille", "Toulouse", "Bordeaux", "Nantes",
          "Brest", "Rennes", "Strasbourg", "Montpellier", "Washington", "Berlin", "Rome", "Madrid",
          "Brussels", "Geneva", "Moscow", "Beijing", "Tokyo", "Quebec", "Montreal", "Florence"}
#: Person nouns whose other sense is the common one ("turned in his head").
_OTHER_SENSES = {"head", "chair", "principal", "guard", "agent", "youth", "individual", "body", "star"}
_PLACE_WORDS = {"rue", "avenue", "boulevard", "place", "quai", "lycée", "lycee", "collège", "college",
                "stade", "stadium", "hôpital", "hospital", "école", "ecole", "school", "street", "square",
                "saint", "st", "st.", "sainte", "port", "gare", "station", "impasse", "allée", "cours"}
_SPEECH = {"said", "says", "confided", "confides", "revealed", "reveals", "explained", "explains",
           "declared", "declares", "added", "adds", "told", "tells", "insisted", "admitted", "recalled"}


class Tok:
    """A word or mark of a sentence, at its offsets in the text, with what
    person tracking asks of it worked out once.

    Why not the pronoun detector's token with properties: the people
    detector reads ``low``, ``cap``, ``word`` and ``bare`` of every token
    several times over (about 240,000 reads on the rules benchmark), each a
    string method call; computed once here they cost one call per token."""

    __slots__ = ("text", "start", "end", "low", "cap", "word", "bare")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.low = text.lower()
        self.cap = text[:1].isupper()
        self.word = text[:1].isalpha()
        self.bare = _bare(text)

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tok) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))


_BARE_ENDS = frozenset("s'’.")


def _bare(t: str) -> str:
    """The word without a possessive ending or a final full stop."""
    if t[-1:] not in _BARE_ENDS:
        return t  # most words: no ending to strip
    for end in ("'s", "’s", "'", "’"):
        if t.endswith(end) and len(t) > len(end):
            return t[: -len(end)]
    return t[:-1] if t.endswith(".") and len(t) > 2 else t


def tokens(text: str, lo: int, hi: int) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, lo, hi)]


@dataclass
class Person:
    name: str
    given: str = ""
    surname: str = ""
    #: (gender, source) facts: honorific, title, lexicon, lexicon-weak
    facts: list[tuple[str, str]] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=lambda: {"m": 0, "f": 0})

    #: sentence index of the first mention with each fact, and of the first vote per gender:
    #: the sentence that shows the language model who this person is
    seen_at: dict[str, int] = field(default_factory=dict)

    def vote(self, gender: str, si: int = -1) -> None:
        self.votes[gender] += 1
        self.seen_at.setdefault("vote-" + gender, si)

    def evidence_sentence(self) -> int:
        """Index of the sentence that best shows this person's gender (-1: none)."""
        g, src = self.gender()
        if "vote-" + g in self.seen_at:  # a sentence where the article says "she" of them
            return self.seen_at["vote-" + g]
        return self.seen_at.get(src, -1) if src in ("honorific", "title") else -1

    def gender(self) -> tuple[str, str]:
        """(gender or "", source). Strong facts win unless they disagree with
        each other or the article's pronouns clearly say otherwise (3 to 1 or
        more): a wrong lexicon guess must not make findings."""
        strong = {g for g, s in self.facts if s in ("honorific", "title", "lexicon") and g in "mf"}
        m, f = self.votes["m"], self.votes["f"]
        art = "m" if m >= 2 and m >= 2 * f else "f" if f >= 2 and f >= 2 * m else ""
        if len(strong) == 1:
            g = next(iter(strong))
            other = f if g == "m" else m
            own = m if g == "m" else f
            if other >= 3 and other >= 3 * max(own, 1):
                return "", "conflict"
            src = next(s for gg, s in self.facts if gg == g and s in ("honorific", "title", "lexicon"))
            return g, src
        if strong:
            return "", "conflict"
        weak = {g for g, s in self.facts if s == "lexicon-weak" and g in "mf"}
        if art and (not weak or weak == {art}):
            return art, "article pronouns"
        if len(weak) == 1 and not art and m + f == 0:
            return next(iter(weak)), "lexicon-weak"
        return "", "unknown"


@dataclass
class Mention:
    kind: str  # person, noun (gendered or role person noun), thing, pron
    tok: int  # index of its head token in the sentence's tokens
    start: int
    end: int
    person: Person | None = None
    gender: str = ""  # for nouns and pronouns
    in_pp: bool = False
    quoted: bool = False
    text: str = ""


def _is_given(word: str) -> tuple[str, bool] | None:
    """The lexicon's answer for a given name, or None when ``word`` cannot be one."""
    if word in PLACES or word in CITIES or word.lower() in FUNCTION_WORDS or word.lower() in lex.MONTHS_DAYS:
        return None
    g, strong = lex.given_name_gender(word)
    if not g:
        return None
    if strong and is_common_word(word):
        strong = False  # "Grace", "Marine", "Will": a word before it is a name
    return g, strong


def _run(toks: list[Tok], i: int) -> int:
    """Index of the last token of the capitalised run starting at ``i``."""
    j = i
    n = len(toks)
    while j + 1 < n:
        nxt = toks[j + 1]
        if toks[j].bare != toks[j].text and not toks[j].text.endswith("."):
            break  # a possessive ends the name: "Marine Le Pen’s National Rally"
        if nxt.cap and nxt.word:
            j += 1
        elif nxt.low in _PARTICLES and j + 2 < n and toks[j + 2].cap and toks[j + 2].word:
            j += 1
        else:
            break
    return j


class Registry:
    """The people of one article and how to find them by name."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self._keys: dict[str, set[str]] = {}

    def add(self, words: list[str], facts: list[tuple[str, str]], si: int = -1) -> Person:
        name = " ".join(words)
        p = self.people.get(name)
        if p is None:
            p = self.people[name] = Person(name, given=words[0] if len(words) > 1 else "",
                                           surname=words[-1])
            for key in {name, words[-1], words[0]} if len(words) > 1 else {name}:
                self._keys.setdefault(key, set()).add(name)
        p.seen_at.setdefault("name", si)
        for fct in facts:
            p.seen_at.setdefault(fct[1], si)
            if fct not in p.facts:
                p.facts.append(fct)
        return p

    def find(self, words: list[str]) -> Person | None:
        name = " ".join(words)
        if name in self.people:
            return self.people[name]
        for key in (name, words[-1]) if len(words) > 1 else (name,):
            names = self._keys.get(key, set())
            if len(names) == 1:
                return self.people[next(iter(names))]
        return None


def _title_gender(toks: list[Tok], i: int) -> str:
    """A gendered title just before the name at ``i``: "la ministre Anne X",
    "the actress Y", "Queen Elizabeth"."""
    for k in (i - 1, i - 2):
        if k >= 0:
            g = lex.GENDERED.get(toks[k].low, "")
            if g:
                return g
    return ""


def register(doc: "Document", sent_toks: list[list[Tok]]) -> Registry:
    """Pass 1: every person the article names, with honorific, title and lexicon facts."""
    reg = Registry()
    for si, toks in enumerate(sent_toks):
        i = 0
        while i < len(toks):
            t = toks[i]
            if not (t.cap and t.word):
                i += 1
                continue
            j = _run(toks, i)
            words = [x.bare for x in toks[i:j + 1]]
            hon = lex.HONORIFICS.get(t.low)
            tail = words[-1].lower()
            facts: list[tuple[str, str]] = []
            if i > 0 and toks[i - 1].low in _PLACE_WORDS:
                i = _run(toks, i) + 1
                continue  # "rue Pierre Brossolette", "lycée Jean Jaurès": a place
            title = _title_gender(toks, i)
            if title:
                facts.append((title, "title"))
            if hon is not None and len(words) > 1:
                if hon:
                    facts.append((hon, "honorific"))
                reg.add(words[1:], facts, si)
            elif len(words) > 1 and tail not in lex.THING_TAILS and tail not in NONHUMAN \
                    and not _thing_after(toks, j):
                given = _is_given(words[0])
                if given is not None:
                    g, strong = given
                    if g in "mf":
                        facts.append((g, "lexicon" if strong else "lexicon-weak"))
                    reg.add(words, facts, si)
                elif _speech_next(toks, i, j) and words[0].lower() not in FUNCTION_WORDS:
                    reg.add(words, facts, si)
            elif len(words) == 1 and _speech_next(toks, i, j) and not is_common_word(words[0]) \
                    and words[0] not in PLACES and words[0] not in CITIES:
                reg.add(words, facts, si)
            i = j + 1
    return reg


def _thing_after(toks: list[Tok], j: int) -> bool:
    """"the Louis-Armand de Yerres high school": a place word follows the name."""
    for k in (j + 1, j + 2):
        if k < len(toks) and toks[k].low in lex.THING_TAILS:
            return True
    return False


def _speech_next(toks: list[Tok], i: int, j: int) -> bool:
    """"Zaz confided", "revealed Zaz": a speech verb right next to the run."""
    after = toks[j + 1].low if j + 1 < len(toks) else ""
    before = toks[i - 1].low if i > 0 else ""
    return after in _SPEECH or before in _SPEECH


def _in_pp(toks: list[Tok], i: int) -> bool:
    """Walking back over the phrase of the word at ``i`` reaches a preposition."""
    for k in range(i - 1, max(-1, i - 5), -1):
        w = toks[k].low
        if w in PREPOSITIONS:
            return True
        if not toks[k].word or w in {"and", "or", "but", "that", "which", "who"}:
            return False
    return False


def _quoted(doc: "Document", at: int) -> bool:
    """Is offset ``at`` inside a quotation's text? Asked only of the tokens
    that make a mention, not of every token."""
    q = doc.quote_at(at)
    return q is not None and q.inner_start <= at < q.inner_end


def mentions(doc: "Document", toks: list[Tok], reg: Registry, recent: list[Person],
             sentence_start: int, taken: frozenset[str] = frozenset()) -> list[Mention]:
    """Pass 2 for one sentence. ``recent`` lists the people mentioned in the
    last three sentences (one entry per mention), for ``the singer``;
    ``taken`` the role nouns used there for someone unnamed ("Anne Hidalgo
    met the minister. The minister said": not Anne)."""
    out: list[Mention] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        w = t.low
        if w in lex.FEMININE or w in lex.MASCULINE or w == "it":
            out.append(Mention("pron", i, t.start, t.end, gender="f" if w in lex.FEMININE else
                               "m" if w in lex.MASCULINE else "n", quoted=_quoted(doc, t.start), text=t.text))
            i += 1
            continue
        if t.cap and t.word and w not in FUNCTION_WORDS:
            j = _run(toks, i)
            words = [x.bare for x in toks[i:j + 1]]
            if lex.HONORIFICS.get(w) is not None and len(words) > 1:
                words = words[1:]
            p = reg.find(words)
            if p is None and len(words) > 1:
                p = reg.find(words[:1]) if reg.find(words[:1]) and len(words) == 2 else None
            if p is not None:
                out.append(Mention("person", i, t.start, toks[j].end, person=p,
                                   in_pp=_in_pp(toks, i), quoted=_quoted(doc, t.start), text=" ".join(words)))
            elif w in lex.GENDERED or w in lex.ROYAL or j == i and lex.person_noun(w):
                # "Queen", "the Pope": a person noun capitalised (not by suffix: "Newman")
                out.append(Mention("noun", i, t.start, t.end, gender=lex.GENDERED.get(w, ""),
                                   in_pp=_in_pp(toks, i), quoted=_quoted(doc, t.start), text=t.text))
            elif not (i == 0 or t.start == sentence_start) or j > i:
                out.append(Mention("thing", i, t.start, toks[j].end, in_pp=_in_pp(toks, i),
                                   quoted=_quoted(doc, t.start), text=" ".join(words)))
            i = j + 1
            continue
        gender = lex.person_gender(w) if t.word and w not in _OTHER_SENSES else None
        if w == "one" and i + 2 < n and toks[i + 1].low == "of" and any(
                lex.plural_person(x.low) for x in toks[i + 2:i + 5]):
            gender = ""  # "one of the attackers": someone of either gender
        if gender is not None:
            nxt = toks[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.cap and nxt.word:
                i += 1  # "the minister Anne Dupont": the name is the mention
                continue
            if nxt is not None and nxt.low in {"of", "’s", "'s"} and not gender and w != "one":
                i += 1  # "the head of state": too loose to resolve
                continue
            if not gender and ("as" in {x.low for x in toks[max(0, i - 2):i]}):
                i += 1  # "her profession as an artist": a predicate, not someone else
                continue
            m = Mention("noun", i, t.start, t.end, gender=gender,
                        in_pp=_in_pp(toks, i), quoted=_quoted(doc, t.start), text=w)
            prev = toks[i - 1].low if i else ""
            named_here = any(x.kind == "person" for x in out)  # "Anne Hidalgo met the minister"
            if not m.gender and prev == "the" and not named_here and w not in taken \
                    and w not in lex.OTHER_PARTY and len(set(id(p) for p in recent)) == 1:
                m.kind, m.person = "person", recent[-1]  # "the singer" after Zaz
            out.append(m)
        elif w in NONHUMAN and not (i + 1 < n and (toks[i + 1].low in HUMAN or toks[i + 1].low in NONHUMAN)):
            out.append(Mention("thing", i, t.start, t.end, in_pp=_in_pp(toks, i),
                               quoted=_quoted(doc, t.start), text=w))
        i += 1
    return out
