"""The ``mtfix`` command line: the only layer that knows click and the terminal.

One module per command or group (``check``, ``fix``, ``eval``, ``rules``,
``review``, ``report``, ``apply``, ``languagetool``) plus what they share
(:mod:`mtfix.cli.common`: options, reading inputs, writing results, error
mapping). ``main`` is resolved lazily so that importing a command module does
not import every other one.
"""
from __future__ import annotations

__all__ = ["main"]


def __getattr__(name: str):
    if name == "main":
        from mtfix.cli.app import main

        return main
    raise AttributeError(name)
