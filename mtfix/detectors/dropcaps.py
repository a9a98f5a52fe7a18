"""Drop-cap and page residue (class 10) decided by shape and word frequency.

A French page sets the first letter of an article (or a section) as a large
decorative initial. Scraped and translated, it leaves:

* the initial doubled before the word: ``VLadimir`` (``V`` + ``Ladimir``);
* the French initial glued to the translated word: ``DThe`` (``D`` of *Dans*
  + ``The``), or the translated word's own initial lost: ``Lhe`` (``L`` of
  *Le* + ``he`` of *The*);
* the French elided article left on an English word: ``L’Assembly``.

No list of words decides: a candidate repair is taken when the token as it
stands is no word (wordfreq, English and French, Zipf ≤ 2) and the repair is
a frequent one, and the token stands where a drop cap stands, at the start of
a line. ``CNews`` (French ``cnews`` 2.8), ``QAnon`` (2.2) and names the article
repeats are left alone.

Also here: HTML entities left in the text (``&eacute;``, ``&#8217;``:
decoded), broken ones (``&agrav;``: flagged) and a stray accented letter
standing alone between words (``was é the one``).
"""
from __future__ import annotations

import html
import re
import string

from mtfix.detectors import DetectorContext
from mtfix.document import Document
from mtfix.lexicon import frenchness, is_common_word, zipf
from mtfix.model import Finding, Tier

#: At most this frequent (Zipf, in English and in French) is "not a word".
NOT_A_WORD = 2.0
#: At least this frequent is a repair worth proposing for a garbled initial.
FREQUENT = 5.0
#: A two-letter word this frequent (``In``, ``On``, ``At``, ``It``) after a
#: stray capital is the translated first word: only function words reach it.
SHORT_WORD = 6.0

_TOKEN = re.compile(r"[A-Z][A-Za-z]+(?![\w’'-])")
#: A decorative initial set apart from the rest of its word: ``T he``, ``W hen``
#: (``A``, ``I`` and ``O`` are words on their own).
_SPLIT = re.compile(r"([B-HJ-NP-Z]) ([a-z]+)(?![\w’'-])")
_ELIDED = re.compile(r"L[’']([A-Z][a-z]{2,})(?![\w’'-])")


def _freq(word: str) -> float:
    return max(zipf(word.lower(), "en"), zipf(word.lower(), "fr"))


#: A dateline before the first word of an article: ``PARIS (AFP) - ``,
#: ``Lyon, May 3 (Reuters) – ``. The drop cap of the French page is the
#: first letter after it.
_DATELINE = re.compile(r"[A-ZÀ-Ý][\w’'. -]{1,40}?(?:,[^,\n]{1,30})?(?: \((?:AFP|AP|Reuters|Belga|ATS|ANSA|dpa)\))? ?[-–—] ")


def _count(doc: Document, tok: str) -> int:
    """How often ``tok`` occurs in the text, counted once per document and
    token: a long text of repeated articles holds the same candidate at every
    line start, and a whole-text count for each was quadratic."""
    return doc.memo(("dropcap-count", tok), lambda: doc.text.count(tok))


def _line_starts(doc: Document):
    """Offsets where a drop cap can stand: the first character of each line,
    after any opening quote or bracket, and after a dateline."""
    for b in doc.blocks:
        i = b.start
        while i < b.end and doc.text[i] in "\"“‘«(*":
            i += 1
        yield i
        m = _DATELINE.match(doc.text, b.start, b.end)
        if m and m.end() < b.end:
            yield m.end()


