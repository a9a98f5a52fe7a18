"""Rule files: loading, validation, matching and their built-in tests.

A rule file is data: a YAML mapping with ``rules:``, a list of rules. Four
rule *types*, in the spirit of Vale, each a class in its own module, found by
``type:`` name in :mod:`mtfix.rules.registry`:

``pattern`` (the default when ``pattern`` is given; :mod:`~mtfix.rules.pattern`)
    A regular expression (the ``regex`` module, run under a time limit) and a
    ``replacement`` that may use ``\\1`` and ``\\g<name>``; ``replacement: null``
    only flags.
``wordlist`` (:mod:`~mtfix.rules.wordlist`)
    ``words:`` a mapping of phrase → replacement (or a list of phrases to flag),
    matched as whole words, case-insensitively, keeping the case of the match.
``glossary`` (:mod:`~mtfix.rules.glossary`)
    Terminology: like ``wordlist`` but the terms match as written (case
    counts) and the replacement is used verbatim (``Le Monde``, not ``le monde``).
``detector`` (:mod:`~mtfix.rules.detector`)
    ``detector:`` the id of a Python detector in :mod:`mtfix.detectors`, with
    ``options:`` for it.

Context conditions (any rule type; :mod:`~mtfix.rules.base`) keep or drop each
match: ``sentence_start``, ``in_quotes``, ``in_heading``, ``after_capital``,
``before_capital`` (true or false), ``preceded_by`` / ``followed_by`` /
``not_preceded_by`` / ``not_followed_by`` (regular expressions tried against the
same line right before or after the match). ``skip_headings``, ``skip_quotes``
and ``only_quotes`` are older spellings kept working. docs/rules.md is the guide.

Every rule may carry ``examples`` (``{text, fixed}``; without ``fixed`` the rule
need only flag) and ``counterexamples`` (texts it must leave alone), run by
``mtfix rules test`` and by the test suite (:mod:`~mtfix.rules.examples`).
:mod:`~mtfix.rules.authoring` holds the logic of the ``mtfix rules`` commands.
"""
from __future__ import annotations

from mtfix.errors import RuleFileError, RuleTimeout
from mtfix.rules.base import LOOKAROUND_KEYS, Rule
from mtfix.rules.case import TRANSFORMS, match_case
from mtfix.rules.detector import DetectorRule
from mtfix.rules.examples import Example, ExampleFailure, run_examples
from mtfix.rules.glossary import GlossaryRule
from mtfix.rules.limits import REGEX_TIMEOUT, limited
from mtfix.rules.loader import builtin_rules_dir, load_file, load_pack, parse_rule, rule_files
from mtfix.rules.pack import RulePack
from mtfix.rules.pattern import MatchRule, PatternRule
from mtfix.rules.registry import RULE_KEYS, RULE_TYPES
from mtfix.rules.wordlist import WordlistRule

__all__ = [
    "Rule", "MatchRule", "PatternRule", "WordlistRule", "GlossaryRule", "DetectorRule",
    "RULE_TYPES", "RULE_KEYS", "LOOKAROUND_KEYS", "TRANSFORMS", "match_case",
    "RulePack", "load_pack", "load_file", "parse_rule", "rule_files", "builtin_rules_dir",
    "REGEX_TIMEOUT", "limited", "RuleTimeout", "RuleFileError",
    "Example", "ExampleFailure", "run_examples",
]
