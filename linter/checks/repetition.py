"""`repetition`: text printed twice in a row — 培训培训, 有战斗力、有战斗力, a sentence twice.

    - id: duplication.word
      kind: repetition
      unit: '\\p{Han}'          # what one unit is (default: a Han character)
      min: 2                    # length of the repeated part, in units
      max: 8
      separators: "、，"        # characters allowed between the two copies
      followed_by: '[，。的]|$'  # what must come right after the second copy
      exceptions: [研究研究, 高高兴兴]          # words that legitimately repeat
      exception_patterns: ['(\\p{Han})\\1(\\p{Han})\\2']   # AABB and other shapes
      across_words: end         # silent when a dictionary word runs out past the last copy (or: any edge)
      clause_separators: "，"    # after one of these the second copy must end its clause ...
      clause_end: '[，。；]|$'    # ... as this says (A，A的B opens a clause with A: anadiplosis)
      run_message: "“{text}”连续重复 {count} 次"   # for three copies or more

    - id: duplication.sentence
      kind: repetition
      mode: sentence            # consecutive identical sentences
      min: 8                    # shortest sentence considered, in characters

The finding spans both copies ({match}); {text} is the repeated part; the
fix (unsafe: an editor should look) keeps one copy. A run of three copies or
more (长长长…, 培训培训培训) is one finding over the whole run, with the
`run_message` ({text}: the shortest repeated unit, {count}: how many times).

With `across_words`, a repetition is one of characters, not of words, when
jieba's dictionary reads a word out past its last copy's end and words of two
or more characters cover the copies whole (`end`: 俄罗斯|罗斯托夫州,
大队|大队长; a chunk printed twice, 司法解司法解释, leaves 解 alone and is still
reported), or a word across either edge (`any`: 实事求是|是, 被|被害人). A compound followed by its own last word (业务培训|培训) crosses
the start only, so `end` still reports it; copies whose start and seam both fall inside words
(带来|越来越) are characters of those words, whatever the edge. A stretch that repeats with a period is
tried at each phase (总公司山东省公司山东省: 公司山东省 from its first or its
second character on), and the first phase that reads as a repetition of words
is reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple

import regex

from ..document import CLOSING_MARKS, SENTENCE_END, Document, sentence_pieces
from ..findings import Finding, make_finding
from ..parsed import parse_tree, sre
from ..regexes import compile_fast, matches_one_char
from .api import CHARACTERS, STRING, STRINGS, Field, choice, compile_regex, compile_regexes, count, integer
from .pattern import LazyExceptionSpans, derived_needs

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "repetition"
MIN_BY_MODE = {"adjacent": 2, "sentence": 8}
FIELDS = (
    Field("mode", choice(*MIN_BY_MODE), "adjacent", "adjacent: a unit run repeated at once; sentence: a sentence repeated at once"),
    Field("unit", STRING, r"\p{Han}", "regular expression for one unit"),
    Field("min", count(1), None, "shortest repeated part, in units (sentence mode: in characters); default by mode: "
          + ", ".join(f"{mode} {n}" for mode, n in MIN_BY_MODE.items())),
    Field("max", count(1), 8, "longest repeated part, in units"),
    Field("separators", CHARACTERS, "", "characters of which one must stand between the two copies (none: the copies touch)"),
    Field("followed_by", STRING, None, "regular expression that must match right after the second copy"),
    Field("exceptions", STRINGS, [], "words that legitimately repeat; a finding inside one is dropped"),
    Field("exception_patterns", STRINGS, [], "regular expressions for legitimate shapes (AABB, ABAB)"),
    Field("across_words", choice("end", "any"), None,
          "silent when a dictionary word runs out past the copies' end (end) or across either edge (any)"),
    Field("clause_separators", CHARACTERS, "", "separators that end a clause: after one, the second copy must be followed by `clause_end`"),
    Field("clause_end", STRING, r"[\p{P}\s]|$", "regular expression for what ends the second copy's clause (punctuation or the end)"),
    Field("run_message", STRING, None, "message for a run of three copies or more ({text}: the repeated unit, {count}: copies)"),
)
# How many characters on each side of a copy's edge are read to find a word across it.
EDGE_WINDOW = 6
# Copies longer than this are never read as words of other words.
MAX_WORDS_SPAN = 32
# The text cut after each sentence end and after each line break (`_some_piece_twice`).
_LINE_PIECE = re.compile(f"[^{SENTENCE_END}\\n]*(?:[{SENTENCE_END}]+[{CLOSING_MARKS}]*|\\n|$)")


@dataclass(frozen=True)
class RepetitionConfig:
    mode: str
    pattern: regex.Pattern | None
    min: int
    exceptions: tuple[regex.Pattern, ...]
    needs: str | None = None
    across_words: str | None = None
    clause_separators: str = ""
    clause_end: regex.Pattern | None = None
    run_message: str | None = None
    candidates: SeparatorCandidates | None = None
    shifts: tuple[int, int] | None = None
    """Copies of one-character units that touch: their shortest and longest length, for `shifted_starts`."""


class SeparatorCandidates(NamedTuple):
    """Where a repetition across a separator can be (see `separator_candidates`), and its copies' lengths."""

    pattern: Any
    shortest: int
    longest: int


