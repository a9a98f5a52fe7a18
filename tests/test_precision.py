"""Controls: human translation and native English news stay (almost) clean.

Issue #12's floors, with LanguageTool off (fast tier) and on (slow tier): at
most 0.1 safe-or-suggested findings per 1,000 words and at most 1 review
finding per 1,000 words. The figures are printed so CI logs carry them."""
from __future__ import annotations

import pytest

from conftest import NATIVE, WMT
from mtfix.document import Document
import mtfix
from mtfix.model import Tier

CONTROLS = {"ref": WMT / "ref.txt", "native": NATIVE}
APPLIED_PER_1000 = 0.1
REVIEW_PER_1000 = 1.0


def _check_floors(name: str, grammar: bool) -> None:
    doc = Document(CONTROLS[name].read_text(encoding="utf-8"))
    findings = mtfix.load(lm=False, grammar=grammar).check(doc)
    applied = [f for f in findings if f.tier in (Tier.SAFE, Tier.SUGGESTED)]
    review = [f for f in findings if f.tier is Tier.REVIEW]
    per_1000 = 1000 * len(applied) / doc.words
    review_per_1000 = 1000 * len(review) / doc.words
    print(f"\n{name} (LanguageTool {'on' if grammar else 'off'}): {doc.words} words, "
          f"{len(applied)} safe/suggested ({per_1000:.2f}/1000 words), "
          f"{len(review)} review ({review_per_1000:.2f}/1000 words)")
    assert per_1000 <= APPLIED_PER_1000, [(f.rule, doc.text[f.start:f.end]) for f in applied]
    assert review_per_1000 <= REVIEW_PER_1000, [(f.rule, doc.text[f.start:f.end]) for f in review]


@pytest.mark.parametrize("name", list(CONTROLS))
def test_rule_engine_is_precise_on_controls(name):
    _check_floors(name, grammar=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CONTROLS))
def test_rules_and_languagetool_are_precise_on_controls(name, lt_server):
    _check_floors(name, grammar=True)


def test_online_b_typography_is_found():
    text = (WMT / "online-B.txt").read_text(encoding="utf-8")
    findings = mtfix.load(lm=False, grammar=False).check(Document(text))
    lo = text.index("certain : the") + len("certain")
    assert any(f.category == "typography" and f.start <= lo < f.end + 1 for f in findings)
