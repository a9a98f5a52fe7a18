"""Capitalisation slips (class 14): capitals where English has none, and none
where it has one.

MT copies the French capitalisation of its source, or garbles it: ``report The
Parisian And Le Figaro``, ``+ 13% In Nantes``, ``Euro 2024, Several matches``,
``“...!” Rejoices Ludivine``, ``the american president``, ``Thursday may 28``,
``Vincent DELIEUVIN. –`` (French small capitals for surnames). Each shape is
decided by what a word *is* (a function word, a reporting verb, a demonym, a
month) and by where it stands (mid-clause, after a closing quote, a label at
the start of a line), never by a list of phrases:

* a function word is never a name on its own, so a capital on one mid-clause
  is a slip, unless it sits inside a run of capitalised words (a title);
* a closing quote that did not end its sentence is followed by lower case;
* a demonym, weekday or month is always capitalised in English;
* a word the article itself capitalises mid-sentence, used once in lower case,
  is that name in lower case;
* an all-capitals surname after a given name, or in an interview label, is
  French typography.

These run through existing detector ids (``quote_capital`` with ``find:``),
see :func:`mtfix.detectors.quotes.quote_capital`.
"""
from __future__ import annotations

import re
from collections import Counter

from mtfix.detectors import DetectorContext, capitals_usage
from mtfix.detectors.acronyms import table as acronym_table
from mtfix.document import Document
from mtfix.lexicon import is_common_word, zipf
from mtfix.model import Finding, Tier

_WORD = re.compile(r"(?<![\w'’@#/.=*+|<_-])([A-Za-zÀ-ÿ][a-zà-ÿ]*(?:['’-][A-Za-zà-ÿ]+)*)"
                   r"(?![\w@/=*|>_]|\.\w)")

#: Function words that a capital never makes a name: conjunctions,
#: prepositions, auxiliaries, quantifiers. Left out on purpose: ``A``, ``I``,
#: ``The`` (newspaper names), ``May``/``Will`` (names, a month), possessives
#: (``Her Majesty``, ``Our Lady``), numbers and ``New``/``Old`` (places).
CONJUNCTIONS = frozenset("and or but nor".split())
PREPOSITIONS = frozenset("of in on at to for from with by into than".split())
_OTHER = frozenset("""
that which whose whom where while because although unless whether is are was were has have had
been being would could should several many most both each every other another such also already
very even these those them their its
""".split())
FUNCTION = CONJUNCTIONS | PREPOSITIONS | _OTHER
#: Articles are left out: they are part of names (``The Hague``), ``A`` is a
#: letter (``type A personality``), and ``The`` before a lower-case word mid-
#: clause is a French-style title (``The cross`` for *La Croix*, ``The mona
#: lisa``) whose fix is not a lower-case article. After ``;`` English goes on
#: in lower case, whatever the word:
_AFTER_SEMICOLON = frozenset("the this it he she they we there however but then".split())


_prev_token = capitals_usage.prev_token


_NEXT = re.compile(r"[ \u00a0]+[\"“‘«(]?([\w’'-]+)")


def _next_word(text: str, pos: int, hi: int) -> str:
    m = _NEXT.match(text, pos, hi)
    return m.group(1) if m else ""


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _mid_clause(prev: str) -> str | None:
    """How ``prev`` (the token before a word) continues a clause: ``"word"``
    after a lower-case word, a number or ``%``; ``"comma"`` or
    ``"semicolon"`` after ``,`` or ``;`` closing such a token; ``"name"``
    after a capitalised word; None after anything that may start a sentence
    or a quotation."""
    if not prev:
        return None
    if prev[-1] in ",;" and len(prev) > 1 and (prev[-2].isalnum() or prev[-2] in "%”“\"»'’"):
        return "comma" if prev[-1] == "," else "semicolon"
    if prev[-1].isdigit() or prev[-1] == "%":
        return "word"
    if not prev[-1].isalpha():
        return None
    return "name" if prev[0].isupper() else "word"


