"""Context gates: LanguageTool matches that good English triggers, dropped by context.

A LanguageTool rule is either on or off for a whole run, but a few rules are
right in one context and wrong in another that their patterns cannot tell
apart. Rather than turn them off (and lose what they find in machine
translation), a gate looks at the text around the match:

* ``FALSE_FRIEND_ACTUALLY`` warns that French *actuellement* means
  "currently". Machine translation writes that as ``is actually the
  president``: *actually* between a form of *be* and the noun phrase it
  predicates. The emphatic *actually* of native English (``can actually
  help``, ``, actually, you never know``, ``is actually carried out``) has no
  such shape, and the rule fired twice on each control without the gate.
* ``EN_UNPAIRED_QUOTES`` is checked paragraph by paragraph by LanguageTool, but
  English lets a quotation run over paragraphs (the opening mark repeated at
  each paragraph start, the closing one only at the end), and news feeds cut
  one quoted sentence over two lines. A mark whose partner is in the next or
  previous paragraph is paired, not unpaired.

Gates only remove findings; they never change a finding's tier or span.
"""
from __future__ import annotations

import regex

from mtfix.model import Finding

__all__ = ["gate", "GATES"]

_BE = regex.compile(r"(?i)\b(?:is|are|was|were|be|been|being|am|remains?|remained|'s|’s)\s+$")
_NOUN_PHRASE = regex.compile(
    r"^\s+(?:(?i:the|a|an|his|her|its|their|our|my|your|this|that|these|those|one|two|three|"
    r"in\s+(?:charge|office|power|prison|custody|hospital|talks|the\s+process)|under|being)\b|"
    r"\p{Lu}\p{Ll}+\b|\d)")


def _actually(text: str, f: Finding) -> bool:
    before = text[max(0, f.start - 20):f.start]
    after = text[f.end:f.end + 40]
    return bool(_BE.search(before) and _NOUN_PHRASE.match(after))


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    """The line holding ``pos`` (mtfix's paragraphs and the feeds' segments are lines)."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _neighbour(text: str, lo: int, hi: int, step: int) -> str:
    """The nearest non-blank line before (step -1) or after (step 1) ``[lo, hi)``."""
    while True:
        if step > 0:
            if hi >= len(text):
                return ""
            lo, hi = _paragraph(text, hi + 1)
        else:
            if lo == 0:
                return ""
            lo, hi = _paragraph(text, lo - 1)
        line = text[lo:hi]
        if line.strip():
            return line


def _unbalanced(line: str) -> tuple[bool, bool]:
    """(an opening mark is left open, a closing mark comes before any opening one)."""
    straight = line.count('"')
    opened = sum(line.count(c) for c in "“«") > sum(line.count(c) for c in "”»") or straight % 2 == 1
    first_close = min((i for i, c in enumerate(line) if c in "”»"), default=None)
    first_open = min((i for i, c in enumerate(line) if c in "“«"), default=None)
    closes_first = first_close is not None and (first_open is None or first_close < first_open)
    if not closes_first and straight % 2 == 1:
        closes_first = True  # an odd straight mark may close the quote above
    return opened, closes_first


def _unpaired_quote(text: str, f: Finding) -> bool:
    lo, hi = _paragraph(text, f.start)
    line = text[lo:hi]
    opened, closes_first = _unbalanced(line)
    if opened:
        nxt = _neighbour(text, lo, hi, 1)
        if nxt and (nxt.lstrip()[:1] in '"“«' or _unbalanced(nxt)[1]):
            return False  # continued in the next paragraph
    if closes_first:
        prev = _neighbour(text, lo, hi, -1)
        if prev and _unbalanced(prev)[0]:
            return False  # closes the quotation opened above
    return True


#: LanguageTool rule id -> keep(text, finding): True keeps the finding.
GATES = {
    "FALSE_FRIEND_ACTUALLY": _actually,
    "EN_UNPAIRED_QUOTES": _unpaired_quote,
}


def gate(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` without the matches their rule's gate rejects in ``text``."""
    out = []
    for f in findings:
        keep = GATES.get(f.evidence.get("lt_rule", ""))
        if keep is None or keep(text, f):
            out.append(f)
    return out
