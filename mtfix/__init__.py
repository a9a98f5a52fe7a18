"""mtfix: find and fix the artefacts of French-to-English machine translation.

Library use::

    from mtfix import check_text, fix_text
    findings = check_text(text)          # list[Finding]
    cleaned = fix_text(text)             # safe fixes applied
"""
from __future__ import annotations

__version__ = "0.1.0"


def check_text(text: str, **options):
    """Findings for ``text`` with the built-in rules (``options`` as in :class:`mtfix.engine.Options`)."""
    from mtfix.document import Document
    from mtfix.engine import Engine, Options

    engine = Engine(Options(**options))
    try:
        return engine.check(Document(text))
    finally:
        engine.close()


def fix_text(text: str, suggested: bool = False, **options) -> str:
    """``text`` with safe (and, if asked, suggested) fixes applied."""
    from mtfix.document import Document
    from mtfix.engine import Engine, Options
    from mtfix.model import Tier

    engine = Engine(Options(**options))
    try:
        doc = Document(text)
        tiers = {Tier.SAFE, Tier.SUGGESTED} if suggested else {Tier.SAFE}
        return engine.fix(doc, tiers).text
    finally:
        engine.close()
