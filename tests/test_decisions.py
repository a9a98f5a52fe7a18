"""The decisions log: stats after scripted reviews, and auto-demotion of a safe
rule that reviewers keep rejecting (and the config that tunes it)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import DATA, run_mtfix

FAST = ("--no-lm", "--no-grammar", "--no-builtin")

PACK = (DATA / "review-pack.yaml").read_text(encoding="utf-8")
# twelve 'colour' and one ' ,'
TEXT = "Colour notes\n\n" + "".join(f"Line {i} has colour in it.\n" for i in range(12)) + "A list , here.\n"


@pytest.fixture
def setup(tmp_path, monkeypatch):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "mini.yaml").write_text(PACK, encoding="utf-8")
    art = tmp_path / "article.txt"
    art.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "log.sqlite3"
    monkeypatch.setenv("MTFIX_DECISIONS_DB", str(tmp_path / "not-this-one.sqlite3"))
    monkeypatch.chdir(tmp_path)  # no config found upward from here but our own
    return art, pack, db


def review(art, pack, db, answers: str, *extra):
    r = run_mtfix("review", *FAST, "--rules", pack, "--db", db, "-o", art.with_suffix(".out"),
                  *extra, art, input=answers.encode())
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode()


def stats(db, *extra) -> dict:
    r = run_mtfix("rules", "stats", "--db", db, "--format", "json", *extra)
    assert r.returncode == 0, r.stderr.decode()
    return {x["rule"]: x for x in json.loads(r.stdout)["rules"]}


def test_stats_after_scripted_review(setup):
    art, pack, db = setup
    # colour x12: accept 2, edit 1, reject 9; then the comma: accept
    review(art, pack, db, "y\ny\ne\nhue\n" + "n\n" * 9 + "y\n")
    s = stats(db)
    assert (s["colour-us"]["accepted"], s["colour-us"]["edited"], s["colour-us"]["rejected"]) == (2, 1, 9)
    assert s["colour-us"]["rate"] == pytest.approx(2 / 12, abs=1e-4)
    assert s["colour-us"]["demoted"] is True          # 17% over 12 decisions
    assert (s["space-comma"]["accepted"], s["space-comma"]["demoted"]) == (1, False)
    text = run_mtfix("rules", "stats", "--db", db).stdout.decode()
    line = next(l for l in text.splitlines() if l.startswith("colour-us"))
    assert re.split(r"\s+", line.strip()) == ["colour-us", "2", "1", "9", "0", "17%", "demoted"]
    # an empty log is not an error
    r = run_mtfix("rules", "stats", "--db", art.parent / "none.sqlite3")
    assert r.returncode == 0 and "no decisions logged yet" in r.stdout.decode()
    assert not (art.parent / "none.sqlite3").exists()
    assert not (art.parent / "not-this-one.sqlite3").exists()  # --db wins over the environment


def test_auto_demotion(setup):
    art, pack, db = setup
    review(art, pack, db, "y\ny\n" + "n\n" * 10 + "y\n")  # colour: 2 of 12 accepted
    # the next review offers colour-us as suggested, says why, and after the safe comma
    out = review(art, pack, db, "q\n")
    assert "13 changes to review (1 safe, 12 suggested)" in out
    assert "(1/13) safe · typography · [space-comma]" in out
    r = run_mtfix("review", *FAST, "--rules", pack, "--db", db, "-o", art.with_suffix(".o2"), art,
                  input=b"y\nq\n")
    assert "tier safe->suggested: accepted in 2 of 12 reviews (below 50%)" in r.stdout.decode()
    # the report starts with it unticked (as `mtfix fix` would not apply a suggested fix)
    html = art.with_suffix(".html")
    r = run_mtfix("report", *FAST, "--rules", pack, "--db", db, art, "-o", html)
    assert r.returncode == 0, r.stderr.decode()
    data = json.loads(re.search(r'<script type="application/json" id="mtfix-data">(.*?)</script>',
                                html.read_text(encoding="utf-8"), re.S).group(1))
    colour = [c for c in data["changes"] if c["rule"] == "colour-us"]
    assert {c["tier"] for c in colour} == {"suggested"} and not any(c["checked"] for c in colour)
    assert colour[0]["evidence"]["acceptance_rate"] == pytest.approx(0.167, abs=1e-3)
    # the threshold and the minimum number of decisions come from the config
    cfg = art.parent / "mtfix.toml"
    cfg.write_text("[review]\ndemote_below = 0.1\n", encoding="utf-8")
    assert "13 changes to review (13 safe)" in review(art, pack, db, "q\n", "--config", cfg)
    cfg.write_text("[review]\nmin_decisions = 20\n", encoding="utf-8")
    assert "13 changes to review (13 safe)" in review(art, pack, db, "q\n", "--config", cfg)
    assert stats(db, "--config", cfg)["colour-us"]["demoted"] is False
    cfg.write_text("[review]\ndemote_below = 0\n", encoding="utf-8")  # 0 turns it off
    assert "13 changes to review (13 safe)" in review(art, pack, db, "q\n", "--config", cfg)
    cfg.write_text("[review]\ndemote_below = 'half'\n", encoding="utf-8")
    r = run_mtfix("review", *FAST, "--rules", pack, "--db", db, "--config", cfg, art, input=b"q\n")
    assert r.returncode == 2 and b"demote_below must be a number" in r.stderr


def test_demote_function_on_engine_findings(setup):
    """The function the engine can call: only safe findings of demoted rules change."""
    art, pack, db = setup
    review(art, pack, db, "n\n" * 10 + "q\n")  # colour: 0 of 10 accepted
    import mtfix
    from mtfix.decisions import demote
    from mtfix.settings import ReviewSettings as Settings
    from mtfix.document import Document
    from mtfix.model import Tier

    engine = mtfix.load(rules=[pack], builtin=False, lm=False, grammar=False)
    findings = engine.check(Document(TEXT, str(art)))
    out = demote(findings, db, Settings(demote_below=0.5, min_decisions=10))
    assert [f.tier for f in out if f.rule == "colour-us"] == [Tier.SUGGESTED] * 12
    assert [f.tier for f in out if f.rule == "space-comma"] == [Tier.SAFE]
    assert demote(findings, db, Settings(min_decisions=11)) == findings
    assert demote(findings, art.parent / "absent.sqlite3", None) == findings
    assert not (art.parent / "absent.sqlite3").exists()


def test_logging_can_be_turned_off(setup):
    art, pack, db = setup
    cfg = art.parent / "mtfix.toml"
    cfg.write_text("[review]\nlog = false\n", encoding="utf-8")
    review(art, pack, db, "y\nn\nq\n", "--config", cfg)
    assert not db.exists()


def test_fix_and_check_honour_demotion(setup, monkeypatch):
    """`mtfix fix` no longer applies a demoted rule unattended; `--suggested` does."""
    art, pack, db = setup
    review(art, pack, db, "n\n" * 10 + "q\n")  # colour: 0 of 10 accepted
    monkeypatch.setenv("MTFIX_DECISIONS_DB", str(db))
    r = run_mtfix("fix", *FAST, "--rules", pack, art)
    assert r.stdout.decode() == TEXT.replace("A list , here", "A list, here")
    r = run_mtfix("fix", *FAST, "--rules", pack, "--suggested", art)
    assert r.stdout.decode().count("color") == 12
    r = run_mtfix("check", *FAST, "--rules", pack, "--format", "json", art)
    found = json.loads(r.stdout)["files"][0]["findings"]
    colour = [f for f in found if f["rule"] == "colour-us"]
    assert {f["tier"] for f in colour} == {"suggested"}
    assert "accepted in 0 of 10 reviews" in colour[0]["evidence"]["tier_history"][0]
    # another log (a fresh machine) changes nothing
    monkeypatch.setenv("MTFIX_DECISIONS_DB", str(art.parent / "fresh.sqlite3"))
    assert run_mtfix("fix", *FAST, "--rules", pack, art).stdout.decode().count("color") == 12
