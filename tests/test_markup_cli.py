"""`mtfix check` and `mtfix fix` on HTML and Markdown files (issue #15 §1, §4).

Formats by extension or `--input-format`; findings reported at their line and
column in the source file; `fix` changes only text and whole elements, is
idempotent, and its `--diff` applies with `git apply`."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_mtfix

DATA = Path(__file__).resolve().parent / "data" / "markup"
RULES = ("--no-lm", "--no-grammar")


@pytest.mark.parametrize("name", ["seed.html", "seed.md"])
def test_check_reports_source_offsets(name):
    src = (DATA / name).read_text(encoding="utf-8")
    r = run_mtfix("check", *RULES, "--format", "json", "--jobs", "1", DATA / name)
    assert r.returncode == 1, r.stderr
    findings = json.loads(r.stdout)["files"][0]["findings"]
    assert findings
    for f in findings:
        lines = src[:f["start"]].split("\n")
        assert (f["line"], f["column"]) == (len(lines), len(lines[-1]) + 1)
    quote = next(f for f in findings if f["rule"] == "quote-capital")
    assert src[quote["start"]:quote["end"]] == "S"


@pytest.mark.parametrize("name", ["seed.html", "seed.md"])
def test_fix_diff_applies_with_git_and_fix_is_idempotent(tmp_path, name):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    work = tmp_path / name
    shutil.copy(DATA / name, work)
    fixed = run_mtfix("fix", *RULES, work)
    assert fixed.returncode == 0, fixed.stderr
    patch = run_mtfix("fix", *RULES, "--diff", name, cwd=tmp_path)
    assert patch.returncode == 0 and b"\n--- a/" in patch.stdout, patch.stderr
    subprocess.run(["git", "apply", "-"], input=patch.stdout, cwd=tmp_path, check=True)
    assert work.read_bytes() == fixed.stdout
    again = run_mtfix("fix", *RULES, work)
    assert again.stdout == fixed.stdout  # fixing the fixed source changes nothing


def test_stdin_needs_the_flag():
    html = b"<p>He met the general Mark Milley , the chief.</p>\n"
    as_text = run_mtfix("fix", *RULES, "-", input=html)
    as_html = run_mtfix("fix", *RULES, "--input-format", "html", "-", input=html)
    assert as_html.stdout == b"<p>He met General Mark Milley, the chief.</p>\n", as_html.stderr
    assert as_text.returncode == 0


def test_a_fix_that_would_cut_markup_is_refused_and_said(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<p>He met <b>the general</b> Mark Milley on Monday.</p>\n", encoding="utf-8")
    r = run_mtfix("fix", *RULES, page)
    assert r.returncode == 0
    assert r.stdout == page.read_bytes()  # nothing half-applied
    assert b"not applied" in r.stderr and b"in the html" in r.stderr


def test_folder_of_mixed_formats(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(DATA / "seed.html", tmp_path / "in" / "a.html")
    shutil.copy(DATA / "seed.md", tmp_path / "in" / "b.md")
    r = run_mtfix("fix", *RULES, "--jobs", "1", "--output-dir", tmp_path / "out", tmp_path / "in")
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    md = (tmp_path / "out" / "b.md").read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in html and "Read also" not in html and "of General Mark Milley," in html
    assert md.startswith("---\ntitle:") and "Read also" not in md and "of General Mark Milley," in md


def test_html_that_cannot_be_mapped_exactly_is_refused(tmp_path):
    page = tmp_path / "bad.html"
    page.write_bytes(b"<p>&#x;bad &#; the 1st October</p>\n")
    r = run_mtfix("fix", *RULES, "--in-place", page)
    assert r.returncode == 2
    assert r.stderr.count(b"\n") == 1 and b"cannot be mapped exactly" in r.stderr
    assert page.read_bytes() == b"<p>&#x;bad &#; the 1st October</p>\n"  # untouched, no backup
    assert not list(tmp_path.glob("*.bak"))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_fix_diff_applies_with_git_on_generated_documents(tmp_path):
    """`fix --diff` of generated HTML and Markdown documents applies with `git apply`
    and gives what `fix` prints (hypothesis, a few examples: each runs git)."""
    from hypothesis import given, settings, HealthCheck

    from test_markup import html_documents, markdown_documents

    counter = iter(range(10_000))

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(doc=st_one_of(html_documents(), markdown_documents()))
    def run(doc):
        src, ext = doc
        work = tmp_path / f"d{next(counter)}"
        work.mkdir()
        name = f"a.{ext}"
        (work / name).write_text(src, encoding="utf-8")
        fixed = run_mtfix("fix", *RULES, work / name)
        if fixed.returncode == 2:
            return  # refused whole: nothing to apply
        patch = run_mtfix("fix", *RULES, "--diff", name, cwd=work)
        if patch.stdout:
            subprocess.run(["git", "apply", "-"], input=patch.stdout, cwd=work, check=True)
        assert (work / name).read_bytes() == fixed.stdout

    run()


def st_one_of(html, md):
    from hypothesis import strategies as st

    return st.one_of(html.map(lambda d: (d, "html")), md.map(lambda d: (d, "md")))
