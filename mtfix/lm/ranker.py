"""The language-model stage: decide fixes by their margin, flag garbled sentences.

Called by the engine after the rule detectors ran::

    LMRanker(settings.lm).rank(doc, findings, garbled=True) -> findings

1. **Deciding fixes.** A finding asks for the LM when its ``lm_check`` is set
   (a rule with ``lm: true``, every pronoun finding) or when its category is
   one of ``categories`` and it has a fix. Each candidate fix (its first
   ``MAX_CANDIDATES``; the best is put first) is scored as
   ``log P(edited window) - log P(original window)`` (see
   :mod:`mtfix.lm.scoring`): the window is the sentence holding the fix, to
   its end, after one or two preceding sentences of context. The margin sets
   the tier: at least ``safe_margin`` → safe, at least ``suggest_margin`` →
   suggested, below → review (or dropped when ``on_reject = "drop"``). The
   margin, the thresholds and the model name go into ``evidence`` so JSON
   and review show why.
2. **Garbled sentences.** Every sentence's per-token surprisal is compared
   with the rest of the article: its worst run of tokens, with proper nouns,
   numbers and the sentence's first tokens discounted, gets a robust z-score
   (median and MAD over the article). Outliers become review findings
   (category ``sentences``, source ``lm``, no fix).

Nothing here imports torch: the :class:`~mtfix.lm.scoring.Scorer` does, on
first use.
"""
from __future__ import annotations

import importlib.util
import re
import statistics
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from mtfix.model import Finding, Tier

if TYPE_CHECKING:
    from mtfix.settings import LMSettings

