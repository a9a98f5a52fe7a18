"""A fresh process does little before it reads a text, and the answers stay the same (issue #14).

* built-in patterns and lexicon entries are compiled the first time a text
  may match them (:mod:`mtfix.rules.lazy`), a user's rule file at load;
* compiled lazily or eagerly, every built-in rule and entry has the same
  source, the same anchors and the same matches;
* the parsed built-in pack and lexicon kept in the cache folder
  (:mod:`mtfix.rules.cache`) are the rules a parse gives, rebuilt when the
  input changes, ignored when damaged, and only a cost when unwritable;
* the time limit is paused while a pattern compiles.

No test here measures time (bench/bench_startup.py does); they count work.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from mtfix.anchors import anchors, fold, possible
from mtfix.detectors.calques_lexicon import compile_entries, matches
from mtfix.document import Document
from mtfix.errors import RuleFileError
from mtfix.rules import DetectorRule, MatchRule, builtin_rules_dir, cache, limits, load_pack, loader
from mtfix.rules.lazy import LazyPattern, compiled, needs

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"
SEED = SHARED / "seed-article.txt"


def _texts() -> list[str]:
    files = sorted((ROOT / "corpora" / "web" / "dev").glob("*.txt"))[:12]
    files += [SEED, *sorted((SHARED / "native-english").glob("*.txt"))[:2]]
    return [f.read_text(encoding="utf-8") for f in files if f.is_file()]


def _fresh() -> list:
    """The built-in rules as a fresh process reads them (no cache in between)."""
    return [r for f in loader.rule_files(builtin_rules_dir())
            for r in loader._parse_builtin(f, loader._pack_name(builtin_rules_dir(), f))]


@pytest.fixture(scope="module")
def lazy_rules():
    return _fresh()


@pytest.fixture(scope="module")
def eager_rules():
    """The built-in rules compiled and checked as a user's file is (``mtfix rules test``)."""
    return load_pack([builtin_rules_dir()], eager=True).rules


def _lexicons(rules) -> list[tuple[str, list]]:
    return [(r.id, r.options["entries"]) for r in rules
            if isinstance(r, DetectorRule) and r.detector == "calques_lexicon"]


def test_builtin_patterns_wait_user_patterns_compile_at_load(tmp_path):
    lazies = [r.pattern for r in _fresh() if isinstance(r, MatchRule)]
    assert lazies and all(isinstance(p, LazyPattern) and not p.is_compiled for p in lazies)
    user = tmp_path / "mine.yaml"
    user.write_text("rules:\n  - id: mine\n    message: m\n    pattern: 'imputed to'\n"
                    "    replacement: attributed to\n    preceded_by: 'was '\n", encoding="utf-8")
    (rule,) = load_pack([user]).rules
    assert isinstance(rule.pattern, regex.Pattern)
    assert isinstance(rule.lookaround["preceded_by"], regex.Pattern)


@pytest.mark.parametrize("body, what", [
    ("    pattern: 'imputed (to'\n    replacement: x\n", "bad regular expression"),
    ("    pattern: 'imputed to'\n    replacement: '\\2'\n", "bad group reference"),
    ("    pattern: 'x'\n    replacement: y\n    followed_by: '[a-'\n", "bad regular expression"),
])
def test_a_malformed_user_pattern_is_an_error_at_load(tmp_path, body, what):
    user = tmp_path / "bad.yaml"
    user.write_text("rules:\n  - id: bad\n    message: m\n" + body, encoding="utf-8")
    with pytest.raises(RuleFileError, match=what) as e:
        load_pack([user])
    assert e.value.line and e.value.line > 2  # at the key's own line


def test_lazy_and_eager_builtin_rules_agree(lazy_rules, eager_rules):
    """Same rules, same sources; the anchors read from the source and the
    flags given are those of the compiled pattern."""
    assert [r.id for r in lazy_rules] == [r.id for r in eager_rules]
    checked = 0
    for lazy, eager in zip(lazy_rules, eager_rules):
        assert sorted(lazy.lookaround) == sorted(eager.lookaround)
        for key, pat in lazy.lookaround.items():
            assert isinstance(pat, LazyPattern) and pat.pattern == eager.lookaround[key].pattern
            assert compiled(pat).flags == eager.lookaround[key].flags, (lazy.id, key)
        if isinstance(lazy, MatchRule):
            assert lazy.pattern.pattern == eager.pattern.pattern
            a, b = needs(lazy.pattern), anchors(eager.pattern)
            assert a == b and (a is None or (a.folded, a.also) == (b.folded, b.also)), lazy.id
            assert compiled(lazy.pattern).flags == eager.pattern.flags
            checked += 1
    assert checked > 50


def test_lazy_lexicon_entries_match_as_eager_ones(lazy_rules):
    texts = _texts()
    for rule_id, raw in _lexicons(lazy_rules):
        lazy, eager = compile_entries(raw, lazy=True), compile_entries(raw)
        assert [(e.id, e.need, e.fixes, e.keyed) for e in lazy] == \
               [(e.id, e.need, e.fixes, e.keyed) for e in eager]
        for e in lazy:
            assert e.need is None or (e.need.folded, e.need.also) == (anchors(e.pattern).folded,
                                                                     anchors(e.pattern).also)
        for t in texts:
            assert [(e.id, *rest) for e, *rest in matches(lazy, t)] == \
                   [(e.id, *rest) for e, *rest in matches(eager, t)], rule_id
            ft = fold(t)
            for e in eager:  # an entry skipped by its anchors has no match there
                if e.need is not None and not possible(e.need, t, ft):
                    assert e.pattern.search(t) is None, (e.id, e.need)


