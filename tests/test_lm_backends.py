"""The two scoring backends: CTranslate2 with int8 weights (the default) and
transformers in float32 (the reference) give the same decisions, with the
real model, no mocks.

Tolerances, measured with bench/bench_backends.py and stated here so that a
change of runtime or quantisation that moves them shows: a pair margin may
differ by :data:`MARGIN_TOL` nats, a garbled-sentence z-score by
:data:`Z_TOL`. A decision may differ only where the reference margin is
within :data:`MARGIN_TOL` of the threshold it crosses (none does today).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import mtfix
from mtfix.document import Document
from mtfix.lm import LMRanker, Scorer, ct2
from mtfix.lm.garbled import GARBLED_RULE
from mtfix.lm.loading import find_default_gguf
from mtfix.settings import LMSettings

from conftest import ROOT, SEED

PAIRS = Path(__file__).parent / "data" / "lm_pairs.yaml"
#: nats (measured: at most 0.69 on the pairs, median 0.16; 0.87 on the seed)
MARGIN_TOL = 1.0
#: robust z-score units of the garbled-sentence scan (measured: at most 0.24)
Z_TOL = 0.5
REF = LMSettings(backend="transformers", dtype="float32")
FAST = LMSettings(backend="ctranslate2")


def _py(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), **env))


# -- without the model --------------------------------------------------------------
def test_importing_the_fast_backend_imports_no_runtime():
    out = _py("import sys, mtfix.lm.ct2, mtfix.lm.scoring, mtfix.lm.torch_backend; "
              "bad = {'torch', 'transformers', 'ctranslate2', 'tokenizers'} & set(sys.modules); "
              "assert not bad, bad")
    assert out.returncode == 0, out.stderr


def test_a_short_text_without_lm_findings_loads_no_model():
    """Too few sentences for the garbled scan and nothing for the model to
    decide: the run imports no runtime at all."""
    out = _py("import sys, mtfix; eng = mtfix.load(lm=True, grammar=False); "
              "eng.check('A short note. It has two sentences, and nothing to fix here.'); "
              "bad = {'torch', 'ctranslate2'} & set(sys.modules); assert not bad, bad")
    assert out.returncode == 0, out.stderr


def test_the_source_hash_is_remembered_per_file_state(tmp_path):
    src = tmp_path / "m.gguf"
    src.write_bytes(b"GGUF one")
    stamps = tmp_path / "stamps"
    first = ct2.source_hash([src], stamps)
    assert len(list(stamps.iterdir())) == 1 and ct2.source_hash([src], stamps) == first
    src.write_bytes(b"GGUF two")  # another size: hashed again, another key
    second = ct2.source_hash([src], stamps)
    assert second != first and ct2.source_hash([src], None) == second


def test_a_half_written_conversion_is_never_used(tmp_path, monkeypatch):
    """The conversion is written beside its final folder and renamed when
    complete; a folder without its ``.complete`` mark (a crash, a full disk)
    does not count as converted."""
    monkeypatch.setenv("MTFIX_MODEL_CACHE", str(tmp_path / "cache"))
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    details = {"gguf": gguf}
    dest = ct2._candidates("gguf", details)[0]
    assert dest.name.startswith(f"ct2-{ct2.ct2_version()}-{ct2.QUANTIZATION}-tiny-")
    dest.mkdir(parents=True)
    (dest / "model.bin").write_bytes(b"half")
    (dest.with_name(dest.name + ".tmp999")).mkdir()
    assert ct2.find_ct2("gguf", details) is None
    (dest / ".complete").write_text("done\n")
    assert ct2.find_ct2("gguf", details) == dest
    gguf.write_bytes(b"GGUF, another file")  # a new source file: another key
    assert ct2.find_ct2("gguf", details) is None


def test_hub_models_are_left_to_transformers():
    with pytest.raises(ct2.CT2Unavailable, match="hub"):
        ct2._candidates("hub", {"id": "someone/model"})


# -- with the model -----------------------------------------------------------------
@pytest.fixture(scope="module")
def scorers() -> tuple[Scorer, Scorer]:
    fast, ref = Scorer(FAST).load(), Scorer(REF).load()
    assert (fast.backend_name, ref.backend_name) == ("ctranslate2", "transformers")
    return fast, ref


def _decision(m: float, s: LMSettings) -> str:
    return "safe" if m >= s.safe_margin else "suggested" if m >= s.suggest_margin else "refused"


def _near(m: float, s: LMSettings) -> bool:
    return any(abs(m - t) <= MARGIN_TOL for t in (s.safe_margin, s.suggest_margin))


@pytest.mark.slow
def test_the_backends_tokenize_alike(scorers):
    fast, ref = scorers
    for text in ["It promised to cut its spending by 10 % – «vite».", "  Ça va?\n\nYes… “no”"]:
        a, b = fast._encode(text, offsets=True), ref._encode(text, offsets=True)
        assert a.input_ids == b.input_ids and list(map(tuple, a.offset_mapping)) == list(
            map(tuple, b.offset_mapping))
    assert fast._prefix_ids == ref._prefix_ids


@pytest.mark.slow
def test_the_backends_agree_on_the_pairs(scorers, capsys):
    fast, ref = scorers
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    triples = [(p["context"], p["wrong"], p["right"]) if p["doc"] == "wrong"
               else (p["context"], p["right"], p["wrong"]) for p in pairs]
    got, want = fast.margins(triples), ref.margins(triples)
    diffs = sorted(abs(a - b) for a, b in zip(got, want))
    changed = [(p["id"], round(b, 2), round(a, 2)) for p, a, b in zip(pairs, got, want)
               if _decision(a, FAST) != _decision(b, REF)]
    with capsys.disabled():
        print(f"\nbackends on {len(pairs)} pairs: margin difference median {diffs[len(diffs) // 2]:.2f}, "
              f"max {diffs[-1]:.2f} nats; decisions changed: {changed}")
    assert diffs[-1] <= MARGIN_TOL
    assert all(_near(m_ref, REF) for _id, m_ref, _m in changed), changed


def _borderline(f) -> bool:
    """Is one of the garbled scan's z-scores within Z_TOL of a threshold it is judged by?"""
    from mtfix.lm import garbled

    s = LMSettings()
    bars = (s.garbled_z, s.garbled_z_with_findings, garbled.REF_Z, garbled.REF_Z_WITH_FINDINGS,
            garbled.REF_Z_CONFIRM, garbled.ARTICLE_Z_WITH_FINDINGS)
    zs = [f.evidence[k] for k in ("lm_z_article", "lm_z_reference") if k in f.evidence]
    return any(abs(z - t) <= Z_TOL for z in zs for t in bars)


