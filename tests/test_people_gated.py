"""Model-gated people pronouns: ``its``/``it`` for a named person (issue #13 §1).

The cases are real MT errors of the wmt13 outputs (rbmt-1, online-B, uedin,
line-aligned with ref.txt, which gives the right pronoun) and of
corpora/web/dev; the counterexamples are the right pronouns of the same
texts and the shapes a rule cannot tell apart from an error. The detector
only proposes: every finding here is ``lm_gate`` (dropped without the model
or when it prefers the original), so rules-only output does not change; the
model-dependent part is measured by ``mtfix eval`` (see the report), not here.
"""
from __future__ import annotations

import pytest

from conftest import NATIVE, WMT
from mtfix.detectors.people import detect_people
from mtfix.document import Document


def gated(text: str) -> list[tuple[str, list[str]]]:
    """(flagged word with what follows, candidate replacements) of the gated findings."""
    out = []
    for f in detect_people(Document(text)):
        if f.lm_gate:
            assert f.lm_check and f.tier.value == "review"
            out.append((text[f.start:f.end + 5], [fx.edits[0].replacement for fx in f.fixes]))
    return out


# -- the errors, with the fix ref.txt has ------------------------------------------------

@pytest.mark.parametrize("text, want", [
    # rbmt-1 158 / ref "Mr L. lived alone in his Montérégie apartment"
    ("The Duty tried to look at there more closely. A few weeks ago hardly, Mr L. lived still alone "
     "in its apartment of Montérégie.", ("its apar", ["his"])),
    # uedin 148 / ref "during his work in optics"
    ("For example, the same Willard Boyle has developed a light sensor in 1969, during its work in "
     "perspective.", ("its work", ["his"])),
    # rbmt-1 278 / ref "He's supported by deputies like Claude Makelele"
    ("In addition, Carlo Ancelotti brings to me much as for my positioning. It is shouldered by "
     "assistants like Claude Makelele, who played same station as me.", ("It is s", ["He"])),
    # online-B 282 / ref "Today he has no equal in Ligue 1"
    ("Is Carlo Ancelotti the right man for the job? Course. Carlo Ancelotti inspires respect for all technicians. "
     "Today, it has no equal in Ligue 1 and is one of Europe's top coaches.", ("it has ", ["he"])),
    # online-B 333 / ref "he's proving he's the star"
    ("This means Zlatan Ibrahimovic is very powerful and it puts a lot of goals.", ("it puts", ["he"])),
    # rbmt-1 242 / ref "in ten years, he received from construction companies gifts"
    ("Gilles Surprenant, ex-engineer in public works, detailed it well before the commission: in ten "
     "years, it received building firms gifts.", ("it rece", ["he"])),
])
def test_it_and_its_for_a_named_person_are_proposed(text, want):
    assert want in gated(text)


def test_unknown_gender_offers_both_and_the_model_picks():
    # a name the lexicon does not know, no pronoun of the article for it
    text = "Yesterday Zorblat Quennec said a new plan was ready. In the evening, it explained the choice."
    assert ("it expl", ["he", "she"]) in gated(text)


def test_evidence_names_person_antecedent_and_gender_source():
    text = "A few weeks ago, Mr L. lived still alone in its apartment of Montérégie."
    (f,) = [f for f in detect_people(Document(text)) if f.lm_gate]
    assert f.evidence["person"] == "L." and f.evidence["gender_source"] == "honorific"
    assert f.evidence["candidates"] == [["his"]]


# -- left alone --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # the right pronouns of ref.txt
    "Just a few weeks ago Mr L. lived alone in his Montérégie apartment.",
    "For example, the same Willard Boyle developed a small light sensor in 1969, during his work in optics.",
    # a thing named between the person and "its" (uedin 244: ref has "his", but the budget may own it)
    "Then Martin Dumont accused Mr. Tremblay of deliberately turning a blind eye to a parallel budget "
    "feeding its coffers with dirty money.",
    "Emmanuel Macron visited France and its regions.",
    "Anne Hidalgo said the company would cut its costs.",
    # dummy "it": clefts, modal passives, "it is up to", "it seems"
    "Franck Riester prepared the ground. It must be said that in the past few months the theatres suffered.",
    "Olivier Bogillot recalled the importance of several labs. It is on this condition that everyone can win.",
    "Laeticia took the decision. It is up to them now to support Jade.",
    "Paul Martin left the room. It seems that nobody noticed.",
    "Paul Martin organised the dinner. It will be held in the village hall.",
    # "it" after a preposition or a verb: an object, not the person
    "Paul Martin bought a car and drove it to Lyon.",
    # inside a quotation the speaker may talk of anything
    "Paul Martin smiled. “It happened so fast”, he said.",
    # two people before the pronoun
    "Paul Martin met Anne Dupont. It was decided that they would work together.",
])
def test_left_alone(text):
    assert gated(text) == []


def test_controls_give_no_gated_candidate():
    """ref.txt and the native English control: not even a candidate for the model."""
    for path in (WMT / "ref.txt", NATIVE):
        assert gated(path.read_text(encoding="utf-8")) == [], path.name
