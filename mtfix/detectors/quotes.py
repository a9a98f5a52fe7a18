"""Quote capitalisation (class 3).

French quotes a fragment in the middle of a sentence; MT then capitalises its
first word: ``said "Success" these strikes``, ``denounced "A violation of``.
A quote *continues* the sentence when the mark follows a word (not ``:``, a
comma, or the start of a sentence). Its first word is lower-cased when it is an
ordinary English word, not a name, an acronym or "I", and the quote is a
fragment: a full quoted sentence (``"We will..."`` after a verb, ending with a
full stop inside the marks) is left alone, and so is a title in Title Case or
a capitalised word followed by another (``"General Mark Milley``, a name).
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.lexicon import is_common_word
from mtfix.model import Finding

_PRONOUN_OPENERS = {"i", "we", "you", "he", "she", "they", "it", "this", "there", "these", "those",
                    "my", "our", "your", "his", "her", "their", "let", "if", "when", "yes", "no"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")


@detector("quote_capital")
def quote_capital(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    for q in doc.quotes:
        inner = text[q.inner_start:q.inner_end]
        m = _WORD.match(inner)
        if not m or not m.group()[0].isupper():
            continue
        word = m.group()
        before = text[:q.start].rstrip(" \u00a0")
        if not before or not (before[-1].isalpha() or before[-1].isdigit()):
            continue  # after ':', ',', a bracket or the start of a line
        prev_word = re.search(r"[\w'’]+$", before)
        if prev_word and prev_word.group().lower() in ("called", "named", "dubbed", "titled",
                                                        "entitled", "nicknamed", "headlined"):
            continue  # introduces a name or a title
        if not _ordinary(word):
            continue
        nxt = re.match(r"[ \u00a0]+([A-Za-zÀ-ÿ][\w'’-]*)", inner[m.end():])
        if nxt and nxt.group(1)[0].isupper() and nxt.group(1).lower() != "i":
            continue  # "General Mark Milley", "White House": part of a name
        words = _WORD.findall(inner)
        if len(words) > 1 and all(w[0].isupper() for w in words if len(w) > 3):
            continue  # "Maximum Pressure" in Title Case: a name
        if word.lower() in _PRONOUN_OPENERS and re.search(r"[.!?][\"”»]?\s*$", inner):
            continue  # a whole quoted sentence
        if re.search(r"[.!?]\s*$", inner) and len(words) > 6 and word.lower() in _PRONOUN_OPENERS:
            continue
        start = q.inner_start + m.start()
        out.append(ctx.finding(start, start + 1, word[0].lower(),
                               message=f"quoted fragment continues the sentence: "
                                       f"'{word}' should be lower case"))
    return out


def _ordinary(word: str) -> bool:
    if word == "I" or word.startswith("I'") or word.startswith("I’"):
        return False
    if len(word) > 1 and word.isupper():
        return False  # an acronym
    if any(c.isupper() for c in word[1:]):
        return False  # McDonald, iPhone-like names
    return is_common_word(word)
