"""LanguageTool where it earns its time: pieces in parallel, one server shared
by a run's workers, a background server reused across runs (issue #14 §4).

The slow tests run a real LanguageTool 6.8 server (tests/conftest_lt.py);
the others check the pure parts (where a document is cut, how a record of a
background server is judged) on real text and real processes.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from mtfix.document import Document
from mtfix.grammar import LanguageToolBackend
from mtfix.grammar import persist
from mtfix.grammar.pieces import closed, cut_points

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed.txt"
DEV = sorted((ROOT / "corpora" / "web" / "dev").glob("*.txt"))
ACCEPTANCE = "I assisted to the meeting and he is actually the president."
NATIVE = ROOT.parent / "shared" / "corpus" / "native-english" / "wmt13-newstest2013.en-original.docs.txt"


def _pieces(text: str, cuts: list[int]) -> list[str]:
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


# -- where a document is cut ------------------------------------------------------
def test_the_seed_is_cut_between_paragraphs_only():
    text = SEED.read_text(encoding="utf-8")
    cuts = cut_points(text, 4, min_piece=800)
    assert len(cuts) == 3
    assert "".join(_pieces(text, cuts)) == text
    for c in cuts:
        assert text[:c].rstrip(" \t").endswith("\n\n") or text[:c].endswith("\n\n"), text[c - 40:c + 40]
        assert text[c] not in " \t\n"  # a piece starts on a paragraph's first character


def test_short_texts_and_texts_without_blank_lines_stay_whole():
    text = DEV[0].read_text(encoding="utf-8")
    assert cut_points(text, 4) == []  # under two minimum pieces
    one_paragraph = " ".join(SEED.read_text(encoding="utf-8").split())
    assert cut_points(one_paragraph, 4, min_piece=500) == []  # a paragraph is never cut
    lines = SEED.read_text(encoding="utf-8").replace("\n\n", "\n")
    assert cut_points(lines, 4, min_piece=500) == []  # a single line break is not a paragraph end


def test_a_paragraph_is_closed_only_when_its_quotations_plainly_are():
    strike = (ROOT / "corpora" / "web" / "dev" / "naaju-com--departures-on-vacation-strike.txt").read_text(
        encoding="utf-8")
    # French spacing around straight quotes (`strike ", explains`, `. " The`): which side is which is a guess
    assert not closed(next(par for par in strike.split("\n") if '", explains' in par))
    assert cut_points(strike, 4, 300) == []
    assert closed('The minister said "we will not give in" on Sunday (in Paris).')
    assert closed("“Nothing is decided,” she said.")
    assert not closed("“Nothing is decided, she said.")  # continued in the next paragraph
    assert not closed("He left) and (came back.")


def test_every_piece_is_long_enough():
    text = NATIVE.read_text(encoding="utf-8")[:30000]
    for parts in (2, 3, 4):
        cuts = cut_points(text, parts, min_piece=5000)
        assert 1 <= len(cuts) <= parts - 1
        assert all(len(p) >= 5000 for p in _pieces(text, cuts))


# -- the record of a background server -----------------------------------------------
@pytest.fixture
def state(tmp_path, monkeypatch):
    path = tmp_path / "server.json"
    monkeypatch.setenv(persist.STATE_ENV, str(path))
    return path


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _settings():
    from mtfix.settings import LanguageToolSettings

    return LanguageToolSettings()


def test_a_record_of_a_dead_process_is_ignored_and_removed(state):
    state.write_text(json.dumps({"url": f"http://127.0.0.1:{_closed_port()}", "pid": _dead_pid(),
                                 "key": ["x", ""]}))
    t0 = time.monotonic()
    assert persist.running(_settings()) is None
    assert time.monotonic() - t0 < 5  # no waiting on a server that is not there
    assert not state.exists()


def test_a_record_whose_pid_is_another_program_is_not_trusted(state):
    # this pytest process is alive but is not a LanguageTool server
    state.write_text(json.dumps({"url": f"http://127.0.0.1:{_closed_port()}", "pid": os.getpid(),
                                 "key": ["x", ""]}))
    assert persist.running(_settings()) is None
    assert state.exists()  # not ours to judge gone; `stop` removes it
    assert "was not running" in persist.stop()
    assert not state.exists()


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"url": 3, "pid": "x"}'])
def test_an_unreadable_record_is_ignored(state, content):
    state.write_text(content)
    assert persist.running(_settings()) is None
    assert persist.read_state() is None


def test_off_means_no_record(monkeypatch):
    monkeypatch.setenv(persist.STATE_ENV, "off")
    assert persist.state_path() is None
    assert persist.running(_settings()) is None
    assert "no background" in persist.stop()


# -- with a real server -----------------------------------------------------------
def _key(f):
    return (f.rule, f.start, f.end, f.message, f.tier, tuple(x.edits for x in f.fixes), f.reach)


@pytest.mark.slow
def test_pieces_in_parallel_give_the_findings_of_one_request(lt_server):
    """Real articles: the seed, web articles (cut into pieces far smaller than
    the default so that they are cut at all) and native news."""
    settings = replace(lt_server.settings, server_url=lt_server.url)
    whole = LanguageToolBackend(settings, requests=1)
    parallel = LanguageToolBackend(settings, requests=4, min_piece=300)
    texts = [SEED.read_text(encoding="utf-8"), NATIVE.read_text(encoding="utf-8")[:12000]]
    texts += [p.read_text(encoding="utf-8") for p in DEV[::8]]
    cut = 0
    try:
        for text in texts:
            cut += bool(cut_points(text, 4, 300))
            doc = Document(text)
            a, b = whole.check(doc), parallel.check(doc)
            assert sorted(map(_key, a)) == sorted(map(_key, b))
            for f in b:
                assert 0 <= f.start <= f.end <= len(text)
    finally:
        whole.close()
        parallel.close()
    assert cut >= 6  # the comparison did compare pieces (7 of these 11 are cut)


@pytest.mark.slow
def test_pieces_keep_offsets_exact_past_astral_characters(lt_server):
    para = "Emoji 😀 here and there 😀. He go to school yesterday."
    text = "\n\n".join([para] * 12) + "\n"
    parallel = LanguageToolBackend(replace(lt_server.settings, server_url=lt_server.url),
                                   requests=3, min_piece=100)
    try:
        assert cut_points(text, 3, 100)
        found = [f for f in parallel.check_text(text) if "go" == text[f.start:f.end]]
    finally:
        parallel.close()
    assert len(found) == 12
    assert all(text[f.start:f.end] == "go" for f in found)


def _java_in_tree(pid: int) -> int:
    """LanguageTool JVMs among ``pid``'s descendants."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            kids.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    todo, n = list(kids.get(pid, [])), 0
    while todo:
        p = todo.pop()
        try:
            if persist.MAIN_CLASS in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace"):
                n += 1
        except OSError:
            pass
        todo.extend(kids.get(p, []))
    return n


