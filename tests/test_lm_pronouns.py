"""The pronoun-gender detector on its own (no model): what it proposes and,
above all, what it must leave alone."""
from __future__ import annotations

import pytest

from mtfix.detectors.pronouns import detect_pronouns
from mtfix.document import Document
from mtfix.model import Tier

from conftest import NATIVE, SEED, WMT


def _fixed(text: str) -> str:
    doc = Document(text)
    out = text
    for f in sorted(detect_pronouns(doc), key=lambda f: -f.fix.start):
        out = out[:f.fix.start] + f.fix.apply_to(out) + out[f.fix.end:]
    return out


@pytest.mark.parametrize("text, fixed", [
    ("The militia operates in Syria. She was the target of several strikes.",
     "The militia operates in Syria. It was the target of several strikes."),
    ("The government froze prices. She also promised to cut her spending.",
     "The government froze prices. It also promised to cut its spending."),
    ("The army has been deployed in the north. His soldiers patrol the roads.",
     "The army has been deployed in the north. Its soldiers patrol the roads."),
    ("The Charbonneau Commission has dropped two mayors, he added, hoping she manages to do more.",
     "The Charbonneau Commission has dropped two mayors, he added, hoping it manages to do more."),
    ("Even if particle physics is a strange world, it turns out she has also a law of this kind.",
     "Even if particle physics is a strange world, it turns out it has also a law of this kind."),
    ("The new law was adopted in December. She raises the retirement age. She comes into force in May.",
     "The new law was adopted in December. It raises the retirement age. It comes into force in May."),
    ("The constitutional court heard the appeal. The opposition asked her to rule quickly.",
     "The constitutional court heard the appeal. The opposition asked it to rule quickly."),
])
def test_proposes_it_for_things(text, fixed):
    assert _fixed(text) == fixed


@pytest.mark.parametrize("text", [
    "The health minister, Agnès Buzyn, visited the hospital. She promised more staff.",
    "The mayor of Paris said she would resign.",
    "The process, she says, is painful but positive.",
    "The militia's leader was killed. He had survived three attempts on his life.",
    'The minister praised France: "She has always welcomed refugees."',
    "Mubarak, the secular despot who ran Egypt for 30 years until his downfall, fled.",
    "According to Dr Christiane Martel, the health system is not effective. Recently, she says, a patient waited.",
    "The head of the militia spoke on Sunday. He promised reprisals.",
    "Marie joined the company in 2010. She now runs its Paris office.",
])
def test_leaves_people_alone(text):
    assert detect_pronouns(Document(text)) == []


def test_finding_shape_asks_for_the_lm():
    doc = Document("The coalition holds 48 seats. She needs the Kurds to pass the budget.")
    (f,) = detect_pronouns(doc)
    assert f.category == "pronouns" and f.tier is Tier.REVIEW
    assert f.lm_check and f.evidence["antecedent"] == "coalition"  # lm_check, not evidence, asks for the LM
    assert doc.text[f.start:f.end] == "She" and f.fix.edits[0].replacement == "It"


def test_seed_and_online_b_cases_are_proposed():
    seed = Document(SEED.read_text(encoding="utf-8"))
    texts = [seed.text[f.start:f.end + 18] for f in detect_pronouns(seed)]
    assert texts == ["She was the target of"]
    online = Document((WMT / "online-B.txt").read_text(encoding="utf-8"))
    law = [f for f in detect_pronouns(online) if online.text[f.start:f.start + 18] == "she has also a law"]
    assert len(law) == 1 and law[0].fix.edits[0].replacement == "it"


def test_controls_are_nearly_silent():
    """On the human reference and native English the detector proposes
    nothing (measured: 0 on 18,000 words); allow one per 10,000 words."""
    for path in (WMT / "ref.txt", NATIVE):
        doc = Document(path.read_text(encoding="utf-8"))
        found = detect_pronouns(doc)
        assert len(found) <= doc.words / 10_000, [doc.text[f.start:f.end + 40] for f in found]