def function_word_capital(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``report The Parisian And Le Figaro``, ``13% In Nantes``, ``2024, Several``."""
    out: list[Finding] = []
    text = doc.text
    for b in doc.blocks:
        if b.heading:
            continue  # titles and crossheads are in Title Case on purpose
        for m, w in capitals_usage.block_words(doc, _WORD, b):
            if not w[0].isupper():
                continue
            low = w.lower()
            if w.isupper() or (low not in FUNCTION
                                                     and low not in _AFTER_SEMICOLON
                                                     and low not in SAYING_FORMS):
                continue
            if doc.at_sentence_start(m.start()):
                continue
            how = _mid_clause(_prev_token(text, b.start, m.start()))
            if how is None:
                continue
            nxt = _next_word(text, m.end(), b.end)
            if how == "semicolon":
                if low in ("the", "this", "these") and _capitalised(nxt):
                    continue  # "; The Guardian", "; This Morning": a name
                if low in FUNCTION or low in _AFTER_SEMICOLON:
                    out.append(_lower(ctx, m, Tier.SUGGESTED, "after a semicolon"))
                continue
            if how == "comma" and low in SAYING_FORMS and (
                    _capitalised(nxt) or nxt.lower() in _SUBJECT_START):
                out.append(_lower(ctx, m, Tier.SUGGESTED, "(a verb of saying after a comma)"))
                continue
            if low not in FUNCTION:
                continue
            if how == "comma" and low not in CONJUNCTIONS:
                continue  # "2024, Several matches": a comma splice as often as a slip
            if low not in CONJUNCTIONS and how == "name":
                continue  # "Gone With The Wind", "Festival Of Lights": a title
            if _title_follows(text, m.end(), b.end, nxt) or _prev_token(
                    text, b.start, m.start()).lower() in _NAMING:
                continue  # "the film Into the Wild", "a song called With or Without You"
            if low not in CONJUNCTIONS and low not in PREPOSITIONS and _capitalised(nxt):
                continue  # "This Morning", "Both Sides Now": a title
            tier = ctx.tier if how == "word" and not _capitalised(nxt) else Tier.SUGGESTED
            out.append(_lower(ctx, m, tier, "in the middle of a clause"))
    return out


#: Words that introduce the title of a work, which keeps its own capitals.
_NAMING = frozenset("""film movie song single album book novel play series show programme program
documentary magazine newspaper called titled entitled named dubbed nicknamed hit""".split())
_NEXT3 = re.compile(r"(?:[ \u00a0]+[\"“‘«(]?[\w’'-]+){1,3}")


def _title_follows(text: str, pos: int, hi: int, nxt: str) -> bool:
    """A lower-case next word with a capitalised one right after it
    (``Into the Wild``, ``With or Without You``): the words of a title."""
    if not nxt or nxt[0].isupper():
        return False
    m = _NEXT3.match(text, pos, hi)
    words = m.group().split()[1:] if m else []
    return any(w.lstrip("\"“‘«(")[:1].isupper() and w != "I" for w in words)


def _lower(ctx: DetectorContext, m: re.Match, tier: Tier, where: str) -> Finding:
    w = m.group(1)
    if ctx.tier.rank < tier.rank:
        tier = ctx.tier
    return ctx.finding(m.start(), m.start() + 1, w[0].lower(), tier=tier,
                       message=f"'{w}' {where} takes lower case")


#: Verbs of saying that follow a quotation with their subject after them
#: (``“...!” rejoices Ludivine``); their forms are built below.
_SAYING = """add admit announce answer argue ask assert assure believe comment conclude confide
confirm continue declare deplore emphasise emphasize enthuse estimate exclaim explain hammer hope
indicate insist judge laugh lament launch note observe plead point protest quip recall regret
rejoice remark repeat reply respond retort say sigh smile specify state stress suggest summarise
summarize tease tell think underline warn whisper worry write joke slip welcome acknowledge affirm
detail relativise relativize recognise recognize denounce breathe temper nuance confess reveal
proclaim wonder react reassure recount testify assess analyse analyze predict promise claim
admire apologise apologize object agree concede criticise criticize maintain mention report
""".split()
_IRREGULAR = {"said", "told", "thought", "wrote"}


def _forms(verb: str) -> set[str]:
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return {verb + "es", verb + "ed"}
    if verb.endswith("e"):
        return {verb + "s", verb + "d"}
    return {verb + "s", verb + "ed"}


#: What a subject after an inverted verb of saying starts with, besides a name.
_SUBJECT_START = frozenset({"the", "his", "her", "a", "an", "one", "this", "our", "their"})
SAYING_FORMS = frozenset(_IRREGULAR.union(*(_forms(v) for v in _SAYING)))
_CLOSE = "”\"»"
_AFTER_CLOSE = re.compile(r"([”\"»])[ \u00a0]+([A-Z][a-z]+)\b")


def after_quote_capital(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``“...!” Rejoices Ludivine`` and ``want “to build” Something.``: the
    quotation did not end the sentence, so the word after it is lower case."""
    out: list[Finding] = []
    text = doc.text
    mid = _mid_sentence_capitals(doc)
    ends = {q.end: q for q in doc.quotes}
    for m in _AFTER_CLOSE.finditer(text):
        q = ends.get(m.end(1))
        if q is None:
            continue
        inner = text[q.inner_start:q.inner_end].rstrip()
        if not inner:
            continue
        w = m.group(2)
        low = w.lower()
        nxt = _next_word(text, m.end(2), doc.line_span(m.start())[1])
        if low in SAYING_FORMS and inner[-1] in ",!?…":
            if not (_capitalised(nxt) or nxt.lower() in _SUBJECT_START):
                continue  # "Asked about it, ...": a new sentence, not an inversion
            reason = "a verb of saying after a quotation takes lower case"
        elif inner[-1] not in ".!?…,;:" and not doc.at_sentence_start(q.start):
            if not is_common_word(w) or low in {"i", "a"} or mid[w] > 1 or _capitalised(nxt):
                continue  # a name ("“no” Monday"), or the article capitalises it
            if not _mid_clause(_prev_token(text, doc.line_span(q.start)[0], q.start)):
                continue
            reason = "the quotation did not end the sentence: lower case after it"
        else:
            continue
        out.append(ctx.finding(m.start(2), m.start(2) + 1, w[0].lower(),
                               message=f"'{w}': {reason}"))
    return out


def _mid_sentence_capitals(doc: Document) -> Counter:
    """How often each capitalised word stands in the middle of a sentence
    (counted once per document: two finders read it; neither may change it)."""
    return doc.memo(_mid_sentence_capitals, lambda: _count_mid_sentence_capitals(doc))


def _count_mid_sentence_capitals(doc: Document) -> Counter:
    c: Counter = Counter()
    for m, w in zip(doc.matches(_WORD), capitals_usage.words_of(doc, _WORD)):
        if w[0].isupper() and not doc.at_sentence_start(m.start()):
            c[w] += 1
    return c


def _rare(word: str) -> bool:
    """Rare enough (Zipf < 4) not to be an ordinary word spelt the British
    way or a common adjective (``centre``, ``east``, ``republican``)."""
    return zipf(word) < 4.0


_BULLETS = "•·*-–—▪►"
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset("january february april june july september october november december".split())
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "august"})
#: Proper adjectives English always capitalises; ``_DEMONYM_NOUNS`` are the
#: lower-case compounds English does make of some (``french fries``).
_DEMONYMS = frozenset("""
american french british english german italian spanish european african asian chinese japanese
russian ukrainian belgian canadian mexican brazilian algerian moroccan tunisian israeli palestinian
iranian iraqi syrian lebanese egyptian turkish greek polish portuguese irish scottish australian
indian korean parisian breton corsican catalan dutch swedish norwegian danish finnish austrian
hungarian romanian argentinian chilean colombian venezuelan senegalese malian nigerian
""".split())
_DEMONYM_NOUNS = frozenset("""fries fry windows window doors door toast kiss kissing horn polish
press dressing bread beans bean cheese roll rolls pastry pastries letters numerals type script
braid manicure twist cuff cuffs seam drain
""".split())
_DATE_CUE = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th|er)?|\d{4})\b")
#: A French ordinal day ("1er july"): the dates rules rewrite the whole date, capital included.
_FRENCH_ORDINAL = re.compile(r"\d{1,2}(?:er|e|ème)")
_BEFORE_MONTH = frozenset("on in since until till from to of by early mid late last next end "
                          "before after during".split()) | _DAYS


