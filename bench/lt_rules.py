"""Precision of every LanguageTool rule, and the defaults that follow from it (issue #12 §3).

    .venv/bin/python bench/lt_rules.py [--write docs/languagetool-rules.md] [--effect]
                                       [--save RAW.json | --load RAW.json]

LanguageTool runs alone (no mtfix rules), with mtfix's LanguageTool defaults
except ``disabled_rules=()``, so the rules that are off today are measured
too. It reads

* the annotated texts: the **dev** split of the web corpus (``corpora/web/dev``)
  and the older annotated corpora (``corpora/*.txt``). ``corpora/web/test`` is
  held out and never read here;
* the controls: the human reference translation of WMT13
  (``../shared/corpus/wmt13-fr-original/ref.txt``) and native English news
  (``../shared/corpus/native-english/...docs.txt``), where every match is a
  false alarm.

Per rule id: matches on the annotated texts, how many overlap a gold span of
any class (class-blind, as ``bench/compare_lt.py``: LanguageTool files a false
friend as grammar, our gold as a calque), precision, how often the first
replacement is the gold fix, matches on traps, and matches per 1,000 words on
each control. From those figures the default of each rule (``off``,
``review`` or ``suggested``, see :func:`decide`); ``--write`` renders
``docs/languagetool-rules.md``, which ``tests/test_lt_defaults.py`` compares
with ``mtfix/settings.py``.

``--effect`` also runs the real commands (``mtfix check --no-lm --grammar`` on
the controls, ``mtfix eval --no-lm --grammar corpora/web/dev``) with the
defaults of ``mtfix/settings.py`` and with a config that restores the
defaults before this measurement (:data:`BASELINE_OFF`, :data:`BASELINE_TIERS`),
same code otherwise, and puts the figures at the top of the page.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtfix.corpus import iter_corpus, read_text  # noqa: E402
from mtfix.document import Document  # noqa: E402
from mtfix.evaluate import fix_is_right  # noqa: E402
from mtfix.grammar import LanguageToolBackend  # noqa: E402
from mtfix.settings import DEFAULT_LT_TIERS, NOISY_FALSE_FRIENDS, LanguageToolSettings  # noqa: E402

ANNOTATED = (ROOT / "corpora" / "web" / "dev", ROOT / "corpora")
SHARED = ROOT.parent / "shared" / "corpus"
CONTROLS = {"ref": SHARED / "wmt13-fr-original" / "ref.txt",
            "native": SHARED / "native-english" / "wmt13-newstest2013.en-original.docs.txt"}
DEFAULT_PAGE = ROOT / "docs" / "languagetool-rules.md"

#: A rule is "measured" when it fired at least this often on the annotated texts.
MIN_MEASURED = 5
#: Below this precision a measured rule is off by default.
OFF_BELOW = 0.50
#: At or above this precision a measured rule may be "suggested".
SUGGEST_FROM = 0.90
#: A "suggested" rule's first replacement must be the gold fix at least this often
#: (of its matches on a gold span that has a fix).
MIN_FIX_RIGHT = 0.50
#: Rules whose suggestion deletes a repeated word: never applied without review
#: (issue #12: "the the" is right to flag, but "that that" and "had had" are English).
NEVER_SUGGESTED = frozenset({"ENGLISH_WORD_REPEAT_RULE"})
#: Off whatever the data says: checks a weekday against *today's* year, wrong
#: for any dated article.
ALWAYS_OFF = frozenset({"EN_DATE_WEEKDAY_CURRENTYEAR"})

#: On whatever the controls say (review tier), with the reason. "actually" for
#: "actuellement" is the classic false friend of French MT; the corpus here
#: has none, the controls four correct uses.
KEPT_ON = {"FALSE_FRIEND_ACTUALLY": "issue #6's acceptance (a French false friend on "
           "\"he is actually the president\")"}

#: The defaults before this measurement (mtfix/settings.py at 2452554), for
#: ``--effect``: the false friends on everyday words and the weekday rule off,
#: and this tier table.
BASELINE_OFF = ("EN_DATE_WEEKDAY_CURRENTYEAR",) + tuple(f"FALSE_FRIEND_{w}" for w in (
    "ABILITY", "ACHIEVE", "CHANGE", "CHARACTER", "CHARGE", "CHECK", "CLOSE", "COMPREHENSIVE",
    "CONFIDENCE", "CONTEMPLATE", "DEMAND", "HABIT", "INJURE", "ISSUE", "LARGE", "LOCATION",
    "MECHANIC", "PHOTOGRAPH", "PHYSICIAN", "POSITIVE", "PREVENT", "QUEUE", "REFUSE", "REGARD",
    "RELIEVE", "REST", "ROUTE"))
BASELINE_TIERS = {
    "category:FALSE_FRIENDS": "review", "EN_A_VS_AN": "suggested",
    "ENGLISH_WORD_REPEAT_RULE": "suggested", "ENGLISH_WORD_REPEAT_BEGINNING_RULE": "review",
    "DOUBLE_PUNCTUATION": "suggested", "COMMA_PARENTHESIS_WHITESPACE": "suggested",
    "WHITESPACE_RULE": "review", "UPPERCASE_SENTENCE_START": "review",
}


@dataclass
class Row:
    """One LanguageTool rule's figures."""

    rule: str
    category: str = ""
    matches: int = 0          # on the annotated texts
    on_gold: int = 0          # of which overlap a gold span (any class)
    with_fix: int = 0         # on gold, with a replacement and a gold fix
    fix_right: int = 0        # of which the first replacement gives the gold text
    on_traps: int = 0         # matches on a trap (good English)
    control: dict = field(default_factory=lambda: {k: 0 for k in CONTROLS})
    examples: list = field(default_factory=list)

    @property
    def measured(self) -> bool:
        return self.matches >= MIN_MEASURED

    @property
    def precision(self) -> float | None:
        return self.on_gold / self.matches if self.matches else None


