"""A line of real prose is never removed: the promise that lets people run
``mtfix fix --suggested`` on a folder of articles without reading every diff.

Residue rules delete whole lines, so one careless shape (a headline-like line,
a tail that reaches too far up) would silently eat a paragraph. This test runs
the rule engine with its safe and suggested fixes over every annotated article
of the corpus (the older ``corpora/*.txt`` and both web splits: it asserts a
property, nothing here is tuned on the held-out split) and checks that every
input line the gold does not delete keeps most of its words, in order, in the
output. Other classes rewrite words (a calque, a title), so "keeps" means at
least half of the line's words are found in one output line, the output lines
being matched in order.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import mtfix
from mtfix.corpus import GoldDocument, iter_corpus
from mtfix.document import Document

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "corpora", ROOT / "corpora" / "web" / "dev", ROOT / "corpora" / "web" / "test"]
DOCS = [d for folder in FOLDERS if folder.is_dir() for d in iter_corpus(folder)]
#: A line keeps its words when this share of them is found in one output line.
KEPT = 0.5


@pytest.fixture(scope="module")
def engine():
    with mtfix.load(lm=False, grammar=False) as e:
        yield e


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def prose_lines(doc: GoldDocument) -> list[tuple[str, list[str]]]:
    """Each input line with the words of it that the gold does not delete
    (residue of any span, or any annotation whose fix is the empty string)."""
    gone = [(a.start, a.end) for a in doc.annotations if a.category == "residue" or a.fix == ""]
    out = []
    for b in Document(doc.text).blocks:
        kept = []
        for m in re.finditer(r"\w+", doc.text[b.start:b.end]):
            lo, hi = b.start + m.start(), b.start + m.end()
            if not any(g0 < hi and lo < g1 for g0, g1 in gone):
                kept.append(m.group().casefold())
        if kept:
            out.append((doc.text[b.start:b.end], kept))
    return out


def lost_lines(text_in: list[tuple[str, list[str]]], text_out: str) -> list[str]:
    """Input lines whose words no output line holds (matching in order; two
    input lines may meet in one output line when a fix joins them)."""
    out_lines = [Counter(_words(line)) for line in text_out.splitlines() if line.strip()]
    lost, pos = [], 0
    for line, words in text_in:
        need = Counter(words)
        for j in range(pos, len(out_lines)):
            if sum((need & out_lines[j]).values()) >= KEPT * len(words):
                pos = j
                break
        else:
            lost.append(line)
    return lost


def test_the_corpus_is_all_there():
    assert len(DOCS) >= 8 + 48  # the older corpus and at least the dev split


@pytest.mark.parametrize("doc", DOCS, ids=[f"{d.path.parent.name}/{d.name}" for d in DOCS])
def test_no_line_of_prose_is_removed(engine, doc):
    out = engine.fix(doc.text, tiers={"safe", "suggested"}).text
    assert lost_lines(prose_lines(doc), out) == []


def test_the_check_sees_a_removed_line():
    """The yardstick itself: a deleted paragraph is caught, a rewritten word is not."""
    lines = [("The minister resigned on Monday.", ["the", "minister", "resigned", "on", "monday"]),
             ("Prices rose again.", ["prices", "rose", "again"])]
    assert lost_lines(lines, "The minister resigned on Monday.\n") == ["Prices rose again."]
    assert lost_lines(lines, "The minister quit on Monday.\n\nPrices rose again.\n") == []
