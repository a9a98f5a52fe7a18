"""Reliability (issue #11) of what mtfix writes and shows: the decisions file
``apply`` reads, the HTML report, ``fix --diff``, the terminal, stderr, and
the language model's and LanguageTool's failures.

Each test reproduces a break found by probing mtfix and checks the promise
now holds. Tests marked slow load the language model.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from conftest import ROOT, SEED, run_mtfix

from mtfix.apply import apply_decisions, load_decisions
from mtfix.decisions import doc_hash
from mtfix.errors import DecisionsError

FAST = ("--no-lm", "--no-grammar")
TEXT = "The minister resigned on Monday.\n\nThe opposition welcomed it.\n"


# -- 6. the decisions file is checked against its schema -------------------------

def decisions_file(text: str = TEXT, **change) -> dict:
    """A decisions file as the report exports it: one accepted change,
    "Monday" -> "Tuesday", with ``change`` overriding keys of that decision."""
    start = text.index("Monday")
    d = {"id": 0, "rule": "day", "category": "style", "tier": "safe", "start": start,
         "end": start + 6, "text": "Monday", "replacement": "Tuesday", "final": "Tuesday",
         "edits": [[start, start + 6, "Tuesday"]], "decision": "accepted"}
    d.update(change)
    return {"format": "mtfix-decisions", "version": 1, "path": "a.txt", "sha256": doc_hash(text),
            "generated_by": "mtfix test", "decisions": [d]}


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_valid_decisions_file_applies(tmp_path):
    p = write_json(tmp_path / "d.json", decisions_file())
    res, records = apply_decisions(TEXT, "a.txt", load_decisions(p), p)
    assert res.text == TEXT.replace("Monday", "Tuesday")
    assert [r.decision for r in records] == ["accepted"]


@pytest.mark.parametrize("edit, problem", [
    ([7, 13, None], "edit 1: text must be a string, not null"),
    ([7, 13, {"a": 1}], "edit 1: text must be a string, not an object"),
    ([7, 13, ["x"]], "edit 1: text must be a string, not a list"),
    ([7, 13, 5], "edit 1: text must be a string, not 5"),
    ([7.9, 13, "x"], "edit 1: start must be a whole number, not 7.9"),
    ([7, 13.0, "x"], "edit 1: end must be a whole number, not 13.0"),
    ([True, 13, "x"], "edit 1: start must be a whole number, not true"),
    (["7", 13, "x"], "edit 1: start must be a whole number, not \"7\""),
    ([-1, 13, "x"], "edit 1: bad span -1..13"),
    ([13, 7, "x"], "edit 1: bad span 13..7"),
    ([7, 13], "edit 1 must be a list [start, end, text]"),
    ([7, 13, "x", "y"], "edit 1 must be a list [start, end, text]"),
    ("7 13 x", "edit 1 must be a list [start, end, text]"),
    ([7, 10_000, "x"], "edit 1: span 7..10000 lies beyond the end of the text"),
])
def test_a_bad_edit_is_refused_naming_the_file_and_what_is_wrong(tmp_path, cli, edit, problem):
    """`apply` wrote `None` or `{'a': 1}` into the article, and cut 7.9 to 7."""
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    p = write_json(tmp_path / "d.json", decisions_file(edits=[edit]))
    r = cli("apply", art, "--decisions", p, "--no-log")
    assert r.exit_code == 2
    assert r.stdout == ""
    line = r.stderr.strip()
    assert "\n" not in line and line.startswith(f"mtfix: error: {p}: decision 1: ")
    assert problem in line
    assert art.read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize("change, problem", [
    ({"start": 7.5}, "decision 1: 'start' must be a whole number, not 7.5"),
    ({"end": None}, "decision 1: 'end' must be a whole number, not null"),
    ({"end": 10_000}, "decision 1: span 25..10000 lies beyond the end of the text"),
    ({"start": -3}, "decision 1: 'start' must not be negative"),
    ({"start": 20, "end": 10}, "decision 1: bad span 20..10"),
    ({"decision": "maybe"}, "decision 1: 'decision' must be one of accepted, edited"),
    ({"decision": None}, "decision 1: 'decision' must be a string, not null"),
    ({"edits": []}, "decision 1: an accepted change needs 'edits'"),
    ({"edits": None}, "decision 1: an accepted change needs 'edits'"),
    ({"edits": {"0": [7, 13, "x"]}}, "decision 1: 'edits' must be a list or null, not an object"),
    ({"rule": {"x": 1}}, "decision 1: 'rule' must be a string or null, not an object"),
    ({"replacement": 3}, "decision 1: 'replacement' must be a string or null, not 3"),
    ({"edtis": []}, "decision 1: unknown key \"edtis\""),
])
def test_a_bad_decision_is_refused(tmp_path, change, problem):
    p = write_json(tmp_path / "d.json", decisions_file(**change))
    with pytest.raises(DecisionsError) as e:
        apply_decisions(TEXT, "a.txt", load_decisions(p), p)
    assert str(e.value).startswith(f"{p}: ") and problem in str(e.value)


def test_a_missing_offset_is_refused(tmp_path):
    data = decisions_file()
    del data["decisions"][0]["start"]
    p = write_json(tmp_path / "d.json", data)
    with pytest.raises(DecisionsError, match="decision 1: 'start' is missing"):
        load_decisions(p)


@pytest.mark.parametrize("change, problem", [
    ({"version": True}, "version true is not supported"),
    ({"version": 1.0}, "version 1.0 is not supported"),
    ({"version": 2}, "version 2 is not supported"),
    ({"sha256": None}, "'sha256' must be a string, not null"),
    ({"sha256": "abc"}, "'sha256' must be the 64 hex digits"),
    ({"decisions": {"a": 1}}, "'decisions' must be a list, not an object"),
    ({"decisions": [None]}, "decision 1 must be an object, not null"),
    ({"decisions": [[1, 2]]}, "decision 1 must be an object, not a list"),
    ({"path": ["a"]}, "'path' must be a string or null, not a list"),
    ({"extra": 1}, "unknown key \"extra\""),
])
def test_a_bad_file_is_refused(tmp_path, change, problem):
    data = decisions_file()
    data.update(change)
    p = write_json(tmp_path / "d.json", data)
    with pytest.raises(DecisionsError) as e:
        load_decisions(p)
    assert str(e.value).startswith(f"{p}: ") and problem in str(e.value)


@pytest.mark.parametrize("raw, problem", [
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"format": "mtfix-decisions", "x": ' + b"{\"a\": " * 50_000 + b"1" + b"}" * 50_000 + b"}",
     "nested too deeply"),
    (b'{"format": "mtfix-decisions", "version": NaN}', "NaN is not a JSON number"),
    (b'{"format": "mtfix-decisions", "version": ' + b"9" * 5000 + b"}", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"{not json", "not JSON"),
])
def test_hostile_json_is_one_line_never_a_traceback(tmp_path, raw, problem):
    """Deeply nested JSON ended in RecursionError (issue item 14)."""
    p = tmp_path / "d.json"
    p.write_bytes(raw)
    with pytest.raises(DecisionsError) as e:
        load_decisions(p)
    assert problem in str(e.value) and "\n" not in str(e.value)


def test_deeply_nested_decisions_through_the_cli(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    p = tmp_path / "d.json"
    p.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    r = run_mtfix("apply", art, "--decisions", p, "--no-log")
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert r.stderr.decode().strip() == (f"mtfix: error: {p}: not a decisions file: lists or "
                                         f"objects nested too deeply")


def test_an_oversized_or_folder_decisions_file_is_refused(tmp_path, monkeypatch):
    import mtfix.apply as apply_mod

    p = write_json(tmp_path / "d.json", decisions_file())
    monkeypatch.setattr(apply_mod, "MAX_BYTES", 100)
    with pytest.raises(DecisionsError, match="larger than"):
        load_decisions(p)
    with pytest.raises(DecisionsError, match="is a folder"):
        load_decisions(tmp_path)


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats()
                     | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=10)


def _paths(value, prefix=()):
    """Every place in a JSON value: key paths to each node."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


