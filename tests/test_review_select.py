"""Scriptable selection: `--select` / `--ignore` by rule id, category or `prefix*`,
on `mtfix fix` (and the same options on review and report)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import DATA, run_mtfix

FAST = ("--no-lm", "--no-grammar", "--no-builtin")
PACK = (DATA / "review-pack.yaml").read_text(encoding="utf-8")
TEXT = "The colour , the colour.\nIt was imputed to Israel , they said.\n"


@pytest.fixture
def art(tmp_path, monkeypatch):
    monkeypatch.setenv("MTFIX_DECISIONS_DB", str(tmp_path / "log.sqlite3"))
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "mini.yaml").write_text(PACK, encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def fix(art, *args) -> str:
    r = run_mtfix("fix", *FAST, "--rules", art.parent / "pack", *args, art)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode()


@pytest.mark.parametrize("args, expected", [
    ((), "The color, the color.\nIt was imputed to Israel, they said.\n"),
    (("--select", "colour-us"), "The color , the color.\nIt was imputed to Israel , they said.\n"),
    (("--select", "typography"), "The colour, the colour.\nIt was imputed to Israel, they said.\n"),
    (("--select", "colour-us,typography"), "The color, the color.\nIt was imputed to Israel, they said.\n"),
    (("--select", "colour-us", "--select", "space-comma"),
     "The color, the color.\nIt was imputed to Israel, they said.\n"),
    (("--select", "col*"), "The color , the color.\nIt was imputed to Israel , they said.\n"),
    (("--ignore", "custom"), "The colour, the colour.\nIt was imputed to Israel, they said.\n"),
    (("--ignore", "space-comma", "--suggested"),
     "The color , the color.\nIt was attributed to Israel , they said.\n"),
    (("--select", "calques", "--suggested"),
     "The colour , the colour.\nIt was attributed to Israel , they said.\n"),
    (("--select", "custom,calques", "--ignore", "colour-us", "--suggested"),
     "The colour , the colour.\nIt was attributed to Israel , they said.\n"),
    (("--select", "no-such-rule"), TEXT),
])
def test_fix_select_ignore(art, args, expected):
    assert fix(art, *args) == expected


def test_a_name_that_matches_nothing_is_reported(art):
    """A misspelt --select would otherwise silently fix nothing."""
    r = run_mtfix("fix", *FAST, "--rules", art.parent / "pack", "--select", "typografy,calques", art)
    assert r.returncode == 0
    assert "--select typografy: no rule or category of that name" in r.stderr.decode()
    assert "calques" not in r.stderr.decode()
    r = run_mtfix("fix", *FAST, "--rules", art.parent / "pack", "--ignore", "col*,lt:*", art)
    assert r.stderr.decode() == ""


def test_select_diff_and_in_place(art):
    r = run_mtfix("fix", *FAST, "--rules", art.parent / "pack", "--select", "typography", "--diff", art)
    patch = r.stdout.decode()
    body = [l for l in patch.splitlines() if l[:1] in "+-" and l[:3] not in ("---", "+++")]
    assert body == ["-The colour , the colour.", "-It was imputed to Israel , they said.",
                    "+The colour, the colour.", "+It was imputed to Israel, they said."]
    r = run_mtfix("fix", *FAST, "--rules", art.parent / "pack", "--ignore", "typography", "-i", art)
    assert r.returncode == 0
    assert art.read_text(encoding="utf-8") == "The color , the color.\nIt was imputed to Israel , they said.\n"


def test_check_review_and_report_honour_select(art, tmp_path):
    r = run_mtfix("check", *FAST, "--rules", art.parent / "pack", "--select", "calques",
                  "--format", "json", art)
    rules = {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert rules == {"imputed"}
    r = run_mtfix("review", *FAST, "--rules", art.parent / "pack", "--ignore", "custom,calques",
                  art, input=b"a\n")
    assert "2 changes to review (2 safe)" in r.stdout.decode()
    assert art.read_text(encoding="utf-8") == "The colour, the colour.\nIt was imputed to Israel, they said.\n"
    html = tmp_path / "r.html"
    run_mtfix("report", *FAST, "--rules", art.parent / "pack", "--select", "colour-us", art, "-o", html)
    data = re.search(r'id="mtfix-data">(.*?)</script>', html.read_text(encoding="utf-8"), re.S).group(1)
    assert {c["rule"] for c in json.loads(data)["changes"]} == {"colour-us"}
