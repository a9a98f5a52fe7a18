"""The single-document CI formats: SARIF 2.1.0 (code scanning) and JUnit XML.

SARIF: one run, the rules that fired as ``tool.driver.rules``, one result per
finding with its region (``columnKind`` is ``unicodeCodePoints``, since mtfix
columns count characters, not UTF-16 units) and, when mtfix proposes a
replacement, a ``fix`` with that replacement. An input that could not be read
is a tool execution notification and makes ``executionSuccessful`` false.
The test suite validates the output against the OASIS 2.1.0 schema.

JUnit: one ``testsuite`` per file, one ``testcase`` per finding that fails
with the finding; an input that could not be read is a suite with an error.
Characters XML 1.0 cannot hold (control characters, the lone surrogates that
stand for stray bytes) are written as ``\\xNN`` escapes, never dropped silently.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import quote

import click

from mtfix import __version__
from mtfix.cli.batch import FileResult
from mtfix.cli.writer import Writer, dumps, proposal

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"safe": "warning", "suggested": "warning", "review": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (code scanning
    resolves them against the repository), absolute ones become ``file:`` URIs."""
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix(), safe="/")
    return quote(p.as_posix(), safe="/")


class SarifWriter(Writer):
    def __init__(self) -> None:
        self.rules: dict[str, int] = {}
        self.rule_objs: list[dict] = []
        self.results: list[dict] = []
        self.notes: list[dict] = []

    def _rule_index(self, rec: dict) -> int:
        rid = rec["rule"]
        if rid not in self.rules:
            self.rules[rid] = len(self.rule_objs)
            self.rule_objs.append({
                "id": rid, "shortDescription": {"text": rec["message"] or rid},
                "defaultConfiguration": {"level": SARIF_LEVELS[rec["tier"]]},
                "properties": {"category": rec["category"], "source": rec["source"]},
            })
        return self.rules[rid]

    def file(self, res: FileResult) -> None:
        loc = {"artifactLocation": {"uri": artifact_uri(res.path)}}
        if res.error is not None:
            self.notes.append({"level": "error", "message": {"text": res.error},
                               "locations": [{"physicalLocation": loc}]})
            return
        for rec, (end_line, end_col) in zip(res.findings, res.ends):
            region = {"startLine": rec["line"], "startColumn": rec["column"],
                      "endLine": end_line, "endColumn": end_col}
            result = {
                "ruleId": rec["rule"], "ruleIndex": self._rule_index(rec),
                "level": SARIF_LEVELS[rec["tier"]], "kind": "fail",
                "message": {"text": proposal(rec)},
                "locations": [{"physicalLocation": {**loc, "region": {
                    **region, "snippet": {"text": rec.get("text", "")}}}}],
                "properties": {"tier": rec["tier"], "category": rec["category"],
                               "source": rec["source"]},
            }
            if rec.get("replacement") is not None:
                result["fixes"] = [{
                    "description": {"text": f"{rec['rule']}: {rec['tier']} fix"},
                    "artifactChanges": [{**loc, "replacements": [{
                        "deletedRegion": region,
                        "insertedContent": {"text": rec["replacement"]}}]}],
                }]
            self.results.append(result)

    def end(self, checked, counts, failed) -> None:
        run = {
            "tool": {"driver": {"name": "mtfix", "version": __version__,
                                "informationUri": "https://pypi.org/project/mtfix/",
                                "rules": self.rule_objs}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not self.notes,
                             "toolExecutionNotifications": self.notes}],
            "results": self.results,
        }
        click.echo(dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2))


# XML 1.0 allows tab, LF, CR and everything from U+0020 on, except the
# surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(s: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", s)


class JunitWriter(Writer):
    def __init__(self) -> None:
        self.suites: list = []
        self.tests = self.failures = self.errors = 0

    def file(self, res: FileResult) -> None:
        from xml.etree import ElementTree as ET

        if res.skipped is not None:
            return
        path = xml_text(res.path)
        suite = ET.Element("testsuite", name=path, file=path, time=f"{res.seconds:.3f}")
        if res.error is not None:
            case = ET.SubElement(suite, "testcase", name="read input", classname=path, file=path)
            ET.SubElement(case, "error", message=xml_text(res.error), type="input").text = xml_text(res.error)
            n, fails, errs = 1, 0, 1
        else:
            for rec in res.findings:
                case = ET.SubElement(suite, "testcase", classname=path, file=path, line=str(rec["line"]),
                                     name=xml_text(f"{rec['rule']} at {rec['line']}:{rec['column']}"))
                body = (f"{res.path}:{rec['line']}:{rec['column']}: {rec['tier']} {rec['category']} "
                        f"[{rec['rule']}] {proposal(rec)}")
                ET.SubElement(case, "failure", message=xml_text(proposal(rec)),
                              type=rec["tier"]).text = xml_text(body)
            n = fails = len(res.findings)
            errs = 0
        suite.set("tests", str(n))
        suite.set("failures", str(fails))
        suite.set("errors", str(errs))
        suite.set("skipped", "0")
        self.tests += n
        self.failures += fails
        self.errors += errs
        self.suites.append(ET.tostring(suite, encoding="unicode"))

    def end(self, checked, counts, failed) -> None:
        from xml.sax.saxutils import quoteattr

        head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name={quoteattr("mtfix")} '
                f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}">')
        click.echo("\n".join([head, *self.suites, "</testsuites>"]))
