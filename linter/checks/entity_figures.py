"""`entity-figures` (set level): one named body, one counted thing, two values across documents.

    - id: consistency.entity-figures
      kind: entity-figures
      figures: *figures                  # as for `numbers`
      entities: ['(?P<name>\\p{Han}{2,5}?[市县区])(?:人民)?检察院']
      entity_key: '\\g<name>检察院'       # how one body is written the same way everywhere

A figure belongs to the last body named before it, at most `reach`
characters back (so 我院 and 该院 resolve to it), and counts a noun as in `numbers.same-figure`
(7个办案组). Each document contributes only (body, noun, bounds, position)
tuples; the set step reports every mention whose value no mention of the
same body and noun in another document can agree with, naming those places.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple, Sequence

from ..document import Document
from ..errors import FieldError
from ..figures import repeated
from ..figures.anchored import finditer_near_literal
from ..figures.passages import quantities_near
from ..findings import Finding, Location
from ..quantities import FigureLexicon, compile_figure_lexicon
from ..regexes import template_expander
from .api import ANY, NONEMPTY_STRINGS, REQUIRED, SOME_CHARACTERS, STRINGS, TEXT, Field, compile_regexes, count
from .numbers import _anchored, cue_pattern

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "entity-figures"
SCOPE = "set"
_NOUNS = repeated.NounSettings()
FIELDS = (
    Field("figures", ANY, REQUIRED, "what a figure is (as for kind `numbers`)"),
    Field("entities", NONEMPTY_STRINGS, REQUIRED, "regular expressions that find a named body; the match must have a group `name`"),
    Field("entity_key", TEXT, REQUIRED, "template (\\g<name>) that writes a body the same way everywhere (互助县人民检察院 -> 互助县检察院)"),
    Field("reach", count(1), 400, "how many characters after a body's name its figures may stand"),
    Field("noun_stops", SOME_CHARACTERS, _NOUNS.stops, "characters that end the counted noun (的均都)"),
    Field("min_noun", count(1), _NOUNS.min_noun, "shortest counted noun compared"),
    Field("max_noun", count(1), _NOUNS.max_noun, "longest counted noun compared"),
    Field("partitive", STRINGS, [], "regular expressions right before a count that make it a part, not the thing (其中, 新增)"),
)


@dataclass(frozen=True)
class EntityFiguresConfig:
    lexicon: FigureLexicon
    entities: tuple[Any, ...]  # stdlib `re` patterns where they mean the same (see `linter.figures.anchored`)
    entity_key: str
    nouns: repeated.NounSettings
    reach: int = 400


class Entry(NamedTuple):
    """One mention, small enough to keep for every document of a large set (a named tuple: made for
    every counted thing near a body's name, and pickled with the document's summary)."""

    entity: str
    noun: str
    unit: str
    low: float
    high: float
    text: str
    line: int
    column: int
    end_line: int
    end_column: int


def compile(options: dict) -> EntityFiguresConfig:
    entities = compile_regexes("entities", options["entities"], fast=True)
    for i, p in enumerate(entities):
        if "name" not in p.groupindex:
            raise FieldError(f"entities[{i}]", "expected a group named `name`")
    key = options["entity_key"]
    if "\\g<name>" not in key:
        raise FieldError("entity_key", "expected a template containing \\g<name>")
    nouns = repeated.NounSettings(
        stops=options["noun_stops"],
        min_noun=options["min_noun"],
        max_noun=options["max_noun"],
        partitive=_anchored(cue_pattern("partitive", options["partitive"])),
    )
    return EntityFiguresConfig(compile_figure_lexicon("figures", options["figures"]), entities, key, nouns, options["reach"])


def summarize(document: Document, rule: Rule) -> tuple[Entry, ...]:
    """The counted things of one document with the body they belong to (no text kept).

    A body's key is written only for the names that own a counted thing (most names own none)."""
    config: EntityFiguresConfig = rule.config
    names = sorted((m for p in config.entities for m in finditer_near_literal(p, document.text)), key=_end)
    if not names:
        return ()
    ends = [m.end() for m in names]
    keys: list[str | None] = [None] * len(names)
    if len(set(ends)) < len(ends):  # names ending together are ordered by their keys
        keyed = sorted((m.end(), body_key(m, config.entity_key), i, m) for i, m in enumerate(names))
        names, keys = [m for *_, m in keyed], [key for _, key, _, _ in keyed]
    position = document.position
    entries = []
    for base, text, quantities in quantities_near(document, config.lexicon, ends, config.reach):
        for q in quantities:
            start = base + q.start
            i = bisect.bisect_right(ends, start) - 1
            if i < 0 or start - ends[i] > config.reach:
                continue
            noun = repeated.mentioned_noun(text, q, config.nouns)
            if not noun:
                continue
            owner = keys[i]
            if owner is None:
                owner = keys[i] = body_key(names[i], config.entity_key)
            line, column = position(start)
            end_line, end_column = position(base + q.end)
            entries.append(Entry(owner, noun, q.unit, q.low, q.high, q.text, line, column, end_line, end_column))
    return tuple(entries)