def decide(row: Row) -> tuple[str, str]:
    """(default, why): ``off``, ``review`` or ``suggested``.

    * off: a measured rule below 50 %; a rule that fires on the controls more
      often than it finds gold on the annotated texts (counts: the two are of
      about the same size, 18,000 and 20,000 words); the weekday rule; the
      false friends on everyday words (:data:`~mtfix.settings.NOISY_FALSE_FRIENDS`)
      unless they measure 50 % or more and fire on the controls less than
      they find gold; a false friend with too few matches to be measured that
      fires on a control at all (on an everyday word one hit on good English
      outweighs one or two on gold); :data:`KEPT_ON` stays on (review)
      whatever the data;
    * suggested: a measured rule at 90 % or more whose first replacement is
      the gold fix at least half the time (the tier says the fix is usually
      right), except those that delete a repeated word;
    * review: everything else (too few matches to say, or 50-90 %).
    """
    ctrl = sum(row.control.values())
    p = row.precision
    if row.rule in ALWAYS_OFF:
        return "off", "checks the weekday against today's year"
    if row.rule in KEPT_ON:
        return "review", "kept on: " + KEPT_ON[row.rule]
    if row.measured and p < OFF_BELOW:
        return "off", f"measured below {OFF_BELOW:.0%}"
    if ctrl > row.on_gold:
        return "off", "fires on the controls more than it finds gold"
    if row.category == "FALSE_FRIENDS" and not row.measured and ctrl:
        return "off", "false friend with too few matches to measure that fires on good English (a control)"
    if row.rule in NOISY_FALSE_FRIENDS:
        if row.measured:
            return "review", "false friend back on: measured at 50 % or more"  # the data overrules
        return "off", "false friend on an everyday word, off before (too few matches to overrule)"
    if row.measured and p >= SUGGEST_FROM:
        if row.rule in NEVER_SUGGESTED:
            return "review", "deletes a repeated word: never without review"
        if not row.with_fix or row.fix_right / row.with_fix < MIN_FIX_RIGHT:
            return "review", f"measured at {SUGGEST_FROM:.0%} or more, but its replacement is rarely the gold fix"
        return "suggested", f"measured at {SUGGEST_FROM:.0%} or more"
    if row.measured:
        return "review", f"measured {OFF_BELOW:.0%}-{SUGGEST_FROM:.0%}"
    return "review", f"fewer than {MIN_MEASURED} matches: not measured"


# -- measuring ---------------------------------------------------------------------

