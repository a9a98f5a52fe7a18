"""Rule files: loading, validation, matching and their built-in tests.

A rule file is data: a YAML mapping with ``rules:``, a list of rules. Three
rule *types*, in the spirit of Vale:

``pattern`` (the default when ``pattern`` is given)
    A regular expression (the ``regex`` module, run under a time limit) and a
    ``replacement`` that may use ``\\1`` and ``\\g<name>``; ``replacement: null``
    only flags.
``wordlist``
    ``words:`` a mapping of phrase → replacement (or a list of phrases to flag),
    matched as whole words, case-insensitively, keeping the case of the match.
``glossary``
    Terminology: like ``wordlist`` but the terms match as written (case
    counts) and the replacement is used verbatim (``Le Monde``, not ``le monde``).
``detector``
    ``detector:`` the id of a Python detector in :mod:`mtfix.detectors`, with
    ``options:`` for it.

Context conditions (any rule type) keep or drop each match: ``sentence_start``,
``in_quotes``, ``in_heading``, ``after_capital``, ``before_capital`` (true or
false), ``preceded_by`` / ``followed_by`` / ``not_preceded_by`` /
``not_followed_by`` (regular expressions tried against the same line right
before or after the match). ``skip_headings``, ``skip_quotes`` and
``only_quotes`` are older spellings kept working. docs/rules.md is the guide.

Every rule may carry ``examples`` (``{text, fixed}``; without ``fixed`` the rule
need only flag) and ``counterexamples`` (texts it must leave alone), run by
``mtfix rules test`` and by the test suite.
"""
from __future__ import annotations

import re as _stdre
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import regex

from mtfix.document import Document
from mtfix.errors import RuleTimeout  # noqa: F401  (raised here, re-exported)
from mtfix.model import CATEGORIES, Finding, Fix, Tier
from mtfix.yamlio import LineDict, RuleFileError, load_yaml

#: Seconds one regular expression may spend on one document before it is
#: reported as catastrophic instead of hanging the run. The ``regex`` module's
#: own ``timeout`` counts process CPU time (measured: a 1 s limit took 1.4-3.4 s
#: of wall time on a loaded 2-core machine), so in the main thread a SIGALRM
#: timer also enforces it in wall time; ``regex`` checks for signals while it
#: backtracks, so the alarm interrupts a runaway match within milliseconds.
REGEX_TIMEOUT = 2.0

RULE_KEYS = {
    "id", "message", "pattern", "replacement", "category", "tier", "examples", "counterexamples",
    "type", "words", "detector", "options", "ignore_case", "preserve_case", "lm",
    "skip_headings", "skip_quotes", "only_quotes", "enabled", "description", "sentence_start",
    "transform", "in_quotes", "in_heading", "after_capital", "before_capital",
    "preceded_by", "followed_by", "not_preceded_by", "not_followed_by",
}
RULE_TYPES = ("pattern", "wordlist", "glossary", "detector")
#: Context conditions that hold a regular expression tried next to the match.
LOOKAROUND_KEYS = ("preceded_by", "followed_by", "not_preceded_by", "not_followed_by")
_WORD = r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*"
_PREV_WORD = regex.compile(rf"({_WORD})[\"'”’»)]*[ \t\u00a0]+[\"'“‘«(]*\Z")
_NEXT_WORD = regex.compile(rf"[ \t\u00a0]+[\"'“‘«(]*({_WORD})")
TRANSFORMS = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda s: s[:1].upper() + s[1:],
    "title": str.title,
}


class _WallTimeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _WallTimeout()


@contextmanager
def _wall_deadline(seconds: float):
    """Interrupt the block after ``seconds`` of wall time (main thread, POSIX).

    Elsewhere (threads, Windows, a timer already running) only the ``regex``
    CPU-time limit applies.
    """
    if (not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0
            or signal.getsignal(signal.SIGALRM) is None):
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, old)


