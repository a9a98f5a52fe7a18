"""One error family for everything a user can get wrong.

Every problem that is the user's to fix — a rule file, a config value, an
input, a model that will not load, a LanguageTool that will not start, a
decisions log that cannot be read — is an :class:`MtfixError`: a one-line
message, optionally the file and the line it concerns. The command line maps
the whole family to that line on stderr and exit code 2, so it never needs to
import the modules that raise them, and a library caller can catch one class.

This module is a leaf: it imports nothing from mtfix.
"""
from __future__ import annotations

from pathlib import Path

__all__ = [
    "MtfixError", "RuleFileError", "RuleTimeout", "ConfigError", "InputError", "OutputError",
    "ModelError", "LanguageToolError", "DecisionsError",
]


class MtfixError(Exception):
    """A user error: ``message``, and where it is (``path``, 1-based ``line``).

    ``str(error)`` is ``path:line: message`` (or less, when the place is not
    known), the form editors and terminals make clickable.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        self.message = str(message)
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(self.message)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class RuleFileError(MtfixError):
    """A problem in a rule file, at ``path:line``.

    Takes ``(path, line, message)``, the order in which rule loaders know them.
    """

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        super().__init__(message, path, line)


class RuleTimeout(MtfixError):
    """A rule's regular expression ran past its time limit on some input."""


class ConfigError(MtfixError):
    """A problem in a config file (``mtfix.toml``, ``[tool.mtfix]``) or a setting."""


class InputError(MtfixError):
    """Bad input (binary, undecodable, empty, too large, missing)."""


class OutputError(InputError):
    """The result cannot be written where asked; nothing was changed."""


class ModelError(MtfixError):
    """The language model (or torch/transformers) is not installed or cannot load."""


class LanguageToolError(MtfixError):
    """LanguageTool cannot be installed, started or reached."""


class DecisionsError(MtfixError):
    """The review decisions log (SQLite) or a decisions file cannot be used."""
