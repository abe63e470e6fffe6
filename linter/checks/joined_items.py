"""`joined-items`: a quoted term made of short items joined by a character printed for a dash.

    - id: garbled.dash-as-yi
      kind: joined-items
      joiner: 一                  # what was printed
      intended: —                 # what was meant
      item: '[\\p{Han}--[一]]{1,8}'
      min_items: 3
      enclosed_by: ["“”", "《》"]
      not_after: 统唯第           # joiner after one of these is a word (统一, 唯一, 第一)
      not_before: 个体切          # joiner before one of these is a word or a numeral (一个, 一体)
      counted_first: 一二三四五六七八九十两  # a first item that starts with one of these counts things

OCR and font substitution print the connecting dash of 学—赛—研—训 as the
numeral 一. The whole quoted term must be items and joiners only, the term
may not begin or end with the joiner (一案一专班, 三个一 are real terms), and
an item on either side must not make the joiner part of a word. A term whose
first item starts with a numeral counts things, and its 一 is the numeral one
(三极一带一区: three poles, one belt, one zone). One finding
per term, with the joiners replaced.

Message placeholders: {match} (the term), {repair}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import regex

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, make_finding
from .api import CHARACTERS, NONEMPTY_STRINGS, REQUIRED, STRING, Field, compile_regex, count

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "joined-items"
FIELDS = (
    Field("joiner", STRING, REQUIRED, "the character printed where a dash was meant"),
    Field("intended", STRING, REQUIRED, "the character that was meant"),
    Field("item", STRING, REQUIRED, "regular expression one item must match in full"),
    Field("min_items", count(2), 3, "the fewest items a term must have"),
    Field("enclosed_by", NONEMPTY_STRINGS, REQUIRED, "pairs of opening and closing marks around a term"),
    Field("not_after", CHARACTERS, "", "characters that make a joiner after them part of a word"),
    Field("not_before", CHARACTERS, "", "characters that make a joiner before them part of a word"),
    Field("counted_first", CHARACTERS, "", "numerals: a term whose first item starts with one counts things, so its joiners are numerals"),
)


@dataclass(frozen=True)
class JoinedItemsConfig:
    joiner: str
    intended: str
    item: regex.Pattern
    min_items: int
    terms: re.Pattern
    not_after: frozenset[str]
    not_before: frozenset[str]
    counted_first: frozenset[str]
    candidates: tuple[re.Pattern, ...]
    """An opening mark whose term holds `min_items - 1` joiners, none first: the lines where one stands are
    the only lines where `terms` can match a joined run."""


def _single_char(name: str, value) -> str:
    if not isinstance(value, str) or len(value) != 1:
        raise FieldError(name, "expected one character")
    return value


def compile(options: dict) -> JoinedItemsConfig:
    joiner = _single_char("joiner", options["joiner"])
    intended = _single_char("intended", options["intended"])
    item = compile_regex("item", options["item"], regex.V1)
    pairs = options["enclosed_by"]
    if any(len(p) != 2 for p in pairs):
        raise FieldError("enclosed_by", "expected pairs of two characters such as “”")
    terms = re.compile("|".join(f"{re.escape(p[0])}([^{re.escape(p)}\\n]{{3,80}}){re.escape(p[1])}" for p in pairs))
    return JoinedItemsConfig(
        joiner, intended, item, options["min_items"], terms, frozenset(options["not_after"]),
        frozenset(options["not_before"]), frozenset(options["counted_first"]),
        _candidates(pairs, joiner, options["min_items"], item.fullmatch("") is None),
    )


def _candidates(pairs: list[str], joiner: str, min_items: int, items_filled: bool) -> tuple[re.Pattern, ...]:
    """Where a term that `is_joined_run` accepts can open, one search per pair: its opening mark, then
    `min_items - 1` joiners before the closing mark or the line's end, each after an item (a non-empty one,
    when the item pattern allows no empty match). A search led by one literal runs about twice as fast as
    one led by a class of the opening marks."""
    each = "+" if items_filled else "*"
    found = []
    for pair in pairs:
        item = f"[^{re.escape(pair + joiner)}\\n]{each}+"
        found.append(re.compile(f"{re.escape(pair[0])}(?=(?:{item}{re.escape(joiner)}){{{min_items - 1}}})"))
    return tuple(found)


def is_joined_run(term: str, config: JoinedItemsConfig) -> bool:
    items = term.split(config.joiner)
    if len(items) < config.min_items or not all(config.item.fullmatch(i) for i in items):
        return False
    if items[0][0] in config.counted_first:
        return False
    for left, right in zip(items, items[1:]):
        if left[-1] in config.not_after or right[0] in config.not_before:
            return False
        if len(left) == len(right) == 1 and left == right:  # 想一想
            return False
    return True


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    """The terms of the lines where a candidate stands (no term crosses a line break, so a line's terms are
    the ones a search of the whole text finds there), not every quoted term of the text."""
    config: JoinedItemsConfig = rule.config
    text = document.text
    upcoming: dict[re.Pattern, int] = {}
    for pattern in config.candidates:
        found = pattern.search(text)
        if found is not None:
            upcoming[pattern] = found.start()
    while upcoming:
        at = min(upcoming.values())
        line_end = text.find("\n", at)
        if line_end < 0:
            line_end = len(text)
        yield from _joined_runs(document, rule, text.rfind("\n", 0, at) + 1, line_end)
        for pattern, start in list(upcoming.items()):
            if start < line_end:
                found = pattern.search(text, line_end)
                if found is None:
                    del upcoming[pattern]
                else:
                    upcoming[pattern] = found.start()


def _joined_runs(document: Document, rule: Rule, start: int, end: int) -> Iterator[Finding]:
    config: JoinedItemsConfig = rule.config
    for m in config.terms.finditer(document.text, start, end):
        group = m.lastindex  # the one group of the pair that matched
        term = m.group(group)
        if config.joiner in term and is_joined_run(term, config):
            repair = term.replace(config.joiner, config.intended)
            yield make_finding(document, rule, *m.span(group), replacement=repair, repair=repair)


def can_fix(config: JoinedItemsConfig) -> bool:
    return True
