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
