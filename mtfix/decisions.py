"""The decisions log: what people accepted and rejected, and what mtfix learns from it.

Every decision made in ``mtfix review`` (and every choice exported from the
HTML report and applied with ``mtfix apply``) is one row in a local SQLite
database. The log exists for two reasons: ``mtfix rules stats`` shows how
often each rule's fix is taken as proposed, and a *safe* rule whose fixes
people keep rejecting is demoted to *suggested* (no longer applied by
``mtfix fix`` unattended) -- the rule pack learns where it over-fires.

Where the database lives, first found wins: ``--db PATH``, the environment
variable ``MTFIX_DECISIONS_DB``, ``db`` under ``[tool.mtfix.review]`` in the
config (relative to the config file), else ``decisions.sqlite3`` in the user
data directory (``platformdirs.user_data_dir("mtfix")``).

Config keys, under ``[tool.mtfix.review]``:

``demote_below``  (float, default 0.5) demote a safe rule to suggested when its
                  acceptance rate is below this; 0 turns demotion off.
``min_decisions`` (int, default 10) ... but only over at least this many
                  decisions (accepted + edited + rejected), so that a rule
                  is not judged on two clicks.
``db``            (path) where the log lives.
``log``           (bool, default true) false: record nothing.

The *acceptance rate* of a rule is accepted / (accepted + edited + rejected):
the share of decisions where its fix was right exactly as proposed. An edited
fix counts against it, because a safe fix is applied unattended and nobody
would have edited it. Skipped findings are logged but never counted.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import click

from mtfix.errors import DecisionsError  # noqa: F401  (raised here, re-exported)
from mtfix.model import Finding, Tier

DECISIONS = ("accepted", "edited", "rejected", "skipped")
ENV_DB = "MTFIX_DECISIONS_DB"
DEFAULT_DEMOTE_BELOW = 0.5
DEFAULT_MIN_DECISIONS = 10

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


def db_path(explicit: str | Path | None = None, config=None) -> Path:
    """Where the log lives: ``--db``, then $MTFIX_DECISIONS_DB, then config, then the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    if config is not None:
        db = config.table("review").get("db")
        if db:
            return config.folder / str(db)
    return default_db_path()


@dataclass(frozen=True)
class Settings:
    demote_below: float = DEFAULT_DEMOTE_BELOW
    min_decisions: int = DEFAULT_MIN_DECISIONS
    log: bool = True

    @classmethod
    def from_table(cls, table: Mapping[str, Any] | None, where: str = "config") -> "Settings":
        """Validate ``[tool.mtfix.review]``; a wrong type is a user error, not a traceback."""
        from mtfix.yamlio import RuleFileError

        t = dict(table or {})
        below = t.get("demote_below", DEFAULT_DEMOTE_BELOW)
        if isinstance(below, bool) or not isinstance(below, (int, float)) or not 0 <= below <= 1:
            raise RuleFileError(where, None, "review.demote_below must be a number from 0 to 1")
        n = t.get("min_decisions", DEFAULT_MIN_DECISIONS)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise RuleFileError(where, None, "review.min_decisions must be a whole number >= 1")
        log = t.get("log", True)
        if not isinstance(log, bool):
            raise RuleFileError(where, None, "review.log must be true or false")
        return cls(float(below), n, log)


def settings_from_config(config) -> Settings:
    if config is None:
        return Settings()
    return Settings.from_table(config.table("review"), str(config.path or "config"))


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
            raise DecisionsError(f"cannot create {path.parent}: {e.strerror or e}") from None
    try:
        con = sqlite3.connect(str(path), timeout=10)
        if create:
            con.executescript(_SCHEMA)
        return con
    except sqlite3.Error as e:
        raise DecisionsError(f"decisions log {path}: {e}") from None


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
        raise DecisionsError(f"decisions log {path}: {e}") from None
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

    def demoted(self, settings: Settings) -> bool:
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
        raise DecisionsError(f"decisions log {path}: {e}") from None
    finally:
        con.close()
    return {rule: RuleStats(rule, **{k: c.get(k, 0) for k in DECISIONS})
            for rule, c in sorted(counts.items())}


def demote(findings: list[Finding], db: str | Path | None, settings: Settings | Mapping | None = None
           ) -> list[Finding]:
    """Safe findings of rules people keep rejecting become suggested.

    Call this where findings are produced, before the resolver picks the safe
    ones. ``settings`` is a :class:`Settings` or the ``[tool.mtfix.review]``
    table. The reason and the figures go into the finding's evidence, so JSON,
    review and the report can say why the tier changed.
    """
    if not isinstance(settings, Settings):
        settings = Settings.from_table(settings)
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


# -- `mtfix rules stats` -----------------------------------------------------

@click.command("stats")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Decisions log (default: ${ENV_DB}, config review.db, or the user data dir).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file (default: mtfix.toml or pyproject.toml found upward).")
def stats_cmd(db, fmt, config_path) -> None:
    """Per-rule accepted / edited / rejected counts from reviews, and acceptance rates.

    The rate is accepted / (accepted + edited + rejected). A safe rule whose
    rate falls below review.demote_below over at least review.min_decisions
    decisions is demoted to suggested (marked 'demoted').
    """
    from mtfix.cli.common import fail
    from mtfix.config import find_config, load_config
    from mtfix.yamlio import RuleFileError

    try:
        config = load_config(config_path) if config_path else find_config()
        settings = settings_from_config(config)
        path = db_path(db, config)
        table = stats(path)
    except (DecisionsError, RuleFileError) as e:
        raise fail(str(e)) from None
    if fmt == "json":
        click.echo(json.dumps({"db": str(path), "rules": [
            {"rule": s.rule, "accepted": s.accepted, "edited": s.edited, "rejected": s.rejected,
             "skipped": s.skipped, "rate": None if s.rate is None else round(s.rate, 4),
             "demoted": s.demoted(settings)} for s in table.values()]}, indent=2))
        return
    if not table:
        click.echo(f"no decisions logged yet ({path})")
        return
    head = ("rule", "accepted", "edited", "rejected", "skipped", "rate", "")
    rows = [(s.rule, str(s.accepted), str(s.edited), str(s.rejected), str(s.skipped),
             "-" if s.rate is None else f"{s.rate:.0%}",
             "demoted" if s.demoted(settings) else "") for s in table.values()]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:-1], widths[1:-1])]
        click.echo("  ".join(cells + [r[-1]]).rstrip())
    total = sum(s.decided + s.skipped for s in table.values())
    click.echo(f"\n{total} decisions on {len(table)} rules in {path}\n"
               f"rate = accepted / (accepted + edited + rejected); a safe rule below "
               f"{settings.demote_below:.0%} over at least {settings.min_decisions} decisions "
               f"is demoted to suggested")
