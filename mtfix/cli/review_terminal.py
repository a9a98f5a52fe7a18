"""The terminal side of ``mtfix review``: single keys, the editor, signals.

On a terminal, keys are read one at a time (termios cbreak mode, which keeps
Ctrl-C working); otherwise one answer per input line, so that a session can be
scripted (``printf 'y\\nn\\nq\\n' | mtfix review FILE``), and end of input
means ``q``. An edit opens $VISUAL/$EDITOR on a terminal (the text above a
scissors line is the replacement), else it is one prompted line, ``⏎``
standing for a line break. SIGTERM and SIGHUP end a session like Ctrl-C, so
that the command can promise that an interrupted session writes nothing.
"""
from __future__ import annotations

import os
import shutil
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

import click

from mtfix.review import Item
from mtfix.worddiff import visible

SCISSORS = "# ------------------------ >8 ------------------------"


class Terminal:
    """Single keys from a terminal, or one answer per line from a pipe."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour
        self.tty = sys.stdin.isatty()
        self.width = shutil.get_terminal_size((100, 24)).columns

    def say(self, text: str = "") -> None:
        click.echo(text, color=self.colour)

    def key(self, prompt: str) -> str:
        """One answer; end of input reads as 'q'."""
        if self.colour:
            prompt = click.style(prompt, fg="blue", bold=True)
        click.echo(prompt + " ", nl=False, color=self.colour)
        if self.tty:
            k = self._read_key()
        else:
            line = sys.stdin.readline()
            k = line.strip()[:1] if line else "q"
            if line and not k:
                k = "\n"
        click.echo(k if k.isprintable() else "")
        return k

    def _read_key(self) -> str:
        import termios
        import tty

        fd = sys.stdin.fileno()
        old = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)  # keeps ISIG: Ctrl-C still raises KeyboardInterrupt
            b = os.read(fd, 1)
            if b == b"\x1b":  # swallow the rest of an escape sequence (arrow keys)
                import select

                while select.select([fd], [], [], 0.02)[0]:
                    os.read(fd, 16)
                return ""
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        if not b or b == b"\x04":
            return "q"
        if b[0] >= 0x80:  # the rest of a UTF-8 character: not a key of ours
            return ""
        return b.decode("ascii")

    def edit(self, item: Item, newline: str) -> str | None:
        """The reviewer's replacement text, or None when the edit is cancelled."""
        start = item.proposal if item.proposal is not None else item.old
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if self.tty and editor:
            return self._editor(editor, item, start, newline)
        if self.tty:
            shown = visible(start)
            try:
                import readline

                readline.set_startup_hook(lambda: readline.insert_text(shown))
            except ImportError:
                readline = None
            try:
                line = input("New text (⏎ marks a line break; Ctrl-D cancels): ")
            except EOFError:
                click.echo()
                return None
            finally:
                if readline is not None:
                    readline.set_startup_hook(None)
            return line.replace("⏎", newline)
        click.echo("New text: ", nl=False)
        line = sys.stdin.readline()
        if not line:
            click.echo()
            return None
        click.echo(line.rstrip("\r\n"))
        return line.rstrip("\n").rstrip("\r").replace("⏎", newline)

    def _editor(self, editor: str, item: Item, start: str, newline: str) -> str | None:
        import shlex
        import subprocess
        import tempfile

        f = item.finding
        fd, name = tempfile.mkstemp(prefix="mtfix-edit-", suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(start.replace("\r\n", "\n") + "\n" + SCISSORS + "\n"
                         "# Write the replacement above the line; everything below it is ignored.\n"
                         f"# [{f.rule}] {f.message}\n"
                         f"# Original text: {visible(item.old)}\n"
                         "# An empty text deletes the span; quit the editor with an error to cancel.\n")
            try:
                rc = subprocess.call(shlex.split(editor) + [name])
            except OSError as e:
                click.echo(f"cannot run the editor {editor!r}: {e.strerror or e}")
                return None
            if rc != 0:
                click.echo("editor failed: edit cancelled")
                return None
            with open(name, encoding="utf-8") as fh:
                content = fh.read()
        finally:
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass
        cut = content.find(SCISSORS)
        body = content[:cut] if cut >= 0 else content
        if body.endswith("\n"):
            body = body[:-1]
        return body.replace("\n", newline) if newline != "\n" else body


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP end the session like Ctrl-C: nothing written, terminal restored."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    saved = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            saved[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, h in saved.items():
            signal.signal(sig, h)

