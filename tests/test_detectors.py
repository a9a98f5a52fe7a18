"""Each Python detector on its own, through a rule built here (no rule file, no
language model, no LanguageTool): what it fixes, what it must leave alone, and
what its options change. The built-in rules' YAML examples (``mtfix rules
test``) run the same detectors with the pack's options; these cases add the
edges a rule file does not show.
"""
from __future__ import annotations

from types import MappingProxyType

import pytest

from mtfix import detectors
from mtfix.detectors import DetectorContext
from mtfix.document import Document
from mtfix.errors import RuleFileError
from mtfix.model import Finding, Tier
from mtfix.resolve import resolve
from mtfix.rules import DetectorRule

LONG = ("The government announced on Monday a new series of measures intended to support the "
        "purchasing power of households hit by the rise in energy prices")  # 26 words


def rule(name: str, **options) -> DetectorRule:
    return DetectorRule(id=f"test-{name}", message="default message", category="custom",
                        tier=Tier.SUGGESTED, detector=name, options=options)


def found(name: str, text: str, **options) -> list[Finding]:
    return rule(name, **options).run(Document(text))


def fixed(name: str, text: str, **options) -> str:
    doc = Document(text)
    return resolve(doc, rule(name, **options).run(doc), tiers=set(Tier)).text


def spans(name: str, text: str, **options) -> list[str]:
    return [text[f.start:f.end] for f in found(name, text, **options)]


def test_every_detector_module_registers():
    assert set(detectors.names()) == {
        "acronym_mismatch", "apostrophe_mix", "duplicate_caption", "mojibake", "ordinal_suffix",
        "split_ordinal_date",
        "photo_credit", "possessive_name_mix", "pronouns", "quote_capital", "roman_century",
        "title_before_name", "unterminated_paragraph", "variant_mix", "web_residue",
        "french_run", "french_function_word", "french_elision", "french_word", "french_stray_quote",
        "french_names", "people",
        "french_acronym", "qualified_title", "apposition_comma", "french_honorific", "head_of_state",
        "unknown_french_acronym",
        "french_number", "quote_marks", "split_sentence", "typography_pattern",
        "year_on_year", "inverted_source", "noun_acronyms", "duration_compound",
        "postposed_adjective", "complex_question", "reported_conditional", "calques_lexicon",
        "perfect_with_past_time", "subject_verb_agreement", "adverb_after_verb", "pronoun_participle",
        "figure_before_object", "inverted_report_verb"}


# -- the context a detector gets ---------------------------------------------------

def test_findings_carry_the_rules_identity_and_current_tier():
    r = DetectorRule(id="house-dates", message="m", category="dates", tier=Tier.SAFE,
                     detector="ordinal_suffix", lm=True)
    r.order = 7
    r.tier = Tier.REVIEW  # a config's [tiers] override after loading
    (f,) = r.run(Document("the 19the century"))
    assert (f.rule, f.category, f.tier, f.order, f.lm_check, f.source) == (
        "house-dates", "dates", Tier.REVIEW, 7, True, "rules")


def test_context_holds_the_options_read_only():
    r = rule("web_residue", lines=["Sponsored:.*"])
    ctx = r.context()
    assert isinstance(ctx.options, MappingProxyType) and ctx.options["lines"] == ["Sponsored:.*"]
    with pytest.raises(TypeError):
        ctx.options["lines"] = []  # type: ignore[index]


def test_context_finding_defaults_and_overrides():
    ctx = DetectorContext(rule_id="r", category="quotes", message="the rule's", tier=Tier.SAFE)
    f = ctx.finding(2, 5, "abc", why="evidence")
    assert (f.message, f.tier, f.lm_check, f.evidence) == ("the rule's", Tier.SAFE, False,
                                                            {"why": "evidence"})
    assert f.fix.start == 2 and f.fix.end == 5
    g = ctx.finding(0, 1, message="mine", tier=Tier.REVIEW, lm_check=True)
    assert (g.message, g.tier, g.lm_check, g.fixes) == ("mine", Tier.REVIEW, True, ())


def test_options_a_detector_cannot_use_are_the_rule_files_error():
    r = DetectorRule(id="house-titles", message="m", detector="title_before_name",
                     options={"titles": "(ambassador"}, path="house.yaml", line=2, options_line=5)
    with pytest.raises(RuleFileError, match=r"^house\.yaml:5: rule 'house-titles': options: "
                                            r"detector 'title_before_name' cannot use them"):
        r.run(Document("He met the ambassador John Smith."))


