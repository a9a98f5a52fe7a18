"""``mtfix review``: decide each change in the terminal, one at a time, like ``git add -p``.

Findings come safe first, then suggested, then review-only, each group in text
order. For each one the reviewer sees the rule, its message, the tier (and the
language model's evidence when there is some) and the change as a word diff
inside a few lines of context, and answers with one key:

====  ==================================================================
y     apply this change
n     reject it (for a flag without a fix: dismiss it)
e     edit the replacement ($VISUAL/$EDITOR on a terminal, else a prompt)
s     skip for now: it comes back once after the others
A     apply this change and every remaining change of the same rule
a     apply this change and all remaining changes
d     reject this change and all remaining changes
u     undo the last answer (including a whole A/a/d)
q     quit: write what was decided so far, leave the rest
?     help
====  ==================================================================

When a change is accepted, later changes that overlap it are skipped and the
reviewer is told so (undo brings them back). Nothing touches the file until
the session ends or ``q``: then the file is replaced atomically (the old one
kept as FILE.bak) or the result goes to ``-o OUT``. Ctrl-C, SIGTERM or a crash
write nothing, so the original is never lost and no temporary file is left.

On a terminal, keys are read one at a time (termios cbreak mode); otherwise
one answer per input line, so a session can be scripted
(``printf 'y\\nn\\nq\\n' | mtfix review FILE``); end of input means ``q``.
Decisions go to the decisions log (:mod:`mtfix.decisions`) when the session
writes its result; an interrupted session records nothing.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from mtfix.cli.common import check_for_review, engine_options, fail, guarded
from mtfix.document import Document
from mtfix.model import Edit, Finding, Tier
from mtfix.resolve import clash

KEYS_HELP = """\
y - apply this change
n - reject it (for a flag without a fix: dismiss it)
e - edit the replacement, then apply it
s - skip for now: it comes back once after the others
A - apply this change and every remaining change of the same rule
a - apply this change and all remaining changes
d - reject this change and all remaining changes
u - undo the last answer
q - quit: write what was decided so far, leave the rest
? - print this help"""

SCISSORS = "# ------------------------ >8 ------------------------"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


# -- the session: pure state, no I/O -------------------------------------------

@dataclass(frozen=True)
class Item:
    """One finding as the reviewer sees it: the span and the proposed text for it."""

    finding: Finding
    lo: int
    hi: int
    old: str
    proposal: str | None  # None: a flag without a fix
    alternatives: tuple[str, ...] = ()  # other candidate texts for [lo, hi), e.g. LanguageTool's

    @classmethod
    def of(cls, text: str, f: Finding) -> "Item":
        lo, hi = f.span
        alts = tuple(dict.fromkeys(fx.apply_to(text, lo, hi) for fx in f.fixes[1:]
                                   if fx.start >= lo and fx.end <= hi))
        return cls(f, lo, hi, text[lo:hi], f.replacement(text), alts)

    def edits(self, final: str | None = None) -> tuple[Edit, ...]:
        if final is not None:
            return (Edit(self.lo, self.hi, final),)
        return self.finding.fix.edits if self.finding.fix else ()


def review_order(findings: list[Finding]) -> list[Finding]:
    """Safe first, then suggested, then review-only; text order inside each."""
    return sorted(findings, key=lambda f: (-f.tier.rank, *f.sort_key()))


class Session:
    """Which findings are decided and how, with undo. The terminal layer drives it.

    ``state`` maps an item index to ``(decision, final_text)``; decisions are
    accepted / edited / rejected / skipped, plus ``clash`` for a change skipped
    because it overlaps one already accepted (``clash_with`` says which).
    """

    def __init__(self, text: str, findings: list[Finding]) -> None:
        self.text = text
        self.items = [Item.of(text, f) for f in review_order(findings)]
        self.queue: list[int] = list(range(len(self.items)))
        self.pos = 0
        self.state: dict[int, tuple[str, str | None]] = {}
        self.clash_with: dict[int, int] = {}
        self.deferred: set[int] = set()
        self._history: list[tuple] = []

    # -- navigation --
    def _taken(self, exclude: int | None = None) -> list[tuple[Edit, int]]:
        out = []
        for i, (d, final) in self.state.items():
            if d in ("accepted", "edited") and i != exclude:
                out.extend((e, i) for e in self.items[i].edits(final if d == "edited" else None))
        return out

    def blocker(self, i: int, edits: tuple[Edit, ...] | None = None) -> int | None:
        """The accepted item that ``edits`` (default: item i's fix) would overlap."""
        edits = self.items[i].edits() if edits is None else edits
        for e in edits:
            for t, j in self._taken(exclude=i):
                if clash(e, t):
                    return j
        return None

    def current(self) -> tuple[int | None, list[int]]:
        """The next undecided item, after auto-skipping those that overlap an
        accepted change; returns (index or None when done, indices auto-skipped)."""
        skipped = []
        while self.pos < len(self.queue):
            i = self.queue[self.pos]
            if i in self.state:
                self.pos += 1
                continue
            if self.items[i].proposal is not None:
                j = self.blocker(i)
                if j is not None:
                    self.state[i] = ("clash", None)
                    self.clash_with[i] = j
                    skipped.append(i)
                    self.pos += 1
                    continue
            return i, skipped
        return None, skipped

    def remaining(self) -> list[int]:
        seen, out = set(), []
        for i in self.queue[self.pos:]:
            if i not in self.state and i not in seen:
                seen.add(i)
                out.append(i)
        return out

    @property
    def decided(self) -> int:
        return len(self.state)

    # -- answers (each one undoable) --
    def _save(self) -> None:
        self._history.append((self.pos, list(self.queue), dict(self.state), dict(self.clash_with),
                              set(self.deferred)))

    def undo(self) -> bool:
        if not self._history:
            return False
        self.pos, self.queue, self.state, self.clash_with, self.deferred = self._history.pop()
        return True

    def answer(self, i: int, decision: str, final: str | None = None) -> None:
        self._save()
        self._set(i, decision, final)

    def _set(self, i: int, decision: str, final: str | None = None) -> None:
        item = self.items[i]
        if decision == "accepted":
            final = item.proposal
        if decision == "edited":
            if final == item.proposal:
                decision = "accepted"
            elif final == item.old:
                decision, final = "rejected", None
        self.state[i] = (decision, final)

    def defer(self, i: int) -> bool:
        """Skip for now: the item comes back once at the end; the second time it
        is skipped for good. Returns True when it will come back."""
        self._save()
        if i in self.deferred:
            self.state[i] = ("skipped", None)
            return False
        self.deferred.add(i)
        self.queue.append(i)
        self.pos += 1
        return True

    def bulk(self, i: int, decision: str, same_rule: bool = False) -> tuple[int, int]:
        """Accept (or reject) item i and the remaining ones (of its rule, when
        ``same_rule``). Returns (changed, skipped for overlap or no fix)."""
        self._save()
        rule = self.items[i].finding.rule
        targets = [i] + [j for j in self.remaining() if j != i
                         and (not same_rule or self.items[j].finding.rule == rule)]
        done = left = 0
        for j in targets:
            if decision == "rejected":
                self._set(j, "rejected")
                done += 1
            elif self.items[j].proposal is None:
                if not same_rule:
                    self._set(j, "skipped")
                left += 1
            else:
                k = self.blocker(j)
                if k is not None:
                    self.state[j] = ("clash", None)
                    self.clash_with[j] = k
                    left += 1
                else:
                    self._set(j, "accepted")
                    done += 1
        return done, left

    # -- result --
    def edits(self) -> list[Edit]:
        return sorted(e for e, _ in self._taken())

    def result(self) -> str:
        from mtfix.resolve import apply_edits

        return apply_edits(self.text, self.edits())

    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in ("accepted", "edited", "rejected", "skipped", "clash")}
        for d, _ in self.state.values():
            c[d] += 1
        c["undecided"] = len(self.items) - len(self.state)
        return c

    def records(self):
        """Decisions for the log: what the reviewer chose (not automatic overlap skips)."""
        from mtfix.decisions import Record

        for i, (d, final) in sorted(self.state.items()):
            if d == "clash":
                continue
            item = self.items[i]
            yield Record.of(self.text, item.finding, d,
                            final if d in ("accepted", "edited") else None)


