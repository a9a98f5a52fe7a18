"""Beyond one machine: the engine mapped over a Dask bag, one engine per worker.

Install the extra (``pip install 'mtfix[dask]'``), then::

    import dask.bag as db
    from pathlib import Path
    from mtfix.distributed import clean_bag

    bag = db.from_sequence(sorted(Path("articles").glob("*.txt")), npartitions=16)
    for r in clean_bag(bag, lm=False, grammar=False).compute():
        print(r["name"], r["error"] or f"{len(r['applied'])} fixes")

What an item of the bag is decides how it is read (nothing is guessed from a
string's content):

- a ``str``: the text itself (name None; read as plain text);
- ``(name, str)``: a named text; the name is used in messages and, with
  ``input_format="auto"``, its extension chooses HTML or Markdown;
- ``(name, bytes)``: the raw bytes of a file, decoded on the worker as
  ``mtfix fix`` decodes a file (UTF-8, else cp1252; BOM kept; too large,
  empty and binary inputs refused);
- a :class:`pathlib.Path` (any ``os.PathLike``): a file the *worker* reads,
  so every worker must see it at that path (a shared filesystem). Send
  ``(name, bytes)`` when they do not.

Each item becomes one result, a plain dict (picklable and JSON-ready but for
``data``), so a bag of them can be written with ``.map(json.dumps)`` or turned
into a dataframe:

``name``
    the path or name, or None;
``text``
    the fixed text, or None when the input failed;
``data``
    for bytes and path inputs, the fixed text encoded as the input was (its
    encoding, BOM and stray bytes kept), ready to write; else None;
``encoding``
    the encoding the input was read in (``"utf-8"`` for a ``str``);
``findings``
    the findings on the input, as the dicts of ``mtfix check --format json``
    (:func:`mtfix.serialize.finding_json`); ``[]`` with ``findings=False``;
``applied``
    one ``{"rule", "category", "tier", "source"}`` per fix applied (every pass);
``messages``
    notes about this input (read as cp1252, a fix not applied because it
    overlapped a better one or could not be carried into the markup);
``warnings``
    what the engine said while cleaning it (the model is off, ...);
``error``
    None, or one line saying why this input failed (the bag goes on);
``fatal``
    true when the worker could not build its engine at all (a bad rule file,
    a model that is not there): every input would fail the same way.

The options are those of :func:`mtfix.load` (``lm``, ``grammar``, ``rules``,
``config``, and :class:`~mtfix.settings.Settings` fields such as ``select``,
``ignore``, ``suggested``, ``demote``, ``model``), checked here before any
work is sent. ``config=True`` is resolved *here*, to the file found upward
from this process's folder, so that every worker uses the caller's config.

One engine per worker process: the first item a worker gets for a set of
options builds the engine (rules compiled, the model loaded on first need),
and every later item of that worker reuses it. Engines are kept in a
process-wide cache keyed by the options and serialised by a lock, so a worker
with several threads still builds one engine; as the rules and the model are
CPU-bound Python, run workers with one thread each and as many processes as
cores (``dask worker ADDRESS --nworkers N --nthreads 1``).

Dask is imported only by the functions that need it, so importing this module
costs nothing and the command line stays fast.
"""
from __future__ import annotations

import json
import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtfix.errors import ConfigError, InputError, MtfixError, RuleTimeout

if TYPE_CHECKING:
    from dask.bag import Bag
    from distributed import Client

__all__ = ["clean_bag", "clean_item", "clean_items", "check_options", "connect", "require",
           "worker_stats", "close_engines", "INSTALL_HINT"]

INSTALL_HINT = "Dask is not installed: pip install 'mtfix[dask]' (dask[bag] and distributed)"

#: Input formats an item may be read as (``auto``: by the name's extension).
INPUT_FORMATS = ("auto", "text", "html", "markdown")

#: Keys every result has, in this order.
RESULT_KEYS = ("name", "text", "data", "encoding", "findings", "applied", "messages", "warnings",
               "error", "fatal")


