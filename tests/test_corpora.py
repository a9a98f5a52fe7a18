"""The gold corpora are the yardstick of ``mtfix eval``: if they are malformed,
every precision and recall figure is wrong. These tests hold the gold files to
their format and to the core issue's acceptance list for the seed article."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtfix.corpus import CORE_CATEGORIES, GOLD_CATEGORIES, GoldAnnotation, iter_corpus, load_gold, read_text

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
DOCS = iter_corpus(CORPORA)
BY_NAME = {d.name: d for d in DOCS}


def _shared_corpus() -> Path | None:
    """The project's read-only source texts, beside the checkout (../shared)."""
    for cand in (os.environ.get("MTFIX_SHARED_CORPUS"), ROOT.parent / "shared" / "corpus",
                 Path("/work/shared/corpus")):
        if cand and Path(cand, "seed-article.txt").is_file():
            return Path(cand)
    return None


def test_corpus_has_seed_four_mt_documents_and_a_control():
    names = set(BY_NAME)
    assert "seed" in names
    mt = [n for n in names if n.startswith("wmt13-") and "-ref-" not in n]
    assert len(mt) >= 4
    systems = {n.split("-")[1] for n in mt}
    assert {"online", "rbmt", "uedin"} <= systems
    assert any("-ref-" in n for n in names)


def test_every_input_txt_has_gold_and_every_gold_has_input():
    inputs = {p.name[:-4] for p in CORPORA.glob("*.txt") if not p.name.endswith(".fixed.txt")}
    golds = {p.name[: -len(".gold.yaml")] for p in CORPORA.glob("*.gold.yaml")}
    assert inputs == golds == set(BY_NAME)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_spans_inside_sorted_non_overlapping_and_valid(doc):
    prev_end = 0
    for ann in doc.annotations:
        assert 0 <= ann.start < ann.end <= len(doc.text)
        assert ann.start >= prev_end, f"overlap at {ann.start}"
        prev_end = ann.end
        assert ann.category in GOLD_CATEGORIES
        assert ann.fix is None or isinstance(ann.fix, str)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_spans_do_not_cut_words(doc):
    """A span that starts or ends inside a word is almost always an anchor
    typo (``span: "in"`` matching the "in" of "plunging")."""
    t = doc.text
    for ann in doc.annotations:
        s, e = ann.start, ann.end
        assert not (s > 0 and t[s - 1].isalnum() and t[s].isalnum()), t[s - 10:e + 10]
        assert not (e < len(t) and t[e - 1].isalnum() and t[e].isalnum()), t[s - 10:e + 10]


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_fixed_file_matches_fixed_text(doc):
    fixed = doc.path.with_name(doc.name + ".fixed.txt")
    with open(fixed, encoding="utf-8", newline="") as fh:
        assert fh.read() == doc.fixed_text()


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_fixed_text_is_consistent_with_spans(doc):
    """Text outside annotated spans survives unchanged, in order."""
    fixed = doc.fixed_text()
    pos = 0
    cursor = 0
    for ann in doc.annotations:
        keep = doc.text[cursor:ann.start]
        assert fixed.startswith(keep, pos)
        pos += len(keep)
        repl = doc.text[ann.start:ann.end] if ann.fix is None else ann.fix
        assert fixed.startswith(repl, pos)
        pos += len(repl)
        cursor = ann.end
    assert fixed[pos:] == doc.text[cursor:]


def test_wmt_inputs_end_with_one_newline_and_start_with_docid():
    for doc in DOCS:
        if doc.name.startswith(("wmt13-", "native-")):
            assert doc.text.startswith("# docid=")
            assert doc.text.endswith("\n") and not doc.text.endswith("\n\n")


def test_inputs_are_verbatim_copies_of_the_shared_corpus():
    shared = _shared_corpus()
    if shared is None:
        pytest.skip("shared corpus not beside this checkout")
    assert (CORPORA / "seed.txt").read_bytes() == (shared / "seed-article.txt").read_bytes()
    for doc in DOCS:
        if not doc.name.startswith(("wmt13-", "native-")):
            continue
        src_file = doc.source.split(",")[0].strip()
        source = (shared / src_file).read_text(encoding="utf-8")
        assert doc.text in source, doc.name
        assert doc.source.split("docid=")[1] in doc.text.splitlines()[0]


