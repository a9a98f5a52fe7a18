"""French proper names translated word for word, and French metonyms (class 13).

A gazetteer (``mtfix/data/french_names.txt``) holds each French name, the
forms machine translation gives it (``The Parisian``, ``The Voice of the
North``) and what English writes (``Le Parisien``, ``La Voix du Nord``). What
decides is the context, because many calques are ordinary English:

* ``source`` names (``The Point``, ``The Cross``, ``The World``) only count as
  the source of a report: after ``told``, ``according to``, ``interviewed
  by``, ``magazine:`` ..., or before ``reported``, ``said`` ...; capitalised
  mid-sentence when the cue is a bare preposition (``in The Point``);
* every calque must end the name: ``The World Bank``, ``The Parisian market``
  and ``The Point of no return`` are English;
* ``team`` names (``the Blues`` for Les Bleus) only in an article about French
  sport that names no English club or music;
* ``metonym`` rows name a building that stands for its occupant: ``the tenant
  of Bercy``, ``the Matignon tenant`` (the office holder), ``the Bercy
  ministry`` (the ministry). The bare building (``the Élysée said``) is usual
  English and stays.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from mtfix.anchors import trie_source
from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.lexicon import FUNCTION_WORDS, frenchness, warm
from mtfix.model import Finding, Tier

KINDS = ("source", "name", "team", "paren", "given", "metonym")


@dataclass(frozen=True)
class Entry:
    kind: str
    forms: tuple[str, ...]
    rendering: str
    tier: Tier
    what: str
    ministry: str = "-"
    #: forms that stand for the ministry alone (``by Bercy``)
    bare: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Entry, ...]:
    text = resources.files("mtfix.data").joinpath("french_names.txt").read_text(encoding="utf-8")
    out: list[Entry] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        kind = cols[0]
        if kind not in KINDS:
            raise ValueError(f"french_names.txt:{n}: unknown kind {kind!r}")
        if kind == "metonym":
            forms, holder, ministry, what, bare = cols[1:6]
            out.append(Entry(kind, tuple(forms.split("|")), holder, Tier.SUGGESTED, what, ministry,
                             () if bare == "-" else tuple(bare.split("|"))))
        else:
            forms, rendering, tier, what = cols[1:5]
            out.append(Entry(kind, tuple(forms.split("|")), rendering, Tier.parse(tier), what))
    return tuple(out)


def _form_re(form: str) -> str:
    return r"\s+".join(re.escape(w) for w in form.split())


#: Right before a source name: who was told, who reported (same line).
_CUE_STRONG = re.compile(
    r"(?i:\b(?:told|tells|telling|interviewed by|questioned by|quoted by|cited by|according to|"
    r"(?:article|interview|report|story|survey|poll|editorial|column|columns|pages?|edition|"
    r"website|site|issue|colleagues|journalists?|reporters?|investigation)"
    r" (?:by|in|of|from|with|for|to|at)|interview|magazine|newspaper|daily|weekly|paper|monthly))"
    r"\s*[:,]?\s*$")
#: A preposition, or a reporting verb inverted after what was said (``, observes The cross``).
_CUE_WEAK = re.compile(
    r"(?i:\b(?:to|by|in|from|with|for|on|said|says|writes|wrote|"
    r"(?:report|confirm|observe|note|add|explain|underline|stress|recall|reveal|indicate|"
    r"headline|summari[sz]e|analy[sz]e|point|insist|specif(?:y|ie)|assure|judge|warn)"
    r"(?:s|es|ed|d)?))\s+$")
#: Right after a source name: what it did.
_VERBS = frozenset("""
reports report reported said says writes wrote revealed reveals learned learnt indicates indicated
published publishes quotes quoted explains explained notes noted announced announces claims claimed
confirmed confirms asked interviewed cites cited specifies specified relates related adds added
""".split())
_VERB_AFTER = re.compile(r"^\s*,?\s*(?:" + "|".join(sorted(_VERBS)) + r")\b"
                         r"|^\s+(?:and|And|or)\s+(?:Le|La|Les|L['’])\s?[A-ZÉ]")
_ENDS_CLAUSE = re.compile(r"^\s*(?:[.,;:!?)»”]|$)")
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w’'-]*)")
#: Capitalised words that may follow a name without continuing it.
_CAP_OK = frozenset({"And", "Or", "Le", "La", "Les", "L’", "L'", "On", "In", "Of"})


def _ends_name(text: str, end: int, kind: str, form: str) -> bool:
    """The calque is the whole name: no capitalised word continues it, and no
    lower-case noun or adjective follows (``The Parisian market``)."""
    m = _NEXT_WORD.match(text, end, min(len(text), end + 80))
    if not m:
        return True
    nxt = m.group(1)
    if kind != "source":
        return True  # a calque English does not write: whatever follows
    if nxt[0].isupper():
        return nxt in _CAP_OK
    if form[0].islower() and not form.startswith("the ") and nxt.endswith(("ing", "ed")):
        return True  # "an article by echoes titling": a verb, after a strong cue
    return nxt.lower() in FUNCTION_WORDS or nxt.lower() in _VERBS or nxt.endswith("ly")


def _source_ok(doc: Document, start: int, end: int, form: str, sure: bool,
               press: bool = False) -> bool:
    """A source name cited as a source. ``sure``: the name is rarely English
    (The Point, not Humanity), so a bare preposition before it is cue enough.
    ``press``: the article cites French papers (a press review), so a bare
    preposition is cue enough for any form."""
    lo, hi = doc.line_span(start)
    before, after = doc.text[max(lo, start - 80):start], doc.text[end:min(hi, end + 40)]
    if _VERB_AFTER.match(after):
        return not form[0].islower() or bool(_CUE_STRONG.search(before))
    if _CUE_STRONG.search(before):
        return True
    if doc.in_heading(start) or not _CUE_WEAK.search(before):
        return False
    if press and _ENDS_CLAUSE.match(after):
        return True  # "for the Parisian, who", "what we learn in the Parisian."
    return sure and form[0].isupper() and not doc.at_sentence_start(start)


_SPORT = re.compile(r"\b(?:football|rugby|handball|basketball|volleyball|match|coach|striker|"
                    r"goal|goals|World Cup|Euro 20\d\d|Six Nations|Nations League|quarter-final|"
                    r"semi-final|Deschamps|Galthié|Mbappé|Stade de France|XV of France)\b")
#: France, or the national sides' coaches and training grounds.
_FRANCE = re.compile(r"\b(?:France|French|Deschamps|Galthié|Clairefontaine|Marcoussis)\b")
#: Other sides called the Blues, and the music.
_NOT_FRANCE = re.compile(r"\b(?:Chelsea|Everton|Birmingham City|Cardiff City|Cardiff Blues|Ipswich Town|"
                         r"Leicester City|Carlisle United|Auckland Blues|Blues rugby|St\.? Louis Blues|"
                         r"Oxford Blue|Cambridge Blue|Rangers|jazz|guitar|album|singer|music|band|"
                         r"Blues Brothers)\b")


def _french_sport(doc: Document) -> bool:
    t = doc.text
    return bool(_FRANCE.search(t) and _SPORT.search(t) and not _NOT_FRANCE.search(t))


def repeated_lines(doc: Document) -> set[int]:
    """Starts of lines that repeat an earlier line word for word: a scraped
    headline shown again is residue, and the fix belongs to its first copy."""
    seen: set[str] = set()
    out: set[int] = set()
    for b in doc.blocks:
        line = doc.text[b.start:b.end]
        if line in seen and len(line.split()) >= 3:
            out.add(doc.line_start(b.start))
        seen.add(line)
    return out


def _cased(rendering: str, matched: str, opens: bool) -> str:
    """``The XV of France`` opening a sentence becomes ``The French XV``;
    ``Bercy's tenant`` inside one becomes ``the economy minister``."""
    if matched[:1].isupper() and (opens or matched.startswith("The ")) and rendering[:1].islower():
        return rendering[0].upper() + rendering[1:]
    return rendering


