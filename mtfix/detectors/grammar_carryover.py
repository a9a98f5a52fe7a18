"""French grammar carried over into MT English (class ``sentences``).

The French *passé composé* is the ordinary past tense of a news report, and MT
renders it word for word as an English present perfect even when the sentence
names a finished time: ``Emmanuel Macron has deemed Sunday "obvious"``,
``Temperatures have already risen this Saturday``, ``the same Willard Boyle has
developed a light sensor in 1969`` (wmt13 uedin). English wants the simple past
there (``deemed on Sunday``, ``already rose``). The present perfect is right with
a time that reaches the present, so ``since``, ``for``, ``so far``, ``this
year``, ``this morning`` and ``yet`` are never matched, nor a time that belongs
to an infinitive or a clause after the verb (``has decided to leave on
Monday``). A weekday right after the participle (French ``dimanche`` without a
preposition) also gets its ``on``.

Finding the participle needs a table of irregular verbs (``risen`` → ``rose``),
which a pattern cannot hold, hence a detector. The finding carries one
candidate, the past, which the language model weighs against the original; it is
``suggested`` when the time follows the participle at once and ``review`` when
an object sits between them (``have sponsored legislation in 2011``), where the
time may belong to the noun.
"""
from __future__ import annotations

import re
from dataclasses import replace

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding, Fix, Tier

#: Irregular past participles of verbs common in news, and their simple past.
_IRREGULAR = dict(p.split(":") for p in """
arisen:arose awoken:awoke been:was beaten:beat become:became begun:began bent:bent bet:bet bound:bound
bitten:bit blown:blew broken:broke brought:brought built:built burnt:burnt bought:bought caught:caught
chosen:chose come:came cost:cost cut:cut dealt:dealt dug:dug done:did drawn:drew driven:drove drunk:drank
eaten:ate fallen:fell fed:fed felt:felt fought:fought found:found fled:fled flown:flew forbidden:forbade
forgotten:forgot forgiven:forgave frozen:froze got:got gotten:got given:gave gone:went grown:grew hung:hung
heard:heard hidden:hid hit:hit held:held hurt:hurt kept:kept known:knew laid:laid led:led left:left lent:lent
let:let lost:lost made:made meant:meant met:met paid:paid put:put quit:quit read:read ridden:rode rung:rang
risen:rose run:ran said:said seen:saw sought:sought sold:sold sent:sent set:set shaken:shook shed:shed
shot:shot shown:showed shut:shut sung:sang sunk:sank sat:sat slept:slept slid:slid spoken:spoke spent:spent
split:split spread:spread stood:stood stolen:stole struck:struck sworn:swore swept:swept swum:swam
taken:took taught:taught torn:tore told:told thought:thought thrown:threw understood:understood
undertaken:undertook upheld:upheld woken:woke worn:wore won:won withdrawn:withdrew written:wrote
overtaken:overtook overthrown:overthrew undergone:underwent foreseen:foresaw
""".split())
#: Words in ``-ed`` that are not past participles.
_NOT_PARTICIPLE = frozenset("need speed feed seed breed bleed shed wed bed red embed hundred".split())

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")
#: A finished time: a weekday (bare, after ``on`` or ``this``/``last``), a
#: dated day, ``yesterday``, ``last week``, ``... ago``, ``in 2011``. Not
#: ``this year``/``this morning`` (still running) nor a bare month.
_TIME = (rf"(?:(?:on |last |this )?{_WEEKDAY}\b|on {_MONTH} \d{{1,2}}\b|on \d{{1,2}} {_MONTH}\b"
         r"|yesterday\b|last (?:week|month|year|night|weekend|summer|winter|spring|autumn)\b"
         r"|in (?:19|20)\d\d\b(?! and| to|-)|(?:\w+ ){1,2}ago\b)")
_PERFECT = re.compile(
    r"\b(?P<aux>has|have)(?P<adv> (?:already|also|just|finally|notably|officially|again))?"
    r"(?P<been> been)? (?P<part>[a-z]+)\b(?P<gap>(?: [a-z]+){0,3}?) (?P<time>" + _TIME + ")")
#: Words that, between the participle and the time, show the time belongs to
#: something else (an infinitive, a clause, a comparison) or that the perfect
#: is right (``for``, ``since``).
_GAP_STOP = frozenset("""to that which who when where while since for so until till before after by than
and or but as if will would could should can may might must is are was were be been being
every each""".split())
_STILL_RUNNING = re.compile(r"\b(?:since|so far|yet|until now|ever since)\b", re.I)


def _simple_past(part: str, aux: str, subject_plural: bool) -> str | None:
    """The simple past of the participle ``part``, or None if it is not one."""
    if part == "been":
        return "were" if subject_plural else "was"
    if part in _IRREGULAR:
        return _IRREGULAR[part]
    if part.endswith("ed") and len(part) > 4 and part not in _NOT_PARTICIPLE:
        return part
    return None


