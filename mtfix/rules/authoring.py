"""What ``mtfix rules`` does for people writing rules (docs/rules.md), without the
command line: the rule table, a rule's source, running the examples, the
template of a new rule. :mod:`mtfix.cli.rules` prints the results.

Every problem is an :class:`~mtfix.errors.MtfixError` (a rule file's is
``file:line: message``), which the command line turns into one line and exit 2.
"""
from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from mtfix.errors import MtfixError, OutputError, RuleFileError
from mtfix.rules.base import Rule
from mtfix.rules.examples import ExampleFailure, run_examples
from mtfix.rules.loader import load_pack, rule_files

__all__ = ["describe", "table", "find", "show", "source", "authoring_rules", "ExampleRun",
           "run_all_examples", "check_summary", "TEMPLATE", "check_rule_id", "new_rule", "write_new_rule"]


# -- list / show ---------------------------------------------------------------

def describe(r: Rule) -> dict:
    """One rule as ``rules list --format json`` shows it."""
    return {"id": r.id, "category": r.category, "tier": r.tier.value, "pack": r.pack,
            "enabled": r.enabled, "type": r.type, "lm": r.lm, "file": r.path, "line": r.line,
            "message": r.message, "examples": len(r.examples),
            "counterexamples": len(r.counterexamples)}


