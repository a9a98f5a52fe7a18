"""One LanguageTool server for the whole test session.

Every ``mtfix check``/``fix`` run with grammar checking on would otherwise
start its own JVM (several seconds on two cores). This session fixture starts
one real server (assembling LanguageTool first if it is missing, as the setup
hook does) and exports ``MTFIX_LT_SERVER`` so in-process backends and
``mtfix`` subprocesses use it. To share it with the whole suite, import it in
tests/conftest.py::

    from conftest_lt import lt_shared_server  # noqa: F401  (autouse, session)
"""
from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def lt_shared_server():
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
