"""What a long run tells the person watching it: a progress line on stderr
while it works, a table when it is done.

The progress line is drawn only when stderr is a terminal (never into a log
file or a CI transcript) and not ``--quiet``: files done out of all, findings
so far, files a second, time left. It is redrawn at most ten times a second
and wiped before any other line is printed, so it never mixes with output.
The summary table counts findings (or, for ``fix``, fixes applied) per class
and tier, and says how many files were read, failed and skipped, and how long
it took.
"""
from __future__ import annotations

import sys
import time
from collections import Counter

import click

from mtfix.model import CATEGORIES, Tier

_TIERS = [t.value for t in Tier]


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    def __init__(self, total: int, enabled: bool, noun: str = "findings") -> None:
        self.total, self.noun = total, noun
        self.enabled = enabled and total > 1
        self.done = self.found = 0
        self.start = self.drawn_at = time.monotonic()
        self.shown = False

    def clear(self) -> None:
        """Wipe the line before anything else is printed."""
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False

    def step(self, found: int) -> None:
        self.done += 1
        self.found += found
        now = time.monotonic()
        if self.enabled and (now - self.drawn_at >= 0.1 or self.done == self.total):
            self.drawn_at = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        width = 24
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r\x1b[K[{bar}] {self.done}/{self.total} files, {self.found} {self.noun}, "
                         f"{rate:.1f} files/s, ETA {_clock(left)}")
        sys.stderr.flush()
        self.shown = True


def summary_table(counts: Counter, *, files: int, checked: int, failed: int, skipped: int,
                  seconds: float, fixes: int | None = None) -> str:
    """Findings (``counts``: (tier, category) -> n) per class and tier, then the totals."""
    cats = [c for c in CATEGORIES if any(counts[(t, c)] for t in _TIERS)]
    cats += sorted({c for _, c in counts} - set(cats) - set(CATEGORIES))
    what = "fixes applied" if fixes is not None else "findings"
    head = ["class", *_TIERS, "total"]
    rows = [[c, *(counts[(t, c)] for t in _TIERS), sum(counts[(t, c)] for t in _TIERS)] for c in cats]
    rows.append(["total", *(sum(counts[(t, c)] for c in cats) for t in _TIERS),
                 sum(counts.values())])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = [f"{what} per class and tier:"]
    for r in [head, *rows]:
        lines.append("  " + "  ".join(str(v).ljust(widths[0]) if i == 0 else str(v).rjust(widths[i])
                                      for i, v in enumerate(r)))
    tail = f"files: {files} ({checked} read, {failed} failed, {skipped} skipped)"
    if fixes is not None:
        tail += f"; fixes applied: {fixes}"
    lines.append(f"{tail}; {seconds:.2f} s ({files / max(seconds, 1e-6):.1f} files/s)")
    return "\n".join(lines)


def note(message: str, progress: Progress | None = None) -> None:
    """One line on stderr, the progress line wiped first."""
    if progress is not None:
        progress.clear()
    click.echo(message, err=True)
