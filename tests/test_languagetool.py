"""LanguageTool backend against a real LanguageTool 6.8 server (no mocks).

One server is started for the whole session by ``lt_server``
(tests/conftest_lt.py; the installation is assembled from Maven Central first
if it is missing, as scripts/setup.d/20-languagetool.sh does in CI). CLI tests
reuse that warm server through $MTFIX_LT_SERVER, except the acceptance test,
which lets ``mtfix check`` start its own.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from mtfix.document import Document
from mtfix.errors import LanguageToolError
from mtfix.grammar import install as lt_install
from mtfix.grammar import LanguageToolBackend, merge
from mtfix.grammar.backend import spelling_rule_ids, tier_for, utf16_end
from mtfix.model import Finding, Fix, Tier
from mtfix.settings import LanguageToolSettings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed.txt"  # the seed article, as committed
ACCEPTANCE = "I assisted to the meeting and he is actually the president."


@pytest.fixture(scope="session")
def lt_folder() -> Path:
    return lt_install.install()


@pytest.fixture(scope="session")
def lt(lt_folder, lt_server):
    return lt_server


def _env(lt) -> dict:
    env = dict(os.environ)
    env["MTFIX_LT_SERVER"] = lt.url
    return env


def _mtfix(*args, env=None, input=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtfix", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, input=input, timeout=600)


def _backend(**table) -> LanguageToolBackend:
    """A backend with these ``[languagetool]`` keys, validated as a config file's are."""
    return LanguageToolBackend(load_settings(None, env={}, languagetool=table).languagetool)


def _by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


# -- installation -----------------------------------------------------------------

@pytest.mark.slow
def test_installation_is_usable_as_ltp_path(lt_folder):
    assert lt_folder.name == "LanguageTool-6.8"
    libs = {p.name for p in (lt_folder / "libs").glob("*.jar")}
    assert {"languagetool-server-6.8.jar", "language-en-6.8.jar", "language-fr-6.8.jar"} <= libs
    assert "language-all-6.8.jar" not in libs
    with zipfile.ZipFile(lt_folder / "languagetool-server.jar") as z:
        manifest = z.read("META-INF/MANIFEST.MF").decode().replace("\r\n ", "")
    classpath = manifest.split("Class-Path: ", 1)[1].split("\r\n", 1)[0].split()
    # The overlay must come first so it shadows LanguageTool's placeholder grammar-l2-fr.xml.
    assert classpath[0] == "mtfix-overlay/"
    assert "libs/languagetool-server-6.8.jar" in classpath
    assert all((lt_folder / entry).exists() for entry in classpath)


@pytest.mark.slow
def test_second_install_reuses_the_cache(lt_folder, monkeypatch):
    """A found installation is returned as it is: nothing is assembled again."""
    def no_maven(*args, **kwargs):
        raise AssertionError("install() ran Maven although LanguageTool is installed")

    monkeypatch.setattr(lt_install, "_run_maven", no_maven)
    assert lt_install.install() == lt_folder


@pytest.mark.slow
def test_ltp_path_environment_is_honoured(lt_folder, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(lt_folder.parent))
    assert lt_install.find_installation() == lt_folder
    monkeypatch.setenv("LTP_PATH", str(lt_folder))  # the folder itself works too
    assert lt_install.find_installation() == lt_folder


@pytest.mark.slow
def test_language_tool_python_starts_it_from_ltp_path(lt_folder, monkeypatch):
    """The assembly works as LTP_PATH for language_tool_python's own server start
    (no download: the folder is found), overlay included."""
    import language_tool_python

    monkeypatch.setenv("LTP_PATH", str(lt_folder.parent))
    tool = language_tool_python.LanguageTool("en-US", mother_tongue="fr")
    try:
        matches = tool.check(ACCEPTANCE)
    finally:
        tool.close()
    assert [(m.rule_id, m.offset, m.replacements) for m in matches
            if m.category == "FALSE_FRIENDS"] == [("FALSE_FRIEND_ACTUALLY", 36, ["at present"])]


def test_install_into_an_explicit_folder_does_not_borrow_the_cache(tmp_path):
    assert lt_install.find_installation(tmp_path) is None


