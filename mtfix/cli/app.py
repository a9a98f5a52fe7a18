"""The ``mtfix`` command line.

Exit codes (stable): 0 no findings, 1 findings, 2 usage or input error. Every
user error is one line on stderr, never a traceback. Heavy parts (the language
model, LanguageTool) are imported only when a run needs them.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from mtfix import __version__
from mtfix.cli.common import engine_options, fail, guarded, make_engine, read_inputs, write_result
from mtfix.document import Document
from mtfix.model import Tier

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtfix")
def main() -> None:
    """Find and fix the artefacts of French-to-English machine translation.

    \b
    mtfix check ARTICLE.txt            list findings (exit 1 if any)
    mtfix fix ARTICLE.txt              print the cleaned article (safe fixes)
    mtfix fix --diff ARTICLE.txt       print a patch instead
    mtfix fix --in-place ARTICLE.txt   rewrite the file (keeps ARTICLE.txt.bak)
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--color/--no-color", "color", default=None, help="Colour (default: when a terminal).")
@click.option("--tier", "min_tier", type=click.Choice([t.value for t in Tier]), default="review",
              show_default=True, help="Show findings of this tier and above.")
@engine_options
@guarded
def check(paths, fmt, color, min_tier, encoding, **kw) -> None:
    """List findings. Exit 0: none, 1: some, 2: error. PATH '-' reads stdin."""
    engine = make_engine(**kw)
    engine.options.demote = True  # rules reviewers keep rejecting are not safe (mtfix.decisions)
    sources = read_inputs(paths, encoding)
    colour = sys.stdout.isatty() if color is None else color
    floor = Tier(min_tier).rank
    results, counts = [], Counter()
    try:
        for src in sources:
            doc = Document(src.text, src.display)
            findings = [f for f in engine.check(doc) if f.tier.rank >= floor]
            counts.update(f.tier for f in findings)
            results.append((src.display, doc, findings))
            if fmt == "text":
                for f in findings:
                    click.echo(_text(doc, src.display, f, colour))
    finally:
        engine.close()
    if fmt == "json":
        from mtfix.render import files_json

        click.echo(files_json(results), nl=False)
    else:
        from mtfix.render import summary

        click.echo(summary(counts, len(sources)))
    raise click.exceptions.Exit(1 if sum(counts.values()) else 0)


def _text(doc, path, f, colour) -> str:
    from mtfix.render import finding_text

    return finding_text(doc, path, f, colour)


@main.command()
@click.argument("path")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the cleaned text to this file (atomically).")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite PATH atomically, keeping PATH.bak.")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no backup.")
@click.option("--diff", "as_diff", is_flag=True, help="Print a unified diff (git apply / patch -p1).")
@click.option("--suggested", is_flag=True, help="Also apply suggested fixes, not only safe ones.")
@engine_options
@guarded
def fix(path, output, in_place, no_backup, as_diff, suggested, encoding, **kw) -> None:
    """Print the article with fixes applied (safe ones by default)."""
    if in_place and path == "-":
        raise fail("--in-place needs a file, not stdin")
    if sum(map(bool, (output, in_place, as_diff))) > 1:
        raise fail("choose one of -o, --in-place and --diff")
    engine = make_engine(**kw)
    engine.options.demote = True  # rules reviewers keep rejecting are not safe (mtfix.decisions)
    (src,) = read_inputs((path,), encoding)
    tiers = {Tier.SAFE, Tier.SUGGESTED} if suggested else {Tier.SAFE}
    try:
        res = engine.fix(Document(src.text, src.display), tiers)
    finally:
        engine.close()
    for loser, winner in res.conflicts:
        click.echo(f"mtfix: {src.display}: [{loser.rule}] not applied: overlaps [{winner.rule}]",
                   err=True)
    if as_diff:
        from mtfix.diff import unified_diff

        prefix = "\ufeff" if src.bom else ""
        patch = unified_diff(prefix + src.text, prefix + res.text, src.display)
        sys.stdout.buffer.write(patch.encode(src.encoding, errors="strict"))
    else:
        write_result(src, res.text, applied=len(res.applied), output=output, in_place=in_place,
                     backup=not no_backup)


@main.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@engine_options
@guarded
def eval_cmd(folder, fmt, encoding, **kw) -> None:
    """Score findings against the gold annotations in FOLDER (e.g. corpora/)."""
    from mtfix.evaluate import evaluate, format_report

    engine = make_engine(**kw)
    try:
        report = evaluate(engine, folder)
    finally:
        engine.close()
    click.echo(format_report(report, fmt), nl=False)


# -- commands that live in their own modules ---------------------------------
# Each helper module defines a click command or group; keep these imports cheap
# (no torch, no Java) so `mtfix --help` stays fast.
from mtfix.cli.rules import rules  # noqa: E402

main.add_command(rules)
from mtfix.cli.languagetool import languagetool_group  # noqa: E402

main.add_command(languagetool_group)
from mtfix.cli.review import review_cmd  # noqa: E402

main.add_command(review_cmd)
from mtfix.cli.report import report_cmd  # noqa: E402

main.add_command(report_cmd)
from mtfix.cli.apply import apply_cmd  # noqa: E402

main.add_command(apply_cmd)


if __name__ == "__main__":  # pragma: no cover
    main()
