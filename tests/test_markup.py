"""HTML and Markdown articles (issue #15 §1, §4): the reader's text, fixes carried back
to the source, markup byte for byte.

The seed article written as an HTML page and as Markdown (tests/data/markup/)
must get the same textual repairs as the text version, with its related-link
paragraphs and comment form removed as whole elements and every other byte of
markup unchanged. Properties over generated documents check the same for
mixtures of inline markup, entities, comments and code."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import mtfix
from mtfix.errors import InputError
from mtfix.markup import Unmappable, format_for_path, read_markup
from mtfix.markup.html import _tokenize
from mtfix.model import Edit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "markup"
SEED = ROOT.parent / "shared" / "corpus" / "seed-article.txt"


@pytest.fixture(scope="module")
def engine():
    return mtfix.load(lm=False, grammar=False)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _markup_tokens(source: str) -> list[tuple[int, int]]:
    """Source spans of every non-text HTML token (tags, comments, declarations)."""
    return [(s, e) for kind, s, e, _ in _tokenize(source, "x") if kind not in ("data", "entity")]


def _removed_spans(source: str, fixed_source: str) -> list[tuple[int, int]]:
    import difflib
    sm = difflib.SequenceMatcher(None, source, fixed_source, autojunk=False)
    return [(i1, i2) for op, i1, i2, _j1, _j2 in sm.get_opcodes() if op in ("delete", "replace")]


# -- the seed article -----------------------------------------------------------------

@pytest.mark.parametrize("name,fmt", [("seed.html", "html"), ("seed.md", "markdown")])
def test_reader_text_is_the_seed_article(name, fmt):
    view = read_markup((DATA / name).read_text(encoding="utf-8"), fmt)
    assert _lines(view.text) == _lines(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name,fmt", [("seed.html", "html"), ("seed.md", "markdown")])
def test_seed_gets_the_repairs_of_the_text_version(engine, name, fmt):
    source = (DATA / name).read_text(encoding="utf-8")
    expected = engine.fix(SEED.read_text(encoding="utf-8")).text
    result = engine.fix_markup(source, fmt)
    assert not result.refused, [(f.rule, why) for f, why in result.refused]
    assert _lines(read_markup(result.source, fmt).text) == _lines(expected)
    assert "Read also" not in result.source and "LEAVE A REPLY" not in result.source
    assert engine.fix_markup(result.source, fmt).source == result.source  # idempotent


def test_seed_html_markup_survives_except_whole_removed_elements(engine):
    source = (DATA / "seed.html").read_text(encoding="utf-8")
    out = engine.fix_markup(source, "html").source
    before = [source[s:e] for s, e in _markup_tokens(source)]
    after = [out[s:e] for s, e in _markup_tokens(out)]
    removed = before[:]
    for tag in after:  # after is before with whole elements taken out, in order
        assert tag in removed, tag
        removed = removed[removed.index(tag) + 1:]
    gone = [t for t in before if before.count(t) > after.count(t)]
    assert '<div id="respond" class="comment-respond">' in gone
    assert '<p class="related">' in gone and '<p class="wp-caption-text">' in gone
    assert after.count("</div>") == before.count("</div>") - 1
    # the <head>, the script with its `<` and `&&`, and the figure's <img alt> are untouched
    assert out.startswith(source[:source.index("<body>")])
    assert '<img src="esper.jpg" alt="Mark Esper at a press conference" width="640">' in out


def test_seed_markdown_front_matter_and_links_survive(engine):
    source = (DATA / "seed.md").read_text(encoding="utf-8")
    out = engine.fix_markup(source, "markdown").source
    assert out.startswith('---\ntitle: "Risk of escalation"\nlayout: post\n---\n')
    assert "![Mark Esper at a press conference](esper.jpg)" in out
    assert "[Read also" not in out and "(/related.html)" not in out  # the link lines went whole


# -- mapping -------------------------------------------------------------------------

def test_entities_map_whole_and_are_never_cut():
    src = "<p>Tom &amp; Jerry&#8217;s show , tonight</p>"
    view = read_markup(src, "html")
    assert view.text == "Tom & Jerry’s show , tonight\n"
    amp = view.text.index("&")
    assert view.map_edit(Edit(amp, amp + 1, "and")) == [Edit(src.index("&amp;"), src.index("&amp;") + 5, "and")]
    comma = view.text.index(" ,")
    (e,) = view.map_edit(Edit(comma, comma + 1, ""))
    assert src[e.start:e.end] == " "
    (e,) = view.map_edit(Edit(amp - 1, amp + 2, " and "))  # an edit over an entity takes all its bytes
    assert src[e.start:e.end] == " &amp; "
    # replacement text is escaped for HTML
    w = view.text.index("show")
    (e,) = view.map_edit(Edit(w, w + 4, "<show> & tell"))
    assert e.replacement == "&lt;show&gt; &amp; tell"


def test_edit_across_inline_markup_is_refused():
    view = read_markup("<p>the <b>general</b> Mark Milley</p>", "html")
    lo = view.text.index("the general")
    with pytest.raises(Unmappable):
        view.map_edit(Edit(lo, lo + len("the general"), "General"))
    g = view.text.index("general")
    (e,) = view.map_edit(Edit(g, g + 1, "G"))
    assert e.replacement == "G"


def test_script_style_code_and_attributes_are_not_text(engine):
    src = ('<html><head><title>the 1st October</title><style>p{x:1}</style></head><body>'
           '<p>He said <code>the 1st October</code> twice.</p>'
           '<script>var s = "the 1st October";</script>'
           '<img alt="the 1st October" src="a.png"><pre>the 1st October</pre>'
           '<p>It happened on the 1st October.</p></body></html>')
    view = read_markup(src, "html")
    assert "var s" not in view.text and "p{x:1}" not in view.text
    assert view.text.count("the 1st October") == 2  # the <code> one is seen, the rest is not text
    out = engine.fix_markup(src, "html").source
    assert out.count("the 1st October") == 5  # title, code, script, alt, pre: only the <p> one is fixed
    assert "on October 1." in out


@pytest.mark.parametrize("src", [
    "<p>Unclosed <b>bold and <i>italic\n<p>Next paragraph",
    "<p>A broken entity &amp without semicolon &foo; and &#99999999; here</p>",
    "<p>a < b and c > d, 3 <4</p>",
    "<div><p>x</div></p><!-- unclosed comment",
    "<p>attr <a href='x\"y'>link</a> <br/> <img src=x></p><![CDATA[ raw ]]>",
    "\ufeff<!DOCTYPE html><p>BOM first</p>",
])
def test_odd_html_is_read_exactly_or_refused(engine, src):
    try:
        view = read_markup(src, "html")
    except InputError as e:
        assert "cannot" in str(e)
        return
    for p in view.pieces:
        if p.kind == "text":
            assert src[p.src_start:p.src_end] == view.text[p.text_start:p.text_end]
    out = engine.fix_markup(src, "html").source
    assert [out[s:e] for s, e in _markup_tokens(out)] == [src[s:e] for s, e in _markup_tokens(src)] or \
        len(out) < len(src)


def test_format_by_extension():
    assert format_for_path("a/B.HTML") == "html" and format_for_path("x.htm") == "html"
    assert format_for_path("post.md") == "markdown" and format_for_path("post.markdown") == "markdown"
    assert format_for_path("a.txt") == "text" and format_for_path("README") == "text"


def test_markdown_code_and_escapes():
    src = "A `the 1st October` span and \\*stars\\* , then\n\n```\nthe 1st October\n```\n"
    view = read_markup(src, "markdown")
    assert view.text.startswith("A the 1st October span and *stars* , then")
    assert "\n```" not in view.text and view.text.count("1st October") == 1
    code = view.text.index("the 1st")
    with pytest.raises(Unmappable):
        view.map_edit(Edit(code, code + 3, "The"))  # code is seen, never edited
    star = view.text.index("*stars")
    (e,) = view.map_edit(Edit(star, star + 1, ""))
    assert src[e.start:e.end] == "\\*"


# -- properties ----------------------------------------------------------------------

SENTENCES = [
    "The minister said the agreement would be signed in October .",
    "He met the general Mark Milley , the Chief of Staff.",
    "It started the 1st October, in Baghdad.",
    "Tom & Jerry met at the café « Le Monde » on Monday.",
    "Read also: American killed in rocket attack",
    "Prices rose by 3,5 % over one year.",
    "She said \"Success\" these strikes.",
    "A plain sentence with nothing to fix.",
]
INLINE = ["<b>", "</b>", "<em>", "</em>", '<a href="/x?a=1&amp;b=2">', "</a>", "<!-- c -->", "&nbsp;", "&amp;",
          "&#8217;", "<code>x</code>", "<br>", "<span class=\"s\">", "</span>"]


@st.composite
def html_documents(draw):
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        words = draw(st.sampled_from(SENTENCES)).split(" ")
        out = []
        for w in words:
            if draw(st.integers(0, 5)) == 0:
                out.append(draw(st.sampled_from(INLINE)))
            out.append(w.replace("&", "&amp;"))
        tag = draw(st.sampled_from(["p", "li", "h2", "figcaption", "blockquote", "div"]))
        sep = draw(st.sampled_from([" ", "\n  ", "  "]))
        blocks.append(f"<{tag}>{sep.join(out)}</{tag}>")
    return "<article>\n" + "\n".join(blocks) + "\n</article>\n"


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
@settings(max_examples=60, deadline=None)
@given(html_documents())
def test_html_fix_changes_only_text_and_whole_elements(src):
    engine = _ENGINE()
    result = engine.fix_markup(src, "html")
    out = result.source
    before = [src[s:e] for s, e in _markup_tokens(src)]
    after = [out[s:e] for s, e in _markup_tokens(out)]
    rest = before[:]
    for tag in after:
        assert tag in rest
        rest = rest[rest.index(tag) + 1:]
    # the text of the output is the text-level fix of the text, up to refused fixes
    if not result.refused:
        expected = engine.fix(read_markup(src, "html").text).text
        assert _lines(read_markup(out, "html").text) == _lines(expected)
    assert engine.fix_markup(out, "html").source == out  # idempotent


_CACHE: dict[str, object] = {}


def _ENGINE():
    if "e" not in _CACHE:
        _CACHE["e"] = mtfix.load(lm=False, grammar=False)
    return _CACHE["e"]


# -- five corpus articles as saved pages ------------------------------------------------

PAGES = sorted((DATA / "pages").glob("*.html"))


def test_five_pages():
    assert len(PAGES) == 5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_saved_page_keeps_its_markup(engine, page):
    """The tag sequence after `fix` is the one before, less whole removed elements, and the
    reader's text is the text-level fix of the page's text (tests/data/markup/make_pages.py)."""
    src = page.read_text(encoding="utf-8")
    result = engine.fix_markup(src, "html", tiers=["safe", "suggested"])
    out = result.source
    before = [src[s:e] for s, e in _markup_tokens(src)]
    after = [out[s:e] for s, e in _markup_tokens(out)]
    rest = before[:]
    for tag in after:
        assert tag in rest, tag
        rest = rest[rest.index(tag) + 1:]
    removed = len(before) - len(after)
    # the <head> (styles, scripts with `<` and `&&`) and the closing scripts come through byte for byte
    assert out[:out.index("<body")] == src[:src.index("<body")]
    assert out[out.rindex("<script"):] == src[src.rindex("<script"):]
    view = read_markup(src, "html")
    text_fix = engine.fix(view.text, tiers=["safe", "suggested"]).text
    if not result.refused:
        assert _lines(read_markup(out, "html").text) == _lines(text_fix)
    assert removed >= 0


MD_INLINE = ["**", "_", "`x`", "[", "](/a?b=1)", "&amp;", "\\*", "<b>", "</b>", "![i](p.png)"]


@st.composite
def markdown_documents(draw):
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        words = draw(st.sampled_from(SENTENCES)).replace("&", "&amp;").split(" ")
        if draw(st.booleans()):
            i = draw(st.integers(0, len(words) - 1))
            words[i] = f"**{words[i]}**"
        if draw(st.integers(0, 3)) == 0:
            words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(["`code`", "&amp;", "\\*",
                                                                               "<b>x</b>", "![i](p.png)"])))
        lead = draw(st.sampled_from(["", "# ", "## ", "- ", "1. ", "> "]))
        blocks.append(lead + " ".join(words))
    return "---\ntitle: t\n---\n\n" + "\n\n".join(blocks) + "\n"


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
@settings(max_examples=60, deadline=None)
@given(markdown_documents())
def test_markdown_fix_keeps_markup_and_is_idempotent(src):
    engine = _ENGINE()
    try:
        result = engine.fix_markup(src, "markdown")
    except InputError:
        return  # refused whole: nothing written (the CLI exits 2)
    out = result.source
    assert out.startswith("---\ntitle: t\n---\n")
    for token in ("`code`", "![i](p.png)", "<b>x</b>"):
        assert out.count(token) <= src.count(token)
        if token in src and not any(f.category == "residue" for f, _ in result.applied):
            assert out.count(token) == src.count(token)
    if not result.refused:
        expected = engine.fix(read_markup(src, "markdown").text).text
        assert _lines(read_markup(out, "markdown").text) == _lines(expected)
    assert engine.fix_markup(out, "markdown").source == out
