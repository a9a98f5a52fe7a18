"""The ``mtfix`` command line.

Exit codes (stable): 0 no findings, 1 findings, 2 usage or input error. Every
user error is one line on stderr, never a traceback. Heavy parts (the language
model, LanguageTool) are imported only when a run needs them.
"""
from __future__ import annotations

import sys

import click

from mtfix import __version__

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtfix")
def main() -> None:
    """Find and fix the artefacts of French-to-English machine translation.

    \b
    mtfix check ARTICLE.txt            list findings (exit 1 if any)
    mtfix fix ARTICLE.txt              print the cleaned article (safe fixes)
    mtfix fix --diff ARTICLE.txt       print a patch instead
    mtfix fix --in-place ARTICLE.txt   rewrite the file (keeps ARTICLE.txt.bak)
    mtfix fix -d CLEAN/ ARTICLES/      clean a folder into another, mirroring it
    mtfix check --format sarif DIR/    findings for CI (github, sarif, junit, jsonl)
    """
    # A terminal or PYTHONIOENCODING that cannot show a character (latin-1 and
    # a curly quote) gets an escape, not a traceback. The bytes of `fix` go
    # to stdout's buffer and are never re-encoded.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


# -- the commands, one module each ---------------------------------------------
# Keep these imports cheap (no torch, no Java) so `mtfix --help` stays fast.
from mtfix.cli.check import check  # noqa: E402
from mtfix.cli.eval import eval_cmd  # noqa: E402
from mtfix.cli.fix import fix  # noqa: E402

main.add_command(check)
main.add_command(fix)
main.add_command(eval_cmd)
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
from mtfix.cli.batch_cmd import batch_cmd  # noqa: E402

main.add_command(batch_cmd)


if __name__ == "__main__":  # pragma: no cover
    main()
