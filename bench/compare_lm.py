"""What the language model is worth: rules only against rules + model, per class.

Why: issue #13 §6. The model costs most of a run's time; this says, class by
class, what it adds (gold annotations found only with it, findings it makes
right) and what it wrongly adds (findings with it that match no gold
annotation), on the web corpus's held-out test split first, then dev and the
WMT documents of ``corpora/``, and what it flags on the controls (the human
reference translation and native English), per 1,000 words.

    PYTHONPATH=. python bench/compare_lm.py                   # test, dev, corpora/, controls
    PYTHONPATH=. python bench/compare_lm.py --only test       # one split
    PYTHONPATH=. python bench/compare_lm.py --json out.json

Both runs use the same engine settings except ``lm``; LanguageTool is off in
both (``--grammar`` turns it on for both).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"

import mtfix  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.evaluate import Report, Score, splits, _evaluate  # noqa: E402
from mtfix.model import CATEGORIES, Tier  # noqa: E402

CONTROLS = [SHARED / "wmt13-fr-original" / "ref.txt",
            SHARED / "native-english" / "wmt13-newstest2013.en-original.docs.txt"]


def _pct(x: float | None) -> str:
    return "   –" if x is None else f"{100 * x:4.0f}"


def sets(only: str | None) -> list[tuple[str, list]]:
    """(label, gold documents): web test, web dev, the WMT documents of corpora/."""
    web = splits(ROOT / "corpora" / "web")
    out = [(f"web/{k}", v) for k, v in web.items()]
    wmt = [d for d in splits(ROOT / "corpora")[""] if d.name.startswith("wmt13-")]
    out.append(("corpora/wmt13-*", wmt))
    return [(k, v) for k, v in out if only is None or only in k]


def table(rules: Report, lm: Report) -> list[str]:
    """Per class: gold, then found/predicted/P/R without and with the model,
    and the difference: gold found only with the model (+found), findings
    with the model that match nothing (+wrong = the change in wrong ones)."""
    lines = [f"{'class':<14} {'gold':>5} | {'rules: pred':>11} {'found':>5} {'P%':>4} {'R%':>4} | "
             f"{'+lm: pred':>9} {'found':>5} {'P%':>4} {'R%':>4} | {'+found':>6} {'+wrong':>6}"]
    names = [c for c in CATEGORIES if c in rules.by_class or c in lm.by_class]
    names += sorted((set(rules.by_class) | set(lm.by_class)) - set(names))
    for name in names + ["TOTAL"]:
        a = rules.total if name == "TOTAL" else rules.by_class.get(name, Score())
        b = lm.total if name == "TOTAL" else lm.by_class.get(name, Score())
        if not (a.gold or a.predicted or b.predicted):
            continue
        wrong = (b.predicted - b.correct) - (a.predicted - a.correct)
        lines.append(f"{name:<14} {a.gold:>5} | {a.predicted:>11} {a.found:>5} {_pct(a.precision):>4} "
                     f"{_pct(a.recall):>4} | {b.predicted:>9} {b.found:>5} {_pct(b.precision):>4} "
                     f"{_pct(b.recall):>4} | {b.found - a.found:>+6} {wrong:>+6}")
    lines.append(f"{'tier (+lm)':<14} " + "  ".join(
        f"{t.value} {lm.by_tier.get(t.value, Score()).predicted}/"
        f"{_pct(lm.by_tier.get(t.value, Score()).precision).strip()}%" for t in Tier))
    return lines


def controls(engine_rules, engine_lm) -> list[str]:
    """Findings the model adds on the controls, per 1,000 words, by tier."""
    out = []
    for path in CONTROLS:
        if not path.exists():
            out.append(f"{path}: missing")
            continue
        doc = Document(path.read_text(encoding="utf-8"), str(path))
        before = {(f.rule, f.start, f.end, f.tier) for f in engine_rules.check(doc)}
        after = engine_lm.check(doc)
        added = [f for f in after if (f.rule, f.start, f.end, f.tier) not in before]
        k = doc.words / 1000
        review = sum(f.tier is Tier.REVIEW for f in added)
        out.append(f"{path.name:<48} {doc.words:>6} words: model adds "
                   f"{len(added) - review} safe/suggested ({(len(added) - review) / k:.2f}/1k), "
                   f"{review} review ({review / k:.2f}/1k)")
        out += [f"    [{f.rule}] ({f.tier.value}) {' '.join(doc.text[f.start:f.end].split())[:90]!r}"
                for f in added]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="only the sets whose label contains this (test, dev, wmt)")
    ap.add_argument("--grammar", action="store_true", help="LanguageTool on in both runs")
    ap.add_argument("--no-controls", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    rules = mtfix.load(lm=False, grammar=args.grammar)
    lm = mtfix.load(lm=True, grammar=args.grammar)
    data = {}
    try:
        for label, docs in sets(args.only):
            t0 = time.perf_counter()
            a = _evaluate(rules, docs)
            t1 = time.perf_counter()
            b = _evaluate(lm, docs)
            t2 = time.perf_counter()
            print(f"== {label}: {len(docs)} documents, {a.words} words"
                  + (" (held out: never tuned on)" if label.endswith("test") else "")
                  + f"; rules {t1 - t0:.1f} s, rules + model {t2 - t1:.1f} s")
            print("\n".join(table(a, b)) + "\n")
            data[label] = {k: {c: vars(s) for c, s in r.by_class.items()}
                           for k, r in (("rules", a), ("lm", b))}
        if not args.no_controls and args.only is None:
            print("== controls (rules + model against rules only)")
            print("\n".join(controls(rules, lm)))
    finally:
        rules.close()
        lm.close()
    if args.json:
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
