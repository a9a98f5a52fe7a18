"""A LanguageTool server that outlives the run: ``mtfix languagetool serve --background``.

Why: a fresh LanguageTool JVM costs a run far more than mtfix itself does
(its health check answers after several seconds, and its first check loads
the English rules and taggers, tens of seconds on a busy two-core machine),
so someone who runs ``mtfix fix`` article after article should pay that once
a session, not once an article. ``serve --background`` starts the server in
its own session, warms it with one check and records it in
:func:`state_path` (URL, pid, installation); every later run that has no
``server_url`` of its own finds it there (:func:`running`) instead of
starting a JVM. ``mtfix languagetool stop`` ends it.

A record can go stale (the machine rebooted, the server was killed, a pid was
reused by another program). :func:`running` trusts it only if the pid is
alive, its command line is a LanguageTool ``HTTPServer`` on the recorded
port, and the URL answers the health check within
:data:`~mtfix.grammar.server.HEALTH_TIMEOUT`; otherwise the run starts a
server of its own, as it would with no record, and a record whose process is
gone is removed. Nothing here waits longer than that one health check.
"""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mtfix.errors import LanguageToolError
from mtfix.grammar.server import _Server, healthy

if TYPE_CHECKING:
    from mtfix.settings import LanguageToolSettings

MAIN_CLASS = "org.languagetool.server.HTTPServer"


#: A file to record the background server in instead of the user cache's;
#: ``off``: no background server (runs start their own; benchmarks of a cold
#: start and tests that must not meet the user's server set it).
STATE_ENV = "MTFIX_LT_STATE"


def state_path() -> Path | None:
    """Where the background server is recorded (None: nowhere, ``$MTFIX_LT_STATE=off``)."""
    from mtfix.grammar.install import cache_root

    env = os.environ.get(STATE_ENV, "")
    if env.lower() == "off":
        return None
    return Path(env).expanduser() if env else cache_root() / "languagetool" / "server.json"


def _key(settings: "LanguageToolSettings", folder: Path) -> list[str]:
    """What must be equal for a recorded server to give this run's results:
    the installation (its rules and overlay) and the n-gram index."""
    return [str(folder), str(settings.ngram_path or "")]


def read_state() -> dict | None:
    """The record, or None (missing, unreadable, not ours)."""
    path = state_path()
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("pid"), int) or not isinstance(
            data.get("url"), str):
        return None
    return data


def _forget() -> None:
    path = state_path()
    try:
        if path is not None:
            path.unlink()
    except OSError:
        pass


def _cmdline(pid: int) -> list[str] | None:
    """The process's arguments (None: no such process); [] where /proc is absent."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return None if Path("/proc/self").exists() else _alive_no_proc(pid)
    except OSError:
        return None
    if not raw:  # a zombie (exited, not yet reaped) has an empty command line
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in "ZX":
                return None
        except (OSError, IndexError):
            return None
    return [a.decode(errors="replace") for a in raw.split(b"\0") if a]


def _alive_no_proc(pid: int) -> list[str] | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return []
    return []


def _is_our_server(data: dict) -> bool | None:
    """True: the recorded process is a LanguageTool server on the recorded port;
    False: it is something else; None: it is gone."""
    args = _cmdline(data["pid"])
    if args is None:
        return None
    if not args:  # no /proc: the pid is alive, take the port's word for it
        return True
    port = data["url"].rsplit(":", 1)[-1].strip("/")
    return MAIN_CLASS in args and "--port" in args and port in args


def running(settings: "LanguageToolSettings") -> str | None:
    """The recorded background server's URL if it can serve this run, else None.

    Never raises and never waits more than one health check: a stale record
    must not cost a run more than that."""
    data = read_state()
    if data is None:
        return None
    ours = _is_our_server(data)
    if ours is None:
        _forget()  # the process is gone: the record is of no use to anyone
        return None
    if not ours:
        return None  # the pid was reused; `stop` removes the record
    from mtfix.grammar import install

    folder = install.find_installation(settings.ltp_path)
    if folder is None or data.get("key") != _key(settings, folder):
        return None
    return data["url"] if healthy(data["url"]) else None


def start_background(settings: "LanguageToolSettings", warm=None) -> dict:
    """Start a server in its own session, warm it with ``warm(url)``, record it.

    If a usable one is recorded already, that record is returned instead
    (``"reused": True``)."""
    from mtfix.grammar import install

    url = running(settings)
    if url is not None:
        return dict(read_state() or {}, reused=True)
    folder = install.find_installation(settings.ltp_path)
    if folder is None:
        raise LanguageToolError(f"LanguageTool {install.LT_VERSION} is not installed: "
                                "run `mtfix languagetool install`")
    server = _Server(folder, install.overlay_for(folder), settings)
    server.start(detach=True)
    try:
        if warm is not None:
            warm(server.url)
    except Exception:
        server.stop()
        raise
    data = {"url": server.url, "pid": server.proc.pid, "key": _key(settings, folder),
            "log": str(server.log_path), "conf": str(server.conf_path),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "start_seconds": round(server.start_seconds, 2)}
    path = state_path()
    if path is None:
        server.stop()
        raise LanguageToolError(f"${STATE_ENV} is off: a background server could not be found again")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return dict(data, reused=False)


def stop(wait: float = 10.0) -> str:
    """Stop the recorded background server; one line saying what happened."""
    data = read_state()
    if data is None:
        _forget()
        return "no background LanguageTool server is recorded"
    ours = _is_our_server(data)
    pid = data["pid"]
    if ours:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
        deadline = time.monotonic() + wait
        while _cmdline(pid) is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        if _cmdline(pid) is not None:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    for key in ("log", "conf"):
        try:
            if data.get(key):
                Path(data[key]).unlink()
        except OSError:
            pass
    _forget()
    if ours:
        return f"stopped the LanguageTool server at {data['url']} (pid {pid})"
    return f"the recorded LanguageTool server (pid {pid}) was not running; record removed"
