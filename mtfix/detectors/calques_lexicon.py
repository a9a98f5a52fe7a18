"""A lexicon of calques and false friends, each with its candidate renderings.

Why a detector and not one pattern rule per phrase: a calque rarely has one
right English rendering (*dans le cadre de* is "as part of", "under" or "for"
depending on what follows), so each entry carries several candidates and the
language model picks one in context (``Finding.fixes``, best guess first,
``lm_check=True``). Hundreds of entries as separate rules would also flood
``mtfix rules list`` with ids nobody selects one by one.

The lexicon is the ``entries:`` option of the rule that runs this detector
(``rules/fr-en/calques_lexicon*.yaml``). Each entry is a mapping:

``id``      unique within the lexicon (shown in the finding's evidence);
``find``    a regular expression (``regex`` module, case-insensitive unless
            ``case: true``) matched between word edges; lookarounds carry the
            context that makes the phrase a calque. A named group ``span``
            narrows what is flagged and replaced to that group;
``fix``     a rendering or a list of them (``\\1`` and ``\\g<name>`` allowed),
            the first the likeliest; ``null`` flags only. For inflected
            verbs it may be a mapping keyed by the lower-cased text of the
            named group ``key`` (``{gave: sided with, gives: sides with}``):
            one entry covers every tense without one rendering per tense;
``fr``      the French the calque comes from (told to the reader);
``tier``    the starting tier, right when the model is off (default: the
            rule's, review);
``test``    texts the entry must flag (strings, or ``{text, fixed}`` where
            ``fixed`` is the text after the first rendering);
``allows``  fine English the entry must leave alone (at least one, or a
            ``why_no_allows`` saying why none exists).

The replacement takes the case of the match (``Mechanically`` →
``Inevitably``). When two entries flag overlapping text, the longer match
wins, then the earlier entry: one problem, one finding.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import regex

from mtfix.anchors import anchors, fold, possible
from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.model import Finding, Fix, Tier
from mtfix.rules.cache import cached
from mtfix.rules.case import match_case
from mtfix.rules.lazy import LazyPattern, compiled

__all__ = ["Entry", "compile_entries", "calques_lexicon"]

_FLAGS = regex.V0 | regex.MULTILINE
_ENTRY_KEYS = frozenset({"id", "find", "fix", "fr", "tier", "test", "allows", "case", "note",
                         "why_no_allows"})


@dataclass(frozen=True)
class Entry:
    """One compiled lexicon entry."""

    id: str
    pattern: Any  # regex.Pattern, or a LazyPattern (a built-in lexicon)
    fixes: tuple[str, ...]
    #: renderings by the lower-cased text of group ``key`` (inflected entries)
    keyed: Mapping[str, tuple[str, ...]] | None
    french: str
    tier: Tier | None
    note: str
    tests: tuple[tuple[str, str | None], ...]
    allows: tuple[str, ...]
    #: words one of which every match contains (mtfix.anchors), None: always run
    need: Any = None


def _as_list(value: Any, what: str, entry: str) -> list:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    if isinstance(value, list):
        return value
    raise ValueError(f"entry {entry!r}: {what} must be a string or a list")


def compile_entries(raw: Sequence[Mapping[str, Any]], lazy: bool = False) -> list[Entry]:
    """Check and compile the ``entries`` option; a bad entry raises ValueError
    naming it (the rule file reports it at the line of ``options:``).

    ``lazy``: the lexicon ships with mtfix, whose tests compile every entry
    this way: each expression is compiled the first time a text holds one of
    its anchors (:mod:`mtfix.rules.lazy`), and the checks that need it
    compiled (a ``key`` group for a fix mapping, the fixes' group references)
    are left to those tests. A fresh process then compiles the few dozen
    entries an article can match instead of all of them (a second or two).
    """
    out: list[Entry] = []
    seen: set[str] = set()
    for i, e in enumerate(raw):
        if not isinstance(e, Mapping):
            raise ValueError(f"entries[{i}] must be a mapping")
        eid = e.get("id")
        if not isinstance(eid, str) or not eid:
            raise ValueError(f"entries[{i}] needs an 'id'")
        if eid in seen:
            raise ValueError(f"entry {eid!r} defined twice")
        seen.add(eid)
        unknown = set(e) - _ENTRY_KEYS
        if unknown:
            raise ValueError(f"entry {eid!r}: unknown keys {sorted(unknown)}")
        find = e.get("find")
        if not isinstance(find, str) or not find:
            raise ValueError(f"entry {eid!r} needs a 'find' expression")
        flags = _FLAGS | (0 if e.get("case") else regex.IGNORECASE)
        # a word edge at the end only where the match ends on a word
        # character (a find may end on a space before a lookahead); the
        # edge at the start is checked on each match (:func:`matches`):
        # as a leading lookaround it made every pattern five times slower
        source = rf"(?:{find})(?:(?<=[\w-])(?![\w-])|(?<![\w-]))"
        if lazy:
            pattern: Any = LazyPattern(source, flags)
        else:
            try:
                pattern = regex.compile(source, flags)
            except regex.error as err:
                raise ValueError(f"entry {eid!r}: bad 'find' ({err})") from None
        raw_fix = e.get("fix")
        keyed = None
        if isinstance(raw_fix, Mapping):
            if not lazy and "key" not in pattern.groupindex:
                raise ValueError(f"entry {eid!r}: a fix mapping needs a group (?P<key>...) in 'find'")
            keyed = {str(k).lower(): tuple(_as_list(v, "fix", eid)) for k, v in raw_fix.items()}
            fixes = tuple(f for v in keyed.values() for f in v)
        else:
            fixes = tuple(_as_list(raw_fix, "fix", eid))
        if not all(isinstance(f, str) for f in fixes):
            raise ValueError(f"entry {eid!r}: every fix must be a string")
        for f in fixes if not lazy else ():
            try:
                pattern.sub(f, "")
            except (regex.error, IndexError) as err:
                raise ValueError(f"entry {eid!r}: bad fix {f!r} ({err})") from None
        tests = []
        for t in _as_list(e.get("test"), "test", eid):
            if isinstance(t, str):
                tests.append((t, None))
            elif isinstance(t, Mapping) and isinstance(t.get("text"), str):
                tests.append((t["text"], t.get("fixed")))
            else:
                raise ValueError(f"entry {eid!r}: a test is a text or {{text, fixed}}")
        allows = tuple(_as_list(e.get("allows"), "allows", eid))
        if not allows and not e.get("why_no_allows"):
            raise ValueError(f"entry {eid!r}: give 'allows' (fine English it must leave alone) "
                             "or 'why_no_allows'")
        tier = Tier.parse(e["tier"]) if e.get("tier") else None
        out.append(Entry(eid, pattern, fixes, keyed, str(e.get("fr") or ""), tier,
                         str(e.get("note") or ""), tuple(tests), allows, anchors(pattern)))
    return out


def _is_word(c: str) -> bool:
    return c.isalnum() or c in "_-"


#: compiled lexicons, by their content (:func:`_key`)
_CACHE: dict[str, list[Entry]] = {}
#: id of an ``entries`` list -> (that list, kept alive so its id is not reused; its entries)
_BY_ID: dict[int, tuple[list, list[Entry], bool]] = {}


def _key(raw: Sequence[Mapping[str, Any]]) -> str:
    """The same entries give the same key whichever copy of the rule holds them."""
    return json.dumps(raw, sort_keys=True, default=str, ensure_ascii=False)


def _entries(options: Mapping[str, Any], lazy: bool = False, rule_id: str = "") -> list[Entry]:
    """The compiled entries of a rule's options; ``lazy`` (a built-in
    lexicon): compiled on first use, and kept with their anchors in the disk
    cache of what mtfix ships (:mod:`mtfix.rules.cache`), under ``rule_id``."""
    raw = options.get("entries")
    if not isinstance(raw, list):
        raise ValueError("options: 'entries' must be a list of lexicon entries")
    unknown = set(options) - {"entries"}
    if unknown:
        raise KeyError(f"unknown options {sorted(unknown)}")
    # the rule's options object lives as long as the rule: its identity finds the
    # compiled entries without serialising four hundred entries for every document
    hit = _BY_ID.get(id(raw))
    if hit is not None and hit[0] is raw and hit[2] == lazy:
        return hit[1]
    key = ("lazy " if lazy else "") + _key(raw)
    if key not in _CACHE:
        if lazy:
            _CACHE[key] = cached(f"lexicon\0{rule_id}\0{__file__}", key.encode("utf-8", "replace"),
                                 lambda: compile_entries(raw, lazy=True))
        else:
            _CACHE[key] = compile_entries(raw)
    _BY_ID[id(raw)] = (raw, _CACHE[key], lazy)
    return _CACHE[key]


def _case_like(original: str, repl: str) -> str:
    """The replacement with the case of the match: a capital first letter is
    carried over, an all-capitals headline word gets capitals."""
    first = next((c for c in original if c.isalpha()), "")
    if first.islower():
        return repl  # a capital in the rendering is a name ('on Friday'): kept
    return match_case(original, repl)


def matches(entries: Iterable[Entry], text: str) -> list[tuple[Entry, int, int, list[str]]]:
    """Every (entry, start, end, renderings) in ``text``, overlaps resolved:
    the longer match wins, then the earlier entry."""
    found = []
    folded: str | None = None
    for order, e in enumerate(entries):
        need = e.need
        if need is not None:  # a word every match contains is absent: no match (mtfix.anchors)
            if need.folded and folded is None:
                folded = fold(text)
            if not possible(need, text, folded or text):
                continue
        pattern = compiled(e.pattern)  # a built-in entry the first time a text may hold it
        narrowed = "span" in pattern.groupindex
        for m in pattern.finditer(text):
            if m.start() and _is_word(text[m.start()]) and _is_word(text[m.start() - 1]):
                continue  # starts inside a word
            if narrowed and m.start("span") >= 0:
                s, t = m.span("span")
            else:
                s, t = m.span()
            if s == t:
                continue
            original = text[s:t]
            reps = []
            todo = e.fixes
            if e.keyed is not None:
                todo = e.keyed.get((m.group("key") or "").lower(), ())
            for f in todo:
                r = _case_like(original, m.expand(f))
                if r != original and r not in reps:
                    reps.append(r)
            found.append((e, s, t, reps, order))
    found.sort(key=lambda x: (-(x[2] - x[1]), x[4], x[1]))
    kept: list[tuple[Entry, int, int, list[str], int]] = []
    for cand in found:
        if all(cand[2] <= k[1] or cand[1] >= k[2] for k in kept):
            kept.append(cand)
    kept.sort(key=lambda x: (x[1], x[2]))
    return [(e, s, t, reps) for e, s, t, reps, _ in kept]


@detector("calques_lexicon")
def calques_lexicon(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """Flag each lexicon phrase with its renderings as candidate fixes, for
    the language model to rank; with no rendering it is a flag for a person."""
    out = []
    for e, s, t, reps in matches(_entries(ctx.options, ctx.builtin, ctx.rule_id), doc.text):
        original = doc.text[s:t]
        french = f" (French '{e.french}')" if e.french else ""
        if reps:
            hint = "write " + " / ".join(f"'{r}'" for r in reps)
        else:
            hint = "rewrite it"
        message = f"'{original}' is a calque{french}: {hint}" + (f"; {e.note}" if e.note else "")
        fixes = tuple(Fix.replace(s, t, r) for r in reps)
        out.append(Finding(rule=ctx.rule_id, category=ctx.category, message=message, start=s,
                           end=t, tier=e.tier or ctx.tier, source=ctx.source, fixes=fixes,
                           evidence={"lexicon_entry": e.id, "french": e.french,
                                     "candidates": reps},
                           order=ctx.order, lm_check=bool(reps) and ctx.lm))
    return out
