"""``mtfix apply``: apply the decisions exported from an HTML report.

The decisions file (written by the report's "Export decisions" button) names
the document by the SHA-256 of its text and carries, for each change, the
edits as offsets into that text. Applying it is therefore exact and needs no
rules, model or server: the accepted and edited changes are applied in one
pass, everything else in the file is copied byte for byte. A file that has
changed since the report was made is refused rather than patched blindly.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from mtfix.cli.common import fail, guarded, read_inputs
from mtfix.model import Edit, Finding, Fix, Tier
from mtfix.textio import InputError

APPLY = ("accepted", "edited")
KNOWN = ("accepted", "edited", "rejected", "skipped")


def load_decisions(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: not JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(data, dict) or data.get("format") != "mtfix-decisions":
        raise InputError(f"{path}: not an mtfix decisions file (export it from `mtfix report`)")
    if data.get("version") != 1:
        raise InputError(f"{path}: decisions format version {data.get('version')!r} is not supported")
    if not isinstance(data.get("decisions"), list):
        raise InputError(f"{path}: 'decisions' must be a list")
    return data


def _edits(d: dict, n: int, where: Path, size: int) -> tuple[Edit, ...]:
    try:
        edits = tuple(Edit(int(s), int(e), str(r)) for s, e, r in d["edits"])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{where}: decision {n}: 'edits' must be a list of [start, end, text]") from None
    if any(e.end > size for e in edits):
        raise InputError(f"{where}: decision {n}: an edit lies beyond the end of the text")
    return edits


def plan(text: str, data: dict[str, Any], where: Path) -> tuple[list[tuple[dict, Finding]], list]:
    """The decisions as findings with one fix each, and the log records."""
    from mtfix.decisions import Record

    out, records = [], []
    for n, d in enumerate(data["decisions"], 1):
        if not isinstance(d, dict) or d.get("decision") not in KNOWN:
            raise InputError(f"{where}: decision {n}: 'decision' must be one of {', '.join(KNOWN)}")
        start, end = d.get("start"), d.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise InputError(f"{where}: decision {n}: bad span {start!r}..{end!r}")
        rule = str(d.get("rule") or "?")
        final = None
        if d["decision"] in APPLY:
            edits = _edits(d, n, where, len(text))
            if not edits:
                raise InputError(f"{where}: decision {n}: an accepted change needs edits")
            try:
                fix = Fix(edits)
            except ValueError as e:
                raise InputError(f"{where}: decision {n}: {e}") from None
            f = Finding(rule=rule, category=str(d.get("category") or "custom"), message="",
                        start=start, end=end, tier=Tier.SAFE, fixes=(fix,), order=n)
            out.append((d, f))
            final = f.replacement(text)
        records.append(Record(rule=rule, decision=d["decision"], span_text=text[start:end],
                              replacement=d.get("replacement"), final_text=final,
                              category=str(d.get("category") or ""), tier=str(d.get("tier") or ""),
                              start=start, end=end))
    return out, records


@click.command("apply")
@click.argument("path")
@click.option("--decisions", "decisions_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The JSON file exported from `mtfix report`.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the result to this file (atomically).")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite PATH atomically, keeping PATH.bak.")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no backup.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Decisions log (default: as `mtfix review`).")
@click.option("--no-log", is_flag=True, help="Do not record these decisions in the log.")
@click.option("--encoding", default=None, help="Input encoding (default: UTF-8, else cp1252).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file (default: mtfix.toml or pyproject.toml found upward).")
@guarded
def apply_cmd(path, decisions_path, output, in_place, no_backup, db, no_log, encoding,
              config_path) -> None:
    """Apply the decisions exported from `mtfix report` to PATH (stdout by default)."""
    from mtfix import decisions
    from mtfix.config import find_config, load_config
    from mtfix.document import Document
    from mtfix.resolve import resolve
    from mtfix.textio import write_atomic

    if in_place and path == "-":
        raise fail("--in-place needs a file, not stdin")
    if output and in_place:
        raise fail("choose one of -o and --in-place")
    data = load_decisions(decisions_path)
    (src,) = read_inputs((path,), encoding)
    if data.get("sha256") != decisions.doc_hash(src.text):
        raise fail(f"{src.display} is not the text the report was made from (it changed, or it is "
                   f"another file); make a new report")
    chosen, records = plan(src.text, data, decisions_path)
    doc = Document(src.text, src.display)
    res = resolve(doc, [f for _, f in chosen], accept=lambda f: True)
    if res.conflicts:
        loser, winner = res.conflicts[0]
        raise fail(f"{decisions_path}: changes at {loser.start}..{loser.end} [{loser.rule}] and "
                   f"{winner.start}..{winner.end} [{winner.rule}] overlap; untick one in the report")
    text = res.text
    if in_place:
        if text != src.text:
            backup = write_atomic(path, src.encode(text), None if no_backup else ".bak")
            note = f" (backup: {backup})" if backup else ""
            n = len(res.applied)
            click.echo(f"mtfix: {path}: {n} change{'s' * (n != 1)} applied{note}", err=True)
        else:
            click.echo(f"mtfix: {path}: nothing to apply", err=True)
    elif output:
        write_atomic(output, src.encode(text), None)
        n = len(res.applied)
        click.echo(f"mtfix: {output}: {n} change{'s' * (n != 1)} applied", err=True)
    else:
        sys.stdout.buffer.write(src.encode(text))
        sys.stdout.buffer.flush()
    try:
        config = load_config(config_path) if config_path else find_config()
        if not no_log and decisions.settings_from_config(config).log:
            decisions.record(decisions.db_path(db, config), src.text, src.display, records,
                             via="report")
    except decisions.DecisionsError as e:
        click.echo(f"mtfix: warning: decisions not logged: {e}", err=True)
