"""mtfix beyond one machine: :mod:`mtfix.distributed` and ``mtfix batch [--dask]``.

The fast tests run the library's pure parts in this process (option checks,
the result's shape, one item cleaned exactly as ``fix`` cleans it, bad items
reported) and the command line's refusals (Dask missing, no scheduler). The
slow ones start a real ``LocalCluster`` of two worker processes on loopback
and check, over a few hundred texts of the corpora, that the cluster's
results are the in-process engine's, that each worker built its engine once,
and that ``mtfix batch --dask`` writes the tree ``mtfix fix --output-dir``
writes, byte for byte.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import pytest

import mtfix
from conftest import CORPORA, DATA, NATIVE, WMT, run_mtfix
from mtfix.document import Document
from mtfix.distributed import RESULT_KEYS, check_options, clean_item, worker_stats

FAST = ("--no-lm", "--no-grammar")
OPTS = {"lm": False, "grammar": False}
DEV = sorted((CORPORA / "web" / "dev").glob("*.txt"))


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _tree(root: Path) -> Path:
    """Real articles in a tree, with the inputs that are read differently or
    fail: a cp1252 file, a BOM and CRLF file, Markdown and HTML, a binary
    file (skipped), a UTF-16 file (fails)."""
    arts = root / "arts"
    (arts / "web").mkdir(parents=True)
    for p in DEV[:12]:
        shutil.copy(p, arts / "web" / p.name)
    (arts / "markup").mkdir()
    shutil.copy(DATA / "markup" / "seed.md", arts / "markup" / "seed.md")
    shutil.copy(DATA / "markup" / "seed.html", arts / "markup" / "seed.html")
    seed = (CORPORA / "seed.txt").read_text(encoding="utf-8")
    (arts / "seed-cp1252.txt").write_bytes(("Le café, à Paris.\n\n" + seed).replace("’", "'")
                                           .replace("—", "-").encode("cp1252"))
    (arts / "seed-bom-crlf.txt").write_bytes(b"\xef\xbb\xbf" + seed.replace("\n", "\r\n").encode())
    (arts / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (arts / "undecodable.txt").write_bytes(b"the general Mark Milley \x81, he said.\n")
    return arts


def _stderr_lines(r) -> list[str]:
    """stderr without the summary's timing (the only part that may differ)."""
    return [re.sub(r"; [\d.]+ s \(.*\)$", "", ln) for ln in r.stderr.decode().splitlines()]


# -- the library's pure parts ---------------------------------------------------
def test_options_are_checked_before_any_work_is_sent(tmp_path, monkeypatch):
    with pytest.raises(mtfix.MtfixError, match="unknown setting 'colour'"):
        check_options(lm=False, colour=True)
    with pytest.raises(mtfix.MtfixError, match="on_warning"):
        check_options(on_warning=print)
    (tmp_path / "house").mkdir()
    (tmp_path / "mtfix.toml").write_text("suggested = true\n")
    monkeypatch.chdir(tmp_path)
    opts = check_options(config=True, rules=Path("house"), select=("typography",), lm=False)
    # The workers' folders are not the caller's: the config and rule folders go as absolute paths.
    assert opts == {"config": str(tmp_path / "mtfix.toml"), "rules": [str(tmp_path / "house")],
                    "select": ["typography"], "lm": False}
    assert check_options(config=False) == {}


