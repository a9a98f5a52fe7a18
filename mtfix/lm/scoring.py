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

Where the model comes from and how it is loaded is :mod:`mtfix.lm.loading`;
torch is imported on the first :meth:`Scorer.load`, never at import time.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from mtfix.lm.loading import load_model, resolve_model

if TYPE_CHECKING:
    from mtfix.settings import LMSettings

#: Upper bound on padded tokens in one forward pass (batch × longest sequence).
_TOKEN_BUDGET = 4096
#: Positions sent through the output layer at once.
_HEAD_CHUNK = 512


@dataclass(frozen=True)
class TokenScore:
    """One token of a scored sentence: character span inside the sentence and
    its surprisal in nats."""

    start: int
    end: int
    text: str
    surprisal: float


class Scorer:
    """A causal LM that scores text; loads itself on first use.

    ``settings``: the ``[lm]`` settings (``model``, ``threads``, ``dtype``;
    None: the defaults). The model is resolved at once, so a missing one is a
    :class:`~mtfix.lm.loading.ModelUnavailable` here, but loaded only on
    first use. ``prefix``: text put before every sequence so its first token
    is scored too (default: ``<|endoftext|>`` when the vocabulary has it,
    else the tokenizer's BOS or EOS token).
    """

    def __init__(self, settings: "LMSettings | None" = None, *, prefix: str | None = None) -> None:
        if settings is None:
            from mtfix.settings import LMSettings

            settings = LMSettings()
        self.settings = settings
        self.prefix = prefix
        #: run each pair's shared prefix once (see :meth:`_pair_sums`)
        self.share_prefix = True
        self._model = None
        self._tok = None
        self._prefix_ids: list[int] = []
        self._lock = threading.Lock()
        self._cache_kw: str | None = None
        self.name, self.kind, self._details = resolve_model(settings.model)

    # -- loading -------------------------------------------------------------
    def load(self) -> "Scorer":
        """Import torch/transformers and load the model (once)."""
        with self._lock:
            if self._model is None:
                self._load()
        return self

    def _load(self) -> None:
        tok, model = load_model(self.name, self.kind, self._details,
                                dtype=self.settings.dtype, threads=self.settings.threads)
        import torch  # already imported by load_model

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

    def _encode(self, text: str, offsets: bool = False):
        return self._tok(text, add_special_tokens=False, return_offsets_mapping=offsets)

    def _log_softmax_at(self, hidden, targets) -> list[float]:
        """``log P(target)`` for each row of ``hidden`` through the output layer,
        in slices: 512 positions x 49k vocabulary is 100 MB of float32 logits;
        all positions at once would be GBs."""
        torch = self._torch
        head = self._model.get_output_embeddings()
        vals: list[float] = []
        for c in range(0, len(targets), _HEAD_CHUNK):
            logits = head(hidden[c:c + _HEAD_CHUNK]).float()
            if self._softcap:
                logits = torch.tanh(logits / self._softcap) * self._softcap
            lp = torch.log_softmax(logits, dim=-1)
            vals += lp.gather(1, targets[c:c + _HEAD_CHUNK, None])[:, 0].tolist()
        return vals

    def _body(self):
        model = self._model
        return model.get_decoder() if hasattr(model, "get_decoder") else model.base_model

    def _cache_name(self, body) -> str:
        """What the model's ``forward`` calls its key/value cache: ``cache`` in
        transformers 5 (which warns about the old name on every call),
        ``past_key_values`` before."""
        if self._cache_kw is None:
            import inspect

            try:
                params = inspect.signature(body.forward).parameters
            except (TypeError, ValueError):
                params = {}
            self._cache_kw = "cache" if "cache" in params else "past_key_values"
        return self._cache_kw

    # -- the core: log-probabilities of sequence tails -----------------------
    def _tail_logprobs(self, seqs: Sequence[list[int]], starts: Sequence[int]) -> list[list[float]]:
        """For each token sequence, ``log P(seq[i] | seq[:i])`` for every i in
        ``[start, len(seq))``. Sequences are sorted by length and batched under
        a token budget with right padding and an attention mask; the output
        layer runs only on the positions that are scored."""
        torch = self._torch
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
        body = self._body()
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
                vals = self._log_softmax_at(picked, torch.tensor(targets))
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
        body = self._body()
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
                cache = getattr(first, self._cache_name(body))
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
                              use_cache=False, **{self._cache_name(body): cache}).last_hidden_state
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
                vals = self._log_softmax_at(torch.cat(hs, dim=0), torch.tensor(tg))
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
