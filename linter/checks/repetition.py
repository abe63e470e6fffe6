"""`repetition`: text printed twice in a row — 培训培训, 有战斗力、有战斗力, a sentence twice.

    - id: duplication.word
      kind: repetition
      unit: '\\p{Han}'          # what one unit is (default: a Han character)
      min: 2                    # length of the repeated part, in units
      max: 8
      separators: "、，"        # characters allowed between the two copies
      followed_by: '[，。的]|$'  # what must come right after the second copy
      exceptions: [研究研究, 高高兴兴]          # words that legitimately repeat
      exception_patterns: ['(\\p{Han})\\1(\\p{Han})\\2']   # AABB and other shapes

    - id: duplication.sentence
      kind: repetition
      mode: sentence            # consecutive identical sentences
      min: 8                    # shortest sentence considered, in characters

The finding spans both copies ({match}); {text} is the repeated part; the
fix (unsafe: an editor should look) keeps one copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, make_finding
from ..regexes import matches_one_char
from ..rules import Rule, compile_regex, integer, string_list
from .pattern import LazyExceptionSpans, derived_needs

KIND = "repetition"
FIELDS = {
    "mode": "adjacent (default): a unit run repeated at once; sentence: a sentence repeated at once",
    "unit": "regular expression for one unit (default \\p{Han})",
    "min": "shortest repeated part, in units (sentence mode: in characters)",
    "max": "longest repeated part, in units",
    "separators": "characters of which one must stand between the two copies (none: the copies touch)",
    "followed_by": "regular expression that must match right after the second copy",
    "exceptions": "words that legitimately repeat; a finding inside one is dropped",
    "exception_patterns": "regular expressions for legitimate shapes (AABB, ABAB)",
}


@dataclass(frozen=True)
class RepetitionConfig:
    mode: str
    pattern: regex.Pattern | None
    min: int
    exceptions: tuple[regex.Pattern, ...]
    needs: str | None = None


def compile(options: dict) -> RepetitionConfig:
    mode = options.get("mode", "adjacent")
    if mode not in ("adjacent", "sentence"):
        raise FieldError("mode", "expected `adjacent` or `sentence`")
    words = string_list("exceptions", options.get("exceptions", []))
    shapes = string_list("exception_patterns", options.get("exception_patterns", []))
    exceptions = tuple(compile_regex(f"exception_patterns[{i}]", p, fast=True) for i, p in enumerate(shapes))
    if words:
        exceptions += (re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True))),)
    if mode == "sentence":
        return RepetitionConfig(mode, None, integer("min", options.get("min", 8), 1), exceptions)
    unit = options.get("unit", r"\p{Han}")
    unit_pattern = compile_regex("unit", unit, fast=True)
    low = integer("min", options.get("min", 2), 1)
    high = integer("max", options.get("max", 8), low)
    separators = options.get("separators", "")
    if not isinstance(separators, str):
        raise FieldError("separators", "expected a string of characters")
    sep = f"(?P<sep>[{regex.escape(separators)}])" if separators else ""
    followed = options.get("followed_by")
    after = ""
    if followed is not None:
        compile_regex("followed_by", followed)
        after = f"(?=(?:{followed}))"
    # A one-character unit that no separator matches: the first copy can only end where
    # the separator starts, so giving characters back never helps (possessive, no backtracking).
    possessive = "+" if separators and matches_one_char(unit_pattern) and not any(map(unit_pattern.fullmatch, separators)) else ""
    pattern = compile_regex("unit", f"(?P<text>(?:{unit}){{{low},{high}}}{possessive}){sep}(?P=text){after}", fast=True)
    return RepetitionConfig(mode, pattern, low, exceptions, derived_needs([pattern]))


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: RepetitionConfig = rule.config
    if config.mode == "sentence":
        yield from _repeated_sentences(document, rule)
        return
    excepted = LazyExceptionSpans(document, config.exceptions)
    for m in config.pattern.finditer(document.text):
        start, end = m.span()
        if excepted.covers(start, end):
            continue
        yield make_finding(document, rule, start, end, replacement=m["text"], text=m["text"])


def _repeated_sentences(document: Document, rule: Rule) -> Iterator[Finding]:
    config: RepetitionConfig = rule.config
    text = document.text
    sentences = document.sentences
    for previous, current in zip(sentences, sentences[1:]):
        first = text[previous.start : previous.end].strip()
        second = text[current.start : current.end].strip()
        if first == second and len(second) >= config.min and not any(p.fullmatch(second) for p in config.exceptions):
            start = current.start + (len(text[current.start : current.end]) - len(text[current.start : current.end].lstrip()))
            yield make_finding(
                document, rule, start, start + len(second),
                replacement="", fix_span=(previous.end, current.end), text=second,
            )


def can_fix(config: RepetitionConfig) -> bool:
    return True
