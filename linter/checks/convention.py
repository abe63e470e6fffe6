"""`convention`: one house style per document and across the set (comma width, quote style, script).

    - id: consistency.punctuation-width
      kind: convention
      styles:                      # style name -> a regular expression for one occurrence
        全角标点: '[，；：？！]'
        半角标点: '(?<=[\\p{Han}”’）》])[,;:?!](?!\\d)'
      preferred: 全角标点           # the reference when the set has no clear majority
      majority: 0.75               # share of documents a style needs to be the set's own
      mixed_min: 3                 # a document "mixes" when its minority style occurs this often
      mixed_share: 0.05            #   and makes up at least this share of the occurrences
      mixed_message: "..."         # the message of a mixing finding

A style may instead be `{charset: simplified}` or `{charset: traditional}`:
characters of one script only (see `linter.lexicon.script_characters`).

Each document is summarised as a count and a first position per style. The
set's convention is the style most documents use when at least `majority` of
them use it; otherwise (a split set, like 3 documents against 2) it is the
`preferred` style, so the verdict never hangs on one document more or less.
A document whose own main style differs gets ONE finding, at the first
occurrence of that style, with the counts; a document that follows the
convention but also uses another style often enough gets one mixing finding.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, Location
from ..parsed import class_characters, parse_tree, sre
from .api import MAPPING, NONEMPTY_STRINGS, REQUIRED, TEXT, Field, compile_regex, count, number, choice

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "convention"
SCOPE = "set"
CHARSETS = ("simplified", "traditional")
FIELDS = (
    Field("styles", MAPPING, REQUIRED, "mapping: style name -> regular expression for one occurrence, or {charset: simplified|traditional}"),
    Field("preferred", TEXT, REQUIRED, "the style taken as the set's convention when no style has a clear majority of documents"),
    Field("majority", number(0.5, 1.0), 0.75, "share of documents a style needs to be the set's convention"),
    Field("mixed_min", count(1), 3, "occurrences of a second style that make a document mixed"),
    Field("mixed_share", number(0.0, 0.5), 0.05, "share of a document's occurrences the second style needs to count as mixing"),
    Field("mixed_message", TEXT, REQUIRED, "message of a mixing finding; placeholders {style} {count} {other} {other_count}"),
    Field("related_max", count(0), 3, "how many other documents a finding names"),
    Field("exempt_script", choice(*CHARSETS), None,
          "documents written mostly in this script are not judged (「」 is the norm in traditional text)"),
    Field("pairs", NONEMPTY_STRINGS, None,
          "opening and closing marks (“” 「」 『』): messages name a style by the pairs a document uses, not by its name alone"),
)


@dataclass(frozen=True)
class ConventionConfig:
    styles: tuple[tuple[str, object], ...]  # (name, compiled regex or charset name)
    preferred: str
    majority: float
    mixed_min: int
    mixed_share: float
    mixed_message: str
    related_max: int
    exempt_script: str | None = None
    pairs: dict[str, str] | None = None  # opening mark -> the pair


@dataclass(frozen=True)
class StyleUse:
    count: int
    first: Location
    marks: str = ""  # with `pairs`: the opening marks met, in order


def compile(options: dict) -> ConventionConfig:
    raw = options["styles"]
    if not isinstance(raw, dict) or len(raw) < 2:
        raise FieldError("styles", "expected a mapping of at least two style names to patterns")
    styles = []
    for name, spec in raw.items():
        if isinstance(spec, dict):
            if set(spec) != {"charset"} or spec["charset"] not in CHARSETS:
                raise FieldError(f"styles.{name}", f"expected a regular expression or {{charset: {'|'.join(CHARSETS)}}}")
            styles.append((str(name), spec["charset"]))
        else:
            styles.append((str(name), compile_regex(f"styles.{name}", spec, fast=True)))
    names = [n for n, _ in styles]
    preferred = options["preferred"]
    if preferred not in names:
        raise FieldError("preferred", f"expected one of the style names: {', '.join(names)}")
    pairs = None
    if options["pairs"] is not None:
        if any(len(pair) != 2 for pair in options["pairs"]):
            raise FieldError("pairs", "expected pairs of two characters, e.g. 「」")
        pairs = {pair[0]: pair for pair in options["pairs"]}
    return ConventionConfig(tuple(styles), preferred, options["majority"], options["mixed_min"], options["mixed_share"],
                            options["mixed_message"], options["related_max"], options["exempt_script"], pairs)


def summarize(document: Document, rule: Rule) -> dict[str, StyleUse]:
    """Per style: how often the document uses it and where first."""
    config: ConventionConfig = rule.config
    text = document.text
    uses: dict = {}
    if config.exempt_script and _mostly_in(document, config.exempt_script):
        return uses
    for name, spec in config.styles:
        marks = ""
        if isinstance(spec, str):
            count, first = _charset_use(document, spec)
        else:
            count, first, marks = _pattern_use(spec, text, config.pairs)
        if count:
            uses[name] = StyleUse(count, Location.of(document, *first), marks)
    return uses


def _pattern_use(pattern, text: str, pairs: dict[str, str] | None = None) -> tuple[int, tuple[int, int] | None, str]:
    """How often the pattern matches, the span of the first match, and (with `pairs`) which opening marks it met.

    A pattern that is one class of a few characters ([“‘]) is counted with `str.count` a character;
    another's matches are counted as they come rather than listed by `findall`: memory stays flat on a
    long text, and a user rule's pattern runs under one time limit.
    """
    chars = _class_of_characters(pattern) if isinstance(pattern, re.Pattern) else None
    if chars is not None:
        return _characters_use(chars, text, pairs)
    matches = pattern.finditer(text)
    first = next(matches, None)
    if first is None:
        return 0, None, ""
    if not pairs:
        return 1 + _count(matches), first.span(), ""
    count, marks = 1, first.group() if first.group() in pairs else ""
    for m in matches:
        count += 1
        if m.group() in pairs and m.group() not in marks:
            marks += m.group()
    return count, first.span(), marks


def _count(items: Iterator) -> int:
    """How many items an iterator yields, consumed in C: a deque that keeps only the last of them, numbered."""
    last = deque(enumerate(items, 1), maxlen=1)
    return last[0][0] if last else 0


@lru_cache(maxsize=64)
def _class_of_characters(pattern) -> str | None:
    """The characters of a stdlib pattern that matches one of a few literal characters and nothing else
    ([“‘], ，); None for any other pattern."""
    parsed = parse_tree(pattern, re.IGNORECASE)
    if parsed is None or len(parsed) != 1:
        return None
    op, av = parsed[0]
    if op is sre.LITERAL:
        return chr(av)
    chars = class_characters(av, 32) if op is sre.IN else None
    return "".join(sorted(chars)) if chars else None


def _characters_use(chars: str, text: str, pairs: dict[str, str] | None) -> tuple[int, tuple[int, int] | None, str]:
    """`_pattern_use` of a class of `chars`: one count and one find a character."""
    found = [(at, ch) for ch in chars if (at := text.find(ch)) >= 0]
    if not found:
        return 0, None, ""
    found.sort()
    count = sum(text.count(ch) for _, ch in found)
    marks = "".join(ch for _, ch in found if ch in pairs) if pairs else ""
    return count, (found[0][0], found[0][0] + 1), marks


def _mostly_in(document: Document, charset: str) -> bool:
    """More characters only of `charset` than only of the other script (a text with none is not: the other
    script is not counted)."""
    own = _charset_use(document, charset)[0]
    other = next(c for c in CHARSETS if c != charset)
    return own > 0 and own > _charset_use(document, other)[0]


def _charset_use(document: Document, charset: str) -> tuple[int, tuple[int, int] | None]:
    """How many characters of the script's own set the text holds, and the span of the first; a text without
    a traditional character of any kind (`script.holds_traditional`, one search shared with `typo.traditional`)
    is not read again for those of the traditional script."""
    from .script import holds_traditional

    if charset == "traditional" and not holds_traditional(document):
        return 0, None
    return document.memo(("charset-use", charset), lambda: _charset_scan(document.text, charset))


def _charset_scan(text: str, charset: str) -> tuple[int, tuple[int, int] | None]:
    from ..lexicon import count_script, script_pattern

    first = script_pattern(charset).search(text)
    if first is None:
        return 0, None
    return count_script(charset, text, first.start()), first.span()


def prepare(config: ConventionConfig) -> None:
    from ..lexicon import script_batch_pattern, script_pattern

    charsets = {spec for _, spec in config.styles if isinstance(spec, str)}
    if config.exempt_script:
        charsets.add(config.exempt_script)
    for charset in charsets:
        script_pattern(charset)
        script_batch_pattern(charset)
    if "traditional" in charsets:
        from .script import traditional_pattern

        traditional_pattern()


def main_style(uses: dict[str, StyleUse], order: list[str], preferred: str) -> str:
    """The style a document uses most; a tie goes to the preferred style, then to the first listed."""
    return max(uses, key=lambda name: (uses[name].count, name == preferred, -order.index(name)))


def check_set(summaries: list[tuple[str, dict[str, StyleUse]]], rule: Rule) -> Iterator[Finding]:
    config: ConventionConfig = rule.config
    order = [name for name, _ in config.styles]
    voters = [(path, uses, main_style(uses, order, config.preferred)) for path, uses in summaries if uses]
    if not voters:
        return
    votes = Counter(style for _, _, style in voters)
    leader, leader_votes = max(votes.items(), key=lambda kv: (kv[1], kv[0] == config.preferred, -order.index(kv[0])))
    if leader_votes / len(voters) >= config.majority:
        reference = leader
        basis = f"本组多数文档（{leader_votes}/{len(voters)} 篇）" if len(voters) > 1 else "本文"
    else:
        reference = config.preferred
        split = "、".join(f"{name} {votes[name]} 篇" for name in order if votes[name])
        basis = f"本组文档不一（{split}），按规范"
    followers = [(path, uses) for path, uses, style in voters if style == reference]
    for path, uses, style in voters:
        if style != reference:
            yield _deviation(rule, path, uses, style, reference, basis, order, followers)
        else:
            mixed = _mixed(config, uses, reference, order)
            if mixed:
                yield _finding(rule, uses[mixed].first, config.mixed_message.format(
                    style=_label(config, reference, uses[reference]), count=uses[reference].count,
                    other=_label(config, mixed, uses[mixed]), other_count=uses[mixed].count))


def _label(config: ConventionConfig, name: str, use: StyleUse | None = None) -> str:
    """The style's name, followed with `pairs` by the pairs the document uses (直角引号『』), or for the
    set's convention the first pair the style stands for."""
    if not config.pairs:
        return name
    if use is None:
        spec = dict(config.styles)[name]
        own = [o for o in config.pairs if not isinstance(spec, str) and spec.fullmatch(o)]  # type: ignore[attr-defined]
        return name + (config.pairs[own[0]] if own else "")
    return name + "".join(config.pairs[o] for o in use.marks)


