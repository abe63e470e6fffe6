"""Reading figures in Chinese text: 4808件, 3万余元, 四千八百零八, 44%, 百分之四十四, 1.5个百分点.

A `Quantity` keeps the value as written and the bounds (low, high) the text
allows: 40余人 is 40–50, 近百人 90–100, 不足50人 0–50. Checks reason with the
bounds, so an approximate figure is never held to exact arithmetic.

What counts as a unit and which words make a figure approximate is data: a
`FigureLexicon` built from the rule's YAML (`figures:`), never hard-coded here.
Chinese numerals below 10000 written the standard way (and runs of digits such
as 一三) are read here; other forms go through cn2an, imported only when one
needs converting (it takes longer to import than most runs spend on figures).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any, Iterator, NamedTuple

from .errors import FieldError
from .parsed import class_characters, group_ignores_case, sre as _sre, sre_parse as _sre_parse

ARABIC_DIGITS = "0-9０-９"
ARABIC = rf"[{ARABIC_DIGITS}]+(?:,[0-9]{{3}}(?![0-9]))*(?:[.．][{ARABIC_DIGITS}]+)?"
HAN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
# Twice the longest numeral written the standard way below 10^16 (九千九百九十九万…, 31 characters).
LONGEST_NUMERAL = 64
HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
_SMALL_DIGITS = {c: v for c, v in HAN_DIGITS.items() if v < 10}
_SMALL_PLACES = {"十": 10, "百": 100, "千": 1000}
_PLAIN_DIGITS = str.maketrans("两〇", "二零")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
PERCENT_SIGNS = ("%", "％")
_NUMERAL_CHARACTERS = HAN_NUMERAL + "点"

COUNT, PERCENT, POINTS = "count", "percent", "points"
QUALIFIER_TABLES = ("before", "after", "trailing")
FIGURE_GROUPS = ("pct_han", "arabic", "mag", "han", "before", "after", "unit", "trailing")


class Quantity(NamedTuple):
    """One figure found in a text; offsets are into the text that was scanned (a named tuple:
    immutable, and built several times faster than a frozen dataclass, for every figure of a document)."""

    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    unit: str
    kind: str
    decimals: int = 0
    approximate: bool = False
    chinese: bool = False
    family: str = ""
    rounding: float = 0.0

    @property
    def measure(self) -> str:
        """The unit figures are compared by: 名 and 人 count the same people (`same_units`)."""
        return self.family or self.unit

    @property
    def ulp(self) -> float:
        """The last written digit's weight: 44% -> 1, 1.5% -> 0.1."""
        return 10.0 ** -self.decimals

    @property
    def exact(self) -> bool:
        return not self.approximate

    def shown(self) -> str:
        """The figure as an editor reads it in a message: 4808, 40余, 不足50."""
        if self.chinese:
            written = format_number(self.value)
            return written if self.exact else f"{format_number(self.low)}～{format_number(self.high)}"
        return self.text[: len(self.text) - len(self.unit)] if self.text.endswith(self.unit) else self.text


@dataclass(frozen=True)
class Bound:
    """How a qualifier widens a figure: value*low .. value*high, or one step of its last digit."""

    low: float | None
    high: float | None
    step: bool = False

    def apply(self, value: float, step: float) -> tuple[float, float]:
        if self.step:
            return value, value + step
        low = 0.0 if self.low is None else value * self.low
        high = math.inf if self.high is None else value * self.high
        return low, high