@given(where=st.integers(0, 10**6), new=_JSON)
def test_any_value_anywhere_applies_as_text_or_is_refused(tmp_path_factory, where, new):
    """Replace any one node of a valid decisions file with any JSON value:
    `apply` either puts strings from the file into the text, or refuses with a
    DecisionsError; never another exception, never `None` or a dict's repr."""
    data = decisions_file()
    places = list(_paths(data))[1:]
    place = places[where % len(places)]
    node = data
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = copy.deepcopy(new)
    p = tmp_path_factory.mktemp("d") / "d.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    try:
        res, _ = apply_decisions(TEXT, "a.txt", load_decisions(p), p)
    except DecisionsError as e:
        assert "\n" not in str(e)
        return
    if not data["decisions"]:
        assert res.text == TEXT
        return
    d = data["decisions"][0]
    assert all(isinstance(x, int) and not isinstance(x, bool) for x in (d["start"], d["end"]))
    edits = d["edits"] if d["decision"] in ("accepted", "edited") else []
    expected = TEXT
    for s, e, r in sorted(edits, reverse=True):
        assert isinstance(s, int) and isinstance(e, int) and isinstance(r, str)
        expected = expected[:s] + r + expected[e:]
    assert res.text == expected


# -- 17. no template substitution is reachable from user text -------------------

