"""The fast scorer: the model converted once to CTranslate2, int8 weights.

Why: on this project's CPUs the transformers path spends most of a short run
importing torch and building the model, and scores at float32 speed;
CTranslate2 imports in a tenth of a second, loads the converted model in
well under a second and scores 2-3x faster (figures in the README, from
``bench/bench_backends.py``). ``Generator.score_batch`` returns
``log P(token | preceding tokens)`` for every token, which is all
:class:`~mtfix.lm.scoring.Scorer` needs.

The conversion (:func:`convert_ct2`) goes through transformers once: the
GGUF file becomes the cached safetensors copy (:func:`~mtfix.lm.loading.
convert_gguf`), which CTranslate2's converter turns into an int8 model in
``~/.cache/mtfix/models/ct2-<version>-<quantization>-<name>-<hash>/``, keyed
by the SHA-256 of the source file(s) and the ctranslate2 version, so that a
new model file or a new runtime never reuses a stale copy. It is written to
a temporary folder and renamed when complete: a half-written conversion is
never loaded. Once converted, a run imports neither torch nor transformers:
the tokenizer is read with the ``tokenizers`` library (:class:`FastTokenizer`).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Sequence

from mtfix.lm.cpu import choose_wait_policy, default_threads
from mtfix.lm.loading import (ModelUnavailable, _private, cache_root, convert_gguf,
                              fallback_cache_root, publish, quiet_transformers, workspace)

#: How the weights are stored: int8, one scale per row (135 MB in the cache
#: instead of 540 MB, and a quarter of the bytes to read at start).
QUANTIZATION = "int8"
#: How they are computed: the int8 weights are widened to float32 at load.
#: ``int8`` arithmetic (activations quantised too) is 20-40 % faster again,
#: but measured against the reference it moved one of the 49 test pairs by
#: 8 nats (safe became suggested) and the median pair by 1 nat; float32
#: arithmetic over the same weights moves them by at most 0.7 (median 0.16),
#: as bfloat16 does in torch, and changes no decision (bench/bench_backends.py).
#: Measured again with shorter windows (issue #14 §2.3, ``bench/lm_windows.py
#: --compute int8`` against float32, the 49 pairs, the seed and the WMT13
#: documents of corpora/, 74 decisions): full windows, margins moved by a
#: median 1.06 and at most 8.9 nats, 5 decisions changed (the same pair safe
#: -> suggested); windows cut to 32 tokens before and 16 after the edit, 1.16
#: and 8.9, 6 changed. Shorter windows do not make int8 agree: float32 stays.
COMPUTE_TYPE = "float32"
#: Tokens per ``score_batch`` batch: CTranslate2 computes the full vocabulary
#: distribution at every position, 49k floats a token, so 1024 tokens is
#: ~200 MB of logits at the peak and 256 is ~50 MB. Measured with
#: ``bench/bench_garbled.py`` on the seed's garbled scan: peak RSS 1,054 MB at
#: 1024, 819 MB at 256, no slower (issue #14 asks for at most 800 MB).
TOKEN_BUDGET = 256
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


class CT2Unavailable(ModelUnavailable):
    """CTranslate2 cannot run this model here (not installed, a hub model, an
    architecture its converter does not know); the scorer falls back to
    transformers."""


def ct2_version() -> str | None:
    """The installed ctranslate2 version, read from its metadata (no import)."""
    try:
        return metadata.version("ctranslate2")
    except metadata.PackageNotFoundError:
        return None


# -- the cache key: a hash of the source, remembered per file state -----------------

def _files_of(kind: str, details: dict[str, Any]) -> tuple[str, list[Path]]:
    if kind == "gguf":
        g = Path(details["gguf"])
        return g.stem, [g]
    if kind == "local":
        folder = Path(details["path"])
        return folder.name, sorted(p for p in folder.iterdir()
                                   if p.is_file() and not p.name.startswith("."))
    raise CT2Unavailable("the ctranslate2 backend runs GGUF files and local folders, not hub "
                         "models (set [lm] backend = \"transformers\")")


def source_hash(files: Sequence[Path], stamps: Path | None = None) -> str:
    """SHA-256 of the model's source files (names and contents).

    Hashing the 98 MB GGUF takes 0.1-0.3 s, a third of a warm start, so the
    digest is remembered in ``stamps`` under the files' state (real path,
    size, modification time in ns, inode): the same file is hashed once,
    while a replaced or rewritten one is hashed again."""
    state = hashlib.sha256()
    for f in files:
        st = f.stat()
        state.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode())
    stamp = (stamps / state.hexdigest()[:32]) if stamps is not None else None
    if stamp is not None:
        try:
            known = stamp.read_text(encoding="ascii").strip()
            if len(known) == 64:
                return known
        except OSError:
            pass
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0")
        with open(f, "rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    digest = h.hexdigest()
    if stamp is not None:
        try:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            tmp = stamp.with_name(stamp.name + f".tmp{os.getpid()}")
            tmp.write_text(digest + "\n", encoding="ascii")
            os.replace(tmp, stamp)
        except OSError:
            pass  # a read-only cache: hash again next time
    return digest


def _candidates(kind: str, details: dict[str, Any]) -> list[Path]:
    """Where the converted copy of this model lives: the cache, then the
    private fallback folder (see :func:`~mtfix.lm.loading.fallback_cache_root`)."""
    version = ct2_version()
    if version is None:
        raise CT2Unavailable("ctranslate2 is not installed (pip install 'mtfix[lm]')")
    name, files = _files_of(kind, details)
    digest = source_hash(files, cache_root() / ".stamps")
    leaf = f"ct2-{version}-{QUANTIZATION}-{name}-{digest[:16]}"
    return [cache_root() / leaf, fallback_cache_root() / leaf]


def find_ct2(kind: str, details: dict[str, Any]) -> Path | None:
    """The complete converted copy of this model, or None (never converts)."""
    try:
        primary, fallback = _candidates(kind, details)
    except (CT2Unavailable, OSError):
        return None
    if (primary / ".complete").exists():
        return primary
    if (fallback / ".complete").exists() and _private(fallback.parent):
        return fallback
    return None


def ct2_ready(kind: str, details: dict[str, Any]) -> bool:
    """Cheap: can a run score with CTranslate2 without torch (runtime and
    tokenizer installed, model already converted)?"""
    return (importlib.util.find_spec("ctranslate2") is not None
            and importlib.util.find_spec("tokenizers") is not None
            and find_ct2(kind, details) is not None)


def convert_ct2(kind: str, details: dict[str, Any]) -> Path:
    """Convert the model once (through transformers) into the cache and
    return its folder; an existing complete copy is returned at once.
    Raises :class:`CT2Unavailable` when CTranslate2 cannot take the model."""
    done = find_ct2(kind, details)
    if done is not None:
        return done
    dest, tmp = workspace(_candidates(kind, details))
    try:
        src = convert_gguf(details["gguf"]) if kind == "gguf" else Path(details["path"])
        quiet_transformers()
        os.environ["HF_HUB_OFFLINE"] = "1"
        try:
            from ctranslate2.converters import TransformersConverter
        except ImportError as e:
            raise CT2Unavailable(f"cannot convert the model for ctranslate2 ({e.name} is "
                                 f"missing)") from None
        out = tmp / "model"
        try:
            TransformersConverter(str(src)).convert(str(out), quantization=QUANTIZATION)
        except (NotImplementedError, ValueError, KeyError) as e:
            raise CT2Unavailable(f"ctranslate2 cannot convert {src.name}: "
                                 f"{' '.join(str(e).split())[:160]}") from None
        _copy_tokenizer(src, out)
        for f in out.iterdir():
            os.replace(f, tmp / f.name)
        out.rmdir()
        (tmp / ".complete").write_text(f"converted from {src} with ctranslate2 {ct2_version()}, "
                                       f"{QUANTIZATION}\n")
    except OSError as e:  # a full disk
        shutil.rmtree(tmp, ignore_errors=True)
        raise CT2Unavailable(f"cannot store the converted model in {dest.parent}: "
                             f"{e.strerror or e}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return publish(tmp, dest)


def _copy_tokenizer(src: Path, out: Path) -> None:
    """Put a ``tokenizer.json`` next to the converted model: copied when the
    source has one, else written by transformers (a sentencepiece
    ``tokenizer.model`` becomes the same fast tokenizer AutoTokenizer uses)."""
    if (src / "tokenizer.json").is_file():
        for name in _TOKENIZER_FILES:
            if (src / name).is_file():
                shutil.copyfile(src / name, out / name)
        return
    from transformers import AutoTokenizer

    AutoTokenizer.from_pretrained(str(src)).save_pretrained(str(out))
    if not (out / "tokenizer.json").is_file():
        raise CT2Unavailable(f"{src.name}: no fast tokenizer for ctranslate2")


# -- the tokenizer, without transformers ----------------------------------------------

class FastTokenizer:
    """``tokenizer.json`` through the ``tokenizers`` library, with the small
    part of transformers' tokenizer interface the scorer and ranker use
    (calling it, ``get_vocab``, ``convert_ids_to_tokens``, special token ids).
    Encodings are those of transformers' fast tokenizer, which wraps the same
    object: 0.05 s to load instead of importing transformers."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self._tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        special: dict[str, Any] = {}
        try:
            cfg = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
            for key in ("bos_token", "eos_token", "pad_token"):
                val = cfg.get(key)
                special[key] = val.get("content") if isinstance(val, dict) else val
        except (OSError, ValueError):
            pass
        ids = {k: self._tok.token_to_id(v) if isinstance(v, str) else None for k, v in special.items()}
        self.bos_token_id = ids.get("bos_token")
        self.eos_token_id = ids.get("eos_token")
        self.pad_token_id = ids.get("pad_token")

    def __call__(self, text: str, add_special_tokens: bool = True,
                 return_offsets_mapping: bool = False) -> SimpleNamespace:
        enc = self._tok.encode(text, add_special_tokens=add_special_tokens)
        return SimpleNamespace(input_ids=list(enc.ids),
                               offset_mapping=list(enc.offsets) if return_offsets_mapping else None)

    def get_vocab(self) -> dict[str, int]:
        return self._tok.get_vocab(with_added_tokens=True)

    def convert_ids_to_tokens(self, ids: Sequence[int]) -> list[str]:
        return [self._tok.id_to_token(i) for i in ids]


