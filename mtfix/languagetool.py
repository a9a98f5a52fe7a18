"""LanguageTool as a second opinion: a local server, its matches as findings.

Why a server we start ourselves rather than letting language_tool_python
start one: its start-up wait is fixed at 15 s, which a cold JVM on a busy
2-core machine can exceed, and we need a French false-friend overlay first on
the class path (see :mod:`mtfix.lt_install`). We still talk to the server
through ``language_tool_python`` (``remote_server=``), so request building and
match parsing are the library's.

One server per process: :class:`LanguageToolBackend` objects share it, it
starts on the first :meth:`~LanguageToolBackend.check` (never at import or in
:meth:`~LanguageToolBackend.available`), and it stops when the last backend is
closed or the process exits. ``$MTFIX_LT_SERVER`` (or the ``server_url``
setting) points at a server that is already running instead, e.g. one kept
open by ``mtfix languagetool serve`` or by the test suite.

Offsets: LanguageTool is Java, so its offsets and lengths count UTF-16 code
units; a character outside the Basic Multilingual Plane (an emoji, some CJK)
counts 2 there and 1 in a Python ``str``. language_tool_python 3.x already
converts ``Match.offset`` to a ``str`` index but leaves ``error_length`` in
UTF-16 units, so the end is computed here by walking from the start.
"""
from __future__ import annotations

import atexit
import fnmatch
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from mtfix.errors import LanguageToolError
from mtfix.model import Finding, Fix, Tier, sort_findings

SOURCE = "languagetool"
RULE_PREFIX = "lt:"

#: French false-friend rules for words whose English sense is the usual one in
#: news: off by default (see ``disabled_rules``). DISPUTE, ACTUALLY, EVENTUALLY,
#: RETIRE and the rest stay on: their English sense is the rarer one.
NOISY_FALSE_FRIENDS = [f"FALSE_FRIEND_{w}" for w in (
    "ABILITY", "ACHIEVE", "CHANGE", "CHARACTER", "CHARGE", "CHECK", "CLOSE", "COMPREHENSIVE",
    "CONFIDENCE", "CONTEMPLATE", "DEMAND", "HABIT", "INJURE", "ISSUE", "LARGE", "LOCATION",
    "MECHANIC", "PHOTOGRAPH", "PHYSICIAN", "POSITIVE", "PREVENT", "QUEUE", "REFUSE", "REGARD",
    "RELIEVE", "REST", "ROUTE")]

#: Settings keys and their defaults (``[tool.mtfix.languagetool]`` in config).
DEFAULTS: dict[str, Any] = {
    "language": "en-US",          # variant: en-US, en-GB, en-CA, en-AU, en-NZ, en-ZA
    "mother_tongue": "fr",        # turns on the French false-friend rules
    "spelling": False,            # news is full of proper nouns
    # LanguageTool rule ids; setting the key replaces this list.
    # EN_DATE_WEEKDAY_CURRENTYEAR checks "Sunday, December 29" against *today's*
    # year, wrong for any dated news article. The false friends in NOISY_FALSE_FRIENDS
    # flag every use of an everyday English word ("change", "issue", "charge",
    # "ability"): on the human reference and native English they made 99 of
    # LanguageTool's 191 findings, on words used in their ordinary English sense.
    "disabled_rules": ["EN_DATE_WEEKDAY_CURRENTYEAR"] + NOISY_FALSE_FRIENDS,
    "disabled_categories": [],    # LanguageTool category ids (GRAMMAR, STYLE, ...)
    "enabled_rules": [],          # opt-in rules (off by default in LanguageTool)
    "picky": False,               # LanguageTool's picky level
    "category": "grammar",        # mtfix category of every LanguageTool finding
    "default_tier": "review",
    "tiers": {},                  # rule id / glob / "category:ID" / "type:ISSUE" -> tier; merged over DEFAULT_TIERS
    "max_replacements": 5,
    "skip_headings": True,        # drop matches inside title/heading/meta lines
    "server_url": None,           # use a running server; also $MTFIX_LT_SERVER
    "ltp_path": None,             # folder holding LanguageTool-6.8/; also $LTP_PATH
    "java": "java",
    "jvm_options": ["-Xms128m", "-Xmx2g", "-XX:+UseSerialGC"],
    "start_timeout": 120.0,
    "ngram_path": None,           # LanguageTool n-gram index (enables its n-gram rules)
}

