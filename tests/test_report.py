"""The HTML report in a real headless Chromium (Debian's, driven over the DevTools
protocol), and `mtfix apply` on what the page exports.

The rules come from a tiny pack written here, so the expected texts do not move
when the built-in pack changes.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import websocket

from conftest import DATA, run_mtfix

FAST = ("--no-lm", "--no-grammar", "--no-builtin")

PACK = (DATA / "review-pack.yaml").read_text(encoding="utf-8")

TEXT = ("A headline about colour\n\n"
        "The colour , and the colour again.\n"
        "The attack was imputed to Israel by a mysterious source <script>alert(1)</script>.\n")


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    pytest.fail("Debian chromium is not installed (scripts/setup.d/30-chromium.sh installs it)")


class Chromium:
    """A headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, tmp: Path) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="mtfix-chromium-", dir=tmp))
        self.proc = subprocess.Popen(
            [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 30
        browser_ws = None
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                browser_ws = m.group(1)
                break
        if browser_ws is None:
            self.ws = None
            self.close()
            pytest.fail("chromium did not start its DevTools endpoint")
        # keep reading its log so that a full pipe never blocks the browser
        threading.Thread(target=lambda: [None for _ in self.proc.stderr], daemon=True).start()
        self.ws = None
        self._id = 0
        self.events: list[dict] = []
        try:
            self.ws = websocket.create_connection(browser_ws, timeout=30, suppress_origin=True)
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        except BaseException:
            self.close()  # never leave a browser behind
            raise

    def call(self, method: str, session: bool = False, **params):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events = (self.events + [reply])[-200:]  # events, kept for debugging

    def page(self, method: str, **params):
        return self.call(method, session=True, **params)

    def js(self, expr: str):
        r = self.page("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"JS error in {expr!r}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def open(self, url: str, width: int = 1400, height: int = 900) -> None:
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.page("Page.enable")
        self.page("Page.navigate", url=url)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.js("document.readyState") == "complete" and self.js("typeof mtfixExport") == "function":
                return
            time.sleep(0.05)
        raise RuntimeError("page did not load")

    def click(self, selector: str) -> None:
        """A real mouse click at the element's centre (scrolled into view first)."""
        box = self.js(f"""(() => {{ const el = document.querySelector({json.dumps(selector)});
            el.scrollIntoView({{block: 'center'}}); const r = el.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path: Path, full: bool = False) -> None:
        params = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = self.page("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            if self.ws is not None:
                self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture
def browser(tmp_path):
    b = Chromium(tmp_path)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def article(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "mini.yaml").write_text(PACK, encoding="utf-8")
    art = tmp_path / "article.txt"
    art.write_text(TEXT, encoding="utf-8")
    return art, pack


def make_report(art: Path, pack: Path, out: Path) -> None:
    r = run_mtfix("report", *FAST, "--rules", pack, "--db", art.parent / "db.sqlite", art, "-o", out)
    assert r.returncode == 0, r.stderr.decode()


def card_of(browser: Chromium, rule: str, nth: int = 0) -> int:
    ids = browser.js(f"Array.from(document.querySelectorAll('.card')).filter(c => "
                     f"c.querySelector('code').textContent === {json.dumps(rule)}).map(c => +c.id.slice(5))")
    return ids[nth]


def test_report_is_self_contained(article, tmp_path):
    art, pack = article
    out = tmp_path / "report.html"
    make_report(art, pack, out)
    page = out.read_text(encoding="utf-8")
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"\bsrc\s*=", page), "no external scripts or images"
    assert not re.search(r"https?://", page)
    # the article's own markup cannot break out of the data block
    assert "<script>alert(1)</script>" not in page
    assert page.count("</script>") == 2


@pytest.mark.slow
def test_untick_export_apply(article, tmp_path, browser):
    art, pack = article
    out = tmp_path / "report.html"
    make_report(art, pack, out)
    browser.open(out.as_uri())
    # safe changes start ticked, suggested and review ones not; the flag has no checkbox
    ticked = browser.js("Array.from(document.querySelectorAll('.card input[type=checkbox]'))"
                        ".map(b => [b.closest('.card').querySelector('code').textContent, b.checked])")
    assert sorted(ticked) == [["colour-us", True], ["colour-us", True], ["colour-us", True],
                              ["imputed", False], ["space-comma", True]]
    assert browser.js("document.querySelectorAll('.card').length") == 6
    # the inline view shows the ticked changes as deletions and insertions
    assert browser.js("document.querySelectorAll('#view ins').length") == 3
    assert browser.js("document.querySelectorAll('#view del').length") == 4
    # untick the second 'colour' (in the body), tick the calque, both with real clicks
    third = card_of(browser, "colour-us", 2)
    browser.click(f"#card-{third} input[type=checkbox]")
    browser.click(f"#card-{card_of(browser, 'imputed')} input[type=checkbox]")
    assert browser.js("document.getElementById('summary').textContent") == \
        "6 findings · 4 changes ticked to apply"
    # the export button downloads the decisions file
    dl = tmp_path / "downloads"
    dl.mkdir()
    browser.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(dl))
    browser.click("#export")
    target = dl / "article.decisions.json"
    deadline = time.time() + 15
    while not target.exists() and time.time() < deadline:
        time.sleep(0.1)
    assert target.exists(), list(dl.iterdir())
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported == json.loads(browser.js("mtfixExport()"))
    by_decision = {}
    for d in exported["decisions"]:
        by_decision.setdefault(d["decision"], []).append(d["rule"])
    assert sorted(by_decision["accepted"]) == ["colour-us", "colour-us", "imputed", "space-comma"]
    assert by_decision["rejected"] == ["colour-us"]
    r = run_mtfix("apply", art, "--decisions", target, "--db", tmp_path / "db.sqlite")
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == (
        "A headline about color\n\n"
        "The color, and the colour again.\n"
        "The attack was attributed to Israel by a mysterious source <script>alert(1)</script>.\n")
    assert art.read_text(encoding="utf-8") == TEXT
    # the report's decisions went to the log
    stats = run_mtfix("rules", "stats", "--db", tmp_path / "db.sqlite", "--format", "json")
    rows = {x["rule"]: x for x in json.loads(stats.stdout)["rules"]}
    assert (rows["colour-us"]["accepted"], rows["colour-us"]["rejected"]) == (2, 1)
    # --in-place writes the same text and keeps a backup
    r = run_mtfix("apply", art, "--decisions", target, "--in-place", "--no-log")
    assert r.returncode == 0
    assert art.read_text(encoding="utf-8").startswith("A headline about color\n\nThe color,")
    assert (tmp_path / "article.txt.bak").read_text(encoding="utf-8") == TEXT


@pytest.mark.slow
def test_edit_in_page_and_overlap(article, tmp_path, browser):
    art, pack = article
    (pack / "overlap.yaml").write_text(
        "rules:\n  - id: colour-again\n    category: custom\n    tier: suggested\n"
        "    message: say it once\n    pattern: 'colour again'\n    replacement: same hue\n",
        encoding="utf-8")
    out = tmp_path / "report.html"
    make_report(art, pack, out)
    browser.open(out.as_uri())
    # ticking the overlapping suggestion unticks the safe change it overlaps
    again = card_of(browser, "colour-again")
    third = card_of(browser, "colour-us", 2)
    assert browser.js(f"document.querySelector('#card-{third} input').checked") is True
    browser.click(f"#card-{again} input[type=checkbox]")
    assert browser.js(f"document.querySelector('#card-{third} input').checked") is False
    assert "overlaps" in browser.js(f"document.querySelector('#card-{third} .note').textContent")
    # write a fix for the flag-only finding
    flag = card_of(browser, "mysterious")
    browser.click(f"#card-{flag} [data-edit]")
    browser.js(f"document.querySelector('[data-input=\"{flag}\"]').value = 'anonymous'")
    browser.click(f"[data-save='{flag}']")
    data = json.loads(browser.js("mtfixExport()"))
    edited = [d for d in data["decisions"] if d["decision"] == "edited"]
    assert [(d["rule"], d["final"]) for d in edited] == [("mysterious", "anonymous")]
    target = tmp_path / "d.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    r = run_mtfix("apply", art, "--decisions", target, "--no-log")
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == (
        "A headline about color\n\n"
        "The color, and the same hue.\n"
        "The attack was imputed to Israel by a anonymous source <script>alert(1)</script>.\n")
    # side by side: one row per paragraph, the changed ones marked
    browser.click("label[for=v-sbs]")
    assert browser.js("document.querySelectorAll('.sbs .row').length") == 3
    assert browser.js("document.querySelectorAll('.sbs .row.changed').length") == 3
    # filters: hiding the 'custom' category hides its cards
    browser.click("[data-cat=custom]")
    rules = browser.js("Array.from(document.querySelectorAll('.card code')).map(c => c.textContent)")
    assert "colour-us" not in rules and "imputed" in rules
    shot = tmp_path / "shot.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_apply_refuses_changed_file_and_bad_json(article, tmp_path, browser):
    art, pack = article
    out = tmp_path / "report.html"
    make_report(art, pack, out)
    browser.open(out.as_uri())
    target = tmp_path / "d.json"
    target.write_text(browser.js("mtfixExport()"), encoding="utf-8")
    art.write_text(TEXT.replace("again", "once more"), encoding="utf-8")
    r = run_mtfix("apply", art, "--decisions", target, "--no-log")
    assert r.returncode == 2 and b"not the text the report was made from" in r.stderr
    assert b"Traceback" not in r.stderr
    target.write_text("{not json", encoding="utf-8")
    r = run_mtfix("apply", art, "--decisions", target, "--no-log")
    assert r.returncode == 2 and b"not JSON" in r.stderr


if __name__ == "__main__":  # regenerate docs/report.png: python tests/test_report.py REPORT.html OUT.png
    import sys

    html_path, png = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        b = Chromium(Path(tmp))
        try:
            b.open(html_path.as_uri(), width=int(os.environ.get("WIDTH", 1440)),
                   height=int(os.environ.get("HEIGHT", 900)))
            for expr in sys.argv[3:]:  # optional JS to run first (e.g. pick a view)
                b.js(expr)
            time.sleep(0.3)
            b.screenshot(png)
        finally:
            b.close()


def test_candidates_reach_the_page_with_their_margins():
    """A finding with several candidate fixes: the page's data lists the
    others as alternatives, and the card shows them with the model's margin."""
    from mtfix.model import Finding, Fix, Tier
    from mtfix.report import render_html, report_data

    text = "After the meeting, Lyon won.\n"
    at = text.index("the meeting")
    f = Finding(rule="t", category="calques", message="m", start=at, end=at + 11, tier=Tier.SUGGESTED,
                fixes=(Fix.replace(at, at + 11, "the match"), Fix.replace(at, at + 11, "the game")),
                evidence={"lm_candidates": [{"replacement": "the match", "margin": 2.5},
                                            {"replacement": "the game", "margin": 1.25}]})
    data = report_data("a.txt", text, [f])
    (c,) = data["changes"]
    assert c["replacement"] == "the match" and c["alternatives"] == ["the game"]
    page = render_html(data)
    assert "other candidates (edit to use one)" in page and '"alternatives": ["the game"]' in page
