"""Reading rule files and folders into a :class:`~mtfix.rules.pack.RulePack`.

Rule files are untrusted data: YAML is safe-loaded (:mod:`mtfix.yamlio`) and
every defect is a :class:`~mtfix.errors.RuleFileError` at ``file:line``.
"""
from __future__ import annotations

import copy
import re as _stdre
from pathlib import Path
from typing import Any, Iterable

from mtfix.errors import RuleFileError
from mtfix.rules.base import MAX_EXAMPLE, MAX_FIELD, Rule, clip, lazy_patterns, rule_errors
from mtfix.rules.cache import cached
from mtfix.rules.lazy import LazyPattern
from mtfix.rules.pack import RulePack
from mtfix.rules.registry import RULE_KEYS, rule_class
from mtfix.yamlio import load_yaml

__all__ = ["builtin_rules_dir", "rule_files", "load_pack", "load_file", "parse_rule"]


def builtin_rules_dir() -> Path:
    """The shipped rule packs: package data when installed, ./rules in a checkout."""
    package = Path(__file__).resolve().parents[1]  # mtfix/
    installed = package / "builtin_rules"
    if installed.is_dir():
        return installed
    return package.parent / "rules"


def rule_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleFileError(path, None, "no such rule file or folder")
    return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_pack(paths: Iterable[str | Path], pack: RulePack | None = None, *,
              eager: bool = False) -> RulePack:
    """The rules of ``paths`` (files or folders), added to ``pack``.

    ``eager``: compile the built-in rules' patterns now and check them as a
    user's are checked (``mtfix rules test``), instead of on first use.
    """
    pack = pack if pack is not None else RulePack()
    for p in paths:
        root = Path(p)
        for f in rule_files(root):
            for rule in load_file(f, pack_name=_pack_name(root, f), eager=eager):
                pack.add(rule)
    return pack


def _pack_name(root: Path, f: Path) -> str:
    """A pack is a folder of rule files: ``fr-en`` for ``rules/fr-en/x.yaml``."""
    if not root.is_dir():
        return f.parent.name
    rel = f.parent.relative_to(root)
    return rel.as_posix() if rel.parts else root.name


#: Parsed built-in rule files, by (path, pack, size, mtime): an engine built
#: again in the same process (a test suite, a worker cleaning many texts with
#: new settings) reuses them instead of parsing YAML again (0.1 s a time).
#: A fresh process reads them from the disk cache (:mod:`mtfix.rules.cache`).
_BUILTIN_CACHE: dict[tuple, list[Rule]] = {}


def load_file(path: str | Path, pack_name: str = "", *, eager: bool = False) -> list[Rule]:
    """The rules of one file. Each call returns rules of its own (a pack's
    settings change a rule's ``enabled`` and ``tier``), but a built-in file is
    parsed once per process, its patterns compiled on first use
    (:mod:`mtfix.rules.lazy`; ``eager``: now, and parsed again)."""
    p = Path(path)
    if eager or not _is_builtin(p):
        with lazy_patterns(False):
            return _parse_file(path, pack_name)
    st = p.stat()
    key = (str(p.resolve()), pack_name, st.st_size, st.st_mtime_ns)
    if key not in _BUILTIN_CACHE:
        _BUILTIN_CACHE[key] = cached(f"rules\0{key[0]}\0{path}\0{pack_name}", p.read_bytes(),
                                     lambda: _parse_builtin(path, pack_name))
    return [copy.copy(r) for r in _BUILTIN_CACHE[key]]


def _parse_builtin(path: str | Path, pack_name: str) -> list[Rule]:
    """A built-in file's rules, their patterns compiled on first use
    (:mod:`mtfix.rules.lazy`), their anchors worked out (kept with them in
    the cache, :mod:`mtfix.rules.cache`)."""
    with lazy_patterns():
        rules = _parse_file(path, pack_name)
    for r in rules:
        pat = getattr(r, "pattern", None)
        if isinstance(pat, LazyPattern):
            pat.need  # noqa: B018 - worked out now, so that the cache keeps it
    return rules


def _parse_file(path: str | Path, pack_name: str) -> list[Rule]:
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise RuleFileError(path, getattr(data, "line", 1) or 1,
                            "a rule file is a mapping with a 'rules:' list")
    if "rules" not in data:
        raise RuleFileError(path, data.line, "missing key 'rules'")
    items = data["rules"]
    if not isinstance(items, list):
        raise RuleFileError(path, data.line_of("rules"), "'rules' must be a list")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise RuleFileError(path, data.line_of("defaults"), "'defaults' must be a mapping of rule keys")
    for key in data:
        if key not in ("rules", "defaults"):
            raise RuleFileError(path, data.line_of(key),
                                f"unknown top-level key {clip(key)} (rules, defaults)")
    rules = [parse_rule(item, path, pack_name, defaults) for item in items]
    builtin = _is_builtin(Path(path))
    for r in rules:
        r.builtin = builtin
    return rules


def _is_builtin(path: Path) -> bool:
    """Is ``path`` one of the rule files shipped with mtfix?"""
    try:
        return path.resolve().is_relative_to(builtin_rules_dir().resolve())
    except OSError:
        return False


def parse_rule(item: Any, path: str | Path, pack_name: str = "", defaults: dict | None = None) -> Rule:
    """One rule mapping of a file (under the file's ``defaults``) as a rule of its type."""
    path = str(path)
    line = getattr(item, "line", 0)
    if not isinstance(item, dict):
        raise RuleFileError(path, line or None, "each rule must be a mapping with id, message, pattern")
    d = dict(defaults or {})
    d.update(item)
    err = rule_errors(path, line, item, d)

    for key in item:
        if key not in RULE_KEYS:
            raise err(key, f"unknown key {clip(key)}")
    for key, value in d.items():
        limit = MAX_EXAMPLE if key in ("examples", "counterexamples") else MAX_FIELD
        size = _oversized(value, limit)
        if size:
            raise err(key, f"{key!r} holds a string of {size:,} characters (at most {limit:,})")
    for key in ("id", "message"):
        if key not in d:
            raise err(None, f"missing key {key!r}")
        if not isinstance(d[key], str) or not d[key].strip():
            raise err(key, f"{key!r} must be a non-empty string")
    if not _stdre.fullmatch(r"[A-Za-z0-9][\w.:-]*", d["id"]):
        raise err("id", "'id' may hold letters, digits, '_', '-', '.', ':'")
    cls = rule_class(d, err)
    for key in d:
        if key not in RULE_KEYS:
            raise err(key, f"unknown key {clip(key)} in defaults")
    return cls.from_mapping(d, item, path=path, line=line, pack=pack_name, err=err)


def _oversized(value: Any, limit: int) -> int:
    """The length of the first string (value or key) in ``value`` longer than ``limit``, else 0."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if len(v) > limit:
                return len(v)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return 0
