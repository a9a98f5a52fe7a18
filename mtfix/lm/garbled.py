"""Garbled text, found where it is: the language model's surprisal scan.

Why a module of its own: deciding fixes (:mod:`mtfix.lm.ranker`) and finding
garbled text are two different questions put to the same model; this one is
most of the model's time on a long text, and it has its own data.

How a sentence is judged. Each line of the text is scored once (its earlier
sentences are the context of the later ones). What a small model cannot know
is discounted first (names, numbers, the line's first token, the later pieces
of a split word: :func:`discounted`). Three features per sentence, as before:
``func`` (the worst closed-class token: syntax shows there), ``peak`` (the
worst run of ``garbled_window`` tokens) and ``mean``. A fourth, ``word``, is
the worst *word* of the sentence: its pieces' surprisals summed, measured in
robust z units of words of its class (function word, punctuation, common word,
rare word) in native English, so that a glued word (``rebaduring``), a split
one or a French word left in the text stands out while a merely rare English
word does not.

Each sentence gets two scores:

* **against the article** (robust z over the article's own sentences, the
  original method): needs five judged sentences, and an article garbled all
  through looks normal to itself;
* **against native English** (robust z against the distribution of the same
  features over ``corpora/native-reference/``, computed once per model by
  ``scripts/build_reference.py`` and shipped as
  ``mtfix/data/garbled_reference.json``): judges a three-paragraph article and
  a headline too. A model with no reference there falls back to the article
  alone.

A sentence is flagged when the reference score is high on its own, or high
enough while the article score agrees, or lower still when the rules already
found an MT artefact inside it (thresholds below, set on ``corpora/web/dev``).
The finding (category ``garbled``, review tier, no fix) spans the sentence, as
a copy editor reads it; ``evidence["lm_spans"]`` localises it: the words whose
surprisal spikes above what native English shows for their class, with their
surprisals, so review and JSON point at the word.

Longer than 400 lines because the word units, the features, the decision and
the reference's format are one algorithm that ``scripts/build_reference.py``
must reproduce exactly; split, they would drift apart.
"""
from __future__ import annotations

import bisect
import json
import re
import statistics
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from mtfix.model import Finding, Tier

if TYPE_CHECKING:
    from mtfix.settings import LMSettings

GARBLED_RULE = "lm-garbled-sentence"
CATEGORY = "garbled"
REFERENCE_PATH = Path(__file__).resolve().parent.parent / "data" / "garbled_reference.json"
#: Quantiles stored in the reference (the JSON lists values in this order).
QUANTILES = (0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995)
#: With a reference, texts at least this long are scanned (a headline and a
#: lead paragraph); shorter ones never load the model for the scan.
MIN_TEXT_WORDS = 20
#: With a reference, sentences and headings of at least this many words are
#: judged (the article-relative score keeps ``garbled_min_words``).
MIN_WORDS_REFERENCE = 4
#: Reference score (mean robust z of the four features against native
#: English) at which a sentence is flagged on its own ...
REF_Z = 3.0
#: ... or when a rule found an MT artefact inside it ...
REF_Z_WITH_FINDINGS = 1.75
#: With an article score, the article method's own decision (``garbled_z``,
#: or ``garbled_z_with_findings`` with a rule finding inside) stands when the
#: reference agrees at least this much: an outlier of its article that reads
#: like ordinary native English is the article's blind spot, not garbled.
REF_Z_CONFIRM = 0.5
#: Score only the lines worth it (:func:`worth_scoring`; with a reference).
#: Measured: on corpora/web/dev it scores 71 % of the words with the same
#: garbled recall and fewer false flags; on native news, 23 % of the words.
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


# -- the shipped reference -----------------------------------------------------------

@lru_cache(maxsize=None)
def _reference_file(path: str) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_reference(model: str, path: Path | None = None) -> dict[str, Any] | None:
    """The native-English reference for ``model`` (its resolved name), or None."""
    data = _reference_file(str(path or REFERENCE_PATH))
    return (data.get("models") or {}).get(model)


