"""Web residue: page furniture a scraper kept and MT translated (class 1).

Residue is judged a whole line at a time: ``Read also American killed ...`` on
a line of its own is a related-link teaser, while "Read also the report..."
inside a paragraph is a sentence. ``web_residue`` works in three steps:

1. each line gets a mark from the label patterns below or from its shape
   (:mod:`mtfix.detectors.residue_shape`: chrome vocabulary, dates, credits,
   code), with the tier the shape deserves;
2. the neighbours add what a shape cannot settle
   (:mod:`mtfix.detectors.residue_context`: the headline under a label, a
   repeated headline, the tail of furniture after the last line of prose);
3. runs of marked lines become findings, one per run of one tier.

A run of residue lines goes as one edit so that the paragraph spacing around
it stays tidy:

* in the middle of a text, from the start of the first residue line to the
  start of the next kept line (its blank lines go with it);
* at the end, from the end of the last kept line to the end of the last residue
  line, so a file that ended without a newline still does, and one that ended
  with one still does.

Lines and their starts are the document's (:meth:`Document.line_start`, the
line breaks of :meth:`str.splitlines`), never a search for ``"\n"``: a file
whose paragraphs are separated by U+2028, a form feed or ``\r\r`` loses
nothing but the residue.

A line pattern that ends in ``.*`` (a label and whatever follows it, such as
``Article reserved for our subscribers ...``) only takes the whole line when
what follows the label is itself residue or a teaser headline. When the rest
reads as prose (it ends with a full stop, holds two sentences, or is longer
than any headline) a scraper glued the label to the article: the label alone
goes and the sentence stays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from mtfix.anchors import may_match
from mtfix.detectors import DetectorContext, detector
from mtfix.detectors.residue_context import Mark, mark_by_context
from mtfix.detectors.residue_shape import label_and_headline, reads_as_prose, shape_kind
from mtfix.detectors.residue_vocab import CREDIT_NAMES, SOURCE_SUFFIX
from mtfix.document import Document
from mtfix.model import Finding, Fix, Tier

#: Arrows, pointing hands and other pictographs a site puts before a label: ``👉 READ ALSO``.
_EMOJI = r"[\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff\ufe0f]"

#: Line patterns (matched against the whole stripped line) and what they are.
#: A pattern ending in ``.*`` is a label followed by anything (see above).
DEFAULT_LINES: list[tuple[str, str]] = [
    (r"[”\"’»]?\s*(?:>>\s*|»\s*|" + _EMOJI + r"+\s*)?(?i:read also|see also|also read|also see|to read also|to read too|read more|read too"
     r"|read again|to see also|see too|to discover also|discover also|also discover|to watch also|watch also|also watch"
     r"|lire aussi|zapping)\b(?:\s*(?:[:|–—-]|>>|»|\.(?=\s))\s*(?=\S)|\s*(?=[\"“«']?[A-Z0-9À-Ý])).*",
     "related-article link"),
    # other labels of related-link boxes, with the separator that says a headline follows
    (r"[”\"’»]?\s*(?:>>\s*|»\s*|" + _EMOJI + r"+\s*)?(?i:related(?: articles?| posts?| stories| news| content)?|recommended(?: for you)?"
     r"|suggested(?: articles?| reading)?|to listen(?: also| too)?|listen also|also listen|to listen again|to watch|watch"
     r"|learn more|find out more|to find out more|to know more|to go further|further reading|more on (?:the|this) (?:subject|topic)"
     r"|on the same (?:subject|topic|theme)|editor'?s picks?|must read|don'?t miss|do not miss|not to be missed"
     r"|in the same (?:section|category|file)|our (?:file|dossier)|to read|to see|to discover|read next|up next"
     r"|read|see|discover|à lire(?: aussi)?|voir aussi"
     r"|(?:read|see|watch|discover)(?: also| too| more)? on [^:|.!?]{1,30}?)\s*(?:[:|–—-]|>>|»|\.(?=\s))\s*"
     r"(?=[\"“«']?[A-Z0-9À-Ý]).*",
     "related-article link"),
    # "L'essentiel" glued to the standfirst: ``The essentials On this Thursday afternoon, ...``
    (r"(?i:the essentials)\s+(?=[A-Z]).*", "section label"),
    # Le Monde's "Lire aussi l'enquête : ..." as MT gives it: the whole line when the
    # linked headline after the colon ends without a full stop
    (r"(?:>>\s*|»\s*)?(?i:read also|also read|see also|to read also)\s+(?i:the|our|his|her|this|a|an)\s+(?:\w+\s+){0,2}"
     r"\w+\s*[:|]\s*(?=[\"“«']?[A-Z0-9À-Ý])[^\n]*[^.\s]", "related-article link"),
    (r"(?:Article|Content) reserved for (?:our )?subscribers\b.*", "paywall teaser"),
    (r"(?:Subscriber|Subscribers)(?:-only)? (?:article|content)\b.*", "paywall teaser"),
    (r"Subscribe (?:for|from) (?:only )?\S*\d\S*(?: (?:per|a|/) ?(?:month|year|week))?.*",
     "subscription offer"),
    (r"(?i:leave a reply|leave a comment|post a comment|add a comment)\s*", "comment form"),
    (r"(?i:please enter your (?:comment|name|e-?mail(?: address)?)(?: here)?)\s*[!.]?\s*", "comment form"),
    (r"(?i:you have entered an incorrect e-?mail address)\s*!?\s*", "comment form"),
    (r"(?i:save my name, e-?mail,? and website in this browser(?: for the next time I comment\.?)?).*",
     "comment form"),
    (r"(?:Decoders|Chronic|Chronicle|Tribune|Editorial|Op-ed|Decryption)\.", "section label"),
    (r"(?i:share (?:this article|on facebook|on twitter))\s*", "sharing widget"),
]



@dataclass(frozen=True)
class LinePattern:
    """One residue line pattern; ``label`` is its part before a final ``.*``."""

    line: re.Pattern
    label: re.Pattern | None
    what: str


def _label_of(pattern: str) -> re.Pattern | None:
    """The pattern without its final ``.*`` / ``.+`` (None when it has none)."""
    if not pattern.endswith((".*", ".+")):
        return None
    body = pattern[:-2]
    slashes = len(body) - len(body.rstrip("\\"))
    if slashes % 2:
        return None  # ``\.*``: literal dots
    try:
        return re.compile(body)
    except re.error:
        return None


def _compile(patterns: Iterable[tuple[str, str]]) -> list[LinePattern]:
    return [LinePattern(re.compile(p), _label_of(p), what) for p, what in patterns]


_DEFAULT = _compile(DEFAULT_LINES)


def classify(line: str, patterns: list[LinePattern] | None = None,
             _depth: int = 0) -> tuple[str, int] | None:
    """What a stripped line is, and how much of it is residue.

    ``(kind, cut)``: ``line[:cut]`` is residue; ``cut == len(line)`` is the
    whole line, otherwise ``line[cut:]`` is prose glued to a label. None: not
    residue.
    """
    for lp in patterns or _DEFAULT:
        if not lp.line.fullmatch(line):
            continue
        m = lp.label.match(line) if lp.label is not None else None
        if m is None:
            return lp.what, len(line)
        rest_at = m.end() + len(line[m.end():]) - len(line[m.end():].lstrip())
        rest = line[rest_at:]
        if not rest:
            return lp.what, len(line)
        if _depth < 3:
            inner = classify(rest, patterns, _depth + 1)
            if inner is not None:  # "Article reserved ... Read also ...": residue again
                return lp.what, rest_at + inner[1]
        if reads_as_prose(rest) or _prose_before_label(rest, patterns, _depth):
            return lp.what, rest_at
        return lp.what, len(line)
    return None


_AFTER_STOP = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?=\S)")


def _prose_before_label(rest: str, patterns, depth: int) -> bool:
    """``Read also The minister resigned on Monday... Read also <headline>``: the
    sentence before a second label is prose of its own (the second label and
    its headline are residue glued to it, handled as such)."""
    if depth >= 3:
        return False
    for m in _AFTER_STOP.finditer(rest):
        if classify(rest[m.end():], patterns, depth + 1) is not None:
            return reads_as_prose(rest[:m.end()].rstrip())
    return False


def residue_kind(line: str, patterns: list[LinePattern] | None = None) -> str | None:
    """What a whole line of residue is (None: not residue, or prose after a label)."""
    s = line.strip()
    got = classify(s, patterns)
    return got[0] if got is not None and got[1] == len(s) else None


def removal_span(doc: Document, i_first: int, i_last: int) -> tuple[int, int]:
    """The span that removes the blocks ``i_first..i_last`` (whole lines) and
    leaves tidy spacing.

    A run that opens a paragraph goes with the blank lines after it (the ones
    before it then separate its neighbours); a run inside a paragraph, or at
    the end of the text, goes with the line break before it.
    """
    blocks = doc.blocks
    first, last = blocks[i_first], blocks[i_last]
    if i_first == 0 and i_last + 1 == len(blocks):
        return first.start, last.end  # all residue: remove the text, keep the ends
    if first.first_in_paragraph and i_last + 1 < len(blocks) or i_first == 0:
        nxt = blocks[i_last + 1]
        return doc.line_start(first.start), doc.line_start(nxt.start)
    return blocks[i_first - 1].end, last.end


@detector("web_residue")
def web_residue(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """Whole lines that are page furniture (related links, paywalls, comment
    forms, chrome, credits, code...), judged by their shape and then by their
    neighbours; a label glued to a sentence loses the label only."""
    extra = ctx.options.get("lines", [])
    patterns = _DEFAULT + _compile((p, "residue") for p in extra)
    blocks = doc.blocks
    text = doc.text
    lines = [text[b.start:b.end] for b in blocks]
    marks: list[Mark | None] = [None] * len(blocks)
    out: list[Finding] = []
    for i, line in enumerate(lines):
        got = classify(line, patterns)
        if got is None:
            if _glued_tail(line) is None:  # a sentence then glued residue: the sentence stays
                marks[i] = shape_kind(line, lines[i - 1] if i else "") or label_and_headline(line)
            continue
        kind, cut = got
        if cut < len(line):  # a label glued to prose: the label goes, the prose stays
            label = line[:cut].rstrip()
            out.append(ctx.finding(blocks[i].start, blocks[i].start + len(label), message=(
                f"web residue ({kind}): remove the label '{label}' glued to the text"),
                fix=_fix(blocks[i].start, blocks[i].start + cut)))
            continue
        marks[i] = (kind, Tier.SAFE)
    mark_by_context(lines, marks, [i > 0 and not b.first_in_paragraph for i, b in enumerate(blocks)])
    out.extend(_run_findings(doc, ctx, lines, marks))
    out.extend(_blank_runs(doc, ctx, out))
    for i, m in enumerate(marks):  # residue glued after the last sentence of a line
        if m is None:
            g = _glued_tail(lines[i])
            if g is not None:
                lo = blocks[i].start + g.start()
                out.append(ctx.finding(lo, blocks[i].end, "", tier=min_tier(Tier.SUGGESTED, ctx.tier),
                                       message=f"web residue glued to the text: remove '{g.group().strip()}'"))
    title = next((i for i, m in enumerate(marks) if m is None), None)
    if title is not None and title + 1 < len(lines) and marks[title + 1] is None:
        head, body = lines[title], lines[title + 1]  # "Title\n\nTitle The president said...": the copy goes
        if len(head.split()) >= 4 and body.startswith(head + " ") and body[len(head) + 1:][:1].isupper():
            lo = blocks[title + 1].start
            out.append(ctx.finding(lo, lo + len(head) + 1, "", tier=min_tier(Tier.SUGGESTED, ctx.tier),
                                   message="web residue (headline repeated at the start of the text): remove the copy"))
    if title is not None and title <= 3:
        m = SOURCE_SUFFIX.search(lines[title])
        pipe = _PIPE_SUFFIX.match(lines[title])
        g = (m.start(), m.end()) if m else pipe.span(1) if pipe else None
        if g and g[0] > 0:
            lo, hi = blocks[title].start + g[0], blocks[title].start + g[1]
            out.append(ctx.finding(lo, hi, "", tier=min_tier(Tier.SUGGESTED, ctx.tier),
                                   message=f"web residue (source name glued to the headline): "
                                           f"remove '{text[lo:hi].strip()}'"))
    return out


#: Residue a scraper glued after the last sentence of a paragraph: a related link
#: (its headline without a full stop), a paywall notice, a scraper footer.
_GLUED_TAIL = re.compile(
    r"(?<=[.!?”\"»]) *(?:"
    r"(?:>>\s*)?(?i:read also|also read|to read also|see also|read more)\s*[:|–—-]?\s*[\"“«]?[A-Z0-9À-Ý][^.!?…\n]{0,160}"
    r"(?<!\s)"
    r"|(?:>>\s*)?(?i:related(?: articles?)?|to read(?: also| too)?|read too|see too|also see|to see also|don'?t miss"
    r"|not to be missed|recommended)\s*[:|–—-]\s*[\"“«]?[A-Z0-9À-Ý][^.!?…\n]{0,160}(?<!\s)"
    r"|(?:The rest of|The remainder of) (?:this|the) article is (?:reserved )?for (?:our )?subscribers[^\n]{0,80}"
    r"|(?:This article|Article|This content) is reserved for (?:our )?subscribers[^\n]{0,80}"
    r"|[A-Z][^.!?\n]{0,40} reserves (?:this|the) article for its subscribers[^\n]{0,80}"
    r"|Source link|Original article published on[^.!?\n]{0,60}"
    r")\s*$")


#: ``Macron wins the vote in the Assembly | Time News``: a page title's site name after a pipe
#: (a headline of five words or more before it, a name of one to four after it).
_PIPE_SUFFIX = re.compile(r"^(?:[^|\s]+\s+){4,}?[^|\s]+(\s+\|\s+[A-ZÀ-Ý0-9][\w.'’&-]*(?:\s+[A-ZÀ-Ý0-9][\w.'’&-]*){0,3}\s*)$")



def _glued_tail(line: str) -> "re.Match | None":
    m = _GLUED_TAIL.search(line)
    return m if m is not None and m.start() > 0 else None


def min_tier(a: Tier, b: Tier) -> Tier:
    return a if a.rank < b.rank else b


def _run_findings(doc: Document, ctx: DetectorContext, lines: list[str],
                  marks: "list[Mark | None]") -> list[Finding]:
    """One finding per run of residue lines of one tier; the runs of one block of
    residue share one spacing convention, so their spans never overlap and any
    subset of them leaves tidy spacing."""
    blocks, n, out = doc.blocks, len(doc.blocks), []
    i = 0
    while i < n:
        if marks[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < n and marks[j + 1] is not None:
            j += 1
        at_end = j + 1 == n and i > 0
        inside = i > 0 and not blocks[i].first_in_paragraph
        k = i
        while k <= j:
            tier = marks[k][1]
            m = k
            while m + 1 <= j and marks[m + 1][1] == tier:
                m += 1
            if at_end or inside:
                lo, hi = blocks[k - 1].end, blocks[m].end
            elif m + 1 < n:
                lo, hi = doc.line_start(blocks[k].start), doc.line_start(blocks[m + 1].start)
            else:
                lo, hi = doc.line_start(blocks[k].start), blocks[m].end
            if k == i and marks[k][0] == "photo credit" and k > 0:
                dash = re.search(r"\s+[-–—]$", lines[k - 1])
                if dash:  # the dash that joined the credit to its caption goes too
                    lo, hi = blocks[k - 1].start + dash.start(), blocks[m].end
            what = ", ".join(dict.fromkeys(mk[0] for mk in marks[k:m + 1]))
            cnt = m - k + 1
            msg = f"web residue ({what}): remove {'this line' if cnt == 1 else f'these {cnt} lines'}"
            tier = min_tier(tier, ctx.tier)
            out.append(ctx.finding(blocks[k].start, blocks[m].end, message=msg, tier=tier,
                                   fix=_fix(lo, hi)))
            k = m + 1
        i = j + 1
    return out


#: Four empty lines or more: what a removed embed or advertisement leaves.
_BLANK_RUN = re.compile(r"(?:[ \t]*(?:\r\n|\n|\r)){5,}")


def _blank_runs(doc: Document, ctx: DetectorContext, found: list[Finding]) -> list[Finding]:
    """A run of empty lines inside the text, left by an embed the scraper lost,
    shrinks to one empty line (not where a residue removal takes it anyway)."""
    out = []
    for m in _BLANK_RUN.finditer(doc.text):
        if m.start() == 0 or m.end() == len(doc.text):
            continue
        if any(f.span[0] < m.end() and m.start() < f.span[1] for f in found):
            continue
        keep = re.match(r"(?:[ \t]*(?:\r\n|\n|\r)){2}", m.group()).end()
        out.append(ctx.finding(m.start() + keep, m.end(), "", tier=Tier.SUGGESTED,
                               message="web residue (empty lines left by a removed embed): "
                                       "keep one empty line"))
    return out


def _fix(lo: int, hi: int) -> Fix:
    return Fix.replace(lo, hi, "")


_CREDIT = re.compile(
    r"(?:\s+|^)(?:(?:Photo|Image|Credit)s?\s*:?\s*)?(?:©\s*)?"
    r"(?:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*/\s*)?"
    r"(?:REUTERS|AFP|AP|ANSA|EPA|Getty Images|GETTY IMAGES|SIPA|MAXPPP|Hans Lucas|ABACA|"
    r"ASSOCIATED PRESS|[A-Z]{2,}(?:\s+[A-Z]{2,})?)(?:\s+via\s+\S+)?\s*$"
)


@detector("duplicate_caption")
def duplicate_caption(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """A caption line repeated at once, the second time with a photo credit glued
    on (``... December 29. Tom Brenner / REUTERS``) or a full stop added (a
    headline and its copy as the first line of the body): the repeat goes."""
    out: list[Finding] = []
    blocks = doc.blocks
    for i in range(1, len(blocks)):
        a, b = blocks[i - 1], blocks[i]
        ta, tb = a.text(doc), b.text(doc)
        if len(ta.split()) < 4 or not tb.startswith(ta):
            continue
        rest = tb[len(ta):]
        if rest and not _CREDIT.fullmatch(rest) and not (rest in ".!…" and not ta.endswith((".", "!", "…"))):
            continue
        lo, hi = removal_span(doc, i, i)
        credit = f" with the photo credit '{rest.strip()}'" if rest.strip() else ""
        out.append(ctx.finding(b.start, b.end, fix=_fix(lo, hi),
                               message=f"duplicated caption{credit}: remove the repeat"))
    return out


#: Credits glued to the end of a caption or paragraph, after its last sentence.
_GLUED_CREDITS = [re.compile(p) for p in (
    # ``... December 29. Tom Brenner / REUTERS``, ``... “ Jean-Christophe Marmara / JC MARMARA / LE FIGARO``
    r"(?<=[.!?”“\"]) +(?:[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+){0,3} ?/ ?){1,3}"
    r"(?:REUTERS|AFP|AP|EPA|ANSA|Getty Images|SIPA|MAXPPP|ABACA|[A-Z]{2,}(?: [A-Z]{2,}){0,2})\s*$",
    # ``... at Portbail [Credit: Benoît Martin, Radio France] |``
    r" *\[(?:Credits?|Photos?|Images?|Source|Photo credits?)\s*:[^\]\n]{1,80}\]\s*\|?\s*$",
    # ``... in Paris. (LUDOVIC MARIN / AFP)``, ``... in Paris. © AFP``
    r" *\((?:[A-ZÀ-Ý][\w'’.-]*\s*){1,4}/\s*[A-Z][\w .'’-]{1,30}\)\s*$",
    # ``... in Paris. (AFP)``; ``... in November 2019 ERIC PIERMONT / AFP`` (the caption without its full stop)
    r"(?<=[.!?”\"]) *\((?:AFP|AP|Reuters|REUTERS|EPA|ANSA|SIPA|MAXPPP|Getty Images|Belga|DPA)(?:\s*/\s*[\w .'’-]{1,30})?\)\s*$",
    r"(?<=[a-z0-9]) +(?:[A-ZÀ-Ý]{2,}[\w'’-]*(?: [A-ZÀ-Ý]{2,}[\w'’-]*){0,3} ?/ ?){1,2}"
    r"(?:AFP|REUTERS|AP|EPA|ANSA|SIPA|MAXPPP|ABACA|GETTY IMAGES|Getty Images|Hans Lucas|HANS LUCAS)\s*$",
    # ``... in Paris. (Photo: Reuters)``, ``... on Monday. (Credit: Jean Dupont / AFP)``
    r"(?<=[.!?”\"]) *\((?:Photos?|Credits?|Image|Illustration|Photo credits?)\s*(?::\s*|\s+by\s+)" + CREDIT_NAMES + r"\)\s*$",
    r"(?<=[.!?]) *©\s*[^.!?©\n]{1,40}$",
    # ``... the Renault Mégane E-Tech. Photography: Automotive-Clean``
    r"(?<=[.!?]) +(?:Photo(?:graph(?:y|s)?)?s?|Photo credits?|Credits?|Image|Illustration)\s*:\s*" + CREDIT_NAMES + "$",
    # ``... in Paris on Monday Photo: AFP``, ``... in Paris – AFP``: the caption without its full stop
    r"(?<=[\w)]) +(?:Photo(?:graph(?:y|s)?)?s?|Photo credits?|Credits?)\s*:\s*" + CREDIT_NAMES + "$",
    r"(?<=[\w.)]) +[-–—|] +(?:(?:Photo|PHOTO|Photos?|Credit)\s*:?\s*)?(?:[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,3} ?/ ?)?"
    r"(?:AFP|REUTERS|Reuters|AP|EPA|ANSA|SIPA|MAXPPP|ABACA|Getty Images|GETTY IMAGES|Hans Lucas|Belga|BELGA)\s*$",
    # ``... to stress about.” TF1 | Report by S. Rang, A. Barrier``
    r"(?<=[.!?”\"]) +(?:[A-Z0-9][\w-]*(?: [A-Z0-9][\w-]*){0,2} ?\| ?)?(?:Report|Reportage|Text|Words|Video|Images?|Photos?)"
    r" by [A-ZÀ-Ý][\w'’.-]*(?:,? (?:and |& )?[A-ZÀ-Ý][\w'’.-]*){0,12}$",
)]


@detector("photo_credit")
def photo_credit(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """A photo or report credit glued to the end of a caption line: the credit
    goes, the caption stays (``Name / AGENCY``, ``[Credit: ...]``,
    ``Photography: ...``, ``Report by ...``)."""
    out: list[Finding] = []
    for b in doc.blocks:
        line = doc.text[b.start:b.end]
        for pat in _GLUED_CREDITS:
            if not may_match(pat, line):
                continue  # a word every match holds is not on the line (mtfix.anchors)
            m = pat.search(doc.text, b.start, b.end)
            if m and m.start() > b.start:
                out.append(ctx.finding(m.start(), m.end(), ""))
                break
    return out
