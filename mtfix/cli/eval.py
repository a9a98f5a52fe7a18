"""``mtfix eval``: precision, recall and F0.5 against the gold corpora.

The scoring is :mod:`mtfix.evaluate`; this module only prints it. A folder
with split sub-folders (``corpora/web/test``, ``dev``) is reported split by
split, the held-out ``test`` first.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from mtfix.cli.common import engine_options, guarded, make_engine
from mtfix.evaluate import Report, Score, evaluate_splits
from mtfix.model import CATEGORIES, Tier


@click.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@engine_options
@guarded
def eval_cmd(folder, fmt, encoding, **kw) -> None:
    """Score findings against the gold annotations in FOLDER (e.g. corpora/, corpora/web/)."""
    engine = make_engine(**kw)
    try:
        reports = evaluate_splits(engine, folder)
    finally:
        engine.close()
    if fmt == "json":
        data = {k: report_json(r) for k, r in reports.items()}
        click.echo(json.dumps(data[""] if list(data) == [""] else {"splits": data}, indent=2))
        return
    for name, report in reports.items():
        if name:
            click.echo(f"== {folder}/{name}" + (" (held out: never tuned on)" if name == "test" else ""))
        click.echo(report_text(report))


def _score_json(s: Score) -> dict[str, Any]:
    return {"predicted": s.predicted, "correct": s.correct, "gold": s.gold, "found": s.found,
            "precision": s.precision, "recall": s.recall, "f0.5": s.f05,
            "fixes": s.fixes, "fixes_right": s.fixes_right, "moot": s.moot}


def report_json(report: Report) -> dict[str, Any]:
    return {"classes": {k: _score_json(v) for k, v in sorted(report.by_class.items())},
            "tiers": {k: _score_json(v) for k, v in report.by_tier.items()},
            "total": _score_json(report.total), "documents": report.by_doc,
            "words": report.words, "traps": report.traps,
            "trap_hits": [dict(zip(("document", "rule", "tier", "text"), t)) for t in report.trap_hits]}


def _pct(x: float | None) -> str:
    return "   –" if x is None else f"{100 * x:4.0f}"


def report_text(report: Report) -> str:
    lines = [f"{'class':<14} {'pred':>5} {'ok':>5} {'gold':>5} {'found':>5} {'P%':>5} {'R%':>5} "
             f"{'F0.5%':>6} {'fix ok':>7} {'moot':>5}"]
    order = [c for c in CATEGORIES if c in report.by_class]
    order += sorted(c for c in report.by_class if c not in CATEGORIES)
    for name in order + ["TOTAL"]:
        s = report.total if name == "TOTAL" else report.by_class[name]
        fixes = f"{s.fixes_right}/{s.fixes}" if s.fixes else "–"
        lines.append(f"{name:<14} {s.predicted:>5} {s.correct:>5} {s.gold:>5} {s.found:>5} "
                     f"{_pct(s.precision):>5} {_pct(s.recall):>5} {_pct(s.f05):>6} {fixes:>7} {s.moot:>5}")
    lines.append("")
    lines.append(f"{'tier':<14} {'pred':>5} {'ok':>5} {'P%':>5} {'fix ok':>7}")
    for t in Tier:
        s = report.by_tier.get(t.value, Score())
        fixes = f"{s.fixes_right}/{s.fixes}" if s.fixes else "–"
        lines.append(f"{t.value:<14} {s.predicted:>5} {s.correct:>5} {_pct(s.precision):>5} {fixes:>7}")
    lines.append("")
    lines.append(f"{'document':<40} {'words':>6} {'gold':>5} {'found':>5} {'pred':>5} {'ok':>5}  tiers")
    for name, d in report.by_doc.items():
        tiers = " ".join(f"{k}={v}" for k, v in sorted(d["tiers"].items()))
        lines.append(f"{name[:40]:<40} {d['words']:>6} {d['gold']:>5} {d['found']:>5} {d['predicted']:>5} "
                     f"{d['correct']:>5}  {tiers}")
    lines.append(f"\n{report.words} words in {len(report.by_doc)} documents")
    if report.traps:
        lines.append(f"traps touched: {len(report.trap_hits)} of {report.traps}")
        lines += [f"  {doc}: [{rule}] ({tier}) {text!r}" for doc, rule, tier, text in report.trap_hits]
    return "\n".join(lines) + "\n"
