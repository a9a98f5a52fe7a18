"""The French conditional of reported information (artefacts.md §15).

French news puts an unconfirmed fact in the conditional: *une rixe aurait
éclaté* (a brawl reportedly broke out), *la victime ne serait pas de Valenton*
(the victim is reportedly not from Valenton). Machine translation writes
``would have exploded``, ``would not be from``, which English reads as a
hypothesis or a future in the past.

English has both of those too, so this detector is narrow and leaves the
verdict to the language model: it skips quotations (speakers use real
conditionals), sentences with a condition (``if``, ``unless``, ``otherwise``,
a question), a ``would`` after ``that`` or a verb of saying or thinking
(future in the past: ``said the Blues would do everything``), ``it would be
wrong to``, ``I/we/you/there would``, and ``would like/rather/need``. What is
left gets the English forms (``reportedly``, ``allegedly``, ``is/was
reportedly``) as candidates, best guess first, at tier review.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.detectors.grammar_carryover import _IRREGULAR
from mtfix.detectors.wordorder import candidates
from mtfix.document import Document
from mtfix.model import Finding

_WOULD = re.compile(r"\b[Ww]ould(?P<neg> not|n[’']t)?(?: (?P<adv>now|also|still|even|already|allegedly))?"
                    r" (?:(?P<have>have) (?P<pp>[a-z]{3,})|(?P<be>be)\b|(?P<verb>[a-z]{3,}))")
#: A condition or a question in the sentence: a real conditional.
_CONDITION = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Oo]therwise|[Ww]ish|[Ww]hether|[Ii]magine|[Ss]uppose|"
                        r"[Ww]ithout|[Ii]n case|[Ii]nstead|[Rr]ather)\b|\?")
#: Before ``would``: a clause it depends on (future in the past, reported plans).
_REPORTED = re.compile(
    r"\b(?:that|said|says|say|told|tell|think|thinks|thought|believe[sd]?|estimated?|estimates|"
    r"expect(?:s|ed)?|hop(?:e|es|ed|ing)|fear(?:s|ed)?|promis(?:e|es|ed)|announc(?:e|es|ed)|"
    r"warn(?:s|ed)?|kn(?:ew|ow|ows)|decid(?:e|es|ed)|agree[sd]?|indicat(?:e|es|ed)|seem(?:s|ed)?|"
    r"predict(?:s|ed)?|plann?(?:ed|s)?|stat(?:e|es|ed)|add(?:s|ed)|explain(?:s|ed)?|assur(?:e|es|ed)|"
    r"claim(?:s|ed)?|suggest(?:s|ed)?|chance|sure|clear|likely|learn(?:s|ed|t)?|vow(?:s|ed)?|"
    r"pledg(?:e|es|ed)|insist(?:s|ed)?|confirm(?:s|ed)?|ensur(?:e|es|ed)|when|once|until|so)\b",
    re.IGNORECASE)
#: A question word before ``would be``: an embedded question (``asked what her
#: message would be``), a future in the past, not a report.
_WH = re.compile(r"\b(?:what|how|why)\b", re.IGNORECASE)
_SUBJECT_SKIP = frozenset("i we you one there".split())
#: After ``would``: a wish, an ability, a judgement (``would like``, ``it would be wrong``).
_VERB_SKIP = frozenset("like love prefer rather want need have make take give mean seem appear "
                       "help allow cost become come made let".split())
_IT_JUDGEMENT = re.compile(r" (?:\w+ ){0,2}(?:to|that)\b|(?: (?:\w+ )?(?:a|an|the)\b)")
#: Past forms of irregular verbs (``would have fled`` → ``reportedly fled``).
_PAST = dict(p.split(":") for p in (
    "been:was got:got gotten:got gone:went taken:took given:gave done:did seen:saw known:knew "
    "made:made left:left fled:fled found:found told:told come:came become:became run:ran "
    "broken:broke stolen:stole written:wrote begun:began thrown:threw shot:shot hit:hit put:put "
    "held:held kept:kept lost:lost paid:paid sent:sent spent:spent struck:struck fallen:fell "
    "driven:drove beaten:beat drawn:drew grown:grew shown:showed hidden:hid chosen:chose "
    "spoken:spoke forgotten:forgot bought:bought brought:brought caught:caught fought:fought "
    "sold:sold led:led met:met hurt:hurt cut:cut set:set let:let sought:sought said:said "
    "heard:heard stabbed:stabbed had:had ridden:rode risen:rose sunk:sank slain:slew "
    "thought:thought understood:understood").split())


def _past(pp: str) -> str | None:
    """The simple past of a participle: this module's table, then the
    irregular verbs of :mod:`mtfix.detectors.grammar_carryover` (``would have
    risen`` → ``reportedly rose``), then a regular ``-ed``."""
    if pp in _PAST:
        return _PAST[pp]
    if pp in _IRREGULAR and pp != "been":
        return _IRREGULAR[pp]
    if pp.endswith("ed") and len(pp) > 4:
        return pp
    return None


def _plural(prefix: str) -> bool:
    """Whether the subject before ``would`` looks plural: its last word, with a
    parenthesis between commas (``individuals, armed with sticks, would``) skipped."""
    head = prefix.rstrip()
    if head.endswith(","):
        parts = head[:-1].rsplit(",", 1)
        head = parts[0] if len(parts) == 2 else head[:-1]
    words = re.findall(r"[A-Za-z’']+", head)
    if not words:
        return False
    w = words[-1].lower()
    return w in {"they", "police", "people", "authorities"} or (
        w.endswith("s") and not w.endswith(("ss", "us", "is", "its", "his", "this", "news")))


def _tense_past(doc: Document, start: int) -> bool:
    """Whether the paragraph around ``start`` narrates in the past."""
    block = doc.block_at(start)
    text = doc.text[block.start:block.end] if block else doc.text
    past = len(re.findall(r"\b(?:was|were|had|did)\b", text))
    present = len(re.findall(r"\b(?:is|are|has|does)\b", text))
    return past >= present


@detector("reported_conditional")
def reported_conditional(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``a brawl would have exploded`` (*aurait éclaté*) → ``a brawl
    reportedly exploded``; ``the victim would not be from Valenton`` (*ne
    serait pas*) → ``the victim was reportedly not from Valenton``. See the
    module docstring for what is left alone."""
    out: list[Finding] = []
    for m in _WOULD.finditer(doc.text):
        if doc.quote_at(m.start()) is not None:
            continue
        sent = doc.sentence_at(m.start())
        lo, hi = (sent.start, sent.end) if sent else (max(0, m.start() - 200), m.end() + 200)
        sentence, prefix = doc.text[lo:hi], doc.text[lo:m.start()]
        according = "according to" in sentence.lower()
        if _CONDITION.search(sentence) or (_REPORTED.search(prefix) and not according):
            continue
        words = re.findall(r"[A-Za-z’']+", prefix)
        subject = words[-1].lower() if words else ""
        if subject in _SUBJECT_SKIP or subject in {"who", "what", "which"} and m.group("verb"):
            continue
        neg = " not" if m.group("neg") else ""
        adv = f" {m.group('adv')}" if m.group("adv") and m.group("adv") != "allegedly" else ""
        plural, past = _plural(prefix), _tense_past(doc, m.start())
        if m.group("have"):
            pp = m.group("pp")
            if pp in _VERB_SKIP or pp in {"liked", "loved", "preferred", "wanted"} or neg:
                continue
            if pp == "been" and not re.match(r" (?:[a-z]+(?:ed|en)|held|hit|shot|sent|led|"
                                             r"put|cut|caught|found|seen|told)\b",
                                             doc.text[m.end():m.end() + 30]):
                continue  # "would have been necessary": a judgement, not a report
            simple = _past(pp)
            if simple is None:
                continue
            if simple == "was" and plural:
                simple = "were"
            repls = [f"reportedly{adv} {simple}", f"allegedly{adv} {simple}",
                     f"had reportedly{adv} {pp}"]
        elif m.group("be"):
            after = doc.text[m.end():m.end() + 40]
            if subject in {"it", "this", "that"} and _IT_JUDGEMENT.match(after) or re.match(r" able\b", after):
                continue
            if re.match(r" [a-z]+ing\b", after) or _WH.search(prefix):
                continue  # "firefighters would be moving in", "asked what her message would be"
            forms = (["were", "are", "was", "is"] if plural else ["was", "is", "were", "are"]) \
                if past else (["are", "were", "is", "was"] if plural else ["is", "was", "are", "were"])
            repls = [f"{f} reportedly{neg}{adv}" for f in forms[:2]] + \
                    [f"{f} allegedly{neg}{adv}" for f in forms[:1]] + \
                    [f"{f} reportedly{neg}{adv}" for f in forms[2:]]
        else:
            verb = m.group("verb")
            if not according or neg or verb in _VERB_SKIP or verb.endswith(("ed", "ing", "ly", "how")) \
                    or verb in {"then", "thus", "therefore", "never", "rather"}:
                continue
            third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "o")) else "s")
            forms = [verb, third] if plural else [third, verb]
            repls = [f"reportedly{adv} {f}" for f in forms] + [f"allegedly{adv} {forms[0]}"]
        out.append(candidates(ctx, m.start(), m.end(), repls, tier=ctx.tier,
                              message=f"'{m.group(0)}' reads as a French conditional of "
                                      f"unconfirmed news: English writes '{repls[0]}'"))
    return out
