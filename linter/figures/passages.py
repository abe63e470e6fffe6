"""Passages, clauses and the role of each figure in them.

"The same whole" is looked for inside one passage: a paragraph, or a run of
paragraphs when extraction cut a sentence at a paragraph break (a long
paragraph that ends without 。！？…；：). Inside a passage, sentences end at
。！？…, clauses at ，；：, and "segments" (the parallel members of an
enumeration) at ；. A count whose clause carries a total cue (共, 合计 …) is a
whole, and so is a count followed by a whole-after cue (2150家企业中，有…); a
percentage whose clause carries 占/占比 is a share, one with a rate word
(完成率) a rate — a share whose count must name the rate's act (有1458人完成…)
— and one with 同比/较/增长 … a change, never a share. A share is attached to
the count just before it (2132件，占…44%).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import regex

from ..document import CLOSING_MARKS, SENTENCE_END as SENTENCE_END_MARKS, Document
from ..quantities import COUNT, PERCENT, FigureLexicon, Quantity, parse_spans, parse_spans_near
from ..regexes import compile_fast, property_characters

SENTENCE_END = re.compile(f"[{SENTENCE_END_MARKS}]+[{CLOSING_MARKS}]*")
# Led by a character class, which `re` searches for in a tight loop; an ASCII comma before three digits is a thousands separator.
CLAUSE_SEPARATOR = re.compile(r"[，；：;:,](?!(?<=,)[0-9]{3}(?![0-9]))")
_SEGMENT_SEPARATOR = re.compile("[；;]")
_THOUSANDS = re.compile(r"[0-9]{3}(?![0-9])")
FINAL_MARKS = SENTENCE_END_MARKS + "；;：:"
CLAUSE_OR_SENTENCE_END = "，；：;:" + SENTENCE_END_MARKS
CLOSING_MARKS = "”’」』）)》】"
# What `regex` counts as \s (Unicode White_Space; str.isspace also takes U+001C..U+001F).
WHITE_SPACE = property_characters("space")
MIN_CUT_PARAGRAPH = 40

TOTAL, SHARE, CHANGE, PLAIN = "total", "share", "change", "plain"


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns (each an alternation of the rule's regular expressions, or None)."""

    total: regex.Pattern | None = None
    share: regex.Pattern | None = None
    change: regex.Pattern | None = None
    total_after: regex.Pattern | None = None
    rate: regex.Pattern | None = None

    def key(self) -> tuple[str, ...]:
        return self._key

    @cached_property
    def _key(self) -> tuple[str, ...]:
        """Built once: every passage check looks its analyses up by it, for every document."""
        return tuple(p.pattern if p else "" for p in (self.total, self.share, self.change, self.total_after, self.rate))


@dataclass(eq=False)
class Figure:
    """A quantity in its passage: offsets are document offsets."""

    q: Quantity
    start: int
    end: int
    sentence: int
    clause: int
    segment: int
    role: str = PLAIN
    subject: str = ""
    rate: str = ""
    whole: str = ""  # the whole a share names between its cue and itself: 占全国涉外案件数的72% -> 全国涉外案件数
    cue: str = ""  # the share cue that made it a share (占比, 比例)
    share: "Figure | None" = None
    count: "Figure | None" = None

    @property
    def is_count(self) -> bool:
        return self.q.kind == COUNT

    @property
    def is_percent(self) -> bool:
        return self.q.kind == PERCENT


@dataclass
class Passage:
    start: int
    end: int
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def figures_within(self, start: int, end: int) -> list[Figure]:
        """The figures that start at passage offsets `start` <= offset < `end`, found by bisection (figures
        are in text order), so a check that looks near each figure stays linear in a long passage."""
        starts = self._figure_starts
        first = bisect.bisect_left(starts, start + self.start)
        return self.figures[first : bisect.bisect_left(starts, end + self.start, first)]

    @cached_property
    def _figure_starts(self) -> list[int]:
        return [f.start for f in self.figures]


def passage_spans(document: Document) -> list[tuple[int, int]]:
    """Paragraph runs: a long paragraph without a final mark continues in the next one."""
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for p in document.paragraphs:
        if current is None:
            current = (p.start, p.end)
        else:
            current = (current[0], p.end)
        text = p.text
        # most paragraphs end with their final mark itself: said without stripping the paragraph
        if (text and text[-1] in FINAL_MARKS) or ends_with_final_mark(text) or len(text.strip()) < MIN_CUT_PARAGRAPH:
            spans.append(current)
            current = None
    if current is not None:
        spans.append(current)
    return spans