def annotated_docs():
    docs = []
    for folder in ANNOTATED:
        assert folder.name != "test" and "test" not in folder.relative_to(ROOT).parts
        docs += iter_corpus(folder)
    return docs


def measure(lt: LanguageToolBackend) -> dict:
    """Every match on the annotated texts and the controls, as plain data."""
    out = {"annotated": [], "controls": {}}
    for gold in annotated_docs():
        doc = Document(gold.text, str(gold.path))
        matches = []
        for f in lt.check(doc):
            lo, hi = f.span
            hit = [a for a in gold.annotations if a.overlaps(lo, hi) or a.overlaps(f.start, f.end)]
            trap = any(s < hi and lo < e for s, e, _ in gold.traps)
            with_fix = bool(hit and f.fix is not None and any(a.fix is not None for a in hit))
            matches.append({"rule": f.evidence["lt_rule"], "category": f.evidence["lt_category"],
                            "start": f.start, "end": f.end, "text": gold.text[f.start:f.end],
                            "replacement": f.replacement(gold.text) if f.fix else None,
                            "gold": sorted({a.category for a in hit}), "trap": trap,
                            "with_fix": with_fix, "fix_right": with_fix and fix_is_right(gold, f)})
        out["annotated"].append({"name": str(gold.path.relative_to(ROOT)), "words": doc.words,
                                 "gold": len(gold.annotations), "matches": matches})
        print(f"[lt_rules] {gold.name}: {len(matches)} matches", file=sys.stderr)
    for name, path in CONTROLS.items():
        doc = Document(read_text(path), str(path))
        found = lt.check(doc)
        out["controls"][name] = {"path": str(path), "words": doc.words, "matches": [
            {"rule": f.evidence["lt_rule"], "category": f.evidence["lt_category"],
             "start": f.start, "end": f.end, "text": doc.text[f.start:f.end]} for f in found]}
        print(f"[lt_rules] control {name}: {len(found)} matches", file=sys.stderr)
    return out


def union(raw: dict | None, new: dict) -> tuple[dict, int]:
    """``raw`` with the matches of ``new`` it lacks (same rule, document and span),
    and how many were added."""
    if raw is None:
        return new, sum(len(d["matches"]) for d in new["annotated"]) + sum(
            len(c["matches"]) for c in new["controls"].values())
    added = 0
    pairs = list(zip(raw["annotated"], new["annotated"])) + [
        (raw["controls"][k], new["controls"][k]) for k in raw["controls"]]
    for old, fresh in pairs:
        assert old.get("name", old.get("path")) == fresh.get("name", fresh.get("path"))
        seen = {(m["rule"], m["start"], m["end"]) for m in old["matches"]}
        for m in fresh["matches"]:
            if (m["rule"], m["start"], m["end"]) not in seen:
                old["matches"].append(m)
                added += 1
    return raw, added


def measure_all(max_passes: int = 6) -> dict:
    """Matches of every rule, each with the rules that hide it switched off.

    LanguageTool reports one match where two rules match the same words
    (``COMPERE`` hides ``EN_US_SIMPLE_REPLACE_COMPERE``), so a rule can only
    be measured once the rules in front of it are off. Pass 1 runs every rule;
    each next pass runs with the rules the figures so far switch off; the
    matches of all passes are pooled (a match counts once), until a pass finds
    nothing new.
    """
    from mtfix.grammar import install

    first = LanguageToolBackend(LanguageToolSettings(disabled_rules=()))
    ok, why = first.available()
    if not ok:
        raise SystemExit(f"lt_rules: LanguageTool unavailable: {why}")
    raw, passes = None, []
    try:
        off: tuple[str, ...] = ()
        for i in range(max_passes):
            lt = first if i == 0 else LanguageToolBackend(
                LanguageToolSettings(disabled_rules=off, server_url=first.url))
            raw, added = union(raw, measure(lt))
            passes.append({"disabled": list(off), "new_matches": added})
            print(f"[lt_rules] pass {i + 1} ({len(off)} rules off): {added} new matches", file=sys.stderr)
            if i and not added:
                break
            off = tuple(sorted(r for r, (d, _) in table(raw)[1].items() if d == "off"))
    finally:
        first.close()
    raw["passes"] = passes
    raw["date"] = datetime.date.today().isoformat()
    raw["lt_version"] = install.LT_VERSION
    return raw


