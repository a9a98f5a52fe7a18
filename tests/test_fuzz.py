"""Fuzz targets (issue #11): generated input for the engine, the rule loader,
the config loader and the decisions loader. Whatever the input, each either
works or raises an :class:`~mtfix.errors.MtfixError` (one line, exit 2 on the
command line): no other exception, no hang.

Each target runs a bounded number of examples (``FUZZ_EXAMPLES``, whatever
the hypothesis profile) so the file takes seconds in CI; a longer campaign is
``FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``. No deadline, and nothing
here measures time: a hang shows as a test that does not finish.
"""
from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

import mtfix
from mtfix.apply import load_decisions
from mtfix.document import Document
from mtfix.errors import MtfixError
from mtfix.model import Tier
from mtfix.rules import RULE_KEYS, load_pack, run_examples
from mtfix.settings import _FILE_KEYS, _TABLES, load_settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
ENGINE = mtfix.load(lm=False, grammar=False)


def only_mtfix_errors(fn, *args, one_line: bool = True, **kwargs):
    """``fn(*args)``; an MtfixError is an answer, any other exception fails the test.
    ``one_line``: the error's message must also fit on one line."""
    try:
        return fn(*args, **kwargs)
    except MtfixError as e:
        assert str(e), repr(e)
        assert not one_line or "\n" not in str(e).strip(), repr(str(e))
        return None


# -- the engine -------------------------------------------------------------------------

PIECES = st.sampled_from([
    "the general Mark Milley , the Chief", "said \"Success\" these", "the 1st October", "Ã©", "Ã",
    "Read also American killed in Iraq", "Article reserved for our subscribers The vote was calm.",
    "LEAVE A REPLY", "« bonjour »", "25\u00a0000", "Hezbollah’s brigades", "Hezbollah Brigades",
    "Popular Mobilization (MP)", "MP", "VLadimir", "3,5 %", "to$ 100", "XIXe century", "19the",
    "Mr.", "...", "“", "”", "«", "»", "\"", "(", ")", "she", "her", "The militia", "\udce9",
    "\udcff", "\x00", "\ufeff", "\u200b", "\U0001F600", "\t", " ",
    "\n", "\n\n", "\r\n", "\r", "\r\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=16)), min_size=0, max_size=30).map("".join)


@FUZZ
@given(TEXT)
def test_engine_check_and_fix(text):
    findings = only_mtfix_errors(ENGINE.check, text)
    for f in findings or []:
        assert 0 <= f.start <= f.end <= len(text)
    res = only_mtfix_errors(ENGINE.fix, text, {"safe", "suggested", "review"})
    if res is not None:
        assert isinstance(res.text, str)


# -- the rule loader --------------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=20),
                    st.sampled_from(["safe", "review", "suggested", "custom", "residue", "calques",
                                     "web_residue", "quote_capital", "pronouns", "mojibake", "(", "[z",
                                     "(a+)+$", "\\1", "\\g<x>", "(?P<x>a)", "x", "\\bthe\\b", "(?=Smith)",
                                     "Mr ", "", "lines", "variants", "min_words", "find", ".*",
                                     "invalid-bytes", "detector", "wordlist", "glossary", "pattern"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(sorted(RULE_KEYS)),
                                                           st.text(max_size=6)), inner, max_size=4)),
    max_leaves=12)
RULE = st.dictionaries(st.one_of(st.sampled_from(sorted(RULE_KEYS)), st.text(max_size=8)), VALUES,
                       max_size=10)
#: Rules with the keys a rule needs, so the loader gets past its first checks.
PLAUSIBLE = st.fixed_dictionaries(
    {"id": st.sampled_from(["r1", "r-2", "house.x"]), "message": st.sampled_from(["m {match}", "m"])},
    optional={"pattern": st.sampled_from(["x", "\\bthe\\b", "(?=Smith)", "(a)(b)?", "[z", "", "(?i)é"]),
              "replacement": st.one_of(st.none(), st.sampled_from(["y", "\\1", "\\g<0>", "", "\\2"])),
              "type": st.sampled_from(["pattern", "wordlist", "glossary", "detector", "nope"]),
              "detector": st.sampled_from(["web_residue", "mojibake", "variant_mix", "pronouns",
                                           "unterminated_paragraph", "title_before_name", "nope"]),
              "options": VALUES, "words": VALUES, "tier": SCALARS, "category": SCALARS,
              "examples": VALUES, "counterexamples": VALUES, "preceded_by": SCALARS,
              "followed_by": SCALARS, "sentence_start": SCALARS, "in_quotes": SCALARS,
              "transform": SCALARS, "preserve_case": SCALARS, "description": SCALARS})
