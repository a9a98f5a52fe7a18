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

The decisions themselves are :class:`mtfix.review.Session`'s; keys, the
editor and signals are :mod:`mtfix.cli.review_terminal`'s. Decisions go to
the decisions log (:mod:`mtfix.decisions`) when the session writes its
result; an interrupted session records nothing.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from mtfix import decisions
from mtfix.cli.common import check_for_review, engine_options, fail, guarded, plural, write_result
from mtfix.cli.render import tier_label, word_diff
from mtfix.cli.review_terminal import Terminal, signals_interrupt
from mtfix.document import Document
from mtfix.errors import DecisionsError
from mtfix.model import Edit, Tier
from mtfix.review import Item, Session
from mtfix.textio import Source
from mtfix.worddiff import printable, word_span

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


# -- showing a change ----------------------------------------------------------

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


def excerpt(doc: Document, item: Item, colour: bool, context: int = 2, width: int = 100) -> list[str]:
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
        shown = printable(_trim_right(body, room))
        out.append(f"{num(i)} │ " + (click.style(shown, dim=True) if colour else shown))
    line_lo = starts[first] if lines else 0
    end_line = lines[last] if lines else ""
    line_hi = (starts[last] + len(end_line.rstrip("\r\n"))) if lines else len(text)
    line_hi = max(line_hi, item.hi)
    wlo, whi = word_span(text, item.lo, item.hi)
    wlo, whi = max(wlo, line_lo), min(whi, max(line_hi, item.hi))
    before = _trim_left(text[line_lo:wlo], room // 2)
    after = _trim_right(text[whi:line_hi].rstrip("\r\n"), room // 2)
    new = item.proposal
    old_w = text[wlo:whi]
    new_w = None if new is None else text[wlo:item.lo] + new + text[item.hi:whi]
    if new is None:  # a flag: mark exactly what was flagged
        before, old_w = _trim_left(text[line_lo:item.lo], room // 2), item.old
        after = _trim_right(text[item.hi:line_hi].rstrip("\r\n"), room // 2)
    before, after = printable(before), printable(after)
    out.append(f"{num(first)} │ {before}{word_diff(old_w, new_w, colour)}{after}")
    for i in range(last + 1, min(len(lines), last + 1 + context)):
        body = lines[i].rstrip("\r\n")
        shown = printable(_trim_right(body, room))
        out.append(f"{num(i)} │ " + (click.style(shown, dim=True) if colour else shown))
    return out


def describe(item: Item, n: int, total: int, colour: bool) -> list[str]:
    """The head of a change: rule, message, tier and why, other candidates."""
    f = item.finding
    head = (f"({n}/{total}) {tier_label(f.tier, colour)} · {printable(f.category)} · "
            f"[{printable(f.rule)}]")
    if f.source != "rules":
        head += f" · from {printable(f.source)}"
    out = [head, printable(f.message)]
    ev = f.evidence or {}
    if ev.get("lm_margin") is not None:
        lm = f"LM: margin {ev['lm_margin']:+.2f}"
        if ev.get("lm_threshold") is not None:
            lm += f" (threshold {ev['lm_threshold']:+.2f})"
        out.append(lm)
    for h in ev.get("tier_history", []) or []:
        out.append(f"tier {h}")
    if item.alternatives:
        margins = {c.get("replacement"): c.get("margin") for c in ev.get("lm_candidates") or []}
        out.append("Other candidates (e to use one): " + " | ".join(
            printable(a) + (f" ({margins[a]:+.2f})" if isinstance(margins.get(a), (int, float)) else "")
            for a in item.alternatives))
    if item.proposal is None:
        out.append("No replacement proposed: edit it by hand (e) or dismiss it (n).")
    return out


# -- the session loop ------------------------------------------------------------

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
            term.say(f"Applied {plural(done, 'change')} of [{item.finding.rule}]{extra}.")
        elif k == "a":
            done, left = session.bulk(i, "accepted")
            extra = f"; {left} left unchanged (overlapping or without a fix)" if left else ""
            term.say(f"Applied {plural(done, 'change')}{extra}.")
        elif k == "d":
            done, _ = session.bulk(i, "rejected")
            term.say(f"Rejected {plural(done, 'change')}.")
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
              help="Decisions log (default: config review.db, then $MTFIX_DECISIONS_DB, then the user data dir).")
@click.option("--color/--no-color", "color", default=None, help="Colour (default: when a terminal).")
@engine_options
@guarded
def review_cmd(path, output, no_backup, min_tier, context, db, color, encoding, **kw) -> None:
    """Accept or reject each change, one at a time; then write PATH (or -o OUT).

    \b
    y apply   n reject   e edit   s skip for now   A apply all of this rule
    a apply all remaining   d reject all remaining   u undo   q quit   ? help
    """
    if path == "-":
        raise fail("review reads its answers from the terminal; give a file, not stdin")
    engine, src, doc, findings = check_for_review(path, encoding, kw, db, min_tier)
    settings = engine.settings.review
    term = Terminal(sys.stdout.isatty() if color is None else color)
    session = Session(doc.text, findings)
    if not session.items:
        term.say(f"{printable(src.display)}: nothing to review.")
        if output:
            write_result(src, src.text, applied=0, output=output)
        return
    by_tier = ", ".join(f"{sum(1 for x in session.items if x.finding.tier is t)} {t.value}"
                        for t in Tier if any(x.finding.tier is t for x in session.items))
    term.say(f"{printable(src.display)}: {len(session.items)} changes to review ({by_tier}); "
             f"? for help.")
    try:
        with signals_interrupt():
            run_session(session, doc, term, context)
    except KeyboardInterrupt:
        click.echo(f"\nmtfix: interrupted: nothing written; {src.display} is unchanged", err=True)
        raise click.exceptions.Exit(130) from None

    text, c = session.result(), session.counts()
    try:
        with signals_interrupt():  # a signal while writing still removes the temporary file
            where = _write(src, text, output, backup=not no_backup,
                           applied=c["accepted"] + c["edited"])
    except KeyboardInterrupt:
        click.echo(f"\nmtfix: interrupted while writing: {output or src.display} holds either the "
                   f"old or the new text, never a mix", err=True)
        raise click.exceptions.Exit(130) from None
    term.say(f"{_tally(c)}; {where}.")
    if settings.log:
        try:
            decisions.record(settings.db or decisions.default_db_path(), src.text, src.display,
                             session.records(), via="review")
        except DecisionsError as e:
            click.echo(f"mtfix: warning: decisions not logged: {e}", err=True)


def _write(src: Source, text: str, output: Path | None, backup: bool, applied: int) -> str:
    """Write the reviewed text; returns where it went, for the closing line
    (which names the backup, so the writer itself says nothing)."""
    path = src.path
    if output:
        write_result(src, text, applied=applied, output=output)
        return f"written to {output}"
    if text != src.text and _changed_on_disk(path, src):
        output = Path(f"{path}.reviewed")
        write_result(src, text, applied=applied, output=output)
        click.echo(f"mtfix: {path} changed while you reviewed it; not overwritten", err=True)
        return f"written to {output} instead"
    if text != src.text:
        saved = write_result(src, text, applied=applied, in_place=True, backup=backup, announce=False)
        return f"{path} rewritten" + (f" (backup: {saved})" if saved else "")
    return f"{path} unchanged"


def _tally(c: dict[str, int]) -> str:
    """``2 applied, 1 edited, 0 rejected, 1 not reviewed``: what the session decided."""
    parts = [f"{c['accepted']} applied", f"{c['edited']} edited", f"{c['rejected']} rejected"]
    for k, label in (("skipped", "skipped"), ("clash", "overlapping"), ("undecided", "not reviewed")):
        if c[k]:
            parts.append(f"{c[k]} {label}")
    return ", ".join(parts)


def _changed_on_disk(path: str, src: Source) -> bool:
    """True when someone else rewrote the file during the session: their edits win."""
    try:
        with open(path, "rb") as fh:
            return fh.read() != src.encode(src.text)
    except OSError:
        return True