def _message(entry: Entry, matched: str, rendering: str) -> str:
    return (f"'{matched}' is {entry.what} translated word for word: English writes "
            f"'{rendering}'")


#: What follows a building named as a place, not as its ministry (the Bercy arena).
_PLACE_WORDS = r"(?:arena|station|park|district|stadium|concert|village|hall|museum|bridge|quay)\b"
_REPORTING = (r"said|says|announced|announces|confirmed|confirms|indicated|indicates|stated|states|"
              r"specified|specifies|warned|warns|explained|explains|estimated|estimates|revealed")
_AFTER_AGENT = "|".join(rf"(?<=\b{w} )" for w in ("by", "from", "with", "for", "according to"))
_AFTER_PLACE = "(?:" + "|".join(rf"(?<=\b{w} )" for w in ("at", "in", "to")) + ")"
_HOLDERS = r"(?:tenant|occupant|host|hostess|resident|lodger|master|mistress)"


def _norm(s: str) -> str:
    return " ".join(s.split())


def _alternation(forms: Iterable[str]) -> str:
    """The forms, the longest winning, as a trie: the same matches as one
    alternative per form longest first, without trying each form at every
    position (:func:`mtfix.anchors.trie_source`)."""
    return trie_source(forms, r"\s+")


@lru_cache(maxsize=1)
def _metonyms() -> tuple[dict[str, Entry], tuple[tuple[re.Pattern[str], bool | None], ...]]:
    """The buildings by form, and the patterns (each one pass over the text) of
    their tenant (``False``), ministry (``True``) and the building alone
    (``None``, review: ``by Bercy``); group ``b`` (or ``b2``) is the building."""
    rows = [e for e in gazetteer() if e.kind == "metonym"]
    by_form = {_norm(f.lstrip("~")): e for e in rows for f in e.forms + e.bare}
    ministries = [f for f, e in by_form.items() if e.ministry != "-"]
    bare = [_norm(f.lstrip("~")) for e in rows for f in e.bare]
    places = [_norm(f) for e in rows for f in e.bare if not f.startswith("~")]
    b, m, alone = _alternation(by_form), _alternation(ministries), _alternation(bare)
    pats = (
        (re.compile(rf"\b[Tt]he {_HOLDERS} of (?:the )?(?P<b>{b})(?![\w-])"), False),
        (re.compile(rf"\b[Tt]he (?P<b>{b}) {_HOLDERS}\b"), False),
        (re.compile(rf"(?:\b[Tt]he )?(?<![\w-])(?P<b>{b})['’]s {_HOLDERS}\b"), False),
        (re.compile(rf"\b[Tt]he (?P<b>{m}) [Mm]inistry\b"), True),
        # the building alone, as the one who acts or the place one goes to
        (re.compile(rf"(?:{_AFTER_AGENT}|{_AFTER_PLACE}(?=(?:the )?(?:{_alternation(places)})))"
                    rf"(?:the )?"
                    rf"(?P<b>{alone})(?![\w’'-])(?! (?:[A-Z]|{_PLACE_WORDS}))"
                    rf"|(?:\b[Tt]he )?(?<![\w’'-])(?P<b2>{alone})(?= (?:{_REPORTING})\b)"), None),
    )
    return by_form, pats


