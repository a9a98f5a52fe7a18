"""A regular expression compiled the first time a document needs it.

Compiling is the ``regex`` module's slowest step (its parser is Python): the
built-in pack holds some 500 expressions (pattern rules, their context
conditions, the calques lexicon) and compiling them all took most of a fresh
process's time, while a news article can match only a few dozen of them. The
literal-anchor test (:mod:`mtfix.anchors`) reads the source alone, so a rule
whose anchors are absent from a text is skipped without ever compiling.

Only what mtfix ships is compiled lazily (the loader decides,
:func:`mtfix.rules.base.lazy_patterns`): the test suite compiles and runs
every built-in expression, so nothing can go wrong late. A user's rule file is
compiled as it is loaded, so a malformed pattern is an error at
``file:line`` before any text is read, never a crash in the middle of a run.

Compiling happens with the rule time limit paused (:func:`limits.paused`): it
is a one-off cost of loading, not the rule running away, and a text that
needs every entry of the lexicon must not run the lexicon out of time.
"""
from __future__ import annotations

from typing import Any

import regex

from mtfix.anchors import Anchors, anchors
from mtfix.rules.limits import paused

__all__ = ["LazyPattern", "compiled", "needs"]


class LazyPattern:
    """``regex.compile(pattern, flags)``, done on first use.

    ``pattern`` and ``flags`` are what :mod:`mtfix.anchors` reads; ``flags``
    are the ones given (a compiled pattern's also hold the defaults ``regex``
    adds and the inline flags, which the anchor analysis reads from the
    source). Any other attribute (``finditer``, ``groupindex``...) is the
    compiled pattern's. Copies share the compilation; pickles carry the
    source and the anchors (:attr:`need`), which the cache of the built-in
    pack keeps (:mod:`mtfix.rules.cache`), never the compiled pattern.
    """

    __slots__ = ("pattern", "flags", "_compiled", "_need")

    def __init__(self, pattern: str, flags: int = 0, need: Any = ...) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: Any = None
        self._need = need

    @property
    def need(self) -> Anchors | None:
        """:func:`mtfix.anchors.anchors` of the pattern, worked out once."""
        n = self._need
        if n is ...:
            n = self._need = anchors(self)
        return n

    def compiled(self) -> Any:
        c = self._compiled
        if c is None:
            with paused():
                c = self._compiled = regex.compile(self.pattern, self.flags)
        return c

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def __getattr__(self, name: str) -> Any:
        # only reached for names that are not slots: the compiled pattern's
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return (LazyPattern, (self.pattern, self.flags, self._need))

    def __copy__(self) -> "LazyPattern":
        return self  # immutable once compiled: a copied rule shares the compilation

    def __deepcopy__(self, memo: dict) -> "LazyPattern":
        return self

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        state = "compiled" if self._compiled is not None else "not compiled yet"
        return f"LazyPattern({self.pattern!r}, {self.flags:#x}; {state})"


def needs(pattern: Any) -> Anchors | None:
    """:func:`mtfix.anchors.anchors` of a pattern, lazy or compiled."""
    return pattern.need if isinstance(pattern, LazyPattern) else anchors(pattern)


def compiled(pattern: Any) -> Any:
    """The compiled pattern of a :class:`LazyPattern`, or ``pattern`` itself."""
    return pattern.compiled() if isinstance(pattern, LazyPattern) else pattern
