"""Fact-checking the figures of a text: the analyses behind the `numbers` and `entity-figures` kinds.

`passages` cuts a document into passages (the scope in which figures can
refer to one whole) and gives each figure its role; `arithmetic` checks
totals, percentages and shares; `enumeration` checks "N items" against the
list they name; `repeated` checks one counted thing stated with two values.
Each returns `Issue`s, which the check kinds turn into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import one_of
from ..regexes import max_width, required_chars_any, stdlib_twin

NOTHING = re.compile("(?!)")


@dataclass(frozen=True)
class Issue:
    """A disagreement between figures: where (document offsets), what to show, and the other places."""

    start: int
    end: int
    values: dict = field(default_factory=dict)
    related: tuple[tuple[int, int, str], ...] = ()


def stdlib_pattern(pattern: Any) -> re.Pattern | None:
    """`pattern` itself when it is a stdlib `re` pattern, else its stdlib twin (None: it has none)."""
    return pattern if isinstance(pattern, re.Pattern) else stdlib_twin(pattern)


def fast_pattern(pattern: Any) -> Any:
    """The stdlib twin of a `regex`-module cue where it reads the text the same, else the cue itself: the
    cues are tried at every figure and list, and a stdlib call costs a fraction of a `regex` one."""
    return None if pattern is None else stdlib_twin(pattern) or pattern


def needed_characters(patterns: list[Any]) -> tuple[re.Pattern, int] | None:
    """A search for the characters of which every match of one of `patterns` (`regex`-module cues) holds
    one, and the widest match: a gate that looks for them before a cue is tried. None when a pattern
    has no small set of such characters or no bounded width; a search that finds nothing when there
    are no patterns."""
    twins = [stdlib_pattern(p) for p in patterns]
    if not twins:
        return NOTHING, 0
    if None in twins:
        return None
    widths = [max_width(twin) for twin in twins]
    chars = required_chars_any(twins)
    if chars is None or None in widths:
        return None
    return (re.compile(one_of(chars)) if chars else NOTHING), max(widths)
