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
from typing import TYPE_CHECKING, Iterator

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, make_finding
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


@dataclass(frozen=True)
class FullwidthConfig:
    marks: dict[str, str]
    chinese: regex.Pattern
    exceptions: tuple[regex.Pattern, ...]
    needs: str
    candidates: regex.Pattern
    """A mark with Chinese context on either side, spaces skipped; group `spaces` (set when the context is after
    it) runs to that context. One C-level search instead of a Python test per mark."""


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
    candidates = compile_regex("chinese", f"{mark_class}(?:(?=(?P<spaces>{spaces}*+){context})|(?<={context}{spaces}*.))")
    return FullwidthConfig(dict(marks), chinese, exceptions, "".join(marks), candidates)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: FullwidthConfig = rule.config
    found = list(config.candidates.finditer(document.text))
    if not found:
        return
    covered = LazyExceptionSpans(document, config.exceptions).covering([(m.start(), m.start() + 1) for m in found])
    messages: dict[str, str] = {}  # a mark's message depends on the mark alone
    for index, m in enumerate(found):
        if index in covered:
            continue
        start, fix_end = m.span("spaces")
        start = m.start()
        if fix_end < 0:
            fix_end = start + 1
        mark = m.group()
        replacement = config.marks[mark]
        message = messages.get(mark)
        if message is None:
            message = messages[mark] = rule.format_message({"match": mark, "fullwidth": replacement})
        yield make_finding(document, rule, start, start + 1, replacement=replacement, fix_span=(start, fix_end), message=message)


def can_fix(config: FullwidthConfig) -> bool:
    return True