def test_false_friend_overlay_is_built_from_languagetool_data():
    xml = (b'<rules><rulegroup id="ACTUALLY">'
           b'<rule><pattern lang="en"><token inflected="yes">actually</token></pattern>'
           b'<translation lang="fr">en fait</translation><translation lang="de">tats\xc3\xa4chlich</translation></rule>'
           b'<rule><pattern lang="fr"><token>actuellement</token></pattern>'
           b'<translation lang="en">at present</translation></rule></rulegroup>'
           b'<rulegroup id="GIFT"><rule><pattern lang="en"><token>gift</token></pattern>'
           b'<translation lang="de">Geschenk</translation></rule></rulegroup></rules>')
    out, n = lt_install.build_false_friend_rules(xml)
    assert n == 1  # GIFT has no French meaning
    assert 'id="FALSE_FRIEND_ACTUALLY"' in out
    assert "“en fait” (French)" in out and "<suggestion>at present</suggestion>" in out


@pytest.mark.slow
def test_java_17_is_detected():
    assert (lt_install.java_major() or 0) >= 17


# -- findings from a real server ---------------------------------------------------

@pytest.mark.slow
def test_acceptance_sentence_gets_a_french_false_friend(lt):
    findings = lt.check(Document(ACCEPTANCE))
    ff = [f for f in findings if f.evidence["lt_category"] == "FALSE_FRIENDS"]
    assert [ACCEPTANCE[f.start:f.end] for f in ff] == ["actually"]
    f = ff[0]
    assert f.rule == "lt:FALSE_FRIEND_ACTUALLY"
    assert (f.source, f.category, f.tier) == ("languagetool", "grammar", Tier.REVIEW)
    assert f.replacement(ACCEPTANCE) == "at present"
    assert "en fait" in f.message


@pytest.mark.slow
def test_offsets_are_python_indices_with_astral_characters_and_crlf(lt):
    text = ("😀 Café 𝐀 — he go to school. 🎉🎉 She have a apple.\r\n"
            "𝐀𝐁 « Élodie » I has went there.\r\nThis are a test.")
    findings = lt.check_text(text)
    got = {(f.rule, text[f.start:f.end]) for f in findings}
    assert ("lt:HE_VERB_AGR", "go") in got
    assert ("lt:HE_VERB_AGR", "have") in got
    assert ("lt:EN_A_VS_AN", "a") in got
    assert ("lt:PLURAL_VERB_AFTER_THIS", "This are") in got
    a_vs_an = _by_rule(findings, "lt:EN_A_VS_AN")[0]
    assert text[a_vs_an.end:a_vs_an.end + 6] == " apple"
    assert a_vs_an.replacement(text) == "an"


@pytest.mark.slow
def test_an_error_spanning_astral_characters_keeps_them_whole(lt):
    text = "We met at the Café 𝐀𝐁𝐂 𝐀𝐁𝐂 yesterday."
    (f,) = _by_rule(lt.check_text(text), "lt:ENGLISH_WORD_REPEAT_RULE")
    assert text[f.start:f.end] == "𝐀𝐁𝐂 𝐀𝐁𝐂"  # 7 characters, 13 UTF-16 units
    assert f.replacement(text) == "𝐀𝐁𝐂"
    assert utf16_end("a🎉b", 1, 2) == 2 and utf16_end("a🎉b", 0, 4) == 3


@pytest.mark.slow
def test_spelling_is_off_by_default_and_can_be_turned_on(lt):
    text = "The minister recieved the letter on Tuesday."
    assert not [f for f in lt.check_text(text) if "MORFOLOGIK" in f.rule]
    speller = _backend(spelling=True, server_url=lt.url)
    try:
        hits = [f for f in speller.check_text(text) if f.rule == "lt:MORFOLOGIK_RULE_EN_US"]
        assert [text[f.start:f.end] for f in hits] == ["recieved"]
        assert hits[0].replacement(text) == "received"
    finally:
        speller.close()


@pytest.mark.slow
def test_variant_is_configurable(lt):
    text = "The colour of the centre is grey."
    us = _backend(spelling=True, server_url=lt.url)
    gb = _backend(spelling=True, language="en-GB", server_url=lt.url)
    try:
        assert {text[f.start:f.end] for f in us.check_text(text)} >= {"colour", "centre"}
        assert not [f for f in gb.check_text(text) if "MORFOLOGIK" in f.rule]
    finally:
        us.close()
        gb.close()


