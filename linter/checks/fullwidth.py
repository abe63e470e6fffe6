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
from dataclasses import dataclass, field
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
    finder: regex.Pattern
    chinese: regex.Pattern
    exceptions: tuple[regex.Pattern, ...]
    needs: str
    chinese_memo: dict[str, bool] = field(default_factory=lambda: {"": False}, compare=False, repr=False)
    """Whether a character is Chinese context, per character seen: shared by every document the rule checks."""


def compile(options: dict) -> FullwidthConfig:
    marks = options["marks"]
    if not isinstance(marks, dict) or not marks or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == 1 and v for k, v in marks.items()
    ):
        raise FieldError("marks", "expected a mapping from one ASCII character to its full-width form")
    chinese = compile_regex("chinese", options["chinese"], fast=True)
    exceptions = compile_regexes("exceptions", options["exceptions"], fast=True)
    finder = re.compile("[" + re.escape("".join(marks)) + "]")
    return FullwidthConfig(dict(marks), finder, chinese, exceptions, "".join(marks))


def _neighbour(text: str, index: int, step: int) -> str:
    while 0 <= index < len(text) and text[index] in SPACES:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: FullwidthConfig = rule.config
    text = document.text
    excepted = LazyExceptionSpans(document, config.exceptions)
    chinese = config.chinese_memo
    messages: dict[str, str] = {}  # a mark's message depends on the mark alone

    def is_chinese(ch: str) -> bool:
        found = chinese.get(ch)
        if found is None:
            found = chinese[ch] = bool(config.chinese.fullmatch(ch))
        return found

    for m in config.finder.finditer(text):
        start = m.start()
        before, after = text[start - 1 : start], text[start + 1 : start + 2]
        if before and before in SPACES:
            before = _neighbour(text, start - 1, -1)
        if after and after in SPACES:
            after = _neighbour(text, start + 1, 1)
        chinese_after = chinese.get(after)
        if chinese_after is None:
            chinese_after = is_chinese(after)
        if not (chinese_after or chinese.get(before) or is_chinese(before)):
            continue
        if excepted.covers(start, start + 1):
            continue
        fix_end = start + 1
        if chinese_after:
            while fix_end < len(text) and text[fix_end] in SPACES:
                fix_end += 1
        mark = m.group()
        replacement = config.marks[mark]
        message = messages.get(mark)
        if message is None:
            message = messages[mark] = rule.format_message({"match": mark, "fullwidth": replacement})
        yield make_finding(document, rule, start, start + 1, replacement=replacement, fix_span=(start, fix_end), message=message)


def can_fix(config: FullwidthConfig) -> bool:
    return True
