"""Ordinals and centuries (class 6) whose fix needs arithmetic, not a pattern.

French writes ordinals ``3e``, ``21e``, ``1er``, ``XXe`` with a superscript
suffix; scraped and translated it arrives as ``3e``, ``19the`` (the *e* read
as "the"), ``19ᵉ``, ``19 th``, or an English suffix that does not agree with
the number (``21th``). Every form is repaired to the English ordinal by
arithmetic. Sports copy adds the French *journée*: ``the 12th day`` of a
league is matchday 12.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding, Tier

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def roman_to_int(s: str) -> int | None:
    if not s or not re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN.get(b, 0) > v else v
    return total or None


_NOUNS = (r"century|centuries|round|arrondissement|place|time|anniversary|edition|floor|district|"
          r"division|year|day|consecutive|generation|largest|biggest|most|session|term|republic|"
          r"stage|leg|minute|lap|seed|legislature|congress|festival|season|week|month|row|"
          r"quarter|semester|grade|class|match|matchday|position|rank|ranking|circuit|constituency")
_DETERMINER = r"(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Tt]his|[Ee]ach|[Ee]very)"
_FRENCH_SUFFIX = r"(?:ème|eme|ère|ere|e|er|è)"
_SUPERSCRIPT = "(?:ᵉʳᵉ|ᵉʳ|ʳᵉ|ᵉᵐᵉ|ᵉ|ᵈ)"
_ORDINALS = [re.compile(p) for p in (
    r"\b(\d{1,3})the\b(?= [a-z])",                                   # 19the century
    rf"\b(\d{{1,3}}){_FRENCH_SUFFIX}\b(?= (?i:{_NOUNS})\b)",           # 3e arrondissement
    rf"\b{_DETERMINER} (\d{{1,3}}){_FRENCH_SUFFIX}\b(?= [\w(])",       # the 21e edition
    rf"\b(\d{{1,3}}){_SUPERSCRIPT}",                                   # 19ᵉ
    r"\b(\d{1,3})<sup>(?:e|er|ère|ème|th|st|nd|rd)</sup>",              # 19<sup>e</sup>
    r"\b(\d{1,3}) (?:th|st|nd|rd)\b(?= [a-z])",                       # 19 th century
    rf"\b(\d{{1,3}}) {_FRENCH_SUFFIX}\b(?= (?i:{_NOUNS})\b)",          # 19 e century
    r"(?<![\d.,])\b(\d{1,3})(?:st|nd|rd|th)\b",                        # 21th, 2st
    # in the 6 e .: the spaced suffix of an arrondissement named before it
    rf"\b{_DETERMINER} (\d{{1,3}}) (?:e|ème|er)(?= ?[.,;)])",
    # the 35 The day: the superscript e read as the word "the", after a space
    rf"\b{_DETERMINER} (\d{{1,3}}) [Tt]he\b(?= (?:{_NOUNS})\b)",
    # finished 3e, ranked 12e: a rank, with no noun after it
    rf"\b(?:finish(?:ed|es|ing)?|rank(?:ed|s|ing)?|came|comes|placed|climbs?|climbed|moved up|"
    rf"slips?|slipped|drops?|dropped|falls?|fell) (?:to )?(\d{{1,2}}){_FRENCH_SUFFIX}\b(?![\w-])",
)]


@detector("ordinal_suffix")
def ordinal_suffix(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``19the century`` (a superscript *e* leaked as "the"), ``3e``, ``1er``,
    ``19ᵉ``, ``19 th`` → ``19th``; an English suffix that does not agree with
    its number (``21th``, ``2st``) is put right the same way."""
    find = ctx.options.get("find", "ordinals")
    if find == "matchday":
        return matchday(doc, ctx)
    if find != "ordinals":
        raise ValueError(f"find: {find!r} is not 'ordinals' or 'matchday'")
    out = []
    seen: set[int] = set()
    for pat in _ORDINALS:
        for m in pat.finditer(doc.text):
            start, written = m.start(1), doc.text[m.start(1):m.end()]
            n = int(m.group(1))
            repl = ordinal(n)
            if n == 0 or written == repl or start in seen:
                continue  # a correct English ordinal, or found by an earlier form
            seen.add(start)
            out.append(ctx.finding(start, m.end(), repl,
                                   message=f"French ordinal '{written}': English writes '{repl}'"))
    return out


