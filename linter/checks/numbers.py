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
from typing import Any, Callable, Iterator, NamedTuple

import regex

from ..document import Document
from ..errors import FieldError
from ..figures import Issue, arithmetic, enumeration, repeated
from ..figures.passages import Cues, Passage, analyse, figure_quantities
from ..findings import Finding, Location, make_finding
from ..lexicon import one_of
from ..quantities import Lexicon, compile_lexicon
from ..regexes import required_chars_any, stdlib_twin
from ..rules import Rule, compile_regex, integer, string_list

KIND = "numbers"
FIELDS = {
    "check": "parts-total | percent-counts | shares | feasibility | enumeration | same-figure",
    "figures": "what a figure is: units, points (percentage-point words), qualifiers before/after/trailing with bounds, not_after",
    "total_cues": "regular expressions that, earlier in a count's clause, make it a whole (共, 合计)",
    "share_cues": "regular expressions that, earlier in a percentage's clause, make it a share (占, 占比)",
    "change_cues": "regular expressions that make a percentage a change, never a share (同比, 较, 增长)",
    "total_after_cues": "regular expressions that, right after a count, make it a whole (2150家企业中，有…)",
    "rate_cues": "rate words that make a percentage a share of the count whose clause names the act (完成率 after 1458人完成)",
    "part_cues": "parts-total: regular expressions that open the list of parts (其中)",
    "average_cues": "parts-total: regular expressions that, before the whole or a part, make the figures averages or prices, which do not add up (人均, 平均)",
    "rest_gap": "parts-total: a list naming the rest is checked only when its sum is within this fraction of the total (default 0.25)",
    "exclusive_kinds": "parts-total: sets of kinds no thing is two of at once (男/女, 城区/乡镇, 刑事/民事): parts naming different members of one set cannot add up past their whole",
    "overlapping": "parts-total, shares: words of traits that one thing or person may have several of (党员, 女, 青年): parts or shares of people labelled by them may add up past their whole",
    "parallel_cues": "shares: share cues (占, 占比) that relate shares in clauses of their own (认为满意的占71%，认为一般的占24%) to one implied whole",
    "rest_cues": "parts-total: regular expressions opening a last part that names the rest (其他, 其余): the list is exhaustive",
    "spread_cues": "shares: regular expressions before a list of shares of one whole (分别)",
    "window": "percent-counts: how many sentences a share may stand after its whole (default 6)",
    "population_units": "feasibility: measure words of head counts (人, 名)",
    "person_words": "feasibility: regular expressions of which one must describe the share's subject (干警, 党员)",
    "max_population": "feasibility: largest head count worth checking (default 200)",
    "measures": "enumeration: measure words between the numeral and the noun of an unquoted name (个, 项, 大)",
    "separators": "enumeration: characters that separate list items (default 、)",
    "quoted_separators": "enumeration: separators inside a quoted or bracketed list (default 、，)",
    "max_item": "enumeration: longest list item, in characters (default 16)",
    "conjunctions": "enumeration: characters that may join two items in one (和与及)",
    "not_names": "enumeration: quoted words that start with a numeral but count nothing (一体, 十佳)",
    "governing": "enumeration: endings of a last item that make the name its object, not its sum (打造, 制定, 的); in a first item, the verb before the list",
    "list_cues": "enumeration: regular expressions right after a name that open its list (即, ：, 分别是)",
    "partial_cues": "enumeration: like list_cues, but the list may be partial: only more items than named is a finding (包括)",
    "ordinals": "enumeration: regular expressions of ordinal markers (一是, 第一) that make a list after a cue span sentences: say nothing",
    "max_count": "enumeration: largest numeral whose list after a cue is checked (default 10)",
    "not_after": "enumeration: words after which a numeral counts no list (第 ordinal, 数/几 approximate, 中共 in 中共二十大)",
    "character_measures": "enumeration: measure words that count the characters of the list, not its items (十六字)",
    "closed_list": "enumeration: regular expressions that, in the last item of a list before a name, close that list before a new count (等一批)",
    "not_counted": "enumeration: regular expressions right after a numeral that make it count no list (个月: a duration; 连: 三连击; 大队: a unit's name)",
    "unity": "enumeration: endings of a name whose 一 is what the numbered things become, not one more (三位一体, 四算合一)",
    "vague": "enumeration: words that make a name count nothing exactly (双赢多赢)",
    "clause_verbs": "enumeration: regular expressions that make the last item before a name a clause governing it (…来保障“双碳”目标)",
    "noun_stops": "same-figure: characters that end the counted noun (的均都)",
    "min_noun": "same-figure: shortest counted noun compared (default 2)",
    "max_noun": "same-figure: longest counted noun compared (default 6)",
    "partitive": "same-figure: regular expressions right before a count that make it a part, not the thing (其中, 新增)",
    "owner_before": "same-figure: regular expressions right before a count that name whose whole it is (该院): two such counts of one owner must agree",
    "whole_after": "same-figure: regular expressions right after the counted noun that claim all of it (均, 全部): two such counts must agree",
}
REQUIRED = {"check"}
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
    lexicon: Lexicon | None
    cues: Cues
    arithmetic: arithmetic.ArithmeticSettings
    enumeration: enumeration.EnumerationSettings
    nouns: repeated.NounSettings
    holds: re.Pattern | None = None
    percent: bool = False


