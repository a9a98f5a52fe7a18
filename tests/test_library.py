"""The library API as the README shows it (issue #10): one engine, loaded once."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEED

import mtfix
from mtfix.errors import ConfigError, MtfixError
from mtfix.model import Tier

HOUSE_RULE = """rules:
  - id: house-colour
    message: house style spells it 'color'
    pattern: '\\bcolour\\b'
    replacement: color
    tier: safe
    examples: [{text: "a colour", fixed: "a color"}]
"""


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def _run_example(tmp_path, code: str) -> subprocess.CompletedProcess:
    work = tmp_path / "work"
    (work / "house").mkdir(parents=True)
    (work / "house" / "house.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / "shared" / "corpus").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "shared" / "corpus" / "seed-article.txt")
    code += ("\nassert findings and all(isinstance(f, mtfix.Finding) for f in findings)"
             "\nassert findings == sorted(findings, key=lambda f: f.sort_key())"
             "\nassert result.text != text and result.applied"
             "\nprint(len(findings), len(result.applied))\n")
    return subprocess.run([sys.executable, "-c", code], cwd=work, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path)}, timeout=600)


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
def test_readme_example_runs_rules_only(tmp_path):
    code = _readme_example().replace("lm=True", "lm=False")
    out = _run_example(tmp_path, code)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # the library prints nothing


@pytest.mark.slow
def test_readme_example_runs_as_written(tmp_path):
    out = _run_example(tmp_path, _readme_example())
    assert out.returncode == 0, out.stderr


def test_one_engine_checks_many_texts_and_fixes_with_tiers(seed_text):
    with mtfix.load(lm=False, grammar=False) as engine:
        first = engine.check(seed_text)
        assert engine.check(seed_text) == first
        safe = engine.fix(seed_text)
        both = engine.fix(seed_text, tiers={"safe", "suggested"})
        assert len(both.applied) >= len(safe.applied) > 0
        assert engine.fix(safe.text).applied == []  # idempotent
    assert {f.tier for f in first} <= set(Tier)


def test_check_text_and_fix_text_are_one_shot_conveniences(seed_text):
    assert mtfix.check_text(seed_text, lm=False, grammar=False)
    assert mtfix.fix_text(seed_text, lm=False, grammar=False) == \
        mtfix.load(lm=False, grammar=False).fix(seed_text).text


def test_a_wrong_setting_is_an_mtfix_error():
    with pytest.raises(ConfigError, match="lm.safe_margin must be a number"):
        mtfix.load(lm={"safe_margin": "high"})
    with pytest.raises(MtfixError, match="unknown setting 'colour'"):
        mtfix.load(colour=True)


def test_warnings_go_to_the_callback_not_stderr(capsys, tmp_path):
    heard = []
    engine = mtfix.load(lm=False, grammar=False, disable=["no-such-rule"], on_warning=heard.append)
    engine.check("Some text.\n")
    assert heard and "no-such-rule" in heard[0]
    assert capsys.readouterr().err == ""


def test_public_names():
    for name in ("load", "check_text", "fix_text", "Engine", "Finding", "Fix", "Edit", "Tier",
                 "MtfixError"):
        assert name in mtfix.__all__ and getattr(mtfix, name) is not None


def test_engines_in_one_process_do_not_share_rule_state():
    """Built-in rule files are parsed once per process; each engine still gets
    rules of its own, so one engine's settings never leak into another's."""
    off = mtfix.load(lm=False, grammar=False, disable=["typography"])
    on = mtfix.load(lm=False, grammar=False)
    text = "One thing is certain : the law changed.\n"
    assert not [f for f in off.check(text) if f.category == "typography"]
    assert [f for f in on.check(text) if f.category == "typography"]
    assert all(r.enabled for r in on.pack.rules if r.category == "typography")