def _mixed(config: ConventionConfig, uses: dict[str, StyleUse], reference: str, order: list[str]) -> str | None:
    others = [name for name in order if name != reference and name in uses]
    if not others:
        return None
    other = max(others, key=lambda name: uses[name].count)
    total = sum(u.count for u in uses.values())
    count = uses[other].count
    return other if count >= config.mixed_min and count / total >= config.mixed_share else None


def _deviation(rule, path, uses, style, reference, basis, order, followers) -> Finding:
    config: ConventionConfig = rule.config
    counts = "、".join(f"{_label(config, name, uses[name])} {uses[name].count} 处" for name in order if name in uses)
    related = tuple(
        Location(p, u[reference].first.line, u[reference].first.column, u[reference].first.end_line,
                 u[reference].first.end_column, f"{_label(config, reference, u[reference])}（{u[reference].count} 处）")
        for p, u in followers[: config.related_max]
    )
    message = rule.format_message({"style": _label(config, style, uses[style]), "counts": counts,
                                   "reference": _label(config, reference), "basis": basis})
    return _finding(rule, uses[style].first, message, related)


def _finding(rule: Rule, where: Location, message: str, related: tuple[Location, ...] = ()) -> Finding:
    return Finding(rule=rule.id, severity=rule.severity, message=message, location=where,
                   related=related, context=rule.id)
