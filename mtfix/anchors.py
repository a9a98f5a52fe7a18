"""Literal anchors: skip a pattern whose required words are not in the text.

Most pattern rules cannot match most documents: ``imputed to`` needs the
letters ``imputed``, a doubled-word rule needs nothing in particular. For a
pattern whose every match must contain one of a few literal strings (its
*anchors*), a substring test on the text (C speed, no regex machinery) says
when no match is possible, and the rule is skipped without running the
expression. The answer never changes: an anchor is only taken from a part of
the pattern that every match consumes (a literal in the main sequence, a
group or a repeat of at least one, every branch of an alternation), never
from lookarounds or optional parts, and a pattern the analysis does not fully
understand gets no anchors and always runs.

The patterns are parsed with the standard library's own regular-expression
parser (``re._parser``), which reads the ``regex`` module's version-0 syntax
except for its extensions; a pattern using one of those (POSIX classes,
fuzzy matching, ``\\p{...}``, nested sets, scoped flags) is left without
anchors, as is any pattern the parser rejects or warns about. A group with its
own flags (``(?-i:[A-Z])``) gives no anchor, the rest of the pattern still may.
"""
from __future__ import annotations

import re
import warnings
from typing import Any, Iterable

try:  # the standard library's parser: re._parser from Python 3.11, sre_parse before
    import re._parser as _sre  # type: ignore[import-not-found]
    from re import _constants as _c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

__all__ = ["Anchors", "anchors", "fold", "may_match", "possible", "trie_source"]

#: ``regex`` flags the analysis understands (IGNORECASE is handled by case
#: folding; MULTILINE and DOTALL change no literal; V0, UNICODE and ASCII are
#: the defaults). Any other flag (VERBOSE, FULLCASE, V1, WORD...) means no anchors.
_KNOWN_FLAGS = 0x2 | 0x8 | 0x10 | 0x20 | 0x80 | 0x2000
_IGNORECASE = 0x2
#: More alternatives than this make the test cost more than it saves.
MAX_ANCHORS = 40
#: Syntax the standard parser would read differently from ``regex`` (a POSIX
#: class, a fuzzy constraint or a named list look like literals to it).
#: Scoped flags other than i, m and s (``(?x:``, ``(?V1:``...) change how the inside reads;
#: a group under i, m or s is read alike by both and skipped (it gives no anchor).
_FOREIGN = re.compile(r"\[:|\\[pPLNXGKmMhH]|\(\?[|&R(V]|\(\?(?![ims]*(?:-[ims]+)?:)[a-zA-Z-]+:"
                      r"|\{(?!\d*,?\d*\})")

_cache: dict[tuple[str, int, bool], "Anchors | None"] = {}
#: A character class of at most this many single characters is a set of one-letter anchors.
MAX_CLASS = 8
#: The further requirements (:attr:`Anchors.also`) kept beside the best one.
MAX_ALSO = 3


class _Unknown(Exception):
    """A construct the analysis does not vouch for: no anchors."""


def anchors(pattern: Any) -> "Anchors | None":
    """Strings one of which every match of ``pattern`` (compiled ``regex`` or
    ``re``) contains, case-folded when the pattern ignores case; None when
    there are none worth testing or the pattern is beyond the analysis."""
    stdlib = isinstance(pattern, re.Pattern)
    key = (pattern.pattern, pattern.flags, stdlib)
    if key not in _cache:
        _cache[key] = _analyse(*key)
    return _cache[key]


#: The dotted and dotless i: both engines match ``I`` with ``ı`` when ignoring
#: case, and ``re`` matches ``i`` with it too, which case folding alone misses.
_DOTS = {0x130: "i", 0x131: "i"}


def fold(text: str) -> str:
    """``text`` case-folded character by character, so that every character an
    ignore-case pattern matches with a literal folds to (a string holding) the
    literal's folding: checked over every cased character of Unicode for both
    engines (tests/test_rules_speed.py)."""
    if "\u0130" not in text and "\u0131" not in text:
        return text.casefold()  # no dotted or dotless i: translating changes nothing (and is slow)
    return text.translate(_DOTS).casefold()


class Anchors(tuple):
    """The anchors of one pattern, one of which every match contains;
    ``folded``: they are :func:`fold`-ed (the pattern ignores case) and must
    be looked for in the folded text. ``also``: further sets of anchors, one
    of each of which every match contains too (the other mandatory parts of
    the pattern: ``head of the procession`` needs ``head`` and ``procession``),
    tested only when the first set is there."""

    folded: bool = False
    also: tuple[tuple[str, ...], ...] = ()

    def __new__(cls, words, folded: bool, also: tuple = ()) -> "Anchors":
        self = super().__new__(cls, words)
        self.folded = folded
        self.also = also
        return self

    def __reduce__(self):  # pickled with the built-in pack (mtfix.rules.cache)
        return (Anchors, (tuple(self), self.folded, self.also))


def possible(need: Anchors, text: str, folded: str) -> bool:
    """Could a pattern with anchors ``need`` match ``text``? (``folded``:
    :func:`fold` of the text, for the anchors of a pattern that ignores case.)"""
    # plain loops, not any() over generators: this runs for every rule and
    # lexicon entry on every document, and the generators cost more than the tests
    where = folded if need.folded else text
    for a in need:
        if a in where:
            break
    else:
        return False
    for alt in need.also:
        for a in alt:
            if a in where:
                break
        else:
            return False
    return True


