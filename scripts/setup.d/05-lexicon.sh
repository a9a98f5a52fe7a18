#!/usr/bin/env bash
# English and French word frequencies (wordfreq) compiled once into sorted tables
# under ~/.cache/mtfix/lexicon, so no run pays wordfreq's 0.5 s per language
# (mtfix.lexicon). Idempotent: a table already there is just read.
set -euo pipefail
: "${VENV:?VENV must be set by scripts/setup.sh}"
"$VENV/bin/python" -c "import mtfix.lexicon as L; L.warm()" \
    || echo "[lexicon] word frequencies not compiled: mtfix compiles them on first use" >&2