@dataclass(frozen=True)
class FigureLexicon:
    """Units and qualifiers a quantity parser recognises (from the rules' `figures:` field)."""

    units: tuple[str, ...]
    before: tuple[tuple[str, Bound], ...]
    after: tuple[tuple[str, Bound], ...]
    trailing: tuple[tuple[str, Bound], ...]
    points: tuple[str, ...]
    not_after: tuple[str, ...]
    families: tuple[tuple[str, ...], ...] = ()
    vague: tuple[str, ...] = ()
    durations: tuple[str, ...] = ()

    def __hash__(self) -> int:
        """Hashed once: a lexicon keys the per-document analyses every figure rule looks up."""
        try:
            return self.__dict__["_hash"]
        except KeyError:
            value = self.__dict__["_hash"] = hash(tuple(getattr(self, f.name) for f in fields(self)))
            return value

    def __getstate__(self) -> dict:
        """Only the fields: the hash and the compiled pattern are this process's own."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def family(self, unit: str) -> str:
        """The first unit of the `same_units` group holding `unit` (the unit itself otherwise)."""
        return self._family_of.get(unit, unit)

    @cached_property
    def _family_of(self) -> dict[str, str]:
        return {unit: group[0] for group in reversed(self.families) for unit in group}

    @cached_property
    def pattern(self) -> re.Pattern:
        return _pattern(self)

    @cached_property
    def scan(self) -> re.Pattern:
        """The scan for figures: group 1 is a figure (see `figure_scan`)."""
        return figure_scan(pattern_source(self))

    @cached_property
    def inner_characters(self) -> frozenset[str] | None:
        """Every character a figure can consist of (None: too many to list); see `parse_quantities_near`."""
        return consumed_characters(self.pattern)

    @cached_property
    def tested_characters(self) -> frozenset[str] | None:
        """Every character any part of the figure pattern, lookarounds included, can match (None: too
        many to list, or a part that matches characters it does not list); see `parse_spans`."""
        return consumed_characters(self.pattern, lookarounds=True)

    @cached_property
    def _bounds(self) -> dict[str, dict[str, Bound]]:
        return {table: dict(getattr(self, table)) for table in ("before", "after", "trailing")}

    def bound(self, table: str, word: str | None) -> Bound | None:
        return self._bounds[table].get(word) if word else None


def compile_figure_lexicon(field_name: str, options: Any) -> FigureLexicon:
    """Validate a `figures:` mapping: units, points, qualifiers before/after/trailing, not_after, same_units."""
    if not isinstance(options, dict):
        raise FieldError(field_name, "expected a mapping with units, before, after, trailing, points, not_after, same_units")
    known = {"units", "before", "after", "trailing", "points", "not_after", "same_units", "vague", "durations"}
    unknown = set(options) - known
    if unknown:
        raise FieldError(f"{field_name}.{sorted(unknown)[0]}", f"unknown key; expected one of {', '.join(sorted(known))}")

    def words(key: str) -> tuple[str, ...]:
        value = options.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise FieldError(f"{field_name}.{key}", "expected a list of non-empty strings")
        return tuple(value)

    def bounds(key: str) -> tuple[tuple[str, Bound], ...]:
        table = options.get(key, {})
        if not isinstance(table, dict):
            raise FieldError(f"{field_name}.{key}", "expected a mapping word -> [low, high] or step")
        result = []
        for word, spec in table.items():
            where = f"{field_name}.{key}.{word}"
            if spec == "step":
                result.append((str(word), Bound(None, None, step=True)))
                continue
            if not (isinstance(spec, list) and len(spec) == 2 and all(v is None or isinstance(v, (int, float)) for v in spec)):
                raise FieldError(where, "expected [low factor, high factor] (null = unbounded) or `step`")
            result.append((str(word), Bound(*spec)))
        return tuple(result)

    def families() -> tuple[tuple[str, ...], ...]:
        groups = options.get("same_units", [])
        if not isinstance(groups, list) or not all(
            isinstance(g, list) and len(g) >= 2 and all(isinstance(u, str) and u for u in g) for g in groups
        ):
            raise FieldError(f"{field_name}.same_units", "expected a list of unit groups such as [人, 名, 位]")
        return tuple(tuple(g) for g in groups)

    units = words("units")
    if not units:
        raise FieldError(f"{field_name}.units", "expected at least one unit")
    lexicon = FigureLexicon(
        units, bounds("before"), bounds("after"), bounds("trailing"), words("points"), words("not_after"), families(),
        words("vague"), words("durations"),
    )
    return _LEXICONS.setdefault(lexicon, lexicon)


# Rules that share a `figures:` mapping (a YAML anchor) share one lexicon, its pattern and the figures it has read.
_LEXICONS: dict[FigureLexicon, FigureLexicon] = {}


_PATTERNS: dict[FigureLexicon, re.Pattern] = {}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def not_after_guard(words) -> str:
    """`(?<!第|星期)` for stdlib `re`, which looks behind by a fixed width only: one lookbehind per word length."""
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(re.escape(w))
    return "".join(f"(?<!{'|'.join(escaped)})" for _, escaped in sorted(by_length.items()))


def pattern_source(lexicon: FigureLexicon) -> str:
    """The figure pattern, in syntax that stdlib `re` and `regex` read alike."""
    before = _alternation(w for w, _ in lexicon.before)
    after = _alternation(w for w, _ in lexicon.after)
    trailing = _alternation(w for w, _ in lexicon.trailing)
    units = _alternation(set(lexicon.units))
    points = _alternation(lexicon.points)
    number = (
        rf"(?P<arabic>{ARABIC})(?P<mag>万亿|[万亿千])?"
        rf"|(?P<han>[{HAN_NUMERAL}]+)"
    )
    vague = "|".join(f"(?<={re.escape(w)})" for w in lexicon.vague)
    return (
        rf"(?P<before>{before})?" if before else "(?P<before>)"
    ) + (
        rf"{not_after_guard(lexicon.not_after)}(?<![0-9０-９.．{HAN_NUMERAL}])"
        + (rf"(?!(?:{vague})[十百千万亿])" if vague else "")
        + rf"(?:百分之(?P<pct_han>[{HAN_NUMERAL}]+(?:点[{HAN_NUMERAL}]+)?)"
        rf"|(?:{number})"
        + (rf"(?P<after>{after})?" if after else "(?P<after>)")
        + rf"(?P<unit>[%％]|{points + '|' if points else ''}{units}))"
        + (rf"(?!(?<=个)(?:{_alternation(lexicon.durations)}))" if lexicon.durations else "")
        + (rf"(?P<trailing>{trailing})?" if trailing else "(?P<trailing>)")
    )


def _pattern(lexicon: FigureLexicon) -> re.Pattern:
    """Compiled with stdlib `re` and led by a lookahead for the first character (several times
    faster than `regex` on this scan of every passage)."""
    if lexicon not in _PATTERNS:
        _PATTERNS[lexicon] = compile_led(pattern_source(lexicon))
    return _PATTERNS[lexicon]


def figure_scan(source: str) -> re.Pattern:
    """A scan whose matches are one character long, at each place the pattern `source` matches, with
    its match as group 1: `[first characters](?<=(?=(source)).)`.

    Led by a character class, `re` searches for the first characters in a tight loop and tries the
    pattern only there (about 1.5 times faster than the scan led by a lookahead, which `re` tries at
    every place). The pattern is tried as a lookahead from inside a lookbehind that steps back over
    that character: a lookahead matches as the pattern matches there, and its groups are kept. As
    the scan goes on one character after each match, it also meets the matches that start inside a
    figure (5人 in 约5人): `figure_matches` leaves them out, which gives the matches of
    `compile_led(source).finditer`. A pattern whose first characters cannot be listed is scanned as it is.
    """
    firsts = leading_characters(re.compile(source))
    if not firsts:
        return re.compile(f"({source})")
    led = "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"
    return re.compile(f"{led}(?<=(?=({source})).)")


def figure_matches(text: str, lexicon: FigureLexicon, start: int = 0) -> Iterator[re.Match]:
    """The matches of `lexicon.scan` from `start` whose figure (group 1) starts after the last one
    kept ends: the figures of a scan of the figure pattern from `start`, in order."""
    last = start
    for m in lexicon.scan.finditer(text, start):
        if m.start() >= last:
            last = m.end(1)
            yield m


def compile_led(source: str) -> re.Pattern:
    """`source` compiled with stdlib `re`, led by `(?=[…])` of the characters a match can start with.

    A pattern that starts with an optional part or a lookbehind gives `re` no first character
    to search for, so it tries the whole pattern at every position; the lookahead rejects most
    positions with one test. The characters are read from the pattern itself; when they cannot
    be listed (a match may start with any character), the pattern is compiled as it is.
    """
    compiled = re.compile(source)
    firsts = leading_characters(compiled)
    if not firsts:
        return compiled
    return re.compile("(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])(?:" + source + ")")


def leading_characters(pattern: re.Pattern, most: int = 4096) -> frozenset[str] | None:
    """The characters every match of `pattern` starts with; None when they cannot be listed."""
    firsts, nullable = _leading(_sre_parse.parse(pattern.pattern, pattern.flags), most)
    if firsts is None or nullable or pattern.flags & re.IGNORECASE:
        return None
    return frozenset(firsts)


def _leading(items, most: int) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match nothing) of a parsed sequence."""
    firsts: set[str] = set()
    for op, av in items:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue
        if op is _sre.LITERAL:
            return firsts | {chr(av)}, False
        if op is _sre.IN:
            chars = class_characters(av, most)
            return (None, False) if chars is None else (firsts | chars, False)
        if op is _sre.SUBPATTERN:
            if group_ignores_case(av):
                return None, False
            inner, nullable = _leading(av[-1], most)
        elif op is _sre.BRANCH:
            inner, nullable = set(), False
            for branch in av[1]:
                chars, empty = _leading(branch, most)
                if chars is None:
                    return None, False
                inner |= chars
                nullable = nullable or empty
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            inner, nullable = _leading(av[2], most)
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        firsts |= inner
        if len(firsts) > most:
            return None, False
        if not nullable:
            return firsts, False
    return firsts, True


