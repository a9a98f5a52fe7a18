"""LanguageTool's defaults are the ones docs/languagetool-rules.md measures (issue #12 §3).

The page is written by ``bench/lt_rules.py`` (LanguageTool alone, every rule
on, over the dev split and the controls); ``mtfix/settings.py`` holds the
resulting lists. These tests read the page's per-rule table and check that
the two agree, without Java: the page is the data, the settings its copy.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from mtfix.grammar.backend import tier_for
from mtfix.model import Tier
from mtfix.settings import (DEFAULT_LT_TIERS, LT_RULES_OFF, NOISY_FALSE_FRIENDS, LanguageToolSettings,
                            load_settings)

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "languagetool-rules.md"
ROW = re.compile(r"^\| `(?P<rule>[A-Z0-9_]+)` \| (?P<category>[A-Z_]*) \| (?P<matches>\d+) \| (?P<on_gold>\d+) \| "
                 r"(?P<p>\d+|–) \| (?P<fix>\d+/\d+|–) \| (?P<traps>\d+) \| (?P<ref>[\d.]+) \| (?P<native>[\d.]+) \| "
                 r"(?P<default>off|review|suggested) \| (?P<why>[^|]+) \|$")


def _bench():
    spec = importlib.util.spec_from_file_location("mtfix_bench_lt_rules", ROOT / "bench" / "lt_rules.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows(page) -> dict[str, dict]:
    table = page.split("## Per rule", 1)[1]
    out = {}
    for line in table.splitlines():
        if line.startswith("| `"):
            m = ROW.match(line)
            assert m, f"a row of the per-rule table that does not parse: {line}"
            r = m.groupdict()
            assert r["rule"] not in out, f"{r['rule']} listed twice"
            out[r["rule"]] = r
    assert len(out) >= 50
    return out


def _of(rows, default):
    return {r for r, row in rows.items() if row["default"] == default}


def test_the_page_says_how_it_was_made(page):
    assert "bench/lt_rules.py --write --effect" in page
    assert re.search(r"Measured \d{4}-\d\d-\d\d with LanguageTool 6\.8", page)
    assert "## Effect of the defaults" in page and "corpora/web/dev" in page


def test_the_disabled_rules_default_is_the_pages_off_column(rows):
    default = LanguageToolSettings().disabled_rules
    assert default == LT_RULES_OFF
    assert load_settings(None, env={}).languagetool.disabled_rules == LT_RULES_OFF
    assert len(set(LT_RULES_OFF)) == len(LT_RULES_OFF), "a rule listed twice"
    assert set(LT_RULES_OFF) == _of(rows, "off")


def test_the_old_noisy_false_friends_and_the_weekday_rule_stay_off(rows):
    assert set(NOISY_FALSE_FRIENDS) <= set(LT_RULES_OFF) and len(NOISY_FALSE_FRIENDS) == 27
    assert "EN_DATE_WEEKDAY_CURRENTYEAR" in LT_RULES_OFF
    for rule in NOISY_FALSE_FRIENDS:
        assert rows[rule]["default"] == "off"


def test_suggested_rules_are_those_the_page_measures_at_90_percent(rows):
    suggested = {r for r, t in DEFAULT_LT_TIERS.items() if Tier.parse(t) is Tier.SUGGESTED}
    assert suggested == _of(rows, "suggested")
    for rule in suggested:
        row = rows[rule]
        matches, on_gold = int(row["matches"]), int(row["on_gold"])
        assert matches >= 5, f"{rule}: {matches} matches is not a measurement"
        assert on_gold / matches >= 0.90, f"{rule}: {on_gold}/{matches} on gold"


def test_every_tier_the_page_gives_is_the_one_a_match_gets(rows):
    tiers = LanguageToolSettings().tiers
    for rule, row in rows.items():
        if row["default"] == "off":
            continue
        got = tier_for(rule, row["category"], "", tiers, LanguageToolSettings().default_tier)
        assert got.value == row["default"], f"{rule}: the page says {row['default']}, settings give {got.value}"


def test_the_tier_table_names_only_rules_the_page_lists(rows):
    for key in DEFAULT_LT_TIERS:
        if not key.startswith(("category:", "type:")):
            assert key in rows, f"DEFAULT_LT_TIERS names {key}, which the page does not list"
            assert key not in LT_RULES_OFF


def test_a_repeated_word_is_never_deleted_without_review(rows):
    assert DEFAULT_LT_TIERS.get("ENGLISH_WORD_REPEAT_RULE") == "review"
    tiers = LanguageToolSettings().tiers
    assert tier_for("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", tiers, "review") is Tier.REVIEW
    assert rows["ENGLISH_WORD_REPEAT_RULE"]["default"] == "review"
    assert "ENGLISH_WORD_REPEAT_RULE" not in LT_RULES_OFF


def test_a_user_tier_table_is_still_merged_over_the_defaults():
    s = LanguageToolSettings(tiers={"EN_A_VS_AN": "suggested"})
    assert s.tiers["EN_A_VS_AN"] == "suggested"
    assert s.tiers["ENGLISH_WORD_REPEAT_RULE"] == "review"


def test_each_default_follows_from_the_pages_figures(rows):
    """The page's `default` column is what bench/lt_rules.py's decide() makes of
    the figures beside it (a hand edit of one or the other fails here)."""
    bench = _bench()
    assert all("test" not in p.relative_to(ROOT).parts for p in bench.ANNOTATED), "the test split is held out"
    for rule, row in rows.items():
        fix_right, with_fix = map(int, row["fix"].split("/")) if row["fix"] != "–" else (0, 0)
        r = bench.Row(rule, category=row["category"], matches=int(row["matches"]), on_gold=int(row["on_gold"]),
                      with_fix=with_fix, fix_right=fix_right, on_traps=int(row["traps"]))
        # the page prints rates per 1,000 words; the decision uses counts, which they give back
        words = _control_words(bench)
        r.control = {k: round(float(row[k]) * words[k] / 1000) for k in ("ref", "native")}
        assert bench.decide(r)[0] == row["default"], f"{rule}: {row}"


def _control_words(bench) -> dict[str, int]:
    page = PAGE.read_text(encoding="utf-8")
    words = {}
    for k in ("ref", "native"):
        m = re.search(rf"control `{k}` ([\d,]+) words", page)
        assert m, f"the page does not give the size of control {k}"
        words[k] = int(m.group(1).replace(",", ""))
    return words
