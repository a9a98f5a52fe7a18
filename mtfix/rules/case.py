"""The case of a replacement: ``preserve_case`` and ``transform``."""
from __future__ import annotations

from typing import Callable

__all__ = ["TRANSFORMS", "match_case"]

#: The values of a rule's ``transform:`` key, applied to its replacement.
TRANSFORMS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda s: s[:1].upper() + s[1:],
    "title": str.title,
}


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``original``: UPPER, Title or as is."""
    letters = [c for c in original if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if letters[0].islower() and replacement[0].isupper() and not replacement[:2].isupper():
        return replacement[0].lower() + replacement[1:]
    return replacement
