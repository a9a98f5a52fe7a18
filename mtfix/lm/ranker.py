"""The language-model stage: decide fixes by their margin, flag garbled sentences.

Called by the engine after the rule detectors ran::

    LMRanker(settings.lm).rank(doc, findings, garbled=True) -> findings

1. **Deciding fixes.** A finding asks for the LM when its ``lm_check`` is set
   (a rule with ``lm: true``, every pronoun finding) or when its category is
   one of ``categories`` and it has a fix. Each candidate fix (its first
   ``MAX_CANDIDATES``; the best is put first) is scored as
   ``log P(edited window) - log P(original window)`` (see
   :mod:`mtfix.lm.scoring`): the window is the sentence holding the fix, to
   its end, after one or two preceding sentences of context (``[lm]
   context_tokens`` / ``tail_tokens`` can cap it around the edit; off by
   default, since every cap measured changed decisions on dev, for at most
   a third fewer tokens: ``bench/lm_windows.py``). The margin sets
   the tier: at least ``safe_margin`` → safe, at least ``suggest_margin`` →
   suggested, below → review (or dropped when ``on_reject = "drop"``). The
   margin, the thresholds and the model name go into ``evidence`` so JSON
   and review show why.
2. **Garbled sentences.** :mod:`mtfix.lm.garbled` (each sentence's
   surprisal against the article and against native English, localised to
   the words that spike): review findings of category ``garbled``, source
   ``lm``, no fix. This module keeps only the fix decisions and one batched
   pass for both questions.

Nothing here imports torch: the :class:`~mtfix.lm.scoring.Scorer` does, on
first use.
"""
from __future__ import annotations

import importlib.util
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from mtfix.model import Finding, Tier

from mtfix.lm.garbled import GARBLED_RULE  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from mtfix.settings import LMSettings


def lm_available(settings: "LMSettings") -> tuple[bool, str]:
    """Cheap check (no torch import): is the model there, and what runs it
    (CTranslate2 with a converted copy, else torch and transformers)?
    Returns (ok, one-line reason when not)."""
    from mtfix.lm.loading import ModelUnavailable, is_converted, resolve_model

    try:
        _name, kind, details = resolve_model(settings.model)
    except ModelUnavailable as e:
        return False, str(e)
    if settings.backend == "ctranslate2" and kind != "hub":
        from mtfix.lm.ct2 import ct2_ready

        if ct2_ready(kind, details):
            return True, ""
    for mod in ("torch", "transformers"):
        if importlib.util.find_spec(mod) is None:
            return False, f"{mod} is not installed (pip install 'mtfix[lm]')"
    if kind == "gguf" and not is_converted(details["gguf"]):
        if importlib.util.find_spec("gguf") is None:
            return False, "the gguf package is needed to read the model (pip install gguf)"
    return True, ""


#: At most this many of a finding's fixes are scored (its first ones).
MAX_CANDIDATES = 6
#: Candidates closer than this (nats) are a guess between them: not safe.
TIE_MARGIN = 0.5


def candidates(f: Finding) -> tuple:
    """The fixes of ``f`` the model scores: its first ``MAX_CANDIDATES``."""
    return f.fixes[:MAX_CANDIDATES]


def _span(f: Finding, fx) -> tuple[int, int]:
    """The text a candidate replaces: the finding's span widened to the fix."""
    return min(f.start, fx.start), max(f.end, fx.end)


def wants_lm(f: Finding, categories: Iterable[str]) -> bool:
    """Does the LM decide this finding's first fix?"""
    if not f.fixes:
        return False
    return f.lm_check or f.category in set(categories)