def compile(options: dict) -> RepetitionConfig:
    mode, words, run_message = options["mode"], options["exceptions"], options["run_message"]
    low = MIN_BY_MODE[mode] if options["min"] is None else options["min"]
    exceptions = compile_regexes("exception_patterns", options["exception_patterns"], fast=True)
    if words:
        exceptions += (re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True))),)
    if mode == "sentence":
        return RepetitionConfig(mode, None, low, exceptions, run_message=run_message)
    unit = options["unit"]
    unit_pattern = compile_regex("unit", unit, fast=True)
    high = integer("max", options["max"], low)
    separators = options["separators"]
    sep = f"(?P<sep>[{regex.escape(separators)}])" if separators else ""
    followed = options["followed_by"]
    after = ""
    if followed is not None:
        compile_regex("followed_by", followed)
        after = f"(?=(?:{followed}))"
    # A one-character unit that no separator matches: the first copy can only end where
    # the separator starts, so giving characters back never helps (possessive, no backtracking).
    possessive = "+" if separators and matches_one_char(unit_pattern) and not any(map(unit_pattern.fullmatch, separators)) else ""
    # One unit exactly is written without a count, which would hide from `re` the class every match starts with.
    repeat = "" if low == high == 1 else f"{{{low},{high}}}{possessive}"
    pattern = compile_regex("unit", f"(?P<text>(?:{unit}){repeat}){sep}(?P=text){after}", fast=True)
    clause_end = compile_regex("clause_end", options["clause_end"])
    candidates = separator_candidates(unit_pattern, unit, separators, low, high) if possessive else None
    touching = (not separators and matches_one_char(unit_pattern) and not pattern.flags & re.IGNORECASE
                and not _few_characters(unit_pattern))
    return RepetitionConfig(
        mode, pattern, low, exceptions, derived_needs([pattern]), options["across_words"], options["clause_separators"],
        clause_end, run_message, candidates, (low, high) if touching else None,
    )


def _few_characters(unit_pattern: Any, most: int = 64) -> bool:
    """Whether the unit is a class of at most `most` listed characters (的是在和…): the pattern's own search
    skips in C to the places where one stands, fewer than the places where any character repeats."""
    parsed = parse_tree(unit_pattern)
    if parsed is None or len(parsed) != 1:
        return False
    op, value = parsed[0]
    if op == sre.LITERAL:
        return True
    return op == sre.IN and len(value) <= most and all(item[0] == sre.LITERAL for item in value)


def separator_candidates(unit_pattern: Any, unit: str, separators: str, low: int, high: int) -> SeparatorCandidates | None:
    """A search of the reversed text for the separators a repetition can stand at: the two units after
    one occur, in order, within `high` units before it, every character between them a unit
    (有战斗力、有战斗力: 有战 after 、 and 有战 four before it). Found in one pass that skips from separator to
    separator, where the repetition pattern tries every position.

    Only for a unit of one character class (read backwards it means the same) and copies of two or more."""
    parsed = parse_tree(unit_pattern)
    if low < 2 or parsed is None or len(parsed) != 1 or parsed[0][0] not in (sre.IN, sre.LITERAL, sre.NOT_LITERAL, sre.ANY):
        return None
    one, seps = f"(?:{unit})", f"[{regex.escape(separators)}]"
    pattern = compile_fast(f"{seps}(?<=({one})({one}){seps})(?={one}{{{low - 2},{high - 2}}}?\\1\\2)")
    return SeparatorCandidates(pattern, low, high)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: RepetitionConfig = rule.config
    if config.mode == "sentence":
        yield from _repeated_sentences(document, rule)
        return
    text = document.text
    excepted = LazyExceptionSpans(document, config.exceptions)
    if config.candidates:
        search = _candidate_search(text, config)
    elif config.shifts:
        search = _shifted_search(text, config)
    else:
        search = partial(config.pattern.search, text)
    position = 0
    while True:
        m = search(position)
        if m is None:
            return
        found, position = _repetition(text, m, config)
        # the exceptions judge the two copies the pattern found (哈哈哈哈 is excepted in a run of five as in one of four)
        if found is None or excepted.covers(found.start, found.start + m.end() - m.start()):
            continue
        if found.copies == 2:
            yield make_finding(document, rule, found.start, found.end, replacement=found.kept, text=found.unit)
        else:
            message = (config.run_message or rule.message).format_map({"text": found.unit, "count": found.copies, "match": found.unit})
            yield make_finding(document, rule, found.start, found.end, replacement=found.kept, message=message)


