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
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any, Iterable, Iterator

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, make_finding
from ..regexes import max_width, required_chars_any
from ..rules import Rule, compile_regex, string_list

KIND = "pattern"
FIELDS = {
    "patterns": "list of regular expressions; each match is a finding",
    "exceptions": "regular expressions whose matches, when they cover a finding's span, suppress it",
    "replace": "replacement template for a fix (\\1, \\g<name>)",
    "group": "report only this group of the match (number or name)",
    "needs": "characters of which a document must contain one for the rule to run (a speed hint; derived from the patterns when they allow)",
}
REQUIRED = {"patterns"}
# How many candidates of a document have their exceptions tried where they stand, before every exception match is found,
# and the widest exception tried so (a wider one is tried at too many offsets).
LOCAL_CANDIDATES = 8
LOCAL_WIDTH = 32


@dataclass(frozen=True)
class PatternConfig:
    patterns: tuple[regex.Pattern, ...]
    exceptions: tuple[regex.Pattern, ...]
    replace: str | None
    group: int | str
    needs: str | None  # the engine skips a document without one of these (linter.engine.lint_document)


def compile(options: dict) -> PatternConfig:
    patterns = tuple(
        compile_regex(f"patterns[{i}]", p, fast=True)
        for i, p in enumerate(string_list("patterns", options["patterns"], allow_empty=False))
    )
    exceptions = tuple(
        compile_regex(f"exceptions[{i}]", p, fast=True)
        for i, p in enumerate(string_list("exceptions", options.get("exceptions", [])))
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
    return PatternConfig(patterns, exceptions, replace, group, needs or derived_needs(patterns))


def derived_needs(patterns) -> str | None:
    """Characters one of which every match needs (see linter.regexes), as a `needs` string."""
    chars = required_chars_any(patterns)
    return "".join(sorted(chars)) if chars else None


def exception_spans(text: str, exceptions: tuple[regex.Pattern, ...], document: Document | None = None) -> list[tuple[int, int]]:
    """Every match of every exception, overlapping ones included, sorted. Given the document of `text`,
    each pattern's spans are kept in its memo: searched once per document whatever exceptions it is asked with."""
    return sorted(span for p in exceptions for span in _pattern_spans(p, text, document))


def _pattern_spans(pattern, text: str, document: Document | None) -> Iterable[tuple[int, int]]:
    if document is None:
        return overlapped_spans(pattern, text)
    key = ("exception-pattern-spans", pattern.pattern, pattern.flags)
    return document.memo(key, lambda: list(overlapped_spans(pattern, text)))


def overlapped_spans(pattern, text: str) -> Iterator[tuple[int, int]]:
    """Spans of `finditer(text, overlapped=True)`, also for a stdlib `re` pattern."""
    return (m.span() for m in overlapped_matches(pattern, text))


def overlapped_matches(pattern, text: str) -> Iterator:
    """`finditer(text, overlapped=True)`, also for a stdlib `re` pattern: the next search starts one past the last match's start."""
    if not isinstance(pattern, re.Pattern):
        yield from pattern.finditer(text, overlapped=True)
        return
    m = pattern.search(text)
    while m is not None:
        yield m
        m = pattern.search(text, m.start() + 1)


class LazyExceptionSpans:
    """Whether an exception match covers a candidate, found only when a candidate asks.

    Most documents give a rule no candidate at all, so no exception is searched
    for. For the first few candidates of a document, exceptions of bounded
    width are tried only at the offsets where a match covering the candidate
    could start; after that (and for unbounded ones) every exception match is
    found once over the whole text (overlapped, hence slow), shared through
    the document's memo by rules with the same exceptions.
    """

    def __init__(self, document: Document, exceptions: tuple[regex.Pattern, ...]):
        self.document, self.exceptions = document, exceptions
        self.asked = 0
        self.every: SpanCover | None = None
        self.split: tuple | None = None

    def covers(self, start: int, end: int) -> bool:
        if not self.exceptions:
            return False
        self.asked += 1
        if self.asked > LOCAL_CANDIDATES:
            if self.every is None:
                self.every = self._cover(self.exceptions)
            return self.every.covers(start, end)
        if self.split is None:
            self.split = _split_by_width(self.exceptions)
        local, searched = self.split
        text = self.document.text
        for pattern, width in local:
            for at in range(max(0, end - width), start + 1):
                m = pattern.match(text, at)
                if m is not None and m.end() >= end:
                    return True
        return bool(searched) and self._cover(searched).covers(start, end)

    def _cover(self, exceptions: tuple) -> SpanCover:
        key = ("exception-cover",) + tuple((p.pattern, p.flags) for p in exceptions)
        document = self.document
        return document.memo(key, lambda: SpanCover(exception_spans(document.text, exceptions, document)))


@lru_cache(maxsize=256)
def _split_by_width(exceptions: tuple) -> tuple[tuple[tuple[Any, int], ...], tuple]:
    """The exceptions to try where a candidate stands, each with its widest match; those to search the whole text for."""
    widths = [max_width(p) for p in exceptions]
    local = tuple((p, w) for p, w in zip(exceptions, widths) if w is not None and w <= LOCAL_WIDTH)
    searched = tuple(p for p, w in zip(exceptions, widths) if w is None or w > LOCAL_WIDTH)
    return local, searched


class SpanCover:
    """Whether one of a sorted list of spans covers [start, end), in one bisection: a span that starts
    at or before `start` reaches `end` exactly when the furthest end among those spans does."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: PatternConfig = rule.config
    text = document.text
    excepted = LazyExceptionSpans(document, config.exceptions)
    for pattern in config.patterns:
        for m in pattern.finditer(text):
            start, end = m.span(config.group)
            if start < 0 or (start == end and not m.group()):
                continue
            if excepted.covers(start, end):
                continue
            values = {k: v for k, v in m.groupdict().items() if v is not None}
            replacement = m.expand(config.replace) if config.replace is not None else None
            yield make_finding(document, rule, start, end, replacement=replacement, **values)


def can_fix(config: PatternConfig) -> bool:
    return config.replace is not None
