"""Load the hand-annotated evaluation corpora in ``corpora/``.

Each input ``corpora/NAME.txt`` may have a gold file ``corpora/NAME.gold.yaml``
beside it, written by a person who read every line (format in
``corpora/README.md``). Annotations are anchored by *text* (``find``, optional
``nth`` and ``span``) rather than by offsets, so the gold files stay readable
and reviewable, and a typo in an anchor fails loudly instead of silently
pointing at the wrong characters. This module resolves the anchors to Python
``str`` offsets into the decoded text, the same coordinates as
:class:`mtfix.document.Document` and the JSON contract, so ``mtfix eval`` can
compare findings with gold spans directly.

Only the standard library and PyYAML are used, so the loader works without the
language-model extras.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

#: The artefact classes a gold annotation may use (docs/artefacts.md 1-15).
#: The first eleven are those of the original corpora; the web corpus
#: (``corpora/web/``) adds the classes of artefacts 12-15 and splits garbled
#: syntax from broken boundaries. ``grammar`` and ``custom`` are finding
#: categories, never gold classes.
CORE_CATEGORIES: tuple[str, ...] = (
    "residue", "typography", "quotes", "pronouns", "titles", "dates",
    "sentences", "calques", "acronyms", "encoding", "consistency",
)
GOLD_CATEGORIES: tuple[str, ...] = CORE_CATEGORIES + (
    "people", "names", "french", "capitalisation", "wordorder", "garbled",
)

_KNOWN_KEYS = {"class", "find", "nth", "span", "fix", "note"}


@dataclass
class GoldAnnotation:
    """One artefact: ``text[start:end]`` is wrong; ``fix`` is what it should read.

    ``fix`` is ``None`` for flag-only annotations (garbled syntax a person has
    to rewrite); ``""`` means delete the span.
    """

    start: int
    end: int
    category: str
    fix: str | None
    note: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` shares a character with this span.

        An empty range (a pure insertion) counts when it sits strictly inside
        the span, so zero-width predictions can still match.
        """
        if start == end:
            return self.start < start < self.end
        return start < self.end and self.start < end


@dataclass
class GoldDocument:
    """An input text and its gold annotations, sorted by position."""

    name: str
    path: Path
    text: str
    annotations: list[GoldAnnotation] = field(default_factory=list)
    source: str = ""
    #: Stretches of good English that must come through unchanged
    #: (``traps:`` in the gold file), as ``(start, end, note)``.
    traps: list[tuple[int, int, str]] = field(default_factory=list)

    def fixed_text(self) -> str:
        """The expected cleaned text: every non-null fix applied, from the end.

        Applying from the end keeps earlier offsets valid; annotations never
        overlap (``load_gold`` refuses files where they do).
        """
        return apply_fixes(self.text, self.annotations, 0, len(self.text))

    def expected(self, start: int, end: int) -> str:
        """What ``text[start:end]`` should read once the gold fixes inside it
        are applied.

        For scoring a predicted fix whose span differs from the gold span:
        take the union window of both, apply the prediction to the original
        window, and compare with ``expected(window)``. Gold annotations that
        only partly fall inside the window are widened into it by the caller;
        here a partial overlap raises ``ValueError`` so it cannot go unnoticed.
        """
        return apply_fixes(self.text, self.annotations, start, end)

    def counts(self) -> dict[str, int]:
        """Annotations per class (classes with none are left out)."""
        out: dict[str, int] = {}
        for ann in self.annotations:
            out[ann.category] = out.get(ann.category, 0) + 1
        return out


def apply_fixes(text: str, annotations: list[GoldAnnotation], start: int, end: int) -> str:
    """Apply the non-null fixes of ``annotations`` lying in ``[start, end)``
    to ``text[start:end]`` and return the result."""
    window = text[start:end]
    for ann in sorted(annotations, key=lambda a: a.start, reverse=True):
        if ann.fix is None or ann.end <= start or ann.start >= end:
            continue
        if ann.start < start or ann.end > end:
            raise ValueError(
                f"gold span {ann.start}-{ann.end} only partly inside window {start}-{end}"
            )
        window = window[: ann.start - start] + ann.fix + window[ann.end - start:]
    return window


