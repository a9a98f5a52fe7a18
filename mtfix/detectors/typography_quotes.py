"""Double quotation marks in every mixture of French and English typography (class 2).

Machine translation of French copy leaves its quotation marks in any state: a
French closing guillemet after an English opening quote (``“generalized
decline»``), guillemet spacing kept around curly marks (``“ We keep changing
dimensions »,``), marks turned the wrong way (``said ” having``, ``strike “,``),
a closing mark glued to the next word (``”she assures``) or an opening one to
the previous word (``necessary”put``).

A mark's shape and spacing are no guide to its role in such text, so roles
are decided *per paragraph* (one line of the document, as everywhere in
mtfix) from the order of the marks: they alternate open, close, open, ...
An odd count leaves the last quote open (an English quotation that runs on
into the next paragraph); a reading that starts by closing a quote from the
paragraph before is tried too, and wins only on clearly better votes. Each
mark's surroundings vote on the reading: a mark at the start of the line
opens, one at its end or before ``,`` closes, one between a word and a space
closes, one before a reporting clause (``, ”she detailed``) closes. The
paragraph's pairing stands only when no mark votes against it; nor when its
unpaired mark is spaced on both sides, since such a mark may be no quotation
at all (``the " team`` for an apostrophe lost in ``l'équipe``), unless it
stands where a quotation opens (after a sentence, before a capital: ``the
chip? “ There’s``). So a fix never unbalances a paragraph's quotes.

A mark spaced against its shape between two words (``over ”and``, ``the“
plan``) votes by its shape alone: its spacing is the French one, its shape
the English one, and the order decides. A quotation the page split onto
lines of its own (``a⏎“⏎sorry state⏎”⏎in``, ``a “⏎sorry state”``) leaves a mark
alone on its line, or an opening one spaced at the end of its line: those
vote by shape too, so they are not turned round (the sentence rules join
the lines).

A paragraph that lost one of its marks has no pairing; there only the marks
whose role leaves no doubt are fixed, as suggestions: closing ones after a
word and before ``,`` ``;`` ``)`` or a full stop, or at the end of the line
(``the crises “, tell us``), opening ones after a colon or a bracket
(``note Le Figaro : “ high inflation``).

Each mark then gets the form of its role in the paragraph's own style
(curly when the paragraph has a curly mark, straight when it has straight
ones, else the document's majority, curly by default), no space on its
inner side, a space on its outer side when a word touches it. Punctuation
is not moved (``word”,`` and ``word,”`` are both English), except the full
stop of ``resources. »,``, which cannot stand before a comma. A missing comma
before a reporting clause (``bread” says the young woman``) is left alone:
professional translations write ``"..." he adds`` too.

Single marks are left alone: ``’`` is also the apostrophe.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mtfix.detectors import DetectorContext, detector
from mtfix.detectors.typography_lines import skipped_blocks
from mtfix.document import Document
from mtfix.model import Edit, Finding, Fix, Tier

#: Every double quotation mark, with the role its shape claims (0: none).
MARKS = {'"': 0, "“": 1, "”": -1, "«": 1, "»": -1, "„": 1}
_SPACES = " \u00a0\u202f\u2009"
#: Before an opening mark these need a space between them and the mark.
_NEEDS_SPACE_BEFORE_OPEN = ",;:.!?…)]"
_CLOSING_PUNCT = ",.;:!?…)]"
_OPENING_BRACKETS = "([{—–-/‘'"
#: After ``word, ”`` these words show the mark closed a quotation before its
#: reporting clause (``, ”she detailed``), whatever its shape and spacing.
_REPORTING = frozenset("""
he she they we it i you said says say explained explains explain added adds add detailed details
assured assures insisted insists noted notes observed observes quipped quips continued continues
recalled recalls stated states declared declares confided confides told tells asked asks replied
replies warned warns admitted admits argued argues stressed stresses underlined underlines
estimated estimates judged judges assessed believes believed according announced announces
concluded concludes indicated indicates specified specifies acknowledged acknowledges
""".split())
_PRONOUNS = frozenset("he she they we it i you".split())
_WORD_AFTER = re.compile(r"[ \u00a0]*([A-Za-z]+)")
#: Markup (``data-reactid=”22″>``) is not a quotation.
_MARKUP = re.compile(r"=\s*[\"“”″]|[\"“”″]>")


@dataclass
class _Mark:
    pos: int  # first mark character
    end: int  # past the last mark character (a doubled mark ``“”`` is one)
    vote: float = 0.0  # > 0: the surroundings say "opens", < 0: "closes"
    strong: bool = False  # the vote comes from the edge of the line
    #: A capitalised word follows, or a sentence ends before: a lone mark
    #: spaced on both sides still reads as a quotation that opens here.
    opens_sentence: bool = False
    #: The role the mark's own surroundings leave no doubt about (0: none): a
    #: mark before ``,`` ``;`` ``)`` or at the end of the line closes, whatever
    #: the rest of a paragraph that lost one of its marks says.
    certain: int = 0


@detector("quote_marks")
def quote_marks(doc: Document, ctx: DetectorContext) -> list[Finding]:
    text = doc.text
    default_curly = _document_style(text)
    skip = skipped_blocks(doc)
    out: list[Finding] = []
    for i, b in enumerate(doc.blocks):
        if i in skip:
            continue
        marks = _marks(text, b.start, b.end)
        if not marks or _MARKUP.search(text, b.start, b.end):
            continue
        roles = _roles(marks)
        tier = ctx.tier
        if roles is None:
            # no pairing: only the marks whose own surroundings leave no doubt
            roles = [m.certain for m in marks]
            tier = Tier.SUGGESTED if tier is Tier.SAFE else tier
        curly = _paragraph_style(text, marks, default_curly)
        for m, role in zip(marks, roles):
            f = _finding(ctx, text, b.start, b.end, m, role, curly, tier) if role else None
            if f is not None:
                out.append(f)
    return out


def _marks(text: str, lo: int, hi: int) -> list[_Mark]:
    # a mark, or ``“”`` (one mark typed twice): found by the regex engine, not a walk over each character
    out = [_Mark(*g.span()) for g in _MARK_RUN.finditer(text, lo, hi)]
    for m in out:
        m.vote, m.strong = _vote(text, lo, hi, m)
        m.certain = _certain(text, lo, hi, m)
        m.opens_sentence = bool(_OPENS_SENTENCE.search(text, max(lo, m.pos - 3), m.pos)) or bool(
            _CAPITAL_AFTER.match(text, m.end, hi))
        if _ELISION_BEFORE.search(text, max(lo, m.pos - 4), m.pos):
            m.opens_sentence = False  # ``L " equips``: an elided article, not a quotation
    return out


#: A mark, or two in a row (read left to right, as pairs: ``"“”`` is ``"“`` then ``”``).
_MARK_RUN = re.compile("[" + re.escape("".join(MARKS)) + "]{1,2}")
_OPENS_SENTENCE = re.compile(r"[.!?:][ \u00a0]+$")
_CAPITAL_AFTER = re.compile(r"[ \u00a0]*[A-ZÀ-Ý]")
_ELISION_BEFORE = re.compile(r"(?:^|\W)[A-Za-z][ \u00a0]+$")


def _vote(text: str, lo: int, hi: int, m: _Mark) -> tuple[float, bool]:
    """How the surroundings of ``m`` read: + opens, - closes; strong at a line edge."""
    left = text[m.pos - 1] if m.pos > lo else ""
    right = text[m.end] if m.end < hi else ""
    k = m.pos
    while k > lo and text[k - 1] in _SPACES:
        k -= 1
    lnb = text[k - 1] if k > lo else ""
    k = m.end
    while k < hi and text[k] in _SPACES:
        k += 1
    rnb = text[k] if k < hi else ""
    own = 0.3 * MARKS[text[m.pos]]
    if not lnb and not rnb:
        return own, False  # a mark alone on its line: the quotation was split over lines
    if not lnb:
        return 2.0, True
    if not rnb:
        if k > m.end or m.pos == lo or text[m.pos - 1] not in _SPACES or own < 0 or not lnb.isalnum():
            return -2.0, True
        # ``spoke of a “⏎generalized``: an opening shape spaced from the word before, at
        # the end of the line: a quotation the page split onto the next line may open here
        return own, False
    if lnb.isalnum() or lnb in ",.!?…":
        w = _WORD_AFTER.match(text, m.end, hi)
        if w and w.group(1) in _REPORTING and (not lnb.isalnum() or w.group(1) not in _PRONOUNS or (
                (v := _WORD_AFTER.match(text, w.end(), hi)) and v.group(1) in _REPORTING)):
            # ``, ”she detailed``, ``strike "said our``, ``over ”she said``: closes before the
            # reporting clause; after a word, a pronoun alone opens as often (``said “it is``)
            return -1.5, False
    left_blank = left in _SPACES or left in _OPENING_BRACKETS
    if rnb in _CLOSING_PUNCT and (right in _SPACES or right == rnb):
        return -1.0 + own / 3, False  # `` “,`` ``word»,``: closes
    if left_blank and right.isalnum():
        if own < 0 and lnb.isalnum():
            # ``over ”and``: spaced like an opening mark between two words but shaped
            # like a closing one; only the shape votes, the paragraph's order decides
            return own, False
        return 1.0 + own / 3, False  # `` “Word``: opens
    if (left.isalnum() or left in ".!?,;…") and right in _SPACES:
        if own > 0 and left.isalnum() and rnb.isalnum():
            return own, False  # ``the“ plan``: the same, the other way round
        return -1.0 + own / 3, False  # ``word” ``: closes
    if left == ":" and right.isalnum():
        return 0.5 + own, False  # ``:”When``: a colon introduces a quotation
    if left_blank and right in _SPACES:
        return 0.5 + own, False  # `` ” having``: a French-spaced opening mark
    return own, False  # glued on both sides: only the shape says anything


def _certain(text: str, lo: int, hi: int, m: _Mark) -> int:
    """-1 when nothing but a closing mark can stand here: after a word (or its
    final ``.`` ``!`` ``?``) and before ``,`` ``;`` ``:`` ``)`` ``!`` ``?``, a full
    stop that is no ellipsis, or the end of the line; +1 when nothing but an
    opening one can: after a colon or an opening bracket, before a word; else
    0. The start of a line is not that sure: a line may start by closing the
    quotation of the line before."""
    k = m.pos
    while k > lo and text[k - 1] in _SPACES:
        k -= 1
    j = m.end
    while j < hi and text[j] in _SPACES:
        j += 1
    if k > lo and text[k - 1] in ":(" and j < hi and (text[j].isalnum() or text[j] in "…'’"):
        return 1  # ``note Le Figaro : “ high inflation``: after a colon or a bracket, a mark opens
    if k == lo or not (text[k - 1].isalnum() or text[k - 1] in ".!?…"):
        return 0
    if j == hi and k < m.pos and MARKS[text[m.pos]] >= 0 and text[k - 1].isalnum():
        return 0  # ``a “⏎``: spaced at the end of the line, it may open the next line's quotation
    if j == hi or text[j] in ",;:!?)]":
        return -1
    if text[j] == "." and not (j + 1 < hi and text[j + 1] == "."):
        return -1
    return 0


def _roles(marks: list[_Mark]) -> list[int] | None:
    """The roles (+1 open, -1 close) of the marks; ``None`` when the paragraph is ambiguous."""
    n = len(marks)
    best: list[int] | None = None
    best_score = float("-inf")
    second = float("-inf")
    for first in (1, -1):
        roles = [first if k % 2 == 0 else -first for k in range(n)]
        if any(m.strong and m.vote * r < 0 for m, r in zip(marks, roles)):
            continue
        score = sum(m.vote * r for m, r in zip(marks, roles))
        if first == -1:
            score -= 1.0  # closing a quote opened on another line needs clear votes
        if score > best_score:
            best, second, best_score = roles, best_score, score
        elif score > second:
            second = score
    if best is None or best_score <= 0 or best_score - second < 1:
        return None
    if any(m.vote * r <= -0.9 for m, r in zip(marks, best)):
        return None  # a mark whose surroundings say the opposite: not sure of the pairing
    unpaired = [k for k in ((0,) if best[0] < 0 else ()) + ((n - 1,) if best[-1] > 0 else ())]
    if any(abs(marks[k].vote) < 0.9 and not marks[k].opens_sentence for k in unpaired):
        return None  # ``the " team``: a lone mark spaced on both sides may be no quote at all
    return best


def _document_style(text: str) -> bool:
    """Curly (True) when curly double marks outnumber straight ones; straight otherwise
    (also when there are none: a lone guillemet pair becomes plain ``"``)."""
    straight = text.count('"')
    curly = text.count("“") + text.count("”")
    return curly > straight


def _paragraph_style(text: str, marks: list[_Mark], default: bool) -> bool:
    chars = "".join(text[m.pos:m.end] for m in marks)
    if any(c in "“”„" for c in chars):
        return True
    if '"' in chars:
        return False
    return default


def _finding(ctx: DetectorContext, text: str, lo: int, hi: int, m: _Mark, role: int,
             curly: bool, tier: Tier) -> Finding | None:
    if text[m.pos] == '"' and m.end == m.pos + 1:
        curly = False  # a straight mark stays straight: right in either role
    want = ("“" if curly else '"') if role > 0 else ("”" if curly else '"')
    edits: list[Edit] = []
    why: list[str] = []
    mark = text[m.pos:m.end]
    if mark != want:
        edits.append(Edit(m.pos, m.end, want))
        if len(mark) > 1:
            why.append("a doubled mark")
        elif MARKS[mark] == -role:
            why.append("a mark turned the wrong way")
        elif mark in "«»":
            why.append("a French guillemet")
        elif mark == "„":
            why.append("a German low mark")
    if role > 0:
        k = m.end
        while k < hi and text[k] in _SPACES:
            k += 1
        if k > m.end and k < hi and text[k] not in MARKS:
            edits.append(Edit(m.end, k, ""))
            why.append("a French space inside the opening mark")
        if m.pos > lo and (text[m.pos - 1].isalnum() or text[m.pos - 1] in _NEEDS_SPACE_BEFORE_OPEN):
            edits.append(Edit(m.pos, m.pos, " "))
            why.append("the opening mark glued to the word before it")
    else:
        k = m.pos
        while k > lo and text[k - 1] in _SPACES:
            k -= 1
        if k < m.pos and k > lo and text[k - 1] not in MARKS:
            if text[k - 1] == "." and m.end < hi and text[m.end] == ",":
                # ``resources. »,``: the full stop gives way to the comma, inside
                edits = [Edit(k - 1, m.end + 1, "," + want)]
                why.append("a full stop before the closing mark and a comma")
            else:
                edits.append(Edit(k, m.pos, ""))
                why.append("a French space inside the closing mark")
        if m.end < hi and text[m.end].isalnum():
            edits.append(Edit(m.end, m.end, " "))
            why.append("the closing mark glued to the next word")
    if not edits:
        return None
    fix = Fix(tuple(edits))
    where = "opening" if role > 0 else "closing"
    return ctx.finding(min(fix.start, m.pos), max(fix.end, m.end), fix=fix, tier=tier,
                       message=f"{where} quotation mark: {', '.join(why)}")
