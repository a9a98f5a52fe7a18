"""`mtfix review` driven through a real pseudo-terminal (pexpect), and scripted
through a pipe. The findings come from a tiny pack written here, so the
expected texts do not move when the built-in pack changes."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest

from conftest import DATA, ROOT, run_mtfix

FAST = ("--no-lm", "--no-grammar", "--no-builtin")
PROMPT = r"Apply this change \[y,n,e,s,A,a,d,u,q,\?\]\? "
FLAG_PROMPT = r"Edit or dismiss this flag \[e,n,s,a,d,u,q,\?\]\? "

PACK = (DATA / "review-pack.yaml").read_text(encoding="utf-8")
OVERLAP = r"""
rules:
  - id: colour-again
    category: custom
    tier: suggested
    message: say it once
    pattern: 'colour again'
    replacement: same hue
"""
TEXT = ("A headline about colour\n\n"
        "The colour , and the colour again.\n"
        "The attack was imputed to Israel by a mysterious source.\n")


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """An article, a rule pack, and a decisions log private to the test."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "mini.yaml").write_text(PACK, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    art = work / "article.txt"
    art.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "decisions.sqlite3"
    monkeypatch.setenv("MTFIX_DECISIONS_DB", str(db))
    return art, pack, db


def spawn(art: Path, pack: Path, *extra: str, env: dict | None = None) -> pexpect.spawn:
    environ = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm")
    environ.pop("VISUAL", None)
    environ.pop("EDITOR", None)
    environ.update(env or {})
    child = pexpect.spawn(sys.executable, ["-m", "mtfix", "review", *FAST, "--rules", str(pack),
                                           "--no-color", *extra, str(art)],
                          env=environ, cwd=str(art.parent), encoding="utf-8", timeout=60,
                          dimensions=(40, 120))
    return child


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_accept_reject_edit_undo_quit(setup):
    art, pack, db = setup
    child = spawn(art, pack)
    child.expect(r"6 changes to review \(4 safe, 1 suggested, 1 review\)")
    child.expect(r"\(1/6\) safe · custom · \[colour-us\]")
    child.expect(r"A headline about \[-colour-\]\{\+color\+\}")
    child.expect(PROMPT)
    child.send("y")                                     # headline colour: accept
    child.expect(r"\(2/6\) safe · custom · \[colour-us\]")
    child.expect(PROMPT)
    child.send("n")                                     # first body colour: reject
    child.expect(r"\(3/6\) safe · typography · \[space-comma\]")
    child.expect(r"The colour\[-␣-\], and")
    child.expect(PROMPT)
    child.send("e")                                     # the comma: edit inline
    child.expect("New text")
    child.send("\x15;\r")                               # Ctrl-U clears the proposal, type ';'
    child.expect(r"Edited: \[- ,-\]\{\+;\+\}")
    child.expect(r"\(4/6\) safe · custom · \[colour-us\]")
    child.expect(PROMPT)
    child.send("y")                                     # 'colour again': accept ...
    child.expect(r"\(5/6\) suggested · calques · \[imputed\]")
    child.expect(PROMPT)
    child.send("u")                                     # ... and undo that
    child.expect("Undone.")
    child.expect(r"\(4/6\) safe · custom · \[colour-us\]")
    child.expect(PROMPT)
    child.send("n")                                     # now reject it
    child.expect(r"\(5/6\) suggested · calques · \[imputed\]")
    child.expect(r"was \[-imputed-\]\{\+attributed\+\} to Israel")
    child.expect(PROMPT)
    child.send("y")
    child.expect(r"\(6/6\) review · sentences · \[mysterious\]")
    child.expect("No replacement proposed")
    child.expect(FLAG_PROMPT)
    child.send("q")
    child.expect(r"2 applied, 1 edited, 2 rejected, 1 not reviewed; .*article.txt rewritten")
    assert finish(child) == 0
    assert art.read_text(encoding="utf-8") == (
        "A headline about color\n\n"
        "The colour; and the colour again.\n"
        "The attack was attributed to Israel by a mysterious source.\n")
    assert (art.parent / "article.txt.bak").read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in art.parent.iterdir()) == ["article.txt", "article.txt.bak"]
    # the decisions are in the log, and `mtfix rules stats` shows them
    r = run_mtfix("rules", "stats")
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    rows = {line.split()[0]: line.split()[1:] for line in out.split("\n\n")[0].splitlines()[1:]}
    assert rows["colour-us"] == ["1", "0", "2", "0", "33%"]
    assert rows["space-comma"] == ["0", "1", "0", "0", "0%"]
    assert rows["imputed"] == ["1", "0", "0", "0", "100%"]
    assert "mysterious" not in rows  # never answered
    assert str(db) in out


def test_ctrl_c_keeps_original_and_leaves_no_temp_file(setup):
    art, pack, db = setup
    child = spawn(art, pack)
    child.expect(PROMPT)
    child.send("y")
    child.expect(PROMPT)
    child.send("y")
    child.expect(PROMPT)
    child.sendintr()
    child.expect("interrupted: nothing written")
    assert finish(child) == 130
    assert art.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in art.parent.iterdir()) == ["article.txt"]
    assert not db.exists()  # an interrupted session records nothing


