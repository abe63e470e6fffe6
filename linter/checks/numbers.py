"""`numbers`: fact-checks on the figures of one document.

    - id: numbers.parts-total
      kind: numbers
      check: parts-total        # parts-total | percent-counts | shares | feasibility | enumeration | same-figure
      figures: {units: [件, 人, …], before: {约: [0.9, 1.1]}, after: {余: step}, …}
      total_cues: ['共(?!同)', 合计]   # regular expressions
      part_cues: [其中]

Every check fills {arithmetic} in the message with the computation an
editor can verify (`900 + 3886 = 4786，文中总数为 4808`). The analyses live
in `linter.figures`; this module validates options and makes findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple

import regex

from ..document import Document
from ..errors import FieldError
from ..figures import Issue, arithmetic, enumeration, fast_pattern, repeated, stdlib_pattern
from ..figures.passages import Cues, Passage, analyse, figure_quantities
from ..findings import Finding, Location, make_finding
from ..lexicon import one_of
from ..options import Options
from ..quantities import FigureLexicon, compile_figure_lexicon
from ..regexes import anchor_literals, required_chars_any
from .api import ANY, NONEMPTY_STRINGS, REQUIRED, SOME_CHARACTERS, STRINGS, Field, compile_regex, count, number, choice, string_list

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "numbers"
ANALYSIS_FIELDS = {"figures", "total_cues", "share_cues", "change_cues", "total_after_cues", "rate_cues"}
CHECK_FIELDS = {
    "parts-total": ANALYSIS_FIELDS | {"part_cues", "rest_cues", "rest_gap", "average_cues", "exclusive_kinds", "overlapping",
                                      "population_units"},
    "percent-counts": ANALYSIS_FIELDS | {"window"},
    "shares": ANALYSIS_FIELDS | {"spread_cues", "exclusive_kinds", "overlapping", "rest_cues", "part_cues", "parallel_cues"},
    "feasibility": ANALYSIS_FIELDS | {"population_units", "person_words", "max_population"},
    "enumeration": {"measures", "separators", "quoted_separators", "max_item", "conjunctions", "not_names", "governing",
                    "list_cues", "partial_cues", "ordinals", "max_count", "not_after", "character_measures", "closed_list",
                    "clause_verbs", "not_counted", "unity", "vague"},
    "same-figure": ANALYSIS_FIELDS | {"noun_stops", "min_noun", "max_noun", "partitive", "owner_before", "whole_after"},
}
_LISTING = enumeration.EnumerationSettings()
_NOUNS = repeated.NounSettings()
FIELDS = (
    Field("check", choice(*CHECK_FIELDS), REQUIRED,
          "which check the rule runs; each reads only the fields named after it below"),
    Field("figures", ANY, None,
          "what a figure is: units, points (percentage-point words), qualifiers before/after/trailing with bounds, not_after"),
    Field("total_cues", STRINGS, [], "regular expressions that, earlier in a count's clause, make it a whole (共, 合计)"),
    Field("share_cues", STRINGS, [],
          "regular expressions that, earlier in a percentage's clause, make it a share (占, 占比)"),
    Field("change_cues", STRINGS, [], "regular expressions that make a percentage a change, never a share (同比, 较, 增长)"),
    Field("total_after_cues", STRINGS, [],
          "regular expressions that, right after a count, make it a whole (2150家企业中，有…)"),
    Field("rate_cues", STRINGS, [],
          "rate words that make a percentage a share of the count whose clause names the act (完成率 after 1458人完成)"),
    Field("part_cues", STRINGS, [], "parts-total: regular expressions that open the list of parts (其中)"),
    Field("average_cues", STRINGS, [],
          "parts-total: regular expressions that, before the whole or a part, make the figures averages or prices, which do not add up (人均, 平均)"),
    Field("rest_gap", number(0.0, 1.0), 0.25,
          "parts-total: a list naming the rest is checked only when its sum is within this fraction of the total"),
    Field("exclusive_kinds", ANY, [],
          "parts-total: sets of kinds no thing is two of at once (男/女, 城区/乡镇, 刑事/民事): parts naming different members of one set cannot add up past their whole"),
    Field("overlapping", STRINGS, [],
          "parts-total, shares: words of traits that one thing or person may have several of (党员, 女, 青年): parts or shares of people labelled by them may add up past their whole"),
    Field("parallel_cues", STRINGS, [],
          "shares: share cues (占, 占比) that relate shares in clauses of their own (认为满意的占71%，认为一般的占24%) to one implied whole"),
    Field("rest_cues", STRINGS, [],
          "parts-total: regular expressions opening a last part that names the rest (其他, 其余): the list is exhaustive"),
    Field("spread_cues", STRINGS, [], "shares: regular expressions before a list of shares of one whole (分别)"),
    Field("window", count(0), 6, "percent-counts: how many sentences a share may stand after its whole"),
    Field("population_units", STRINGS, [], "feasibility: measure words of head counts (人, 名)"),
    Field("person_words", STRINGS, [],
          "feasibility: regular expressions of which one must describe the share's subject (干警, 党员)"),
    Field("max_population", count(1), 200, "feasibility: largest head count worth checking"),
    Field("measures", NONEMPTY_STRINGS, list(_LISTING.measures),
          "enumeration: measure words between the numeral and the noun of an unquoted name (个, 项, 大)"),
    Field("separators", SOME_CHARACTERS, _LISTING.separators, "enumeration: characters that separate list items"),
    Field("quoted_separators", SOME_CHARACTERS, _LISTING.quoted_separators,
          "enumeration: separators inside a quoted or bracketed list"),
    Field("max_item", count(2), _LISTING.max_item, "enumeration: longest list item, in characters"),
    Field("conjunctions", SOME_CHARACTERS, _LISTING.conjunctions,
          "enumeration: characters that may join two items in one (和与及)"),
    Field("not_names", STRINGS, [], "enumeration: quoted words that start with a numeral but count nothing (一体, 十佳)"),
    Field("governing", STRINGS, list(_LISTING.governing),
          "enumeration: endings of a last item that make the name its object, not its sum (打造, 制定, 的); in a first item, the verb before the list"),
    Field("list_cues", STRINGS, [],
          "enumeration: regular expressions right after a name that open its list (即, ：, 分别是)"),
    Field("partial_cues", STRINGS, [],
          "enumeration: like list_cues, but the list may be partial: only more items than named is a finding (包括)"),
    Field("ordinals", STRINGS, [],
          "enumeration: regular expressions of ordinal markers (一是, 第一) that make a list after a cue span sentences: say nothing"),
    Field("max_count", count(2), _LISTING.max_count, "enumeration: largest numeral whose list after a cue is checked"),
    Field("not_after", STRINGS, list(_LISTING.not_after),
          "enumeration: words after which a numeral counts no list (第 ordinal, 数/几 approximate, 中共 in 中共二十大)"),
    Field("character_measures", STRINGS, list(_LISTING.character_measures),
          "enumeration: measure words that count the characters of the list, not its items (十六字)"),
    Field("closed_list", STRINGS, [],
          "enumeration: regular expressions that, in the last item of a list before a name, close that list before a new count (等一批)"),
    Field("not_counted", STRINGS, [],
          "enumeration: regular expressions right after a numeral that make it count no list (个月: a duration; 连: 三连击; 大队: a unit's name)"),
    Field("unity", STRINGS, [],
          "enumeration: endings of a name whose 一 is what the numbered things become, not one more (三位一体, 四算合一)"),
    Field("vague", STRINGS, [], "enumeration: words that make a name count nothing exactly (双赢多赢)"),
    Field("clause_verbs", STRINGS, [],
          "enumeration: regular expressions that make the last item before a name a clause governing it (…来保障“双碳”目标)"),
    Field("noun_stops", SOME_CHARACTERS, _NOUNS.stops, "same-figure: characters that end the counted noun (的均都)"),
    Field("min_noun", count(1), _NOUNS.min_noun, "same-figure: shortest counted noun compared"),
    Field("max_noun", count(1), _NOUNS.max_noun, "same-figure: longest counted noun compared"),
    Field("partitive", STRINGS, [],
          "same-figure: regular expressions right before a count that make it a part, not the thing (其中, 新增)"),
    Field("owner_before", STRINGS, [],
          "same-figure: regular expressions right before a count that name whose whole it is (该院): two such counts of one owner must agree"),
    Field("whole_after", STRINGS, [],
          "same-figure: regular expressions right after the counted noun that claim all of it (均, 全部): two such counts must agree"),
)


class PassageCheck(NamedTuple):
    """A check run on analysed passages, with what a passage needs for it to find anything there:
    a match of one of the cues it reads (passages holding none are skipped), and, for the checks
    that read percentages only, a percentage."""

    run: Callable[[Passage, arithmetic.ArithmeticSettings], Iterator[Issue]]
    needed_cues: Callable[[Cues, arithmetic.ArithmeticSettings], list[Any]]
    percent_only: bool


PASSAGE_CHECKS = {
    "parts-total": PassageCheck(arithmetic.parts_total, lambda cues, settings: [settings.part_cue], False),
    "percent-counts": PassageCheck(arithmetic.percent_counts, lambda cues, settings: [cues.share, cues.rate], True),
    "shares": PassageCheck(arithmetic.shares, lambda cues, settings: [cues.share, cues.rate, settings.spread_cue], True),
    "feasibility": PassageCheck(arithmetic.feasibility, lambda cues, settings: [cues.share, cues.rate], True),
}


@dataclass(frozen=True)
class NumbersConfig:
    check: str
    lexicon: FigureLexicon | None
    cues: Cues
    arithmetic: arithmetic.ArithmeticSettings
    enumeration: enumeration.EnumerationSettings
    nouns: repeated.NounSettings
    needs_finder: re.Pattern | None = None
    percent: bool = False


def cue_pattern(field_name: str, value: Any) -> Any:
    """A list of regular expressions as one alternation (None when the list is empty), compiled with stdlib
    `re` where it reads the same (`fast_pattern`)."""
    patterns = string_list(field_name, value)
    for i, p in enumerate(patterns):
        compile_regex(f"{field_name}[{i}]", p)
    return fast_pattern(regex.compile("|".join(f"(?:{p})" for p in patterns))) if patterns else None


def _anchored(pattern: Any) -> Any:
    """A partitive word counts only right before the number (其中3个, 其中有3个)."""
    return fast_pattern(regex.compile(f"(?:{pattern.pattern})[有为是达]?$")) if pattern else None


def word_sets(field_name: str, value: Any) -> tuple[tuple[str, ...], ...]:
    """A list of lists of two or more words: [[男, 女], [城区, 乡镇]]."""
    if not isinstance(value, list) or not all(
        isinstance(group, list) and len(group) >= 2 and all(isinstance(w, str) and w for w in group) for group in value
    ):
        raise FieldError(field_name, "expected a list of lists of two or more words, such as [[男, 女], [城区, 乡镇]]")
    return tuple(tuple(group) for group in value)


def compile(options: Options) -> NumbersConfig:
    check = options["check"]
    for key in options.given:
        if key != "check" and key not in CHECK_FIELDS[check]:
            raise FieldError(key, f"not used by check {check!r} (its fields: {', '.join(sorted(CHECK_FIELDS[check]))})")
    lexicon = None
    if "figures" in CHECK_FIELDS[check]:
        if options["figures"] is None:
            raise FieldError("figures", f"required by check {check!r}")
        lexicon = compile_figure_lexicon("figures", options["figures"])
    cues = Cues(
        total=cue_pattern("total_cues", options["total_cues"]),
        share=cue_pattern("share_cues", options["share_cues"]),
        change=cue_pattern("change_cues", options["change_cues"]),
        total_after=cue_pattern("total_after_cues", options["total_after_cues"]),
        rate=cue_pattern("rate_cues", options["rate_cues"]),
    )
    settings = arithmetic.ArithmeticSettings(
        part_cue=cue_pattern("part_cues", options["part_cues"]),
        rest_cue=cue_pattern("rest_cues", options["rest_cues"]),
        rest_gap=options["rest_gap"],
        change_cue=cues.change,
        average_cue=cue_pattern("average_cues", options["average_cues"]),
        spread_cue=cue_pattern("spread_cues", options["spread_cues"]),
        window=options["window"],
        person_words=cue_pattern("person_words", options["person_words"]),
        population_units=tuple(options["population_units"]),
        max_population=options["max_population"],
        exclusive_kinds=word_sets("exclusive_kinds", options["exclusive_kinds"]),
        overlapping=tuple(options["overlapping"]),
        parallel_cue=cue_pattern("parallel_cues", options["parallel_cues"]),
    )
    listing = enumeration.EnumerationSettings(
        measures=tuple(options["measures"]),
        separators=options["separators"],
        quoted_separators=options["quoted_separators"],
        max_item=options["max_item"],
        conjunctions=options["conjunctions"],
        not_names=tuple(options["not_names"]),
        governing=tuple(options["governing"]),
        list_cues=cue_pattern("list_cues", options["list_cues"]),
        partial_cues=cue_pattern("partial_cues", options["partial_cues"]),
        ordinals=cue_pattern("ordinals", options["ordinals"]),
        max_count=options["max_count"],
        not_after=tuple(options["not_after"]),
        character_measures=tuple(options["character_measures"]),
        closed_list=cue_pattern("closed_list", options["closed_list"]),
        clause_verbs=cue_pattern("clause_verbs", options["clause_verbs"]),
        not_counted=cue_pattern("not_counted", options["not_counted"]),
        unity=tuple(options["unity"]),
        vague=tuple(options["vague"]),
    )
    nouns = repeated.NounSettings(
        stops=options["noun_stops"],
        min_noun=options["min_noun"],
        max_noun=options["max_noun"],
        partitive=_anchored(cue_pattern("partitive", options["partitive"])),
        owner_before=cue_pattern("owner_before", options["owner_before"]),
        whole_after=cue_pattern("whole_after", options["whole_after"]),
    )
    on_passages = PASSAGE_CHECKS.get(check)
    if on_passages is None:
        return NumbersConfig(check, lexicon, cues, settings, listing, nouns)
    needs_finder = passage_finder(on_passages.needed_cues(cues, settings))
    return NumbersConfig(check, lexicon, cues, settings, listing, nouns, needs_finder, percent=on_passages.percent_only)


_NOTHING = re.compile("(?!)")
# Flags under which a cue's anchor literals are read as written (case and the like would change them).
_ALLOWED_FLAGS = regex.UNICODE | regex.VERSION0 | regex.DEFAULT_VERSION


def passage_finder(cues: list[Any]) -> re.Pattern | None:
    """A search for what a passage must hold for a check to find anything there: a passage without a
    match of the check's cues gives it no part list (parts-total) or share (the others). Every match of
    a cue holds one of its anchor literals (其中, 占比, 完成率: `anchor_literals`), and one of its required
    characters; the search is for the literals when every cue has them (far fewer passages hold 其中 or
    包括 than 其 or 包), else for the characters. None when a cue has neither (then every passage is analysed)."""
    present = [cue for cue in cues if cue is not None]
    literals = [anchor_literals(cue.pattern) if cue.flags & _ALLOWED_FLAGS == cue.flags else None for cue in present]
    if present and None not in literals:
        words = sorted({word for found in literals for word, _ in found}, key=lambda word: (-len(word), word))
        return re.compile("|".join(map(re.escape, words)))
    chars = required_chars_any([stdlib_pattern(cue) for cue in present])
    if chars is None:
        return None
    return re.compile(one_of(chars)) if chars else _NOTHING


def passages(document: Document, config: NumbersConfig) -> list[Passage]:
    """The analysed passages the check can find something in (each analysed once per document for every
    rule with the same figures and cues)."""
    return analyse(document, config.lexicon, config.cues, config.needs_finder, config.percent)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: NumbersConfig = rule.config
    if config.check == "enumeration":
        issues = enumeration.enumeration_counts(document, config.enumeration)
    elif config.check == "same-figure":
        text = document.text
        issues = repeated.same_figure(
            [(start, text[start:end], quantities) for start, end, quantities in figure_quantities(document, config.lexicon)], config.nouns
        )
    else:
        run = PASSAGE_CHECKS[config.check].run
        issues = (issue for p in passages(document, config) for issue in run(p, config.arithmetic))
    for issue in issues:
        related = [Location.of(document, s, e, text) for s, e, text in issue.related]
        yield make_finding(document, rule, issue.start, issue.end, related=related, **issue.values)
