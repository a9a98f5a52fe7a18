"""Many files in one run: folders, globs, failing inputs, --output-dir,
--in-place over a tree, --jobs, the progress line and the summary table."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED, run_mtfix

FAST = ("--no-lm", "--no-grammar")
BAD = "It was the general Mark Milley , the Chief.\n"
GOOD = "General Mark Milley, the Chief, spoke on Monday.\n"
FIXED = "It was General Mark Milley, the Chief.\n"


def _tree(root: Path) -> Path:
    arts = root / "arts"
    (arts / "sub" / "deep").mkdir(parents=True)
    (arts / ".git").mkdir()
    (arts / "a.txt").write_text(BAD)
    (arts / "b.md").write_text(GOOD)
    (arts / "sub" / "c.txt").write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nthe general Mark Milley , he said.")
    (arts / "sub" / "deep" / "d.txt").write_bytes("Le café ; the general Mark Milley , he said.\n"
                                                  .encode("cp1252"))
    (arts / ".git" / "HEAD").write_text(BAD)
    (arts / ".draft.txt").write_text(BAD)
    (arts / "a.txt.bak").write_text(BAD)
    (arts / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    return arts


def _jsonl(r) -> list[dict]:
    return [json.loads(line) for line in r.stdout.decode().splitlines()]


def test_a_folder_is_walked_in_order_skipping_hidden_backups_and_binary(tmp_path):
    _tree(tmp_path)
    r = run_mtfix("check", *FAST, "--format", "jsonl", "arts", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert [o["path"] for o in _jsonl(r)] == ["arts/a.txt", "arts/b.md", "arts/sub/c.txt",
                                             "arts/sub/deep/d.txt"]
    err = r.stderr.decode()
    assert "skipped 2 hidden entries (arts/.git, arts/.draft.txt)" in err
    assert "skipped 1 backup (*.bak) entry (arts/a.txt.bak)" in err
    assert "mtfix: arts/photo.jpg: skipped (binary)" in err
    assert "files: 5 (4 read, 0 failed, 1 skipped)" in err
    assert "Traceback" not in err


def test_include_and_exclude_globs(tmp_path):
    _tree(tmp_path)
    only_txt = run_mtfix("check", *FAST, "--format", "jsonl", "--include", "*.txt", "arts", cwd=tmp_path)
    assert [o["path"] for o in _jsonl(only_txt)] == ["arts/a.txt", "arts/sub/c.txt", "arts/sub/deep/d.txt"]
    no_sub = run_mtfix("check", *FAST, "--format", "jsonl", "--exclude", "sub", "--exclude", "*.md",
                       "arts", cwd=tmp_path)
    assert [o["path"] for o in _jsonl(no_sub)] == ["arts/a.txt"]
    by_path = run_mtfix("check", *FAST, "--format", "jsonl", "--include", "sub/deep/*", "arts", cwd=tmp_path)
    assert [o["path"] for o in _jsonl(by_path)] == ["arts/sub/deep/d.txt"]
    # A file named on the command line is read whatever the globs say.
    named = run_mtfix("check", *FAST, "--format", "jsonl", "--exclude", "*.txt", "arts/a.txt", cwd=tmp_path)
    assert [o["path"] for o in _jsonl(named)] == ["arts/a.txt"]


def test_results_equal_the_single_file_runs(tmp_path):
    """A batch reports each file exactly as checking it alone does."""
    _tree(tmp_path)
    batch = run_mtfix("check", *FAST, "--format", "json", "--jobs", "1", "arts", cwd=tmp_path)
    files = json.loads(batch.stdout)["files"]
    for f in files:
        alone = json.loads(run_mtfix("check", *FAST, "--format", "json", f["path"], cwd=tmp_path).stdout)
        assert alone["files"] == [f]


def test_a_failing_input_is_one_line_and_the_run_goes_on(tmp_path):
    _tree(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "utf16.txt").write_bytes("hello".encode("utf-16"))
    r = run_mtfix("check", *FAST, "missing.txt", "empty.txt", "arts/a.txt", "utf16.txt", "arts/b.md",
                  cwd=tmp_path)
    assert r.returncode == 2
    err = r.stderr.decode().splitlines()
    errors = [line for line in err if line.startswith("mtfix: error:")]
    assert errors == ["mtfix: error: missing.txt: no such file", "mtfix: error: empty.txt: input is empty",
                      "mtfix: error: utf16.txt: looks binary or UTF-16 (NUL bytes); mtfix reads UTF-8 "
                      "text (or give --encoding)"]
    out = r.stdout.decode()
    assert "arts/a.txt:1:8: safe titles [title-before-name]" in out
    assert "2 findings (2 safe) in 2 files" in out
    assert "files: 5 (2 read, 3 failed, 0 skipped)" in r.stderr.decode()


def test_exit_codes_over_many_files(tmp_path):
    (tmp_path / "g1.txt").write_text(GOOD)
    (tmp_path / "g2.txt").write_text(GOOD)
    (tmp_path / "bad.txt").write_text(BAD)
    assert run_mtfix("check", *FAST, "g1.txt", "g2.txt", cwd=tmp_path).returncode == 0
    assert run_mtfix("check", *FAST, "g1.txt", "bad.txt", cwd=tmp_path).returncode == 1
    assert run_mtfix("check", *FAST, "bad.txt", "nope.txt", cwd=tmp_path).returncode == 2
    (tmp_path / "empty").mkdir()
    r = run_mtfix("check", *FAST, "g1.txt", "empty", cwd=tmp_path)
    assert r.returncode == 2 and b"mtfix: error: empty: a folder with no files to read" in r.stderr


def test_stdin_among_files(tmp_path):
    (tmp_path / "g.txt").write_text(GOOD)
    r = run_mtfix("check", *FAST, "--format", "jsonl", "g.txt", "-", input=BAD.encode(), cwd=tmp_path)
    objs = _jsonl(r)
    assert [o["path"] for o in objs] == ["g.txt", "<stdin>"] and objs[1]["findings"]


def test_fix_output_dir_mirrors_the_tree_and_copies_bytes_exactly(tmp_path):
    arts = _tree(tmp_path)
    r = run_mtfix("fix", *FAST, "--output-dir", "clean", "arts", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "clean"
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a.txt", "b.md", "sub/c.txt", "sub/deep/d.txt"]
    for rel in written:
        alone = run_mtfix("fix", *FAST, arts / rel)
        assert (out / rel).read_bytes() == alone.stdout, rel
    assert (out / "a.txt").read_text() == FIXED
    assert (out / "sub" / "c.txt").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM, CRLF kept
    assert b"\r\n" in (out / "sub" / "c.txt").read_bytes()
    assert (out / "sub" / "deep" / "d.txt").read_bytes().decode("cp1252").startswith("Le café")
    assert (arts / "a.txt").read_text() == BAD  # the input is left alone
    assert b"fixes applied: " in r.stderr


def test_output_dir_inside_the_input_folder_is_not_walked(tmp_path):
    arts = _tree(tmp_path)
    for _ in range(2):
        r = run_mtfix("fix", *FAST, "--output-dir", arts / "clean", "arts", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    assert not (arts / "clean" / "clean").exists()
    assert (arts / "clean" / "a.txt").read_text() == FIXED


def test_output_dir_refuses_two_inputs_with_one_name_and_the_input_folder(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(BAD)
    r = run_mtfix("fix", *FAST, "--output-dir", "out", "x/a.txt", "y/a.txt", cwd=tmp_path)
    assert r.returncode == 2 and b"would both be written to" in r.stderr
    assert not (tmp_path / "out").exists()
    r = run_mtfix("fix", *FAST, "--output-dir", "x", "x", cwd=tmp_path)
    assert r.returncode == 2 and b"is the input folder" in r.stderr
    assert (tmp_path / "x" / "a.txt").read_text() == BAD


@pytest.mark.parametrize("args", [("a.txt", "b.txt"), ("arts",), ("-o", "out.txt", "a.txt", "b.txt")])
def test_many_inputs_to_stdout_or_one_output_file_are_refused(tmp_path, args):
    (tmp_path / "a.txt").write_text(BAD)
    (tmp_path / "b.txt").write_text(BAD)
    (tmp_path / "arts").mkdir()
    r = run_mtfix("fix", *FAST, *args, cwd=tmp_path)
    err = r.stderr.decode().splitlines()
    assert r.returncode == 2 and r.stdout == b""
    assert len(err) == 1 and err[0].startswith("mtfix: error:") and "--output-dir" in err[0]
    assert not (tmp_path / "out.txt").exists()


def test_fix_in_place_over_a_tree_keeps_backups_and_a_second_run_skips_them(tmp_path):
    arts = _tree(tmp_path)
    (arts / "a.txt.bak").unlink()
    r = run_mtfix("fix", *FAST, "--in-place", "arts", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (arts / "a.txt").read_text() == FIXED and (arts / "a.txt.bak").read_text() == BAD
    assert (arts / "b.md").read_text() == GOOD and not (arts / "b.md.bak").exists()
    assert b"mtfix: arts/a.txt: 2 fixes applied (backup: arts/a.txt.bak)" in r.stderr
    assert b"nothing to fix" not in r.stderr  # many files: the summary says it
    again = run_mtfix("fix", *FAST, "--in-place", "arts", cwd=tmp_path)
    assert again.returncode == 0 and b"applied (backup" not in again.stderr
    assert (arts / "a.txt.bak").read_text() == BAD


def test_fix_diff_over_many_files_applies_with_git_apply(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    arts = _tree(tmp_path)
    shutil.rmtree(arts / ".git")  # a .git folder makes arts/ a work tree of its own
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    r = run_mtfix("fix", *FAST, "--diff", "arts", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.count(b"diff --git") == 3
    subprocess.run(["git", "apply", "-"], input=r.stdout, cwd=tmp_path, check=True)
    assert (arts / "a.txt").read_text() == FIXED


@pytest.mark.parametrize("cmd", ["check", "fix"])
def test_jobs_two_gives_the_same_results_as_jobs_one(tmp_path, cmd):
    arts = _tree(tmp_path)
    for i in range(6):
        (arts / f"n{i}.txt").write_text((BAD if i % 2 else GOOD) * (i + 1))
    outs = []
    for jobs in ("1", "2"):
        if cmd == "check":
            r = run_mtfix("check", *FAST, "--format", "jsonl", "--jobs", jobs, "arts", cwd=tmp_path)
            assert r.returncode == 1, r.stderr
            outs.append(r.stdout)
        else:
            r = run_mtfix("fix", *FAST, "--jobs", jobs, "--output-dir", f"out{jobs}", "arts", cwd=tmp_path)
            assert r.returncode == 0, r.stderr
            d = tmp_path / f"out{jobs}"
            outs.append({str(p.relative_to(d)): p.read_bytes() for p in d.rglob("*") if p.is_file()})
    assert outs[0] == outs[1] and outs[0]


def test_one_engine_for_the_whole_run(tmp_path, monkeypatch):
    """--jobs 1: the rules, the model and LanguageTool load once, not per file."""
    from click.testing import CliRunner

    from mtfix.cli import common
    from mtfix.cli.app import main

    built = []

    class Counting(common.Engine):
        def __init__(self, *a, **k):
            built.append(1)
            super().__init__(*a, **k)

    monkeypatch.setattr(common, "Engine", Counting)
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(BAD)
    r = CliRunner().invoke(main, ["check", *FAST, "--jobs", "1", str(tmp_path)])
    assert r.exit_code == 1 and len(built) == 1


def test_no_progress_line_without_a_terminal_and_no_table_with_quiet(tmp_path):
    _tree(tmp_path)
    r = run_mtfix("check", *FAST, "arts", cwd=tmp_path)
    assert b"\r" not in r.stderr and b"ETA" not in r.stderr and b"per class and tier" in r.stderr
    q = run_mtfix("check", *FAST, "--quiet", "arts", cwd=tmp_path)
    assert b"per class and tier" not in q.stderr and q.stdout == r.stdout
    single = run_mtfix("check", *FAST, "arts/a.txt", cwd=tmp_path)
    assert b"per class and tier" not in single.stderr


def test_the_progress_line_on_a_terminal(monkeypatch):
    from mtfix.cli.progress import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    p = Progress(3, enabled=err.isatty())
    for found in (2, 0, 1):
        p.step(found)
    assert "3/3 files, 3 findings" in err.getvalue() and "files/s, ETA 0:00" in err.getvalue()
    p.clear()
    assert err.getvalue().endswith("\r\x1b[K")
    assert not Progress(1, enabled=True).enabled  # one file: nothing to show


def test_summary_table_counts_classes_and_tiers():
    from collections import Counter

    from mtfix.cli.progress import summary_table

    table = summary_table(Counter({("safe", "titles"): 2, ("review", "titles"): 1, ("safe", "typography"): 4}),
                          files=3, checked=2, failed=1, skipped=0, seconds=2.0, fixes=6)
    lines = table.splitlines()
    assert lines[0] == "fixes applied per class and tier:"
    assert lines[1].split() == ["class", "safe", "suggested", "review", "total"]
    assert lines[2].split() == ["typography", "4", "0", "0", "4"]
    assert lines[3].split() == ["titles", "2", "0", "1", "3"]
    assert lines[4].split() == ["total", "6", "0", "1", "7"]
    assert lines[5].startswith("files: 3 (2 read, 1 failed, 0 skipped); fixes applied: 6; 2.00 s")


@pytest.mark.slow
def test_jobs_two_with_the_model_gives_the_same_results_as_jobs_one(tmp_path):
    """Each worker loads its own model; the findings, tiers and LM margins do not
    depend on which process scored them."""
    from mtfix.lm.ranker import lm_available
    from mtfix.settings import LMSettings

    ok, why = lm_available(LMSettings(enabled=True))
    if not ok:
        pytest.skip(why)
    text = SEED.read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()]
    for i in range(4):
        (tmp_path / f"part{i}.txt").write_text("\n\n".join(paras[i::4]) + "\n", encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        r = run_mtfix("check", "--lm", "--no-grammar", "--format", "jsonl", "--jobs", jobs, tmp_path)
        assert r.returncode in (0, 1), r.stderr
        outs.append(_jsonl(r))
    assert outs[0] == outs[1]
    assert any(f.get("evidence", {}).get("lm_margin") is not None for o in outs[0] for f in o["findings"])


def test_fix_jsonl_reports_each_file_where_it_went(tmp_path):
    _tree(tmp_path)
    r = run_mtfix("fix", *FAST, "--format", "jsonl", "--output-dir", "clean", "arts", "nope.txt",
                  cwd=tmp_path)
    assert r.returncode == 2
    objs = _jsonl(r)
    assert objs[0] == {"path": "arts/a.txt", "output": "clean/a.txt", "applied": 2,
                       "by_class": {"titles": 1, "typography": 1}}
    assert objs[1]["applied"] == 0 and objs[-1] == {"path": "nope.txt", "error": "nope.txt: no such file"}
    assert [o["path"] for o in objs] == ["arts/a.txt", "arts/b.md", "arts/sub/c.txt", "arts/sub/deep/d.txt",
                                         "nope.txt"]
    refused = run_mtfix("fix", *FAST, "--format", "jsonl", "arts/a.txt", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stdout == b"" and b"--format jsonl" in refused.stderr


def _invoke(*args):
    """The command line in this process (a monkeypatch reaches it), as in the fast tier."""
    from click.testing import CliRunner

    from mtfix.cli.app import main

    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
def test_workers_started_with_spawn_give_the_same_results(tmp_path, monkeypatch):
    """Where fork is not safe (torch already loaded, macOS) the workers are
    spawned: fresh interpreters that build their engine from the flags alone."""
    import multiprocessing

    from mtfix.cli import batch

    arts = _tree(tmp_path)
    expected = _invoke("check", *FAST, "--format", "jsonl", "--jobs", "1", arts)
    monkeypatch.setattr(batch, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = _invoke("check", *FAST, "--format", "jsonl", "--jobs", "2", arts)
    assert spawned.exit_code == expected.exit_code == 1
    assert spawned.stdout == expected.stdout


def test_a_folder_that_cannot_be_listed_is_a_failed_input(tmp_path, monkeypatch):
    """(Root reads every folder, so the refusal is simulated.)"""
    from mtfix.cli import walk

    (tmp_path / "ok.txt").write_text(BAD)
    real = walk.os.walk

    def refusing(root, onerror=None, **kw):
        onerror(PermissionError(13, "Permission denied", os.path.join(root, "locked")))
        yield from real(root, onerror=onerror, **kw)

    monkeypatch.setattr(walk.os, "walk", refusing)
    r = _invoke("check", *FAST, "--jobs", "1", tmp_path)
    assert r.exit_code == 2
    assert f"mtfix: error: {tmp_path}/locked: cannot list the folder: Permission denied" in r.stderr
    assert "ok.txt:1:8: safe titles" in r.stdout