@detector("roman_century")
def roman_century(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``XIXth century`` / ``XIXe century`` → ``19th century``. French also
    numbers arrondissements, republics and congresses in Roman figures
    (``the XVIe arrondissement``, ``the Ve Republic``): a rule names those
    nouns in ``options['nouns']`` (a regex alternation; centuries by default)."""
    out = []
    nouns = ctx.options.get("nouns", "century|centuries")
    for m in re.finditer(rf"\b([XVI]{{1,5}}) ?(?:the|e|th|ème|eme|st|nd|rd|ᵉ)\.? ?(?={nouns})", doc.text):
        n = roman_to_int(m.group(1))
        if n is None or n > 21:
            continue
        repl = ordinal(n) + " "
        out.append(ctx.finding(m.start(), m.end(), repl,
                               message=f"French century numbering: English writes '{repl.strip()} century'"))
    return out


#: What makes a text sports copy: a league's *journée* is its matchday.
_SPORT = re.compile(r"\b(?:match|matches|goals?|scored|striker|coach|league|Ligue|championship|"
                    r"referee|stadium|season|fixture|club|squad|defender|midfielder|goalkeeper)\b")
_LEAGUE = (r"(?:Ligue \d|League \d|L\d|Premier League|Serie A|Liga|Bundesliga|Top 14|Pro D2|National|"
           r"the (?:championship|league|Championship|League|Champions League|Europa League|"
           r"competition|season))")
_DAY = re.compile(rf"\b(?P<day>([Tt])(?:he|his) (\d{{1,2}})(?:st|nd|rd|th|e|ème| [Tt]he)? day)\b(?P<league> of {_LEAGUE}\b)?")
#: "the 5th day of the trial", "the 3rd day of strikes": a day, not a matchday.
_NOT_LEAGUE = re.compile(r" (?:of|in|since|after|without)\b(?! (?:the )?(?:Ligue|L\d|league|championship|competition|season)\b)")


def matchday(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``the 12th day of Ligue 1`` → ``matchday 12 of Ligue 1`` (French *la 12e
    journée*), in a text about a sport. Suggested when a league is named; a
    review hint otherwise."""
    if len(_SPORT.findall(doc.text)) < 3:
        return []
    out = []
    for m in _DAY.finditer(doc.text):
        tier = ctx.tier
        if not m.group("league"):
            if _NOT_LEAGUE.match(doc.text, m.end()):
                continue
            tier = Tier.REVIEW
        word = "Matchday" if m.group(2) == "T" else "matchday"
        repl = f"{word} {int(m.group(3))}"
        out.append(ctx.finding(m.start(), m.end("day"), repl, tier=tier,
                               message=f"'{m.group('day')}' of a league is French 'journée': "
                                       f"English writes '{repl}'"))
    return out


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
#: ``1 er January``, ``1\ner\n July 2023``, ``the 1<sup>st</sup> of June``: a day whose
#: superscript suffix a scraper set apart (a space, a line of its own, the tag itself).
_SPLIT_SUFFIX = re.compile(
    r"(?:\b(?P<the>[Tt]he) )?\b(?P<day>\d{1,2})(?:[ \n]|<sup>)(?:er|ᵉʳ|st|nd|rd|th)(?:</sup>)?"
    r"(?:[ \n]+| ?\n ?)(?:of )?(?P<month>(?i:" + "|".join(_MONTHS) + r"))\b(?:,? (?P<year>\d{4})\b)?")


@detector("split_ordinal_date")
def split_ordinal_date(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``1 er January`` → ``January 1``: the French *1er* (or an English suffix)
    set apart from its number by the page (``1<sup>er</sup>`` lost its tags, or
    kept them; a line break on each side of the suffix), before a month. The
    suffix says it is a date, so a month in lower case (``1 er may``) is one too.
    Written the English way, month first (as the other French-date rules do),
    with the comma before a year."""
    out = []
    for m in _SPLIT_SUFFIX.finditer(doc.text):
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            continue
        written = m.group()
        if "\n" not in written and "<" not in written and not re.search(r"\d (?:er|ᵉʳ|st|nd|rd|th)\b", written):
            continue  # ``1st January``: the other rules' business
        repl = f"{m.group('month').capitalize()} {day}" + (f", {m.group('year')}" if m.group("year") else "")
        out.append(ctx.finding(m.start(), m.end(), repl,
                               message=f"a French date with its ordinal suffix set apart: English writes '{repl}'"))
    return out