@pytest.mark.slow
def test_disabled_rules_and_categories(lt):
    text = "She have a apple and he is actually the president."
    base = {f.rule for f in lt.check_text(text)}
    assert {"lt:EN_A_VS_AN", "lt:FALSE_FRIEND_ACTUALLY"} <= base
    quiet = _backend(server_url=lt.url, disabled_rules=["EN_A_VS_AN"], disabled_categories="FALSE_FRIENDS")
    try:
        rules = {f.rule for f in quiet.check_text(text)}
        assert "lt:EN_A_VS_AN" not in rules and "lt:FALSE_FRIEND_ACTUALLY" not in rules
        assert "lt:HE_VERB_AGR" in rules  # the rest still runs
    finally:
        quiet.close()


@pytest.mark.slow
def test_noisy_false_friends_are_off_until_asked_for(lt):
    """Everyday words ("ability", "change") are flagged only when the user sets
    disabled_rules themselves (setting the key replaces the default list)."""
    text = "The change weakens the ability of the militias, he is actually the president."
    rules = {f.rule for f in lt.check_text(text)}
    assert "lt:FALSE_FRIEND_ACTUALLY" in rules
    assert not rules & {"lt:FALSE_FRIEND_CHANGE", "lt:FALSE_FRIEND_ABILITY"}
    loud = _backend(server_url=lt.url, disabled_rules=[])
    try:
        rules = {f.rule for f in loud.check_text(text)}
        assert {"lt:FALSE_FRIEND_CHANGE", "lt:FALSE_FRIEND_ABILITY"} <= rules
    finally:
        loud.close()


@pytest.mark.slow
def test_tier_mapping(lt):
    text = "She ate a apple."
    (f,) = _by_rule(lt.check_text(text), "lt:EN_A_VS_AN")
    assert f.tier is Tier.REVIEW  # default: too few measurements to suggest (docs/languagetool-rules.md)
    promoted = _backend(server_url=lt.url, tiers={"EN_A_VS_AN": "suggested"})
    try:
        (g,) = _by_rule(promoted.check_text(text), "lt:EN_A_VS_AN")
        assert g.tier is Tier.SUGGESTED
    finally:
        promoted.close()
    tiers = LanguageToolSettings(tiers={"EN_*": "suggested", "category:STYLE": "review"}).tiers
    assert tier_for("EN_QUOTES", "TYPOGRAPHY", "typographical", tiers, "review") is Tier.SUGGESTED
    assert tier_for("X", "STYLE", "style", tiers, "suggested") is Tier.REVIEW
    assert tier_for("X", "FALSE_FRIENDS", "misspelling", tiers, "suggested") is Tier.REVIEW


@pytest.mark.slow
def test_spacing_around_a_stray_quote_is_only_flagged(lt):
    text = "A few hours later, the \" team found a remedy for this , he said."
    found = _by_rule(lt.check_text(text), "lt:COMMA_PARENTHESIS_WHITESPACE")
    tiers = {text[f.start:f.end]: f.tier for f in found}
    assert tiers.get(" ,") is Tier.SUGGESTED
    assert tiers.get(' " ') is Tier.REVIEW


@pytest.mark.slow
def test_headings_are_skipped(lt):
    text = "this heading have a error\n\nThe minister said that she have a apple.\n"
    doc = Document(text)
    assert doc.in_heading(0)
    findings = lt.check(doc)
    assert findings and all(f.start > text.index("\n") for f in findings)


@pytest.mark.slow
def test_one_server_per_process_shared_by_backends(lt, monkeypatch):
    monkeypatch.delenv("MTFIX_LT_SERVER", raising=False)
    a = _backend()
    b = _backend(picky=True)
    try:
        a.check_text("One.")
        b.check_text("Two.")
        assert a._server is b._server is lt._server  # the session's server, not a new JVM
    finally:
        a.close()
        b.close()
    assert lt._server.alive()  # still used by the fixture
    # A server of its own (other JVM options) stops when its last user closes.
    c = _backend(jvm_options=["-Xmx1g", "-XX:+UseSerialGC"])
    c.check_text("Three.")
    server = c._server
    assert server is not lt._server and server.alive()
    c.close()
    assert not server.alive()


def test_available_explains_a_dead_server():
    ok, why = _backend(server_url="http://127.0.0.1:9/").available()
    assert not ok and "does not answer" in why


