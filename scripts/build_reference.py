"""Build the native-English reference of the garbled-text scan.

Why: the scan (:mod:`mtfix.lm.garbled`) judges a sentence against what the
model's surprisal looks like on English written by English-language
newsrooms, so that a short article or a headline can be judged and an article
garbled all through does not look normal to itself. This script scores the
native news of ``corpora/native-reference/`` once with the configured model,
exactly as the scan scores an article (each line on its own, headings
included, each sentence on its own, as the scan sends them), and stores,
under the model's name:

* ``words``: per word class (function word, punctuation, common word, rare
  word; names and numbers are not judged) the median, MAD and quantiles of a
  word's surprisal (its pieces summed);
* ``sentences``: the same statistics of the four sentence features
  (``func``, ``peak``, ``mean``, ``word``).

    PYTHONPATH=. python scripts/build_reference.py            # default model
    PYTHONPATH=. python scripts/build_reference.py --check    # differs from the shipped file?
    PYTHONPATH=. python scripts/build_reference.py --cache /tmp/mtfix-garbled-cache.json

``--cache`` keeps every sentence's token scores in a JSON file and answers
from it next time (``scripts/cv_garbled.py`` shares it): the model's answers
for the same text do not change, and tuning the scan then costs no scoring.

Other models' entries in the JSON are kept; a model without an entry falls
back to the article-relative method.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtfix.document import Document  # noqa: E402
from mtfix.lm.garbled import (MIN_WORDS_REFERENCE, QUANTILES, REFERENCE_PATH, GarbledScan,  # noqa: E402
                              line_features, robust, words)
from mtfix.lm.scoring import Scorer, TokenScore  # noqa: E402
from mtfix.settings import LMSettings  # noqa: E402

SOURCE = ROOT / "corpora" / "native-reference"


class CachedScorer(Scorer):
    """A :class:`Scorer` whose sentence surprisals are kept in a JSON file
    (``{sentence: [[start, end, text, surprisal], ...]}``, context-free
    items only, which is all the scan sends): scored once, answered from
    the file afterwards. ``save()`` writes what was added."""

    def __init__(self, path: Path, settings: LMSettings | None = None) -> None:
        super().__init__(settings)
        self.path = Path(path)
        try:
            self.cache = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.cache = {}
        self.added = 0

    def surprisals(self, items):
        bodies = [it if isinstance(it, str) else it[1] for it in items]
        assert all(isinstance(it, str) or not it[0] for it in items), "context-free items only"
        todo = list(dict.fromkeys(b for b in bodies if b not in self.cache))
        if todo:
            for b, row in zip(todo, super().surprisals(todo)):
                self.cache[b] = [[t.start, t.end, t.text, t.surprisal] for t in row]
            self.added += len(todo)
        self.load()  # the tokenizer: the scan asks it which capitalised words are ordinary
        return [[TokenScore(*t) for t in self.cache[b]] for b in bodies]

    def save(self) -> None:
        if self.added:
            self.path.write_text(json.dumps(self.cache), encoding="utf-8")
            self.added = 0


def build(scorer: Scorer, folder: Path = SOURCE) -> dict:
    """The reference entry for ``scorer``'s model from the texts of ``folder``."""
    settings = LMSettings()
    scan = GarbledScan(settings, scorer, reference={"word_classes": {}})  # the reference method's lines
    docs = [Document(p.read_text(encoding="utf-8"), str(p)) for p in sorted(folder.glob("*.txt"))]
    lines = [(doc, b, body) for doc in docs for b, body in scan.lines(doc, prefilter=False)]
    rows = scorer.surprisals([("", body) for _d, _b, body in lines])
    by_class: dict[str, list[float]] = defaultdict(list)
    for (_d, _b, body), toks in zip(lines, rows):
        for u in words(body, toks, scan._common_word):
            if u["cls"] != "skip":
                by_class[u["cls"]].append(u["value"])
    wstats = {k: robust(v) for k, v in sorted(by_class.items())}
    feats: dict[str, list[float]] = defaultdict(list)
    for (doc, b, body), toks in zip(lines, rows):
        for f in line_features(doc, b, body, toks, settings.garbled_window, MIN_WORDS_REFERENCE,
                               {"word_classes": wstats}, scan._common_word):
            for k in ("func", "peak", "mean", "word"):
                feats[k].append(f[k])
    return {"source": "corpora/native-reference", "documents": len(docs),
            "text_words": sum(d.words for d in docs), "lines": len(lines),
            "sentences_judged": len(feats["mean"]), "backend": scorer.backend_name,
            "quantiles": list(QUANTILES), "word_classes": wstats,
            "sentences": {k: robust(v) for k, v in feats.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REFERENCE_PATH)
    ap.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    ap.add_argument("--cache", type=Path, help="keep and reuse the token scores in this JSON file")
    args = ap.parse_args(argv)
    scorer = (CachedScorer(args.cache) if args.cache else Scorer()).load()
    t = time.perf_counter()
    entry = build(scorer)
    if args.cache:
        scorer.save()
    try:
        data = json.loads(args.out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data.setdefault("about", "native-English surprisal statistics of the garbled-text scan, "
                             "per model; built by scripts/build_reference.py")
    old = (data.get("models") or {}).get(scorer.name)
    print(f"{scorer.name}: {entry['documents']} documents, {entry['text_words']} words, "
          f"{entry['sentences_judged']} sentences in {time.perf_counter() - t:.1f} s")
    if args.check:
        same = old == json.loads(json.dumps(entry))
        print("same as the shipped reference" if same else "differs from the shipped reference")
        return 0 if same else 1
    data.setdefault("models", {})[scorer.name] = entry
    args.out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
