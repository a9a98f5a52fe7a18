"""The garbled-text scan (mtfix/lm/garbled.py): its word units, its shipped
native-English reference, its decision, and (slow) the model on real text.

The fast tests build token rows by hand in the shape the scorer returns them
(GPT-2-style pieces with their character offsets); the slow ones load the
default model once for the module.
"""
from __future__ import annotations

import pytest

from mtfix.document import Document
from mtfix.lm import garbled as G
from mtfix.lm.loading import DEFAULT_MODEL
from mtfix.lm.scoring import TokenScore
from mtfix.settings import LMSettings

from conftest import NATIVE, ROOT, SEED, WMT


def _row(body: str, pieces: list[tuple[str, float]]) -> list[TokenScore]:
    """Token scores for ``body`` cut into ``pieces`` (text, surprisal)."""
    out, pos = [], 0
    for text, s in pieces:
        assert body[pos:pos + len(text)] == text, (body[pos:], text)
        out.append(TokenScore(pos, pos + len(text), text, s))
        pos += len(text)
    assert pos == len(body)
    return out


# -- words: pieces summed, classes -------------------------------------------------
def test_a_glued_word_pays_for_every_piece():
    """'rebaduring' (dev, naaju: a word glued by the translation) is three
    pieces; its value is their sum, so it stands out as one word."""
    body = "The traffic rebaduring the day"
    toks = _row(body, [("The", 3.0), (" traffic", 6.0), (" reb", 9.0), ("ad", 7.5),
                       ("uring", 6.5), (" the", 1.0), (" day", 2.0)])
    units = G.words(body, toks)
    assert [u["text"] for u in units] == ["The", "traffic", "rebaduring", "the", "day"]
    glued = units[2]
    assert glued["value"] == pytest.approx(23.0) and glued["cls"] == "rare"
    assert [u["cls"] for u in units] == ["skip", "common", "rare", "func", "common"]


def test_names_numbers_and_punctuation_have_their_own_classes():
    body = "In Essonne, 240 guests came."
    toks = _row(body, [("In", 4.0), (" Ess", 12.0), ("onne", 3.0), (",", 2.0), (" 240", 9.0),
                       (" guests", 8.0), (" came", 5.0), (".", 1.0)])
    units = G.words(body, toks)
    assert [(u["text"], u["cls"]) for u in units] == [
        ("In", "skip"), ("Essonne", "skip"), (",", "punct"), ("240", "skip"),
        ("guests", "common"), ("came", "common"), (".", "punct")]


def test_a_capitalised_ordinary_word_is_judged_not_discounted():
    """'"Success" these strikes' (seed): Success is an ordinary word in capitals,
    judged like one when the vocabulary knows it. The quote marks themselves
    are not judged: their shape and spacing are the typography rules' work."""
    body = 'said "Success" these'
    toks = _row(body, [("said", 5.0), (' "', 3.0), ("Success", 11.0), ('"', 2.0), (" these", 9.0)])
    units = G.words(body, toks, common=lambda w: w.lower() == "success")
    assert [(u["text"], u["cls"]) for u in units] == [
        ("said", "skip"), ('"', "skip"), ("Success", "common"), ('"', "skip"), ("these", "func")]


# -- the shipped reference -----------------------------------------------------------
def test_the_default_model_has_a_reference_and_an_unknown_one_has_none():
    ref = G.load_reference(DEFAULT_MODEL)
    assert ref is not None, "mtfix/data/garbled_reference.json has no entry for the default model"
    assert G.load_reference("no-such-model") is None
    assert ref["source"] == "corpora/native-reference" and ref["text_words"] >= 10000
    assert ref["sentences_judged"] >= 500
    for key in ("func", "peak", "mean", "word"):
        st = ref["sentences"][key]
        assert st["mad"] > 0 and st["q"] == sorted(st["q"]) and st["n"] == ref["sentences_judged"]
    classes = ref["word_classes"]
    assert set(classes) == {"func", "punct", "common", "rare"}
    # native English: a rare word surprises more than a common one, a function word least
    assert classes["rare"]["median"] > classes["common"]["median"] > classes["func"]["median"]


def test_the_reference_ships_in_the_wheel():
    import tomllib

    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.json" in cfg["tool"]["setuptools"]["package-data"]["mtfix.data"]


def test_robust_statistics():
    st = G.robust([1.0, 2.0, 3.0, 4.0, 100.0])
    assert st["median"] == 3.0 and st["mad"] == pytest.approx(1.4826, abs=1e-3)
    assert st["n"] == 5 and st["q"][-1] == 100.0


# -- the decision --------------------------------------------------------------------
def test_without_a_reference_the_article_decides_as_before():
    s = LMSettings()
    assert G._flagged(3.2, None, False, s)[2] == "article"
    assert G._flagged(1.0, None, True, s)[2] == "article+rules"
    assert G._flagged(1.0, None, False, s) is None
    assert G._flagged(None, None, True, s) is None  # a short text: nothing to compare with


def test_with_a_reference_a_short_text_is_judged_alone():
    s = LMSettings()
    assert G._flagged(None, G.REF_Z + 0.1, False, s)[2] == "reference"
    assert G._flagged(None, G.REF_Z - 0.1, False, s) is None
    # the reference with a rule artefact but no article score: off (1 right of 16 on dev)
    assert G.REF_Z_WITH_FINDINGS == float("inf")
    assert G._flagged(None, G.REF_Z - 0.1, True, s) is None


