"""One typed, validated settings object for a run.

Settings come from three places, highest precedence first: the caller's
arguments (command-line flags, or keyword arguments of :func:`mtfix.load`),
the config file (``mtfix.toml``, or ``[tool.mtfix]`` in ``pyproject.toml``),
and the environment (``MTFIX_LT_SERVER``, ``LTP_PATH``, ``MTFIX_DECISIONS_DB``).
Every default lives here, in the dataclasses below, and nowhere else.

Values are checked when they are loaded, so that ``[lm] safe_margin = "high"``
or a misspelt key stops the run with ``file:line: message`` (a
:class:`~mtfix.errors.ConfigError`, exit 2 on the command line) instead of a
traceback deep inside the language model. The objects are frozen: nothing
changes a run's settings after they are built; a command that needs another
value builds other settings (:meth:`Settings.replace`).
"""
from __future__ import annotations

import dataclasses
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from mtfix.config import ConfigFile, find_config, read_config
from mtfix.errors import ConfigError
from mtfix.model import Tier
from mtfix.settings_fields import _spec
from mtfix.settings_lm import LMSettings  # noqa: F401 - re-exported
from mtfix.settings_lt import (DEFAULT_LT_TIERS, LT_RULES_OFF, NOISY_FALSE_FRIENDS,  # noqa: F401 - re-exported
                               LanguageToolSettings)

__all__ = ["Settings", "LMSettings", "LanguageToolSettings", "ReviewSettings", "load_settings",
           "NOISY_FALSE_FRIENDS", "LT_RULES_OFF", "DEFAULT_LT_TIERS"]


@dataclass(frozen=True)
class ReviewSettings:
    """``[review]``: the decisions log and auto-demotion of rules reviewers reject."""

    demote_below: float = _spec(0.5, "float", "acceptance rate under which a safe rule is demoted; "
                                "0 = never", min=0, max=1)
    min_decisions: int = _spec(10, "int", "decisions needed before a rule can be demoted", min=1)
    log: bool = _spec(True, "bool", "false: record nothing")
    db: Path | None = _spec(None, "path?", "the SQLite log (also $MTFIX_DECISIONS_DB)")


@dataclass(frozen=True)
class Settings:
    """Everything a run asks for. Build it with :func:`load_settings`."""

    rule_paths: tuple[Path, ...] = _spec((), "paths", "extra rule folders or files")
    builtin: bool = _spec(True, "bool", "load the built-in rule packs")
    enable: tuple[str, ...] = _spec((), "strs", "rule ids or categories to switch on")
    disable: tuple[str, ...] = _spec((), "strs", "rule ids or categories to switch off")
    tiers: Mapping[str, str] = _spec(None, "tiers", "per-rule tier overrides")
    protected: tuple[str, ...] = _spec((), "strs", "phrases (or re: patterns) never touched")
    grammar: bool | None = _spec(None, "bool?", "LanguageTool on or off; unset: on when installed")
    suggested: bool = _spec(False, "bool", "mtfix fix applies suggested fixes too")
    select: tuple[str, ...] = _spec((), "strs", "only these rules or categories")
    ignore: tuple[str, ...] = _spec((), "strs", "leave out these rules or categories")
    #: Demote safe rules that reviewers keep rejecting (mtfix.decisions); off for
    #: library use and `mtfix eval`, so that they do not depend on this
    #: machine's review history. `check`, `fix`, `review` and `report` turn it on.
    demote: bool = _spec(False, "bool", "demote rules reviewers keep rejecting")
    lm: LMSettings = field(default_factory=LMSettings)
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    #: The config file the settings were read from (None: defaults only).
    config_path: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tiers", dict(self.tiers or {}))

    def replace(self, **changes: Any) -> "Settings":
        """A copy with ``changes`` (validated like the originals)."""
        return _with_flags(self, changes)

    @property
    def config_label(self) -> str:
        """How messages name where the settings came from."""
        return str(self.config_path) if self.config_path else "settings"


#: Config-file tables and the dataclass that validates each.
_TABLES: dict[str, type] = {"lm": LMSettings, "languagetool": LanguageToolSettings,
                            "review": ReviewSettings}
#: Top-level keys a config file may set (the others are flags only).
_FILE_KEYS = {"rules", "enable", "disable", "tiers", "protected", "grammar", "suggested", *_TABLES}


# -- validation -------------------------------------------------------------------