# -- acronyms ----------------------------------------------------------------------

def test_acronym_in_french_order_is_flagged_where_introduced_and_used():
    text = "Fighters of the Popular Mobilization (MP) units entered the town. The MP denied it."
    intro, reuse = found("acronym_mismatch", text)
    assert text[intro.start:intro.end] == "MP" and intro.start == text.index("(MP)") + 1
    assert "French word order" in intro.message and intro.evidence == {"hint": "PMF"}
    assert intro.tier is Tier.SUGGESTED and not intro.fixes  # a hint, not a fix
    assert reuse.start == text.rindex("MP") and reuse.tier is Tier.REVIEW


def test_acronym_with_known_english_form():
    (intro, _) = found("acronym_mismatch", "The European Union (UE) agreed. The UE will pay.")
    assert "initials of 'European Union' are EU" in intro.message


@pytest.mark.parametrize("text", [
    "The World Health Organization (WHO) warned on Monday.",
    "He joined Médecins Sans Frontières (MSF) in 2010.",
    "The Islamic State (EI) claimed the attack.",  # not the reverse either: a word list's job
])
def test_acronym_that_fits_or_is_a_name_is_left_alone(text):
    assert found("acronym_mismatch", text) == []


# -- consistency ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Shiite militias fought. The Shia leaders met. Shiite clerics spoke.",
     "Shiite militias fought. The Shiite leaders met. Shiite clerics spoke."),
    ("Gaddafi fell in 2011. Kadhafi had ruled since 1969.",  # a tie: the group's first form
     "Gaddafi fell in 2011. Gaddafi had ruled since 1969."),
    ("The organisation grew; the organization said so.",
     "The organization grew; the organization said so."),
])
def test_variant_mix_uses_the_majority_form(text, expected):
    assert fixed("variant_mix", text) == expected


def test_variant_mix_message_counts_the_majority():
    (f,) = found("variant_mix", "Shiite militias fought. The Shia leaders met. Shiite clerics spoke.")
    assert f.message == "'Shia' here, 'Shiite' elsewhere in the article (2×): use one form"


def test_variant_mix_options_replace_the_default_groups():
    text = "Paris and Lutece are one city. Lutece was old."
    assert found("variant_mix", text) == []
    assert spans("variant_mix", text, variants=[["Paris", "Lutece"]]) == ["Paris"]
    assert found("variant_mix", "Shiite and Shia.", variants=[["Paris", "Lutece"]]) == []


@pytest.mark.parametrize("text", ["He flew to Kyiv. Kyiv is calm.",
                                  "The Shiite clerics met Sunni leaders."])
def test_variant_mix_leaves_one_form_alone(text):
    assert found("variant_mix", text) == []


def test_possessive_name_mix():
    text = "The Hezbollah Brigades fired rockets. Hezbollah's brigades denied it."
    assert fixed("possessive_name_mix", text) == (
        "The Hezbollah Brigades fired rockets. the Hezbollah Brigades denied it.")
    assert found("possessive_name_mix", "Hezbollah's leader spoke on Sunday.") == []
    assert found("possessive_name_mix", "Hezbollah's brigades fired rockets.") == []


@pytest.mark.parametrize("text, expected", [
    ("It's late and we're tired, but it’s fine.", "It's late and we're tired, but it's fine."),
    ("It’s late and we’re tired, but it's fine.", "It’s late and we’re tired, but it’s fine."),
])
def test_apostrophe_mix_follows_the_majority(text, expected):
    assert fixed("apostrophe_mix", text) == expected


@pytest.mark.parametrize("text", ["It's late and we're tired.", "It’s late and we’re tired.",
                                  "He said 'no' and left’"])
def test_apostrophe_mix_leaves_one_kind_alone(text):
    assert found("apostrophe_mix", text) == []


# -- dates -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the 19the century was long", "the 19th century was long"),
    ("in the 2e round of the election", "in the 2nd round of the election"),
    ("the 1er arrondissement of Paris", "the 1st arrondissement of Paris"),
    ("He lives on the 3e floor.", "He lives on the 3rd floor."),
    ("the 11e edition", "the 11th edition"),
])
def test_ordinal_suffix(text, expected):
    assert fixed("ordinal_suffix", text) == expected


