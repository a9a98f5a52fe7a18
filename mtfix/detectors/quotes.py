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

import bisect
import re

from mtfix.detectors import DetectorContext, capitalisation, detector
from mtfix.document import Document
from mtfix.lexicon import is_common_word, warm
from mtfix.model import Finding, Tier

_PRONOUN_OPENERS = {"i", "we", "you", "he", "she", "they", "it", "this", "there", "these", "those",
                    "my", "our", "your", "his", "her", "their", "let", "if", "when", "yes", "no"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
_CONJUNCTIONS = {"but", "and", "so", "because", "then", "now", "well", "oh", "yet"}
#: A full stop followed by a capital inside the marks: more than one sentence.
_INNER_SENTENCE = re.compile(r"[a-z][.!?] +[A-Z]")


_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-zÀ-ÿ][\w'’-]*)")
_NAMING = ("called", "named", "dubbed", "titled", "entitled", "nicknamed", "headlined")
_LONGEST_NAMING = max(map(len, _NAMING))


@detector("quote_capital", prepare=warm)
def quote_capital(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """The first word of a quoted fragment; with ``find:``, one of the other
    capitalisation slips of :mod:`mtfix.detectors.capitalisation` (they share
    this id so that the registry of detectors stays as it is)."""
    find = ctx.options.get("find", "quote-start")
    if find != "quote-start":
        if find not in capitalisation.FINDERS:
            raise ValueError(f"find: {find!r} is not one of quote-start, "
                             + ", ".join(capitalisation.FINDERS))
        return capitalisation.FINDERS[find](doc, ctx)
    out: list[Finding] = []
    text = doc.text
    words = _Words(doc)
    for q in doc.quotes:
        m = _WORD.match(text, q.inner_start, q.inner_end)
        if not m or not m.group()[0].isupper():
            continue
        word = m.group()
        j = q.start  # the character before the mark, spaces skipped
        while j > 0 and text[j - 1] in " \u00a0":
            j -= 1
        if j == 0 or not (text[j - 1].isalpha() or text[j - 1].isdigit()):
            continue  # after ':', ',', a bracket or the start of a line
        if _word_ending_at(text, j, _LONGEST_NAMING + 1).lower() in _NAMING:
            continue  # introduces a name or a title
        if not _ordinary(word):
            continue
        nxt = _NEXT_WORD.match(text, m.end(), q.inner_end)
        if nxt and nxt.group(1)[0].isupper() and nxt.group(1).lower() != "i":
            continue  # "General Mark Milley", "White House": part of a name
        n_words, n_lower = words.count(q.inner_start, q.inner_end)
        if n_words > 1 and n_lower == 0:
            continue  # "Maximum Pressure" in Title Case: a name
        full_stop = _ends_sentence(text, q.inner_start, q.inner_end)
        if full_stop and (word.lower() in _PRONOUN_OPENERS or word.lower() in _CONJUNCTIONS
                          or _INNER_SENTENCE.search(text, q.inner_start, q.inner_end)):
            continue  # a whole quoted sentence, or several
        start = m.start()
        # one quoted word after an article may be a term or a side ("the "Remain"
        # campaign", "a "No" vote"): not safe
        term = n_words == 1 and _word_ending_at(text, j, 4).lower() in {"the", "a", "an"}
        tier = Tier.SUGGESTED if term and ctx.tier is Tier.SAFE else ctx.tier
        out.append(ctx.finding(start, start + 1, word[0].lower(), tier=tier,
                               message=f"quoted fragment continues the sentence: "
                                       f"'{word}' should be lower case"))
    return out


class _Words:
    """The words (``_WORD``) of the quoted lines, counted by position in
    O(log n): nested and repeated quotes never rescan their text."""

    def __init__(self, doc: Document) -> None:
        self.starts: list[int] = []
        #: running count of words longer than three letters that start lower case
        self.lower: list[int] = [0]
        done: set[int] = set()
        for q in doc.quotes:  # quotes lie inside one block: read each such block once
            i = doc.block_index(q.start)
            if i in done:
                continue
            done.add(i)
            b = doc.blocks[i]
            for w in _WORD.finditer(doc.text, b.start, b.end):
                self.starts.append(w.start())
                small = len(w.group()) > 3 and not w.group()[0].isupper()
                self.lower.append(self.lower[-1] + small)

    def count(self, lo: int, hi: int) -> tuple[int, int]:
        """Words starting in ``[lo, hi)``, and how many of them are long and lower case."""
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return j - i, self.lower[j] - self.lower[i]


def _word_ending_at(text: str, end: int, limit: int) -> str:
    """The run of word characters and apostrophes ending at ``end`` (at most
    ``limit`` of them: longer runs are no word this detector looks for)."""
    i = end
    while i > 0 and end - i <= limit and (text[i - 1].isalnum() or text[i - 1] in "_'’"):
        i -= 1
    return text[i:end]


def _ends_sentence(text: str, lo: int, hi: int) -> bool:
    """Does ``text[lo:hi]`` end with ``. ! ?`` (and a closing mark), spaces aside?"""
    i = hi
    while i > lo and text[i - 1].isspace():
        i -= 1
    if i > lo and text[i - 1] in "\"”»":
        i -= 1
    return i > lo and text[i - 1] in ".!?"


def _ordinary(word: str) -> bool:
    if word == "I" or word.startswith("I'") or word.startswith("I’"):
        return False
    if len(word) > 1 and word.isupper():
        return False  # an acronym
    if any(c.isupper() for c in word[1:]):
        return False  # McDonald, iPhone-like names
    return is_common_word(word)
