"""Web residue: page furniture a scraper kept and MT translated (class 1).

Residue is judged a whole line at a time: ``Read also American killed ...`` on
a line of its own is a related-link teaser, while "Read also the report..."
inside a paragraph is a sentence. A run of residue lines goes as one edit so
that the paragraph spacing around it stays tidy:

* in the middle of a text, from the start of the first residue line to the
  start of the next kept line (its blank lines go with it);
* at the end, from the end of the last kept line to the end of the last residue
  line, so a file that ended without a newline still does, and one that ended
  with one still does.
"""
from __future__ import annotations

import re
from typing import Iterable

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Block, Document
from mtfix.model import Finding, Fix

#: Line patterns (matched against the whole stripped line, case-insensitively
#: unless they contain upper-case letters) and what they are.
DEFAULT_LINES: list[tuple[str, str]] = [
    (r"(?:READ ALSO|Read also|See also|Also read|To read also|Read more|Lire aussi)\b\s*[:–—-]?\s*"
     r"(?:[\"“«']?[A-Z0-9À-Ý]).*", "related-article link"),
    (r"(?:Article|Content) reserved for (?:our )?subscribers\b.*", "paywall teaser"),
    (r"(?:Subscriber|Subscribers)(?:-only)? (?:article|content)\b.*", "paywall teaser"),
    (r"Subscribe (?:for|from) (?:only )?\S*\d.*", "subscription offer"),
    (r"(?i:leave a reply|leave a comment|post a comment|add a comment)\s*", "comment form"),
    (r"(?i:please enter your (?:comment|name|e-?mail(?: address)?)(?: here)?)\s*[!.]?\s*", "comment form"),
    (r"(?i:you have entered an incorrect e-?mail address)\s*!?\s*", "comment form"),
    (r"(?i:save my name, e-?mail,? and website in this browser.*)", "comment form"),
    (r"(?:Decoders|Chronic|Chronicle|Tribune|Editorial|Op-ed|Decryption)\.", "section label"),
    (r"(?i:share (?:this article|on facebook|on twitter))\s*", "sharing widget"),
]


def _compile(patterns: Iterable[tuple[str, str]]) -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p), what) for p, what in patterns]


_DEFAULT = _compile(DEFAULT_LINES)


def residue_kind(line: str, patterns=None) -> str | None:
    for pat, what in patterns or _DEFAULT:
        if pat.fullmatch(line.strip()):
            return what
    return None


def removal_span(doc: Document, run: list[Block]) -> tuple[int, int]:
    """The span that removes a run of whole lines and leaves tidy spacing.

    A run that opens a paragraph goes with the blank lines after it (the ones
    before it then separate its neighbours); a run inside a paragraph, or at
    the end of the text, goes with the line break before it.
    """
    text = doc.text
    first, last = run[0], run[-1]
    blocks = doc.blocks
    i_first, i_last = blocks.index(first), blocks.index(last)
    if i_first == 0 and i_last + 1 == len(blocks):
        return first.start, last.end  # all residue: remove the text, keep the ends
    if first.first_in_paragraph and i_last + 1 < len(blocks) or i_first == 0:
        nxt = blocks[i_last + 1]
        return text.rfind("\n", 0, first.start) + 1, text.rfind("\n", 0, nxt.start) + 1
    return blocks[i_first - 1].end, last.end


@detector("web_residue")
def web_residue(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """Whole lines that are related links, paywall teasers, comment forms..."""
    extra = ctx.options.get("lines", [])
    patterns = _DEFAULT + _compile((p, "residue") for p in extra)
    out: list[Finding] = []
    run: list[Block] = []
    kinds: list[str] = []

    def flush() -> None:
        if not run:
            return
        lo, hi = removal_span(doc, run)
        what = ", ".join(dict.fromkeys(kinds))
        n = len(run)
        msg = f"web residue ({what}): remove {'this line' if n == 1 else f'these {n} lines'}"
        out.append(ctx.finding(run[0].start, run[-1].end, message=msg,
                               fix=_fix(lo, hi)))
        run.clear()
        kinds.clear()

    blocks = doc.blocks
    for i, b in enumerate(blocks):
        kind = residue_kind(b.text(doc), patterns)
        if kind is None:
            flush()
            continue
        if run and blocks[blocks.index(run[-1]) + 1] is not b:
            flush()
        run.append(b)
        kinds.append(kind)
    flush()
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
    on (``... December 29. Tom Brenner / REUTERS``): the repeat goes."""
    out: list[Finding] = []
    blocks = doc.blocks
    for a, b in zip(blocks, blocks[1:]):
        ta, tb = a.text(doc), b.text(doc)
        if len(ta.split()) < 4 or not tb.startswith(ta):
            continue
        rest = tb[len(ta):]
        if rest and not _CREDIT.fullmatch(rest):
            continue
        lo, hi = removal_span(doc, [b])
        credit = f" with the photo credit '{rest.strip()}'" if rest.strip() else ""
        out.append(ctx.finding(b.start, b.end, fix=_fix(lo, hi),
                               message=f"duplicated caption{credit}: remove the repeat"))
    return out


@detector("photo_credit")
def photo_credit(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """A photo credit (``Name / AGENCY``) glued to the end of a caption line."""
    out: list[Finding] = []
    pat = re.compile(r"(?<=[.!?]) +(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}) ?/ ?"
                     r"(?:REUTERS|AFP|AP|EPA|ANSA|Getty Images|SIPA|MAXPPP|ABACA)\s*$")
    for b in doc.blocks:
        m = pat.search(doc.text, b.start, b.end)
        if m:
            out.append(ctx.finding(m.start(), m.end(), ""))
    return out