@pytest.mark.slow  # waits for a time limit to run out
def test_a_server_that_never_answers_a_check_times_out(silent_lt_server):
    """request_timeout bounds every request: the check fails with one line
    (LanguageToolError) and the engine turns grammar checking off."""
    import mtfix

    hanging_server, _checks = silent_lt_server
    backend = _backend(server_url=hanging_server, request_timeout=1)
    assert backend.available()[0]
    # the read timed out: the server itself would only hang up after 30 s
    with pytest.raises(LanguageToolError, match=r"LanguageTool check failed: .*timed out"):
        backend.check_text("She have a apple.")
    warnings: list[str] = []
    with mtfix.load(lm=False, grammar=True, on_warning=warnings.append,
                    languagetool={"server_url": hanging_server, "request_timeout": 1}) as engine:
        findings = engine.check("It ended the 1st October.\n")
    assert findings and all(f.source != "languagetool" for f in findings)
    assert [w for w in warnings if w.startswith("grammar checking off")]


def test_spelling_rule_ids():
    assert spelling_rule_ids("en-GB")[0] == "MORFOLOGIK_RULE_EN_GB"


# -- merge -------------------------------------------------------------------------

def _f(rule, start, end, rep=None, tier=Tier.REVIEW, source="rules"):
    fixes = (Fix.replace(start, end, rep),) if rep is not None else ()
    return Finding(rule, "grammar" if source == "languagetool" else "calques", "m", start, end,
                   tier, source, fixes)


def test_merge_own_finding_wins_and_records_agreement():
    own = [_f("fr-en/imputed", 10, 17, "attributed", Tier.SAFE)]
    lt = [_f("lt:X", 12, 20, "y", source="languagetool"), _f("lt:Y", 30, 35, "z", source="languagetool")]
    out = merge(own, lt)
    assert [f.rule for f in out] == ["fr-en/imputed", "lt:Y"]
    assert out[0].evidence["languagetool"] == ["lt:X"]
    assert out[0].fixes == own[0].fixes


def test_merge_collapses_duplicate_languagetool_findings():
    lt = [_f("lt:A", 5, 8, "one", source="languagetool"),
          _f("lt:B", 5, 8, "two", Tier.SUGGESTED, source="languagetool"),
          _f("lt:C", 5, 8, "one", source="languagetool")]
    (f,) = merge([], lt)
    assert f.rule == "lt:B" and f.tier is Tier.SUGGESTED
    assert f.evidence["also"] == ["lt:A", "lt:C"]
    assert [x.edits[0].replacement for x in f.fixes] == ["two", "one"]


def test_merge_drops_languagetool_findings_next_to_own_ones():
    text = "the agreement. on Iranian power"
    own = [_f("stray-full-stop", 13, 14, "", Tier.SAFE)]
    on = text.index("on ")
    lt = [replace(_f("lt:UPPERCASE_SENTENCE_START", on, on + 2, "On", source="languagetool"),
                  reach=(on - 1, on + 3)),
          replace(_f("lt:FAR", 22, 29, "x", source="languagetool"), reach=(21, 30))]
    assert [f.rule for f in merge(own, lt)] == ["stray-full-stop", "lt:FAR"]


def test_merge_keeps_adjacent_but_not_touching_insertions():
    own = [_f("own", 10, 10, ",")]  # an insertion at 10
    lt = [_f("lt:T", 10, 14, "x", source="languagetool"), _f("lt:U", 11, 14, "x", source="languagetool")]
    assert [f.rule for f in merge(own, lt)] == ["own", "lt:U"]


# -- through the CLI ----------------------------------------------------------------

