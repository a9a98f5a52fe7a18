"""Safe YAML loading that remembers where each mapping came from.

Rule files are written by people; an error must say ``file:line: message``.
PyYAML's safe loader forgets positions once it builds Python objects, so this
loader returns :class:`LineDict` mappings that keep the line of the mapping and
of each key.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mtfix.errors import RuleFileError

__all__ = ["RuleFileError", "LineDict", "load_yaml"]


class LineDict(dict):
    """A dict from YAML that knows the 1-based line of itself and of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark) from None
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: str | Path, text: str | None = None) -> Any:
    """Parse one YAML file safely; raise :class:`RuleFileError` with a line on error."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise RuleFileError(path, None, f"not UTF-8 text ({e.reason} at byte {e.start})") from None
        except OSError as e:
            raise RuleFileError(path, None, f"cannot read: {e.strerror or e}") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        context = getattr(e, "context", None)
        msg = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
        raise RuleFileError(path, line, msg) from None
