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

The forms ``the tenant``/``the occupant of Matignon`` and ``of the Élysée`` are
the ``head-of-state`` rule's (titles), so they are not repeated here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.lexicon import FUNCTION_WORDS
from mtfix.model import Finding, Tier

KINDS = ("source", "name", "team", "paren", "metonym")


@dataclass(frozen=True)
class Entry:
    kind: str
    forms: tuple[str, ...]
    rendering: str
    tier: Tier
    what: str
    ministry: str = "-"


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
            forms, holder, ministry, what = cols[1:5]
            out.append(Entry(kind, tuple(forms.split("|")), holder, Tier.SUGGESTED, what, ministry))
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
    r" (?:by|in|of|from|with|for|to|at)|magazine|newspaper|daily|weekly|paper|monthly))"
    r"\s*[:,]?\s*$")
_CUE_WEAK = re.compile(r"(?i:\b(?:to|by|in|from|with|for|said|says|reports?|reported|writes|wrote))\s+$")
#: Right after a source name: what it did.
_VERBS = frozenset("""
reports report reported said says writes wrote revealed reveals learned learnt indicates indicated
published publishes quotes quoted explains explained notes noted announced announces claims claimed
confirmed confirms asked interviewed cites cited specifies specified relates related adds added
""".split())
_VERB_AFTER = re.compile(r"^\s*,?\s*(?:" + "|".join(sorted(_VERBS)) + r")\b"
                         r"|^\s+(?:and|And|or)\s+(?:Le|La|Les|L['’])\s?[A-ZÉ]")
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
    if form[0].islower() and nxt.endswith(("ing", "ed")):
        return True  # "an article by echoes titling": a verb, after a strong cue
    return nxt.lower() in FUNCTION_WORDS or nxt.lower() in _VERBS


def _source_ok(doc: Document, start: int, end: int, form: str) -> bool:
    lo, hi = doc.line_span(start)
    before, after = doc.text[max(lo, start - 80):start], doc.text[end:min(hi, end + 40)]
    if _VERB_AFTER.match(after):
        return not form[0].islower() or bool(_CUE_STRONG.search(before))
    if _CUE_STRONG.search(before):
        return True
    capital_mid = form[0].isupper() and not doc.at_sentence_start(start)
    return capital_mid and bool(_CUE_WEAK.search(before)) and not doc.in_heading(start)


_SPORT = re.compile(r"\b(?:football|rugby|handball|basketball|volleyball|match|coach|striker|"
                    r"goal|goals|World Cup|Euro 20\d\d|Six Nations|Nations League|quarter-final|"
                    r"semi-final|Deschamps|Galthié|Mbappé|Stade de France|XV of France)\b")
#: France, or the national sides' coaches and training grounds.
_FRANCE = re.compile(r"\b(?:France|French|Deschamps|Galthié|Clairefontaine|Marcoussis)\b")
_NOT_FRANCE = re.compile(r"\b(?:Chelsea|Everton|Birmingham|Cardiff|Ipswich|Leicester|Carlisle|"
                         r"Auckland|Canterbury|Rangers|Oxford|Cambridge|jazz|guitar|album|singer|"
                         r"music|band|Brothers)\b")


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