# -- showing a change ----------------------------------------------------------

def _visible(s: str) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return s.replace("\n", "⏎")


def word_diff(old: str, new: str | None, colour: bool) -> str:
    """old → new marked at word level: ``[-gone-]{+added+}`` or red/green."""
    def dele(s):
        s = _visible(s)
        shown = s if s.strip() else s.replace(" ", "␣")
        return click.style(shown, fg="red", strikethrough=True) if colour else f"[-{shown}-]"

    def ins(s):
        s = _visible(s)
        shown = s if s.strip() else s.replace(" ", "␣")
        return click.style(shown, fg="green", bold=True) if colour else f"{{+{shown}+}}"

    if new is None:
        s = _visible(old)
        return click.style(s, underline=True, bold=True) if colour else f"[[{s}]]"
    out = []
    for op, x, y in diff_runs(old, new):
        if op == "equal":
            out.append(_visible(x))
            continue
        if x:
            out.append(dele(x))
        if y:
            out.append(ins(y))
    return "".join(out)


def diff_runs(old: str, new: str) -> list[tuple[str, str, str]]:
    """Word-level runs ``(op, old_text, new_text)``, op 'equal' or 'change'.

    Spaces that happen to match between two changed words are folded into
    the change (``[-the general-]{+General+}`` rather than ``[-the-]{+General+}
    [-general-]``), and whitespace shared at a change's edges is moved out of it.
    """
    import difflib

    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append(["equal" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2])])
    merged: list[list[str]] = []
    for k, r in enumerate(runs):
        between = 0 < k < len(runs) - 1 and runs[k - 1][0] == runs[k + 1][0] == "change"
        if r[0] == "equal" and between and not r[1].strip():
            r = ["change", r[1], r[2]]
        if merged and merged[-1][0] == r[0] == "change":
            merged[-1][1] += r[1]
            merged[-1][2] += r[2]
        else:
            merged.append(r)
    out: list[tuple[str, str, str]] = []
    for op, x, y in merged:
        if op == "equal":
            out.append((op, x, y))
            continue
        lead = 0
        while lead < min(len(x), len(y)) and x[lead] == y[lead] and x[lead].isspace():
            lead += 1
        trail = 0
        while (trail < min(len(x), len(y)) - lead and x[len(x) - 1 - trail] == y[len(y) - 1 - trail]
               and x[len(x) - 1 - trail].isspace()):
            trail += 1
        if lead:
            out.append(("equal", x[:lead], y[:lead]))
        out.append(("change", x[lead:len(x) - trail], y[lead:len(y) - trail]))
        if trail:
            out.append(("equal", x[len(x) - trail:], y[len(y) - trail:]))
    return out


