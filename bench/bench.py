"""Where mtfix stands: one run, the same texts, every configuration (issue #14 §6).

    PYTHONPATH=. .venv/bin/python bench/bench.py            # the full run (heavy: tens of minutes)
    PYTHONPATH=. .venv/bin/python bench/bench.py --quick    # seed and 10,000 words, 20 files

Prints the machine (cores, load average, CPU model) and a Markdown table:
for each configuration and text, seconds, sentences per second, seconds per
1,000 words and peak memory (RSS summed over the process tree, LanguageTool's
JVM included when the run starts one, polled from /proc every 20 ms), then
where the time of the seed with the defaults goes (import, model load,
LanguageTool start and check, the model's scan).

The texts, built the same way every run:
* the seed article (``../shared/corpus/seed-article.txt``, 850 words);
* 10,000 and 60,000 words of news: the paragraphs of the native English
  control, then the WMT13 reference translation, then ``corpora/`` and the
  other WMT13 translations, in that order, cut at a paragraph end (no
  paragraph twice, so that no cache of sentences already scored flatters it);
* a folder of copies of the real web articles (``corpora/web``, in turn), for
  the batch lines.

Rows: rules only (a fresh ``mtfix check --no-lm --no-grammar``); the model
cold (a fresh ``mtfix check --lm --no-grammar``) and warm (an engine loaded
and run once on another text, then timed); LanguageTool alone (a warm server:
:class:`~mtfix.grammar.LanguageToolBackend` timed after a warm-up on another
text; memory is the JVM's); ``mtfix fix`` with the defaults on the seed fresh
(starting its own JVM, and again with a background server from
``mtfix languagetool serve --background``) and warm (engine and server
loaded); ``fix --no-grammar`` fresh; ``fix --output-dir`` over the folder
with ``--jobs 1`` and ``--jobs 2``.

A benchmark, not a test: every figure depends on what else the machine is
doing, which is why the load average is printed before and after, and CPU
seconds (user + system of the process tree, as reaped; the JVM's own for the
warm-server lines) beside the wall seconds: on a shared machine they are the
steadier figure. The rules' wall-clock time limits are raised for the bench's
runs (``--strict`` keeps them): see :data:`LOOSE`.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared")) / "corpus"
SEED = SHARED / "seed-article.txt"
PY = sys.executable
GROUPS = ("rules", "model", "lt", "fix", "batch", "workers", "stages")


# -- texts ---------------------------------------------------------------------
def _sources() -> list[Path]:
    corpora = sorted(p for p in (ROOT / "corpora").rglob("*.txt") if not p.name.endswith(".fixed.txt"))
    wmt = SHARED / "wmt13-fr-original"
    others = sorted(p for p in wmt.glob("*.txt") if p.name != "ref.txt")
    return [*sorted((SHARED / "native-english").glob("*.txt")), wmt / "ref.txt", *corpora, *others]


def news(words: int) -> str:
    """About ``words`` words of news, cut at a paragraph end, no paragraph twice."""
    out, n, seen = [], 0, set()
    for path in _sources():
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            para = "\n".join(ln for ln in para.strip("\n").split("\n") if not ln.startswith("# docid="))
            if not para.strip() or para in seen:
                continue
            seen.add(para)
            out.append(para)
            n += len(para.split())
            if n >= words:
                return "\n\n".join(out) + "\n"
    raise SystemExit(f"bench: only {n} distinct words of news to build {words} from")


def articles() -> list[Path]:
    return sorted((ROOT / "corpora" / "web").rglob("*.txt"))


def folder_stats(folder: Path) -> tuple[int, int]:
    """Words and sentences of every article in ``folder``."""
    words = sents = 0
    for p in folder.rglob("*.txt"):
        w, n = stats(p.read_text(encoding="utf-8"))
        words, sents = words + w, sents + n
    return words, sents


def write_folder(folder: Path, count: int) -> None:
    arts = articles()
    for i in range(count):
        src = arts[i % len(arts)]
        target = folder / f"{i // 100:02d}" / f"{i:04d}-{src.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)


def stats(text: str) -> tuple[int, int]:
    """(words, sentences as mtfix's Document splits them)."""
    sys.path.insert(0, str(ROOT))
    from mtfix.document import Document

    return len(text.split()), len(Document(text).sentences)


# -- measuring -------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mib(pid: int) -> float:
    """RSS of ``pid`` and all its descendants now, in MiB."""
    kids, todo, total = _children(), [pid], 0
    while todo:
        p = todo.pop()
        total += _rss_kib(p)
        todo.extend(kids.get(p, []))
    return total / 1024


def jvm_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def run(cmd: list[str], env: dict | None = None, stdin: str | None = None) -> dict:
    """Run ``cmd``; its wall seconds, CPU seconds (its tree's, as reaped), peak
    tree RSS (MiB), exit code and output."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_mib(proc.pid))
            done.wait(0.02)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    out, err = proc.communicate(stdin)
    seconds = time.perf_counter() - t0
    done.set()
    poller.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu": cpu, "peak": peak[0], "rc": proc.returncode, "out": out, "err": err}


#: The rules' time limits (mtfix.rules.limits) are wall-clock seconds, there to
#: stop a runaway pattern; on a machine as busy as a shared 2-core one (load
#: average 15) a linear detector on 60,000 words can pass them and end the run.
#: The bench measures speed, not the limits, so its runs raise them (--strict
#: keeps them).
LOOSE = "import mtfix.rules.limits as _l; _l.REGEX_TIMEOUT = 600.0\n"
MAIN = "import sys; sys.argv[0] = 'mtfix'; from mtfix.cli.app import main; main()"
STRICT = False


def mtfix(*args: str, env: dict | None = None) -> dict:
    """Run mtfix; a failure is said on stderr and noted in its row (on a busy
    machine a rule can run out of its wall-clock time limit), not fatal."""
    res = run([PY, "-c", ("" if STRICT else LOOSE) + MAIN, *args], env=env)
    res["note"] = ""
    if res["rc"] not in (0, 1):
        why = (res["err"].strip().splitlines() or ["?"])[-1]
        print(f"bench: mtfix {' '.join(args)} failed ({res['rc']}): {why[:400]}", file=sys.stderr)
        res["note"] = "FAILED: " + ("a rule's time limit" if "took over" in why else why[:80])
    elif "grammar checking off" in res["err"] or "language model off" in res["err"]:
        res["note"] = "; ".join(ln.split("mtfix: ", 1)[-1][:80] for ln in res["err"].splitlines()
                                if " off" in ln)
    return res


#: A child process that builds an engine, runs it once on a warm-up text, then
#: times each text; prints JSON. Its stages are timed for the seed breakdown.
WARM = r"""
import json, sys, time
t0 = time.perf_counter()
import mtfix
from mtfix.document import Document
args = json.loads(sys.argv[1])
engine = mtfix.load(lm=args["lm"], grammar=args["grammar"])
t_import = time.perf_counter() - t0
warm = open(args["warmup"], encoding="utf-8").read()
t = time.perf_counter(); getattr(engine, args["op"])(Document(warm)); t_first = time.perf_counter() - t
out = {"import": t_import, "first": t_first, "texts": []}
for path in args["texts"]:
    text = open(path, encoding="utf-8").read()
    lt0 = engine._lt.seconds if engine._lt is not None else 0.0
    c = time.process_time()
    t = time.perf_counter(); getattr(engine, args["op"])(Document(text)); s = time.perf_counter() - t
    lt = (engine._lt.seconds - lt0) if engine._lt is not None else 0.0
    out["texts"].append({"path": path, "seconds": s, "lt": lt, "cpu": time.process_time() - c})
engine.close()
print(json.dumps(out))
"""

#: The seed with the defaults in a fresh process, stage by stage.
STAGES = r"""
import json, sys, time
T = time.perf_counter
t0 = T()
import mtfix
from mtfix.document import Document
engine = mtfix.load()
t1 = T()
doc = Document(open(sys.argv[1], encoding="utf-8").read())
found = engine.detect(doc)
t2 = T()
lt_start = lt_check = 0.0
if engine._want_grammar():
    from mtfix import grammar
    b = grammar.LanguageToolBackend(engine.settings.languagetool)
    if b.available()[0]:
        t = T(); b.url; b.check_text("Warm up."); lt_start = T() - t
        engine._lt = b
        t = T(); b.check(doc); lt_check = T() - t
t3 = T()
from mtfix.lm.ranker import LMRanker, lm_available
lm = engine.settings.lm
load = scan = 0.0
if lm_available(lm)[0]:
    t = T(); ranker = LMRanker(lm); ranker.scorer.load(); load = T() - t
    t = T(); ranker.rank(doc, found, garbled=True); scan = T() - t
engine.close()
print(json.dumps({"import + engine": t1 - t0, "rules": t2 - t1, "LanguageTool start (JVM, first check)": lt_start,
                  "LanguageTool check": lt_check, "model load": load, "model (pairs + garbled scan)": scan}))
"""


def child(code: str, *args: str, env: dict | None = None) -> tuple[dict | None, dict]:
    res = run([PY, "-c", ("" if STRICT else LOOSE) + code, *args], env=env)
    if res["rc"] != 0:
        print(f"bench: a child failed: {res['err'][-800:]}", file=sys.stderr)
        return None, res
    return json.loads(res["out"].strip().splitlines()[-1]), res


# -- the table --------------------------------------------------------------------
class Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []

    def add(self, what: str, text: str, words: int, sentences: int, seconds: float, peak: float | None,
            note: str = "", cpu: float | None = None) -> None:
        rate = f"{sentences / seconds:,.0f}" if seconds > 0 and sentences else "-"
        per_k = f"{seconds / words * 1000:.3f}" if words else "-"
        mem = f"{peak:,.0f}" if peak else "-"
        self.rows.append([what, text, f"{words:,}", f"{seconds:.2f}", "-" if cpu is None else f"{cpu:.2f}",
                          rate, per_k, mem, note])
        print(f"bench: {what} / {text}: {seconds:.2f} s, CPU {cpu if cpu is None else round(cpu, 2)} s, {mem} MiB "
              f"{note}", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        head = ["configuration", "text", "words", "seconds", "CPU s", "sentences/s", "s per 1,000 words",
                "peak MiB", "note"]
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---", "---"] + ["---:"] * 6 + ["---"]) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def languagetool_alone(table: "Table", texts: dict, info: dict, warmup: Path) -> None:
    """LanguageTool on a warm server of its own: the start (to the end of a
    first check on another text), then each text in one request and in
    parallel pieces. Memory and CPU are the JVM's."""
    sys.path.insert(0, str(ROOT))
    from mtfix.grammar import LanguageToolBackend
    from mtfix.settings import LanguageToolSettings

    os.environ["MTFIX_LT_STATE"] = "off"
    with LanguageToolBackend(LanguageToolSettings()) as lt:
        t = time.perf_counter()
        lt.url  # starts the JVM and waits for its first check
        pid = lt._server.proc.pid
        table.add("LanguageTool start (JVM up, first check done)", "-", 0, 0, time.perf_counter() - t,
                  tree_rss_mib(pid), "CPU: the JVM's", cpu=jvm_cpu(pid))
        lt.check_text(warmup.read_text(encoding="utf-8"))
        one = LanguageToolBackend(LanguageToolSettings(server_url=lt.url), requests=1)
        for name, path in texts.items():
            text = path.read_text(encoding="utf-8")
            if name != "news 60k":  # one request first: the JIT only gets warmer
                c, t = jvm_cpu(pid), time.perf_counter()
                one.check_text(text)
                table.add("LanguageTool alone, warm server (1 request)", name, *info[name],
                          time.perf_counter() - t, tree_rss_mib(pid), "CPU: the JVM's", cpu=jvm_cpu(pid) - c)
            c, t = jvm_cpu(pid), time.perf_counter()
            lt.check_text(text)
            s, c = time.perf_counter() - t, jvm_cpu(pid) - c
            table.add(f"LanguageTool alone, warm server (up to {lt.requests} requests at once)", name,
                      *info[name], s, tree_rss_mib(pid), "peak: the JVM's RSS after; CPU: the JVM's", cpu=c)
        one.close()


#: A run of mtfix whose workers each start their own LanguageTool server (the
#: parent shares none), to measure against the one shared server.
PER_WORKER = "import mtfix.cli.batch as _b; _b.shared_languagetool = lambda *a, **k: None\n"


def workers(table: "Table", tmp: Path, count: int, env: dict) -> None:
    """``check --jobs 2`` with LanguageTool over ``count`` articles: one server
    for the run (started by the parent) against one per worker."""
    folder = tmp / "workers"
    write_folder(folder, count)
    words, sents = folder_stats(folder)
    args = ["check", "--grammar", "--no-lm", "--jobs", "2", "-q", str(folder)]
    loose = "" if STRICT else LOOSE
    for label, cmd in (("one server shared by the workers", [PY, "-c", loose + MAIN, *args]),
                       ("one server per worker", [PY, "-c", loose + PER_WORKER + MAIN, *args])):
        r = run(cmd, env=env)
        note = "" if r["rc"] in (0, 1) else "FAILED: " + (r["err"].strip().splitlines() or ["?"])[-1][:80]
        if "grammar checking off" in r["err"]:
            note += " grammar checking went off"
        table.add(f"`check --grammar --no-lm --jobs 2`, {label}", f"{count} articles", words, sents,
                  r["seconds"], r["peak"], note, cpu=r["cpu"])


def machine() -> str:
    model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                  if ln.startswith("model name")), platform.processor() or "?")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mem = next((int(ln.split()[1]) // 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal:")), 0)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"Machine: {cores} cores ({os.cpu_count()} online), {model}, {mem:,} MiB RAM; "
            f"load average {load}; Python {platform.python_version()}; {time.strftime('%Y-%m-%d %H:%M %Z')}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="seed and 10,000 words only, a 20-file folder")
    ap.add_argument("--files", type=int, default=None, help="files in the batch folder (default 1,000; quick 20)")
    ap.add_argument("--skip", action="append", default=[],
                    help="leave out a group: " + ", ".join(GROUPS) + " (repeatable)")
    ap.add_argument("--only", action="append", default=[], help="run only this group (repeatable)")
    ap.add_argument("--strict", action="store_true", help="keep the rules' wall-clock time limits")
    opts = ap.parse_args()
    global STRICT
    STRICT = opts.strict
    files = opts.files or (20 if opts.quick else 1000)
    skip = set(opts.skip) | (set(GROUPS) - set(opts.only) if opts.only else set())
    print(machine(), flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="mtfix-bench-"))
    state = tmp / "lt-server.json"
    cold = {"MTFIX_LT_STATE": "off", "MTFIX_LT_SERVER": ""}  # never a warm server
    try:
        texts = {"seed": SEED}
        for words in ((10_000,) if opts.quick else (10_000, 60_000)):
            path = tmp / f"news-{words}.txt"
            path.write_text(news(words), encoding="utf-8")
            texts[f"news {words // 1000}k"] = path
        info = {name: stats(p.read_text(encoding="utf-8")) for name, p in texts.items()}
        warmup = articles()[0]
        table = Table()

        if "rules" not in skip:
            for name, path in texts.items():
                r = mtfix("check", "--no-lm", "--no-grammar", "-q", str(path), env=cold)
                table.add("rules only, fresh `check`", name, *info[name], r["seconds"], r["peak"], r["note"],
                          cpu=r["cpu"])
        if "model" not in skip:
            for name, path in texts.items():
                r = mtfix("check", "--lm", "--no-grammar", "-q", str(path), env=cold)
                table.add("model cold, fresh `check --no-grammar`", name, *info[name], r["seconds"], r["peak"],
                          r["note"], cpu=r["cpu"])
            model_texts = [n for n in texts if n != "news 60k"]
            out, r = child(WARM, json.dumps({"lm": True, "grammar": False, "op": "check", "warmup": str(warmup),
                                             "texts": [str(texts[n]) for n in model_texts]}), env=cold)
            for name, t in zip(model_texts, out["texts"] if out else []):
                table.add("model warm (engine loaded)", name, *info[name], t["seconds"], r["peak"],
                          "peak: the whole process", cpu=t["cpu"])
        if "lt" not in skip:
            try:
                languagetool_alone(table, texts, info, warmup)
            except Exception as e:  # noqa: BLE001 - one group failing must not lose the others
                print(f"bench: LanguageTool alone failed: {e}", file=sys.stderr)
        if "fix" not in skip:
            seed = str(SEED)
            r = mtfix("fix", seed, env=cold)
            table.add("`fix` defaults, fresh (own JVM)", "seed", *info["seed"], r["seconds"], r["peak"], r["note"],
                      cpu=r["cpu"])
            try:
                mtfix("languagetool", "serve", "--background", env={"MTFIX_LT_STATE": str(state)})
                r = mtfix("fix", seed, env={"MTFIX_LT_STATE": str(state), "MTFIX_LT_SERVER": ""})
                table.add("`fix` defaults, fresh, `serve --background` running", "seed", *info["seed"],
                          r["seconds"], r["peak"], "peak and CPU: without the JVM " + r["note"],
                          cpu=r["cpu"])
            finally:
                mtfix("languagetool", "stop", env={"MTFIX_LT_STATE": str(state)})
            out, r = child(WARM, json.dumps({"lm": None, "grammar": None, "op": "fix", "warmup": str(warmup),
                                             "texts": [seed]}), env=cold)
            if out:
                table.add("`fix` defaults, warm (engine and server loaded)", "seed", *info["seed"],
                          out["texts"][0]["seconds"], r["peak"], f"LanguageTool {out['texts'][0]['lt']:.2f} s "
                          "of it; CPU: Python's", cpu=out["texts"][0]["cpu"])
            r = mtfix("fix", "--no-grammar", seed, env=cold)
            table.add("`fix --no-grammar`, fresh", "seed", *info["seed"], r["seconds"], r["peak"], r["note"],
                      cpu=r["cpu"])
        if "batch" not in skip:
            folder = tmp / "articles"
            write_folder(folder, files)
            words, sents = folder_stats(folder)
            for jobs in (1, 2):
                dest = tmp / f"out-{jobs}"
                r = mtfix("fix", "--output-dir", str(dest), "--jobs", str(jobs), "-q", str(folder), env=cold)
                table.add(f"`fix --output-dir --jobs {jobs}` (defaults)", f"{files:,} articles", words, sents,
                          r["seconds"], r["peak"], r["note"], cpu=r["cpu"])
                shutil.rmtree(dest, ignore_errors=True)
        if "workers" not in skip:
            workers(table, tmp, 6 if opts.quick else 16, cold)
        print()
        print(table.markdown())
        if "stages" not in skip:
            out, _ = child(STAGES, str(SEED), env=cold)
            out = out or {}
            print()
            print("Where the seed's time goes (defaults, fresh process, seconds):")
            print()
            print("| stage | seconds |")
            print("|---|---:|")
            for k, v in out.items():
                print(f"| {k} | {v:.2f} |")
        print()
        print(machine().replace("Machine:", "Machine after:"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
