"""The time limit on every regular expression and detector a rule runs.

Rule files come from users, so a pattern may backtrack catastrophically on
some input (``(a+)+$`` on a long line of ``a``). Every regex call on a
document, and every Python detector, runs through :func:`limited`, which stops
it after :func:`time_limit` seconds and reports the rule instead of hanging
the run. The limit grows with the text (:data:`REGEX_TIMEOUT` for every
:data:`TIMEOUT_CHARS` characters), so a large input that is merely large is
never mistaken for a runaway pattern; a built-in rule that runs out of time
is reported as mtfix's problem, not blamed on its pattern.
"""
from __future__ import annotations

import math
import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from mtfix.errors import RuleTimeout

__all__ = ["REGEX_TIMEOUT", "TIMEOUT_CHARS", "WALL_FACTOR", "deadlines", "limited", "paused",
           "time_limit"]

T = TypeVar("T")

#: Seconds of CPU one regular expression (or detector) may spend on one
#: document before it is reported as catastrophic instead of hanging the run.
#: CPU, not wall time: on a machine shared with other work a linear rule's wall
#: time stretches with the load (a 1 s limit took 1.4-3.4 s of wall time at a
#: load of 4 on two cores, and built-in rules ran out of a 2 s wall limit at a
#: load of 20), while a runaway pattern burns CPU however busy the machine is.
#: The ``regex`` module's own ``timeout`` counts CPU time too; in the main
#: thread a SIGPROF timer enforces the limit for detectors as well, and
#: ``regex`` checks for signals while it backtracks, so the timer interrupts a
#: runaway match within milliseconds.
REGEX_TIMEOUT = 2.0
#: A call that spends no CPU (a detector blocked on something) is stopped by a
#: SIGALRM timer after this many times the limit in wall time.
WALL_FACTOR = 10.0
#: The text length one :data:`REGEX_TIMEOUT` covers: a text of ``k`` times as
#: many characters gets ``k`` times the limit (16 s per MiB). Every built-in
#: pattern and detector is linear; the slowest (pronoun-gender) takes about
#: 0.3 s of CPU per MiB, a margin of fifty on a busy machine, while a
#: catastrophic pattern on a short text still stops after REGEX_TIMEOUT.
TIMEOUT_CHARS = 1 << 17


def time_limit(size: int = 0) -> float:
    """Seconds one regex call (or detector) may take on a text of ``size`` characters."""
    return REGEX_TIMEOUT * max(1.0, size / TIMEOUT_CHARS)


class _WallTimeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _WallTimeout()


#: The periods of the limit :func:`deadlines` ticks at: a call inside may run
#: up to a period (an eighth) over its limit before it is stopped.
TICKS = 8

#: The thread whose SIGALRM handler :func:`deadlines` installed (None: not armed).
_armed: int | None = None
#: Inside :func:`deadlines`: the CPU seconds between two SIGPROF ticks.
_tick = 1.0
#: The ticks of CPU and of wall time left to the running limited call (None: no call).
_call: list[int] | None = None