def word_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen ``[lo, hi)`` to whole words, so that a one-letter change shows as
    ``[-Success-]{+success+}``; an insertion between words stays where it is."""
    def w(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_'’")

    if hi > lo or (w(lo - 1) and w(lo)):
        while w(lo - 1) and (w(lo) or hi == lo):
            lo -= 1
        while w(hi) and w(hi - 1):
            hi += 1
    return lo, hi


def _trim_left(s: str, n: int) -> str:
    if len(s) <= n:
        return s
    cut = s[-n:]
    sp = cut.find(" ")
    return "…" + (cut[sp + 1:] if 0 <= sp < 20 else cut)


def _trim_right(s: str, n: int) -> str:
    if len(s) <= n:
        return s
    cut = s[:n]
    sp = cut.rfind(" ")
    return (cut[:sp] if sp > n - 20 else cut) + "…"


def excerpt(doc: Document, item: Item, colour: bool, context: int = 2, width: int = 100,
            final: str | None = None) -> list[str]:
    """The changed line(s) with the change marked, and up to ``context`` lines
    around them, each with its line number; long lines are trimmed."""
    text = doc.text
    lines = text.splitlines(keepends=True)
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln)
    first = doc.line_col(item.lo)[0] - 1
    last = doc.line_col(max(item.lo, item.hi - 1))[0] - 1 if item.hi > item.lo else first
    gutter = len(str(min(len(lines), last + context + 1)))
    room = max(30, width - gutter - 3)

    def num(i: int) -> str:
        s = str(i + 1).rjust(gutter)
        return click.style(s, dim=True) if colour else s

    out = []
    for i in range(max(0, first - context), first):
        body = lines[i].rstrip("\r\n")
        shown = _trim_right(body, room)
        out.append(f"{num(i)} │ " + (click.style(shown, dim=True) if colour else shown))
    line_lo = starts[first] if lines else 0
    end_line = lines[last] if lines else ""
    line_hi = (starts[last] + len(end_line.rstrip("\r\n"))) if lines else len(text)
    line_hi = max(line_hi, item.hi)
    wlo, whi = word_span(text, item.lo, item.hi)
    wlo, whi = max(wlo, line_lo), min(whi, max(line_hi, item.hi))
    before = _trim_left(text[line_lo:wlo], room // 2)
    after = _trim_right(text[whi:line_hi].rstrip("\r\n"), room // 2)
    new = item.proposal if final is None else final
    old_w = text[wlo:whi]
    new_w = None if new is None else text[wlo:item.lo] + new + text[item.hi:whi]
    if new is None:  # a flag: mark exactly what was flagged
        before, old_w = _trim_left(text[line_lo:item.lo], room // 2), item.old
        after = _trim_right(text[item.hi:line_hi].rstrip("\r\n"), room // 2)
    out.append(f"{num(first)} │ {before}{word_diff(old_w, new_w, colour)}{after}")
    for i in range(last + 1, min(len(lines), last + 1 + context)):
        body = lines[i].rstrip("\r\n")
        shown = _trim_right(body, room)
        out.append(f"{num(i)} │ " + (click.style(shown, dim=True) if colour else shown))
    return out


def describe(item: Item, n: int, total: int, colour: bool) -> list[str]:
    f = item.finding
    tier = f.tier.value
    if colour:
        from mtfix.render import TIER_COLOURS

        tier = click.style(tier, fg=TIER_COLOURS[f.tier], bold=True)
    head = f"({n}/{total}) {tier} · {f.category} · [{f.rule}]"
    if f.source != "rules":
        head += f" · from {f.source}"
    out = [head, f.message]
    ev = f.evidence or {}
    if ev.get("lm_margin") is not None:
        lm = f"LM: margin {ev['lm_margin']:+.2f}"
        if ev.get("lm_threshold") is not None:
            lm += f" (threshold {ev['lm_threshold']:+.2f})"
        elif ev.get("threshold") is not None:
            lm += f" (threshold {ev['threshold']:+.2f})"
        out.append(lm)
    for h in ev.get("tier_history", []) or []:
        out.append(f"tier {h}")
    if item.alternatives:
        out.append("Other candidates (e to use one): " + " | ".join(_visible(a) for a in item.alternatives))
    if item.proposal is None:
        out.append("No replacement proposed: edit it by hand (e) or dismiss it (n).")
    return out


# -- the terminal ----------------------------------------------------------------

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
            shown = _visible(start)
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
                         f"# Original text: {_visible(item.old)}\n"
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


def _changed_on_disk(path: str, src) -> bool:
    """True when someone else rewrote the file during the session: their edits win."""
    try:
        with open(path, "rb") as fh:
            return fh.read() != src.encode(src.text)
    except OSError:
        return True


@contextmanager
def _signals_interrupt():
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


def run_session(session: Session, doc: Document, term: Terminal, context: int) -> str:
    """Ask about each item until done or 'q'; returns 'done' or 'quit'."""
    total = len(session.items)
    newline = doc.newline
    last_shown = None
    while True:
        i, auto = session.current()
        for j in auto:
            k = session.clash_with[j]
            a, b = session.items[j].finding, session.items[k].finding
            term.say(f"Skipping [{a.rule}] at line {doc.line_col(session.items[j].lo)[0]}: it "
                     f"overlaps the accepted change [{b.rule}].")
        if i is None:
            return "done"
        item = session.items[i]
        if last_shown != i:
            term.say()
            if i in session.deferred and session.queue.index(i) < session.pos:
                term.say("(back to a change you skipped)")
            for line in describe(item, i + 1, total, term.colour):
                term.say(line)
            for line in excerpt(doc, item, term.colour, context, term.width):
                term.say(line)
            last_shown = i
        blocked = session.blocker(i, (Edit(item.lo, item.hi, ""),)) if item.proposal is None else None
        if item.proposal is None:
            if blocked is not None:
                term.say(f"(it overlaps the accepted change [{session.items[blocked].finding.rule}]: "
                         f"undo that to edit here)")
            prompt = "Edit or dismiss this flag [e,n,s,a,d,u,q,?]?"
        else:
            prompt = "Apply this change [y,n,e,s,A,a,d,u,q,?]?"
        k = term.key(prompt)
        if k == "y" and item.proposal is not None:
            session.answer(i, "accepted")
        elif k in ("y", "A") and item.proposal is None:
            term.say("Nothing to apply: e to write a replacement, n to dismiss.")
        elif k == "n":
            session.answer(i, "rejected")
        elif k == "e":
            if blocked is not None:
                term.say("Cannot edit here: it overlaps an accepted change (u to undo it).")
                continue
            new = term.edit(item, newline)
            if new is None:
                term.say("Edit cancelled.")
                last_shown = None
                continue
            j = session.blocker(i, (Edit(item.lo, item.hi, new),))
            if j is not None:
                term.say(f"That edit overlaps the accepted change [{session.items[j].finding.rule}]; "
                         f"not applied.")
                continue
            session.answer(i, "edited", new)
            decision, final = session.state[i]
            if decision == "edited":
                term.say("Edited: " + word_diff(item.old, final, term.colour))
        elif k == "s":
            if session.defer(i):
                term.say("Skipped for now; it comes back after the others.")
            else:
                term.say("Skipped.")
        elif k == "A" and item.proposal is not None:
            done, left = session.bulk(i, "accepted", same_rule=True)
            extra = f" ({left} overlapping skipped)" if left else ""
            term.say(f"Applied {done} change{'s' * (done != 1)} of [{item.finding.rule}]{extra}.")
        elif k == "a":
            done, left = session.bulk(i, "accepted")
            extra = f"; {left} left unchanged (overlapping or without a fix)" if left else ""
            term.say(f"Applied {done} change{'s' * (done != 1)}{extra}.")
        elif k == "d":
            done, _ = session.bulk(i, "rejected")
            term.say(f"Rejected {done} change{'s' * (done != 1)}.")
        elif k == "u":
            if session.undo():
                term.say("Undone.")
                last_shown = None
            else:
                term.say("Nothing to undo.")
        elif k == "q":
            return "quit"
        elif k == "?":
            term.say(KEYS_HELP)
        else:
            if k not in ("", "\n"):
                term.say(f"Unknown key {k!r}; ? for help.")


# -- the command ------------------------------------------------------------------

@click.command("review")
@click.argument("path")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the result here instead of rewriting PATH.")
@click.option("--no-backup", is_flag=True, help="When rewriting PATH, keep no PATH.bak.")
@click.option("--tier", "min_tier", type=click.Choice([t.value for t in Tier]), default="review",
              show_default=True, help="Review findings of this tier and above.")
@click.option("--context", type=click.IntRange(0, 20), default=2, show_default=True,
              help="Lines of context around each change.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Decisions log (default: $MTFIX_DECISIONS_DB, config review.db, user data dir).")
@click.option("--color/--no-color", "color", default=None, help="Colour (default: when a terminal).")
@engine_options
@guarded
def review_cmd(path, output, no_backup, min_tier, context, db, color, encoding, **kw) -> None:
    """Accept or reject each change, one at a time; then write PATH (or -o OUT).

    \b
    y apply   n reject   e edit   s skip for now   A apply all of this rule
    a apply all remaining   d reject all remaining   u undo   q quit   ? help
    """
    from mtfix import decisions
    from mtfix.textio import write_atomic

    if path == "-":
        raise fail("review reads its answers from the terminal; give a file, not stdin")
    engine, src, doc, findings = check_for_review(path, encoding, kw, db, min_tier)
    settings = decisions.settings_from_config(engine.config)
    log_path = decisions.db_path(db, engine.config)
    term = Terminal(sys.stdout.isatty() if color is None else color)
    session = Session(doc.text, findings)
    if not session.items:
        term.say(f"{src.display}: nothing to review.")
        if output:
            write_atomic(output, src.encode(src.text), None)
        return
    by_tier = ", ".join(f"{sum(1 for x in session.items if x.finding.tier is t)} {t.value}"
                        for t in Tier if any(x.finding.tier is t for x in session.items))
    term.say(f"{src.display}: {len(session.items)} changes to review ({by_tier}); ? for help.")
    try:
        with _signals_interrupt():
            run_session(session, doc, term, context)
    except KeyboardInterrupt:
        click.echo(f"\nmtfix: interrupted: nothing written; {src.display} is unchanged", err=True)
        raise click.exceptions.Exit(130) from None

    text = session.result()
    c = session.counts()
    try:
        with _signals_interrupt():  # a signal while writing still removes the temporary file
            if output:
                write_atomic(output, src.encode(text), None)
                where = f"written to {output}"
            elif text != src.text and _changed_on_disk(path, src):
                output = Path(f"{path}.reviewed")
                write_atomic(output, src.encode(text), None)
                click.echo(f"mtfix: {path} changed while you reviewed it; not overwritten", err=True)
                where = f"written to {output} instead"
            elif text != src.text:
                backup = write_atomic(path, src.encode(text), None if no_backup else ".bak")
                where = f"{path} rewritten" + (f" (backup: {backup})" if backup else "")
            else:
                where = f"{path} unchanged"
    except KeyboardInterrupt:
        click.echo(f"\nmtfix: interrupted while writing: {output or src.display} holds either the "
                   f"old or the new text, never a mix", err=True)
        raise click.exceptions.Exit(130) from None
    parts = [f"{c['accepted']} applied", f"{c['edited']} edited", f"{c['rejected']} rejected"]
    for k, label in (("skipped", "skipped"), ("clash", "overlapping"), ("undecided", "not reviewed")):
        if c[k]:
            parts.append(f"{c[k]} {label}")
    term.say(f"{', '.join(parts)}; {where}.")
    if settings.log:
        try:
            decisions.record(log_path, src.text, src.display, session.records(), via="review")
        except decisions.DecisionsError as e:
            click.echo(f"mtfix: warning: decisions not logged: {e}", err=True)
