"""The calques lexicon: every entry flags its own examples and leaves its
counterexamples alone, and the lexicon stays quiet on native English.

Each entry of ``rules/fr-en/calques_lexicon*.yaml`` carries ``test`` (texts it
must flag, with the text after its first rendering where given) and
``allows`` (fine English it must not touch). They are run through the real
detector here, entry by entry, so a failing case names its entry.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mtfix.detectors.calques_lexicon import compile_entries, matches

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "rules" / "fr-en").glob("calques_lexicon*.yaml"))


def _lexicons():
    for path in FILES:
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            if rule.get("detector") == "calques_lexicon":
                yield path.name, rule["id"], rule["options"]["entries"]


LEXICONS = list(_lexicons())
ENTRIES = [(f"{name}:{e['id']}", e, raw) for name, _rid, raw in LEXICONS for e in raw]
COMPILED = {rid: compile_entries(raw) for _n, rid, raw in LEXICONS}
ALL = [e for entries in COMPILED.values() for e in entries]


def _apply_first(text: str, found) -> str:
    out = text
    for _e, s, t, reps in sorted(found, key=lambda x: -x[1]):
        if reps:
            out = out[:s] + reps[0] + out[t:]
    return out


def test_lexicon_size():
    """Issue #13 §2 asks for at least 400 entries."""
    assert len(ALL) >= 400, len(ALL)


def test_entry_ids_unique_across_files():
    ids = [e.id for e in ALL]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, dupes


@pytest.mark.parametrize("name,entry,raw", ENTRIES, ids=[n for n, _e, _r in ENTRIES])
def test_entry_cases(name, entry, raw):
    (compiled,) = compile_entries([entry])
    assert compiled.tests, f"{name}: no test case"
    for text, fixed in compiled.tests:
        found = [f for f in matches([compiled], text)]
        assert found, f"{name}: does not flag {text!r}"
        if fixed is not None:
            assert _apply_first(text, found) == fixed, f"{name}: {text!r}"
    for text in compiled.allows:
        assert not matches([compiled], text), f"{name}: flags fine English {text!r}"


def test_allows_untouched_by_whole_lexicon():
    """A counterexample of one entry must not be caught by another."""
    bad = []
    for e in ALL:
        for text in e.allows:
            hits = matches(ALL, text)
            if hits:
                bad.append((e.id, text, [h[0].id for h in hits]))
    assert not bad, bad[:20]


def test_mapping_fix_follows_the_tense():
    (e,) = compile_entries([{
        "id": "t", "find": "(?P<key>gave|gives) reason to", "fix": {"gave": "sided with", "gives": "sides with"},
        "allows": ["x"]}])
    assert matches([e], "The court gave reason to the unions")[0][3] == ["sided with"]
    assert matches([e], "The court gives reason to the unions")[0][3] == ["sides with"]


def test_case_of_the_match_is_kept():
    (e,) = compile_entries([{"id": "t", "find": "mechanically(?=,)", "fix": "inevitably", "allows": ["x"]}])
    assert matches([e], "Mechanically, prices rose.")[0][3] == ["Inevitably"]


def test_bad_entries_are_refused():
    with pytest.raises(ValueError, match="allows"):
        compile_entries([{"id": "t", "find": "x"}])
    with pytest.raises(ValueError, match="unknown keys"):
        compile_entries([{"id": "t", "find": "x", "allows": ["y"], "fixx": "z"}])
    with pytest.raises(ValueError, match="defined twice"):
        compile_entries([{"id": "t", "find": "x", "allows": ["y"]}] * 2)


def test_engine_reports_candidates_for_the_model():
    """Through the engine: a lexicon finding carries every rendering as a
    fix and asks for the model."""
    import mtfix

    with mtfix.load(lm=False, grammar=False) as engine:
        found = [f for f in engine.check("Inflation rose 5.2%, INSEE said this Friday.\n")
                 if f.rule == "calques-lexicon"]
    assert found and found[0].lm_check
    assert [fx.edits[0].replacement for fx in found[0].fixes] == ["on Friday", "Friday"]


def _miner():
    import importlib.util
    spec = importlib.util.spec_from_file_location("mine_ngrams", ROOT / "scripts" / "mine_ngrams.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_miner_refuses_held_out_and_control_text():
    """The miner must never learn from the test split or the controls."""
    mine = _miner()
    for bad in ("corpora/web/test/x.txt", "/work/shared/corpus/wmt13-fr-original/ref.txt",
                "/work/shared/corpus/native-english/a.txt"):
        with pytest.raises(SystemExit):
            mine.mt_files([bad])


def test_miner_counts_an_article_once_across_mt_systems(tmp_path):
    """Three translations of one WMT article are one text, not three."""
    mine = _miner()
    files = []
    for system in ("a", "b", "c"):
        f = tmp_path / f"{system}.txt"
        f.write_text("# docid=x/1 origlang=fr\nIn the frame of the plan, the hemicycle voted.\n",
                     encoding="utf-8")
        files.append(f)
    counts, docs, _cap, examples, total = mine.count(files, 4)
    gram = ("in", "the", "frame", "of")
    assert counts[gram] == 3 and docs[gram] == {"wmt:x/1"}
    assert examples[gram][0].startswith("In the frame of")


def test_miner_site_of_a_text():
    """Candidates must recur across sites: a web or pool file is named
    ``site--slug``; a WMT13 article is its newspaper, whatever the system."""
    mine = _miner()
    assert mine.site_of("earthpressnews-com--a-debate.txt") == "earthpressnews-com"
    assert mine.site_of("wmt:lemondefr/275607") == "wmt:lemondefr"


def test_miner_mines_the_pool_but_not_the_controls(tmp_path):
    """The pool folder is MT text to mine; a control folder given as pool is refused."""
    mine = _miner()
    pool = tmp_path / "mtpool"
    pool.mkdir()
    (pool / "site-com--a.txt").write_text("The tenant of Beauvau spoke this Tuesday.\n", encoding="utf-8")
    assert pool / "site-com--a.txt" in mine.mt_files([], str(pool))
    control = tmp_path / "native-english"
    control.mkdir()
    (control / "n.txt").write_text("Native English news.\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        mine.mt_files([], str(control))


def test_miner_counts_native_controls_for_contrast(tmp_path):
    """The native side counts every control folder given (never mined)."""
    mine = _miner()
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x.txt").write_text("The prime minister spoke on Tuesday.\n", encoding="utf-8")
    (b / "y.txt").write_text("The prime minister resigned.\n", encoding="utf-8")
    counts, total = mine.native_counts([a, b], 2)
    assert counts[("prime", "minister")] == 2 and total == 10
