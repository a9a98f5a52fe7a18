"""Temporary: the old home of :mod:`mtfix.lm.ranker`, until the engine, the
CLI and tests/test_rules_authoring.py import from there. Delete it then.

``lm_available`` still accepts a dict of ``[lm]`` keys here for the callers
that pass one; the real one takes :class:`~mtfix.settings.LMSettings`.
"""
from __future__ import annotations

from typing import Any, Mapping

from mtfix.lm import ranker as _ranker
from mtfix.lm.ranker import GARBLED_RULE, LMRanker

__all__ = ["GARBLED_RULE", "LMRanker", "lm_available"]


def lm_available(settings: Any = None) -> tuple[bool, str]:
    if settings is None or isinstance(settings, Mapping):
        from mtfix.settings import load_settings

        settings = load_settings(None, env={}, lm=dict(settings or {})).lm
    return _ranker.lm_available(settings)
