"""``python -m mtfix.lm [MODEL]``: prepare (convert and cache) a model once.

The setup hook (scripts/setup.d/10-model.sh) runs it so that the first
``mtfix check`` loads the default model in about a second instead of
de-quantising its GGUF file. Prints where the model lives; quick when done.
"""
from __future__ import annotations

import sys

from mtfix.lm.loading import ModelUnavailable, convert_gguf, is_converted, resolve_model


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    model = args[0] if args else None
    try:
        name, kind, details = resolve_model(model)
        if kind == "gguf":
            gguf = details["gguf"]
            done = is_converted(gguf)
            dest = convert_gguf(gguf)
            print(f"{name}: {'cached' if done else 'converted'} at {dest}")
        else:
            from mtfix.lm.scoring import Scorer
            from mtfix.settings import LMSettings

            Scorer(LMSettings(model=model)).load()
            print(f"{name}: loads")
    except ModelUnavailable as e:
        print(f"mtfix: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