def han_to_number(text: str) -> float:
    """四千八百零八 -> 4808; numerals below 10000 written the standard way are read here, the rest
    by cn2an (imported lazily: about 100 ms, and 20 µs a call). A run longer than
    `LONGEST_NUMERAL` raises ValueError: it is no figure, and cn2an's time grows with the
    square of its length (20,000 一 took seconds)."""
    if len(text) > LONGEST_NUMERAL:
        raise ValueError(f"a run of {len(text)} numeral characters is no figure")
    if not text or text.startswith("点") or text.endswith("点") or text.strip(_NUMERAL_CHARACTERS):
        raise ValueError(f"not a numeral: {text!r}")
    if text in HAN_DIGITS:
        return float(HAN_DIGITS[text])
    if text[0] in "十百千万亿":
        text = "一" + text
    if "点" in text:
        whole, _, fraction = text.partition("点")
        digits = "".join(str(HAN_DIGITS.get(c, 0)) for c in fraction)
        return han_to_number(whole) + float("0." + digits)
    small = read_small_numeral(text)
    if small is None:
        small = read_large_numeral(text)
    if small is not None:
        return float(small)
    if _DIGITS_AFTER_TENS.fullmatch(text):
        raise ValueError(f"not a numeral: {text}")
    import cn2an  # noqa: PLC0415  (about 100 ms; only when a Chinese numeral needs it)

    try:
        value = float(cn2an.cn2an(text, "smart"))
    except Exception as error:  # noqa: BLE001 - cn2an rejects odd runs (十四五, 十七两) with ValueError or KeyError
        raise ValueError(f"not a numeral: {text}") from error
    if not math.isfinite(value):
        raise ValueError(f"not a numeral: {text}")
    return value


