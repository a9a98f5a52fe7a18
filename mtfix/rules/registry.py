"""The rule types by ``type:`` name, and the keys a rule mapping may hold."""
from __future__ import annotations

from typing import Any, Mapping

from mtfix.rules.base import ErrorFn, Rule
from mtfix.rules.detector import DetectorRule
from mtfix.rules.glossary import GlossaryRule
from mtfix.rules.pattern import PatternRule
from mtfix.rules.wordlist import WordlistRule

__all__ = ["RULE_TYPES", "RULE_KEYS", "rule_class"]

RULE_TYPES: dict[str, type[Rule]] = {
    cls.type: cls for cls in (PatternRule, WordlistRule, GlossaryRule, DetectorRule)}
#: Every key any rule type reads. A rule may hold a key that its own type
#: ignores: a file's ``defaults:`` apply to rules of every type.
RULE_KEYS: frozenset[str] = frozenset().union(*(cls.KEYS for cls in RULE_TYPES.values()))


def rule_class(d: Mapping[str, Any], err: ErrorFn) -> type[Rule]:
    """The type of rule mapping ``d``: its ``type:``, else guessed from ``detector`` or
    ``words``, else ``pattern``."""
    kind = d.get("type") or ("detector" if "detector" in d else "wordlist" if "words" in d else "pattern")
    if not isinstance(kind, str) or kind not in RULE_TYPES:
        raise err("type", f"unknown rule type {kind!r} (one of: {', '.join(RULE_TYPES)})")
    return RULE_TYPES[kind]
