"""A rule's own tests: ``examples`` it must flag (and fix) and ``counterexamples``
it must leave alone, read from the rule file and run by ``mtfix rules test``
and by the test suite.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from mtfix.document import Document
from mtfix.errors import RuleFileError
from mtfix.model import Tier
from mtfix.resolve import resolve
from mtfix.yamlio import LineDict

if TYPE_CHECKING:
    from mtfix.rules.base import Rule

__all__ = ["Example", "ExampleFailure", "parse_examples", "run_examples"]


@dataclass(frozen=True)
class Example:
    text: str
    fixed: str | None
    line: int


def _line_of(d: Any, key: str) -> int:
    return d.line_of(key) if isinstance(d, LineDict) else 0


def parse_examples(raw: Any, key: str, err: Callable[..., RuleFileError], item: Any) -> list[Example]:
    """The ``examples`` or ``counterexamples`` (``key``) of the rule mapping ``item``.

    ``err(key, message, line)`` builds the error for a bad entry.
    """
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
                or _line_of(item, key))
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


@dataclass(frozen=True)
class ExampleFailure:
    rule: "Rule"
    example: Example
    kind: str  # "example" or "counterexample"
    expected: str
    got: str

    def __str__(self) -> str:
        return (f"{self.rule.path}:{self.example.line}: rule {self.rule.id!r} {self.kind}\n"
                f"  text:     {self.example.text!r}\n"
                f"  expected: {self.expected}\n"
                f"  got:      {self.got}")


def run_examples(rule: "Rule") -> list[ExampleFailure]:
    """Run a rule's examples and counterexamples; return what failed."""
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
