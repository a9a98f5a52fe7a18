"""Context gates drop LanguageTool matches that good English triggers (mtfix.grammar.gates).

The examples are the controls' own sentences (WMT13 reference translation and
native news) that the ungated rules flagged, and the MT forms the rules exist for."""
from __future__ import annotations

import pytest

from mtfix.grammar.gates import gate
from mtfix.model import Finding, Tier


def _finding(text: str, what: str, rule: str) -> Finding:
    s = text.index(what)
    return Finding(rule="lt:" + rule, category="grammar", message="m", start=s, end=s + len(what),
                   tier=Tier.REVIEW, source="languagetool", evidence={"lt_rule": rule})


def _kept(text: str, what: str, rule: str) -> bool:
    return bool(gate(text, [_finding(text, what, rule)]))


@pytest.mark.parametrize("text", [
    "I assisted to the meeting and he is actually the president.",
    "The former minister is actually in prison in Fresnes.",
    "She was actually President of the regional council until 2021.",
])
def test_actually_kept_where_french_actuellement_shows(text):
    assert _kept(text, "actually", "FALSE_FRIEND_ACTUALLY")


@pytest.mark.parametrize("text", [
    "it does mean that, actually, you never know...",
    "Each transaction between two users is actually carried out between two electronic addresses.",
    '"Boredom actually has a very long history," he said.',
    "doodling can actually help combat it",
])
def test_emphatic_actually_dropped(text):
    assert not _kept(text, "actually", "FALSE_FRIEND_ACTUALLY")


def test_quote_continued_on_the_next_line_is_paired():
    text = ('But he acknowledges that "there may be some ambiguity regarding the question\n'
            'of to what extent civil judges are competent to pronounce on it."\nBeyond its aspect, it is.')
    assert not _kept(text, '"there', "EN_UNPAIRED_QUOTES")
    assert not _kept(text, 'it."', "EN_UNPAIRED_QUOTES")


def test_multi_paragraph_quotation_is_paired():
    text = '"We will not give up," she said. "The fight goes on.\n\n"We are many, and we are right."\n'
    assert not _kept(text, '"The', "EN_UNPAIRED_QUOTES")


def test_really_unpaired_quote_is_kept():
    text = 'He called it "a disgrace and left.\n\nThe council met on Monday.\n'
    assert _kept(text, '"a', "EN_UNPAIRED_QUOTES")


def test_other_rules_pass_untouched():
    text = "She have a apple."
    assert _kept(text, "a apple", "EN_A_VS_AN")