def limited(fn, what: str, path: str):
    """Run ``fn(timeout)`` (a regex call) under :data:`REGEX_TIMEOUT`, in CPU and
    wall time; raise :class:`RuleTimeout` naming ``what`` (``file:line: rule 'x'``)."""
    try:
        with _wall_deadline(REGEX_TIMEOUT):
            return fn(REGEX_TIMEOUT)
    except (TimeoutError, _WallTimeout):
        raise RuleTimeout(
            f"{what}: pattern took over {REGEX_TIMEOUT:g} s on {path} "
            f"(catastrophic backtracking?); fix the pattern or disable the rule") from None


@dataclass(frozen=True)
class Example:
    text: str
    fixed: str | None
    line: int


@dataclass
class Rule:
    id: str
    message: str
    category: str = "custom"
    tier: Tier = Tier.SUGGESTED
    type: str = "pattern"
    pattern: Any = None  # compiled regex.Pattern
    replacement: str | None = None
    words: dict[str, str | None] = field(default_factory=dict)
    detector: str | None = None
    options: dict = field(default_factory=dict)
    preserve_case: bool = False
    transform: str | None = None
    lm: bool = False
    skip_headings: bool = False
    skip_quotes: bool = False
    only_quotes: bool = False
    sentence_start: bool | None = None
    in_heading: bool | None = None
    after_capital: bool | None = None
    before_capital: bool | None = None
    #: key (one of LOOKAROUND_KEYS) -> compiled pattern
    lookaround: dict[str, Any] = field(default_factory=dict)
    options_line: int = 0
    ignore_case: bool = True
    enabled: bool = True
    description: str = ""
    examples: list[Example] = field(default_factory=list)
    counterexamples: list[Example] = field(default_factory=list)
    path: str = "<memory>"
    line: int = 0
    pack: str = ""
    order: int = 0
    source: str = "rules"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    # -- matching ----------------------------------------------------------
    def run(self, doc: Document) -> list[Finding]:
        if self.type == "detector":
            from mtfix import detectors

            fn = detectors.get(self.detector or "")
            if fn is None:  # validated at load time; kept for rules built in code
                raise RuleFileError(self.path, self.line, f"unknown detector {self.detector!r}")
            try:
                found = list(fn(doc, self))
            except (_stdre.error, regex.error, TypeError, ValueError, KeyError, AttributeError) as e:
                if not self.options:
                    raise  # a bug in the detector itself: keep the traceback
                raise RuleFileError(self.path, self.options_line or self.line,
                                    f"rule {self.id!r}: options: detector {self.detector!r} cannot "
                                    f"use them ({type(e).__name__}: {e})") from None
        else:
            found = list(self._match(doc))
        return [f for f in found if self._context_ok(doc, f)]

    def _match(self, doc: Document) -> Iterator[Finding]:
        # Collect every match inside the time limit, then build findings outside it.
        matches = limited(lambda t: list(self.pattern.finditer(doc.text, timeout=t)),
                          f"{self.where}: rule {self.id!r}", doc.path)
        for m in matches:
            if m.end() == m.start() and self.replacement in (None, ""):
                continue
            yield self._finding(doc, m)

    def _finding(self, doc: Document, m: "regex.Match") -> Finding:
        fixes: tuple[Fix, ...] = ()
        repl: str | None
        if self.type in ("wordlist", "glossary"):
            repl = self.words.get(_norm_phrase(m.group(), self.ignore_case))
        else:
            repl = None if self.replacement is None else m.expand(self.replacement)
        if repl is not None:
            if self.transform:
                repl = TRANSFORMS[self.transform](repl)
            if self.preserve_case:
                repl = match_case(m.group(), repl)
            fixes = (Fix.replace(m.start(), m.end(), repl),)
        return Finding(rule=self.id, category=self.category, message=self._message(m, repl),
                       start=m.start(), end=m.end(), tier=self.tier, source=self.source,
                       fixes=fixes, order=self.order, lm_check=self.lm)

    def _message(self, m: "regex.Match", repl: str | None) -> str:
        """Fill ``{match}``, ``{replacement}``, ``{1}``, ``{name}`` placeholders."""
        values = {"match": m.group(), "replacement": "" if repl is None else repl}
        values.update({str(i): g or "" for i, g in enumerate(m.groups(), 1)})
        values.update({k: v or "" for k, v in m.groupdict().items()})
        return _stdre.sub(r"\{(\w+)\}", lambda x: values.get(x.group(1), x.group(0)), self.message)

    def _context_ok(self, doc: Document, f: Finding) -> bool:
        if self.in_heading is not None and doc.in_heading(f.start) != self.in_heading:
            return False
        if self.skip_quotes or self.only_quotes:
            q = doc.quote_at(f.start)
            inside = q is not None and q.inner_start <= f.start and f.end <= q.inner_end
            if self.skip_quotes and inside or self.only_quotes and not inside:
                return False
        if self.sentence_start is not None:
            s = doc.sentence_at(f.start)
            at_start = s is not None and not doc.text[s.start:f.start].strip("\"'“‘«( ")
            if at_start != self.sentence_start:
                return False
        if self.after_capital is not None or self.before_capital is not None or self.lookaround:
            return self._neighbours_ok(doc, f)
        return True

    def _neighbours_ok(self, doc: Document, f: Finding) -> bool:
        """The word or text next to the match, on the same line."""
        text = doc.text
        lo = text.rfind("\n", 0, f.start) + 1
        hi = text.find("\n", f.end)
        hi = len(text) if hi < 0 else hi
        if self.after_capital is not None:
            m = _PREV_WORD.search(text, max(lo, f.start - 200), f.start)
            if bool(m and m.group(1)[0].isupper()) != self.after_capital:
                return False
        if self.before_capital is not None:
            m = _NEXT_WORD.match(text, f.end, hi)
            if bool(m and m.group(1)[0].isupper()) != self.before_capital:
                return False
        for key, pat in self.lookaround.items():
            if key.endswith("followed_by"):
                found = limited(lambda t: pat.match(text, f.end, hi, timeout=t),
                                f"{self.where}: rule {self.id!r} {key}", doc.path)
            else:
                found = limited(lambda t: pat.search(text, lo, f.start, timeout=t),
                                f"{self.where}: rule {self.id!r} {key}", doc.path)
            if bool(found) == key.startswith("not_"):
                return False
        return True


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``original``: UPPER, Title or as is."""
    letters = [c for c in original if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if letters[0].islower() and replacement[0].isupper() and not replacement[:2].isupper():
        return replacement[0].lower() + replacement[1:]
    return replacement


def _norm_phrase(s: str, fold: bool = True) -> str:
    s = " ".join(s.replace("’", "'").split())
    return s.lower() if fold else s


@dataclass
class RulePack:
    """Rules from one or more folders, in load order, with ids unique across them."""

    rules: list[Rule] = field(default_factory=list)

    def enabled(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]

    def get(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    def add(self, rule: Rule) -> None:
        other = self.get(rule.id)
        if other is not None:
            raise RuleFileError(rule.path, rule.line,
                                f"duplicate rule id {rule.id!r} (also at {other.where})")
        rule.order = len(self.rules)
        self.rules.append(rule)

    def check(self, doc: Document, rules: Iterable[Rule] | None = None) -> list[Finding]:
        out: list[Finding] = []
        for r in (self.enabled() if rules is None else rules):
            out.extend(r.run(doc))
        return out


# -- loading ---------------------------------------------------------------

def builtin_rules_dir() -> Path:
    """The shipped rule packs: package data when installed, ./rules in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "builtin_rules"
    if installed.is_dir():
        return installed
    return here.parent / "rules"


