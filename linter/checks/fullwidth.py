"""`fullwidth`: ASCII punctuation used inside Chinese text, with the full-width form as a safe fix.

    - id: punctuation.ascii-in-chinese
      kind: fullwidth
      marks: {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
      chinese: '[\\p{Han}“”《》、，。]'     # one character of Chinese context
      exceptions: ['\\d[,:]\\d']           # matches that cover a mark leave it alone

A mark is reported when the character next to it on either side (spaces
skipped) is Chinese context; 1,000, 3:00 and a URL's ? have Latin or digits
on both sides and stay silent. The fix also drops the spaces an English
typist put after the mark (中文, 中文 → 中文，中文).

Message placeholders: {match} (the mark) and {fullwidth} (its replacement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat
from operator import add, itemgetter, methodcaller
from typing import TYPE_CHECKING, Iterable

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, findings_in_batches
from .api import MAPPING, REQUIRED, STRING, STRINGS, Field, compile_regex, compile_regexes
from .pattern import LazyExceptionSpans

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "fullwidth"
FIELDS = (
    Field("marks", MAPPING, REQUIRED, "mapping from an ASCII mark to the full-width mark that replaces it"),
    Field("chinese", STRING, REQUIRED, "regular expression for one character of Chinese context"),
    Field("exceptions", STRINGS, [], "regular expressions whose matches, when they cover a mark, suppress it"),
)
SPACES = " \t"
_span, _first, _second = methodcaller("span"), itemgetter(0), itemgetter(1)


@dataclass(frozen=True)
class FullwidthConfig:
    marks: dict[str, str]
    chinese: regex.Pattern
    exceptions: tuple[regex.Pattern, ...]
    needs: str
    candidates: regex.Pattern
    """A mark with Chinese context on either side, spaces skipped; when the context is after it, the match runs
    over the spaces to it (what the fix replaces). One C-level search instead of a Python test per mark."""


def compile(options: dict) -> FullwidthConfig:
    marks = options["marks"]
    if not isinstance(marks, dict) or not marks or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == 1 and v for k, v in marks.items()
    ):
        raise FieldError("marks", "expected a mapping from one ASCII character to its full-width form")
    chinese = compile_regex("chinese", options["chinese"], fast=True)
    exceptions = compile_regexes("exceptions", options["exceptions"], fast=True)
    mark_class = "[" + re.escape("".join(marks)) + "]"
    context, spaces = f"(?:{options['chinese']})", f"[{SPACES}]"
    candidates = compile_regex("chinese", f"{mark_class}(?:{spaces}*+(?={context})|(?<={context}{spaces}*.))")
    return FullwidthConfig(dict(marks), chinese, exceptions, "".join(marks), candidates)


def check(document: Document, rule: Rule) -> Iterable[Finding]:
    """The marks found in one search over the text, the exceptions' in one pass over the marks, and their
    findings built a batch at a time (`findings_in_batches`), a mark's message formatted once per mark."""
    config: FullwidthConfig = rule.config
    text = document.text
    spans = list(map(_span, config.candidates.finditer(text)))
    if not spans:
        return ()
    covered = LazyExceptionSpans(document, config.exceptions).covering([(start, start + 1) for start, _ in spans])
    if covered:
        spans = [span for index, span in enumerate(spans) if index not in covered]
    starts = list(map(_first, spans))
    ends = list(map(add, starts, repeat(1)))
    marks = list(map(text.__getitem__, starts))
    messages = {mark: rule.format_message({"match": mark, "fullwidth": config.marks[mark]}) for mark in set(marks)}
    return findings_in_batches(document, rule, starts, ends, list(map(messages.__getitem__, marks)),
                               list(map(config.marks.__getitem__, marks)), list(map(_second, spans)))


def can_fix(config: FullwidthConfig) -> bool:
    return True
