"""One LanguageTool server for the tests that use LanguageTool.

Every ``mtfix check``/``fix`` run with grammar checking on would otherwise
start its own JVM (several seconds on two cores). The ``lt_server`` session
fixture starts one real server (assembling LanguageTool first if it is
missing, as the setup hook does) and exports ``MTFIX_LT_SERVER`` while it
lives, so in-process backends and ``mtfix`` subprocesses use it.

It is not autouse: starting the JVM costs about 19 s, and most tests never
reach LanguageTool. A test that does asks for it by name (or its module sets
``pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("lt_server")]``).
tests/conftest.py imports it so every test module can request it.
"""
from __future__ import annotations

import json
import os

import pytest


@pytest.fixture(scope="session")
def lt_server():
    from mtfix.grammar import LanguageToolBackend
    from mtfix.grammar import install as lt_install
    from mtfix.settings import LanguageToolSettings

    lt_install.install()
    # The defaults, without the environment: our own server, whatever MTFIX_LT_SERVER says.
    backend = LanguageToolBackend(LanguageToolSettings())
    backend.check_text("Warm up the server.")
    previous = os.environ.get("MTFIX_LT_SERVER")
    os.environ["MTFIX_LT_SERVER"] = backend.url
    try:
        yield backend
    finally:
        if previous is None:
            os.environ.pop("MTFIX_LT_SERVER", None)
        else:
            os.environ["MTFIX_LT_SERVER"] = previous
        backend.close()


@pytest.fixture
def silent_lt_server():
    """A local HTTP server that answers LanguageTool's health check (and its
    language list) but holds every check request unanswered until the test ends."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    done = threading.Event()
    checks = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            if "/check" in self.path:
                checks.append(self.path)
                done.wait(120)  # never, as far as mtfix can tell
                return
            if self.path.rstrip("/").endswith("/v2/healthcheck"):
                body = b"OK"
            elif "/v2/languages" in self.path:
                body = json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"},
                                   {"name": "French", "code": "fr", "longCode": "fr"}]).encode()
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", checks
    finally:
        done.set()
        server.shutdown()
        server.server_close()
