"""Numbers and amounts written the French way (class 2).

French groups thousands with a space (``25 000``, ``1 200 000``, often a
no-break or thin space) and writes the decimal with a comma (``3,5 %``,
``5315,89 points``); it puts the currency sign after the amount (``12 €``,
``439,10€``, ``12 M€``). English writes ``25,000``, ``3.5%``, ``5,315.89``,
``€12``, ``€439.10``, ``€12m``.

The traps decide the shapes that count:

* a comma followed by exactly three digits is English already (``5,200``);
* ``2,3 and 4`` is a list, so a decimal comma needs a unit after it (``%``,
  ``million``, ``euros``, ``points``, a currency sign ...);
* ``in 2012 300 people`` and ``between 1990 and 2000 500`` are two numbers, so
  a spaced group never follows a four-digit number or another number, and a
  run of groups is never followed by one more digit;
* ``01 45 67 89 00`` (a phone number) has groups of two, not three.

A no-break or thin space between groups is unmistakably a separator (safe);
an ordinary space could still part two numbers (suggested).
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.detectors.typography_lines import skipped_blocks
from mtfix.document import Document
from mtfix.model import Finding, Tier

_SEP = "[ \u00a0\u202f\u2009]"
_UNIT = (r"(?:%|per ?cent\b|percent\b|(?:million|billion|trillion|thousand)s?\b|bn\b|points?\b|pts?\b"
         r"|times\b|euros?\b|dollars?\b|pounds?\b|cents?\b|francs?\b|kilomet(?:re|er)s?\b|km\b"
         r"|met(?:re|er)s?\b|kg\b|kilos?\b|tonnes?\b|tons?\b|degrees?\b|°|lit(?:re|er)s?\b|hectares?\b"
         r"|[$€£])")
NUMBER = re.compile(
    r"(?<![\d.,])(?<!\d[ \u00a0\u202f\u2009])"
    r"(?P<int>\d{1,3}(?:(?P<sep>" + _SEP + r")\d{3})(?:(?P=sep)\d{3})*|\d+)"
    r"(?:,(?P<dec>\d{1,2}))?"
    r"(?![\d-]|[.,]\d|" + _SEP + r"\d)"
    r"(?P<cur>" + _SEP + r"?(?P<mult>M|Md|Mds|Mrd|G|m|k|K)?(?P<sign>[$€£])(?![\w$€£]))?")
#: ``1.5 M€``: an English decimal point, a French multiplier and sign after it.
_DOT_AMOUNT = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}\.\d{1,2})" + _SEP + r"?(?P<mult>M|Md|Mds|Mrd|G|m)(?P<sign>[$€£])(?![\w$€£])")
#: ``10 000-metre`` with a no-break or thin space: a separator, before a hyphen too.
_HARD_SEP_HYPHEN = re.compile(r"(?<![\d.,])(?<!\d[ \u00a0\u202f\u2009])\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?=-[a-z])")
_UNIT_AFTER = re.compile(_SEP + "?" + _UNIT)
_MULT = {"M": "m", "m": "m", "Md": "bn", "Mds": "bn", "Mrd": "bn", "G": "bn"}


@detector("french_number")
def french_number(doc: Document, ctx: DetectorContext) -> list[Finding]:
    text = doc.text
    skip = skipped_blocks(doc)
    out: list[Finding] = []
    for m in NUMBER.finditer(text):
        i = doc.block_index(m.start())
        if i in skip and doc.blocks[i].start <= m.start() <= doc.blocks[i].end:
            continue
        digits = m.group("int")
        spaced, dec, sign = m.group("sep"), m.group("dec"), m.group("sign")
        if int(digits[0]) == 0 and len(digits) > 1 and not spaced:
            continue  # ``007``, a code
        if not spaced and dec is None and sign is None:
            continue  # nothing French about it
        if dec is not None and sign is None and not _UNIT_AFTER.match(text, m.end()):
            continue  # ``pages 2,3 and 4``: a list, not a decimal
        plain = re.sub(_SEP, "", digits)
        if spaced or (dec is not None and len(plain) > 3):
            number = f"{int(plain):,}" if len(plain) < 19 else plain
        else:
            number = plain
        if dec is not None:
            number += "." + dec
        whats = []
        if spaced:
            whats.append("thousands separated by a space")
        if dec is not None:
            whats.append("a decimal comma")
        tier = ctx.tier
        if spaced == " " and tier is Tier.SAFE:
            tier = Tier.SUGGESTED  # an ordinary space may part two numbers
        if sign is not None:
            mult = _MULT.get(m.group("mult") or "", "")
            if m.group("mult") in ("k", "K"):  # ``15 k€``: thousands, written out
                if dec is not None:
                    continue
                number, mult = f"{int(plain) * 1000:,}", ""
            whats.append("the currency sign after the amount")
            repl, end = sign + number + mult, m.end()
            if tier is Tier.SAFE:
                tier = Tier.SUGGESTED
        else:
            repl, end = number, m.start("int") + len(digits) + (len(dec) + 1 if dec is not None else 0)
        if repl == text[m.start():end]:
            continue
        out.append(ctx.finding(m.start(), end, repl, tier=tier,
                               message=f"French number format ({', '.join(whats)}): English writes '{repl}'"))
    for m in _DOT_AMOUNT.finditer(text):
        if doc.block_index(m.start()) in skip:
            continue
        repl = m.group("sign") + m.group("num") + _MULT[m.group("mult")]
        out.append(ctx.finding(m.start(), m.end(), repl, tier=Tier.SUGGESTED if ctx.tier is Tier.SAFE else ctx.tier,
                               message=f"French amount (multiplier and sign after it): English writes '{repl}'"))
    for m in _HARD_SEP_HYPHEN.finditer(text):
        if doc.block_index(m.start()) in skip:
            continue
        repl = f"{int(re.sub(_SEP, '', m.group())):,}"
        out.append(ctx.finding(m.start(), m.end(), repl,
                               message=f"French number format (thousands separated by a space): English writes '{repl}'"))
    return out