def read_text(path: Path) -> str:
    """Read UTF-8 as mtfix does: drop a leading BOM, keep CRLF untranslated."""
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    return text[1:] if text.startswith("\ufeff") else text


def gold_path(txt_path: Path) -> Path:
    """``corpora/NAME.txt`` -> ``corpora/NAME.gold.yaml``."""
    return txt_path.with_name(txt_path.name[: -len(".txt")] + ".gold.yaml")


def _fail(where: str, index: int | None, msg: str) -> ValueError:
    loc = f"{where}: annotation {index}" if index is not None else where
    return ValueError(f"{loc}: {msg}")


def _occurrences(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos != -1:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _resolve(text: str, raw: object, where: str, index: int) -> GoldAnnotation:
    """Turn one YAML mapping into offsets, or say exactly what is wrong."""
    if not isinstance(raw, dict):
        raise _fail(where, index, "must be a mapping with class, find, fix")
    unknown = set(raw) - _KNOWN_KEYS
    if unknown:
        raise _fail(where, index, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    category = raw.get("class")
    if category not in GOLD_CATEGORIES:
        raise _fail(where, index, f"class {category!r} is not one of {', '.join(GOLD_CATEGORIES)}")
    find = raw.get("find")
    if not isinstance(find, str) or not find:
        raise _fail(where, index, "'find' must be a non-empty string")
    if "fix" not in raw:
        raise _fail(where, index, "'fix' is required (use null for flag-only)")
    fix = raw["fix"]
    if fix is not None and not isinstance(fix, str):
        raise _fail(where, index, f"'fix' must be a string or null, not {type(fix).__name__}")
    hits = _occurrences(text, find)
    nth = raw.get("nth")
    if not hits:
        raise _fail(where, index, f"find {find!r} does not occur in the text")
    if nth is None:
        if len(hits) > 1:
            raise _fail(where, index, f"find {find!r} is ambiguous ({len(hits)} occurrences); add nth")
        base = hits[0]
    else:
        if not isinstance(nth, int) or isinstance(nth, bool) or not 1 <= nth <= len(hits):
            raise _fail(where, index, f"nth {nth!r} out of range: find {find!r} occurs {len(hits)} time(s)")
        base = hits[nth - 1]
    span = raw.get("span")
    if span is None:
        start, end = base, base + len(find)
    else:
        if not isinstance(span, str) or not span:
            raise _fail(where, index, "'span' must be a non-empty string")
        inner = find.find(span)
        if inner == -1:
            raise _fail(where, index, f"span {span!r} is not inside find {find!r}")
        start, end = base + inner, base + inner + len(span)
    if fix is not None and fix == text[start:end]:
        raise _fail(where, index, f"fix equals the original text {fix!r}")
    note = raw.get("note") or ""
    return GoldAnnotation(start, end, category, fix, str(note))


def _safe_load(text: str):
    """libyaml's safe loader where PyYAML has it (ten times faster on the
    corpus), PyYAML's for what libyaml refuses (and for its error messages)."""
    if hasattr(yaml, "CSafeLoader"):
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def load_gold(txt_path: str | Path) -> GoldDocument:
    """Load ``NAME.txt`` and its ``NAME.gold.yaml``; resolve every anchor.

    Raises ``ValueError`` naming the gold file and the 0-based annotation
    index when an anchor is missing, ambiguous or malformed, or when two
    annotations overlap.
    """
    txt_path = Path(txt_path)
    text = read_text(txt_path)
    gpath = gold_path(txt_path)
    where = str(gpath)
    try:
        data = _safe_load(gpath.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{where}: invalid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("annotations", []), list):
        raise _fail(where, None, "expected a mapping with 'source' and an 'annotations' list")
    anns = [_resolve(text, raw, where, i) for i, raw in enumerate(data.get("annotations") or [])]
    order = sorted(range(len(anns)), key=lambda i: (anns[i].start, anns[i].end))
    for a, b in zip(order, order[1:]):
        if anns[b].start < anns[a].end:
            raise _fail(where, b, f"overlaps annotation {a} "
                        f"({text[anns[a].start:anns[a].end]!r} / {text[anns[b].start:anns[b].end]!r})")
    traps = [_resolve_trap(text, raw, where, i) for i, raw in enumerate(data.get("traps") or [])]
    name = txt_path.name[: -len(".txt")]
    return GoldDocument(name, txt_path, text, [anns[i] for i in order], str(data.get("source", "")),
                        traps)


def _resolve_trap(text: str, raw: object, where: str, index: int) -> tuple[int, int, str]:
    """A ``traps:`` entry: ``{find, nth?, note?}``, text that is right as it is."""
    loc = f"{where}: trap {index}"
    if not isinstance(raw, dict) or not isinstance(raw.get("find"), str) or not raw["find"]:
        raise ValueError(f"{loc}: must be a mapping with a non-empty 'find'")
    unknown = set(raw) - {"find", "nth", "note"}
    if unknown:
        raise ValueError(f"{loc}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    hits = _occurrences(text, raw["find"])
    nth = raw.get("nth", 1 if len(hits) == 1 else None)
    if not hits:
        raise ValueError(f"{loc}: find {raw['find']!r} does not occur in the text")
    if not isinstance(nth, int) or isinstance(nth, bool) or not 1 <= nth <= len(hits):
        raise ValueError(f"{loc}: find {raw['find']!r} occurs {len(hits)} time(s); give nth")
    start = hits[nth - 1]
    return start, start + len(raw["find"]), str(raw.get("note") or "")


def iter_corpus(directory: str | Path) -> list[GoldDocument]:
    """Every ``*.txt`` in ``directory`` that has a gold file, by name.

    ``*.fixed.txt`` files are expected outputs, not inputs, and are skipped.
    """
    directory = Path(directory)
    docs = []
    for txt in sorted(directory.glob("*.txt")):
        if txt.name.endswith(".fixed.txt") or not gold_path(txt).exists():
            continue
        docs.append(load_gold(txt))
    return docs


def write_fixed(doc: GoldDocument) -> Path:
    """Write ``NAME.fixed.txt`` beside the input (exact bytes, no newline
    translation) and return its path; used to regenerate the expected texts."""
    out = doc.path.with_name(doc.name + ".fixed.txt")
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write(doc.fixed_text())
    return out


def counts_table(docs: list[GoldDocument]) -> str:
    """The Markdown table of annotations per class per file (corpora/README.md):
    the core classes, and the others where some document uses them."""
    used = {a.category for d in docs for a in d.annotations}
    cats = [c for c in GOLD_CATEGORIES if c in CORE_CATEGORIES or c in used]
    lines = ["| file | words | " + " | ".join(cats) + " | total | flag-only |",
             "|---|---:|" + "---:|" * (len(cats) + 2)]
    totals = dict.fromkeys(cats, 0)
    words = total = flag = 0
    for d in docs:
        c = d.counts()
        n_flag = sum(1 for a in d.annotations if a.fix is None)
        n_words = len(d.text.split())
        lines.append(f"| `{d.name}` | {n_words} | " + " | ".join(str(c.get(k, "")) for k in cats)
                     + f" | {len(d.annotations)} | {n_flag} |")
        for k in cats:
            totals[k] += c.get(k, 0)
        words, total, flag = words + n_words, total + len(d.annotations), flag + n_flag
    lines.append(f"| **all** | {words} | " + " | ".join(str(totals[k]) for k in cats)
                 + f" | {total} | {flag} |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m mtfix.corpus [DIR] [--table]: regenerate *.fixed.txt
    import sys

    args = [a for a in sys.argv[1:] if a != "--table"]
    root = Path(args[0] if args else "corpora")
    if not root.is_dir():
        print(f"mtfix.corpus: {root}: not a directory", file=sys.stderr)
        sys.exit(2)
    try:
        docs = iter_corpus(root)
        for d in docs:
            print(f"{write_fixed(d)}  {len(d.annotations)} annotations  {d.counts()}")
        if "--table" in sys.argv[1:]:
            print(counts_table(docs))
    except ValueError as exc:
        print(f"mtfix.corpus: {exc}", file=sys.stderr)
        sys.exit(2)
