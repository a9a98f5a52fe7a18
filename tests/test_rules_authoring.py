"""Custom rules as a user writes them: from docs/rules.md, through the real CLI.

The pack used here is not written by the test: it is cut out of docs/rules.md
(every block marked ``<!-- file: PATH -->``), so the guide and the code cannot
drift apart. The expected output of ``mtfix fix`` is also the one the guide
shows.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from mtfix.cli import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "rules.md"
FAST = ("--no-lm", "--no-grammar")  # these tests are about rules, not the LM or LanguageTool


def guide_files() -> dict[str, str]:
    """Every code block of the guide marked ``<!-- file: PATH -->``, by PATH."""
    text = GUIDE.read_text(encoding="utf-8")
    found = dict(re.findall(r"<!-- file: (\S+) -->\n```\w+\n(.*?)```", text, re.S))
    assert found, "docs/rules.md has no marked file blocks"
    return found


def guide_output() -> tuple[list[str], str]:
    """The ``mtfix fix`` command the guide runs on its article, and what it prints."""
    m = re.search(r"<!-- output: (.*?) -->\n```\w+\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert m, "docs/rules.md has no marked output block"
    return m.group(1).split(), m.group(2)


@pytest.fixture
def run(monkeypatch, tmp_path):
    """Run mtfix in-process from ``tmp_path`` (no config file above it), with a
    private decisions log so this machine's review history plays no part."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MTFIX_DECISIONS_DB", str(tmp_path / "decisions.sqlite"))
    runner = CliRunner()

    def go(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return go


@pytest.fixture
def guide_pack(tmp_path) -> Path:
    """The guide's pack and article written into tmp_path (config files left out)."""
    for name, body in guide_files().items():
        if name.endswith(".toml"):
            continue
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, encoding="utf-8")
    return tmp_path / "house-rules"


def test_every_yaml_block_in_the_guide_is_a_tested_file():
    """A YAML snippet that is not written out by these tests could rot unseen."""
    text = GUIDE.read_text(encoding="utf-8")
    for m in re.finditer(r"(?:<!-- (\w+): (\S+) -->\n)?```yaml\n(.*?)```", text, re.S):
        assert m.group(1) == "file", f"unmarked yaml block in docs/rules.md:\n{m.group(3)[:200]}"
        data = yaml.safe_load(m.group(3))
        assert isinstance(data, dict) and data.get("rules"), m.group(2)


def test_guide_pack_passes_rules_test(run, guide_pack):
    r = run("rules", "test", guide_pack)
    assert r.exit_code == 0, r.output
    n_files = len(list(guide_pack.glob("*.yaml")))
    assert re.search(rf"\d+ rules in {n_files} files, (\d+) cases: \1 passed, 0 failed", r.output), r.output
    # the summary in the guide is the real one
    assert r.output.strip().splitlines()[-1] in GUIDE.read_text(encoding="utf-8")


def test_guide_first_rule_commands(run, guide_pack):
    """The guide's `rules new` session: same message, and the new rule sits next to
    the guide's other files without an id clash."""
    m = re.search(r"\$ mtfix (rules new .*)\n(wrote .*)\n", GUIDE.read_text(encoding="utf-8"))
    assert m, "the guide shows no `mtfix rules new` session"
    r = run(*m.group(1).split())
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == m.group(2)
    r = run("rules", "test", guide_pack)
    assert r.exit_code == 0 and "0 failed" in r.output, r.output


