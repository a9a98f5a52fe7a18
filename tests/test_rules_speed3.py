"""Rules at full speed, third round (issue #14 §3): the shortcuts change no answer.

* a gazetteer written as a trie (:func:`mtfix.anchors.trie_source`) matches
  exactly what the alternation of its forms, longest first, matches, whatever
  follows the expression;
* inside :func:`mtfix.rules.limits.deadlines` the timers tick for the whole
  pack and each call counts ticks: a runaway detector or pattern is still
  stopped, a call under its limit is not, and the timers and handlers are
  put back afterwards.
"""
from __future__ import annotations

import random
import re
import signal
import time
from pathlib import Path

import pytest

from mtfix import detectors
from mtfix.anchors import trie_source
from mtfix.document import Document
from mtfix.errors import RuleTimeout
from mtfix.rules import DetectorRule, RulePack, limits

ROOT = Path(__file__).resolve().parent.parent


def _alternation(forms, space=r"\s+"):
    return "|".join(space.join(re.escape(w) for w in f.split(" "))
                    for f in sorted(set(forms), key=len, reverse=True))


@pytest.mark.parametrize("after", ["", r"(?![\w’'-])", r"(?:(?![\w’'-])|(?=(?:the|for)\b))", r"'s\b"])
def test_a_trie_matches_what_the_longest_first_alternation_matches(after):
    rnd = random.Random(14)
    words = ["Le", "Monde", "La", "Croix", "Matignon", "Bercy", "Quai", "d’Orsay", "Humanity",
             "Hexagon", "Point", "Le Point", "Élysée", "of", "the", "a", "Mon"]
    forms = {" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 3))) for _ in range(60)}
    forms |= {"Le", "Le Monde", "Le Mond", "L", "Humanity", "Humanityfor"}
    old = re.compile(r"(?<![\w’'-])(?:" + _alternation(forms) + ")" + after)
    new = re.compile(r"(?<![\w’'-])(?:" + trie_source(forms, r"\s+") + ")" + after)
    pieces = list(forms) + words + ["for", "the", "-", "'s", ",", "x"]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "  ", "\n", "\t"]) for _ in range(25))
        assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)], text


def test_a_trie_of_plain_strings_and_an_empty_one():
    forms = ["a.b", "a", "(x)", "a.bc", "[", "ab"]
    old = re.compile(_alternation(forms, " "))
    new = re.compile(trie_source(forms))
    text = "a.bc a.b ab [ (x) a a.b. a.bcd"
    assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]
    assert re.fullmatch(trie_source(["", "x"]), "") and re.fullmatch(trie_source(["", "x"]), "x")


def test_the_gazetteer_scan_is_a_trie_and_finds_what_the_alternation_found():
    """The five name rules' one scan: the same matches over real articles as
    the alternation of every form, longest first."""
    from mtfix.detectors import proper_names

    forms, pattern = proper_names._names()
    assert "(?:" in pattern.pattern and len(pattern.pattern) < len(_alternation(forms))
    end = r"(?:(?![\w’'-])|(?=(?:the|for|and|of|in|on|at|The|For|In)\b))"
    plain = re.compile(rf"(?<![\w’'-])(?:{_alternation(forms)}){end}")
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "web" / "dev").glob("*.txt"))[:40]]
    found = 0
    for t in texts:
        a = [m.span() for m in plain.finditer(t)]
        assert a == [m.span() for m in pattern.finditer(t)]
        found += len(a)
    assert found > 0


def _pack_with(detector_name: str) -> RulePack:
    pack = RulePack()
    pack.add(DetectorRule(id="fine", message="m", detector="quote_marks", path="p.yaml", line=1))
    pack.add(DetectorRule(id="work", message="m", detector=detector_name, path="p.yaml", line=3))
    pack.add(DetectorRule(id="after", message="m", detector="quote_marks", path="p.yaml", line=5))
    return pack


def test_a_spinning_detector_is_stopped_by_the_ticks(monkeypatch):
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.2)

    @detectors.detector("_test_spinner3")
    def spinner(doc, ctx):  # burns CPU and never returns
        while True:
            pass

    before = signal.getsignal(signal.SIGPROF)
    try:
        t0 = time.process_time()
        with pytest.raises(RuleTimeout, match=r"p\.yaml:3: rule 'work': detector took over 0\.2 s"):
            _pack_with("_test_spinner3").check(Document("Some “text” here."))
        spent = time.process_time() - t0
    finally:
        detectors._REGISTRY.pop("_test_spinner3", None)
    assert 0.2 <= spent < 0.2 * limits.WALL_FACTOR
    assert signal.getsignal(signal.SIGPROF) == before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert limits._armed is None and limits._call is None


def test_calls_under_their_limit_are_not_stopped_however_many(monkeypatch):
    """Each call has its own budget: many calls that together spend several
    times the limit all finish (the ticks between and across calls are not
    charged to the next one)."""
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.2)

    def spin(seconds):
        t0 = time.process_time()
        while time.process_time() - t0 < seconds:
            pass
        return []

    @detectors.detector("_test_busy3")
    def busy(doc, ctx):
        return spin(0.08)  # well under 0.2 s of CPU

    try:
        pack = RulePack()
        for i in range(8):
            pack.add(DetectorRule(id=f"busy{i}", message="m", detector="_test_busy3", path="p.yaml",
                                  line=i + 1))
        assert pack.check(Document("text")) == []
    finally:
        detectors._REGISTRY.pop("_test_busy3", None)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_pausing_inside_a_ticking_call_stops_the_ticks(monkeypatch):
    """A lazy pattern compiled inside a call pauses the ticking timers (no tick
    while paused) and restarts them, the handlers staying in place."""
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.2)
    seen = {}

    def call(limit):
        with limits.paused():
            seen["paused"] = signal.getitimer(signal.ITIMER_PROF)
        seen["after"] = signal.getitimer(signal.ITIMER_PROF)
        return "done"

    with limits.deadlines():
        assert limits.limited(call, "x.yaml:1: rule 'p'", "doc.txt") == "done"
    assert seen["paused"] == (0.0, 0.0)
    assert seen["after"][1] > 0  # ticking again, at its interval
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
