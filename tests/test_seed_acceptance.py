"""Issue #2's acceptance on the real seed article, with default options and
with the rule engine alone (--no-lm --no-grammar)."""
from __future__ import annotations

import json

import pytest

from conftest import SEED, run_mtfix

MUST_CHANGE = [
    ('said "Success" these', 'said "success" these'),
    ('for "Weaken the', 'for "weaken the'),
    ('denounced "A violation', 'denounced "a violation'),
    ('and "A dangerous', 'and "a dangerous'),
    ('the "Maximum pressure"', 'the "maximum pressure"'),
    ('Trump "Other options', 'Trump "other options'),
    ("with president Donald Trump", "with President Donald Trump"),
    ("of the general Mark Milley , the Chief", "of General Mark Milley, the Chief"),
    ("From the start, the 1st October,", "From the start, October 1,"),
    ("agreement. on Iranian", "agreement on Iranian"),
    ("imputed to Israel", "attributed to Israel"),
]
GONE = [
    "Article reserved for our subscribers Read also Baghdad",
    "Article reserved for our subscribers Read also Testimonies",
    "Read also American killed",
    "LEAVE A REPLY", "Please enter your comment!", "Please enter your name here",
    "Tom Brenner / REUTERS",
]
KEPT = [
    "Risk of escalation between the United States and Shiite militias in Iraq\n",
    "\nNew escalation\n", "\nReprisals\n",
    '\n"We will not accept that', '"We will carry out additional actions',
    '("conquest", 48 seats out of 329)', "5,200 American soldiers",
    "the American secretary of state, Mike Pompeo,",
]
FLAGGED = [
    "Popular Mobilization (MP)", "blamed by Washington for the Hezbollah Brigades",
    'to dissuade militias or Iran" to commit', "disputing to federal authorities",
    "the Iranian godfather", "Tom Brenner / REUTERS",
]
MODES = {"rules-only": ("--no-lm", "--no-grammar"), "default": ()}


@pytest.fixture(scope="module",
                params=["rules-only", pytest.param("default", marks=pytest.mark.slow)])
def seed_run(request):
    flags = MODES[request.param]
    if request.param == "default":  # the LM and LanguageTool, on by default
        request.getfixturevalue("lt_server")
    fixed = run_mtfix("fix", *flags, SEED)
    checked = run_mtfix("check", *flags, "--format", "json", SEED)
    assert fixed.returncode == 0, fixed.stderr.decode()
    assert checked.returncode == 1, checked.stderr.decode()
    return SEED.read_text(encoding="utf-8"), fixed.stdout.decode("utf-8"), json.loads(checked.stdout)


def test_fixes_applied(seed_run):
    original, out, _ = seed_run
    for before, after in MUST_CHANGE:
        assert before in original
        assert after in out, after
        assert before not in out, before


def test_residue_removed_and_one_caption_kept(seed_run):
    original, out, _ = seed_run
    for gone in GONE:
        assert gone in original and gone not in out, gone
    caption = "Defense Secretary Mark Esper at a press conference from Donald Trump's residence"
    assert original.count(caption) == 2 and out.count(caption) == 1
    assert out.endswith('on the table".')  # the article's last sentence, still no final newline
    assert "\n\n\n" not in out


def test_traps_left_alone(seed_run):
    _, out, _ = seed_run
    for kept in KEPT:
        assert kept in out, kept


def test_check_flags_the_rest(seed_run):
    original, _, data = seed_run
    findings = data["files"][0]["findings"]
    for phrase in FLAGGED:
        lo = original.index(phrase)
        hi = lo + len(phrase)
        assert any(f["start"] < hi and lo < f["end"] for f in findings), phrase


def test_fix_output_is_the_safe_findings_applied(seed_run):
    """What `fix` prints is exactly the original with the safe replacements that
    `check` reported: nothing else in the text moves."""
    from mtfix.document import Document
    from mtfix.model import Finding, Fix, Tier
    from mtfix.resolve import resolve

    original, out, data = seed_run
    findings = [Finding(rule=f["rule"], category=f["category"], message=f["message"],
                        start=f["start"], end=f["end"], tier=Tier(f["tier"]),
                        fixes=(Fix.replace(f["start"], f["end"], f["replacement"]),))
                for f in data["files"][0]["findings"] if f["replacement"] is not None]
    assert resolve(Document(original), findings).text == out