def _end(m: Any) -> int:
    return m.end()


def body_key(m: Any, template: str) -> str:
    """`m.expand(template)`, the template read once (`regexes.template_expander`): stdlib `re` reads it anew
    for every expansion, and a body is named again and again."""
    return template_expander(m.re, template)(m)


def check_set(summaries: Sequence[tuple[str, tuple[Entry, ...]]], rule: Rule) -> Iterator[Finding]:
    """Two reads of the summaries: the first finds the groups where some mention can disagree, the
    second keeps only their mentions, so memory grows with the disputed figures, not with the set."""
    for (entity, _, noun), mentions in _disputed_groups(summaries).items():
        agreeing = agreement_range([entry for _, entry in mentions])
        for path, entry in mentions:
            if agrees_with_all(entry, agreeing):
                continue
            others = disagreeing(mentions, path, entry)
            if not others:
                continue
            places = "；".join(f"{p}:{o.line}:{o.column} 为 {o.text}" for p, o in others)
            values = {"entity": entity, "noun": noun, "value": entry.text, "others": places,
                      "arithmetic": f"{entity}的{noun}：此处为 {entry.text}，{places}"}
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                message=rule.format_message({"match": entry.text, **values}),
                location=Location(path, entry.line, entry.column, entry.end_line, entry.end_column),
                text=entry.text,
                related=tuple(Location(p, o.line, o.column, o.end_line, o.end_column, o.text) for p, o in others),
            )


def _disputed_groups(summaries: Sequence[tuple[str, tuple[Entry, ...]]]) -> dict[tuple[str, str, str], list[tuple[str, Entry]]]:
    """The mentions of each (entity, unit, noun) group named in two documents or more whose figures
    cannot all overlap (its highest low above its lowest high), groups in order of first mention."""
    spread: dict[tuple[str, str, str], list] = {}
    for path, entries in summaries:
        for entry in entries:
            key = (entry.entity, entry.unit, entry.noun)
            seen = spread.get(key)
            if seen is None:
                spread[key] = [path, False, entry.high, entry.low]
            else:
                seen[1] = seen[1] or path != seen[0]
                seen[2] = min(seen[2], entry.high)
                seen[3] = max(seen[3], entry.low)
    disputed: dict = {key: [] for key, (_, several, lowest_high, highest_low) in spread.items() if several and not highest_low <= lowest_high}
    if disputed:
        for path, entries in summaries:
            for entry in entries:
                mentions = disputed.get((entry.entity, entry.unit, entry.noun))
                if mentions is not None:
                    mentions.append((path, entry))
    return disputed


def disagreeing(mentions: list[tuple[str, Entry]], path: str, entry: Entry) -> list[tuple[str, Entry]]:
    """The mentions in other documents whose bounds cannot overlap `entry`'s."""
    return [(p, o) for p, o in mentions if p != path and (o.high < entry.low or o.low > entry.high)]


def agreement_range(entries: list[Entry]) -> tuple[float, float]:
    """(lowest high, highest low) of a group: an entry reaching from at most the first to at least
    the second overlaps every entry of the group."""
    return min(e.high for e in entries), max(e.low for e in entries)


def agrees_with_all(entry: Entry, agreeing: tuple[float, float]) -> bool:
    """True when no mention of the group can disagree with `entry`, so the scan of the group
    can be skipped: it keeps the set step linear when a body's figures agree across thousands of documents."""
    lowest_high, highest_low = agreeing
    return lowest_high >= entry.low and highest_low <= entry.high
