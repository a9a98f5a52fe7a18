"""How ``check`` scales with the size of the text (issue #11, item 7).

Builds 1 MiB and 8 MiB of varied news text from the paragraphs of
``corpora/`` and ``../shared/corpus/`` (shuffled with a fixed seed, each pass
over the paragraphs in a new order), runs the rules only (no language model,
no LanguageTool) on each, and prints the seconds and their ratio. Linear
detectors give a ratio near 8; the acceptance bound is 10.

    PYTHONPATH=. python bench/bench_scale.py            # 1 and 8 MiB
    PYTHONPATH=. python bench/bench_scale.py --sizes 1 2 4 8 --repeat 3

This is a benchmark, not a test: it measures wall time on this machine. The
tests (tests/test_reliability_rules.py) count work instead.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"
MIB = 1 << 20


def paragraphs() -> list[str]:
    files = [p for p in sorted((ROOT / "corpora").rglob("*.txt")) if not p.name.endswith(".fixed.txt")]
    files += sorted(SHARED.rglob("*.txt"))
    return [p for f in files for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def news(size: int, seed: int = 0) -> str:
    """About ``size`` bytes of news text."""
    paras, rng, out, n = paragraphs(), random.Random(seed), [], 0
    while n < size:
        order = paras[:]
        rng.shuffle(order)
        for p in order:
            out.append(p)
            n += len(p.encode("utf-8")) + 2
            if n >= size:
                break
    return "\n\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 8], help="sizes in MiB")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (the fastest counts)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import mtfix

    with mtfix.load(lm=False, grammar=False) as engine:
        engine.check("Warm-up: load the rules.")
        seconds = {}
        for mib in args.sizes:
            text = news(int(mib * MIB))
            best = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                found = engine.check(text)
                best = min(best, time.perf_counter() - t0)
            seconds[mib] = best
            print(f"check rules-only {mib:g} MiB ({len(text):,} characters): {best:.2f} s, "
                  f"{len(found):,} findings", flush=True)
    first = args.sizes[0]
    for mib in args.sizes[1:]:
        ratio = seconds[mib] / seconds[first]
        print(f"{mib:g} MiB / {first:g} MiB: {ratio:.2f}x time for {mib / first:g}x text"
              f"{' (within 10x)' if mib / first == 8 and ratio <= 10 else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