def test_control_is_clean():
    ref = [d for d in DOCS if "-ref-" in d.name]
    assert ref and all(d.annotations == [] and d.fixed_text() == d.text for d in ref)
    native = [d for d in DOCS if d.name.startswith("native-")]
    assert native and all(len(d.annotations) <= 1 for d in native)


# --- the core issue's acceptance items, as gold --------------------------------------

SEED = BY_NAME["seed"]


def _covering(text: str, category: str | None = None) -> list[GoldAnnotation]:
    start = SEED.text.index(text)
    return [a for a in SEED.annotations if a.overlaps(start, start + len(text))
            and (category is None or a.category == category)]


@pytest.mark.parametrize("line", [
    "Read also American killed in rocket attack on Iraqi military base",
    "Article reserved for our subscribers Read also Baghdad struggles",
    "Article reserved for our subscribers Read also Testimonies",
    "LEAVE A REPLY", "Please enter your comment!", "Please enter your name here",
    "Tom Brenner / REUTERS",
])
def test_seed_residue_removed(line):
    (ann,) = _covering(line, "residue")
    assert ann.fix == ""
    assert line not in SEED.fixed_text()


def test_seed_one_caption_kept_and_tidy_spacing():
    fixed = SEED.fixed_text()
    caption = "Defense Secretary Mark Esper at a press conference from Donald Trump's residence"
    assert fixed.count(caption) == 1
    assert "\n\n\n" not in fixed
    assert not fixed.endswith("\n"), "the seed has no trailing newline and keeps none"
    assert fixed.endswith('"other options that are on the table".')


@pytest.mark.parametrize("before,after", [
    ('"Success"', '"success"'), ('"Weaken', '"weaken'), ('"A violation', '"a violation'),
    ('"A dangerous', '"a dangerous'), ('"Maximum pressure"', '"maximum pressure"'),
    ('"Other options', '"other options'),
])
def test_seed_six_quote_openings(before, after):
    assert [a.category for a in _covering(before) if a.fix] == ["quotes"]
    assert before not in SEED.fixed_text() and after in SEED.fixed_text()


@pytest.mark.parametrize("expected", [
    "President Donald Trump", "of General Mark Milley, the", "From the start, October 1,",
    "agreement on Iranian", "attributed to Israel", "It was the target",
])
def test_seed_expected_fixes(expected):
    assert expected in SEED.fixed_text()


@pytest.mark.parametrize("kept", [
    "Risk of escalation between the United States and Shiite militias in Iraq\n",
    "\nNew escalation\n", "\nReprisals\n", '"We will not accept that',
    '"We will carry out additional actions', '("conquest", 48 seats out of 329)',
    "5,200 American soldiers",
])
def test_seed_left_alone(kept):
    assert not _covering(kept.strip("\n")), kept
    assert kept in SEED.fixed_text()


@pytest.mark.parametrize("flagged,category", [
    ("Popular Mobilization (MP)", "acronyms"),
    ("blamed by Washington for the Hezbollah Brigades", "calques"),
    ('to dissuade militias or Iran" to commit', "calques"),
    ("disputing to federal authorities", "calques"),
    ("the Iranian godfather", "calques"),
    ("From the start, the 1st October, from the protest movement", "garbled"),
    ('said "Success" these strikes intended for', "garbled"),
    ('said he spoke with President Trump "Other options', "garbled"),
    ("She was the target", "pronouns"),
])
def test_seed_flagged(flagged, category):
    assert _covering(flagged, category)


def test_online_b_french_typography_is_gold():
    doc = BY_NAME["wmt13-online-B-cyberpresse-1564248"]
    start = doc.text.index("certain : the")
    assert any(a.category == "typography" and a.overlaps(start, start + 13) and a.fix == ":"
               for a in doc.annotations)


def test_every_class_with_examples_is_exercised():
    seen = {a.category for d in DOCS for a in d.annotations}
    assert seen >= set(CORE_CATEGORIES) - {"encoding"}


# --- the loader itself -------------------------------------------------------------


