"""``python -m mtfix.lm [MODEL] [--backend ctranslate2|transformers]``: prepare a model once.

The setup hook (scripts/setup.d/10-model.sh) runs it so that the first
``mtfix check`` starts in about a second: the GGUF file is de-quantised into
a safetensors copy (what transformers loads) and that copy is converted into
an int8 CTranslate2 model (what the default backend runs), both cached under
``~/.cache/mtfix/models``. Prints where the model lives; quick when done.
"""
from __future__ import annotations

import sys

from mtfix.lm.loading import ModelUnavailable, convert_gguf, is_converted, resolve_model


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    backend = "ctranslate2"
    if "--backend" in args:
        i = args.index("--backend")
        backend = args[i + 1] if i + 1 < len(args) else ""
        del args[i:i + 2]
    if backend not in ("ctranslate2", "transformers"):
        print("mtfix: --backend must be ctranslate2 or transformers", file=sys.stderr)
        return 2
    model = args[0] if args else None
    try:
        name, kind, details = resolve_model(model)
        if kind == "gguf":
            gguf = details["gguf"]
            done = is_converted(gguf)
            dest = convert_gguf(gguf)
            print(f"{name}: {'cached' if done else 'converted'} at {dest}")
        if backend == "ctranslate2" and kind != "hub":
            from mtfix.lm.ct2 import CT2Unavailable, convert_ct2, find_ct2

            try:
                done = find_ct2(kind, details) is not None
                dest = convert_ct2(kind, details)
                print(f"{name}: ctranslate2 int8 copy {'cached' if done else 'converted'} at {dest}")
            except CT2Unavailable as e:
                print(f"mtfix: {e}; the transformers backend will be used", file=sys.stderr)
        if kind != "gguf":
            from mtfix.lm.scoring import Scorer
            from mtfix.settings import LMSettings

            scorer = Scorer(LMSettings(model=model, backend=backend)).load()
            print(f"{name}: loads ({scorer.backend_name})")
    except ModelUnavailable as e:
        print(f"mtfix: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
