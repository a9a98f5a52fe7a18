"""Garbled text, found where it is: the language model's surprisal scan.

Why a module of its own: deciding fixes (:mod:`mtfix.lm.ranker`) and finding
garbled text are two different questions put to the same model; this one is
most of the model's time on a long text, and it has its own data. What a
scored sentence measures (its four features, its words) is in
:mod:`mtfix.lm.garbled_features`; this module chooses what the model scores
and decides what is flagged.

**What is scored.** With a native reference, only the sentences in which a
rule found an MT artefact (:func:`worth_scoring`), each scored on its own.
Why: measured on ``corpora/web/dev`` and the WMT documents of ``corpora/``
(``scripts/cv_garbled.py``), the model's surprisal alone does not tell a
garbled sentence from an unusual native one: at every threshold, sentences
flagged without a rule artefact were garbled in at most 1 of 5 (on dev 0 of
the 7 such flags), and they are what the scan flagged on native English. A
rule artefact is independent evidence that the sentence is damaged machine
translation; the model then judges whether the sentence reads worse than the
article's other damaged ones. It also makes the scan cheap: native English is
not scored at all, machine-translated news a third of its words, each
sentence once and without the paragraph before it as context.

Each sentence gets two scores:

* **against the article** (robust z over the article's scored sentences):
  needs five of them;
* **against native English** (robust z against the distribution of the same
  features over ``corpora/native-reference/``, each sentence scored on its
  own, computed once per model by ``scripts/build_reference.py`` and shipped
  as ``mtfix/data/garbled_reference.json``): judges a short article too. A
  model with no reference there falls back to the article alone (every line
  of it scored, as before).

A sentence is flagged when the reference score is high on its own, or high
enough with the rule artefact inside, or when the article method flags it and
the reference agrees (thresholds below). The finding (category ``garbled``,
review tier, no fix) spans the sentence, as a copy editor reads it;
``evidence["lm_spans"]`` localises it: the words whose surprisal spikes above
what native English shows for their class, with their surprisals, so review
and JSON point at the word.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from mtfix.document import Block
from mtfix.lm.garbled_features import (QUANTILES, REFERENCE_PATH, _z, discounted,  # noqa: F401
                                       line_features, load_reference, robust, words)
from mtfix.model import Finding, Tier

if TYPE_CHECKING:
    from mtfix.settings import LMSettings

GARBLED_RULE = "lm-garbled-sentence"
CATEGORY = "garbled"
#: With a reference, texts at least this long are scanned (a headline and a
#: lead paragraph); shorter ones never load the model for the scan.
MIN_TEXT_WORDS = 20
#: With a reference, sentences and headings of at least this many words are
#: judged (the article-relative score keeps ``garbled_min_words``).
MIN_WORDS_REFERENCE = 4
#: Reference score (mean robust z of the four features against native
#: English) at which a sentence is flagged on its own ...
REF_Z = 3.0
#: ... or when a rule found an MT artefact inside it: off (infinite). On dev
#: (``scripts/cv_garbled.py``) this path at 1.75 added 16 flags, 1 right.
REF_Z_WITH_FINDINGS = float("inf")
#: With an article score, the article method's decision (``garbled_z``, or
#: :data:`ARTICLE_Z_WITH_FINDINGS` with a rule artefact inside) stands when
#: the reference agrees at least this much: an outlier of its article that
#: reads like ordinary native English is the article's blind spot, not garbled.
REF_Z_CONFIRM = 0.5
#: With a reference, the article score's bar for a sentence with a rule
#: artefact inside. Not ``garbled_z_with_findings`` (the article method's,
#: over every line of the article): here the article's scored sentences are
#: all damaged ones, a narrower crowd to stand out of. Set so that the seed's
#: three garbled sentences stay flagged (``tests/test_lm.py``); 0.4 to 0.75
#: all give about 1 flag in 10 right on dev.
ARTICLE_Z_WITH_FINDINGS = 0.4
#: With a reference, score only the sentences :func:`worth_scoring` picks
#: (False: every judged sentence, to measure what the selection costs).
PREFILTER = True
#: A word is a spike (localised in the evidence) at this robust z for its class.
SPIKE_Z = 3.5
#: Rule categories whose spans are discounted before judging a sentence
#: (typography and residue: a stray space or a French quote mark surprises the
#: model without the words being garbled); a capitalised quote or a calque
#: stays, it is part of what makes a sentence read as garbled.
EXPLAINED = ("typography", "residue", "encoding")
#: Rule categories that say nothing about the sentence's syntax.
_NOT_ARTEFACTS = ("typography", "grammar", "consistency")


# -- the scan ------------------------------------------------------------------------

class GarbledScan:
    """Finds garbled sentences in a document with a :class:`~mtfix.lm.scoring.Scorer`.

    ``reference``: the native-English statistics (default: the shipped ones
    for the scorer's model; ``False``: none, the article-relative method only).
    """

    def __init__(self, settings: "LMSettings", scorer, reference: Any = None) -> None:
        self.settings = settings
        self.scorer = scorer
        self._reference = reference

    @property
    def reference(self) -> dict[str, Any] | None:
        if self._reference is None:
            self._reference = load_reference(self.scorer.name) or False
        return self._reference or None

    # -- what is scored ---------------------------------------------------------
    def _min_words(self) -> int:
        return MIN_WORDS_REFERENCE if self.reference else self.settings.garbled_min_words

    def lines(self, doc, findings: list[Finding] | None = None, prefilter: bool | None = None
              ) -> list:
        """``(unit, text)`` of what the scan sends to the model. With a
        reference the unit is a sentence of :data:`MIN_WORDS_REFERENCE`
        words, headings included, scored on its own; with ``prefilter``
        (default :data:`PREFILTER`) only those :func:`worth_scoring` picks.
        Without a reference: the non-heading lines of ``garbled_min_words``
        words, every one (the article method needs the whole article)."""
        minw = self._min_words()
        if self.reference is None:
            return [(b, doc.text[b.start:b.end]) for b in doc.blocks if not b.heading
                    and len(re.findall(r"\w+", doc.text[b.start:b.end])) >= minw]
        pick = PREFILTER if prefilter is None else prefilter
        return [(u, doc.text[u.start:u.end]) for u in sentence_units(doc, minw)
                if not pick or worth_scoring(doc, u, findings or [])]

    def enough_text(self, doc) -> bool:
        """Is there anything to judge? With a reference: a text of
        :data:`MIN_TEXT_WORDS` words with a judged sentence (which of them
        are scored depends on the rules' findings: :meth:`lines`); without:
        five judged sentences (fewer give no article statistics). A short
        text without LM-decided findings then never loads the model."""
        if self.reference is not None:
            return doc.words >= MIN_TEXT_WORDS and bool(self.lines(doc, prefilter=False))
        minw = self.settings.garbled_min_words
        lines = sorted((b.start, b.end) for b, _body in self.lines(doc))
        starts = [a for a, _b in lines]
        n = 0
        for s in doc.sentences:
            k = bisect.bisect_right(starts, s.start) - 1
            if k >= 0 and s.start < lines[k][1] and len(
                    re.findall(r"\w+", doc.text[s.start:s.end])) >= minw:
                n += 1
                if n >= 5:
                    return True
        return False

    def _common_word(self, word: str) -> bool:
        """A capitalised word that is an ordinary English word ("Success",
        "Other") is not discounted as a name: the vocabulary has its
        lower-case form as one frequent token."""
        tok = getattr(self.scorer, "_tok", None)
        if tok is None:
            return False
        if not hasattr(self, "_vocab"):
            self._vocab = tok.get_vocab()
        for form in ("\u0120" + word.lower(), "\u2581" + word.lower()):
            if form in self._vocab:
                return self._vocab[form] < 20000
        return False

    # -- features ---------------------------------------------------------------
    def sentence_features(self, doc, findings: list[Finding] | None = None) -> list[dict]:
        """Per judged sentence: its span, the features ``func``, ``peak``,
        ``mean`` and (with a reference) ``word``, the place of its worst run
        of tokens, and its words with their class z-scores. With a reference,
        what the rules' ``findings`` cover is discounted."""
        win = self.settings.garbled_window
        text = doc.text
        lines = self.lines(doc, findings)
        if not lines:
            return []
        rows = self.scorer.surprisals([("", body) for _b, body in lines])
        ref = self.reference
        explained = [(f.start, f.end) for f in findings or ()
                     if f.source == "rules" and f.category in EXPLAINED] if ref else []
        out = []
        for (b, body), toks in zip(lines, rows):
            out += line_features(doc, b, body, toks, win, self._min_words(), ref, self._common_word,
                                 explained)
        return out

    # -- the judgement ----------------------------------------------------------
    def scan(self, doc, findings: list[Finding] | None = None) -> list[Finding]:
        """Review findings for the sentences judged garbled (see the module
        docstring). Lines a residue rule removes are not judged."""
        if not self.enough_text(doc):
            return []
        feats = self.sentence_features(doc, findings)
        return judge(doc, feats, findings or [], self.settings, self.reference, self.scorer.name)


def sentence_units(doc, minw: int) -> list[Block]:
    """Each sentence of ``minw`` words as a unit of its own (a
    :class:`~mtfix.document.Block` carrying its line's ``heading``), cut at
    its line's end."""
    out = []
    for s in doc.sentences:
        b = doc.block_at(s.start)
        if b is None:
            continue
        end = min(s.end, b.end)
        if len(re.findall(r"\w+", doc.text[s.start:end])) >= minw:
            out.append(Block(s.start, end, heading=b.heading))
    return out


def worth_scoring(doc, unit, findings: list[Finding]) -> bool:
    """Is ``unit`` (a sentence) worth the model? When a rule found an MT
    artefact inside it (not typography, grammar or consistency: they say
    nothing about syntax), and no residue rule removes it (it is not judged:
    :func:`judge`). Measured on ``corpora/web/dev``: these sentences are 39 %
    of the words and hold 19 of the 36 garbled annotations; the scan flagged
    none of the others right (module docstring)."""
    inside = [f for f in findings if f.source == "rules" and unit.start <= f.start < unit.end]
    return (any(f.category not in _NOT_ARTEFACTS for f in inside)
            and not any(f.category == "residue" for f in inside))


def judge(doc, feats: list[dict], findings: list[Finding], settings, ref, model: str) -> list[Finding]:
    """Score each sentence against the article and the reference; flag."""
    minw = settings.garbled_min_words
    art = [f for f in feats if f["long"] >= minw and not f["heading"]]
    if len(art) >= 5:
        for key in ("func", "peak", "mean"):
            st = robust([f[key] for f in art])
            for f in art:
                f["z_" + key] = _z(f[key], st)
        for f in art:
            f["z_article"] = (f["z_func"] + f["z_peak"] + f["z_mean"]) / 3
    if ref:
        keys = ("func", "peak", "mean", "word")
        for f in feats:
            f["z_reference"] = sum(_z(f[k], ref["sentences"][k]) for k in keys) / len(keys)
    others = [f for f in findings if f.source == "rules"]  # not LanguageTool's
    out = []
    for f in feats:
        s = f["span"]
        inside = [o for o in others if s.start <= o.start < s.end]
        if any(o.category == "residue" for o in inside):
            continue
        artefacts = [o for o in inside if o.category not in _NOT_ARTEFACTS]
        za, zr = f.get("z_article"), f.get("z_reference")
        why = _flagged(za, zr, bool(artefacts), settings)
        if why is None:
            continue
        z, threshold, method = why
        p0, p1 = f["where"]
        while p0 < p1 and doc.text[p0].isspace():
            p0 += 1
        spikes = sorted((u for u in f["words"] if u.get("z", 0.0) >= SPIKE_Z),
                        key=lambda u: -u["z"])[:3]
        spans = [{"start": u["start"], "end": u["end"], "text": doc.text[u["start"]:u["end"]],
                  "surprisal": round(u["value"], 2), "z": round(u["z"], 2), "class": u["cls"]}
                 for u in sorted(spikes, key=lambda u: u["start"])]
        around = ", ".join(f"'{sp['text']}'" for sp in spans) or f"'{doc.text[p0:p1]}'"
        ev = {"lm_z": round(z, 2), "lm_z_threshold": threshold, "lm_method": method,
              "lm_features": {k: round(f[k], 2) for k in ("func", "peak", "mean", "word") if k in f},
              "lm_peak": [p0, p1], "lm_spans": spans, "rule_findings_inside": len(artefacts),
              "lm_model": model}
        if za is not None:
            ev["lm_z_article"] = round(za, 2)
        if zr is not None:
            ev["lm_z_reference"] = round(zr, 2)
        out.append(Finding(
            rule=GARBLED_RULE, category=CATEGORY, source="lm", tier=Tier.REVIEW,
            start=s.start, end=s.end,
            message=f"this sentence may be garbled by the translation (most improbable "
                    f"around {around}); check it against the source",
            evidence=ev))
    return out


def _flagged(za: float | None, zr: float | None, artefacts: bool, settings
             ) -> tuple[float, float, str] | None:
    """(score, threshold, method) when the sentence is flagged, else None."""
    if zr is None:  # no reference: the article alone, as before
        if za is None:
            return None
        if za >= settings.garbled_z:
            return za, settings.garbled_z, "article"
        if artefacts and za >= settings.garbled_z_with_findings:
            return za, settings.garbled_z_with_findings, "article+rules"
        return None
    if zr >= REF_Z:
        return zr, REF_Z, "reference"
    if za is not None and zr >= REF_Z_CONFIRM:
        if za >= settings.garbled_z:
            return za, settings.garbled_z, "article+reference"
        if artefacts and za >= ARTICLE_Z_WITH_FINDINGS:
            return za, ARTICLE_Z_WITH_FINDINGS, "article+rules+reference"
    if artefacts and zr >= REF_Z_WITH_FINDINGS:
        return zr, REF_Z_WITH_FINDINGS, "reference+rules"
    return None