def _check(value: Any, meta: Mapping[str, Any], name: str, fail) -> Any:
    """``value`` as the field of kind ``meta['kind']`` wants it, or ``fail(msg)``."""
    kind = meta["kind"]
    optional = kind.endswith("?")
    if optional:
        kind = kind[:-1]
        if value is None:
            return None
    if kind == "bool":
        if not isinstance(value, bool):
            raise fail(f"{name} must be true or false, not {value!r}")
        return value
    if kind in ("int", "float"):
        ok = isinstance(value, int if kind == "int" else (int, float)) and not isinstance(value, bool)
        if not ok:
            what = "a whole number" if kind == "int" else "a number"
            raise fail(f"{name} must be {what}, not {value!r}")
        lo, hi = meta.get("min"), meta.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            span = (f"from {lo} to {hi}" if hi is not None else f">= {lo}") if lo is not None else f"<= {hi}"
            raise fail(f"{name} must be {span}, not {value!r}")
        return float(value) if kind == "float" else value
    if kind == "str":
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{name} must be a non-empty string, not {value!r}")
        return value
    if kind == "url":
        if not isinstance(value, str) or not value.startswith(("http://", "https://")) \
                or len(value) < len("http://x"):
            raise fail(f"{name} must be a URL such as http://localhost:8081, not {value!r}")
        return value.rstrip("/")
    if kind == "choice":
        if value not in meta["choices"]:
            raise fail(f"{name} must be one of {', '.join(meta['choices'])}, not {value!r}")
        return value
    if kind == "tier":
        try:
            return Tier.parse(value).value
        except ValueError as e:
            raise fail(f"{name}: {e}") from None
    if kind in ("strs", "paths"):
        items = value.split(",") if isinstance(value, str) and kind == "strs" else value
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, (list, tuple)) or not all(isinstance(x, (str, Path)) for x in items):
            raise fail(f"{name} must be a list of strings, not {value!r}")
        if kind == "paths":
            return tuple(Path(x) for x in items)
        return tuple(s.strip() for s in map(str, items) if s.strip())
    if kind == "path":
        if not isinstance(value, (str, Path)) or not str(value):
            raise fail(f"{name} must be a file path, not {value!r}")
        return Path(value)
    if kind == "tiers":
        if not isinstance(value, Mapping):
            raise fail(f"{name} must be a table of rule = tier")
        out = {}
        for k, v in value.items():
            try:
                out[str(k)] = Tier.parse(v).value
            except ValueError as e:
                raise fail(f"{name}.{k}: {e}", sub=str(k)) from None
        return out
    raise AssertionError(kind)  # pragma: no cover


def _plain(msg: str, *, sub: str | None = None) -> ConfigError:
    """A settings error with no file to point at (a flag, an argument, the environment)."""
    return ConfigError(msg)


def _fields(cls: type) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(cls) if "kind" in f.metadata}


def _unknown(key: str, known: Iterable[str], prefix: str) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f" (did you mean {prefix + close[0]!r}?)" if close else ""
    return f"unknown setting {prefix + key!r}{hint}"  # repr: a key may hold a newline


def _table(cls: type, table: Any, cfg: ConfigFile | None, prefix: str) -> Any:
    """Build ``cls`` from one config table, each error at its own line."""
    where = f"[{prefix.rstrip('.')}]" if prefix else "settings"

    def fail_at(key: str | None):
        def fail(msg: str, *, sub: str | None = None) -> ConfigError:
            path = f"{prefix}{key}" + (f".{sub}" if sub else "") if key else prefix.rstrip(".")
            return cfg.error(path, msg) if cfg else ConfigError(msg)
        return fail

    if not isinstance(table, Mapping):
        raise fail_at(None)(f"{where} must be a table")
    specs = _fields(cls)
    values = {}
    for key, value in table.items():
        if key not in specs:
            raise fail_at(str(key))(_unknown(str(key), specs, prefix))
        values[key] = _check(value, specs[key].metadata, f"{prefix}{key}", fail_at(key))
    try:
        return cls(**values)
    except ConfigError as e:
        raise (cfg.error(prefix.rstrip("."), e.message) if cfg else e) from None


