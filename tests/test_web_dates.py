"""French dates and ordinals, and drop caps, on lines of real machine-translated pages (issue #12 §2).

The dev split holds few dates and drop caps, so these add lines of the same
shapes found with the search tool on republishing sites that are not in the
corpus (never the test split's sites), and the good English beside them that
must come through: British dates (``Thursday 12th June 2025``), spelt-out
arrondissements, names with initials. Every case runs the whole built-in
rule set (no LM, no LanguageTool), as ``mtfix fix`` does.
"""
from __future__ import annotations

import pytest

from conftest import NATIVE, WMT
import mtfix
from mtfix.document import Document
from mtfix.model import Tier
from mtfix.resolve import resolve

#: Around each line: a headline and a paragraph, so the line is prose in an
#: article (a lone line would be read as a headline).
_BEFORE = "Strikes in France\n\nThe unions marched on Thursday in Paris, where the police counted the crowd.\n\n"
_AFTER = "\n\nThe next meeting is planned for next week, the unions said.\n"


@pytest.fixture(scope="module")
def engine():
    with mtfix.load(lm=False, grammar=False) as e:
        yield e


def findings(engine, line: str, category: str):
    text = _BEFORE + line + _AFTER
    doc = Document(text)
    fs = [f for f in engine.check(doc) if f.category == category
          and len(_BEFORE) <= f.start < len(_BEFORE) + len(line)]
    return doc, fs


def fixed(engine, line: str, category: str) -> str:
    doc, fs = findings(engine, line, category)
    out = resolve(doc, fs, tiers=set(Tier)).text
    return out[len(_BEFORE):len(out) - len(_AFTER)]


@pytest.mark.parametrize("line,want", [
    # dev: d1softballnews-com, tiendagourmet-co, world-today-news-com
    ("seemed to announce that the minister of Culture on 26 may. Guest in the morning",
     "seemed to announce that the minister of Culture on May 26. Guest in the morning"),
    ("in the 18e district of Paris, the doctor plays a key role",
     "in the 18th district of Paris, the doctor plays a key role"),
    ("since there had been François Ier with Mitterand?", "since there had been François I with Mitterand?"),
    # shapes of the issue: 3e, 21e, XXe, 20the, 1er, the 13 of November, le samedi 12 mars
    ("a flat in the XVIe arrondissement of Paris", "a flat in the 16th arrondissement of Paris"),
    ("the attacks of the 13 of November, the trial opened", "the attacks of November 13, the trial opened"),
    ("the strike called for the Tuesday 7 March by the unions", "the strike called for Tuesday, March 7 by the unions"),
    ("the 20the century was violent", "the 20th century was violent"),
    ("the 1er round of the legislative elections", "the 1st round of the legislative elections"),
    # breakinglatest.news, westsherburnetribune.com (MT sports copy): the 38e day, the 35 The day
    ("On the occasion of the 38e and final day of the French championship, all the meetings took place",
     "On the occasion of the 38th and final day of the French championship, all the meetings took place"),
    ("After the last European week of the season, the 35 The day of Ligue 1 will begin on Friday",
     "After the last European week of the season, the 35th day of Ligue 1 will begin on Friday"),
    ("Lens finished 2e of the championship, ahead of Marseille", "Lens finished 2nd of the championship, ahead of Marseille"),
    # retout.fr prints the superscript of 1er on a line of its own; MT keeps the break or a space
    ("a new payslip is compulsory from 1\ner\n July 2023 for every employer",
     "a new payslip is compulsory from July 1, 2023 for every employer"),
    ("the rates have been frozen since the 1 er January, the minister said",
     "the rates have been frozen since January 1, the minister said"),
    ("the festival runs from 1er to 3 June in Lyon", "the festival runs from June 1 to 3 in Lyon"),
])
def test_dates_are_put_in_english_order(engine, line, want):
    assert fixed(engine, line, "dates") == want


@pytest.mark.parametrize("line", [
    # rivieraradio.mc (native English, British dates)
    "Evening Update Thursday 12th June 2025 was read on the radio.",
    # sherbrooktimes.com (MT, but English order already)
    "They were given a summons for a hearing on January 8 and were placed under judicial supervision.",
    "The revelers had gathered in a triplex in the seventh arrondissement of the capital.",
    # tellerreport.com (MT)
    "As a young student in a prestigious Jesuit high school in the 16th arrondissement of Paris, he read Proust.",
    "the 13th of November, the 1st of May and Louis XIV edition",
    "Lens finished 2nd of the championship and 3 of its players were picked.",
    "He arrived in the US on a J-1 visa on D-Day, 6 June 1944.",
    "From Friday 2 to Sunday 4 June, the festival fills the town.",
])
def test_english_dates_are_left_alone(engine, line):
    assert findings(engine, line, "dates")[1] == []


@pytest.mark.parametrize("line,want", [
    ("PARIS (AFP) - DThe government announced on Monday a new plan.",
     "PARIS (AFP) - The government announced on Monday a new plan."),
    ("DIn the night from Saturday to Sunday, a fire broke out.",
     "In the night from Saturday to Sunday, a fire broke out."),
    ("LOn Monday, the mayor of Lyon announced his resignation.",
     "On Monday, the mayor of Lyon announced his resignation."),
])
def test_drop_caps_are_removed(engine, line, want):
    assert fixed(engine, line, "encoding") == want


def test_lone_initial_line_goes_with_its_break(engine):
    text = _BEFORE + "D\n\nThe government announced on Monday a new plan." + _AFTER
    doc = Document(text)
    fs = [f for f in engine.check(doc) if f.category == "encoding"]
    out = resolve(doc, fs, tiers=set(Tier)).text
    assert out == _BEFORE + "The government announced on Monday a new plan." + _AFTER


@pytest.mark.parametrize("line", [
    "DJs played all night and IDs were checked at the door.",
    "Plan B was ready; the OKs came late.",
    "A\n\nThe first answer was short.",
])
def test_initials_that_are_words_stay(engine, line):
    assert findings(engine, line, "encoding")[1] == []


@pytest.mark.parametrize("path", [WMT / "ref.txt", NATIVE])
def test_controls_have_no_date_or_drop_cap_finding(engine, path):
    doc = Document(path.read_text(encoding="utf-8"))
    assert [(f.rule, doc.text[f.start:f.end]) for f in engine.check(doc)
            if f.category in ("dates", "encoding")] == []
