"""French word order and the reported conditional (issue #13 §3), detector by detector.

Every positive case is a sentence machine translation really wrote: from the
dev split of ``corpora/web`` (never the test split) or from the WMT13 system
outputs of ``../shared/corpus/wmt13-fr-original``. Every negative is real
English (the controls, the human reference of the same WMT documents, the
same dev articles) or a form the detector's docstring promises to leave
alone. The detectors give candidate repairs for the language model to rank;
these tests check the candidates without the model.
"""
from __future__ import annotations

import pytest

from conftest import NATIVE, WMT
import mtfix
from mtfix.document import Document
from mtfix.model import Tier
from mtfix.rules import DetectorRule

RULES = ("year-on-year", "inverted-source", "noun-acronyms", "duration-compound",
         "postposed-adjective", "reported-conditional", "against-figure", "was-able-to-be",
         "sector-after-noun", "complex-question", "verb-live-object", "with-now-number",
         "figure-before-object", "nationality-after-noun", "inverted-report-verb")


def run(name: str, text: str, tier: Tier = Tier.REVIEW) -> list:
    rule = DetectorRule(id=f"test-{name}", message="m", category="wordorder", tier=tier,
                        detector=name, lm=True)
    return list(rule.run(Document(text)))


def first(name: str, text: str) -> tuple[str, str]:
    """The flagged text and the first candidate's text over the same span."""
    f, = run(name, text)
    return text[f.start:f.end], f.replacement(text)


# -- year on year --------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, repl", [
    ("They increased by 11.5% over one year, a rebound mainly attributable to the rise in the price of oil.",
     "over one year", "year on year"),
    ("After reaching 5.9% over one year in December, the slight acceleration in January", "over one year",
     "year on year"),
    ("the prices of old housing continue to soar: over one year, + 5.2% for apartments", "over one year",
     "year on year"),
    ("Over one year, the 1% increase in prices, after +0.7% in May, is particularly explained",
     "Over one year", "Year on year"),
    ("Finally, the harmonized consumer price index increases by 0.4% over a month, after -0.2% in May",
     "over a month", "month on month"),
    ("Core inflation rose to 5.6% on one year in January, after 5.3% in December.", "on one year",
     "year on year"),
    ("an increase of almost 11% in one year", "in one year", "year on year"),
])
def test_year_on_year(text, span, repl):
    assert first("year_on_year", text) == (span, repl)


def test_year_on_year_tiers_and_candidates():
    f, = run("year_on_year", "They increased by 11.5% over one year.", tier=Tier.SUGGESTED)
    assert f.tier is Tier.SUGGESTED and f.lm_check
    assert [x.apply_to("They increased by 11.5% over one year.") for x in f.fixes] == ["year on year"]
    g, = run("year_on_year", "house prices have barely changed in one year (+0.2%).", tier=Tier.SUGGESTED)
    assert g.tier is Tier.REVIEW  # "in one year" is left to a person


@pytest.mark.parametrize("text", [
    "The trial has been postponed for over a year.",
    "He was elected over a year ago, with 52% of the vote.",
    "The payments will be spread over one year, up to 5% of the total.",
    "In a year, prices rose 4%.",
    "She spent over a year in prison.",
    "Results for the year to March rose 5%.",
    "It will be reviewed in one year's time, when rents rise 3%.",
])
def test_year_on_year_leaves_durations(text):
    assert run("year_on_year", text) == []


# -- inverted reporting clause -------------------------------------------------------------------

@pytest.mark.parametrize("text, span, repl", [
    ("A ransom demand of 10 million dollars, formulated in English, was demanded by the hacker or hackers, "
     "revealed a police source to AFP.", "revealed a police source to AFP", "a police source told AFP"),
    ("“The victim was hit in the femoral artery,” indicates a source close to the case to Le Parisien, who",
     "indicates a source close to the case to Le Parisien", "a source close to the case told Le Parisien"),
    ("“It is a gift,” confides Robert Ménard to the author of the article, smiling.",
     "confides Robert Ménard to the author of the article", "Robert Ménard told the author of the article"),
    ("“I did not expect it,” explains to AFP Ludivine, 18, in front of her high school.",
     "explains to AFP Ludivine, 18,", "Ludivine, 18, told AFP"),
    ("For local forces, the situation would be particularly “complicated to manage”, reports again Le Figaro.",
     "reports again Le Figaro", "Le Figaro also reports"),
    ("Consumer prices increased by 1% in June over a year, driven by the services, indicates this Friday, "
     "July 11, the INSEE, which thus revises", "indicates this Friday, July 11, the INSEE",
     "the INSEE indicates this Friday, July 11"),
    ("Over twelve months, explains the National Institute of Statistics, the 1% increase is due to",
     "explains the National Institute of Statistics", "the National Institute of Statistics explains"),
])
def test_inverted_source(text, span, repl):
    assert first("inverted_source", text) == (span, repl)


