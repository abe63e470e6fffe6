"""Every example of every default rule: bad ones fire that rule (where and with the fixes they pin), good ones do not."""

import pytest

from linter.checks.api import can_fix
from linter.examples import bad_example_problem, run_example
from linter.rules import default_rules_dir, load_rules

RULES = load_rules([default_rules_dir()])
BAD = [pytest.param(r, i, id=f"{r.id}-bad{i + 1}") for r in RULES for i in range(len(r.examples_bad))]
GOOD = [pytest.param(r, i, id=f"{r.id}-good{i + 1}") for r in RULES for i in range(len(r.examples_good))]


def pinned(rule, key: str) -> bool:
    return any(isinstance(e, dict) and key in e for e in rule.examples_bad)


@pytest.mark.parametrize("rule,index", BAD)
def test_bad_example_fires(rule, index):
    assert bad_example_problem(rule, rule.examples_bad[index]) == ""
    for f in run_example(rule, rule.examples_bad[index]):
        assert "{" not in f.message or "{{" in rule.message, f.message


@pytest.mark.parametrize("rule,index", GOOD)
def test_good_example_is_silent(rule, index):
    assert run_example(rule, rule.examples_good[index]) == []


def test_every_rule_pins_where_it_fires_and_every_fix_pins_its_text():
    assert [r.id for r in RULES if not pinned(r, "at")] == []
    assert [r.id for r in RULES if can_fix(r) and not r.set_level and not pinned(r, "fixed")] == []
    assert {r.kind for r in RULES if pinned(r, "at")} == {r.kind for r in RULES}


def test_every_category_has_rules():
    assert {r.category for r in RULES} >= {"quotes", "duplication"}