def rows_from(raw: dict) -> dict[str, Row]:
    rows: dict[str, Row] = {}

    def row(m):
        r = rows.setdefault(m["rule"], Row(m["rule"]))
        r.category = r.category or m["category"]
        return r

    for d in raw["annotated"]:
        for m in d["matches"]:
            r = row(m)
            r.matches += 1
            r.on_gold += bool(m["gold"])
            r.with_fix += m["with_fix"]
            r.fix_right += m["fix_right"]
            r.on_traps += m["trap"]
            if len(r.examples) < 3 and m["text"].strip():
                r.examples.append(m["text"].strip()[:30])
    for name, c in raw["controls"].items():
        for m in c["matches"]:
            row(m).control[name] += 1
    for rule in (*ALWAYS_OFF, *NOISY_FALSE_FRIENDS):  # off today: listed even with no match
        rows.setdefault(rule, Row(rule, category="FALSE_FRIENDS" if rule.startswith("FALSE_FRIEND") else ""))
    return rows


# -- rendering ---------------------------------------------------------------------

def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}"


def table(raw: dict) -> tuple[list[str], dict[str, tuple[str, str]], dict[str, Row]]:
    rows = rows_from(raw)
    decisions = {r: decide(row) for r, row in rows.items()}
    order = sorted(rows.values(), key=lambda r: (-r.matches, -sum(r.control.values()), r.rule))
    lines = ["| rule | LT category | matches | on gold | P % | fix right | on traps | "
             + " | ".join(f"{k} /1k" for k in CONTROLS) + " | default | why |",
             "|---|---|--:|--:|--:|--:|--:|" + "--:|" * len(CONTROLS) + "---|---|"]
    for r in order:
        d, why = decisions[r.rule]
        ctrl = " | ".join(f"{1000 * r.control[k] / raw['controls'][k]['words']:.2f}" for k in CONTROLS)
        fix = f"{r.fix_right}/{r.with_fix}" if r.with_fix else "–"
        lines.append(f"| `{r.rule}` | {r.category} | {r.matches} | {r.on_gold} | {pct(r.precision)} | "
                     f"{fix} | {r.on_traps} | {ctrl} | {d} | {why} |")
    return lines, decisions, rows


def headline(raw: dict, decisions, rows) -> list[str]:
    measured = [r for r in rows.values() if r.measured]
    off = sorted(r for r, (d, _) in decisions.items() if d == "off")
    sugg = sorted(r for r, (d, _) in decisions.items() if d == "suggested")
    fired = [r for r in rows.values() if r.matches or any(r.control.values())]
    aw = sum(d["words"] for d in raw["annotated"])
    return [
        f"- {len(raw['annotated'])} annotated texts ({aw:,} words: `corpora/web/dev/` and `corpora/*.txt`), "
        + ", ".join(f"control `{k}` {c['words']:,} words" for k, c in raw["controls"].items()) + ".",
        f"- {len(fired)} rules fired; {len(measured)} measured (≥ {MIN_MEASURED} matches on the annotated texts), "
        f"{sum(1 for r in measured if r.precision < OFF_BELOW)} of them below {OFF_BELOW:.0%}, "
        f"{sum(1 for r in measured if r.precision >= SUGGEST_FROM)} at {SUGGEST_FROM:.0%} or more.",
        f"- Default off: {len(off)} rules; suggested: {len(sugg)} ({', '.join(f'`{r}`' for r in sugg) or 'none'}); "
        "every other rule review.",
    ]


def settings_diff(decisions) -> list[str]:
    """What mtfix/settings.py must change to match the measurement (empty: nothing)."""
    want_off = {r for r, (d, _) in decisions.items() if d == "off"}
    want_sugg = {r for r, (d, _) in decisions.items() if d == "suggested"}
    have_off = set(LanguageToolSettings().disabled_rules)
    have_sugg = {r for r, t in DEFAULT_LT_TIERS.items() if t == "suggested" and ":" not in r}
    out = []
    for what, a, b in (("switch off", want_off, have_off), ("switch back on", have_off, want_off),
                       ("make suggested", want_sugg, have_sugg), ("make review", have_sugg, want_sugg)):
        if a - b:
            out.append(f"{what}: {', '.join(sorted(a - b))}")
    return out


