"""Python detectors, registered by id.

Some artefacts cannot be expressed as one regular expression: a residue line
is judged by its whole line, a quote by what precedes it, an acronym by the
initials of the words before it. Those live here as functions
``detect(doc, ctx) -> Iterable[Finding]``. A rule file switches a detector on
with ``type: detector`` and ``detector: <id>`` and configures it through
``options``.

A detector gets the document and a :class:`DetectorContext`: the few facts of
the rule that runs it (id, category, message, tier, LM flag, its options) and
:meth:`DetectorContext.finding` to build findings from them. It never sees the
rule object, so this package depends on nothing above :mod:`mtfix.model` and
:mod:`mtfix.document`; :mod:`mtfix.rules` imports it, never the reverse.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from mtfix.model import Finding, Fix, Tier

if TYPE_CHECKING:
    from mtfix.document import Document

__all__ = ["DetectorContext", "DetectorFn", "detector", "get", "names", "prepare"]


@dataclass(frozen=True)
class DetectorContext:
    """What a detector knows of the rule that runs it.

    Built by the rule for each run (the engine may change a rule's tier after
    loading). ``options`` is the rule's ``options:`` mapping, read-only.
    """

    rule_id: str
    category: str
    message: str
    tier: Tier
    order: int = 0
    lm: bool = False
    lm_gate: bool = False
    source: str = "rules"
    #: the rule ships with mtfix: the test suite has checked its options, which
    #: may then be prepared lazily (the calques lexicon compiles on first use)
    builtin: bool = False
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}),
                                       compare=False, hash=False)

    def finding(self, start: int, end: int, replacement: str | None = None, *,
                message: str | None = None, tier: Tier | None = None, fix: Fix | None = None,
                lm_check: bool | None = None, lm_gate: bool | None = None,
                **evidence: Any) -> Finding:
        """A finding of this rule over ``[start, end)``.

        ``replacement`` replaces that span (or ``fix`` is the whole fix);
        ``message`` and ``tier`` default to the rule's, ``lm_check`` and
        ``lm_gate`` to its ``lm:`` flag (``true``; ``require``). Keyword arguments left over are the finding's evidence.
        """
        fixes: tuple[Fix, ...] = ()
        if fix is not None:
            fixes = (fix,)
        elif replacement is not None:
            fixes = (Fix.replace(start, end, replacement),)
        return Finding(rule=self.rule_id, category=self.category, message=message or self.message,
                       start=start, end=end, tier=tier or self.tier, source=self.source,
                       fixes=fixes, evidence=dict(evidence), order=self.order,
                       lm_check=self.lm if lm_check is None else lm_check,
                       lm_gate=self.lm_gate if lm_gate is None else lm_gate)


DetectorFn = Callable[["Document", DetectorContext], Iterable[Finding]]
_REGISTRY: dict[str, DetectorFn] = {}
_loaded = False


_PREPARE: dict[str, Callable[[], None]] = {}
_prepared: set[str] = set()


def detector(name: str, prepare: Callable[[], None] | None = None) -> Callable[[DetectorFn], DetectorFn]:
    """Register ``fn`` under ``name`` so rule files can refer to it.

    ``prepare`` is called once, before the detector's first run and outside its
    time limit: loading a word list (:func:`mtfix.lexicon.warm`) is a one-off
    cost that must not count as the detector running away.
    """

    def wrap(fn: DetectorFn) -> DetectorFn:
        if name in _REGISTRY and _REGISTRY[name] is not fn:
            raise ValueError(f"detector {name!r} registered twice")
        _REGISTRY[name] = fn
        if prepare is not None:
            _PREPARE[name] = prepare
        return fn

    return wrap


def prepare(name: str) -> None:
    """Run the ``prepare`` step of detector ``name`` once per process."""
    if name not in _prepared:
        _prepared.add(name)
        step = _PREPARE.get(name)
        if step is not None:
            step()


def _load_all() -> None:
    """Import every module of this package once: each registers its detectors."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for mod in pkgutil.iter_modules(__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{__name__}.{mod.name}")


def get(name: str) -> DetectorFn | None:
    _load_all()
    return _REGISTRY.get(name)


def names() -> list[str]:
    _load_all()
    return sorted(_REGISTRY)
