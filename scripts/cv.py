"""Score one artefact class by site fold on ``corpora/web/dev`` only, with its misses.

    PYTHONPATH=$PWD .venv/bin/python scripts/cv.py --class titles [--misses]

The held-out ``corpora/web/test`` split is never read. The dev articles are
split by site into the same 4 folds as :mod:`scripts.residue_cv` (which adds,
for residue only, the fold-local vocabulary analysis). A rule written while
reading one fold's articles shows up here as a fold with high recall beside
folds with low recall; reading the misses of the weak folds (``--misses``)
shows which *shapes* of the class the rules do not cover yet. ``--all`` adds
the gold spans that were found, to read what the rules already cover.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import mtfix  # noqa: E402
from mtfix.corpus import iter_corpus  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.evaluate import score_document  # noqa: E402
from residue_cv import DEV, folds, pct, site  # noqa: E402


def context(text: str, lo: int, hi: int, width: int = 40) -> str:
    return (text[max(0, lo - width):lo] + "[" + text[lo:hi] + "]" + text[hi:hi + width]).replace("\n", "⏎")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--class", dest="cls", required=True, help="gold class, e.g. titles, dates, capitalisation")
    ap.add_argument("--misses", action="store_true", help="print missed gold spans and false findings")
    ap.add_argument("--all", action="store_true", help="also print the gold spans found")
    ap.add_argument("--folder", default=str(DEV), help="a dev folder (never corpora/web/test)")
    args = ap.parse_args(argv)
    if Path(args.folder).resolve().name == "test":
        ap.error("the test split is held out: never read it here")
    docs = iter_corpus(Path(args.folder))
    tot = [0] * 4
    print(f"{'fold':<5}{'sites':>6}{'docs':>6}{'pred':>6}{'ok':>5}{'gold':>6}{'found':>6}{'P%':>7}{'R%':>7}")
    with mtfix.load(lm=False, grammar=False) as engine:
        for k, fold in enumerate(folds(docs)):
            pred = ok = gold = found = 0
            lines = []
            for d in fold:
                fs = [f for f in engine.check(Document(d.text, str(d.path))) if f.category == args.cls]
                by_class, _ = score_document(d, fs)
                s = by_class[args.cls]
                pred, ok, gold, found = pred + s.predicted, ok + s.correct, gold + s.gold, found + s.found
                anns = [a for a in d.annotations if a.category == args.cls]
                for a in anns:
                    hit = any(a.overlaps(f.start, f.end) for f in fs)
                    if args.all or (args.misses and not hit):
                        lines.append(f"      {'HIT ' if hit else 'MISS'} {d.name[:30]}: {context(d.text, a.start, a.end)}"
                                     f"  → {a.fix!r}")
                for f in fs:
                    if args.misses and not any(a.overlaps(f.start, f.end) for a in anns):
                        lines.append(f"      FALSE {d.name[:30]} {f.rule}: {context(d.text, f.start, f.end)}")
            for i, v in enumerate((pred, ok, gold, found)):
                tot[i] += v
            print(f"{k:<5}{len({site(d.name) for d in fold}):>6}{len(fold):>6}{pred:>6}{ok:>5}{gold:>6}{found:>6}"
                  f"{pct(ok, pred):>7}{pct(found, gold):>7}")
            print("\n".join(lines)) if lines else None
    pred, ok, gold, found = tot
    print(f"{'all':<5}{len({site(d.name) for d in docs}):>6}{len(docs):>6}{pred:>6}{ok:>5}{gold:>6}{found:>6}"
          f"{pct(ok, pred):>7}{pct(found, gold):>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
