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

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Iterator

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import FINDINGS_AT_ONCE, Finding, build_findings
from ..parsed import REPEATS, parse_tree, sre
from ..regexes import max_width, needs_finder, required_chars_any, template_expander
from .api import ANY, NONEMPTY_STRINGS, REQUIRED, SOME_CHARACTERS, STRING, STRINGS, Field, compile_regexes

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "pattern"
FIELDS = (
    Field("patterns", NONEMPTY_STRINGS, REQUIRED, "regular expressions; each match is a finding"),
    Field("exceptions", STRINGS, [], "regular expressions whose matches, when they cover a finding's span, suppress it"),
    Field("replace", STRING, None, "replacement template for a fix (\\1, \\g<name>)"),
    Field("group", ANY, 0, "report only this group of the match (number or name)"),
    Field("needs", SOME_CHARACTERS, None, "characters of which a document must contain one for the rule to run "
          "(a speed hint; derived from the patterns when they allow)"),
)
# The widest exception tried offset by offset where a candidate stands; a wider or unbounded one is searched
# for in a window around the candidate instead.
LOCAL_WIDTH = 32
# How far before a candidate a match of an unbounded exception may start (and how far after it it may look).
REACH = 512
# Spans stand densely (one pass over the stretch they occupy beats a search per span) when there is one in this
# many characters or more.
SPAN_PER_CHARACTERS = 512
_span_end = itemgetter(1)


@dataclass(frozen=True)
class PatternConfig:
    patterns: tuple[regex.Pattern, ...]
    exceptions: tuple[regex.Pattern, ...]
    replace: str | None
    group: int | str
    needs: str | None  # the engine skips a document without one of these (linter.engine.lint_document)


def compile(options: dict) -> PatternConfig:
    patterns = compile_regexes("patterns", options["patterns"], fast=True)
    exceptions = compile_regexes("exceptions", options["exceptions"], fast=True)
    group = options["group"]
    if isinstance(group, bool) or not isinstance(group, (int, str)):
        raise FieldError("group", "expected a group number or name")
    for i, p in enumerate(patterns):
        if isinstance(group, int) and group > p.groups or isinstance(group, str) and group not in p.groupindex:
            raise FieldError("group", f"patterns[{i}] has no group {group!r}")
    needs = options["needs"]
    return PatternConfig(patterns, exceptions, options["replace"], group, needs or derived_needs(patterns))


def derived_needs(patterns) -> str | None:
    """Characters one of which every match needs (see linter.regexes), as a `needs` string."""
    chars = required_chars_any(patterns)
    return "".join(sorted(chars)) if chars else None


