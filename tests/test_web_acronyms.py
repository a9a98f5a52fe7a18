"""French acronyms (issue #12 §2, class 9): the table's new rows, on lines of real shapes.

The table rows whose French form is also an English word or acronym (BTS, BAC,
AME, ALD ...) carry the context words their use needs; these tests pin that
they fire in French news and stay quiet in English text, and that the
controls keep no acronym finding.
"""
from __future__ import annotations

import pytest

from conftest import NATIVE, WMT
import mtfix
from mtfix.detectors.acronyms import table
from mtfix.document import Document

_BEFORE = "Reform in France\n\nThe government presented its plan on Thursday in Paris, the ministers said.\n\n"
_AFTER = "\n\nThe next meeting is planned for next week, the unions said.\n"


@pytest.fixture(scope="module")
def engine():
    with mtfix.load(lm=False, grammar=False) as e:
        yield e


def flagged(engine, line: str) -> list[str]:
    doc = Document(_BEFORE + line + _AFTER)
    return [doc.text[f.start:f.end] for f in engine.check(doc) if f.category == "acronyms"
            and len(_BEFORE) <= f.start < len(_BEFORE) + len(line)]


def test_every_row_has_a_tier_and_the_table_keeps_growing():
    rows = {r.french: r for r in table().values()}
    assert len(rows) >= 250
    assert {r.tier for r in rows.values()} == {"safe", "suggested", "review", "keep"}


@pytest.mark.parametrize("line,acronym", [
    ("Pupils will sit the written tests of the BAC from June 17, the minister said.", "BAC"),
    ("The landlords of housing classified G by the DPE can no longer raise the rent.", "DPE"),
    ("The reform of the AME, the aid for undocumented migrants' health care, divides the majority.", "AME"),
    ("The former minister will be tried by the CJR next year.", "CJR"),
])
def test_french_acronyms_are_flagged(engine, line, acronym):
    assert flagged(engine, line) == [acronym]


@pytest.mark.parametrize("line", [
    "His BAC was twice the legal limit when the police stopped him.",
    "BTS sold out the stadium in two hours.",
    "Lille (LOSC) beat Saint-Étienne (ASSE) on Sunday, the JDD reported.",
    "The NFP came first in the second round.",
])
def test_english_uses_and_kept_names_are_left_alone(engine, line):
    assert flagged(engine, line) == []


@pytest.mark.parametrize("path", [WMT / "ref.txt", NATIVE])
def test_controls_have_no_acronym_finding(engine, path):
    doc = Document(path.read_text(encoding="utf-8"))
    assert [(f.rule, doc.text[f.start:f.end]) for f in engine.check(doc) if f.category == "acronyms"] == []