# 十四五, 十七两 (read as 一十四五, 一十七两): two digits after the tens are no numeral; cn2an rejects every
# such run (a test tries them all), so it need not be imported to say so.
_DIGITS_AFTER_TENS = re.compile("[一二两三四五六七八九]十[零〇一二两三四五六七八九]{2}")

# 十七八, 三四十, 两三万, 二十三四: two neighbouring digits (or 三五) say "about this or that many".
_NEIGHBOUR_DIGITS = re.compile(
    r"(?P<head>(?:[一二两三四五六七八九]?十)?)(?P<a>[一二两三四五六七八九])(?P<b>[二三四五六七八九])(?P<tail>[十百千万亿]*)"
)


def numeral_bounds(text: str) -> tuple[float, float] | None:
    """The values a Chinese numeral allows: 四千八百零八 -> (4808, 4808), 十七八 -> (17, 18),
    三四十 -> (30, 40); None when the run reads as no number (十四五 as a name is read as 14–15,
    which only a unit after it makes a figure; 十七两, a run too long). Never raises."""
    approximate = _NEIGHBOUR_DIGITS.fullmatch(text)
    if approximate:
        a, b = HAN_DIGITS[approximate["a"]], HAN_DIGITS[approximate["b"]]
        if b == a + 1 or (a, b) == (3, 5):
            head, tail = approximate["head"], approximate["tail"]
            low = _numeral_or_none(head + approximate["a"] + tail)
            high = _numeral_or_none(head + approximate["b"] + tail)
            if low is not None and high is not None and low < high:
                return low, high
    value = _numeral_or_none(text)
    return None if value is None else (value, value)


