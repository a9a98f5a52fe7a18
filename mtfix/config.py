"""Config files: ``mtfix.toml``, or ``[tool.mtfix]`` in ``pyproject.toml``.

This module only finds and reads the file and says on which line a key is
set; :mod:`mtfix.settings` turns its contents into validated settings. The
nearest file upward from the current folder that has mtfix settings wins;
paths inside it are relative to its folder.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtfix.errors import ConfigError

__all__ = ["ConfigFile", "find_config", "read_config"]

#: A config file larger than this is refused: mtfix settings fit in a few lines.
MAX_BYTES = 1 << 20

_KEY = re.compile(r"""\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_HEADER = re.compile(r"\s*\[\s*([^\]]+?)\s*\]")


@dataclass(frozen=True)
class ConfigFile:
    """A parsed config file: its path and mtfix's table (``{}`` when there is none)."""

    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def line_of(self, key: str) -> int | None:
        """The 1-based line where the dotted ``key`` (``lm.safe_margin``) is set.

        tomllib keeps no positions, so this scans the text: table headers
        (``[lm]``, ``[tool.mtfix.lm]``), ``key =`` lines inside them and dotted
        or inline forms. Without an exact hit, the line of the nearest
        enclosing table or key is the answer; None when nothing matches.
        """
        if self.path is None:
            return None
        try:
            lines = self.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        want = key.split(".")
        pyproject = self.path.name == "pyproject.toml"
        table: list[str] | None = None if pyproject else []
        best, best_len = None, 0
        for i, ln in enumerate(lines, 1):
            head = _HEADER.match(ln)
            if head and not ln.lstrip().startswith("[["):
                parts = _split_key(head.group(1))
                if parts[:2] == ["tool", "mtfix"]:
                    table = parts[2:]
                elif pyproject:
                    table = None
                else:
                    table = parts
                if table is not None and want[:len(table)] == table and len(table) > best_len:
                    best, best_len = i, len(table)
                continue
            m = _KEY.match(ln)
            if table is None or not m:
                continue
            full = table + _split_key(m.group(1))
            if full == want:
                return i
            if want[:len(full)] == full and len(full) > best_len:
                best, best_len = i, len(full)
        return best

    def error(self, key: str, message: str) -> ConfigError:
        """A config error as ``file:line: message``, the line being where ``key`` is set."""
        return ConfigError(message, self.path or "config", self.line_of(key))


def _split_key(key: str) -> list[str]:
    return [p.strip().strip("\"'") for p in key.split(".")]


def find_config(start: Path | None = None) -> ConfigFile:
    """The nearest config upward from ``start`` (default: the current folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        for name in ("mtfix.toml", "pyproject.toml"):
            p = folder / name
            if not p.is_file():
                continue
            data = _read(p)
            if name == "mtfix.toml":
                return _file(p, data)
            if isinstance(data.get("tool"), dict) and data["tool"].get("mtfix") is not None:
                return _file(p, data)
    return ConfigFile()


def read_config(path: str | Path) -> ConfigFile:
    """One named config file (``--config``); a missing or broken one is an error."""
    p = Path(path)
    return _file(p, _read(p))


def _file(p: Path, data: dict[str, Any]) -> ConfigFile:
    tool = data.get("tool")
    table = tool.get("mtfix", data if p.name != "pyproject.toml" else {}) \
        if isinstance(tool, dict) else (data if p.name != "pyproject.toml" else {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.mtfix] must be a table", p, None)
    return ConfigFile(p, table)


def _read(p: Path) -> dict[str, Any]:
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ConfigError(f"cannot read: {e.strerror or e}", p) from None
    if len(raw) > MAX_BYTES:
        raise ConfigError(f"config file too large ({len(raw)} bytes)", p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 text ({e.reason} at byte {e.start})", p) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = getattr(e, "lineno", None)  # Python 3.14+; older versions say it in the text
        raise ConfigError(f"invalid TOML: {e}", p, line) from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", p) from None

