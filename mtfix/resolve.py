"""Choose which fixes to apply, and apply them in one pass.

Fixes from different rules may touch the same text. The resolver never merges
them: it ranks every candidate (higher tier first, then the longer span, then
rule order, then position) and accepts a fix only if none of its edits
overlaps an edit already accepted. The loser is kept in
:attr:`Resolution.conflicts` with the winner that beat it, so renderers can
report it. Output is a pure function of the document and the accepted fixes:
text outside the accepted edits is copied through unchanged.

The accepted edits are kept in :class:`_Taken`, ordered by position, so that
checking a candidate costs O(log n) whatever the number already accepted (a
scan of them all made a large article quadratic).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, Iterable

from mtfix.document import Document
from mtfix.model import Edit, Finding, Tier


@dataclass
class Resolution:
    text: str
    applied: list[Finding] = field(default_factory=list)
    #: (loser, winner) pairs: a fix not applied because it overlapped a better one.
    conflicts: list[tuple[Finding, Finding]] = field(default_factory=list)
    #: Findings not applied for their tier, or because they carry no fix.
    skipped: list[Finding] = field(default_factory=list)

    @property
    def edits(self) -> list[Edit]:
        return sorted(e for f in self.applied for e in f.fix.edits)


def _priority(f: Finding) -> tuple:
    lo, hi = f.fix.start, f.fix.end
    return (-f.tier.rank, -(hi - lo), f.order, lo, f.rule)


def clash(a: Edit, b: Edit) -> bool:
    """Two edits clash when they share text, or insert at the same point, or one
    inserts strictly inside the other; edits that merely touch do not."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def resolve(doc: Document, findings: Iterable[Finding], tiers: set[Tier] | None = None,
            accept: Callable[[Finding], bool] | None = None) -> Resolution:
    """Apply the first fix of each finding whose tier is in ``tiers`` (default:
    safe) or, when ``accept`` is given, of each finding it accepts."""
    tiers = {Tier.SAFE} if tiers is None else tiers
    res = Resolution(text=doc.text)
    candidates: list[Finding] = []
    for f in findings:
        wanted = accept(f) if accept is not None else f.tier in tiers
        if f.fix is None or not wanted:
            res.skipped.append(f)
        else:
            candidates.append(f)
    ordered = sorted(candidates, key=_priority)
    taken = _Taken(e for f in ordered for e in f.fix.edits)
    for f in ordered:
        winner = next((w for w in map(taken.winner, f.fix.edits) if w is not None), None)
        if winner is not None:
            res.conflicts.append((f, winner))
            continue
        for e in f.fix.edits:
            taken.add(e, f)
        res.applied.append(f)
    res.applied.sort(key=Finding.sort_key)
    res.text = apply_edits(doc.text, taken.edits)
    return res


class _Keys:
    """Which of a fixed, sorted list of keys are present, as a Fenwick tree of
    counts: add one, or find the nearest present key below or above a value,
    in O(log n)."""

    def __init__(self, keys: list[int]) -> None:
        self.keys = keys
        self.tree = [0] * (len(keys) + 1)
        self.total = 0

    def add(self, key: int) -> None:
        i = bisect.bisect_left(self.keys, key) + 1
        self.total += 1
        while i < len(self.tree):
            self.tree[i] += 1
            i += i & -i

    def _count(self, i: int) -> int:
        """Present keys among the first ``i``."""
        n = 0
        while i > 0:
            n += self.tree[i]
            i -= i & -i
        return n

    def _kth(self, k: int) -> int:
        """The ``k``-th present key (1-based)."""
        pos, step = 0, 1 << (len(self.tree) - 1).bit_length()
        while step:
            nxt = pos + step
            if nxt < len(self.tree) and self.tree[nxt] < k:
                pos, k = nxt, k - self.tree[nxt]
            step >>= 1
        return self.keys[pos]

    def below(self, value: int) -> int | None:
        """The largest present key < ``value``."""
        c = self._count(bisect.bisect_left(self.keys, value))
        return self._kth(c) if c else None

    def above(self, value: int) -> int | None:
        """The smallest present key > ``value``."""
        c = self._count(bisect.bisect_right(self.keys, value))
        return self._kth(c + 1) if c < self.total else None


class _Taken:
    """The edits accepted so far (which never clash with each other), by position.

    Non-empty edits are disjoint, so the one with the largest start before a
    point is the only one that can cover it; insertions are points. Built on
    the candidates' own positions, known in advance.
    """

    #: Clashing edits looked at to name the best winner; past that many (a
    #: candidate spanning a great many accepted edits) the best of those wins.
    MAX_SEEN = 64

    def __init__(self, candidates: Iterable[Edit]) -> None:
        spans: set[int] = set()
        points: set[int] = set()
        for e in candidates:
            (points if e.start == e.end else spans).add(e.start)
        self._spans = _Keys(sorted(spans))
        self._points = _Keys(sorted(points))
        self._span_at: dict[int, tuple[Edit, Finding, int]] = {}
        self._point_at: dict[int, tuple[Edit, Finding, int]] = {}
        self.edits: list[Edit] = []

    def add(self, e: Edit, f: Finding) -> None:
        entry = (e, f, len(self.edits))
        self.edits.append(e)
        if e.start == e.end:
            if e.start not in self._point_at:
                self._points.add(e.start)
                self._point_at[e.start] = entry
        else:
            self._spans.add(e.start)
            self._span_at[e.start] = entry

    def winner(self, e: Edit) -> Finding | None:
        """The first accepted finding one of whose edits :func:`clash` es with ``e``."""
        seen: list[tuple[Edit, Finding, int]] = []
        a, b = e.start, e.end
        if a == b and a in self._point_at:
            seen.append(self._point_at[a])
        # non-empty edits that reach past ``a`` and start before ``b`` (before or at an insertion)
        key = self._spans.below(b if a < b else a + 1)
        while key is not None and len(seen) < self.MAX_SEEN:
            t = self._span_at[key][0]
            if t.end <= a or (a == b and not t.start < a):
                break
            seen.append(self._span_at[key])
            key = self._spans.below(key)
        if a < b:  # insertions strictly inside
            key = self._points.above(a)
            while key is not None and key < b and len(seen) < self.MAX_SEEN:
                seen.append(self._point_at[key])
                key = self._points.above(key)
        seen = [x for x in seen if clash(e, x[0])]
        return min(seen, key=lambda x: x[2])[1] if seen else None


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-clashing edits; bytes between them are copied as they are."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