def _numeral_or_none(text: str) -> float | None:
    try:
        return han_to_number(text) if text else None
    except ValueError:
        return None


def read_small_numeral(text: str) -> int | None:
    """一千零五十 -> 1050, 一三 -> 13: a numeral from 1 to 9999 in its standard form (两 for 二 and 〇 for 零
    allowed, a leading 一 before 十 required) or a run of two to four digits; None for any other form,
    which cn2an reads.

    Accepting only these keeps the result the same as cn2an's (a test compares the two on
    every numeral this accepts).
    """
    if 1 < len(text) <= 4 and all(ch in _SMALL_DIGITS for ch in text):
        return int("".join(str(_SMALL_DIGITS[ch]) for ch in text))
    total = _section_value(text)
    if total is None or not 0 < total < 10_000 or standard_numeral(total) != text.translate(_PLAIN_DIGITS):
        return None
    return total


_LARGE_PLACES = (("亿", 100_000_000), ("万", 10_000))


def read_large_numeral(text: str) -> int | None:
    """三万亿 -> 3000000000000, 一万零五 -> 10005: a numeral from 10000 to 10^16 - 1 in its standard form
    (each 万 and 亿 section written as `read_small_numeral` reads one, 零 before a section after a
    gap); None for any other form, which cn2an reads (so cn2an, slow to import, is seldom needed).
    The value is read leniently, then kept only when its standard form is the text (a test compares
    the two with cn2an)."""
    if not ("万" in text or "亿" in text):
        return None
    plain = text.translate(_PLAIN_DIGITS)
    value = _sections_value(plain)
    if value is None or not 10_000 <= value < 10**16 or standard_large_numeral(value) != plain:
        return None
    return value


def _sections_value(text: str) -> int | None:
    """The value of a numeral of 万/亿 sections, each a numeral below 10000 (None when a part is no such numeral)."""
    for word, scale in _LARGE_PLACES:
        head, found, tail = text.partition(word)
        if found:
            high = _sections_value(head)
            low = _sections_value(tail.lstrip("零")) if tail.lstrip("零") else 0
            return None if not high or low is None else high * scale + low
    return _section_value(text)


