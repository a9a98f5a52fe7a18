"""A fresh process, start to finish: seconds for one ``mtfix`` command (issue #14).

Runs ``python -m mtfix check --no-lm --no-grammar ../shared/corpus/seed-article.txt``
(or the command given after ``--``) as a new process ``--repeat`` times and
prints the median wall time and the median CPU time (user + system, of the
child: steadier than wall time on a shared machine). A first run, not
counted, fills the cache of the built-in rules (:mod:`mtfix.rules.cache`);
``--cold`` gives every run an empty cache folder instead, which is what the
first run after an upgrade or a rule edit costs. ``--importtime`` prints the
slowest imports of one run (``python -X importtime``); ``--profile`` the
functions of one run with the most cumulative time.

    PYTHONPATH=. python bench/bench_startup.py                  # median of 5
    PYTHONPATH=. python bench/bench_startup.py --cold
    PYTHONPATH=. python bench/bench_startup.py -- fix --no-grammar ../shared/corpus/seed-article.txt

This is a benchmark, not a test: it measures time on this machine
(tests/test_startup.py counts work instead).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"
DEFAULT = ["check", "--no-lm", "--no-grammar", str(SHARED / "seed-article.txt")]


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall s, CPU s, exit code) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         cwd=env["PYTHONPATH"])
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if out.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {out.returncode}: {out.stderr.decode()[-800:]}")
    return wall, cpu, out.returncode


def importtime(cmd: list[str], env: dict[str, str], top: int) -> None:
    out = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], env=env, cwd=env["PYTHONPATH"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []
    for line in out.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            self_us, cum_us, name = line[len("import time:"):].split("|")
            try:
                rows.append((int(self_us), int(cum_us), name.strip()))
            except ValueError:
                continue
    print(f"slowest imports (self time), of {len(rows)}:")
    for self_us, cum_us, name in sorted(rows, reverse=True)[:top]:
        print(f"  {self_us / 1000:7.1f} ms self {cum_us / 1000:7.1f} ms cumulative  {name}")


def profile(cmd: list[str], env: dict[str, str], top: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        prof = Path(d) / "run.prof"
        subprocess.run([cmd[0], "-m", "cProfile", "-o", str(prof), *cmd[1:]], env=env,
                       cwd=env["PYTHONPATH"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import pstats

        pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(top)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cold", action="store_true", help="an empty rules cache for every run")
    ap.add_argument("--importtime", action="store_true", help="also list the slowest imports")
    ap.add_argument("--profile", action="store_true", help="also profile one run")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--tree", type=Path, default=ROOT,
                    help="the checkout whose mtfix runs (default: this one), to compare with another")
    ap.add_argument("args", nargs="*", help="the mtfix command (after --); default: "
                                            + " ".join(DEFAULT[:3]) + " <seed article>")
    args = ap.parse_args()
    cmd = [sys.executable, "-m", "mtfix", *(args.args or DEFAULT)]
    env = dict(os.environ, PYTHONPATH=str(args.tree.resolve()))
    walls, cpus = [], []
    sys.path.insert(0, str(ROOT))
    from mtfix.rules.cache import cache_dir

    # the word-frequency table shares the cache folder: a cold run keeps it (it is not the rules)
    lexicon = cache_dir().parent / "lexicon"
    with tempfile.TemporaryDirectory(prefix="mtfix-bench-cache-") as tmp:
        if not args.cold:
            run_once(cmd, env)  # fills the cache (and the word-frequency table)
        for i in range(args.repeat):
            if args.cold:
                cache = Path(tmp) / str(i)
                env["MTFIX_CACHE"] = str(cache)
                cache.mkdir()
                if lexicon.is_dir():
                    (cache / "lexicon").symlink_to(lexicon)
            wall, cpu, _ = run_once(cmd, env)
            walls.append(wall)
            cpus.append(cpu)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"{' '.join(cmd[2:])}")
        print(f"fresh process ({'cold' if args.cold else 'warm'} rules cache, median of {args.repeat}): "
              f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
              f"(wall {min(walls):.2f}-{max(walls):.2f}, CPU {min(cpus):.2f}-{max(cpus):.2f}; "
              f"load average {load:.1f})")
        if args.importtime:
            importtime(cmd, env, args.top)
        if args.profile:
            profile(cmd, env, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
