"""French inversions English does not make (artefacts.md §15, issue #13 §3).

French inverts the subject after almost any verb of a reporting clause, and
machine translation keeps the order: *a succombé, confirment les policiers*
becomes ``has died, confirm the police``, *a indiqué l'Élysée* becomes
``indicates the Elysée``, *rappellent les notaires* becomes ``recall the
notaries``. English news inverts only after a few verbs of saying (``said the
minister``, ``says``, ``added``, ``explained``, ``wrote``, ``asked``,
``noted``, ``warned``...), and those are left alone. Flagged are the others:
any verb but ``say``/``ask``/``tell``/``write`` in its bare form (the French
plural agreement, ``confirm the police``), and the verbs English does not
invert in the third person or the past (``indicates``, ``specified``,
``recalls``, ``confirmed``, ``estimates``...), each only with a speaker for
subject (a source, a ministry, the police, a name) and only at the end of a
sentence, outside quotations. Right after a quotation only the bare form is
flagged: ``…,” recalls the young woman`` is the quotation's reporting clause,
which English inverts after more verbs than ``said`` (the dev gold leaves it). The repair puts the subject first, and the
language model chooses the tense.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.detectors.wordorder import _NAME, _SPEAKER, candidates
from mtfix.document import Document
from mtfix.model import Finding

#: Verbs English news does not invert in the third person or the past; the
#: verbs of saying it does invert (say, add, explain, note, warn, write, ask,
#: report, continue, conclude, insist, observe, argue) are not here.
_NOT_INVERTED = (r"indicat|specif|detail|underlin|recall|estimat|assur|judg|emphasi[sz]|stress|reveal|"
                 r"confirm|affirm|deplor|regrett?|welcom|believ|consider|hammer|confid|denounc|assert|"
                 r"announc|analy[sz]|summari[sz]|testif|relat|launch|advanc|point")
_INFLECTED = re.compile(rf"(?:{_NOT_INVERTED})(?:e|es|s|ies|y|ied|ed|d)?(?: out)?")
#: Bare forms of the verbs of saying English inverts in the third person
#: (``adds the mayor``) but never in the bare form (``add the mayors``).
_BARE_SAYING = re.compile(r"(?:add|explain|note|report|continue|conclude|insist|observe|warn|argue|"
                          r"claim|state|reply|comment)")
_VERB = r"[a-z]{3,}(?: out)?"
_SUBJECT = rf"(?:(?:the|a|an|one of the|several|two|three|many) [^,.;:!?”\"“()\n]{{2,50}}?|{_NAME})"
_INVERSION = re.compile(rf"(?:(?<=[,;] )|(?<=[,;][”\"»] )|(?<=[”\"»], ))(?P<verb>{_VERB}) "
                        rf"(?P<subj>{_SUBJECT})(?=[.;!?]|$|, (?:who|which|in|on|at|from|after|before|"
                        rf"during|citing|according)\b| in (?:its|their|his|her) )", re.MULTILINE)
#: A speaker, singular or plural (``the police``, ``the notaries``, ``the
#: unions``): the nouns of inverted_source and the bodies that issue statements.
_SPEAKERS = re.compile(_SPEAKER.pattern.replace(r")\b", r")s?\b") + r"|\b(?:notar(?:y|ies)|authorit(?:y|ies)|"
                       r"firefighters?|gendarmes?|rescuers?|organi[sz]ers?|services|government|institute|"
                       r"company|group|club|federation|association|court|judge|office|report|study|"
                       r"newspaper|daily|agency|channel|town hall|city hall|council|committee)\b")
#: Before the comma: a verb list the bare form belongs to (``to meet the
#: unions, consider the plans``), not a reporting clause.
_LIST_BEFORE = re.compile(r"\b(?:to|will|would|can|could|should|must|may|might|shall|let|please|and|or)\b")


def _past(verb: str) -> str:
    head, sep, rest = verb.partition(" ")
    if head.endswith("ed"):
        p = head
    elif head.endswith("ies"):
        p = head[:-3] + "ied"
    elif head.endswith("es") and head[:-2].endswith(("ss", "sh", "ch", "x", "z")):
        p = head[:-2] + "ed"
    elif head.endswith("s") and not head.endswith("ss"):
        p = _past(head[:-1])
    elif head.endswith("e"):
        p = head + "d"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        p = head[:-1] + "ied"
    elif head in {"regret"}:
        p = head + "ted"
    else:
        p = head + "ed"
    return p + sep + rest


@detector("inverted_report_verb")
def inverted_report_verb(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``has died, confirm the police`` (*confirment les policiers*):
    the subject of a reporting verb English does not invert, after it. The
    candidates put the subject first, in the past and in the tense MT wrote
    (``the police confirmed``, ``the police confirm``)."""
    out: list[Finding] = []
    for m in _INVERSION.finditer(doc.text):
        verb, subj = m.group("verb"), m.group("subj")
        head = verb.split()[0]
        bare = not head.endswith(("s", "ed")) or head.endswith("ss")
        if not (_INFLECTED.fullmatch(verb) or bare and _BARE_SAYING.fullmatch(verb)):
            continue
        if doc.quote_at(m.start()) is not None:
            continue
        if re.search(r"[”\"»],? $", doc.text[max(0, m.start() - 3):m.start()]) and not bare:
            continue  # the reporting clause of a quotation: English inverts it, and readers accept it
        if " to " in f" {subj} " or re.match(r"(?:again|also|still|this|on|last|today|yesterday)\b", subj):
            continue  # the wedged shapes are inverted_source's
        bare_subj = re.sub(r"^(?:the|a|an|one of the|several|two|three|many) ", "", subj)
        if not (_SPEAKERS.search(subj) or re.fullmatch(_NAME, bare_subj)) or subj.split()[0] in {
                "his", "her", "their", "its", "our"}:
            continue
        sent = doc.sentence_at(m.start())
        before = doc.text[sent.start if sent else max(0, m.start() - 200):m.start()]
        if bare and _LIST_BEFORE.search(before[-80:]):
            continue  # ``to meet the unions, consider the plans``: a list of verbs
        if len(before.split()) < 3:
            continue  # too little before it to be the clause a report follows
        past = _past(verb)
        repls = [f"{subj} {past}", f"{subj} {verb}"] if not head.endswith("ed") else [f"{subj} {verb}"]
        out.append(candidates(ctx, m.start(), m.end(), repls, tier=ctx.tier,
                              message=f"French word order: '{verb} {subj}' inverts a verb English "
                                      f"does not; English writes '{repls[0]}'"))
    return out
