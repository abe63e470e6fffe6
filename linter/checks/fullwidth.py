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
from itertools import accumulate, repeat
from operator import add, methodcaller
from typing import TYPE_CHECKING, Iterable

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, findings_in_batches
from ..regexes import matches_one_char
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
_after_spaces = methodcaller("lstrip", SPACES)


@dataclass(frozen=True)
class FullwidthConfig:
    marks: dict[str, str]
    chinese: regex.Pattern
    exceptions: tuple[regex.Pattern, ...]
    needs: str
    candidates: regex.Pattern
    """A mark with Chinese context on either side, spaces skipped, as the one group of the pattern: `split`
    gives the text between the candidates and the candidates themselves, their places summed from the pieces'
    lengths in C, with no match object per mark. When the context is after the mark, a candidate runs over
    the spaces to it (what the fix replaces); when it is before the mark with spaces between, the candidate
    starts at those spaces (fixed-width lookbehinds, which stdlib `re` runs, and every candidate led by one
    class of the marks and spaces, which `re` skips to in C)."""


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
    if _one_character_apart(chinese, "".join(marks)):
        after = f"{spaces}*+(?={context})"
        lead = "[" + re.escape(SPACES + "".join(marks)) + "]"
        candidates = (f"({lead}(?:(?<={mark_class})(?:{after}|(?<={context}.))"
                      f"|(?<={context}{spaces}){spaces}*{mark_class}(?:{after})?))")
    else:
        candidates = f"({mark_class}(?:{spaces}*+(?={context})|(?<={context}{spaces}*.)))"
    return FullwidthConfig(dict(marks), chinese, exceptions, "".join(marks), compile_regex("chinese", candidates, fast=True))


def _one_character_apart(chinese, marks: str) -> bool:
    """Whether the context pattern matches one character, never a space or a mark: then a mark with context
    before it and spaces between is found from the spaces on, with no lookbehind of variable width."""
    return matches_one_char(chinese) and not any(chinese.fullmatch(ch) for ch in SPACES + marks)


def check(document: Document, rule: Rule) -> Iterable[Finding]:
    """The marks found by one split of the text, the exceptions' in one pass over the marks, and their
    findings built a batch at a time (`findings_in_batches`), a message formatted once per distinct mark."""
    config: FullwidthConfig = rule.config
    text = document.text
    pieces = config.candidates.split(text)
    if len(pieces) == 1:
        return ()
    bounds = list(accumulate(map(len, pieces)))
    found = pieces[1::2]
    starts, fix_ends = bounds[0:-1:2], bounds[1::2]
    kinds = set(found)
    marks = {kind: _after_spaces(kind)[0] for kind in kinds}
    if any(kind[0] in SPACES for kind in kinds):
        starts = [start + len(kind) - len(_after_spaces(kind)) for start, kind in zip(starts, found)]
    ends = list(map(add, starts, repeat(1)))
    covered = LazyExceptionSpans(document, config.exceptions).covering(list(zip(starts, ends)))
    if covered:
        kept = [index for index in range(len(starts)) if index not in covered]
        starts, ends, fix_ends, found = ([column[index] for index in kept] for column in (starts, ends, fix_ends, found))
    messages = {kind: rule.format_message({"match": mark, "fullwidth": config.marks[mark]}) for kind, mark in marks.items()}
    replacements = {kind: config.marks[mark] for kind, mark in marks.items()}
    return findings_in_batches(document, rule, starts, ends, list(map(messages.__getitem__, found)),
                               list(map(replacements.__getitem__, found)), fix_ends)


def can_fix(config: FullwidthConfig) -> bool:
    return True
