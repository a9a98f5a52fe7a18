"""Configuration: ``mtfix.toml`` or ``[tool.mtfix]`` in ``pyproject.toml``.

Found by walking up from the current folder; the nearest file that has mtfix
settings wins. Paths inside it are relative to the file's folder. Keys:

``rules``       extra rule folders or files
``enable``      rule ids or categories to switch on (rules shipped disabled)
``disable``     rule ids or categories to switch off
``tiers``       ``{rule_id = "suggested"}``: per-rule tier overrides
``protected``   phrases (or ``re:`` patterns) that mtfix must never touch
``[lm]``, ``[languagetool]``, ``[review]``: settings of those parts
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtfix.errors import ConfigError

KNOWN_KEYS = {"rules", "enable", "disable", "tiers", "protected", "lm", "languagetool", "review",
              "grammar", "suggested"}


@dataclass
class Config:
    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def list(self, key: str) -> list[str]:
        v = self.data.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise self.error(key, f"'{key}' must be a list of strings")
        return v

    def table(self, key: str) -> dict[str, Any]:
        v = self.data.get(key, {})
        if not isinstance(v, dict):
            raise self.error(key, f"'{key}' must be a table")
        return v

    def line_of(self, key: str) -> int | None:
        """The 1-based line where ``key`` is set (``key =`` or ``[...key]``), for messages.

        tomllib keeps no positions, so this scans the text: after the
        ``[tool.mtfix]`` header in a pyproject.toml, anywhere in an mtfix.toml.
        """
        if self.path is None:
            return None
        try:
            lines = self.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        head = key.split(".")[0]
        inside = self.path.name != "pyproject.toml"
        for i, ln in enumerate(lines, 1):
            s = ln.strip()
            if s.startswith("["):
                name = s.strip("[] ")
                inside = self.path.name != "pyproject.toml" or name.startswith("tool.mtfix")
                if inside and name.split(".")[-1] == head:
                    return i
                continue
            if inside and re.match(rf"[\"']?{re.escape(head)}[\"']?\s*=", s):
                return i
        return None

    def error(self, key: str, message: str) -> ConfigError:
        """A config error as ``file:line: message``, the line being where ``key`` is set."""
        return ConfigError(message, self.path or "config", self.line_of(key))

    def check_keys(self) -> "Config":
        """Refuse a key that looks like a misspelt known key (``disabel``): a typo
        would otherwise silently turn a setting off. Other unknown keys pass, so a
        newer config still loads."""
        import difflib

        for key in self.data:
            if key in KNOWN_KEYS:
                continue
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.75)
            if close:
                raise self.error(key, f"unknown key {key!r} (did you mean {close[0]!r}?)")
        return self

    def rule_paths(self) -> list[Path]:
        """The ``rules`` entries, relative to the config's folder; a missing one is
        reported at the config line that names it."""
        out = []
        for p in self.list("rules"):
            path = self.folder / p
            if not path.exists():
                raise self.error("rules", f"rules: no such rule file or folder {p!r} ({path})")
            out.append(path)
        return out


def find_config(start: Path | None = None) -> Config:
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        for name in ("mtfix.toml", "pyproject.toml"):
            p = folder / name
            if not p.is_file():
                continue
            data = _read(p)
            if name == "mtfix.toml":
                return Config(p, data.get("tool", {}).get("mtfix", data)).check_keys()
            tool = data.get("tool", {}).get("mtfix")
            if tool is not None:
                return Config(p, tool).check_keys()
    return Config()


def load_config(path: str | Path) -> Config:
    p = Path(path)
    data = _read(p)
    return Config(p, data.get("tool", {}).get("mtfix", data)).check_keys()


def _read(p: Path) -> dict[str, Any]:
    try:
        with open(p, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        line = getattr(e, "lineno", None)  # Python 3.14+; older versions say it in the text
        raise ConfigError(f"invalid TOML: {e}", p, line) from None
    except OSError as e:
        raise ConfigError(f"cannot read: {e.strerror or e}", p) from None
