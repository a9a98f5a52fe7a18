"""``type: detector``: one of the Python detectors of :mod:`mtfix.detectors`.

``detector:`` names it and ``options:`` configures it. The detector gets a
:class:`~mtfix.detectors.DetectorContext` built from the rule, never the rule
itself. Options it cannot use (it raises on them) are the rule file's error,
at the line of ``options:``.
"""
from __future__ import annotations

import re as _stdre
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Mapping

import regex

from mtfix import detectors
from mtfix.detectors import DetectorContext
from mtfix.document import Document
from mtfix.errors import RuleFileError
from mtfix.model import Finding
from mtfix.rules.base import ErrorFn, Rule
from mtfix.rules.limits import limited
from mtfix.yamlio import LineDict

__all__ = ["DetectorRule"]

#: What a detector raises when its options are not what it expects.
_OPTION_ERRORS = (_stdre.error, regex.error, TypeError, ValueError, KeyError, AttributeError)


@dataclass
class DetectorRule(Rule):
    type: ClassVar[str] = "detector"
    KEYS: ClassVar[frozenset[str]] = Rule.KEYS | {"detector", "options"}

    detector: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    #: line of ``options:`` in the rule file (0: not given)
    options_line: int = 0

    @classmethod
    def read_own_keys(cls, d: Mapping[str, Any], item: Any, err: ErrorFn) -> dict[str, Any]:
        options_line = item.line_of("options") if isinstance(item, LineDict) and "options" in item else 0
        name = d.get("detector")
        if not isinstance(name, str) or detectors.get(name) is None:
            raise err("detector", f"unknown detector {name!r} (known: {', '.join(detectors.names())})")
        return {"detector": name, "options": dict(d.get("options") or {}), "options_line": options_line}

    def context(self) -> DetectorContext:
        """What the detector may know of this rule, as it stands now (built again
        only when a field it copies has changed: the config may re-tier a rule
        after loading, and a pack runs each rule on every document)."""
        key = (self.id, self.category, self.message, self.tier, self.order, self.lm, self.lm_gate,
               self.source, self.builtin, id(self.options))
        cached = self.__dict__.get("_context")
        if cached is not None and cached[0] == key:
            return cached[1]
        ctx = DetectorContext(rule_id=self.id, category=self.category, message=self.message,
                               tier=self.tier, order=self.order, lm=self.lm, lm_gate=self.lm_gate,
                               source=self.source, builtin=self.builtin,
                               options=MappingProxyType(self.options))
        self.__dict__["_context"] = (key, ctx)
        return ctx

    def find(self, doc: Document) -> list[Finding]:
        fn = detectors.get(self.detector)
        if fn is None:  # validated at load time; kept for rules built in code
            raise RuleFileError(self.path, self.line, f"unknown detector {self.detector!r}")
        ctx = self.context()
        detectors.prepare(self.detector)  # one-off loading, outside the time limit
        try:
            # under the same time limit as a pattern: a detector's own regular
            # expressions (stdlib re) and loops stop instead of hanging the run
            return limited(lambda t: list(fn(doc, ctx)), f"{self.where}: rule {self.id!r}",
                           doc.path, len(doc.text), builtin=self.builtin, noun="detector")
        except _OPTION_ERRORS as e:
            if not self.options:
                raise  # a bug in the detector itself: keep the traceback
            raise RuleFileError(self.path, self.options_line or self.line,
                                f"rule {self.id!r}: options: detector {self.detector!r} cannot "
                                f"use them ({type(e).__name__}: {e})") from None