def exception_spans(text: str, exceptions: tuple[regex.Pattern, ...]) -> list[tuple[int, int]]:
    """Every match of every exception over the whole text, overlapping ones included, sorted (the plain reading of
    what `LazyExceptionSpans.covers` answers, for tests and tools)."""
    return sorted(span for p in exceptions for span in overlapped_spans(p, text))


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
    """Whether an exception match covers a candidate, asked where the candidate stands.

    An exception of bounded width is tried only at the offsets where a match
    covering the candidate could start; a wider or unbounded one is searched
    for in a window reaching `REACH` characters (or its width) before the
    candidate and `REACH` after it. The work per candidate never depends on
    how many exception matches the rest of the text holds (a run of one
    character matches a reduplication shape at every offset).
    """

    def __init__(self, document: Document, exceptions: tuple[regex.Pattern, ...]):
        self.document, self.exceptions = document, exceptions
        self.split: tuple | None = None
        self.next_needed: dict[Any, tuple[int, int | None]] = {}
        self.attempts = 0  # matches and searches tried, for tests that count work

    def covers(self, start: int, end: int) -> bool:
        if not self.exceptions:
            return False
        local, windowed = self._split()
        return any(self._local_cover(pattern, width, sees_past, start, end) for pattern, width, sees_past in local) or any(
            self._windowed_cover(pattern, width, needs, start, end) for pattern, width, needs in windowed)

    def covering(self, spans: list[tuple[int, int]]) -> set[int]:
        """The indexes of `spans` (in text order) that `covers` answers True for. Where the spans stand densely, a
        bounded exception's matches are found in one pass over the stretch they occupy (given up when they
        outnumber what searching span by span would try), and an unbounded one is searched for only where what
        its matches need stands near."""
        covered: set[int] = set()
        if not self.exceptions or not spans:
            return covered
        local, windowed = self._split()
        for exception in local:
            self._cover_bounded(exception, spans, covered)
        for exception in windowed:
            self._cover_windowed(exception, spans, covered)
        return covered

    def _cover_bounded(self, exception: tuple, spans: list[tuple[int, int]], covered: set[int]) -> None:
        pattern, width, sees_past = exception
        text = self.document.text
        low, high = max(0, min(map(_span_end, spans)) - width), spans[-1][0] + width
        matches = None
        if len(spans) * SPAN_PER_CHARACTERS >= high - low:
            endpos = len(text) if sees_past else min(len(text), high)
            matches = self._matches_between(pattern, low, spans[-1][0], endpos, len(spans) * (width + 1))
        if matches is None:
            covered.update(i for i, (start, end) in enumerate(spans)
                           if i not in covered and self._local_cover(pattern, width, sees_past, start, end))
            return
        if not matches:
            return
        # A match (no wider than `width`) covers a span when it starts at or before the span and ends at or after
        # it: the spans starting inside each match are looked at, not every span.
        span_starts = [start for start, _ in spans]
        for match_start, match_end in matches:
            for i in range(bisect_left(span_starts, match_start), bisect_right(span_starts, match_end)):
                if spans[i][1] <= match_end:
                    covered.add(i)

    def _cover_windowed(self, exception: tuple, spans: list[tuple[int, int]], covered: set[int]) -> None:
        pattern, width, needs = exception
        text = self.document.text
        held: list[int] = []
        if needs is not None:
            self.attempts += 1
            low = max(0, spans[0][0] - 2 * REACH)
            held = [m.start() for m in needs.finditer(text, low, min(len(text), max(map(_span_end, spans)) + REACH))]
            if not held:
                return
        for i, (start, end) in enumerate(spans):
            if i in covered:
                continue
            lowest = max(0, start - REACH if width is None else end - width)
            endpos = min(len(text), end + REACH)
            if needs is not None:
                at = bisect_left(held, max(0, lowest - REACH))
                if at == len(held) or held[at] >= endpos:
                    continue
            if self._searched_cover(pattern, text, lowest, start, end, endpos):
                covered.add(i)

    def _split(self) -> tuple:
        if self.split is None:
            self.split = _split_by_width(self.exceptions)
        return self.split

    def _matches_between(self, pattern, lowest: int, highest: int, endpos: int, budget: int) -> list[tuple[int, int]] | None:
        """The spans of the matches starting in [lowest, highest], one per start (an overlapped search); None once
        there are more than `budget`."""
        text = self.document.text
        found: list[tuple[int, int]] = []
        self.attempts += 1
        m = pattern.search(text, lowest, endpos)
        while m is not None and m.start() <= highest:
            if len(found) == budget:
                return None
            found.append(m.span())
            self.attempts += 1
            m = pattern.search(text, m.start() + 1, endpos)
        return found

    def _local_cover(self, pattern, width: int, sees_past: bool, start: int, end: int) -> bool:
        text = self.document.text
        if not sees_past:
            return self._searched_cover(pattern, text, max(0, end - width), start, end, start + width)
        for at in range(max(0, end - width), start + 1):
            self.attempts += 1
            m = pattern.match(text, at)
            if m is not None and m.end() >= end:
                return True
        return False

    def _windowed_cover(self, pattern, width: int | None, needs, start: int, end: int) -> bool:
        text = self.document.text
        lowest = max(0, start - REACH if width is None else end - width)
        endpos = min(len(text), end + REACH)
        if needs is not None and not self._holds_needed(pattern, needs, max(0, lowest - REACH), endpos):
            return False
        return self._searched_cover(pattern, text, lowest, start, end, endpos)

    def _holds_needed(self, pattern, needs, low: int, high: int) -> bool:
        """Whether text[low:high] holds a character every match of `pattern` needs (a lookbehind may reach
        back up to REACH). The next such character is remembered, so candidates in text order share one
        forward scan instead of a regex search each (one per ASCII comma, for a URL exception)."""
        cursor, found = self.next_needed.get(pattern, (-1, None))
        if low < cursor or cursor < 0 or (found is not None and found < low):
            m = needs.search(self.document.text, low)
            found = m.start() if m else None
            self.next_needed[pattern] = (low, found)
        return found is not None and found < high

    def _searched_cover(self, pattern, text: str, lowest: int, start: int, end: int, endpos: int) -> bool:
        """Whether a match of `pattern` starting in [lowest, start] reaches `end`, searched for up to `endpos`."""
        if lowest > start:
            return False
        self.attempts += 1
        m = pattern.search(text, lowest, endpos)
        while m is not None and m.start() <= start:
            if m.end() >= end:
                return True
            self.attempts += 1
            m = pattern.search(text, m.start() + 1, endpos)
        return False


