"""Consistency inside one article (class 11).

MT translates each sentence on its own, so one article ends up with ``Shiite``
and ``Shia``, ``the Hezbollah Brigades`` and ``Hezbollah’s brigades``, straight
and curly apostrophes. The minority form is flagged (review: which one the
article should use is an editor's call), with the majority form as the hint.
"""
from __future__ import annotations

import re
from collections import Counter

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding

#: Spelling variants of the same name or word; matched as whole words.
DEFAULT_VARIANTS = [
    ["Shiite", "Shia", "Shi'ite", "Shi’ite"],
    ["Sunnite", "Sunni"],
    ["Qaeda", "Qaida"],
    ["Gaddafi", "Kadhafi", "Qaddafi"],
    ["Kyiv", "Kiev"],
    ["organization", "organisation"],
    ["organizations", "organisations"],
]


@detector("variant_mix")
def variant_mix(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    groups = ctx.options.get("variants") or DEFAULT_VARIANTS
    for group in groups:
        # a substring test first: most variants are not in the text at all
        hits = {v: list(re.finditer(rf"(?<![\w'’]){re.escape(v)}(?![\w'’])", doc.text))
                if v in doc.text else [] for v in group}
        counts = Counter({v: len(h) for v, h in hits.items() if h})
        if len(counts) < 2:
            continue
        (major, n_major), *_ = counts.most_common()
        if list(counts.values()).count(n_major) > 1:
            major = next(v for v in group if counts.get(v) == n_major)
        for v, matches in hits.items():
            if v == major:
                continue
            for m in matches:
                out.append(ctx.finding(m.start(), m.end(), major,
                                       message=f"'{v}' here, '{major}' elsewhere in the article "
                                               f"({counts[major]}×): use one form"))
    return out


#: ``Hezbollah’s brigades``; a name longer than this is no name (and reading
#: one would cost as much as the line).
_MAX_NAME = 100
_POSSESSIVE = re.compile(rf"\b([A-Z][\w-]{{1,{_MAX_NAME}}})['’]s ([a-z]+)\b")
_CAPITAL_AFTER_SPACE = re.compile(r"(?<= )[A-Z][a-z]*(?!\w)")


@detector("possessive_name_mix")
def possessive_name_mix(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``Hezbollah’s brigades`` in an article that names ``the Hezbollah Brigades``."""
    text = doc.text
    hits = [(m, f"{m.group(1)} {m.group(2).capitalize()}") for m in _POSSESSIVE.finditer(text)]
    if not hits:
        return []
    named = _names_in_text(text, {name for _, name in hits})
    return [ctx.finding(m.start(), m.end(), f"the {name}",
                        message=f"'{m.group()}' here, '{name}' elsewhere: the same name?")
            for m, name in hits if name in named]


def _names_in_text(text: str, wanted: set[str]) -> set[str]:
    """Those of ``wanted`` ("Hezbollah Brigades") that occur in ``text`` as whole
    words (``\\bName\\b``), in one pass over the text whatever their number."""
    by_last: dict[str, set[str]] = {}
    for name in wanted:
        first, _, last = name.rpartition(" ")
        by_last.setdefault(last, set()).add(first)
    found: set[str] = set()
    for m in _CAPITAL_AFTER_SPACE.finditer(text):
        firsts = by_last.get(m.group())
        if not firsts:
            continue
        end = m.start() - 1  # the space
        s = end
        while s > 0 and end - s <= _MAX_NAME and (text[s - 1].isalnum() or text[s - 1] in "_-"):
            s -= 1
            if "A" <= text[s] <= "Z" and (s == 0 or not (text[s - 1].isalnum() or text[s - 1] == "_")):
                first = text[s:end]
                if first in firsts:
                    found.add(f"{first} {m.group()}")
    return found


@detector("apostrophe_mix")
def apostrophe_mix(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """Straight and curly apostrophes mixed inside words."""
    straight = list(re.finditer(r"(?<=\w)'(?=\w)", doc.text))
    curly = list(re.finditer(r"(?<=\w)’(?=\w)", doc.text))
    if not straight or not curly:
        return []
    minority, major = (curly, "'") if len(straight) >= len(curly) else (straight, "’")
    name = "straight" if major == "'" else "curly"
    return [ctx.finding(m.start(), m.end(), major,
                        message=f"apostrophe differs from the article's {name} ones")
            for m in minority]
