"""mtfix alone, LanguageTool alone, and both together, on the gold corpora.

    .venv/bin/python bench/compare_lt.py [corpora/] [--lm] [--controls DIR_OR_FILE ...] [--json OUT]

Prints Markdown tables (the README's side-by-side table comes from here):

1. per artefact class: precision, recall and F0.5 of each system. Scoring is
   mtfix eval's (span overlap with a gold annotation, see mtfix/evaluate.py),
   but **class-blind**: a finding that overlaps a gold span counts for that
   span's class whatever category the tool gave it, because LanguageTool
   files everything under its own categories (a false friend is "grammar" to
   mtfix's JSON, "calques" to our gold). Findings that overlap no gold span
   stay in their own category (``grammar`` for LanguageTool's), so they
   count against precision in the total. The strict per-category total of
   ``mtfix eval`` is printed too.
2. seconds per 1,000 words, each system warm (one untimed pass over the
   longest document first; the server start and the rule loading are
   measured once, separately).
3. with ``--controls``: findings per 1,000 words on texts that should be left
   alone (the human reference, native English), all tiers and
   suggested-or-safe only.

The language model is off unless ``--lm`` is given (it is the same for
"mtfix" and "both", and slow to load on two cores).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtfix.corpus import GOLD_CATEGORIES, iter_corpus, read_text  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.engine import Engine  # noqa: E402
from mtfix.evaluate import Score, score_document  # noqa: E402
from mtfix.grammar import LanguageToolBackend  # noqa: E402
from mtfix.model import Tier  # noqa: E402
from mtfix.settings import load_settings  # noqa: E402

SYSTEMS = ("mtfix", "LanguageTool", "both")


def class_blind(gold, findings):
    """Relabel each finding with the class of the first gold span it overlaps."""
    out = []
    for f in findings:
        lo, hi = f.span
        hit = next((a for a in gold.annotations if a.overlaps(lo, hi) or a.overlaps(f.start, f.end)), None)
        out.append(replace(f, category=hit.category) if hit else f)
    return out


class Runner:
    """The three systems, each warm before anything is timed."""

    def __init__(self, lm: bool) -> None:
        settings = load_settings(True, lm=lm)  # the config found upward, as the CLI does
        quiet = lambda msg: print(f"[compare] {msg}", file=sys.stderr)  # noqa: E731
        self.engines = {
            "mtfix": Engine(settings.replace(grammar=False), on_warning=quiet),
            "both": Engine(settings.replace(grammar=True), on_warning=quiet),
        }
        self.lt = LanguageToolBackend(settings.languagetool)
        ok, why = self.lt.available()
        if not ok:
            raise SystemExit(f"compare_lt: LanguageTool unavailable: {why}")
        warm = Document("Warm up: the minister have said that he is actually here.\n")
        self.warm_text = warm
        t0 = time.monotonic()
        self.lt.check(warm)
        self.lt_start = time.monotonic() - t0
        self.lt_server_start = self.lt._server.start_seconds if self.lt._server else 0.0
        self.warm = {}
        for name, eng in self.engines.items():
            t0 = time.monotonic()
            eng.check(warm)
            self.warm[name] = time.monotonic() - t0

    def warm_up(self, doc: Document) -> None:
        """One untimed pass over a real document: the JVM compiles LanguageTool's
        hot paths during the first few thousand words."""
        for s in SYSTEMS:
            self.check(s, doc)

    def check(self, name: str, doc: Document):
        t0 = time.monotonic()
        findings = self.lt.check(doc) if name == "LanguageTool" else self.engines[name].check(doc)
        return findings, time.monotonic() - t0

    def close(self) -> None:
        for eng in self.engines.values():
            eng.close()
        self.lt.close()


def compare(runner: Runner, folder: Path) -> dict:
    docs = iter_corpus(folder)
    if not docs:
        raise SystemExit(f"compare_lt: no NAME.txt + NAME.gold.yaml in {folder}")
    blind = {s: defaultdict(Score) for s in SYSTEMS}
    strict = {s: Score() for s in SYSTEMS}
    seconds = Counter()
    words = 0
    tiers = {s: Counter() for s in SYSTEMS}
    longest = max(docs, key=lambda g: len(g.text))
    runner.warm_up(Document(longest.text, str(longest.path)))
    for gold in docs:
        doc = Document(gold.text, str(gold.path))
        words += doc.words
        for s in SYSTEMS:
            findings, dt = runner.check(s, doc)
            seconds[s] += dt
            tiers[s].update(f.tier.value for f in findings)
            by_class, _ = score_document(gold, class_blind(gold, findings))
            for k, sc in by_class.items():
                blind[s][k].add(sc)
            by_class, _ = score_document(gold, findings)
            for sc in by_class.values():
                strict[s].add(sc)
    return {"docs": [d.name for d in docs], "words": words, "blind": blind, "strict": strict,
            "seconds": dict(seconds), "tiers": tiers}


def controls(runner: Runner, paths: list[Path]) -> list[dict]:
    rows = []
    for p in paths:
        files = sorted(p.glob("*.txt")) if p.is_dir() else [p]
        for f in files:
            doc = Document(read_text(f), str(f))
            for s in SYSTEMS:
                findings, dt = runner.check(s, doc)
                strong = [x for x in findings if x.tier is not Tier.REVIEW]
                lt_only = [x for x in findings if x.source == "languagetool"]
                rows.append({"file": f.name, "system": s, "words": doc.words, "seconds": dt,
                             "findings": len(findings), "suggested_or_safe": len(strong),
                             "languagetool": len(lt_only),
                             "top": Counter(x.rule for x in lt_only).most_common(5)})
    return rows


def _f(x) -> str:
    return "–" if x is None else f"{100 * x:.0f}"


def markdown(res: dict, runner: Runner, ctrl: list[dict]) -> str:
    out = [f"Corpus: {len(res['docs'])} annotated documents, {res['words']} words "
           f"({', '.join(res['docs'])}).", ""]
    head = "| class | " + " | ".join(f"{s} P | {s} R | {s} F0.5" for s in SYSTEMS) + " |"
    out += [head, "|" + "---|" * (1 + 3 * len(SYSTEMS))]
    classes = [c for c in GOLD_CATEGORIES if any(res["blind"][s][c].gold for s in SYSTEMS)]
    extra = sorted({k for s in SYSTEMS for k in res["blind"][s]} - set(GOLD_CATEGORIES))
    for c in classes + extra + ["total"]:
        cells = []
        for s in SYSTEMS:
            if c == "total":
                sc = Score()
                for v in res["blind"][s].values():
                    sc.add(v)
            else:
                sc = res["blind"][s][c]
            if c in extra:  # findings on no gold span: only a count
                cells += [f"{sc.predicted} unmatched", "", ""]
            else:
                cells += [_f(sc.precision), _f(sc.recall), _f(sc.f05)]
        label = f"**{c}**" if c == "total" else c
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    strict = [f"{s} P {_f(res['strict'][s].precision)} R {_f(res['strict'][s].recall)} "
              f"F0.5 {_f(res['strict'][s].f05)}" for s in SYSTEMS]
    out += ["", "Strict (category must equal the gold class, as `mtfix eval`): " + "; ".join(strict) + ".", ""]
    out += ["| | " + " | ".join(SYSTEMS) + " |", "|---|" + "---|" * len(SYSTEMS)]
    out.append("| seconds per 1,000 words (warm) | " + " | ".join(
        f"{1000 * res['seconds'][s] / res['words']:.2f}" for s in SYSTEMS) + " |")
    out.append("| findings (safe/suggested/review) | " + " | ".join(
        "/".join(str(res["tiers"][s][t.value]) for t in Tier) for s in SYSTEMS) + " |")
    out += ["", f"LanguageTool server start {runner.lt_server_start:.1f} s; start plus first check "
            f"{runner.lt_start:.1f} s. First check per engine (rule loading, LM if on): "
            + ", ".join(f"{k} {v:.1f} s" for k, v in runner.warm.items()) + "."]
    if ctrl:
        out += ["", "| control file | system | words | findings /1k words | suggested+safe /1k | "
                "LanguageTool /1k | s /1k words |", "|---|---|---|---|---|---|---|"]
        for r in ctrl:
            k = 1000 / r["words"]
            out.append(f"| {r['file']} | {r['system']} | {r['words']} | {r['findings'] * k:.1f} | "
                       f"{r['suggested_or_safe'] * k:.2f} | {r['languagetool'] * k:.1f} | {r['seconds'] * k:.2f} |")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "corpora"))
    ap.add_argument("--lm", action="store_true", help="let mtfix use its language model")
    ap.add_argument("--controls", nargs="*", default=[], type=Path,
                    help="texts that should stay untouched (files or folders of *.txt)")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    args = ap.parse_args(argv)
    runner = Runner(lm=args.lm)
    try:
        res = compare(runner, Path(args.folder))
        ctrl = controls(runner, args.controls)
    finally:
        runner.close()
    sys.stdout.write(markdown(res, runner, ctrl))
    if args.json:
        def d(sc):
            return {"predicted": sc.predicted, "correct": sc.correct, "gold": sc.gold, "found": sc.found,
                    "precision": sc.precision, "recall": sc.recall, "f0.5": sc.f05}
        blob = {"docs": res["docs"], "words": res["words"], "seconds": res["seconds"],
                "blind": {s: {k: d(v) for k, v in res["blind"][s].items()} for s in SYSTEMS},
                "strict": {s: d(res["strict"][s]) for s in SYSTEMS}, "controls": ctrl,
                "lt_server_start": runner.lt_server_start, "lt_first_check": runner.lt_start}
        args.json.write_text(json.dumps(blob, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