def _can_alarm() -> bool:
    """May this call use the timers (main thread, POSIX, neither timer already
    running, handlers that Python installed)? Elsewhere only the ``regex``
    CPU-time limit applies."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] <= 0
            and signal.getitimer(signal.ITIMER_PROF)[0] <= 0
            and signal.getsignal(signal.SIGALRM) is not None
            and signal.getsignal(signal.SIGPROF) is not None)


def _start(limit: float) -> None:
    signal.setitimer(signal.ITIMER_PROF, limit)
    signal.setitimer(signal.ITIMER_REAL, limit * WALL_FACTOR)


def _stop() -> None:
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def deadlines() -> Iterator[None]:
    """Run the timers once for all the :func:`limited` calls inside, each call
    only counting their ticks against its own limit.

    A rule pack runs some two hundred rules per document; starting and
    stopping two timers around each of them (six system calls a rule) cost
    more than many of the rules themselves, and so did swapping the signal
    handlers (``signal.signal`` converts to and from enums each time). Inside,
    both timers tick periodically (SIGPROF every :data:`TICKS`-th of the limit
    of CPU time, SIGALRM ``WALL_FACTOR`` times that of wall time) and a call
    only sets its budget of ticks; a tick that finds the running call's budget
    spent stops it, one between calls does nothing. A call is stopped after
    its limit and at most one tick later, never sooner: its first tick comes
    within one period of its start, and it is stopped at the tick after its
    budget. :func:`paused` stops and restarts the ticking as it does a
    one-off timer. Nested or off the main thread, it does nothing.
    """
    global _armed, _tick, _call
    if _armed is not None or not _can_alarm():
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_tick)
    old_prof = signal.signal(signal.SIGPROF, _on_tick)
    _tick = time_limit(0) / TICKS
    _call = None
    _armed = threading.get_ident()
    try:
        signal.setitimer(signal.ITIMER_PROF, _tick, _tick)
        signal.setitimer(signal.ITIMER_REAL, _tick * WALL_FACTOR, _tick * WALL_FACTOR)
        yield
    finally:
        try:
            _stop()
        finally:
            _armed = None
            _call = None
            signal.signal(signal.SIGALRM, old)
            signal.signal(signal.SIGPROF, old_prof)


def _on_tick(signum, frame):  # pragma: no cover - timing dependent
    """A tick of :func:`deadlines`: one period off the running call's budget
    (CPU for SIGPROF, wall time for SIGALRM), stopping it once it is spent."""
    call = _call
    if call is None:
        return  # between calls
    i = 0 if signum == signal.SIGPROF else 1
    call[i] -= 1
    if call[i] < 0:
        raise _WallTimeout()


@contextmanager
def _wall_deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of CPU time, or ``WALL_FACTOR``
    times that of wall time (main thread, POSIX).

    Elsewhere (threads, Windows, a timer already running) only the ``regex``
    CPU-time limit applies.
    """
    if not _can_alarm():
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    old_prof = signal.signal(signal.SIGPROF, _on_alarm)
    _start(seconds)
    try:
        yield
    finally:
        try:
            _stop()
        finally:
            signal.signal(signal.SIGALRM, old)
            signal.signal(signal.SIGPROF, old_prof)


@contextmanager
def paused() -> Iterator[None]:
    """Stop the running timers for the block, then restart them with the time
    they had left: one-off work inside a limited call (compiling a pattern the
    first time a text needs it, :mod:`mtfix.rules.lazy`) does not count as the
    rule running. Off the main thread there are no timers to pause."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    prof = signal.setitimer(signal.ITIMER_PROF, 0)
    real = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if real[0] > 0:
            signal.setitimer(signal.ITIMER_REAL, *real)
        if prof[0] > 0:
            signal.setitimer(signal.ITIMER_PROF, *prof)


def _armed_call(fn: Callable[[float], T], limit: float) -> T:
    """``fn(limit)`` with a budget of ticks of the timers :func:`deadlines` runs."""
    global _call
    if _call is not None:
        return fn(limit)  # an outer limit is running: it holds
    ticks = math.ceil(limit / _tick)
    _call = [ticks, ticks]
    try:
        return fn(limit)
    finally:
        _call = None


def limited(fn: Callable[[float], T], what: str, path: str, size: int = 0, *,
            builtin: bool = False, noun: str = "pattern") -> T:
    """Run ``fn(timeout)`` (a regex call) under :func:`time_limit` of ``size``, in
    CPU and wall time; raise :class:`RuleTimeout` naming ``what`` (``file:line:
    rule 'x'``). ``builtin``: the rule ships with mtfix, so the message asks for
    a report instead of blaming the pattern."""
    limit = time_limit(size)
    try:
        if _armed is not None and _armed == threading.get_ident():
            return _armed_call(fn, limit)
        with _wall_deadline(limit):
            return fn(limit)
    except (TimeoutError, _WallTimeout):
        if builtin:
            raise RuleTimeout(
                f"{what}: built-in {noun} took over {limit:g} s on {path} ({_size(size)}); "
                f"built-in rules are meant to stay fast on any input: please report this "
                f"input, and skip the rule with --ignore to go on") from None
        raise RuleTimeout(
            f"{what}: {noun} took over {limit:g} s on {path} "
            f"(catastrophic backtracking?); fix the pattern or disable the rule") from None


def _size(n: int) -> str:
    return f"{n:,} characters"
