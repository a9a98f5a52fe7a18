"""What a line of scraped page *is*, judged by its shape alone.

A republishing site keeps the furniture of the page it copied: the labels of
related-link boxes, comment forms, login and paywall widgets, share buttons,
bylines, publication dates, photo credits, scraper footers and fragments of
advertising code. Each is a whole line that is not a sentence: short, without
a finite verb or final full stop, made of the vocabulary of web pages (in any
case, and in the translated forms MT gives French labels: "To read also",
"I log", "Find this article on"), or of dates, numbers, slashes and code.

:func:`shape_kind` says what a stripped line is, with how sure the shape alone
makes us (a tier); :func:`headline_like` and friends say what a line *could*
be (a linked headline, a rubric, a tag) when its neighbours show it is
residue: :mod:`mtfix.detectors.residue` decides that from the context. No
function here removes anything; each only names shapes.
"""
from __future__ import annotations

import re

from mtfix.anchors import anchors, fold, may_match
from mtfix.detectors import residue_vocab
from mtfix.detectors.residue_vocab import _PRICE_CUES, _WIDGET_CUES, CHROME, MEDIA, RELATED_LABEL
from mtfix.model import Tier

#: Bullets, arrows and separators a widget puts before or after its label.
_LEAD = re.compile(r"^(?:[>»›▶►→•·▪●◦‣∙*|–—\-\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff\ufe0f]+\s*)+")
_TRAIL = re.compile(r"(?:\s*(?:[:|»›>–—-]+|\.{3}|…))+$")

#: The ways a line says it is code, not text (also after MT curled its quotes).
_CODE = re.compile(r"""function\s*\(|=>|\)\s*;|[{}]|\bwindow\s*\.|\bdocument\s*\.|\bvar\s+\w+\s*=|\.\s*push\s*\(
    |googletag|adsbygoogle|dataLayer|\bgtag\s*\(|\bfbq\s*\(|_taboola|div-gpt-ad|data-[\w-]+\s*=|</?[a-z]+[\s>/]
    |(?<![\w-])[\w-]+=[”"″'][^\s]*[”"″]\s*>|\|\s*\||&\s*&|!important|\bpx;|\bnew\s+Date\s*\(|\bsrc\s*=|\btypeof\b
    |\(\s*\)|\[\s*\]|\bcmd\s*\.""", re.VERBOSE)

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec")
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_DATE_WORDS = frozenset((_MONTHS + " " + _DAYS + " at on the of a.m. p.m. am pm h hr and gmt cet cest utc "
                         "a.m p.m published updated modified posted last by in today yesterday ago hour hours minute minutes min mins hrs "
                         "day days week weeks et est edt bst cet cest gmt+1 gmt+2 utc+1 utc+2").split())
_RELATIVE = frozenset("today yesterday ago".split())
_DATE_NUM = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt]\d{2}:\d{2}(?::\d{2})?\S*)?|\d{1,4}(?:st|nd|rd|th|er)?|\d{1,2}[/.:h-]\d{1,2}(?:[/.:-]\d{2,4})?(?:am|pm)?")
_PUNCT_TOKEN = re.compile(r"[|,–—:/•·-]+")
_SLASH_CREDIT = re.compile(r"[A-ZÀ-Ý][\w'’.&-]*(?:\s+[\w'’.&-]+){0,3}\s*/\s*[A-Z0-9À-Ý][\w'’.&-]*(?:\s+[\w'’.&-]+){0,3}")
_AGENCY = re.compile(r"(?:AFP|AP|REUTERS|Reuters|EPA|ANSA|SIPA|MAXPPP|ABACA|Getty(?:\s+Images)?|GETTY|Hans\s+Lucas"
                     r"|Shutterstock|iStock|DR|Archives?|PHOTOPQR|Bestimage|Abaca|Starface|Panoramic|Icon\s?Sport|Belga|BELGA|ANP|DPA|dpa"
                     r"|Xinhua|Anadolu|NurPhoto|SOPA\s+Images|Alamy|Unsplash|Pixabay|Wikimedia(?:\s+Commons)?|Twitter|Instagram"
                     r"|Facebook|YouTube|Screenshot|Leemage|Andia|Divergence|[A-Z]{2,}(?:\s+[A-Z]{2,})?)$")
