"""`pairs`: paired punctuation that must balance inside a paragraph.

    - id: quotes.unclosed
      kind: pairs
      pairs: ["“”", "‘’", "《》"]
      report: [unclosed]       # unclosed | stray | mismatched | nested | crossing
      nest: {"“”": "‘’"}       # for `nested`: what an inner pair of the same kind should be
      ignore: ['\\d[)）]']      # regexes whose characters are not pair marks (list enumerators)

One analysis per paragraph serves every situation:
- unclosed: an opener with no closer before the paragraph ends;
- stray: a closer with no opener before it;
- mismatched: a closer of one pair while another pair's opener is innermost;
- nested: a pair inside a pair of the same kind (“…“…”…”), which GB/T 15834 writes “…‘…’…”;
- crossing: an opener left open at a paragraph's end and a stray closer in the
  next paragraph: extraction split the quotation. A paragraph that starts with
  the same opener again is the legitimate multi-paragraph quotation and is
  not reported.
Straight quotes (a pair of two equal characters) toggle and are only ever unclosed.
"""

from __future__ import annotations

import re
import warnings
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator

import regex

from ..blocks import any_of
from ..document import Document, Paragraph, SharedKey, shared_key
from ..errors import FieldError
from ..findings import Finding, Location, make_finding
from ..parsed import class_characters, parse_tree, sre
from ..regexes import compile_fast, needs_finder
from .api import ANY, MAPPING, REQUIRED, STRINGS, Field, compile_regexes, choice, choices

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "pairs"
SITUATIONS = ("unclosed", "stray", "mismatched", "nested", "crossing")
FIELDS = (
    Field("pairs", ANY, REQUIRED, "list of two-character strings, opener then closer"),
    Field("report", choices(*SITUATIONS), REQUIRED, "which situations to report"),
    Field("nest", MAPPING, {}, "mapping pair -> pair that an inner pair of the same kind should use (for `nested`)"),
    Field("ignore", STRINGS, [], "regular expressions whose matched characters are not pair marks"),
    Field("scope", choice("paragraph"), "paragraph", "the only scope: pairs never balance across paragraphs"),
)
_NOTHING: frozenset[int] = frozenset()
_UNPAIRED_KEY = shared_key(("pairs-unpaired",))


@dataclass(frozen=True)
class PairsConfig:
    pairs: tuple[str, ...]
    report: frozenset[str]
    nest: dict[str, str]
    ignore: tuple[regex.Pattern, ...]
    needs: str
    marks: re.Pattern = field(init=False, repr=False, compare=False)
    opener_of: dict[str, str] = field(init=False, repr=False, compare=False)
    closer_of: dict[str, str] = field(init=False, repr=False, compare=False)
    ignore_needs: tuple[re.Pattern | None, ...] = field(init=False, repr=False, compare=False)
    flat: re.Pattern | None = field(init=False, repr=False, compare=False)
    unpaired: re.Pattern | regex.Pattern | None = field(init=False, repr=False, compare=False)
    key: tuple = field(init=False, repr=False, compare=False)
    memo_key: SharedKey = field(init=False, repr=False, compare=False)
    ignored_key: SharedKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "marks", re.compile("[" + re.escape(self.needs) + "]"))
        set_(self, "opener_of", {p[0]: p for p in self.pairs})
        set_(self, "closer_of", {p[1]: p for p in self.pairs if p[0] != p[1]})
        set_(self, "ignore_needs", tuple(map(needs_finder, self.ignore)))
        set_(self, "flat", flat_sequence(self.pairs))
        set_(self, "unpaired", unpaired_mark(self.pairs) if self.flat is not None else None)
        # Every option that changes the analysis, so that rules share it only when it is the same.
        set_(self, "key", ("pairs", self.pairs, tuple(p.pattern for p in self.ignore), tuple(sorted(self.nest.items()))))
        set_(self, "memo_key", shared_key(self.key))
        set_(self, "ignored_key", shared_key(("pairs-ignored", self.key[2])))


def flat_sequence(pairs: tuple[str, ...]) -> re.Pattern | None:
    """A pattern for mark sequences that need no scan: each opener directly followed by its own closer.

    None when a character belongs to two pairs, where a mark's role depends on what is open.
    """
    if len({ch for p in pairs for ch in p}) != sum(len(set(p)) for p in pairs):
        return None
    return re.compile("(?:" + "|".join(map(re.escape, pairs)) + ")*")