def rule_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleFileError(path, None, "no such rule file or folder")
    return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_pack(paths: Iterable[str | Path], pack: RulePack | None = None) -> RulePack:
    pack = pack if pack is not None else RulePack()
    for p in paths:
        root = Path(p)
        for f in rule_files(root):
            for rule in load_file(f, pack_name=_pack_name(root, f)):
                pack.add(rule)
    return pack


def _pack_name(root: Path, f: Path) -> str:
    """A pack is a folder of rule files: ``fr-en`` for ``rules/fr-en/x.yaml``."""
    if not root.is_dir():
        return f.parent.name
    rel = f.parent.relative_to(root)
    return rel.as_posix() if rel.parts else root.name


def load_file(path: str | Path, pack_name: str = "") -> list[Rule]:
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise RuleFileError(path, getattr(data, "line", 1) or 1,
                            "a rule file is a mapping with a 'rules:' list")
    if "rules" not in data:
        raise RuleFileError(path, data.line, "missing key 'rules'")
    items = data["rules"]
    if not isinstance(items, list):
        raise RuleFileError(path, data.line_of("rules"), "'rules' must be a list")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise RuleFileError(path, data.line_of("defaults"), "'defaults' must be a mapping of rule keys")
    for key in data:
        if key not in ("rules", "defaults"):
            raise RuleFileError(path, data.line_of(key), f"unknown top-level key {key!r} (rules, defaults)")
    return [parse_rule(item, path, pack_name, defaults) for item in items]


