"""Memory and speed of one run over many files (issue #14 §1).

Writes N small articles (two to five paragraphs of the corpora's news text
each, chosen with a fixed seed) into a temporary folder, then runs
``mtfix check --format jsonl`` and ``mtfix fix --output-dir`` over the folder
in a fresh process, rules only by default, and samples the resident memory of
that process and its workers (psutil, every 20 ms). Prints, per N and
``--jobs``: seconds, files a second and peak RSS (the whole process tree).
Flat memory means the peak stays the same from 100 to 10,000 files.

    PYTHONPATH=. python bench/bench_batch.py                       # 100, 1000, 10000 files
    PYTHONPATH=. python bench/bench_batch.py --files 1000 --jobs 1 2 --lm

A benchmark, not a test: it measures wall time and memory on this machine.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"


def paragraphs() -> list[str]:
    files = [p for p in sorted((ROOT / "corpora").rglob("*.txt")) if not p.name.endswith(".fixed.txt")]
    files += sorted(SHARED.rglob("*.txt"))
    return [p for f in files for p in f.read_text(encoding="utf-8").split("\n\n") if 40 < len(p) < 2000]


def write_articles(folder: Path, n: int, seed: int = 0) -> int:
    """``n`` articles in 100 subfolders; returns the bytes written."""
    paras, rng, total = paragraphs(), random.Random(seed), 0
    for i in range(n):
        text = "\n\n".join(rng.sample(paras, rng.randint(2, 5))) + "\n"
        path = folder / f"{i % 100:02d}" / f"article-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def measure(argv: list[str]) -> tuple[float, float, int, int]:
    """(seconds, CPU seconds, peak RSS of the process tree in bytes, exit code) of
    ``mtfix ARGV``. CPU seconds (user + system of the process and its workers)
    say more than wall time on a shared, busy machine."""
    import resource

    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "mtfix", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    peak, ps = 0, psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [ps, *ps.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--lm", action="store_true", help="with the language model (default: rules only)")
    args = ap.parse_args()
    engine = ["--no-grammar"] + ([] if args.lm else ["--no-lm"])
    print(f"{'command':<22} {'files':>6} {'jobs':>4} {'MB in':>6} {'seconds':>8} {'CPU s':>7} "
          f"{'files/s':>8} {'peak RSS MB':>11}")
    for n in args.files:
        with tempfile.TemporaryDirectory(prefix="mtfix-bench-batch-") as tmp:
            folder = Path(tmp) / "in"
            size = write_articles(folder, n)
            for jobs in args.jobs:
                runs = {"check --format jsonl": ["check", *engine, "--format", "jsonl", "-q"],
                        "fix --output-dir": ["fix", *engine, "-q", "--output-dir", str(Path(tmp) / f"out{jobs}")]}
                for name, argv in runs.items():
                    secs, cpu, peak, code = measure([*argv, "--jobs", str(jobs), str(folder)])
                    assert code in (0, 1), f"{name} exited {code}"
                    print(f"{name:<22} {n:>6} {jobs:>4} {size / 1e6:>6.1f} {secs:>8.1f} {cpu:>7.1f} "
                          f"{n / secs:>8.1f} {peak / 1e6:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