def _placeholders() -> list[str]:
    import re

    from mtfix.report import TEMPLATE

    return sorted(set(re.findall(r"__[A-Z][A-Z_]*__", TEMPLATE.read_text(encoding="utf-8"))))


def _page_parts(page: str) -> tuple[str, dict]:
    """The page's <title> text and its data blob, as a browser reads them."""
    from html.parser import HTMLParser

    class Parts(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.where, self.title, self.data = None, "", ""

        def handle_starttag(self, tag, attrs):
            if tag == "title" or (tag == "script" and ("id", "mtfix-data") in attrs):
                self.where = tag

        def handle_endtag(self, tag):
            self.where = None

        def handle_data(self, data):
            if self.where == "title":
                self.title += data
            elif self.where == "script":
                self.data += data

    p = Parts()
    p.feed(page)
    return p.title, json.loads(p.data)


def test_the_template_uses_the_placeholders_this_test_knows():
    assert _placeholders() == ["__DATA__", "__TITLE__"]


@pytest.mark.parametrize("name", ["__DATA__.txt", "__TITLE__.txt", "a__DATA____TITLE__b.txt",
                                  "__TITLE____DATA__.txt", "<__DATA__>&.txt"])
def test_placeholders_in_the_file_name_and_text_stay_text(tmp_path, name):
    """A file named __DATA__ put the data blob into <title>: a blank page."""
    from mtfix.report import render_html, report_data

    marks = " ".join(_placeholders())
    text = f"{marks}\n\nThe minister said : {marks} on Monday.\n{marks}"
    data = report_data(str(tmp_path / name), text, [])
    page = render_html(data)
    title, blob = _page_parts(page)
    assert title == f"mtfix report: {name}"
    assert blob == data
    assert page.count('id="mtfix-data"') == 1


def test_a_report_on_a_file_named_with_every_placeholder(tmp_path):
    marks = "".join(_placeholders())
    art = tmp_path / f"{marks}.txt"
    text = f"{marks}\n\nThe minister said : \"{marks}\" on Monday.\n"
    art.write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    r = run_mtfix("report", art, "-o", out, *FAST)
    assert r.returncode == 0, r.stderr
    title, blob = _page_parts(out.read_text(encoding="utf-8"))
    assert title == f"mtfix report: {art.name}"
    assert blob["text"] == text and blob["path"] == str(art)
    assert blob["changes"], "the spacing before the colon is a finding"


# -- 18. `fix --diff` names files as git does, so that `git apply` takes it ------

ARTICLE = "The minister said : \"We will act\" on Monday.\n\nThe opposition welcomed it.\n"


def _git(*args, cwd) -> bytes:
    import subprocess

    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c",
                           "core.quotePath=true", *args], cwd=cwd, check=True,
                          capture_output=True).stdout


def _headers(patch: bytes) -> list[bytes]:
    return [line for line in patch.splitlines()
            if line.startswith((b"diff --git ", b"--- ", b"+++ "))]


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git not installed")
@pytest.mark.parametrize("name", ["article.txt", "tab\there.txt", "new\nline.txt", "sp ace.txt",
                                  "q\"uo\\te.txt", "café €.txt", "sub/deep.txt"])
