"""LanguageTool only where it earns its time: ``fix`` asks only for the rules
that can reach its tiers (issue #14 §4, mtfix.grammar.selection).

The fast tests check the choice of rules and that a safe-only ``fix`` never
reaches LanguageTool (a Java that does not exist would make it say
"grammar checking off"); the slow ones ask a real LanguageTool 6.8 server
(tests/conftest_lt.py).
"""
from __future__ import annotations

import json
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from mtfix.cli.batch import Job, fix_tiers, shared_languagetool
from mtfix.document import Document
from mtfix.engine import Engine
from mtfix.grammar import EVERYTHING, LanguageToolBackend, rules_for
from mtfix.grammar.selection import NOTHING, RuleSet
from mtfix.model import Tier
from mtfix.settings import DEFAULT_LT_TIERS, LanguageToolSettings, Settings

ROOT = Path(__file__).resolve().parents[1]
SAFE, SUGGESTED, REVIEW = {Tier.SAFE}, {Tier.SAFE, Tier.SUGGESTED}, {Tier.REVIEW}
# "Juppé ," from corpora/web/dev (French spacing before a comma), and a
# sentence whose "motorway" fires only EN_US_SIMPLE_REPLACE_MOTORWAY, a sub-id off by default.
SPACED = "Alain Juppé , the mayor of Bordeaux, said so on Monday.\n"
MOTORWAY = "They drove on the motorway to Lyon.\n"


def lt(**kw) -> LanguageToolSettings:
    return LanguageToolSettings(**kw)


# -- which rules ------------------------------------------------------------------
def test_check_asks_for_every_rule_and_safe_fix_for_none():
    assert rules_for(lt(), None) is EVERYTHING
    assert rules_for(lt(), REVIEW | SUGGESTED).everything
    assert rules_for(lt(), SAFE).empty  # LanguageTool alone never makes a safe fix
    assert rules_for(lt(), set()).empty


def test_suggested_fix_asks_for_the_defaults_suggested_rules_only():
    wanted = rules_for(lt(), SUGGESTED)
    assert wanted == RuleSet(frozenset(k for k, v in DEFAULT_LT_TIERS.items() if v == "suggested"))
    assert wanted.rules == {"COMMA_PARENTHESIS_WHITESPACE"}
    assert rules_for(lt(), {Tier.SUGGESTED}) == wanted


def test_a_rule_turned_down_or_off_is_not_asked_for():
    assert rules_for(lt(tiers={"COMMA_PARENTHESIS_WHITESPACE": "review"}), SUGGESTED) == NOTHING
    assert rules_for(lt(disabled_rules=("COMMA_PARENTHESIS_WHITESPACE",)), SUGGESTED) == NOTHING


@pytest.mark.parametrize("settings", [
    lt(enabled_only=False),
    lt(enabled_rules=("EN_A_VS_AN",)),
    lt(tiers={"EN_A_VS_AN": "suggested"}),  # a user's entry: LanguageTool knows its rules
    lt(tiers={"EN_US_SIMPLE_REPLACE_MOTORWAY": "suggested"}),  # a sub-id enabledOnly cannot enable
    lt(tiers={"EN_*": "suggested"}),
    lt(tiers={"category:TYPOGRAPHY": "safe"}),
    lt(tiers={"type:whitespace": "suggested"}),
    lt(default_tier="suggested"),
], ids=["enabled_only=false", "enabled_rules", "user id", "sub-id", "glob", "category", "type",
        "default_tier"])
def test_whatever_cannot_be_told_from_a_default_rule_id_asks_for_every_rule(settings):
    assert rules_for(settings, SUGGESTED).everything


def test_languagetool_findings_the_model_decides_may_become_safe():
    assert rules_for(lt(category="calques"), SAFE, lm_categories=("pronouns", "calques")).everything
    assert rules_for(lt(), SAFE, lm_categories=("pronouns", "calques")).empty


# -- the engine and the batch -----------------------------------------------------
def _no_java() -> Settings:
    return Settings(grammar=True, languagetool=lt(java="/nonexistent/java"), lm=replace(Settings().lm, enabled=False))


def test_safe_fix_never_reaches_languagetool_check_does():
    warnings: list[str] = []
    with Engine(_no_java(), on_warning=warnings.append) as engine:
        fixed = engine.fix(SPACED)
        assert warnings == [] and engine._lt is None and not engine._lt_failed
        assert engine.languagetool_rules(SAFE).empty
        engine.fix(SPACED, SUGGESTED)  # COMMA_PARENTHESIS_WHITESPACE: LanguageTool is asked
        assert len(warnings) == 1 and warnings[0].startswith("grammar checking off")
    with Engine(_no_java(), on_warning=warnings.append) as engine:
        engine.check(SPACED)
        assert len(warnings) == 2
    assert fixed.text.startswith("Alain Juppé")


def test_a_batch_fix_no_rule_can_change_starts_no_shared_server():
    with Engine(_no_java()) as engine:
        job = Job("fix", {})
        assert fix_tiers(job) == SAFE and fix_tiers(replace(job, suggested=True)) == SUGGESTED
        assert shared_languagetool(engine, 2, 10, job) is None
        assert engine._lt is None


# -- a real server --------------------------------------------------------------------
@pytest.mark.slow
def test_the_suggested_rule_alone_finds_what_every_rule_finds(lt_server):
    url = lt_server.url
    with LanguageToolBackend(lt(server_url=url)) as backend:
        every = backend.check(Document(SPACED))
        only = backend.check(Document(SPACED), backend.rules_for(SUGGESTED))
    assert [f.rule for f in only] == ["lt:COMMA_PARENTHESIS_WHITESPACE"]
    assert only == [f for f in every if f.rule == "lt:COMMA_PARENTHESIS_WHITESPACE"]
    assert only[0].tier is Tier.SUGGESTED and only[0].fix.apply_to(SPACED, 0, len(SPACED)).startswith("Alain Juppé,")


@pytest.mark.slow
def test_a_disabled_sub_id_stays_off_under_enabled_only(lt_server):
    with LanguageToolBackend(lt(server_url=lt_server.url)) as backend:
        assert backend.check_text(MOTORWAY, RuleSet(frozenset({"EN_US_SIMPLE_REPLACE"}))) == []
    with LanguageToolBackend(lt(server_url=lt_server.url, disabled_rules=())) as backend:
        found = backend.check_text(MOTORWAY, RuleSet(frozenset({"EN_US_SIMPLE_REPLACE"})))
    assert [f.rule for f in found] == ["lt:EN_US_SIMPLE_REPLACE_MOTORWAY"]


@pytest.mark.slow
def test_the_defaults_name_rules_languagetool_runs_by_default(lt_server):
    """rules_for asks for DEFAULT_LT_TIERS's suggested ids by name: each must be
    a rule id (not a sub-id) that LanguageTool has on without enabledOnly."""
    with urllib.request.urlopen(lt_server.url + "/v2/configinfo?language=en-US", timeout=60) as r:
        rules = json.load(r)["rules"]
    on = {x["ruleId"] for x in rules if not x.get("isDefaultOff")}
    named = rules_for(lt(), SUGGESTED).rules
    assert named and named <= on