@pytest.mark.parametrize("text", ["The 19th century.", "Room 12e is closed.", "the 0e round",
                                  "Gate 2e"])
def test_ordinal_suffix_leaves_alone(text):
    assert found("ordinal_suffix", text) == []


@pytest.mark.parametrize("text, expected", [
    ("in the XIXth century, Paris grew", "in the 19th century, Paris grew"),
    ("the XXIe century began", "the 21st century began"),
    ("the XIIe. century", "the 12th century"),
])
def test_roman_century(text, expected):
    assert fixed("roman_century", text) == expected


@pytest.mark.parametrize("text", ["Louis XIV reigned in the 17th century.",
                                  "the XXXe century", "the XIXe arrondissement"])
def test_roman_century_leaves_alone(text):
    assert found("roman_century", text) == []


# -- encoding ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Le cafÃ© de la gare", "Le café de la gare"),
    ("The prime minister Ã‰douard Philippe", "The prime minister Édouard Philippe"),
    ("the Â« quote Â»", "the « quote »"),
    ("Ã©«", "é«"),  # the guillemet after the run is real: repaired prefix only
])
def test_mojibake_is_repaired(text, expected):
    assert fixed("mojibake", text) == expected


@pytest.mark.parametrize("text", ["Le café de la gare, déjà vu", "Ça va, Élise ?", "naïve Zoë"])
def test_real_accents_are_left_alone(text):
    assert found("mojibake", text) == []


# -- quotes --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('Washington said "Success" these strikes were.', 'Washington said "success" these strikes were.'),
    ('He denounced "A violation of sovereignty".', 'He denounced "a violation of sovereignty".'),
    ('She called for “Calm and restraint” on Monday.', 'She called for “calm and restraint” on Monday.'),
])
def test_quote_capital_lowers_a_fragment(text, expected):
    assert fixed("quote_capital", text) == expected


@pytest.mark.parametrize("text", [
    'He said: "Success is ours."',          # after a colon: a quoted sentence
    'They called it "Operation Desert Storm".',  # a name
    'He praised "General Mark Milley" for it.',
    'She said "I will stay" on Monday.',
    'The minister called "Hezbollah" a threat.',
])
def test_quote_capital_leaves_names_and_sentences(text):
    assert found("quote_capital", text) == []


# -- residue -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The army entered the city.\n\nRead also: Iraq votes on Sunday\n\nThe vote was calm.\n",
     "The army entered the city.\n\nThe vote was calm.\n"),
    ("The text ends here.\n\nArticle reserved for subscribers\n", "The text ends here.\n"),
    ("Body.\n\nLeave a reply\nPlease enter your comment!\nPlease enter your name here\n\nMore.\n",
     "Body.\n\nMore.\n"),
])
def test_web_residue_lines_go_with_tidy_spacing(text, expected):
    assert fixed("web_residue", text) == expected


def test_web_residue_run_is_one_finding():
    (f,) = found("web_residue", "Body.\n\nLeave a reply\nPlease enter your comment!\n\nMore.\n")
    assert f.message == "web residue (comment form): remove these 2 lines"


def test_web_residue_extra_lines_option():
    text = "Body.\n\nSponsored: buy now\n\nMore.\n"
    assert found("web_residue", text) == []
    assert fixed("web_residue", text, lines=[r"Sponsored:.*"]) == "Body.\n\nMore.\n"


def test_web_residue_leaves_a_sentence_alone():
    assert found("web_residue", "The army entered the city.\nRead also the report of the UN on this.\n") == []


@pytest.mark.parametrize("text, expected", [
    ("Soldiers patrol in Baghdad on December 29.\n"
     "Soldiers patrol in Baghdad on December 29. Tom Brenner / REUTERS\n\nThe city was calm.\n",
     "Soldiers patrol in Baghdad on December 29.\n\nThe city was calm.\n"),
    ("Soldiers patrol in Baghdad.\nSoldiers patrol in Baghdad.\n", "Soldiers patrol in Baghdad.\n"),
])
def test_duplicate_caption_repeat_goes(text, expected):
    assert fixed("duplicate_caption", text) == expected