def test_one_item_is_cleaned_as_fix_cleans_it_and_the_engine_is_built_once():
    text = (CORPORA / "seed.txt").read_text(encoding="utf-8")
    key = json.dumps(check_options(**OPTS), sort_keys=True)
    before = worker_stats()["engines"].get(key, 0)
    with mtfix.load(**OPTS) as engine:
        want = engine.fix(Document(text, "seed.txt")).text
        found = engine.check(text)
    results = [clean_item(("seed.txt", text), check_options(**OPTS)) for _ in range(3)]
    r = results[0]
    assert tuple(r) == RESULT_KEYS
    assert r["name"] == "seed.txt" and r["error"] is None and r["fatal"] is False
    assert r["text"] == want == mtfix.fix_text(text, **OPTS)
    assert r["data"] is None and r["encoding"] == "utf-8"  # a str in, no bytes out
    assert len(r["findings"]) == len(found) and {"rule", "tier", "start", "end", "line", "column",
                                                 "message", "replacement"} <= set(r["findings"][0])
    assert r["applied"] and set(r["applied"][0]) == {"rule", "category", "tier", "source"}
    assert all(x == r for x in results)
    assert worker_stats()["engines"][key] - before <= 1  # built by the first item at most


def test_bytes_come_back_encoded_as_fix_writes_them(tmp_path):
    seed = (CORPORA / "seed.txt").read_text(encoding="utf-8")
    raw = ("Le café, à Paris.\n\n" + seed).replace("’", "'").replace("—", "-").encode("cp1252")
    (tmp_path / "a.txt").write_bytes(raw)
    r = clean_item(("a.txt", raw), check_options(**OPTS), findings=False)
    assert r["encoding"] == "cp1252" and r["findings"] == []
    assert r["messages"] == ["a.txt: not UTF-8; read as cp1252 (Windows Latin-1); use --encoding to choose"]
    assert r["data"] == run_mtfix("fix", *FAST, tmp_path / "a.txt").stdout
    assert clean_item(tmp_path / "a.txt", check_options(**OPTS))["data"] == r["data"]  # a path the worker reads


@pytest.mark.parametrize("item, why", [
    (("u16.txt", "the general".encode("utf-16")), "u16.txt: looks binary or UTF-16"),
    (("empty.txt", b""), "empty.txt: input is empty"),
    (Path("/nonexistent/article.txt"), "/nonexistent/article.txt: no such file"),
    (42, "an item must be a text, (name, text), (name, bytes) or a path, not int"),
])
def test_a_bad_item_is_a_result_with_an_error(item, why):
    r = clean_item(item, check_options(**OPTS))
    assert r["error"].startswith(why) and r["text"] is None and r["data"] is None and not r["fatal"]


def test_a_rule_file_that_does_not_load_is_fatal_for_every_item(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    message: m\n    pattern: '(unclosed'\n    replacement: y\n")
    opts = check_options(rules=[bad], **OPTS)
    for text in ("One text.", "Another text."):
        r = clean_item(text, opts)
        assert r["fatal"] is True and "bad.yaml" in r["error"] and r["text"] is None


# -- the command line: refusals, and the local path -------------------------------
def test_batch_without_dask_is_fix_output_dir(tmp_path):
    arts = _tree(tmp_path)
    a = run_mtfix("fix", *FAST, "-q", "--output-dir", tmp_path / "a", arts)
    b = run_mtfix("batch", *FAST, "-q", "--output-dir", tmp_path / "b", arts)
    assert a.returncode == b.returncode == 2  # the undecodable file failed, the rest were written
    assert _files(tmp_path / "a") == _files(tmp_path / "b") and len(_files(tmp_path / "a")) == 16
    assert _stderr_lines(a) == _stderr_lines(b)


def test_batch_dask_says_how_to_install_dask(tmp_path, cli, monkeypatch):
    (tmp_path / "a.txt").write_text("the general Mark Milley , he said.\n")
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)  # what a missing package does
    r = cli("batch", "--dask", "tcp://127.0.0.1:8786", *FAST, "-d", tmp_path / "out", tmp_path / "a.txt")
    assert r.exit_code == 2
    assert "mtfix: error: Dask is not installed: pip install 'mtfix[dask]'" in r.stderr
    assert not (tmp_path / "out").exists()