def test_guide_pack_fails_rules_test_on_a_broken_example(run, guide_pack):
    terms = guide_pack / "terms.yaml"
    good = "fixed: \"He met the Chairman of the Joint Chiefs of Staff on Monday.\""
    text = terms.read_text(encoding="utf-8")
    assert good in text
    terms.write_text(text.replace(good, "fixed: \"He met the Chairman of the Joint Chiefs on Monday.\""),
                     encoding="utf-8")
    line = next(i for i, ln in enumerate(terms.read_text().splitlines(), 1)
                if "He met the Chief of the Defense Staff on Monday." in ln)
    r = run("rules", "test", guide_pack)
    assert r.exit_code == 1, r.output
    out = r.output
    assert f"terms.yaml:{line}: rule 'house-defense-chief' example" in out
    assert "text:     'He met the Chief of the Defense Staff on Monday.'" in out
    assert "expected: 'He met the Chairman of the Joint Chiefs on Monday.'" in out
    assert "got:      'He met the Chairman of the Joint Chiefs of Staff on Monday.'" in out
    assert "1 failed" in out
    # the guide shows this very failure
    guide = GUIDE.read_text(encoding="utf-8")
    assert "expected: 'He met the Chairman of the Joint Chiefs on Monday.'" in guide


def test_broken_counterexample_fails_too(run, guide_pack):
    style = guide_pack / "style.yaml"
    style.write_text(style.read_text(encoding="utf-8").replace(
        '- "He called him mister twice."', '- "Then Mister Jones left."'), encoding="utf-8")
    r = run("rules", "test", guide_pack)
    assert r.exit_code == 1
    assert "rule 'house-mister' counterexample" in r.output
    assert "expected: no finding" in r.output and "got:      flagged 'Mister'" in r.output


def test_guide_fix_output_is_what_the_guide_shows(run, guide_pack):
    args, expected = guide_output()
    assert args[0] == "fix"
    r = run(*args[:1], *FAST, *args[1:])
    assert r.exit_code == 0, r.output
    assert r.stdout == expected


def test_guide_pack_with_builtin_rules_in_check_and_fix(run, guide_pack):
    article = guide_pack.parent / "article.txt"
    r = run("check", *FAST, "--format", "json", "--rules", guide_pack, article)
    assert r.exit_code == 1, r.output
    found = {f["rule"]: f for f in json.loads(r.stdout)["files"][0]["findings"]}
    for rid in ("house-mister", "house-le-monde", "house-defense-chief", "house-same-time",
                "house-thousands", "house-image-of", "house-also-opening"):
        assert rid in found, (rid, sorted(found))
    text = article.read_text(encoding="utf-8")
    le_monde = found["house-le-monde"]
    assert text[le_monde["start"]:le_monde["end"]] == "The World"
    assert le_monde["replacement"] == "Le Monde" and le_monde["tier"] == "safe"
    assert found["house-also-opening"]["replacement"] is None
    assert found["house-thousands"]["message"] == "French thousands separator: write 5,200"
    assert found["house-image-of"]["message"] == "'at the image of' is French 'à l'image de': write 'like'"

    r = run("fix", *FAST, "--rules", guide_pack, article)  # safe fixes only
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Mr Macron spoke to Le Monde on Sunday." in out
    assert "the Chairman of the Joint Chiefs of Staff in the same time." in out  # suggested: not applied
    assert "5 200 soldiers" in out
    assert '"Mister Smith, we are ready," he said. The World Bank did not comment.' in out
    assert out.startswith("The World in brief\n")


def test_design_contract_minimal_pack(run, tmp_path):
    """The rule-file minimum of design.md works as written, without any extra key."""
    pack = tmp_path / "minimal"
    pack.mkdir()
    (pack / "house.yaml").write_text(
        "rules:\n"
        "  - id: godfather\n"
        "    message: French 'parrain' here means sponsor\n"
        "    pattern: '\\b(Iranian|Russian) godfather\\b'\n"
        "    replacement: '\\1 sponsor'\n"
        "    examples:\n"
        "      - text: the Iranian godfather of the militias\n"
        "        fixed: the Iranian sponsor of the militias\n", encoding="utf-8")
    assert run("rules", "check", pack).exit_code == 0
    r = run("rules", "test", "--no-builtin", pack)
    assert r.exit_code == 0 and "1 passed, 0 failed" in r.output, r.output
    (tmp_path / "a.txt").write_text("They met the Russian godfather of the group.\n", encoding="utf-8")
    r = run("check", *FAST, "--no-builtin", "--format", "json", "--rules", pack, tmp_path / "a.txt")
    assert r.exit_code == 1
    (f,) = json.loads(r.stdout)["files"][0]["findings"]
    assert (f["rule"], f["category"], f["tier"], f["replacement"]) == (
        "godfather", "custom", "suggested", "Russian sponsor")
    # the default tier is suggested: plain `fix` leaves it, --suggested applies it
    r = run("fix", *FAST, "--no-builtin", "--rules", pack, tmp_path / "a.txt")
    assert r.stdout == "They met the Russian godfather of the group.\n"
    r = run("fix", *FAST, "--no-builtin", "--suggested", "--rules", pack, tmp_path / "a.txt")
    assert r.stdout == "They met the Russian sponsor of the group.\n"


