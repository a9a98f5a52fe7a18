"""Drop caps and encoding damage by shape (mtfix.detectors.dropcaps): a drop cap
glued inside a line, '?' for an apostrophe, the 'ass' word filter; good English
of the same shapes stays."""
from __future__ import annotations

import pytest

import mtfix


@pytest.fixture(scope="module")
def engine():
    with mtfix.load(lm=False, grammar=False) as e:
        yield e


def enc(engine, text: str) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start:f.end]) for f in engine.check(text) if f.category == "encoding"]


def fixed(engine, text: str) -> str:
    return engine.fix(text, tiers={"safe", "suggested"}).text


@pytest.mark.parametrize("text, out", [
    ("Lyon builds three schools. DThe mayor of Lyon announced a new plan.",
     "Lyon builds three schools. The mayor of Lyon announced a new plan."),
    ("By Jean Dupont - DThe mayor of Lyon announced a new plan.",
     "By Jean Dupont - The mayor of Lyon announced a new plan."),
    ("March 3, 2023 | LOn Monday, the mayor of Lyon resigned.",
     "March 3, 2023 | On Monday, the mayor of Lyon resigned."),
])
def test_a_drop_cap_glued_inside_a_line(engine, text, out):
    assert fixed(engine, text) == out


@pytest.mark.parametrize("text", [
    "He met them. OKs from the board came late. The DIn case.",
    "It was sold. TVs and PCs sold well. MPs voted. IDs were checked. DJs played.",
    "He said so. JPMorgan and McDonald said. DiCaprio met LeBron. NGOs said. CNews reported.",
])
def test_capitals_inside_words_are_not_drop_caps(engine, text):
    assert [r for r, _ in enc(engine, text) if r == "drop-cap"] == []


def test_question_mark_for_an_apostrophe_in_the_texts_style(engine):
    assert fixed(engine, "The minister?s plan: they don?t agree.") == "The minister’s plan: they don’t agree."
    assert fixed(engine, "It's over, he?d say.") == "It's over, he'd say."
    assert fixed(engine, "It was the vote of l?Assemblée nationale.") == "It was the vote of l’Assemblée nationale."


@pytest.mark.parametrize("text", ["Who is he? Nobody knows.", "What? She left?", "The score was 2?1.",
                                  "Really?! said the mayor.", "see https://example.com/page.php?s=1 for more",
                                  "Is it over?I asked."])
def test_real_question_marks_stay(engine, text):
    assert [r for r, _ in enc(engine, text) if r == "question-mark-apostrophe"] == []


def test_word_filter_by_shape_needs_two_damaged_words(engine):
    assert fixed(engine, "The pengers were umed to be safe, the emby said.") == \
        "The passengers were assumed to be safe, the embassy said."
    one = "The pengers waited for the bus."
    assert [r for r, _ in enc(engine, one) if r == "word-filter-ass-shape"] == []


def test_word_filter_leaves_long_letter_runs_alone(engine):
    """A run of letters longer than any word is not a filtered word; the shape
    once tried every insertion in it, quadratic in its length (a 50,000-letter
    run took the detector past its time limit)."""
    from mtfix.detectors.dropcaps import MAX_FILTERED
    text = "The pengers were umed. " + "a" * 50_000 + " " + "b" * (MAX_FILTERED + 1) + "\n"
    assert fixed(engine, text) == text.replace("pengers", "passengers").replace("umed", "assumed")
