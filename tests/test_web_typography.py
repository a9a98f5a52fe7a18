"""French typography and sentence boundaries (issue #12 §2): the Python detectors.

The rule files' own examples are run by ``mtfix rules test``; these tests pin
what the detectors decide that a single example cannot show: quote pairing per
paragraph (a fix never unbalances quotes), the lines typography leaves alone,
number shapes and their traps, and sentences broken over lines.
"""
from __future__ import annotations

import pytest

from mtfix.detectors import DetectorContext, get
from mtfix.detectors.typography_lines import is_french_line, skipped_blocks, trailing_furniture
from mtfix.document import Document
from mtfix.model import Tier
from mtfix.resolve import resolve


def _ctx(name: str, **options) -> DetectorContext:
    return DetectorContext(rule_id=name, category="typography", message="m", tier=Tier.SAFE,
                           options=options)


def run(name: str, text: str, **options):
    return list(get(name)(Document(text), _ctx(name, **options)))


def fixed(name: str, text: str, **options) -> str:
    doc = Document(text)
    return resolve(doc, list(get(name)(doc, _ctx(name, **options))), tiers=set(Tier)).text


def balanced(text: str) -> bool:
    """Every line's curly marks open and close in turn."""
    for line in text.splitlines():
        depth = 0
        for c in line:
            if c == "“":
                depth += 1
                if depth > 1:
                    return False
            elif c == "”":
                depth -= 1
                if depth < 0:
                    return False
    return True


# -- quote marks ----------------------------------------------------------------

@pytest.mark.parametrize("before,after", [
    # reversed marks, decided by their order in the paragraph
    ("He said: “There is a lack of housing. Mechanically, that drives up prices.“The notary "
     "underlines that this situation”refers to local policies“, at the level of towns.",
     "He said: “There is a lack of housing. Mechanically, that drives up prices.” The notary "
     "underlines that this situation “refers to local policies”, at the level of towns."),
    # guillemet spacing around curly marks, and the full stop before a comma
    ("“ This allows us control over our resources. », explains Timothée Lacroix.",
     "“This allows us control over our resources,” explains Timothée Lacroix."),
    # a French closing guillemet after an English opening quote
    ("It was marked by a “generalized decline» in France.",
     "It was marked by a “generalized decline” in France."),
    # straight marks with French spacing stay straight
    ('" The traffic will be less disrupted ", explains Julien Cholin.',
     '"The traffic will be less disrupted", explains Julien Cholin.'),
    # a closing mark glued to the reporting clause
    ("Me, I screwed up to have accepted, ”he explains.",
     "Me, I screwed up to have accepted,” he explains."),
    # a doubled mark is one mark
    ("“No urban exodus “, he said, but “more room, and security “” The president left.",
     "“No urban exodus”, he said, but “more room, and security” The president left."),
    # a space before the closing mark and none after it; the reverse for the opening one
    ("He said “it is over ”and left the room.", "He said “it is over” and left the room."),
    ("He said the“ plan ”was dead.", "He said the “plan” was dead."),
])
def test_quote_marks_are_paired_per_paragraph(before, after):
    assert fixed("quote_marks", before) == after
    assert balanced(after) or balanced("“" + after)  # or it closes a quote from the line before


@pytest.mark.parametrize("text", [
    "He called it \"a dangerous escalation\" on Sunday.",
    "“We will not accept that,” added the secretary. “Never.”",
    "“The first paragraph of a quotation runs on into the next one.\n“And it ends here.”",
    "the so-called ‘yellow vests’ movement, as he said: “It’s over.”",
    "He writes for \"Le Monde\" and for \"The Guardian\".",
    # an apostrophe lost in l'équipe: a lone mark spaced on both sides is no quotation
    "A few hours later, L \" equips found a remedy.",
    "A few hours later, the \" team found a remedy.",
    # markup is not a quotation
    "Find this article on Télé-Loisirs“data-reactid=”22″>Find this article",
])
def test_quote_marks_leave_alone(text):
    assert run("quote_marks", text) == []


def test_a_paragraph_that_lost_its_pairing_fixes_only_the_marks_that_can_only_close():
    text = "so-called “cities”.affordable», according to notaries, “ the rise “, they say"
    found = run("quote_marks", text)
    assert {f.tier for f in found} == {Tier.SUGGESTED}
    assert fixed("quote_marks", text) == ("so-called “cities”.affordable”, according to notaries, "
                                          "“ the rise”, they say")


def test_quote_fix_never_unbalances_and_is_idempotent():
    text = ("Twenty one years! ” It was time ! “, quips Frédéric Rollin. “ The index rose. “, "
            "details John Plassard.\n“We will make sure to win Sunday, “assured Deschamps.")
    once = fixed("quote_marks", text)
    assert balanced(once)
    assert fixed("quote_marks", once) == once


@pytest.mark.parametrize("text", [
    # a quotation the page split onto lines of its own: a lone mark, or an opening
    # mark spaced at the end of its line, is not turned round (the sentence rule joins them)
    "The mayor described a\n“\nsorry state\n”\nin the town, then left.",
    "The prefect talked of a “\ndangerous road”\nin the region, and stopped.",
])
def test_quotation_split_over_lines_is_not_turned_round(text):
    assert run("quote_marks", text) == []


