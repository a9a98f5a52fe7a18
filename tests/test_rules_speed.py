"""The shortcuts that make the rules fast change no answer (issue #14, item 3).

* literal anchors (:mod:`mtfix.anchors`): a pattern is skipped only
  when no match is possible, checked on every built-in pattern rule against
  real articles and on patterns built to trip the analysis;
* the combined fullmatch that lets most lines skip the residue chrome
  patterns says yes exactly when one of them does;
* what a document computes once (:meth:`Document.memo`, :meth:`Document.matches`)
  is what each rule would have computed itself;
* the alarm handler installed once per pack check still stops a runaway
  detector and is put back afterwards.

No test here measures time (bench/bench_rules.py does, on one core).
"""
from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import pytest
import regex

import mtfix
from mtfix import detectors
from mtfix.document import Document
from mtfix.errors import RuleTimeout
from mtfix.rules import DetectorRule, RulePack, limits
from mtfix.anchors import anchors, fold, possible
from mtfix.rules.pattern import FLAGS, MatchRule

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
ENGINE = mtfix.load(lm=False, grammar=False)


def texts() -> list[str]:
    files = sorted((ROOT / "corpora" / "web" / "dev").glob("*.txt"))[:30]
    files += [SHARED / "seed-article.txt", *sorted((SHARED / "native-english").glob("*.txt"))]
    return [f.read_text(encoding="utf-8") for f in files if f.is_file()]


def test_a_skipped_pattern_rule_could_not_have_matched():
    """Every built-in pattern, word-list, glossary and typography-pattern rule, on real articles and on
    its own examples: when the anchors say no match is possible, there is none."""
    from mtfix.detectors.typography_pattern import _compiled

    rules = [(r, r.pattern) for r in ENGINE.pack.rules if isinstance(r, MatchRule)]
    rules += [(r, _compiled(str(r.options["pattern"]))) for r in ENGINE.pack.rules
              if isinstance(r, DetectorRule) and r.detector == "typography_pattern"]
    with_anchors = [(r, p) for r, p in rules if anchors(p) is not None]
    assert len(with_anchors) >= len(rules) // 2  # the shortcut covers most rules
    corpus = texts()
    assert corpus
    skipped = 0
    for r, pattern in with_anchors:
        need = anchors(pattern)
        samples = corpus + [e.text for e in r.examples] + [e.text for e in r.counterexamples]
        for t in samples:
            if not possible(need, t, fold(t)):
                skipped += 1
                assert pattern.search(t) is None, (r.id, need)
    assert skipped > 0


def test_a_skipped_line_pattern_could_not_have_matched():
    """The detectors' own line patterns skipped by their anchors (code marks,
    glued photo credits), on every line of real articles."""
    from mtfix.anchors import may_match
    from mtfix.detectors.residue import _GLUED_CREDITS
    from mtfix.detectors.residue_shape import _CODE

    lines = [line for t in texts() for line in t.splitlines() if line.strip()]
    lines += ["window.dataLayer = window.dataLayer || [];", "A caption. Tom Brenner / REUTERS"]
    skipped = 0
    for pat in [_CODE, *_GLUED_CREDITS]:
        for line in lines:
            if not may_match(pat, line):
                skipped += 1
                assert pat.search(line) is None, (pat.pattern[:40], line)
    assert skipped > 0


@pytest.mark.parametrize("pattern, flags, text", [
    (r"imputed to", 0, "the attack was imputed to Israel"),
    (r"(?i)strike", 0, "STRIKE"),
    (r"kelvin", regex.IGNORECASE, "\u212aelvin"),  # the Kelvin sign folds to k
    (r"mass", regex.IGNORECASE, "MA\u017fS"),  # a long s folds to s
    (r"Istanbul", regex.IGNORECASE, "\u0131stanbul"),  # a dotless i matches I
    (r"AFP", 0, "Photo AFP"),  # case-sensitive: tested on the text as it is
    (r"(?:the|a) (?:big|small)+ dog", 0, "a smallsmall dog"),
    (r"x{2}y", 0, "xxy"),
    (r"(?>abc|ab)c", 0, "abcc"),
])
def test_anchors_let_every_match_through(pattern, flags, text):
    p = regex.compile(pattern, FLAGS | flags)
    assert p.search(text)
    need = anchors(p)
    assert need is not None and possible(need, text, fold(text))


@pytest.mark.parametrize("pattern", [
    r"(?<=\w)\s*(?=,)",         # lookarounds and an optional run: nothing required
    r"\b(the|of) \1\b",         # a back-reference
    r"[[:alpha:]]+x",           # a POSIX class the standard parser reads as literals
    r"(?:imputed){e<=1}",       # fuzzy matching, likewise
    r"\p{Lu}\w+",               # regex-only escapes
    r"(?x:imputed)",            # scoped flags that change how the inside reads
    r"a?b*c{0,3}",              # everything optional
    r"(?:foo|\w+)",             # a branch without a literal
])
def test_patterns_beyond_the_analysis_get_no_anchors(pattern):
    assert anchors(regex.compile(pattern, FLAGS)) is None


def test_the_anchors_of_a_rule_are_its_required_words():
    assert anchors(regex.compile(r"(?i:imputed) to", FLAGS)) == (" to",)  # its own flags: skipped
    need = anchors(regex.compile(r"\bhead of the (?:procession|cortege)(?= (?-i:[A-Z]))", FLAGS))
    assert need == ("head of the ",) and need.also == (("cortege", "procession"),)
    assert not possible(need, "the head of the state", "") and possible(need, "head of the cortege", "")
    assert anchors(regex.compile(r"\bimputed to\b", FLAGS)) == ("imputed to",)
    assert anchors(regex.compile(r"\b(?:Read|See) also\b", FLAGS)) == (" also",)
    assert anchors(regex.compile(r"\b(?:actually|eventually)\b", FLAGS)) == ("actually", "eventually")