def trie_source(strings: Iterable[str], space: str = " ") -> str:
    """An expression matching the same as the alternation of ``strings``
    ordered longest first (``a|b|...``), written as a trie of them.

    A gazetteer of a thousand names as a plain alternation makes the engine
    try every name at every position of the text; as a trie it follows one
    path of characters. The two find the same: at a position, every string
    that matches there is a prefix of the longest such one, so they all lie
    on the path the trie follows, and a greedy optional group at each node
    where a string ends tries the longer strings first, the shorter ones
    when what follows the expression fails, as the ordered alternation does.
    ``space`` is what a space in a string stands for (``\\s+``, say: it
    must not match the characters that may follow a space in the strings).
    """
    trie: dict = {}
    for s in set(strings):
        node = trie
        for c in s:
            node = node.setdefault(c, {})
        node[""] = {}
    return _trie_source(trie, space)


def _trie_source(node: dict, space: str) -> str:
    """The expression of a trie node: its branches, optional when a string ends there."""
    alts = []
    for c in sorted(node) if len(node) > 1 else node:
        if c:
            child, chain = node[c], [c]
            while len(child) == 1 and "" not in child:  # a run of single branches: no group
                (c, child), = child.items()
                chain.append(c)
            alts.append("".join(space if c == " " else _escape(c) for c in chain)
                        + _trie_source(child, space))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _escape(c: str) -> str:
    esc = _ESCAPED.get(c)
    if esc is None:
        esc = _ESCAPED[c] = re.escape(c)
    return esc


#: :func:`re.escape` of each character met (called for every node of a trie otherwise).
_ESCAPED: dict[str, str] = {}


def may_match(pattern: Any, text: str) -> bool:
    """False only when ``pattern`` cannot match anywhere in ``text`` (a line, say)."""
    need = anchors(pattern)
    return need is None or possible(need, text, fold(text) if need.folded else text)


def _analyse(source: str, flags: int, stdlib: bool) -> "Anchors | None":
    if not isinstance(source, str):
        return None
    if not stdlib and (flags & ~_KNOWN_FLAGS or _FOREIGN.search(source)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            # the standard parser's own engine reads VERBOSE the same; regex's may not
            parsed = _sre.parse(source, flags & re.VERBOSE if stdlib else 0)
        if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE | re.MULTILINE | re.DOTALL | re.ASCII
                                  | (re.VERBOSE if stdlib else 0)):
            return None
        parts: list[frozenset[str]] = []
        req = _required(list(parsed), parts)
    except (_Unknown, re.error, Warning, RecursionError, TypeError, ValueError, IndexError):
        return None
    if not req or any(not a for a in req):
        return None
    # the other mandatory parts of the main sequence, the most selective first
    others = sorted({p for p in parts if p != req and all(p)}, key=_selectivity, reverse=True)
    if (flags | parsed.state.flags) & re.IGNORECASE:
        # tested against the folded text, so that every spelling the pattern
        # accepts (``ſ`` for ``s``, ``K`` for the Kelvin sign) passes
        return Anchors(sorted({fold(a) for a in req}), True,
                       tuple(tuple(sorted({fold(a) for a in p})) for p in others[:MAX_ALSO]))
    # a literal of a case-sensitive pattern matches itself only
    return Anchors(sorted(req), False, tuple(tuple(sorted(p)) for p in others[:MAX_ALSO]))


def _selectivity(a: frozenset[str]) -> tuple[int, int]:
    """Longer shortest anchor, then fewer anchors: the rarer in a text."""
    return (min(map(len, a)), -len(a))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements (:func:`_selectivity`)."""
    if a is None:
        return b
    if b is None:
        return a
    return b if _selectivity(b) > _selectivity(a) else a


def _required(items: list, parts: list | None = None) -> frozenset[str] | None:
    """The requirement of a sequence: the best one among its mandatory parts
    (each of which is added to ``parts``)."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            if parts is not None:
                parts.append(frozenset({"".join(run)}))
            run = []
        req: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            # a group under its own flags (``(?-i:[A-Z])`` in a lexicon entry) is skipped:
            # its literals may match otherwise than the pattern's, and the rest still holds
            req = None if add_flags or del_flags else _required(list(sub))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            req = _required(list(sub)) if lo >= 1 else None
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            req = _required(list(av))
        elif op is _c.BRANCH:
            alts = [_required(list(a)) for a in av[1]]
            if all(r is not None for r in alts):
                union = frozenset().union(*alts)  # type: ignore[arg-type]
                req = union if len(union) <= MAX_ANCHORS else None
        elif op is _c.IN and len(av) <= MAX_CLASS and all(o is _c.LITERAL for o, _ in av):
            req = frozenset(chr(v) for _, v in av)  # [{}], [Tt]: one of these characters
        elif op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            raise _Unknown()
        # anything else (a class, a category, an anchor, a lookaround) requires no literal
        best = _better(best, req)
        if parts is not None and req is not None:
            parts.append(req)
    if run:
        best = _better(best, frozenset({"".join(run)}))
        if parts is not None:
            parts.append(frozenset({"".join(run)}))
    return best