def render(raw: dict, effect: str | None, cmd: str) -> str:
    lines, decisions, rows = table(raw)
    passes = raw.get("passes", [])
    out = ["# LanguageTool rules: precision and defaults", "",
           f"Measured {raw.get('date')} with LanguageTool {raw.get('lt_version', '6.8')} (mother tongue French, "
           "`en-US`, spelling off, heading lines skipped: mtfix's defaults) with **every rule on**. Regenerate "
           "(about ten minutes; LanguageTool is started by the script):",
           "", "```sh", cmd, "```", "",
           "Issue #12 §3. `mtfix/settings.py` takes its LanguageTool defaults from this page "
           "(`LT_RULES_OFF`, `DEFAULT_LT_TIERS`); `tests/test_lt_defaults.py` checks that they agree.", ""]
    out += ASKED
    if effect:
        out += ["## Effect of the defaults", "", effect, ""]
    out += ["## Headline", ""] + headline(raw, decisions, rows) + ["",
            "## Method", "",
            "- LanguageTool alone (`mtfix.grammar.LanguageToolBackend` with `disabled_rules=()`: no mtfix rule, "
            "every LanguageTool rule, including those off by default), one request per document. "
            "**Annotated texts:** `corpora/web/dev/` and the older `corpora/*.txt`; `corpora/web/test/` "
            "is held out and never read by the script. **Controls:** `ref` is the human reference translation of "
            "WMT13 (`../shared/corpus/wmt13-fr-original/ref.txt`), `native` native English news "
            "(`../shared/corpus/native-english/wmt13-newstest2013.en-original.docs.txt`); every match there is "
            "taken as a false alarm.",
            "- LanguageTool reports one match where two rules match the same words, so switching a rule off can "
            "reveal another (`COMPERE` hides `EN_US_SIMPLE_REPLACE_COMPERE`). The script therefore runs in passes: "
            "pass 1 with every rule on, each next pass with the rules the figures so far switch off, pooling the "
            "matches (a match counts once) until a pass finds nothing new. This run: "
            + "; ".join(f"pass {i + 1}, {len(p['disabled'])} rules off, {p['new_matches']} new matches"
                        for i, p in enumerate(passes)) + ".",
            "- *on gold*: the match (or its first replacement) overlaps a gold span of **any** class "
            "(class-blind, as `bench/compare_lt.py`: LanguageTool calls a false friend grammar, our gold a calque). "
            "*P* = on gold / matches. *fix right*: of the matches on a gold span that has a fix, how many have a "
            "first replacement that gives the gold text. *on traps*: matches on good English the gold marks as a "
            "trap. */1k*: matches per 1,000 words on each control.",
            f"- **Defaults** (`decide()` in `bench/lt_rules.py`). A rule is *measured* when it fired at least "
            f"{MIN_MEASURED} times on the annotated texts. **off**: measured below {OFF_BELOW:.0%}; or firing on "
            "the controls more often than it lands on gold in the annotated texts (counts; the two are about the "
            "same size); or `EN_DATE_WEEKDAY_CURRENTYEAR` (checks a weekday against today's year); or one of the "
            "27 false friends on everyday words that were already off (`NOISY_FALSE_FRIENDS`) and that the data "
            f"does not overrule (none is measured at {OFF_BELOW:.0%} or more). **suggested**: measured at {SUGGEST_FROM:.0%} or "
            f"more *and* a first replacement that gives the gold text at least {MIN_FIX_RIGHT:.0%} of the time "
            "(the tier promises a fix that is usually right), except `ENGLISH_WORD_REPEAT_RULE`: its suggestion "
            "deletes a repeated word, and `tell you you should` (native control) or `had had` are English, so it "
            "is never applied without review. **review**: everything else, including every rule that fired fewer "
            f"than {MIN_MEASURED} times (not measured) and every rule that never fired here. "
            + " ".join(f"`{r}` stays on (review) whatever the data, for {why}." for r, why in KEPT_ON.items()),
            "- When mtfix runs both, its own finding on the same span wins (`mtfix/grammar/merge.py`), so these "
            "are LanguageTool's figures, not mtfix's. Small counts: a rule with 1-4 matches is listed but not "
            "measured; its *P* is an anecdote.",
            "", "## Per rule", "", "Sorted by matches on the annotated texts, then on the controls.", ""]
    out += lines
    out.append("")
    return "\n".join(out)


