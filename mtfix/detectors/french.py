"""Untranslated French left in the English (class 14).

What is French is decided by word frequency in each language (wordfreq, through
:mod:`mtfix.lexicon`), not by a hand list: ``comme`` and ``maison`` are common
French and rare English, ``match`` and ``rue`` are common in both. A hand list
only says what English *keeps* (``coup de grâce``, ``à la carte``: the
loanwords of ``mtfix/data/french_loanwords.txt``) and which generic place
nouns open a French name (``rue de la Paix``).

Four shapes, each a detector:

* ``french_run`` — two or more French words in a row with at least one French
  content word in lower case (``les Bleus comme à la maison``). A run whose
  content words are all capitalised is a name (``Banque de France``, ``Charles
  de Gaulle``, ``Touche Pas à mon Poste``), a run inside quotation marks is a
  quoted title or a quotation, and a run made of a place noun and particles
  before a capital is a street or a building (``rue de la Paix``). When runs
  cover most of a line, the line is a French original left under its
  translation (a scraped headline) and the hint is to delete it.
* ``french_function_word`` — one French function word between English words
  (``a lot de people``, ``Thank you à all``).
* ``french_elision`` — an elided French article glued to an English word
  (``l’Assembly``): ``d’Orsay`` and ``L’Express`` are names and stay.
* ``french_word`` — one lower-case French content word English does not use
  (``the déconfinement``), flagged for review.

Every detector leaves quotations alone: a French phrase in quotes is a title or
a verbatim quotation the writer chose to keep.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from mtfix.detectors import DetectorContext, detector
from mtfix.detectors._frenchlex import (FRENCH_MARGIN, Line, Token, fold, freqs, gap_ok,
                                       is_english, is_french, is_function, lines, quoted)
from mtfix.document import Document
from mtfix.lexicon import common_words, is_common_word, warm
from mtfix.model import Finding, Fix, Tier

#: Generic French place nouns that open a name before a capital (``rue de la Paix``).
PLACE_NOUNS = frozenset("""
rue avenue boulevard place quai impasse allée chemin route pont porte gare château hôtel lycée
collège école musée palais parc jardin jardins stade salle cité faubourg cours square passage
villa port île mont val bois forêt église basilique cathédrale abbaye tour théâtre opéra
quartier marché canal plage lac col butte esplanade parvis hôpital
""".split())


def _runs(doc: Document, line: Line) -> list[list[int]]:
    """Maximal runs of French tokens (indexes), split at punctuation."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, t in enumerate(line.toks):
        french = i not in line.loans and is_french(t)
        if french and cur and not gap_ok(doc.text, line.toks[cur[-1]], t):
            runs.append(cur)
            cur = []
        if french:
            cur.append(i)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if len(r) >= 2]


def _is_name(doc: Document, line: Line, run: list[int]) -> bool:
    """Every content word capitalised, or a place noun and particles: the
    opening of a street or a building's name (``rue de la Paix``, and ``musée
    d’orsay`` whose name MT lower-cased: a capitalisation slip, not French)."""
    toks = [line.toks[i] for i in run]
    content = [t for t in toks if not is_function(t)]
    if all(t.capital for t in content):
        return True
    if toks[0].capital and not doc.at_sentence_start(toks[0].start):
        return True  # French names capitalise their first word only: Société générale
    lower_content = [t for t in content if not t.capital]
    return all(t.lower in PLACE_NOUNS for t in lower_content)


def french_runs(doc: Document) -> list[tuple[int, int, bool]]:
    """``(start, end, whole_line)`` of each French run a reader should see
    (once per document: two detectors read them)."""
    return doc.memo(french_runs, lambda: _french_runs(doc))


def _french_runs(doc: Document) -> list[tuple[int, int, bool]]:
    out: list[tuple[int, int, bool]] = []
    for line in lines(doc):
        found = []
        for run in _runs(doc, line):
            toks = [line.toks[i] for i in run]
            if not any(not t.capital and not is_function(t) for t in toks):
                continue  # particles only: a name's "de la", not French prose
            if _is_name(doc, line, run):
                continue
            lo, hi = toks[0].start, toks[-1].end
            if quoted(doc, lo, hi):
                continue
            found.append((lo, hi, len(run)))
        covered = sum(n for _, _, n in found)
        whole = len(line.toks) >= 4 and covered >= 0.6 * len(line.toks)
        if whole:
            out.append((line.start, line.end, True))
        else:
            out.extend((lo, hi, False) for lo, hi, _ in found)
    return out


