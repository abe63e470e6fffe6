"""One counted thing, two values: 7个办案组 … 6个办案组.

A counted thing is a count followed by its noun (个 + 办案组). The noun is
the Han run after the measure word up to the first stop character (均, 的,
获 … from the rule) or punctuation; a run longer than `max_noun` has no clear
end and is not compared. A mention is left out when a
partitive word stands before it (其中, 新增, 另有, 每 …: a part, not the
thing itself) or when it is 一 + measure word, which Chinese uses as an
article (一名干警). Two mentions disagree when their bounds do not overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator, NamedTuple

import regex

from ..quantities import COUNT, Quantity
from ..regexes import compile_fast
from . import Issue, needed_characters


@dataclass(frozen=True)
class NounSettings:
    stops: str = "的均都也已在和与及是为被获参进开全分共等将把向从对由"
    min_noun: int = 2
    max_noun: int = 6
    partitive: regex.Pattern | None = None
    lookback: int = 4
    owner_before: regex.Pattern | None = None
    whole_after: regex.Pattern | None = None

    @cached_property
    def claim_near(self) -> tuple[tuple[re.Pattern, int], tuple[re.Pattern, int, int]] | None:
        """Where a mention's claim to the whole can stand, for a search before reading its noun: a
        character every `owner_before` match holds within `lookback` characters before the count,
        and one every `whole_after` match holds from `min_noun` characters after it to the widest
        match after the longest noun; None when a pattern has no small set of such characters or no
        bounded width."""
        owner = needed_characters([self.owner_before] if self.owner_before is not None else [])
        whole = needed_characters([self.whole_after] if self.whole_after is not None else [])
        if owner is None or whole is None:
            return None
        return (owner[0], self.lookback), (whole[0], self.min_noun, self.max_noun + whole[1])

    @cached_property
    def noun_run(self) -> Any:
        """A run of Han characters that are not stops (one search instead of a test per character)."""
        return compile_fast(rf"(?:(?![{regex.escape(self.stops)}])\p{{Han}})*")


class Mention(NamedTuple):
    """A counted thing and the count stating it (document offsets); `whole`: how the mention
    claims the whole of the thing (its owner, 该院; ALL for 均/全部 after it; '' when it does not)."""

    noun: str
    q: Quantity
    start: int
    end: int
    whole: str = ""


ALL = "*"


def counted_noun(text: str, end: int, settings: NounSettings) -> str:
    """The noun right after a count's measure word, ended by a stop character or punctuation
    within `max_noun` characters; '' when it has no clear end (then it is not compared)."""
    length = settings.noun_run.match(text, end, end + settings.max_noun + 1).end() - end
    if length > settings.max_noun or length < settings.min_noun:
        return ""
    return text[end : end + length]


def may_claim(text: str, q: Quantity, settings: NounSettings) -> bool:
    """False when no owner can stand right before `q` and no word of totality after its noun (see `claim_near`)."""
    near = settings.claim_near
    if near is None:
        return True
    (owner, lookback), (whole, first, last) = near
    return (owner.search(text, max(0, q.start - lookback), q.start) is not None
            or whole.search(text, q.end + first, q.end + last) is not None)


def mentions(base: int, text: str, quantities: list[Quantity], settings: NounSettings) -> Iterator[Mention]:
    """The counted things of one passage (`base`: its document offset; quantities: passage offsets)."""
    for q in quantities:
        noun = mentioned_noun(text, q, settings)
        if noun:
            yield Mention(noun, q, base + q.start, base + q.end, whole_claim(text, q, noun, settings))


def claiming_mentions(base: int, text: str, quantities: list[Quantity], settings: NounSettings) -> Iterator[Mention]:
    """The mentions of `mentions` that claim the whole of their thing; the others are not read."""
    return mentions(base, text, [q for q in quantities if may_claim(text, q, settings)], settings)


def whole_claim(text: str, q: Quantity, noun: str, settings: NounSettings) -> str:
    """How a mention names the whole of its thing: the owner before the count (该院五个党支部 -> 该院),
    ALL for a word of totality after the noun (7个办案组均…, 6个办案组全部…), '' for neither
    (38个项目 signed, 4个项目 started: counts of different sets)."""
    if settings.owner_before is not None:
        owner = settings.owner_before.search(text, max(0, q.start - settings.lookback), q.start)
        if owner is not None and owner.end() == q.start:
            return owner.group()
    if settings.whole_after is not None and settings.whole_after.match(text, q.end + len(noun)):
        return ALL
    return ""


def mentioned_noun(text: str, q: Quantity, settings: NounSettings) -> str:
    """The counted thing `q` (offsets into `text`) states the number of; '' when it is no such mention."""
    if q.kind != COUNT or (q.chinese and q.value == 1):
        return ""
    noun = counted_noun(text, q.end, settings)
    if not noun:
        return ""
    before = text[max(0, q.start - settings.lookback) : q.start]
    if settings.partitive is not None and settings.partitive.search(before):
        return ""
    return noun


def same_figure(passages: list[tuple[int, str, list[Quantity]]], settings: NounSettings, comparisons: list[int] | None = None) -> Iterator[Issue]:
    """Report each mention whose value disagrees with an earlier mention of the same counted thing,
    where both claim its whole (the same owner, or a word of totality): two counts of one noun
    are otherwise counts of different sets (signed and started projects; a headline's total and one
    incident's count).

    `passages`: (start, text, quantities) of the passages that hold figures (roles play no part here).
    Each (unit, noun) keeps its distinct (bounds, owner) in order of first mention, so a mention is
    compared with each distinct earlier value once, however often a document repeats them
    (`comparisons`, when given, counts the comparisons)."""
    seen: dict[tuple[str, str], dict[tuple[float, float, str], Mention]] = {}
    for base, text, quantities in passages:
        for mention in claiming_mentions(base, text, quantities, settings):
            if not mention.whole:
                continue
            key = (mention.q.unit, mention.noun)
            earlier = seen.setdefault(key, {})
            conflict = None
            for (low, high, whole), e in earlier.items():
                if comparisons is not None:
                    comparisons[0] += 1
                if (low > mention.q.high or mention.q.low > high) and (ALL in (whole, mention.whole) or whole == mention.whole):
                    conflict = e
                    break
            if conflict is not None:
                q = mention.q
                yield Issue(
                    mention.start, mention.end,
                    {"noun": mention.noun, "value": q.text, "other": conflict.q.text,
                     "arithmetic": f"{conflict.q.text}{mention.noun} ≠ {q.text}{mention.noun}"},
                    ((conflict.start, conflict.end, conflict.q.text),),
                )
            earlier.setdefault((mention.q.low, mention.q.high, mention.whole), mention)