#: Rules whose first replacement is usually right in news text and whose
#: span is small: offered as "suggested". Everything else is "review".
DEFAULT_TIERS: dict[str, str] = {
    "category:FALSE_FRIENDS": "review",
    "EN_A_VS_AN": "suggested",
    "ENGLISH_WORD_REPEAT_RULE": "suggested",
    "ENGLISH_WORD_REPEAT_BEGINNING_RULE": "review",
    "DOUBLE_PUNCTUATION": "suggested",
    "COMMA_PARENTHESIS_WHITESPACE": "suggested",
    "WHITESPACE_RULE": "review",
    "UPPERCASE_SENTENCE_START": "review",
}

_HEALTH = "v2/healthcheck"
QUOTE_MARKS = "\"'“”‘’«»„"


class LanguageToolUnavailable(LanguageToolError):
    """LanguageTool cannot run here; the message is one line for the user."""


# -- the shared server ----------------------------------------------------------

class _Server:
    """A LanguageTool HTTP server process on 127.0.0.1, owned by this process."""

    def __init__(self, folder: Path, overlay: Path, settings: dict) -> None:
        self.folder, self.overlay, self.settings = folder, overlay, settings
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.users = 0
        self.start_seconds = 0.0
        self.log_path: Path | None = None

    def start(self) -> None:
        from .lt_install import cache_root

        port = _free_port()
        cp = os.pathsep.join([str(self.overlay), str(self.folder / "languagetool-server.jar")])
        cmd = [self.settings.get("java") or "java", *self.settings.get("jvm_options", []),
               "-cp", cp, "org.languagetool.server.HTTPServer", "--port", str(port)]
        ngram = self.settings.get("ngram_path")
        logdir = cache_root() / "languagetool" / "logs"
        logdir.mkdir(parents=True, exist_ok=True)
        if ngram:
            conf = logdir / f"server-{os.getpid()}.properties"
            conf.write_text(f"languageModel={Path(ngram).expanduser()}\n", encoding="utf-8")
            cmd += ["--config", str(conf)]
        self.log_path = logdir / f"server-{os.getpid()}-{port}.log"
        t0 = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, cwd=str(self.folder))
        self.url = f"http://127.0.0.1:{port}/"
        deadline = t0 + float(self.settings.get("start_timeout") or 120)
        while True:
            if self.proc.poll() is not None:
                raise LanguageToolUnavailable(
                    f"LanguageTool server exited with code {self.proc.returncode}: {self._log_tail()}")
            if _healthy(self.url):
                break
            if time.monotonic() > deadline:
                self.stop()
                raise LanguageToolUnavailable("LanguageTool server did not answer within "
                                              f"{self.settings.get('start_timeout')} s")
            time.sleep(0.1)
        self.start_seconds = time.monotonic() - t0

    def _log_tail(self) -> str:
        try:
            lines = [ln for ln in self.log_path.read_text(errors="replace").splitlines() if ln.strip()]
        except OSError:
            return "no log"
        bad = [ln for ln in lines if "Exception" in ln or "Error" in ln]
        return (bad or lines or ["no output"])[-1][:300]

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self.log_path is not None:
            try:
                self.log_path.unlink()
            except OSError:
                pass


_LOCK = threading.Lock()
_SERVERS: dict[tuple, _Server] = {}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/" + _HEALTH, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def _acquire_server(settings: dict) -> _Server:
    from . import lt_install

    folder = lt_install.find_installation(settings.get("ltp_path"))
    if folder is None:
        raise LanguageToolUnavailable(
            "LanguageTool 6.8 is not installed: run `mtfix languagetool install`")
    overlay = lt_install.overlay_for(folder)
    key = (str(folder), tuple(settings.get("jvm_options") or ()), settings.get("ngram_path"))
    with _LOCK:
        server = _SERVERS.get(key)
        if server is None or not server.alive():
            server = _Server(folder, overlay, settings)
            server.start()
            _SERVERS[key] = server
        server.users += 1
        return server


