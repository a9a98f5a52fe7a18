"""The review session: which changes a reviewer accepted, edited, rejected or skipped.

``mtfix review`` (:mod:`mtfix.cli.review`) asks about one finding at a time;
this module is the state behind it, with no terminal and no I/O, so that it
can be driven and tested on its own. Findings come safe first, then
suggested, then review-only, each group in text order. Accepting a change
makes later changes that overlap it unavailable (they are skipped as
``clash``, and undo brings them back); every answer, a whole bulk answer
included, is one undo step. The session ends with the reviewed text
(:meth:`Session.result`) and the decisions for the log (:meth:`Session.records`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from mtfix.decisions import Record
from mtfix.model import Edit, Finding, overlaps
from mtfix.resolve import apply_edits

__all__ = ["Item", "Session", "review_order"]


@dataclass(frozen=True)
class Item:
    """One finding as the reviewer sees it: the span and the proposed text for it."""

    finding: Finding
    lo: int
    hi: int
    old: str
    proposal: str | None  # None: a flag without a fix
    alternatives: tuple[str, ...] = ()  # other candidate texts for [lo, hi), e.g. LanguageTool's

    @classmethod
    def of(cls, text: str, f: Finding) -> "Item":
        lo, hi = f.span
        alts = tuple(dict.fromkeys(fx.apply_to(text, lo, hi) for fx in f.fixes[1:]
                                   if fx.start >= lo and fx.end <= hi))
        return cls(f, lo, hi, text[lo:hi], f.replacement(text), alts)

    def edits(self, final: str | None = None) -> tuple[Edit, ...]:
        if final is not None:
            return (Edit(self.lo, self.hi, final),)
        return self.finding.fix.edits if self.finding.fix else ()


def review_order(findings: list[Finding]) -> list[Finding]:
    """Safe first, then suggested, then review-only; text order inside each."""
    return sorted(findings, key=lambda f: (-f.tier.rank, *f.sort_key()))


class Session:
    """Which findings are decided and how, with undo. The terminal layer drives it.

    ``state`` maps an item index to ``(decision, final_text)``; decisions are
    accepted / edited / rejected / skipped, plus ``clash`` for a change skipped
    because it overlaps one already accepted (``clash_with`` says which).
    """

    def __init__(self, text: str, findings: list[Finding]) -> None:
        self.text = text
        self.items = [Item.of(text, f) for f in review_order(findings)]
        self.queue: list[int] = list(range(len(self.items)))
        self.pos = 0
        self.state: dict[int, tuple[str, str | None]] = {}
        self.clash_with: dict[int, int] = {}
        self.deferred: set[int] = set()
        self._history: list[tuple] = []

    # -- navigation --
    def _taken(self, exclude: int | None = None) -> list[tuple[Edit, int]]:
        out = []
        for i, (d, final) in self.state.items():
            if d in ("accepted", "edited") and i != exclude:
                out.extend((e, i) for e in self.items[i].edits(final if d == "edited" else None))
        return out

    def blocker(self, i: int, edits: tuple[Edit, ...] | None = None) -> int | None:
        """The accepted item that ``edits`` (default: item i's fix) would overlap."""
        edits = self.items[i].edits() if edits is None else edits
        for e in edits:
            for t, j in self._taken(exclude=i):
                if overlaps(e.start, e.end, t.start, t.end):
                    return j
        return None

    def current(self) -> tuple[int | None, list[int]]:
        """The next undecided item, after auto-skipping those that overlap an
        accepted change; returns (index or None when done, indices auto-skipped)."""
        skipped = []
        while self.pos < len(self.queue):
            i = self.queue[self.pos]
            if i in self.state:
                self.pos += 1
                continue
            if self.items[i].proposal is not None:
                j = self.blocker(i)
                if j is not None:
                    self.state[i] = ("clash", None)
                    self.clash_with[i] = j
                    skipped.append(i)
                    self.pos += 1
                    continue
            return i, skipped
        return None, skipped

    def remaining(self) -> list[int]:
        seen, out = set(), []
        for i in self.queue[self.pos:]:
            if i not in self.state and i not in seen:
                seen.add(i)
                out.append(i)
        return out

    @property
    def decided(self) -> int:
        return len(self.state)

    # -- answers (each one undoable) --
    def _save(self) -> None:
        self._history.append((self.pos, list(self.queue), dict(self.state), dict(self.clash_with),
                              set(self.deferred)))

    def undo(self) -> bool:
        if not self._history:
            return False
        self.pos, self.queue, self.state, self.clash_with, self.deferred = self._history.pop()
        return True

    def answer(self, i: int, decision: str, final: str | None = None) -> None:
        self._save()
        self._set(i, decision, final)

    def _set(self, i: int, decision: str, final: str | None = None) -> None:
        item = self.items[i]
        if decision == "accepted":
            final = item.proposal
        if decision == "edited":
            if final == item.proposal:
                decision = "accepted"
            elif final == item.old:
                decision, final = "rejected", None
        self.state[i] = (decision, final)

    def defer(self, i: int) -> bool:
        """Skip for now: the item comes back once at the end; the second time it
        is skipped for good. Returns True when it will come back."""
        self._save()
        if i in self.deferred:
            self.state[i] = ("skipped", None)
            return False
        self.deferred.add(i)
        self.queue.append(i)
        self.pos += 1
        return True

    def bulk(self, i: int, decision: str, same_rule: bool = False) -> tuple[int, int]:
        """Accept (or reject) item i and the remaining ones (of its rule, when
        ``same_rule``). Returns (changed, skipped for overlap or no fix)."""
        self._save()
        rule = self.items[i].finding.rule
        targets = [i] + [j for j in self.remaining() if j != i
                         and (not same_rule or self.items[j].finding.rule == rule)]
        done = left = 0
        for j in targets:
            if decision == "rejected":
                self._set(j, "rejected")
                done += 1
            elif self.items[j].proposal is None:
                if not same_rule:
                    self._set(j, "skipped")
                left += 1
            else:
                k = self.blocker(j)
                if k is not None:
                    self.state[j] = ("clash", None)
                    self.clash_with[j] = k
                    left += 1
                else:
                    self._set(j, "accepted")
                    done += 1
        return done, left

    # -- result --
    def edits(self) -> list[Edit]:
        return sorted(e for e, _ in self._taken())

    def result(self) -> str:
        return apply_edits(self.text, self.edits())

    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in ("accepted", "edited", "rejected", "skipped", "clash")}
        for d, _ in self.state.values():
            c[d] += 1
        c["undecided"] = len(self.items) - len(self.state)
        return c

    def records(self) -> Iterator[Record]:
        """Decisions for the log: what the reviewer chose (not automatic overlap skips)."""
        for i, (d, final) in sorted(self.state.items()):
            if d == "clash":
                continue
            item = self.items[i]
            yield Record.of(self.text, item.finding, d,
                            final if d in ("accepted", "edited") else None)
