"""Enumeration counts: "N items" next to the list it names must list N items.

A name is a quoted slogan that starts with a numeral (“五学联动”, “三个走在前”,
“一平台三中心”) or an unquoted numeral + measure word + noun (四个作用, 三维度).
Its list is the 、-separated run right before it (a quoted list before it
also splits on ，), or the list in parentheses or after a colon right after a
quoted name. A name with several numerals counts their sum (一平台三中心: 4);
when they are all equal it may also count pairs (三重三促 lists three).
A name followed by 等 or 、 is itself an item of a list and is left alone. When the list cannot be
delimited with confidence — no separator, a trailing 等, a last item that
ends in a verb governing the name (打造“三色工程”), an item that reads as a sentence, a 和/与/及 that may join two items — nothing is said.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterator

import regex

from ..document import Document
from ..quantities import HAN_DIGITS, han_to_number
from ..regexes import compile_fast
from . import Issue

NUMERALS = "一二两三四五六七八九十双"
HARD_STOPS = "，,。；：！？;:!?（(\n\r【"
_QUOTED_NAME = regex.compile(rf"“(?P<name>[{NUMERALS}][^“”，。、；\s]{{1,9}})”")
_NUMERAL_RUN = regex.compile(rf"[{NUMERALS}]+")
_NOUN = regex.compile(r"\p{Han}{1,4}")
_PARENTHESISED = regex.compile(r"[（(](?P<inner>[^（()）]{3,120})[)）]")
_QUOTED = regex.compile(r"“[^“”]*”")


@dataclass(frozen=True)
class EnumerationSettings:
    measures: tuple[str, ...] = ("个", "项")
    separators: str = "、"
    quoted_separators: str = "、，,"
    max_item: int = 16
    conjunctions: str = "和与及"
    not_names: tuple[str, ...] = ()
    governing: tuple[str, ...] = ("的", "等")

    @cached_property
    def unquoted_name(self) -> regex.Pattern:
        """Compiled with stdlib `re` (several times faster on this scan of the whole text)."""
        measures = "|".join(regex.escape(m) for m in sorted(self.measures, key=len, reverse=True))
        return compile_fast(rf"(?<![第{NUMERALS}0-9])(?P<num>[{NUMERALS}]+|[0-9]+)(?:{measures})(?=\p{{Han}})")


def enumeration_counts(document: Document, settings: EnumerationSettings) -> Iterator[Issue]:
    text = document.text
    for m in _QUOTED_NAME.finditer(text):
        name = m["name"]
        if any(name.startswith(n) for n in settings.not_names):
            continue
        counts = _numerals(name)
        if not counts or set(counts) == {1} or text[m.end() : m.end() + 1] in ("等", "、"):
            continue
        listed = _list_before(text, m.start(), settings, quoted_name=True) or _list_after(text, m.end(), settings)
        issue = _compare(m.start(), m.end(), f"“{name}”", counts, listed, settings)
        if issue:
            yield issue
    for m in settings.unquoted_name.finditer(text):
        value = int(m["num"]) if m["num"].isdigit() else _numerals(m["num"])
        counts = [value] if isinstance(value, int) else value
        if not counts or counts == [1] or len(counts) != 1:
            continue
        listed = _list_before(text, m.start(), settings, quoted_name=False)
        end = m.end()
        noun = _NOUN.match(text, end)
        name = m.group() + (noun.group() if noun else "")
        issue = _compare(m.start(), noun.end() if noun else end, name, counts, listed, settings)
        if issue:
            yield issue


def _numerals(name: str) -> list[int]:
    """The numbers a name counts: 五学联动 -> [5], 一平台三中心 -> [1, 3], 十二时辰 -> [12]."""
    result = []
    for run in _NUMERAL_RUN.findall(name):
        if run == "双":
            result.append(2)
        elif all(c in HAN_DIGITS for c in run):
            result.append(int(han_to_number(run)))
    return result


@dataclass(frozen=True)
class Listed:
    start: int
    end: int
    items: tuple[str, ...]
    joined: int  # items that contain 和/与/及 and may be two


def _list_before(text: str, name_start: int, settings: EnumerationSettings, quoted_name: bool) -> Listed | None:
    """The list that ends right before a name, or None when it cannot be delimited with confidence."""
    if name_start and text[name_start - 1] == "”":
        opening = text.rfind("“", 0, name_start - 1)
        inner = text[opening + 1 : name_start - 1] if opening >= 0 else ""
        if opening >= 0 and "”" not in inner and any(s in inner for s in settings.quoted_separators):
            return _make_list(opening + 1, name_start - 1, inner, settings.quoted_separators, settings, first_may_lead=False)
    start, depth = name_start, 0
    while start > 0:
        ch = text[start - 1]
        if ch == "”":
            depth += 1
        elif ch == "“":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in HARD_STOPS:
            break
        start -= 1
    run = text[start:name_start]
    if not run or run[-1] in settings.separators or run.endswith(("等", "的")):
        return None
    return _make_list(start, name_start, run, settings.separators, settings, first_may_lead=True)


def _list_after(text: str, name_end: int, settings: EnumerationSettings) -> Listed | None:
    """A list in parentheses right after a name: “三重三促”(重党建促业务、…)."""
    m = _PARENTHESISED.match(text, name_end)
    if not m:
        return None
    start = m.start("inner")
    return _make_list(start, start + len(m["inner"]), m["inner"], settings.quoted_separators, settings, first_may_lead=False)


def _make_list(start: int, end: int, run: str, separators: str, settings: EnumerationSettings, first_may_lead: bool) -> Listed | None:
    items = _splitter(separators).split(_mask_quotes(run))
    if len(items) < 2 or any(not i.strip() for i in items):
        return None
    originals, position = [], 0
    for item in items:
        originals.append(run[position : position + len(item)])
        position += len(item) + 1
    limits = [settings.max_item + (8 if first_may_lead and i == 0 else 0) for i in range(len(items))]
    if any(len(item) > limit for item, limit in zip(originals, limits)):
        return None
    if any(originals[-1].rstrip("”").endswith(w) for w in settings.governing):
        return None
    joined = sum(1 for item in originals if any(c in item for c in settings.conjunctions))
    return Listed(start, end, tuple(originals), joined)


def _mask_quotes(run: str) -> str:
    """Separators inside quotes do not split the list: replace quoted text by placeholders of equal length."""
    return _QUOTED.sub(lambda m: "“" + "x" * (len(m.group()) - 2) + "”", run)


@lru_cache(maxsize=None)
def _splitter(separators: str) -> regex.Pattern:
    return regex.compile(f"[{regex.escape(separators)}]")


def _compare(start: int, end: int, name: str, counts: list[int], listed: Listed | None, settings) -> Issue | None:
    if listed is None:
        return None
    n = len(listed.items)
    acceptable = {sum(counts)} | (set(counts) if len(set(counts)) == 1 else set())
    if any(n <= c <= n + listed.joined for c in acceptable):
        return None
    expected = " 或 ".join(str(c) for c in sorted(acceptable))
    items = "、".join(i.strip() for i in listed.items)
    return Issue(
        start, end,
        {"name": name, "expected": expected, "found": str(n), "items": items,
         "arithmetic": f"{name} 指 {expected} 项，列出 {n} 项：{items}"},
        ((listed.start, listed.end, items),),
    )