def _release_server(server: _Server) -> None:
    with _LOCK:
        server.users -= 1
        if server.users <= 0:
            server.stop()
            for k, v in list(_SERVERS.items()):
                if v is server:
                    del _SERVERS[k]


@atexit.register
def shutdown_servers() -> None:
    """Stop every server this process started (also runs at exit)."""
    with _LOCK:
        for server in _SERVERS.values():
            server.stop()
        _SERVERS.clear()


# -- offsets ------------------------------------------------------------------

def utf16_end(text: str, start: int, units: int) -> int:
    """The ``str`` index reached from ``start`` after ``units`` UTF-16 code units."""
    i, n = start, len(text)
    while units > 0 and i < n:
        units -= 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i


def utf16_to_index(text: str, units: int) -> int:
    """The ``str`` index of UTF-16 offset ``units`` (for raw server offsets)."""
    return utf16_end(text, 0, units)


# -- settings -----------------------------------------------------------------

def resolve_settings(settings: dict | None) -> dict:
    """DEFAULTS overlaid with ``settings`` (unknown keys are kept, None means default)."""
    out = dict(DEFAULTS)
    for k, v in (settings or {}).items():
        if v is not None:
            out[k] = v
    out["tiers"] = {**DEFAULT_TIERS, **((settings or {}).get("tiers") or {})}
    if not out.get("server_url") and os.environ.get("MTFIX_LT_SERVER"):
        out["server_url"] = os.environ["MTFIX_LT_SERVER"]
    for key in ("disabled_rules", "disabled_categories", "enabled_rules", "jvm_options"):
        v = out.get(key) or []
        out[key] = [s.strip() for s in (v.split(",") if isinstance(v, str) else v) if str(s).strip()]
    return out


def spelling_rule_ids(language: str) -> list[str]:
    """LanguageTool's spell-checking rule for ``language`` (e.g. MORFOLOGIK_RULE_EN_US)."""
    code = language.replace("-", "_").upper()
    ids = [f"MORFOLOGIK_RULE_{code}"]
    if code in ("EN", "EN_US", "EN_GB", "EN_CA", "EN_AU", "EN_NZ", "EN_ZA"):
        ids.append("HUNSPELL_RULE")
    return ids


def tier_for(rule_id: str, category: str, issue_type: str, tiers: dict, default: str) -> Tier:
    """First of: exact rule id, rule-id glob, ``category:ID``, ``type:ISSUE``, default."""
    if rule_id in tiers:
        return Tier.parse(tiers[rule_id])
    for pattern, tier in tiers.items():
        if ":" not in pattern and any(c in pattern for c in "*?[") and fnmatch.fnmatchcase(rule_id, pattern):
            return Tier.parse(tier)
    for key in (f"category:{category}", f"type:{issue_type}"):
        if key in tiers:
            return Tier.parse(tiers[key])
    return Tier.parse(default)


# -- the backend ----------------------------------------------------------------

