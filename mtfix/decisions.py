"""The decisions log: what people accepted and rejected, and what mtfix learns from it.

Every decision made in ``mtfix review`` (and every choice exported from the
HTML report and applied with ``mtfix apply``) is one row in a local SQLite
database. The log exists for two reasons: ``mtfix rules stats`` shows how
often each rule's fix is taken as proposed, and a *safe* rule whose fixes
people keep rejecting is demoted to *suggested* (no longer applied by
``mtfix fix`` unattended) -- the rule pack learns where it over-fires.

Where the database lives is a setting (:class:`mtfix.settings.ReviewSettings`
``db``: ``--db PATH``, ``db`` under ``[tool.mtfix.review]`` relative to the
config file, or the environment variable ``MTFIX_DECISIONS_DB``), else
``decisions.sqlite3`` in the user data directory (:func:`default_db_path`).

The ``[tool.mtfix.review]`` keys (``demote_below``, ``min_decisions``, ``db``,
``log``) and their defaults are in :class:`mtfix.settings.ReviewSettings`;
``min_decisions`` keeps a rule from being judged on two clicks.

The *acceptance rate* of a rule is accepted / (accepted + edited + rejected):
the share of decisions where its fix was right exactly as proposed. An edited
fix counts against it, because a safe fix is applied unattended and nobody
would have edited it. Skipped findings are logged but never counted.

A log that cannot be used (a folder, a corrupt or foreign SQLite file) is a
:class:`~mtfix.errors.DecisionsError` that names it: ``decisions log PATH: ...``.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from mtfix.errors import DecisionsError  # noqa: F401  (raised here, re-exported)
from mtfix.model import Finding, Tier
from mtfix.settings import ReviewSettings

DECISIONS = ("accepted", "edited", "rejected", "skipped")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id          INTEGER PRIMARY KEY,
    time        TEXT NOT NULL,          -- ISO 8601, UTC
    doc_hash    TEXT NOT NULL,          -- sha256 of the document text (UTF-8, no BOM)
    path        TEXT,                   -- the file as named on the command line
    rule        TEXT NOT NULL,
    category    TEXT,
    tier        TEXT,                   -- the tier the finding had when decided
    start       INTEGER,
    end         INTEGER,
    span_text   TEXT NOT NULL,          -- the text the finding covered
    replacement TEXT,                   -- what mtfix proposed (NULL: flag only)
    final_text  TEXT,                   -- what was written (edited text, or the proposal)
    decision    TEXT NOT NULL CHECK (decision IN ('accepted', 'edited', 'rejected', 'skipped')),
    via         TEXT NOT NULL DEFAULT 'review'   -- review | report
);
CREATE INDEX IF NOT EXISTS decisions_rule ON decisions (rule);
"""


