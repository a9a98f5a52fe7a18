"""What the garbled-text scan costs, option by option (issue #14's budget).

Why: the scan is most of the model's time on a long text. This runs the scan
alone (the model loaded first, its load time reported apart) in a fresh
process per option, so that each peak RSS is its own, on the seed article and
on about 60,000 words of news (the native reference, the controls, the web
corpus and the WMT documents, paragraphs in a fixed shuffled order, none
repeated: a repeated line would be answered from the scorer's memory).

    PYTHONPATH=. python bench/bench_garbled.py                    # every option, seed + 60k
    PYTHONPATH=. python bench/bench_garbled.py --text seed --compute int8 --budget 256

Options: the CTranslate2 compute type (the scan only; decisions stay float32
in mtfix), the tokens per ``score_batch`` batch (caps the logits memory), the
threads, and the prefilter of :mod:`mtfix.lm.garbled`. This is a benchmark,
not a test: wall time on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"


def news(words: int, seed: int = 0) -> str:
    files = sorted((ROOT / "corpora" / "native-reference").glob("*.txt"))
    files += [SHARED / "wmt13-fr-original" / "ref.txt",
              SHARED / "native-english" / "wmt13-newstest2013.en-original.docs.txt"]
    files += [p for p in sorted((ROOT / "corpora").rglob("*.txt"))
              if not p.name.endswith(".fixed.txt") and "native-reference" not in p.parts]
    paras = list(dict.fromkeys(p.strip() for f in files if f.exists()
                               for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()))
    random.Random(seed).shuffle(paras)
    out, n = [], 0
    for p in paras:
        if n >= words:
            break
        out.append(p)
        n += len(p.split())
    return "\n\n".join(out) + "\n"


def child(args) -> dict:
    import mtfix.lm.ct2 as ct2
    import mtfix.lm.garbled as G

    ct2.COMPUTE_TYPE = args.compute
    ct2.TOKEN_BUDGET = args.budget
    G.PREFILTER = args.prefilter
    import mtfix
    from mtfix.document import Document
    from mtfix.lm.ranker import LMRanker
    from mtfix.settings import LMSettings

    if args.text == "seed":
        texts = [(ROOT / "corpora" / "seed.txt").read_text(encoding="utf-8")]
    else:  # articles of about 600 words, as a batch run would see them
        paras, texts, cur = news(int(args.text)).split("\n\n"), [], []
        for p in paras:
            cur.append(p)
            if sum(len(x.split()) for x in cur) >= 600:
                texts.append("\n\n".join(cur) + "\n")
                cur = []
        if cur:
            texts.append("\n\n".join(cur) + "\n")
    docs = [Document(t, f"{args.text}-{i}") for i, t in enumerate(texts)]
    engine = mtfix.load(lm=False, grammar=False)
    found = [engine.check(d) for d in docs]
    t0 = time.perf_counter()
    ranker = LMRanker(LMSettings(threads=args.threads))
    ranker.scorer.load()
    t1, c1 = time.perf_counter(), time.process_time()
    flags = sum(len(ranker.garbled(d, f)) for d, f in zip(docs, found))
    t2, c2 = time.perf_counter(), time.process_time()
    units = [b for d, f in zip(docs, found) for _x, b in ranker._lines(d, f)]
    scored = sum(len(b.split()) for b in units)
    tokens = sum(len(r) for r in ranker.scorer.surprisals(units)) if units else 0
    words = sum(d.words for d in docs)
    return {"text": args.text, "documents": len(docs), "words": words, "words_scored": scored,
            "words_scored_per_1k": round(1000 * scored / max(1, words)),
            "tokens_scored_per_1k": round(1000 * tokens / max(1, words)),
            "scan_cpu_s": round(c2 - c1, 2),
            "compute": args.compute,
            "budget": args.budget, "threads": args.threads, "prefilter": args.prefilter,
            "load_s": round(t1 - t0, 2), "scan_s": round(t2 - t1, 2), "flags": flags,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


OPTIONS = [("float32", 1024, False), ("float32", 1024, True), ("float32", 256, True),
           ("int8", 1024, True), ("int16", 1024, True)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--text", help="seed, or a number of words of news (default: both)")
    ap.add_argument("--compute", default=None)
    ap.add_argument("--budget", type=int, default=1024)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--prefilter", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args)))
        return 0
    texts = [args.text] if args.text else ["seed", "60000"]
    opts = [(args.compute, args.budget, args.prefilter)] if args.compute else OPTIONS
    for text in texts:
        for compute, budget, pf in opts:
            cmd = [sys.executable, __file__, "--child", "--text", text, "--compute", compute,
                   "--budget", str(budget), "--prefilter" if pf else "--no-prefilter"]
            if args.threads:
                cmd += ["--threads", str(args.threads)]
            out = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
            print(out.stdout.strip() or out.stderr.strip()[-400:], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
