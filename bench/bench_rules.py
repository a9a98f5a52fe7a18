"""Rules only, on one core: sentences a second (issue #14, item 3).

Builds a fixed text of about 60,000 words of news, half native English
(``../shared/corpus/native-english``, split into its articles at the
``# docid`` lines) and half machine-translated web articles
(``corpora/web/dev``), the two interleaved article by article in file order
and repeated until the word count is reached, so every run on every machine
checks the same text. Then runs the rule engine alone (no language model, no
LanguageTool: ``mtfix.load(lm=False, grammar=False)``) in this process,
pinned to one core where the OS allows it, and prints sentences a second,
words a second, seconds per 1,000 words and peak memory (the median of
``--repeat`` runs).

By default each article is checked as its own document, as ``mtfix check``
does with a folder of articles; ``--whole`` checks the whole text as one
document instead (article-level detectors then see 60,000 words at once).

    PYTHONPATH=. python bench/bench_rules.py                 # median of 3
    PYTHONPATH=. python bench/bench_rules.py --repeat 5 --whole
    PYTHONPATH=. python bench/bench_rules.py --profile       # + top 25 functions
    PYTHONPATH=. python bench/bench_rules.py --by-rule       # + CPU seconds of each rule

``--by-rule`` times each rule's ``run`` over the whole text once more: a flat
function profile hides which rule a shared scan belongs to (the first rule of
a detector that asks for a document memo pays for it, the others read it).

This is a benchmark, not a test: it measures time on this machine. The tests
count work instead (tests/test_reliability_rules.py).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"


def articles() -> tuple[list[str], list[str]]:
    """The native articles and the machine-translated ones, in file order."""
    native: list[str] = []
    for f in sorted((SHARED / "native-english").glob("*.txt")):
        cur: list[str] = []
        for line in f.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.startswith("# docid") and cur:
                native.append("".join(cur))
                cur = []
            cur.append(line)
        if cur:
            native.append("".join(cur))
    mt = [f.read_text(encoding="utf-8") for f in sorted((ROOT / "corpora" / "web" / "dev").glob("*.txt"))
          if not f.name.endswith(".fixed.txt")]
    return native, mt


def _words(text: str) -> int:
    return len(text.split())


def corpus(words: int) -> list[str]:
    """Articles, native and MT taken in turn, cycled until ``words`` words."""
    native, mt = articles()
    order: list[str] = []
    for i in range(max(len(native), len(mt))):
        if i < len(native):
            order.append(native[i])
        if i < len(mt):
            order.append(mt[i])
    out, n, i = [], 0, 0
    while n < words:
        a = order[i % len(order)]
        out.append(a)
        n += _words(a)
        i += 1
    return out


def pin_one_core() -> str:
    """Run on one core (the first this process may use), where the OS allows it."""
    if hasattr(os, "sched_setaffinity"):
        cores = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cores[0]})
        return f"pinned to core {cores[0]}"
    return "not pinned (no sched_setaffinity here)"


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=60_000, help="size of the text (default 60,000 words)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the median counts (default 3)")
    ap.add_argument("--whole", action="store_true", help="check the whole text as one document")
    ap.add_argument("--profile", action="store_true", help="also print the top functions from cProfile")
    ap.add_argument("--top", type=int, default=25, help="functions (or rules) to print")
    ap.add_argument("--by-rule", action="store_true", help="also print the CPU seconds of each rule")
    args = ap.parse_args()
    if not os.environ.get("PYTHONPATH"):
        sys.path.insert(0, str(ROOT))  # this checkout's mtfix; PYTHONPATH may name another to compare
    pinned = pin_one_core()
    import mtfix
    from mtfix.document import Document

    docs = corpus(args.words)
    texts = ["\n".join(docs)] if args.whole else docs
    words = sum(_words(t) for t in texts)
    sentences = sum(len(Document(t).sentences) for t in texts)
    with mtfix.load(lm=False, grammar=False) as engine:
        engine.check("Warm-up: load the rules and the word lists.")
        runs, cpu, found = [], [], 0
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            found = sum(len(engine.check(Document(t, "bench"))) for t in texts)
            runs.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            for t in texts:
                engine.check(Document(t, "bench"))
            prof.disable()
        by_rule = _by_rule(engine, texts) if args.by_rule else []
    sec = statistics.median(runs)
    print(f"rules only, {pinned}; {len(texts)} document{'s' * (len(texts) != 1)}, "
          f"{words:,} words, {sentences:,} sentences, {found:,} findings")
    print(f"runs (s): {', '.join(f'{r:.3f}' for r in runs)}; median {sec:.3f} s "
          f"(CPU {statistics.median(cpu):.3f} s: on a busy machine the CPU figure is the steadier; "
          f"sentences/s on CPU time {sentences / statistics.median(cpu):,.0f})")
    print(f"sentences/s: {sentences / sec:,.0f}")
    print(f"words/s: {words / sec:,.0f}")
    print(f"s per 1,000 words: {sec * 1000 / words:.4f}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    if args.profile:
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
    if by_rule:
        print(f"CPU s by rule (top {args.top}):")
        for seconds, rule in by_rule[:args.top]:
            print(f"  {seconds:7.3f}  {rule}")
    return 0


def _by_rule(engine, texts: list[str]) -> list[tuple[float, str]]:
    """CPU seconds of each enabled rule over ``texts``, in the pack's order on
    each document (so memo sharing is as in a real run), most first."""
    from mtfix.document import Document
    from mtfix.rules.limits import deadlines

    rules = [r for r in engine.pack.enabled() if engine._selected(r.id, r.category)]
    spent = dict.fromkeys((r.id for r in rules), 0.0)
    for t in texts:
        doc = Document(t, "bench")
        with deadlines():
            for r in rules:
                c0 = time.process_time()
                r.run(doc)
                spent[r.id] += time.process_time() - c0
    return sorted(((s, rid) for rid, s in spent.items()), reverse=True)


if __name__ == "__main__":
    raise SystemExit(main())