def lowercase_proper(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``the american president``, ``Thursday may 28``, ``on monday``, and a
    rare word (Zipf < 4, no dictionary word) the article capitalises at least
    twice mid-sentence, used once in lower case (``Cyril hanouna``)."""
    out: list[Finding] = []
    text = doc.text
    mid = _mid_sentence_capitals(doc)
    lower_counts = Counter(w for w in capitals_usage.words_of(doc, _WORD) if w.islower())
    # the words that can be a name the article capitalises, decided once per word
    names = {w for w, n in lower_counts.items()
             if len(w) > 3 and n == 1 and "-" not in w and mid.get(w.capitalize(), 0) >= 2
             and not is_common_word(w) and _rare(w)}
    for b in doc.blocks:
        if text[b.start] in _BULLETS:
            continue  # a tag list or menu: page residue, not prose
        # most words are none of the kinds below: the words around one are read only when needed
        for m, w in capitals_usage.block_words(doc, _WORD, b):
            if not w.islower():
                continue
            if "-" in w:  # no day, month or demonym, nor a rare name below, has a hyphen
                head = w.split("-")[0]
                if head in _DEMONYMS:  # "french-speaking"
                    out.append(ctx.finding(m.start(), m.start() + 1, w[0].upper(),
                                           message=f"'{head}' is a proper adjective: English writes "
                                                   f"'{head.capitalize()}'"))
                continue
            if w in _DAYS or w in _MONTHS:
                prev = _prev_token(text, b.start, m.start()).lower() if w in _MONTHS else ""
                if _FRENCH_ORDINAL.fullmatch(prev):
                    continue  # "1er july": the dates rules rewrite the whole date
                kind = "day" if w in _DAYS else "month"
            elif w in _AMBIGUOUS_MONTHS:
                nxt = _next_word(text, m.end(), b.end)
                prev = _prev_token(text, b.start, m.start()).lower()
                if _FRENCH_ORDINAL.fullmatch(prev):
                    continue
                if not (_DATE_CUE.fullmatch(nxt) and (prev in _BEFORE_MONTH or prev[:1].isdigit())
                        or w == "august" and prev in _BEFORE_MONTH - {"to", "by"}):
                    continue  # "prices may 10 times", "an august body"
                kind = "month"
            elif w in _DEMONYMS:
                if _next_word(text, m.end(), b.end).lower() in _DEMONYM_NOUNS:
                    continue
                kind = "proper adjective"
            elif w in names:
                kind = "name the article capitalises"
            else:
                continue
            out.append(ctx.finding(m.start(), m.start() + 1, w[0].upper(),
                                   message=f"'{w}' is a {kind}: English writes '{w.capitalize()}'"))
    return out


_CAPS = r"[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:-[A-ZÀ-Ý]+)*"
_GIVEN = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
#: A label ends with a full stop or a colon (``Vincent DELIEUVIN. –``,
#: ``Nicolas SARKOZY:``); without a given name only the French interview form
#: ``LE FIGARO. –`` counts. A dateline (``PARIS –``, ``NEW YORK (AP) -``), a
#: legal notice (``APPLICABLE LAW.``) and ``UPDATE:`` are English.
_LABEL = re.compile(rf"(?:(?P<given>{_GIVEN}) )?(?P<caps>{_CAPS}(?: {_CAPS})*)"
                    rf"(?=\s?[.:]\s)(?P<dash>\s?\.\s[–—-]\s)?")
_RUNNING = re.compile(rf"(?<![\w’'-])(?P<given>{_GIVEN}) (?P<caps>{_CAPS})(?![\w’'-])")
_ROMAN = re.compile(r"[IVXLCDM]+")
_TOKEN = re.compile(r"(?<![\w’'-])[\w’'-]+(?![\w’'-])")


def _title(caps: str) -> str:
    return re.sub(r"[A-ZÀ-Ý][A-ZÀ-Ý'’]*", lambda m: m.group()[0] + m.group()[1:].lower(), caps)


def small_caps_name(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``Vincent DELIEUVIN. –`` and ``LE FIGARO. –``: French interview labels
    and surnames in small capitals; in running text only when the article
    writes the name in ordinary case elsewhere (``Macron`` beside ``MACRON``)."""
    out: list[Finding] = []
    text = doc.text
    seen: set[int] = set()
    for b in doc.blocks:
        m = _LABEL.match(text, b.start, b.end)
        if not m:
            continue
        caps = m.group("caps")
        parts = caps.split()
        if any(_ROMAN.fullmatch(p) for p in parts) or max(len(p) for p in parts) < 3:
            continue
        given = m.group("given")
        if given and (is_common_word(given) or given.lower() in FUNCTION):
            continue  # "The AUX:", "Marine LE PEN" is missed rather than "Plan B"
        if not given and (len(parts) == 1 or not m.group("dash")):
            continue  # "UEFA: ...", "APPLICABLE LAW.": an acronym or a notice
        seen.add(m.start("caps"))
        out.append(_caps_finding(ctx, m, "an interview label"))
    words: set[str] | None = None  # the article's words, built once (not a search per match)
    for m in _RUNNING.finditer(text):
        caps = m.group("caps")
        if m.start("caps") in seen or _ROMAN.fullmatch(caps) or len(caps) < 3:
            continue
        if words is None:
            words = set(_TOKEN.findall(text))
        if _title(caps) not in words and not _surname_shape(m.group("given"), caps):
            continue  # "Paris SG", "Mercedes AMG": an acronym, not a surname
        out.append(_caps_finding(ctx, m, "a surname"))
    return out


def _surname_shape(given: str, caps: str) -> bool:
    """``Kylian MBAPPÉ`` written once: a surname in capitals, not an acronym,
    when it reads as a word (five letters or more, two vowels at least) that
    English does not know, after a given name that is no English word
    (``National EXCLUDED``, ``Team USA`` are left alone)."""
    plain = caps.replace("’", "").replace("'", "").replace("-", "")
    vowels = sum(c in "AEIOUYÀÂÉÈÊËÎÏÔÛÙÜ" for c in plain)
    return (len(plain) >= 5 and vowels >= 2 and not is_common_word(given) and caps not in acronym_table()
            and zipf(caps.lower(), "en") < 3.0)


def _caps_finding(ctx: DetectorContext, m: re.Match, what: str) -> Finding:
    caps = m.group("caps")
    return ctx.finding(m.start("caps"), m.end("caps"), _title(caps),
                       message=f"'{caps}' in capitals is French typography for {what}: "
                               f"English writes '{_title(caps)}'")


def headline_lowercase(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """The article's first line (its headline) starting in lower case:
    ``departures on vacation impacted by the strike``."""
    for b in doc.blocks:
        line = doc.text[b.start:b.end]
        if line.startswith("#"):
            continue  # a corpus meta line
        m = _WORD.match(doc.text, b.start, b.end)
        if not (b.heading and m and m.group(1).islower() and is_common_word(m.group(1))):
            return []
        w = m.group(1)
        return [ctx.finding(m.start(), m.start() + 1, w[0].upper(),
                            message=f"the headline starts in lower case: '{w.capitalize()}'")]
    return []


FINDERS = {
    "function-words": function_word_capital,
    "after-quote": after_quote_capital,
    "lowercase-names": lowercase_proper,
    "small-caps": small_caps_name,
    "headline": headline_lowercase,
    "common-words": lambda doc, ctx: capitals_usage.common_word_capital(doc, ctx, SAYING_FORMS),
    "elided-names": capitals_usage.elided_name_lowercase,
}
