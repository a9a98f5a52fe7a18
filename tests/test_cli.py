"""The CLI contracts: exit codes, formats, stdin, -o, --in-place, --diff."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import SEED, run_mtfix

FAST = ("--no-lm", "--no-grammar")
BAD = "It was the general Mark Milley , the Chief.\n"
GOOD = "General Mark Milley, the Chief, spoke on Monday.\n"


def test_exit_codes(cli, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(GOOD)
    bad.write_text(BAD)
    assert cli("check", *FAST, good).exit_code == 0
    assert cli("check", *FAST, bad).exit_code == 1
    assert cli("check", *FAST, tmp_path / "missing.txt").exit_code == 2
    assert cli("check", *FAST, "--format", "yaml", good).exit_code == 2
    assert cli("check", *FAST).exit_code == 2  # no path


def test_json_contract(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title\n\nIt was the general Mark Milley , the Chief.\n")
    r = cli("check", *FAST, "--format", "json", p)
    assert r.exit_code == 1
    data = json.loads(r.output)
    (file,) = data["files"]
    assert file["path"] == str(p)
    keys = {"rule", "category", "tier", "source", "start", "end", "line", "column", "message",
            "replacement"}
    text = p.read_text()
    for f in file["findings"]:
        assert keys <= set(f)
        assert f["tier"] in ("safe", "suggested", "review")
        assert 0 <= f["start"] <= f["end"] <= len(text)
        line_start = sum(len(l) + 1 for l in text.split("\n")[: f["line"] - 1])
        assert line_start + f["column"] - 1 == f["start"]
    comma = next(f for f in file["findings"] if f["rule"] == "space-before-comma")
    assert text[comma["start"]:comma["end"]] == " " and comma["replacement"] == ""
    title = next(f for f in file["findings"] if f["rule"] == "title-before-name")
    assert text[title["start"]:title["end"]] == "the general " and title["replacement"] == "General "


def test_json_offsets_ignore_bom_and_keep_crlf(cli, tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nthe general Mark Milley , he said.\r\n")
    data = json.loads(cli("check", *FAST, "--format", "json", p).output)
    text = p.read_bytes()[3:].decode()
    for f in data["files"][0]["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
    comma = next(f for f in data["files"][0]["findings"] if f["rule"] == "space-before-comma")
    assert comma["start"] == text.index(" ,") and comma["line"] == 3


def test_stdin(cli):
    r = cli("check", *FAST, "-", input=BAD.encode())
    assert r.exit_code == 1 and "<stdin>:1:" in r.output
    r = cli("fix", *FAST, "-", input=BAD.encode())
    assert r.exit_code == 0 and r.stdout_bytes == b"It was General Mark Milley, the Chief.\n"


def test_fix_to_stdout_and_output_file(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD)
    r = cli("fix", *FAST, p)
    assert r.stdout_bytes == b"It was General Mark Milley, the Chief.\n"
    out = tmp_path / "out.txt"
    assert cli("fix", *FAST, p, "-o", out).exit_code == 0
    assert out.read_bytes() == r.stdout_bytes
    assert p.read_text() == BAD


def test_in_place_is_atomic_with_backup(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD)
    p.chmod(0o640)
    r = cli("fix", *FAST, "--in-place", p)
    assert r.exit_code == 0
    assert p.read_text() == "It was General Mark Milley, the Chief.\n"
    assert (tmp_path / "a.txt.bak").read_text() == BAD
    assert oct(p.stat().st_mode & 0o777) == oct(0o640)
    assert oct((tmp_path / "a.txt.bak").stat().st_mode & 0o777) == oct(0o640)  # not 0600
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt", "a.txt.bak"]  # no temp left
    assert cli("fix", *FAST, "--in-place", "-").exit_code == 2


def test_in_place_writes_through_a_symlink(cli, tmp_path):
    """An article kept under a link is changed where it lives; the link stays."""
    (tmp_path / "real.txt").write_text(BAD)
    (tmp_path / "link.txt").symlink_to("real.txt")
    r = cli("fix", *FAST, "--in-place", tmp_path / "link.txt")
    assert r.exit_code == 0 and "2 fixes applied" in r.output
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text() == "It was General Mark Milley, the Chief.\n"
    assert (tmp_path / "real.txt.bak").read_text() == BAD


@pytest.mark.parametrize("target", ["missing-folder/out.txt", "."])
def test_output_that_cannot_be_written_is_one_line_and_exit_2(target, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(BAD)
    r = run_mtfix("fix", *FAST, "a.txt", "-o", target)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert err.startswith(f"mtfix: error: {target}: ") and err.count("\n") == 1, err
    r = run_mtfix("report", *FAST, "a.txt", "-o", target)
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def test_suggested_flag(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("An area that Kurdistan is disputing to federal authorities.\n")
    assert cli("fix", *FAST, p).stdout_bytes == p.read_bytes()
    assert b"disputing with federal" in cli("fix", *FAST, "--suggested", p).stdout_bytes


def test_select_and_ignore(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD)
    only_typo = cli("fix", *FAST, "--select", "typography", p).stdout_bytes
    assert only_typo == b"It was the general Mark Milley, the Chief.\n"
    no_titles = cli("fix", *FAST, "--ignore", "title-before-name", p).stdout_bytes
    assert no_titles == only_typo


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
@pytest.mark.parametrize("content", [
    None,  # the seed article itself: no trailing newline, curly apostrophe
    b"Title\r\n\r\nthe general Mark Milley , the Chief.\r\nLast line , here",
    b"\xef\xbb\xbfthe general Mark Milley , x.\n\nRead also Something Big Happened\n\nEnd.\n",
])
def test_diff_applies_with_git_apply(tmp_path, content):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    target = repo / "article.txt"
    target.write_bytes(SEED.read_bytes() if content is None else content)
    fixed = run_mtfix("fix", *FAST, "article.txt", cwd=repo)
    diff = run_mtfix("fix", *FAST, "--diff", "article.txt", cwd=repo)
    assert fixed.returncode == 0 and diff.returncode == 0, diff.stderr
    assert diff.stdout.startswith(b"diff --git a/article.txt b/article.txt\n")
    (tmp_path / "p.diff").write_bytes(diff.stdout)
    subprocess.run(["git", "apply", "--check", str(tmp_path / "p.diff")], cwd=repo, check=True)
    subprocess.run(["git", "apply", str(tmp_path / "p.diff")], cwd=repo, check=True)
    assert target.read_bytes() == fixed.stdout
    # patch -p1 accepts it too
    target.write_bytes(SEED.read_bytes() if content is None else content)
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", "-p1", "-i", str(tmp_path / "p.diff")], cwd=repo, check=True)
        assert target.read_bytes() == fixed.stdout


def test_diff_is_empty_when_nothing_to_fix(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    r = cli("fix", *FAST, "--diff", p)
    assert r.exit_code == 0 and r.stdout_bytes == b""


def test_real_process_help_is_fast_and_lazy():
    r = run_mtfix("check", "--help")
    assert r.returncode == 0 and b"--format" in r.stdout
    import sys
    probe = ("import sys, mtfix.cli, mtfix.engine, mtfix.rules; "
             "print(any(m in sys.modules for m in ('torch', 'transformers', 'language_tool_python')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.strip() == "False"
