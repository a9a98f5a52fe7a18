"""The review session's state machine on real findings: order, overlaps, bulk
answers, skip-for-now and undo, without a terminal in between."""
from __future__ import annotations

import pytest

import mtfix
from mtfix.cli.render import word_diff
from mtfix.document import Document
from mtfix.review import Session
from mtfix.worddiff import diff_runs, word_span

PACK = r"""
rules:
  - id: colour-us
    category: custom
    tier: safe
    message: US spelling
    pattern: '\bcolour\b'
    replacement: color
  - id: colour-again
    category: custom
    tier: suggested
    message: say it once
    pattern: 'colour again'
    replacement: same hue
  - id: flag
    category: sentences
    tier: review
    message: look here
    pattern: '\bmysterious\b'
    replacement: null
"""
TEXT = "The colour, and the colour again, by a mysterious source.\n"


@pytest.fixture
def session(tmp_path):
    (tmp_path / "p.yaml").write_text(PACK, encoding="utf-8")
    engine = mtfix.load(rules=[tmp_path / "p.yaml"], builtin=False, lm=False, grammar=False)
    return Session(TEXT, engine.check(Document(TEXT)))


def rules(s: Session, idx) -> list[str]:
    return [s.items[i].finding.rule for i in idx]


def test_order_safe_suggested_review(session):
    assert rules(session, range(4)) == ["colour-us", "colour-us", "colour-again", "flag"]


def test_overlap_is_skipped_and_undo_brings_it_back(session):
    s = session
    i, _ = s.current()
    s.answer(i, "accepted")
    i, _ = s.current()
    s.answer(i, "accepted")           # the second colour
    i, auto = s.current()
    assert rules(s, auto) == ["colour-again"] and s.clash_with[auto[0]] == 1
    assert rules(s, [i]) == ["flag"]
    assert s.undo()                   # undo the second colour ...
    i, auto = s.current()
    assert auto == [] and rules(s, [i]) == ["colour-us"]
    s.answer(i, "rejected")           # ... reject it: the overlapping suggestion is offered
    i, _ = s.current()
    assert rules(s, [i]) == ["colour-again"]
    s.answer(i, "accepted")
    assert s.result() == "The color, and the same hue, by a mysterious source.\n"


def test_bulk_answers_are_one_undo_step(session):
    s = session
    i, _ = s.current()
    done, left = s.bulk(i, "accepted")
    assert (done, left) == (2, 2)     # the overlapping suggestion and the flag are left
    assert s.current() == (None, [])
    assert s.result() == "The color, and the color again, by a mysterious source.\n"
    assert s.undo() and s.result() == TEXT and s.current()[0] == i
    assert not s.undo()


def test_skip_for_now_comes_back_once(session):
    s = session
    i, _ = s.current()
    assert s.defer(i) is True         # comes back at the end
    order = []
    while True:
        j, _ = s.current()
        if j is None:
            break
        order.append(j)
        if j == i:
            assert s.defer(j) is False  # the second time it is skipped for good
        else:
            s.answer(j, "rejected")
    assert order == [1, 2, 3, 0]
    assert s.counts() == {"accepted": 0, "edited": 0, "rejected": 3, "skipped": 1, "clash": 0,
                          "undecided": 0}


def test_edit_equal_to_proposal_or_original(session):
    s = session
    i, _ = s.current()
    s.answer(i, "edited", "color")
    assert s.state[i] == ("accepted", "color")
    s.undo()
    s.answer(i, "edited", "colour")
    assert s.state[i] == ("rejected", None)
    s.undo()
    s.answer(i, "edited", "tint")
    assert s.result().startswith("The tint,")
    rec = [r for r in s.records()]
    assert [(r.rule, r.decision, r.span_text, r.replacement, r.final_text) for r in rec] == \
        [("colour-us", "edited", "colour", "color", "tint")]


def test_word_level_display():
    assert word_diff("the general ", "General ", False) == "[-the general-]{+General+} "
    assert word_diff("Success", "success", False) == "[-Success-]{+success+}"
    assert word_diff(" ,", ",", False) == "[-␣-],"
    assert word_diff("mysterious", None, False) == "[[mysterious]]"
    assert diff_runs("imputed to", "attributed to") == [("change", "imputed", "attributed"),
                                                        ("equal", " to", " to")]
    text = 'said "Success" these'
    assert word_span(text, 6, 7) == (6, 13)   # a one-letter change shows its word
    assert word_span("a b", 1, 1) == (1, 1)   # an insertion between words stays put


def test_describe_shows_each_candidate_with_its_margin():
    from mtfix.cli.review import describe
    from mtfix.model import Finding, Fix, Tier
    from mtfix.review import Item

    text = "After the meeting, Lyon won.\n"
    at = text.index("the meeting")
    f = Finding(rule="t", category="calques", message="m", start=at, end=at + 11, tier=Tier.SUGGESTED,
                fixes=(Fix.replace(at, at + 11, "the match"), Fix.replace(at, at + 11, "the game")),
                evidence={"lm_margin": 2.5, "lm_candidates": [{"replacement": "the match", "margin": 2.5},
                                                              {"replacement": "the game", "margin": 1.25}]})
    lines = describe(Item.of(text, f), 1, 1, colour=False)
    assert "Other candidates (e to use one): the game (+1.25)" in lines
