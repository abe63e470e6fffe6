"""`term-variants`: one quoted name, brand or slogan written two ways across the set.

    - id: consistency.term-variant
      kind: term-variants
      quotes: ["“”", "「」", "『』", "《》"]   # what marks a term
      min_length: 2                # shortest term considered, in characters
      max_length: 30               # longer quoted text is a quotation, not a name
      equivalents: ["·•・", "-－—"]  # characters that count as one when comparing forms
      one_char:                    # one-character variants ("土乡丹心检如磐石" / "…盘石")
        min_length: 5              #   only terms this long (short terms differ legitimately)
        max_rare: 2                #   the rarer form occurs at most this often in the set
        ratio: 2                   #   and the other form at least `ratio` times as often
        ignore: "一二三四五六七八九十两0123456789"   # numerals make different terms, and so does the
                                                   # character after one (六个 / 六大产业集群)
        contrasts: [上下前后, 先后]   #   characters that stand for each other: never a slip (最先 / 最后)
        message: "..."

Terms are the text between quotes (and, in the same document, the same text
met again without quotes). Two forms are variants when they differ only by
whitespace, character width (NFKC), the `equivalents`, or — within the
`one_char` limits — one character that belongs to a word of either form's
segmentation (磐石 / 盘石; not 中朝 / 中马, where it stands alone in both, nor two
characters of one `contrasts` group: 最先一公里 / 最后一公里). The
more frequent form is the reference; each place of the other form is one
finding naming where the reference is written. On a tie the form met first
(file order, then position) is the reference, and the message says so.

Each document is summarised as its terms and their positions; the set phase
sees those summaries only.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_right
from itertools import accumulate
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

import regex

from ..document import SENTENCE_STOPS, Document
from ..errors import FieldError
from ..findings import Finding, Fix, Location
from ..regexes import HAN, compile_fast
from .api import ANY, NONEMPTY_STRINGS, REQUIRED, STRINGS, Field, count, integer, string_list

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "term-variants"
SCOPE = "set"
FIELDS = (
    Field("quotes", NONEMPTY_STRINGS, REQUIRED, "pairs of opening and closing marks whose content is a term"),
    Field("min_length", count(1), 2, "shortest term, in characters"),
    Field("max_length", count(1), 30, "longest term, in characters"),
    Field("equivalents", STRINGS, [], "groups of characters that count as the same when forms are compared"),
    Field("repeat_min_length", count(1), 4, "terms at least this long are also looked for unquoted in their document"),
    Field("one_char", ANY, None,
          "limits for one-character variants: min_length, max_rare, ratio, ignore, contrasts, message (omit to skip them)"),
    Field("places_max", count(1), 3, "how many places of the other form a message lists"),
)
_SENTENCE_MARKS = SENTENCE_STOPS + "\n\r"
_BLANKS = " \t\u3000"
_BLANK_SPLIT = compile_fast(f"([{_BLANKS}]+)")
_TIE_NOTE = "（两种写法出现次数相同，以先出现的为准）"


class Place(NamedTuple):
    """Where a term stands; terms never span lines, so the end follows from the length."""

    start: int
    line: int
    column: int
    length: int

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def end_column(self) -> int:
        return self.column + self.length


class TermSummary(NamedTuple):
    """A document's terms: `surfaces[i]` has the comparison key `keys[i]`; `places` holds
    term index, start, line, column, length for each place, flat, to keep summaries small."""

    surfaces: tuple[str, ...]
    keys: tuple[str, ...]
    places: array

    def each(self) -> Iterator[tuple[str, str, Place]]:
        p = self.places
        for i in range(0, len(p), 5):
            yield self.surfaces[p[i]], self.keys[p[i]], Place(*p[i + 1 : i + 5])


@dataclass(frozen=True)
class OneChar:
    min_length: int
    max_rare: int
    ratio: float
    ignore: frozenset[str]
    message: str
    contrasts: frozenset[frozenset[str]] = frozenset()


@dataclass(frozen=True)
class TermConfig:
    pattern: re.Pattern  # quoted stretches: escaped marks around a character class, so stdlib `re` serves
    folding: dict[int, str]
    min_length: int
    max_length: int
    repeat_min_length: int
    one_char: OneChar | None
    places_max: int


def compile(options: dict) -> TermConfig:
    pairs = options["quotes"]
    if any(len(p) != 2 for p in pairs):
        raise FieldError("quotes", "expected pairs of two characters, e.g. “”")
    low = options["min_length"]
    high = integer("max_length", options["max_length"], low)
    marks = regex.escape("".join(pairs) + _SENTENCE_MARKS)
    alternatives = [f"{regex.escape(o)}(?P<t{i}>[^{marks}]{{{low},{high}}}){regex.escape(c)}" for i, (o, c) in enumerate(pairs)]  # type: ignore[str-unpack]
    folding = {}
    for group in options["equivalents"]:
        for ch in group[1:]:
            folding[ord(ch)] = group[0]
    return TermConfig(
        pattern=compile_fast("|".join(alternatives)),
        folding=folding,
        min_length=low,
        max_length=high,
        repeat_min_length=options["repeat_min_length"],
        one_char=_one_char(options["one_char"]),
        places_max=options["places_max"],
    )


def _one_char(value) -> OneChar | None:
    if value is None:
        return None
    known = {"min_length", "max_rare", "ratio", "ignore", "message", "contrasts"}
    if not isinstance(value, dict) or set(value) - known or "message" not in value:
        raise FieldError("one_char", f"expected a mapping with `message` and any of {', '.join(sorted(known - {'message'}))}")
    ratio = value.get("ratio", 2)
    if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or ratio < 1:
        raise FieldError("one_char.ratio", "expected a number >= 1")
    ignore = value.get("ignore", "")
    if not isinstance(ignore, str):
        raise FieldError("one_char.ignore", "expected a string of characters")
    if not isinstance(value["message"], str) or not value["message"].strip():
        raise FieldError("one_char.message", "expected a non-empty string")
    return OneChar(
        min_length=integer("one_char.min_length", value.get("min_length", 5), 2),
        max_rare=integer("one_char.max_rare", value.get("max_rare", 2), 1),
        ratio=float(ratio),
        ignore=frozenset(ignore),
        message=value["message"],
        contrasts=frozenset(frozenset(g) for g in string_list("one_char.contrasts", value.get("contrasts", []))),
    )


def term_key(surface: str, folding: dict[int, str]) -> str:
    """The form two spellings share when they differ only by spaces, width or equivalent marks."""
    folded = unicodedata.normalize("NFKC", surface).translate(folding)
    return "".join(folded.split())


def summarize(document: Document, rule: Rule) -> TermSummary:
    """Every quoted term of the document with its places (and its unquoted repeats)."""
    config: TermConfig = rule.config
    text = document.text
    found: dict[str, dict[int, int]] = {}  # surface -> start -> end
    is_term: dict[str, bool] = {}
    for m in config.pattern.finditer(text):
        group = m.lastindex
        surface = m.group(group)
        if surface not in is_term:
            is_term[surface] = surface.strip() == surface and HAN.search(surface) is not None
        if is_term[surface]:
            found.setdefault(surface, {})[m.start(group)] = m.end(group)
    compacts = dict.fromkeys("".join(surface.split()) for surface in found)
    searched = [c for c in compacts if len(c) >= config.repeat_min_length]
    if searched:
        squeezed, origin = _without_blanks(text)
        repeats = _term_places(squeezed, searched)
        for compact in searched:
            for at in repeats.get(compact, ()):
                start, end = origin(at), origin(at + len(compact) - 1) + 1
                found.setdefault(text[start:end], {}).setdefault(start, end)
    keys = _term_keys(config)
    places = array("I")
    line_starts = document.line_starts
    for index, spans in enumerate(found.values()):
        for start in sorted(spans):
            line = bisect_right(line_starts, start)
            places.extend((index, start, line, start - line_starts[line - 1] + 1, spans[start] - start))
    return TermSummary(
        tuple(map(sys.intern, found)),
        tuple(sys.intern(keys[s] if s in keys else keys.setdefault(s, term_key(s, config.folding))) for s in found),
        places,
    )


_KEY_CACHE_SIZE = 1 << 16


_TERM_KEYS: dict[int, tuple[TermConfig, dict[str, str]]] = {}


def _term_keys(config: TermConfig) -> dict[str, str]:
    """Surface -> comparison key, kept per rule configuration (the same terms recur across a set's
    documents, and NFKC costs more than a look-up); emptied when it grows past a bound."""
    kept = _TERM_KEYS.get(id(config))
    if kept is None or kept[0] is not config:
        kept = _TERM_KEYS[id(config)] = (config, {})
    if len(kept[1]) > _KEY_CACHE_SIZE:
        kept[1].clear()
    return kept[1]


def _term_places(text: str, terms) -> dict[str, list[int]]:
    """Every place of each term in `text`, overlaps included, in text order, from one scan of the
    text by an Aho-Corasick automaton of the terms: the work is the text's length plus the places."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    places: dict[str, list[int]] = defaultdict(list)
    for end, term in automaton.iter(text):
        places[term].append(end - len(term) + 1)
    return places


