"""Benchmark the two scoring backends side by side, and how well they agree.

    .venv/bin/python bench/bench_backends.py [--repeat 3] [--configs ct2-int8,torch-float32,...]

Each configuration runs in a fresh process per repetition (so imports and
loads are cold in the page-cache-warm sense a second `mtfix` run sees), in
turn, so that a busy machine slows every configuration alike; the figures
printed are medians over the repetitions. Per configuration:

* ``import_s``: importing the runtime (ctranslate2 + tokenizers, or torch +
  transformers); ``load_s``: building the scorer once imported;
* ``pairs_s``: margins of the 49 pairs of tests/data/lm_pairs.yaml, one call;
* ``scan_s``: surprisals of every judged line of the seed article (the
  garbled-sentence scan);
* ``seed_s``: the seed through the engine with the LM (rules, decisions,
  scan), model loaded;
* ``cli_s``: ``mtfix check --no-grammar`` on the seed in a fresh process;
* agreement with the reference (``torch-float32``): the largest and median
  margin difference on the pairs, decisions changed (at 0 and 2 nats), and
  the seed's LM findings (same rule, span and tier; margin and z differences).

Configurations: ``ct2-int8w`` (the default: int8 weights, float32
arithmetic), ``ct2-int8`` (int8 arithmetic too), ``torch-float32`` (the
reference), ``torch-bfloat16``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus" / "seed-article.txt"
PAIRS = ROOT / "tests" / "data" / "lm_pairs.yaml"
CONFIGS = {
    "ct2-int8w": {"backend": "ctranslate2", "compute": "float32"},
    "ct2-int8": {"backend": "ctranslate2", "compute": "int8"},
    "torch-float32": {"backend": "transformers", "dtype": "float32"},
    "torch-bfloat16": {"backend": "transformers", "dtype": "bfloat16"},
}
REFERENCE = "torch-float32"


def child(name: str) -> dict:
    """One measurement of one configuration, in this (fresh) process."""
    cfg = CONFIGS[name]
    sys.path.insert(0, str(ROOT))
    t = time.perf_counter()
    if cfg["backend"] == "ctranslate2":
        import ctranslate2  # noqa: F401
        import tokenizers  # noqa: F401
    else:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    res: dict = {"import_s": time.perf_counter() - t}
    import yaml

    import mtfix
    from mtfix.document import Document
    from mtfix.lm import LMRanker, Scorer
    from mtfix.lm import ct2
    from mtfix.settings import LMSettings

    ct2.DEFAULT_COMPUTE = ct2.COMPUTE_TYPE
    if "compute" in cfg:
        ct2.COMPUTE_TYPE = cfg["compute"]
    lm = LMSettings(backend=cfg["backend"], dtype=cfg.get("dtype", "auto"))
    t = time.perf_counter()
    scorer = Scorer(lm).load()
    res["load_s"] = time.perf_counter() - t
    assert scorer.backend_name == cfg["backend"], scorer.backend_name
    scorer.margins([("A warm-up.", "It rained on Monday.", "It rained on Tuesday.")])
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    triples = [(p["context"], p["wrong"], p["right"]) for p in pairs]
    t = time.perf_counter()
    res["margins"] = scorer.margins(triples)
    res["pairs_s"] = time.perf_counter() - t
    doc = Document(SEED.read_text(encoding="utf-8"), str(SEED))
    ranker = LMRanker(lm, scorer=scorer)
    t = time.perf_counter()
    scorer.surprisals([("", body) for _b, body in ranker._lines(doc)])
    res["scan_s"] = time.perf_counter() - t
    scorer._memo.clear()
    eng = mtfix.load(lm=True, grammar=False)
    eng._ranker = ranker
    eng.detect(doc)  # the rule pack loaded outside the timing
    t = time.perf_counter()
    found = eng.check(doc)
    res["seed_s"] = time.perf_counter() - t
    res["seed"] = [{"rule": f.rule, "span": [f.start, f.end], "tier": f.tier.value,
                    "margin": f.evidence.get("lm_margin"), "z": f.evidence.get("lm_z")}
                   for f in found if f.source == "lm" or "lm_margin" in f.evidence]
    res["cli_s"] = float("nan")  # the command line runs the default compute type only
    if cfg.get("compute", ct2.DEFAULT_COMPUTE) != ct2.DEFAULT_COMPUTE:
        return res
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "mtfix.toml").write_text(f'[lm]\nbackend = "{cfg["backend"]}"\n'
                                              f'dtype = "{cfg.get("dtype", "auto")}"\n')
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "mtfix", "check", "--no-grammar", str(SEED)],
                             cwd=tmp, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        res["cli_s"] = time.perf_counter() - t
        if out.returncode not in (0, 1) or b"instead" in out.stderr:
            raise SystemExit(out.stderr.decode())
    return res


def agreement(ref: dict, got: dict) -> dict:
    """How ``got`` differs from the reference run ``ref``."""
    d = [abs(a - b) for a, b in zip(ref["margins"], got["margins"])]
    flips = {thr: sum((a >= thr) != (b >= thr) for a, b in zip(ref["margins"], got["margins"]))
             for thr in (0.0, 2.0)}
    key = lambda f: (f["rule"], tuple(f["span"]))  # noqa: E731
    r = {key(f): f for f in ref["seed"]}
    g = {key(f): f for f in got["seed"]}
    seed_dm = [abs(r[k]["margin"] - g[k]["margin"]) for k in r.keys() & g.keys()
               if r[k]["margin"] is not None and g[k]["margin"] is not None]
    seed_dz = [abs(r[k]["z"] - g[k]["z"]) for k in r.keys() & g.keys()
               if r[k]["z"] is not None and g[k]["z"] is not None]
    return {"pairs_max_dmargin": round(max(d), 2), "pairs_median_dmargin": round(statistics.median(d), 2),
            "pairs_flips_at_0": flips[0.0], "pairs_flips_at_2": flips[2.0],
            "seed_only_ref": sorted(map(str, r.keys() - g.keys())),
            "seed_only_this": sorted(map(str, g.keys() - r.keys())),
            "seed_tier_changes": sorted(str(k) for k in r.keys() & g.keys() if r[k]["tier"] != g[k]["tier"]),
            "seed_max_dmargin": round(max(seed_dm), 2) if seed_dm else None,
            "seed_max_dz": round(max(seed_dz), 2) if seed_dz else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--configs", default="ct2-int8w,ct2-int8,torch-float32")
    ap.add_argument("--json", help="also write every run to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.child)))
        return
    names = a.configs.split(",")
    if REFERENCE not in names:
        names.append(REFERENCE)
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for _ in range(a.repeat):
        for n in names:
            out = subprocess.run([sys.executable, __file__, "--child", n], capture_output=True, text=True)
            if out.returncode:
                raise SystemExit(f"{n}: {out.stderr[-2000:]}")
            runs[n].append(json.loads(out.stdout.splitlines()[-1]))
    print(f"{os.popen('uptime').read().strip()}; {a.repeat} runs each, medians (min-max)")
    fields = ("import_s", "load_s", "pairs_s", "scan_s", "seed_s", "cli_s")
    print(f"{'config':<16}" + "".join(f"{f:>18}" for f in fields))
    for n in names:
        cells = []
        for f in fields:
            v = [r[f] for r in runs[n]]
            cells.append(f"{statistics.median(v):.2f} ({min(v):.1f}-{max(v):.1f})")
        print(f"{n:<16}" + "".join(f"{c:>18}" for c in cells))
    for n in names:
        if n != REFERENCE:
            print(f"{n} vs {REFERENCE}: {agreement(runs[REFERENCE][0], runs[n][0])}")
    if a.json:
        Path(a.json).write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