GARBLED_RULE = "lm-garbled-sentence"


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
        lines = self._lines(doc) if scan and self._enough_text(doc) else []
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
        fixes (default: its first)."""
        text = doc.text
        fix = f.fix if fix is None else fix
        s0 = doc.sentence_at(fix.start)
        s1 = doc.sentence_at(max(fix.start, fix.end - 1)) or s0
        lo = min(fix.start, s0.start if s0 else fix.start)
        hi = max(fix.end, s1.end if s1 else fix.end)
        original = text[lo:hi]
        edited = fix.apply_to(text, lo, hi)
        context = self.context(doc, lo)
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
                rest = tuple(fx for fx in f.fixes if fx not in cands[k])
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

    # -- garbled sentences ---------------------------------------------------
    def sentence_features(self, doc) -> list[dict]:
        """Per judged sentence: its span, three surprisal features and the
        place of its worst run of tokens.

        Each non-heading line is scored in one pass (its earlier sentences are
        the context of the later ones, and no token is run twice). Features,
        all after discounting what a small model cannot know (names, numbers,
        later pieces of a split word, the line's first token):

        * ``func``: the highest surprisal on a closed-class token (article,
          preposition, auxiliary, quote mark...). Syntax shows there: "said
          "Success" *these* strikes", "Trump *"Other* options".
        * ``peak``: the highest mean over ``garbled_window`` consecutive tokens.
        * ``mean``: the sentence mean.
        """
        minw = self.settings.garbled_min_words
        win = self.settings.garbled_window
        text = doc.text
        blocks = [b for b, _body in self._lines(doc)]
        if not blocks:
            return []
        rows = self.scorer.surprisals([("", text[b.start:b.end]) for b in blocks])
        common = self._common_word
        out = []
        for b, toks in zip(blocks, rows):
            body = text[b.start:b.end]
            vals, funcs = _discounted(body, toks, common)
            for sent in doc.sentences:
                if not (b.start <= sent.start < b.end):
                    continue
                if len(re.findall(r"\w+", text[sent.start:sent.end])) < minw:
                    continue
                idx = [i for i, t in enumerate(toks)
                       if b.start + t.end > sent.start and b.start + t.start < sent.end]
                if len(idx) < win:
                    continue
                v = [vals[i] for i in idx]
                best, at = -1.0, 0
                for i in range(len(v) - win + 1):
                    m = sum(v[i:i + win]) / win
                    if m > best:
                        best, at = m, i
                f = [vals[i] for i in idx if funcs[i]]
                first, last = toks[idx[at]], toks[idx[at + win - 1]]
                out.append({"span": sent, "peak": best, "mean": sum(v) / len(v),
                            "func": max(f) if f else 0.0,
                            "where": (b.start + first.start, b.start + last.end)})
        return out

    def _enough_text(self, doc) -> bool:
        """At least five sentences the scan would judge (long enough, outside
        headings)? With fewer, :meth:`garbled` finds nothing, so a short text
        without LM-decided findings never loads the model."""
        import bisect

        minw = self.settings.garbled_min_words
        lines = sorted((b.start, b.end) for b, _body in self._lines(doc))
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

    def _lines(self, doc) -> list:
        """``(block, text)`` of every non-heading line the garbled scan judges."""
        minw = self.settings.garbled_min_words
        out = []
        for b in doc.blocks:
            body = doc.text[b.start:b.end]
            if not b.heading and len(re.findall(r"\w+", body)) >= minw:
                out.append((b, body))
        return out

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

    def garbled(self, doc, findings: list[Finding] | None = None) -> list[Finding]:
        """Review findings for sentences whose surprisal is an outlier for
        this article. The score is the mean robust z-score (median, MAD over
        the article's sentences) of the three features. A sentence is flagged
        at ``garbled_z``, or at the lower ``garbled_z_with_findings`` when
        rules already found an MT artefact inside it (a date, a calque, a
        capitalised quote): surprisal alone is weak evidence with a model this
        small, an artefact nearby makes a garbled translation likely. Lines
        a residue rule removes are not judged."""
        if not self._enough_text(doc):
            return []
        feats = self.sentence_features(doc)
        if len(feats) < 5:
            return []  # too little text to know what is unusual for this article
        for key in ("func", "peak", "mean"):
            vals = [f[key] for f in feats]
            med = statistics.median(vals)
            mad = statistics.median(abs(v - med) for v in vals) * 1.4826 or 1e-6
            for f in feats:
                f["z_" + key] = (f[key] - med) / mad
        zthr = self.settings.garbled_z
        zlow = self.settings.garbled_z_with_findings
        others = [f for f in (findings or []) if f.source == "rules"]  # not LanguageTool's
        out = []
        for f in feats:
            s = f["span"]
            z = (f["z_func"] + f["z_peak"] + f["z_mean"]) / 3
            inside = [o for o in others if s.start <= o.start < s.end]
            if any(o.category == "residue" for o in inside):
                continue
            artefacts = [o for o in inside if o.category not in ("typography", "grammar", "consistency")]
            if z < zthr and not (artefacts and z >= zlow):
                continue
            p0, p1 = f["where"]
            while p0 < p1 and doc.text[p0].isspace():
                p0 += 1
            peak = doc.text[p0:p1]
            out.append(Finding(
                rule=GARBLED_RULE, category="sentences", source="lm", tier=Tier.REVIEW,
                start=s.start, end=s.end,
                message=f"this sentence may be garbled by the translation (most improbable "
                        f"around '{peak}'); check it against the source",
                evidence={"lm_z": round(z, 2), "lm_z_threshold": zlow if z < zthr else zthr,
                          "lm_features": {k: round(f[k], 2) for k in ("func", "peak", "mean")},
                          "lm_peak": [p0, p1], "rule_findings_inside": len(artefacts),
                          "lm_model": self.scorer.name},
            ))
        return out


_FUNCTION = set("""
the a an this that these those his her its their our my your some any each every no of in on
at by for with from to into over under about against between among through during after
before since without within and or but nor so yet if because while although though when
where which who whom whose what how why as than then there here is are was were be been
being has have had do does did will would shall should can could may might must not also
only even just very more most such both either neither all other another same it he she
they we you i him them us me
""".split())
_PUNCT = set('"“”«»,.:;()')


def _discounted(body: str, toks, common=lambda w: False) -> tuple[list[float], list[bool]]:
    """Surprisals with what a small model cannot know capped at the line's
    median: names (a capitalised word, not line-initial, that is not an
    ordinary word), numbers, later pieces of a word split into several
    tokens (the first piece already paid), and the line's first token.
    Also returns which tokens are closed-class words or punctuation."""
    if not toks:
        return [], []
    med = statistics.median(t.surprisal for t in toks)
    vals, funcs = [], []
    for i, t in enumerate(toks):
        v = t.surprisal
        word = _word_around(body, t.start, t.end)
        starts_word = t.start == 0 or t.text[:1].isspace() or not body[t.start - 1].isalnum()
        nxt = toks[i + 1].text if i + 1 < len(toks) else " "
        whole = not (nxt[:1].isalnum())  # the token is a whole word
        if i == 0 or not starts_word:
            v = min(v, med)
        elif word[:1].isdigit():
            v = min(v, med)
        elif word[:1].isupper() and _word_start(body, t.start) > 0 and not common(word):
            v = min(v, med)
        vals.append(v)
        w = t.text.strip()
        funcs.append(i > 0 and ((w.lower() in _FUNCTION and whole) or w in _PUNCT))
    return vals, funcs


def _word_start(body: str, pos: int) -> int:
    while pos < len(body) and body[pos].isspace():
        pos += 1
    while pos > 0 and (body[pos - 1].isalnum() or body[pos - 1] in "'’-"):
        pos -= 1
    return pos


def _word_around(body: str, s: int, e: int) -> str:
    lo = _word_start(body, s)
    hi = e
    while hi < len(body) and (body[hi].isalnum() or body[hi] in "'’-"):
        hi += 1
    return body[lo:hi]