@pytest.mark.parametrize("form", ["relative", "absolute", "dotdot", "from-subfolder"])
def test_diff_applies_with_git_apply_whatever_the_path(tmp_path, name, form):
    """`fix --diff` with an absolute path, a ../ path or a name with a tab or
    a newline gave a patch that `git apply` refused or applied elsewhere."""
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    _git("init", "-q", ".", cwd=repo)
    target = repo / name
    target.write_text(ARTICLE, encoding="utf-8")
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "article", cwd=repo)
    cwd, arg = {"relative": (repo, name), "absolute": (repo, str(target)),
                "dotdot": (repo / "sub", f"../{name}"),
                "from-subfolder": (repo / "sub", str(target))}[form]
    fixed = run_mtfix("fix", *FAST, arg, cwd=cwd)
    patch = run_mtfix("fix", *FAST, "--diff", arg, cwd=cwd)
    assert patch.returncode == 0 and fixed.returncode == 0, patch.stderr
    assert fixed.stdout != ARTICLE.encode()
    # the headers are git's own for the same change
    target.write_bytes(fixed.stdout)
    assert _headers(patch.stdout) == _headers(_git("diff", cwd=repo))
    _git("checkout", "-q", ".", cwd=repo)
    (tmp_path / "p.diff").write_bytes(patch.stdout)
    checked = _git("apply", "--check", "-v", str(tmp_path / "p.diff"), cwd=repo)
    assert b"Skipped" not in checked  # git apply skips, silently, a path it does not own
    _git("apply", str(tmp_path / "p.diff"), cwd=repo)
    assert target.read_bytes() == fixed.stdout


def test_diff_names_outside_any_work_tree(tmp_path):
    from mtfix.diff import git_name, quote_c_style, unified_diff

    (tmp_path / "sub").mkdir()
    cwd = str(tmp_path / "sub")
    assert git_name("a.txt", cwd) == "a.txt"
    assert git_name("./x/../a.txt", cwd) == "a.txt"
    assert git_name(str(tmp_path / "sub" / "a.txt"), cwd) == "a.txt"
    assert git_name("../a.txt", cwd) == str(tmp_path / "a.txt").lstrip("/")  # as git --no-index
    assert git_name("-", cwd) == "<stdin>"
    assert quote_c_style("a/x\ty\n\"\\é\x7f") == '"a/x\\ty\\n\\"\\\\\\303\\251\\177"'
    head = unified_diff("a\n", "b\n", "my file.txt", cwd=cwd).splitlines()[:3]
    assert head == ["diff --git a/my file.txt b/my file.txt", "--- a/my file.txt\t",
                    "+++ b/my file.txt\t"]


# -- 20. control and bidi characters reach the terminal escaped -------------------

#: Bidirectional embeddings, overrides and isolates (the "Trojan Source"
#: characters), and control characters a terminal acts on.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CONTROLS = "\x1b\x07\x08\x0b\x0c\x7f\x85\x9b\u200e\u200f\u2028"
HOSTILE = BIDI + CONTROLS


def _hostile_article() -> str:
    # findings (a space before a colon and before commas) inside lines full
    # of them; review's word diff shows the words around each change
    return ("Title \u202eresiger\u202c here\n\n"
            f"The \u202eminister\u2066 said{HOSTILE} : \"We will act\x1b[2J\" on Monday , he said.\n"
            "Next \u2067line\u2069 and \x1b]0;pwned\x07 more\u202e , again.\n")


def test_check_shows_control_and_bidi_characters_escaped(tmp_path, cli):
    art = tmp_path / "a\u202etxt.txt"
    art.write_text(_hostile_article(), encoding="utf-8")
    for colour in ("--no-color", "--color"):
        r = cli("check", *FAST, colour, art)
        assert r.exit_code == 1
        out = r.stdout
        raw = [c for c in HOSTILE if c in out and c != "\x1b"]
        assert not raw, raw
        if colour == "--no-color":
            assert "\x1b" not in out
        else:  # only click's own colour sequences: ESC followed by [ and digits and m
            import re

            assert not re.search(r"\x1b(?!\[[0-9;]*m)", out)
        assert "\\u202e" in out and "\\x1b" in out and "\\u2066" in out
        assert "a\\u202etxt.txt:" in out  # the file name too


