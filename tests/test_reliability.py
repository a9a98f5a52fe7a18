"""Reliability (issue #11): no input, race or fault loses or corrupts an article.

Each test reproduces a break found by probing mtfix as a QA engineer would
and checks the promise now holds. Rules only (``--no-lm --no-grammar``):
these are about files, bytes and processes, not about detection.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, run_mtfix

from mtfix.errors import InputError, OutputError
from mtfix.textio import decode, read_source, write_atomic

FAST = ("--no-lm", "--no-grammar")
ARTICLE = ("The minister said : \"We will act\" on Monday.\n\n"
           "The opposition welcomed the decision , calling it overdue.\n")
FIXED = ("The minister said: \"We will act\" on Monday.\n\n"
         "The opposition welcomed the decision, calling it overdue.\n")


# -- 3. backups come from the bytes that were read ------------------------------

def test_backup_holds_the_bytes_read_even_if_the_file_changed_on_disk(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"original text\n")
    src = read_source(str(p))
    p.write_bytes(b"someone else wrote this\n")
    with pytest.raises(OutputError, match="changed since mtfix read it"):
        write_atomic(p, b"fixed\n", ".bak", original=src.raw)
    assert p.read_bytes() == b"someone else wrote this\n"
    assert not (tmp_path / "a.txt.bak").exists()


def test_backup_is_written_from_the_original_bytes(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"original\n")
    src = read_source(str(p))
    bak = write_atomic(p, b"fixed\n", ".bak", original=src.raw)
    assert bak.read_bytes() == b"original\n" and p.read_bytes() == b"fixed\n"


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
def test_concurrent_in_place_fixes_never_lose_the_original(tmp_path):
    """Two `fix -i` on one file at once: one wins, the other refuses; the
    backup always holds the original (5 of 10 trials lost it before)."""
    for trial in range(4):
        p = tmp_path / f"art{trial}.txt"
        p.write_text(ARTICLE, encoding="utf-8")
        procs = [subprocess.Popen([sys.executable, "-m", "mtfix", "fix", "-i", *FAST, str(p)],
                                  env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        codes = sorted(pr.wait(timeout=120) for pr in procs)
        assert codes[0] == 0 and codes[1] in (0, 2), codes
        assert p.read_text(encoding="utf-8") == FIXED
        assert (tmp_path / f"art{trial}.txt.bak").read_text(encoding="utf-8") == ARTICLE


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_failed_in_place_write_keeps_the_earlier_backup(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    p = folder / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    (folder / "a.txt.bak").write_text("the first original\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        out = run_mtfix("fix", "-i", *FAST, p)
    finally:
        folder.chmod(0o755)
    assert out.returncode == 2
    assert (folder / "a.txt.bak").read_text(encoding="utf-8") == "the first original\n"


def test_a_failed_replace_restores_the_earlier_backup(tmp_path, monkeypatch):
    """The replace of the file itself fails (as for an immutable file): the
    backup that was there before comes back, byte for byte."""
    import mtfix.textio as textio

    p = tmp_path / "a.txt"
    p.write_bytes(b"current\n")
    (tmp_path / "a.txt.bak").write_bytes(b"older backup\n")
    real = os.replace

    def failing(a, b):
        if Path(b) == p:
            raise PermissionError(1, "Operation not permitted")
        return real(a, b)

    monkeypatch.setattr(textio.os, "replace", failing)
    with pytest.raises(OutputError, match="Operation not permitted"):
        write_atomic(p, b"fixed\n", ".bak", original=b"current\n")
    monkeypatch.setattr(textio.os, "replace", real)
    assert p.read_bytes() == b"current\n"
    assert (tmp_path / "a.txt.bak").read_bytes() == b"older backup\n"
    assert not list(tmp_path.glob("*.mtfix-tmp"))


# -- 4. an output path that is the input --------------------------------------

@pytest.mark.parametrize("cmd", [("fix",), ("report",)])
def test_output_that_is_the_input_is_refused(tmp_path, cmd):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    out = run_mtfix(*cmd, *FAST, "-o", p, p)
    assert out.returncode == 2
    assert b"is the input file" in out.stderr
    assert p.read_text(encoding="utf-8") == ARTICLE


def test_output_through_a_hard_link_to_the_input_is_refused(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    os.link(p, tmp_path / "b.txt")
    out = run_mtfix("fix", *FAST, "-o", tmp_path / "b.txt", p)
    assert out.returncode == 2 and p.read_text(encoding="utf-8") == ARTICLE


# -- 5. one stray byte does not make a UTF-8 file cp1252 -----------------------

def test_a_stray_byte_keeps_the_file_utf8_and_round_trips():
    data = "L’équipe a gagné 3 € — “bravo” 🎉\n".encode() + b"broken \xff byte\n"
    src = decode(data, "x.txt")
    assert src.encoding == "utf-8" and src.stray_bytes == 1
    assert "’" in src.text and "€" in src.text
    assert src.encode(src.text) == data
    assert "invalid UTF-8" in src.notice


def test_fix_leaves_valid_utf8_alone_around_a_stray_byte(tmp_path):
    data = ("Le ministre a dit « oui » , puis l’équipe a gagné 3 €.\n").encode() + b"\xe9t\xe9 \n"
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    out = run_mtfix("fix", *FAST, p)
    assert out.returncode == 0, out.stderr
    assert "l’équipe".encode() in out.stdout and "3 €".encode() in out.stdout
    assert b"\xe9t\xe9" in out.stdout  # the stray bytes are written back as they were
    assert "â€".encode() not in out.stdout


def test_a_real_cp1252_file_is_still_read_as_cp1252():
    src = decode("café déjà vu\n".encode("cp1252"), "x.txt")
    assert src.encoding == "cp1252" and src.text == "café déjà vu\n"


# -- 9. FIFOs: no hang, no second read -------------------------------------------

def test_check_on_a_fifo_without_writer_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = run_mtfix("check", *FAST, fifo)
    assert out.returncode == 2 and b"empty" in out.stderr


def _through_a_fifo(tmp_path, *args):
    """``mtfix ARGS FIFO`` while a thread writes the article into the FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as fh:
            fh.write(ARTICLE.encode())

    t = threading.Thread(target=write)
    t.start()
    out = run_mtfix(*args, fifo)
    t.join(timeout=30)
    return out


