"""Sentence boundaries (issue #12 §2): what the two precision guards leave alone.

``unterminated-paragraph`` flags a long line only where it stops on a word no
English sentence ends on (a truncation); a line that lost at most its full
stop is left alone. ``lost-full-stop`` does not put a full stop after a word a
sentence cannot end on, nor after an elision mark. The lines are from the
unannotated MT pool (corpora/mtpool) and the dev split; never the test split.
"""
from __future__ import annotations

import pytest

import mtfix
from mtfix.document import Document


@pytest.fixture(scope="module")
def engine():
    with mtfix.load(lm=False, grammar=False) as e:
        yield e


def rules(engine, text: str) -> list[str]:
    return [f.rule for f in engine.check(Document(text))
            if f.rule in {"unterminated-paragraph", "lost-full-stop"}]


@pytest.mark.parametrize("text", [
    # pool: lines whose sentence is whole, only the full stop is missing
    "Headline\n\nThe Parisian left navigates between hypotheses and conditionals, with the mayor and her "
    "deputies weighing every option for months towards the 2026 municipal elections\n\nNext.\n",
    "Headline\n\nThe Navigo pass would then go to 90 euros, against 75 euros currently, and the single "
    "ticket would go up as well, at 2.30 euros against 1.90\n\nNext.\n",
    # dev: a list's lead-in
    "Headline\n\nFrom the start of the school year, C8 will broadcast 3h30 of live broadcasts, every week "
    "day and in prime time, from the host every evening\n\n  • Pizza\n",
    # pool: a capital after "of which", and after an elision mark
    "It only feeds the accusations of politicization of an institution of which He is responsible.\n",
    "prices go back to the price of two or three years ago (…) There is, he insists, no going back.\n",
])
def test_left_alone(engine, text):
    assert rules(engine, text) == []


@pytest.mark.parametrize("text, rule", [
    # dev: cut off before the paywall
    ("Headline\n\nThis is not decided, but these are scenarios on which we are working, said the "
     "minister on Monday morning (…) Only gradually, some\n\nFind this article on Télé-Loisirs\n",
     "unterminated-paragraph"),
    ("Headline\n\nbut will there be an epidemic here? It’s always a question mark, and nobody in the "
     "region can say for now. I must\n\nThis article is for subscribers only.\n", "unterminated-paragraph"),
    ("the strike, which had been launched by CGT and SUD The two unions still demand it.\n", "lost-full-stop"),
])
def test_still_flagged(engine, text, rule):
    assert rule in rules(engine, text)