#: ``by time news``, ``By Jean Dupont``: a byline of names (or all lower case), no more.
_BYLINE = re.compile(r"(?:by|By|BY|Par|PAR)\s+[A-ZÀ-Ý][\w'’.-]*(?:(?:\s+|\s*,\s*|\s+(?:and|&|with|et)\s+)[A-ZÀ-Ý][\w'’.-]*){0,5}"
                     r"(?:\s*,\s*(?:our\s+)?(?:special\s+)?(?:correspondent|envoy|journalist|reporter|editor)s?\b[^.!?]{0,40})?"
                     r"|by(?:\s+[a-z][\w'’.-]*){1,4}")
#: ``Home » News » Politics``: two separators or more between short items.
_BREADCRUMB = re.compile(r"[^.!?»>|]{1,40}(?:\s+[»>|]\s+[^.!?»>|]{1,40}){1,6}\s+[»>|]\s+[^»>|\n]{1,250}")
#: A line that is only an agency's name, with the small words of a credit: ``AFP``, ``Photo AFP``,
#: ``AFP/Archives``, ``Illustration Getty Images``.
_AGENCY_LINE = re.compile(r"(?:(?:Photo|PHOTO|Photos|Image|Illustration|Credit|Archives?)\s+)?"
                          r"(?:AFP|AP|REUTERS|Reuters|EPA|ANSA|SIPA|MAXPPP|ABACA|Getty\s+Images|GETTY\s+IMAGES|Hans\s+Lucas"
                          r"|Shutterstock|iStock|Belga|BELGA|DPA|Xinhua|Anadolu|NurPhoto|Alamy|Unsplash|Pixabay|Bestimage"
                          r"|Icon\s?Sport|Panoramic|PHOTOPQR|Leemage)(?:\s*(?:/|-|–|,)\s*(?:Archives?|ARCHIVES|File|Pool|POOL"
                          r"|PHOTO|Photo|illustration|Illustration|[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}))?(?:\s+PHOTO)?")
_FINAL_STOP = re.compile(r"[.…]['\"”’»)\]]*$")
_TOPIC_COLON = re.compile(r"^(?:\S+\s+){0,5}?\S+\s?:\s+\S")


#: Widget words that an article could also use as a one-word crosshead.
ONE_WORD_CROSSHEADS = frozenset("""connection update direct live message website reply register connect premium
next previous related popular recommended exclusive photos video videos podcast replay print share follow
comments reactions menu search trending close contact about play pause""".split())


#: A French outlet's name, as the right side of a credit: ``Jean Dupont / Le Parisien``.
_MEDIA_NAME = re.compile(r"(?:" + MEDIA.replace("'", "['’]") + r")")

#: The arrows (not bullets: a list of facts has those) that mark a line as a link.
_ARROW_LINK = re.compile(r"(?:>>|→|►|▶|➡|➔|➜|⇒|👉|🔗)\ufe0f?\s*")


#: The last character of every match of ``_TRAIL`` but ``...`` (it ends the stripped line).
_TRAIL_LAST = frozenset(":|»›>–—-…")


def norm(line: str) -> str:
    """The line without the bullets, arrows and trailing colons or dashes of a
    widget, nor the brackets around all of it (``(Photo: Reuters)``)."""
    s = line.strip()
    lead = _LEAD.match(s)  # anchored and never empty: the one match ``sub`` would remove
    if lead is not None:
        s = s[lead.end():]
    if s and (s[-1] in _TRAIL_LAST or s.endswith("...")):  # stripped: a match ends with the line
        s = _TRAIL.sub("", s)
    s = s.strip()
    if len(s) > 2 and (s[0], s[-1]) in (("(", ")"), ("[", "]")) and s.count(s[0]) == 1:
        s = s[1:-1].strip()
    return s


