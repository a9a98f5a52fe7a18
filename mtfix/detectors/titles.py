"""Titles before names (class 5): ``the general Mark Milley``, ``president Donald Trump``.

French writes *le général Mark Milley*, *le président Donald Trump*; English
drops the article and capitalises the title: ``General Mark Milley``. The
word after the title must be a name, not an ordinary word that happens to be
capitalised (``the general Assembly``): a name is a capitalised word the
lexicon does not know in lower case. ``the American secretary of state, Mike
Pompeo`` (title set off by commas) is good English and is not matched.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.lexicon import is_common_word
from mtfix.model import Finding

TITLES = ("president|general|colonel|lieutenant|captain|admiral|minister|senator|governor|mayor|"
          "judge|pope|cardinal|archbishop|bishop|prince|princess|king|queen|chancellor|sheikh|"
          "ayatollah|imam|rabbi|professor|commander|marshal|sergeant|ambassador|prefect|emir|"
          "sultan|patriarch")
_NAME = r"[A-Z][\w’'.-]*"
_NOT_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
              "January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "I"}
#: Words after which a lower-case title + name is a French calque rather than a
#: British-style description: prepositions, conjunctions and reporting verbs.
_BEFORE_TITLE = {"with", "by", "of", "to", "for", "from", "and", "or", "but", "between", "against",
                 "on", "at", "in", "about", "that", "said", "told", "met", "meets", "called",
                 "urged", "asked", "invited", "received", "visited", "thanked", "when", "while",
                 "after", "before", "since", "than", "like", "as", "under", "without", "toward",
                 "towards", "during"}


def _is_name(words: list[str]) -> bool:
    """At least one of the capitalised words after the title is a name."""
    return any(not is_common_word(w.rstrip(".’'s")) or w in ("Mark", "Will", "Bill", "Rose")
               for w in words)


@detector("title_before_name")
def title_before_name(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    titles = ctx.options.get("titles", TITLES)
    pat = re.compile(rf"\b(?:(?P<art>[Tt]he) )?(?P<title>{titles}) (?P<name>{_NAME}(?: {_NAME}){{0,3}})")
    for m in pat.finditer(text):
        title = m.group("title")
        names = m.group("name").split()
        if not _is_name(names) or names[0] in _NOT_NAMES:
            continue
        prev = re.search(r"([\w’'-]+)[ -]$", text[max(0, m.start() - 30):m.start()])
        prev_word = prev.group(1).lower() if prev else ""
        if m.group("art"):
            lo, hi = m.start(), m.start("name")
            repl = title[0].upper() + title[1:] + " "
            out.append(ctx.finding(lo, hi, repl, message=f"English writes '{repl}{names[0]}…' "
                                                       f"without the article, title capitalised"))
        elif title[0].islower() and prev_word in _BEFORE_TITLE:
            if len(names) < 2 and title != "president":
                continue
            lo = m.start("title")
            out.append(ctx.finding(lo, lo + 1, title[0].upper(),
                                   message=f"a title before a name takes a capital: '{title.capitalize()} {names[0]}'"))
    return out
