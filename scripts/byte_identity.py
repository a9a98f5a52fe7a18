"""Check that a refactoring left mtfix's output unchanged, byte for byte.

``--record`` runs ``mtfix fix`` (as a user would, through the command line) on
every input of ``corpora/`` and ``../shared/corpus/`` and writes the SHA-256 of
each output to a manifest; ``--check`` runs the same commands again and fails,
naming the file, when any output differs. Two modes: ``rules`` (``--no-lm``,
seconds) and ``lm`` (the default language model, a few minutes); LanguageTool
is left out because ``fix`` never applies its findings without ``--suggested``.

    python scripts/byte_identity.py --record            # before the change
    python scripts/byte_identity.py --check             # after it
    python scripts/byte_identity.py --check --mode rules
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "scripts" / "byte_identity.json"
MODES = {"rules": ["--no-lm", "--no-grammar"], "lm": ["--lm", "--no-grammar"]}


SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"


def inputs() -> list[Path]:
    """The original corpora (not the generated ``*.fixed.txt``) and the shared corpus."""
    shared = SHARED
    own = [p for p in sorted((ROOT / "corpora").glob("*.txt")) if not p.name.endswith(".fixed.txt")]
    return own + sorted(p for p in shared.rglob("*.txt") if p.name != "SOURCES.md")


def key(path: Path) -> str:
    if path.is_relative_to(SHARED):
        return "shared/corpus/" + path.relative_to(SHARED).as_posix()
    return path.relative_to(ROOT).as_posix()


def run(path: Path, mode: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "mtfix", "fix", *MODES[mode], str(path)]
    out = subprocess.run(cmd, capture_output=True, env=env, timeout=900)
    if out.returncode != 0:
        raise SystemExit(f"{key(path)}: mtfix fix exited {out.returncode}: {out.stderr.decode()[-500:]}")
    return hashlib.sha256(out.stdout).hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--record", action="store_true", help="write the manifest")
    what.add_argument("--check", action="store_true", help="compare with the manifest")
    ap.add_argument("--mode", choices=[*MODES, "all"], default="all")
    args = ap.parse_args()
    modes = list(MODES) if args.mode == "all" else [args.mode]
    if args.record:
        data = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
        for mode in modes:
            data[mode] = {key(p): run(p, mode) for p in inputs()}
        MANIFEST.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        print(f"recorded {sum(len(v) for v in data.values())} outputs in {MANIFEST.name}")
        return 0
    data = json.loads(MANIFEST.read_text())
    bad = 0
    for mode in modes:
        by_key = {key(p): p for p in inputs()}
        for k, want in data[mode].items():
            if k not in by_key:
                print(f"{mode}: {k}: input missing")
                bad += 1
            elif run(by_key[k], mode) != want:
                print(f"{mode}: {k}: output differs")
                bad += 1
    total = sum(len(data[m]) for m in modes)
    print(f"{total - bad} identical, {bad} different")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