RULE_FILES = st.one_of(
    st.builds(lambda rules, defaults: {"rules": rules, **({"defaults": defaults} if defaults else {})},
              st.lists(st.one_of(PLAUSIBLE, RULE), max_size=3), st.one_of(st.none(), RULE)),
    VALUES)


def yaml_text(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


MUTATIONS = st.sampled_from(["", "\t", ": ", "- ", "&a ", "*a", "!!python/object:os.system ",
                             "[", "{", "'", "\"", "\n  ", "\x00", "\udce9", "%YAML 1.1\n---\n",
                             "? ", "<<: *a\n", "--- \n"])


@st.composite
def rule_file_texts(draw):
    text = yaml_text(draw(RULE_FILES))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(MUTATIONS) + text[at:]
    return text


@FUZZ
@given(rule_file_texts(), TEXT)
def test_rule_loader(text, sample):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "house.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        pack = only_mtfix_errors(load_pack, [tmp])
        for rule in pack.rules if pack else []:
            rule.tier = Tier.SAFE
            only_mtfix_errors(rule.run, Document(sample))
            only_mtfix_errors(run_examples, rule)


# -- the config loader ------------------------------------------------------------------

def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(map(_toml_value, v)) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(x)}" for k, x in v.items()) + "}"
    return '""'  # TOML has no null


TABLE_KEYS = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in _TABLES.items()}
TOML_SCALARS = st.one_of(st.booleans(), st.integers(-10, 10**9), st.floats(allow_nan=False),
                         st.text(max_size=12),
                         st.sampled_from(["safe", "review", "calques", "http://localhost:8081",
                                          "not a url", "re:(", "re:x", "", "model"]))
TOML_VALUES = st.recursive(TOML_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=8)


@st.composite
def config_texts(draw):
    lines = []
    for key in draw(st.lists(st.one_of(st.sampled_from(sorted(_FILE_KEYS)), st.text(max_size=6)),
                             max_size=5, unique=True)):
        if key in TABLE_KEYS and draw(st.booleans()):
            lines.append(f"[{key}]")
            for sub in draw(st.lists(st.one_of(st.sampled_from(TABLE_KEYS[key]), st.text(max_size=5)),
                                     max_size=4, unique=True)):
                lines.append(f"{json.dumps(sub)} = {_toml_value(draw(TOML_VALUES))}")
        else:
            lines.insert(0, f"{json.dumps(key)} = {_toml_value(draw(TOML_VALUES))}")
    text = "\n".join(lines) + "\n"
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["[", "]", "=", "\"", "\n", "[[x]]\n", "\x00", "\udce9",
                                                 "[tool.mtfix]\n", "a.b = 1\n"])) + text[at:]
    return text


@FUZZ
@given(config_texts(), st.sampled_from(["mtfix.toml", "pyproject.toml"]))
def test_config_loader(text, name):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        body = text if name == "mtfix.toml" else "[tool.mtfix]\n" + text
        path.write_bytes(body.encode("utf-8", "surrogateescape"))
        only_mtfix_errors(load_settings, path, env={})


def test_config_errors_quote_keys_on_one_line(tmp_path):
    path = tmp_path / "mtfix.toml"
    path.write_text('"\\n" = false\n', encoding="utf-8")
    with pytest.raises(MtfixError) as e:
        load_settings(path, env={})
    assert "\n" not in str(e.value)


# -- the decisions loader ---------------------------------------------------------------

JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-2, 10**12), st.floats(allow_nan=False),
                              st.text(max_size=10)),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                    max_leaves=12)
DECISION = st.fixed_dictionaries(
    {"decision": st.sampled_from(["accepted", "edited", "rejected", "skipped", "maybe"]),
     "start": st.one_of(st.integers(-1, 50), st.floats(0, 50), st.none()),
     "end": st.one_of(st.integers(-1, 60), st.text(max_size=3))},
    optional={"final": st.one_of(st.none(), st.text(max_size=5), JSON), "edits": JSON, "rule": JSON,
              "text": JSON, "replacement": JSON, "id": JSON, "extra": JSON})
DECISIONS = st.fixed_dictionaries(
    {"format": st.sampled_from(["mtfix-decisions", "other"]), "version": st.sampled_from([1, 2, "1", 1.0]),
     "sha256": st.sampled_from(["0" * 64, "x", "a" * 64]), "decisions": st.lists(DECISION, max_size=4)},
    optional={"path": JSON, "generated_by": JSON, "more": JSON})


@FUZZ
@given(st.one_of(DECISIONS.map(json.dumps), JSON.map(json.dumps),
                 st.sampled_from(["", "{", "[" * 100_000, "NaN", "1e999999", "\ufeff{}", "9" * 5000])))
def test_decisions_loader(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "decisions.json"
        path.write_text(text, encoding="utf-8")
        only_mtfix_errors(load_decisions, path)