@detector("perfect_with_past_time")
def perfect_with_past_time(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    for s in doc.sentences:
        sentence = text[s.start:s.end]
        for m in _PERFECT.finditer(sentence):
            # ``since``/``so far``/``yet`` before the time or just after it
            # (not in a later clause: ``..., which ... since 2002``)
            if _STILL_RUNNING.search(sentence, 0, m.end() + 20):
                continue
            gap = m.group("gap").split()
            if any(w in _GAP_STOP for w in gap):
                continue
            before = sentence[:m.start()].rstrip().split()
            subject = before[-1].lower() if before else ""
            if m.group("been"):
                past = ("were" if m.group("aux") == "have" and subject != "i" else "was") + " " + m.group("part")
                if _simple_past(m.group("part"), "", False) is None:
                    continue
            else:
                past = _simple_past(m.group("part"), m.group("aux"), m.group("aux") == "have")
                if past is None or m.group("part") == "been":
                    continue
            adv = m.group("adv") or ""
            new = (adv.strip() + " " + past).strip()
            lo = s.start + m.start()
            hi = s.start + m.end("part")
            time = m.group("time")
            if not gap and re.match(_WEEKDAY, time):
                hi = s.start + m.start("time") + len(time)
                new = f"{new} on {time}"
            tier = ctx.tier if not gap else Tier.REVIEW
            out.append(ctx.finding(lo, hi, new, tier=tier,
                                   message=f"present perfect with a finished time ({time}): "
                                           f"French passé composé; English uses the simple past",
                                   time=time))
    return out


#: ``he never conceal``: a subject pronoun, an adverb that sits before the verb,
#: and a bare word whose ``-s`` form is common English.
_BARE_AFTER_ADVERB = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Ii]t) (?:never|always|often|also|still|rarely|sometimes|really|only|even|"
    r"usually|hardly|no longer) (?P<verb>[a-z]{3,})\b")
#: ``He preach a complete revision`` (wmt13 rbmt-1): he/she right before the
#: bare word (``it`` is an object as often: ``make it work``).
_BARE_AFTER_PRONOUN = re.compile(r"(?<![\w’'-])(?:[Hh]e|[Ss]he) (?P<verb>[a-z]{3,})\b")
#: Before the pronoun: what makes a bare verb after it English (``did he go``,
#: ``insisted that he leave``, ``should she win``, ``how dare he say``).
_BARE_OK_BEFORE = frozenset("""that lest if do does did will would shall should can could may might must
let make made help helped dare""".split())
#: Bare forms that are also a past (``he put``, ``she set``) or a modal (``he need not``).
_BARE_IS_PAST = frozenset("""put set cut hit let hurt cost quit shut spread bet cast burst read split thrust
upset beat bid rid fit wed shed broadcast forecast need dare used ought""".split()) | frozenset(_IRREGULAR) \
    | frozenset(_IRREGULAR.values())