def test_with_both_scores_the_reference_confirms_the_article_method():
    s = LMSettings()
    assert G._flagged(s.garbled_z, G.REF_Z_CONFIRM, False, s)[2] == "article+reference"
    assert G._flagged(G.ARTICLE_Z_WITH_FINDINGS, G.REF_Z_CONFIRM, True, s)[2] == "article+rules+reference"
    assert G._flagged(G.ARTICLE_Z_WITH_FINDINGS - 0.1, G.REF_Z_CONFIRM, True, s) is None
    # an outlier of its article that reads like ordinary native English is not flagged
    assert G._flagged(s.garbled_z + 2, G.REF_Z_CONFIRM - 0.1, False, s) is None


class _Named:
    """The one thing the scan asks a scorer before scoring: its model's name."""

    name = DEFAULT_MODEL
    _tok = None


def test_with_a_reference_sentences_are_the_units_headings_included():
    """With a reference the model scores sentences, each on its own, a
    heading's too (a sentence shorter than MIN_WORDS_REFERENCE words is not
    judged); without one, the article method scores the non-heading lines
    and needs five sentences."""
    scan = G.GarbledScan(LMSettings(), _Named())
    doc = Document("France. Chileans playful but limited\n\nThe Blues won on Sunday against a "
                   "team that gave them trouble for an hour. Two late goals settled it in the end.\n")
    units = scan.lines(doc, prefilter=False)
    assert [body for _u, body in units] == [
        "Chileans playful but limited", "The Blues won on Sunday against a team that gave them "
        "trouble for an hour.", "Two late goals settled it in the end."]
    assert [u.heading for u, _body in units] == [True, False, False]
    assert scan.enough_text(doc)
    assert not scan.enough_text(Document("A short note. It has two sentences, and nothing to fix here."))
    old = G.GarbledScan(LMSettings(), _Named(), reference=False)
    assert [body for _b, body in old.lines(doc)] == [doc.text[doc.text.index("The Blues"):-1]]
    assert not old.enough_text(doc)


def test_only_sentences_with_a_rule_artefact_are_worth_the_model():
    """The model alone does not tell a garbled sentence from an unusual native
    one (scripts/cv_garbled.py), so only a sentence where a rule found an MT
    artefact is scored: not a heading or an odd word by itself, not one with
    only a typography finding, not one a residue rule removes."""
    from mtfix.model import Finding

    text = ("Departures on vacation disrupted by the strike\n\n"
            "SNCF is rebaduring about the forecasts for this weekend. He was imputed the attack by "
            "the police on Tuesday night.\n\n"
            "The minister said on Monday that the talks would resume next week , he added.\n\n"
            "Read also: the strike is imputed to the unions by the minister\n")
    doc = Document(text)

    def at(word, category, nth=0):
        i = -1
        for _ in range(nth + 1):
            i = text.index(word, i + 1)
        return Finding(rule=category, category=category, message="", start=i, end=i + len(word))

    found = [at("imputed", "calques"), at(" ,", "typography"), at("imputed", "calques", 1),
             at("Read also", "residue")]
    scan = G.GarbledScan(LMSettings(), _Named())
    kept = [body for _u, body in scan.lines(doc, found)]
    assert kept == ["He was imputed the attack by the police on Tuesday night."]
    assert len(scan.lines(doc, found, prefilter=False)) == 5
    assert scan.lines(doc, []) == []  # native English: nothing to score


# -- the model on real text (slow) -----------------------------------------------------
@pytest.fixture(scope="module")
def ranker():
    from mtfix.lm.ranker import LMRanker, lm_available

    ok, why = lm_available(LMSettings())
    if not ok:
        pytest.fail(f"the language model must be installed for these tests: {why}")
    return LMRanker(LMSettings())


@pytest.mark.slow
def test_seed_garbled_sentences_are_judged_against_the_reference(ranker):
    """The seed's three garbled sentences are flagged with the rules' findings
    (a capitalised quote, a date) and the native reference agreeing; the
    evidence holds both scores and the localised words."""
    import mtfix

    doc = Document(SEED.read_text(encoding="utf-8"), str(SEED))
    found = ranker.garbled(doc, mtfix.load(lm=False, grammar=False).check(doc))
    for phrase in ("From the start, the 1st October", 'said "Success" these strikes',
                   'said he spoke with President Trump'):
        lo = doc.text.index(phrase)
        (f,) = [f for f in found if f.start <= lo < f.end]
        assert f.category == "garbled" and "reference" in f.evidence["lm_method"]
        assert f.evidence["lm_z_reference"] >= G.REF_Z_CONFIRM
        for sp in f.evidence["lm_spans"]:
            assert f.start <= sp["start"] < sp["end"] <= f.end
            assert doc.text[sp["start"]:sp["end"]] == sp["text"]


@pytest.mark.slow
def test_native_english_controls_stay_almost_clean(ranker):
    """Review flags of the scan on native English and the human reference
    translation: at most 0.5 per 1,000 words (issue #13's bound)."""
    n = words = 0
    for path in (WMT / "ref.txt", NATIVE):
        doc = Document(path.read_text(encoding="utf-8"), str(path))
        n += len(ranker.garbled(doc, []))
        words += doc.words
    assert n <= 0.5 * words / 1000, f"{n} flags on {words} words"
