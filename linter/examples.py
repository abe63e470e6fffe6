"""Running a rule's own examples: a rule whose bad examples do not fire cannot load."""

from __future__ import annotations

import re

from .engine import lint_texts
from .errors import RuleError
from .rules import Rule

_PLACEHOLDER = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")


def example_documents(example) -> list[str]:
    return [example] if isinstance(example, str) else list(example)


def run_example(rule: Rule, example) -> list:
    return [f for f in lint_texts(example_documents(example), [rule]) if f.rule == rule.id]


def verify_all_examples(rules: list[Rule]) -> None:
    for rule in rules:
        verify_examples(rule)


def verify_examples(rule: Rule) -> None:
    """Raise RuleError unless every bad example fires and no good example does."""
    for i, example in enumerate(rule.examples_bad):
        found = run_example(rule, example)
        if not found:
            raise RuleError(rule.source, f"bad example #{i + 1} {_short(example)} produces no finding", rule.id, "examples.bad")
        for f in found:
            left = _PLACEHOLDER.search(f.message)
            if left:
                raise RuleError(rule.source, f"placeholder {left.group()} is not provided by kind {rule.kind!r}", rule.id, "message")
    for i, example in enumerate(rule.examples_good):
        found = run_example(rule, example)
        if found:
            raise RuleError(
                rule.source,
                f"good example #{i + 1} {_short(example)} produces a finding at column {found[0].column}: {found[0].message}",
                rule.id,
                "examples.good",
            )


def _short(example) -> str:
    text = " | ".join(example_documents(example)).replace("\n", "⏎")
    return repr(text if len(text) <= 40 else text[:39] + "…")
