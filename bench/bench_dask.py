"""Dask on one machine against ``mtfix fix --jobs``: the same few hundred texts.

Writes the texts of tests/test_distributed.py (dev articles of the web corpus,
WMT13 paragraphs, native English news) as files, then times, rules only:

- ``mtfix fix --jobs 2 --output-dir`` (two local worker processes);
- a ``LocalCluster`` of two one-thread worker processes starting;
- ``mtfix batch --dask ADDRESS --output-dir`` on it, cold (each worker builds
  its engine) and warm (the engines cached in the workers);
- ``clean_bag(...).compute()`` on it from the library, warm, with and without
  the findings.

and checks that both command lines wrote the same bytes. It prints what it
measured; the figures in the README come from one run of it. Usage::

    PYTHONPATH=. .venv/bin/python bench/bench_dask.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

FAST = ["--no-lm", "--no-grammar", "-q"]


def _run(*args: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "mtfix", *args], env=env, capture_output=True)
    if out.returncode not in (0, 1):
        raise SystemExit(out.stderr.decode())
    return time.monotonic() - t0


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def main() -> None:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from mtfix.distributed import clean_bag
    from test_distributed import _texts

    texts = _texts()
    words = sum(len(t.split()) for _, t in texts)
    with tempfile.TemporaryDirectory(prefix="mtfix-bench-dask-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for name, text in texts:
            (src / name).write_text(text, encoding="utf-8")
        print(f"{len(texts)} texts, {words:,} words; {os.cpu_count()} cores, "
              f"load {os.getloadavg()[0]:.1f}")
        t = _run("fix", *FAST, "--jobs", "2", "--output-dir", f"{tmp}/jobs", str(src))
        print(f"mtfix fix --jobs 2 --output-dir:          {t:6.1f} s")
        t0 = time.monotonic()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=":0", silence_logs=50) as cluster, Client(cluster) as client:
            print(f"LocalCluster(2 workers) start:            {time.monotonic() - t0:6.1f} s")
            for run in ("cold", "warm"):
                t = _run("batch", "--dask", cluster.scheduler_address, *FAST, "--output-dir",
                         f"{tmp}/dask-{run}", str(src))
                print(f"mtfix batch --dask ({run}):                {t:6.1f} s")
            bag = db.from_sequence(texts, npartitions=16)
            for findings in (False, True):
                t0 = time.monotonic()
                clean_bag(bag, lm=False, grammar=False, findings=findings).compute()
                print(f"clean_bag(findings={findings!s:5}).compute():   {time.monotonic() - t0:6.1f} s")
        same = _tree(Path(tmp) / "jobs") == _tree(Path(tmp) / "dask-cold") == _tree(Path(tmp) / "dask-warm")
        print(f"outputs identical: {same}")


if __name__ == "__main__":
    main()
