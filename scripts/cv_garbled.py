"""The garbled-text scan by site fold on ``corpora/web/dev``, with its curve and its cost.

    PYTHONPATH=. .venv/bin/python scripts/cv_garbled.py                  # shipped settings
    PYTHONPATH=. .venv/bin/python scripts/cv_garbled.py --curve          # thresholds raised/lowered
    PYTHONPATH=. .venv/bin/python scripts/cv_garbled.py --no-prefilter --misses

Why: the scan is the model's only finder of new text (class ``garbled``) and
most of its cost; this measures both where tuning is allowed. The held-out
``corpora/web/test`` split is never read. Dev is split by site into the folds
of :mod:`scripts.residue_cv`; the WMT documents and the seed of ``corpora/``
(older gold, also garbled-annotated) are one more group, ``old``; the
controls (``ref.txt`` and native English) give flags per 1,000 words.

The rules' findings are the engine's (``detect``, LanguageTool off, as
``bench/compare_lm.py``); the scan is :class:`mtfix.lm.garbled.GarbledScan`
itself. Scores are class-strict as in ``mtfix eval`` (a flag is right when it
overlaps a ``garbled`` gold span); ``dmg`` is the share of flags that overlap
any gold annotation (the sentence is damaged, whatever the class). The
model's token scores are kept in ``--cache`` (see
``scripts/build_reference.py``), so a second run costs no scoring.
``--curve`` adds the same offset to every threshold of the decision.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import mtfix  # noqa: E402
from build_reference import CachedScorer, build  # noqa: E402
from cv import context  # noqa: E402
from mtfix.corpus import iter_corpus  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.evaluate import score_document  # noqa: E402
from mtfix.lm import garbled as G  # noqa: E402
from mtfix.settings import LMSettings  # noqa: E402
from residue_cv import DEV, folds, pct  # noqa: E402

SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"
CONTROLS = [SHARED / "wmt13-fr-original" / "ref.txt",
            SHARED / "native-english" / "wmt13-newstest2013.en-original.docs.txt"]
BARS = ("REF_Z", "REF_Z_WITH_FINDINGS", "REF_Z_CONFIRM", "ARTICLE_Z_WITH_FINDINGS")


def groups() -> list[tuple[str, list]]:
    """(name, gold documents): the dev folds, then ``old``."""
    out = [(f"dev{k}", fold) for k, fold in enumerate(folds(iter_corpus(DEV)))]
    old = [d for d in iter_corpus(ROOT / "corpora") if any(a.category == "garbled" for a in d.annotations)]
    return out + [("old", old)]


_FOUND: dict = {}


def run(scan, engine, docs, misses: bool = False) -> dict:
    """Flags of ``scan`` on ``docs`` (gold documents or plain paths) and their scores."""
    t = dict(pred=0, ok=0, gold=0, found=0, dmg=0, words=0, scored=0, tokens=0, lines=[])
    for d in docs:
        doc = Document(d.text, str(d.path)) if hasattr(d, "annotations") else \
            Document(d.read_text(encoding="utf-8"), str(d))
        if doc.path not in _FOUND:  # the rules do not change with the thresholds
            _FOUND[doc.path] = engine.detect(doc)
        found = _FOUND[doc.path]
        units = scan.lines(doc, found) if scan.enough_text(doc) else []
        t["words"] += doc.words
        t["scored"] += sum(len(re.findall(r"\w+", body)) for _u, body in units)
        if units:
            t["tokens"] += sum(len(r) for r in scan.scorer.surprisals([("", b) for _u, b in units]))
        flags = scan.scan(doc, found)
        anns = getattr(d, "annotations", [])
        if anns:
            s = score_document(d, flags)[0]["garbled"]
            t["pred"] += s.predicted
            t["ok"] += s.correct
            t["gold"] += s.gold
            t["found"] += s.found
        else:
            t["pred"] += len(flags)
        t["dmg"] += sum(any(a.overlaps(f.start, f.end) for a in anns) for f in flags)
        if misses:
            name = getattr(d, "name", str(d))[:28]
            for f in flags:
                hit = any(a.category == "garbled" and a.overlaps(f.start, f.end) for a in anns)
                t["lines"].append(f"      {'HIT  ' if hit else 'FALSE'} {name} z={f.evidence.get('lm_z')} "
                                  f"{f.evidence['lm_method']}: {context(doc.text, f.start, f.end, 0)[:150]}")
            for a in anns:
                if a.category == "garbled" and not any(a.overlaps(f.start, f.end) for f in flags):
                    t["lines"].append(f"      MISS  {name}: {context(doc.text, a.start, a.end, 30)[:150]}")
    return t


def row(name: str, t: dict) -> str:
    per_k = 1000 / max(1, t["words"])
    return (f"{name:<8}{t['pred']:>5}{t['ok']:>4}{t['gold']:>5}{t['found']:>6}{pct(t['ok'], t['pred']):>6}"
            f"{pct(t['found'], t['gold']):>6}{pct(t['dmg'], t['pred']):>6}{t['pred'] * per_k:>7.2f}"
            f"{t['scored'] * per_k:>8.0f}{t['tokens'] * per_k:>8.0f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/mtfix-garbled-cache.json"))
    ap.add_argument("--prefilter", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--rebuild-reference", action="store_true",
                    help="judge against a reference built now from the cache (as scripts/build_reference.py)")
    ap.add_argument("--curve", action="store_true", help="every threshold offset by -0.5 .. +2")
    ap.add_argument("--misses", action="store_true", help="print the flags and the missed gold spans")
    args = ap.parse_args(argv)
    G.PREFILTER = args.prefilter
    scorer = CachedScorer(args.cache).load()
    ref = build(scorer) if args.rebuild_reference else None
    engine = mtfix.load(lm=False, grammar=False)
    sets = groups() + [("control", CONTROLS)]
    base = {k: getattr(G, k) for k in BARS}
    settings0 = LMSettings()
    offsets = (-0.5, 0.0, 0.5, 1.0, 1.5, 2.0) if args.curve else (0.0,)
    t0 = time.process_time()
    for off in offsets:
        for k, v in base.items():
            setattr(G, k, v + off)
        settings = LMSettings(garbled_z=settings0.garbled_z + off,
                              garbled_z_with_findings=settings0.garbled_z_with_findings + off)
        scan = G.GarbledScan(settings, scorer, reference=ref)
        bars = ", ".join(f"{k} {getattr(G, k):.2f}" for k in BARS)
        print(f"\n== thresholds {off:+.1f}: {bars}, garbled_z {settings.garbled_z:.2f}, "
              f"garbled_z_with_findings {settings.garbled_z_with_findings:.2f}; prefilter {args.prefilter}")
        print(f"{'group':<8}{'pred':>5}{'ok':>4}{'gold':>5}{'found':>6}{'P%':>6}{'R%':>6}{'dmg%':>6}"
              f"{'fl/1k':>7}{'w/1k':>8}{'tok/1k':>8}")
        dev = dict(pred=0, ok=0, gold=0, found=0, dmg=0, words=0, scored=0, tokens=0)
        for name, docs in sets:
            t = run(scan, engine, docs, args.misses)
            print(row(name, t))
            if t["lines"]:
                print("\n".join(t["lines"]))
            if name.startswith("dev"):
                for key in dev:
                    dev[key] += t[key]
                if name == "dev3":
                    print(row("dev all", dev))
        scorer.save()
    for k, v in base.items():
        setattr(G, k, v)
    print(f"\n{time.process_time() - t0:.1f} CPU s; sentences newly scored: see {args.cache}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
