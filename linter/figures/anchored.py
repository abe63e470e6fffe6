"""Searching a pattern only near the literal every match holds: 检察院 in the entity patterns.

An entity pattern such as `(?:\\p{Han}{2,8}?(?:省|自治区))?…(?P<name>…[市县区旗])(?:人民)?检察院`
starts with optional parts, so a scan tries it at every position of a
document, and each try explores many lengths of its lazy parts. Every match
holds the literal (检察院), spans at most `width` characters, and consists of
characters the pattern can consume (here Han characters only), so a match can
start only within `width` characters before an occurrence of the literal, and
no earlier than the run of consumable characters that reaches it. A try reads
at most `reach` characters from where it starts (lookaheads included), so a
search that stops `reach` characters past the last such start sees what a
search of the whole document sees there. The windows' searches thus meet
exactly the matches `finditer` meets, trying a few positions around each
occurrence. Patterns for which this cannot be read off (lookbehind, anchors,
unbounded repeats, case-insensitive matching, a `regex`-module pattern) are
scanned whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator, NamedTuple

from ..lexicon import one_of
from ..parsed import REPEATS, group_ignores_case, parse_tree, sre as _sre, sre_parse as _sre_parse
from ..regexes import _required_in_item as _required_item, class_range, max_width

_ONE_CHARACTER = {_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY}


class Anchor(NamedTuple):
    """The literal every match holds, the widest match, the farthest a try reads, a search for
    the last character before a place that no match can consist of, and a search for the characters
    one of which every try that matches reads besides the literal (None: not known)."""

    literal: str
    width: int
    reach: int
    last_other: re.Pattern
    needed: re.Pattern | None = None


def finditer_near_literal(pattern: Any, text: str) -> Iterator[Any]:
    """The matches of `pattern.finditer(text)`, searched only where a match can start: each place of a
    window is tried in turn (`match`), as a search from the window's first place would try them, but
    never past its last (a search would go on trying the places after it, up to the next name)."""
    anchor = pattern_anchor(pattern) if isinstance(pattern, re.Pattern) else None
    if anchor is None:
        yield from pattern.finditer(text)
        return
    position = 0
    needed = anchor.needed
    match = pattern.match
    for low, high in start_windows(text, anchor):
        end = min(len(text), high + anchor.reach)
        if needed is not None and needed.search(text, low, end) is None:
            continue  # 最高人民检察院: no match starts here, said without trying each place
        start = max(low, position)
        while start <= high:
            m = match(text, start, end)
            if m is None:
                start += 1
                continue
            yield m
            start = position = m.end()


def start_windows(text: str, anchor: Anchor) -> list[tuple[int, int]]:
    """[first, last] possible match starts before each occurrence of the literal, merged."""
    windows: list[tuple[int, int]] = []
    found = text.find(anchor.literal)
    while found >= 0:
        floor = max(0, found + len(anchor.literal) - anchor.width)
        other = anchor.last_other.match(text, floor, found)
        low = other.end() if other else floor
        if windows and low <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], found)
        else:
            windows.append((low, found))
        found = text.find(anchor.literal, found + 1)
    return windows


@lru_cache(maxsize=None)
def pattern_anchor(pattern: re.Pattern) -> Anchor | None:
    """The anchor of a stdlib pattern; None when it has no literal run at its top level, a try's reach
    is not bounded, or the characters a match consists of cannot be listed."""
    parsed = parse_tree(pattern, re.IGNORECASE)
    if parsed is None:
        return None
    literal = _longest_literal(parsed)
    width = max_width(pattern)
    reach = _reach(parsed)
    consumed = _consumed_class(parsed)
    if not literal or width is None or reach is None or consumed is None or parsed.state.flags & re.MULTILINE:
        return None
    needed = _needed_besides_literals(parsed)
    return Anchor(literal, width, reach, re.compile(f"(?s:.*)[^{consumed}]"), re.compile(one_of(needed)) if needed else None)


def _needed_besides_literals(items) -> frozenset[str] | None:
    """The fewest characters one of which an item of the top-level sequence other than a literal
    reads (`linter.regexes.required_chars`, without the anchor's own literal, which every window holds)."""
    best: set[str] | None = None
    for op, av in items:
        if op is _sre.LITERAL:
            continue
        chars = _required_item(op, av)
        if chars and (best is None or len(chars) < len(best)):
            best = chars
    return frozenset(best) if best else None


def _longest_literal(items) -> str:
    """The longest run of literal characters in the top-level sequence: every match holds it."""
    best, run = "", ""
    for op, av in items:
        run = run + chr(av) if op is _sre.LITERAL else ""
        best = max(best, run, key=len)
    return best


def _consumed_class(items) -> str | None:
    """The body of a character class of every character a sequence can consume (lookarounds only
    look); None when a part matches characters it does not list (a negated class, a category, `.`,
    a case-insensitive group)."""
    parts = []
    for op, av in items:
        if op is _sre.LITERAL:
            parts.append(class_range(av, av))
        elif op is _sre.IN:
            for item, value in av:
                if item is _sre.LITERAL:
                    parts.append(class_range(value, value))
                elif item is _sre.RANGE:
                    parts.append(class_range(*value))
                else:
                    return None
        elif op is _sre.ASSERT or op is _sre.ASSERT_NOT:
            continue
        else:
            bodies = _bodies(op, av)
            if bodies is None:
                return None
            for body in bodies:
                inner = _consumed_class(body)
                if inner is None:
                    return None
                parts.append(inner)
    return "".join(dict.fromkeys(parts))


def _bodies(op, av) -> list | None:
    """The sequences a group, alternation or repeat consumes with; None for any other item and for a
    case-insensitive group (it matches other cases than it lists)."""
    if op is _sre.BRANCH:
        return av[1]
    if op is _sre.SUBPATTERN:
        return None if group_ignores_case(av) else [av[-1]]
    if op in REPEATS:
        return [av[2]]
    return None


def _reach(items) -> int | None:
    """The most characters past its start a try of a sequence reads (lookaheads included); None when
    unbounded or not known."""
    reach = width = 0
    for op, av in items:
        item_reach = _item_reach(op, av)
        if item_reach is None:
            return None
        reach = max(reach, width + item_reach)
        width += _sre_parse.SubPattern(items.state, [(op, av)]).getwidth()[1]
    return reach


def _item_reach(op, av) -> int | None:
    if op in _ONE_CHARACTER:
        return 1
    if op is _sre.SUBPATTERN:
        return _reach(av[-1])
    if op is _sre.BRANCH:
        reaches = [_reach(branch) for branch in av[1]]
        return None if None in reaches else max(reaches)
    if op in REPEATS:
        _, high, body = av
        reach = _reach(body)
        if reach is None or high == _sre.MAXREPEAT:
            return None
        return (high - 1) * body.getwidth()[1] + reach if high else 0
    if op is _sre.ASSERT or op is _sre.ASSERT_NOT:
        direction, body = av
        return None if direction < 0 else _reach(body)
    return None
