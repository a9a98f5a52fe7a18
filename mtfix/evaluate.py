"""``mtfix eval``: precision, recall and F0.5 against the gold corpora.

Matching is by span overlap and class, as in ERRANT's span-based detection
scores: a finding is *correct* when it overlaps a gold annotation of the same
class; a gold annotation is *found* when some finding of its class overlaps it.
F0.5 weighs precision twice as much as recall, because a tool that damages
good English gets uninstalled. A correct finding with a fix is also scored on
the fix itself: applying it must give exactly the gold text for that stretch.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtfix.corpus import GoldDocument, iter_corpus
from mtfix.document import Document
from mtfix.model import CATEGORIES, Finding, Tier


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0  # predictions that overlap a gold span of their class
    gold: int = 0
    found: int = 0  # gold spans overlapped by a prediction of their class
    fixes: int = 0  # correct predictions with a fix, where gold has a fix
    fixes_right: int = 0

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
        for k in ("predicted", "correct", "gold", "found", "fixes", "fixes_right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


@dataclass
class Report:
    by_class: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_tier: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_doc: dict[str, dict[str, Any]] = field(default_factory=dict)
    words: int = 0

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


def evaluate(engine, folder: str | Path) -> Report:
    report = Report()
    docs = iter_corpus(folder)
    if not docs:
        from mtfix.textio import InputError

        raise InputError(f"{folder}: no annotated texts (NAME.txt with NAME.gold.yaml)")
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
    return report


def _pct(x: float | None) -> str:
    return "   –" if x is None else f"{100 * x:4.0f}"


def format_report(report: Report, fmt: str = "text") -> str:
    if fmt == "json":
        def s2d(s: Score) -> dict[str, Any]:
            return {"predicted": s.predicted, "correct": s.correct, "gold": s.gold, "found": s.found,
                    "precision": s.precision, "recall": s.recall, "f0.5": s.f05,
                    "fixes": s.fixes, "fixes_right": s.fixes_right}
        return json.dumps({"classes": {k: s2d(v) for k, v in sorted(report.by_class.items())},
                           "tiers": {k: s2d(v) for k, v in report.by_tier.items()},
                           "total": s2d(report.total), "documents": report.by_doc,
                           "words": report.words}, indent=2) + "\n"
    lines = [f"{'class':<12} {'pred':>5} {'ok':>5} {'gold':>5} {'found':>5} {'P%':>5} {'R%':>5} "
             f"{'F0.5%':>6} {'fix ok':>7}"]
    order = [c for c in CATEGORIES if c in report.by_class]
    for name in order + ["TOTAL"]:
        s = report.total if name == "TOTAL" else report.by_class[name]
        fixes = f"{s.fixes_right}/{s.fixes}" if s.fixes else "–"
        lines.append(f"{name:<12} {s.predicted:>5} {s.correct:>5} {s.gold:>5} {s.found:>5} "
                     f"{_pct(s.precision):>5} {_pct(s.recall):>5} {_pct(s.f05):>6} {fixes:>7}")
    lines.append("")
    lines.append(f"{'tier':<12} {'pred':>5} {'ok':>5} {'P%':>5} {'fix ok':>7}")
    for t in Tier:
        s = report.by_tier.get(t.value, Score())
        fixes = f"{s.fixes_right}/{s.fixes}" if s.fixes else "–"
        lines.append(f"{t.value:<12} {s.predicted:>5} {s.correct:>5} {_pct(s.precision):>5} {fixes:>7}")
    lines.append("")
    lines.append(f"{'document':<40} {'words':>6} {'gold':>5} {'found':>5} {'pred':>5} {'ok':>5}  tiers")
    for name, d in report.by_doc.items():
        tiers = " ".join(f"{k}={v}" for k, v in sorted(d["tiers"].items()))
        lines.append(f"{name:<40} {d['words']:>6} {d['gold']:>5} {d['found']:>5} {d['predicted']:>5} "
                     f"{d['correct']:>5}  {tiers}")
    lines.append(f"\n{report.words} words in {len(report.by_doc)} documents")
    return "\n".join(lines) + "\n"
