"""The families lexicon (``rules/fr-en/calques_lexicon_families.yaml``) through
the engine, on paragraphs of machine-translated news as they come, and one
guard on how lexicon expressions are written.

Each entry's own cases are run by tests/test_calques_lexicon.py; here the
point is what a family entry does in running text: it flags the French shape
with the renderings for the model, leaves a real condition or a plain
quotation alone, and an edit touches nothing outside its span.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
import yaml

import mtfix

ROOT = Path(__file__).resolve().parent.parent

TEXT = (
    "If Bordeaux remains the third most expensive city, many municipalities have taken the "
    "full brunt of falling prices. If it had to be done again, there would be no samples.\n"
    "“We do not see a recession,” said the governor. “There will be volatility”, anticipates "
    "François Villeroy de Galhau.\n"
    "The minister assured to understand the concern of the farmers.\n"
)


@pytest.fixture(scope="module")
def findings():
    with mtfix.load(lm=False, grammar=False) as engine:
        return [f for f in engine.check(TEXT) if f.rule == "calques-lexicon-families"]


def test_family_findings_in_running_text(findings):
    flagged = sorted((TEXT[f.start:f.end], f.evidence["lexicon_entry"]) for f in findings)
    assert flagged == [("If", "concessive-if-while"), ("anticipates", "reporting-verb-after-quote"),
                       ("assured to ", "assured-to-infinitive")]


def test_renderings_go_to_the_model(findings):
    by_entry = {f.evidence["lexicon_entry"]: f for f in findings}
    concessive = by_entry["concessive-if-while"]
    assert concessive.lm_check
    assert [fx.edits[0].replacement for fx in concessive.fixes] == ["While", "Although"]
    # no rendering: a flag for a person, not a guess
    assert not by_entry["assured-to-infinitive"].fixes


def test_an_edit_keeps_the_rest_byte_for_byte(findings):
    f = next(f for f in findings if f.evidence["lexicon_entry"] == "reporting-verb-after-quote")
    edit = f.fixes[0].edits[0]
    out = TEXT[:edit.start] + edit.replacement + TEXT[edit.end:]
    assert out[:edit.start] == TEXT[:edit.start]
    assert out[edit.start + len(edit.replacement):] == TEXT[edit.end:]
    assert "”, predicts François Villeroy de Galhau." in out


def test_no_entry_opens_on_a_long_lookbehind():
    """A lookbehind over tens of characters at the very start of ``find`` is
    tried at every position of every article holding the entry's anchor word
    (the first version of the housing-market context cost 4 s of regex on dev
    alone): a long context goes after the literal words it qualifies."""
    slow = []
    for path in sorted((ROOT / "rules" / "fr-en").glob("calques_lexicon*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for e in rule["options"]["entries"]:
                for branch in _top_level_branches(e["find"]):
                    if branch.startswith(("(?<=", "(?:(?<=", "(?=", "(?:(?=")) and \
                            regex.search(r"\{0,\d\d+\}", _leading_group(branch)):
                        slow.append(f"{path.name}:{e['id']}")
    assert not slow, slow


def _structure(pattern: str):
    """``(index, char, depth)`` of each ``(``, ``)`` and ``|`` of ``pattern``
    outside escapes and character classes, depth counted after the char."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield i, c, depth
        i += 1


def _top_level_branches(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (escapes and classes skipped)."""
    out, start = [], 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _leading_group(branch: str) -> str:
    """The parenthesised group ``branch`` opens with."""
    for i, c, depth in _structure(branch):
        if c == ")" and depth == 0:
            return branch[:i + 1]
    return branch