def test_check_json_escapes_bidi_characters_losslessly(tmp_path, cli):
    art = tmp_path / "a\u202etxt\u2066.txt"
    text = _hostile_article()
    art.write_text(text, encoding="utf-8")
    r = cli("check", *FAST, "--format", "json", art)
    assert not [c for c in HOSTILE if c in r.stdout]
    assert "\\u202e" in r.stdout
    found = json.loads(r.stdout)["files"][0]["findings"]
    assert found and json.loads(r.stdout)["files"][0]["path"] == str(art)
    for f in found:
        assert text[f["start"]:f["end"]] == f["text"]


def test_review_shows_control_and_bidi_characters_escaped(tmp_path):
    art = tmp_path / "a.txt"
    text = _hostile_article()
    art.write_text(text, encoding="utf-8")
    r = run_mtfix("review", *FAST, "--context", "3", art, input=b"n\n" * 20)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    assert "[-" in out or "[[" in out, out  # a change was shown
    assert not [c for c in HOSTILE if c in out]
    assert "\\u202e" in out and "\\x1b" in out
    assert art.read_text(encoding="utf-8") == text  # everything rejected: unchanged


def test_the_escapes_are_for_display_only():
    """The review's edit prompt turns ⏎ back into line breaks: `visible`
    keeps every other character, so an edit never writes an escape into
    the article."""
    from mtfix.worddiff import marks, printable, visible

    assert visible("a\u202eb\r\nc") == "a\u202eb⏎c"
    assert printable("a\u202eb\x1bc\u2069\td") == "a\\u202eb\\x1bc\\u2069\td"
    assert marks("x\u202ey", "x\u202ez") == [("equal", "x\\u202e"), ("delete", "y"),
                                              ("insert", "z")]


# -- 12. a read-only home: the converted model goes to a private temporary cache --

def _unwritable(tmp_path: Path) -> Path:
    """A folder that cannot be created, even by root: its parent is a file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder\n")
    return blocker / "cache" / "models"


def test_an_unwritable_model_cache_falls_back_to_a_private_temporary_one(tmp_path, monkeypatch,
                                                                         caplog):
    from mtfix.lm import loading

    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setattr(loading, "cache_root", lambda: _unwritable(tmp_path))
    monkeypatch.setattr(loading.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    with caplog.at_level("WARNING", logger="mtfix.lm"):
        dest, work = loading._workspace(gguf, None)
    assert dest.parent == loading.fallback_cache_root() and work.is_dir()
    assert (dest.parent.parent.stat().st_mode & 0o777) == 0o700
    [record] = caplog.records
    assert "cannot be written" in record.getMessage() and "\n" not in record.getMessage()
    # a complete copy there is found again, without converting
    (dest / ".complete").parent.mkdir(exist_ok=True)
    (dest / ".complete").write_text("done\n")
    assert loading.is_converted(gguf) and loading.convert_gguf(gguf) == dest


def test_a_fallback_folder_someone_else_can_write_is_not_used(tmp_path, monkeypatch):
    from mtfix.lm import loading

    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setattr(loading, "cache_root", lambda: _unwritable(tmp_path))
    monkeypatch.setattr(loading.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    shared = loading.fallback_cache_root().parent
    shared.mkdir(parents=True)
    shared.chmod(0o777)  # planted by another user, say
    with pytest.raises(loading.ModelUnavailable) as e:
        loading._workspace(gguf, None)
    msg = str(e.value)
    assert "cannot store the converted model" in msg and "--no-lm" in msg and "\n" not in msg


def test_an_unwritable_cache_keeps_languagetool_logging_to_a_temporary_folder(tmp_path):
    """With a read-only home the LanguageTool server could not open its log
    file, and grammar checking went off for the run."""
    import shutil

    from mtfix.grammar.server import _log_dir

    folder, temporary = _log_dir(_unwritable(tmp_path))
    try:
        assert temporary and folder.is_dir() and (folder.stat().st_mode & 0o777) == 0o700
    finally:
        shutil.rmtree(folder)
    assert _log_dir(tmp_path / "logs") == (tmp_path / "logs", False)


def _read_only_home(home: Path) -> list[str] | None:
    """A command prefix that runs a program with ``home`` read-only: the
    folder's mode for a normal user; for root (who writes anywhere) a
    read-only tmpfs mounted over it in a private mount namespace."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0:
        home.chmod(0o555)
        return []
    if shutil.which("unshare") is None:
        return None
    mount = 'mount -t tmpfs -o ro tmpfs "$0" || exit 97; '
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", mount + 'touch "$0/x" 2>/dev/null && exit 98; exit 0',
                            str(home)], capture_output=True)
    if probe.returncode != 0:
        return None
    return ["unshare", "-rm", "sh", "-c", mount + 'exec "$@"', str(home)]


