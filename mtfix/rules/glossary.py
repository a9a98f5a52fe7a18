"""``type: glossary``: terminology, matched as written.

Like a word list, but case counts (``ignore_case`` is off unless the rule
turns it on) and the replacement is used verbatim: ``Le Monde``, not
``le monde``.
"""
from __future__ import annotations

from typing import ClassVar

from mtfix.rules.wordlist import WordlistRule

__all__ = ["GlossaryRule"]


class GlossaryRule(WordlistRule):
    type: ClassVar[str] = "glossary"
    PRESERVE_CASE: ClassVar[bool] = False
    IGNORE_CASE: ClassVar[bool] = False
