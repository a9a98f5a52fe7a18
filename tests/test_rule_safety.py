"""Rule files are untrusted data: every defect is one ``file:line`` line and exit 2.

Each malformed pack goes through the four commands that read rule folders
(``check --rules``, ``fix --rules``, ``rules test``, ``rules check``) as a
real process. A catastrophic regular expression must be stopped by the time
limit and reported, naming its rule, instead of hanging the run. No test here
measures how long anything took: that depends on the machine's load.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import conftest
from mtfix.document import Document
from mtfix.rules import limits
from mtfix.rules import REGEX_TIMEOUT, RuleTimeout, load_pack
from mtfix.yamlio import RuleFileError

ROOT = Path(__file__).resolve().parent.parent
FAST = ("--no-lm", "--no-grammar")


def mtfix(*args, cwd) -> subprocess.CompletedProcess:
    """``mtfix ARGS`` in ``cwd`` with its own decisions log, as text (a real
    process in the full suite, in-process in the fast tier: conftest.run_mtfix)."""
    if conftest.IN_PROCESS:
        old = os.environ.get("MTFIX_DECISIONS_DB")
        os.environ["MTFIX_DECISIONS_DB"] = str(Path(cwd) / "d.sqlite")
        try:
            r = conftest.run_mtfix(*args, cwd=cwd)
        finally:
            if old is None:
                os.environ.pop("MTFIX_DECISIONS_DB", None)
            else:
                os.environ["MTFIX_DECISIONS_DB"] = old
        return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode("utf-8", "replace"),
                                           r.stderr.decode("utf-8", "replace"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), MTFIX_DECISIONS_DB=str(Path(cwd) / "d.sqlite"))
    return subprocess.run([sys.executable, "-m", "mtfix", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def mtfix_each(commands, cwd) -> list[subprocess.CompletedProcess]:
    """Run independent mtfix commands and return their results in order: side
    by side as real processes (on two cores this halves the wait), one after
    the other in-process (the command line is not thread-safe)."""
    if conftest.IN_PROCESS:
        return [mtfix(*args, cwd=cwd) for args in commands]
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(lambda args: mtfix(*args, cwd=cwd), commands))


RULE = "  - id: {id}\n    message: m\n    pattern: 'abc'\n    replacement: 'abd'\n"

# name -> (file text, line the error must name, words the message must hold)
MALFORMED = {
    "bad-yaml": ("rules:\n  - id: a\n    message: \"unclosed\n    pattern: x\n", 5, ["invalid YAML"]),
    "tab-yaml": ("rules:\n  - id: a\n\tmessage: m\n", 3, ["invalid YAML"]),
    "missing-message": ("rules:\n  - id: a\n    pattern: x\n    replacement: y\n", 2,
                        ["rule 'a'", "missing key 'message'"]),
    "missing-pattern": ("rules:\n  - id: a\n    message: m\n    replacement: y\n", 2,
                        ["missing key 'pattern'"]),
    "missing-replacement": ("rules:\n  - id: a\n    message: m\n    pattern: x\n", 2,
                            ["missing key 'replacement'"]),
    "missing-rules": ("rule:\n  - id: a\n", 1, ["missing key 'rules'"]),
    "bad-regex": ("rules:\n  - id: a\n    message: m\n    pattern: '(unclosed'\n    replacement: y\n",
                  4, ["rule 'a'", "pattern", "bad regular expression"]),
    "bad-group": ("rules:\n  - id: a\n    message: m\n    pattern: '(x)'\n    replacement: '\\2'\n",
                  5, ["replacement", "group"]),
    "unknown-key": ("rules:\n  - id: a\n    message: m\n    pattern: x\n    replacment: y\n", 5,
                    ["unknown key 'replacment'"]),
    "bad-tier": ("rules:\n  - id: a\n    message: m\n    pattern: x\n    replacement: y\n"
                 "    tier: always\n", 6, ["tier"]),
    "bad-category": ("rules:\n  - id: a\n    message: m\n    pattern: x\n    replacement: y\n"
                     "    category: misc\n", 6, ["unknown category 'misc'"]),
    "bad-bool": ("rules:\n  - id: a\n    message: m\n    pattern: x\n    replacement: y\n"
                 "    in_quotes: sometimes\n", 6, ["'in_quotes' must be true or false"]),
    "bad-context-regex": ("rules:\n  - id: a\n    message: m\n    pattern: x\n    replacement: y\n"
                          "    followed_by: '[z'\n", 6, ["followed_by", "bad regular expression"]),
    "bad-type": ("rules:\n  - id: a\n    type: magic\n    message: m\n", 3, ["unknown rule type 'magic'"]),
    "bad-words": ("rules:\n  - id: a\n    type: glossary\n    message: m\n    words: 3\n", 5, ["words"]),
    "bad-example": ("rules:\n  - id: a\n    message: m\n    pattern: x\n    replacement: y\n"
                    "    examples:\n      - {fixed: y}\n", 7, ["examples[1]"]),
    "dup-key": ("rules:\n  - id: a\n    message: m\n    message: n\n", 4, ["duplicate key 'message'"]),
    "dup-in-file": ("rules:\n" + RULE.format(id="same") + RULE.format(id="same"), 6,
                    ["duplicate rule id 'same'", "(also at ", "bad.yaml:2)"]),
    "python-tag": ("rules: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n", 1,
                   ["invalid YAML"]),
}


def _write_pack(tmp_path: Path, text: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "bad.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some abc text.\n", encoding="utf-8")
    return pack


def _assert_one_line_error(proc, where: str, words) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, proc.stderr
    assert err[0].startswith(f"mtfix: error: {where}: "), (where, err[0])
    for w in words:
        assert w in err[0], (w, err[0])


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_pack_exit_2_with_file_line_in_every_command(tmp_path, name):
    text, line, words = MALFORMED[name]
    pack = _write_pack(tmp_path, text)
    where = f"{pack / 'bad.yaml'}:{line}"
    commands = (("check", *FAST, "--rules", pack, "a.txt"),
                ("fix", *FAST, "--rules", pack, "a.txt"),
                ("rules", "test", pack),
                ("rules", "check", pack))
    for args, proc in zip(commands, mtfix_each(commands, cwd=tmp_path)):
        _assert_one_line_error(proc, where if args[0] != "rules" else where, words)
    assert not (tmp_path / "pwned.txt").exists()


def test_duplicate_id_across_packs_names_both_places(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "one.yaml").write_text("rules:\n" + RULE.format(id="house-x"), encoding="utf-8")
    (b / "two.yaml").write_text("# b\nrules:\n" + RULE.format(id="other") + RULE.format(id="house-x"),
                                encoding="utf-8")
    (tmp_path / "a.txt").write_text("abc\n", encoding="utf-8")
    words = ["duplicate rule id 'house-x'", f"(also at {a / 'one.yaml'}:2)"]
    commands = (("check", *FAST, "--rules", a, "--rules", b, "a.txt"),
                ("fix", *FAST, "--rules", a, "--rules", b, "a.txt"),
                ("rules", "test", a, b),
                ("rules", "check", a, b))
    for proc in mtfix_each(commands, cwd=tmp_path):
        _assert_one_line_error(proc, f"{b / 'two.yaml'}:7", words)


def test_duplicate_of_a_builtin_id_is_caught_by_rules_check(tmp_path):
    pack = _write_pack(tmp_path, "rules:\n" + RULE.format(id="imputed-to-name"))
    proc = mtfix("rules", "check", pack, cwd=tmp_path)
    _assert_one_line_error(proc, f"{pack / 'bad.yaml'}:2",
                           ["duplicate rule id 'imputed-to-name'", "calques.yaml"])
    # ... and the same pack alone is fine
    assert mtfix("rules", "check", "--no-builtin", pack, cwd=tmp_path).returncode == 0


def test_empty_or_missing_pack_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    _assert_one_line_error(mtfix("rules", "test", "empty", cwd=tmp_path), "empty",
                           ["no .yaml or .yml rule files"])
    _assert_one_line_error(mtfix("rules", "check", "nowhere", cwd=tmp_path), "nowhere",
                           ["no such rule file or folder"])
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    _assert_one_line_error(mtfix("check", *FAST, "--rules", "nowhere", "a.txt", cwd=tmp_path),
                           "nowhere", ["no such rule file or folder"])


def test_bad_config_names_file_line_and_key(tmp_path):
    (tmp_path / "mtfix.toml").write_text('rules = []\n\ndisable = 3\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    _assert_one_line_error(mtfix("check", *FAST, "a.txt", cwd=tmp_path),
                           f"{tmp_path / 'mtfix.toml'}:3", ["disable must be a list of strings, not 3"])
    (tmp_path / "mtfix.toml").write_text('# house\nrules = ["nowhere"]\n', encoding="utf-8")
    _assert_one_line_error(mtfix("check", *FAST, "a.txt", cwd=tmp_path),
                           f"{tmp_path / 'mtfix.toml'}:2", ["no such rule file or folder 'nowhere'"])
    (tmp_path / "mtfix.toml").write_text('rules = []\ndisabel = ["calques"]\n', encoding="utf-8")
    _assert_one_line_error(mtfix("check", *FAST, "a.txt", cwd=tmp_path),
                           f"{tmp_path / 'mtfix.toml'}:2", ["unknown setting 'disabel'", "(did you mean 'disable'?)"])
    (tmp_path / "mtfix.toml").write_text('rules = [\n', encoding="utf-8")
    proc = mtfix("check", *FAST, "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "invalid TOML" in proc.stderr and "Traceback" not in proc.stderr


# -- the time limit ------------------------------------------------------------

RUNAWAY = "rules:\n  - id: runaway\n    message: m\n    pattern: '(a+)+$'\n    replacement: null\n"
LONG_LINE = "a" * 100_000 + "b\n"


@pytest.mark.slow  # waits for a time limit to run out
@pytest.mark.parametrize("command", ["check", "fix"])
def test_catastrophic_pattern_is_stopped_and_reported(tmp_path, command):
    pack = _write_pack(tmp_path, RUNAWAY)
    (tmp_path / "long.txt").write_text("Title\n\n" + LONG_LINE, encoding="utf-8")
    proc = mtfix(command, *FAST, "--rules", pack, "long.txt", cwd=tmp_path)
    _assert_one_line_error(proc, f"{pack / 'bad.yaml'}:2",
                           ["rule 'runaway'", f"took over {REGEX_TIMEOUT:g} s", "long.txt",
                            "catastrophic backtracking"])


def test_regex_timeout_interrupts_this_pattern():
    """The mechanism under the limit: the regex module stops this backtracking
    search (after ``timeout`` seconds of CPU time) with TimeoutError."""
    import regex

    with pytest.raises(TimeoutError):
        regex.compile(r"(a+)+$").search(LONG_LINE, timeout=0.3)


def test_timeout_in_main_thread_names_the_rule(monkeypatch):
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.3)  # any limit will do: it must fire
    (rule,) = load_pack_text(RUNAWAY).rules
    with pytest.raises(RuleTimeout) as e:
        rule.run(Document(LONG_LINE, "long.txt"))
    assert "bad.yaml:2: rule 'runaway'" in str(e.value)
    assert "long.txt" in str(e.value) and "catastrophic backtracking" in str(e.value)


def test_wall_deadline_stops_a_call_that_spends_no_cpu(monkeypatch):
    """A call that only waits spends no CPU, so the CPU limit never fires: in
    the main thread a SIGALRM backstop stops it after WALL_FACTOR times the
    limit in wall time."""
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.2)
    with pytest.raises(RuleTimeout, match=r"^x\.yaml:3: rule 'idle': pattern took over 0\.2 s"):
        limits.limited(lambda timeout: time.sleep(600), "x.yaml:3: rule 'idle'", "doc.txt")


def test_the_limit_counts_cpu_so_a_busy_machine_does_not_trip_it(monkeypatch):
    """A linear rule on a machine shared with other work takes longer in wall
    time than in CPU time; waiting three times the limit (no CPU) is not
    a runaway, while spinning the CPU past the limit is."""
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.2)
    assert limits.limited(lambda timeout: time.sleep(0.6) or "done", "x.yaml:3: rule 'slow'",
                          "doc.txt") == "done"

    def spin(timeout):
        while True:
            pass

    t0 = time.process_time()
    with pytest.raises(RuleTimeout, match=r"rule 'spin': pattern took over 0\.2 s"):
        limits.limited(spin, "x.yaml:3: rule 'spin'", "doc.txt")
    assert time.process_time() - t0 < 0.2 * limits.WALL_FACTOR
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_timeout_in_a_worker_thread(monkeypatch):
    """Off the main thread no signal can be used; the regex CPU-time limit still stops it."""
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.3)  # any limit will do: it must fire
    (rule,) = load_pack_text(RUNAWAY).rules
    doc = Document(LONG_LINE, "long.txt")
    out: dict = {}

    def work():
        try:
            rule.run(doc)
        except RuleTimeout as e:
            out["error"] = str(e)

    th = threading.Thread(target=work)
    th.start()
    th.join(600)  # a guard against hanging the suite if the limit broke, not a measure
    assert "rule 'runaway'" in out.get("error", ""), out


def test_signal_state_is_restored_after_a_run(monkeypatch):
    import signal

    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.3)  # any limit will do: it must fire
    before = signal.getsignal(signal.SIGALRM)
    (rule,) = load_pack_text(RUNAWAY).rules
    rule.run(Document("aaab\n"))
    with pytest.raises(RuleTimeout):
        rule.run(Document(LONG_LINE))
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_catastrophic_context_regex_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.5)
    pack = load_pack_text("rules:\n  - id: slow-ctx\n    message: m\n    pattern: '\\bx\\b'\n"
                          "    replacement: y\n    followed_by: ' (a+)+$'\n")
    with pytest.raises(RuleTimeout, match=r"bad.yaml:2: rule 'slow-ctx' followed_by"):
        pack.rules[0].run(Document("x " + LONG_LINE))


@pytest.mark.slow  # waits for a time limit to run out
def test_catastrophic_example_stops_rules_test(tmp_path):
    pack = _write_pack(tmp_path, RUNAWAY + "    examples:\n      - text: '" + "a" * 50_000 + "b'\n")
    proc = mtfix("rules", "test", pack, cwd=tmp_path)
    _assert_one_line_error(proc, f"{pack / 'bad.yaml'}:2", ["rule 'runaway'", "took over"])


def load_pack_text(text: str):
    import tempfile

    folder = Path(tempfile.mkdtemp())
    (folder / "bad.yaml").write_text(text, encoding="utf-8")
    return load_pack([folder])


def test_yaml_is_safe_loaded_in_process(tmp_path):
    with pytest.raises(RuleFileError, match="invalid YAML"):
        load_pack_text("rules: !!python/object/new:os.system ['true']\n")


# -- fuzz: no input makes the loader crash ----------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mtfix.rules import RULE_KEYS, parse_rule  # noqa: E402

_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(
        ["", "x", "(", "\\1", "\\g<n>", "(?P<n>a)", "safe", "review", "custom", "pattern",
         "wordlist", "glossary", "detector", "[a-", "a{2,1}", "(?<=a+)b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["text", "fixed", "a", "Le"]), inner, max_size=3),
    max_leaves=6)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: conftest
@given(st.dictionaries(st.sampled_from(sorted(RULE_KEYS | {"bogus"})), _values, max_size=8),
       st.booleans())
def test_any_rule_mapping_loads_or_gives_a_rule_file_error(item, complete):
    """Whatever a rule mapping holds, loading it either works or raises the one
    error type the CLI turns into ``file:line: message`` (never a traceback)."""
    import yaml

    from mtfix.yamlio import load_yaml

    if complete:  # get past the first checks so the deeper ones are reached too
        item = {"id": "fuzz", "message": "m {match} {1} {n} {replacement}",
                "pattern": "(?P<n>a)b", "replacement": "\\1c", **item}
    text = yaml.safe_dump({"rules": [item]}, allow_unicode=True)
    data = load_yaml("fuzz.yaml", text)
    try:
        rule = parse_rule(data["rules"][0], "fuzz.yaml")
    except RuleFileError as e:
        assert str(e).startswith("fuzz.yaml"), str(e)
        return
    # a rule that loads can run its own examples without crashing
    from mtfix.rules import run_examples

    try:
        run_examples(rule)
    except RuleTimeout:
        pass


@settings(deadline=None)  # examples: conftest
@given(st.dictionaries(st.sampled_from(["rules", "defaults", "other"]), _values, max_size=3)
       | _values | st.text(max_size=40))
def test_any_rule_file_loads_or_gives_a_rule_file_error(tmp_path_factory, data):
    """The same for a whole file: odd top levels, defaults, or plain text."""
    import yaml

    from mtfix.rules import load_file

    f = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    f.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    try:
        load_file(f)
    except RuleFileError as e:
        assert str(e).startswith(str(f)), str(e)


def test_detector_options_it_cannot_use_name_the_options_line(tmp_path):
    """A user pack may reuse a built-in detector; options it chokes on are the
    user's error (file:line of `options:`), not a traceback."""
    pack = _write_pack(tmp_path, "rules:\n  - id: house-titles\n    type: detector\n"
                                 "    detector: title_before_name\n    options:\n"
                                 "      titles: '(ambassador'\n    message: m\n"
                                 "    examples:\n      - text: the ambassador John Smith\n")
    _assert_one_line_error(mtfix("rules", "test", pack, cwd=tmp_path), f"{pack / 'bad.yaml'}:5",
                           ["rule 'house-titles'", "options", "title_before_name"])
    # with options it can use, the same detector works under the user's id
    (pack / "bad.yaml").write_text((pack / "bad.yaml").read_text().replace("'(ambassador'",
                                                                           "'ambassador'"))
    proc = mtfix("rules", "test", pack, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