def paywall_cues(line: str) -> tuple[int, int]:
    """(widget cues, price cues) in the line. Each cue is searched only when
    one of its literal anchors (:mod:`mtfix.anchors`) is in the folded line:
    most lines hold none of most cues' words, and a substring test says so at
    C speed."""
    folded = line.lower() if line.isascii() else fold(line)  # the same string for ASCII
    present = {a for a in _CUE_ANCHORS if a in folded}
    return (sum(1 for c, need in _WIDGET_NEEDS if (need is None or not present.isdisjoint(need))
                and c.search(line)),
            sum(1 for c, need in _PRICE_NEEDS if (need is None or not present.isdisjoint(need))
                and c.search(line)))


def words(line: str) -> list[str]:
    return line.split()


def is_related_label(line: str) -> bool:
    """``Read also``, ``>> READ ALSO -``, ``See Also``, ``You may also like`` alone on a line."""
    s = norm(line)
    return bool(s) and RELATED_LABEL.fullmatch(s) is not None


#: A CSS rule (``.td-post-content img { margin: 0 }``) or a CMS shortcode (``[caption id="..."]``,
#: ``[/caption]``): the theme's styling and markup, never a sentence.
_CSS_RULE = re.compile(r"[.#@]?[\w-]+(?:[\s>+~,.#:*\[\]=\w-]*)\{\s*(?:[\w-]+\s*:\s*[^{};]+;?\s*)+\}")
_SHORTCODE = re.compile(r"\[/?(?:caption|embed|gallery|video|audio|playlist|vc_\w+|et_pb_\w+|su_\w+|td_\w+|tie_\w+"
                        r"|contact-form(?:-7)?|wpforms|mc4wp_form)\b[^\]]{0,300}\]")


def is_code(line: str) -> bool:
    """Advertising or tracking code left in the text: two marks of code, or one
    in a line that has almost no plain words; a CSS rule or a CMS shortcode."""
    s = line.strip()
    if ("{" in s and _CSS_RULE.fullmatch(s)) or (s.startswith("[") and _SHORTCODE.fullmatch(s)):
        return True
    if ("{" in line or "}" in line or ";" in line) and not any(c.isalnum() for c in line):
        return True  # "});", "}" : the end of a script
    if not may_match(_CODE, line):
        return False  # none of the marks of code is in the line (mtfix.anchors)
    hits = {"{}" if m.group(0) in "{}" else re.sub(r"\s", "", m.group(0))[:6] for m in _CODE.finditer(line)}
    if len(hits) >= 2:
        return True
    if hits and hits != {"{}"}:
        return not any(w.isalpha() for w in line.split())
    return False


def is_lost_emoji(line: str) -> bool:
    """``?? Sunday July 9 ?? ?? ???``: an embedded post whose emoji became question marks."""
    if "?" not in line and "�" not in line:
        return False  # no token of them
    toks = line.split()
    marks = sum(1 for t in toks if set(t) <= {"?", "�"} and len(t) >= 2)
    return marks >= 2 and marks * 3 >= len(toks)


_BY_NAMES = re.compile(r"(?:^|\s)(?:by|By|BY)\s+(?:[A-ZÀ-Ý][\w'’.-]*\s*){1,4}(?=\s|$|[|,–-])|\s+by\s+\S.{0,40}$")


_LABELLED = re.compile(r"(?i)\s*(?:published|updated|modified|posted|last\s+updated)\b")
_SEPARATORS = re.compile(r"[|•·/]+")
_MONTH_NAMES = frozenset(_MONTHS.split())
_MONTH_AND_DAY_NAMES = _MONTH_NAMES | frozenset(_DAYS.split())