@pytest.mark.slow
def test_the_backends_agree_on_the_seed(scorers, capsys):
    doc = Document(SEED.read_text(encoding="utf-8"), str(SEED))
    found = {}
    for name, scorer in zip(("ctranslate2", "transformers"), scorers):
        eng = mtfix.load(lm=True, grammar=False)
        eng._ranker = LMRanker(scorer.settings, scorer=scorer)
        found[name] = {(f.rule, f.start, f.end): f for f in eng.check(doc)
                       if f.source == "lm" or "lm_margin" in f.evidence}
    fast, ref = found["ctranslate2"], found["transformers"]
    with capsys.disabled():
        print(f"\nseed: {len(ref)} LM findings with transformers, {len(fast)} with ctranslate2; "
              + "; ".join(f"{k[0]}@{k[1]}: margin {ref[k].evidence.get('lm_margin')} vs "
                          f"{fast[k].evidence.get('lm_margin')}, z {ref[k].evidence.get('lm_z')} vs "
                          f"{fast[k].evidence.get('lm_z')}" for k in sorted(ref.keys() & fast.keys())))
    # a garbled flag whose z-score sits within the tolerance of a threshold may
    # fall on either side of it with the other backend; nothing else may differ
    only = [(k, ref.get(k) or fast.get(k)) for k in ref.keys() ^ fast.keys()]
    assert len(only) <= 2 and all(f.rule == GARBLED_RULE and _borderline(f) for _k, f in only), only
    for k, f in ref.items():
        if k not in fast:
            continue
        g = fast[k]
        assert g.tier == f.tier, k
        if "lm_margin" in f.evidence:
            assert abs(g.evidence["lm_margin"] - f.evidence["lm_margin"]) <= MARGIN_TOL, k
        if "lm_z" in f.evidence:
            assert abs(g.evidence["lm_z"] - f.evidence["lm_z"]) <= Z_TOL, k


@pytest.mark.slow
def test_nothing_is_scored_twice_in_a_run(scorers):
    """The decisions and the scan go in one pass; a second check of the same
    text, and the later passes of ``fix``, score only what changed."""
    fast, _ref = scorers
    scorer = Scorer(FAST)
    scorer.backend, scorer._tok, scorer._prefix_ids = fast.backend, fast._tok, fast._prefix_ids
    eng = mtfix.load(lm=True, grammar=False)
    eng._ranker = LMRanker(FAST, scorer=scorer)
    text = SEED.read_text(encoding="utf-8")
    eng.check(text)
    first = dict(scorer.stats)
    assert first["scored"] > 0
    eng.check(text)
    assert scorer.stats["scored"] == first["scored"] and scorer.stats["remembered"] > first["remembered"]
    before = scorer.stats["scored"]
    eng.fix(text)  # pass 1 is remembered; the follow-up pass sees the fixed text
    again = scorer.stats["scored"]
    eng.fix(text)
    assert scorer.stats["scored"] == again and again - before < first["scored"]


@pytest.mark.slow
def test_a_default_run_imports_neither_torch_nor_transformers():
    out = _py("import sys; from mtfix.lm import Scorer; s = Scorer().load(); "
              "s.margins([('', 'She left.', 'It left.')]); "
              "assert s.backend_name == 'ctranslate2', s.backend_name; "
              "bad = {'torch', 'transformers'} & set(sys.modules); assert not bad, bad")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""


@pytest.mark.slow
def test_a_copy_ctranslate2_cannot_load_falls_back_to_transformers(tmp_path):
    """A broken converted copy (here: a model file of garbage, marked
    complete) is reported in one line, and the run scores with transformers."""
    cache = tmp_path / "cache"
    cache.mkdir()
    gguf = find_default_gguf()
    from mtfix.lm.loading import _converted_dir

    converted = _converted_dir(gguf)
    (cache / converted.name).symlink_to(converted)  # the safetensors copy, for transformers
    code = ("from mtfix.lm import ct2; dest = ct2._candidates('gguf', {'gguf': ct2.Path(%r)})[0]; "
            "dest.mkdir(); (dest / 'model.bin').write_bytes(b'garbage'); "
            "(dest / 'config.json').write_text('{}'); (dest / 'vocabulary.json').write_text('[]'); "
            "(dest / '.complete').write_text('x'); "
            "from mtfix.lm import Scorer; s = Scorer().load(); print(s.backend_name); "
            "print(s.margins([('', 'She left.', 'It left.')])[0])" % str(gguf))
    out = _py(code, MTFIX_MODEL_CACHE=str(cache))
    assert out.returncode == 0, out.stderr
    name, margin = out.stdout.split()
    assert name == "transformers" and float(margin) == float(margin)
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "ctranslate2 cannot load" in lines[0] and "transformers" in lines[0]
