"""French word order carried into English (artefacts.md §15, issue #13 §3).

Machine translation keeps the order of the French clause: *sur un an* becomes
``over one year`` beside a percentage (English: year on year), *a révélé une
source policière à l'AFP* becomes ``revealed a police source to AFP`` (a police
source told AFP), *les syndicats CGT et SUD-Rail* becomes ``the unions CGT and
SUD-Rail`` (the CGT and SUD-Rail unions), *un stage obligatoire de deux
semaines* becomes ``an internship of two weeks`` (a two-week internship), *un
dîner très chic* becomes ``a dinner very chic``.

Each detector here recognises one such shape from the English alone and lists
the repairs it can enumerate, best guess first, with ``lm_check`` on: the
language model scores every candidate against the original and re-tiers. The
starting tier is the one that is right without the model (review unless the
shape is unambiguous). The shapes are narrow on purpose: an inverted reporting
clause (``..., explains the manager.``) is ordinary news English and is left
alone; only an inversion with something French wedged into it (``to AFP``,
``again``, ``this Friday``) is flagged.
"""
from __future__ import annotations

import re
from dataclasses import replace

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding, Fix, Tier

# -- over one year: year on year ------------------------------------------------------

_PERIOD = re.compile(r"\b(?P<prep>[Oo]ver|[Oo]n|[Ii]n) (?P<n>one|a|1) (?P<unit>year|month|quarter|week)\b")
#: The word before the period that makes it a duration (``for over a year``,
#: ``took over a year``, ``in just one year``), not a comparison.
_DURATION_BEFORE = frozenset(
    "for than took take takes taking last lasted lasting past after within of about just nearly "
    "almost barely some since spent spend spread spanned staggered phased planned only more less "
    "least once twice every per each".split())
#: What follows a duration or a date (``over a year ago``, ``in one year's time``).
_DURATION_AFTER = re.compile(r"(?:'s|’s|-| (?:ago|later|earlier|old|of|long|and|or|before|from|"
                             r"to|time|now|running|in a row|since|into|out)\b)")
#: A change in a figure: a percentage, points, or a verb of rising and falling.
_FIGURE = re.compile(r"\d\s?%|\bper ?cent\b|\bpoints?\b")
_CHANGE = re.compile(r"\b(?:increas|ris[ei]|rose|fell|fall|drop|soar|climb|grow|grew|gain|declin|"
                     r"jump|slow|accelerat|inflation|prices?|up|down)\w*\b", re.IGNORECASE)
_ON = {"year": "year on year", "month": "month on month", "quarter": "quarter on quarter",
       "week": "week on week"}