def ends_with_final_mark(text: str) -> bool:
    """A final mark (。；：…) closes the text, before closing quotes or brackets and white space."""
    core = text.rstrip(WHITE_SPACE).rstrip(CLOSING_MARKS)
    return bool(core) and core[-1] in FINAL_MARKS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def clause_start(text: str, offset: int, floor: int = 0) -> int:
    """Offset just after the clause separator (or sentence end) before `offset`."""
    i = offset
    while i > floor:
        ch = text[i - 1]
        if ch in CLAUSE_OR_SENTENCE_END or (ch == "," and not _THOUSANDS.match(text, i)):
            return i
        i -= 1
    return floor


def _last_cue(pattern: regex.Pattern | None, text: str) -> int:
    """Position of the last match of `pattern` in text (-1: none)."""
    if pattern is None:
        return -1
    last = -1
    for m in pattern.finditer(text):
        last = m.start()
    return last


@dataclass(frozen=True)
class PassageLayout:
    """What every analysis of a passage shares, whatever its cues: text, sentences, clause and segment starts."""

    start: int
    end: int
    text: str
    sentences: list[tuple[int, int]]
    clause_starts: list[int]
    segment_starts: list[int]


class Placed(NamedTuple):
    """A quantity with its place in the passage's layout (what every analysis of it shares)."""

    q: Quantity
    sentence: int
    clause: int
    segment: int
    clause_from: int  # where the text of its clause before it starts


def place(shape: PassageLayout, quantities: list[Quantity]) -> list[Placed]:
    """Each quantity's sentence, clause and segment; its clause's text starts after the last clause
    start up to it (the layout's clause starts are where `clause_start` stops), never before its sentence."""
    placed = []
    for q in quantities:
        sentence = _index(shape.sentences, q.start)
        floor = shape.sentences[sentence][0] if shape.sentences else 0
        clause = bisect.bisect_right(shape.clause_starts, q.start)
        placed.append(Placed(
            q, sentence, clause,
            bisect.bisect_right(shape.segment_starts, q.start),
            max(floor, shape.clause_starts[clause - 1]) if clause else floor,
        ))
    return placed


def layout(start: int, end: int, text: str) -> PassageLayout:
    """Clauses start after every sentence end and separator (，；：), segments after sentence ends and ；."""
    sentences = sentence_spans(text)
    sentence_ends = [e for _, e in sentences]
    return PassageLayout(
        start, end, text, sentences,
        sorted(sentence_ends + [m.end() for m in CLAUSE_SEPARATOR.finditer(text)]),
        sorted(sentence_ends + [m.end() for m in _SEGMENT_SEPARATOR.finditer(text)]),
    )


def figure_quantities(document: Document, lexicon: FigureLexicon) -> list[tuple[int, int, list[Quantity]]]:
    """(start, end, quantities in passage offsets) of every passage that holds a figure: parsed once
    per document and lexicon, for every check that reads figures."""

    def compute() -> list[tuple[int, int, list[Quantity]]]:
        spans = _passage_spans(document)
        parsed = parse_spans(document.text, spans, lexicon)
        return [(start, end, quantities) for (start, end), quantities in zip(spans, parsed) if quantities]

    return document.memo(("figures.quantities", lexicon), compute)


def _passage_spans(document: Document) -> list[tuple[int, int]]:
    return document.memo("figures.passage-spans", lambda: passage_spans(document))


def quantities_near(document: Document, lexicon: FigureLexicon, positions: list[int], reach: int) -> list[tuple[int, str, list[Quantity]]]:
    """(start, text, quantities) of the passages with figures that start within `reach` characters
    after one of `positions` (sorted document offsets), only those; passages out of reach are not scanned."""
    spans = [(start, end) for start, end in _passage_spans(document)
             if bisect.bisect_left(positions, start - reach) < bisect.bisect_left(positions, end)]
    parsed = parse_spans_near(document.text, spans, lexicon, positions, reach)
    return [(start, document.text[start:end], quantities) for (start, end), quantities in zip(spans, parsed) if quantities]


def _layout_of(document: Document, start: int, end: int, text: str) -> PassageLayout:
    layouts = document.memo("figures.layouts", dict)
    if (start, end) not in layouts:
        layouts[start, end] = layout(start, end, text)
    return layouts[start, end]


def analyse(document: Document, lexicon: FigureLexicon, cues: Cues, needs_finder: re.Pattern | None = None, percent: bool = False) -> list[Passage]:
    """Every passage of the document that holds a figure, with its figures, their roles and attachments;
    only those in which `needs_finder` (when given) finds something and, with `percent`, that hold a percentage:
    what a check needs for anything to find there.

    Each passage is analysed once per document, lexicon and cues, whichever checks ask for it."""
    analysed = document.memo(("figures.analysed", lexicon, cues.key()), dict)
    passages = figure_quantities(document, lexicon)
    with_percent = _with_percent(document, lexicon) if percent else None
    result = []
    for i, (start, end, quantities) in enumerate(passages):
        if with_percent is not None and not with_percent[i]:
            continue
        if needs_finder is not None and needs_finder.search(document.text, start, end) is None:
            continue
        passage = analysed.get(start)
        if passage is None:
            shape = _layout_of(document, start, end, document.text[start:end])
            passage = analysed[start] = passage_of(shape, place(shape, quantities), cues)
        result.append(passage)
    return result