def unpaired_mark(pairs: tuple[str, ...]) -> re.Pattern | regex.Pattern:
    """Matched from a position, stops at the next mark that is not part of a closed pair on one line
    (group 1); fails when there is none. A closed pair holds no other mark, or pairs of other kinds
    that hold none (“学习《民法典》”): such a paragraph has nothing unclosed, stray, mismatched or
    nested, and its balance needs no scan.

    Possessive, so that a failed match gives nothing back; stdlib `re` has possessive
    quantifiers only from Python 3.11, `compile_fast` falls back to `regex` before.
    """
    marks = re.escape("".join(pairs))
    plain = f"[^{marks}\\n]++"

    def closed(pair: str, inner: list[str]) -> str:
        return f"{re.escape(pair[0])}(?:{'|'.join([plain, *inner])})*+{re.escape(pair[1])}"

    innermost = {p: closed(p, []) for p in pairs}
    outer = "|".join(closed(p, [innermost[q] for q in pairs if q != p]) for p in pairs)
    return compile_fast(f"(?:[^{marks}]++|{outer})*+([{marks}])")


def compile(options: dict) -> PairsConfig:
    raw = options["pairs"]
    if not isinstance(raw, list) or not raw or not all(isinstance(p, str) and len(p) == 2 for p in raw):
        raise FieldError("pairs", "expected a list of two-character strings")
    report, nest = options["report"], options["nest"]
    if not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == 2 and len(v) == 2 and k in raw for k, v in nest.items()
    ):
        raise FieldError("nest", "expected a mapping from one of `pairs` to a two-character string")
    if "nested" in report and not nest:
        raise FieldError("nest", "required when `report` includes nested")
    ignore = compile_regexes("ignore", options["ignore"], fast=True)
    return PairsConfig(tuple(raw), frozenset(report), dict(nest), ignore, "".join(raw))


@dataclass
class Mark:
    offset: int
    pair: str
    closed_at: int = -1
    quote_parent: "Mark | None" = None


@dataclass
class ParagraphPairs:
    """The balance of one paragraph's marks."""

    paragraph: Paragraph
    unclosed: list[Mark] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)
    mismatched: list[tuple[int, str, Mark]] = field(default_factory=list)
    nested: list[tuple[Mark, list[Mark]]] = field(default_factory=list)
    first_mark: tuple[int, str] | None = None


def analyse(document: Document, config: PairsConfig) -> dict[int, ParagraphPairs]:
    """The balance of every paragraph whose marks need a scan, by paragraph index.

    A paragraph left out has nothing unclosed, stray, mismatched or nested;
    its first mark is `paragraph_first_mark(document, config, index)`.
    """
    return document.memo(config.memo_key, lambda: _analyse(document, config))


def _analyse(document: Document, config: PairsConfig) -> dict[int, ParagraphPairs]:
    ignored = ignored_offsets(document, config)
    paragraphs = document.paragraphs
    if config.unpaired is None:
        return {p.index: _analyse_paragraph(p, config, ignored) for p in paragraphs if config.marks.search(p.text)}
    scanned = sorted(_paragraphs_to_scan(document, config).union(ignored))
    return {i: _analyse_paragraph(paragraphs[i], config, ignored) for i in scanned}


def _paragraphs_to_scan(document: Document, config: PairsConfig) -> set[int]:
    """Paragraphs that may hold a mark that is not part of a closed pair on one line, for every pair set
    of the document's rules from one search of its text: those of another set that holds all of this
    set's pairs serve (a paragraph whose marks balance as pairs of that set balances as pairs of this one,
    whose marks are some of them), else this set's own search.

    Found for a pair set they may include paragraphs whose marks balance, which a scan finds balanced."""
    found_by_pairs: dict[frozenset[str], set[int]] = document.memo(_UNPAIRED_KEY, dict)
    pairs = frozenset(config.pairs)
    for other, found in found_by_pairs.items():
        if pairs <= other:
            return found
    found = found_by_pairs[pairs] = _paragraphs_with_unpaired_marks(document, config)
    return found


def _paragraphs_with_unpaired_marks(document: Document, config: PairsConfig) -> set[int]:
    """Indices of the paragraphs where some mark is not part of a closed pair on one line (see
    `unpaired_mark`); every other paragraph's marks balance.

    The search goes on after a paragraph's line break, which `paragraph_at` counts as the paragraph's own."""
    text, match, found = document.text, config.unpaired.match, set()
    m = match(text)
    while m is not None:
        paragraph = document.paragraph_at(m.start(1))
        if paragraph is None:  # a mark that is white space, on a blank line
            m = match(text, m.end())
            continue
        found.add(paragraph.index)
        m = match(text, paragraph.end + 1)
    return found