def require() -> None:
    """Raise :class:`MtfixError` with the install hint unless dask.bag and distributed import."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        raise MtfixError(f"{INSTALL_HINT} ({e})") from None


def check_options(**options: Any) -> dict[str, Any]:
    """The options as sent to the workers: checked as :func:`mtfix.load` checks
    them (a wrong name or value raises :class:`MtfixError` here, before any
    work is sent), paths made absolute strings and ``config=True`` resolved to
    the file found from this process's folder (the workers' own folders are
    not the caller's). ``on_warning`` is refused: warnings come back in each
    result instead."""
    from mtfix.config import find_config
    from mtfix.settings import load_settings

    if "on_warning" in options:
        raise ConfigError("on_warning: warnings come back in each result's 'warnings'; "
                          "give no callback to clean_bag")
    opts = dict(options)
    config = opts.pop("config", None)
    if config is True:
        found = find_config(None).path
        config = str(found.resolve()) if found else None
    elif config not in (None, False):
        config = str(Path(config).resolve())
    else:
        config = None
    rules = opts.pop("rules", ())
    if isinstance(rules, (str, os.PathLike)):
        rules = [rules]
    rules = [str(Path(r).resolve()) for r in rules]
    load_settings(config, lm=opts.get("lm"), grammar=opts.get("grammar"), rules=rules or None,
                  **{k: v for k, v in opts.items() if k not in ("lm", "grammar")})
    out = {k: _plain(v) for k, v in opts.items()}
    if config is not None:
        out["config"] = config
    if rules:
        out["rules"] = rules
    return out


def _plain(v: Any) -> Any:
    """Tuples as lists and paths as strings, so the cache key is the same
    however the caller spelt a value."""
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, os.PathLike):
        return os.fspath(v)
    return v


def _check_format(input_format: str) -> None:
    if input_format not in INPUT_FORMATS:
        raise ConfigError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")


def clean_bag(bag: "Bag", *, findings: bool = True, input_format: str = "auto",
              encoding: str | None = None, **options: Any) -> "Bag":
    """A bag of result dicts, one per item of ``bag`` (see the module's
    docstring for the items and the result's keys), in the bag's order.

    ``findings``: also report the findings on each input (an extra check
    pass; False when only the fixed texts matter). ``input_format``: auto (by
    the item's name), text, html or markdown. ``encoding``: for bytes and path
    items, as ``--encoding``. ``options``: as for :func:`mtfix.load`. The
    work runs when the bag is computed, on whatever scheduler computes it (a
    ``distributed.Client`` makes it the cluster's).
    """
    _check_format(input_format)
    opts = check_options(**options)
    return bag.map(clean_item, options=opts, findings=findings, input_format=input_format,
                   encoding=encoding)


# -- the worker side ------------------------------------------------------------
@dataclass
class _Slot:
    """One cached engine (or the error that stopped it being built)."""

    engine: Any
    heard: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHE_LOCK = threading.Lock()
_ENGINES: dict[str, _Slot] = {}
#: Engines built in this process, per options key; and items cleaned. A test
#: (or an operator) reads them on every worker with ``client.run(worker_stats)``.
_BUILT: Counter = Counter()
_CLEANED: Counter = Counter()


def _key(options: dict[str, Any]) -> str:
    return json.dumps(options, sort_keys=True, default=repr)


def _slot(options: dict[str, Any]) -> _Slot:
    """This process's engine for ``options``, built on first use."""
    key = _key(options)
    with _CACHE_LOCK:
        slot = _ENGINES.get(key)
        if slot is None:
            import mtfix

            slot = _Slot(None)
            try:
                slot.engine = mtfix.load(on_warning=slot.heard.append, **options)
                slot.engine.pack  # rules compiled (and a bad rule file found) once, here
            except MtfixError as e:
                slot.engine = e
            except Exception as e:  # noqa: BLE001 - a worker that cannot start must say why
                slot.engine = MtfixError(f"a worker could not build its engine: {type(e).__name__}: {e}")
            _BUILT[key] += 1
            if not _ENGINES:
                import atexit

                atexit.register(close_engines)
            _ENGINES[key] = slot
    return slot


def worker_stats() -> dict[str, Any]:
    """This process's counts: ``engines`` (options key -> engines built) and
    ``items`` (inputs cleaned). Meant for ``client.run(worker_stats)``."""
    return {"engines": dict(_BUILT), "items": sum(_CLEANED.values())}


def close_engines() -> None:
    """Close this process's engines (a LanguageTool server each) and forget them."""
    with _CACHE_LOCK:
        slots = list(_ENGINES.values())
        _ENGINES.clear()
    for slot in slots:
        if not isinstance(slot.engine, Exception) and slot.engine is not None:
            slot.engine.close()


def _source(item: Any, encoding: str | None):
    """(name, Source, whether the output should be encoded) for one item."""
    from mtfix.textio import MAX_BYTES, Source, decode, read_source

    if isinstance(item, os.PathLike):
        path = os.fspath(item)
        return path, read_source(path, encoding), True
    if isinstance(item, str):
        name, payload = None, item
    elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], (str, bytes)):
        name, payload = (None if item[0] is None else str(item[0])), item[1]
    else:
        raise InputError(f"an item must be a text, (name, text), (name, bytes) or a path, "
                         f"not {type(item).__name__}")
    label = name or "<text>"
    if isinstance(payload, bytes):
        return name, decode(payload, label, encoding), True
    if len(payload) > MAX_BYTES:
        raise InputError(f"{label}: input too large ({len(payload):,} characters; the limit is "
                         f"{MAX_BYTES / 1048576:.0f} MiB)")
    return name, Source(label, payload), False


def clean_item(item: Any, options: dict[str, Any] | None = None, *, findings: bool = True,
               input_format: str = "auto", encoding: str | None = None) -> dict[str, Any]:
    """Clean one item with this process's engine for ``options`` (already
    checked by :func:`check_options`); never raises for a problem of the item.
    What :func:`clean_bag` maps; usable with ``client.map`` / ``client.submit``."""
    options = options or {}
    out: dict[str, Any] = dict.fromkeys(RESULT_KEYS)
    out.update(findings=[], applied=[], messages=[], warnings=[], fatal=False)
    if isinstance(item, (tuple, os.PathLike)):
        out["name"] = os.fspath(item) if isinstance(item, os.PathLike) else item[0]
    try:
        name, src, encoded = _source(item, encoding)
        out["name"], out["encoding"] = name, src.encoding
        if src.notice:
            out["messages"].append(src.notice)
        slot = _slot(options)
        if isinstance(slot.engine, MtfixError):
            out["fatal"] = True
            raise slot.engine
        with slot.lock:
            slot.heard.clear()
            try:
                _clean(slot.engine, name, src, out, findings, input_format)
            finally:
                out["warnings"] = list(slot.heard)
                slot.heard.clear()
        if encoded:
            out["data"] = src.encode(out["text"])
        _CLEANED[_key(options)] += 1
    except (InputError, RuleTimeout) as e:  # this input's problem: the bag goes on
        out["error"], out["text"], out["data"] = str(e), None, None
    except MtfixError as e:
        out["error"], out["text"], out["data"] = str(e), None, None
        out["fatal"] = True  # the engine itself failed (a model that will not load)
    except Exception as e:  # noqa: BLE001 - a bug must not cost the other inputs
        out["error"], out["text"], out["data"] = (
            f"{out['name'] or '<text>'}: internal error ({type(e).__name__}: {e}); please report it",
            None, None)
    return out


def clean_items(items: list[Any], options: dict[str, Any] | None = None, **kw: Any) -> list[dict[str, Any]]:
    """:func:`clean_item` for each of ``items``, in one task: a few inputs per
    task cost one round trip to the scheduler instead of one each (measured:
    the command line's one-file-per-task loop was twice as slow as a bag)."""
    return [clean_item(item, options, **kw) for item in items]


def _clean(engine, name: str | None, src, out: dict[str, Any], findings: bool, input_format: str) -> None:
    """Fix one source as ``mtfix fix`` does (text, or HTML/Markdown carried back
    into the markup), and optionally list its findings as ``check`` does."""
    from mtfix.document import Document
    from mtfix.markup import format_for_path
    from mtfix.model import Tier
    from mtfix.serialize import finding_json

    fmt = input_format
    if fmt == "auto":
        fmt = format_for_path(name) if name else "text"
    display = src.display
    doc = Document(src.text, display)
    tiers = {Tier.SAFE, Tier.SUGGESTED} if engine.settings.suggested else {Tier.SAFE}
    if fmt == "text":
        found = engine.check(doc) if findings else []
        fixed = engine.fix(doc, tiers)
        applied, out["text"] = fixed.applied, fixed.text
        out["messages"] += [f"{display}: [{loser.rule}] not applied: overlaps [{winner.rule}]"
                            for loser, winner in fixed.conflicts]
    else:
        found = engine.check_markup(src.text, fmt, display) if findings else []
        marked = engine.fix_markup(src.text, fmt, tiers, display)
        applied, out["text"] = [f for f, _ in marked.applied], marked.source
        out["messages"] += [f"{display}: [{f.rule}] not applied: {why} in the {fmt}"
                            for f, why in marked.refused]
    out["findings"] = [finding_json(doc, f) for f in found]
    out["applied"] = [{"rule": f.rule, "category": f.category, "tier": f.tier.value, "source": f.source}
                      for f in applied]


# -- the client side ------------------------------------------------------------
def connect(address: str, timeout: float = 5.0) -> "Client":
    """A ``distributed.Client`` for the scheduler at ``address`` that has at
    least one worker, or :class:`MtfixError` within about ``timeout`` seconds
    (Dask missing, nothing listening, no workers)."""
    require()
    import logging

    from distributed import Client

    # distributed logs every failed connection attempt; the one line below says it.
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise MtfixError(f"cannot reach the Dask scheduler at {address} within {timeout:g} s "
                         f"({type(e).__name__}: {e})") from None
    finally:
        quiet.setLevel(level)
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as e:
        client.close()
        raise MtfixError(f"the Dask scheduler at {address} has no workers "
                         f"(start some with `dask worker {address}`): {e}") from None
    return client