class LMRanker:
    """Re-tiers LM-checked findings and adds garbled-sentence findings.

    One instance is kept for a whole run; the model loads on the first
    :meth:`rank` that needs it.
    """

    def __init__(self, settings: "LMSettings", scorer=None) -> None:
        self.settings = settings
        self._scorer = scorer

    @property
    def scorer(self):
        """The :class:`~mtfix.lm.scoring.Scorer` (given, or built from the settings)."""
        if self._scorer is None:
            from mtfix.lm.scoring import Scorer

            self._scorer = Scorer(self.settings)
        return self._scorer

    # -- public --------------------------------------------------------------
    def rank(self, doc, findings: list[Finding], garbled: bool = True) -> list[Finding]:
        """``findings`` with LM-decided ones re-tiered (or dropped), plus
        garbled-sentence findings unless ``garbled`` is False (the engine's
        later fix passes) or the ``garbled`` setting is off."""
        scan = garbled and self.settings.garbled
        # one batched pass for both questions; decide() and garbled() below
        # are then answered from the scorer's memory of the run
        todo = [f for f in findings if wants_lm(f, self.settings.categories)]
        lines = self._lines(doc, findings) if scan and self._enough_text(doc) else []
        if todo or lines:
            self.scorer.score([self.window(doc, f, fx) for f in todo for fx in candidates(f)],
                              [("", b) for _s, b in lines])
        out = self.decide(doc, findings)
        if scan:
            out = out + self.garbled(doc, findings)
        return out

    # -- deciding fixes ------------------------------------------------------
    def window(self, doc, f: Finding, fix=None) -> tuple[str, str, str]:
        """(context, original window, edited window) for one of the finding's
        fixes (default: its first).

        The window is the sentence holding the edit, after up to
        ``context_sentences`` sentences of context. ``context_tokens`` caps
        what comes before the edit (context first, then the start of its
        sentence) and ``tail_tokens`` what follows it, each cut between
        words: the model's cost grows with every token of both sides, while
        a decision rests on the words near the edit. The cuts are measured
        from the span of all the finding's scored candidates, so that its
        original window is the same text for each of them (scored once). A
        detector's ``lm_context`` is kept whole, before the context."""
        text = doc.text
        fix = f.fix if fix is None else fix
        reach = [fix, *candidates(f)]
        start, end = min(c.start for c in reach), max(c.end for c in reach)
        s0 = doc.sentence_at(start)
        s1 = doc.sentence_at(max(start, end - 1)) or s0
        lo = min(start, s0.start if s0 else start)
        hi = max(end, s1.end if s1 else end)
        context = self.context(doc, lo)
        budget, tail = self.settings.context_tokens, self.settings.tail_tokens
        if tail:
            hi = end + self.scorer.clip(text[end:hi], tail, keep="start")[0]
        if budget:
            cut, used = self.scorer.clip(text[lo:start], budget, keep="end")
            if cut:  # the start of the sentence alone fills the budget
                lo, context = lo + cut, ""
            elif context:
                context = context[self.scorer.clip(context, max(0, budget - used), keep="end")[0]:] \
                    if budget > used else ""
        lo = min(lo, fix.start)
        hi = max(hi, fix.end)
        original = text[lo:hi]
        edited = fix.apply_to(text, lo, hi)
        extra = f.evidence.get("lm_context")
        if isinstance(extra, str) and extra and extra not in context:
            # a detector's own evidence for the model, e.g. the sentence where the
            # article calls the person "she", however far back it is
            context = f"{extra} {context}".strip()
        return context, original, edited

    def context(self, doc, offset: int) -> str:
        """Up to ``context_sentences`` sentences before ``offset``, not across
        a heading, joined by single spaces."""
        n = self.settings.context_sentences
        i = doc.sentence_index(offset)
        sents = doc.sentences
        if 0 <= i < len(sents) and sents[i].start >= offset:
            i -= 1  # offset is the start of sentence i: context ends before it
        elif 0 <= i < len(sents) and sents[i].start < offset <= sents[i].end:
            i -= 1
        parts: list[str] = []
        while i >= 0 and len(parts) < n:
            s = sents[i]
            if doc.in_heading(s.start):
                break
            parts.append(" ".join(doc.text[s.start:s.end].split()))
            i -= 1
        return " ".join(reversed(parts))

    def decide(self, doc, findings: list[Finding]) -> list[Finding]:
        """Each LM-decided finding re-tiered by the margin of its best
        candidate. With several candidate fixes (``his`` → ``her`` or
        ``him``; the renderings of a calque) every one is scored against the
        original, the best goes first and the others stay as alternatives, in
        the order of their margins. Two candidates within ``TIE_MARGIN`` of
        each other are a guess between them, so the finding is at most
        suggested."""
        todo = [k for k, f in enumerate(findings) if wants_lm(f, self.settings.categories)]
        if not todo:
            return list(findings)
        cands = {k: candidates(findings[k]) for k in todo}
        triples = [self.window(doc, findings[k], fx) for k in todo for fx in cands[k]]
        flat = iter(self.scorer.margins(triples))
        safe = self.settings.safe_margin
        sugg = self.settings.suggest_margin
        drop = self.settings.on_reject == "drop"
        out = list(findings)
        dropped: set[int] = set()
        for k in todo:
            f = findings[k]
            scored = [(next(flat), i, fx) for i, fx in enumerate(cands[k])]
            ranked = sorted(scored, key=lambda t: (-t[0], t[1]))
            m = ranked[0][0]
            ev = {"lm_margin": round(m, 3), "lm_threshold": sugg, "lm_safe_threshold": safe,
                  "lm_model": self.scorer.name}
            tie = False
            if len(ranked) > 1:
                ev["lm_candidates"] = [
                    {"replacement": fx.apply_to(doc.text, *_span(f, fx)), "margin": round(v, 3)}
                    for v, _i, fx in ranked]
                tie = ranked[0][0] - ranked[1][0] < TIE_MARGIN
                rest = f.fixes[len(cands[k]):]  # beyond MAX_CANDIDATES, unscored
                f = replace(f, fixes=tuple(fx for _v, _i, fx in ranked) + rest)
            if m >= safe and not tie:
                tier, why = Tier.SAFE, f"LM margin {m:+.2f} >= {safe:g}"
            elif m >= sugg:
                tier, why = Tier.SUGGESTED, f"LM margin {m:+.2f} >= {sugg:g}" + (
                    f"; the next candidate is within {TIE_MARGIN:g}" if tie and m >= safe else "")
            else:
                if drop or f.lm_gate:
                    dropped.add(k)
                    continue
                tier, why = Tier.REVIEW, f"LM margin {m:+.2f} < {sugg:g}: LM prefers the original"
                ev["lm_decision"] = "refused"
            ev.setdefault("lm_decision", "accepted")
            nf = f.with_tier(tier, why, **ev) if tier != f.tier else replace(
                f, evidence={**f.evidence, **ev})
            out[k] = nf
        return [f for k, f in enumerate(out) if k not in dropped]

    # -- garbled sentences: delegated to mtfix.lm.garbled ----------------------
    @property
    def garbled_scan(self):
        """The :class:`~mtfix.lm.garbled.GarbledScan` of this ranker's scorer."""
        if getattr(self, "_garbled_scan", None) is None:
            from mtfix.lm.garbled import GarbledScan

            self._garbled_scan = GarbledScan(self.settings, self.scorer)
        return self._garbled_scan

    def sentence_features(self, doc) -> list[dict]:
        return self.garbled_scan.sentence_features(doc)

    def _enough_text(self, doc) -> bool:
        return self.garbled_scan.enough_text(doc)

    def _lines(self, doc, findings: list[Finding] | None = None) -> list:
        return self.garbled_scan.lines(doc, findings)

    def garbled(self, doc, findings: list[Finding] | None = None) -> list[Finding]:
        """Review findings for garbled sentences (:mod:`mtfix.lm.garbled`)."""
        return self.garbled_scan.scan(doc, findings)
