"""Cross-validate the web residue detector by site, on ``corpora/web/dev`` only.

    PYTHONPATH=$PWD .venv/bin/python scripts/residue_cv.py [--misses] [--local]

The held-out ``corpora/web/test`` split is never read here. To see whether the
residue rules generalise to sites they were not written for, the dev articles
are split **by site** (the part of the file name before ``--``) into 4 folds
(sites ordered by the SHA-1 of their name, each given to the fold with the
fewest articles so far). For each fold the script reports:

* residue precision and recall on the fold's articles (all rules of category
  ``residue``, rules only: no LM, no LanguageTool);
* ``local``: how many of the fold's *found* gold residue lines are found only
  thanks to vocabulary that occurs solely in that fold's articles. The
  vocabulary is cut into units: each top-level alternative of the chrome
  patterns, of the related-link label pattern and of the label-line patterns
  (:mod:`mtfix.detectors.residue_vocab`, :mod:`mtfix.detectors.residue`), and
  each section name of :data:`~mtfix.detectors.residue_vocab.SECTIONS`. A
  unit is *local* to a fold when every dev article with a line it matches is
  in that fold. The fold is scored again with its local units disabled; the
  gold lines found before and not after are the ones a cue learned from one
  site found. A low ``local`` count is what generalising looks like;
  ``R-out%`` is the fold's recall without them, the estimate of recall on a
  site never seen.

``--misses`` prints the fold's missed gold lines and false findings;
``--local`` prints the local units that fired.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mtfix  # noqa: E402
from mtfix.corpus import iter_corpus  # noqa: E402
from mtfix.detectors import residue, residue_context, residue_shape, residue_vocab  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.evaluate import score_document  # noqa: E402

DEV = ROOT / "corpora" / "web" / "dev"
FOLDS = 4
NEVER = re.compile(r"(?!)")


def site(name: str) -> str:
    return name.split("--", 1)[0]


def folds(docs) -> list[list]:
    by_site = defaultdict(list)
    for d in docs:
        by_site[site(d.name)].append(d)
    out: list[list] = [[] for _ in range(FOLDS)]
    for s in sorted(by_site, key=lambda s: hashlib.sha1(s.encode()).hexdigest()):
        min(out, key=len).extend(by_site[s])
    return out


# -- cutting patterns into units ------------------------------------------------

def _split_top(p: str) -> list[str]:
    """The top-level alternatives of a regex (parentheses, classes, escapes respected)."""
    parts, depth, cls, i, start = [], 0, False, 0, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
            if p[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
        i += 1
    parts.append(p[start:])
    return parts


def _close(p: str, at: int) -> int:
    """Index of the parenthesis closing the one at ``at``."""
    depth, cls, i = 0, False, at
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def expand(p: str) -> list[str]:
    """Alternatives of ``p``, one level into a leading non-capturing group."""
    out = []
    for alt in _split_top(p):
        a = alt.strip()
        if a.startswith("(?:"):
            end = _close(a, 0)
            if end > 0 and a[end + 1:end + 2] not in ("?", "*", "+", "{"):
                inner = _split_top(a[3:end])
                if len(inner) > 1:
                    out.extend(i + a[end + 1:] for i in inner)
                    continue
        out.append(alt)
    return out


class Unit:
    def __init__(self, key: str, rx: re.Pattern, on: callable):
        self.key, self.rx, self.on = key, rx, on


def units() -> list[Unit]:
    out: list[Unit] = []
    for i, (pat, what, tier) in enumerate(residue_vocab.CHROME):
        alts = expand(pat.pattern)
        for j, a in enumerate(alts):
            try:
                rx = re.compile(a, pat.flags)
            except re.error:
                continue
            out.append(Unit(f"chrome[{i}:{what}]#{j} {a.strip()[:50]}", rx, ("chrome", i, j, alts)))
    body = residue_vocab.RELATED_LABEL.pattern.replace("(?ix)", "", 1)
    alts = expand(body)
    for j, a in enumerate(alts):
        try:
            rx = re.compile(a, re.I | re.X)
        except re.error:
            continue
        out.append(Unit(f"related#{j} {' '.join(a.split())[:50]}", rx, ("related", 0, j, alts)))
    for i, lp in enumerate(residue._DEFAULT):
        out.append(Unit(f"line[{i}:{lp.what}] {lp.line.pattern[:50]}", lp.line, ("line", i, None, None)))
    for w in sorted(residue_context.SECTIONS):
        out.append(Unit(f"section {w}", re.compile(re.escape(w), re.I), ("section", w, None, None)))
    return out


def occurs(u: Unit, doc) -> bool:
    for b in Document(doc.text).blocks:
        line = doc.text[b.start:b.end].strip()
        if u.on[0] == "section":
            if u.rx.fullmatch(line.rstrip(":")) or any(u.rx.fullmatch(w) for w in line.split()[:3]
                                                      if len(line.split()) <= 3):
                return True
        elif u.rx.fullmatch(residue_shape.norm(line)) or u.rx.fullmatch(line):
            return True
    return False


@contextmanager
def disabled(us: list[Unit]):
    """The detector with these units taken out of its vocabulary."""
    chrome = list(residue_vocab.CHROME)
    related = residue_shape.RELATED_LABEL
    default = list(residue._DEFAULT)
    sections = residue_context.SECTIONS
    try:
        drop: dict[tuple, set] = defaultdict(set)
        for u in us:
            kind, i, j, alts = u.on
            if kind in ("chrome", "related"):
                drop[(kind, i)].add(j)
            elif kind == "line":
                lp = residue._DEFAULT[i]
                residue._DEFAULT[i] = residue.LinePattern(NEVER, None, lp.what)
        for (kind, i), js in drop.items():
            if kind == "chrome":
                pat, what, tier = chrome[i]
                alts = expand(pat.pattern)
                keep = [a for k, a in enumerate(alts) if k not in js]
                rx = re.compile("|".join(f"(?:{a})" for a in keep), pat.flags) if keep else NEVER
                residue_vocab.CHROME[i] = (rx, what, tier)
            else:
                alts = expand(related.pattern.replace("(?ix)", "", 1))
                keep = [a for k, a in enumerate(alts) if k not in js]
                residue_shape.RELATED_LABEL = re.compile("|".join(f"(?:{a})" for a in keep), re.I | re.X) \
                    if keep else NEVER
        gone = {u.on[1] for u in us if u.on[0] == "section"}
        residue_context.SECTIONS = residue_vocab.SECTIONS = frozenset(sections - gone)
        yield
    finally:
        residue_vocab.CHROME[:] = chrome
        residue_shape.RELATED_LABEL = related
        residue._DEFAULT[:] = default
        residue_context.SECTIONS = residue_vocab.SECTIONS = sections


# -- scoring --------------------------------------------------------------------

def score(engine, docs):
    """(predicted, correct, gold, found, found gold spans, false findings, missed gold)."""
    pred = ok = gold = found = 0
    hit_spans, false, missed = set(), [], []
    for d in docs:
        fs = [f for f in engine.check(Document(d.text, str(d.path))) if f.category == "residue"]
        by_class, _ = score_document(d, fs)
        s = by_class["residue"]
        pred, ok, gold, found = pred + s.predicted, ok + s.correct, gold + s.gold, found + s.found
        anns = [a for a in d.annotations if a.category == "residue"]
        for a in anns:
            if any(a.overlaps(*f.span) or a.overlaps(f.start, f.end) for f in fs):
                hit_spans.add((d.name, a.start, a.end))
            else:
                missed.append((d.name, d.text[a.start:a.end]))
        for f in fs:
            if not any(a.overlaps(*f.span) or a.overlaps(f.start, f.end) for a in anns):
                false.append((d.name, d.text[f.start:f.end]))
    return pred, ok, gold, found, hit_spans, false, missed


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}" if b else "    –"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print missed gold lines and false findings")
    ap.add_argument("--local", action="store_true", help="print the fold-local units that fired")
    args = ap.parse_args(argv)
    docs = iter_corpus(DEV)
    fs = folds(docs)
    fold_of = {d.name: k for k, f in enumerate(fs) for d in f}
    us = units()
    where = {u.key: {fold_of[d.name] for d in docs if occurs(u, d)} for u in us}
    tot = [0] * 5
    print(f"{'fold':<5}{'sites':>6}{'docs':>6}{'pred':>6}{'ok':>5}{'gold':>6}{'found':>6}{'P%':>7}{'R%':>7}{'local':>7}{'R-out%':>8}")
    with mtfix.load(lm=False, grammar=False) as engine:
        for k, f in enumerate(fs):
            pred, ok, gold, found, hits, false, missed = score(engine, f)
            local = [u for u in us if where[u.key] == {k}]
            with disabled(local):
                *_, hits2, _f2, _m2 = score(engine, f)
            only = hits - hits2
            for i, v in enumerate((pred, ok, gold, found, len(only))):
                tot[i] += v
            print(f"{k:<5}{len({site(d.name) for d in f}):>6}{len(f):>6}{pred:>6}{ok:>5}{gold:>6}{found:>6}"
                  f"{pct(ok, pred):>7}{pct(found, gold):>7}{len(only):>7}{pct(found - len(only), gold):>8}")
            if args.local:
                for name, lo, hi in sorted(only):
                    d = next(d for d in f if d.name == name)
                    print(f"      local-only: {name[:40]}: {d.text[lo:hi][:70]!r}")
            if args.misses:
                for name, t in missed:
                    print(f"      MISS {name[:40]}: {t[:90]!r}")
                for name, t in false:
                    print(f"      FALSE {name[:40]}: {t[:90]!r}")
    pred, ok, gold, found, local = tot
    print(f"{'all':<5}{len({site(d.name) for d in docs}):>6}{len(docs):>6}{pred:>6}{ok:>5}{gold:>6}{found:>6}"
          f"{pct(ok, pred):>7}{pct(found, gold):>7}{local:>7}{pct(found - local, gold):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