def is_date_line(line: str) -> tuple[bool, bool]:
    """(is the line only a date, does it say Published/Updated/Posted).

    Up to two words may come first (a rubric such as ``Entertainment``), a
    byline may come first or last; the rest is dates, times, month and day
    names and their small words. A bare time (``23:30``) is not enough: a live
    blog's timestamps belong to it."""
    labelled = _LABELLED.match(line) is not None
    # every byline holds "by", "By" or "BY": a line without them has none to blank out
    unbylined = _BY_NAMES.sub(" ", line) if "by" in line or "By" in line or "BY" in line else line
    toks = [t.strip(",.()[]:") for t in unbylined.split()]
    toks = [t for t in toks if t]
    if not toks or len(toks) > 20:
        return False, False
    i = 0
    while i < 2 and i < len(toks) and toks[i][:1].isupper() and toks[i].lower() not in _DATE_WORDS \
            and not _DATE_NUM.fullmatch(toks[i]):
        i += 1
    rest = toks[i:]
    if not rest:
        return False, False
    if i and unbylined.split()[i - 1].endswith(","):
        return False, False  # "PARIS, June 3": a dateline, the article's own
    first = next((t for t in rest if not _SEPARATORS.fullmatch(t)), "")
    if i and not (_DATE_NUM.fullmatch(first.lower()) or first.lower() in _MONTH_AND_DAY_NAMES):
        return False, False  # "Patrice Laffont on September 23": a caption, not a rubric and a date
    has_day = has_month = has_full = False
    for t in rest:
        low = t.lower()
        if _DATE_NUM.fullmatch(low):
            has_day = has_day or (low[:2].rstrip("stndrhe").isdigit() and len(low.rstrip("stndrhe")) <= 2)
            has_full = has_full or low.count("/") == 2 or low.count(".") == 2 or low.count("-") == 2
        elif low in _DATE_WORDS:
            has_month = has_month or low in _MONTH_NAMES
        elif t[:1].isupper() and low in _sections() and "|" in line:
            continue  # "By Jean Dupont | Politics | June 3, 2023": the rubric between separators
        elif not _PUNCT_TOKEN.fullmatch(t):
            return False, False
    ok = has_full or has_day and has_month
    if not ok and len(rest) <= 4 and "ago" in [t.lower() for t in rest] and any(t.isdigit() for t in rest):
        ok = True  # "2 hours ago"
    if labelled and not ok:  # "Published 3 hours ago", "Updated today at 10:45"
        ok = any(t.lower() in _RELATIVE for t in rest)
    return ok, ok and labelled


def _sections() -> frozenset:
    return residue_vocab.SECTIONS


def is_slash_credit(line: str, prev: str = "") -> bool:
    """``Pierre Perusseau-pool / SIPA``, ``Capture / 20 Minutes`` alone on a line:
    a photo credit when the right side is an agency or the caption above ends
    with the dash that joined them."""
    s = line.strip()
    if len(s.split()) > 7 or _SLASH_CREDIT.fullmatch(s) is None:
        return False
    right = s.rsplit("/", 1)[1].strip()
    via = re.search(r"\s(?:via|VIA|for|FOR|pour|POUR)\s+(\S.*)$", right)  # "HANS LUCAS VIA AFP"
    if via is not None and _AGENCY.fullmatch(via.group(1)):
        return True
    return bool(_AGENCY.fullmatch(right)) or _MEDIA_NAME.fullmatch(right) is not None \
        or prev.rstrip().endswith((" -", " –", " —"))


