"""The pipeline: parse → detect → merge (LanguageTool) → rank (LM) → resolve.

:class:`Engine` holds what is worth keeping across documents in one run: the
rule pack, the LanguageTool server and the language model, each created
lazily the first time a document needs it, so that an engine built once
serves thousands of texts (load the model once, as ERRANT's ``load`` does).
``check`` returns findings sorted by position; ``fix`` repeats
check-and-resolve until the text stops changing.

Nothing here prints: a part that turns itself off (LanguageTool did not
start, the model is not installed) says so through ``on_warning``, by default
the ``mtfix`` logger.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable

from dataclasses import dataclass, field, replace

from mtfix.document import Document
from mtfix.errors import ConfigError, ModelError
from mtfix.markup import Unmappable, apply_edits, read_markup
from mtfix.model import Edit, Finding, Fix, Tier, overlaps, sort_findings
from mtfix.resolve import Resolution, resolve
from mtfix.rules import RulePack, builtin_rules_dir, limited, load_pack
from mtfix.settings import Settings

__all__ = ["Engine", "MarkupFix", "MAX_PASSES", "matches"]

log = logging.getLogger("mtfix")

#: Upper bound on fix passes; two are enough for every case seen so far.
MAX_PASSES = 4


def matches(rule: str, category: str, names: Iterable[str]) -> bool:
    """Does a ``--select``/``enable``-style name list name this rule or category?
    (``prefix*`` matches rule ids by prefix.)"""
    return any(n == rule or n == category or (n.endswith("*") and rule.startswith(n[:-1]))
               for n in names)


def _tiers(tiers: Iterable[Tier | str] | None) -> set[Tier]:
    return {Tier.SAFE} if tiers is None else {Tier.parse(t) for t in tiers}


class Engine:
    """Checks and fixes documents with one set of :class:`~mtfix.settings.Settings`.

    Use it as a context manager, or call :meth:`close` when done: it may hold
    a LanguageTool server process.
    """

    def __init__(self, settings: Settings | None = None, *,
                 on_warning: Callable[[str], None] | None = None,
                 adjust: Callable[[list[Finding]], list[Finding]] | None = None) -> None:
        """``on_warning`` hears about parts that turn themselves off (default:
        the ``mtfix`` logger). ``adjust`` sees every document's findings last,
        before they are sorted: the commands pass the auto-demotion of rules
        that reviewers keep rejecting (:func:`mtfix.decisions.demoter`), which
        lives above the engine."""
        self.settings = settings or Settings()
        self.on_warning = on_warning or log.warning
        self.adjust = adjust
        self._pack: RulePack | None = None
        self._lt = None
        self._lt_failed = False
        self._ranker = None
        self._lm_failed = False
        self._protected = self._compile_protected()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- parts, created on first use ---------------------------------------
    @property
    def pack(self) -> RulePack:
        """The rule packs: built-in, then the config's and the caller's folders."""
        if self._pack is None:
            s = self.settings
            paths: list[Path] = [builtin_rules_dir()] if s.builtin else []
            pack = load_pack(paths + list(s.rule_paths))
            self._apply_config(pack)
            self._pack = pack
        return self._pack

    def _config_error(self, key: str, message: str) -> ConfigError:
        from mtfix.config import read_config

        path = self.settings.config_path
        return read_config(path).error(key, message) if path else ConfigError(message)

    def _apply_config(self, pack: RulePack) -> None:
        s = self.settings
        names = {r.id for r in pack.rules} | {r.category for r in pack.rules}
        for key in ("enable", "disable"):
            for n in getattr(s, key):
                if n not in names and not (n.endswith("*") and any(x.startswith(n[:-1]) for x in names)):
                    self.on_warning(f"{s.config_label}: {key}: no rule or category named {n!r} "
                                    f"(see `mtfix rules list`)")
        for r in pack.rules:
            if matches(r.id, r.category, s.disable):
                r.enabled = False
            if matches(r.id, r.category, s.enable):
                r.enabled = True
        for rid, tier in s.tiers.items():
            rule = pack.get(rid)
            if rule is None:
                raise self._config_error(f"tiers.{rid}", f"tiers: unknown rule {rid!r}")
            rule.tier = Tier.parse(tier)

    def _compile_protected(self) -> list:
        """Phrases (or ``re:`` patterns, compiled with ``regex`` like rule
        patterns) that no finding may touch: names, verbatim quotes."""
        import regex

        out = []
        for p in self.settings.protected:
            try:
                out.append(regex.compile(p[3:]) if p.startswith("re:")
                           else regex.compile(regex.escape(p)))
            except regex.error as e:
                raise self._config_error("protected", f"protected: bad pattern {p!r}: {e}") from None
        return out

    def _want_lm(self) -> bool:
        return self.settings.lm.enabled is not False and not self._lm_failed

    def _want_grammar(self) -> bool:
        return self.settings.grammar is not False and not self._lt_failed

    # -- the pipeline -------------------------------------------------------
    def detect(self, doc: Document | str) -> list[Finding]:
        """Rule-pack findings only: fast, no model, no server."""
        doc = _document(doc)
        rules = [r for r in self.pack.enabled() if self._selected(r.id, r.category)]
        return self.pack.check(doc, rules)

    def check(self, doc: Document | str, followup: bool = False, *,
              tiers: set[Tier] | None = None) -> list[Finding]:
        """All findings for ``doc`` (a :class:`Document` or a ``str``), sorted by position.

        ``followup`` is for the later passes of :meth:`fix`: LanguageTool and the
        garbled-sentence scan (review hints, never applied) are skipped there.
        ``tiers``: only the fixes of these tiers matter (what :meth:`fix` and
        :meth:`fix_markup` apply). The garbled-sentence scan is then skipped,
        since a flag without a fix cannot change their output and the scan is
        most of the model's time on an article; LanguageTool is asked only for
        the rules that can reach ``tiers``, and not at all when none can
        (:mod:`mtfix.grammar.selection`).
        """
        doc = _document(doc)
        findings = self.detect(doc)
        if self._want_grammar() and not followup:
            findings = self._with_languagetool(doc, findings, tiers)
        if self._want_lm():
            findings = self._ranked(doc, findings, garbled=tiers is None and not followup)
        # ``lm: require``: kept only when the model saw it and accepted it
        findings = [f for f in findings if not f.lm_gate or "lm_margin" in f.evidence]
        keep_out = self._protected_spans(doc) if self._protected else []
        findings = [f for f in findings if self._selected(f.rule, f.category)
                    and not any(overlaps(*f.span, a, b) for a, b in keep_out)
                    and not _inside_address(doc, f)]
        if self.adjust is not None:
            findings = self.adjust(findings)
        return sort_findings(_dedupe(findings))

    def fix(self, doc: Document | str, tiers: Iterable[Tier | str] | None = None) -> Resolution:
        """Apply the fixes in ``tiers`` (default: safe only) until nothing more
        applies (at most :data:`MAX_PASSES` passes), the way ruff iterates its fixes.

        One fix can reveal another (``Ã© ,``: the space before the comma is only
        visible once the encoding is repaired) or lose an overlap to a better one;
        re-checking the output catches both, so fixing the result of ``fix``
        changes nothing. ``applied`` collects every pass, with offsets into the
        text of its own pass; ``conflicts`` are those of the last pass.
        """
        doc = _document(doc)
        wanted = _tiers(tiers)
        res = resolve(doc, self.check(doc, tiers=wanted), wanted)
        applied, passes = list(res.applied), 1
        while res.applied and passes < MAX_PASSES:
            nxt = Document(res.text, doc.path)
            again = resolve(nxt, self.check(nxt, followup=True), wanted)
            passes += 1
            if not again.applied:
                res.conflicts = again.conflicts
                break
            applied.extend(again.applied)
            res = again
        else:
            if res.applied and passes == MAX_PASSES:
                nxt = Document(res.text, doc.path)
                if resolve(nxt, self.check(nxt, followup=True), wanted).applied:
                    self.on_warning(f"{doc.path or 'text'}: fix stopped after {MAX_PASSES} passes "
                                    f"with changes still pending (two rules undo each other?)")
        res.applied = applied
        return res

    def check_markup(self, source: str, fmt: str, path: str = "<text>") -> list[Finding]:
        """:meth:`check` for an HTML or Markdown ``source``: the findings on the
        reader's text, moved to offsets into ``source``. A fix that cannot be
        carried to the source exactly is dropped; the finding stays, for a person."""
        view = read_markup(source, fmt, path)
        out = []
        for f in self.check(Document(view.text, path)):
            fixes = []
            for fx in f.fixes:
                try:
                    fixes.append(Fix(tuple(view.map_edits(list(fx.edits)))))
                except (Unmappable, ValueError):
                    continue
            s, e = view.source_span(f.start, f.end)
            out.append(replace(f, start=s, end=e, fixes=tuple(fixes), reach=None))
        return out

    def fix_markup(self, source: str, fmt: str, tiers: Iterable[Tier | str] | None = None,
                   path: str = "<text>") -> MarkupFix:
        """:meth:`fix` for an HTML or Markdown ``source``: check the reader's text,
        carry each fix to the source (:meth:`MarkupView.map_edits`), and repeat
        on the new source as :meth:`fix` does.

        A fix that cannot be mapped exactly (it would cut an entity, span
        markup or delete part of an element) is refused and left to a person,
        so the output differs from the source only inside edited text and
        whole removed elements."""
        wanted = _tiers(tiers)
        out = MarkupFix(source)
        for n in range(MAX_PASSES):
            view = read_markup(out.source, fmt, path)
            doc = Document(view.text, path)
            mapped: dict[int, list[Edit]] = {}
            usable = []
            for f in self.check(doc, followup=n > 0, tiers=wanted):
                if f.fix is not None and f.tier in wanted:
                    try:
                        mapped[id(f)] = view.map_edits(list(f.fix.edits))
                    except Unmappable as e:
                        if n == 0:
                            out.refused.append((f, str(e)))
                        f = replace(f, fixes=())
                usable.append(f)
            res = resolve(doc, usable, wanted)
            taken: list[tuple[Finding, list[Edit]]] = []
            for f in res.applied:
                mine = mapped[id(f)]
                if any(a.start < b.end and b.start < a.end or (a.start == a.end == b.start == b.end)
                       for a in mine for _, e in taken for b in e):
                    continue  # its source edits clash with one taken: next pass, if still wanted
                taken.append((f, mine))
            if not taken:
                break
            new = apply_edits(out.source, [e for _, e in taken for e in e])
            if not _reads_as(new, fmt, path, view.text, [f for f, _ in taken]):
                # The markup read differently after the edits (a space removed next to
                # Markdown emphasis changes what the asterisks mean): keep only the
                # fixes that read back as intended on their own.
                kept = []
                for f, mine in taken:
                    if _reads_as(apply_edits(out.source, mine), fmt, path, view.text, [f]):
                        kept.append((f, mine))
                    else:
                        out.refused.append((f, "the markup would read differently after it"))
                new = apply_edits(out.source, [e for _, e in kept for e in e])
                if kept and not _reads_as(new, fmt, path, view.text, [f for f, _ in kept]):
                    out.refused.extend((f, "the markup would read differently after it") for f, _ in kept)
                    kept = []
                if not kept:
                    break
                taken = kept
                new = apply_edits(out.source, [e for _, e in taken for e in e])
            out.applied.extend(taken)
            out.source = new
        return out

    def close(self) -> None:
        """Stop the LanguageTool server this engine started, if any."""
        if self._lt is not None:
            self._lt.close()
            self._lt = None

    # -- the steps ------------------------------------------------------------
    def _selected(self, rule: str, category: str) -> bool:
        s = self.settings
        if s.select and not matches(rule, category, s.select):
            return False
        return not matches(rule, category, s.ignore)

    def _protected_spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where protected text occurs in ``doc``, found once over the whole text
        (a protected quote may be longer than any window around a finding)."""
        spans: list[tuple[int, int]] = []
        for pat in self._protected:
            hits = limited(lambda t: [m.span() for m in pat.finditer(doc.text, timeout=t)],
                           f"{self.settings.config_label}: protected pattern {pat.pattern!r}",
                           doc.path, len(doc.text))
            spans.extend(h for h in hits if h[0] < h[1])
        return spans

    def languagetool_rules(self, tiers: set[Tier] | None = None):
        """The LanguageTool rules a check must ask for when only findings in
        ``tiers`` matter (None: all): a :class:`~mtfix.grammar.RuleSet`, empty
        when none can reach them (safe-only ``fix``: no server needed)."""
        from mtfix import grammar

        lm = self.settings.lm
        return grammar.rules_for(self.settings.languagetool, tiers,
                                 lm.categories if lm.enabled is not False else ())

    def _with_languagetool(self, doc: Document, findings: list[Finding],
                           tiers: set[Tier] | None = None) -> list[Finding]:
        from mtfix import grammar

        rules = self.languagetool_rules(tiers)
        if rules.empty:
            return findings  # no LanguageTool rule can reach ``tiers``: no server either
        if self._lt is None:
            backend = grammar.LanguageToolBackend(self.settings.languagetool)
            ok, why = backend.available()
            if not ok:
                self._lt_failed = True
                if self.settings.grammar:
                    self.on_warning(f"grammar checking off: {why}")
                return findings
            self._lt = backend
        try:
            return grammar.merge(findings, self._lt.check(doc, rules))
        except Exception as e:  # a dead server must not cost the user the rule findings
            self._lt_failed = True
            self.on_warning(f"grammar checking off: LanguageTool failed ({e})")
            return findings

    def _ranked(self, doc: Document, findings: list[Finding], garbled: bool = True) -> list[Finding]:
        if self._ranker is None:
            from mtfix.lm.ranker import LMRanker, lm_available

            lm = self.settings.lm
            ok, why = lm_available(lm)
            if not ok:
                self._lm_failed = True
                if lm.model:  # a model asked for by name must not be skipped quietly
                    raise ModelError(f"--model: {why}")
                if lm.enabled:
                    self.on_warning(f"language model off: {why}")
                return findings
            self._ranker = LMRanker(lm)
        return self._ranker.rank(doc, findings, garbled=garbled)


