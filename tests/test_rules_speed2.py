"""The detector shortcuts of issue #14 §3 give the answers of the slow forms they replace.

Each test holds the plain form a shortcut replaced (a regex per block, a walk
over every character, a search that cannot fail) and checks, on real articles
and on cases built to sit at the edges, that the fast form says the same:

* a block's words read from the one scan of the whole text
  (:meth:`Document.matches_in`) are the words a scan of the block finds;
* the residue shape tests (:func:`residue_shape.norm`, the paywall cues, a
  headline's key) and the quote marks of a line;
* :func:`mtfix.anchors.fold` without its translation table when no dotted or
  dotless i is in the text;
* the French tokens, which compare and hash as the frozen dataclass did;
* the metonym patterns match only texts that name a building.

No test here measures time (bench/bench_rules.py does).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mtfix.anchors import _DOTS, fold
from mtfix.detectors import capitalisation, capitals_usage, proper_names, residue_context
from mtfix.detectors import residue_shape, typography_quotes
from mtfix.detectors._frenchlex import Token, tokens
from mtfix.detectors.residue_vocab import _PRICE_CUES, _WIDGET_CUES, SOURCE_SUFFIX
from mtfix.document import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

#: Lines at the edges of the shortcuts: marks at both ends, bylines, trails, i's.
EDGES = """» Read also: the minister resigned...
>> READ ALSO –
Photo: AFP …
Published on June 3, 2023 by Jean Dupont | Politics
By Jean Dupont, our correspondent
Subscribe for only 1€ per month, cancel anytime. Log in
“”Quoted““ twice”” and "straight" «guillemets» „low“
İstanbul ılık KELVIN ſubscribe Straße
Macron wins the vote – Le Parisien
The tenant of Bercy said; the Élysée Palace tenant and Matignon’s tenant.
word-with-hyphen; l’énergie d'Orsay it’s O'Brien qu’il
a.b.c. e.g. x=1 {} ; — ...
""".splitlines()


def _texts() -> list[str]:
    files = sorted((ROOT / "corpora" / "web" / "dev").glob("*.txt"))[:40]
    files = [f for f in files if not f.name.endswith(".fixed.txt")]
    files += [SHARED / "seed-article.txt", *sorted((SHARED / "native-english").glob("*.txt"))]
    out = [f.read_text(encoding="utf-8") for f in files if f.exists()]
    return out + ["\n".join(EDGES), "\r\n".join(EDGES), "\u2028".join(EDGES)]


TEXTS = _texts()


def _lines() -> list[str]:
    return [ln for t in TEXTS for ln in t.splitlines() if ln.strip()] + EDGES


@pytest.mark.parametrize("pattern", [capitalisation._WORD, capitals_usage._WORD],
                         ids=["capitalisation", "capitals_usage"])
def test_block_words_from_the_whole_text_are_the_block_scan(pattern):
    for text in TEXTS:
        doc = Document(text)
        for b in doc.blocks:
            got = [(m.span(), m.group(1)) for m in doc.matches_in(pattern, b.start, b.end)]
            want = [(m.span(), m.group(1)) for m in pattern.finditer(text, b.start, b.end)]
            assert got == want, text[b.start:b.end]


def test_block_words_come_with_their_strings():
    for text in TEXTS[:10]:
        doc = Document(text)
        for b in doc.blocks:
            pattern = capitalisation._WORD
            assert [(m.start(), w) for m, w in capitals_usage.block_words(doc, pattern, b)] == \
                [(m.start(), m.group(1)) for m in pattern.finditer(text, b.start, b.end)]


def _norm_before(line: str) -> str:
    s = residue_shape._TRAIL.sub("", residue_shape._LEAD.sub("", line.strip())).strip()
    if len(s) > 2 and (s[0], s[-1]) in (("(", ")"), ("[", "]")) and s.count(s[0]) == 1:
        s = s[1:-1].strip()
    return s


def _cues_before(line: str) -> tuple[int, int]:
    return (sum(1 for c in _WIDGET_CUES if c.search(line)), sum(1 for c in _PRICE_CUES if c.search(line)))


def _key_before(line: str) -> str:
    quotes = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
    line = SOURCE_SUFFIX.sub("", line).translate(quotes).replace("-", " ").replace("_", " ")
    return " ".join(re.sub(r"[^\w\s]", "", line.casefold()).split())


def _lost_emoji_before(line: str) -> bool:
    toks = line.split()
    marks = sum(1 for t in toks if set(t) <= {"?", "�"} and len(t) >= 2)
    return marks >= 2 and marks * 3 >= len(toks)


def test_residue_line_tests_say_what_the_plain_forms_say():
    extra = ["::: Read also ...", "Menu ›", "Home...", "… more", "Photo –", "x..", "...", ":",
             "?? Sunday July 9 ?? ?? ???", "�� ��"]
    for line in _lines() + extra:
        assert residue_shape.norm(line) == _norm_before(line), line
        s = residue_shape.norm(line)
        assert residue_shape.paywall_cues(s) == _cues_before(s), line
        assert residue_context._key(line) == _key_before(line), line
        assert residue_shape.is_lost_emoji(line) == _lost_emoji_before(line), line


def _marks_before(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, i = [], lo
    while i < hi:
        if text[i] in typography_quotes.MARKS:
            j = i + 1
            if j < hi and text[j] in typography_quotes.MARKS:
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def test_quote_marks_of_a_line_are_the_walk_over_its_characters():
    for text in TEXTS:
        for b in Document(text).blocks:
            got = [(m.pos, m.end) for m in typography_quotes._marks(text, b.start, b.end)]
            assert got == _marks_before(text, b.start, b.end)


def test_fold_without_the_table_is_the_fold_with_it():
    for text in TEXTS + EDGES + ["", "I\u0130i\u0131", "ſK\u212aß"]:
        assert fold(text) == text.translate(_DOTS).casefold()


def test_french_tokens_compare_and_hash_by_their_fields():
    a, b = Token(0, 2, "l’", True), Token(0, 2, "l’", True)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Token(0, 2, "l’") and a != (0, 2, "l’", True)
    assert (a.lower, a.capital) == ("l'", False)
    assert repr(Token(3, 8, "Orsay")) == "Token(start=3, end=8, text='Orsay', elision=False)"
    toks = tokens("L’État d'Orsay it’s qu’il", 0, 25)
    assert [(t.text, t.elision, t.capital) for t in toks] == [
        ("L’", True, True), ("État", False, True), ("d'", True, False), ("Orsay", False, True),
        ("it’s", False, False), ("qu’", True, False), ("il", False, False)]


def test_metonyms_only_match_a_text_that_names_a_building():
    _, pats = proper_names._metonyms()
    found = Counter()
    for text in TEXTS:
        for pat, _ in pats:
            if pat.search(text):
                found[pat.pattern] += 1
                assert proper_names._any_building().search(text), text[:80]
    assert found  # the edge lines name the tenants of Bercy and Matignon