def test_residue_chrome_prefilter_agrees_with_each_pattern():
    from mtfix.detectors.residue_shape import _ANY_CHROME, norm
    from mtfix.detectors.residue_vocab import CHROME

    assert _ANY_CHROME is not None
    lines = [line for t in texts() for line in t.splitlines() if line.strip()]
    lines += ["Read also", "LEAVE A REPLY", "Please enter your comment!", "Photo: AFP", "Share"]
    hits = 0
    for line in lines:
        s = norm(line)
        one = any(p.fullmatch(s) for p, _, _ in CHROME)
        hits += one
        assert bool(_ANY_CHROME.fullmatch(s)) == one, line
    assert hits > 0


def test_a_detector_context_follows_its_rule():
    """The context a detector rule hands out is reused, until the rule changes."""
    from mtfix.model import Tier

    r = DetectorRule(id="x", message="m", detector="quote_marks", tier=Tier.SAFE)
    first = r.context()
    assert r.context() is first
    r.tier = Tier.REVIEW
    assert r.context().tier is Tier.REVIEW and r.context() is not first
    r.options = {"a": 1}
    assert r.context().options == {"a": 1}


def test_a_documents_memo_is_computed_once():
    doc = Document("The Hexagon and the Élysée.\nLe Monde said so.")
    calls = []
    assert doc.memo("k", lambda: calls.append(1) or 42) == 42
    assert doc.memo("k", lambda: calls.append(1) or 43) == 42
    assert calls == [1]
    pat = regex.compile(r"\b[A-Z]\w+")
    assert [m.span() for m in doc.matches(pat)] == [m.span() for m in pat.finditer(doc.text)]
    assert doc.matches(pat) is doc.matches(pat)
    assert doc.folded == fold(doc.text)


def test_findings_do_not_depend_on_what_other_rules_cached():
    """Each rule alone on a fresh document finds what it finds in the full pack
    run, where earlier rules filled the document's memo."""
    text = (ROOT / "corpora" / "web" / "dev").glob("*.txt")
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(text)[:6])
    rules = ENGINE.pack.enabled()
    together = ENGINE.pack.check(Document(text, "t"), rules)
    alone = [f for r in rules for f in r.run(Document(text, "t"))]
    assert together == alone


def test_the_alarm_handler_is_installed_once_and_put_back(monkeypatch):
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.2)  # any limit will do: it must fire
    before = signal.getsignal(signal.SIGALRM)

    @detectors.detector("_test_sleeper_pack")
    def sleeper(doc, ctx):  # a detector that never returns
        time.sleep(600)
        return []

    try:
        pack = RulePack()
        pack.add(DetectorRule(id="fine", message="m", detector="quote_marks", path="p.yaml", line=1))
        pack.add(DetectorRule(id="slow", message="m", detector="_test_sleeper_pack", path="p.yaml", line=3))
        with pytest.raises(RuleTimeout, match=r"p\.yaml:3: rule 'slow': detector took over 0\.2 s"):
            pack.check(Document("Some “text” here."))
    finally:
        detectors._REGISTRY.pop("_test_sleeper_pack", None)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    assert signal.getitimer(signal.ITIMER_PROF)[0] == 0
    assert limits._armed is None


def _quotes_char_by_char(text: str) -> list[tuple[int, int]]:
    """The quote pairing read one character at a time (the way it was first
    written), to compare with the pairing that visits the marks only."""
    from mtfix.document import _OPEN_CLOSE

    out, stack, straight = [], [], None
    for i, c in enumerate(text):
        if c == '"':
            if straight is None:
                straight = i
            else:
                out.append((straight, i + 1))
                straight = None
        elif c in _OPEN_CLOSE and not (c == "“" and stack and _OPEN_CLOSE[stack[-1][1]] == "“"):
            stack.append((i, c))
        elif stack and c == _OPEN_CLOSE[stack[-1][1]]:
            j, _ = stack.pop()
            out.append((j, i + 1))
    return sorted(out)


def test_quotes_are_paired_as_character_by_character():
    import random

    rng = random.Random(14)
    alphabet = 'ab "“”«»‹›„\'’.'
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    samples += [line for t in texts()[:20] for line in t.splitlines() if line.strip()]
    for s in samples:
        doc = Document(s.replace("\n", " "))
        got = sorted((q.start, q.end) for q in doc.quotes)
        want = [(a + len(s) - len(s.lstrip()), b + len(s) - len(s.lstrip()))
                for a, b in _quotes_char_by_char(s.strip())] if s.strip() else []
        assert got == want, s


@pytest.mark.parametrize("engine", [re, regex], ids=["re", "regex"])
def test_folding_keeps_every_ignore_case_match(engine):
    """Every cased character an ignore-case literal matches folds to a string
    holding the literal's own folding, so a folded anchor test never skips a
    text the pattern would match (the dotted and dotless i are the exceptions
    case folding alone gets wrong)."""
    cased = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
             and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c) or chr(c).casefold() != chr(c))]
    flags = engine.IGNORECASE | (regex.V0 if engine is regex else 0)
    bad = []
    for lit in cased[:150] + [c for c in cased if c in "İıſKﬀß"]:
        p = engine.compile(engine.escape(lit), flags)
        bad += [(lit, x) for x in cased if p.fullmatch(x) and fold(lit) not in fold(x)]
    assert not bad
