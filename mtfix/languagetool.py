"""Temporary: the old home of :mod:`mtfix.grammar`, until the engine and
mtfix/cli/common.py import from there. Delete it then."""
from __future__ import annotations

from mtfix.grammar import RULE_PREFIX, SOURCE, LanguageToolBackend, merge

__all__ = ["LanguageToolBackend", "merge", "RULE_PREFIX", "SOURCE"]
