"""Bad and unusual input: a clear one-line message and exit 2, never a traceback;
good input of every shape comes through byte for byte outside the fixes."""
from __future__ import annotations

import pytest

from conftest import run_mtfix

FAST = ("--no-lm", "--no-grammar")


def _one_line_error(proc):
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("mtfix: error:"), err
    return lines[0]


@pytest.mark.parametrize("name,data,needle", [
    ("empty.txt", b"", "empty"),
    ("binary.bin", bytes(range(256)) * 4, "binary"),
    ("png.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50, "binary"),
    ("utf16.txt", "hello world".encode("utf-16"), "UTF-16"),
    ("undecodable.txt", b"caf\xe9 \x81\x8d\x8f ok", "--encoding"),
])
def test_bad_input_files(tmp_path, name, data, needle):
    p = tmp_path / name
    p.write_bytes(data)
    for cmd in ("check", "fix"):
        line = _one_line_error(run_mtfix(cmd, *FAST, p))
        assert needle in line


def test_blank_input_is_nothing_to_fix(tmp_path):
    """Whitespace only (what an all-residue article fixes to) is text with
    nothing in it: check finds nothing, fix gives it back unchanged, so fixing
    the output of fix always succeeds (issue #11, item 19)."""
    p = tmp_path / "blank.txt"
    p.write_bytes(b"  \n\n")
    assert run_mtfix("check", *FAST, p).returncode == 0
    out = run_mtfix("fix", *FAST, p)
    assert out.returncode == 0 and out.stdout == b"  \n\n"


def test_an_all_residue_article_fixes_twice(tmp_path):
    p = tmp_path / "residue.txt"
    p.write_bytes(b"Read also Macron visits Lyon\n\nLEAVE A REPLY\n\nPlease enter your comment!\n"
                  b"Please enter your name here\n")
    first = run_mtfix("fix", *FAST, p)
    assert first.returncode == 0 and not first.stdout.strip()
    (tmp_path / "out.txt").write_bytes(first.stdout)
    second = run_mtfix("fix", *FAST, tmp_path / "out.txt")
    assert second.returncode == 0 and second.stdout == first.stdout


def test_missing_file_and_directory(tmp_path):
    assert "no such file" in _one_line_error(run_mtfix("check", *FAST, tmp_path / "nope.txt"))
    assert "directory" in _one_line_error(run_mtfix("fix", *FAST, tmp_path))


def test_huge_input(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"word " * (5 * 1024 * 1024))
    assert "too large" in _one_line_error(run_mtfix("check", *FAST, p))


def test_bad_encoding_name(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("hello.\n")
    assert "unknown encoding" in _one_line_error(run_mtfix("check", *FAST, "--encoding", "nope", p))


def test_cp1252_is_detected_and_written_back_as_cp1252(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le café ; the general Mark Milley , he said.\n".encode("cp1252"))
    r = run_mtfix("fix", *FAST, p)
    assert r.returncode == 0
    assert b"cp1252" in r.stderr
    assert r.stdout == "Le café; General Mark Milley, he said.\n".encode("cp1252")
    forced = run_mtfix("fix", *FAST, "--encoding", "latin-1", p)
    assert forced.stdout == r.stdout and b"cp1252" not in forced.stderr


def test_bom_crlf_and_missing_final_newline_survive(tmp_path):
    raw = b"\xef\xbb\xbfTitle\r\n\r\nthe general Mark Milley , he said.\r\nNo newline at end"
    p = tmp_path / "a.txt"
    p.write_bytes(raw)
    r = run_mtfix("fix", *FAST, p)
    assert r.stdout == b"\xef\xbb\xbfTitle\r\n\r\nGeneral Mark Milley, he said.\r\nNo newline at end"


def test_malformed_rule_file(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("rules:\n  - id: x\n    message: m\n    pattern: '(unclosed'\n"
                                    "    replacement: ''\n")
    text = tmp_path / "a.txt"
    text.write_text("hello.\n")
    line = _one_line_error(run_mtfix("check", *FAST, "--rules", rules, text))
    assert "bad.yaml:4" in line and "regular expression" in line


def test_interrupted_in_place_write_leaves_original(tmp_path, monkeypatch):
    from mtfix import textio

    p = tmp_path / "a.txt"
    p.write_text("original\n")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(textio.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        textio.write_atomic(p, b"new\n", None)
    assert p.read_text() == "original\n"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]
