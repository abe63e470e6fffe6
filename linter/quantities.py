"""Reading figures in Chinese text: 4808件, 3万余元, 四千八百零八, 44%, 百分之四十四, 1.5个百分点.

A `Quantity` keeps the value as written and the bounds (low, high) the text
allows: 40余人 is 40–50, 近百人 90–100, 不足50人 0–50. Checks reason with the
bounds, so an approximate figure is never held to exact arithmetic.

What counts as a unit and which words make a figure approximate is data: a
`Lexicon` built from the rule's YAML (`figures:`), never hard-coded here.
Chinese numerals go through cn2an, imported only when one needs converting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator

import regex

from .errors import FieldError

ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
HAN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
PERCENT_SIGNS = ("%", "％")

COUNT, PERCENT, POINTS = "count", "percent", "points"


@dataclass(frozen=True)
class Quantity:
    """One figure found in a text; offsets are into the text that was scanned."""

    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    unit: str
    kind: str
    places: int = 0
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
        return 10.0 ** -self.places

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
class Lexicon:
    """Units and qualifiers a quantity parser recognises (from the rules' `figures:` field)."""

    units: tuple[str, ...]
    before: tuple[tuple[str, Bound], ...]
    after: tuple[tuple[str, Bound], ...]
    trailing: tuple[tuple[str, Bound], ...]
    points: tuple[str, ...]
    not_after: tuple[str, ...]
    families: tuple[tuple[str, ...], ...] = ()

    def family(self, unit: str) -> str:
        """The first unit of the `same_units` group holding `unit` (the unit itself otherwise)."""
        return next((group[0] for group in self.families if unit in group), unit)

    @cached_property
    def pattern(self) -> regex.Pattern:
        return _pattern(self)

    @cached_property
    def _bounds(self) -> dict[str, dict[str, Bound]]:
        return {table: dict(getattr(self, table)) for table in ("before", "after", "trailing")}

    def bound(self, table: str, word: str | None) -> Bound | None:
        return self._bounds[table].get(word) if word else None


def compile_lexicon(field_name: str, options: Any) -> Lexicon:
    """Validate a `figures:` mapping: units, points, qualifiers before/after/trailing, not_after, same_units."""
    if not isinstance(options, dict):
        raise FieldError(field_name, "expected a mapping with units, before, after, trailing, points, not_after, same_units")
    known = {"units", "before", "after", "trailing", "points", "not_after", "same_units"}
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
    return Lexicon(
        units, bounds("before"), bounds("after"), bounds("trailing"), words("points"), words("not_after"), families()
    )


_PATTERNS: dict[Lexicon, regex.Pattern] = {}


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _pattern(lexicon: Lexicon) -> regex.Pattern:
    if lexicon in _PATTERNS:
        return _PATTERNS[lexicon]
    before = _alternation(w for w, _ in lexicon.before)
    after = _alternation(w for w, _ in lexicon.after)
    trailing = _alternation(w for w, _ in lexicon.trailing)
    units = _alternation(set(lexicon.units))
    points = _alternation(lexicon.points)
    not_after = _alternation(lexicon.not_after)
    guard = f"(?<!{'|'.join(regex.escape(w) for w in lexicon.not_after)})" if not_after else ""
    number = (
        rf"(?P<arabic>{ARABIC})(?P<mag>万亿|[万亿千])?"
        rf"|(?P<han>[{HAN_NUMERAL}]+)"
    )
    source = (
        rf"(?P<before>{before})?" if before else "(?P<before>)"
    ) + (
        rf"{guard}(?<![0-9０-９.．{HAN_NUMERAL}])"
        rf"(?:百分之(?P<pct_han>[{HAN_NUMERAL}]+(?:点[{HAN_NUMERAL}]+)?)"
        rf"|(?:{number})"
        + (rf"(?P<after>{after})?" if after else "(?P<after>)")
        + rf"(?P<unit>[%％]|{points + '|' if points else ''}{units}))"
        + (rf"(?P<trailing>{trailing})?" if trailing else "(?P<trailing>)")
    )
    compiled = _PATTERNS[lexicon] = regex.compile(source)
    return compiled


def han_to_number(text: str) -> float:
    """四千八百零八 -> 4808; single characters without cn2an, the rest with it (imported lazily)."""
    if text in HAN_DIGITS:
        return float(HAN_DIGITS[text])
    if text[0] in "十百千万亿":
        text = "一" + text
    if "点" in text:
        whole, _, fraction = text.partition("点")
        digits = "".join(str(HAN_DIGITS.get(c, 0)) for c in fraction)
        return han_to_number(whole) + float("0." + digits)
    import cn2an  # noqa: PLC0415  (about 100 ms; only when a Chinese numeral needs it)

    return float(cn2an.cn2an(text, "smart"))


def _arabic(text: str) -> tuple[float, int]:
    text = text.translate(_FULLWIDTH).replace(",", "")
    places = len(text.partition(".")[2])
    return float(text), places


def _last_digit_step(value: float, places: int, magnitude: int) -> float:
    """The weight of the last non-zero written digit: 40 -> 10, 500 -> 100, 3万 -> 1万, 1.2万 -> 1000."""
    if places:
        return 10.0 ** -places * magnitude
    written = int(round(value / magnitude))
    step = 1
    while written and written % 10 == 0:
        written //= 10
        step *= 10
    return float(step * magnitude)


def parse_quantities(text: str, lexicon: Lexicon) -> list[Quantity]:
    """Every figure with a unit in `text`, left to right (bare numbers, dates and ordinals are skipped)."""
    return list(_iter_quantities(text, lexicon))


def _iter_quantities(text: str, lexicon: Lexicon) -> Iterator[Quantity]:
    for m in lexicon.pattern.finditer(text):
        q = _quantity(m, lexicon)
        if q is not None:
            yield q


def _quantity(m: regex.Match, lexicon: Lexicon) -> Quantity | None:
    unit = m["unit"]
    chinese = False
    magnitude = 1
    if m["pct_han"]:
        value, places, chinese, unit = han_to_number(m["pct_han"]), len(m["pct_han"].partition("点")[2]), True, "%"
    elif m["arabic"]:
        value, places = _arabic(m["arabic"])
        if m["mag"]:
            magnitude = MAGNITUDES[m["mag"]]
    else:
        han = m["han"]
        if han in ("零", "〇") or (han[0] in "百千万亿" and not m["before"]):
            return None
        try:
            value = han_to_number(han)
        except Exception:  # cn2an rejects odd runs such as 十十; they are not figures
            return None
        places, chinese = 0, True
    if unit in PERCENT_SIGNS:
        kind, unit = PERCENT, "%"
    elif unit in lexicon.points:
        kind = POINTS
    else:
        kind = COUNT
    value *= magnitude
    low = high = value
    approximate = False
    step = _last_digit_step(value, places, magnitude) if kind == COUNT else 10.0 ** -places
    for table, word in (("before", m["before"]), ("after", m["after"]), ("trailing", m["trailing"])):
        bound = lexicon.bound(table, word)
        if bound is not None:
            low, high = bound.apply(value, step)
            approximate = True
    return Quantity(
        start=m.start(),
        end=m.end(),
        text=m.group(),
        value=value,
        low=low,
        high=high,
        unit=unit,
        kind=kind,
        places=places,
        approximate=approximate,
        chinese=chinese,
        family=lexicon.family(unit),
        rounding=10.0 ** -places * magnitude / 2 if kind == COUNT and (places or magnitude > 1) else 0.0,
    )


def format_number(value: float, places: int = 0) -> str:
    """4808.0 -> 4808, 44.34 -> 44.3 (places given), 1.5 -> 1.5."""
    if places:
        return f"{value:.{places}f}"
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
