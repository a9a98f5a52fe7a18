"""LanguageTool: a second opinion on grammar, next to mtfix's own rules.

* :mod:`mtfix.grammar.install` — LanguageTool 6.8 assembled offline from
  Maven Central, with a French false-friend overlay
  (``python -m mtfix.grammar.install`` is the setup hook);
* :mod:`mtfix.grammar.server` — the local server process, one per process,
  shared by backends and stopped when the last one closes;
* :mod:`mtfix.grammar.persist` — the background server of
  ``mtfix languagetool serve --background``, recorded in the cache and found
  by later runs (a stale record is ignored);
* :mod:`mtfix.grammar.backend` — :class:`LanguageToolBackend`: a document's
  LanguageTool matches as findings, tiered by the ``[languagetool]`` settings;
  a long document goes in paragraph pieces checked in parallel;
* :mod:`mtfix.grammar.selection` — :func:`rules_for`: the rules a check
  must ask for when only some tiers matter (``fix``: none by default, so no
  server);
* :mod:`mtfix.grammar.merge` — :func:`merge`: mtfix's findings plus the
  LanguageTool findings that add something.

Importing this package is cheap: language_tool_python is imported on the
first check, and ``java`` runs only when a check needs the server.
"""
from __future__ import annotations

from mtfix.grammar.backend import RULE_PREFIX, SOURCE, LanguageToolBackend
from mtfix.grammar.merge import merge
from mtfix.grammar.selection import EVERYTHING, RuleSet, rules_for

__all__ = ["LanguageToolBackend", "merge", "RULE_PREFIX", "SOURCE", "RuleSet", "EVERYTHING", "rules_for"]
