"""The one field helper every settings module builds its dataclasses with.

Why a module of its own: ``[lm]`` (:mod:`mtfix.settings_lm`), ``[languagetool]``
(:mod:`mtfix.settings_lt`) and the rest (:mod:`mtfix.settings`) describe their
fields the same way (a default, a kind the loader validates, bounds), and each
must be importable without the others.
"""
from __future__ import annotations

from dataclasses import field
from typing import Any


def _spec(default: Any, kind: str, doc: str = "", **check: Any) -> Any:
    """A settings field: its default, its kind (for validation) and bounds."""
    meta = {"kind": kind, "doc": doc, **check}
    if isinstance(default, (list, dict, set)):
        raise TypeError("mutable default")  # pragma: no cover - a programming error
    return field(default=default, metadata=meta)