def _from_file(cfg: ConfigFile, env: Mapping[str, str]) -> Settings:
    """The settings a config file gives, over the environment's and the defaults."""
    data = dict(cfg.data)
    for key in data:
        if key not in _FILE_KEYS:
            raise cfg.error(str(key), _unknown(str(key), sorted(_FILE_KEYS), ""))
    sub = {name: _table(cls, data.pop(name, {}), cfg, f"{name}.") for name, cls in _TABLES.items()}
    top = _table(_TopLevel, data, cfg, "")
    rule_paths = []
    for p in top.rules:
        path = cfg.folder / p
        if not path.exists():
            raise cfg.error("rules", f"rules: no such rule file or folder {str(p)!r} ({path})")
        rule_paths.append(path)
    lt = sub["languagetool"]
    if lt.server_url is None and env.get("MTFIX_LT_SERVER"):
        url = _check(env["MTFIX_LT_SERVER"], _fields(LanguageToolSettings)["server_url"].metadata,
                     "$MTFIX_LT_SERVER", _plain)
        lt = dataclasses.replace(lt, server_url=url)
    if lt.ltp_path is None and env.get("LTP_PATH"):
        lt = dataclasses.replace(lt, ltp_path=env["LTP_PATH"])
    review = sub["review"]
    if review.db is not None:
        review = dataclasses.replace(review, db=cfg.folder / review.db)
    elif env.get("MTFIX_DECISIONS_DB"):
        review = dataclasses.replace(review, db=Path(env["MTFIX_DECISIONS_DB"]))
    return Settings(rule_paths=tuple(rule_paths), enable=top.enable, disable=top.disable,
                    tiers=top.tiers, protected=top.protected, grammar=top.grammar,
                    suggested=top.suggested, lm=sub["lm"], languagetool=lt, review=review,
                    config_path=cfg.path)


@dataclass(frozen=True)
class _TopLevel:
    """The top-level keys of a config file (the tables are validated on their own)."""

    rules: tuple[Path, ...] = _spec((), "paths")
    enable: tuple[str, ...] = _spec((), "strs")
    disable: tuple[str, ...] = _spec((), "strs")
    tiers: Mapping[str, str] = _spec(None, "tiers")
    protected: tuple[str, ...] = _spec((), "strs")
    grammar: bool | None = _spec(None, "bool?")
    suggested: bool = _spec(False, "bool")


def _explicit(obj: Any) -> dict[str, Any]:
    """The fields of a settings dataclass as a table that rebuilds it."""
    out = {f: getattr(obj, f) for f in _fields(type(obj))}
    if isinstance(obj, LanguageToolSettings):
        out["tiers"] = {k: v for k, v in obj.tiers.items() if DEFAULT_LT_TIERS.get(k) != v}
    return out


#: Flags (keyword arguments) that set a field of a sub-table rather than of Settings.
_FLAG_ALIASES = {"model": ("lm", "model"), "decisions_db": ("review", "db")}


def _with_flags(base: Settings, flags: Mapping[str, Any]) -> Settings:
    """``base`` with the caller's values on top: flags win over file and environment.

    ``lm`` and ``grammar`` may be booleans (on/off) or, for ``lm`` /
    ``languagetool`` / ``review``, mappings of their table's keys; ``rules``
    (or ``rule_paths``) add rule folders after the config's.
    """
    tops = _fields(Settings)
    changes: dict[str, Any] = {}
    sub: dict[str, dict[str, Any]] = {}
    for key, value in flags.items():
        if value is None:
            continue  # not given: the file's or the default value stands
        if key in _FLAG_ALIASES:
            table, name = _FLAG_ALIASES[key]
            sub.setdefault(table, {})[name] = value
        elif key == "lm" and isinstance(value, bool):
            sub.setdefault("lm", {})["enabled"] = value
        elif key in _TABLES:
            if isinstance(value, _TABLES[key]):
                changes[key] = value
            elif isinstance(value, Mapping):
                sub.setdefault(key, {}).update(value)
            else:
                raise ConfigError(f"{key} must be true, false or a table of {key} settings, not {value!r}")
        elif key in ("rules", "rule_paths"):
            extra = _check(value, tops["rule_paths"].metadata, key, _plain)
            changes["rule_paths"] = tuple(changes.get("rule_paths", base.rule_paths)) + extra
        elif key in tops:
            changes[key] = _check(value, tops[key].metadata, key, _plain)
        elif key == "config_path":
            changes[key] = None if value is None else Path(value)
        else:
            raise ConfigError(_unknown(key, [*tops, *_TABLES, "rules", "model"], ""))
    for table, values in sub.items():
        current = changes.get(table, getattr(base, table))
        changes[table] = _table(_TABLES[table], {**_explicit(current), **values}, None, f"{table}.")
    return dataclasses.replace(base, **changes)


def load_settings(config: str | Path | bool | None = True, *, start: Path | None = None,
                  env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
    """Settings from ``flags`` over a config file over the environment.

    ``config``: a path (that file), ``True`` (the nearest ``mtfix.toml`` or
    ``pyproject.toml`` with ``[tool.mtfix]`` upward from ``start``, default the
    current folder; none found is fine), or ``None``/``False`` (no file: the
    defaults and the environment). Raises :class:`ConfigError` with
    ``file:line`` for any wrong value or unknown key.
    """
    env = os.environ if env is None else env
    if config is True:
        cfg = find_config(start)
    elif config in (None, False):
        cfg = ConfigFile()
    else:
        cfg = read_config(config)
    return _with_flags(_from_file(cfg, env), flags)