@pytest.mark.parametrize("text", [
    # plain inversions after a quotation or a clause: news English (dev articles)
    "The trend should continue in the coming months, explains Timothée Lacroix.",
    "Mechanically, that drives up the prices, estimates the French central bank in its monthly survey.",
    "“It’s possible,” said the minister.",
    "The prices of old housing continue to soar, reports Le Parisien.",
    "“We will not give up,” added Christine Charlot.",
    "It has resisted, confirms INSEE, validating its first estimate.",
    # the noun phrase is the object, the verb shares the subject before it
    "He sat down, explained his plan to Le Monde and left.",
    "The mayor arrived, announced the closure to the residents, and left.",
    "Over twelve months, prices increased by 1%, explains the National Institute of Statistics.",
    # a two-word outlet is not an outlet and a subject (dev: the subject is missing, not inverted)
    "“I talk a lot to my girls, explained to Paris Match in 2013. I will not hide it.",
])
def test_inverted_source_leaves_english(text):
    assert run("inverted_source", text) == []


# -- acronyms, durations, adjectives ------------------------------------------------------------

@pytest.mark.parametrize("name, text, span, repl", [
    ("noun_acronyms", "traffic slightly disturbed by the day of strike, initiated by the unions CGT and SUD-Rail.",
     "the unions CGT and SUD-Rail", "the CGT and SUD-Rail unions"),
    ("noun_acronyms", "The two motions, presented by the deputies RN and LFI, respond to the third recourse",
     "the deputies RN and LFI", "the RN and LFI deputies"),
    ("duration_compound", "this new compulsory internship of two weeks, from June 17 to 28, must be carried out",
     "internship of two weeks", "two-week internship"),
    ("postposed_adjective", "for the state dinner of the November 11, for a dinner very chic at the Musée d’orsay.",
     "a dinner very chic", "a very chic dinner"),
    ("postposed_adjective", "in retaliation for a chemical attack alleged on the 7th of April at state Duma",
     "a chemical attack alleged", "an alleged chemical attack"),
    ("complex_question", "Aficionados of culture could they soon find soon the way of the show rooms ?",
     "Aficionados of culture could they", "Could aficionados of culture"),
    # WMT13 online-B; the human reference writes "Is Ancelotti the man for the job?"
    ("complex_question", "So you benefit from Carlo Ancelotti. Ancelotti is it the man for the job?",
     "Ancelotti is it", "Is Ancelotti"),
    # dev news-dayfr24-com; wmt13 online-B: a measure before the object
    ("figure_before_object", "the INSEE, which thus revises 0.1 points up its provisional estimate at the end of June.",
     "revises 0.1 points up its provisional estimate", "revises its provisional estimate 0.1 points up"),
    ("figure_before_object", "the measures adopted since 2009 have reduced by 17% the registration of new voters in 2010",
     "reduced by 17% the registration of new voters", "reduced the registration of new voters by 17%"),
])
def test_word_order_forms(name, text, span, repl):
    assert first(name, text) == (span, repl)


@pytest.mark.parametrize("name, text", [
    ("noun_acronyms", "the unions, CGT and FO, called for a strike"),
    ("noun_acronyms", "the CGT and SUD-Rail unions called a strike"),
    ("duration_compound", "He was sentenced after a strike of two days of negotiations."),
    ("postposed_adjective", "a man very proud of his son"),
    ("postposed_adjective", "It came a day too soon."),
    ("postposed_adjective", "A lawsuit alleged on Monday that the firm had lied."),
    ("postposed_adjective", "a bottle half full."),
    ("complex_question", "Nor could they find the way?"),
    ("complex_question", "Why would they do that?"),
    ("complex_question", "Only then could they leave?"),
    # native usatoday; a year and a rate are not a moved measure
    ("figure_before_object", "the soup unit was up 14% a year ago, and earnings were 62 cents a share."),
    ("figure_before_object", "Sales rose 5% in the first quarter. He cut the price by 10% on Monday."),
    ("figure_before_object", "They are 26.2% to pass the baccalaureate and 20% the technological baccalaureate."),
    ("figure_before_object", "The firm was founded in 2010 the year the crisis began."),
])
def test_word_order_forms_leave_english(name, text):
    assert run(name, text) == []


