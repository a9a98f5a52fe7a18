"""What a change looks like as text: word-level diff runs and visible blanks.

Every view of a change -- ``mtfix check``'s line per finding, ``mtfix
review``'s excerpt, the messages after an edit -- shows the same marks
(``[-gone-]{+added+}``, ``[[flagged]]`` without colour), and they must agree
on what a line break or a deleted space looks like: one ``⏎`` per line break
(CRLF, CR and LF alike) and one ``␣`` per space when a marked run is only
spaces, since an invisible change cannot be reviewed. Characters that would
make the terminal show something other than the text -- control characters
(ESC starts a terminal escape sequence), the bidirectional overrides and
isolates that reorder the rest of the line -- are shown escaped (``\\u202e``,
:func:`printable`). This module computes the marked runs; colouring them is
the terminal's business (:mod:`mtfix.cli.render`), so nothing here knows click.
"""
from __future__ import annotations

import difflib
import re

__all__ = ["diff_runs", "escape_controls", "marks", "printable", "shown", "visible", "word_span"]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
#: A marked run longer than this is shortened to its two ends (``check`` shows
#: one line per finding); ``review`` shows every character it asks about.
LONG = 160
_KEEP = 70


#: What a terminal must not receive raw from an article: the C0 controls but
#: tab and the line breaks (which :func:`visible` shows as ``⏎``), DEL and the
#: C1 controls (ESC and CSI start escape sequences; VT, FF and NEL move the
#: cursor), the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
#: U+2066-U+2069: they reorder what follows, so the line shown is not the text),
#: the directional marks, and the line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")


def escape_controls(s: str) -> str:
    """``s`` with every character of :data:`_UNSAFE` as its Python escape
    (``\\x1b``, ``\\u202e``), the form the command line also uses for a
    character its output encoding cannot show."""
    return _UNSAFE.sub(_escape, s)


def _escape(m: re.Match) -> str:
    n = ord(m.group())
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def visible(s: str) -> str:
    """``s`` on one line: each line break (CRLF, CR or LF) as ``⏎``. The
    review's edit prompt turns ``⏎`` back into line breaks, so nothing else
    is changed here; what is shown goes through :func:`printable`."""
    return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "⏎")


def printable(s: str) -> str:
    """``s`` as a terminal may show it: :func:`visible`, and control and
    bidirectional characters escaped (:func:`escape_controls`)."""
    return escape_controls(visible(s))


def shown(s: str, shorten: bool = False) -> str:
    """A marked run as displayed: :func:`printable`, each space as ``␣`` when
    the run is only blanks, and (``shorten``) its two ends when longer than
    :data:`LONG` characters."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if shorten and len(s) > LONG:
        s = s[:_KEEP] + " … " + s[-_KEEP:]
    s = printable(s)
    return s if s.strip() else s.replace(" ", "␣")


def diff_runs(old: str, new: str) -> list[tuple[str, str, str]]:
    """Word-level runs ``(op, old_text, new_text)``, op 'equal' or 'change'.

    Spaces that happen to match between two changed words are folded into
    the change (``[-the general-]{+General+}`` rather than ``[-the-]{+General+}
    [-general-]``), and whitespace shared at a change's edges is moved out of it.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append(["equal" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2])])
    merged: list[list[str]] = []
    for k, r in enumerate(runs):
        between = 0 < k < len(runs) - 1 and runs[k - 1][0] == runs[k + 1][0] == "change"
        if r[0] == "equal" and between and not r[1].strip():
            r = ["change", r[1], r[2]]
        if merged and merged[-1][0] == r[0] == "change":
            merged[-1][1] += r[1]
            merged[-1][2] += r[2]
        else:
            merged.append(r)
    out: list[tuple[str, str, str]] = []
    for op, x, y in merged:
        if op == "equal":
            out.append((op, x, y))
            continue
        lead = 0
        while lead < min(len(x), len(y)) and x[lead] == y[lead] and x[lead].isspace():
            lead += 1
        trail = 0
        while (trail < min(len(x), len(y)) - lead and x[len(x) - 1 - trail] == y[len(y) - 1 - trail]
               and x[len(x) - 1 - trail].isspace()):
            trail += 1
        if lead:
            out.append(("equal", x[:lead], y[:lead]))
        out.append(("change", x[lead:len(x) - trail], y[lead:len(y) - trail]))
        if trail:
            out.append(("equal", x[len(x) - trail:], y[len(y) - trail:]))
    return out


def marks(old: str, new: str | None, *, words: bool = True, shorten: bool = False
          ) -> list[tuple[str, str]]:
    """``old`` -> ``new`` as displayed runs ``(kind, text)``, kind 'equal',
    'delete', 'insert' or, when ``new`` is None (a flag without a fix), one
    'flag' run. ``words``: a diff word by word (review); otherwise the whole
    of ``old`` deleted and ``new`` inserted (check's one-line form).
    """
    if new is None:
        return [("flag", shown(old, shorten))]
    runs = diff_runs(old, new) if words else [("change", old, new)]
    out = []
    for op, x, y in runs:
        if op == "equal":
            out.append(("equal", printable(x)))
            continue
        if x:
            out.append(("delete", shown(x, shorten)))
        if y:
            out.append(("insert", shown(y, shorten)))
    return out


def word_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen ``[lo, hi)`` to whole words, so that a one-letter change shows as
    ``[-Success-]{+success+}``; an insertion between words stays where it is."""
    def w(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_'’")

    if hi > lo or (w(lo - 1) and w(lo)):
        while w(lo - 1) and (w(lo) or hi == lo):
            lo -= 1
        while w(hi) and w(hi - 1):
            hi += 1
    return lo, hi