#: What each command asks LanguageTool for (mtfix/grammar/selection.py), a
#: consequence of the tiers below; its timing: bench/bench_lt_only.py.
ASKED = [
    "## What each command asks LanguageTool for", "",
    "The tiers decide which rules a command can use (`mtfix/grammar/selection.py`, "
    "`bench/bench_lt_only.py time` for the timing, `bench/bench_lt_only.py same` for the proof on the dev split, "
    "the seed and the controls):", "",
    "- `check` shows every tier, and every rule not off is kept at review: the set that reproduces its findings "
    "is *all rules but the off ones*, which is the request it sends (`disabledRules`). Naming the 2,883 others "
    "(LanguageTool's own list of active rules, `JLanguageTool.getAllActiveRules()`, less the off ones) with "
    "`enabledOnly=true` found the same matches in the same JVM time (2026-12-01, warm server, JVM CPU: seed 0.30 s "
    "both ways, 10,000 words 3.8 s both ways), so `check` asks as before. (`enabledOnly` cannot carry "
    "`disabledRules`, so an off sub-id such as `EN_US_SIMPLE_REPLACE_COMPERE` must then be dropped by mtfix.)",
    "- `fix` applies safe fixes, and LanguageTool alone never makes one (a safe tier is demoted to suggested): "
    "**safe-only `fix` asks LanguageTool nothing and starts no server.**",
    "- `fix --suggested` asks only for the rules this page makes suggested (`COMMA_PARENTHESIS_WHITESPACE`), "
    "with `enabledRules` + `enabledOnly=true`. A review match cannot change fix's output.",
    "- Anything whose reach a rule id cannot tell (a user's `tiers` entry, a suggested `default_tier`, "
    "`enabled_rules`, LanguageTool findings the model decides, `[languagetool] enabled_only = false`) asks for "
    "every rule, as before.", ""]


# -- the real commands (--effect) ----------------------------------------------------

