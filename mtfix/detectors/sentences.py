"""Broken sentence boundaries and truncation (class 7) that a pattern cannot see.

A long line of running text that stops without final punctuation was cut
short (or two segments were merged). Headings, titles, datelines and list
items are short and carry no full stop on purpose, so only lines longer than
a heading (``min_words``) count, and not a line that ends on a list of
names (``Report by S. Rang, A. Barrier, A. Ponsar``: a credit), a hashtag or
a handle (a quoted post), or a quotation mark of either direction (MT turns
closing marks round). The flag covers the unfinished last fragment only.

Only a line that stops where no English sentence can (on a comma, an article,
a preposition, a conjunction, a modal, a subject pronoun: ``... on which we are
working (…) Only gradually, some``) is flagged. A line ending on a content word
(``the single ticket at 2.30 euros against 1.90``, a standfirst, a caption, a
list's lead-in) has lost at most its full stop, which readers do not miss and
the gold files do not count; the flag was wrong there more often than right.
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding

_END = re.compile(r"[.!?…:;\"'”’»“«)\]]\s*$")
#: Two capitalised words (or an initial and a name) at the end: a credit or a byline.
_NAMES_END = re.compile(r"(?:\b[A-Z][\w.'’-]*[ ,]+){1,}[A-Z][\w'’-]+$")
_TAG_END = re.compile(r"[#@]\w+$")
_LAST_FRAGMENT = re.compile(r"[.!?…)\]]\s+(?=[^.!?…)\]]*$)")
#: An address in the line's last word (searched in that word alone: the same
#: search over the whole line would rescan it from every "www.").
_URL_START = re.compile(r"(?:https?://|www\.)\S")
#: Words an English sentence does not end on: what is left when the rest of
#: the sentence was cut off (particles such as ``up``, ``out``, ``in`` and object
#: pronouns end sentences, so they are not here).
_OPEN_END = frozenset("""a an the my your his its our their whose every each some several no such
of at by for with between into through during from to than towards toward among amid via despite
and but or nor if because as while whereas although though that which who whom where when
can will should would could may might must shall is are was were been being has have had
i we they he she very whether unless until""".split())


@detector("unterminated_paragraph")
def unterminated_paragraph(doc: Document, ctx: DetectorContext) -> list[Finding]:
    min_words = int(ctx.options.get("min_words", 21))
    out: list[Finding] = []
    for b in doc.blocks:
        line = b.text(doc)
        if b.heading or _END.search(line) or len(line.split()) < min_words:
            continue
        if re.search(r"\s(?:–|-|—)\s*\w+$", line) or re.search(r"(?:/\s*|\s)[A-Z]{2,}$", line):
            continue  # a dateline or a photo credit
        if _URL_START.search(line.split()[-1]):
            continue  # ends with an address, which takes no full stop
        if _TAG_END.search(line) or _NAMES_END.search(line[-80:]):
            continue  # a quoted post ending on its hashtag, a credit ending on names
        last = line.rstrip().split()[-1].lower().strip("\"'“”‘’«»()")
        if not line.rstrip().endswith(",") and last not in _OPEN_END:
            continue  # a full stop lost at most: the sentence itself is whole
        tail = max(b.start, b.end - 30)
        m = _LAST_FRAGMENT.search(doc.text, tail, b.end)
        if m:
            tail = m.end()  # ``... working (…) Only gradually, some``: the fragment alone
        out.append(ctx.finding(tail, b.end, None,
                               message="running text stops without final punctuation: truncated, or merged with what follows?"))
    return out


#: A line that carries on a sentence: it opens with a comma, a semicolon or a
#: lower-case word (not a list bullet).
_CONTINUES = re.compile(r"[,;]|[a-zà-ÿ]")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_LAST_WORD_LOWER = re.compile(r"(?:^|\s)[a-zà-ÿ][\w'’-]*$")


@detector("split_sentence")
def split_sentence(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """A sentence broken over several lines: a title of a work (a show, a
    newspaper) that the page set in a link or italics lands on a line of its
    own, and what follows it starts a new line with ``, where he ...``.

    A break is mid-sentence when the next line continues the sentence (it opens
    with a comma or a lower-case word) and the line before it does not end one;
    or when the line before ends on a lower-case word (``master of``) and the
    next line is a short title or quotation followed by such a continuation
    (``He called it`` / ``“a dangerous escalation”`` / ``on Sunday.``). The run of
    lines is only joined when it ends as a sentence does (a byline such as
    ``by time news`` under a headline does not); a comma is joined without a
    space, a word with one.
    """
    max_title = int(ctx.options.get("max_title_words", 8))
    blocks = doc.blocks
    text = doc.text
    joins: dict[int, str] = {}  # index of the block after the break -> what replaces the break
    for i in range(1, len(blocks)):
        prev, cur = blocks[i - 1].text(doc), blocks[i].text(doc)
        if _CONTINUES.match(cur) and not _ENDS_SENTENCE.search(prev) and not prev.endswith((":", ";")):
            joins[i] = "" if cur[0] in ",;" else " "
    for i in list(joins):
        j = i - 1  # the title line before a continuation
        if j >= 1 and j not in joins:
            title = blocks[j].text(doc)
            before = blocks[j - 1].text(doc)
            quoted = title[:1] in "\"“«" and title[-1:] in "\"”»"
            if ((title[:1].isupper() or quoted) and len(title.split()) <= max_title
                    and (quoted or not _ENDS_SENTENCE.search(title)) and _LAST_WORD_LOWER.search(before)
                    and not _ENDS_SENTENCE.search(before)):
                joins[j] = " "
    out: list[Finding] = []
    for i in sorted(joins):
        # the run of joined lines must end as a sentence does
        k = i
        while k + 1 in joins:
            k += 1
        if not _ENDS_SENTENCE.search(blocks[k].text(doc)):
            continue
        lo, hi = blocks[i - 1].end, blocks[i].start
        out.append(ctx.finding(lo, hi, joins[i],
                               message="a sentence broken over two lines: join them"))
    return out
