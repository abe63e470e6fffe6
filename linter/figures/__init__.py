"""Fact-checking the figures of a text: the analyses behind the `numbers` and `entity-figures` kinds.

`passages` cuts a document into passages (the scope in which figures can
refer to one whole) and gives each figure its role; `arithmetic` checks
totals, percentages and shares; `enumeration` checks "N items" against the
list they name; `repeated` checks one counted thing stated with two values.
Each returns `Issue`s, which the check kinds turn into findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """A disagreement between figures: where (document offsets), what to show, and the other places."""

    start: int
    end: int
    values: dict = field(default_factory=dict)
    related: tuple[tuple[int, int, str], ...] = ()