def _without_blanks(text: str) -> tuple[str, Callable[[int], int]]:
    """The text without spaces and tabs (line breaks kept), and where a character of it came from.

    The way back is a bisect over the blank runs, not a list as long as the text;
    one split of the text in C gives the kept stretches and the runs between them.
    """
    parts = _BLANK_SPLIT.split(text)
    if len(parts) == 1:
        return text, lambda at: at
    kept = parts[0::2]
    segment_starts = [0, *accumulate(map(len, kept[:-1]))]
    shifts = [0, *accumulate(map(len, parts[1::2]))]
    return "".join(kept), lambda at: at + shifts[bisect_right(segment_starts, at) - 1]


def check_set(summaries: list[tuple[str, TermSummary]], rule: Rule) -> Iterator[Finding]:
    config: TermConfig = rule.config
    surfaces: dict[str, set[str]] = defaultdict(set)
    for _, summary in summaries:
        for surface, key in zip(summary.surfaces, summary.keys):
            surfaces[key].add(surface)
    involved = {key for key, forms_of_key in surfaces.items() if len(forms_of_key) > 1}
    if config.one_char:
        involved |= _one_char_candidates(config.one_char, surfaces)
    forms: dict[str, dict[str, list[tuple[int, str, Place]]]] = defaultdict(lambda: defaultdict(list))
    for order, (path, summary) in enumerate(summaries):
        if involved.intersection(summary.keys):
            for surface, key, place in summary.each():
                if key in involved:
                    forms[key][surface].append((order, path, place))
    for by_surface in forms.values():
        if len(by_surface) > 1:
            yield from _spelling_variants(rule, by_surface)
    if config.one_char:
        yield from _one_char_variants(rule, forms)