def parse_rule(item: Any, path: str | Path, pack_name: str = "", defaults: dict | None = None) -> Rule:
    path = str(path)
    line = getattr(item, "line", 0)
    if not isinstance(item, dict):
        raise RuleFileError(path, line or None, "each rule must be a mapping with id, message, pattern")
    d = dict(defaults or {})
    d.update(item)

    def err(key: str | None, msg: str, at: int = 0) -> RuleFileError:
        ln = at or (item.line_of(key) if key and isinstance(item, LineDict) else line)
        rid = d.get("id")
        if key and f"'{key}'" not in msg and not msg.startswith(key):
            msg = f"{key}: {msg}"  # every error names the key it is about
        return RuleFileError(path, ln, (f"rule {rid!r}: " if rid else "") + msg)

    for key in item:
        if key not in RULE_KEYS:
            raise err(key, f"unknown key {key!r}")
    for key in ("id", "message"):
        if key not in d:
            raise err(None, f"missing key {key!r}")
        if not isinstance(d[key], str) or not d[key].strip():
            raise err(key, f"{key!r} must be a non-empty string")
    if not _stdre.fullmatch(r"[A-Za-z0-9][\w.:-]*", d["id"]):
        raise err("id", "'id' may hold letters, digits, '_', '-', '.', ':'")

    kind = d.get("type") or ("detector" if "detector" in d else "wordlist" if "words" in d else "pattern")
    if kind not in RULE_TYPES:
        raise err("type", f"unknown rule type {kind!r} (one of: {', '.join(RULE_TYPES)})")
    for key in d:
        if key not in RULE_KEYS:
            raise err(key, f"unknown key {key!r} in defaults")
    rule = Rule(id=d["id"], message=d["message"].strip(), type=kind, path=path, line=line, pack=pack_name)
    rule.description = str(d.get("description") or "")
    category = d.get("category", "custom")
    if not isinstance(category, str) or category not in CATEGORIES:
        raise err("category", f"unknown category {category!r} (one of: {', '.join(CATEGORIES)})")
    rule.category = category
    try:
        rule.tier = Tier.parse(d.get("tier", "suggested"))
    except ValueError as e:
        raise err("tier", str(e)) from None
    for key in ("preserve_case", "lm", "skip_headings", "skip_quotes", "only_quotes", "enabled",
                "ignore_case", "sentence_start", "in_quotes", "in_heading", "after_capital",
                "before_capital"):
        if key in d and d[key] is not None and not isinstance(d[key], bool):
            raise err(key, f"{key!r} must be true or false")
    rule.preserve_case = d.get("preserve_case", kind == "wordlist")
    rule.lm = d.get("lm", False)
    transform = d.get("transform")
    if transform is not None and (not isinstance(transform, str) or transform not in TRANSFORMS):
        raise err("transform", f"'transform' must be one of {', '.join(TRANSFORMS)}")
    rule.transform = transform
    _parse_context(rule, d, err)
    rule.enabled = d.get("enabled", True)
    if "options" in d and not isinstance(d["options"], dict):
        raise err("options", "'options' must be a mapping")
    rule.options = dict(d.get("options") or {})
    rule.options_line = item.line_of("options") if isinstance(item, LineDict) and "options" in item else 0

    flags = regex.V0 | regex.MULTILINE
    if d.get("ignore_case"):
        flags |= regex.IGNORECASE
    if kind == "pattern":
        if "pattern" not in d:
            raise err(None, "missing key 'pattern'")
        if "replacement" not in d:
            raise err(None, "missing key 'replacement' (use null to only flag)")
        rule.pattern = _compile(d["pattern"], flags, err)
        repl = d["replacement"]
        if repl is not None and not isinstance(repl, str):
            raise err("replacement", "'replacement' must be a string or null")
        if repl is not None:
            try:
                rule.pattern.sub(repl, "")  # validates group references cheaply
                _check_groups(rule.pattern, repl)
            except (regex.error, IndexError) as e:
                raise err("replacement", f"bad group reference: {e}") from None
        rule.replacement = repl
    elif kind in ("wordlist", "glossary"):
        if "pattern" in d:
            raise err("pattern", f"a {kind} rule takes 'words', not 'pattern'")
        words = d.get("words")
        if isinstance(words, list):
            words = {w: None for w in words}
        if not isinstance(words, dict) or not words:
            raise err("words", "'words' must be a non-empty mapping (phrase: replacement) or list")
        for k, v in words.items():
            if not isinstance(k, str) or not (v is None or isinstance(v, str)):
                raise err("words", f"bad entry {k!r}: {v!r}")
        rule.ignore_case = d.get("ignore_case", kind == "wordlist")
        rule.words = {_norm_phrase(k, rule.ignore_case): v for k, v in words.items()}
        alts = "|".join(r"\s+".join(regex.escape(w) for w in k.split())
                        for k in sorted(words, key=len, reverse=True))
        alts = alts.replace("'", "['’]")
        if rule.ignore_case:
            flags |= regex.IGNORECASE
        rule.pattern = regex.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", flags)
    elif kind == "detector":
        from mtfix import detectors

        name = d.get("detector")
        if not isinstance(name, str) or detectors.get(name) is None:
            raise err("detector", f"unknown detector {name!r} (known: {', '.join(detectors.names())})")
        rule.detector = name

    rule.examples = _examples(d.get("examples"), "examples", err, item)
    rule.counterexamples = _examples(d.get("counterexamples"), "counterexamples", err, item)
    return rule


