"""The LanguageTool server process: one per process, shared, stopped when unused.

Why a server we start ourselves rather than letting language_tool_python
start one: its start-up wait is fixed at 15 s, which a cold JVM on a busy
2-core machine can exceed, and we need a French false-friend overlay first on
the class path (see :mod:`mtfix.grammar.install`).

Backends share a server through :func:`acquire_server` / :func:`release_server`:
one per (installation, JVM options, n-gram index), started on the first
acquire and stopped when its last user releases it or the process exits.
Nothing here runs at import time; the ``java`` process starts only when a
check needs it.
"""
from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from mtfix.errors import LanguageToolError

if TYPE_CHECKING:
    from mtfix.settings import LanguageToolSettings

_HEALTH = "v2/healthcheck"
#: The server's ``--config`` properties (HTTPServerConfig; defaults in
#: brackets). ``pipelineCaching`` [false]: keep the configured rule pipelines
#: between requests instead of building one per request, which small requests
#: (one per paragraph piece, one per file of a batch) pay for each time.
#: ``textCheckerQueueSize`` [8]: requests waiting beyond ``maxCheckThreads``
#: [10] running; a batch with many workers, each sending a document's pieces
#: at once, must be queued, never refused. ``pipelinePrewarming`` stays off: it
#: warms languages this installation does not have (de-DE) and fails the start.
SERVER_CONFIG = {
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "32",
    "pipelineExpireTimeInSeconds": "3600",
    "textCheckerQueueSize": "256",
}
#: Seconds one health probe may take: it is polled while the JVM starts, and
#: asked once per run of a shared server, so it must fail fast.
HEALTH_TIMEOUT = 2.0


class _Server:
    """A LanguageTool HTTP server process on 127.0.0.1, owned by this process."""

    def __init__(self, folder: Path, overlay: Path, settings: "LanguageToolSettings") -> None:
        self.folder, self.overlay, self.settings = folder, overlay, settings
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.users = 0
        self.start_seconds = 0.0
        self.log_path: Path | None = None
        self.conf_path: Path | None = None
        self._temp_logdir = False

    def start(self, detach: bool = False) -> None:
        """Start the JVM and wait for its health check. ``detach``: in a session
        of its own, so that it outlives this process and its terminal's Ctrl-C
        (the background server of :mod:`mtfix.grammar.persist`)."""
        from mtfix.grammar.install import cache_root

        s = self.settings
        port = _free_port()
        cp = os.pathsep.join([str(self.overlay), str(self.folder / "languagetool-server.jar")])
        cmd = [s.java, *s.jvm_options, "-cp", cp, "org.languagetool.server.HTTPServer",
               "--port", str(port)]
        logdir, self._temp_logdir = _log_dir(cache_root() / "languagetool" / "logs")
        props = dict(SERVER_CONFIG)
        if s.ngram_path:
            props["languageModel"] = str(Path(s.ngram_path).expanduser())
        conf = logdir / f"server-{os.getpid()}-{port}.properties"
        conf.write_text("".join(f"{k}={v}\n" for k, v in props.items()), encoding="utf-8")
        self.conf_path = conf
        cmd += ["--config", str(conf)]
        self.log_path = logdir / f"server-{os.getpid()}-{port}.log"
        t0 = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, cwd=str(self.folder),
                                         start_new_session=detach)
        self.url = f"http://127.0.0.1:{port}"  # the form server_url settings take
        deadline = t0 + s.start_timeout
        while True:
            if self.proc.poll() is not None:
                raise LanguageToolError(
                    f"LanguageTool server exited with code {self.proc.returncode}: {self._log_tail()}")
            if healthy(self.url):
                break
            if time.monotonic() > deadline:
                self.stop()
                raise LanguageToolError(f"LanguageTool server did not answer within {s.start_timeout} s")
            time.sleep(0.1)
        self._warm(time.monotonic() + s.start_timeout)
        self.start_seconds = time.monotonic() - t0

    def _warm(self, deadline: float) -> None:
        """One check before anyone else's, with a ``start_timeout`` of its own.

        The health check answers long before the server can check: the first
        check loads the English rules, tagger and disambiguator (and, with the
        mother tongue, the false friends), which takes longer than a whole
        article's check and on a busy machine more than ``request_timeout``.
        Paying it here keeps it on the start-up clock, so the first real
        request is timed like any other."""
        import urllib.parse

        s = self.settings
        data = urllib.parse.urlencode({"language": s.language, "motherTongue": s.mother_tongue,
                                       "text": "Warm up the server."}).encode()
        try:
            with urllib.request.urlopen(self.url + "/v2/check", data=data,
                                        timeout=max(1.0, deadline - time.monotonic())) as r:
                r.read()
        except urllib.error.HTTPError:
            pass  # it answered (a language it lacks): the client's request says so in its words
        except OSError as e:
            self.stop()
            raise LanguageToolError(f"LanguageTool server answered but did not check a sentence within "
                                    f"{s.start_timeout} s ({e})") from None

    def _log_tail(self) -> str:
        try:
            lines = [ln for ln in self.log_path.read_text(errors="replace").splitlines() if ln.strip()]
        except OSError:
            return "no log"
        bad = [ln for ln in lines if "Exception" in ln or "Error" in ln]
        return (bad or lines or ["no output"])[-1][:300]

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self.log_path is not None:
            for path in (self.log_path, self.conf_path):
                try:
                    if path is not None:
                        path.unlink()
                except OSError:
                    pass
            if self._temp_logdir:
                import shutil

                shutil.rmtree(self.log_path.parent, ignore_errors=True)


