"""Every example of every default rule: bad ones fire that rule, good ones do not."""

import pytest

from linter.examples import run_example
from linter.rules import default_rules_dir, load_rules

RULES = load_rules([default_rules_dir()])
BAD = [pytest.param(r, i, id=f"{r.id}-bad{i + 1}") for r in RULES for i in range(len(r.examples_bad))]
GOOD = [pytest.param(r, i, id=f"{r.id}-good{i + 1}") for r in RULES for i in range(len(r.examples_good))]


@pytest.mark.parametrize("rule,index", BAD)
def test_bad_example_fires(rule, index):
    found = run_example(rule, rule.examples_bad[index])
    assert found, f"{rule.id}: bad example {rule.examples_bad[index]!r} produced nothing"
    for f in found:
        assert "{" not in f.message or "{{" in rule.message, f.message


@pytest.mark.parametrize("rule,index", GOOD)
def test_good_example_is_silent(rule, index):
    assert run_example(rule, rule.examples_good[index]) == []


def test_every_category_has_rules():
    assert {r.category for r in RULES} >= {"quotes", "duplication"}