def _any_of(pats: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that fullmatches a line exactly when one of ``pats`` does
    (an alternation fullmatches when one of its branches can): most lines are
    no chrome, and one pass says so instead of a hundred. None when the
    patterns cannot be joined (a back-reference would point elsewhere)."""
    src = [p.pattern for p in pats]
    if any(p.flags & ~re.UNICODE != re.IGNORECASE for p in pats) \
            or any(re.search(r"\\[1-9]|\(\?P=|\(\?\(", x) for x in src):
        return None
    try:
        return re.compile("|".join(f"(?:{x})" for x in src), re.IGNORECASE)
    except re.error:
        return None


_ANY_CHROME = _any_of([pat for pat, _, _ in CHROME])
#: Each cue with the anchors one of which every match of it contains.
_WIDGET_NEEDS = [(c, anchors(c)) for c in _WIDGET_CUES]
_PRICE_NEEDS = [(c, anchors(c)) for c in _PRICE_CUES]
# the cues ignore case: their anchors are folded, to be looked for in the folded line
assert all(need is None or need.folded for _, need in _WIDGET_NEEDS + _PRICE_NEEDS)
_CUE_ANCHORS = sorted({a for _, need in _WIDGET_NEEDS + _PRICE_NEEDS if need for a in need})


def shape_kind(line: str, prev: str = "") -> tuple[str, Tier] | None:
    """What a stripped line is, by its shape, and the tier its removal deserves.

    None: the shape alone does not make it residue (it may still be a linked
    headline or a tag; the context decides)."""
    s = norm(line)
    if not s:
        return None
    for pat, what, tier in (CHROME if _ANY_CHROME is None or _ANY_CHROME.fullmatch(s) else ()):
        if pat.fullmatch(s):
            if s.casefold() in ONE_WORD_CROSSHEADS:
                tier = Tier.SUGGESTED
            return what, tier
    if is_related_label(line):
        # "Other topics", "More news": a roundup could have such a crosshead
        loose = re.match(r"(?i)(?:other|more|top|popular|recent|latest|further|similar|next|previous)\b", s)
        return "related-article label", Tier.SUGGESTED if loose else Tier.SAFE
    sentence = _FINAL_STOP.search(line.strip()) is not None
    if len(s.split()) <= 30:
        widget, price = paywall_cues(s)
        if widget >= 2 or widget and price and not sentence:
            return "paywall", Tier.SAFE if widget >= 2 else Tier.SUGGESTED
    if _BREADCRUMB.fullmatch(s):
        return "breadcrumb", Tier.SAFE
    if s.startswith("Home") and len(re.findall(r"[a-z][A-Z]", s)) >= 2 and not _FINAL_STOP.search(s) \
            and re.match(r"Home[A-Z]", s):
        return "breadcrumb", Tier.SUGGESTED  # "HomeEntertainment NewsINSEE forecasts...": its separators lost
    arrow = _ARROW_LINK.match(line.strip())
    if arrow:
        rest = line.strip()[arrow.end():]
        if rest[:1].isupper() and len(rest.split()) >= 4 and headline_like(rest, 25):
            return "related-article link", Tier.SUGGESTED  # "► Pensions: what changes for you"
    if is_lost_emoji(line):
        return "embedded post", Tier.SAFE
    if is_code(line):
        return "page code", Tier.SAFE
    if re.fullmatch(r"(?:https?://|www\.)\S+", s):
        return "bare link", Tier.SUGGESTED
    if re.fullmatch(r"/?(?:[a-z0-9]+/)*[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.html?|\.php|/)?", s):
        return "URL slug", Tier.SUGGESTED  # "macron-wins-the-vote-in-the-assembly.html"
    if re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30}(?:\s+@\w{2,30})*", s):
        return "contact line", Tier.SUGGESTED
    if _AGENCY_LINE.fullmatch(s):
        return "photo credit", Tier.SUGGESTED
    date, labelled = is_date_line(s)
    if date:
        return "page header", Tier.SAFE if labelled else Tier.SUGGESTED
    if is_slash_credit(line, prev):
        return "photo credit", Tier.SUGGESTED
    if _BYLINE.fullmatch(s):
        return "byline", Tier.SUGGESTED
    if _MEDIA_NAME.fullmatch(s) and (" " in s or re.search(r"[\d.A-Z]", s[1:])):
        return "source line", Tier.SUGGESTED  # "Le Parisien", "BFMTV" alone: the outlet a scraper copied
    if re.fullmatch(r"(?i)source\s*:\s*[^.!?]{1,60}(?:\[[^\]]{1,40}\])?", s) and len(s.split()) <= 10:
        return "source line", Tier.SUGGESTED
    return None


#: A label, then the first separator of the line, then the rest: ``LIKELY TO INTEREST YOU: <headline>``.
_LABEL_SEP = re.compile(r"(?P<label>[^:|»›>–—]{2,60}?)\s*(?::|\||»|›|>>|\s[-–—]\s|[–—])\s*(?P<rest>\S.*)")
#: ``Previous article <headline>``: post navigation, its label glued to the linked headline.
_POST_NAV = re.compile(r"(?i:previous|next|prev|older|newer)\s+(?i:article|post|story|entry)\s*[:»>|–—-]?\s*(?P<rest>[\"“«']?[A-Z0-9À-Ý].*)")
#: Related-link labels too general to be sure of alone (``Latest news: ...`` heads a roundup).
_LOOSE_LABEL = re.compile(r"(?i)(?:other|more|top|popular|recent|latest|further|similar|next|previous)\b")


def label_and_headline(line: str) -> tuple[str, Tier] | None:
    """``You may also like: <headline>`` on one line: a related-link label (any
    of :data:`~mtfix.detectors.residue_vocab.RELATED_LABEL`, whatever its case),
    the first separator of the line and a linked headline of three words or
    more. Only the whole line: a rest that reads as a sentence leaves the line
    alone (a label glued to prose is :data:`mtfix.detectors.residue.DEFAULT_LINES`' business, for its
    surer labels), so a sentence that opens with ``More on the subject:`` is
    never touched."""
    s = line.strip()
    m = _POST_NAV.fullmatch(s)
    if m is None:
        m = _LABEL_SEP.fullmatch(s)
        if m is None or not is_related_label(m.group("label")):
            return None
    rest = m.group("rest")
    if len(rest.split()) < 3 or reads_as_prose(rest) or not headline_like(rest, 25, questions=True):
        return None
    loose = m.re is _POST_NAV or _LOOSE_LABEL.match(s.lstrip("»>›-–—•* ")) is not None
    return "related-article link", Tier.SUGGESTED if loose else Tier.SAFE


def headline_like(line: str, max_words: int = 30, questions: bool = False) -> bool:
    """Could this line be the linked headline of another story? Short, opening
    with a capital, digit or quote, without a final full stop (a question or an
    exclamation only after a headline colon: ``Didier Raoult: ... me?``, or
    with ``questions`` when a label above says a headline follows)."""
    s = line.strip()
    n = len(s.split())
    if not s or n > max_words:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"“«‘'"):
        return False
    if _FINAL_STOP.search(s):
        return False
    if not questions and re.search(r"[!?]['\"”’»)\]]*$", s) and not _TOPIC_COLON.search(s):
        return False
    return True


def is_bullet_tag(line: str) -> bool:
    """``• Society``: one item of a tag or share list (a bullet and a few words)."""
    s = line.strip()
    if not re.match(r"[•·▪●◦‣∙*–-]\s+\S", s):
        return False
    body = s[1:].strip()
    n = sum(1 for w in body.split() if any(c.isalnum() for c in w))
    if body[:1].isdigit() or re.search(r"\d\s*%", body):
        return False  # "• 3 million visitors": a list of facts, not of tags
    return n <= 6 and not _FINAL_STOP.search(body)


#: A rest of this many words is running text, not a headline.
PROSE_WORDS = 40
#: (An ellipsis inside a headline, ``the world in 2093… Relive the conference``, is not a sentence end.)
_TWO_SENTENCES = re.compile(r"[a-z0-9][.!?][\"'”’»)\]]*\s+[\"'“‘«(]?[A-Z]")


def reads_as_prose(rest: str) -> bool:
    """Does ``rest``, what follows a residue label on its line, read as a
    sentence of the article rather than a teaser headline?"""
    words = rest.split()
    if not words:
        return False
    if len(words) >= PROSE_WORDS:
        return True
    last = len(rest)
    while last > 0 and not rest[last - 1].isalnum():
        last -= 1
    if any(c in ".!?…" for c in rest[last:]):  # a full stop after the last word
        return True
    return _TWO_SENTENCES.search(rest) is not None
