"""Residue by its neighbours: what a line's shape alone cannot settle.

A short capitalised line without a full stop is a crosshead in the middle of
an article and the linked headline of another story under a ``Read also``
label, or in the block of page furniture after the article's last sentence.
:func:`mark_by_context` takes the marks the shapes gave
(:func:`mtfix.detectors.residue_shape.shape_kind`) and adds:

* the headline line that follows a related-link label alone on its line;
* a headline repeated later in the text (the first copy stays);
* the tail of the text: after the last line of prose, a block that holds
  page furniture takes with it the headlines, rubric labels, tag lines and
  bullet tags between and around that furniture. A tail needs a line of prose
  before it and furniture (or a list of bullet tags) inside it, so a short
  article, a crosshead or a text that ends on a question is never a tail.
"""
from __future__ import annotations

import re

from mtfix.detectors.residue_shape import headline_like, is_bullet_tag, is_related_label
from mtfix.detectors.residue_vocab import SECTIONS, SOURCE_SUFFIX
from mtfix.model import Tier

#: What a line is and the tier its removal deserves.
Mark = tuple[str, Tier]

_BULLET = re.compile(r"^\s*[•·▪●◦‣∙*–-]\s+")
#: Widget labels whose items follow them one a line (``Tags:`` then ``• Macron``).
_LIST_LABELS = frozenset({"tag list", "sharing widget"})
#: A person's name alone on its line: two to four capitalised words, no full stop.
_NAME_LINE = re.compile(r"[A-ZÀ-Ý][\w'’-]+(?:\s+(?:de|du|des|le|la|van|von|[A-ZÀ-Ý][\w'’.-]*)){1,3}")
#: A line of rules, stars or dots: ``———``, ``* * *``, ``___``.
_SEPARATOR = re.compile(r"[-–—_*•·=~#+.\s]{3,}")

#: A bullet list this long, alone after the article, is a tag or share list.
TAG_RUN = 3


_FINAL_STOP_RE = re.compile(r"[.!?…]['\"”’»)\]]*$")


def _key(line: str) -> str:
    """A headline as compared with its copies: case, spacing, punctuation (a copy
    from the URL slug has none) and the outlet's name the scraper glued to one copy
    do not count."""
    if any(c in line for c in "–—|-"):  # the dash or pipe before the outlet's name
        line = SOURCE_SUFFIX.sub("", line)
    # quotation marks of any kind go with the rest of the punctuation
    return " ".join(_PUNCT.sub("", line.replace("-", " ").replace("_", " ").casefold()).split())


_PUNCT = re.compile(r"[^\w\s]")


def mark_by_context(lines: list[str], marks: list[Mark | None], joined: list[bool] | None = None) -> None:
    """Add, in place, the marks that the neighbours of a line decide.

    ``joined[i]``: line ``i`` follows the line before it in the same paragraph
    (a single line break), as the links of one related-link box do."""
    n = len(lines)
    joined = joined or [False] * n
    for i in range(n - 1):  # "Read also" alone, then the headline(s) it links
        if marks[i] is None or marks[i + 1] is not None or not is_related_label(lines[i]):
            continue
        bullets = _BULLET.match(lines[i + 1]) is not None  # a bulleted list of links
        j = i + 1
        while j < n and marks[j] is None and headline_like(_BULLET.sub("", lines[j]), 25, questions=True) \
                and (j == i + 1 or (_BULLET.match(lines[j]) if bullets else joined[j])):
            marks[j] = ("related-article link", marks[i][1])
            j += 1
    for i in range(n - 1):  # "Tags:" or "Share this:" alone, then its bulleted items
        if marks[i] is None or marks[i][0] not in _LIST_LABELS or not lines[i].rstrip().endswith(":"):
            continue
        j = i + 1
        while j < n and marks[j] is None and is_bullet_tag(lines[j]):
            marks[j] = (marks[i][0], marks[i][1])
            j += 1
    for i in range(n - 1):  # "About the author", then the author's name alone
        if marks[i] is not None and marks[i][0] == "author box" and marks[i + 1] is None \
                and _NAME_LINE.fullmatch(lines[i + 1].strip()):
            marks[i + 1] = ("author box", marks[i][1])
    if n > 1 and marks[0] is None and marks[1] is None and is_rubric(lines[0]) and len(lines[0].split()) <= 2 \
            and headline_like(lines[1]) and len(lines[1].split()) >= 3:
        marks[0] = ("section label", Tier.SUGGESTED)  # the site's rubric above the headline
    prose_before = False  # at the top, a rubric and a headline are the article's own
    for i in range(n - 1):  # "CULTURE" or "Lille", then the headline of another story
        if marks[i] is None and not headline_like(lines[i]):
            prose_before = True
        if prose_before and marks[i] is None and marks[i + 1] is None and is_rubric(lines[i]) \
                and headline_like(lines[i + 1], max_words=25) and len(lines[i + 1].split()) >= 3:
            marks[i] = marks[i + 1] = ("related-article link with its rubric", Tier.SUGGESTED)
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):  # a headline repeated further down
        key = _key(line)
        slug_copy = i <= 5 and key in seen and not _FINAL_STOP_RE.search(line.strip())  # "at the conference..."
        if len(key.split()) < 3 or not (headline_like(line) or slug_copy):
            continue
        if key in seen and marks[i] is None and marks[seen[key]] is None:
            adjacent = seen[key] + 1 == i and len(key.split()) >= 4 and \
                lines[i].strip().startswith(lines[seen[key]].strip())  # duplicate_caption's
            if not adjacent:
                marks[i] = ("repeated headline", Tier.SAFE)
        seen.setdefault(key, i)
    heads = [(i, _key(lines[i])) for i in range(min(n, 6)) if headline_like(lines[i])]
    for i, line in enumerate(lines[:8]):  # "Macron wins the vote in the…": a cut copy of the headline
        s = line.strip()
        if marks[i] is not None or not s.endswith(("…", "...")):
            continue
        key = _key(s)
        if len(key.split()) >= 5 and any(j < i and h.startswith(key) and h != key for j, h in heads):
            marks[i] = ("repeated headline", Tier.SUGGESTED)
    _mark_tail(lines, marks)
    for i in range(1, n - 1):  # between two lines of sure residue, a likely one is sure too
        if marks[i] is not None and marks[i][1] is Tier.SUGGESTED and all(
                marks[j] is not None and marks[j][1] is Tier.SAFE for j in (i - 1, i + 1)):
            marks[i] = (marks[i][0], Tier.SAFE)
    for i, line in enumerate(lines):  # a separator line that opens or closes residue
        if marks[i] is None and _SEPARATOR.fullmatch(line.strip()):
            near = [marks[j] for j in (i - 1, i + 1) if 0 <= j < n and marks[j] is not None]
            if near:
                marks[i] = ("separator", near[0][1])