def test_ctrl_c_mid_edit_and_sigterm_keep_original(setup):
    art, pack, db = setup
    child = spawn(art, pack)
    child.expect(PROMPT)
    child.send("e")
    child.expect("New text")
    child.send("X")
    child.expect("colorX")  # the line editor is reading: interrupt it
    child.sendintr()
    child.expect("interrupted: nothing written")
    assert finish(child) == 130
    assert art.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in art.parent.iterdir()) == ["article.txt"]
    child = spawn(art, pack)
    child.expect(PROMPT)
    child.send("y")
    child.expect(PROMPT)
    child.kill(15)  # SIGTERM ends the session like Ctrl-C
    child.expect("interrupted: nothing written")
    assert finish(child) == 130
    assert art.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in art.parent.iterdir()) == ["article.txt"]


def test_editor_skip_accept_rule_and_overlap(setup, tmp_path):
    art, pack, db = setup
    (pack / "overlap.yaml").write_text(OVERLAP, encoding="utf-8")
    editor = tmp_path / "fake-editor.sh"
    editor.write_text("#!/bin/sh\nsed -i '1s/.*/anonymous/' \"$1\"\n", encoding="utf-8")
    editor.chmod(0o755)
    out = tmp_path / "out.txt"
    child = spawn(art, pack, "-o", str(out), env={"EDITOR": str(editor)})
    child.expect(r"7 changes to review \(4 safe, 2 suggested, 1 review\)")
    child.expect(r"\(1/7\) safe · custom · \[colour-us\]")
    child.expect(PROMPT)
    child.send("A")                                     # every colour-us change
    child.expect(r"Applied 3 changes of \[colour-us\]")
    child.expect(r"\(3/7\) safe · typography · \[space-comma\]")
    child.expect(PROMPT)
    child.send("s")                                     # skip the comma for now
    child.expect("Skipped for now")
    # 'colour again' overlaps an accepted 'colour': skipped, and said so
    child.expect(r"Skipping \[colour-again\] at line 3: it overlaps the accepted change \[colour-us\]")
    child.expect(r"\(6/7\) suggested · calques · \[imputed\]")
    child.expect(PROMPT)
    child.send("?")
    child.expect("A - apply this change and every remaining change of the same rule")
    child.expect(PROMPT)
    child.send("n")
    child.expect(r"\(7/7\) review · sentences · \[mysterious\]")
    child.expect(FLAG_PROMPT)
    child.send("e")                                     # write a fix with $EDITOR
    child.expect(r"Edited: \[-mysterious-\]\{\+anonymous\+\}")
    child.expect("back to a change you skipped")
    child.expect(r"\(3/7\) safe · typography · \[space-comma\]")
    child.expect(PROMPT)
    child.send("y")
    child.expect(r"4 applied, 1 edited, 1 rejected, 1 overlapping; written to")
    assert finish(child) == 0
    assert out.read_text(encoding="utf-8") == (
        "A headline about color\n\n"
        "The color, and the color again.\n"
        "The attack was imputed to Israel by a anonymous source.\n")
    assert art.read_text(encoding="utf-8") == TEXT  # -o leaves the input alone
    r = run_mtfix("rules", "stats", "--format", "json")
    rows = {x["rule"]: x for x in json.loads(r.stdout)["rules"]}
    assert (rows["colour-us"]["accepted"], rows["colour-us"]["rejected"]) == (3, 0)
    assert rows["mysterious"]["edited"] == 1
    assert "colour-again" not in rows  # an automatic overlap skip is not a decision


def test_scripted_through_a_pipe(setup):
    """Without a terminal, one answer per line; end of input means quit."""
    art, pack, db = setup
    r = run_mtfix("review", *FAST, "--rules", pack, art, input=b"y\nn\nd\n")
    assert r.returncode == 0, r.stderr.decode()
    assert art.read_text(encoding="utf-8") == TEXT.replace("about colour", "about color")
    r = run_mtfix("review", *FAST, "--rules", pack, art, input=b"a\n")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "Applied 4 changes; 1 left unchanged" in out  # the flag has nothing to apply
    assert art.read_text(encoding="utf-8") == (
        "A headline about color\n\n"
        "The color, and the color again.\n"
        "The attack was attributed to Israel by a mysterious source.\n")
    # the backup is the text before this second session
    assert (art.parent / "article.txt.bak").read_text(encoding="utf-8") == \
        TEXT.replace("about colour", "about color")
    r = run_mtfix("review", *FAST, "--rules", pack, art, input=b"")
    assert r.returncode == 0 and "1 not reviewed" in r.stdout.decode()


def test_user_errors(setup):
    art, pack, db = setup
    r = run_mtfix("review", *FAST, "--rules", pack, "-", input=b"x")
    assert r.returncode == 2 and b"not stdin" in r.stderr
    r = run_mtfix("review", *FAST, "--rules", pack, art.parent / "missing.txt")
    assert r.returncode == 2 and b"no such file" in r.stderr and b"Traceback" not in r.stderr


def test_file_changed_during_review_is_not_overwritten(setup):
    art, pack, db = setup
    child = spawn(art, pack)
    child.expect(PROMPT)
    child.send("y")
    child.expect(PROMPT)
    art.write_text(TEXT + "Added by a colleague.\n", encoding="utf-8")
    child.send("q")
    child.expect("changed while you reviewed it; not overwritten")
    assert finish(child) == 0
    assert art.read_text(encoding="utf-8") == TEXT + "Added by a colleague.\n"
    assert (art.parent / "article.txt.reviewed").read_text(encoding="utf-8") == \
        TEXT.replace("about colour", "about color")
