"""Ordinals and centuries (class 6) whose fix needs arithmetic, not a pattern."""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding

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


@detector("ordinal_suffix")
def ordinal_suffix(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``19the century`` (a superscript *e* leaked as "the") → ``19th``."""
    out = []
    nouns = (r"century|centuries|round|arrondissement|place|time|anniversary|edition|floor|district|"
             r"division|year|day|consecutive|generation|largest|biggest|most|session|term|republic")
    pat = rf"\b(\d{{1,3}})(?:the\b(?= [a-z])|(?:ème|eme|e|er)\b(?= (?:{nouns})\b))"
    for m in re.finditer(pat, doc.text):
        n = int(m.group(1))
        if n == 0:
            continue
        repl = ordinal(n)
        out.append(ctx.finding(m.start(), m.end(), repl,
                               message=f"French ordinal '{m.group()}': English writes '{repl}'"))
    return out


@detector("roman_century")
def roman_century(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``XIXth century`` / ``XIXe century`` → ``19th century``."""
    out = []
    for m in re.finditer(r"\b([XVI]{1,5})(?:e|th|ème|eme|st|nd|rd)\.? (?=century|centuries)", doc.text):
        n = roman_to_int(m.group(1))
        if n is None or n > 21:
            continue
        repl = ordinal(n) + " "
        out.append(ctx.finding(m.start(), m.end(), repl,
                               message=f"French century numbering: English writes '{repl.strip()} century'"))
    return out
