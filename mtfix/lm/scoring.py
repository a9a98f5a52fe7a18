"""A small causal language model that scores English text.

mtfix asks the model two things:

* **margins** — is an edited window more likely than the original one? The
  margin is ``log P(edited) - log P(original)``, summed from the first token
  where the two token sequences differ to the end of the window. The shared
  prefix (context sentences and the start of the sentence) cancels exactly.
  What *follows* the edit is counted on purpose: the evidence for "its" over
  "her" is usually later in the sentence ("replaced by its deputy").
* **surprisals** — ``-log P(token | preceding text)`` for every token of a
  sentence, which the ranker turns into a garbled-sentence score.

Two backends compute the log-probabilities (``[lm] backend``):
``ctranslate2`` (:mod:`mtfix.lm.ct2`, int8, the default: fast to start and to
score) and ``transformers`` (:mod:`mtfix.lm.torch_backend`, torch, the
reference). When CTranslate2 cannot run the model the scorer says so in one
line and uses transformers. :meth:`Scorer.score` takes margins and
surprisals together, so that the CTranslate2 backend scores a document's
pair decisions and its garbled-sentence scan in one batched pass, and it
remembers every result of the run: nothing is scored twice (the later
passes of ``fix`` ask again about the windows that did not change).

Nothing heavy is imported before the first :meth:`Scorer.load`.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from mtfix.lm.loading import resolve_model

if TYPE_CHECKING:
    from mtfix.settings import LMSettings

log = logging.getLogger("mtfix.lm")

#: Results kept for the run (least recently used dropped first): enough for
#: every window and line of a long article and its fix passes, bounded so
#: that memory stays flat over thousands of files.
MEMO_SIZE = 4096


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

    ``settings``: the ``[lm]`` settings (``model``, ``backend``, ``threads``,
    ``dtype``; None: the defaults). The model is resolved at once, so a
    missing one is a :class:`~mtfix.lm.loading.ModelUnavailable` here, but
    loaded only on first use. ``prefix``: text put before every sequence so
    its first token is scored too (default: ``<|endoftext|>`` when the
    vocabulary has it, else the tokenizer's BOS or EOS token).
    """

    def __init__(self, settings: "LMSettings | None" = None, *, prefix: str | None = None) -> None:
        if settings is None:
            from mtfix.settings import LMSettings

            settings = LMSettings()
        self.settings = settings
        self.prefix = prefix
        #: run each pair's shared prefix once (torch; see ``TorchBackend.pair_sums``)
        self.share_prefix = True
        self.backend: Any = None
        self._tok = None
        self._prefix_ids: list[int] = []
        self._lock = threading.Lock()
        self._memo: OrderedDict[tuple, Any] = OrderedDict()
        #: sequences sent to the model, and results answered from the memo
        #: (``sequences`` and ``tokens``: distinct sequences run through the model
        #: and their tokens, the compute a run costs)
        self.stats = {"scored": 0, "remembered": 0, "sequences": 0, "tokens": 0}
        self.name, self.kind, self._details = resolve_model(settings.model)

    # -- loading -------------------------------------------------------------
    def load(self) -> "Scorer":
        """Load the model (once) with the configured backend."""
        with self._lock:
            if self.backend is None:
                self._load()
        return self

    def _load(self) -> None:
        s = self.settings
        backend = None
        if getattr(s, "backend", "ctranslate2") == "ctranslate2":
            from mtfix.lm.ct2 import CT2Backend, CT2Unavailable

            try:
                backend = CT2Backend(self.kind, self._details, threads=s.threads)
            except CT2Unavailable as e:
                log.warning("mtfix: %s; scoring with transformers instead (slower)", e)
        if backend is None:
            from mtfix.lm.torch_backend import TorchBackend

            backend = TorchBackend(self.name, self.kind, self._details, dtype=s.dtype,
                                   threads=s.threads)
        self._tok = backend.tok
        self._prefix_ids = self._choose_prefix(backend.tok)
        self.backend = backend

    @property
    def backend_name(self) -> str:
        """``ctranslate2`` or ``transformers``: the backend that actually scores."""
        return self.load().backend.name

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

    def clip(self, text: str, tokens: int, keep: str) -> tuple[int, int]:
        """Where to cut ``text`` so that at most ``tokens`` of its tokens stay:
        ``keep="end"`` keeps its end and returns (offset where the kept text
        starts, tokens kept); ``keep="start"`` keeps its start and returns
        (offset where it ends, tokens kept). Cuts fall between words, never
        inside one, so the model never reads half a word; ``tokens <= 0``
        keeps everything."""
        if not text:
            return 0, 0
        if tokens <= 0:
            return (0 if keep == "end" else len(text)), -1
        self.load()
        offs = self._encode(text, offsets=True).offset_mapping
        if len(offs) <= tokens:
            return (0 if keep == "end" else len(text)), len(offs)
        n = len(text)
        if keep == "end":
            cut = offs[len(offs) - tokens][0]
            while cut < n and not (cut == 0 or (text[cut - 1].isspace() and not text[cut].isspace())):
                cut += 1
            kept = sum(1 for s, _e in offs if s >= cut)
            return cut, kept
        cut = offs[tokens][0]
        while cut > 0 and not (text[cut - 1].isspace() or text[cut].isspace()):
            cut -= 1
        cut = len(text[:cut].rstrip())
        return cut, sum(1 for _s, e in offs if e <= cut)

    # -- the memo ------------------------------------------------------------
    def _recall(self, key: tuple) -> Any:
        hit = self._memo.get(key)
        if hit is not None:
            self._memo.move_to_end(key)
            self.stats["remembered"] += 1
        return hit

    def _remember(self, key: tuple, value: Any) -> None:
        self._memo[key] = value
        if len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)

    # -- public API ----------------------------------------------------------
    def margins(self, pairs: Sequence[tuple[str, str, str]]) -> list[float]:
        """For each ``(context, original, edited)``: ``log P(edited) - log
        P(original)`` in nats, over ``context + original`` versus ``context +
        edited``, counted from the first token where they differ to the end.

        ``context`` is the one or two preceding sentences (may be empty) and
        is joined to the window with a single space unless it already ends in
        whitespace. Identical windows give 0.0.
        """
        return self.score(pairs, ())[0]

    def surprisals(self, items: Sequence[str | tuple[str, str]]) -> list[list[TokenScore]]:
        """Per-token surprisal (nats) of each sentence. An item is a sentence
        or ``(context, sentence)``; only the sentence's tokens are returned,
        with character offsets into the sentence. A token straddling the
        boundary belongs to the sentence."""
        return self.score((), items)[1]

    def score(self, pairs: Sequence[tuple[str, str, str]] = (),
              items: Sequence[str | tuple[str, str]] = ()
              ) -> tuple[list[float], list[list[TokenScore]]]:
        """:meth:`margins` of ``pairs`` and :meth:`surprisals` of ``items`` in
        one batched pass (the ranker sends a document's pair decisions and its
        garbled-sentence scan together). Results already computed in this run
        are answered from memory; identical sequences are scored once."""
        if not pairs and not items:
            return [], []
        self.load()
        margins: list[Any] = [None] * len(pairs)
        rows: list[Any] = [None] * len(items)
        todo_pairs = []
        for k, (context, original, edited) in enumerate(pairs):
            key = ("m", context, original, edited)
            margins[k] = self._recall(key)
            if margins[k] is not None:
                continue
            joiner = " " if context and not context[-1].isspace() else ""
            a = self._prefix_ids + self._encode(context + joiner + original).input_ids
            b = self._prefix_ids + self._encode(context + joiner + edited).input_ids
            if a == b:
                margins[k] = 0.0
                continue
            d = 0
            while d < len(a) and d < len(b) and a[d] == b[d]:
                d += 1
            todo_pairs.append((k, key, a, b, max(d, 1)))
        todo_items = []
        for k, item in enumerate(items):
            context, sent = ("", item) if isinstance(item, str) else item
            key = ("s", context, sent)
            hit = self._recall(key)
            if hit is not None:
                rows[k] = list(hit)
                continue
            joiner = " " if context and not context[-1].isspace() else ""
            base = len(context) + len(joiner)
            enc = self._encode(context + joiner + sent, offsets=True)
            offs = enc.offset_mapping
            first = next((j for j, (s, e) in enumerate(offs) if e > base), len(enc.input_ids))
            todo_items.append((k, key, self._prefix_ids + enc.input_ids,
                               len(self._prefix_ids) + first, (offs[first:], base, sent)))

        sums = self._pair_sums([(a, b, d) for _k, _key, a, b, d in todo_pairs])
        seqs: list[list[int]] = []
        starts: list[int] = []
        if sums is None:
            for _k, _key, a, b, d in todo_pairs:
                seqs += [a, b]
                starts += [d, d]
        for _k, _key, seq, start, _meta in todo_items:
            seqs.append(seq)
            starts.append(start)
        tails = self.backend.tail_logprobs(seqs, starts) if seqs else []
        self.stats["scored"] += 2 * len(todo_pairs) + len(todo_items)
        uniq = {tuple(q) for q in seqs}
        self.stats["sequences"] += len(uniq)
        self.stats["tokens"] += sum(map(len, uniq))
        if sums is None:
            sums = [sum(tails[2 * j + 1]) - sum(tails[2 * j]) for j in range(len(todo_pairs))]
            tails = tails[2 * len(todo_pairs):]
        for (k, key, *_rest), m in zip(todo_pairs, sums):
            margins[k] = m
            self._remember(key, m)
        for (k, key, _seq, _start, (offs, base, sent)), lps in zip(todo_items, tails):
            row = []
            for (s, e), lp in zip(offs, lps):
                s2, e2 = max(0, s - base), max(0, e - base)
                row.append(TokenScore(s2, e2, sent[s2:e2], -lp))
            rows[k] = row
            self._remember(key, tuple(row))
        return margins, rows

    def _pair_sums(self, triples: list[tuple[list[int], list[int], int]]) -> list[float] | None:
        """The margins by the backend's shared-prefix pass when it has one
        (torch); None: score the two sequences of each pair in full."""
        if not triples or not self.share_prefix or not hasattr(self.backend, "pair_sums"):
            return None
        try:
            return self.backend.pair_sums(triples)
        except Exception:  # an architecture whose cache cannot be reused this way
            self.share_prefix = False
            return None