def _parse_context(rule: Rule, d: dict, err) -> None:
    """Context conditions; the older ``skip_*``/``only_quotes`` keys map onto them."""
    in_quotes = d.get("in_quotes")
    if d.get("skip_quotes") and d.get("only_quotes"):
        raise err("only_quotes", "'skip_quotes' and 'only_quotes' cannot both be true")
    for old, value in (("skip_quotes", False), ("only_quotes", True)):
        if d.get(old):
            if in_quotes is not None and in_quotes != value:
                raise err("in_quotes", f"'in_quotes: {str(in_quotes).lower()}' contradicts '{old}: true'")
            in_quotes = value
    rule.skip_quotes = in_quotes is False
    rule.only_quotes = in_quotes is True
    in_heading = d.get("in_heading")
    if d.get("skip_headings"):
        if in_heading:
            raise err("in_heading", "'in_heading: true' contradicts 'skip_headings: true'")
        in_heading = False
    rule.in_heading = in_heading
    rule.skip_headings = in_heading is False
    rule.sentence_start = d.get("sentence_start")
    rule.after_capital = d.get("after_capital")
    rule.before_capital = d.get("before_capital")
    for key in LOOKAROUND_KEYS:
        if d.get(key) is None:
            continue
        body = _compile(d[key], regex.V0, err, key).pattern
        # preceded_by must end where the match starts; followed_by starts where it ends
        rule.lookaround[key] = _compile(f"(?:{body})\\Z" if "preceded" in key else body,
                                        regex.V0 | (regex.IGNORECASE if d.get("ignore_case") else 0),
                                        err, key)