class LanguageToolBackend:
    """Checks documents with LanguageTool and returns mtfix findings."""

    def __init__(self, settings: dict | None = None) -> None:
        self.settings = resolve_settings(settings)
        self._server: _Server | None = None
        self._tool = None
        self.seconds = 0.0  # time spent in check(), for benchmarks

    # availability never starts the server: it is called on every run.
    def available(self) -> tuple[bool, str]:
        url = self.settings.get("server_url")
        if url:
            return (True, f"LanguageTool server at {url}") if _healthy(url) else (
                False, f"LanguageTool server at {url} does not answer")
        try:
            import language_tool_python  # noqa: F401
        except ImportError:
            return False, "language_tool_python is not installed (pip install 'mtfix[languagetool]')"
        from . import lt_install

        try:
            lt_install.check_java(self.settings.get("java") or "java")
        except lt_install.InstallError as e:
            return False, str(e)
        folder = lt_install.find_installation(self.settings.get("ltp_path"))
        if folder is None:
            return False, "LanguageTool 6.8 is not installed: run `mtfix languagetool install`"
        return True, f"LanguageTool {lt_install.LT_VERSION} at {folder}"

    @property
    def url(self) -> str:
        self._ensure_tool()
        return self._url

    def _ensure_tool(self):
        if self._tool is not None:
            return self._tool
        try:
            import language_tool_python
        except ImportError as e:
            raise LanguageToolUnavailable("language_tool_python is not installed") from e
        url = self.settings.get("server_url")
        if not url:
            self._server = _acquire_server(self.settings)
            url = self._server.url
        self._url = url
        s = self.settings
        tool = language_tool_python.LanguageTool(s["language"], mother_tongue=s["mother_tongue"] or None,
                                                 remote_server=url)
        disabled = set(s["disabled_rules"])
        if not s["spelling"]:
            disabled.update(spelling_rule_ids(s["language"]))
        tool.disabled_rules = disabled
        tool.disabled_categories = set(s["disabled_categories"])
        tool.enabled_rules = set(s["enabled_rules"])
        tool.picky = bool(s["picky"])
        self._tool = tool
        return tool

    def check_text(self, text: str) -> list[Finding]:
        """LanguageTool's findings on ``text`` (offsets are ``str`` indices into it)."""
        tool = self._ensure_tool()
        t0 = time.monotonic()
        try:
            matches = tool.check(text)
        except Exception as e:  # the library raises several types; one line for the user
            raise LanguageToolUnavailable(f"LanguageTool check failed: {str(e).splitlines()[0][:200]}") from e
        finally:
            self.seconds += time.monotonic() - t0
        return [f for f in (self._finding(text, m) for m in matches) if f is not None]

    def check(self, doc) -> list[Finding]:
        """Findings on a :class:`~mtfix.document.Document` (whole text in one request,
        so LanguageTool sees paragraphs and cross-sentence context)."""
        findings = self.check_text(doc.text)
        if self.settings.get("skip_headings") and hasattr(doc, "in_heading"):
            findings = [f for f in findings if not doc.in_heading(f.start)]
        return findings

    def _finding(self, text: str, m) -> Finding | None:
        s = self.settings
        start = m.offset
        end = utf16_end(text, start, m.error_length)
        if not (0 <= start <= end <= len(text)):
            return None
        original = text[start:end]
        reps: list[str] = []
        for r in m.replacements:
            if r != original and r not in reps:
                reps.append(r)
            if len(reps) >= int(s["max_replacements"]):
                break
        tier = tier_for(m.rule_id, m.category, m.rule_issue_type, s["tiers"], s["default_tier"])
        if tier is not Tier.REVIEW and not reps:
            tier = Tier.REVIEW  # nothing to apply
        if tier is Tier.SAFE:
            tier = Tier.SUGGESTED  # LanguageTool alone never makes a safe fix
        if tier is Tier.SUGGESTED and any(q in original for q in QUOTE_MARKS):
            # Spacing around a stray quote mark in MT output (`the " team`) is
            # garbling, not typography: gluing the quote to a word is wrong.
            tier = Tier.REVIEW
        # The span widened over neighbouring spaces and tabs: merge() treats an
        # own finding there as the same problem ("agreement. on": mtfix drops the
        # full stop, LanguageTool would capitalise "on").
        lo, hi = start, end
        while lo > 0 and text[lo - 1] in " \t":
            lo -= 1
        while hi < len(text) and text[hi] in " \t":
            hi += 1
        return Finding(
            rule=RULE_PREFIX + m.rule_id,
            category=s["category"],
            message=m.message,
            start=start,
            end=end,
            tier=tier,
            source=SOURCE,
            fixes=tuple(Fix.replace(start, end, r) for r in reps),
            evidence={"lt_rule": m.rule_id, "lt_category": m.category,
                      "lt_issue_type": m.rule_issue_type, "lt_replacements": list(m.replacements[:10]),
                      "lt_reach": [lo, hi]},
        )

    def close(self) -> None:
        self._tool = None
        if self._server is not None:
            server, self._server = self._server, None
            _release_server(server)

    def __enter__(self) -> "LanguageToolBackend":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- merging with mtfix's own findings --------------------------------------------

def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion touches what it sits in or next to
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def _same_problem(own: Finding, lt: Finding) -> bool:
    """Overlapping spans, or (with LanguageTool's ``lt_reach``) only blanks between them."""
    if _overlaps(own.span, lt.span):
        return True
    reach = lt.evidence.get("lt_reach")
    if not reach:
        return False
    lo, hi = min(reach[0], lt.span[0]), max(reach[1], lt.span[1])
    return own.span[0] <= hi and lo <= own.span[1]


