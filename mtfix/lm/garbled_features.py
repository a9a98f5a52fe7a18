"""The garbled-text scan's measurements: word units, sentence features, the reference.

Why a module of its own: :mod:`mtfix.lm.garbled` decides which sentences the
model scores and which it flags; this module measures a scored sentence, the
same way for an article and for ``scripts/build_reference.py``, which builds
the native-English statistics the article is compared with. Keeping the
measurement in one place is what keeps the two from drifting apart.

A sentence's features: ``func`` (the worst closed-class token: syntax shows
there), ``peak`` (the worst run of ``garbled_window`` tokens), ``mean``, and
``word``: the worst *word*, its pieces' surprisals summed, in robust z units
of native words of its class (function word, punctuation, common word, rare
word), so that a glued word (``rebaduring``), a split one or a French word
left in the text stands out while a merely rare English word does not. What a
small model cannot know is discounted first (names, numbers, the first token,
the later pieces of a split word: :func:`discounted`).
"""
from __future__ import annotations

import json
import re
import statistics
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

REFERENCE_PATH = Path(__file__).resolve().parent.parent / "data" / "garbled_reference.json"
#: Quantiles stored in the reference (the JSON lists values in this order).
QUANTILES = (0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995)

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


def line_features(doc, block, body: str, toks, win: int, minw: int, ref, common,
                  explained: list[tuple[int, int]] = ()) -> list[dict]:
    """:meth:`~mtfix.lm.garbled.GarbledScan.sentence_features` for one
    scored unit (``block``: a line, or with a reference a sentence on its
    own), for each judged sentence that starts in it.
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