@pytest.mark.slow
def test_cli_check_json_has_languagetool_false_friend(tmp_path, lt_folder):
    """The issue's acceptance: `mtfix check --format json` on the sentence, with
    the server started by mtfix itself (no $MTFIX_LT_SERVER)."""
    path = tmp_path / "s.txt"
    path.write_text(ACCEPTANCE + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MTFIX_LT_SERVER"}
    proc = _mtfix("check", "--format", "json", "--no-lm", str(path), env=env)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    lt_ff = [f for f in findings if f["source"] == "languagetool" and f["rule"].startswith("lt:FALSE_FRIEND_")]
    assert lt_ff and lt_ff[0]["rule"] == "lt:FALSE_FRIEND_ACTUALLY"
    assert ACCEPTANCE[lt_ff[0]["start"]:lt_ff[0]["end"]] == "actually"
    assert lt_ff[0]["replacement"] == "at present"


@pytest.mark.slow
def test_cli_grammar_flags(tmp_path, lt):
    path = tmp_path / "s.txt"
    path.write_text(ACCEPTANCE + "\n", encoding="utf-8")
    on = _mtfix("check", "--format", "json", "--grammar", "--no-lm", str(path), env=_env(lt))
    off = _mtfix("check", "--format", "json", "--no-grammar", "--no-lm", str(path), env=_env(lt))
    src = lambda p: {f["source"] for f in json.loads(p.stdout)["files"][0]["findings"]}  # noqa: E731
    assert "languagetool" in src(on)
    assert "languagetool" not in src(off)


@pytest.mark.slow
def test_seed_grammar_findings_and_fix_is_not_damaged(lt, tmp_path):
    env = _env(lt)
    proc = _mtfix("check", "--grammar", "--no-lm", "--format", "json", str(SEED), env=env)
    assert proc.returncode == 1, proc.stderr
    text = SEED.read_text(encoding="utf-8")
    lt_found = {(f["rule"], text[f["start"]:f["end"]]) for f in json.loads(proc.stdout)["files"][0]["findings"]
                if f["source"] == "languagetool"}
    # "ability" is the right word for "capacité": that false-friend rule is off by default
    assert not any(rule == "lt:FALSE_FRIEND_ABILITY" for rule, _ in lt_found)
    assert not any(rule == "lt:EN_DATE_WEEKDAY_CURRENTYEAR" for rule, _ in lt_found)  # a 2019 article
    assert ("lt:EN_SPECIFIC_CASE", "secretary of state") in lt_found
    # Measured noisy on the controls, FALSE_FRIEND_DISPUTE is off by default; switched
    # back on, it agrees with mtfix's own finding and is folded into it.
    assert not any(rule == "lt:FALSE_FRIEND_DISPUTE" for rule, _ in lt_found)
    cfg = tmp_path / "mtfix.toml"
    cfg.write_text('[languagetool]\ndisabled_rules = ["EN_DATE_WEEKDAY_CURRENTYEAR"]\n', encoding="utf-8")
    on = _mtfix("check", "--grammar", "--no-lm", "--format", "json", "--config", str(cfg), str(SEED),
                env=env)
    agreed = {(f["source"], text[f["start"]:f["end"]].strip())
              for f in json.loads(on.stdout)["files"][0]["findings"]
              if "lt:FALSE_FRIEND_DISPUTE" in f.get("evidence", {}).get("languagetool", [])}
    assert agreed and all(src != "languagetool" and "disputing" in span for src, span in agreed)
    assert not any(rule == "lt:UPPERCASE_SENTENCE_START" for rule, _ in lt_found)  # "agreement. on"
    with_lt = _mtfix("fix", "--grammar", "--no-lm", str(SEED), env=env)
    without = _mtfix("fix", "--no-grammar", "--no-lm", str(SEED), env=env)
    assert with_lt.returncode == 0 and without.returncode == 0
    assert with_lt.stdout == without.stdout  # LanguageTool never reaches the default (safe) fixes


@pytest.mark.slow
@pytest.mark.usefixtures("lt_server")  # the status names the shared server
def test_cli_languagetool_status_and_install(lt_folder):
    own = {k: v for k, v in os.environ.items() if k != "MTFIX_LT_SERVER"}
    status = _mtfix("languagetool", "status", env=own)
    assert status.returncode == 0 and "LanguageTool 6.8 at" in status.stdout
    shared = _mtfix("languagetool", "status")
    assert shared.returncode == 0 and os.environ["MTFIX_LT_SERVER"] in shared.stdout
    inst = _mtfix("languagetool", "install")
    assert inst.returncode == 0 and inst.stdout.strip() == str(lt_folder)


def test_cli_status_reports_a_dead_server():
    env = dict(os.environ, MTFIX_LT_SERVER="http://127.0.0.1:9/")
    proc = _mtfix("languagetool", "status", env=env)
    assert proc.returncode == 2 and "does not answer" in proc.stdout
    assert "Traceback" not in proc.stderr
