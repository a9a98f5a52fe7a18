"""Capitalisation slips decided by the article's own usage (class 14).

MT copies a capital from the French source, or makes one up, on an ordinary
word in the middle of a clause: ``Since Monday, Prices have risen``,
``the figures show; Wages fell``, ``“we want to Win this match”``. Whether a
capital there is a slip or a name is not decided by a list: the article
itself says so. A word it writes in lower case elsewhere, capitalised only
here in mid-sentence, with a lower-case word after it, is the ordinary word
with a slip of case; a name (``Brown``, ``Will``) is capitalised every time
the article uses it.

Also here: a French elided ``d’`` before a lower-case name (``the Musée
d’orsay``): in English text ``d’`` is French, and the word after it is a name
unless French knows it as an ordinary word (``maître d’hôtel``,
``coup d’état``, ``hors d’œuvre``).
"""
from __future__ import annotations

import re
from collections import Counter

from mtfix.detectors import DetectorContext
from mtfix.document import Block, Document
from mtfix.lexicon import is_common_word, zipf
from mtfix.model import Finding, Tier

_WORD = re.compile(r"(?<![\w'’@#/.=*+|<_-])([A-Za-z][a-z]+)(?![\w'’@/=*|>_-]|\.\w)")
#: After these the capitalised word is the first word of a title or a name
#: (``the film Into the Wild``), a British-style institution (``the State``,
#: ``the Government``) or a portfolio (``the minister of Culture``): left alone.
_BEFORE_NAME = frozenset("""the a an this that these those its his her their our my your film movie song
album book novel play series show programme program documentary magazine newspaper called titled
entitled named dubbed nicknamed hit operation plan project mr mrs ms dr st saint of""".split())
#: Nouns after which a capitalised word is the name of the thing: ``Time
#: magazine``, ``Shine party``, ``Hope festival``.
_NAMED = frozenset("""magazine newspaper daily weekly monthly channel network show series party brand group
club team band agency company firm label programme program operation plan affair case law act prize
award cup festival foundation movement""".split())
#: Capitalised mid-sentence by English itself whatever the article does.
_ALWAYS = frozenset("""i monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december god""".split())


def words_of(doc: Document, pattern: "re.Pattern[str]") -> list[str]:
    """Group 1 of every match of ``pattern`` over the whole text, once per
    document, in the order of ``doc.matches(pattern)``."""
    return doc.memo(("words", pattern), lambda: [m.group(1) for m in doc.matches(pattern)])


def block_words(doc: Document, pattern: "re.Pattern[str]", b: Block) -> "zip[tuple[re.Match[str], str]]":
    """The matches of ``pattern`` in block ``b`` with their words, from the one
    scan of the text (:meth:`Document.matches_in`), not a scan of the block."""
    i, j = doc.match_range(pattern, b.start, b.end)
    return zip(doc.matches(pattern)[i:j], words_of(doc, pattern)[i:j])


def prev_token(text: str, lo: int, pos: int) -> str:
    """What stands before ``pos`` on its line (from ``lo``): the last non-blank run."""
    i = pos
    while i > lo and text[i - 1] in " \u00a0\t":
        i -= 1
    j = i
    while j > lo and not text[j - 1].isspace():
        j -= 1
    return text[j:i]


def _prev(text: str, lo: int, pos: int) -> str:
    """:func:`prev_token`, or "" when nothing blank separates it from ``pos``."""
    return prev_token(text, lo, pos) if pos > lo and text[pos - 1] in " \u00a0\t" else ""


#: Words a title in Title Case leaves in lower case.
_SMALL = frozenset("a an the and or but nor of in on at to for from with by as into vs".split())


