"""Every built-in rule passes its own examples and counterexamples."""
from __future__ import annotations

import pytest

from mtfix.rules import builtin_rules_dir, load_pack, run_examples

PACK = load_pack([builtin_rules_dir()])


def test_pack_loads_and_has_every_class():
    cats = {r.category for r in PACK.rules}
    for cat in ("residue", "typography", "quotes", "titles", "dates", "sentences", "calques",
                "acronyms", "encoding", "consistency"):
        assert cat in cats, cat


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_rule_examples(rule):
    assert rule.examples, f"{rule.where}: rule {rule.id} has no examples"
    failures = run_examples(rule)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_rule_has_counterexamples(rule):
    assert rule.counterexamples, f"{rule.where}: rule {rule.id} has no counterexamples"