def test_a_closing_mark_spaced_at_the_end_of_its_line_still_loses_its_space():
    text = "The prefect talked of a “\ndangerous road ”\nin the region, and stopped."
    assert fixed("quote_marks", text) == "The prefect talked of a “\ndangerous road”\nin the region, and stopped."


def test_a_lone_mark_that_opens_a_sentence_is_still_a_quotation():
    text = "First paragraph of the article.\nDown to the chip? “ There’s a huge depth of skill."
    assert fixed("quote_marks", text).endswith("chip? “There’s a huge depth of skill.")


def test_guillemets_alone_become_straight_marks_in_a_text_without_curly_ones():
    assert fixed("quote_marks", "He called it « madness » on Sunday.") == 'He called it "madness" on Sunday.'


# -- lines left alone -------------------------------------------------------------

@pytest.mark.parametrize("line,french", [
    ("Veille de match : les Bleus comme à la maison", True),
    ("Touche Pas à mon Poste", False),
    ("Bourse de Paris : a technical problem has delayed the index", False),
    ("the inner suburbs (Hauts-de-Seine, Seine-Saint-Denis, Val -de-Marne)", False),
    ("He said the coup de grâce was a fait accompli in the end", False),
])
def test_french_lines(line, french):
    assert is_french_line(line) is french


def test_typography_leaves_french_and_trailing_furniture_alone():
    text = ("Match the day before: Blues at home\n\nVeille de match : les Bleus comme à la maison\n\n"
            "The coach said it twice : the team is ready, and the players agree with him.\n\n"
            "Photo credits : CALPIX/SIPA\n\nLatest News on :\n")
    doc = Document(text)
    assert skipped_blocks(doc) == {1, 3, 4}
    found = run("typography_pattern", text, pattern=r"(?<=\w) +(?=[:;!?])", replacement="")
    assert [text[f.start - 5:f.end + 1] for f in found] == ["twice :"]


@pytest.mark.parametrize("line", [
    "” READ ALSO – may 13, 1958: how De Gaulle came back",
    "Subscribe: € 1 for 2 months",
    "• Photo credits : AFP",
])
def test_furniture_labels_are_left_alone(line):
    text = "An article of running text, long enough to be one, ends here.\n\n" + line + "\n\nMore text follows here, as it does."
    assert 1 in skipped_blocks(Document(text))


def test_one_short_line_is_not_furniture():
    assert trailing_furniture(Document("He wins !")) == frozenset()
    assert run("typography_pattern", "He wins !", pattern=r" +(?=!)", replacement="")


# -- numbers ------------------------------------------------------------------------

@pytest.mark.parametrize("before,after", [
    ("injured 25\u00a0000 people", "injured 25,000 people"),
    ("a budget of 1 200 000 euros.", "a budget of 1,200,000 euros."),
    ("the index rose to 5315,89 points", "the index rose to 5,315.89 points"),
    ("Growth reached 3,5 % in 2012.", "Growth reached 3.5 % in 2012."),
    ("Kering rose to 439,10€.", "Kering rose to €439.10."),
    ("It costs 100 $ a month.", "It costs $100 a month."),
    ("a budget of 12 M€ over two years", "a budget of €12m over two years"),
    ("a budget of 1.5 M€ over two years", "a budget of €1.5m over two years"),
    ("a bonus of 15 k€ a year", "a bonus of €15,000 a year"),
    ("a loss of 12 m€ in all", "a loss of €12m in all"),
    ("the 10\u00a0000-metre race", "the 10,000-metre race"),
    ("Over 12 000, the price rises", "Over 12,000, the price rises"),
])
def test_french_numbers(before, after):
    assert fixed("french_number", before) == after


@pytest.mark.parametrize("text", [
    "5,200 American soldiers", "pages 2,3 and 4", "1,500 million", "In 2012 300 people died",
    "between 1990 and 2000 500 people left", "Call 01 45 67 89 00 now.", "It costs $100 a month.",
    "in 12 100-metre races", "the index rose to 5,315.89 points", "agent 007 is back",
])
def test_french_numbers_leave_alone(text):
    assert run("french_number", text) == []


def test_a_space_between_groups_is_suggested_a_no_break_space_safe():
    assert [f.tier for f in run("french_number", "25 000 people")] == [Tier.SUGGESTED]
    assert [f.tier for f in run("french_number", "25\u00a0000 people")] == [Tier.SAFE]


# -- sentences broken over lines ---------------------------------------------------

def test_a_title_on_its_own_line_is_joined_back():
    text = ("Patrice Laffont, after leaving the program\n\nTouche Pas à mon Poste\n\n"
            ", where he had become a columnist.\n")
    assert fixed("split_sentence", text) == ("Patrice Laffont, after leaving the program Touche Pas "
                                             "à mon Poste, where he had become a columnist.\n")


@pytest.mark.parametrize("text", [
    "Macron goes back to the front – Le Parisien\n\nby time news",
    "We found no such differences until now.\nimplications are large.",
    "New escalation\n\nThe strikes went on.",
    "The list:\n\nfirst item, then the second.",
])
def test_lines_that_are_not_one_sentence_stay_apart(text):
    assert run("split_sentence", text) == []