# -- rules new / show / list ---------------------------------------------------

def test_rules_new_writes_a_template_that_passes(run, tmp_path):
    r = run("rules", "new", "house-measure", "--pack", tmp_path / "mine")
    assert r.exit_code == 0, r.output
    f = tmp_path / "mine" / "house-measure.yaml"
    text = f.read_text(encoding="utf-8")
    assert "- id: house-measure" in text
    assert sum(ln.lstrip().startswith("#") for ln in text.splitlines()) >= 15  # commented
    r = run("rules", "test", tmp_path / "mine")
    assert r.exit_code == 0 and "0 failed" in r.output, r.output
    # it works on text as it says
    (tmp_path / "a.txt").write_text("In the measure where it rains, we stay.\n", encoding="utf-8")
    r = run("fix", *FAST, "--suggested", "--rules", tmp_path / "mine", tmp_path / "a.txt")
    assert "Insofar as it rains, we stay." in r.stdout
    # a second time: refused, file untouched
    r = run("rules", "new", "house-measure", "--pack", tmp_path / "mine")
    assert r.exit_code == 2 and "already exists" in r.output
    assert f.read_text(encoding="utf-8") == text


def test_rules_new_refuses_builtin_id_and_bad_id(run, tmp_path):
    r = run("rules", "new", "imputed-to-name", "--pack", tmp_path / "p")
    assert r.exit_code == 2
    assert "already exists at" in r.output and "calques.yaml" in r.output
    assert not (tmp_path / "p").exists()
    r = run("rules", "new", "bad id!")
    assert r.exit_code == 2 and "bad rule id" in r.output


def test_rules_new_without_pack_prints_valid_yaml(run):
    r = run("rules", "new", "house-x")
    assert r.exit_code == 0
    data = yaml.safe_load(r.stdout)
    assert data["rules"][0]["id"] == "house-x" and data["rules"][0]["examples"]


def test_rules_show_prints_definition_and_examples(run, guide_pack):
    r = run("rules", "show", "house-le-monde", "--rules", guide_pack)
    assert r.exit_code == 0, r.output
    out = r.output
    assert out.startswith("house-le-monde  [titles, safe, enabled]")
    assert "terms.yaml:" in out
    assert "The World: Le Monde" in out and "before_capital: false" in out
    assert "He told The World on Sunday." in out and "The World Bank lent money." in out
    assert "house-same-time" not in out  # the next rule is not part of it
    assert yaml.safe_load(out.split("\n\n", 1)[1])["id"] == "house-le-monde"
    r = run("rules", "show", "house-le-mond", "--rules", guide_pack)
    assert r.exit_code == 2 and "did you mean: house-le-monde" in r.output


def test_rules_show_builtin(run):
    r = run("rules", "show", "imputed-to-name")
    assert r.exit_code == 0 and "pattern:" in r.output and "examples:" in r.output


def test_rules_list_columns_and_json(run, guide_pack):
    r = run("rules", "list", "--rules", guide_pack)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].split() == ["id", "category", "tier", "pack", "enabled"]
    row = next(ln.split() for ln in lines if ln.startswith("house-mister "))
    assert row == ["house-mister", "titles", "safe", "house-rules", "yes"]
    assert any(ln.split()[3:4] == ["fr-en"] for ln in lines[1:-1])  # built-in pack named
    r = run("rules", "list", "--format", "json", "--rules", guide_pack)
    rules = {x["id"]: x for x in json.loads(r.stdout)["rules"]}
    assert rules["house-image-of"]["lm"] is True and rules["house-image-of"]["type"] == "pattern"
    assert rules["house-defense-chief"]["type"] == "glossary"


