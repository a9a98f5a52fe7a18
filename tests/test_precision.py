"""Controls: human translation and native English news stay (almost) clean.

Issue #2's floor: at most 1 safe-or-suggested finding per 2,000 words from the
rule engine. The figures are printed so CI logs carry them."""
from __future__ import annotations

import pytest

from conftest import NATIVE, WMT
from mtfix.document import Document
import mtfix
from mtfix.model import Tier

CONTROLS = {"ref": WMT / "ref.txt", "native": NATIVE}


@pytest.mark.parametrize("name", list(CONTROLS))
def test_rule_engine_is_precise_on_controls(name):
    doc = Document(CONTROLS[name].read_text(encoding="utf-8"))
    findings = mtfix.load(lm=False, grammar=False).check(doc)
    applied = [f for f in findings if f.tier in (Tier.SAFE, Tier.SUGGESTED)]
    per_1000 = 1000 * len(applied) / doc.words
    review_per_1000 = 1000 * (len(findings) - len(applied)) / doc.words
    print(f"\n{name}: {doc.words} words, {len(applied)} safe/suggested ({per_1000:.2f}/1000 words), "
          f"{len(findings) - len(applied)} review ({review_per_1000:.2f}/1000 words)")
    assert len(applied) <= doc.words / 2000, [(f.rule, doc.text[f.start:f.end]) for f in applied]
    assert review_per_1000 <= 1.0


def test_online_b_typography_is_found():
    text = (WMT / "online-B.txt").read_text(encoding="utf-8")
    findings = mtfix.load(lm=False, grammar=False).check(Document(text))
    lo = text.index("certain : the") + len("certain")
    assert any(f.category == "typography" and f.start <= lo < f.end + 1 for f in findings)
