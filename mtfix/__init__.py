"""mtfix: find and fix the artefacts of French-to-English machine translation.

Build an engine once and reuse it (the language model and LanguageTool load
once per engine)::

    import mtfix
    with mtfix.load(lm=True, grammar=False, rules=["house/"]) as engine:
        findings = engine.check(text)                      # list[Finding], sorted
        result = engine.fix(text)                          # result.text, .applied, .conflicts
        result = engine.fix(text, tiers={"safe", "suggested"})

``check_text`` and ``fix_text`` are one-shot conveniences that build and close
an engine per call. Importing mtfix imports neither click nor torch and
starts no Java; nothing prints (warnings go to the ``mtfix`` logger, or to the
``on_warning`` callback given to :func:`load`).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from mtfix.errors import MtfixError
from mtfix.model import Edit, Finding, Fix, Tier

if TYPE_CHECKING:
    from mtfix.engine import Engine
    from mtfix.resolve import Resolution

__version__ = "0.1.0"
__all__ = ["load", "check_text", "fix_text", "Engine", "Resolution", "Finding", "Fix", "Edit", "Tier",
           "MtfixError", "__version__"]


def load(*, lm: bool | None = None, grammar: bool | None = None,
         rules: Iterable[str | Path] = (), config: str | Path | bool | None = None,
         on_warning: Callable[[str], None] | None = None, **settings: Any) -> "Engine":
    """An :class:`~mtfix.engine.Engine` with these settings, ready to check many texts.

    ``lm``/``grammar``: True/False to force the language model / LanguageTool
    on or off (None: on when installed). ``rules``: extra rule folders or files.
    ``config``: a config file path, True to find ``mtfix.toml`` upward from the
    current folder as the command line does, or None (default) for none.
    Other keyword arguments are fields of :class:`mtfix.settings.Settings`
    (``select``, ``ignore``, ``protected``, ``model``, ``lm`` as a mapping of
    ``[lm]`` keys, ...); a wrong one raises :class:`MtfixError`.
    Parts load lazily: the model when a finding first needs it.
    """
    from mtfix.decisions import demoter
    from mtfix.engine import Engine
    from mtfix.settings import load_settings

    s = load_settings(config, lm=lm, grammar=grammar, rules=list(rules) or None, **settings)
    return Engine(s, on_warning=on_warning, adjust=demoter(s))


def check_text(text: str, **options: Any) -> list[Finding]:
    """Findings for ``text`` (``options`` as for :func:`load`); builds and closes an engine."""
    with load(**options) as engine:
        return engine.check(text)


def fix_text(text: str, suggested: bool = False, **options: Any) -> str:
    """``text`` with safe (and, if asked, suggested) fixes applied; one engine per call."""
    with load(**options) as engine:
        return engine.fix(text, {"safe", "suggested"} if suggested else {"safe"}).text


def __getattr__(name: str) -> Any:
    # Engine and Resolution are re-exported lazily: importing the engine loads the rule machinery.
    if name == "Engine":
        from mtfix.engine import Engine

        return Engine
    if name == "Resolution":
        from mtfix.resolve import Resolution

        return Resolution
    raise AttributeError(f"module 'mtfix' has no attribute {name!r}")
