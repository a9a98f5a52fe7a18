"""Safe YAML loading that remembers where each mapping came from.

Rule files are written by people; an error must say ``file:line: message``.
PyYAML's safe loader forgets positions once it builds Python objects, so this
loader returns :class:`LineDict` mappings that keep the line of the mapping and
of each key.

Rule files are also untrusted, so the loader refuses what can make a small
file huge or deep: aliases (``*name``: nine nested aliases of nine items each
are a "billion laughs", gigabytes from a few lines), nesting deeper than
:data:`MAX_DEPTH`, and files larger than :data:`MAX_BYTES`. Each is a
:class:`RuleFileError` at ``file:line``, never a MemoryError or RecursionError.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from mtfix.errors import RuleFileError

__all__ = ["RuleFileError", "LineDict", "load_yaml", "MAX_DEPTH", "MAX_BYTES"]

#: Deepest nesting of lists and mappings a rule file may use (a rule file
#: needs six or so; Python's recursion gives out at a few hundred).
MAX_DEPTH = 64
#: Largest rule file read, in bytes.
MAX_BYTES = 8 << 20


class LineDict(dict):
    """A dict from YAML that knows the 1-based line of itself and of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@lru_cache(maxsize=1)
def _loaders() -> tuple[Any, Any]:
    """(the pure-Python loader, the libyaml one or None), built on first use:
    PyYAML is imported only when a file is parsed, which a process that
    finds the built-in pack in its cache (:mod:`mtfix.rules.cache`) never
    does. Its ``LineDict`` results need no YAML to be used or unpickled."""
    import yaml

    class _Loader(yaml.SafeLoader):
        _depth = 0

        def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, f"aliases (*{event.anchor}) are not allowed in rule files; write "
                    f"the value out, or put shared keys in 'defaults:'", event.start_mark)
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    raise yaml.composer.ComposerError(
                        None, None, f"nested more than {MAX_DEPTH} levels deep",
                        self.peek_event().start_mark)
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    c_loader = None
    if hasattr(yaml, "CSafeLoader"):  # libyaml: the same file parsed about ten times faster
        class _CLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
            """libyaml composes nodes in C, out of :class:`_Loader`'s reach, so
            :func:`_refuse_aliases_and_depth` checks the event stream first."""

        _CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
        c_loader = _CLoader
    return _Loader, c_loader


def _construct_mapping(loader: Any, node: Any) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            import yaml

            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark) from None
        if key in out:
            import yaml

            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _refuse_aliases_and_depth(text: str) -> None:
    """What :class:`_Loader` refuses while composing, found in the C event
    stream before anything is built: an alias, nesting beyond MAX_DEPTH."""
    import yaml

    depth = 0
    for ev in yaml.parse(text, Loader=_loaders()[1]):
        if isinstance(ev, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{ev.anchor}) are not allowed in rule files; write the "
                f"value out, or put shared keys in 'defaults:'", ev.start_mark)
        if isinstance(ev, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", ev.start_mark)
        elif isinstance(ev, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(ev, yaml.ScalarEvent) and depth + 1 > MAX_DEPTH:
            raise yaml.composer.ComposerError(  # a scalar is a node too, as _Loader counts
                None, None, f"nested more than {MAX_DEPTH} levels deep", ev.start_mark)


def _load(text: str) -> Any:
    """libyaml when it takes the file; anything it refuses (an alias, deep
    nesting, a syntax error, a lone surrogate escape libyaml rejects and
    PyYAML reads) is read again by :class:`_Loader`, so results and error
    messages are PyYAML's own."""
    import yaml

    py_loader, c_loader = _loaders()
    if c_loader is not None:
        try:
            _refuse_aliases_and_depth(text)
            return yaml.load(text, Loader=c_loader)  # noqa: S506 - a CSafeLoader
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=py_loader)  # noqa: S506 - a SafeLoader


def load_yaml(path: str | Path, text: str | None = None) -> Any:
    """Parse one YAML file safely; raise :class:`RuleFileError` with a line on error."""
    path = Path(path)
    if text is None:
        try:
            size = path.stat().st_size
        except OSError as e:
            raise RuleFileError(path, None, f"cannot read: {e.strerror or e}") from None
        if size > MAX_BYTES:
            raise RuleFileError(path, None, f"rule file too large ({size:,} bytes; the limit is "
                                            f"{MAX_BYTES:,})")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise RuleFileError(path, None, f"not UTF-8 text ({e.reason} at byte {e.start})") from None
        except OSError as e:
            raise RuleFileError(path, None, f"cannot read: {e.strerror or e}") from None
    if len(text) > MAX_BYTES:
        raise RuleFileError(path, None, f"rule file too large ({len(text):,} characters; the "
                                        f"limit is {MAX_BYTES:,})")
    import yaml

    try:
        return _load(text)
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting well before
        raise RuleFileError(path, None, "invalid YAML: nested too deeply") from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow (NUL, a lone surrogate...)
        line = text.count("\n", 0, e.position) + 1 if isinstance(e.position, int) else None
        what = f"#x{e.character:04x}" if isinstance(e.character, int) else repr(e.character)
        raise RuleFileError(path, line, f"invalid YAML: character {what} is not allowed "
                                        f"({e.reason})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        context = getattr(e, "context", None)
        msg = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
        raise RuleFileError(path, line, " ".join(msg.split())) from None
