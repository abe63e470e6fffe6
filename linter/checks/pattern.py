"""`pattern`: regular expressions (the `regex` module, so `\\p{Han}` works) that mark a defect.

    - id: punctuation.ascii-comma
      kind: pattern
      patterns: ['(?<=\\p{Han}),(?=\\p{Han})']
      exceptions: ['...']          # matches that cover a finding suppress it
      replace: '，'                 # optional fix; \\1 and \\g<name> refer to groups
      group: 1                     # optional: report only this group's span

Message placeholders: {match} and every named group of the pattern.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterator

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, make_finding
from ..rules import Rule, compile_regex, string_list

KIND = "pattern"
FIELDS = {
    "patterns": "list of regular expressions; each match is a finding",
    "exceptions": "regular expressions whose matches, when they cover a finding's span, suppress it",
    "replace": "replacement template for a fix (\\1, \\g<name>)",
    "group": "report only this group of the match (number or name)",
    "needs": "characters of which a document must contain one for the rule to run (a speed hint)",
}
REQUIRED = {"patterns"}


@dataclass(frozen=True)
class PatternConfig:
    patterns: tuple[regex.Pattern, ...]
    exceptions: tuple[regex.Pattern, ...]
    replace: str | None
    group: int | str
    needs: str | None


def compile(options: dict) -> PatternConfig:
    patterns = tuple(
        compile_regex(f"patterns[{i}]", p) for i, p in enumerate(string_list("patterns", options["patterns"], allow_empty=False))
    )
    exceptions = tuple(
        compile_regex(f"exceptions[{i}]", p) for i, p in enumerate(string_list("exceptions", options.get("exceptions", [])))
    )
    replace = options.get("replace")
    if replace is not None and not isinstance(replace, str):
        raise FieldError("replace", "expected a string")
    group = options.get("group", 0)
    if isinstance(group, bool) or not isinstance(group, (int, str)):
        raise FieldError("group", "expected a group number or name")
    for i, p in enumerate(patterns):
        if isinstance(group, int) and group > p.groups or isinstance(group, str) and group not in p.groupindex:
            raise FieldError("group", f"patterns[{i}] has no group {group!r}")
    needs = options.get("needs")
    if needs is not None and (not isinstance(needs, str) or not needs):
        raise FieldError("needs", "expected a non-empty string of characters")
    return PatternConfig(patterns, exceptions, replace, group, needs)


def exception_spans(text: str, exceptions: tuple[regex.Pattern, ...]) -> list[tuple[int, int]]:
    return sorted((m.start(), m.end()) for p in exceptions for m in p.finditer(text, overlapped=True))


def is_excepted(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when some exception span covers [start, end)."""
    i = bisect.bisect_right(spans, (start, float("inf")))
    return any(s <= start and e >= end for s, e in spans[:i])


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: PatternConfig = rule.config
    text = document.text
    spans = exception_spans(text, config.exceptions) if config.exceptions else []
    for pattern in config.patterns:
        for m in pattern.finditer(text):
            start, end = m.span(config.group)
            if start < 0 or (start == end and not m.group()):
                continue
            if spans and is_excepted(spans, start, end):
                continue
            values = {k: v for k, v in m.groupdict().items() if v is not None}
            replacement = m.expand(config.replace) if config.replace is not None else None
            yield make_finding(document, rule, start, end, replacement=replacement, **values)


def can_fix(config: PatternConfig) -> bool:
    return config.replace is not None
