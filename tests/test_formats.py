"""`mtfix check --format github|sarif|junit|jsonl`: the CI formats.

Each reports exactly the findings of the JSON contract (same lines, columns,
rules), whatever the file names and texts hold; SARIF is validated against
the OASIS 2.1.0 schema (vendored in tests/data, see its SOURCE note).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import DATA, run_mtfix

FAST = ("--no-lm", "--no-grammar")
BAD = "It was the general Mark Milley , the Chief.\n"
GOOD = "General Mark Milley, the Chief, spoke on Monday.\n"

#: A rule that only flags (no replacement), with a message that needs escaping.
FLAG_PACK = """\
rules:
  - id: flag-only
    category: calques
    tier: review
    message: "Check 100%: one, two"
    pattern: "\\\\bMonday\\\\b"
    replacement: null
"""


def _tree(tmp_path: Path) -> list[Path]:
    (tmp_path / "arts" / "sub").mkdir(parents=True)
    files = [tmp_path / "arts" / "a.txt", tmp_path / "arts" / "we,ird:na%me.txt",
             tmp_path / "arts" / "sub" / "é b.txt", tmp_path / "arts" / "stray.txt"]
    files[0].write_text(BAD)
    files[1].write_text(GOOD + BAD)
    files[2].write_text(GOOD)
    files[3].write_bytes(b"It said caf\xe9 , and more caf\xc3\xa9 text.\n")
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "flag.yaml").write_text(FLAG_PACK)
    return files


def _check(tmp_path, fmt, *paths):
    return run_mtfix("check", *FAST, "--rules", tmp_path / "pack", "--format", fmt, *paths, cwd=tmp_path)


def _contract(tmp_path, *paths) -> list[dict]:
    r = _check(tmp_path, "json", *paths)
    assert r.returncode in (1, 2), r.stderr
    return json.loads(r.stdout)["files"]


def test_jsonl_is_one_object_per_file_in_input_order(tmp_path):
    _tree(tmp_path)
    r = _check(tmp_path, "jsonl", "arts", "missing.txt")
    assert r.returncode == 2  # one input failed
    lines = r.stdout.decode().splitlines()
    objs = [json.loads(line) for line in lines]
    assert [o["path"] for o in objs] == ["arts/a.txt", "arts/stray.txt", "arts/we,ird:na%me.txt",
                                         "arts/sub/é b.txt", "missing.txt"]
    assert objs[-1]["error"] == "missing.txt: no such file"
    assert [o for o in objs if "findings" in o] == _contract(tmp_path, "arts")
    assert b"mtfix: error: missing.txt: no such file\n" in r.stderr


GITHUB = re.compile(r"^::(warning|notice|error) file=(?P<file>[^,:]*)"
                    r"(,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,title=[^,:\r\n]*::[^\r\n]*$")


def _unescape(s: str) -> str:
    return re.sub("%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":",
                                                   "2C": ","}[m.group(1)], s)


def test_github_annotations_match_the_syntax_and_escape_names_and_messages(tmp_path):
    _tree(tmp_path)
    r = _check(tmp_path, "github", "arts")
    assert r.returncode == 1, r.stderr
    lines = r.stdout.decode().splitlines()
    contract = _contract(tmp_path, "arts")
    assert len(lines) == sum(len(f["findings"]) for f in contract)
    for line in lines:
        assert GITHUB.match(line), line
    files = {_unescape(GITHUB.match(line)["file"]) for line in lines}
    assert "arts/we,ird:na%me.txt" in files
    weird = [line for line in lines if "we%2Cird%3Ana%25me.txt" in line]
    flag = next(line for line in weird if "flag-only" in line)
    assert flag.startswith("::notice ") and flag.endswith("::Check 100%25: one, two")
    first = contract[0]["findings"][0]
    assert lines[0].startswith(f"::warning file=arts/a.txt,line={first['line']},col={first['column']},")


def test_github_reports_a_failed_input_as_an_error(tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "flag.yaml").write_text(FLAG_PACK)
    (tmp_path / "empty.txt").write_bytes(b"")
    r = _check(tmp_path, "github", "empty.txt")
    assert r.returncode == 2
    (line,) = r.stdout.decode().splitlines()
    assert GITHUB.match(line) and line.startswith("::error file=empty.txt,")


def _sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_against_the_2_1_0_schema(tmp_path):
    files = _tree(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    r = _check(tmp_path, "sarif", "arts", files[0].resolve(), "empty.txt")
    assert r.returncode == 2, r.stderr
    log = json.loads(r.stdout)
    errors = sorted(_sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    (run,) = log["runs"]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    contract = _contract(tmp_path, "arts", files[0].resolve())
    assert len(run["results"]) == sum(len(f["findings"]) for f in contract)
    flat = [(f["path"], x) for f in contract for x in f["findings"]]
    rules = run["tool"]["driver"]["rules"]
    for res, (path, f) in zip(run["results"], flat):
        loc = res["locations"][0]["physicalLocation"]
        assert res["ruleId"] == f["rule"] and rules[res["ruleIndex"]]["id"] == f["rule"]
        assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (f["line"], f["column"])
        assert ("fixes" in res) == (f["replacement"] is not None)
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"]}
    assert {"arts/we%2Cird%3Ana%25me.txt", "arts/sub/%C3%A9%20b.txt"} <= uris
    assert files[0].resolve().as_uri() in uris
    (inv,) = run["invocations"]
    assert inv["executionSuccessful"] is False
    assert "input is empty" in inv["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_with_no_findings_is_valid_and_successful(tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "flag.yaml").write_text("rules: []\n")
    (tmp_path / "good.txt").write_text("Nothing to see.\n")
    r = _check(tmp_path, "sarif", "good.txt")
    assert r.returncode == 0, r.stderr
    log = json.loads(r.stdout)
    assert not list(_sarif_validator().iter_errors(log))
    assert log["runs"][0]["results"] == [] and log["runs"][0]["invocations"][0]["executionSuccessful"]


def test_junit_has_a_suite_per_file_and_a_case_per_finding(tmp_path):
    _tree(tmp_path)
    (tmp_path / "arts" / "sub" / "ctl\x01.txt").write_text(BAD)
    r = _check(tmp_path, "junit", "arts", "missing.txt")
    assert r.returncode == 2
    root = ET.fromstring(r.stdout)  # well-formed despite a control character and stray bytes
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    contract = _contract(tmp_path, "arts")
    assert [s.get("name") for s in suites[:-1]] == [f["path"].replace("\x01", "\\x01") for f in contract]
    for suite, f in zip(suites, contract):
        cases = suite.findall("testcase")
        assert len(cases) == len(f["findings"]) == int(suite.get("tests")) == int(suite.get("failures"))
        for case, x in zip(cases, f["findings"]):
            assert case.find("failure").get("type") == x["tier"] and x["rule"] in case.get("name")
    missing = suites[-1]
    assert missing.get("name") == "missing.txt" and missing.get("errors") == "1"
    assert "no such file" in missing.find("testcase/error").get("message")
    assert int(root.get("tests")) == sum(len(f["findings"]) for f in contract) + 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "github", "sarif", "junit"])
def test_machine_formats_keep_stdout_clean_of_notes(tmp_path, fmt):
    """Notes, errors and the summary table go to stderr: stdout parses."""
    _tree(tmp_path)
    (tmp_path / "arts" / ".hidden.txt").write_text(BAD)
    r = _check(tmp_path, fmt, "arts")
    assert r.returncode == 1, r.stderr
    assert b"mtfix:" not in r.stdout and b"per class and tier" not in r.stdout
    assert b"skipped 1 hidden" in r.stderr and b"per class and tier" in r.stderr