def _third_person(verb: str) -> str:
    if verb.endswith(("sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _warm() -> None:
    from mtfix import lexicon
    lexicon.warm()


@detector("subject_verb_agreement", prepare=_warm)
def subject_verb_agreement(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """A third-person singular subject with a bare verb after its adverb
    (``An accomplice, she never conceal anything``) or right after he/she
    (``He preach a complete revision``): the French ending was lost. The pattern cannot tell a bare verb from a noun, so the finding lives
    only if the model prefers the ``-s`` form (``lm: require`` in the rule
    file); the detector proposes only words that are not function words, not
    already inflected, and whose ``-s`` form is common (Zipf ≥ 2.5)."""
    from mtfix import lexicon

    out: list[Finding] = []
    seen: set[int] = set()
    bare = (m for m in _BARE_AFTER_PRONOUN.finditer(doc.text)
            if m.group("verb") not in _BARE_IS_PAST
            and (doc.text[max(0, m.start() - 12):m.start()].split() or [""])[-1].lower() not in _BARE_OK_BEFORE)
    for m in (*_BARE_AFTER_ADVERB.finditer(doc.text), *bare):
        verb = m.group("verb")
        if verb in lexicon.FUNCTION_WORDS or verb.endswith(("s", "ed", "ing", "ly", "en")) or m.start("verb") in seen:
            continue
        seen.add(m.start("verb"))
        inflected = _third_person(verb)
        if lexicon.zipf(inflected) < 2.5 or lexicon.zipf(verb) < 2.5:
            continue
        out.append(ctx.finding(m.start("verb"), m.end("verb"), inflected,
                               message=f"'{verb}' after a singular subject: '{inflected}'?"))
    return out


#: ``it has also a law``, ``it constitutes also a risk``, ``It has already the
#: budget``: French puts the adverb after the finite verb (*elle a aussi une
#: loi*); English puts these adverbs before a lexical verb (``also has``). Only
#: adverbs that never focus the noun phrase after them (not ``especially``,
#: ``mainly``, ``even``: ``it affects mainly the south`` is English), and only
#: before a determiner, so that the verb has its object right after.
_ADVERB_AFTER_VERB = re.compile(
    r"(?<![\w’'-])(?P<verb>[a-z]{2,}) (?P<adv>also|always|never|often|still|already|rarely|sometimes|"
    r"usually|again|finally|soon|immediately) (?=(?:the|a|an|his|her|their|its|our|my|your|some|"
    r"several|many|no|this|these|those)\b)")
#: Verbs after which English itself puts the adverb (``was also the``), and
#: auxiliaries, whose adverb belongs to the verb that follows.
_LINKING = frozenset("""is are was were be been being am become becomes became remain remains remained
seem seems seemed appear appears appeared stay stays stayed do does did""".split())
#: Words before the verb that make it a noun (``the results also the``).
_NOUN_BEFORE = frozenset("the a an his her its their our my your this these those".split())
_PASTS = frozenset(_IRREGULAR.values()) | {"has", "have", "had"}


def _finite_verb(word: str) -> bool:
    """Whether ``word`` reads as a finite lexical verb: ``has``, an irregular
    past, or a word in ``-s``/``-ed`` whose stem is a common English word."""
    from mtfix import lexicon
    if word in _LINKING:
        return False
    if word in _PASTS:
        return True
    if word in lexicon.FUNCTION_WORDS:
        return False
    if word.endswith("ed") and word not in _NOT_PARTICIPLE:
        stems = (word[:-2], word[:-1], word[:-3] if word[-3:-2] == word[-4:-3] else word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        stems = (word[:-1], word[:-2] if word.endswith("es") else word[:-1],
                 word[:-3] + "y" if word.endswith("ies") else word[:-1])
    else:
        return False
    return any(len(s) > 2 and lexicon.zipf(s) >= 3.0 for s in stems)


@detector("adverb_after_verb", prepare=_warm)
def adverb_after_verb(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``she has also a law`` (*elle a aussi une loi*) → ``she also has a
    law``: the adverb moved before the verb, one candidate for the model.
    Linking verbs and auxiliaries keep theirs (``was also the shooter``), and
    quotations are left alone (speakers' own word order)."""
    out: list[Finding] = []
    for m in _ADVERB_AFTER_VERB.finditer(doc.text):
        verb, adv = m.group("verb"), m.group("adv")
        before = doc.text[max(0, m.start() - 12):m.start()].split()
        if before and before[-1].lower() in _NOUN_BEFORE or not _finite_verb(verb):
            continue
        if doc.quote_at(m.start()) is not None:
            continue
        repl = f"{adv} {verb}"
        out.append(ctx.finding(m.start(), m.start("adv") + len(adv), repl,
                               message=f"'{verb} {adv}' before its object: French adverb placement; "
                                       f"English writes '{repl}'"))
    return out


#: ``they sponsoring bills`` (wmt13 online-B): a subject pronoun right before a
#: present participle, its auxiliary lost. Words in ``-ing`` that are not
#: participles (``they bring``, ``she sings``) fail the stem test; ``being``
#: and ``having`` open an absolute clause (``he being the eldest``).
_PRONOUN_ING = re.compile(r"(?<![\w’'-])(?P<pro>[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I) (?P<ing>[a-z]{3,}ing)\b"
                          r"(?= (?:the|a|an|his|her|their|its|our|to|in|on|for|with|at|[a-z]+s)\b)")
_AUX_FOR = {"he": ("was", "is"), "she": ("was", "is"), "i": ("was", "am"), "they": ("were", "are"),
            "we": ("were", "are")}


def _participle(word: str) -> bool:
    from mtfix import lexicon
    if word in {"being", "having", "during", "nothing", "morning", "evening", "ceiling"}:
        return False
    stem = word[:-3]
    stems = (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem)
    return any(len(x) > 2 and lexicon.zipf(x) >= 3.0 for x in stems)


@detector("pronoun_participle", prepare=_warm)
def pronoun_participle(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``Over the past two years, they sponsoring bills in 34 states`` → ``they
    were sponsoring`` or ``they sponsored``: the candidates, auxiliary first,
    for the model to rank. Quotations are left alone."""
    out: list[Finding] = []
    for m in _PRONOUN_ING.finditer(doc.text):
        ing = m.group("ing")
        if not _participle(ing) or doc.quote_at(m.start()) is not None:
            continue
        past, present = _AUX_FOR[m.group("pro").lower()]
        repls = [f"{past} {ing}", f"{present} {ing}"]
        simple = _simple_past_of_ing(ing)
        if simple:
            repls.insert(1, simple)
        fixes = tuple(Fix.replace(m.start("ing"), m.end("ing"), r) for r in repls)
        f = ctx.finding(m.start("ing"), m.end("ing"), repls[0], lm_check=True,
                        message=f"'{m.group(0)}': a participle with no auxiliary (the finite verb "
                                f"was lost): '{m.group('pro')} {repls[0]}'?")
        out.append(replace(f, fixes=fixes))
    return out


def _simple_past_of_ing(ing: str) -> str | None:
    """``sponsoring`` → ``sponsored`` when that past is a common word (regular verbs only)."""
    from mtfix import lexicon
    stem = ing[:-3]
    for past in (stem + "ed", stem + "d", stem[:-1] + "ed" if len(stem) > 3 and stem[-1] == stem[-2] else ""):
        if past and lexicon.zipf(past) >= 3.0:
            return past
    return None
