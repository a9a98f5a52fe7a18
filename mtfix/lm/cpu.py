"""How the model uses this CPU: threads, OpenMP's waiting, the float type.

Shared by both scoring backends (torch and CTranslate2 both run on OpenMP
threads), and kept apart from :mod:`mtfix.lm.loading` because it is about
the machine, not about where the model comes from. Imports nothing heavy.
"""
from __future__ import annotations

import os

from mtfix.errors import ModelError


def default_threads() -> int:
    """Torch threads to use when the user did not say: every core up to 4.

    Measured on a 2-core VM (surprisal of the whole seed article, bfloat16):
    idle, 1 thread 4.8 s, 2 threads 2.7 s; with one core kept busy by another
    job, 1 thread 5.1 s, 2 threads 7.0 s with OpenMP's default spin-waiting but
    5.2 s with passive waiting; with both cores busy, 8.6 s, 8.6 s and 6.4 s.
    So: all the cores, and passive waiting when the machine is already busy
    (:func:`choose_wait_policy`)."""
    return max(1, min(4, os.cpu_count() or 1))


def choose_wait_policy() -> None:
    """Before torch is imported: spinning OpenMP threads steal the core that
    another job needs and stall on it, so wait passively unless the machine
    is idle (1-minute load under half a core). A user's setting wins."""
    if "OMP_WAIT_POLICY" in os.environ:
        return
    try:
        busy = os.getloadavg()[0] >= 0.5
    except OSError:
        busy = True
    if busy:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"


def cpu_has_bf16() -> bool:
    """True when the CPU multiplies bfloat16 natively (AVX512-BF16 or AMX)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            flags = fh.read(200_000)
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def resolve_dtype(dtype: str) -> str:
    """``auto``: bfloat16 where the CPU has native support, else float32.

    Measured on an AMD EPYC with AVX512-BF16 (one thread): 1.7 ms/token in
    bfloat16 against 3.3 ms in float32; on the 49 test pairs the margins moved
    by at most 0.4 nat (median 0.14) and no decision changed. On an EPYC
    without it (AVX2 only) bfloat16 was about 3x slower than float32 (49
    pairs 249 s against 86 s, seed scan 198 s against 60 s, one run on a
    busy machine, bench/bench_backends.py), hence float32 there. Used by the
    transformers backend only: CTranslate2 computes in float32 over its
    int8 weights (:data:`mtfix.lm.ct2.COMPUTE_TYPE`)."""
    if dtype in ("float32", "bfloat16"):
        return dtype
    if dtype != "auto":
        raise ModelError(f"unknown dtype {dtype!r} (expected auto, float32 or bfloat16)")
    return "bfloat16" if cpu_has_bf16() else "float32"