def robust(values: list[float]) -> dict[str, Any]:
    """Median, MAD (scaled to a standard deviation) and :data:`QUANTILES`."""
    vals = sorted(values)
    if not vals:
        return {"n": 0, "median": 0.0, "mad": 1.0, "q": [0.0] * len(QUANTILES)}
    med = statistics.median(vals)
    mad = statistics.median(abs(v - med) for v in vals) * 1.4826 or 1e-6
    q = [vals[min(len(vals) - 1, int(p * len(vals)))] for p in QUANTILES]
    return {"n": len(vals), "median": round(med, 4), "mad": round(mad, 4),
            "q": [round(x, 4) for x in q]}


def _z(x: float, stats: dict[str, Any]) -> float:
    return (x - stats["median"]) / (stats["mad"] or 1e-6)


# -- tokens and words ----------------------------------------------------------------

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
#: Quote marks: straight, curly, guillemets, spaced or not, they are the
#: typography rules' business, and a small model finds them all surprising.
_QUOTES = set('"“”«»‹›„\'‘’')


def _is_quote(piece: str) -> bool:
    p = piece.strip()
    return bool(p) and all(c in _QUOTES for c in p)


def discounted(body: str, toks, common: Callable[[str], bool] = lambda w: False,
               quotes: bool = False) -> tuple[list[float], list[bool]]:
    """Surprisals with what a small model cannot know capped at the line's
    median: names (a capitalised word, not line-initial, that is not an
    ordinary word), numbers, later pieces of a word split into several
    tokens (the first piece already paid), the line's first token, and with
    ``quotes`` the quote marks themselves (the reference method: their
    spacing and shape are the typography rules' business).
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
        if i == 0 or not starts_word or (quotes and _is_quote(t.text)):
            v = min(v, med)
        elif word[:1].isdigit():
            v = min(v, med)
        elif word[:1].isupper() and _word_start(body, t.start) > 0 and not common(word):
            v = min(v, med)
        vals.append(v)
        w = t.text.strip()
        funcs.append(i > 0 and ((w.lower() in _FUNCTION and whole) or w in _PUNCT))
    return vals, funcs


def words(body: str, toks, common: Callable[[str], bool] = lambda w: False,
          zipf: Callable[[str], float] | None = None) -> list[dict[str, Any]]:
    """The line's tokens grouped into words: character span, text, class and
    value (the sum of its pieces' surprisals, so a glued or split word pays
    for every piece). Class ``skip`` (names, numbers, the line's first word:
    not judged), ``punct``, ``func`` (closed-class), ``common`` (Zipf >= 4)
    or ``rare``."""
    if zipf is None:
        from mtfix.lexicon import zipf as _zipf

        zipf = _zipf
    out: list[dict[str, Any]] = []
    for i, t in enumerate(toks):
        piece = t.text.strip()
        glued = (i > 0 and t.start > 0 and not t.text[:1].isspace() and body[t.start - 1].isalnum()
                 and piece[:1].isalnum())
        if glued and out:
            u = out[-1]
            u["end"], u["value"] = t.end, u["value"] + t.surprisal
            continue
        lo = t.start + (len(t.text) - len(t.text.lstrip()))
        out.append({"start": lo, "end": t.end, "value": t.surprisal, "first": i == 0})
    for u in out:
        w = body[u["start"]:u["end"]]
        u["text"] = w
        if not w or _is_quote(w):
            u["cls"] = "skip"
        elif not any(c.isalnum() for c in w):
            u["cls"] = "punct"
        elif u["first"] or any(c.isdigit() for c in w) or (
                w[:1].isupper() and not common(w.strip("'’"))):
            u["cls"] = "skip"
        elif w.lower() in _FUNCTION:
            u["cls"] = "func"
        else:
            u["cls"] = "common" if zipf(w.strip("'’-")) >= 4.0 else "rare"
    return out


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
        """``(block, text)`` of every line the scan judges: with a reference
        every line of :data:`MIN_WORDS_REFERENCE` words, headings included;
        without one, the non-heading lines of ``garbled_min_words``. With
        ``prefilter`` (default :data:`PREFILTER`; needs a reference), only the
        lines :func:`worth_scoring` picks."""
        minw = self._min_words()
        ref = self.reference is not None
        pick = ref and (PREFILTER if prefilter is None else prefilter)
        out = []
        for b in doc.blocks:
            body = doc.text[b.start:b.end]
            if (ref or not b.heading) and len(re.findall(r"\w+", body)) >= minw:
                if not pick or worth_scoring(doc, b, findings or []):
                    out.append((b, body))
        return out

    def enough_text(self, doc) -> bool:
        """Is there anything to judge? With a reference: a text of
        :data:`MIN_TEXT_WORDS` words; without: five judged sentences (fewer
        give no article statistics). A short text without LM-decided findings
        then never loads the model."""
        if self.reference is not None:
            return doc.words >= MIN_TEXT_WORDS and bool(self.lines(doc))
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


def worth_scoring(doc, block, findings: list[Finding]) -> bool:
    """A cheap guess, without the model, that a line may hold garbled text:
    a rule found an MT artefact in it, it has a lower-case word that English
    rarely uses (Zipf < 3: a glued, split or French word), a French function
    word, or it is a heading (short, judged by the reference alone)."""
    from mtfix.lexicon import frenchness, zipf

    if block.heading:
        return True
    if any(block.start <= f.start < block.end and f.source == "rules"
           and f.category not in _NOT_ARTEFACTS for f in findings):
        return True
    for m in re.finditer(r"[^\W\d_]+(?:['’][^\W\d_]+)?", doc.text[block.start:block.end]):
        w = m.group()
        if w[:1].islower() and (zipf(w) < 3.0 or frenchness(w) >= 2.0):
            return True
    return False


def line_features(doc, block, body: str, toks, win: int, minw: int, ref, common,
                  explained: list[tuple[int, int]] = ()) -> list[dict]:
    """:meth:`GarbledScan.sentence_features` for one scored line.
    ``explained``: spans (document offsets) of what the rules already found;
    their tokens are capped at the line's median, so that a sentence is
    judged on what the rules do not explain."""
    text = doc.text
    vals, funcs = discounted(body, toks, common, quotes=bool(ref))
    if explained and toks:
        med = statistics.median(t.surprisal for t in toks)
        for i, t in enumerate(toks):
            a, b = block.start + t.start, block.start + t.end
            if any(lo < b and a < hi for lo, hi in explained):
                vals[i] = min(vals[i], med)
    units = words(body, toks, common) if ref else []
    wstats = (ref or {}).get("word_classes", {})
    for u in units:
        st = wstats.get(u["cls"])
        a, b = block.start + u["start"], block.start + u["end"]
        if explained and any(lo < b and a < hi for lo, hi in explained):
            u["cls"] = "skip"
        u["z"] = _z(u["value"], st) if st and u["cls"] != "skip" else 0.0
    out = []
    for sent in doc.sentences:
        if not (block.start <= sent.start < block.end):
            continue
        if len(re.findall(r"\w+", text[sent.start:sent.end])) < minw:
            continue
        idx = [i for i, t in enumerate(toks)
               if block.start + t.end > sent.start and block.start + t.start < sent.end]
        if not idx:
            continue
        w = min(win, len(idx))
        v = [vals[i] for i in idx]
        best, at = -1.0, 0
        for i in range(len(v) - w + 1):
            m = sum(v[i:i + w]) / w
            if m > best:
                best, at = m, i
        f = [vals[i] for i in idx if funcs[i]]
        first, last = toks[idx[at]], toks[idx[at + w - 1]]
        mine = [u for u in units
                if block.start + u["end"] > sent.start and block.start + u["start"] < sent.end]
        row = {"span": sent, "peak": best, "mean": sum(v) / len(v),
               "func": max(f) if f else 0.0, "heading": block.heading,
               "long": len(re.findall(r"\w+", text[sent.start:sent.end])),
               "where": (block.start + first.start, block.start + last.end),
               "words": [dict(u, start=block.start + u["start"], end=block.start + u["end"])
                         for u in mine]}
        if ref:
            row["word"] = max((u["z"] for u in mine), default=0.0)
        out.append(row)
    return out


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
        old = _flagged(za, None, artefacts, settings)
        if old is not None:
            return old[0], old[1], old[2] + "+reference"
    if artefacts and zr >= REF_Z_WITH_FINDINGS:
        return zr, REF_Z_WITH_FINDINGS, "reference+rules"
    return None