def cue_pattern(field_name: str, value: Any) -> regex.Pattern | None:
    """A list of regular expressions as one alternation (None when the list is empty)."""
    patterns = string_list(field_name, value)
    for i, p in enumerate(patterns):
        compile_regex(f"{field_name}[{i}]", p)
    return regex.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _anchored(pattern: regex.Pattern | None) -> regex.Pattern | None:
    """A partitive word counts only right before the number (其中3个, 其中有3个)."""
    return regex.compile(f"(?:{pattern.pattern})[有为是达]?$") if pattern else None


def word_sets(field_name: str, value: Any) -> tuple[tuple[str, ...], ...]:
    """A list of lists of two or more words: [[男, 女], [城区, 乡镇]]."""
    if not isinstance(value, list) or not all(
        isinstance(group, list) and len(group) >= 2 and all(isinstance(w, str) and w for w in group) for group in value
    ):
        raise FieldError(field_name, "expected a list of lists of two or more words, such as [[男, 女], [城区, 乡镇]]")
    return tuple(tuple(group) for group in value)


def fraction(field_name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise FieldError(field_name, "expected a number between 0 and 1")
    return float(value)


def _characters(field_name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise FieldError(field_name, "expected a non-empty string of characters")
    return value


def compile(options: dict) -> NumbersConfig:
    check = options["check"]
    if check not in CHECK_FIELDS:
        raise FieldError("check", f"unknown check {check!r}; expected one of {', '.join(CHECK_FIELDS)}")
    for key in options:
        if key != "check" and key not in CHECK_FIELDS[check]:
            raise FieldError(key, f"not used by check {check!r} (its fields: {', '.join(sorted(CHECK_FIELDS[check]))})")
    lexicon = None
    if "figures" in CHECK_FIELDS[check]:
        if "figures" not in options:
            raise FieldError("figures", f"required by check {check!r}")
        lexicon = compile_lexicon("figures", options["figures"])
    cues = Cues(
        total=cue_pattern("total_cues", options.get("total_cues", [])),
        share=cue_pattern("share_cues", options.get("share_cues", [])),
        change=cue_pattern("change_cues", options.get("change_cues", [])),
        total_after=cue_pattern("total_after_cues", options.get("total_after_cues", [])),
        rate=cue_pattern("rate_cues", options.get("rate_cues", [])),
    )
    settings = arithmetic.ArithmeticSettings(
        part_cue=cue_pattern("part_cues", options.get("part_cues", [])),
        rest_cue=cue_pattern("rest_cues", options.get("rest_cues", [])),
        rest_gap=fraction("rest_gap", options.get("rest_gap", 0.25)),
        change_cue=cues.change,
        average_cue=cue_pattern("average_cues", options.get("average_cues", [])),
        spread_cue=cue_pattern("spread_cues", options.get("spread_cues", [])),
        window=integer("window", options.get("window", 6), 0),
        person_words=cue_pattern("person_words", options.get("person_words", [])),
        population_units=tuple(string_list("population_units", options.get("population_units", []))),
        max_population=integer("max_population", options.get("max_population", 200), 1),
        exclusive_kinds=word_sets("exclusive_kinds", options.get("exclusive_kinds", [])),
        overlapping=tuple(string_list("overlapping", options.get("overlapping", []))),
        parallel_cue=cue_pattern("parallel_cues", options.get("parallel_cues", [])),
    )
    defaults = enumeration.EnumerationSettings()
    listing = enumeration.EnumerationSettings(
        measures=tuple(string_list("measures", options.get("measures", list(defaults.measures)), allow_empty=False)),
        separators=_characters("separators", options.get("separators", defaults.separators)),
        quoted_separators=_characters("quoted_separators", options.get("quoted_separators", defaults.quoted_separators)),
        max_item=integer("max_item", options.get("max_item", defaults.max_item), 2),
        conjunctions=_characters("conjunctions", options.get("conjunctions", defaults.conjunctions)),
        not_names=tuple(string_list("not_names", options.get("not_names", []))),
        governing=tuple(string_list("governing", options.get("governing", list(defaults.governing)))),
        list_cues=cue_pattern("list_cues", options.get("list_cues", [])),
        partial_cues=cue_pattern("partial_cues", options.get("partial_cues", [])),
        ordinals=cue_pattern("ordinals", options.get("ordinals", [])),
        max_count=integer("max_count", options.get("max_count", defaults.max_count), 2),
        not_after=tuple(string_list("not_after", options.get("not_after", list(defaults.not_after)))),
        character_measures=tuple(string_list("character_measures", options.get("character_measures", list(defaults.character_measures)))),
        closed_list=cue_pattern("closed_list", options.get("closed_list", [])),
        clause_verbs=cue_pattern("clause_verbs", options.get("clause_verbs", [])),
        not_counted=cue_pattern("not_counted", options.get("not_counted", [])),
        unity=tuple(string_list("unity", options.get("unity", []))),
        vague=tuple(string_list("vague", options.get("vague", []))),
    )
    noun_defaults = repeated.NounSettings()
    nouns = repeated.NounSettings(
        stops=_characters("noun_stops", options.get("noun_stops", noun_defaults.stops)),
        min_noun=integer("min_noun", options.get("min_noun", noun_defaults.min_noun), 1),
        max_noun=integer("max_noun", options.get("max_noun", noun_defaults.max_noun), 1),
        partitive=_anchored(cue_pattern("partitive", options.get("partitive", []))),
        owner_before=cue_pattern("owner_before", options.get("owner_before", [])),
        whole_after=cue_pattern("whole_after", options.get("whole_after", [])),
    )
    on_passages = PASSAGE_CHECKS.get(check)
    if on_passages is None:
        return NumbersConfig(check, lexicon, cues, settings, listing, nouns)
    holds = passage_finder(on_passages.needed_cues(cues, settings))
    return NumbersConfig(check, lexicon, cues, settings, listing, nouns, holds, percent=on_passages.percent_only)


_NOTHING = re.compile("(?!)")


def passage_finder(cues: list[Any]) -> re.Pattern | None:
    """A search for the characters of which a passage must hold one for a check to find anything
    there: a passage without a match of the check's cues gives it no part list (parts-total) or
    share (the others). Every match of a cue holds one of its required characters; None when a
    cue has no small set of them (then every passage is analysed)."""
    chars = required_chars_any([stdlib_twin(cue) for cue in cues if cue is not None])
    if chars is None:
        return None
    return re.compile(one_of(chars)) if chars else _NOTHING


def passages(document: Document, config: NumbersConfig) -> list[Passage]:
    """The analysed passages the check can find something in (each analysed once per document for every
    rule with the same figures and cues)."""
    return analyse(document, config.lexicon, config.cues, config.holds, config.percent)


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