def _with_percent(document: Document, lexicon: FigureLexicon) -> list[bool]:
    """For each passage of `figure_quantities`, whether it holds a percentage (read once for the checks of percentages)."""
    return document.memo(("figures.with-percent", lexicon),
                         lambda: [any(q.kind == PERCENT for q in quantities) for _, _, quantities in figure_quantities(document, lexicon)])


def passage_of(shape: PassageLayout, placed: list[Placed], cues: Cues) -> Passage:
    """A passage with the given quantities as figures, their roles read with `cues`."""
    passage = Passage(shape.start, shape.end, shape.text, shape.sentences)
    text = shape.text
    for q, sentence, clause, segment, clause_from in placed:
        before = text[clause_from : q.start]
        figure = Figure(q, passage.start + q.start, passage.start + q.end, sentence, clause, segment)
        if figure.is_count and (_last_cue(cues.total, before) >= 0 or _whole_after(cues.total_after, text, q.end)):
            figure.role = TOTAL
        elif figure.is_percent:
            share_at, change_at = _last_cue(cues.share, before), _last_cue(cues.change, before)
            rate = _last_rate(cues.rate, before)
            if rate is not None and rate.start() > max(share_at, change_at):
                figure.role, figure.subject, figure.rate = SHARE, before[: rate.start()], rate.group().rstrip("率")
            elif change_at > share_at:
                figure.role = CHANGE
            elif share_at >= 0:
                figure.role, figure.subject = SHARE, before[:share_at]
                figure.whole = _named_whole(cues.share, before, share_at)
                cue = cues.share.match(before, share_at)
                figure.cue = cue.group() if cue else ""
        passage.figures.append(figure)
    _attach_shares(passage)
    return passage


LINKING = "的为是达到约近超过了均"
_NAMED_WHOLE = compile_fast(r"\p{Han}*")


def _named_whole(pattern: regex.Pattern, before: str, share_at: int) -> str:
    """The Han words between a share cue and its percentage, without 分别 and linking words:
    占全国涉外案件数的 -> 全国涉外案件数; '' for 占比达, 占, 占比分别为."""
    cue = pattern.match(before, share_at)
    named = _NAMED_WHOLE.match(before, cue.end() if cue else share_at).group()
    return named.replace("分别", "").strip(LINKING)


def _whole_after(pattern: regex.Pattern | None, text: str, offset: int) -> bool:
    """2150家规模以上企业中，有…: a cue right after the count makes it the whole of what follows."""
    return pattern is not None and pattern.match(text, offset) is not None


def _last_rate(pattern: regex.Pattern | None, text: str) -> regex.Match | None:
    if pattern is None:
        return None
    last = None
    for m in pattern.finditer(text):
        last = m
    return last


def _index(spans: list[tuple[int, int]], offset: int) -> int:
    """The span holding `offset` (spans are sorted and disjoint), else the last one."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if 0 <= i < len(spans) and spans[i][0] <= offset < spans[i][1]:
        return i
    return max(0, len(spans) - 1)


def _attach_shares(passage: Passage) -> None:
    """A share belongs to the count right before it: in its clause, or in the previous one when
    the share's clause names no subject of its own (2132件，占…44%; not 7名党员，女性党员占45%).
    A rate belongs to it only when the count's clause names the rate's act (1458人完成…，完成率)."""
    figures = passage.figures
    for i, f in enumerate(figures):
        if f.role != SHARE or i == 0:
            continue
        previous = figures[i - 1]
        near = f.clause == previous.clause or (f.clause - previous.clause == 1 and len(f.subject.strip()) <= 1)
        if f.rate and f.rate not in _clause_around(passage, previous):
            continue
        if previous.is_count and previous.sentence == f.sentence and near and previous.share is None:
            previous.share, f.count = f, previous


def _clause_around(passage: Passage, figure: Figure) -> str:
    """The text of the clause holding `figure`."""
    text = passage.text
    start = clause_start(text, figure.start - passage.start, passage.sentences[figure.sentence][0])
    end = figure.end - passage.start
    while end < len(text) and text[end] not in CLAUSE_OR_SENTENCE_END + ",":
        end += 1
    return text[start:end]
