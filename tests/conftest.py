"""Shared fixtures. Paths to the shared corpus resolve from the repository root."""
from __future__ import annotations

import os
import subprocess
import tempfile
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings as hypothesis_settings

# One real LanguageTool server, started by the first test that asks for it
# (``lt_server``) and exported as MTFIX_LT_SERVER, so grammar checking does not
# start a JVM per mtfix run.
from conftest_lt import lt_server, silent_lt_server  # noqa: E402,F401

# Review decisions demote rules: keep this machine's own review history out of
# the tests (a test that needs a log passes --db or sets the variable itself).
os.environ["MTFIX_DECISIONS_DB"] = os.path.join(tempfile.mkdtemp(prefix="mtfix-test-db-"),
                                                "decisions.sqlite3")

# About two hundred tests start ``python -m mtfix`` as a real process. Where
# PYTHONDONTWRITEBYTECODE is set, each of them compiled every mtfix module from
# source again (0.1 s of a 0.45 s start): let them keep bytecode, as Python
# does by default, in the __pycache__ folders that .gitignore leaves out.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Property tests take their number of examples from a profile: 300 in the full
# suite, fewer in the fast tier (-m "not slow"), chosen in pytest_configure.
# --hypothesis-profile still wins.
hypothesis_settings.register_profile("full", max_examples=300)
hypothesis_settings.register_profile("fast", max_examples=50)


#: In the fast tier ``run_mtfix`` runs the command line in this process (no
#: 0.4 s interpreter start per call); the full suite, which CI runs, starts a
#: real ``python -m mtfix`` process every time. MTFIX_TEST_PROCESSES=1 forces
#: real processes in the fast tier too.
IN_PROCESS = False


def pytest_configure(config):
    global IN_PROCESS
    fast = "not slow" in (config.getoption("markexpr") or "")
    IN_PROCESS = fast and not os.environ.get("MTFIX_TEST_PROCESSES")
    if config.getoption("hypothesis_profile", None) is None:
        hypothesis_settings.load_profile("fast" if fast else "full")


def pytest_report_header(config):
    return f"hypothesis: {hypothesis_settings.default.max_examples} examples per property test"


ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed-article.txt"
WMT = SHARED / "corpus" / "wmt13-fr-original"
NATIVE = SHARED / "corpus" / "native-english" / "wmt13-newstest2013.en-original.docs.txt"
CORPORA = ROOT / "corpora"


@pytest.fixture
def cli():
    """Run ``mtfix ARGS`` in-process; returns the click Result (bytes in .stdout_bytes)."""
    from mtfix.cli import main

    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def run_mtfix(*args, input: bytes | None = None, cwd=None,
              timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``mtfix ARGS`` and return what a process would: exit code, stdout and
    stderr bytes. A real ``python -m mtfix`` from this checkout, except in the
    fast tier (see IN_PROCESS), where the same click command runs in-process
    with its own stdin, stdout, stderr and current folder."""
    argv = [str(a) for a in args]
    if not IN_PROCESS:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        return subprocess.run([sys.executable, "-m", "mtfix", *argv], input=input,
                              capture_output=True, cwd=cwd, env=env, timeout=timeout)
    return _run_in_process(argv, input, cwd)


def _run_in_process(argv: list[str], input: bytes | None, cwd) -> subprocess.CompletedProcess:
    import traceback

    from mtfix.cli import main

    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, argv, input=input, catch_exceptions=True,
                                    prog_name="mtfix")
    finally:
        os.chdir(here)
    stderr, code = result.stderr_bytes, result.exit_code
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        # What the interpreter would print for an uncaught exception.
        stderr += "".join(traceback.format_exception(exc)).encode()
        code = 1
    return subprocess.CompletedProcess(["mtfix", *argv], code, result.stdout_bytes, stderr)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"shared corpus not found at {SEED} (set MTFIX_SHARED)")
    return SEED.read_text(encoding="utf-8")
