"""Acronyms left in French (class 9).

``the Popular Mobilization (MP) units``: the letters in brackets are not the
initials of the words before them, but they are those initials in reverse —
the French word order (*Mobilisation populaire*). Such an acronym is flagged
where it is introduced and wherever it is used again in the article. The same
goes for a lower-case expansion whose initials are the acronym's letters in
another order (``the harmonized consumer price index (IPCH)``).

Known French acronyms are a table, ``mtfix/data/french_acronyms.txt``: the
English acronym news English uses instead (ONU → UN, TVA → VAT), or a gloss
for those English keeps but has to explain (SMIC, SAMU), or ``keep`` for the
ones English simply uses (CGT, SNCF). A form that is also an English acronym
(BCE, before the Common Era; EI, Canada's Employment Insurance) fires only
when its row's context words occur in the article, so English text that
happens to use it comes through untouched.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.lexicon import FUNCTION_WORDS, is_common_word
from mtfix.model import Finding, Fix, Tier

_MINOR = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "in", "on", "to", "a", "&"}
#: Lower-case words that may stand between the capitalised words of a name.
_LINK = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "les"})
_ACRONYM = re.compile(r"\((?P<acr>[A-Z]{2,6})\)")
#: The most capitalised words (each with up to two link words) an acronym's
#: introduction reads back, and the longest word: past them nothing is read.
_MAX_WORDS, _MAX_LINKS, _MAX_TOKEN = 7, 2, 200
_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

#: French acronyms whose English form is known, for the hint.
KNOWN = {"EI": "IS", "ONU": "UN", "OTAN": "NATO", "UE": "EU", "FMI": "IMF", "OMS": "WHO",
         "OCDE": "OECD", "BCE": "ECB", "OMC": "WTO", "MP": "PMF", "PIB": "GDP", "ONG": "NGO"}


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in _MINOR)


@detector("acronym_mismatch")
def acronym_mismatch(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    flagged: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        acr = m.group("acr")
        intro = _introduction(text, m.start())
        if intro is None:
            order = _lower_expansion(text, m.start(), acr)
            if order is None or acr in table():
                continue  # not an expansion, or the table's rule speaks for it
            start = m.start("acr")
            out.append(ctx.finding(start, start + len(acr), None, tier=Tier.REVIEW,
                                   message=f"acronym ({acr}) has the letters of the words before "
                                           f"it in French order; their English initials are {order}",
                                   hint=order))
            flagged[acr] = order
            continue
        words = text[intro:m.start()].split()
        initials = _initials(words)
        if not initials or acr in initials or _fits(acr, words):
            continue
        tail = initials[-len(acr):]
        if tail[::-1] != acr and initials[::-1].find(acr) < 0:
            continue  # not French order either: probably a name, leave it
        english = KNOWN.get(acr) or known_english(acr) or tail
        start = m.start("acr")
        out.append(ctx.finding(start, start + len(acr), None,
                               message=f"acronym ({acr}) is in French word order; the English "
                                       f"initials of '{' '.join(words[-len(acr):])}' are {tail}"
                                       f"{'; English usage: ' + english if english != tail else ''}",
                               hint=english))
        flagged[acr] = english
    if not flagged:
        return out
    # Every later use, found in one pass over the text (not one per acronym): a
    # use is a word of 2-6 capitals alone, not in brackets.
    uses: dict[str, list[tuple[int, int]]] = {acr: [] for acr in flagged}
    for m in _USE.finditer(text):
        if m.group() in uses:
            uses[m.group()].append(m.span())
    for acr, english in flagged.items():
        for lo, hi in uses[acr]:
            out.append(ctx.finding(lo, hi, None, tier=Tier.REVIEW,
                                   message=f"'{acr}' is the French acronym introduced above "
                                           f"(English: {english})", hint=english))
    return out


_USE = re.compile(r"(?<![\w(])[A-Z]{2,6}(?![\w)])")


def _in_word(c: str) -> bool:
    return c.isalnum() or c in "_'’-"


def _introduction(text: str, paren: int) -> int | None:
    """Where the capitalised words before the bracket at ``paren`` begin.

    The introduction is 1-7 capitalised words (``[A-Z][\\w'’-]*``), each
    followed by white space and up to two link words (*of*, *the*...), right
    before the bracket; the first may start inside a longer token
    (``pro-Iranian``). The earliest start is the one a left-to-right regular
    expression finds. The words are read backwards from the bracket, a bounded
    number of them, so a long line costs no more than a short one.
    """
    tokens: list[tuple[int, int]] = []  # nearest first
    j = paren
    while len(tokens) <= _MAX_WORDS * (1 + _MAX_LINKS):
        i = j
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i == j:
            break  # no white space before: the chain stops
        k = i
        while k > 0 and i - k <= _MAX_TOKEN and _in_word(text[k - 1]):
            k -= 1
        if k == i or i - k > _MAX_TOKEN:
            break
        tokens.append((k, i))
        if k == 0 or not text[k - 1].isspace():
            break  # something else than a word before it: the chain stops here
        j = k
    for r in range(len(tokens), 0, -1):
        lo, hi = tokens[r - 1]
        first = next((x for x in range(lo, hi) if text[x] in _ASCII_UPPER), None)
        if first is None:
            continue
        if _chain_ok([text[a:b] for a, b in reversed(tokens[:r - 1])]):
            return first
    return None


def _chain_ok(rest: list[str]) -> bool:
    """After a first capitalised word: more of them, each with at most two link words."""
    words, links = 1, 0
    for t in rest:
        if t[0] in _ASCII_UPPER:
            words, links = words + 1, 0
            if words > _MAX_WORDS:
                return False
        elif t in _LINK:
            links += 1
            if links > _MAX_LINKS:
                return False
        else:
            return False
    return True


_LOWER_RUN = re.compile(r"(?<![\w'’-])(?:[a-z][a-z'’-]* ){2,10}$")


def _lower_expansion(text: str, paren: int, acr: str) -> str | None:
    """The English initials of a lower-case expansion before ``(ACR)`` in another order.

    ``the harmonized consumer price index (IPCH)``: the words are a common
    noun phrase (so no name keeps its own acronym), their initials HCPI are
    IPCH's letters, but not in IPCH's order, which is the French one. Three
    letters at least: two reversed letters happen by chance.
    """
    if len(acr) < 3:
        return None
    m = _LOWER_RUN.search(text, max(0, paren - 160), paren)
    if m is None:
        return None
    content = [w for w in m.group().split() if w not in _MINOR]
    if len(content) < len(acr):
        return None
    initials = "".join(w[0].upper() for w in content[-len(acr):])
    if initials != acr and sorted(initials) == sorted(acr):
        return initials
    return None


def _fits(acr: str, words: list[str]) -> bool:
    """Does ``acr`` spell, in order, letters that start the trailing words?"""
    letters = [w[0].upper() for w in words]
    it = iter(letters)
    return all(any(c == l for l in it) for c in acr) and acr[0] in letters[-len(acr) - 2:]


# -- the table of known French acronyms ---------------------------------------------


@dataclass(frozen=True)
class Acronym:
    """One row of ``french_acronyms.txt``."""

    french: str
    english: str | None  # None: kept in English (tier "keep")
    tier: str  # safe, suggested, review or keep
    article: bool | None  # does English put "the" before it (None: not a drop-in)
    context: re.Pattern[str] | None
    note: str


_TABLE_TIERS = ("safe", "suggested", "review", "keep")


@lru_cache(maxsize=1)
def table() -> dict[str, Acronym]:
    """The acronym table by every form it is matched in (``DGESCO`` and ``Dgesco``)."""
    text = resources.files("mtfix.data").joinpath("french_acronyms.txt").read_text(encoding="utf-8")
    rows: dict[str, Acronym] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 6 or cells[2] not in _TABLE_TIERS:
            raise ValueError(f"french_acronyms.txt:{n}: expected 6 cells and a known tier")
        fr, en, tier, art, context, note = cells
        row = Acronym(fr, None if en == "-" else en, tier, {"the": True, "none": False}.get(art),
                      None if context == "-" else re.compile(context), note)
        rows[fr] = row
        # French papers write the longer ones in title case (Smic, Dgesco); a
        # gloss may match that form too, unless it is an English word. (The
        # word list, not wordfreq: loading the table must stay cheap.)
        if tier == "review" and len(fr) >= 4 and fr.isalpha() and fr.isupper():
            title = fr.capitalize()
            if not is_common_word(title):
                rows.setdefault(title, row)
    return rows


@lru_cache(maxsize=1)
def _table_pattern() -> re.Pattern[str]:
    forms = sorted(table(), key=len, reverse=True)
    alt = "|".join(re.escape(f).replace("\\ ", "[ -]") for f in forms)
    return re.compile(rf"(?<![\w@#/.'’-])(?:{alt})(?![\w@/'’-]|\.\w)")


def _shouting(line: str) -> bool:
    """A line in capitals (a banner, a residue label): its acronyms are not words."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.islower() for c in letters) < len(letters) / 5


def _explained(text: str, start: int, end: int) -> bool:
    """Does the article say what the acronym stands for right there?

    ``the National Commission for Computing and Liberties (CNIL)`` (capitalised
    words before the bracket: the body's own name) or ``the SAMU (emergency
    services)`` (a gloss right after it).
    """
    if start > 0 and text[start - 1] == "(" and end < len(text) and text[end] == ")":
        return _introduction(text, start - 1) is not None
    return text.startswith(" (", end)


#: How far (characters, either side) a row's context words are looked for:
#: about a paragraph, so one article's topics do not license another's.
_CONTEXT = 600
_NAME_AFTER = re.compile(r" ([A-Z][a-z]+)\b")


@detector("french_acronym")
def french_acronym(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """Known French acronyms of the rows whose tier is in ``options['tiers']``."""
    tiers = set(ctx.options.get("tiers", ("safe", "suggested", "review")))
    unknown = set(tiers) - set(_TABLE_TIERS)
    if unknown:
        raise ValueError(f"unknown table tier(s): {', '.join(sorted(unknown))}")
    text = doc.text
    out: list[Finding] = []
    glossed: dict[str, list[tuple[int, int]]] = {}
    for m in doc.matches(_table_pattern()):  # one scan per document for the three table rules
        row = table()[m.group()]
        if row.tier not in tiers or row.tier == "keep":
            continue
        if row.context is not None and not row.context.search(
                text, max(0, m.start() - _CONTEXT), m.end() + _CONTEXT):
            continue
        if _NAME_AFTER.match(text, m.end()) and not is_common_word(_NAME_AFTER.match(text, m.end()).group(1)):
            continue  # PJ Harvey, JO Malone: part of a name
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if _shouting(text[line_start:line_end if line_end >= 0 else len(text)]):
            continue
        if re.search(r"\d\s?$", text[max(0, m.start() - 2):m.start()]):
            continue  # 500 BCE: a number's unit or era, not a body
        if row.tier == "review":
            glossed.setdefault(row.french, []).append(m.span())
            continue
        out.append(_replacement(ctx, text, m.start(), m.end(), row))
    for french, uses in glossed.items():
        if any(_explained(text, lo, hi) for lo, hi in uses):
            continue  # the article explains it once: the other uses are fine
        lo, hi = uses[0]  # one flag per article: the first use is where to explain it
        row = table()[french]
        out.append(ctx.finding(lo, hi, fix=_gloss_fix(text, lo, hi, row.english or ""),
                               tier=Tier.REVIEW, hint=row.english,
                               message=f"French acronym {text[lo:hi]} ({row.note}) means nothing "
                                       f"to most English readers: write {row.english}, or keep it "
                                       f"with that gloss"))
    return out


def _gloss_fix(text: str, lo: int, hi: int, gloss: str) -> Fix | None:
    """The gloss in the acronym's place, when it fits the article already there.

    ``entrepreneurs of the BTP`` → ``the construction industry`` replaces
    ``the BTP``; ``mainland and Dom Tom`` → ``overseas territories``. A gloss
    in brackets (``(Dgesco)``), or one whose article does not fit, is only
    a hint in the message.
    """
    if "(" in gloss or (lo > 0 and text[lo - 1] == "("):
        return None
    before = re.search(r"\b(the|a|an|The|A|An) $", text[max(0, lo - 4):lo])
    article = gloss.split(" ", 1)[0] if gloss.split(" ", 1)[0] in ("the", "a", "an") else None
    if before is None and article is None:
        return Fix.replace(lo, hi, gloss)
    if before is not None and article is not None and (before.group(1).lower() == "the") == (article == "the"):
        if before.group(1)[0].isupper():
            gloss = gloss[0].upper() + gloss[1:]
        return Fix.replace(lo - len(before.group(1)) - 1, hi, gloss)
    return None


#: Irregular past tenses and modals that follow a subject (``the OTAN said``).
_VERBS = frozenset("said told met took gave made sent put set led held left went came chose saw "
                   "knew thought won lost will would can could must might shall".split())


def _replacement(ctx: DetectorContext, text: str, lo: int, hi: int, row: Acronym) -> Finding:
    """The English acronym for ``text[lo:hi]``; ``the OTAN`` becomes ``NATO``."""
    english = row.english or ""
    start = lo
    if row.article is False:
        art = re.search(r"\b(?:the|The) $", text[max(0, lo - 4):lo])
        nxt = re.match(r" ([a-z]+)\b", text[hi:hi + 30])
        # "the OTAN summit" keeps its article; "the OTAN says", "the OTAN
        # forces", "the OTAN and ..." lose it (a verb, a plural, a function word)
        noun = nxt is not None and nxt.group(1) not in FUNCTION_WORDS | _VERBS and not (
            nxt.group(1).endswith(("s", "ed")))
        if art and not noun:
            start = lo - 4
    fix = Fix.replace(start, hi, english)
    return ctx.finding(start, hi, fix=fix,
                       message=f"French acronym {text[lo:hi]} ({row.note}): English writes {english}")


def known_english(acr: str) -> str | None:
    """The English acronym the table gives for ``acr``, if it is a drop-in."""
    row = table().get(acr)
    return row.english if row is not None and row.article is not None else None


# -- unknown acronyms spelt out in French --------------------------------------------

_WITH_EXPANSION = re.compile(r"(?<![\w(/@#.-])(?P<acr>[A-Z][A-Z]{1,6})(?P<sep> \()(?P<exp>[^()\n]{5,150})\)")
_AFTER_EXPANSION = re.compile(r"\((?P<acr>[A-Z][A-Z]{1,6})\)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


_FRENCH_FUNCTION = frozenset("de du des la le les et au aux pour sur par en dans".split())
_FRENCH_LETTERS = frozenset("éèêëàâîïôûùç")


def _french_words(words: list[str]) -> bool:
    """Are these words French that MT left, not English, nor a French name English keeps?

    By their letters, not by word frequencies (loading those takes seconds,
    longer than a detector may run): French function words and elisions
    (``de``, ``l'environnement``) and accented letters, two at least, one of
    them a lower-case content word (``régionale``); a kept name capitalises
    its own words (``Parti de Gauche``, ``Charles de Gaulle``).
    """
    def marked(w: str) -> bool:
        return (w in _FRENCH_FUNCTION or w[:2] in ("l'", "d'", "l’", "d’")
                or any(c in _FRENCH_LETTERS for c in w))

    marks = [w for w in words if marked(w)]
    content = [w for w in marks if w[0].islower() and len(w) >= 4 and w not in _FRENCH_FUNCTION
               and not is_common_word(w)]
    return len(marks) >= 2 and bool(content)


@detector("unknown_french_acronym")
def unknown_french_acronym(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """An acronym the table does not know, spelt out in French beside it.

    ``the DREAL (direction régionale de l'environnement)`` or ``the Direction
    régionale de l'environnement (DREAL)``: the expansion says the acronym is
    French and was left so. English acronyms (expanded in English) and the
    table's acronyms (its rules speak for them) are left alone.
    """
    text = doc.text
    out: list[Finding] = []
    seen: set[str] = set()
    hits = [(m.start("acr"), m.group("acr"), _WORD.findall(m.group("exp")))
            for m in _WITH_EXPANSION.finditer(text)]
    for m in _AFTER_EXPANSION.finditer(text):
        start = max(text.rfind("\n", 0, m.start()), max(text.rfind(c, 0, m.start()) for c in ".;:!?,(\"“«"))
        hits.append((m.start("acr"), m.group("acr"), _WORD.findall(text[start + 1:m.start()])[-8:]))
    for start, acr, words in sorted(hits):
        if acr in seen or acr in table() or is_common_word(acr) or not _french_words(words):
            continue
        seen.add(acr)
        out.append(ctx.finding(start, start + len(acr), None,
                               message=f"'{acr}' is a French acronym, spelt out in French here "
                                       f"('{' '.join(words[:6])}'): give the English name, or "
                                       f"keep it with an English gloss"))
    return out