@pytest.mark.parametrize("text", [
    "Soldiers patrol in Baghdad on Monday.\nSoldiers patrol in Baghdad on Monday and Tuesday.\n",
    "Hi there.\nHi there. AFP\n",  # too short to be a caption
    "Soldiers patrol in Baghdad.\n\nThe city was calm.\n",
])
def test_duplicate_caption_leaves_alone(text):
    assert found("duplicate_caption", text) == []


@pytest.mark.parametrize("text, expected", [
    ("Protesters gather in Paris on Saturday. Thomas Samson / AFP\nThe march was calm.\n",
     "Protesters gather in Paris on Saturday.\nThe march was calm.\n"),
    ("The match ended. John Smith/REUTERS\n", "The match ended.\n"),
])
def test_photo_credit_is_removed(text, expected):
    assert fixed("photo_credit", text) == expected


@pytest.mark.parametrize("text", ["Protesters gather in Paris on Saturday.\n",
                                  "Input/output of AFP is large. He said.\n",
                                  "AFP / Thomas Samson reported it.\n"])
def test_photo_credit_leaves_alone(text):
    assert found("photo_credit", text) == []


# -- sentences -----------------------------------------------------------------------

def test_unterminated_paragraph_flags_the_tail():
    text = LONG + " and the\n\nNext paragraph.\n"
    (f,) = found("unterminated_paragraph", text)
    assert text[f.start:f.end] == " rise in energy prices and the" and not f.fixes


@pytest.mark.parametrize("text", [
    LONG + ".\n",
    "Short heading without stop\n\nBody.\n",
    LONG + " – AFP\n",  # a dateline or credit
    LONG + ", see https://example.org/a\n",  # an address takes no full stop
])
def test_unterminated_paragraph_leaves_alone(text):
    assert found("unterminated_paragraph", text) == []


def test_unterminated_paragraph_min_words_option():
    text = LONG + " and the\n"
    assert found("unterminated_paragraph", text, min_words=30) == []
    assert len(found("unterminated_paragraph", text, min_words=21)) == 1


# -- titles --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("He met the general Mark Milley on Monday.", "He met General Mark Milley on Monday."),
    ("Talks with president Emmanuel Macron resumed.", "Talks with President Emmanuel Macron resumed."),
    ("He spoke with minister Bruno Le Maire.", "He spoke with Minister Bruno Le Maire."),
])
def test_title_before_name(text, expected):
    assert fixed("title_before_name", text) == expected


@pytest.mark.parametrize("text", [
    "The general Assembly voted.",  # an ordinary word, not a name
    "the American secretary of state, Mike Pompeo, said.",
    "The president Monday said no.",
    "a former president Barack Obama",  # British-style description
])
def test_title_before_name_leaves_alone(text):
    assert found("title_before_name", text) == []


def test_title_before_name_titles_option():
    assert fixed("title_before_name", "He met the colonel Jean Dupont.", titles="colonel") == (
        "He met Colonel Jean Dupont.")
    assert found("title_before_name", "He met the general Mark Milley.", titles="colonel") == []


# -- pronouns (more cases without a rule in test_lm_pronouns.py) ---------------------

def test_pronouns_through_a_rule_use_its_identity_and_always_ask_the_lm():
    r = DetectorRule(id="house-pronouns", message="m", category="pronouns", tier=Tier.REVIEW,
                     detector="pronouns", lm=False)
    (f,) = r.run(Document("The militia operates in Syria. She was the target of several strikes."))
    assert (f.rule, f.tier, f.lm_check) == ("house-pronouns", Tier.REVIEW, True)
    assert f.evidence == {"antecedent": "militia"}  # evidence only: no control values


@pytest.mark.parametrize("text, expected", [
    ("The army has been deployed in the north. His soldiers patrol the roads.",
     "The army has been deployed in the north. Its soldiers patrol the roads."),
    ("The government froze prices. She also promised to cut her spending.",
     "The government froze prices. It also promised to cut its spending."),
])
def test_pronouns_fix(text, expected):
    assert fixed("pronouns", text) == expected


@pytest.mark.parametrize("text", ["The mayor of Paris said she would resign.",
                                  "Marie joined the company in 2010. She now runs its Paris office."])
def test_pronouns_leave_people_alone(text):
    assert found("pronouns", text) == []
