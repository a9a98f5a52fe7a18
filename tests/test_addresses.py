"""No rule edits inside a URL, an e-mail address or a domain name.

`boutique.elysee.fr` is an address, not a French name that lost its accents;
`franceinfo.fr` is not two glued sentences; a query string's `,` is not French
spacing. The same words outside the address are still fixed."""
from __future__ import annotations

import pytest

import mtfix
from mtfix.document import Document


@pytest.fixture(scope="module")
def engine():
    return mtfix.load(lm=False, grammar=False)


@pytest.mark.parametrize("text", [
    "Mugs are sold on the boutique.elysee.fr online site.",
    "Read it at https://www.lemonde.fr/politique/article/2023/05/12/le-1er-mai_123.html today.",
    "Write to redaction.elysee@presse.fr for details.",
    "Prices are listed at www.example.com/prix?a=1 ,2 ,3 for now.",
])
def test_nothing_edits_inside_an_address(engine, text):
    doc = Document(text)
    for f in engine.check(doc):
        assert not any(a.start <= f.start and f.end <= a.end for a in doc.addresses), (f.rule, f.span)


def test_addresses_are_found_and_glued_sentences_are_not_addresses():
    doc = Document("See franceinfo.fr and https://x.fr/a. It rained in Lyon.The mayor spoke.")
    assert [doc.text[a.start:a.end] for a in doc.addresses] == ["franceinfo.fr", "https://x.fr/a"]


def test_the_same_artefact_outside_an_address_is_still_found(engine):
    text = "He said it , then left for boutique.elysee.fr ."
    rules = {f.rule for f in engine.check(text)}
    assert {"space-before-comma", "space-before-stop"} <= rules