def _write(tmp_path: Path, text: str, gold: str, name: str = "doc") -> Path:
    txt = tmp_path / f"{name}.txt"
    txt.write_bytes(text.encode("utf-8"))
    (tmp_path / f"{name}.gold.yaml").write_text(gold, encoding="utf-8")
    return txt


def test_loader_resolves_nth_and_span(tmp_path):
    txt = _write(tmp_path, "a : b. a : c.", """source: x
annotations:
  - {class: typography, find: "a : c", span: " :", fix: ":"}
  - {class: typography, find: "a :", nth: 1, span: " :", fix: ":", note: first}
""")
    doc = load_gold(txt)
    assert [(a.start, a.end) for a in doc.annotations] == [(1, 3), (8, 10)]
    assert doc.annotations[0].note == "first"
    assert doc.fixed_text() == "a: b. a: c."
    assert doc.counts() == {"typography": 2}


def test_loader_keeps_crlf_and_strips_bom(tmp_path):
    txt = _write(tmp_path, "\ufeffOne : two\r\nthree\r\n", """annotations:
  - {class: typography, find: "One :", span: " :", fix: ":"}
  - {class: residue, find: "three\\r\\n", fix: ""}
""")
    doc = load_gold(txt)
    assert doc.text == "One : two\r\nthree\r\n" == read_text(txt)
    assert doc.fixed_text() == "One: two\r\n"


def test_expected_window(tmp_path):
    txt = _write(tmp_path, "x the 1st October y", """annotations:
  - {class: dates, find: "the 1st October", fix: "October 1"}
""")
    doc = load_gold(txt)
    assert doc.expected(0, len(doc.text)) == "x October 1 y"
    assert doc.expected(2, 17) == "October 1"
    with pytest.raises(ValueError):
        doc.expected(4, 10)


@pytest.mark.parametrize("gold,message", [
    ('  - {class: typography, find: "zzz", fix: ""}', "annotation 0: find 'zzz' does not occur"),
    ('  - {class: typography, find: "a", fix: ""}', "ambiguous (2 occurrences); add nth"),
    ('  - {class: typography, find: "a", nth: 3, fix: ""}', "nth 3 out of range"),
    ('  - {class: grammar, find: "b", fix: ""}', "class 'grammar' is not one of"),
    ('  - {class: typography, find: "b", span: "q", fix: ""}', "span 'q' is not inside"),
    ('  - {class: typography, find: "b"}', "'fix' is required"),
    ('  - {class: typography, find: "b", fix: "b"}', "fix equals the original"),
    ('  - {class: typography, find: "b", fix: "", colour: red}', "unknown key(s) colour"),
    ('  - {class: typography, find: "a b", fix: ""}\n  - {class: quotes, find: "b a", fix: ""}',
     "annotation 1: overlaps annotation 0"),
])
def test_loader_errors_name_file_and_index(tmp_path, gold, message):
    txt = _write(tmp_path, "a b a", "annotations:\n" + gold + "\n")
    with pytest.raises(ValueError) as err:
        load_gold(txt)
    assert str(tmp_path / "doc.gold.yaml") in str(err.value)
    assert message in str(err.value)


def test_iter_corpus_skips_fixed_and_unannotated(tmp_path):
    _write(tmp_path, "a : b", 'annotations:\n  - {class: typography, find: " :", fix: ":"}\n')
    (tmp_path / "doc.fixed.txt").write_text("a: b", encoding="utf-8")
    (tmp_path / "other.txt").write_text("no gold", encoding="utf-8")
    assert [d.name for d in iter_corpus(tmp_path)] == ["doc"]


def test_readme_counts_are_current():
    """The per-class table in corpora/README.md must match the gold files."""
    readme = (CORPORA / "README.md").read_text(encoding="utf-8")
    header = next(line for line in readme.splitlines() if line.startswith("| file | words |"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    for doc in DOCS:
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{doc.name}` |"))
        cells = dict(zip(columns, (c.strip() for c in row.strip("|").split("|"))))
        for cat in CORE_CATEGORIES:
            assert int(cells[cat] or 0) == doc.counts().get(cat, 0), (doc.name, cat)
        assert int(cells["total"]) == len(doc.annotations), doc.name
