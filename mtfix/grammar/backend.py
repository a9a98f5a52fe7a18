"""LanguageTool as a second opinion: its matches on a document as mtfix findings.

We talk to the server (one at ``server_url``, else the background server
of :mod:`mtfix.grammar.persist` if one is recorded and alive, else our own,
:mod:`mtfix.grammar.server`) through ``language_tool_python`` (``remote_server=``), so
request building and match parsing are the library's; every request it
makes is limited to ``request_timeout`` seconds, so a server that answers its
health check but never a check costs one timeout, then a
:class:`~mtfix.errors.LanguageToolError` (the engine turns that into
"grammar checking off" for the run).

:meth:`LanguageToolBackend.available` never starts the server (it is asked
on every run); the first :meth:`~LanguageToolBackend.check` does.

Offsets: LanguageTool is Java, so its offsets and lengths count UTF-16 code
units; a character outside the Basic Multilingual Plane (an emoji, some CJK)
counts 2 there and 1 in a Python ``str``. language_tool_python 3.x already
converts ``Match.offset`` to a ``str`` index but leaves ``error_length`` in
UTF-16 units, so the end is computed here by walking from the start.

Which rules: every rule the settings leave on (``disabledRules``), or for a
command that can use only some tiers the :class:`~mtfix.grammar.selection.RuleSet`
it asks for (``enabledRules`` + ``enabledOnly``; an empty one sends nothing
and starts no server), :mod:`mtfix.grammar.selection`.

Parallel requests: LanguageTool's server checks one request on one thread
(its ``Pipeline`` is a plain ``JLanguageTool``) but runs up to
``maxCheckThreads`` requests at once, so a long document is cut at line ends
into up to :data:`REQUESTS` pieces sent together, and the matches are mapped
back by the piece's start. Cuts are made where no enabled rule looks across
them (:func:`~mtfix.grammar.pieces.cut_points`): only between paragraphs that a blank line
separates, and only after paragraphs whose every quotation and bracket is
opened and closed inside them, plainly (LanguageTool pairs marks across
paragraphs); each piece is sent with the
paragraph before it as context, for the rules that compare a
paragraph with the previous one (:mod:`mtfix.grammar.pieces`). The rules that look further (word coherency,
repeated sentence beginnings) are off by default (``LT_RULES_OFF``). The
findings are the same as one request's: tests/test_lt_parallel.py checks that
on real articles.
"""
from __future__ import annotations

import fnmatch
import functools
import time
from typing import TYPE_CHECKING, Mapping

from mtfix.errors import LanguageToolError
from mtfix.grammar.gates import gate
from mtfix.grammar.pieces import MIN_PIECE, REQUESTS, pieces
from mtfix.grammar.selection import EVERYTHING, RuleSet, rules_for, spelling_rule_ids
from mtfix.grammar.server import _Server, acquire_server, healthy, release_server
from mtfix.model import Finding, Fix, Tier

if TYPE_CHECKING:
    from mtfix.settings import LanguageToolSettings

SOURCE = "languagetool"
RULE_PREFIX = "lt:"
QUOTE_MARKS = "\"'“”‘’«»„"


def utf16_end(text: str, start: int, units: int) -> int:
    """The ``str`` index reached from ``start`` after ``units`` UTF-16 code units."""
    i, n = start, len(text)
    while units > 0 and i < n:
        units -= 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i


def tier_for(rule_id: str, category: str, issue_type: str, tiers: Mapping[str, str],
             default: str) -> Tier:
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


@functools.lru_cache(maxsize=None)
def _client_class():
    """language_tool_python's client with a per-instance request timeout.

    The library sends every request (the language list when the client is
    built, each check) with its class-wide ``_TIMEOUT`` of 300 s and tries a
    failed request twice; the retry exists to restart a server the library
    started itself, and ours is always remote to it, so a second try would
    only double the wait on a server that hangs.
    """
    import language_tool_python

    class Client(language_tool_python.LanguageTool):
        def __init__(self, *args, timeout: float, **kwargs) -> None:
            self._TIMEOUT = timeout
            super().__init__(*args, **kwargs)

        def _query_server(self, url, params=None, num_tries=2, method="get"):
            return super()._query_server(url, params, num_tries=1, method=method)

    return Client