def is_rubric(line: str) -> bool:
    """A section label alone: one to three words, all capitals or section names."""
    s = line.strip().rstrip(":")
    ws = s.split()
    if not 1 <= len(ws) <= 3 or not all(w.replace("-", "").replace("&", "").isalpha() for w in ws):
        return False
    letters = "".join(ws)
    if letters.isupper() and len(letters) >= 3:
        return True
    return all(w.lower() in SECTIONS for w in ws if w != "&")


def _weak(line: str) -> bool:
    """Could the line be furniture in a tail: a tag, a rubric, a short headline, or a
    longer one with a headline's colon (a truncated last paragraph has none)."""
    if is_bullet_tag(line):
        return True
    if not headline_like(line):
        return False
    return len(line.split()) <= 12 or _HEADLINE_COLON.match(line.strip()) is not None


_HEADLINE_COLON = re.compile(r"(?:\S+\s+){0,7}?\S+\s?:\s+\S")


#: A label that announces a list: a text never ends on it.
_LABEL_END = re.compile(r"(?!.*\b(?i:is|are|was|were|be|been|has|have|had|will|would|can|could|should|must|said|says|say"
                        r"|told|added|explained|declared|here|there|he|she|they|we|i|you|it|who|what|which|that|this|these"
                        r"|following|follows)\b)[A-ZÀ-Ý][^.!?:]{0,60}\s?:")

#: This many linked headlines in a row, alone after the last sentence, are a related-links box.
LINK_RUN = 3


def _link_list(tail: list[str]) -> bool:
    """Is the tail a list of linked headlines: at least LINK_RUN lines, each a
    headline of four words or more, most of six or more (a crosshead or two at
    the end of a truncated article are fewer and shorter)?"""
    heads = [t for t in tail if t.strip()]
    if len(heads) < LINK_RUN or not all(headline_like(t) and len(t.split()) >= 4 for t in heads):
        return False
    return sum(len(t.split()) >= 6 for t in heads) * 3 >= len(heads) * 2


def _mark_tail(lines: list[str], marks: list[Mark | None]) -> None:
    """The block of furniture after the article's last line of prose."""
    n = len(lines)
    k = n
    while k > 0 and (marks[k - 1] is not None or _weak(lines[k - 1])):
        k -= 1
    if k == 0 or k == n:
        return  # no prose before it (a list, a short text), or no tail at all
    anchored = any(marks[j] is not None for j in range(k, n))
    tags = sum(1 for j in range(k, n) if is_bullet_tag(lines[j]))
    if not anchored and _LABEL_END.fullmatch(lines[n - 1].strip()) and len(lines[n - 1].split()) <= 6:
        marks[n - 1] = ("related-article label", Tier.SUGGESTED)  # "Latest News on :", its list lost
        anchored = True
    if not anchored and tags < TAG_RUN and not _link_list(lines[k:n]):
        return
    for j in range(k, n):
        if marks[j] is None:
            kind = "tag list" if is_bullet_tag(lines[j]) else "related links"
            marks[j] = (kind, Tier.SUGGESTED)