# -- the reported conditional ----------------------------------------------------------------------

@pytest.mark.parametrize("text, span, repl", [
    ("According to information from Bfmtv a brawl would have exploded around 4.30 p.m., at the exit.",
     "would have exploded", "reportedly exploded"),
    ("About fifteen individuals, armed with sticks and a knife, would be involved. The emergency services "
     "were called.", "would be", "were reportedly"),
    ("The young man would not be educated in the Louis-Armand high school, which was closed.",
     "would not be", "was reportedly not"),
    ("Marine Le Pen had offered the Ménard spouses a kitten, which would have got along badly with their cat.",
     "would have got", "reportedly got"),
    # any irregular participle the grammar detector knows (shape of the Bfmtv line)
    ("According to Le Parisien, the suspect would have risen at dawn before leaving.",
     "would have risen", "reportedly rose"),
    ("According to Zataz, the hackers would now claim from the hospital 2 million dollars.",
     "would now claim", "reportedly now claim"),
    # WMT13 rbmt-1: the reference writes "which since 2009 have led"
    ("More the police officers of “the squad Hammer” who, since 2009, would have led the “cartel of the sewers” "
     "of Montreal.", "would have led", "reportedly led"),
])
def test_reported_conditional(text, span, repl):
    assert first("reported_conditional", text) == (span, repl)


def test_reported_conditional_offers_every_form_for_the_model():
    text = "About fifteen individuals, armed with sticks and a knife, would be involved. Police were called."
    f, = run("reported_conditional", text)
    assert f.tier is Tier.REVIEW and f.lm_check
    assert [x.apply_to(text) for x in f.fixes] == \
        ["were reportedly", "are reportedly", "were allegedly", "was reportedly", "is reportedly"]


@pytest.mark.parametrize("text", [
    "If I had chewed gum, I would have stuck it under my seat or flicked it over the top.",
    "Deschamps said the Blues would do everything to win.",
    "“We have lowered (them) since 2017 and it would be inconsistent to increase taxes,” he added.",
    "I always said there would be cases in France.",
    "the first figures seemed to indicate that it would not be the “tidal wave” expected by the unions",
    "In early February, INSEE estimated that consumer price inflation would remain on a plateau.",
    "It would therefore seem that the mayor of Béziers has become a little less severe.",
    "We can therefore think that closing would represent a source of profit.",
    # the WMT13 human reference
    "If a user wanted to defraud by paying twice with the same money very quickly (less than ten minutes), "
    "only one of the two transactions would be validated by the network.",
    "In a country ruined by thirty years of war, government control over the infrastructure would have been "
    "necessary.",
    "The Salafist parties were hoping to replace the principles by the rules, which would have allowed "
    "stricter application.",
    # native English (newstest2013)
    "The atmosphere would have made a Stalinist shudder with apprehension.",
    "Officers would talk through the concerns and indicate that they would be addressed.",
    # native news (corpora/native-reference: bbc, standard): a progressive, an embedded question
    "The fire had been contained and firefighters would be moving in for their final attack.",
    "Asked on Sky News what her message would be to a single mother on a zero-hours contract, she smiled.",
    "Of course, this would be a big disappointment.",
])
def test_reported_conditional_leaves_real_conditionals(text):
    assert run("reported_conditional", text) == []


# -- the controls stay clean ----------------------------------------------------------------------

@pytest.mark.parametrize("path", [WMT / "ref.txt", NATIVE], ids=["ref", "native"])
def test_controls_get_no_word_order_finding(path):
    doc = Document(path.read_text(encoding="utf-8"))
    findings = [f for f in mtfix.load(lm=False, grammar=False).check(doc) if f.rule in RULES]
    assert findings == [], [(f.rule, doc.text[f.start:f.end]) for f in findings]


def test_every_rule_asks_the_model():
    rules = {r.id: r for r in mtfix.load(lm=False, grammar=False).pack.rules if r.id in RULES}
    assert set(rules) == set(RULES)
    assert all(r.lm for r in rules.values())
