"""`confusions`: a curated list of wrong forms and what they should read.

    - id: garbled.ocr-ru-ren
      kind: confusions
      words:                      # wrong form (a regular expression; plain text is one) -> right form
        深人: 深入
        '进人(?=新时代|新阶段)': 进入
      exceptions: [资深人, 夜深人静]   # real words: a wrong form inside one of their matches never fires

OCR misreadings (入 read as 人) and known real-word slips (湖源治理 for 溯源治理)
are one check: a wrong form, its correction, and the real words that contain
the wrong form by accident. The finding covers only the characters that differ
(人 in 深人), so the column points at the misread character.

With `across_words: true`, a wrong form whose characters jieba's dictionary
reads as parts of words running across its edges is no slip: 以色列|人员 holds
列人, 不能自已 holds 自已, 悦己|经济 holds 己经. A wrong form written with its
context (a lookaround: 融情人景 after 融) has said where it is wrong and is
not read so.

Message placeholders: {match} (the differing characters), {wrong} (the whole
wrong form as written), {right} (the whole corrected form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, make_finding
from ..regexes import anchor_literals
from .api import FLAG, MAPPING, REQUIRED, SOME_CHARACTERS, STRINGS, Field, compile_regex, compile_regexes
from .pattern import LazyExceptionSpans, overlapped_matches

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "confusions"
FIELDS = (
    Field("words", MAPPING, REQUIRED, "mapping of wrong form (regular expression) to the right form"),
    Field("exceptions", STRINGS, [], "regular expressions for real words; a wrong form inside one of their matches is not reported"),
    Field("needs", SOME_CHARACTERS, None, "characters of which a document must contain one for the rule to run (a speed hint)"),
    Field("across_words", FLAG, False, "true: a wrong form is not reported where a dictionary word runs across one of its edges"),
)
LOOKAROUND = re.compile(r"\(\?<?[=!]")
# How many characters on each side of a wrong form's edge are read to find a word across it.
EDGE_WINDOW = 6


class StartFinder:
    """Where a match of the wrong forms can start: a stdlib `re` search for literals that every match holds
    at a known offset from its start (see linter.regexes.anchor_literals)."""

    def __init__(self, anchors: list[tuple[str, int]]):
        literals = sorted({text for text, _ in anchors}, key=lambda text: (-len(text), text))
        self.search = re.compile("|".join(map(re.escape, literals)))
        self.by_first: dict[str, list[tuple[str, int]]] = {}
        for text, offset in dict.fromkeys(anchors):
            self.by_first.setdefault(text[0], []).append((text, offset))

    def starts(self, text: str) -> list[int]:
        """Every offset at which a match may start, in order."""
        found: set[int] = set()
        m = self.search.search(text)
        while m is not None:
            at = m.start()
            for literal, offset in self.by_first[text[at]]:
                if at >= offset and text.startswith(literal, at):
                    found.add(at - offset)
            m = self.search.search(text, at + 1)
        return sorted(found)


def start_finder(wrong_forms: list[str]) -> StartFinder | None:
    """A `StartFinder` when every wrong form has anchor literals, else None (the whole text is searched)."""
    anchors: list[tuple[str, int]] = []
    for wrong in wrong_forms:
        found = anchor_literals(wrong)
        if found is None:
            return None
        anchors += found
    return StartFinder(anchors)


@dataclass(frozen=True)
class ConfusionsConfig:
    matcher: regex.Pattern
    corrections: tuple[str, ...]
    exceptions: tuple[regex.Pattern, ...]
    needs: str | None
    starts: StartFinder | None = None
    across_words: bool = False
    with_context: frozenset[int] = frozenset()  # wrong forms (by branch) that state their context


def compile(options: dict) -> ConfusionsConfig:
    words = options["words"]
    if not isinstance(words, dict) or not words:
        raise FieldError("words", "expected a non-empty mapping of wrong form to right form")
    branches, corrections, wrong_forms = [], [], []
    for i, (wrong, right) in enumerate(sorted(words.items(), key=lambda kv: -len(str(kv[0])))):
        if not isinstance(right, str) or not right:
            raise FieldError(f"words.{wrong}", "expected the right form as a non-empty string")
        compiled = compile_regex(f"words.{wrong}", wrong)
        if compiled.groups:
            raise FieldError(f"words.{wrong}", "use (?:...) instead of capturing groups")
        branches.append(f"(?P<w{i}>{wrong})")
        corrections.append(right)
        wrong_forms.append(wrong)
    exceptions = compile_regexes("exceptions", options["exceptions"], fast=True)
    needs, across_words = options["needs"], options["across_words"]
    matcher = compile_regex("words", "|".join(branches))
    with_context = frozenset(i for i, wrong in enumerate(wrong_forms) if LOOKAROUND.search(wrong))
    return ConfusionsConfig(
        matcher, tuple(corrections), exceptions, needs, start_finder(wrong_forms), across_words, with_context,
    )


def differing_span(wrong: str, right: str) -> tuple[int, int, str]:
    """The part of `wrong` that differs from `right`: (start, end) in `wrong` and its replacement."""
    prefix = 0
    while prefix < min(len(wrong), len(right)) and wrong[prefix] == right[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(wrong), len(right)) - prefix and wrong[-1 - suffix] == right[-1 - suffix]:
        suffix += 1
    return prefix, len(wrong) - suffix, right[prefix : len(right) - suffix]


def wrong_forms(config: ConfusionsConfig, text: str) -> Iterator:
    """The matches of `finditer(text, overlapped=True)`: at each offset, the first wrong form that matches there."""
    if config.starts is None:
        yield from overlapped_matches(config.matcher, text)
        return
    for start in config.starts.starts(text):
        m = config.matcher.match(text, start)
        if m is not None:
            yield m


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: ConfusionsConfig = rule.config
    text = document.text
    excepted = LazyExceptionSpans(document, config.exceptions)
    reported: set[tuple[int, int]] = set()
    for m in wrong_forms(config, text):
        if not m.group() or excepted.covers(m.start(), m.end()):
            continue
        branch = int(m.lastgroup[1:])
        if config.across_words and branch not in config.with_context and _inside_other_words(text, m.start(), m.end()):
            continue
        right = config.corrections[branch]
        head, tail, replacement = differing_span(m.group(), right)
        if head == tail and not replacement:
            continue
        start, end = m.start() + head, m.start() + tail
        if start == end:  # an insertion: widen to a neighbouring character so the span is visible
            if head:
                start -= 1
                replacement = text[start] + replacement
            else:
                end += 1
                replacement += text[start]
        if (start, end) in reported:  # two listed forms for one slip (追朔源头: 追朔, 朔源)
            continue
        reported.add((start, end))
        yield make_finding(document, rule, start, end, replacement=replacement, wrong=m.group(), right=right)


def _inside_other_words(text: str, start: int, end: int) -> bool:
    """Whether a dictionary word runs across the start or the end of text[start:end]."""
    from ..words import word_across

    window = EDGE_WINDOW
    return any(
        word_across(text[max(0, edge - window) : edge], text[edge : edge + window]) is not None for edge in (start, end)
    )


def can_fix(config: ConfusionsConfig) -> bool:
    return True


def candidate_patterns(config: ConfusionsConfig) -> tuple:
    """The wrong forms, for the one-pass gate (linter.prefilter): most text holds none, and the rule is then
    not run, where its own search for their literals would scan the whole text."""
    return (config.matcher,)