def _lone_initials(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``D`` alone on a line before ``The government announced…``: the
    scraper kept the decorative initial as a line of its own. Only a capital
    that is no English word (not ``A``, ``I``, ``O``) before a line that opens
    with a capitalised word; the letter and its line break go."""
    out: list[Finding] = []
    blocks = doc.blocks
    for b, nxt in zip(blocks, blocks[1:]):
        letter = doc.text[b.start:b.end]
        if (len(letter) == 1 and letter in "BCDEFGHJKLMNPQRSTUVWXYZ"
                and re.match(r"[A-Z][a-z]", doc.text[nxt.start:nxt.start + 2])):
            out.append(ctx.finding(b.start, nxt.start, "",
                                   message=f"drop-cap residue: the initial '{letter}' of the French "
                                           f"page stands alone on its line"))
    return out


#: Where a drop cap glued to the text stands inside a line: after a sentence end
#: or a separator (``... on Monday. DThe government``, ``By Jean Dupont - DThe``),
#: as a scraper joins the headline, byline or date to the first paragraph.
_INNER_START = re.compile(r"(?:[.!?…]['\"”’»)\]]*|\s[-–—|•])\s+[\"“‘«(]?(?=[A-Z][A-Z][a-z])")


def drop_cap(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = _lone_initials(doc, ctx)
    text = doc.text
    starts = set(_line_starts(doc))
    for m in _INNER_START.finditer(text):  # only the doubled or glued shape: the surest one
        if m.end() in starts:
            continue
        t = _TOKEN.match(text, m.end())
        f = _doubled_or_glued(doc, ctx, t) if t else None
        if f:
            out.append(f)
    for pos in sorted(starts):
        m = _TOKEN.match(text, pos)
        if m:
            f = _doubled_or_glued(doc, ctx, m) or _garbled(doc, ctx, m)
            if f:
                out.append(f)
            continue
        m = _SPLIT.match(text, pos)
        if m and zipf(m.group(1) + m.group(2), "en") >= 4.0 and not is_common_word(m.group(2)[:1]):
            joined = m.group(1) + m.group(2)
            out.append(ctx.finding(m.start(), m.end(), joined,
                                   message=f"drop-cap residue: the initial '{m.group(1)}' stands "
                                           f"apart from '{joined}'"))
            continue
        m = _ELIDED.match(text, pos)
        if m:
            word = m.group(1)
            if is_common_word(word) and frenchness(word) <= -1.5:
                out.append(ctx.finding(m.start(), m.start(1), "The ",
                                       message=f"French elided article before '{word}': "
                                               f"English writes 'The {word}'"))
    return out


def _doubled_or_glued(doc: Document, ctx: DetectorContext, m: re.Match) -> Finding | None:
    """``VLadimir`` → ``Vladimir``; ``DThe`` → ``The``."""
    tok = m.group()
    if len(tok) < 3 or not (tok[1].isupper() and tok[2:].islower()):
        return None  # "CEOs", "JPMorgan", "McDonald"
    if _count(doc, tok) > 1:
        return None  # the article's own spelling of a name
    if len(tok) == 3 and tok[2] != "s" and zipf(tok[1:], "en") >= SHORT_WORD \
            and zipf(tok[0] + tok[1:].lower(), "en") < FREQUENT:  # ``SHe`` is ``She`` doubled
        # ``DIn the night``, ``LOn Monday``: a French initial before a short
        # English function word (``DJs``, ``IDs`` are plurals, left alone)
        return ctx.finding(m.start(), m.start() + 1, "",
                           message=f"drop-cap residue: '{tok}' is '{tok[1:]}' with the French "
                                   f"initial '{tok[0]}' left in front")
    joined = tok[0] + tok[1:].lower()   # VLadimir -> Vladimir
    rest = tok[1:]                      # DThe -> The
    if zipf(joined, "en") >= FREQUENT or (len(tok) > 3 and _freq(joined) >= 3.0
                                         and _freq(rest) < NOT_A_WORD):  # THe, SHe, VLadimir
        return ctx.finding(m.start() + 1, m.start() + 2, tok[1].lower(),
                           message=f"drop-cap residue: '{tok}' is '{joined}' with its initial doubled")
    if len(tok) > 3 and _freq(rest) >= 4.5 and _freq(joined) < NOT_A_WORD:
        return ctx.finding(m.start(), m.start() + 1, "",
                           message=f"drop-cap residue: '{tok}' is '{rest}' with the French "
                                   f"initial '{tok[0]}' left in front")
    return None


def _garbled(doc: Document, ctx: DetectorContext, m: re.Match) -> Finding | None:
    """``Lhe`` → ``The``: the token is no word; another initial, or none,
    makes a frequent one. Suggested when one repair clearly wins."""
    tok = m.group()
    rest = tok[1:]
    if not rest.islower() or is_common_word(tok) or _count(doc, tok) > 1:
        return None
    if not (is_common_word(rest) or any(is_common_word(c + rest) for c in "ABCDEFGHIJKLMNOPRSTUVWY")):
        return None  # no repair is an English word: checked without the frequency lists
    if _freq(tok) > NOT_A_WORD:
        return None
    cands = {c + rest: zipf(c + rest, "en") for c in string.ascii_uppercase if c != tok[0]}
    cands[rest.capitalize()] = zipf(rest, "en")
    ranked = sorted(cands.items(), key=lambda kv: -kv[1])
    best, score = ranked[0]
    if score < FREQUENT or not is_common_word(best):
        return None
    margin = score - ranked[1][1]
    tier = ctx.tier if margin >= 1.0 else Tier.REVIEW
    if ctx.tier.rank < tier.rank:
        tier = ctx.tier
    return ctx.finding(m.start(), m.end(), best, tier=tier,
                       message=f"drop-cap residue: '{tok}' is no word; the initial was "
                               f"garbled ('{best}'?)", margin=round(margin, 2))


_ENTITY = re.compile(r"(?<!&)&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,30});")


def entities(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``&eacute;`` → ``é`` (a known entity); ``&agrav;`` flagged for review."""
    out: list[Finding] = []
    for m in _ENTITY.finditer(doc.text):
        ent = m.group()
        dec = html.unescape(ent)
        if dec != ent and len(dec) == 1 and dec.isprintable():
            out.append(ctx.finding(m.start(), m.end(), dec,
                                   message=f"HTML entity '{ent}' left in the text: '{dec}'"))
        elif dec == ent:
            out.append(ctx.finding(m.start(), m.end(), None, tier=Tier.REVIEW,
                                   message=f"broken HTML entity '{ent}': a person must "
                                           f"restore what it stood for"))
    return out


_STRAY = re.compile(r"(?<=[a-z,] )(?<!letter )(?<!\bthe )(?<!\ban )(?<!\ba )[éèêë] (?=[a-z])")


def stray_letter(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``was é the one``: an accented letter that is no word in English or
    French, alone between two words (``à`` is French and may be quoted)."""
    return [ctx.finding(m.start(), m.end(), "",
                        message=f"stray letter '{m.group().strip()}' between two words")
            for m in _STRAY.finditer(doc.text)]


_ACCENTS = {"e": "éèêë", "a": "àâ", "i": "îï", "o": "ô", "u": "ùûü", "c": "ç"}
_NAME_PART = re.compile(r"(?<![\w’'])([A-Z][a-z]{3,})(?=[\s,.;:!?)”\"'’-])")


def dropped_accents(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``Lievremont`` → ``Lièvremont``, ``Saint-Juery`` → ``Saint-Juéry``: a
    capitalised word wordfreq knows in neither language, with exactly one
    accented spelling that French knows. A name English spells without its
    accents (``Elysee``, ``Francois``) is known as it is and left alone."""
    out: list[Finding] = []
    for m in _NAME_PART.finditer(doc.text):
        w = m.group(1)
        if is_common_word(w) or _freq(w) > 0:
            continue
        found = set()
        for i, c in enumerate(w.lower()):
            for acc in _ACCENTS.get(c, ""):
                cand = w[:i] + (acc if i else acc.upper()) + w[i + 1:]
                if zipf(cand, "fr") >= 1.5 and zipf(cand, "en") <= zipf(cand, "fr"):
                    found.add(cand)
        if len(found) == 1:
            (cand,) = found
            out.append(ctx.finding(m.start(1), m.end(1), cand,
                                   message=f"accents dropped from a French name: '{cand}'"))
    return out


#: Letters of Latin Extended-B that no French or English word has, where a
#: letter was mis-encoded (``OurtiguiƩ`` for *Ourtiguié*); Romanian ș ț,
#: pinyin ǎ ǐ ǒ ǔ, Azerbaijani Ə, Vietnamese ơ ư and cp1252's ƒ are real
#: letters and left out.
_ODD_SET = ("[\u0180-\u018e\u0190\u0191\u0193-\u019f\u01a2-\u01ae\u01b1-\u01cc\u01dd-\u0217"
            "\u021c-\u024f]")
_ODD = re.compile(rf"(?<=[A-Za-zÀ-ÿ]){_ODD_SET}|{_ODD_SET}(?=[A-Za-zÀ-ÿ])")


def odd_glyphs(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """A letter from another script's block inside a Latin word: flagged."""
    return [ctx.finding(m.start(), m.end(), None, tier=Tier.REVIEW,
                        message=f"'{m.group()}' inside a word is a mis-encoded letter")
            for m in _ODD.finditer(doc.text)]


#: ``the minister?s plan``, ``don?t``, ``l?Assemblée``: a curly apostrophe a
#: charset conversion turned into a question mark. A question mark glued to
#: the letters of an English contraction or possessive, or between a French
#: elided article and its word, is never punctuation (URLs are kept out by the
#: engine).
_QMARK_APOS = re.compile(r"(?<=[A-Za-z])\?(?=(?:s|t|re|ve|ll|d|m)(?![\w?]))")
_QMARK_ELISION = re.compile(r"(?<![\w?])(?:[lLdDjJnNsScCmMtT]|[qQ]u)(\?)(?=[aeiouhyAEIOUHYÀ-Ýà-ÿ]\w)")


def question_apostrophes(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``minister?s`` → ``minister’s``: the apostrophe that became ``?``, given
    back in the style the text uses elsewhere (curly unless it has only
    straight ones). Not inside a URL or a file name (``page.php?s=1``)."""
    text = doc.text
    apos = "'" if text.count("'") > text.count("’") else "’"
    out: list[Finding] = []
    hits = [(m.start(), m.end()) for m in _QMARK_APOS.finditer(text)]
    for m in _QMARK_ELISION.finditer(text):
        word = re.match(r"\w*", text[m.end(1):]).group()
        if zipf(word, "fr") >= 2.0 or word[:1].isupper():  # "l?Assemblée", "d?Orsay": French or a name
            hits.append(m.span(1))
    for lo, hi in sorted(hits):
        chunk = re.search(r"\S*$", text[:lo]).group()
        if any(c in chunk for c in "/=.&%@"):
            continue  # a URL, a query string, a file name
        word = re.match(r"\w*", text[hi:]).group()
        out.append(ctx.finding(lo, hi, apos, message=f"'?' for an apostrophe: '{chunk}{apos}{word}'"))
    return out


#: Fewest repairs a page must show before the word-filter shape is trusted: the
#: filter acts on the whole page, so its damage comes more than once.
FILTER_HITS = 2
#: Longest token the word-filter shape repairs: English words with "ass" in
#: them run to about 20 letters (``embarrassments``, ``compassionately``).
MAX_FILTERED = 24


def word_filter(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``pengers`` → ``passengers``, ``umed`` → ``assumed``: a site's profanity
    filter deleted ``ass`` wherever it occurs. A lower-case token that is no
    word in English or French, where putting ``ass`` back at one place gives a
    frequent English word (and at no other place another one), on a page that
    shows this damage at least :data:`FILTER_HITS` times."""
    found = []
    # At most MAX_FILTERED letters: the repairs of a token are as many strings
    # as it has letters, each as long as the token, so an unbounded run of
    # letters (a pasted hash, a test's "aaaa...") cost its length squared.
    for m in re.finditer(r"(?<![\w’'-])[a-z]{2,%d}(?![\w’'-])" % MAX_FILTERED, doc.text):
        tok = m.group()
        if _freq(tok) > 1.5:  # (not is_common_word: it reads "umed" as "um" + "ed")
            continue
        cands = {tok[:i] + "ass" + tok[i:] for i in range(len(tok) + 1)}
        good = [c for c in cands if zipf(c, "en") >= 3.5]
        if len(good) == 1:
            found.append((m, good[0]))
    if len({g for _, g in found}) < FILTER_HITS:
        return []
    return [ctx.finding(m.start(), m.end(), good,
                        message=f"a word filter cut 'ass' out of '{good}'") for m, good in found]


FINDERS = {"drop-caps": drop_cap, "question-apostrophes": question_apostrophes, "word-filter": word_filter, "entities": entities, "stray-letters": stray_letter,
           "accents": dropped_accents, "odd-glyphs": odd_glyphs}
