"""Python detectors, registered by id.

Some artefacts cannot be expressed as one regular expression: a residue line
is judged by its whole line, a quote by what precedes it, an acronym by the
initials of the words before it. Those live here as functions
``detect(doc, rule) -> Iterable[Finding]``. A rule file switches a detector on
with ``type: detector`` and ``detector: <id>`` and configures it through
``options``; the function builds findings with :func:`finding`.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable, Iterable

from mtfix.model import Finding, Fix, Tier

if TYPE_CHECKING:
    from mtfix.document import Document
    from mtfix.rules import Rule

DetectorFn = Callable[["Document", "Rule"], Iterable[Finding]]
_REGISTRY: dict[str, DetectorFn] = {}
_MODULES = ("residue", "typography", "quotes", "titles", "dates", "sentences", "acronyms",
            "encoding", "consistency", "calques", "pronouns")
_loaded = False


def detector(name: str) -> Callable[[DetectorFn], DetectorFn]:
    """Register ``fn`` under ``name`` so rule files can refer to it."""

    def wrap(fn: DetectorFn) -> DetectorFn:
        if name in _REGISTRY and _REGISTRY[name] is not fn:
            raise ValueError(f"detector {name!r} registered twice")
        _REGISTRY[name] = fn
        return fn

    return wrap


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for mod in _MODULES:
        try:
            importlib.import_module(f"mtfix.detectors.{mod}")
        except ModuleNotFoundError as e:
            if e.name != f"mtfix.detectors.{mod}":
                raise


def get(name: str) -> DetectorFn | None:
    _load_all()
    return _REGISTRY.get(name)


def names() -> list[str]:
    _load_all()
    return sorted(_REGISTRY)


def finding(rule: "Rule", start: int, end: int, replacement: str | None = None, *,
            message: str | None = None, tier: Tier | None = None, fix: Fix | None = None,
            **evidence) -> Finding:
    """A finding for ``rule`` over ``[start, end)``; ``replacement`` replaces that span."""
    fixes: tuple[Fix, ...] = ()
    if fix is not None:
        fixes = (fix,)
    elif replacement is not None:
        fixes = (Fix.replace(start, end, replacement),)
    return Finding(rule=rule.id, category=rule.category, message=message or rule.message,
                   start=start, end=end, tier=tier or rule.tier, source=rule.source,
                   fixes=fixes, evidence=dict(evidence), order=rule.order, lm_check=rule.lm)
