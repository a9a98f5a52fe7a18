"""The pipeline: parse → detect → rank → (the caller) resolve → render.

:class:`Engine` holds what is worth keeping across files in one run: the rule
pack, the LanguageTool server and the language model, each created lazily the
first time a document needs it. ``check`` returns findings sorted by position;
applying them is :func:`mtfix.resolve.resolve`'s job, and ``fix`` repeats
check-and-resolve until the text stops changing.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mtfix.config import Config
from mtfix.document import Document
from mtfix.model import CATEGORIES, Finding, Tier, sort_findings
from mtfix.resolve import Resolution, resolve
from mtfix.rules import RulePack, builtin_rules_dir, limited, load_pack
from mtfix.yamlio import RuleFileError


#: Upper bound on fix passes; two are enough for every case seen so far.
MAX_PASSES = 4


@dataclass
class Options:
    """What a run asks for; the CLI fills it from flags and the config file."""

    rule_paths: list[Path] = field(default_factory=list)
    builtin: bool = True
    lm: bool | None = None  # None: on when the model is installed
    model: str | None = None
    grammar: bool | None = None  # None: as the config says, else on when LanguageTool is installed
    select: list[str] = field(default_factory=list)  # rule ids or categories; empty = all
    ignore: list[str] = field(default_factory=list)
    config: Config = field(default_factory=Config)
    #: Demote safe rules that reviewers keep rejecting (mtfix.decisions); off by
    #: default so that library use and `mtfix eval` do not depend on this machine's
    #: review history. `check`, `fix`, `review` and `report` turn it on.
    demote: bool = False
    decisions_db: Path | None = None  # None: $MTFIX_DECISIONS_DB, config review.db, user data dir
    notify: Callable[[str], None] = lambda msg: print(f"mtfix: {msg}", file=sys.stderr)


def _matches(f_rule: str, f_cat: str, names: list[str]) -> bool:
    return any(n == f_rule or n == f_cat or (n.endswith("*") and f_rule.startswith(n[:-1]))
               for n in names)


class Engine:
    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.config = self.options.config
        self._pack: RulePack | None = None
        self._lt = None
        self._lt_failed = False
        self._ranker = None
        self._lm_failed = False
        self._protected = self._compile_protected()

    # -- parts, created on first use ---------------------------------------
    @property
    def pack(self) -> RulePack:
        if self._pack is None:
            paths: list[Path] = [builtin_rules_dir()] if self.options.builtin else []
            paths += self.config.rule_paths() + list(self.options.rule_paths)
            pack = load_pack(paths)
            self._apply_config(pack)
            self._pack = pack
        return self._pack

    def _apply_config(self, pack: RulePack) -> None:
        enable, disable = self.config.list("enable"), self.config.list("disable")
        for r in pack.rules:
            if _matches(r.id, r.category, disable):
                r.enabled = False
            if _matches(r.id, r.category, enable):
                r.enabled = True
        for rid, tier in self.config.table("tiers").items():
            rule = pack.get(rid)
            if rule is None:
                raise RuleFileError(self.config.path or "config", None, f"tiers: unknown rule {rid!r}")
            try:
                rule.tier = Tier.parse(tier)
            except ValueError as e:
                raise RuleFileError(self.config.path or "config", None, f"tiers.{rid}: {e}") from None

    def _compile_protected(self) -> list:
        """Phrases (or ``re:`` patterns, compiled with ``regex`` like rule
        patterns) that no finding may touch: names, verbatim quotes."""
        import regex

        out = []
        for p in self.config.list("protected"):
            try:
                out.append(regex.compile(p[3:]) if p.startswith("re:")
                           else regex.compile(regex.escape(p)))
            except regex.error as e:
                raise self.config.error("protected", f"protected: bad pattern {p!r}: {e}") from None
        return out

    def _want_lm(self) -> bool:
        if self.options.lm is False or self._lm_failed:
            return False
        if self.options.lm is None and self.config.table("lm").get("enabled") is False:
            return False
        return True

    def _want_grammar(self) -> bool:
        if self._lt_failed:
            return False
        if self.options.grammar is not None:
            return self.options.grammar
        g = self.config.data.get("grammar")
        return bool(g) if g is not None else True

    # -- the pipeline -------------------------------------------------------
    def detect(self, doc: Document) -> list[Finding]:
        """Rule-pack findings only: fast, no model, no server."""
        rules = [r for r in self.pack.enabled() if self._selected(r.id, r.category)]
        return self.pack.check(doc, rules)

    def check(self, doc: Document, followup: bool = False) -> list[Finding]:
        """All findings for ``doc``, sorted by position.

        ``followup`` is for the later passes of :meth:`fix`: LanguageTool and the
        garbled-sentence scan (review hints, never applied) are skipped there.
        """
        findings = self.detect(doc)
        if self._want_grammar() and not followup:
            findings = self._with_languagetool(doc, findings)
        if self._want_lm():
            findings = self._ranked(doc, findings, garbled=not followup)
        keep_out = self._protected_spans(doc) if self._protected else []
        findings = [f for f in findings if self._selected(f.rule, f.category)
                    and not any(a < f.span[1] and f.span[0] < b for a, b in keep_out)]
        if self.options.demote:
            findings = self._demoted(findings)
        return sort_findings(_dedupe(findings))

    def _demoted(self, findings: list[Finding]) -> list[Finding]:
        if not any(f.tier is Tier.SAFE for f in findings):
            return findings
        from mtfix import decisions

        try:
            return decisions.demote(findings, decisions.db_path(self.options.decisions_db, self.config),
                                    decisions.settings_from_config(self.config))
        except decisions.DecisionsError as e:
            raise RuleFileError(self.config.path or "config", None, str(e)) from None

    def _selected(self, rule: str, category: str) -> bool:
        if self.options.select and not _matches(rule, category, self.options.select):
            return False
        return not _matches(rule, category, self.options.ignore)

    def _protected_spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where protected text occurs in ``doc``, found once over the whole text
        (a protected quote may be longer than any window around a finding)."""
        spans: list[tuple[int, int]] = []
        for pat in self._protected:
            hits = limited(lambda t: [m.span() for m in pat.finditer(doc.text, timeout=t)],
                           f"{self.config.path or 'config'}: protected pattern {pat.pattern!r}",
                           doc.path)
            spans.extend(h for h in hits if h[0] < h[1])
        return spans

    def _with_languagetool(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        try:
            from mtfix import languagetool
        except ImportError:
            self._lt_failed = True
            return findings
        if self._lt is None:
            backend = languagetool.LanguageToolBackend(self.config.table("languagetool"))
            ok, why = backend.available()
            if not ok:
                self._lt_failed = True
                if self.options.grammar:
                    self.options.notify(f"grammar checking off: {why}")
                return findings
            self._lt = backend
        try:
            return languagetool.merge(findings, self._lt.check(doc))
        except Exception as e:  # a dead server must not cost the user the rule findings
            self._lt_failed = True
            self.options.notify(f"grammar checking off: LanguageTool failed ({e})")
            return findings

    def fix(self, doc: Document, tiers: set[Tier] | None = None) -> Resolution:
        """Apply the fixes in ``tiers`` until nothing more applies (at most
        :data:`MAX_PASSES` passes), the way ruff iterates its fixes.

        One fix can reveal another (``Ã© ,``: the space before the comma is only
        visible once the encoding is repaired) or lose an overlap to a better one;
        re-checking the output catches both, so fixing the result of ``fix``
        changes nothing. ``applied`` collects every pass, with offsets into the
        text of its own pass; ``conflicts`` are those of the last pass.
        """
        tiers = {Tier.SAFE} if tiers is None else tiers
        res = resolve(doc, self.check(doc), tiers)
        applied, passes = list(res.applied), 1
        while res.applied and passes < MAX_PASSES:
            nxt = Document(res.text, doc.path)
            again = resolve(nxt, self.check(nxt, followup=True), tiers)
            passes += 1
            if not again.applied:
                res.conflicts = again.conflicts
                break
            applied.extend(again.applied)
            res = again
        res.applied = applied
        return res

    def _ranked(self, doc: Document, findings: list[Finding], garbled: bool = True) -> list[Finding]:
        if self._ranker is None:
            try:
                from mtfix.ranker import LMRanker, lm_available
            except ImportError:
                self._lm_failed = True
                return findings
            settings = dict(self.config.table("lm"))
            if self.options.model:
                settings["model"] = self.options.model
            ok, why = lm_available(settings)
            if not ok:
                self._lm_failed = True
                if self.options.model:  # a model asked for by name must not be skipped quietly
                    from mtfix.lm import ModelUnavailable

                    raise ModelUnavailable(f"--model: {why}")
                if self.options.lm:
                    self.options.notify(f"language model off: {why}")
                return findings
            self._ranker = LMRanker(settings)
        return self._ranker.rank(doc, findings, garbled=garbled)

    def close(self) -> None:
        if self._lt is not None:
            self._lt.close()
            self._lt = None


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop exact repeats (same rule, span and fix) that two passes may produce."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.start, f.end, f.fixes)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def category_label(cat: str) -> str:
    return CATEGORIES.get(cat, cat)