def _candidate_search(text: str, config: RepetitionConfig) -> Callable[[int], Any]:
    """`config.pattern.search(text, position)`, tried only at the starts a candidate separator allows: those
    in reach of it whose character is the one after it, in text order (the first match is the leftmost)."""
    candidates = config.candidates
    shortest, longest, match = candidates.shortest, candidates.longest, config.pattern.match
    last = len(text) - 1
    found = [last - m.start() for m in candidates.pattern.finditer(text[::-1])]
    found.reverse()
    index = 0

    def search(position: int):
        nonlocal index
        while index < len(found):
            separator = found[index]
            after = text[separator + 1]
            for start in range(max(position, separator - longest), separator - shortest + 1):
                if text[start] == after:
                    m = match(text, start)
                    if m is not None:
                        return m
            index += 1
        return None

    return search


def shifted_spans(text: str, shortest: int, longest: int) -> list[tuple[int, int]]:
    """Where copies of k touching characters (shortest <= k <= longest) can start: text[i:i+k] == text[i+k:i+2k],
    as sorted, disjoint [start, end) spans. Found for every k in C: the low bytes of the code points read as one
    integer, XORed with itself shifted by k characters, have a run of k zero bytes where k characters can equal
    the k before them (characters that share only their low byte are tried in vain); a candidate is a place in
    such a run, not every place where two characters repeat k apart. Spans, not places: a run of one character
    millions long is one span, not millions of integers."""
    size = len(text)
    packed = int.from_bytes(text.encode("utf-32-le", "surrogatepass")[::4], "big")
    found: list[tuple[int, int]] = []
    for k in range(shortest, min(longest, size // 2) + 1):
        equal = (packed ^ (packed >> 8 * k)).to_bytes(size, "big")
        found.extend((run.start() - k, run.end() - 2 * k + 1) for run in _zero_run(k).finditer(equal, k))
    found.sort()
    merged: list[list[int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def shifted_starts(text: str, shortest: int, longest: int) -> list[int]:
    """Every place of `shifted_spans`."""
    return [at for start, end in shifted_spans(text, shortest, longest) for at in range(start, end)]


@lru_cache(maxsize=64)
def _zero_run(length: int) -> re.Pattern:
    return re.compile(b"\x00" * length + b"\x00*")  # a literal prefix, which `re` looks for in C


def _shifted_search(text: str, config: RepetitionConfig) -> Callable[[int], Any]:
    """`config.pattern.search(text, position)`, tried only at the places of `shifted_spans` from `position` on,
    in text order (the first match is the leftmost)."""
    assert config.shifts is not None and config.pattern is not None
    spans, match = shifted_spans(text, *config.shifts), config.pattern.match
    ends = [end for _, end in spans]

    def search(position: int):
        for index in range(bisect_right(ends, position), len(spans)):
            start, end = spans[index]
            for at in range(max(start, position), end):
                m = match(text, at)
                if m is not None:
                    return m
        return None

    return search


@dataclass(frozen=True)
class Repetition:
    start: int
    end: int
    unit: str
    copies: int
    kept: str   # what the fix leaves: one copy


def _repetition(text: str, m, config: RepetitionConfig) -> tuple[Repetition | None, int]:
    """The repetition a match starts -- the whole run of copies, at a phase whose copies stand on word
    boundaries when `across_words` asks for it; None when no reading of it is a repetition of words --
    and where the next search starts."""
    unit, separator = m["text"], m.groupdict().get("sep") or ""
    start = m.start()
    if separator:
        if separator in config.clause_separators and not config.clause_end.match(text, m.end()):
            return None, m.end()
        run = _copies(text, separator + unit, m.end())
        end = m.end() + run * (len(separator) + len(unit))
        if config.across_words and _across_words(text, start, end, config.across_words):
            return None, end
        return Repetition(start, end, unit, 2 + run, unit), end
    period = _period(unit)
    stretch_end = m.end() + _copies(text, period, m.end()) * len(period)
    step = len(period)
    # the periodic stretch goes on past whole periods where its next characters follow the period
    while stretch_end < len(text) and text[stretch_end] == text[stretch_end - step]:
        stretch_end += 1
    for phase in range(step if config.across_words else 1):
        first = start + phase
        copies = (stretch_end - first) // step
        if copies < 2:
            break
        end = first + copies * step
        if config.across_words and (_across_words(text, first, end, config.across_words) or _inside_words(text, first, step)):
            continue
        if copies == 2 and phase == 0:
            return Repetition(first, end, unit, 2, unit), end
        shifted = text[first : first + step]
        return Repetition(first, end, shifted, copies, shifted), end
    return None, max(m.end(), stretch_end - step)


def _period(unit: str) -> str:
    """The shortest string that `unit` is made of, repeated (长 for 长长长, 培训 for 培训培训)."""
    size = len(unit)
    for step in range(1, size):
        if size % step == 0 and unit[:step] * (size // step) == unit:
            return unit[:step]
    return unit


def _copies(text: str, piece: str, at: int) -> int:
    """How many copies of `piece` follow one another from `at`."""
    found = _run_pattern(piece).match(text, at)
    return (found.end() - at) // len(piece) if found else 0


@lru_cache(maxsize=256)
def _run_pattern(piece: str) -> re.Pattern:
    return re.compile(f"(?:{re.escape(piece)})*")


def _across_words(text: str, start: int, end: int, edges: str) -> bool:
    """Whether the copies in [start, end) are characters of other words: a dictionary word runs into them from before
    or out of them past their end (`any`); or one runs out past their end and words of two or more characters cover
    them whole (`end`: 俄罗斯|罗斯托夫州, 大队|大队长; not 北京市检京市检察院, a chunk printed twice, whose cut leaves
    single characters)."""
    from ..words import word_across

    window = EDGE_WINDOW
    if edges == "any" and word_across(text[max(0, start - window) : start], text[start : start + window]) is not None:
        return True
    if word_across(text[max(0, end - window) : end], text[end : end + window]) is None:
        return False
    return edges == "any" or _covered_by_words(text, start, end)


def _inside_words(text: str, start: int, step: int) -> bool:
    """Whether dictionary words run across both the first copy's start and the seam between the first two copies
    (带来|越来越: 来越来越): the copies are pieces of other words, cut nowhere a word begins."""
    from ..words import word_across

    window = EDGE_WINDOW
    return all(
        word_across(text[max(0, at - window) : at], text[at : at + window]) is not None for at in (start, start + step)
    )


def _covered_by_words(text: str, start: int, end: int) -> bool:
    """Whether the cut of the text around [start, end) covers it with words of two or more characters only."""
    from ..words import words

    if end - start > MAX_WORDS_SPAN:
        return False
    low = max(0, start - EDGE_WINDOW)
    position = low
    for word in words(text[low : end + EDGE_WINDOW]):
        if position < end and position + len(word) > start and len(word) == 1:
            return False
        position += len(word)
    return True


def _repeated_sentences(document: Document, rule: Rule) -> Iterator[Finding]:
    """Consecutive identical sentences: one finding from the second copy to the last, the count in the message."""
    config: RepetitionConfig = rule.config
    if not _some_piece_twice(document.text) or not _some_sentence_twice(document):
        return
    text = document.text
    sentences = document.sentences
    stripped = [text[start:end].strip() for start, end in sentences]
    i = 0
    while i + 1 < len(sentences):
        first = stripped[i]
        j = i + 1
        while j < len(sentences) and stripped[j] == first:
            j += 1
        copies = j - i
        if copies < 2 or len(first) < config.min or any(p.fullmatch(first) for p in config.exceptions):
            i += 1
            continue
        second, last = sentences[i + 1], sentences[j - 1]
        start = _content_start(text, second)
        message = None if copies == 2 else (config.run_message or rule.message).format_map({"text": first, "count": copies, "match": first})
        yield make_finding(
            document, rule, start, _content_start(text, last) + len(first),
            replacement="", fix_span=(sentences[i].end, last.end), message=message, text=first,
        )
        i = j


def _some_piece_twice(text: str) -> bool:
    """Whether some piece of the text cut after each sentence end and after each line break occurs twice (white
    space around it aside), found by one search of the whole text. A sentence that occurs twice ends with such
    a piece twice (its last line), since a paragraph starts and ends at a line's, so text without one has no
    sentence twice and its paragraphs are not cut one by one."""
    pieces = list(map(str.strip, _LINE_PIECE.findall(text)))
    empty = pieces.count("")
    return len(set(pieces)) - (1 if empty else 0) < len(pieces) - empty


def _some_sentence_twice(document: Document) -> bool:
    """Whether some sentence of the document occurs twice, as `Document.sentences` cuts them (white space
    around it aside): found from each paragraph's pieces and one set, without a span for each sentence."""
    pieces: list[str] = []
    for paragraph in document.paragraphs:
        pieces += sentence_pieces(paragraph.text)
    stripped = list(map(str.strip, pieces))
    empty = stripped.count("")
    return len(set(stripped)) - (1 if empty else 0) < len(stripped) - empty


def _content_start(text: str, sentence) -> int:
    """Where a sentence's text starts, past the white space before it."""
    piece = text[sentence.start : sentence.end]
    return sentence.start + len(piece) - len(piece.lstrip())


def can_fix(config: RepetitionConfig) -> bool:
    return True
