"""What every rule type shares: identity, tier, examples and context conditions.

A rule type is a subclass of :class:`Rule` that implements :meth:`Rule.find`
(the findings on a document before context conditions) and reads its own
keys in :meth:`Rule.read_own_keys`. :meth:`Rule.from_mapping` is the one way
a rule file's mapping becomes a rule: it checks the keys every rule shares,
then asks the type for its own, in an order that makes the first error
reported the same for every file.

The values of the keys in :data:`FLAG_KEYS`, ``transform`` and ``options``
are checked on every rule whatever its type reads: a file's ``defaults:``
spread the same keys over rules of several types, and a value that is wrong
in one place is wrong in all of them.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterator, Mapping

import regex

from mtfix.document import Document
from mtfix.errors import RuleFileError
from mtfix.model import CATEGORIES, Finding, Tier
from mtfix.rules.case import TRANSFORMS
from mtfix.rules.examples import Example, parse_examples
from mtfix.rules.lazy import LazyPattern, compiled
from mtfix.rules.limits import limited
from mtfix.yamlio import LineDict

__all__ = ["Rule", "ErrorFn", "rule_errors", "compile_pattern", "lazy_patterns", "clip", "BASE_KEYS",
           "FLAG_KEYS", "LOOKAROUND_KEYS", "MAX_FIELD", "MAX_EXAMPLE"]

#: ``err(key, message, line=0) -> RuleFileError``: an error about ``key`` of one
#: rule, at the key's line (or ``line``), naming the rule and the key.
ErrorFn = Callable[..., RuleFileError]

#: Context conditions that hold a regular expression tried next to the match.
LOOKAROUND_KEYS = ("preceded_by", "followed_by", "not_preceded_by", "not_followed_by")
#: Keys every rule type reads.
BASE_KEYS = frozenset({
    "id", "message", "type", "category", "tier", "examples", "counterexamples", "lm", "enabled",
    "description", "ignore_case", "sentence_start", "in_quotes", "in_heading", "after_capital",
    "before_capital", *LOOKAROUND_KEYS, "skip_headings", "skip_quotes", "only_quotes",
})
#: Keys whose value is true or false (or null), whichever type reads them.
FLAG_KEYS = ("preserve_case", "skip_headings", "skip_quotes", "only_quotes", "enabled",
             "ignore_case", "sentence_start", "in_quotes", "in_heading", "after_capital",
             "before_capital")

#: The longest string a rule's field may hold (a message, a pattern, a
#: replacement, a phrase of a word list...); examples may be longer. A 5 MB
#: replacement would be copied into the text at every match.
MAX_FIELD = 10_000
MAX_EXAMPLE = 200_000

_WORD = r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*"
_PREV_WORD = regex.compile(rf"({_WORD})[\"'”’»)]*[ \t\u00a0]+[\"'“‘«(]*\Z")
_NEXT_WORD = regex.compile(rf"[ \t\u00a0]+[\"'“‘«(]*({_WORD})")


def rule_errors(path: str, line: int, item: Any, d: Mapping) -> ErrorFn:
    """The :data:`ErrorFn` of the rule mapping ``item`` (``d``: with its file's defaults)."""

    def err(key: str | None, msg: str, at: int = 0) -> RuleFileError:
        ln = at or (item.line_of(key) if isinstance(key, str) and isinstance(item, LineDict) else line)
        rid = d.get("id")
        if isinstance(key, str) and f"'{key}'" not in msg and clip(key) not in msg \
                and not msg.startswith(key):
            msg = f"{key}: {msg}"  # every error names the key it is about
        rid = clip(rid) if isinstance(rid, str) else None
        return RuleFileError(path, ln, clip((f"rule {rid}: " if rid else "") + msg, MAX_MESSAGE))

    return err


#: The longest error message about a rule: what a user wrote is quoted, not copied whole.
MAX_MESSAGE = 400


def clip(value: Any, width: int = 60) -> str:
    """``value`` quoted (``repr``) and cut with '...' to ``width``; with
    ``width=MAX_MESSAGE``, a whole message, on one line whatever it quotes."""
    if width < MAX_MESSAGE or not isinstance(value, str):
        text = repr(value)
    else:
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    return text if len(text) <= width else text[:width - 3] + "..."


#: True while the loader reads a rule file shipped with mtfix (:func:`lazy_patterns`).
_LAZY: ContextVar[bool] = ContextVar("mtfix_lazy_patterns", default=False)


@contextmanager
def lazy_patterns(on: bool = True) -> Iterator[None]:
    """Inside, :func:`compile_pattern` returns a :class:`~mtfix.rules.lazy.LazyPattern`.

    The loader turns it on for the built-in rule files only: their patterns
    are compiled and run by the test suite (``mtfix rules test`` compiles
    them eagerly too), so deferring them loses no check, while a user's file
    is compiled at load and a bad pattern is reported at ``file:line`` then.
    A context variable, not a parameter: every rule type's ``read_own_keys``
    compiles through :func:`compile_pattern`, and threads loading packs side
    by side each see their own setting.
    """
    token = _LAZY.set(on)
    try:
        yield
    finally:
        _LAZY.reset(token)


def is_lazy() -> bool:
    """Are patterns being compiled lazily (:func:`lazy_patterns`)?"""
    return _LAZY.get()


def compile_pattern(pattern: Any, flags: int, err: ErrorFn, key: str = "pattern") -> Any:
    """``regex.compile`` for the value of ``key``, or the rule file error saying
    why not; under :func:`lazy_patterns`, the same compiled on first use."""
    if not isinstance(pattern, str) or not pattern:
        raise err(key, f"{key!r} must be a non-empty string")
    if _LAZY.get():
        return LazyPattern(pattern, flags)
    try:
        return regex.compile(pattern, flags)
    except regex.error as e:
        raise err(key, f"bad regular expression: {e}") from None


@dataclass
class Rule:
    """One rule of a rule file. Subclasses are the rule types (:mod:`mtfix.rules.registry`).

    ``tier`` and ``enabled`` may be changed after loading (the config's
    ``[tiers]``, ``enable`` and ``disable``); ``order`` is set by the pack.
    """

    #: The ``type:`` name of the rule type.
    type: ClassVar[str] = ""
    #: Every key this type reads.
    KEYS: ClassVar[frozenset[str]] = BASE_KEYS

    id: str
    message: str
    category: str = "custom"
    tier: Tier = Tier.SUGGESTED
    lm: bool = False
    #: ``lm: require``: a finding the model refuses, or any when it is off, is dropped.
    lm_gate: bool = False
    enabled: bool = True
    description: str = ""
    # context conditions: None means "either"
    sentence_start: bool | None = None
    in_quotes: bool | None = None
    in_heading: bool | None = None
    after_capital: bool | None = None
    before_capital: bool | None = None
    #: key (one of LOOKAROUND_KEYS) -> compiled pattern
    lookaround: dict[str, Any] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    counterexamples: list[Example] = field(default_factory=list)
    path: str = "<memory>"
    line: int = 0
    pack: str = ""
    order: int = 0
    source: str = "rules"
    #: Shipped with mtfix (the built-in rules folder): a time-out is mtfix's
    #: problem to report, never the pattern's fault.
    builtin: bool = False

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    # -- loading -----------------------------------------------------------
    @classmethod
    def from_mapping(cls, d: Mapping[str, Any], item: Any, *, path: str, line: int, pack: str,
                     err: ErrorFn) -> "Rule":
        """A rule of this type from ``d``, the rule's mapping over its file's defaults.

        ``item`` is the mapping as written (it knows the line of each key);
        ``d`` has passed the checks of :func:`mtfix.rules.loader.parse_rule`
        (known keys, ``id`` and ``message``).
        """
        description = d.get("description")
        if description is not None and not isinstance(description, str):
            raise err("description", "'description' must be a string")
        fields: dict[str, Any] = {"id": d["id"], "message": d["message"].strip(), "path": path,
                                  "line": line, "pack": pack, "description": description or ""}
        category = d.get("category", "custom")
        if not isinstance(category, str) or category not in CATEGORIES:
            raise err("category", f"unknown category {clip(category)} (one of: {', '.join(CATEGORIES)})")
        fields["category"] = category
        tier = d.get("tier", "suggested")
        if not isinstance(tier, (str, Tier)):
            raise err("tier", f"unknown tier {clip(tier)} (expected safe, suggested or review)")
        try:
            fields["tier"] = Tier.parse(tier)
        except ValueError:
            raise err("tier", f"unknown tier {clip(tier)} (expected safe, suggested or review)") from None
        for key in FLAG_KEYS:
            if key in d and d[key] is not None and not isinstance(d[key], bool):
                raise err(key, f"{key!r} must be true or false")
        lm = d.get("lm", False)
        if lm is not None and not isinstance(lm, bool) and lm != "require":
            raise err("lm", "'lm' must be true, false or require (the finding lives only "
                            "if the model accepts it)")
        fields["lm"] = bool(lm)
        fields["lm_gate"] = lm == "require"
        transform = d.get("transform")
        if transform is not None and (not isinstance(transform, str) or transform not in TRANSFORMS):
            raise err("transform", f"'transform' must be one of {', '.join(TRANSFORMS)}")
        fields.update(_context_conditions(d, err))
        fields["enabled"] = d.get("enabled", True)
        if "options" in d and not isinstance(d["options"], dict):
            raise err("options", "'options' must be a mapping")
        fields.update(cls.read_own_keys(d, item, err))
        fields["examples"] = parse_examples(d.get("examples"), "examples", err, item)
        fields["counterexamples"] = parse_examples(d.get("counterexamples"), "counterexamples",
                                                   err, item)
        return cls(**fields)

    @classmethod
    def read_own_keys(cls, d: Mapping[str, Any], item: Any, err: ErrorFn) -> dict[str, Any]:
        """Check the keys only this type reads; return them as constructor arguments."""
        return {}

    # -- matching ----------------------------------------------------------
    def find(self, doc: Document) -> list[Finding]:
        """This rule's findings on ``doc``, before its context conditions."""
        raise NotImplementedError

    def run(self, doc: Document) -> list[Finding]:
        """The findings on ``doc`` that pass the rule's context conditions."""
        return [f for f in self.find(doc) if self._context_ok(doc, f)]

    def _context_ok(self, doc: Document, f: Finding) -> bool:
        if self.in_heading is not None and doc.in_heading(f.start) != self.in_heading:
            return False
        if self.in_quotes is not None:
            q = doc.quote_at(f.start)
            inside = q is not None and q.inner_start <= f.start and f.end <= q.inner_end
            if inside != self.in_quotes:
                return False
        if self.sentence_start is not None:
            if doc.at_sentence_start(f.start) != self.sentence_start:
                return False
        if self.after_capital is not None or self.before_capital is not None or self.lookaround:
            return self._neighbours_ok(doc, f)
        return True

    def _neighbours_ok(self, doc: Document, f: Finding) -> bool:
        """The word or text next to the match, on the same line (the document's
        lines: :meth:`Document.line_span`)."""
        text = doc.text
        lo = doc.line_start(f.start)
        hi = doc.line_span(f.end)[1]
        if self.after_capital is not None:
            m = _PREV_WORD.search(text, max(lo, f.start - 200), f.start)
            if bool(m and m.group(1)[0].isupper()) != self.after_capital:
                return False
        if self.before_capital is not None:
            m = _NEXT_WORD.match(text, f.end, hi)
            if bool(m and m.group(1)[0].isupper()) != self.before_capital:
                return False
        for key, pat in self.lookaround.items():
            pat = compiled(pat)  # a built-in one the first time it is needed: outside the limit
            if key.endswith("followed_by"):
                found = limited(lambda t: pat.match(text, f.end, hi, timeout=t),
                                f"{self.where}: rule {self.id!r} {key}", doc.path, len(text),
                                builtin=self.builtin)
            else:
                found = limited(lambda t: pat.search(text, lo, f.start, timeout=t),
                                f"{self.where}: rule {self.id!r} {key}", doc.path, len(text),
                                builtin=self.builtin)
            if bool(found) == key.startswith("not_"):
                return False
        return True


_NOT_REVERSIBLE = regex.compile(r"\\[1-9g]|\(\?(?:P=|&|R|[0-9]|\(|>|[a-zA-Z]*r)|[*+?}]\+")


def _reversible(body: str) -> bool:
    """Does ``body`` find the same texts when matched right to left?"""
    return _NOT_REVERSIBLE.search(body) is None


def _context_conditions(d: Mapping[str, Any], err: ErrorFn) -> dict[str, Any]:
    """Context conditions; the older ``skip_*``/``only_quotes`` keys map onto them."""
    in_quotes = d.get("in_quotes")
    if d.get("skip_quotes") and d.get("only_quotes"):
        raise err("only_quotes", "'skip_quotes' and 'only_quotes' cannot both be true")
    for old, value in (("skip_quotes", False), ("only_quotes", True)):
        if d.get(old):
            if in_quotes is not None and in_quotes != value:
                raise err("in_quotes", f"'in_quotes: {str(in_quotes).lower()}' contradicts '{old}: true'")
            in_quotes = value
    in_heading = d.get("in_heading")
    if d.get("skip_headings"):
        if in_heading:
            raise err("in_heading", "'in_heading: true' contradicts 'skip_headings: true'")
        in_heading = False
    out: dict[str, Any] = {"in_quotes": in_quotes, "in_heading": in_heading,
                           "sentence_start": d.get("sentence_start"),
                           "after_capital": d.get("after_capital"),
                           "before_capital": d.get("before_capital")}
    lookaround: dict[str, Any] = {}
    for key in LOOKAROUND_KEYS:
        if d.get(key) is None:
            continue
        body = compile_pattern(d[key], regex.V0, err, key).pattern
        # preceded_by must end where the match starts; followed_by starts where it ends
        flags = regex.V0 | (regex.IGNORECASE if d.get("ignore_case") else 0)
        if "preceded" in key:
            # Searched right to left from the match, so its cost is what the
            # pattern reads, not the length of the line before it (a forward
            # search would try every start on the line: quadratic on a long
            # line with many matches). Backreferences, possessive and atomic
            # parts mean something else right to left: those search forward.
            rev = "(?r)" if _reversible(body) else ""
            lookaround[key] = compile_pattern(f"{rev}(?:{body})\\Z", flags, err, key)
        else:
            lookaround[key] = compile_pattern(body, flags, err, key)
    out["lookaround"] = lookaround
    return out