# -- the backend ------------------------------------------------------------------------

class CT2Backend:
    """The converted model in a ``ctranslate2.Generator`` and its tokenizer."""

    name = "ctranslate2"

    def __init__(self, kind: str, details: dict[str, Any], *, threads: int | None) -> None:
        if importlib.util.find_spec("ctranslate2") is None:
            raise CT2Unavailable("ctranslate2 is not installed (pip install 'mtfix[lm]')")
        folder = convert_ct2(kind, details)
        if "ctranslate2" not in sys.modules:
            choose_wait_policy()  # OpenMP reads it once, when the runtime starts
        import ctranslate2

        try:
            self.gen = ctranslate2.Generator(str(folder), device="cpu", compute_type=COMPUTE_TYPE,
                                             intra_threads=int(threads or default_threads()),
                                             inter_threads=1)
            self.tok = FastTokenizer(folder)
            vocab = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        except (RuntimeError, OSError, ValueError, ImportError) as e:
            raise CT2Unavailable(f"ctranslate2 cannot load {folder.name}: "
                                 f"{' '.join(str(e).split())[:160]}") from None
        # CTranslate2 takes tokens as strings and maps an unknown one to <unk>
        # without a word, so the two vocabularies must be the same list.
        if vocab != self.tok.convert_ids_to_tokens(range(len(vocab))):
            raise CT2Unavailable(f"{folder.name}: the converted vocabulary does not match the tokenizer")
        self.folder = folder
        self._vocab = vocab

    def tail_logprobs(self, seqs: Sequence[list[int]], starts: Sequence[int]) -> list[list[float]]:
        """For each token sequence, ``log P(seq[i] | seq[:i])`` for every i in
        ``[start, len(seq))``. Identical sequences are scored once; the rest
        go to ``score_batch`` shortest first, in batches of
        :data:`TOKEN_BUDGET` tokens, never truncated."""
        uniq: dict[tuple[int, ...], int] = {}
        for s in seqs:
            uniq.setdefault(tuple(s), len(uniq))
        keys = sorted(uniq, key=len)
        results = self.gen.score_batch([[self._vocab[i] for i in k] for k in keys],
                                       max_batch_size=TOKEN_BUDGET, batch_type="tokens",
                                       max_input_length=0)
        full = {k: r.log_probs for k, r in zip(keys, results)}
        return [list(full[tuple(s)][max(1, st) - 1:]) for s, st in zip(seqs, starts)]
