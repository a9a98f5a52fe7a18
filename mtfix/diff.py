"""Unified diffs that ``git apply`` and ``patch -p1`` accept byte for byte.

``difflib.unified_diff`` forgets the "\\ No newline at end of file" marker and
splits on every Unicode line separator; articles end without a newline and may
hold U+2028, so hunks are built here from lines split on ``\\n`` only. A CR
before the newline stays part of the line, so CRLF files round-trip.
"""
from __future__ import annotations

import difflib
import re

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_NO_EOL = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    return _LINE.findall(text)


def unified_diff(old: str, new: str, path: str, context: int = 3) -> str:
    """A unified diff from ``a/path`` to ``b/path``; empty when nothing changed."""
    if old == new:
        return ""
    a, b = split_lines(old), split_lines(new)
    name = path.lstrip("/")
    while name.startswith("./"):
        name = name[2:]
    out = [f"diff --git a/{name} b/{name}\n", f"--- a/{name}\n", f"+++ b/{name}\n"]
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        a1, a2 = group[0][1], group[-1][2]
        b1, b2 = group[0][3], group[-1][4]
        out.append(f"@@ -{_range(a1, a2)} +{_range(b1, b2)} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_mark(" ", line) for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                out.extend(_mark("-", line) for line in a[i1:i2])
            if tag in ("replace", "insert"):
                out.extend(_mark("+", line) for line in b[j1:j2])
    return "".join(out)


def _range(lo: int, hi: int) -> str:
    length = hi - lo
    start = lo + 1 if length else lo
    return f"{start}" if length == 1 else f"{start},{length}"


def _mark(prefix: str, line: str) -> str:
    return prefix + line if line.endswith("\n") else prefix + line + "\n" + _NO_EOL
