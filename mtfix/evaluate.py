"""``mtfix eval``: precision, recall and F0.5 against the gold corpora.

Matching is by span overlap and class, as in ERRANT's span-based detection
scores: a finding is *correct* when it overlaps a gold annotation of the same
class; a gold annotation is *found* when some finding of its class overlaps it.
F0.5 weighs precision twice as much as recall, because a tool that damages
good English gets uninstalled. A correct finding with a fix is also scored on
the fix itself: applying it must give exactly the gold text for that stretch.
A finding that touches a *trap* (good English the gold file lists as such)
is counted apart: it is the damage a careless rule would do.

A corpus folder may hold its documents directly or in split sub-folders
(``corpora/web/dev``, ``corpora/web/test``); :func:`evaluate_splits` scores
each split on its own, since a split that rules were never tuned on is the
only honest measure of generalisation.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtfix.corpus import GoldDocument, iter_corpus
from mtfix.document import Document
from mtfix.errors import InputError
from mtfix.model import Finding, overlaps


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0  # predictions that overlap a gold span of their class
    gold: int = 0
    found: int = 0  # gold spans overlapped by a prediction of their class
    fixes: int = 0  # correct predictions with a fix, where gold has a fix
    fixes_right: int = 0
    #: Predictions not scored: wholly inside a gold span of another class whose
    #: text goes (a residue line the gold deletes) or goes to a person (garbled
    #: text, flag only). What a rule does there cannot be judged right or wrong.
    moot: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f05(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 1.25 * p * r / (0.25 * p + r)

    def add(self, other: "Score") -> None:
        for k in ("predicted", "correct", "gold", "found", "fixes", "fixes_right", "moot"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


@dataclass
class Report:
    by_class: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_tier: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_doc: dict[str, dict[str, Any]] = field(default_factory=dict)
    words: int = 0
    #: Findings that touch a trap: ``(document, rule, tier, trap text)``.
    trap_hits: list[tuple[str, str, str, str]] = field(default_factory=list)
    traps: int = 0

    @property
    def total(self) -> Score:
        t = Score()
        for s in self.by_class.values():
            t.add(s)
        return t


def fix_is_right(gold: GoldDocument, f: Finding) -> bool:
    """Apply the finding's first fix to the stretch it shares with gold spans and
    compare with what the gold says that stretch should read."""
    lo, hi = f.span
    changed = True
    while changed:  # widen the window until it cuts no gold span
        changed = False
        for a in gold.annotations:
            if a.start < hi and lo < a.end and (a.start < lo or a.end > hi):
                lo, hi = min(lo, a.start), max(hi, a.end)
                changed = True
    predicted = f.fix.apply_to(gold.text, lo, hi)
    return predicted == gold.expected(lo, hi)


def _moot(gold: GoldDocument, f: Finding) -> bool:
    """Is ``f`` wholly inside gold text that is deleted (``fix: ""``) or flagged
    for a person to rewrite (``garbled``, flag only)?"""
    return any(a.start <= f.start and f.end <= a.end and a.category != f.category
               and (a.fix == "" or (a.category == "garbled" and a.fix is None))
               for a in gold.annotations)


def score_document(gold: GoldDocument, findings: list[Finding]) -> tuple[dict[str, Score], dict[str, Score]]:
    by_class: dict[str, Score] = defaultdict(Score)
    by_tier: dict[str, Score] = defaultdict(Score)
    for a in gold.annotations:
        by_class[a.category].gold += 1
    matched_gold: set[int] = set()
    for f in findings:
        lo, hi = f.span
        hits = [i for i, a in enumerate(gold.annotations)
                if a.category == f.category and (a.overlaps(lo, hi) or a.overlaps(f.start, f.end))]
        if not hits and _moot(gold, f):
            for bucket in (by_class[f.category], by_tier[f.tier.value]):
                bucket.moot += 1
            continue
        for bucket in (by_class[f.category], by_tier[f.tier.value]):
            bucket.predicted += 1
            if hits:
                bucket.correct += 1
        matched_gold.update(hits)
        if hits and f.fix is not None and any(gold.annotations[i].fix is not None for i in hits):
            right = fix_is_right(gold, f)
            for bucket in (by_class[f.category], by_tier[f.tier.value]):
                bucket.fixes += 1
                bucket.fixes_right += right
    for i in matched_gold:
        by_class[gold.annotations[i].category].found += 1
    return by_class, by_tier


def splits(folder: str | Path) -> dict[str, list[GoldDocument]]:
    """The documents of ``folder`` by split: ``{"": docs}`` for a flat folder,
    else one entry per sub-folder that holds annotated texts, ``test`` first."""
    folder = Path(folder)
    docs = iter_corpus(folder)
    if docs:
        return {"": docs}
    out = {sub.name: iter_corpus(sub) for sub in sorted(folder.iterdir()) if sub.is_dir()}
    out = {k: v for k, v in out.items() if v}
    if not out:
        raise InputError(f"{folder}: no annotated texts (NAME.txt with NAME.gold.yaml)")
    return dict(sorted(out.items(), key=lambda kv: (kv[0] != "test", kv[0])))


def evaluate_splits(engine, folder: str | Path) -> dict[str, Report]:
    """One :class:`Report` per split of ``folder`` (see :func:`splits`)."""
    return {name: _evaluate(engine, docs) for name, docs in splits(folder).items()}


def evaluate(engine, folder: str | Path) -> Report:
    """One :class:`Report` over every document of ``folder`` and its splits."""
    return _evaluate(engine, [d for docs in splits(folder).values() for d in docs])


def _evaluate(engine, docs: list[GoldDocument]) -> Report:
    report = Report()
    for gold in docs:
        doc = Document(gold.text, str(gold.path))
        findings = engine.check(doc)
        by_class, by_tier = score_document(gold, findings)
        for k, s in by_class.items():
            report.by_class[k].add(s)
        for k, s in by_tier.items():
            report.by_tier[k].add(s)
        total = Score()
        for s in by_class.values():
            total.add(s)
        tiers = Counter(f.tier.value for f in findings)
        report.by_doc[gold.name] = {"words": doc.words, "gold": total.gold, "found": total.found,
                                    "predicted": total.predicted, "correct": total.correct,
                                    "tiers": dict(tiers)}
        report.words += doc.words
        report.traps += len(gold.traps)
        for lo, hi, _note in gold.traps:
            for f in findings:
                if overlaps(*f.span, lo, hi):
                    report.trap_hits.append((gold.name, f.rule, f.tier.value, gold.text[lo:hi]))
    return report