def _run_watching_java(args: list[str], env: dict) -> tuple[subprocess.CompletedProcess, int]:
    proc = subprocess.Popen([sys.executable, "-m", "mtfix", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    most = [0]
    done = threading.Event()

    def watch():
        while not done.is_set():
            most[0] = max(most[0], _java_in_tree(proc.pid))
            done.wait(0.2)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    out, err = proc.communicate(timeout=900)
    done.set()
    t.join()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), most[0]


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "MTFIX_LT_SERVER"}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


def _files(tmp_path: Path, n: int) -> list[str]:
    paths = []
    for i, src in enumerate(DEV[:n]):
        p = tmp_path / "in" / f"{i}-{src.name}"
        p.parent.mkdir(exist_ok=True)
        # LanguageTool's false friend, which no rule of mtfix's overlaps (the issue #6 acceptance)
        p.write_text(src.read_text(encoding="utf-8") + "\n" + ACCEPTANCE + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


@pytest.mark.slow
def test_workers_share_one_server_and_a_stale_record_falls_back(tmp_path):
    """``--jobs 2`` over several files: the parent starts one JVM for the run,
    even with a record of a background server that is long gone."""
    state = tmp_path / "server.json"
    state.write_text(json.dumps({"url": f"http://127.0.0.1:{_closed_port()}", "pid": _dead_pid(),
                                 "key": ["x", ""]}))
    files = _files(tmp_path, 4)
    res, javas = _run_watching_java(["check", "--grammar", "--no-lm", "--jobs", "2", "-q", "--format", "json",
                                     *files], _env(**{persist.STATE_ENV: str(state)}))
    assert res.returncode == 1, res.stderr
    assert "grammar checking off" not in res.stderr
    out = json.loads(res.stdout)
    assert len(out["files"]) == 4
    for f in out["files"]:  # every worker's files got LanguageTool's findings
        assert any(x["source"] == "languagetool" for x in f["findings"]), f["path"]
    assert javas == 1
    assert not state.exists()


@pytest.mark.slow
def test_a_background_server_serves_later_runs_until_stopped(tmp_path):
    env = _env(**{persist.STATE_ENV: str(tmp_path / "server.json")})
    serve = subprocess.run([sys.executable, "-m", "mtfix", "languagetool", "serve", "--background"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert serve.returncode == 0, serve.stderr
    url = serve.stdout.strip().split("=", 1)[1]
    data = json.loads((tmp_path / "server.json").read_text())
    try:
        assert data["url"] == url
        files = _files(tmp_path, 2)
        res, javas = _run_watching_java(["check", "--grammar", "--no-lm", "-q", "--format", "json", *files], env)
        assert res.returncode == 1, res.stderr
        assert javas == 0  # no JVM of its own
        assert "grammar checking off" not in res.stderr
        assert all(any(x["source"] == "languagetool" for x in f["findings"])
                   for f in json.loads(res.stdout)["files"]), res.stderr
        again = subprocess.run([sys.executable, "-m", "mtfix", "languagetool", "serve", "--background"],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0 and "already running" in again.stderr
    finally:
        stop = subprocess.run([sys.executable, "-m", "mtfix", "languagetool", "stop"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
    assert "stopped" in stop.stderr
    assert not (tmp_path / "server.json").exists()
    assert not Path(f"/proc/{data['pid']}").exists() or persist._cmdline(data["pid"]) is None


@pytest.mark.slow
def test_a_record_of_a_live_server_is_used(lt_server, state):
    from mtfix.grammar import install

    pid = lt_server._server.proc.pid if lt_server._server else None
    if pid is None:
        pytest.skip("the session's server is not this process's own")
    folder = install.find_installation(lt_server.settings.ltp_path)
    state.write_text(json.dumps({"url": lt_server.url, "pid": pid, "key": persist._key(lt_server.settings, folder)}))
    assert persist.running(lt_server.settings) == lt_server.url
    other = replace(lt_server.settings, ngram_path="/elsewhere")  # other results: not that server
    assert persist.running(other) is None
