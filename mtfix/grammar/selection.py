"""Which LanguageTool rules a check needs to ask for, given the tiers it can use.

LanguageTool spends its time in two halves: analysing the text (sentences,
tags, disambiguation, chunks), which every check pays, and running its rules,
which ``enabledRules`` + ``enabledOnly=true`` can cut to a few. Which rules a
command can use depends on the tiers it acts on:

* ``check`` shows every tier, and today's defaults keep every rule at review
  except the 83 of ``LT_RULES_OFF``: the set that reproduces its findings is
  "all but those", which is the request it already sends (``disabledRules``).
  Listing the 2,883 others with ``enabledOnly`` finds the same matches in the
  same JVM time (seed 0.30 s, 10,000 words 3.8 s either way, warm server; see
  docs/languagetool-rules.md), so :func:`rules_for` answers :data:`EVERYTHING` there.
* ``fix`` applies safe fixes, and with ``--suggested`` suggested ones. A
  LanguageTool finding is never safe (:meth:`~mtfix.grammar.backend.LanguageToolBackend._finding`
  demotes it), so safe-only ``fix`` needs no rule at all: no request, no
  server, no JVM. With suggested fixes it needs only the rules whose tier can
  be suggested (``tiers`` entries, ``default_tier``), by default
  ``COMMA_PARENTHESIS_WHITESPACE`` alone. A review-tier match cannot change
  fix's output: :func:`mtfix.resolve.resolve` never sees a finding outside its
  tiers, and :func:`mtfix.grammar.merge` only drops it or records it in
  evidence. (Fewer rules could reveal a match LanguageTool's overlap cleaning
  hid behind another rule's: none on the dev split, the seed and the controls,
  ``bench/bench_lt_only.py same``.)

Only the defaults' own suggested rules (``DEFAULT_LT_TIERS``: measured rule
ids, on by default) are asked for by name. Any other way a match can become
suggested (a user's ``tiers`` entry, a suggested ``default_tier``,
LanguageTool findings decided by the language model, opt-in
``enabled_rules``, ``enabled_only = false``) answers :data:`EVERYTHING`: asking
for more rules than needed costs time, asking for fewer would lose fixes, and
``enabledOnly`` cannot enable a sub-id (``EN_US_SIMPLE_REPLACE_MOTORWAY``)
and does enable rules LanguageTool has off by default. Pure: no server, no
import of language_tool_python.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from mtfix.model import Tier
from mtfix.settings_lt import DEFAULT_LT_TIERS

if TYPE_CHECKING:
    from mtfix.settings_lt import LanguageToolSettings

__all__ = ["RuleSet", "EVERYTHING", "NOTHING", "rules_for", "spelling_rule_ids"]


@dataclass(frozen=True)
class RuleSet:
    """The rules one request asks for. ``rules`` None: every rule the settings
    leave on (``disabledRules``/``disabledCategories``, today's request);
    otherwise exactly these rule ids (``enabledRules`` + ``enabledOnly``)."""

    rules: frozenset[str] | None

    @property
    def everything(self) -> bool:
        return self.rules is None

    @property
    def empty(self) -> bool:
        """No rule at all: the check need not be sent (nor a server started)."""
        return self.rules is not None and not self.rules


EVERYTHING = RuleSet(None)
NOTHING = RuleSet(frozenset())


def spelling_rule_ids(language: str) -> list[str]:
    """LanguageTool's spell-checking rule for ``language`` (e.g. MORFOLOGIK_RULE_EN_US)."""
    code = language.replace("-", "_").upper()
    ids = [f"MORFOLOGIK_RULE_{code}"]
    if code in ("EN", "EN_US", "EN_GB", "EN_CA", "EN_AU", "EN_NZ", "EN_ZA"):
        ids.append("HUNSPELL_RULE")
    return ids


def _can_apply(tier: str) -> bool:
    """Can a match given this tier by the settings end up suggested? (Safe is
    demoted to suggested; review stays review.)"""
    return Tier.parse(tier) in (Tier.SAFE, Tier.SUGGESTED)


def rules_for(settings: "LanguageToolSettings", tiers: Iterable[Tier] | None = None,
              lm_categories: Iterable[str] = ()) -> RuleSet:
    """The rules whose matches can end in one of ``tiers`` (None: any tier, as
    ``check``). ``lm_categories``: the categories the language model re-tiers
    (``[lm] categories`` when the model runs); if LanguageTool's ``category`` is
    one of them, any match with a replacement may become safe."""
    if tiers is None:
        return EVERYTHING
    tiers = set(tiers)
    if Tier.REVIEW in tiers or not settings.enabled_only or settings.enabled_rules:
        return EVERYTHING
    if not tiers:
        return NOTHING
    if settings.category in set(lm_categories):
        return EVERYTHING
    if Tier.SUGGESTED not in tiers:
        return NOTHING  # LanguageTool alone never makes a safe fix
    if _can_apply(settings.default_tier):
        return EVERYTHING
    rules: set[str] = set()
    for key, tier in settings.tiers.items():
        if not _can_apply(tier):
            continue
        if DEFAULT_LT_TIERS.get(key) != tier:
            # A user's entry (an id, a glob, a category or issue type): only
            # LanguageTool knows which rules it covers, and ``enabledOnly`` would
            # get a sub-id (EN_US_SIMPLE_REPLACE_MOTORWAY: nothing) or a rule it
            # has off by default (switched on) wrong. Ask for every rule, as before.
            return EVERYTHING
        rules.add(key)  # a default, measured in docs/languagetool-rules.md: a rule id, on by default
    off = set(settings.disabled_rules)
    if not settings.spelling:
        off.update(spelling_rule_ids(settings.language))
    return RuleSet(frozenset(rules - off))