def paragraph_first_mark(document: Document, config: PairsConfig, index: int) -> tuple[int, str] | None:
    """The first mark of paragraph `index` that counts (offset, character)."""
    analysed = analyse(document, config).get(index)
    if analysed is not None:
        return analysed.first_mark
    if index >= len(document.paragraphs):
        return None
    paragraph = document.paragraphs[index]
    m = config.marks.search(paragraph.text)
    return (paragraph.start + m.start(), m.group()) if m else None


def ignored_offsets(document: Document, config: PairsConfig) -> dict[int, set[int]]:
    """By paragraph index, the offsets in it that an `ignore` pattern exempts (only paragraphs that have some);
    they depend only on the patterns and the text, so rules share them."""
    return document.memo(config.ignored_key, lambda: _ignored_by_paragraph(document, config))


def _ignored_by_paragraph(document: Document, config: PairsConfig) -> dict[int, set[int]]:
    """The paragraphs holding what some pattern needs are searched once for any of the patterns
    (`_any_ignored`); only those where it finds a match are read for all matches of each pattern."""
    if not config.ignore:
        return {}
    needs = _any_needed(config.ignore_needs)
    holding = document.paragraphs if needs is None else _paragraphs_holding(document, needs)
    some = _any_ignored(config.ignore)
    found: dict[int, set[int]] = {}
    for paragraph in [p for p in holding if some(p.text)]:
        offsets: set[int] = set()
        for m in _ignored_matches(paragraph.text, config):
            offsets.update(range(m.start(), m.end()))
        if offsets:
            found[paragraph.index] = offsets
    return found


@lru_cache(maxsize=16)
def _any_ignored(patterns: tuple) -> Callable[[str], object]:
    """Whether some `ignore` pattern matches in a text (kept out of the config, which a pool may pickle): one
    search led by a class of the characters their matches start with (`quantities.leading_characters`), their
    alternation tried only where one stands, as the figure scan is led; else their alternation
    (`blocks.any_of`), which `re` tries at every position."""
    from ..quantities import leading_characters

    plain = [p for p in patterns if isinstance(p, re.Pattern) and p.groups == 0]
    if len(plain) < len(patterns) or len({p.flags for p in plain}) != 1:
        return any_of(patterns)
    leading = [leading_characters(p) for p in plain]
    if any(not chars for chars in leading):
        return any_of(patterns)
    firsts = "".join(sorted(set().union(*leading)))  # type: ignore[arg-type]
    alternation = "|".join(f"(?:{p.pattern})" for p in plain)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            led = re.compile(f"[{re.escape(firsts)}](?<=(?=(?:{alternation}))[\\s\\S])", plain[0].flags)
    except (re.error, Warning, OverflowError, RecursionError):
        return any_of(patterns)
    return led.search


def _ignored_matches(text: str, config: PairsConfig) -> Iterator:
    """Every match of each `ignore` pattern in `text`, a pattern at a time."""
    for pattern, needs in zip(config.ignore, config.ignore_needs):
        if needs is None or needs.search(text):
            yield from pattern.finditer(text)


def _analyse_paragraph(paragraph: Paragraph, config: PairsConfig, ignored_by_index: dict[int, set[int]]) -> ParagraphPairs:
    marks = paragraph_marks(paragraph, config)
    if not marks:
        return ParagraphPairs(paragraph)
    ignored = ignored_by_index.get(paragraph.index, _NOTHING)
    if not ignored and config.flat is not None and config.flat.fullmatch(marks.chars):
        # Every opener closes at once: nothing unclosed, stray, mismatched or nested.
        return ParagraphPairs(paragraph, first_mark=(paragraph.start + marks[0][0], marks[0][1]))
    return _scan_paragraph(paragraph, config, ignored, marks)  # type: ignore[arg-type]


def paragraph_marks(paragraph: Paragraph, config: PairsConfig) -> Marks:
    """(offset in the paragraph, character) of each of its marks."""
    text = paragraph.text
    return Marks(array("q", (m.start() for m in config.marks.finditer(text))), _not_marks(config.needs).sub("", text))


class Marks:
    """(offset, character) of each mark of a paragraph, held as an array of offsets and a string of the marks:
    a paragraph of one long line holds hundreds of thousands of them, a tuple and a string each ~170 bytes."""

    __slots__ = ("offsets", "chars")

    def __init__(self, offsets: array, chars: str):
        self.offsets, self.chars = offsets, chars

    def __len__(self) -> int:
        return len(self.chars)

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return zip(self.offsets, self.chars)

    def __getitem__(self, index: int) -> tuple[int, str]:
        return self.offsets[index], self.chars[index]


