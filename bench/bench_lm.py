"""Benchmark the language-model stage (issue #3 targets in brackets).

    .venv/bin/python bench/bench_lm.py [--backend ctranslate2|transformers] [--skip-cold]
                                       [--threads N] [--dtype auto|float32|bfloat16]

Measures, on this machine, for one backend (bench/bench_backends.py puts the
two side by side, with repetitions and their agreement):
* LM load cold (GGUF de-quantised and converted into an empty cache: the
  safetensors copy, and for ctranslate2 its int8 copy too) and cached, each
  in a fresh process, imports included;
* ms per scored sentence: the 49 hand-written pairs of tests/data/lm_pairs.yaml
  scored one pair per call and all in one batched call [<= 25 ms batched];
* the whole seed article through the engine with the LM, warm (model loaded),
  and `mtfix check --no-lm` on it as a fresh process [<= 5 s, < 0.5 s];
* peak RSS of a `mtfix check` process with the LM.

Other jobs on the machine slow every figure; `uptime` is printed with them.

``--cost`` measures instead what the model's decisions cost, in process:
for the seed and 10,000 words of news (``bench/bench.py``'s texts), `check`
and `fix` (LanguageTool off), each with an empty memory, the distinct
sequences and tokens the model reads and the CPU seconds beyond a rules-only
run of the same text; ``--set KEY=VALUE`` changes an ``[lm]`` setting
(``--set context_tokens=48 --set tail_tokens=16``), ``--compute int8`` the
CTranslate2 arithmetic. The first 10,000 words are the controls (native
English and the reference translation), where no rule asks the model
anything: `fix` costs the model nothing there; machine-translated news
costs about 2.3 tokens a word (``bench/lm_windows.py`` on dev).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus" / "seed-article.txt"
sys.path.insert(0, str(ROOT))


def _py(code: str, env: dict | None = None) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    if out.returncode:
        raise SystemExit(out.stderr)
    return time.perf_counter() - t, out.stdout.strip()


def _mtfix(*args: str, cwd: str | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one `python -m mtfix ...` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mtfix", *args], capture_output=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr.decode())
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(rss, before)


def cost(sets: list[str], compute: str | None, full: bool = False) -> None:
    """Tokens and CPU seconds of the model's part of check and fix (see --cost)."""
    from dataclasses import replace

    import mtfix
    import mtfix.lm.ct2 as ct2
    from mtfix.document import Document
    from mtfix.lm import LMRanker, Scorer
    from mtfix.settings import LMSettings
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_texts", ROOT / "bench" / "bench.py")
    texts_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(texts_mod)
    news = texts_mod.news

    if compute:
        ct2.COMPUTE_TYPE = compute
    lm = LMSettings()
    for kv in sets:
        k, v = kv.split("=", 1)
        lm = replace(lm, **{k: type(getattr(lm, k))(v)})
    print(f"uptime: {os.popen('uptime').read().strip()}\n[lm] {lm}\ncompute: {ct2.COMPUTE_TYPE}")
    scorer = Scorer(lm).load()
    rules = mtfix.load(lm=False, grammar=False)
    eng = mtfix.load(lm=True, grammar=False)
    eng._ranker = LMRanker(lm, scorer=scorer)
    texts = [("seed", SEED.read_text(encoding="utf-8")), ("10k words", news(10_000))]
    eng.check(Document("The militia said. She was the target of strikes.\n"))  # warm-up
    for label, text in texts:
        for what in ("check", "fix") if label == "seed" or full else ("fix",):
            doc = Document(text, label)
            t = time.process_time()
            getattr(rules, what)(doc)
            base = time.process_time() - t
            scorer._memo.clear()
            before = dict(scorer.stats)
            t = time.process_time()
            getattr(eng, what)(doc)
            spent = time.process_time() - t - base
            seqs = scorer.stats["sequences"] - before["sequences"]
            toks = scorer.stats["tokens"] - before["tokens"]
            print(f"{label:<10} {what:<5} {doc.words:>6} words: {seqs:>5} sequences {toks:>7} tokens, "
                  f"model part {spent:6.2f} CPU s (rules {base:.2f} s)"
                  + (f"; 60k words like it: {6 * spent:.0f} CPU s" if label != "seed" and seqs else ""),
                  flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cost", action="store_true", help="tokens and CPU s of the decisions only")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="an [lm] setting for --cost")
    ap.add_argument("--compute", default=None, help="--cost: CTranslate2 compute type")
    ap.add_argument("--full", action="store_true", help="--cost: check 10,000 words too (the garbled "
                    "scan: minutes)")
    ap.add_argument("--backend", choices=("ctranslate2", "transformers"), default=None)
    ap.add_argument("--skip-cold", action="store_true", help="skip the cold conversion (~20-50 s)")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--dtype", default=None, help="auto, float32 or bfloat16 (default: the [lm] default)")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()
    if a.cost:
        return cost(a.set, a.compute, a.full)

    import yaml

    import mtfix
    from mtfix.document import Document
    from mtfix.lm import LMRanker, Scorer
    from mtfix.lm.cpu import default_threads, resolve_dtype
    from mtfix.settings import LMSettings

    given = {k: v for k, v in (("threads", a.threads), ("dtype", a.dtype), ("backend", a.backend))
             if v is not None}
    lm = LMSettings(**given)
    res: dict[str, float | str] = {
        "uptime": os.popen("uptime").read().strip(),
        "backend": lm.backend,
        "threads": lm.threads or default_threads(),
        "dtype": resolve_dtype(lm.dtype),
    }
    load = (f"import time; t=time.perf_counter(); from mtfix.lm import Scorer; "
            f"from mtfix.settings import LMSettings; "
            f"Scorer(LMSettings(**{given!r})).load(); print(time.perf_counter()-t)")
    if not a.skip_cold:
        with tempfile.TemporaryDirectory() as tmp:
            wall, inner = _py(load, {"MTFIX_MODEL_CACHE": tmp})
            res["load_cold_s"] = round(wall, 2)
    _py(load)  # make sure the cached copy exists
    wall, inner = _py(load)
    res["load_cached_s"] = round(wall, 2)
    res["load_cached_inside_s"] = round(float(inner), 2)

    scorer = Scorer(lm).load()
    assert scorer.backend_name == lm.backend, scorer.backend_name
    pairs = yaml.safe_load((ROOT / "tests" / "data" / "lm_pairs.yaml").read_text())["pairs"]
    triples = [(p["context"], p["wrong"], p["right"]) for p in pairs]
    scorer.margins(triples[:2])  # warm-up
    t = time.perf_counter()
    for tr in triples:
        scorer._memo.clear()  # the run's memory would answer the batched call below
        scorer.margins([tr])
    res["ms_per_pair_single"] = round((time.perf_counter() - t) * 1000 / len(triples), 1)
    scorer._memo.clear()
    t = time.perf_counter()
    scorer.margins(triples)
    res["ms_per_pair_batched"] = round((time.perf_counter() - t) * 1000 / len(triples), 1)
    sents = [p["wrong"] for p in pairs]
    t = time.perf_counter()
    scorer.surprisals(sents)
    res["ms_per_sentence_surprisal_batched"] = round((time.perf_counter() - t) * 1000 / len(sents), 1)

    doc = Document(SEED.read_text(encoding="utf-8"), str(SEED))
    eng = mtfix.load(lm=True, grammar=False)
    eng._ranker = LMRanker(lm, scorer=scorer)
    eng.check(doc)  # warm: rule pack loaded, caches filled
    scorer._memo.clear()  # ... but the model scores the seed again
    t = time.perf_counter()
    found = eng.check(doc)
    res["seed_with_lm_warm_s"] = round(time.perf_counter() - t, 2)
    res["seed_lm_findings"] = sum(1 for f in found if f.source == "lm" or "lm_margin" in f.evidence)
    t = time.perf_counter()
    mtfix.load(lm=False, grammar=False).check(doc)
    res["seed_rules_only_in_process_s"] = round(time.perf_counter() - t, 2)
    wall, _ = _mtfix("check", "--no-lm", "--no-grammar", str(SEED))
    res["cli_check_no_lm_s"] = round(wall, 2)
    with tempfile.TemporaryDirectory() as tmp:  # the backend through the config file
        (Path(tmp) / "mtfix.toml").write_text(f'[lm]\nbackend = "{lm.backend}"\n')
        wall, rss = _mtfix("check", "--no-grammar", str(SEED), cwd=tmp)
    res["cli_check_with_lm_s"] = round(wall, 2)
    res["cli_check_with_lm_peak_rss_mb"] = round(rss / 1024)

    width = max(len(k) for k in res)
    for k, v in res.items():
        print(f"{k:<{width}}  {v}")
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
