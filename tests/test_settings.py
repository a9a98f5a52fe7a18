"""Settings (issue #10): typed, validated when loaded, one line with file:line, exit 2."""
from __future__ import annotations

import pytest

from conftest import run_mtfix

from mtfix.errors import ConfigError
from mtfix.settings import LanguageToolSettings, LMSettings, Settings, load_settings

FAST = ("--no-lm", "--no-grammar")


@pytest.mark.parametrize("toml,line,words", [
    ('[lm]\nsafe_margin = "high"\n', 2, "lm.safe_margin must be a number, not 'high'"),
    ('# lm\n[lm]\nthreads = 2\ncontext_sentences = "two"\n', 4,
     "lm.context_sentences must be a whole number, not 'two'"),
    ('[review]\nmin_decisions = -1\n', 2, "review.min_decisions must be >= 1, not -1"),
    ('rules = []\nfrobnicate = 1\n', 2, "unknown setting 'frobnicate'"),
    ('[lm]\nsafe_margn = 2\n', 2, "unknown setting 'lm.safe_margn' (did you mean 'lm.safe_margin'?)"),
    ('[languagetool]\nrequest_timeout = 0\n', 2, "languagetool.request_timeout must be >= 1"),
    ('[tiers]\nweb-residue = "sure"\n', 2, "tiers.web-residue: unknown tier 'sure'"),
    ('[lm]\ndtype = "int4"\n', 2, "lm.dtype must be one of auto, float32, bfloat16"),
    ('grammar = "yes"\n', 1, "grammar must be true or false"),
])
def test_a_bad_config_value_is_one_line_with_file_and_line(tmp_path, toml, line, words):
    (tmp_path / "mtfix.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    out = run_mtfix("check", *FAST, "a.txt", cwd=tmp_path)
    err = out.stderr.decode()
    assert out.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"mtfix: error: {tmp_path / 'mtfix.toml'}:{line}: "), err
    assert words in err


def test_pyproject_table_lines_are_found(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.mtfix.lm]\n'
                                             'garbled = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_settings(tmp_path / "pyproject.toml")
    assert e.value.line == 5 and "lm.garbled must be true or false" in str(e.value)


def test_precedence_flags_over_file_over_environment(tmp_path):
    cfg = tmp_path / "mtfix.toml"
    cfg.write_text('grammar = false\n[languagetool]\nserver_url = "http://127.0.0.1:9"\n'
                   '[lm]\nsafe_margin = 3.0\n', encoding="utf-8")
    env = {"MTFIX_LT_SERVER": "http://127.0.0.1:1", "LTP_PATH": "/opt/lt"}
    s = load_settings(cfg, env=env)
    assert s.grammar is False and s.languagetool.server_url == "http://127.0.0.1:9"
    assert s.languagetool.ltp_path == "/opt/lt" and s.lm.safe_margin == 3.0
    s = load_settings(cfg, env=env, grammar=True, lm={"safe_margin": 1.0})
    assert s.grammar is True and s.lm.safe_margin == 1.0
    assert load_settings(None, env=env).languagetool.server_url == "http://127.0.0.1:1"


def test_defaults_live_in_one_place_and_objects_are_frozen():
    s = Settings()
    assert s.lm == LMSettings() and s.languagetool == LanguageToolSettings()
    with pytest.raises(Exception):
        s.grammar = True  # type: ignore[misc]
    assert s.replace(select=["quotes"]).select == ("quotes",) and s.select == ()


def test_a_bad_environment_value_is_an_error():
    with pytest.raises(ConfigError, match="MTFIX_LT_SERVER must be a URL"):
        load_settings(None, env={"MTFIX_LT_SERVER": "not a url"})


def test_a_non_utf8_config_is_one_line(tmp_path):
    (tmp_path / "mtfix.toml").write_bytes(b'disable = ["caf\xe9"]\n')
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    out = run_mtfix("check", *FAST, "a.txt", cwd=tmp_path)
    assert out.returncode == 2 and b"not UTF-8" in out.stderr and out.stderr.count(b"\n") == 1


def test_deeply_nested_toml_is_one_line(tmp_path):
    (tmp_path / "mtfix.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    out = run_mtfix("check", *FAST, "a.txt", cwd=tmp_path)
    assert out.returncode == 2 and b"Traceback" not in out.stderr and out.stderr.count(b"\n") == 1
