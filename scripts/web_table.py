"""Regenerate the README's table of web-corpus figures (issue #12): test split first.

    .venv/bin/python scripts/web_table.py            # rewrite the table in README.md
    .venv/bin/python scripts/web_table.py --check    # exit 1 if README.md is stale
    .venv/bin/python scripts/web_table.py --print    # print it only

Rules only (``--no-lm --no-grammar``: the acceptance of issue #12 is about the
rule half), per class of the gold: on the held-out **test** split precision,
recall, F0.5 and how many of the correct findings with a fix give the gold
text; the dev split's precision and recall beside it (secondary: the rules
were tuned there). Then the controls, findings per 1,000 words by tier.

The table sits between two HTML comments in README.md, so the command can
rewrite it in place and ``tests/test_web_table.py`` can say when it is stale.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mtfix  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.evaluate import Report, Score, evaluate_splits  # noqa: E402
from mtfix.model import CATEGORIES, Tier  # noqa: E402

START = "<!-- web-table:start (scripts/web_table.py writes this) -->"
END = "<!-- web-table:end -->"
SHARED = ROOT.parent / "shared" / "corpus"
CONTROLS = {
    "human translation (`wmt13-fr-original/ref.txt`)": SHARED / "wmt13-fr-original" / "ref.txt",
    "native English (`native-english/`)": SHARED / "native-english" / "wmt13-newstest2013.en-original.docs.txt",
}
#: The classes issue #12 sets floors for (recall ≥ 85 %, precision ≥ 97 % on test).
FLOORED = ("residue", "typography", "capitalisation", "encoding", "dates", "titles", "acronyms")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}"


def _classes(reports: dict[str, Report]) -> list[str]:
    seen = {c for r in reports.values() for c, s in r.by_class.items() if s.gold or s.predicted}
    return [c for c in CATEGORIES if c in seen]


def table(engine) -> str:
    reports = evaluate_splits(engine, ROOT / "corpora" / "web")
    test, dev = reports["test"], reports["dev"]
    lines = [
        f"Rules only, `mtfix eval --no-lm --no-grammar corpora/web`: **test** split "
        f"({len(test.by_doc)} articles, {test.words:,} words, never tuned on), dev split "
        f"({len(dev.by_doc)} articles, {dev.words:,} words) beside it. "
        "P precision, R recall, F0.5 weighs precision twice; *fix ok*: correct findings whose fix "
        "gives the gold text, of those with a gold fix; *moot*: findings wholly inside gold text that is deleted "
        "(a residue line) or left to a person (garbled, flag only), not scored either way. Classes marked † "
        "have the issue's floor (R ≥ 85 %, P ≥ 97 % on test).",
        "",
        "| class | test gold | test found | test pred | **test P%** | **test R%** | test F0.5 | test fix ok "
        "| test moot | dev P% | dev R% |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = _classes(reports) + ["TOTAL"]
    for c in rows:
        t = test.total if c == "TOTAL" else test.by_class.get(c)
        d = dev.total if c == "TOTAL" else dev.by_class.get(c)
        t, d = t or Score(), d or Score()
        name = "**all classes**" if c == "TOTAL" else f"{c}{' †' if c in FLOORED else ''}"
        fix = f"{t.fixes_right}/{t.fixes}" if t.fixes else "–"
        lines.append(f"| {name} | {t.gold} | {t.found} | {t.predicted} | {_pct(t.precision)} | "
                     f"{_pct(t.recall)} | {_pct(t.f05)} | {fix} | {t.moot} | {_pct(d.precision)} | {_pct(d.recall)} |")
    lines.append("")
    lines.append(f"Traps (good English the gold says must survive) touched: test {len(test.trap_hits)} "
                 f"of {test.traps}, dev {len(dev.trap_hits)} of {dev.traps}.")
    lines.append("")
    lines.append("| control (rules only) | words | safe + suggested | per 1,000 words | review | per 1,000 words |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for name, path in CONTROLS.items():
        doc = Document(path.read_text(encoding="utf-8"), str(path))
        found = engine.check(doc)
        applied = sum(f.tier in (Tier.SAFE, Tier.SUGGESTED) for f in found)
        review = len(found) - applied
        lines.append(f"| {name} | {doc.words:,} | {applied} | {1000 * applied / doc.words:.2f} | "
                     f"{review} | {1000 * review / doc.words:.2f} |")
    return "\n".join(lines)


def render() -> str:
    with mtfix.load(lm=False, grammar=False) as engine:
        return table(engine)


def replace_in(readme: str, body: str) -> str:
    if START not in readme or END not in readme:
        raise SystemExit(f"README.md has no {START!r} ... {END!r} block")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{body}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when README.md's table is stale")
    ap.add_argument("--print", action="store_true", help="print the table, write nothing")
    args = ap.parse_args(argv)
    body = render()
    if args.print:
        print(body)
        return 0
    path = ROOT / "README.md"
    old = path.read_text(encoding="utf-8")
    new = replace_in(old, body)
    if args.check:
        if new != old:
            print("README.md's web table is stale: run .venv/bin/python scripts/web_table.py", file=sys.stderr)
            return 1
        return 0
    if new != old:
        path.write_text(new, encoding="utf-8")
        print("README.md: web table rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
