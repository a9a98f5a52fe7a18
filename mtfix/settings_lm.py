"""``[lm]`` settings, apart from :mod:`mtfix.settings` (which re-exports them).

Why a module of their own: the language model's knobs grow with the
measurements behind them (how much text a decision needs, how it is
computed), and the settings module is at its size limit. Fields are built with
:func:`mtfix.settings_fields._spec`, as every settings module's are.
Every default of ``[lm]`` lives here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass

from mtfix.errors import ConfigError
from mtfix.settings_fields import _spec


@dataclass(frozen=True)
class LMSettings:
    """``[lm]``: the language model that decides fixes and flags garbled text."""

    enabled: bool | None = _spec(None, "bool?", "false: as --no-lm; unset: on when installed")
    model: str | None = _spec(None, "str?", "a GGUF file, a local folder or a Hugging Face id")
    backend: str = _spec("ctranslate2", "choice", "ctranslate2 (int8, fast) or transformers (reference)",
                         choices=("ctranslate2", "transformers"))
    threads: int | None = _spec(None, "int?", "model threads; unset: every core, at most 4", min=1)
    dtype: str = _spec("auto", "choice", "transformers: auto (bfloat16 where the CPU has it), float32",
                       choices=("auto", "float32", "bfloat16"))
    safe_margin: float = _spec(2.0, "float", "margin (nats) at or above which a fix is safe")
    suggest_margin: float = _spec(0.0, "float", "at or above: suggested; below: refused")
    on_reject: str = _spec("review", "choice", "refused fixes: kept as review flags, or dropped",
                           choices=("review", "drop"))
    context_sentences: int = _spec(2, "int", "preceding sentences given as context", min=0)
    context_tokens: int = _spec(0, "int", "tokens the model reads before an edit (context sentences, "
                                "then the start of its sentence), cut at a word; 0: all", min=0)
    tail_tokens: int = _spec(0, "int", "tokens it reads after an edit, cut at a word; 0: to the "
                             "end of the sentence", min=0)
    categories: tuple[str, ...] = _spec(("pronouns", "calques"), "strs",
                                        "categories the model decides even without lm: true")
    garbled: bool = _spec(True, "bool", "flag garbled sentences")
    garbled_z: float = _spec(3.0, "float", "robust z-score at or above which a sentence is flagged")
    garbled_z_with_findings: float = _spec(0.75, "float", "lower bar when rules found an artefact in it")
    garbled_window: int = _spec(4, "int", "tokens in the run that is averaged", min=1)
    garbled_min_words: int = _spec(6, "int", "shorter sentences are not judged", min=1)

    def __post_init__(self) -> None:
        if self.suggest_margin > self.safe_margin:
            raise ConfigError("lm.suggest_margin must not be above lm.safe_margin")