def _line_with_breaks(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The line and the blank lines after it, so deleting it keeps the spacing tidy."""
    text, pos = doc.text, end
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    if pos >= len(text):  # last line: take the break before it instead
        lo = start
        while lo > 0 and text[lo - 1] in " \t\r\n":
            lo -= 1
        return lo, end
    return start, pos


@detector("french_run", prepare=warm)
def french_run(doc: Document, ctx: DetectorContext) -> Iterable[Finding]:
    for lo, hi, whole in french_runs(doc):
        if whole:
            a, b = _line_with_breaks(doc, lo, hi)
            yield ctx.finding(lo, hi, fix=Fix.replace(a, b, ""), tier=Tier.REVIEW,
                              message="line in French (an original headline or caption left "
                                      "under its translation?): delete it or translate it")
        else:
            yield ctx.finding(lo, hi, None, message=f"untranslated French: '{doc.text[lo:hi]}'")


def _neighbours(line: Line, i: int, text: str) -> tuple[Token | None, Token | None]:
    toks = line.toks
    left = toks[i - 1] if i > 0 and gap_ok(text, toks[i - 1], toks[i]) else None
    right = toks[i + 1] if i + 1 < len(toks) and gap_ok(text, toks[i], toks[i + 1]) else None
    return left, right


#: The usual English for a French function word left alone, as a hint.
HINTS = {"de": "of", "du": "of the", "des": "of the", "à": "to", "au": "to the", "aux": "to the",
         "et": "and", "avec": "with", "pour": "for", "sur": "on", "dans": "in", "la": "the",
         "le": "the", "les": "the", "une": "a", "un": "a"}


@detector("french_function_word", prepare=warm)
def french_function_word(doc: Document, ctx: DetectorContext) -> Iterable[Finding]:
    """A lone French function word in English: both neighbours English, or for a
    word English never writes (``à``: common French, not an English word at
    all) one English neighbour and none French; capitalised, opening a sentence
    before an English word (``“Un outside``: ``Le Pen``, ``La Liga`` and ``Des
    Moines`` have a capital after them)."""
    text = doc.text
    for line in lines(doc):
        for i, t in enumerate(line.toks):
            if t.elision or i in line.loans or not is_french(t) or not is_function(t):
                continue
            if is_common_word(t.lower) or in_short_quote(doc, t.start):
                continue  # pour, pas, par, plus: English words too; a quoted title
            left, right = _neighbours(line, i, text)
            if t.capital:
                if right is not None and not right.capital and is_english(right) \
                        and (doc.at_sentence_start(t.start) or _after_open_quote(text, t.start)):
                    yield _function_finding(ctx, t)
                continue
            if left is None or right is None or left.elision:
                continue
            eng = [n for n in (left, right) if is_english(n)]
            strong = freqs(t.lower)[1] < 4.0  # "à", "une": no English use of their own
            if len(eng) == 2 and all(not n.capital for n in eng) \
                    or strong and eng and not any(is_french(n) for n in (left, right)):
                yield _function_finding(ctx, t)


def _after_open_quote(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \u00a0")
    return before.endswith(("“", "«", '"', "‘"))


def _function_finding(ctx: DetectorContext, t: Token) -> Finding:
    hint = HINTS.get(t.lower)
    return ctx.finding(t.start, t.end, None, hint=hint,
                       message=f"French '{t.text}' left in English"
                               + (f" (usually '{hint}')" if hint else ""))


def in_short_quote(doc: Document, start: int) -> bool:
    """Inside a short quotation (a title, a quoted word) rather than English speech."""
    q = doc.quote_at(start)
    return q is not None and len(doc.text[q.inner_start:q.inner_end].split()) <= 3


@detector("french_elision", prepare=warm)
def french_elision(doc: Document, ctx: DetectorContext) -> Iterable[Finding]:
    """``l’`` glued to an English word is the French article: ``the``."""
    keep = set(ctx.options.get("names", ()))
    for line in lines(doc):
        for i, t in enumerate(line.toks[:-1]):
            if not t.elision or t.lower not in ("l'", "d'") or t.text[0].isupper():
                continue
            word = line.toks[i + 1]
            if word.text in keep or not is_english(word) or quoted(doc, t.start, word.end):
                continue
            if t.lower == "l'":
                yield ctx.finding(t.start, t.end, "the ",
                                  message=f"French article '{t.text}' glued to '{word.text}': 'the'")
            else:
                yield ctx.finding(t.start, t.end, None, tier=Tier.REVIEW, hint="of ",
                                  message=f"French '{t.text}' (of) glued to '{word.text}'")


#: A lone French word must be this rare in English...
RARE_EN = 1.3
#: ...and look French: an accent, or an ending English spells otherwise.
_FRENCH_SHAPE = re.compile(r"[àâçéèêëîïôûùüÿœ]|(?:ment|ments|eur|eurs|euse|euses|eux|ette|ettes|"
                           r"ité|ités|aire|aires|ois|oise|ais|aise|iste|istes|ents|ante|antes)$")


@detector("french_word", prepare=warm)
def french_word(doc: Document, ctx: DetectorContext) -> Iterable[Finding]:
    """A lower-case French content word that English does not use at all."""
    in_runs = sorted((lo, hi) for lo, hi, _ in french_runs(doc))
    run_starts = [lo for lo, _ in in_runs]
    capitals = set(re.findall(r"(?<=[a-z,;] )[A-ZÀ-Ý][^\W\d_]+", doc.text))
    for line in lines(doc):
        for i, t in enumerate(line.toks):
            if t.elision or t.capital or len(t.text) < 5 or i in line.loans or "'" in t.lower:
                continue
            fr, en = freqs(t.lower)
            # the word itself, not its stem: "intermittents" (the French noun)
            # is no English word though "intermittent" is
            if en > RARE_EN or fr < 1.5 or fr - en < FRENCH_MARGIN or fold(t.text) in common_words():
                continue
            if not (_FRENCH_SHAPE.search(t.lower) or en < 0.5 and fr >= 3.5) \
                    or t.text.capitalize() in capitals:
                continue  # a lower-cased name (Hanouna elsewhere), or not French in shape
            k = bisect.bisect_right(run_starts, t.start) - 1
            if k >= 0 and t.start < in_runs[k][1] or in_short_quote(doc, t.start):
                continue
            yield ctx.finding(t.start, t.end, None,
                              message=f"'{t.text}' is French, not English: translate it")


#: An opening single quote glued to a lower-case word, not English's own
#: elisions (’til, ’em, ’cause, often typed with the opening mark).
_OPEN_SINGLE = re.compile(r"(?:(?<=\s)|^)‘(?!(?:til|em|cause|tis|twas|n|round|bout|nuff)\b)"
                          r"(?=[a-zà-ÿ])", re.M)
#: A closing single quote: one not followed by a letter (an apostrophe is).
_CLOSE_SINGLE = re.compile(r"[’'](?![^\W\d_])")


@detector("french_stray_quote", prepare=warm)
def french_stray_quote(doc: Document, ctx: DetectorContext) -> Iterable[Finding]:
    """``the ‘economy``: an opening quote that nothing closes is what is left of
    an elided French article (``l’économie``) once the word was translated."""
    text = doc.text
    last_close: dict[int, int] = {}  # line start -> offset of its last closing quote
    for m in _OPEN_SINGLE.finditer(text):
        lo, hi = doc.line_span(m.start())
        if lo not in last_close:
            last_close[lo] = max((c.start() for c in _CLOSE_SINGLE.finditer(text, lo, hi)),
                                 default=-1)
        if last_close[lo] >= m.end():
            continue
        yield ctx.finding(m.start(), m.end(), "",
                          message="stray quotation mark before a word (what is left of a French "
                                  "elided article, l’): delete it")