def _one_line(e: Exception) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0][:200]


class LanguageToolBackend:
    """Checks documents with LanguageTool and returns mtfix findings.

    ``settings``: the ``[languagetool]`` settings (None: the defaults, with no
    environment: a server of our own). ``requests``: at most this many
    requests at once for one document, in pieces of at least ``min_piece``
    characters (1: always one request). Close it (or use it as a context
    manager) to release the server.
    """

    def __init__(self, settings: "LanguageToolSettings | None" = None, *,
                 requests: int = REQUESTS, min_piece: int = MIN_PIECE) -> None:
        if settings is None:
            from mtfix.settings import LanguageToolSettings

            settings = LanguageToolSettings()
        self.settings = settings
        self._server: _Server | None = None
        self._tool = None
        self._url = ""
        self.seconds = 0.0  # time spent in check(), for benchmarks
        self.requests, self.min_piece = max(1, requests), min_piece  # see cut_points
        self._pool = None  # the threads of parallel requests, made on first use
        self._off: tuple[frozenset, frozenset] = (frozenset(), frozenset())  # set with the client

    def available(self) -> tuple[bool, str]:
        """(can it run here, one line saying where or why not). Never starts
        the server: it is called on every run."""
        s = self.settings
        if s.server_url:
            return (True, f"LanguageTool server at {s.server_url}") if healthy(s.server_url) else (
                False, f"LanguageTool server at {s.server_url} does not answer")
        try:
            import language_tool_python  # noqa: F401
        except ImportError:
            return False, "language_tool_python is not installed (pip install 'mtfix[languagetool]')"
        from mtfix.grammar import install

        try:
            install.check_java(s.java)
        except install.InstallError as e:
            return False, str(e)
        folder = install.find_installation(s.ltp_path)
        if folder is None:
            return False, (f"LanguageTool {install.LT_VERSION} is not installed: "
                           "run `mtfix languagetool install`")
        return True, f"LanguageTool {install.LT_VERSION} at {folder}"

    @property
    def url(self) -> str:
        """The server's URL (starts the server if needed)."""
        self._ensure_tool()
        return self._url

    def serving(self) -> bool:
        """Whether the server this backend started itself is running (False
        for a server named by ``server_url`` or found recorded in the cache)."""
        return self._server is not None and self._server.alive()

    def _ensure_tool(self):
        if self._tool is not None:
            return self._tool
        try:
            client = _client_class()
        except ImportError as e:
            raise LanguageToolError("language_tool_python is not installed") from e
        s = self.settings
        url = s.server_url
        if not url:  # the background server of `mtfix languagetool serve --background`
            from mtfix.grammar.persist import running

            url = running(s) or ""
        if not url:
            self._server = acquire_server(s)
            url = self._server.url
        self._url = url
        try:
            tool = client(s.language, mother_tongue=s.mother_tongue, remote_server=url,
                          timeout=s.request_timeout)
        except Exception as e:  # an unknown language, a server that does not answer
            raise LanguageToolError(f"LanguageTool at {url}: {_one_line(e)}") from e
        disabled = set(s.disabled_rules)
        if not s.spelling:
            disabled.update(spelling_rule_ids(s.language))
        tool.disabled_rules = disabled
        self._off = (frozenset(disabled), frozenset(s.disabled_categories))  # see check_text
        tool.disabled_categories = set(s.disabled_categories)
        tool.enabled_rules = set(s.enabled_rules)
        tool.picky = s.picky
        self._tool = tool
        return tool

    def rules_for(self, tiers=None, lm_categories=()) -> RuleSet:
        """The rules a check must ask for when only findings in ``tiers`` matter
        (None: every tier), :func:`~mtfix.grammar.selection.rules_for` under these settings."""
        return rules_for(self.settings, tiers, lm_categories)

    def check_text(self, text: str, rules: RuleSet = EVERYTHING) -> list[Finding]:
        """LanguageTool's findings on ``text`` (offsets are ``str`` indices into it),
        from the ``rules`` asked for (default: every rule the settings leave on).
        An empty set asks nothing, and does not start the server."""
        if rules.empty:
            return []
        tool = self._ensure_tool()
        t0 = time.monotonic()
        try:
            matches = self._matches(tool, text, rules)
        except Exception as e:  # the library raises several types; one line for the user
            raise LanguageToolError(f"LanguageTool check failed: {_one_line(e)}") from e
        finally:
            self.seconds += time.monotonic() - t0
        if not rules.everything:
            # enabledOnly cannot carry disabledRules: a disabled sub-id of an
            # enabled rule (EN_US_SIMPLE_REPLACE_COMPERE) is dropped here instead
            rules_off, categories_off = self._off
            matches = [m for m in matches if m.rule_id not in rules_off and m.category not in categories_off]
        return gate(text, [f for f in (self._finding(text, m) for m in matches) if f is not None])

    def _params(self, tool, text: str, rules: RuleSet) -> dict:
        """The request for ``text``: the library's, or with ``enabledOnly`` for a rule set."""
        params = tool._create_params(text)
        if not rules.everything:
            for key in ("disabledRules", "disabledCategories", "enabledRules", "enabledCategories"):
                params.pop(key, None)  # the server refuses disabled rules with enabledOnly
            params["enabledRules"] = ",".join(sorted(rules.rules))
            params["enabledOnly"] = "true"
        return params

    def _matches(self, tool, text: str, rules: RuleSet = EVERYTHING) -> list:
        """The matches on ``text``, offsets into it: one request, or the
        :func:`~mtfix.grammar.pieces.pieces` sent at once. Only the HTTP requests run in
        threads: language_tool_python's ``Match`` keeps the text it converts
        offsets for in a class attribute, so matches are built here, in order."""
        from language_tool_python.match import Match
        import urllib.parse

        url = urllib.parse.urljoin(tool._url, "check")
        parts = pieces(text, self.requests, self.min_piece)
        if len(parts) == 1:
            answer = tool._query_server(url, self._params(tool, text, rules), method="post")
            return [Match(attrib, text) for attrib in answer["matches"]]
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(self.requests, thread_name_prefix="mtfix-lt")
        answers = list(self._pool.map(
            lambda p: tool._query_server(url, self._params(tool, text[p[0]:p[2]], rules), method="post"),
            parts))
        out = []
        for (sent, own, hi), answer in zip(parts, answers):
            for attrib in answer["matches"]:
                m = Match(attrib, text[sent:hi])
                if m.offset + sent < own:
                    continue  # in the context paragraph: the previous piece's
                m.offset += sent
                out.append(m)
        return out

    def check(self, doc, rules: RuleSet = EVERYTHING) -> list[Finding]:
        """Findings on a :class:`~mtfix.document.Document` (whole text in one request,
        so LanguageTool sees paragraphs and cross-sentence context), from the
        ``rules`` asked for (:meth:`rules_for`)."""
        findings = self.check_text(doc.text, rules)
        if self.settings.skip_headings and hasattr(doc, "in_heading"):
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
            if len(reps) >= s.max_replacements:
                break
        tier = tier_for(m.rule_id, m.category, m.rule_issue_type, s.tiers, s.default_tier)
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
            category=s.category,
            message=m.message,
            start=start,
            end=end,
            tier=tier,
            source=SOURCE,
            fixes=tuple(Fix.replace(start, end, r) for r in reps),
            evidence={"lt_rule": m.rule_id, "lt_category": m.category,
                      "lt_issue_type": m.rule_issue_type, "lt_replacements": list(m.replacements[:10])},
            reach=(lo, hi),
        )

    def close(self) -> None:
        """Release the server (the last backend to close it stops it)."""
        self._tool = None
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=False, cancel_futures=True)
        if self._server is not None:
            server, self._server = self._server, None
            release_server(server)

    def __enter__(self) -> "LanguageToolBackend":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