@lru_cache(maxsize=1)
def _any_building() -> re.Pattern[str]:
    """Every form of every building: each match of a metonym pattern holds one
    (its group ``b`` or ``b2``), so a text this finds nothing in has no metonym,
    and one search of the plain alternation is much cheaper than the patterns'."""
    return re.compile(_alternation(_metonyms()[0]))


def _variants(e: Entry, form: str) -> list[str]:
    """A source name is also written with a lower-case article (``told the
    Point``); the lower-case form then needs a strong cue (:func:`_source_ok`).
    Not for the names English papers share (the Express, the Press)."""
    if e.kind == "source" and e.tier is not Tier.REVIEW and form.startswith("The "):
        return [form, "t" + form[1:]]
    return [form]


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, tuple[Entry, str]], re.Pattern[str]]:
    """Every other form by its text, and one pattern for all of them: one pass
    over the text however large the gazetteer. A form may be glued to the next
    word (``Humanityfor its part``, ``The Pointthe governor``): MT lost the
    space, and the glue itself says the words were a name."""
    by_form: dict[str, tuple[Entry, str]] = {}
    for e in gazetteer():
        if e.kind != "metonym":
            for f in e.forms:
                for v in _variants(e, f):
                    by_form.setdefault(_norm(v), (e, v))
    end = r"(?:(?![\w’'-])|(?=(?:the|for|and|of|in|on|at|The|For|In)\b))"
    return by_form, re.compile(rf"(?<![\w’'-])(?:{_alternation(by_form)}){end}")


#: A department in brackets follows a town: ``Douai (North)``, ``the Douai factory (North)``.
_AFTER_TOWN = re.compile(r"[A-Z][\w-]+(?:\s+[a-z]+){0,2}\s*$")


#: An article about what the papers say.
_PRESS_WORDS = re.compile(r"\b(?:press review|newspapers?|front page|top page|headlines?|"
                          r"editorials?|columnists?|the press)\b")


_SURNAME = re.compile(r" ((?:(?:de|du|d’|d'|Le|La) ?)?[A-ZÀ-Ý][^\W\d_]+(?:-[A-ZÀ-Ý][^\W\d_]+)?)")
#: A surname this much more frequent in French than in English is French.
FRENCH_SURNAME = 1.2


def _french_surname(text: str, end: int) -> bool:
    """``Bridget Macron``: the name after the first name is a French one."""
    m = _SURNAME.match(text, end, min(len(text), end + 60))
    if not m:
        return False
    last = re.split(r"[ ’'-]", m.group(1))[-1]
    return frenchness(last.lower()) >= FRENCH_SURNAME


_CAPITALISED = re.compile(r"(?<=[a-z,;] )[A-ZÀ-Ý][^\W\d_]{3,}")


@lru_cache(maxsize=8)
def _french_article(text: str) -> bool:
    """The article names France or Paris, or at least three French people or places
    (capitalised words much more frequent in French than in English)."""
    if _FRANCE.search(text) or "Paris" in text:
        return True
    names = {w.lower() for w in _CAPITALISED.findall(text)}
    return sum(frenchness(w) >= FRENCH_SURNAME for w in names) >= 3