@lru_cache(maxsize=None)
def _not_marks(needs: str) -> re.Pattern:
    return re.compile("[^" + re.escape(needs) + "]+")


def _scan_paragraph(paragraph: Paragraph, config: PairsConfig, ignored: set[int], marks: Marks) -> ParagraphPairs:
    """The balance of a paragraph's marks (`paragraph_marks`), found by walking them with a stack of open marks."""
    result = ParagraphPairs(paragraph)
    text = paragraph.text
    opener_of, closer_of = config.opener_of, config.closer_of
    nest_kinds = set(config.nest)
    # Bookkeeping that keeps every step O(1), so a hostile paragraph of
    # thousands of unbalanced marks stays linear: the last offset of each
    # closer, and how many marks of each pair are open.
    last_at: dict[str, int] = {}
    open_count: dict[str, int] = {}
    stack: list[Mark] = []
    matched: list[Mark] = []

    def pop() -> Mark:
        mark = stack.pop()
        open_count[mark.pair] -= 1
        return mark

    for i, ch in marks:
        if i in ignored:
            continue
        offset = paragraph.start + i
        pair = opener_of.get(ch) or closer_of[ch]
        if result.first_mark is None:
            result.first_mark = (offset, ch)
        if ch in opener_of and not (pair[0] == pair[1] and stack and stack[-1].pair == pair):
            parent = (stack[-1] if stack[-1].pair in nest_kinds else stack[-1].quote_parent) if stack else None
            stack.append(Mark(offset, pair, quote_parent=parent))
            open_count[pair] = open_count.get(pair, 0) + 1
            continue
        if stack and stack[-1].pair == pair:
            mark = pop()
            mark.closed_at = offset
            matched.append(mark)
        elif open_count.get(pair):
            result.mismatched.append((offset, ch, stack[-1]))
            while stack[-1].pair != pair:
                pop()
            mark = pop()
            mark.closed_at = offset
            matched.append(mark)
        elif stack and stack[-1].pair[0] != stack[-1].pair[1] and _last(text, stack[-1].pair[1], last_at) <= i:
            # 《民法典” : the wrong closer stands where the innermost opener's closer belongs.
            result.mismatched.append((offset, ch, pop()))
        else:
            result.stray.append((offset, ch))
    result.unclosed = stack
    groups: dict[int, tuple[Mark, list[Mark]]] = {}
    outermost: dict[int, Mark] = {}
    for mark in matched:
        outer = mark.quote_parent
        if outer is None or outer.pair != mark.pair or outer.closed_at < 0:
            continue
        outer = _outermost_same_pair(outer, outermost)
        groups.setdefault(outer.offset, (outer, []))[1].append(mark)
    result.nested = [groups[k] for k in sorted(groups)]
    return result


def _paragraphs_holding(document: Document, needs: re.Pattern) -> Iterator[Paragraph]:
    """The paragraphs in which `needs` finds a character (and perhaps one ending just before such a
    character), each found by one search of the text from the end of the one before."""
    text = document.text
    m = needs.search(text)
    while m is not None:
        paragraph = document.paragraph_at(m.start())
        if paragraph is None:
            m = needs.search(text, m.end())
            continue
        yield paragraph
        m = needs.search(text, paragraph.end + 1)


@lru_cache(maxsize=16)
def _any_needed(finders: tuple[re.Pattern | None, ...]) -> re.Pattern | None:
    """One search for what some `ignore` pattern needs: one class of their characters where each needs one
    of a few (a search skips to them, where an alternation tries each branch at every position); None when
    one of them needs nothing in particular."""
    if None in finders:
        return None
    chars: set[str] = set()
    for finder in finders:
        parsed = parse_tree(finder)
        items = list(parsed) if parsed is not None else []
        found = class_characters(items, 64) if len(items) == 1 and items[0][0] is sre.LITERAL else None
        if len(items) == 1 and items[0][0] is sre.IN:
            found = class_characters(items[0][1], 64)
        if found is None:
            return re.compile("|".join(f.pattern for f in finders))
        chars |= found
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _ignored_in_text(text: str, config: PairsConfig) -> set[int]:
    """Offsets of characters that an `ignore` pattern says are not pair marks here."""
    ignored: set[int] = set()
    for m in _ignored_matches(text, config):
        ignored.update(range(m.start(), m.end()))
    return ignored


