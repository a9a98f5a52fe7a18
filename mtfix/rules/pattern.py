"""``type: pattern`` (the default): a regular expression and its replacement.

``pattern`` is a regular expression of the ``regex`` module, run under the
time limit; ``replacement`` may use ``\\1`` and ``\\g<name>``, and
``replacement: null`` only flags. :class:`MatchRule`, the part pattern rules
share with word lists and glossaries (one compiled expression, the case of the
replacement, the message placeholders), lives here too.
"""
from __future__ import annotations

import re as _stdre
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping

import regex

from mtfix.document import Document
from mtfix.model import Finding, Fix
from mtfix.anchors import possible
from mtfix.rules.base import ErrorFn, Rule, compile_pattern
from mtfix.rules.case import TRANSFORMS, match_case
from mtfix.rules.lazy import LazyPattern, compiled, needs
from mtfix.rules.limits import limited

__all__ = ["MatchRule", "PatternRule"]

#: The flags every rule's expression is compiled with (``ignore_case`` adds IGNORECASE).
FLAGS = regex.V0 | regex.MULTILINE


@dataclass
class MatchRule(Rule):
    """A rule whose matches are those of one compiled expression, ``pattern``.

    Subclasses say what replaces a match (:meth:`replacement_for`).
    """

    KEYS: ClassVar[frozenset[str]] = Rule.KEYS | {"preserve_case", "transform"}
    #: ``preserve_case`` when the rule does not say.
    PRESERVE_CASE: ClassVar[bool] = False

    pattern: Any = None  # compiled regex.Pattern, or a LazyPattern (built-in rules)
    preserve_case: bool = False
    transform: str | None = None

    @classmethod
    def read_own_keys(cls, d: Mapping[str, Any], item: Any, err: ErrorFn) -> dict[str, Any]:
        return {"preserve_case": d.get("preserve_case", cls.PRESERVE_CASE),
                "transform": d.get("transform")}

    def replacement_for(self, m: "regex.Match") -> str | None:
        """The text that replaces match ``m`` before case handling; None only flags."""
        raise NotImplementedError

    def alternatives_for(self, m: "regex.Match") -> tuple[str, ...]:
        """Further candidate texts for match ``m`` (a list given as the
        replacement): the language model ranks them with the first."""
        return ()

    def keeps_empty_matches(self) -> bool:
        """An empty match is a finding only when it inserts something."""
        return False

    def find(self, doc: Document) -> list[Finding]:
        need = needs(self.pattern)
        if need is not None and not possible(need, doc.text, doc.folded):
            return []  # a word every match contains is not in the text (mtfix.anchors)
        pattern = compiled(self.pattern)  # a built-in one the first time a text needs it
        # Collect every match inside the time limit, then build findings outside it.
        matches = limited(lambda t: list(pattern.finditer(doc.text, timeout=t)),
                          f"{self.where}: rule {self.id!r}", doc.path, len(doc.text),
                          builtin=self.builtin)
        text = doc.text
        out = []
        for m in matches:
            if m.end() == m.start():
                if not self.keeps_empty_matches():
                    continue
                f = self._finding(m)
                if f.fixes and _already_there(text, m.start(), f.fixes[0].edits[0].replacement):
                    continue  # the insertion is there: inserting it again would stack it
                out.append(f)
            else:
                out.append(self._finding(m))
        return out

    def _finding(self, m: "regex.Match") -> Finding:
        fixes: tuple[Fix, ...] = ()
        repl = self.replacement_for(m)
        if repl is not None:
            texts: list[str] = []
            for r in (repl, *self.alternatives_for(m)):
                if self.transform:
                    r = TRANSFORMS[self.transform](r)
                if self.preserve_case:
                    r = match_case(m.group(), r)
                if r not in texts and not (texts and r == m.group()):
                    texts.append(r)  # an alternative that changes nothing is no candidate
            repl = texts[0]
            fixes = tuple(Fix.replace(m.start(), m.end(), r) for r in texts)
        return Finding(rule=self.id, category=self.category, message=self._message(m, repl),
                       start=m.start(), end=m.end(), tier=self.tier, source=self.source,
                       fixes=fixes, order=self.order, lm_check=self.lm,
                       lm_gate=self.lm_gate)

    def _message(self, m: "regex.Match", repl: str | None) -> str:
        """Fill ``{match}``, ``{replacement}``, ``{1}``, ``{name}`` placeholders."""
        values = {"match": m.group(), "replacement": "" if repl is None else repl}
        values.update({str(i): g or "" for i, g in enumerate(m.groups(), 1)})
        values.update({k: v or "" for k, v in m.groupdict().items()})
        return _stdre.sub(r"\{(\w+)\}", lambda x: values.get(x.group(1), x.group(0)), self.message)


@dataclass
class PatternRule(MatchRule):
    type: ClassVar[str] = "pattern"
    KEYS: ClassVar[frozenset[str]] = MatchRule.KEYS | {"pattern", "replacement"}

    replacement: str | None = None
    #: the rest of a list given as ``replacement``: candidates for the model
    alternatives: tuple[str, ...] = ()

    @classmethod
    def read_own_keys(cls, d: Mapping[str, Any], item: Any, err: ErrorFn) -> dict[str, Any]:
        own = super().read_own_keys(d, item, err)
        if "pattern" not in d:
            raise err(None, "missing key 'pattern'")
        if "replacement" not in d:
            raise err(None, "missing key 'replacement' (use null to only flag)")
        pattern = compile_pattern(d["pattern"], FLAGS | (regex.IGNORECASE if d.get("ignore_case") else 0),
                                  err)
        repl = d["replacement"]
        many = repl if isinstance(repl, list) else [repl]
        if not many or (repl is not None and not all(isinstance(r, str) for r in many)):
            raise err("replacement", "'replacement' must be a string, a list of strings "
                                     "(candidates, best first) or null")
        if repl is not None and not isinstance(pattern, LazyPattern):
            # (a built-in rule's references are checked by the test suite, which compiles it)
            for r in many:
                try:
                    pattern.sub(r, "")  # validates group references cheaply
                    _check_groups(pattern, r)
                except (regex.error, IndexError) as e:
                    raise err("replacement", f"bad group reference: {e}") from None
        return {**own, "pattern": pattern, "replacement": many[0],
                "alternatives": tuple(many[1:])}

    def replacement_for(self, m: "regex.Match") -> str | None:
        return None if self.replacement is None else m.expand(self.replacement)

    def alternatives_for(self, m: "regex.Match") -> tuple[str, ...]:
        return tuple(m.expand(r) for r in self.alternatives)

    def keeps_empty_matches(self) -> bool:
        return self.replacement not in (None, "")


def _already_there(text: str, pos: int, insert: str) -> bool:
    """Is ``insert`` already right before or right after ``pos``? A rule that
    inserts at an empty match (``(?=Smith)`` → ``Mr ``) matches again after
    its own insertion: ``Mr Mr Mr Smith`` over the fix passes."""
    return bool(insert) and (text.startswith(insert, pos) or text.endswith(insert, 0, pos))


def _check_groups(pattern: Any, repl: str) -> None:
    for m in _stdre.finditer(r"\\(\d+)|\\g<(\w+)>", repl):
        if m.group(1) and int(m.group(1)) > pattern.groups:
            raise regex.error(f"invalid group reference {m.group(1)}")
        name = m.group(2)
        if name and not name.isdigit() and name not in pattern.groupindex:
            raise regex.error(f"unknown group name {name!r}")
        if name and name.isdigit() and int(name) > pattern.groups:
            raise regex.error(f"invalid group reference {name}")
