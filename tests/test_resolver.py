"""The resolver: deterministic choice between overlapping fixes, losers reported."""
from __future__ import annotations

from mtfix.document import Document
from mtfix.model import Edit, Finding, Fix, Tier
from mtfix.resolve import apply_edits, resolve


def f(rule, lo, hi, repl, tier=Tier.SAFE, order=0, edits=None):
    fix = Fix(tuple(edits)) if edits else Fix.replace(lo, hi, repl)
    return Finding(rule=rule, category="custom", message=rule, start=lo, end=hi, tier=tier,
                   fixes=(fix,), order=order)


def test_disjoint_fixes_all_apply():
    doc = Document("aaa bbb ccc")
    res = resolve(doc, [f("x", 0, 3, "A"), f("y", 8, 11, "C")])
    assert res.text == "A bbb C"
    assert not res.conflicts


def test_overlap_higher_tier_wins_and_loser_is_reported():
    doc = Document("the general Mark")
    safe = f("title", 0, 12, "General ", Tier.SAFE, order=5)
    sugg = f("other", 4, 11, "GENERAL", Tier.SUGGESTED, order=0)
    res = resolve(doc, [sugg, safe], tiers={Tier.SAFE, Tier.SUGGESTED})
    assert res.text == "General Mark"
    assert [(lo.rule, w.rule) for lo, w in res.conflicts] == [("other", "title")]


def test_same_tier_longer_span_wins_then_rule_order():
    doc = Document("abcdef")
    long = f("long", 0, 4, "X", order=9)
    short = f("short", 1, 3, "Y", order=0)
    assert resolve(doc, [short, long]).text == "Xef"
    a = f("a", 0, 2, "1", order=1)
    b = f("b", 1, 3, "2", order=0)
    res = resolve(doc, [a, b])
    assert res.text == "a2def" and res.conflicts[0][0].rule == "a"


def test_order_of_input_does_not_matter():
    doc = Document("one two three four")
    fs = [f("a", 0, 3, "1"), f("b", 2, 7, "2"), f("c", 8, 13, "3", Tier.SAFE), f("d", 4, 7, "")]
    outs = {resolve(doc, perm).text for perm in (fs, fs[::-1], fs[1:] + fs[:1])}
    assert len(outs) == 1


def test_touching_edits_do_not_clash_but_same_point_insertions_do():
    doc = Document("ab")
    res = resolve(doc, [f("x", 0, 1, "A"), f("y", 1, 2, "B")])
    assert res.text == "AB"
    res = resolve(doc, [f("x", 1, 1, "+"), f("y", 1, 1, "-", order=1)])
    assert res.text == "a+b" and len(res.conflicts) == 1


def test_multi_edit_fix_is_all_or_nothing():
    doc = Document("the general Mark Milley , the Chief")
    both = f("both", 0, 24, None, edits=[Edit(0, 12, "General "), Edit(23, 24, "")])
    other = f("other", 20, 24, "X", Tier.SUGGESTED)
    res = resolve(doc, [both, other], tiers={Tier.SAFE, Tier.SUGGESTED})
    assert res.text == "General Mark Milley, the Chief"
    assert res.conflicts[0][0].rule == "other"


def test_tiers_and_findings_without_fix_are_skipped():
    doc = Document("abc")
    review = Finding(rule="r", category="custom", message="m", start=0, end=1, tier=Tier.REVIEW)
    sugg = f("s", 1, 2, "B", Tier.SUGGESTED)
    res = resolve(doc, [review, sugg])
    assert res.text == "abc" and len(res.skipped) == 2
    assert resolve(doc, [sugg], tiers={Tier.SUGGESTED}).text == "aBc"


def test_apply_edits_copies_everything_else():
    text = "x\r\ny\u2028z"
    assert apply_edits(text, [Edit(1, 3, "\n")]) == "x\ny\u2028z"