def _log_dir(preferred: Path) -> tuple[Path, bool]:
    """Where the server's log goes, and whether that is a temporary folder to
    remove when the server stops: ``preferred`` (under the user cache), or a
    private temporary folder when that cannot be written (a read-only home),
    so that grammar checking does not stop for want of a log file."""
    try:
        preferred.mkdir(parents=True, exist_ok=True)
        if os.access(preferred, os.W_OK):
            return preferred, False
    except OSError:
        pass
    import tempfile

    try:
        return Path(tempfile.mkdtemp(prefix="mtfix-languagetool-")), True
    except OSError as e:
        raise LanguageToolError(f"{preferred}: cannot be written, nor a temporary folder, for the "
                                f"LanguageTool server's log ({e.strerror or e})") from None


_LOCK = threading.Lock()
_SERVERS: dict[tuple, _Server] = {}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    """Does the LanguageTool server at ``url`` answer its health check?"""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/" + _HEALTH, timeout=HEALTH_TIMEOUT) as r:
            return r.status == 200
    except OSError:
        return False


def acquire_server(settings: "LanguageToolSettings") -> _Server:
    """The running server for these settings, started if there is none; the
    caller must :func:`release_server` it."""
    from mtfix.grammar import install

    folder = install.find_installation(settings.ltp_path)
    if folder is None:
        raise LanguageToolError(f"LanguageTool {install.LT_VERSION} is not installed: "
                                "run `mtfix languagetool install`")
    overlay = install.overlay_for(folder)
    key = (str(folder), settings.jvm_options, settings.ngram_path)
    with _LOCK:
        server = _SERVERS.get(key)
        if server is None or not server.alive():
            server = _Server(folder, overlay, settings)
            server.start()
            _SERVERS[key] = server
            _stop_with_worker()
        server.users += 1
        return server


def release_server(server: _Server) -> None:
    """One user fewer; the last one stops the server."""
    with _LOCK:
        server.users -= 1
        if server.users <= 0:
            server.stop()
            for k, v in list(_SERVERS.items()):
                if v is server:
                    del _SERVERS[k]


_FINALIZER: list = []


def _stop_with_worker() -> None:
    """A multiprocessing worker leaves by ``os._exit``, which skips atexit: one
    that started a server of its own (a run whose main process could not
    share one) stops it through multiprocessing's exit hooks instead, or the
    JVM outlives the run (measured: two orphaned servers after a --jobs 2 run)."""
    mp = sys.modules.get("multiprocessing")
    if _FINALIZER or mp is None or mp.parent_process() is None:
        return
    from multiprocessing import util

    _FINALIZER.append(util.Finalize(None, shutdown_servers, exitpriority=100))


@atexit.register
def shutdown_servers() -> None:
    """Stop every server this process started (also runs at exit)."""
    with _LOCK:
        for server in _SERVERS.values():
            server.stop()
        _SERVERS.clear()