def _title_case(text: str, lo: int, hi: int, before: int, after: int) -> bool:
    """Is there a capitalised word beyond the small words on either side
    (``Boredom in [Terms] of Attention``)? Then the run is a title."""
    left = text[lo:max(lo, before)].split()[-2:]
    right = text[after:hi].split()[:2]
    for side in (reversed(left), right):
        for w in side:
            w = w.strip("“”\"‘’'(),;:")
            if w.lower() in _SMALL:
                continue
            if w[:1].isupper():
                return True
            break
    return False


def common_word_capital(doc: Document, ctx: DetectorContext, saying: frozenset = frozenset()) -> list[Finding]:
    """``Since Monday, Prices have risen`` where the article writes ``prices``.

    ``saying``: verbs of saying (the forms :mod:`capitalisation` builds); a
    capital before one is a given name (``, Will said``)."""
    text = doc.text
    matches, words = doc.matches(_WORD), words_of(doc, _WORD)
    lower = Counter(w for w in words if w.islower())
    capital_mid = Counter(w for m, w in zip(matches, words)
                          if w[0].isupper() and not doc.at_sentence_start(m.start()))
    out: list[Finding] = []
    for b in doc.blocks:
        if b.heading:
            continue  # headlines and crossheads are in Title Case on purpose
        for m, w in block_words(doc, _WORD, b):
            if not w[0].isupper() or not w[1:].islower() or len(w) < 3:
                continue
            low = w.lower()
            if low in _ALWAYS:
                continue
            if capital_mid[w] != 1 or lower[low] < 1 or not is_common_word(low) or zipf(low) < 3.5:
                continue  # a name the article capitalises, or a word it never writes otherwise
            if doc.at_sentence_start(m.start()):
                continue
            prev = _prev(text, b.start, m.start())
            if not prev or prev.lower().strip("“\"‘(") in _BEFORE_NAME:
                continue
            if prev[-1] in ",;" and len(prev) > 1 and prev[-2].isalnum():
                how = "after a comma" if prev[-1] == "," else "after a semicolon"
            elif prev.isalpha() and prev.islower():
                how = "in the middle of a clause"
                if _title_case(text, b.start, b.end, m.start() - len(prev) - 1, m.end()):
                    continue  # ``Defining Boredom in Terms of Attention``: a title
            else:
                continue  # after a name (a Title Case run), a number, a quote or a dash
            nxt = re.match(r"[ \u00a0]+([\w’'-]+)", text[m.end():b.end])
            if nxt is None or not nxt.group(1).islower() or nxt.group(1) in saying or nxt.group(1) in _NAMED \
                    or nxt.group(1) == "of":  # ``Nathalie Savard, Director of Care``: a title's own capital
                continue  # ``in cities, Saint Etienne``: a name too; ``, Will said``: a given name
            out.append(ctx.finding(m.start(), m.start() + 1, w[0].lower(), tier=Tier.SUGGESTED
                                   if ctx.tier is Tier.SAFE else None,
                                   message=f"'{w}' {how}: the article writes '{low}' elsewhere"))
    return out


_ELIDED = re.compile(r"(?<![\w’'])([A-ZÀ-Ý][\wà-ÿ]+[ -])([dD][’'])([a-zà-ÿ]{3,})(?![\w’'-])")


def elided_name_lowercase(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``the Musée d’orsay`` → ``Musée d’Orsay``, ``Côte d’ivoire``: a name
    after a capitalised word and French ``d’``. Frequency cannot tell a name
    from a French word here (``orsay`` and ``hôte`` are as frequent), the
    capital before can: ``maître d’hôtel``, ``coup d’état`` are lower case,
    and a capital that opens the sentence (``Coup d’état in Niger``) says
    nothing."""
    out: list[Finding] = []
    for m in _ELIDED.finditer(doc.text):
        w = m.group(3)
        if doc.at_sentence_start(m.start()) or is_common_word(w):
            continue
        out.append(ctx.finding(m.start(3), m.start(3) + 1, w[0].upper(),
                               message=f"'{m.group()}' is a French name: English writes "
                                       f"'{m.group(1)}{m.group(2)}{w.capitalize()}'"))
    return out
