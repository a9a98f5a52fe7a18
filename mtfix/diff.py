"""Unified diffs that ``git apply`` and ``patch -p1`` accept byte for byte.

``difflib.unified_diff`` forgets the "\\ No newline at end of file" marker and
splits on every Unicode line separator; articles end without a newline and may
hold U+2028, so hunks are built here from lines split on ``\\n`` only. A CR
before the newline stays part of the line, so CRLF files round-trip.

The headers name the file as ``git diff`` does (:func:`git_name`), so that
``git apply`` finds it: relative to the top of the git work tree that holds
it (else to the current folder), never an absolute or ``../`` path when a
relative one reaches the file, and C-quoted (``"a/tab\\there.txt"``) when the
name has a quote, a backslash, a control character or a non-ASCII byte.
"""
from __future__ import annotations

import difflib
import os
import re

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_NO_EOL = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    return _LINE.findall(text)


def unified_diff(old: str, new: str, path: str, context: int = 3, *,
                 cwd: str | None = None) -> str:
    """A unified diff from ``a/NAME`` to ``b/NAME``, NAME being ``path`` as git
    names it (:func:`git_name`, from ``cwd``, default the current folder);
    empty when nothing changed."""
    if old == new:
        return ""
    a, b = split_lines(old), split_lines(new)
    name = git_name(path, cwd)
    old_name, new_name = quote_c_style("a/" + name), quote_c_style("b/" + name)
    # git ends a name holding a space with a tab on these two lines, so that
    # GNU patch does not cut the name at the space
    tab = "\t" if " " in name else ""
    out = [f"diff --git {old_name} {new_name}\n", f"--- {old_name}{tab}\n", f"+++ {new_name}{tab}\n"]
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


def git_name(path: str, cwd: str | None = None) -> str:
    """``path`` as the headers of a ``git diff`` name it: relative to the top
    of the git work tree holding the file (``git apply`` reads paths of a
    ``diff --git`` patch from there), else relative to ``cwd`` (default: the
    current folder). A file outside both keeps its absolute path without the
    leading ``/``, as ``git diff --no-index`` writes it. ``.`` and ``..``
    components and doubled slashes are resolved. Stdin stays ``<stdin>``."""
    if path in ("-", "<stdin>"):
        return "<stdin>"
    here = os.path.abspath(cwd or os.getcwd())
    full = os.path.normpath(os.path.join(here, path))
    top = _work_tree(os.path.dirname(full))
    base = top if top is not None else here
    rel = os.path.relpath(full, base)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = full.lstrip(os.sep)
    return rel.replace(os.sep, "/")


def _work_tree(folder: str) -> str | None:
    """The top of the git work tree holding ``folder`` (the nearest folder
    upward with a ``.git`` entry, a folder or a worktree's file), or None."""
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


_C_ESCAPES = {0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0B: "\\v", 0x0C: "\\f",
              0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}


def quote_c_style(name: str) -> str:
    """``name`` quoted as git quotes paths (``core.quotePath``, on by
    default): unchanged when it is printable ASCII without ``"`` or ``\\``,
    else in double quotes with C escapes, and every other control or
    non-ASCII byte of its file-system encoding as a three-digit octal escape
    (``café`` is ``"caf\\303\\251"``). The result is ASCII, so a header
    never fails to encode in the article's encoding."""
    raw = os.fsencode(name)
    if all(0x20 <= c < 0x7F and c not in (0x22, 0x5C) for c in raw):
        return name
    out = []
    for c in raw:
        if c in _C_ESCAPES:
            out.append(_C_ESCAPES[c])
        elif c < 0x20 or c >= 0x7F:
            out.append(f"\\{c:03o}")
        else:
            out.append(chr(c))
    return '"' + "".join(out) + '"'