def _mtfix(args: list[str], config: Path, server: str) -> dict:
    """``mtfix ARGS --no-lm --grammar --format json --config CONFIG`` against ``server``
    ($MTFIX_LT_SERVER: one warm server for every run). A run in which grammar
    checking went off (a warning on stderr) is an error, not a figure."""
    cmd = [sys.executable, "-m", "mtfix", *args, "--no-lm", "--grammar", "--format", "json",
           "--config", str(config)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MTFIX_LT_SERVER": server}
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if p.returncode not in (0, 1) or "languagetool" in p.stderr.lower():
        raise SystemExit(f"lt_rules: {' '.join(cmd)} (exit {p.returncode}): {p.stderr.strip()[-500:]}")
    return json.loads(p.stdout)


def _toml_list(xs) -> str:
    return "[" + ", ".join(json.dumps(x) for x in xs) + "]"


def _effect_runs(config: Path, server: str) -> dict:
    r = {}
    for name, path in CONTROLS.items():
        data = _mtfix(["check", str(path)], config, server)
        fs = [f for F in data["files"] for f in F["findings"]]
        r[name] = {"words": Document(read_text(path)).words,
                   "strong": sum(f["tier"] != "review" for f in fs),
                   "review": sum(f["tier"] == "review" for f in fs),
                   "lt": sum(f["source"] == "languagetool" for f in fs),
                   "lt_rules": dict(Counter(f["rule"] for f in fs if f["source"] == "languagetool"))}
    ev = _mtfix(["eval", "corpora/web/dev"], config, server)
    r["dev"] = {"total": ev["total"], "tiers": ev["tiers"]}
    return r


def run_effect() -> tuple[str, dict]:
    """Before/after figures of the real commands, as Markdown (and the raw figures)."""
    new_keys = {k: "review" for k in DEFAULT_LT_TIERS if k not in BASELINE_TIERS}
    base_tiers = {**new_keys, **BASELINE_TIERS}
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before.toml"
        before.write_text("[languagetool]\ndisabled_rules = " + _toml_list(BASELINE_OFF) + "\n\n"
                          "[languagetool.tiers]\n" + "".join(f"{json.dumps(k)} = {json.dumps(v)}\n"
                                                             for k, v in base_tiers.items()), encoding="utf-8")
        after = Path(tmp) / "after.toml"  # empty: the defaults of mtfix/settings.py
        after.write_text("", encoding="utf-8")
        res = {}
        server = LanguageToolBackend(LanguageToolSettings())
        try:
            for label, config in (("before", before), ("after", after)):
                res[label] = _effect_runs(config, server.url)
                print(f"[lt_rules] effect {label}: {json.dumps(res[label])[:300]}", file=sys.stderr)
        finally:
            server.close()
    lines = ["The real commands, same code and one LanguageTool server, with the defaults before this page "
             f"({len(BASELINE_OFF)} rules off and the old tier table, given as a `--config` file) and after "
             "(the defaults of `mtfix/settings.py`):", "",
             "| | before | after |", "|---|--:|--:|"]
    for name in CONTROLS:
        for key, label in (("strong", "safe + suggested"), ("review", "review")):
            cells = [f"{1000 * res[s][name][key] / res[s][name]['words']:.2f} ({res[s][name][key]})"
                     for s in ("before", "after")]
            lines.append(f"| `mtfix check --no-lm --grammar` on `{name}`: {label} per 1,000 words (count) | "
                         + " | ".join(cells) + " |")
    tot = [res[s]["dev"]["total"] for s in ("before", "after")]
    lines.append("| `mtfix eval --no-lm --grammar corpora/web/dev`: precision (correct/predicted) | "
                 + " | ".join(f"{pct(t['precision'])} % ({t['correct']}/{t['predicted']})" for t in tot) + " |")
    lines.append("| … recall (found/gold) | "
                 + " | ".join(f"{pct(t['recall'])} % ({t['found']}/{t['gold']})" for t in tot) + " |")
    for tier in ("safe", "suggested", "review"):
        cells = []
        for s in ("before", "after"):
            t = res[s]["dev"]["tiers"].get(tier, {"correct": 0, "predicted": 0, "precision": None})
            cells.append(f"{pct(t['precision'])} % ({t['correct']}/{t['predicted']})")
        lines.append(f"| … precision of the {tier} findings | " + " | ".join(cells) + " |")
    left = {name: res["after"][name]["lt_rules"] for name in CONTROLS}
    lines += ["", "LanguageTool findings left on the controls after: " + "; ".join(
        f"`{n}`: " + (", ".join(f"{r.removeprefix('lt:')} ×{c}" for r, c in sorted(d.items(), key=lambda x: -x[1]))
                      or "none") for n, d in left.items()) + ".",
              "", "`mtfix eval` scores strictly (a finding's category must be the gold class), and every "
              "LanguageTool finding is `grammar`, never a gold class: a LanguageTool finding counts as correct "
              "there only when it is merged into one of mtfix's own, so its precision rises by the LanguageTool "
              "findings removed. The controls are also where the rules were measured: these figures are in-sample."]
    return "\n".join(lines), res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", nargs="?", const=DEFAULT_PAGE, type=Path, help="write the page (default path: "
                    "docs/languagetool-rules.md)")
    ap.add_argument("--effect", action="store_true", help="also run the real commands before/after")
    ap.add_argument("--save", type=Path, help="save the raw matches as JSON")
    ap.add_argument("--load", type=Path, help="render from saved raw matches (no LanguageTool unless --effect)")
    args = ap.parse_args(argv)
    if args.load:
        raw = json.loads(args.load.read_text(encoding="utf-8"))
    else:
        raw = measure_all()
    if args.effect:
        raw["effect_md"], raw["effect"] = run_effect()
    if args.save:
        args.save.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    eff = raw.get("effect_md")  # --load without --effect: the figures saved with the matches
    lines, decisions, rows = table(raw)
    sys.stdout.write("\n".join(headline(raw, decisions, rows) + [""] + lines) + "\n")
    diff = settings_diff(decisions)
    if diff:
        print("\nmtfix/settings.py differs from the measurement:\n  " + "\n  ".join(diff), file=sys.stderr)
    if args.write:
        cmd = "PYTHONPATH=. .venv/bin/python bench/lt_rules.py --write --effect"
        args.write.write_text(render(raw, eff, cmd), encoding="utf-8")
        print(f"[lt_rules] wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