def _section_value(text: str) -> int | None:
    """The value of digits each followed by 十, 百 or 千 and a last digit (None for any other character
    or order); `standard_numeral` then tells whether that was the standard way to write it."""
    total, digit = 0, None
    for ch in text:
        if ch in _SMALL_DIGITS:
            digit = _SMALL_DIGITS[ch]
        elif ch in _SMALL_PLACES and digit:
            total += digit * _SMALL_PLACES[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def standard_large_numeral(value: int) -> str:
    """100050 -> 一十万零五十, 3 * 10^12 -> 三万亿: how a numeral below 10^16 is written, sections of 亿
    and 万 each a `standard_numeral`, with 零 before a section below 1000 or after a skipped one."""
    written: list[str] = []
    skipped = False
    for section, name in ((value // 100_000_000, "亿"), (value // 10_000 % 10_000, "万"), (value % 10_000, "")):
        if not section:
            skipped = bool(written)
            continue
        if written and (skipped or section < 1000):
            written.append("零")
        written.append((standard_large_numeral(section) if section >= 10_000 else standard_numeral(section)) + name)
        skipped = False
    return "".join(written)


def standard_numeral(value: int) -> str:
    """1050 -> 一千零五十, 15 -> 一十五: how a numeral from 1 to 9999 is written, one 零 per run of skipped places."""
    written: list = []
    skipped = False
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // place % 10
        if not digit:
            skipped = bool(written)
            continue
        if skipped:
            written.append("零")
            skipped = False
        written.append("零一二三四五六七八九"[digit] + name)
    return "".join(written)


def _arabic(text: str) -> tuple[float, int]:
    if text.isascii() and text.isdigit():
        return float(text), 0
    text = text.translate(_FULLWIDTH).replace(",", "")
    decimals = len(text.partition(".")[2])
    return float(text), decimals


def _last_digit_step(value: float, decimals: int, magnitude: int) -> float:
    """The weight of the last non-zero written digit: 40 -> 10, 500 -> 100, 3万 -> 1万, 1.2万 -> 1000."""
    if decimals:
        return 10.0 ** -decimals * magnitude
    written = int(round(value / magnitude))
    step = 1
    while written and written % 10 == 0:
        written //= 10
        step *= 10
    return float(step * magnitude)


def parse_quantities(text: str, lexicon: FigureLexicon) -> list[Quantity]:
    """Every figure with a unit in `text`, left to right (bare numbers, dates and ordinals are skipped)."""
    return list(_iter_quantities(text, lexicon))


def _iter_quantities(text: str, lexicon: FigureLexicon) -> Iterator[Quantity]:
    readings = _readings(lexicon)
    for m in figure_matches(text, lexicon):
        q = _quantity(m, lexicon, readings)
        if q is not None:
            yield q


def parse_spans(text: str, spans: list[tuple[int, int]], lexicon: FigureLexicon) -> list[list[Quantity]]:
    """`parse_quantities(text[start:end])` for each of `spans` (sorted, disjoint), from one scan of `text`.

    A span whose neighbouring characters (just before it, just after it) are none the pattern can
    match is read the same in `text` as on its own: no match or lookaround of the scan of `text`
    gets past them, nor does any at the span's edges on its own. The scan of `text` also starts
    each such span afresh, as no match runs into it. Other spans are parsed on their own.
    """
    tested = lexicon.tested_characters
    if tested is None:
        return [parse_quantities(text[start:end], lexicon) for start, end in spans]
    found = _read_into_spans(lexicon.scan.finditer(text), spans, lexicon, len(text))
    for i, (start, end) in enumerate(spans):
        if (start and text[start - 1] in tested) or (end < len(text) and text[end] in tested):
            found[i] = parse_quantities(text[start:end], lexicon)
    return found


def _read_into_spans(matches: Iterator[re.Match], spans: list[tuple[int, int]], lexicon: FigureLexicon, length: int,
                     skipped: list[bool] | None = None) -> list[list[Quantity]]:
    """The quantities of `matches` (matches of `lexicon.scan` in text order) that lie within one of `spans`
    (sorted, disjoint), in that span's offsets, each list in text order; none in the spans `skipped` marks.
    A match starting inside the figure kept before it is left out, as `figure_matches` leaves it out
    (done here rather than by a generator in between: this loop runs for every figure of a document).
    The spans are walked along with the matches, and a figure read before (`readings`) is only placed."""
    found: list[list[Quantity]] = [[] for _ in spans]
    readings = _readings(lexicon)
    new, unread, read_match = tuple.__new__, _UNREAD, _read_match
    count = len(spans)
    i, base, span_end, last = -1, 0, -1, 0
    following = spans[0][0] if spans else length + 1
    for m in matches:
        start, end = m.span(1)
        if start < last:
            continue
        last = end
        while following <= start:
            i += 1
            base, span_end = spans[i]
            if skipped is not None and skipped[i]:
                span_end = -1
            following = spans[i + 1][0] if i + 1 < count else length + 1
        if end > span_end:
            continue
        groups = m.groups()
        read = readings.get(groups, unread)
        if read is unread:
            read = read_match(m, groups, lexicon, readings)
        if read is not None:
            found[i].append(new(Quantity, (start - base, end - base) + read))
    return found


def parse_quantities_near(text: str, lexicon: FigureLexicon, positions: list[int], reach: int) -> list[Quantity]:
    """The figures of `parse_quantities(text)` that start within `reach` characters after one of
    `positions` (sorted), scanning only there.

    Each window is scanned from a place no figure of the whole scan runs across, so the scan
    from there meets the same figures: after a character no figure can contain, or where the
    scan of the previous window met the first figure beyond it (which also bounds the way back).
    """
    if lexicon.inner_characters is None:
        return [q for q in parse_quantities(text, lexicon) if _within(q.start, positions, reach)]
    found = []
    readings = _readings(lexicon)
    for m in _matches_near(text, lexicon, positions, reach):
        q = _quantity(m, lexicon, readings)
        if q is not None:
            found.append(q)
    return found


def parse_spans_near(text: str, spans: list[tuple[int, int]], lexicon: FigureLexicon, positions: list[int], reach: int) -> list[list[Quantity]]:
    """`parse_quantities_near(text[start:end], lexicon, positions - start, reach)` for each of `spans`
    (sorted, disjoint), from one windowed scan of `text`: what `parse_spans` reads, where
    `parse_quantities_near` looks (see both). Spans read otherwise on their own are parsed on their own."""
    tested = lexicon.tested_characters
    if lexicon.inner_characters is None or tested is None:
        return [parse_quantities_near(text[a:b], lexicon, [p - a for p in positions], reach) for a, b in spans]
    alone = [(start and text[start - 1] in tested) or (end < len(text) and text[end] in tested) for start, end in spans]
    found = _read_into_spans(_matches_near(text, lexicon, positions, reach), spans, lexicon, len(text), alone)
    for i, (start, end) in enumerate(spans):
        if alone[i]:
            found[i] = parse_quantities_near(text[start:end], lexicon, [p - start for p in positions], reach)
    return found


def _matches_near(text: str, lexicon: FigureLexicon, positions: list[int], reach: int) -> Iterator[re.Match]:
    """The matches of the figure pattern's scan of `text` that start within `reach` characters after
    one of `positions` (see `parse_quantities_near`; the lexicon's inner characters are known)."""
    inner = lexicon.inner_characters
    resume = 0
    for low, high in _windows(positions, reach, len(text)):
        start = max(low, resume)
        while start > resume and text[start - 1] in inner:
            start -= 1
        for m in figure_matches(text, lexicon, start):
            if m.start() > high:
                resume = m.start()
                break
            if m.start() >= low:
                yield m
        else:
            return


def _windows(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """[position, position + reach] for each position, merged, clipped to the text."""
    merged: list[tuple[int, int]] = []
    for p in positions:
        low, high = max(0, p), min(length, p + reach)
        if low > high:
            continue
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _within(offset: int, positions: list[int], reach: int) -> bool:
    i = bisect.bisect_right(positions, offset) - 1
    return i >= 0 and offset - positions[i] <= reach


def consumed_characters(pattern: re.Pattern, most: int = 4096, lookarounds: bool = False) -> frozenset[str] | None:
    """The characters a match of `pattern` can consist of (lookarounds only look, unless `lookarounds`:
    then also the characters they can match), or None when a part of it is open-ended (a negated
    class, a category, `.`, an anchor, case-insensitive matching) or there are more than `most`."""
    if pattern.flags & re.IGNORECASE:
        return None
    chars: set[str] = set()

    def walk(items) -> bool:
        for op, av in items:
            if op is _sre.LITERAL:
                chars.add(chr(av))
            elif op is _sre.IN:
                listed = class_characters(av, most)
                if listed is None:
                    return False
                chars.update(listed)
            elif op is _sre.SUBPATTERN:
                if group_ignores_case(av) or not walk(av[-1]):
                    return False
            elif op is _sre.BRANCH:
                if not all(walk(branch) for branch in av[1]):
                    return False
            elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
                if not walk(av[2]):
                    return False
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                if lookarounds and not walk(av[1]):
                    return False
            else:
                return False
        return len(chars) <= most

    return frozenset(chars) if walk(_sre_parse.parse(pattern.pattern, pattern.flags)) else None


def _quantity(m: re.Match, lexicon: FigureLexicon, readings: dict, base: int = 0) -> Quantity | None:
    """The quantity a match of the figure scan states (offsets from `base`); None when it is none.

    What a figure states depends on its groups alone, which also make up its text, so each distinct
    figure (3件, 40余人) is read once per lexicon (`readings`, from `_readings` once per scan),
    however often a text repeats it."""
    groups = m.groups()
    read = readings.get(groups, _UNREAD)
    if read is _UNREAD:
        read = _read_match(m, groups, lexicon, readings)
    if read is None:
        return None
    start, end = m.span(1)
    # built from one tuple: several times faster than keywords, for every figure of a document
    return tuple.__new__(Quantity, (start - base, end - base) + read)


def _read_match(m: re.Match, groups: tuple, lexicon: FigureLexicon, readings: dict) -> tuple | None:
    """What a figure not read before states, kept in `readings` under its groups (`m.groups()`, in the pattern's order)."""
    if len(readings) >= MAX_READINGS:
        readings.clear()
    read = readings[groups] = _read(m.group(*FIGURE_GROUPS), m.group(1), lexicon)
    return read


_UNREAD = object()
MAX_READINGS = 50_000
_READINGS: dict[int, tuple[FigureLexicon, dict]] = {}


def _readings(lexicon: FigureLexicon) -> dict:
    """The figures read so far with `lexicon` (by identity: equal lexicons are one object, see `compile_figure_lexicon`)."""
    held = _READINGS.get(id(lexicon))
    if held is None or held[0] is not lexicon:
        held = _READINGS[id(lexicon)] = (lexicon, {})
    return held[1]


def _read(groups: tuple, text: str, lexicon: FigureLexicon) -> tuple | None:
    """The fields of a `Quantity` after its offsets, from the figure pattern's groups (None: no figure)."""
    pct_han, arabic, mag, han, before, after, unit, trailing = groups
    chinese = False
    magnitude = 1
    if pct_han or han:
        if han and (han in ("零", "〇") or (han[0] in "百千万亿" and not before)):
            return None
        read = numeral_bounds(pct_han or han)
        if read is None:  # odd runs such as 十十, 十七两 or 百分之一亿千 are not figures
            return None
        (value, top), chinese = read, True
        decimals = len(pct_han.partition("点")[2]) if pct_han else 0
        if pct_han:
            unit = "%"
    else:
        value, decimals = _arabic(arabic)
        if mag:
            magnitude = MAGNITUDES[mag]
        top = value
    if not math.isfinite(value * magnitude) or not math.isfinite(top * magnitude):
        return None
    if unit in PERCENT_SIGNS:
        kind, unit = PERCENT, "%"
    elif unit in lexicon.points:
        kind = POINTS
    else:
        kind = COUNT
    value *= magnitude
    top *= magnitude
    low, high = value, top
    bounds = []
    if before or after or trailing:
        bounds = [b for b in map(lexicon.bound, QUALIFIER_TABLES, (before, after, trailing)) if b is not None]
    if bounds:
        step = _last_digit_step(value, decimals, magnitude) if kind == COUNT else 10.0 ** -decimals
        low = bounds[-1].apply(value, step)[0]
        high = bounds[-1].apply(top, step)[1]
    rounding = 10.0 ** -decimals * magnitude / 2 if kind == COUNT and (decimals or magnitude > 1) else 0.0
    return (text, value, low, high, unit, kind, decimals, bool(bounds) or top != value, chinese, lexicon.family(unit), rounding)


def format_number(value: float, decimals: int = 0) -> str:
    """4808.0 -> 4808, 44.34 -> 44.3 (decimals given), 1.5 -> 1.5."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞" if value < 0 else "?"
    if decimals:
        return f"{value:.{decimals}f}"
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