def _metonym_patterns(entry: Entry) -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, rendering, what) for a building: its tenant and its ministry."""
    out = []
    holders = r"(?:tenant|occupant|host|hostess|resident|lodger|master|mistress)"
    for form in entry.forms:
        f = _form_re(form)
        # the head-of-state rule (titles) already has these two
        if form.startswith(("Élysée", "Elysée", "Elysee")):
            of_form = rf"\b[Tt]he (?!(?:tenant|occupant) of the ){holders} of (?:the )?{f}\b"
        elif form == "Matignon":
            of_form = rf"\b[Tt]he (?!(?:tenant|occupant) of Matignon){holders} of {f}\b"
        else:
            of_form = rf"\b[Tt]he {holders} of (?:the )?{f}\b"
        who = f"the occupant of {entry.what}"
        out.append((re.compile(of_form), entry.rendering, who))
        out.append((re.compile(rf"\b[Tt]he {f} {holders}\b"), entry.rendering, who))
        out.append((re.compile(rf"(?:\b[Tt]he )?(?<![\w-]){f}['’]s {holders}\b"), entry.rendering,
                    who))
        if entry.ministry != "-":
            out.append((re.compile(rf"\b[Tt]he {f} [Mm]inistry\b"), entry.ministry,
                        entry.what))
    return out


#: A department in brackets follows a town: ``Douai (North)``, ``the Douai factory (North)``.
_AFTER_TOWN = re.compile(r"[A-Z][\w-]+(?:\s+[a-z]+){0,2}\s*$")


def _variants(e: Entry, form: str) -> list[str]:
    """A source name is also written with a lower-case article (``told the
    Point``); the lower-case form then needs a strong cue (:func:`_source_ok`)."""
    if e.kind == "source" and form.startswith("The "):
        return [form, "t" + form[1:]]
    return [form]


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Entry, re.Pattern[str], str, str], ...]:
    out = []
    for e in gazetteer():
        if e.kind == "metonym":
            continue
        # longest forms first, so "France Blue North" wins over "France Blue"
        for form in sorted((v for f in e.forms for v in _variants(e, f)), key=len, reverse=True):
            pat = re.compile(rf"(?<![\w’'-]){_form_re(form)}(?![\w’'-])")
            # a literal the text must hold for the form to match: a quick test
            # before the pattern, so 200 forms cost little on a long text
            key = max(form.split(), key=len)
            out.append((e, pat, form, key))
    out.sort(key=lambda x: -len(x[2]))
    return tuple(out)


@detector("french_names")
def french_names(doc: Document, ctx: DetectorContext) -> Iterable[Finding]:
    kinds = set(ctx.options.get("kinds", KINDS))
    unknown = kinds - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds {sorted(unknown)} (known: {', '.join(KINDS)})")
    text, taken = doc.text, []
    found: list[Finding] = []
    repeats = repeated_lines(doc)

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def emit(a: int, b: int, rendering: str, tier: Tier, message: str) -> None:
        taken.append((a, b))
        tier = tier if tier.rank <= ctx.tier.rank else ctx.tier
        found.append(ctx.finding(a, b, rendering, tier=tier, message=message))

    if "metonym" in kinds:
        for e in gazetteer():
            if e.kind != "metonym":
                continue
            if not any(f.split()[-1] in text for f in e.forms):
                continue  # the building is not named: skip its patterns
            for pat, rendering, what in _metonym_patterns(e):
                for m in pat.finditer(text):
                    if free(*m.span()):
                        r = _cased(rendering, m.group(), doc.at_sentence_start(m.start()))
                        emit(m.start(), m.end(), r, Tier.SUGGESTED,
                             f"'{m.group()}' is a French metonym ({what}): English writes '{r}'")
    sport: bool | None = None
    for e, pat, form, key in _compiled():
        if e.kind not in kinds or key not in text:
            continue
        if e.kind == "team":
            if sport is None:
                sport = _french_sport(doc)
            if not sport or (form[0].islower() and not re.search(r"\bBlues\b", text)):
                continue
        for m in pat.finditer(text):
            a, b = m.span()
            if not free(a, b) or doc.quote_at(a) is not None and e.kind != "team":
                continue
            if doc.line_start(a) in repeats:
                continue
            if e.kind == "source" and not _source_ok(doc, a, b, form):
                continue
            if e.kind in ("source", "name") and not _ends_name(text, b, e.kind, form):
                continue
            if e.kind == "paren" and not _AFTER_TOWN.search(text, max(0, a - 60), a):
                continue
            r = e.rendering
            if form[:3].lower() == "the":
                r = _cased(r, m.group(), doc.at_sentence_start(a))
            emit(a, b, r, e.tier, _message(e, m.group(), r))
    return found