def test_check_reads_a_fifo_with_a_writer(tmp_path):
    out = _through_a_fifo(tmp_path, "check", *FAST)
    assert out.returncode == 1, out.stderr


def test_in_place_on_a_fifo_is_refused(tmp_path):
    out = _through_a_fifo(tmp_path, "fix", "-i", *FAST)
    assert out.returncode == 2 and b"regular file" in out.stderr


# -- 13. stdout errors -------------------------------------------------------------

@pytest.mark.parametrize("args", [("check",), ("fix",), ("fix", "--diff")])
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(tmp_path, args):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE * 50, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        out = subprocess.run([sys.executable, "-m", "mtfix", *args, *FAST, str(p)], stdout=full,
                             stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                             timeout=120)
    assert out.returncode == 2, out.stderr
    assert b"Traceback" not in out.stderr
    assert out.stderr.count(b"\n") == 1 and b"No space left" in out.stderr


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
def test_a_closed_pipe_ends_quietly(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE * 400, encoding="utf-8")
    cmd = f"{sys.executable} -m mtfix check {' '.join(FAST)} {p} | head -1"
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, timeout=120,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert b"Traceback" not in out.stderr and b"Error" not in out.stderr, out.stderr


# -- 15. encodings -----------------------------------------------------------------

@pytest.mark.parametrize("enc", ["rot13", "unicode_escape", "base64", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(enc):
    with pytest.raises(InputError):
        decode(b"caf\xc3\xa9 \\n text\n", "x.txt", enc)


def test_pythonioencoding_latin1_does_not_crash_check(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("L’équipe a dit : « non » .\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mtfix", "check", *FAST, str(p)], capture_output=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="latin-1"),
                         timeout=120)
    assert out.returncode == 1 and b"Traceback" not in out.stderr


# -- 20. smaller breaks --------------------------------------------------------------

def test_a_new_output_file_gets_the_umask_permissions(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    old = os.umask(0o022)
    try:
        out = run_mtfix("fix", *FAST, "-o", tmp_path / "new.txt", p)
    finally:
        os.umask(old)
    assert out.returncode == 0
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_a_nul_byte_anywhere_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"a" * 10000 + b"\x00" + b"b\n", "x.txt")


def test_oversize_stdin_says_more_than_the_limit():
    with pytest.raises(InputError, match="more than 1 MiB"):
        decode(b"a" * (1048576 + 1), "-", max_bytes=1048576)


def test_leftover_temp_files_of_a_killed_run_are_cleaned(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"x\n")
    dead = tmp_path / ".a.txt.999999999.abc.mtfix-tmp"
    dead.write_bytes(b"half")
    write_atomic(p, b"y\n", None)
    assert not dead.exists() and p.read_bytes() == b"y\n"


def test_in_place_on_a_hard_linked_file_says_so(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    os.link(p, tmp_path / "other.txt")
    out = run_mtfix("fix", "-i", *FAST, p)
    assert out.returncode == 0 and b"hard links" in out.stderr


# -- 19/20. the fix loop and the config say what they could not do -------------------

def _pack(tmp_path, rules: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "r.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    return folder


def test_fix_warns_when_it_stops_with_changes_pending(tmp_path):
    import mtfix

    pack = _pack(tmp_path, "  - {id: a-to-b, message: m, pattern: 'alpha', replacement: 'beta', tier: safe}\n"
                           "  - {id: b-to-a, message: m, pattern: 'beta', replacement: 'alpha', tier: safe}\n")
    heard = []
    with mtfix.load(rules=[pack], builtin=False, lm=False, grammar=False, on_warning=heard.append) as e:
        e.fix("The alpha test.\n")
    assert any("changes still pending" in w for w in heard), heard


def test_unknown_names_in_enable_and_disable_are_reported(tmp_path):
    (tmp_path / "mtfix.toml").write_text('enable = ["no-such-rule"]\ndisable = ["typography"]\n',
                                         encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    out = run_mtfix("check", *FAST, "a.txt", cwd=tmp_path)
    assert out.returncode == 0
    assert b"enable: no rule or category named 'no-such-rule'" in out.stderr
    assert b"typography" not in out.stderr