@dataclass
class MarkupFix:
    """What :meth:`Engine.fix_markup` did to an HTML or Markdown source.

    ``applied`` holds ``(finding, source edits)`` per pass, the finding's
    offsets in the reader's text of its pass; ``refused`` the findings whose
    fix could not be carried to the source exactly (with the reason), which
    stay findings for a person and change nothing."""

    source: str
    applied: list[tuple[Finding, list[Edit]]] = field(default_factory=list)
    refused: list[tuple[Finding, str]] = field(default_factory=list)


def _document(doc: Document | str) -> Document:
    if isinstance(doc, Document):
        return doc
    if isinstance(doc, str):
        return Document(doc)
    raise TypeError(f"expected a str or a Document, not {type(doc).__name__}")


def _inside_address(doc: Document, f: Finding) -> bool:
    """A finding that edits inside a URL, e-mail address or domain name (never
    right: ``boutique.elysee.fr`` is an address, not a name without accents).
    A residue finding that removes the whole line holding one is not inside it."""
    if f.category == "residue" or not doc.addresses:
        return False
    lo, hi = f.span
    return any(a.start <= lo and hi <= a.end for a in doc.addresses)


def _blocks(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _reads_as(source: str, fmt: str, path: str, text: str, findings: list[Finding]) -> bool:
    """Does ``source`` read as ``text`` with the text edits of ``findings`` applied?"""
    try:
        got = read_markup(source, fmt, path).text
    except Exception:  # noqa: BLE001 - markup that no longer reads at all is not what was meant
        return False
    want = apply_edits(text, sorted(e for f in findings for e in f.fix.edits))
    return _blocks(got) == _blocks(want)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop exact repeats (same rule, span and fix) that two passes may produce."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.start, f.end, f.fixes)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
