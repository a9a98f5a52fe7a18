"""The French-names gazetteer (mtfix/data/french_names.txt) as data: every row
parses and no form is shadowed by another row's, every ``name`` form fires in an
article about France, a sample of the institutions added for issue #12 §2 gets
its French name back in a real-looking machine-translated sentence, and the
English that shares their words (France Unbowed, the Elysian Fields, the Great
East Japan earthquake, Francis Bouygues) stays as it is."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from mtfix.detectors import proper_names
from mtfix.document import Document
from mtfix.model import Tier
from mtfix.resolve import resolve
from mtfix.rules import DetectorRule

FRANCE = "\n\nThe story is from France.\n"  # the calques count only in an article about France


def run(text: str):
    rule = DetectorRule(id="t-names", message="m", category="names", tier=Tier.SUGGESTED,
                        detector="french_names", options={})
    doc = Document(text)
    return doc, rule.run(doc)


def spans(text: str) -> list[str]:
    doc, found = run(text)
    return [text[f.start:f.end] for f in found]


def fixed(text: str) -> str:
    doc, found = run(text)
    return resolve(doc, found, tiers=set(Tier)).text


ROWS = proper_names.gazetteer()


def test_every_row_parses_with_a_known_kind_tier_and_what():
    assert len(ROWS) >= 280  # 136 before issue #12 §2, 150 or more added
    for e in ROWS:
        assert e.kind in proper_names.KINDS
        assert e.forms and all(f.strip() == f and f for f in e.forms), e
        assert e.rendering.strip() and e.what.strip(), e
        assert isinstance(e.tier, Tier)


def test_no_form_is_listed_twice_so_none_is_silently_shadowed():
    seen = Counter((e.kind == "metonym", f) for e in ROWS for f in e.forms)
    assert [k for k, n in seen.items() if n > 1] == []


def test_a_rendering_opens_with_the_only_if_every_form_does():
    """``the Order of Doctors`` keeps the text's own article: a form without one
    and a rendering with one would write ``the the``."""
    for e in ROWS:
        if e.kind != "metonym" and e.rendering.startswith("the "):
            assert all(f[:4] in ("the ", "The ") for f in e.forms), e


def test_no_form_is_its_own_rendering():
    """A row whose form is what English writes would flag good English."""
    for e in ROWS:
        if e.kind != "metonym":
            assert e.rendering not in e.forms, e


def test_metonym_rows_have_their_columns():
    for e in ROWS:
        if e.kind == "metonym":
            assert e.rendering.startswith("the ") and e.what, e
            assert all(f.lstrip("~") for f in e.bare)


NAME_FORMS = sorted({f for e in ROWS if e.kind == "name" for f in e.forms})


def test_every_name_form_fires_in_an_article_about_france():
    """The one pattern over all forms finds each of them whole (a longer form of
    another row may take it over: then that one is the finding)."""
    missed = []
    for form in NAME_FORMS:
        found = spans(f"On Monday in Paris, {form} was mentioned again.{FRANCE}")
        if not (len(found) == 1 and form in found[0]):
            missed.append((form, found))
    assert missed == []


@pytest.mark.parametrize("text, expected", [
    # papers, broadcasters, agencies
    ("The mayor told The Popular of the Centre that the plant would close.",
     "The mayor told Le Populaire du Centre that the plant would close."),
    ("according to an article in The Republican Yonne, the school",
     "according to an article in L'Yonne républicaine, the school"),
    ("He gave an interview to The World newspaper on Sunday.",
     "He gave an interview to Le Monde newspaper on Sunday."),
    ("She was a guest on the 20 hours of TF1 on Tuesday.",
     "She was a guest on TF1's evening news on Tuesday."),
    ("Weather France placed 14 departments on orange alert.",
     "Météo-France placed 14 departments on orange alert."),
    ("The National Financial Parquet opened an investigation.",
     "The National Financial Prosecutor's Office opened an investigation."),
    ("the Authority of the Competition fined the group",
     "the Competition Authority fined the group"),
    # unions and parties
    ("The General Confederation of Work called a strike.",
     "The CGT (General Confederation of Labour) called a strike."),
    ("the deputies of Unbowed France left the chamber",
     "the deputies of La France Insoumise left the chamber"),
    ("Stand Up France, the sovereigntist party, said",
     "Debout la France, the sovereigntist party, said"),
    # places, events, works
    ("Crowds gathered on the Elysée Fields on Sunday night.",
     "Crowds gathered on the Champs-Élysées on Sunday night."),
    ("he is buried at Father Lachaise cemetery",
     "he is buried at Père-Lachaise cemetery"),
    ("Tourists visited the Castle of Chambord in the Loire Valley.",
     "Tourists visited the Château de Chambord in the Loire Valley."),
    ("the president inaugurated the Agriculture Salon on Saturday",
     "the president inaugurated the Agricultural Show on Saturday"),
    ("The singer won two Victories of Music last year.",
     "The singer won two Victoires de la Musique last year."),
    ("the fire in a forest of Maritime Charente spread",
     "the fire in a forest of Charente-Maritime spread"),
    ("a school in Seine-and-Marne was closed",
     "a school in Seine-et-Marne was closed"),
    ("The teacher was stabbed in Arras (Step-of-Calais) on Friday.",
     "The teacher was stabbed in Arras (Pas-de-Calais) on Friday."),
    ("the Lille Olympic striker scored twice",
     "the Lille OSC striker scored twice"),
    ("He was taken to Pity-Salpêtrière hospital on Sunday.",
     "He was taken to Pitié-Salpêtrière hospital on Sunday."),
    ("the annual report of the Abbot Pierre Foundation on housing",
     "the annual report of the Abbé Pierre Foundation on housing"),
])
def test_calques_of_french_institutions_get_their_french_name(text, expected):
    assert fixed(text + FRANCE) == expected + FRANCE


def test_a_department_in_brackets_and_a_building_for_its_tenant():
    assert fixed(f"A fire broke out in Mont-de-Marsan (Moors) on Monday.{FRANCE}") == (
        f"A fire broke out in Mont-de-Marsan (Landes) on Monday.{FRANCE}")
    assert fixed(f"The tenant of the Hôtel de Roquelaure announced a plan.{FRANCE}") == (
        f"The ecology minister announced a plan.{FRANCE}")
    assert fixed(f"In France, Nicholas Sarkozy and Peter Moscovici spoke.") == (
        "In France, Nicolas Sarkozy and Pierre Moscovici spoke.")


def test_review_rows_stay_review():
    doc, found = run(f"the deputies of Europe Ecology-The Greens voted{FRANCE}")
    assert [f.tier for f in found] == [Tier.REVIEW]


@pytest.mark.parametrize("text", [
    # the accepted English names of French institutions
    "France Unbowed, the Court of Auditors and the Council of State disagreed.",
    "The National Assembly and the Constitutional Council met; France Arise did not.",
    "The Workforce is shrinking, the Reconquest of Spain ended in 1492.",
    # English that shares the calques' words
    "In Greek myth the Elysian Fields are the home of heroes.",
    "The Great East Japan Earthquake struck in 2011.",
    "St Michael's Mount in Cornwall and the Upper Rhine valley.",
    "the Grand Palace in Bangkok; the Great Kremlin Palace.",
    "vitamin C in the air we breathe at 30°C in the air",
    "The New Republic reported it; the Postal Service delivered it.",
    "Francis Bouygues founded the group; John Plassard at Mirabaud said so.",
    "Chief executive Christopher Viehbacher, of Sanofi, spoke.",
    "The Dinner Game and Autumn Leaves are the English titles.",
    "the Paris floor of the exchange; the Arts Council; the Order of the Garter",
    "the tenants of the Hôtel de Ville building complained",
])
def test_english_that_shares_the_words_stays(text):
    assert spans(text + FRANCE) == []


@pytest.mark.parametrize("text", [
    "He told The Popular of the Centre that it would close.",
    "Crowds gathered on the Elysée Fields.",
])
def test_the_new_calques_are_silent_outside_an_article_about_france(text):
    assert spans(text) == []


def test_every_form_is_plain_text_not_a_pattern():
    """Forms are matched as written: a stray regex character would be literal."""
    for e in ROWS:
        for f in e.forms:
            assert re.escape(f) == re.escape(f)  # parses
            assert "\t" not in f and "  " not in f, e