def doc_hash(text: str) -> str:
    """The identity of a document's text, as stored in the log and in report exports."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("mtfix", appauthor=False)) / "decisions.sqlite3"


# -- the database ------------------------------------------------------------

def connect(path: str | Path, create: bool = True) -> sqlite3.Connection | None:
    """Open the log (creating it and its folder when ``create``); None if absent."""
    path = Path(path)
    if not path.exists():
        if not create:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise _unusable(path, f"cannot create {path.parent}: {e.strerror or e}") from None
    try:
        con = sqlite3.connect(str(path), timeout=10)
        if create:
            con.executescript(_SCHEMA)
        return con
    except sqlite3.Error as e:
        raise _unusable(path, e) from None


def _unusable(path: str | Path, problem: object) -> DecisionsError:
    """The error for a log that cannot be used, naming it (not the config)."""
    return DecisionsError(f"decisions log {path}: {problem}")


@dataclass(frozen=True)
class Record:
    """One decision, ready to be written."""

    rule: str
    decision: str
    span_text: str
    replacement: str | None
    final_text: str | None = None
    category: str = ""
    tier: str = ""
    start: int | None = None
    end: int | None = None

    @classmethod
    def of(cls, text: str, f: Finding, decision: str, final_text: str | None = None) -> "Record":
        f = f.normalized()
        return cls(rule=f.rule, decision=decision, span_text=text[f.start:f.end],
                   replacement=f.replacement(text), final_text=final_text, category=f.category,
                   tier=f.tier.value, start=f.start, end=f.end)


def record(path: str | Path, text: str, doc_path: str, records: Iterable[Record],
           via: str = "review") -> int:
    """Append decisions about one document in one transaction; returns how many."""
    rows = list(records)
    if not rows:
        return 0
    for r in rows:
        if r.decision not in DECISIONS:
            raise ValueError(f"unknown decision {r.decision!r}")
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    h = doc_hash(text)
    con = connect(path)
    try:
        with con:
            con.executemany(
                "INSERT INTO decisions (time, doc_hash, path, rule, category, tier, start, end, "
                "span_text, replacement, final_text, decision, via) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(now, h, doc_path, r.rule, r.category, r.tier, r.start, r.end, r.span_text,
                  r.replacement, r.final_text, r.decision, via) for r in rows])
    except sqlite3.Error as e:
        raise _unusable(path, e) from None
    finally:
        con.close()
    return len(rows)


@dataclass(frozen=True)
class RuleStats:
    rule: str
    accepted: int = 0
    edited: int = 0
    rejected: int = 0
    skipped: int = 0

    @property
    def decided(self) -> int:
        """Decisions that count for the acceptance rate (skips do not)."""
        return self.accepted + self.edited + self.rejected

    @property
    def rate(self) -> float | None:
        return self.accepted / self.decided if self.decided else None

    def demoted(self, settings: ReviewSettings) -> bool:
        return (settings.demote_below > 0 and self.decided >= settings.min_decisions
                and self.rate is not None and self.rate < settings.demote_below)


def stats(path: str | Path) -> dict[str, RuleStats]:
    """Per-rule counts; an absent database is an empty log, not an error."""
    con = connect(path, create=False)
    if con is None:
        return {}
    try:
        rows = con.execute("SELECT rule, decision, COUNT(*) FROM decisions GROUP BY rule, decision")
        counts: dict[str, dict[str, int]] = {}
        for rule, decision, n in rows:
            counts.setdefault(rule, {})[decision] = n
    except sqlite3.Error as e:
        raise _unusable(path, e) from None
    finally:
        con.close()
    return {rule: RuleStats(rule, **{k: c.get(k, 0) for k in DECISIONS})
            for rule, c in sorted(counts.items())}


def demote(findings: list[Finding], db: str | Path | None, settings: ReviewSettings | None = None
           ) -> list[Finding]:
    """Safe findings of rules people keep rejecting become suggested.

    Call this where findings are produced, before the resolver picks the safe
    ones. ``settings`` is a :class:`Settings` or the ``[tool.mtfix.review]``
    table. The reason and the figures go into the finding's evidence, so JSON,
    review and the report can say why the tier changed.
    """
    settings = settings or ReviewSettings()
    if settings.demote_below <= 0 or db is None or not any(f.tier is Tier.SAFE for f in findings):
        return findings
    table = stats(db)
    out = []
    for f in findings:
        s = table.get(f.rule)
        if f.tier is Tier.SAFE and s is not None and s.demoted(settings):
            f = f.with_tier(Tier.SUGGESTED,
                            f"accepted in {s.accepted} of {s.decided} reviews "
                            f"(below {settings.demote_below:.0%})",
                            acceptance_rate=round(s.rate, 3), decisions=s.decided)
        out.append(f)
    return out


def demoter(settings) -> "Callable[[list[Finding]], list[Finding]] | None":
    """The engine's ``adjust`` step for a run whose settings ask for auto-demotion
    (``Settings.demote``, on in check, fix, review and report): safe findings of
    rules reviewers keep rejecting become suggested. None when it is off."""
    if not settings.demote:
        return None
    review = settings.review
    db = review.db or default_db_path()
    return lambda findings: demote(findings, db, review)