def _compile(pattern: Any, flags: int, err, key: str = "pattern") -> Any:
    if not isinstance(pattern, str) or not pattern:
        raise err(key, f"{key!r} must be a non-empty string")
    try:
        return regex.compile(pattern, flags)
    except regex.error as e:
        raise err(key, f"bad regular expression: {e}") from None


def _check_groups(pattern: Any, repl: str) -> None:
    for m in _stdre.finditer(r"\\(\d+)|\\g<(\w+)>", repl):
        if m.group(1) and int(m.group(1)) > pattern.groups:
            raise regex.error(f"invalid group reference {m.group(1)}")
        name = m.group(2)
        if name and not name.isdigit() and name not in pattern.groupindex:
            raise regex.error(f"unknown group name {name!r}")
        if name and name.isdigit() and int(name) > pattern.groups:
            raise regex.error(f"invalid group reference {name}")


def _line_of(d: Any, key: str) -> int:
    return d.line_of(key) if isinstance(d, LineDict) else 0


def _examples(raw: Any, key: str, err, item: Any) -> list[Example]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise err(key, f"{key!r} must be a list")
    out = []
    for i, ex in enumerate(raw, 1):
        # a plain string item knows its line only if the YAML loader recorded the
        # lines of sequence items (``lines`` on the list); else the key's line
        item_lines = getattr(raw, "lines", None)
        line = (getattr(ex, "line", 0) or (item_lines[i - 1] if item_lines else 0)
                or (item.line_of(key) if isinstance(item, LineDict) else 0))
        if isinstance(ex, str):
            out.append(Example(ex, None, line))
        elif isinstance(ex, dict) and isinstance(ex.get("text"), str):
            fixed = ex.get("fixed")
            if fixed is not None and not isinstance(fixed, str):
                raise err(key, f"{key}[{i}]: 'fixed' must be a string", _line_of(ex, "fixed"))
            if key == "counterexamples" and fixed is not None:
                raise err(key, f"{key}[{i}]: a counterexample has no 'fixed'", _line_of(ex, "fixed"))
            for k in ex:
                if k not in ("text", "fixed"):
                    raise err(key, f"{key}[{i}]: unknown key {k!r} (text, fixed)", _line_of(ex, k))
            out.append(Example(ex["text"], fixed, line))
        else:
            raise err(key, f"{key}[{i}] must be a string or a mapping with 'text'", line)
    return out


# -- rule tests ------------------------------------------------------------

@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    kind: str  # "example" or "counterexample"
    expected: str
    got: str

    def __str__(self) -> str:
        return (f"{self.rule.path}:{self.example.line}: rule {self.rule.id!r} {self.kind}\n"
                f"  text:     {self.example.text!r}\n"
                f"  expected: {self.expected}\n"
                f"  got:      {self.got}")


def run_examples(rule: Rule) -> list[ExampleFailure]:
    """Run a rule's examples and counterexamples; return what failed."""
    from mtfix.resolve import resolve

    failures: list[ExampleFailure] = []
    for ex in rule.examples:
        doc = Document(ex.text, path=f"{rule.id} example")
        found = rule.run(doc)
        if not found:
            failures.append(ExampleFailure(rule, ex, "example", "a finding", "no finding"))
            continue
        if ex.fixed is not None:
            got = resolve(doc, found, tiers=set(Tier)).text
            if got != ex.fixed:
                failures.append(ExampleFailure(rule, ex, "example", repr(ex.fixed), repr(got)))
    for ex in rule.counterexamples:
        doc = Document(ex.text, path=f"{rule.id} counterexample")
        found = rule.run(doc)
        if found:
            spans = ", ".join(repr(doc.text[f.start:f.end]) for f in found)
            failures.append(ExampleFailure(rule, ex, "counterexample", "no finding", f"flagged {spans}"))
    return failures
