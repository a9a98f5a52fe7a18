"""The small data model everything in mtfix speaks.

A detector looks at a :class:`~mtfix.document.Document` and emits
:class:`Finding` objects. A finding points at a span of the document's text
(character offsets into one immutable ``str``) and may carry candidate
:class:`Fix` objects, each a tuple of :class:`Edit` objects. The resolver picks
fixes, the renderer applies them. Nothing else mutates text.

The *tier* says how sure we are that applying the first fix is right, in the
spirit of ruff's safe/unsafe fixes:

* ``safe`` — applied by ``mtfix fix`` with default options;
* ``suggested`` — applied with ``--suggested``, offered first in review;
* ``review`` — flagged only; any replacement is a hint for a person.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any, Iterable


class Tier(str, enum.Enum):
    SAFE = "safe"
    SUGGESTED = "suggested"
    REVIEW = "review"

    @property
    def rank(self) -> int:
        """Higher is more confident: safe 2, suggested 1, review 0."""
        return {"safe": 2, "suggested": 1, "review": 0}[self.value]

    @classmethod
    def parse(cls, value: "str | Tier") -> "Tier":
        if isinstance(value, Tier):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(f"unknown tier {value!r} (expected safe, suggested or review)") from None

    def __str__(self) -> str:  # click and f-strings print the bare word
        return self.value


#: The artefact classes of docs/artefacts.md, by number, plus LanguageTool's.
CATEGORIES: dict[str, str] = {
    "residue": "web residue around the article (1)",
    "typography": "French typography left in English (2)",
    "quotes": "quote capitalisation (3)",
    "pronouns": "pronoun gender carried over from French (4)",
    "titles": "titles and articles before names (5)",
    "dates": "dates and ordinals (6)",
    "sentences": "broken sentence boundaries, truncation, garbled syntax (7)",
    "calques": "calques and false friends (8)",
    "acronyms": "acronyms left in French (9)",
    "encoding": "drop-cap and encoding residue (10)",
    "consistency": "consistency inside one article (11)",
    "people": "pronouns for people (12)",
    "names": "translated proper names and metonyms (13)",
    "french": "untranslated French (14)",
    "capitalisation": "capitalisation slips (14)",
    "wordorder": "French word order and reported speech (15)",
    "garbled": "garbled syntax a person must rewrite (7)",
    "grammar": "general grammar (LanguageTool)",
    "custom": "user rules",
}


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``. An insertion has start == end."""

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad edit span {self.start}..{self.end}")


@dataclass(frozen=True)
class Fix:
    """One way to repair a finding: edits applied together or not at all."""

    edits: tuple[Edit, ...]

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.edits))
        for a, b in zip(ordered, ordered[1:]):
            if b.start < a.end:
                raise ValueError("edits inside one fix overlap")
        object.__setattr__(self, "edits", ordered)

    @classmethod
    def replace(cls, start: int, end: int, replacement: str) -> "Fix":
        return cls((Edit(start, end, replacement),))

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return self.edits[-1].end

    def apply_to(self, text: str, start: int | None = None, end: int | None = None) -> str:
        """The text of ``text[start:end]`` (default: the fix's own span) after the fix."""
        lo = self.start if start is None else start
        hi = self.end if end is None else end
        out, pos = [], lo
        for e in self.edits:
            out.append(text[pos:e.start])
            out.append(e.replacement)
            pos = e.end
        out.append(text[pos:hi])
        return "".join(out)


@dataclass(frozen=True)
class Finding:
    """A problem found in one document, with the fixes proposed for it.

    ``start``/``end`` mark what a person should look at; the span of the first
    fix may differ (e.g. a stray space *before* the flagged comma). ``evidence``
    holds anything that explains the tier (the LM margin, a threshold, the
    reason a tier was changed) and is shown in JSON and review.
    """

    rule: str
    category: str
    message: str
    start: int
    end: int
    tier: Tier = Tier.REVIEW
    source: str = "rules"
    fixes: tuple[Fix, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: Position of the rule in load order, used to break ties deterministically.
    order: int = field(default=0, compare=False)
    #: Ask the language model to confirm the first fix (it may re-tier or drop it).
    lm_check: bool = field(default=False, compare=False)
    #: Only the model can keep it: without the model, or when the model
    #: prefers the original, the finding is dropped (rule files: ``lm:
    #: require``). For candidates generated broadly (an ambiguous calque, a
    #: pronoun whose antecedent is a guess) that alone would be noise.
    lm_gate: bool = field(default=False, compare=False)
    #: The span widened over the blanks around it (LanguageTool's findings):
    #: an own finding within it is the same problem (mtfix.grammar.merge).
    reach: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def fix(self) -> Fix | None:
        return self.fixes[0] if self.fixes else None

    @property
    def span(self) -> tuple[int, int]:
        """The span covered by the finding and its first fix together."""
        if self.fix is None:
            return self.start, self.end
        return min(self.start, self.fix.start), max(self.end, self.fix.end)

    def replacement(self, text: str) -> str | None:
        """Proposed text for ``text[start:end]``, or None when there is no fix.

        When the fix reaches outside ``[start, end)`` the finding's span is
        widened by :meth:`normalized` first; callers that need the JSON contract
        use that.
        """
        if self.fix is None:
            return None
        lo, hi = self.span
        return self.fix.apply_to(text, lo, hi)

    def normalized(self) -> "Finding":
        """The same finding with ``start``/``end`` widened to cover its first fix."""
        lo, hi = self.span
        if (lo, hi) == (self.start, self.end):
            return self
        return replace(self, start=lo, end=hi)

    def with_tier(self, tier: Tier, reason: str, **evidence: Any) -> "Finding":
        ev = dict(self.evidence)
        ev.update(evidence)
        ev.setdefault("tier_history", [])
        ev["tier_history"] = list(ev["tier_history"]) + [f"{self.tier.value}->{tier.value}: {reason}"]
        return replace(self, tier=tier, evidence=ev)

    def sort_key(self) -> tuple:
        return (self.start, self.end, -self.tier.rank, self.order, self.rule)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Do the spans ``[a_start, a_end)`` and ``[b_start, b_end)`` overlap?

    They do when they share a character, when both are insertions (empty
    spans) at the same point, or when one is an insertion strictly inside the
    other; spans that merely touch do not. Two edits can be applied together
    exactly when they do not overlap, which is why the resolver and review
    both ask this one function.
    """
    if a_start == a_end and b_start == b_end:
        return a_start == b_start
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end