def _one_char_candidates(limits: "OneChar", surfaces: dict[str, set[str]]) -> set[str]:
    """Keys that have a neighbour differing in one (non-ignored) character."""
    by_pattern: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key in surfaces:
        if len(key) >= limits.min_length:
            for i, ch in enumerate(key):
                if ch not in limits.ignore:
                    by_pattern[(i, key[:i] + "\0" + key[i + 1 :])].append(key)
    return {key for keys in by_pattern.values() if len(keys) > 1 for key in keys}


def _reference(by_surface: dict[str, list]) -> tuple[str, bool]:
    """The form used most (first met on a tie) and whether it was a tie."""
    ranked = sorted(by_surface, key=lambda s: (-len(by_surface[s]), min(p[0:2] + (p[2].start,) for p in by_surface[s])))
    tie = len(ranked) > 1 and len(by_surface[ranked[0]]) == len(by_surface[ranked[1]])
    return ranked[0], tie


def _spelling_variants(rule: Rule, by_surface: dict[str, list]) -> Iterator[Finding]:
    reference, tie = _reference(by_surface)
    shown = _places(rule, by_surface[reference])
    related = _related(by_surface[reference], reference)
    for surface, places in by_surface.items():
        if surface == reference:
            continue
        for _, path, place in places:
            message = rule.format_message({
                "match": surface, "dominant": reference, "count": len(by_surface[reference]),
                "places": shown, "tie": _TIE_NOTE if tie else "",
            })
            yield _finding(rule, path, place, surface, reference, message, related, fix=True)