@lru_cache(maxsize=256)
def _split_by_width(exceptions: tuple) -> tuple[tuple[tuple[Any, int, bool], ...], tuple[tuple[Any, int | None, Any], ...]]:
    """The exceptions tried where a candidate stands, each with its widest match and whether it looks past its
    match (a lookahead or an anchor: then it is tried offset by offset, else searched for in the window its
    matches fit in); the others, each with its width or None and a search for what every match needs."""
    widths = [max_width(p) for p in exceptions]
    local = tuple((p, w, _sees_past(p)) for p, w in zip(exceptions, widths) if w is not None and w <= LOCAL_WIDTH)
    windowed = tuple((p, w, needs_finder(p)) for p, w in zip(exceptions, widths) if w is None or w > LOCAL_WIDTH)
    return local, windowed


def _sees_past(pattern) -> bool:
    """Whether a match may depend on text after it (lookahead, anchor, word boundary); True when unknown."""
    parsed = parse_tree(pattern)
    return parsed is None or _looks_past(parsed)


def _looks_past(items) -> bool:
    for op, av in items:
        if op is sre.AT or op is sre.GROUPREF_EXISTS:
            return True
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            inner = [av[1]] if av[0] < 0 else None
        elif op is sre.SUBPATTERN:
            inner = [av[-1]]
        elif op is sre.BRANCH:
            inner = av[1]
        elif op in REPEATS:
            inner = [av[2]]
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            inner = [av]
        else:
            continue
        if inner is None or any(_looks_past(body) for body in inner):
            return True
    return False



def check(document: Document, rule: Rule) -> Iterator[Finding]:
    """Each pattern's matches, their findings built a batch at a time (`build_findings`), a message
    formatted once per distinct set of values."""
    config: PatternConfig = rule.config
    text = document.text
    excepted = LazyExceptionSpans(document, config.exceptions)
    messages: dict[tuple, str] = {}
    for pattern in config.patterns:
        expand = None if config.replace is None else template_expander(pattern, config.replace)
        starts: list[int] = []
        ends: list[int] = []
        texts: list[str] = []
        replacements: list[str] | None = None if config.replace is None else []
        for m in pattern.finditer(text):
            start, end = m.span(config.group)
            if start < 0 or (start == end and not m.group()):
                continue
            if excepted.covers(start, end):
                continue
            values = {k: v for k, v in m.groupdict().items() if v is not None}
            values.setdefault("match", text[start:end])
            key = tuple(values.items())
            if key not in messages:
                messages[key] = rule.format_message(values)
            starts.append(start)
            ends.append(end)
            texts.append(messages[key])
            if replacements is not None and expand is not None:
                replacements.append(expand(m))
            if len(starts) == FINDINGS_AT_ONCE:
                yield from build_findings(document, rule, starts, ends, texts, replacements)
                del starts[:], ends[:], texts[:]
                if replacements is not None:
                    del replacements[:]
        yield from build_findings(document, rule, starts, ends, texts, replacements)


def can_fix(config: PatternConfig) -> bool:
    return config.replace is not None


def candidate_patterns(config: PatternConfig) -> tuple:
    """The patterns findings come from, for the one-pass gate (linter.prefilter)."""
    return config.patterns
