"""The reference scorer: the model run by torch through ``transformers``.

It is the backend every other one is checked against
(``tests/test_lm_backends.py``), and the one used for models that
CTranslate2 cannot run. Two primitives, both on token ids:

* :meth:`TorchBackend.tail_logprobs` — ``log P(seq[i] | seq[:i])`` for the
  tail of each sequence, batched under a token budget;
* :meth:`TorchBackend.pair_sums` — the margin of two sequences that share a
  prefix, running that prefix once and reusing its key/value cache.

torch is imported by :func:`~mtfix.lm.loading.load_model`, never at import
time of this module.
"""
from __future__ import annotations

from typing import Any, Sequence

from mtfix.lm.loading import load_model

#: Upper bound on padded tokens in one forward pass (batch × longest sequence).
TOKEN_BUDGET = 4096
#: Positions sent through the output layer at once.
_HEAD_CHUNK = 512


def _batches(order: list[int], width, budget: int = TOKEN_BUDGET) -> list[list[int]]:
    """Split indices (sorted by ascending size) into batches whose padded size
    (count × ``width(i)`` of the newest, longest member) stays under ``budget``."""
    batches: list[list[int]] = []
    cur: list[int] = []
    for i in order:
        if cur and (len(cur) + 1) * width(i) > budget:
            batches.append(cur)
            cur = []
        cur.append(i)
    if cur:
        batches.append(cur)
    return batches


class TorchBackend:
    """``(tokenizer, model)`` from transformers, and the two scoring primitives."""

    name = "transformers"

    def __init__(self, model_name: str, kind: str, details: dict[str, Any], *, dtype: str,
                 threads: int | None) -> None:
        tok, model = load_model(model_name, kind, details, dtype=dtype, threads=threads)
        import torch  # already imported by load_model

        self._torch = torch
        self.tok = tok
        self.model = model
        self.pad_id = tok.pad_token_id if tok.pad_token_id is not None else (
            tok.eos_token_id if tok.eos_token_id is not None else 0)
        softcap = getattr(model.config, "final_logit_softcapping", None)
        self._softcap = float(softcap) if softcap else None
        self._cache_kw: str | None = None

    def _log_softmax_at(self, hidden, targets) -> list[float]:
        """``log P(target)`` for each row of ``hidden`` through the output layer,
        in slices: 512 positions x 49k vocabulary is 100 MB of float32 logits;
        all positions at once would be GBs."""
        torch = self._torch
        head = self.model.get_output_embeddings()
        vals: list[float] = []
        for c in range(0, len(targets), _HEAD_CHUNK):
            logits = head(hidden[c:c + _HEAD_CHUNK]).float()
            if self._softcap:
                logits = torch.tanh(logits / self._softcap) * self._softcap
            lp = torch.log_softmax(logits, dim=-1)
            vals += lp.gather(1, targets[c:c + _HEAD_CHUNK, None])[:, 0].tolist()
        return vals

    def _body(self):
        model = self.model
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

    def tail_logprobs(self, seqs: Sequence[list[int]], starts: Sequence[int]) -> list[list[float]]:
        """For each token sequence, ``log P(seq[i] | seq[:i])`` for every i in
        ``[start, len(seq))``. Sequences are sorted by length and batched under
        a token budget with right padding and an attention mask; the output
        layer runs only on the positions that are scored."""
        torch = self._torch
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        out: list[list[float]] = [[] for _ in seqs]
        body = self._body()
        with torch.inference_mode():
            for batch in _batches(order, lambda i: len(seqs[i])):
                width = max(len(seqs[i]) for i in batch)
                ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
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

    def pair_sums(self, pairs: Sequence[tuple[list[int], list[int], int]]) -> list[float]:
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
        width = lambda i: 2 * max(len(pairs[i][0]), len(pairs[i][1]))  # noqa: E731
        with torch.inference_mode():
            for batch in _batches(order, width):
                n = len(batch)
                pre = [pairs[i][0][:pairs[i][2]] for i in batch]
                tails = []
                for i in batch:
                    a, b, d = pairs[i]
                    tails += [a[d:], b[d:]]
                pw = max(len(p) for p in pre)
                tw = max(1, max(len(t) for t in tails))
                ids = torch.full((n, pw), self.pad_id, dtype=torch.long)
                pmask = torch.zeros((n, pw), dtype=torch.long)
                for r, p in enumerate(pre):
                    ids[r, :len(p)] = torch.tensor(p, dtype=torch.long)
                    pmask[r, :len(p)] = 1
                first = body(input_ids=ids, attention_mask=pmask, use_cache=True)
                cache = getattr(first, self._cache_name(body))
                last = first.last_hidden_state[torch.arange(n), torch.tensor([len(p) - 1 for p in pre])]
                cache.batch_repeat_interleave(2)
                tids = torch.full((2 * n, tw), self.pad_id, dtype=torch.long)
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