@detector("year_on_year")
def year_on_year(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``rose 5.6% over one year`` (French *sur un an*) is ``year on year``.

    Only beside a figure that changes: a percentage or points within the
    sentence, or a verb of rising and falling next to it; ``for over a year``,
    ``over a year ago``, ``in one year's time`` are durations and dates.
    ``over one year`` right beside a percentage is suggested; ``in one year``
    and ``on one year`` (French *en un an*) are left for review.
    """
    out = []
    for m in _PERIOD.finditer(doc.text):
        before = doc.text[max(0, m.start() - 20):m.start()].split()
        if before and before[-1].lower().strip(",") in _DURATION_BEFORE:
            continue
        if _DURATION_AFTER.match(doc.text, m.end()):
            continue
        if m.group("prep").lower() == "in" and m.group("n") == "a":
            continue  # "in a year" is a future date as often as a comparison
        sent = doc.sentence_at(m.start())
        lo, hi = (sent.start, sent.end) if sent else (m.start() - 100, m.end() + 100)
        near = doc.text[max(lo, m.start() - 40):min(hi, m.end() + 40)]
        if not (_FIGURE.search(near) or _CHANGE.search(near)):
            continue
        repl = _ON[m.group("unit")]
        if m.group(0)[0].isupper():
            repl = repl[0].upper() + repl[1:]
        tier = ctx.tier
        close = _FIGURE.search(doc.text[max(lo, m.start() - 25):min(hi, m.end() + 25)])
        if m.group("prep").lower() != "over" or not close:
            tier = Tier.REVIEW
        # One candidate: the adverb is unhyphenated (a hyphen is for the adjective,
        # "a year-on-year rise"), and the model, offered both, took the hyphen.
        out.append(candidates(ctx, m.start(), m.end(), [repl], tier=tier,
                              message=f"'{m.group(0)}' beside a change in a figure is French "
                                      f"'sur un an': English writes '{repl}'"))
    return out


def candidates(ctx: DetectorContext, start: int, end: int, repls: list[str], *,
               message: str, tier: Tier | None = None) -> Finding:
    """A finding over ``[start, end)`` whose fixes are ``repls`` in order (the
    best guess first, duplicates dropped), for the language model to rank."""
    seen: list[str] = []
    for r in repls:
        if r not in seen:
            seen.append(r)
    fixes = tuple(Fix.replace(start, end, r) for r in seen)
    return replace(ctx.finding(start, end, message=message, tier=tier, lm_check=True), fixes=fixes)


# -- inverted reporting clause with something wedged in -----------------------------------

#: Reporting verbs as MT writes them after a quotation (French *indique*,
#: *précise*, *confie* ...), third person or past.
_REPORT = (r"(?:said|says|told|tells|added|adds|explain(?:s|ed)|indicat(?:es|ed)|specif(?:ies|ied)|"
           r"detail(?:s|ed)|reveal(?:s|ed)|recall(?:s|ed)|not(?:es|ed)|underlin(?:es|ed)|"
           r"emphasi[sz](?:es|ed)|stress(?:es|ed)|assur(?:es|ed)|insist(?:s|ed)|confid(?:es|ed)|"
           r"report(?:s|ed)|announc(?:es|ed)|estimat(?:es|ed)|confirm(?:s|ed)|declar(?:es|ed)|"
           r"affirm(?:s|ed)|slip(?:s|ped)|continu(?:es|ed)|observ(?:es|ed)|judg(?:es|ed)|"
           r"regrett?(?:s|ed)|deplor(?:es|ed)|warn(?:s|ed)|welcom(?:es|ed)|point(?:s|ed) out|"
           r"launch(?:es|ed)|advanc(?:es|ed)|relat(?:es|ed)|testif(?:ies|ied)|argu(?:es|ed))")
#: A clause boundary a reporting clause follows: a comma or a closing quote.
_AFTER_QUOTE = r"(?:(?<=[,;] )|(?<=[”\"»] ))"
_WORD = r"[A-Z][\w’'-]*(?:\.[A-Z][\w’'-]*)*"
_NAME = rf"{_WORD}(?: (?:de|du|des|la|le|van|von|di|da|of|for|{_WORD}))*(?<! of)(?<! for)"
#: Whom a source speaks to: a named outlet or person, or a few nouns for one.
_OUTLET = (rf"(?:(?:the |our )?{_NAME}|the (?:author|newspaper|daily|weekly|channel|radio|station|"
           rf"agency|magazine|site|website|journalist|reporter)s?(?: of [\w ]{{1,30}}?)?|us|me|him|her|them)")
#: Nouns that make a noun phrase a speaker (``a police source``), not an object
#: (``explained his plan to Le Monde``).
_SPEAKER = re.compile(r"\b(?:source|sources|spokes(?:man|woman|person)|official|officials|minister|"
                      r"mayor|prefect|prefecture|prosecutor|lawyer|police|gendarmerie|relative|"
                      r"friend|witness|resident|neighbou?r|expert|analyst|economist|union|"
                      r"president|director|manager|entourage|ministry|reader|student|woman|man|"
                      r"one of them|mother|father|doctor|teacher|leader|deputy|senator|"
                      r"investigator|colleague|adviser|advisor)\b")
_SUBJ = r"(?:(?:a|an|the|one|this|that|his|her|their|its) [^,.;:!?”\"()]{2,45}?|" + _NAME + r")"
_WEDGE_TO = re.compile(rf"{_AFTER_QUOTE}\b(?P<verb>{_REPORT}) (?P<subj>{_SUBJ}) to "
                       rf"(?P<to>{_OUTLET})(?=[,.;:!?]|$)", re.MULTILINE)
_TO_WEDGE = re.compile(rf"{_AFTER_QUOTE}\b(?P<verb>{_REPORT}) to (?P<to>(?:the )?[A-Z][\w’'-]*"
                       rf"(?: [A-Z][\w’'-]*){{0,2}}) (?P<subj>{_NAME}|(?:a|an|the) [^,.;:!?”\"()]{{2,45}}?)"
                       rf"(?P<age>, \d{{1,3}},)?(?(age)(?=[,.;:!?]| (?:in|at|on|from|before|after|while)\b|$)"
                       rf"|(?=[,.;:!?]|$))",
                       re.MULTILINE)
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ADVERB = (rf"(?:again|also|still|too|moreover|in turn|this (?:{_DAYS}|morning|evening|week|weekend)"
           rf"(?:,? {_DAYS})?(?:,? (?:\d{{1,2}} )?[A-Z][a-z]+(?: \d{{1,2}})?,?)?|on {_DAYS}|"
           rf"yesterday|today|last (?:week|night|{_DAYS}))")
_ADVERB_WEDGE = re.compile(rf"{_AFTER_QUOTE}\b(?P<verb>{_REPORT}) (?P<adv>{_ADVERB}) "
                           rf"(?P<subj>(?:(?:the|a|an|one of) )?{_NAME}|(?:the|a|an) [a-z][^,.;:!?”\"()]{{1,40}}?)"
                           rf"(?=[,.;:!?]|$)", re.MULTILINE)

#: A reporting clause inverted after a fronted adverbial and before the main
#: clause: ``Over twelve months, explains the Institute, the 1% increase ...``.
_FRONTED = re.compile(rf"(?:^|(?<=[.!?] ))(?:Over|In|For|On|At|After|Since|Between|From|During|By|"
                      rf"Unlike|Like|With|Without|Beyond|Despite|Thanks to)\b[^,.;:!?]{{1,40}}, "
                      rf"(?P<verb>{_REPORT}) (?P<subj>(?:the |a |an )?{_NAME}|(?:the|a|an) "
                      rf"[a-z][^,.;:!?”\"()]{{1,40}}?)(?=, [a-z])", re.MULTILINE)


def _cap(s: str, like: str) -> str:
    """``s`` with a capital when ``like`` begins a sentence."""
    return s[0].upper() + s[1:] if like[:1].isupper() else s


def _speaker(subj: str) -> bool:
    bare = re.sub(r"^(?:the|a|an|one of) ", "", subj)
    return bool(_SPEAKER.search(subj)) or bool(re.fullmatch(_NAME, bare))


@detector("inverted_source")
def inverted_source(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """A reporting clause inverted the French way with something wedged into
    it: ``revealed a police source to AFP`` (*a révélé une source policière à
    l'AFP*), ``explains to AFP Ludivine``, ``reports again Le Figaro``,
    ``indicates this Friday, July 11, the INSEE``. English puts the speaker
    first (``a police source told AFP``). A plain inversion after a quotation
    (``..., explains the manager.``) is news English and is left alone; so is
    a verb whose noun phrase is its object (``explained his plan to Le Monde``).
    """
    out: list[Finding] = []
    taken: set[int] = set()
    for pat in (_WEDGE_TO, _TO_WEDGE, _ADVERB_WEDGE, _FRONTED):
        for m in pat.finditer(doc.text):
            if m.start() in taken or doc.quote_at(m.start()) is not None and pat is not _WEDGE_TO:
                continue
            verb, subj = m.group("verb"), m.group("subj")
            if not _speaker(subj) or subj.split()[0].lower() in {"his", "her", "their", "its"}:
                continue
            if pat is _FRONTED:
                start = m.start("verb")
                taken.add(start)
                out.append(candidates(ctx, start, m.end(), [f"{subj} {verb}"], tier=ctx.tier,
                                      message=f"French word order: the reporting clause '{verb} "
                                              f"{subj}' between an adverbial and its clause; English "
                                              f"puts '{subj}' first"))
                continue
            if pat is _ADVERB_WEDGE:
                adv = m.group("adv").rstrip(",")
                first = [f"{subj} {verb} {adv}", f"{verb} {subj} {adv}"]  # never one that drops a word
                if adv in {"again", "also", "too"}:
                    first.insert(0, f"{subj} also {verb}")
                repls, what = first, f"'{adv}' wedged between the verb and its subject"
            else:
                to = m.group("to")
                if m.groupdict().get("age"):
                    subj += m.group("age")[:-1] + ","  # "Ludivine, 18," stays with its name
                repls = [f"{subj} told {to}", f"{subj} {verb} to {to}"]
                what = f"the subject after '{verb}' and 'to {to}'"
            taken.add(m.start())
            out.append(candidates(ctx, m.start(), m.end(), repls, tier=ctx.tier,
                                  message=f"French word order: {what}; English puts "
                                          f"'{subj}' first"))
    return out


# -- the unions CGT and SUD-Rail ----------------------------------------------------------------

_GROUP_NOUNS = (r"unions?|deputies|deputy|senators?|MPs?|parties|party|groups?|federations?|"
                r"confederations?|elected officials|mayors?|ministers?|activists?|leaders?|"
                r"members?|candidates?|lists?|benches|executives?|channels?|stations?|newspapers?")
_ACR = r"[A-Z][A-Z0-9]{1,6}(?:-[A-Z][\w]+)?"
_NOUN_ACRONYMS = re.compile(rf"\b(?P<the>[Tt]he) (?P<noun>{_GROUP_NOUNS}) "
                            rf"(?P<acr>{_ACR}(?:, {_ACR})*(?: (?:and|or) {_ACR})?)\b(?![\w’'-])")


@detector("noun_acronyms")
def noun_acronyms(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``the unions CGT and SUD-Rail`` (*les syndicats CGT et SUD-Rail*) is
    ``the CGT and SUD-Rail unions``; ``the deputies RN and LFI`` is ``the RN
    and LFI deputies``: English puts the acronyms before the noun they
    qualify. An acronym set off by a comma (``the unions, CGT and FO``) is an
    apposition and is left alone."""
    out = []
    for m in _NOUN_ACRONYMS.finditer(doc.text):
        the, noun, acr = m.group("the"), m.group("noun"), m.group("acr")
        if noun in {"MP", "MPs"} and acr.startswith("MP"):
            continue
        repl = f"{the} {acr} {noun}"
        out.append(candidates(ctx, m.start(), m.end(), [repl], tier=ctx.tier,
                              message=f"French word order: English writes '{repl}'"))
    return out


# -- an internship of two weeks ----------------------------------------------------------------

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
_DURATION_NOUNS = (r"internship|placement|stay|trip|course|break|holiday|strike|training|ban|"
                   r"suspension|mission|leave|journey|tour|festival|event|camp|period|programme|"
                   r"program|moratorium|truce|ceasefire|curfew|lockdown|closure|shutdown|delay")
_DURATION = re.compile(rf"\b(?P<noun>{_DURATION_NOUNS}) of (?P<n>{'|'.join(_NUMBERS)}|\d{{1,2}}) "
                       rf"(?P<unit>days|weeks|months|years|hours|day|week|month|year|hour)\b"
                       rf"(?! (?:of|ago|later|earlier|before|after)\b)")


@detector("duration_compound")
def duration_compound(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``a compulsory internship of two weeks`` (*un stage de deux semaines*):
    English makes the duration a compound before the noun, ``a two-week
    internship``. Review: ``a ban of two years`` is heavy but not wrong, and
    the article before it may have to change (``an internship`` → ``a
    two-week internship``), which the hint leaves to a person."""
    out = []
    for m in _DURATION.finditer(doc.text):
        n, unit = m.group("n"), m.group("unit").rstrip("s")
        out.append(candidates(ctx, m.start(), m.end(), [f"{n}-{unit} {m.group('noun')}"],
                              tier=ctx.tier, message="French word order: English writes the "
                                                     f"duration first, '{n}-{unit} {m.group('noun')}'"))
    return out


# -- a dinner very chic --------------------------------------------------------------------------

_DEGREE = r"very|so|too|particularly|extremely|rather|quite|really|highly|truly|most"
_POSTPOSED = re.compile(rf"\b(?P<det>[Aa]n?|[Tt]he) (?P<noun>[a-z]{{3,}}) (?P<deg>{_DEGREE}) "
                        rf"(?P<adj>[a-z]{{3,}})(?=[,.;:!?]|$| (?:at|on|during|since|last|this)\b)", re.MULTILINE)
#: ``alleged`` after a noun phrase that a preposition governs (``for a chemical
#: attack alleged on``) cannot be the verb of that phrase (``a lawsuit alleged on
#: Monday that``).
_ALLEGED = re.compile(r"\b(?:for|of|in|after|against|by|to|with|from|over|about) (?P<det>an?) "
                      r"(?P<noun>[a-z]{3,}(?: [a-z]{3,})?) (?P<adj>alleged|presumed)"
                      r"(?= (?:on|in|at|against|by)\b)")
#: Words a degree adverb can follow without an adjective after it being postposed.
_NOT_NOUN = frozenset("way lot bit time year day week month while thing one kind sort man woman people "
                      "and but was were is are has had have not".split())


def _article(word: str, det: str) -> str:
    if det.lower() == "the":
        return det
    an = word[:1].lower() in "aeiou"
    return ("An" if an else "A") if det[0].isupper() else ("an" if an else "a")


@detector("postposed_adjective")
def postposed_adjective(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """An adjective left after its noun the French way: ``a dinner very chic``
    (*un dîner très chic*) → ``a very chic dinner``, ``a chemical attack
    alleged on`` (*une attaque chimique présumée*) → ``an alleged chemical
    attack``. Only where nothing follows the adjective (``a man very proud of
    his son`` is English) and the noun is not a word English qualifies that
    way (``a day too soon``); ``alleged`` only where it cannot be the verb
    (``a lawsuit alleged that``): after a preposition."""
    out = []
    for m in _POSTPOSED.finditer(doc.text):
        noun, adj = m.group("noun"), m.group("adj")
        if noun in _NOT_NOUN or adj.endswith("ly") or m.group("det").lower() == "the":
            continue
        det = _article(m.group("deg"), m.group("det"))
        repl = f"{det} {m.group('deg')} {adj} {noun}"
        out.append(candidates(ctx, m.start(), m.end(), [repl],
                              message=f"adjective after its noun (French order): '{repl}'"))
    for m in _ALLEGED.finditer(doc.text):
        det = _article(m.group("adj"), m.group("det"))
        repl = f"{det} {m.group('adj')} {m.group('noun')}"
        out.append(candidates(ctx, m.start("det"), m.end("adj"), [repl],
                              message=f"adjective after its noun (French order): '{repl}'"))
    return out


# -- Aficionados of culture could they soon find ...? -----------------------------------------

_AUX = r"could|will|would|can|should|might|must|may|does|do|did|is|are|was|were|has|have"
_COMPLEX_QUESTION = re.compile(rf"(?P<np>[A-Z][\w’'-]*(?: [\w’'-]+){{0,5}}?) (?P<aux>{_AUX}) "
                               rf"(?P<pro>it|he|she|they)\b(?=[^.!?\n]*\?)")
#: Words that make ``X could they`` English: a question word, a negative or
#: limiting adverb fronted (``Nor could they``, ``Only then could they``).
_INVERTS = frozenset("how why what when where who whom whose which nor neither so only not never "
                     "rarely seldom little hardly scarcely no than as or and but if".split())


@detector("complex_question")
def complex_question(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """The French complex question: a noun subject, then the auxiliary and a
    pronoun that repeats it (*Les amateurs de culture pourraient-ils ...?*),
    which MT writes ``Aficionados of culture could they soon find ...?``.
    English drops the pronoun and fronts the auxiliary: ``Could aficionados of
    culture soon find ...?``. Only at the start of a sentence that ends with a
    question mark, and never after a question word or a fronted negative
    (``Nor could they``, ``Why would they``)."""
    out = []
    for sent in doc.sentences:
        m = _COMPLEX_QUESTION.match(doc.text, sent.start, sent.end)
        if not m or m.end() > sent.end:
            continue
        np = m.group("np")
        if any(w.lower() in _INVERTS or w.lower() in {"i", "we", "you", "it", "he", "she", "they"}
               or re.fullmatch(_AUX, w.lower()) for w in np.split()):
            continue
        aux = m.group("aux")
        first = np.split()[0]
        lower = np[0].lower() + np[1:]
        # A name keeps its capital: the article writes it capitalised mid-sentence.
        name = first.isupper() or re.search(rf"(?<=[\w,;] ){re.escape(first)}\b", doc.text)
        repls = [f"{aux.capitalize()} {np}", f"{aux.capitalize()} {lower}"]
        if not name:
            repls.reverse()
        out.append(candidates(ctx, m.start(), m.end(), repls, tier=ctx.tier,
                              message=f"French complex question ('{np} {aux} {m.group('pro')}'): "
                                      f"English writes '{repls[0]} ...?'"))
    return out


# -- reduced by 17% the registration: a figure before the object ----------------------------

_UNIT = r"(?:\s?%|\s?per ?cent\b|\s(?:percentage )?points?\b|\s(?:million |billion )?(?:euros?|dollars?|pounds?|cents?)\b)"
_FIGURE_FIRST = re.compile(
    rf"(?<![\w’'-])(?P<verb>[A-Za-z][a-z]{{2,}}) (?P<adv>(?:(?:by|to|at|of) )?(?:about |nearly |almost |around |some "
    rf"|only )?\d[\d.,]*(?: (?:million|billion))?{_UNIT}(?: (?:up|down))?) (?P<obj>(?:the|its|their|his|her|our) "
    rf"[a-z][\w’'-]*(?: (?!(?:in|on|at|by|for|to|from|with|compared|against|since|than|and|or|but|which|that|who)\b)"
    rf"[a-z][\w’'-]*){{0,5}}?)(?=[,.;:!?]| (?:in|on|at|by|for|to|from|with|compared|against|since|than|and|or|but|"
    rf"which|that|who)\b|$)", re.MULTILINE)
_AFTER_TO = frozenset("to will would can could should must may might".split())


@detector("figure_before_object")
def figure_before_object(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """French puts a measure before the object (*ont réduit de 17 % les
    inscriptions*, *révise de 0,1 point en hausse son estimation*, *limiter à
    100 dollars les dons*), which MT keeps: ``have reduced by 17% the
    registration of new voters``, ``revises 0.1 points up its provisional
    estimate``, ``limit to 100 dollars the gifts``. English puts the object
    right after its verb (``reduced the registration of new voters by 17%``).
    Only a verb (finite, a participle, or after ``to``/a modal) right before
    the figure, only a figure with its unit (a percentage, points, a currency:
    not a year or a time), and only a definite or possessive object (``62
    cents a share``, ``up 14% a year ago`` are English). The object runs to
    the next preposition or clause word; the candidate moves the figure after
    it, for the model to weigh."""
    from mtfix.detectors.grammar_carryover import _finite_verb, _participle

    out: list[Finding] = []
    for m in _FIGURE_FIRST.finditer(doc.text):
        verb = m.group("verb")
        low = verb.lower()
        before = doc.text[max(0, m.start() - 12):m.start()].split()
        if not (_finite_verb(low) or low.endswith("ing") and _participle(low)
                or before and before[-1].lower() in _AFTER_TO and low not in {"be", "have"}):
            continue
        if doc.quote_at(m.start()) is not None:
            continue
        adv, obj = m.group("adv"), m.group("obj")
        repl = f"{verb} {obj} {adv}"
        out.append(candidates(ctx, m.start(), m.end(), [repl], tier=ctx.tier,
                              message=f"French word order: the measure '{adv}' before the object "
                                      f"'{obj}'; English writes '{repl}'"))
    return out
