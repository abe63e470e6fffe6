"""Running a rule's own examples: a rule whose bad examples do not fire, or fire elsewhere than they
say, cannot load.

A bad example is a text (a list of texts for a set-level rule), or a mapping that also pins where
the rule fires (`at: "line:column"`, `"document:line:column"` for a set-level rule: one of its
findings starts there) and what its fixes make of the text (`fixed:`, every fix of the rule
applied, unsafe ones too). This sits above the engine: loading rules (linter.rules) does not run
examples; whoever wants them verified calls `verify_all_examples`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from .document import Document
from .engine import lint_texts
from .errors import RuleError
from .fix import FixOptions, fix_document
from .rule import Rule
from .rules import example_text, load_rules

_PLACEHOLDER = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")


def example_documents(example: Any) -> list[str]:
    """The texts of an example: one document, or a document set."""
    example = example_text(example)
    return [example] if isinstance(example, str) else list(example)


def run_example(rule: Rule, example: Any) -> list:
    """The rule's findings in the example."""
    return [f for f in lint_texts(example_documents(example), [rule]) if f.rule == rule.id]


def load_verified_rules(directories: Iterable[Path]) -> list[Rule]:
    """`load_rules`, and every rule's examples verified."""
    rules = load_rules(directories)
    verify_all_examples(rules)
    return rules


def verify_all_examples(rules: list[Rule]) -> None:
    for rule in rules:
        verify_examples(rule)


def verify_examples(rule: Rule) -> None:
    """Raise RuleError unless every bad example fires (where, and with the fixes, it says) and no good example does."""
    for i, example in enumerate(rule.examples_bad):
        problem = bad_example_problem(rule, example)
        if problem:
            raise RuleError(rule.source, f"bad example #{i + 1} {_short(example)} {problem}", rule.id, "examples.bad")
    for i, example in enumerate(rule.examples_good):
        found = run_example(rule, example)
        if found:
            raise RuleError(
                rule.source,
                f"good example #{i + 1} {_short(example)} produces a finding at column {found[0].column}: {found[0].message}",
                rule.id,
                "examples.good",
            )


def bad_example_problem(rule: Rule, example: Any) -> str:
    """What is wrong with running a bad example (empty when nothing is)."""
    found = run_example(rule, example)
    if not found:
        return "produces no finding"
    for f in found:
        left = _PLACEHOLDER.search(f.message)
        if left:
            raise RuleError(rule.source, f"placeholder {left.group()} is not provided by kind {rule.kind!r}", rule.id, "message")
    if not isinstance(example, dict):
        return ""
    if "at" in example:
        places = [finding_place(f, rule.set_level) for f in found]
        if example["at"] not in places:
            return f"produces findings at {', '.join(places)}, not at {example['at']}"
    if "fixed" in example:
        fixed = fixed_text(rule, example["text"])
        if fixed != example["fixed"]:
            return f"is fixed to {fixed!r}, not to {example['fixed']!r}"
    return ""


def finding_place(finding, set_level: bool) -> str:
    """Where a finding starts, as an example's `at` says it."""
    place = f"{finding.line}:{finding.column}"
    if set_level:
        document = int(re.sub(r"\D", "", finding.path))  # lint_texts names the documents doc1.txt, doc2.txt, ...
        return f"{document}:{place}"
    return place


def fixed_text(rule: Rule, text: str) -> str:
    """The text with every fix of the rule applied until none applies (unsafe fixes too)."""
    fixed, _ = fix_document(Document(text, "example.txt"), [rule], FixOptions(unsafe=True))
    return fixed.text


def _short(example: Any) -> str:
    text = " | ".join(example_documents(example)).replace("\n", "⏎")
    return repr(text if len(text) <= 40 else text[:39] + "…")
