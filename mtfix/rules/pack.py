"""A rule pack: the rules of one or more folders, in load order."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from mtfix.document import Document
from mtfix.errors import RuleFileError
from mtfix.model import Finding
from mtfix.rules.base import Rule
from mtfix.rules.limits import deadlines

__all__ = ["RulePack"]


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
        """Every rule's findings on ``doc``, rule by rule, each under its own
        time limit (:func:`~mtfix.rules.limits.deadlines` installs the alarm
        handler once for all of them)."""
        out: list[Finding] = []
        with deadlines():
            for r in (self.enabled() if rules is None else rules):
                out.extend(r.run(doc))
        return out