def test_a_text_compiles_only_what_it_may_match():
    """On the seed article, a built-in pattern is compiled exactly when its
    anchors are in the text (or it has none)."""
    doc = Document(SEED.read_text(encoding="utf-8"))
    rules = [r for r in _fresh() if isinstance(r, MatchRule) and r.enabled]
    for r in rules:
        r.run(doc)
    for r in rules:
        need = needs(r.pattern)
        assert r.pattern.is_compiled == (need is None or possible(need, doc.text, doc.folded)), r.id
    assert 0 < sum(r.pattern.is_compiled for r in rules) < len(rules) * 2 // 3


def test_compiling_pauses_the_time_limit():
    old = signal.signal(signal.SIGPROF, lambda *a: None)
    try:
        signal.setitimer(signal.ITIMER_PROF, 30.0)
        with limits.paused():
            assert signal.getitimer(signal.ITIMER_PROF)[0] == 0
            LazyPattern(r"(?:a|b)+c{2,5}\w+", regex.V0).compiled()
        assert 25.0 < signal.getitimer(signal.ITIMER_PROF)[0] <= 30.1  # (the timer's granularity)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
    with limits.paused():  # no timer running: nothing to restart
        pass
    assert signal.getitimer(signal.ITIMER_PROF)[0] == 0


def test_the_cached_pack_is_the_parsed_pack(tmp_path, monkeypatch, lazy_rules):
    monkeypatch.setenv("MTFIX_CACHE", str(tmp_path))
    monkeypatch.setattr(loader, "_BUILTIN_CACHE", {})
    cold = load_pack([builtin_rules_dir()]).rules
    files = sorted((tmp_path / "rules").glob("*.pickle"))
    assert len(files) == len(loader.rule_files(builtin_rules_dir()))
    monkeypatch.setattr(loader, "_BUILTIN_CACHE", {})
    monkeypatch.setattr(loader, "_parse_builtin", lambda *a: pytest.fail("parsed again"))
    warm = load_pack([builtin_rules_dir()]).rules
    assert warm == cold
    assert [(r.id, r.path, getattr(r, "pattern", None), r.lookaround, r.examples) for r in warm] == \
           [(r.id, r.path, getattr(r, "pattern", None), r.lookaround, r.examples) for r in lazy_rules]
    assert [r.builtin for r in warm] == [True] * len(warm)
    assert [needs(r.pattern) for r in warm if isinstance(r, MatchRule)] == \
           [needs(r.pattern) for r in lazy_rules if isinstance(r, MatchRule)]


def test_the_cache_rebuilds_what_changed_or_broke(tmp_path, monkeypatch):
    monkeypatch.setenv("MTFIX_CACHE", str(tmp_path))
    built = []

    def build(v):
        return lambda: built.append(v) or {"value": v}

    assert cache.cached("a", b"1", build(1)) == {"value": 1}
    assert cache.cached("a", b"1", build(2)) == {"value": 1}  # from the file
    assert cache.cached("a", b"2", build(3)) == {"value": 3}  # the input changed
    assert len(list((tmp_path / "rules").iterdir())) == 1  # one file per name, overwritten
    (slot,) = (tmp_path / "rules").iterdir()
    slot.write_bytes(slot.read_bytes()[:40])  # truncated
    assert cache.cached("a", b"2", build(4)) == {"value": 4}
    assert built == [1, 3, 4]
    (slot,) = (tmp_path / "rules").iterdir()
    slot.chmod(0o666)  # others may write it: not read
    assert cache.cached("a", b"2", build(6)) == {"value": 6}
    assert built == [1, 3, 4, 6]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("MTFIX_CACHE", str(blocked))
    assert cache.cached("a", b"2", build(5)) == {"value": 5}  # unwritable: built, not kept


_FRESH = """
import json, sys
import mtfix, mtfix.yamlio
from mtfix.rules.lazy import LazyPattern
from mtfix.detectors import calques_lexicon
parsed = []
real = mtfix.yamlio.load_yaml
mtfix.yamlio.load_yaml = lambda *a, **k: parsed.append(a) or real(*a, **k)
import mtfix.rules.loader
mtfix.rules.loader.load_yaml = mtfix.yamlio.load_yaml
engine = mtfix.load(lm=False, grammar=False)
engine.check(open(sys.argv[1], encoding="utf-8").read())
pats = [r.pattern for r in engine.pack.rules if isinstance(getattr(r, "pattern", None), LazyPattern)]
entries = [e.pattern for v in calques_lexicon._CACHE.values() for e in v]
print(json.dumps({"yaml": len(parsed), "patterns": len(pats),
                  "compiled": sum(p.is_compiled for p in pats), "entries": len(entries),
                  "entries_compiled": sum(p.is_compiled for p in entries)}))
"""


@pytest.mark.slow  # two real processes; the fast tier checks the same in this one
def test_a_fresh_process_parses_no_yaml_and_compiles_a_fraction(tmp_path):
    words = cache.cache_dir().parent / "lexicon"  # the word-frequency table: not what is tested
    if words.is_dir():
        (tmp_path / "lexicon").symlink_to(words)
    env = dict(os.environ, PYTHONPATH=str(ROOT), MTFIX_CACHE=str(tmp_path))
    runs = [json.loads(subprocess.run([sys.executable, "-c", _FRESH, str(SEED)], env=env, check=True,
                                      capture_output=True, text=True, timeout=300).stdout)
            for _ in range(2)]
    cold, warm = runs
    assert cold["yaml"] == len(loader.rule_files(builtin_rules_dir())) and warm["yaml"] == 0
    assert warm["entries"] >= 400 and warm["entries_compiled"] < warm["entries"] // 5
    assert warm["compiled"] < warm["patterns"] * 2 // 3
    assert cold["compiled"] == warm["compiled"] and cold["entries_compiled"] == warm["entries_compiled"]
