"""Scoring: a finding inside text the gold deletes or hands to a person is moot.

A typography fix inside a related-link line the gold removes, or inside a
garbled sentence flagged for rewriting, is neither right nor wrong: it is not
counted in precision (``Score.moot`` says how many there were)."""
from __future__ import annotations

from mtfix.corpus import GoldAnnotation, GoldDocument
from mtfix.evaluate import score_document
from mtfix.model import Finding, Fix, Tier

TEXT = "Read also : a story\nHe said it , then left.\nthe of the to which garbled , words\n"


def _gold(annotations) -> GoldDocument:
    return GoldDocument(path=None, name="t", text=TEXT, annotations=annotations, traps=[])


def _finding(what: str, category: str = "typography") -> Finding:
    s = TEXT.index(what)
    return Finding(rule="r", category=category, message="m", start=s, end=s + len(what), tier=Tier.SAFE,
                   fixes=(Fix.replace(s, s + len(what), what.strip()),))


def test_inside_a_deleted_residue_line_is_moot():
    line = TEXT.index("Read also")
    gold = _gold([GoldAnnotation(line, TEXT.index("He said"), "residue", "", None)])
    by_class, _ = score_document(gold, [_finding(" :")])
    assert by_class["typography"].predicted == 0 and by_class["typography"].moot == 1


def test_inside_a_garbled_flag_is_moot_but_a_wrong_finding_elsewhere_counts():
    g = TEXT.index("the of")
    gold = _gold([GoldAnnotation(g, g + len("the of the to which garbled , words"), "garbled", None, None)])
    by_class, _ = score_document(gold, [_finding(" , words"), _finding(" , then")])
    t = by_class["typography"]
    assert (t.moot, t.predicted, t.correct) == (1, 1, 0)


def test_a_finding_of_the_gold_class_is_scored_not_moot():
    line = TEXT.index("Read also")
    gold = _gold([GoldAnnotation(line, TEXT.index("He said"), "residue", "", None)])
    by_class, _ = score_document(gold, [_finding("Read also : a story\n", "residue")])
    assert (by_class["residue"].predicted, by_class["residue"].correct, by_class["residue"].moot) == (1, 1, 0)
