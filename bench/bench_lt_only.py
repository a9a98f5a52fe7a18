"""LanguageTool's share of ``check`` and ``fix``, and proof that asking it for fewer rules changes nothing.

    PYTHONPATH=. .venv/bin/python bench/bench_lt_only.py time [--repeat 3]
    PYTHONPATH=. .venv/bin/python bench/bench_lt_only.py same --base OLD_TREE

``time``: one warm server of its own (``MTFIX_LT_STATE=off``: never the
user's), then for the seed and the bench's 10,000 words of news
(:func:`bench.news`) the LanguageTool check as ``check`` asks for it (every
rule the settings leave on) and as ``fix`` and ``fix --suggested`` ask for it
(:func:`mtfix.grammar.rules_for`), the best of ``--repeat`` runs: wall
seconds of the backend's check and CPU seconds of the JVM (``/proc/PID/stat``,
user + system). "before" is every rule for all three commands (what the
engine asked for until mtfix.grammar.selection).

``same``: the real commands with the code of ``OLD_TREE`` (a checkout of the
code before, e.g. ``git worktree add --detach /tmp/base e5e95b0``) and of this
tree, on the dev split of the web corpus (``corpora/web/dev``; never
``corpora/web/test``), the seed, the native English control and the WMT13
reference: ``check --no-lm --grammar --format json`` (every finding, JSON) and
``fix --no-lm --output-dir`` with and without ``--suggested`` (the output
texts), one LanguageTool server for both trees (the one recorded in
``$MTFIX_LT_STATE`` if set, else one started for the run). Prints one line per comparison and exits
1 on any difference.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SHARED = ROOT.parent / "shared" / "corpus"


def jvm_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timing(repeat: int) -> None:
    from bench import SEED, news
    from mtfix.document import Document
    from mtfix.grammar import EVERYTHING, LanguageToolBackend
    from mtfix.model import Tier
    from mtfix.settings import LanguageToolSettings

    os.environ["MTFIX_LT_STATE"] = "off"
    texts = {"seed": SEED.read_text(encoding="utf-8"), "news 10k": news(10_000)}
    with LanguageToolBackend(LanguageToolSettings()) as lt:
        lt.url  # starts the JVM and waits for its first check
        pid = lt._server.proc.pid
        asks = {"check": lt.rules_for(None), "fix": lt.rules_for({Tier.SAFE}),
                "fix --suggested": lt.rules_for({Tier.SAFE, Tier.SUGGESTED})}
        for rules in (EVERYTHING, *asks.values()):  # warm each pipeline (pipelineCaching)
            lt.check_text(texts["news 10k"], rules)
        print(f"| text | command | before: s (JVM CPU s) | after: s (JVM CPU s) | rules asked after |")
        print("|---|---|--:|--:|---|")
        for name, text in texts.items():
            doc = Document(text)
            before = best(lt, pid, doc, EVERYTHING, repeat)
            for command, rules in asks.items():
                after = before if rules.everything else best(lt, pid, doc, rules, repeat)
                what = ("every rule not off" if rules.everything else
                        "none: no request, no server" if rules.empty else ", ".join(sorted(rules.rules)))
                print(f"| {name} | `{command}` | {before[0]:.2f} ({before[1]:.2f}) | "
                      f"{after[0]:.2f} ({after[1]:.2f}) | {what} |", flush=True)


def best(lt, pid: int, doc, rules, repeat: int) -> tuple[float, float]:
    """(wall, JVM CPU) seconds of the fastest of ``repeat`` checks (0, 0: none asked)."""
    if rules.empty:
        return 0.0, 0.0
    runs = []
    for _ in range(repeat):
        c, t = jvm_cpu(pid), time.perf_counter()
        lt.check(doc, rules)
        runs.append((time.perf_counter() - t, jvm_cpu(pid) - c))
    return min(runs)


def texts_for_same() -> list[str]:
    dev = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpora" / "web" / "dev").glob("*.txt"))
    shared = [SHARED / "seed-article.txt", *sorted((SHARED / "native-english").glob("*.txt")),
              SHARED / "wmt13-fr-original" / "ref.txt"]
    return dev + [str(p.resolve()) for p in shared]  # the same names from either tree


def same(base: Path) -> int:
    files = texts_for_same()
    tmp = Path(tempfile.mkdtemp(prefix="mtfix-lt-same-"))
    own = not os.environ.get("MTFIX_LT_STATE")  # else: the background server recorded there
    env = dict(os.environ, MTFIX_DECISIONS_DB=str(tmp / "d.db"))
    env.setdefault("MTFIX_LT_STATE", str(tmp / "server.json"))
    py = [sys.executable, "-m", "mtfix"]
    if own:
        subprocess.run(py + ["languagetool", "serve", "--background"], cwd=ROOT,
                       env=dict(env, PYTHONPATH=str(ROOT)), check=True, capture_output=True)
    bad = 0
    try:
        def run(tree: Path, *args: str) -> str:
            # in the tree: ``python -m`` puts the working folder first on sys.path
            r = subprocess.run(py + list(args), cwd=tree, env=dict(env, PYTHONPATH=str(tree)),
                               capture_output=True, text=True)
            if r.returncode not in (0, 1):
                raise SystemExit(f"{tree}: mtfix {' '.join(args[:3])}: exit {r.returncode}: {r.stderr[-500:]}")
            return r.stdout

        old = json.loads(run(base, "check", "--no-lm", "--grammar", "--format", "json", *files))
        new = json.loads(run(ROOT, "check", "--no-lm", "--grammar", "--format", "json", *files))
        n_lt = sum(f["source"] == "languagetool" for x in new["files"] for f in x["findings"])
        n_all = sum(len(x["findings"]) for x in new["files"])
        ok = old["files"] == new["files"]
        bad += not ok
        print(f"check --no-lm --grammar, {len(files)} texts: {'identical' if ok else 'DIFFERENT'} JSON "
              f"({n_all} findings, {n_lt} from LanguageTool)", flush=True)
        bad += not backend_same(files, env["MTFIX_LT_STATE"])
        for extra in ([], ["--suggested"]):
            outs = {}
            for tree in (base, ROOT):
                out = tmp / f"{tree.name}-{len(extra)}"
                run(tree, "fix", "--no-lm", "--grammar", "--jobs", "1", *extra, "--output-dir", str(out), *files)
                outs[tree] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
            a, b = outs[base], outs[ROOT]
            diffs = sorted(str(k) for k in set(a) | set(b) if a.get(k) != b.get(k))
            bad += bool(diffs) or len(a) != len(files)
            print(f"fix --no-lm --grammar {' '.join(extra)}: {len(a)} outputs, {len(a) - len(diffs)} identical"
                  f"{'; differ: ' + ', '.join(diffs) if diffs else ''}", flush=True)
    finally:
        if own:
            subprocess.run(py + ["languagetool", "stop"], cwd=ROOT, env=dict(env, PYTHONPATH=str(ROOT)),
                           capture_output=True)
    return 1 if bad else 0


def backend_same(files: list[str], state: str) -> bool:
    """LanguageTool alone (no mtfix rule to merge with, so nothing hides a
    match): are the suggested-tier findings of ``fix --suggested``'s rules those
    of every rule? Asking for fewer rules could reveal a match another rule
    hid, or lose one."""
    from mtfix.document import Document
    from mtfix.grammar import EVERYTHING, LanguageToolBackend
    from mtfix.grammar.persist import running
    from mtfix.model import Tier
    from mtfix.settings import LanguageToolSettings

    os.environ["MTFIX_LT_STATE"] = state
    url = running(LanguageToolSettings())
    wanted = {Tier.SAFE, Tier.SUGGESTED}
    with LanguageToolBackend(LanguageToolSettings(server_url=url)) as lt:
        rules = lt.rules_for(wanted)
        every = only = 0
        differ = []
        for f in files:
            doc = Document((ROOT / f).read_text(encoding="utf-8"))  # ROOT / an absolute path: that path
            a = [x for x in lt.check(doc, EVERYTHING) if x.tier in wanted]
            b = [x for x in lt.check(doc, rules) if x.tier in wanted]
            every, only = every + len(a), only + len(b)
            if a != b:
                differ.append(f)
    print(f"LanguageTool alone, {len(files)} texts: {every} safe/suggested findings from every rule, {only} from "
          f"{', '.join(sorted(rules.rules))} alone: {'identical' if not differ else 'differ: ' + ', '.join(differ)}",
          flush=True)
    return not differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    t = sub.add_parser("time")
    t.add_argument("--repeat", type=int, default=3)
    s = sub.add_parser("same")
    s.add_argument("--base", type=Path, required=True, help="a checkout of the code before")
    args = ap.parse_args()
    if args.what == "time":
        timing(args.repeat)
        return 0
    return same(args.base.resolve())


if __name__ == "__main__":
    raise SystemExit(main())