# -- configuration -------------------------------------------------------------

def _project(tmp_path: Path, config_name: str, body: str) -> Path:
    """A project folder with the guide's pack and article, the config at its top,
    and a subfolder to run from (the config must be found upward)."""
    (tmp_path / config_name).write_text(body, encoding="utf-8")
    sub = tmp_path / "drafts" / "today"
    sub.mkdir(parents=True)
    return sub


@pytest.mark.parametrize("config_name", ["mtfix.toml", "pyproject.toml"])
def test_config_found_upward(run, guide_pack, tmp_path, monkeypatch, config_name):
    body = guide_files()[config_name]
    sub = _project(tmp_path, config_name, body)
    monkeypatch.chdir(sub)
    article = tmp_path / "article.txt"

    # rules from the config, no --rules; disabled rule gone; tier override applied
    r = run("check", *FAST, "--format", "json", article)
    found = {f["rule"]: f for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert "house-mister" in found and "house-le-monde" in found
    assert "house-also-opening" not in found
    assert found["house-thousands"]["tier"] == "safe"
    # protected phrase: the finding on "Mister Rogers" is dropped
    text = article.read_text(encoding="utf-8")
    rogers = text.index("Mister Rogers")
    assert not any(f["start"] <= rogers < f["end"] for f in found.values())

    r = run("fix", *FAST, article)
    assert r.exit_code == 0
    assert "Mr Macron spoke to Le Monde" in r.stdout
    assert "some 5,200 soldiers" in r.stdout  # suggested rule made safe by [tiers]
    assert "Mister Rogers' Neighborhood was on television." in r.stdout  # protected

    # `rules test` without paths tests the configured packs too
    r = run("rules", "test", "--no-builtin")
    assert r.exit_code == 0 and r.output.startswith("8 rules in 3 files"), r.output

    r = run("rules", "list")
    rows = {ln.split()[0]: ln.split() for ln in r.output.splitlines()[1:-1]}
    assert rows["house-also-opening"][-1] == "no"
    assert rows["house-thousands"][2] == "safe"
    if "enable" in body:
        for rid in re.search(r"enable = \[(.*?)\]", body).group(1).replace('"', "").split(","):
            assert rows[rid.strip()][-1] == "yes", rid


def test_pyproject_without_mtfix_table_is_skipped(run, guide_pack, tmp_path, monkeypatch):
    """A pyproject.toml without [tool.mtfix] does not hide an mtfix.toml further up."""
    (tmp_path / "mtfix.toml").write_text(guide_files()["mtfix.toml"], encoding="utf-8")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(sub)
    r = run("rules", "list")
    assert "house-mister" in r.output


def test_protected_regex_and_phrase(run, tmp_path):
    """Protected text is never touched, whichever rule (here built-in ones) wants to."""
    text = ("He met the president Emmanuel Macron.\n"
            "He said: “It ended the 1st October, by cons.”\n"
            "It ended the 1st October.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    r = run("fix", *FAST, tmp_path / "a.txt")
    assert r.stdout.splitlines() == ["He met President Emmanuel Macron.",
                                     "He said: “It ended October 1, on the other hand.”",
                                     "It ended October 1."]
    (tmp_path / "mtfix.toml").write_text(
        'protected = ["president Emmanuel Macron", "re:“[^”]*”"]\n', encoding="utf-8")
    r = run("fix", *FAST, tmp_path / "a.txt")
    assert r.stdout.splitlines() == ["He met the president Emmanuel Macron.",
                                     "He said: “It ended the 1st October, by cons.”",
                                     "It ended October 1."]
    # phrases match as written: another case is not protected
    (tmp_path / "mtfix.toml").write_text('protected = ["President Emmanuel Macron"]\n',
                                         encoding="utf-8")
    r = run("fix", *FAST, tmp_path / "a.txt")
    assert r.stdout.startswith("He met President Emmanuel Macron.")


@pytest.mark.slow  # waits for a time limit to run out
def test_protected_patterns_are_checked_like_rule_patterns(run, tmp_path):
    """A bad protected pattern names its config line; a catastrophic one is
    stopped by the time limit instead of hanging the run."""
    (tmp_path / "a.txt").write_text("the 1st October " + "a" * 100_000 + "b\n", encoding="utf-8")
    (tmp_path / "mtfix.toml").write_text('# house settings\nprotected = ["re:(unclosed"]\n',
                                         encoding="utf-8")
    r = run("check", *FAST, tmp_path / "a.txt")
    assert r.exit_code == 2 and "mtfix.toml:2:" in r.output and "protected" in r.output
    (tmp_path / "mtfix.toml").write_text('protected = ["re:(a+)+$"]\n', encoding="utf-8")
    r = run("fix", *FAST, tmp_path / "a.txt")
    assert r.exit_code == 2 and "protected pattern" in r.output and "took over" in r.output


def test_builtin_pack_passes_rules_test(run):
    r = run("rules", "test")
    assert r.exit_code == 0, r.output
    assert re.search(r"(\d+) cases: \1 passed, 0 failed", r.output)


# -- lm: true --------------------------------------------------------------------

LM_PACK = """\
rules:
  - id: house-he-have
    message: "'{match}': write '{replacement}'"
    pattern: '(?i)\\bhe have\\b'
    replacement: "he has"
    preserve_case: true
    lm: true
    examples:
      - text: "He have gone home."
        fixed: "He has gone home."
  - id: house-harmful
    message: "a harmful rule the language model must refuse"
    pattern: '\\bgovernment\\b'
    replacement: "banana"
    lm: true
    examples:
      - text: "the government"
        fixed: "the banana"
  - id: house-harmful-unchecked
    message: "the same harm without lm: true"
    pattern: '\\btaxes\\b'
    replacement: "bananas"
    examples:
      - text: "taxes"
        fixed: "bananas"
"""


def _lm_pack_and_article(tmp_path, pack_text: str):
    """A pack folder holding ``pack_text`` and an article with a good and a
    harmful place for its rules."""
    pack = tmp_path / "lm-pack"
    pack.mkdir()
    (pack / "lm.yaml").write_text(pack_text, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The minister spoke on Monday. He have gone home since the vote in parliament.\n"
                       "The government said it would raise taxes next year.\n", encoding="utf-8")
    return pack, article


def _findings_with_lm(run, pack, article) -> dict:
    r = run("check", "--lm", "--no-grammar", "--no-builtin", "--format", "json", "--rules", pack, article)
    return {f["rule"]: f for f in json.loads(r.stdout)["files"][0]["findings"]}


@pytest.mark.slow
def test_lm_flag_asks_the_real_model(run, tmp_path):
    """`lm: true` (a custom-category rule, so only the flag brings the LM in):
    a good fix is promoted, a harmful one demoted to review; a rule without
    the flag keeps its own tier."""
    from mtfix.lm.ranker import lm_available
    from mtfix.settings import LMSettings

    ok, why = lm_available(LMSettings())
    if not ok:
        pytest.fail(f"the language model must be installed for this test: {why}")
    pack, article = _lm_pack_and_article(tmp_path, LM_PACK)
    found = _findings_with_lm(run, pack, article)
    good, bad, plain = found["house-he-have"], found["house-harmful"], found["house-harmful-unchecked"]
    assert good["evidence"]["lm_margin"] > 0 and good["tier"] in ("safe", "suggested")
    assert bad["evidence"]["lm_margin"] < 0 and bad["tier"] == "review"
    assert plain["tier"] == "suggested" and "lm_margin" not in plain.get("evidence", {})
    # --no-lm: the rules' own tiers
    r = run("check", "--no-lm", "--no-grammar", "--no-builtin", "--format", "json", "--rules", pack, article)
    assert {f["tier"] for f in json.loads(r.stdout)["files"][0]["findings"]} == {"suggested"}


LM_REQUIRE_PACK = """\
rules:
  - id: house-he-have-gated
    message: "'he have' is 'he has'"
    category: custom
    pattern: '\\bHe have\\b'
    replacement: "He has"
    lm: require
    examples:
      - text: "He have gone."
        fixed: "He has gone."
  - id: house-harmful-gated
    message: "a harmful rewrite only the model can keep"
    category: custom
    pattern: '\\bgovernment\\b'
    replacement: "banana"
    lm: require
    examples:
      - text: "the government"
        fixed: "the banana"
"""


def test_lm_require_finds_nothing_without_the_model(run, tmp_path):
    """`lm: require`: a finding lives only if the model accepted it, so with
    the model off the rules say nothing (their examples still run)."""
    pack = tmp_path / "gated"
    pack.mkdir()
    (pack / "lm.yaml").write_text(LM_REQUIRE_PACK, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("He have gone home. The government said so.\n", encoding="utf-8")
    r = run("check", "--no-lm", "--no-grammar", "--no-builtin", "--format", "json", "--rules", pack, article)
    assert r.exit_code == 0 and json.loads(r.stdout)["files"][0]["findings"] == []
    r = run("rules", "test", "--no-builtin", pack)
    assert r.exit_code == 0, r.output


def test_lm_key_takes_true_false_or_require(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(LM_REQUIRE_PACK.replace("lm: require", "lm: maybe", 1), encoding="utf-8")
    r = run("rules", "test", "--no-builtin", bad)
    assert r.exit_code == 2 and "'lm' must be true, false or require" in r.output


@pytest.mark.slow
def test_lm_require_keeps_only_what_the_model_accepts(run, tmp_path):
    found = _findings_with_lm(run, *_lm_pack_and_article(tmp_path, LM_REQUIRE_PACK))
    assert set(found) == {"house-he-have-gated"}
    assert found["house-he-have-gated"]["evidence"]["lm_margin"] > 0


CANDIDATES_PACK = r"""
rules:
  - id: house-candidates
    message: "'{match}': a calque"
    category: calques
    pattern: '\b(?:the) meeting\b'
    replacement: ["the match", '\g<0>', "the game"]
    tier: review
  - id: house-candidates-words
    type: wordlist
    message: "'{match}': a calque"
    category: calques
    words:
      "in the frame of": ["as part of", "under"]
    tier: review
"""


def test_a_list_of_replacements_gives_candidates_best_first(run, tmp_path):
    """A list as the replacement (a pattern rule) or as a word's value (a word
    list): the first is the fix, the rest are alternatives for the model to
    rank; a candidate equal to the match itself is dropped."""
    (tmp_path / "c.yaml").write_text(CANDIDATES_PACK, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("After the meeting, In the frame of the deal.\n", encoding="utf-8")
    r = run("check", "--no-lm", "--no-grammar", "--no-builtin", "--format", "json",
            "--rules", tmp_path / "c.yaml", article)
    got = {f["rule"]: (f["replacement"], f.get("alternatives")) for f in
           json.loads(r.stdout)["files"][0]["findings"]}
    assert got == {"house-candidates": ("the match", ["the game"]),
                   "house-candidates-words": ("As part of", ["Under"])}


def test_a_bad_list_of_replacements_is_refused(run, tmp_path):
    (tmp_path / "c.yaml").write_text(CANDIDATES_PACK.replace("'\\g<0>'", "'\\9'"), encoding="utf-8")
    r = run("rules", "test", "--no-builtin", tmp_path / "c.yaml")
    assert r.exit_code == 2 and "bad group reference" in r.output
    (tmp_path / "c.yaml").write_text(CANDIDATES_PACK.replace("""["the match", '\\g<0>', "the game"]""", "[]"),
                                     encoding="utf-8")
    r = run("rules", "test", "--no-builtin", tmp_path / "c.yaml")
    assert r.exit_code == 2 and "a list of strings" in r.output