def test_batch_dask_says_when_no_scheduler_answers(tmp_path, cli):
    with socket.socket() as s:  # a loopback port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "a.txt").write_text("the general Mark Milley , he said.\n")
    r = cli("batch", "--dask", f"tcp://127.0.0.1:{port}", "--timeout", "1", *FAST, "-d", tmp_path / "out",
            tmp_path / "a.txt")
    assert r.exit_code == 2
    assert f"mtfix: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} within 1 s" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "out").exists()


# -- on a real LocalCluster ------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=50) as c, \
            distributed.Client(c, set_as_default=False) as client:
        yield c, client


def _texts() -> list[tuple[str, str]]:
    """A few hundred named texts: twenty dev articles of the web corpus whole,
    the first paragraphs of the others, then runs of six lines from WMT13
    machine translations, their reference and native English news (short
    texts keep the in-process reference run affordable)."""
    out = [(p.name, p.read_text(encoding="utf-8")) for p in DEV[:20]]
    for p in DEV[20:]:
        paras = [b for b in p.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        out.append((f"{p.stem}-start.txt", "\n\n".join(paras[:3]) + "\n"))
    for path in (WMT / "online-B.txt", WMT / "rbmt-1.txt", WMT / "ref.txt", NATIVE):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("# docid")]
        for i in range(0, min(len(lines), 360), 6):
            out.append((f"{path.stem}-{i}.txt", "\n".join(lines[i:i + 6]) + "\n"))
    return out


@pytest.mark.slow
def test_the_cluster_gives_the_in_process_results_one_engine_per_worker(cluster):
    import dask.bag as db

    from mtfix.distributed import clean_bag
    from mtfix.serialize import finding_json

    _, client = cluster
    texts = _texts()
    assert len(texts) >= 300
    bad = [("utf16.txt", "the general".encode("utf-16")), Path("/nonexistent/article.txt")]
    items = texts[:150] + bad + texts[150:] + [DEV[0]]  # a path the workers read themselves
    results = clean_bag(db.from_sequence(items, npartitions=16), **OPTS).compute(scheduler=client)
    assert len(results) == len(items)
    with mtfix.load(**OPTS) as engine:
        for (name, text), r in zip(texts, results[:150] + results[152:-1]):
            doc = Document(text, name)
            assert r["name"] == name and r["error"] is None
            assert r["text"] == engine.fix(doc).text, name
            assert r["findings"] == [finding_json(doc, f) for f in engine.check(doc)], name
        own = engine.fix(Document(DEV[0].read_text(encoding="utf-8"), str(DEV[0]))).text
        assert results[-1]["name"] == str(DEV[0]) and results[-1]["data"] == own.encode("utf-8")
    assert results[150]["error"].startswith("utf16.txt: looks binary") and results[150]["text"] is None
    assert results[151]["error"] == "/nonexistent/article.txt: no such file"
    stats = client.run(worker_stats)
    key = json.dumps(check_options(**OPTS), sort_keys=True)
    assert len(stats) == 2 and all(s["engines"] == {key: 1} for s in stats.values()), stats
    assert sum(s["items"] for s in stats.values()) == len(items) - len(bad)
    assert all(s["items"] > 0 for s in stats.values()), stats  # both workers took a share


@pytest.mark.slow
def test_batch_dask_writes_the_tree_fix_writes(cluster, tmp_path):
    c, _ = cluster
    arts = _tree(tmp_path)
    a = run_mtfix("fix", *FAST, "--output-dir", tmp_path / "a", arts)
    b = run_mtfix("batch", "--dask", c.scheduler_address, *FAST, "--output-dir", tmp_path / "b", arts)
    assert a.returncode == b.returncode == 2, b.stderr.decode()
    assert _files(tmp_path / "a") == _files(tmp_path / "b") and len(_files(tmp_path / "a")) == 16
    assert _stderr_lines(a) == _stderr_lines(b)
    assert "mtfix: error: " in b.stderr.decode() and "undecodable.txt: not valid UTF-8" in b.stderr.decode()
