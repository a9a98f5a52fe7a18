"""The time limit on every regular expression a rule file brings.

Rule files come from users, so a pattern may backtrack catastrophically on
some input (``(a+)+$`` on a long line of ``a``). Every regex call on a
document runs through :func:`limited`, which stops it after
:data:`REGEX_TIMEOUT` seconds and reports the rule instead of hanging the run.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from mtfix.errors import RuleTimeout

__all__ = ["REGEX_TIMEOUT", "limited"]

T = TypeVar("T")

#: Seconds one regular expression may spend on one document before it is
#: reported as catastrophic instead of hanging the run. The ``regex`` module's
#: own ``timeout`` counts process CPU time (measured: a 1 s limit took 1.4-3.4 s
#: of wall time on a loaded 2-core machine), so in the main thread a SIGALRM
#: timer also enforces it in wall time; ``regex`` checks for signals while it
#: backtracks, so the alarm interrupts a runaway match within milliseconds.
REGEX_TIMEOUT = 2.0


class _WallTimeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _WallTimeout()


@contextmanager
def _wall_deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of wall time (main thread, POSIX).

    Elsewhere (threads, Windows, a timer already running) only the ``regex``
    CPU-time limit applies.
    """
    if (not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0
            or signal.getsignal(signal.SIGALRM) is None):
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, old)


def limited(fn: Callable[[float], T], what: str, path: str) -> T:
    """Run ``fn(timeout)`` (a regex call) under :data:`REGEX_TIMEOUT`, in CPU and
    wall time; raise :class:`RuleTimeout` naming ``what`` (``file:line: rule 'x'``)."""
    try:
        with _wall_deadline(REGEX_TIMEOUT):
            return fn(REGEX_TIMEOUT)
    except (TimeoutError, _WallTimeout):
        raise RuleTimeout(
            f"{what}: pattern took over {REGEX_TIMEOUT:g} s on {path} "
            f"(catastrophic backtracking?); fix the pattern or disable the rule") from None
