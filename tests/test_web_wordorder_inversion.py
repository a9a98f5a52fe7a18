"""The French inversion after a verb English does not invert (issue #13 §3).

Positives are lines machine translation wrote (corpora/web dev split and the
unannotated MT pool, never the test split); negatives are the inversions
English news makes (after ``said``, ``says``, ``explains``, ``notes``,
``reports``), a verb list, and the controls, which must stay clean.
"""
from __future__ import annotations

import pytest

from conftest import NATIVE, WMT
from mtfix.detectors.wordorder_inversion import _past
from mtfix.document import Document
from mtfix.model import Tier
from mtfix.rules import DetectorRule


def run(text: str) -> list:
    rule = DetectorRule(id="test-inverted-report-verb", message="m", category="wordorder",
                        tier=Tier.REVIEW, detector="inverted_report_verb", lm=True)
    return list(rule.run(Document(text)))


@pytest.mark.parametrize("text, span, first", [
    ("since 2024 was generally marked by a “generalized decline» in France, recall the notaries in their "
     "assessment.", "recall the notaries", "the notaries recalled"),
    ("is expected in the afternoon, underlines Météo-France.\n", "underlines Météo-France",
     "Météo-France underlined"),
    ("engaged the responsibility of his government on the pension reform, announced the channel.\n",
     "announced the channel", "the channel announced"),
    ("A 17-year-old boy has died, confirm the police.", "confirm the police", "the police confirmed"),
])
def test_inversion_is_flagged_with_the_subject_first(text, span, first):
    f, = run(text)
    assert text[f.start:f.end] == span
    assert f.lm_check and f.tier is Tier.REVIEW
    assert f.replacement(text) == first
    # every candidate starts with the subject and keeps all of its words
    subj = first.rsplit(" ", 1)[0] if not first.endswith(" out") else first.rsplit(" ", 2)[0]
    for fix in f.fixes:
        (edit,) = fix.edits
        assert edit.replacement.startswith(subj)


@pytest.mark.parametrize("text", [
    "The trend should continue in the coming months, explains Timothée Lacroix.",
    "up to 27°C in Toulon, notes Météo-France.",
    "in the early evening, reports Le Parisien. According to the first elements",
    "“It’s possible,” said the minister.",
    "“It is over,” confirmed the mayor.",
    "He sat down, explained his plan to Le Monde and left.",
    "We will meet the unions, consider the proposals.",
    "The talks will resume, deplores spokesperson André Beaulieu.",
    "Prices are falling, say estate agents.",
    "The situation is serious, adds the mayor.",
    "A ransom was demanded by the hackers, revealed a police source to AFP.",  # inverted_source's
    "“They will come,” he said, “indicates the plan.”",
    # after a quotation: the quotation's own reporting clause (dev gold leaves these)
    "“reviewed current and future projects”, indicates the Elysée. A sign that",
    "in the head while he was nearby and then in his vehicle”, detailed the Marseille prosecutor’s office.",
    "“But the problem was, it was too light,” recalls the young woman.",
])
def test_english_inversions_are_left_alone(text):
    assert run(text) == []


@pytest.mark.parametrize("verb, past", [("confirm", "confirmed"), ("indicates", "indicated"),
                                        ("specifies", "specified"), ("stresses", "stressed"),
                                        ("regret", "regretted"), ("points out", "pointed out"),
                                        ("analyzes", "analyzed"), ("detailed", "detailed"),
                                        ("underlines", "underlined"), ("recall", "recalled")])
def test_past(verb, past):
    assert _past(verb) == past


@pytest.mark.parametrize("path", [NATIVE, WMT / "ref.txt"])
def test_controls_stay_clean(path):
    assert run(path.read_text(encoding="utf-8")) == []