def _is_press(e: Entry) -> bool:
    return bool(re.search(r"\b(?:daily|weekly|monthly|magazine|newspaper|agency)\b", e.what))


@lru_cache(maxsize=1)
def _press() -> tuple[str, ...]:
    """The French papers' own names: one of them in an article makes it a press review."""
    return tuple(sorted({e.rendering for e in gazetteer() if _is_press(e)}))


def _named(doc: Document, a: int, b: int, e: Entry, form: str,
           glued: bool) -> tuple[int, int, str, Tier, str]:
    r = e.rendering
    if form[:3].lower() == "the":
        r = _cased(r, doc.text[a:b], doc.at_sentence_start(a))
    return a, b, r + (" " if glued else ""), e.tier, _message(e, doc.text[a:b], r)


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Does ``[a, b)`` overlap one of ``spans`` (sorted, not overlapping each other)?"""
    k = bisect.bisect_left(spans, (a, b))
    return any(x < b and a < y for x, y in spans[max(0, k - 1):k + 1])


@detector("french_names", prepare=warm)
def french_names(doc: Document, ctx: DetectorContext) -> Iterable[Finding]:
    kinds = set(ctx.options.get("kinds", KINDS))
    unknown = kinds - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds {sorted(unknown)} (known: {', '.join(KINDS)})")
    text = doc.text
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []  # metonym spans, sorted

    def emit(a: int, b: int, rendering: str, tier: Tier, message: str) -> None:
        tier = tier if tier.rank <= ctx.tier.rank else ctx.tier
        found.append(ctx.finding(a, b, rendering, tier=tier, message=message))

    if "metonym" in kinds and _any_building().search(text):  # most articles name none
        buildings, pats = _metonyms()
        for pat, ministry in pats:
            for m in pat.finditer(text):
                if _overlaps(taken, *m.span()) or doc.quote_at(m.start()) is not None:
                    continue  # the same words matched as a tenant already
                e = buildings[_norm(m.group("b") or m.group("b2"))]
                r = e.rendering if ministry is False else e.ministry
                what = f"the occupant of {e.what}" if ministry is False else e.what
                r = _cased(r, m.group(), doc.at_sentence_start(m.start()))
                bisect.insort(taken, m.span())
                emit(m.start(), m.end(), r, Tier.SUGGESTED if ministry is not None else Tier.REVIEW,
                     f"'{m.group()}' is a French metonym ({what}): English writes '{r}'")
    # what the five rules of this detector all ask of the article, once per document
    repeats = doc.memo(repeated_lines, lambda: repeated_lines(doc))
    sport: bool | None = None
    french: bool | None = None  # an article about France (the calques are only calques there)
    papers = doc.memo(_press, lambda: any(p in text for p in _press()))  # Le Monde named as it is
    press = papers or doc.memo(_PRESS_WORDS, lambda: bool(_PRESS_WORDS.search(text)))
    pending: list[tuple[int, int, Entry, str, bool]] = []
    forms, pat = _names()
    for m in doc.matches(pat):  # one scan per document for the five rules of this detector
        e, form = forms[_norm(m.group())]
        a, b = m.span()
        glued = b < len(text) and text[b].isalpha()
        if e.kind not in kinds or doc.line_start(a) in repeats or _overlaps(taken, a, b):
            continue
        if french is None:
            french = papers or _french_article(text)
        if not french:
            continue  # Concord Square, the Hexagon, National Gathering: English elsewhere
        if e.kind == "team":
            if sport is None:
                sport = _french_sport(doc)
            if not sport or (form[0].islower() and "Blues" not in text):
                continue
        elif doc.quote_at(a) is not None:
            continue
        if e.kind in ("source", "name") and not _ends_name(text, b, e.kind, form):
            continue
        if e.kind == "paren" and not (_AFTER_TOWN.search(text, max(0, a - 60), a)
                                      and _FRANCE.search(text)):
            continue
        if e.kind == "given" and not (_french_surname(text, b) and _french_article(text)):
            continue
        if e.kind == "source" and not _source_ok(doc, a, b, form, e.tier is not Tier.REVIEW):
            pending.append((a, b, e, form, glued))
            continue
        press = press or _is_press(e)
        emit(*_named(doc, a, b, e, form, glued))
    if press:  # a press review: the other mentions need less, and get review
        for a, b, e, form, glued in pending:
            if glued or _source_ok(doc, a, b, form, True, press=True):
                a, b, r, _, message = _named(doc, a, b, e, form, glued)
                emit(a, b, r, Tier.REVIEW, message)
    return found