def _one_char_variants(rule: Rule, forms: dict[str, dict[str, list]]) -> Iterator[Finding]:
    limits: OneChar = rule.config.one_char
    totals = {key: sum(len(p) for p in by_surface.values()) for key, by_surface in forms.items()}
    by_pattern: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key in forms:
        if len(key) >= limits.min_length:
            for i, ch in enumerate(key):
                if ch not in limits.ignore and not ch.isspace():
                    by_pattern[(i, key[:i] + "\0" + key[i + 1 :])].append(key)
    reported = set()
    for (i, _), keys in sorted(by_pattern.items()):
        if i and keys[0][i - 1] in limits.ignore:
            continue
        for rare in keys:
            others = [k for k in keys if k != rare and totals[k] >= limits.ratio * totals[rare]]
            if totals[rare] > limits.max_rare or not others or rare in reported:
                continue
            dominant = max(others, key=lambda k: totals[k])
            if not (_inside_word(rare, i) or _inside_word(dominant, i)):
                continue
            if any(rare[i] in group and dominant[i] in group for group in limits.contrasts):
                continue  # 最先一公里 / 最后一公里: a play on the phrase, not a slip
            rare_places = [p for places in forms[rare].values() for p in places]
            dominant_places = [p for places in forms[dominant].values() for p in places]
            if _side_by_side(rare_places, dominant_places):
                continue
            reported.add(rare)
            shown, _ = _reference(forms[dominant])
            where = _places(rule, dominant_places)
            related = _related(dominant_places, shown)
            for surface, places in forms[rare].items():
                for _, path, place in places:
                    message = limits.message.format(
                        match=surface, dominant=shown, count=len(dominant_places), places=where, tie="")
                    yield _finding(rule, path, place, surface, shown, message, related, fix=False)


def _inside_word(term: str, i: int) -> bool:
    """Whether character `i` of the term belongs to a word of its segmentation: a one-character variant
    misspells a word (磐石 / 盘石, 高质效 / 高质量); where the character stands alone in both forms
    (中朝友好年 / 中马友好年) the two name different things."""
    from ..words import words

    at = 0
    for piece in words(term):
        if at <= i < at + len(piece):
            return len(piece) > 1
        at += len(piece)
    return False


def _side_by_side(first: list, second: list, distance: int = 40) -> bool:
    """True when the two forms stand close together in one document: listed as two things (因案致贫、因案返贫)."""
    return any(a[1] == b[1] and abs(a[2].start - b[2].start) <= distance for a in first for b in second)


def _places(rule: Rule, places: list) -> str:
    limit = rule.config.places_max
    shown = [f"{path}:{p.line}:{p.column}" for _, path, p in sorted(places, key=lambda x: (x[0], x[2].start))]
    return "、".join(shown[:limit]) + (f" 等 {len(shown)} 处" if len(shown) > limit else "")


def _related(places: list, reference: str, limit: int = 20) -> tuple[Location, ...]:
    first = sorted(places, key=lambda x: (x[0], x[2].start))[:limit]
    return tuple(Location(p, q.line, q.column, q.line, q.end_column, f"“{reference}”") for _, p, q in first)


def _finding(rule, path, place: Place, surface, reference, message, related, fix: bool) -> Finding:
    location = Location(path, place.line, place.column, place.line, place.end_column)
    repair = None
    if fix:
        repair = Fix(place.start, place.end, reference, rule.fix_safe, place.line, place.column, place.line, place.end_column)
    return Finding(rule=rule.id, severity=rule.severity, message=message, location=location, start=place.start,
                   end=place.end, text=surface, fix=repair, related=related, context=f"{surface}\x1f{reference}")


def can_fix(config: TermConfig) -> bool:
    return True