def merge(own: Iterable[Finding], lt: Iterable[Finding]) -> list[Finding]:
    """mtfix's findings plus the LanguageTool findings that add something.

    * A LanguageTool finding whose span overlaps one of mtfix's own, or is
      separated from it by blanks only, is dropped:
      mtfix's rule knows the artefact better; the agreement is kept in the own
      finding's evidence (``languagetool``: the LT rule ids that agreed).
    * LanguageTool findings on the same span are merged into one: the highest
      tier wins, the other rule ids go to ``evidence['also']``, and their
      replacements are added as further candidates.
    """
    own = list(own)
    agreed: dict[int, list[str]] = {}
    kept: dict[tuple[int, int], Finding] = {}
    for f in sorted(lt, key=lambda f: (f.start, f.end, -f.tier.rank, f.rule)):
        hits = [i for i, o in enumerate(own) if _same_problem(o, f)]
        if hits:
            for i in hits:
                agreed.setdefault(i, []).append(f.rule)
            continue
        key = (f.start, f.end)
        prev = kept.get(key)
        if prev is None:
            kept[key] = f
            continue
        ev = dict(prev.evidence)
        ev["also"] = list(ev.get("also", [])) + [f.rule]
        seen = {x.edits for x in prev.fixes}
        extra = tuple(x for x in f.fixes if x.edits not in seen)
        kept[key] = replace(prev, fixes=prev.fixes + extra, evidence=ev)
    out = []
    for i, o in enumerate(own):
        if i in agreed:
            ev = dict(o.evidence)
            ev["languagetool"] = sorted(set(ev.get("languagetool", [])) | set(agreed[i]))
            o = replace(o, evidence=ev)
        out.append(o)
    return sort_findings(out + list(kept.values()))


# -- command line: `mtfix languagetool ...` ----------------------------------------

import click  # noqa: E402  (cheap; kept next to the commands it serves)


@click.group("languagetool")
def languagetool_group() -> None:
    """Install and run the LanguageTool server used by --grammar."""


@languagetool_group.command("install")
@click.option("--ltp-path", type=click.Path(file_okay=False), default=None,
              help="Folder to hold LanguageTool-6.8/ (default: $LTP_PATH, else ~/.cache/mtfix/languagetool).")
@click.option("--force", is_flag=True, help="Assemble again even if an installation exists.")
def install_cmd(ltp_path, force) -> None:
    """Make LanguageTool 6.8 available offline (from Maven Central; needs Java 17).

    Prints the installation folder. Its parent works as LTP_PATH for
    language_tool_python.
    """
    from . import lt_install

    try:
        path = lt_install.install(ltp_path, force=force,
                                  log=lambda m: click.echo(f"mtfix: {m}", err=True))
    except lt_install.InstallError as e:
        click.echo(f"mtfix: error: {e}", err=True)
        raise click.exceptions.Exit(2) from None
    click.echo(str(path))


@languagetool_group.command("status")
def status_cmd() -> None:
    """Say whether grammar checking can run here (exit 0) or why not (exit 2)."""
    ok, why = LanguageToolBackend({}).available()
    click.echo(why)
    if not ok:
        raise click.exceptions.Exit(2)


@languagetool_group.command("serve")
def serve_cmd() -> None:
    """Run a LanguageTool server until Ctrl-C, for many `mtfix` runs to share.

    Prints MTFIX_LT_SERVER=URL: export it and every `mtfix check` uses this
    warm server instead of starting its own JVM.
    """
    backend = LanguageToolBackend({"server_url": None})
    backend.settings["server_url"] = None
    try:
        backend.check_text("Warm up.")
        click.echo(f"MTFIX_LT_SERVER={backend.url}")
        sys.stdout.flush()
        while backend._server is not None and backend._server.alive():
            time.sleep(1)
        click.echo("mtfix: LanguageTool server stopped", err=True)
        raise click.exceptions.Exit(1)
    except LanguageToolUnavailable as e:
        click.echo(f"mtfix: error: {e}", err=True)
        raise click.exceptions.Exit(2) from None
    except KeyboardInterrupt:
        pass
    finally:
        backend.close()