def _outermost_same_pair(mark: Mark, cache: dict[int, Mark]) -> Mark:
    """The outermost closed mark reached from `mark` through parents of its own pair (memoised by offset)."""
    chain = []
    outer = mark
    while outer.offset not in cache:
        parent = outer.quote_parent
        if parent is None or parent.pair != mark.pair or parent.closed_at < 0:
            break
        chain.append(outer)
        outer = parent
    outer = cache.get(outer.offset, outer)
    for m in chain:
        cache[m.offset] = outer
    return outer


def _last(text: str, ch: str, cache: dict[str, int]) -> int:
    if ch not in cache:
        cache[ch] = text.rfind(ch)
    return cache[ch]


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: PairsConfig = rule.config
    analysed = analyse(document, config)
    if not analysed:  # every mark of the document is in a closed pair
        return
    crossing_openers: set[int] = set()
    crossing_closers: set[int] = set()
    continued: set[int] = set()
    yield from _crossing_findings(document, rule, analysed, crossing_openers, crossing_closers, continued)
    explained_openers = crossing_openers | continued
    for para in analysed.values():
        yield from _paragraph_findings(document, rule, para, explained_openers, crossing_closers)


def _crossing_findings(document: Document, rule: Rule, analysed: dict, crossing_openers: set[int],
                       crossing_closers: set[int], continued: set[int]) -> Iterator[Finding]:
    """Quotations that run on into the next paragraph: an opener the next paragraph opens again (a
    quotation of several paragraphs: `continued`), or closes (`crossing`: the pair is recorded)."""
    config: PairsConfig = rule.config
    paragraphs = document.paragraphs
    for index, here in analysed.items():
        if not here.unclosed or index + 1 >= len(paragraphs):
            continue
        opening = paragraph_first_mark(document, config, index + 1)
        after_stray = analysed[index + 1].stray if index + 1 in analysed else []
        for mark in here.unclosed:
            if opening and opening[1] == mark.pair[0] and opening[0] - paragraphs[index + 1].start <= 2:
                continued.add(mark.offset)
                continue
            closer = next((o for o, ch in after_stray if ch == mark.pair[1]), None)
            if closer is not None and closer not in crossing_closers:
                crossing_openers.add(mark.offset)
                crossing_closers.add(closer)
                if "crossing" in config.report:
                    yield make_finding(
                        document, rule, mark.offset, mark.offset + 1,
                        related=[Location.of(document, closer, closer + 1, f"{mark.pair[1]} 在下一段")],
                        open=mark.pair[0], close=mark.pair[1], line=document.position(closer)[0],
                    )


def _paragraph_findings(document: Document, rule: Rule, para, explained_openers: set[int],
                        crossing_closers: set[int]) -> Iterator[Finding]:
    """One paragraph's own findings, past the marks a neighbouring paragraph explains."""
    config: PairsConfig = rule.config
    if "unclosed" in config.report:
        for mark in para.unclosed:
            if mark.offset not in explained_openers:
                yield make_finding(document, rule, mark.offset, mark.offset + 1, open=mark.pair[0], close=mark.pair[1])
    if "stray" in config.report:
        for offset, ch in para.stray:
            if offset not in crossing_closers:
                pair = next(p for p in config.pairs if p[1] == ch)
                yield make_finding(document, rule, offset, offset + 1, open=pair[0], close=pair[1])
    if "mismatched" in config.report:
        for offset, ch, innermost in para.mismatched:
            yield make_finding(
                document, rule, offset, offset + 1,
                related=[Location.of(document, innermost.offset, innermost.offset + 1, f"未闭合的 {innermost.pair[0]}")],
                close=ch, open=innermost.pair[0], expected=innermost.pair[1],
                line=document.position(innermost.offset)[0], column=document.position(innermost.offset)[1],
            )
    if "nested" in config.report:
        for outer, inner in para.nested:
            yield _nested_finding(document, rule, outer, inner)


def _nested_finding(document: Document, rule: Rule, outer: Mark, inner: list[Mark]) -> Finding:
    start, end = outer.offset, outer.closed_at + 1
    chars = list(document.text[start:end])
    for mark in inner:
        replacement = rule.config.nest[mark.pair]
        chars[mark.offset - start] = replacement[0]
        chars[mark.closed_at - start] = replacement[1]
    quoted = document.text[start:end]
    excerpt = quoted if len(quoted) <= 24 else quoted[:20] + "…"
    return make_finding(
        document, rule, start, end,
        replacement="".join(chars),
        excerpt=excerpt, open=outer.pair[0], close=outer.pair[1],
        inner=rule.config.nest[outer.pair], count=len(inner),
    )


def can_fix(config: PairsConfig) -> bool:
    return "nested" in config.report