def _mtfix_env(**extra) -> dict:
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("MTFIX_CACHE", "MTFIX_MODEL_CACHE", "XDG_CACHE_HOME", "MTFIX_DECISIONS_DB")}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


@pytest.fixture(scope="module")
def seed_check():
    """`mtfix check --no-grammar` on the seed article, the language model on."""
    return run_mtfix("check", "--no-grammar", SEED)


@pytest.mark.slow
def test_a_read_only_home_with_the_lm_on(tmp_path, seed_check):
    """OSError: Read-only file system from the model conversion cache."""
    import subprocess
    import sys

    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    prefix = _read_only_home(home)
    if prefix is None:
        pytest.skip("cannot make a read-only folder here")
    try:
        r = subprocess.run([*prefix, sys.executable, "-m", "mtfix", "check", "--no-grammar",
                            str(SEED)], capture_output=True, timeout=900,
                           env=_mtfix_env(HOME=str(home), TMPDIR=str(tmp)))
    finally:
        home.chmod(0o755)
    err = r.stderr.decode()
    assert "Traceback" not in err and "OSError" not in err
    assert r.returncode == seed_check.returncode == 1, err
    assert r.stdout == seed_check.stdout  # the same findings, the model decided them
    [line] = err.splitlines()
    assert line.startswith("mtfix: the model cache cannot be written") and str(tmp) in line


# -- 21. the user's stderr carries mtfix's own messages only ---------------------

@pytest.mark.slow
def test_a_default_run_prints_no_library_warnings(seed_check):
    """transformers printed a two-line FutureWarning on every default run."""
    err = seed_check.stderr.decode()
    assert seed_check.returncode == 1
    assert "FutureWarning" not in err and "Warning:" not in err, err
    assert all(line.startswith("mtfix: ") for line in err.splitlines()), err


def test_library_warnings_are_silenced_and_mtfix_warnings_are_not():
    """Warnings raised in torch's or transformers' modules are silenced; one
    raised in an mtfix module still shows."""
    import subprocess
    import sys

    code = ("import warnings\n"
            "from mtfix.lm.loading import quiet_libraries\n"
            "quiet_libraries()\n"
            "for name in ('torch.nn.modules.module', 'transformers.utils.deprecation', 'mtfix.engine'):\n"
            "    exec(compile('import warnings\\n"
            "warnings.warn(\"from ' + name + '\", FutureWarning)', name, 'exec'), {'__name__': name})\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=_mtfix_env())
    assert r.returncode == 0, r.stderr
    assert "from mtfix.engine" in r.stderr
    assert "from torch" not in r.stderr and "from transformers" not in r.stderr


# -- 10. a LanguageTool server that never answers a check does not hang mtfix -----

@pytest.mark.slow  # waits for a time limit to run out
def test_a_language_tool_server_that_never_answers_a_check(tmp_path, silent_lt_server):
    """It hung mtfix for 200+ s; now the request times out, the rule findings
    are printed, and grammar checking is off for the run, said in one line."""
    import os
    import subprocess
    import sys

    url, checks = silent_lt_server
    cfg = tmp_path / "mtfix.toml"
    cfg.write_text("[languagetool]\nrequest_timeout = 2\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), MTFIX_LT_SERVER=url)
    r = subprocess.run([sys.executable, "-m", "mtfix", "check", "--grammar", "--no-lm",
                        "--config", str(cfg), str(art)], capture_output=True, text=True,
                       env=env, cwd=tmp_path, timeout=300)
    assert checks, "the check request reached the server"
    assert r.returncode == 1, r.stderr
    assert "[space-before-double-punct]" in r.stdout and "lt:" not in r.stdout
    [line] = r.stderr.splitlines()
    assert line.startswith("mtfix: grammar checking off:") and "Traceback" not in r.stderr
