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

import itertools
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from operator import add
from typing import TYPE_CHECKING, Container, Iterator, NamedTuple

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
_BLANK_RUN = compile_fast(f"[{_BLANKS}]+")
_FEW_BLANKS = 256
# Up to this many terms, a `str.count` per term costs less than building an automaton and scanning with it
# (whose cost per character grows with the terms' first characters).
_FEW_TERMS = 20
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
    """A document's terms: `counts[i]` places of `surfaces[i]` start at the next `counts[i]` entries of
    `starts` (in text order), and `line_starts` is where the document's lines start, up to the last
    place; line and column are worked out in the set phase for the places of a variant only.
    Comparison keys are the set phase's too (once per distinct surface of the set). The surfaces
    travel as one string, a surface a line (none holds a line break): a third of the time of a tuple
    of strings to pickle and unpickle."""

    surface_lines: str
    counts: array
    starts: array
    line_starts: array

    @property
    def surfaces(self) -> list[str]:
        return self.surface_lines.split("\n") if self.surface_lines else []

    def each(self, wanted: Container[str] | None = None) -> Iterator[tuple[str, Place]]:
        """Every place, or those of the surfaces in `wanted` (the others cost a skip each, not a place)."""
        line_starts, starts, at = self.line_starts, self.starts, 0
        for surface, many in zip(self.surfaces, self.counts):
            if wanted is None or surface in wanted:
                length = len(surface)
                for start in starts[at : at + many]:
                    line = bisect_right(line_starts, start)
                    yield surface, Place(start, line, start - line_starts[line - 1] + 1, length)
            at += many


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
    pattern: re.Pattern  # quoted stretches, the term its one group: marks and character classes, so stdlib `re` serves
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
    term = f"[^{marks}]{{{low},{high}}}"
    # One group whatever the pair, so that `split` hands over the terms: the opening mark chooses the
    # closing one by a lookahead.
    opening = "|".join(f"{regex.escape(o)}(?={term}{regex.escape(c)})" for o, c in pairs)  # type: ignore[misc]
    closing = regex.escape("".join(c for _, c in pairs))  # type: ignore[misc]
    folding = {}
    for group in options["equivalents"]:
        for ch in group[1:]:
            folding[ord(ch)] = group[0]
    return TermConfig(
        pattern=compile_fast(f"(?:{opening})({term})[{closing}]"),
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
    """Every quoted term of the document with its places (and its unquoted repeats): one regex split
    for the quoted terms, one Aho-Corasick pass (or, for a few terms, a `str.count` each) for the
    repeats; the rest is work per distinct term (a place costs an append or two)."""
    config: TermConfig = rule.config
    text = document.text
    pieces = config.pattern.split(text)  # text, term, text, term, ..., text
    quoted = pieces[1::2]
    every: dict[str, list[int]] = {surface: [] for surface in quoted}  # surface -> starts
    # A term starts after the pieces before it and two marks for each term before it, plus its opening one.
    before = itertools.islice(itertools.accumulate(map(len, pieces)), 0, None, 2)
    for surface, start in zip(quoted, map(add, before, itertools.count(1, 2))):
        every[surface].append(start)
    found = {s: starts for s, starts in every.items() if s.strip() == s and HAN.search(s) is not None}
    if not found:
        return TermSummary("", array("I"), array("I"), array("I"))
    searched = dict.fromkeys(c for c in map("".join, map(str.split, found)) if len(c) >= config.repeat_min_length)
    counts, starts = array("I"), array("I")
    places: dict[str, list[int]] = {}
    split: dict[str, list[tuple[int, int, str]]] = {}
    if searched:
        runs = _runs_inside_terms(text, searched)
        if runs or len(searched) > _FEW_TERMS:
            automaton = _automaton(searched)
            places = _term_starts(automaton, text)
            if runs:
                split = _split_places(automaton, text, runs, max(map(len, searched)))
        else:
            places = _repeated_term_starts(text, searched, found)
    spread = _spread(places, split) if split else {}
    across = {surface: again for surfaces in spread.values() for surface, again in surfaces.items()}
    for surface, at_quotes in found.items():
        again = across.pop(surface, None)
        everywhere = None if again is not None else places.pop(surface, None)  # every place of the surface, the quoted ones among them
        at = len(starts)
        starts.extend(sorted(again.union(at_quotes)) if again is not None else everywhere or at_quotes)
        counts.append(len(starts) - at)
    surfaces = list(found)
    for term in searched:  # the surfaces met unquoted only: term by term, each term's in the order met along the text
        if term in spread:
            for surface, again in spread[term].items():
                if surface in across:
                    surfaces.append(surface)
                    counts.append(len(again))
                    starts.extend(sorted(again))
        elif term in places:  # written with other spaces than when quoted
            surfaces.append(term)
            counts.append(len(places[term]))
            starts.extend(places[term])
    line_starts = document.line_starts
    last_line = bisect_right(line_starts, max(starts)) if starts else 0
    return TermSummary("\n".join(surfaces), counts, starts, array("I", line_starts[:last_line]))


def _runs_inside_terms(text: str, searched: dict[str, None]) -> list[tuple[int, int]]:
    """The blank runs a place of a term could span: those between two characters of the terms
    (not an indent, not a space between words of other characters)."""
    blanks = sum(map(text.count, _BLANKS))
    if not blanks:
        return []
    chars: str | set[str] = "".join(searched)  # for a few blanks, `in` on it costs less than making a set of it
    if blanks > _FEW_BLANKS:
        chars = set(chars)
        runs = [m.span() for m in _BLANK_RUN.finditer(text)]
    else:
        runs = _runs_after(text, chars)
    size = len(text)
    return [(a, b) for a, b in runs if a and b < size and text[a - 1] in chars and text[b] in chars]


def _runs_after(text: str, chars: Container[str]) -> list[tuple[int, int]]:
    """The blank runs that follow one of `chars`, as (start, end), by `str.find` (the usual case: a few
    blanks, most of them an indent): a blank after another character or at the start is skipped."""
    runs: list[tuple[int, int]] = []
    find, size = text.find, len(text)
    for ch in _BLANKS:
        at = find(ch)
        while at != -1:
            if at and text[at - 1] in chars:
                end = at + 1
                while end < size and text[end] in _BLANKS:
                    end += 1
                runs.append((at, end))
                at = find(ch, end)
            else:
                at = find(ch, at + 1)
    runs.sort()
    return runs


def _split_places(automaton, text: str, runs: list[tuple[int, int]], longest: int) -> dict[str, list[tuple[int, int, str]]]:
    """Term -> (end, start, surface) of each place written with blanks inside (across some of `runs`).

    Such a place lies within `longest - 1` characters of the runs it spans, so only windows
    around clusters of runs are searched, each with its runs taken out."""
    split: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    reach = longest - 1
    clusters = [[runs[0]]]
    for run in runs[1:]:
        if run[0] - clusters[-1][-1][1] < longest:
            clusters[-1].append(run)
        else:
            clusters.append([run])
    for cluster in clusters:
        low, high = max(0, cluster[0][0] - reach), min(len(text), cluster[-1][1] + reach)
        inside = [(a - low, b - low) for a, b in cluster]
        kept_starts, shifts = _kept_segments(inside)
        for last, (term, back) in automaton.iter(_squeeze(text[low:high], inside)):
            at = last - back
            start = at + shifts[bisect_right(kept_starts, at) - 1]
            end = last + shifts[bisect_right(kept_starts, last) - 1] + 1
            if end - start != len(term):
                split[term].append((low + end, low + start, text[low + start : low + end]))
    return split


def _spread(places: dict[str, list[int]], split: dict[str, list[tuple[int, int, str]]]) -> dict[str, dict[str, set[int]]]:
    """Term -> surface -> starts, for each term with a place written across a blank run: its surfaces
    in the order they are first met along the text."""
    spread: dict[str, dict[str, set[int]]] = {}
    for term, across in split.items():
        size = len(term)
        surfaces: dict[str, set[int]] = spread.setdefault(term, {})
        for _, start, surface in sorted([(start + size, start, term) for start in places.get(term, ())] + across):
            if surface in surfaces:
                surfaces[surface].add(start)
            else:
                surfaces[surface] = {start}
    return spread


def _squeeze(text: str, runs: list[tuple[int, int]]) -> str:
    kept, previous = [], 0
    for start, end in runs:
        kept.append(text[previous:start])
        previous = end
    kept.append(text[previous:])
    return "".join(kept)


def _kept_segments(runs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Where each stretch between blank runs starts in the squeezed text, and how far it moved."""
    kept_starts, shifts, removed = [0], [0], 0
    for start, end in runs:
        removed += end - start
        kept_starts.append(end - removed)
        shifts.append(removed)
    return kept_starts, shifts


def _automaton(terms):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, (term, len(term) - 1))
    automaton.make_automaton()
    return automaton


def _repeated_term_starts(text: str, terms, found: dict[str, list[int]]) -> dict[str, list[int]]:
    """`_term_starts` for a few terms, without an automaton: `str.count` tells, in C, whether a term stands
    anywhere but at its quoted places (none of which another place of it can overlap), and only such a
    term is looked for place by place; the others are left out, their quoted places being all."""
    starts: dict[str, list[int]] = {}
    find = text.find
    for term in terms:
        if text.count(term) > len(found.get(term, ())):
            places = starts[term] = []
            at = find(term)
            while at >= 0:
                places.append(at)
                at = find(term, at + 1)
    return starts


def _term_starts(automaton, text: str) -> dict[str, list[int]]:
    """Where each place of each term in `text` starts, overlaps included, in text order, from one scan
    of the text by an Aho-Corasick automaton of the terms (a term's value: it and its length less one):
    the work is the text's length plus the places."""
    starts: dict[str, list[int]] = {}
    for end, (term, back) in automaton.iter(text):
        if term in starts:
            starts[term].append(end - back)
        else:
            starts[term] = [end - back]
    return starts


def _surface_keys(summaries, folding: dict[int, str]) -> dict[str, str]:
    """Surface -> comparison key for every distinct surface of the set."""
    surfaces: set[str] = set()
    for _, summary in summaries:
        surfaces.update(summary.surfaces)
    return {surface: term_key(surface, folding) for surface in surfaces}


def check_set(summaries: list[tuple[str, TermSummary]], rule: Rule) -> Iterator[Finding]:
    """Keys, variant groups and one-character candidates are worked out once per distinct surface
    of the set; only the places of such a key's surfaces are then read, in the documents holding one."""
    config: TermConfig = rule.config
    keys = _surface_keys(summaries, config.folding)
    surfaces: dict[str, list[str]] = defaultdict(list)
    for surface, key in keys.items():
        surfaces[key].append(surface)
    involved = {key for key, forms_of_key in surfaces.items() if len(forms_of_key) > 1}
    if config.one_char:
        involved |= _one_char_candidates(config.one_char, surfaces)
    involved_surfaces = {surface for key in involved for surface in surfaces[key]}
    forms: dict[str, dict[str, list[tuple[int, str, Place]]]] = defaultdict(lambda: defaultdict(list))
    if involved_surfaces:
        for order, (path, summary) in enumerate(summaries):
            if involved_surfaces.isdisjoint(summary.surfaces):
                continue
            for surface, place in summary.each(involved_surfaces):
                forms[keys[surface]][surface].append((order, path, place))
    for by_surface in forms.values():
        if len(by_surface) > 1:
            yield from _spelling_variants(rule, by_surface)
    if config.one_char:
        yield from _one_char_variants(rule, forms)


def _one_char_candidates(limits: "OneChar", surfaces: dict[str, list[str]]) -> set[str]:
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
