"""How long must the model's windows be? Decisions and cost as they shrink.

Why: issue #14 §2. Every token of a pair's two windows is computed, and the
context before an edit is most of them; but a decision rests on the words
near the edit (a pronoun's antecedent a sentence back, a calque's
neighbours). This scores every LM-decided finding of a set of texts with
each window setting (``context_sentences``, ``context_tokens``,
``tail_tokens`` of ``[lm]``) and prints, against the first setting, how many
tokens the model reads, the margins' differences and every decision that
changes (tier, chosen candidate, refused), with the text around it to judge
it by. The hand-written pairs of ``tests/data/lm_pairs.yaml`` go through
the same window code as a one-finding document each.

    PYTHONPATH=. .venv/bin/python bench/lm_windows.py                       # seed, pairs, dev, corpora/, controls
    PYTHONPATH=. .venv/bin/python bench/lm_windows.py --sets seed,pairs --variants base,c1,t64
    PYTHONPATH=. .venv/bin/python bench/lm_windows.py --count-only          # tokens only, no model run

``--compute int8`` scores with int8 arithmetic instead (issue #14 §2.3).
Never run on ``corpora/web/test``: the windows are chosen on dev.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"

import yaml  # noqa: E402

import mtfix  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.evaluate import splits  # noqa: E402
from mtfix.lm.ranker import LMRanker, candidates, wants_lm  # noqa: E402
from mtfix.model import Finding, Fix, Tier  # noqa: E402
from mtfix.settings import LMSettings  # noqa: E402

#: name -> (context_sentences, context_tokens, tail_tokens); 0 tokens: no cap
VARIANTS = {
    "base": (2, 0, 0), "c1": (1, 0, 0), "c0": (0, 0, 0),
    "b128": (2, 128, 0), "b96": (2, 96, 0), "b64": (2, 64, 0), "b48": (2, 48, 0),
    "b32": (2, 32, 0), "b24": (2, 24, 0), "b16": (2, 16, 0),
    "t32": (2, 0, 32), "t24": (2, 0, 24), "t16": (2, 0, 16), "t8": (2, 0, 8),
}


def _variant(name: str) -> tuple[int, int, int]:
    """A named variant, or ``cS-bB-tT`` spelt out (any part may be left out)."""
    if name in VARIANTS:
        return VARIANTS[name]
    s, b, t = 2, 0, 0
    for part in name.split("-"):
        k, v = part[0], int(part[1:])
        s, b, t = (v, b, t) if k == "c" else (s, v, t) if k == "b" else (s, b, v)
    return s, b, t


def pair_docs() -> list[tuple[Document, list[Finding], dict]]:
    """Each hand-written pair as a document (context, then the sentence as the
    document has it) with one finding: the edit a detector proposes."""
    out = []
    for p in yaml.safe_load((ROOT / "tests/data/lm_pairs.yaml").read_text(encoding="utf-8"))["pairs"]:
        have, want = (p["wrong"], p["right"]) if p["doc"] == "wrong" else (p["right"], p["wrong"])
        text = (p["context"] + " " if p["context"] else "") + have + "\n"
        at = len(text) - len(have) - 1
        i = 0
        while i < min(len(have), len(want)) and have[i] == want[i]:
            i += 1
        j = 0
        while j < min(len(have), len(want)) - i and have[-1 - j] == want[-1 - j]:
            j += 1
        fx = Fix.replace(at + i, at + len(have) - j, want[i:len(want) - j])
        f = Finding(rule=f"pair:{p['id']}", category="calques", message=p["id"], start=fx.start,
                    end=fx.end, tier=Tier.REVIEW, lm_check=True, fixes=(fx,))
        out.append((Document(text, p["id"]), [f], p))
    return out


def text_sets(names: list[str]) -> list[tuple[str, list[Document]]]:
    out = []
    for name in names:
        if name == "seed":
            paths = [SHARED / "seed-article.txt"]
        elif name == "dev":
            paths = [d.path for d in splits(ROOT / "corpora" / "web")["dev"]]
        elif name == "corpora":
            paths = [d.path for d in splits(ROOT / "corpora")[""] if d.name != "seed"]
        elif name == "wmt":
            paths = [SHARED / "wmt13-fr-original" / f"{n}.txt" for n in ("online-B", "rbmt-1", "uedin-wmt13.2838")]
        elif name == "controls":
            paths = [SHARED / "wmt13-fr-original" / "ref.txt",
                     SHARED / "native-english" / "wmt13-newstest2013.en-original.docs.txt"]
        else:
            continue
        out.append((name, [Document(Path(p).read_text(encoding="utf-8"), str(p)) for p in paths]))
    return out


def decision(doc: Document, f: Finding | None) -> tuple:
    """What a person sees: the tier (or dropped) and the fix offered first."""
    if f is None:
        return ("dropped", None)
    return (f.tier.value, f.replacement(doc.text) if f.fixes else None)


def tokens_of(ranker: LMRanker, doc: Document, todo: list[Finding]) -> tuple[int, int]:
    """(distinct sequences, their tokens) the model would read for ``todo``."""
    sc = ranker.scorer.load()
    seqs = set()
    for f in todo:
        for fx in candidates(f):
            ctx, a, b = ranker.window(doc, f, fx)
            j = " " if ctx and not ctx[-1].isspace() else ""
            for side in (a, b):
                seqs.add(tuple(sc._prefix_ids + sc._encode(ctx + j + side).input_ids))
    return len(seqs), sum(map(len, seqs))


def compare(a: Path, b: Path) -> int:
    """Margins and decisions of two --json files: ``FILE`` (its first variant)
    or ``FILE:VARIANT``; findings in both only."""
    def load(spec: Path) -> dict:
        path, _, name = str(spec).partition(":")
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return data[name] if name else next(iter(data.values()))

    x, y = load(a), load(b)
    keys = [k for k in x if k in y]
    diffs = [abs(x[k][1] - y[k][1]) for k in keys if x[k][1] is not None and y[k][1] is not None]
    changed = [k for k in keys if x[k][0] != y[k][0]]
    print(f"{len(keys)} findings: margins |diff| median {statistics.median(diffs):.2f}, max "
          f"{max(diffs):.2f} nat; {len(changed)} decisions changed")
    for k in changed:
        print(f"  {k}: {x[k]} -> {y[k]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="seed,pairs,dev,corpora,controls")
    ap.add_argument("--variants", default="base,c1,b128,b96,b64,b48,b32,t32,t24,t16")
    ap.add_argument("--count-only", action="store_true", help="tokens only, no model run")
    ap.add_argument("--compute", default=None, help="ctranslate2 compute type (default: the backend's)")
    ap.add_argument("--show", type=int, default=60, help="changed decisions printed per variant")
    ap.add_argument("--json", type=Path, help="write every variant's decisions and margins here")
    ap.add_argument("--compare", nargs=2, type=Path, metavar="JSON",
                    help="compare two --json files (first variant of each), e.g. float32 and int8")
    a = ap.parse_args(argv)
    if a.compare:
        return compare(*a.compare)
    if a.compute:
        import mtfix.lm.ct2 as ct2

        ct2.COMPUTE_TYPE = a.compute
    names = a.variants.split(",")
    rules = mtfix.load(lm=False, grammar=False)
    base = LMSettings()
    rankers = {}
    for n in names:
        s, b, t = _variant(n)
        rankers[n] = LMRanker(replace(base, context_sentences=s, context_tokens=b, tail_tokens=t),
                              scorer=rankers[names[0]].scorer if rankers else None)
    sets = [(n, d) for n, d in text_sets(a.sets.split(","))]
    work: list[tuple[str, Document, list[Finding]]] = []
    for label, docs in sets:
        for doc in docs:
            todo = [f for f in rules.detect(doc) if wants_lm(f, base.categories)]
            if todo:
                work.append((label, doc, todo))
    if "pairs" in a.sets.split(","):
        work += [("pairs", d, fs) for d, fs, _p in pair_docs()]
    labels = list(dict.fromkeys(w[0] for w in work))
    print(f"findings decided by the model: " + ", ".join(
        f"{lb} {sum(len(w[2]) for w in work if w[0] == lb)}" for lb in labels))
    results: dict[str, dict] = {}
    for n in names:
        r = rankers[n]
        row = {"tokens": {}, "seqs": {}, "cpu": {}, "dec": {}}
        for lb in labels:
            seqs = toks = 0
            cpu = 0.0
            for _l, doc, todo in (w for w in work if w[0] == lb):
                q, t = tokens_of(r, doc, todo)
                seqs, toks = seqs + q, toks + t
                if a.count_only:
                    continue
                c0 = time.process_time()
                out = r.decide(doc, todo)
                cpu += time.process_time() - c0
                by_key = {(f.rule, f.start, f.end): f for f in out}
                for f in todo:
                    g = by_key.get((f.rule, f.start, f.end))
                    row["dec"][(lb, doc.path, f.rule, f.start)] = (
                        decision(doc, g), g.evidence.get("lm_margin") if g else None, doc, f)
            row["tokens"][lb], row["seqs"][lb], row["cpu"][lb] = toks, seqs, cpu
        results[n] = row
        print(f"{n:<10} " + "  ".join(f"{lb}: {row['seqs'][lb]} seqs {row['tokens'][lb]} tok"
                                       + ("" if a.count_only else f" {row['cpu'][lb]:.1f} s")
                                       for lb in labels), flush=True)
    if a.count_only:
        return 0
    if a.json:
        a.json.write_text(json.dumps({n: {"|".join(map(str, k)): [list(v[0]), v[1]]
                                          for k, v in results[n]["dec"].items()} for n in names},
                                     indent=0), encoding="utf-8")
    ref = results[names[0]]["dec"]
    for n in names[1:]:
        dec = results[n]["dec"]
        diffs = [abs(dec[k][1] - ref[k][1]) for k in ref if dec[k][1] is not None and ref[k][1] is not None]
        changed = [k for k in ref if dec[k][0] != ref[k][0]]
        print(f"\n== {n} against {names[0]}: margins |diff| median {statistics.median(diffs):.2f}, "
              f"max {max(diffs):.2f} nat; {len(changed)} decisions changed "
              + str({lb: sum(1 for k in changed if k[0] == lb) for lb in labels}))
        for k in changed[:a.show]:
            (d0, m0, doc, f), (d1, m1, *_r) = ref[k], dec[k]
            ctx, orig, _e = rankers[names[0]].window(doc, f)
            print(f"  {k[0]} {Path(k[1]).name} [{k[2]}] {d0} {m0} -> {d1} {m1}\n"
                  f"      {' '.join(doc.text[f.start:f.end].split())!r} in "
                  f"{' '.join(orig.split())[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
