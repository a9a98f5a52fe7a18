"""``type: wordlist``: ``words:`` maps phrases to their replacements.

The phrases (a mapping phrase → replacement, or a list of phrases to flag)
match as whole words, case-insensitively, and the replacement takes the case
of the match. Spaces in a phrase match any run of white space, and ``'``
matches the curly apostrophe too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping

import regex

from mtfix.rules.base import ErrorFn, is_lazy
from mtfix.rules.lazy import LazyPattern
from mtfix.rules.pattern import FLAGS, MatchRule

__all__ = ["WordlistRule", "norm_phrase"]


def norm_phrase(s: str, fold: bool = True) -> str:
    """The key of a phrase in ``words``: single spaces, straight apostrophes, folded case."""
    s = " ".join(s.replace("’", "'").split())
    return s.lower() if fold else s


@dataclass
class WordlistRule(MatchRule):
    type: ClassVar[str] = "wordlist"
    KEYS: ClassVar[frozenset[str]] = MatchRule.KEYS | {"words"}
    PRESERVE_CASE: ClassVar[bool] = True
    #: ``ignore_case`` when the rule does not say.
    IGNORE_CASE: ClassVar[bool] = True

    #: normalised phrase (:func:`norm_phrase`) -> replacement, None to only flag
    words: dict[str, str | None] = field(default_factory=dict)
    ignore_case: bool = True
    #: normalised phrase -> further candidates (a list given as its replacement)
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def read_own_keys(cls, d: Mapping[str, Any], item: Any, err: ErrorFn) -> dict[str, Any]:
        own = super().read_own_keys(d, item, err)
        if "pattern" in d:
            raise err("pattern", f"a {cls.type} rule takes 'words', not 'pattern'")
        words = d.get("words")
        if isinstance(words, list):
            words = {w: None for w in words}
        if not isinstance(words, dict) or not words:
            raise err("words", "'words' must be a non-empty mapping (phrase: replacement) or list")
        words = dict(words)
        alternatives: dict[str, tuple[str, ...]] = {}
        fold = d.get("ignore_case", cls.IGNORE_CASE)
        for k, v in list(words.items()):
            if isinstance(k, str) and isinstance(v, list) and v and all(isinstance(x, str) for x in v):
                words[k] = v[0]  # a list: candidates, best first, for the model to rank
                alternatives[norm_phrase(k, fold)] = tuple(v[1:])
            elif not isinstance(k, str) or not (v is None or isinstance(v, str)):
                raise err("words", f"bad entry {k!r}: {v!r}")
        ignore_case = d.get("ignore_case", cls.IGNORE_CASE)
        alts = "|".join(r"\s+".join(regex.escape(w) for w in k.split())
                        for k in sorted(words, key=len, reverse=True))
        alts = alts.replace("'", "['’]")
        flags = FLAGS | (regex.IGNORECASE if ignore_case else 0)
        source = rf"(?<![\w-])(?:{alts})(?![\w-])"
        # a built-in list compiles the first time a text holds one of its words (mtfix.rules.lazy)
        pattern = LazyPattern(source, flags) if is_lazy() else regex.compile(source, flags)
        return {**own, "ignore_case": ignore_case, "alternatives": alternatives,
                "words": {norm_phrase(k, ignore_case): v for k, v in words.items()},
                "pattern": pattern}

    def replacement_for(self, m: "regex.Match") -> str | None:
        return self.words.get(norm_phrase(m.group(), self.ignore_case))

    def alternatives_for(self, m: "regex.Match") -> tuple[str, ...]:
        return self.alternatives.get(norm_phrase(m.group(), self.ignore_case), ())