def table(rules: Sequence[Rule], verbose: bool = False) -> list[str]:
    """The lines of ``rules list``: a header, a row per rule, a count."""
    head = ("id", "category", "tier", "pack", "enabled") + (("type", "lm", "where") if verbose else ())
    rows = [(r.id, r.category, r.tier.value, r.pack, "yes" if r.enabled else "no")
            + ((r.type, "yes" if r.lm else "", r.where) if verbose else ()) for r in rules]
    widths = [max(len(x[i]) for x in rows + [head]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [head] + rows]
    on = sum(r.enabled for r in rules)
    return lines + [f"{len(rules)} rules, {on} enabled"]


def find(rules: Sequence[Rule], rule_id: str) -> Rule:
    """The rule ``rule_id``, or an error suggesting close ids."""
    for r in rules:
        if r.id == rule_id:
            return r
    close = difflib.get_close_matches(rule_id, [r.id for r in rules], n=3)
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise MtfixError(f"unknown rule {rule_id!r}{hint}; `mtfix rules list` shows them all")


def show(rule: Rule, all_rules: Sequence[Rule]) -> str:
    """``rules show``: a summary line, where the rule is, and its source."""
    return (f"{rule.id}  [{rule.category}, {rule.tier.value}, "
            f"{'enabled' if rule.enabled else 'disabled'}{', lm' if rule.lm else ''}]\n"
            f"pack {rule.pack or '-'}: {rule.where}\n"
            f"\n"
            f"{source(rule, all_rules)}")


def source(rule: Rule, all_rules: Sequence[Rule]) -> str:
    """The rule's own lines from its file (comments above the next rule excluded)."""
    try:
        lines = Path(rule.path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        return f"(cannot read {rule.path}: {e.strerror or e})"
    start = max(rule.line - 1, 0)
    later = [r.line for r in all_rules if r.path == rule.path and r.line > rule.line]
    end = min(later) - 1 if later else len(lines)
    body = lines[start:end]
    for i, ln in enumerate(body[1:], 1):  # a top-level key ends the rules list
        if ln[:1] not in ("", " ", "\t", "#", "-"):
            body = body[:i]
            break
    while body and (not body[-1].strip() or body[-1].lstrip().startswith("#")):
        body.pop()
    if body and body[0].lstrip().startswith("- "):
        first = body[0]
        indent = len(first) - len(first.lstrip())
        body[0] = " " * indent + "  " + first.lstrip()[2:]
    return textwrap.dedent("\n".join(body))


# -- test / check --------------------------------------------------------------

def authoring_rules(paths: Sequence[str | Path], base: Sequence[str | Path]) -> list[Rule]:
    """The rules of ``paths``, loaded after the ``base`` packs.

    ``base`` (the built-in packs and the config's rule folders) is loaded first
    so that an id clash is caught here, as ``check --rules`` would; only the
    rules from ``paths`` are returned. Without paths: the rules of ``base``,
    every pattern compiled and checked now (built-in ones are otherwise
    compiled on first use, :mod:`mtfix.rules.lazy`).
    """
    if not paths:  # the built-in rules compiled now: a test checks everything a user's file gets
        return load_pack(base, eager=True).rules
    mine = [Path(p).resolve() for p in paths]
    pack = load_pack([b for b in base if Path(b).resolve() not in mine])
    n = len(pack.rules)
    for p in paths:
        if not rule_files(Path(p)):
            raise RuleFileError(p, None, "no .yaml or .yml rule files here")
    load_pack(paths, pack)
    return pack.rules[n:]


@dataclass
class ExampleRun:
    """What ``rules test`` found: the failed cases out of ``cases``."""

    rules: list[Rule]
    cases: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)
    #: rules without examples
    bare: list[Rule] = field(default_factory=list)

    def warnings(self) -> list[str]:
        return [f"{r.where}: rule {r.id!r}: warning: no examples" for r in self.bare]

    def summary(self) -> str:
        files = len({r.path for r in self.rules})
        return (f"{len(self.rules)} rules in {files} files, {self.cases} cases: "
                f"{self.cases - len(self.failures)} passed, {len(self.failures)} failed")


def run_all_examples(rules: Iterable[Rule]) -> ExampleRun:
    """Run every rule's examples and counterexamples."""
    run = ExampleRun(list(rules))
    for rule in run.rules:
        run.cases += len(rule.examples) + len(rule.counterexamples)
        if not rule.examples:
            run.bare.append(rule)
        run.failures += run_examples(rule)
    return run


def check_summary(rules: Sequence[Rule]) -> str:
    """``rules check``: the rules loaded, which validated them."""
    return f"{len(rules)} rules in {len({r.path for r in rules})} files OK"


# -- new -----------------------------------------------------------------------

TEMPLATE = """\
# A rule pack for mtfix: every .yaml file in this folder is read.
# Use it with:   mtfix check --rules {folder} ARTICLE.txt
# Test it with:  mtfix rules test {folder}
# The format, with a tutorial: docs/rules.md
rules:
  - id: {id}
    # What the reader is told. {{match}} is the matched text, {{replacement}}
    # the proposed text, {{1}} or {{name}} a group of the pattern.
    message: "'{{match}}' is a French calque; write '{{replacement}}'"
    # One of: residue typography quotes pronouns titles dates sentences
    # calques acronyms encoding consistency grammar custom
    category: calques
    # safe: applied by `mtfix fix`; suggested: applied with --suggested;
    # review: only flagged.
    tier: suggested
    # A regular expression (Python `regex` module). \\b is a word edge,
    # (?i) ignores case, (...) is group 1, (?P<name>...) a named group.
    pattern: '(?i)\\bin the measure where\\b'
    # The new text; may use \\1 or \\g<name>. null only flags the match.
    replacement: "insofar as"
    # Give the replacement the case of the match ("In the..." -> "Insofar...").
    preserve_case: true
    # Optional conditions: sentence_start, in_quotes, in_heading,
    # after_capital, before_capital (true or false); preceded_by,
    # followed_by, not_preceded_by, not_followed_by (regular expressions).
    in_quotes: false
    # Ask the language model to confirm each fix (slower; see docs/rules.md).
    lm: false
    # Each example must be flagged; with `fixed`, fixing must give exactly that.
    examples:
      - text: "The plan will work in the measure where the allies agree."
        fixed: "The plan will work insofar as the allies agree."
      - text: "In the measure where it is possible, talks will resume."
        fixed: "Insofar as it is possible, talks will resume."
    # Texts the rule must leave alone.
    counterexamples:
      - "He took the measure of the crisis."
      - 'She said: "in the measure where we can".'
"""


def check_rule_id(rule_id: str) -> None:
    """Refuse an id a rule file would refuse."""
    if not re.fullmatch(r"[A-Za-z0-9][\w.:-]*", rule_id):
        raise MtfixError(f"bad rule id {rule_id!r}: use letters, digits, '_', '-', '.', ':'")


def new_rule(rule_id: str, pack_dir: Path | None, sources: Sequence[str | Path]) -> str:
    """The template for a rule ``rule_id`` of the pack ``pack_dir`` (None: not written).

    Refuses an id that is not valid or that a rule of ``sources`` (or of
    ``pack_dir``, when it exists) already has.
    """
    check_rule_id(rule_id)
    sources = list(sources)
    if pack_dir is not None and pack_dir.is_dir():
        sources.append(pack_dir)
    existing = load_pack([s for s in dict.fromkeys(sources) if Path(s).exists()]).get(rule_id)
    if existing is not None:
        raise MtfixError(f"rule id {rule_id!r} already exists at {existing.where}")
    folder = str(pack_dir) if pack_dir is not None else "MY-RULES/"
    return TEMPLATE.format(id=rule_id, folder=folder)


def write_new_rule(pack_dir: Path, rule_id: str, text: str) -> Path:
    """Write ``PACK/RULE_ID.yaml`` (creating the folder), never over a file."""
    target = pack_dir / f"{rule_id}.yaml"
    if target.exists():
        raise MtfixError(f"{target} already exists")
    try:
        pack_dir.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise OutputError(f"cannot write {target}: {e.strerror or e}") from None
    return target
