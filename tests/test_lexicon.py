"""mtfix.lexicon: word frequencies compiled from wordfreq into a table that loads fast.

The table must say what wordfreq says (to its 0.1 Zipf resolution), be
written atomically, and survive a cache that cannot be written."""
from __future__ import annotations

import pytest

wordfreq = pytest.importorskip("wordfreq")

from mtfix import lexicon  # noqa: E402
from mtfix.detectors import prepare  # noqa: E402

WORDS = [("the", "en"), ("hello", "en"), ("dans", "fr"), ("rue", "fr"), ("rue", "en"), ("Matignon", "fr"),
         ("ssembly", "en"), ("don’t", "en"), ("être", "fr"), ("L'Assemblée", "fr"), ("zzqxj", "fr")]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MTFIX_CACHE", str(tmp_path))
    lexicon._table.cache_clear()
    lexicon.zipf.cache_clear()
    yield tmp_path
    lexicon._table.cache_clear()
    lexicon.zipf.cache_clear()


@pytest.mark.parametrize("word,lang", WORDS)
def test_table_agrees_with_wordfreq(word, lang):
    assert lexicon.zipf(word, lang) == pytest.approx(wordfreq.zipf_frequency(word, lang), abs=0.051)


def test_phrases_go_to_wordfreq():
    assert lexicon.zipf("coup de grâce", "en") == wordfreq.zipf_frequency("coup de grâce", "en")


def test_frenchness_orders_french_shared_and_english():
    assert lexicon.frenchness("dans") > 2 > lexicon.frenchness("rue") > 0 > lexicon.frenchness("the")


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
def test_compiled_once_then_read(fresh_cache):
    lexicon.warm()
    tables = sorted(p.name for p in (fresh_cache / "lexicon").iterdir())
    assert len(tables) == 2 and all(t.endswith(".table") for t in tables)
    assert not [p for p in (fresh_cache / "lexicon").iterdir() if p.name.startswith(".")]  # no temp left
    lexicon._table.cache_clear()
    lexicon.zipf.cache_clear()
    assert lexicon.zipf("dans", "fr") == pytest.approx(6.91, abs=0.051)


@pytest.mark.slow  # compiles a table again (several seconds)
def test_truncated_table_is_rebuilt(fresh_cache):
    lexicon.warm()
    path = next((fresh_cache / "lexicon").glob("en-*.table"))
    path.write_bytes(path.read_bytes()[:1000])
    lexicon._table.cache_clear()
    lexicon.zipf.cache_clear()
    assert lexicon.zipf("the", "en") == pytest.approx(7.73, abs=0.051)
    assert path.stat().st_size > 1_000_000


@pytest.mark.slow  # compiles a table in memory (several seconds)
def test_unwritable_cache_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MTFIX_CACHE", str(blocker))
    lexicon._table.cache_clear()
    lexicon.zipf.cache_clear()
    try:
        assert lexicon.zipf("hello", "en") == pytest.approx(4.72, abs=0.051)
    finally:
        lexicon._table.cache_clear()
        lexicon.zipf.cache_clear()


def test_detector_prepare_runs_once():
    from mtfix import detectors

    calls = []
    detectors._PREPARE["__probe__"] = lambda: calls.append(1)
    try:
        prepare("__probe__")
        prepare("__probe__")
        assert calls == [1]
    finally:
        detectors._PREPARE.pop("__probe__", None)
        detectors._prepared.discard("__probe__")


def test_possessives_and_elisions():
    assert lexicon.zipf("Norway's", "fr") == lexicon.zipf("norway", "fr")  # not the French of "s"
    assert lexicon.zipf("l'assemblée", "fr") == lexicon.zipf("assemblée", "fr")
