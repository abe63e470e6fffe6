"""`layout`: damage to the page's flow of paragraphs, seen across paragraph boundaries.

    - id: layout.broken-paragraph
      kind: layout
      report: [broken]          # broken | spliced | unfinished | furniture | orphan-heading | mid-sentence
      blocks: {...}             # block cues (see linter/blocks.py), shared by anchor between rules
      cannot_start: "的了着…"    # characters that, as a word of their own, never begin a sentence
      one_char_openers: "但而…"  # characters that may stand alone as a first clause (但，…)
      fixed_terms: [习近平文化思想]  # set phrases whose cut-off tail at a paragraph start shows lost text
      not_continuation: ['^一是']  # a paragraph starting so begins a new unit, never continues another
      sentence_starts: ['\\p{Han}、\\p{Han}、']  # openings that look cut off but begin a sentence (中、美、加三国)
      max_spliced: 4            # most foreign blocks (captions, headings, furniture) between two halves

One analysis per document serves every rule:
- broken: a paragraph stops mid-sentence and the next paragraph completes it
  (a column or page break). Reported at the end of the first part.
- spliced: the same, with a caption, heading or page furniture printed between
  the halves. Reported at the end of the first part; names both halves.
- unfinished: a body paragraph stops mid-sentence and nothing continues it.
- furniture: page numbers, running heads, section names, 扫码看视频.
- orphan-heading: headings at the end of the document with no text after them.
- mid-sentence: a paragraph that begins inside a sentence (its beginning lost).

A heading-shaped paragraph (short, no full stop) ends without punctuation
by nature, so it counts as broken only on evidence: a dictionary word runs
across the break (检察部检 | 察官), the next paragraph starts with a
character that cannot begin a sentence, or it ends on a comma or inside a
quotation. Where the text indents each paragraph (　　), an indented paragraph
begins one of its own, so it completes the one before only on the same
evidence, and the flush lines above the first indented one are the headline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

import regex

from .. import blocks as blockmodel
from ..blocks import Block, BlockCues, left_open
from ..document import FIRST_LINE_INDENT, SENTENCE_STOPS, Document, SharedKey, shared_key
from ..findings import Finding, Location, make_finding
from ..regexes import HAN, compile_fast
from .api import ANY, CHARACTERS, REQUIRED, STRINGS, Field, compile_regexes, count, choices
from ..words import JOINABLE, cuts_inside_word, load_dictionary, word_across, words

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "layout"
SITUATIONS = ("broken", "spliced", "unfinished", "furniture", "orphan-heading", "mid-sentence")
FIELDS = (
    Field("report", choices(*SITUATIONS), REQUIRED, "which situations to report"),
    Field("blocks", ANY, REQUIRED, "block classification cues: " + "; ".join(f"{k}: {v}" for k, v in blockmodel.FIELDS.items())),
    Field("cannot_start", CHARACTERS, "", "characters that never begin a sentence as a word of their own (的 了 着 ，)"),
    Field("one_char_openers", CHARACTERS, "", "Han characters that may form a one-character first clause (但，…)"),
    Field("fixed_terms", STRINGS, [], "set phrases; a paragraph that starts with a tail cut out of one has lost its beginning"),
    Field("not_continuation", STRINGS, [], "regular expressions: a paragraph starting so begins a new unit (一是, （一）, 一、)"),
    Field("sentence_starts", STRINGS, [],
          "regular expressions: a paragraph starting so begins a sentence though its first item is one character (中、美、加三国)"),
    Field("continuation_marks", CHARACTERS, "", "characters that, ending a paragraph, show the sentence goes on (，、“)"),
    Field("max_spliced", count(0), 4, "most captions, headings or furniture blocks between two halves of a sentence"),
)
SPLICEABLE = ("caption", "furniture", "heading")
EXCERPT = 8
_ONE_CHAR_CLAUSE = compile_fast(r"(\p{Han})[，,、]")
_CLAUSE_ENDS = frozenset("；;" + SENTENCE_STOPS)
_MAY_BREAK = ("body", "heading")
_CLAUSE_COMMAS = frozenset("，,、")
WHAT = {"caption": "图片说明", "furniture": "版面元素", "heading": "标题"}


@dataclass(frozen=True)
class LayoutConfig:
    report: frozenset[str]
    cues: BlockCues
    cannot_start: str
    one_char_openers: str
    fixed_terms: tuple[str, ...]
    not_continuation: tuple[regex.Pattern, ...]
    continuation_marks: str
    max_spliced: int
    sentence_starts: tuple[regex.Pattern, ...] = ()

    @cached_property
    def key(self) -> tuple:
        return ("layout", self.cues.key, self.cannot_start, self.one_char_openers, self.fixed_terms,
                tuple(p.pattern for p in self.not_continuation), self.continuation_marks, self.max_spliced,
                tuple(p.pattern for p in self.sentence_starts))

    @cached_property
    def memo_key(self) -> SharedKey:
        return shared_key(self.key)

    @cached_property
    def opens_unit(self) -> Callable[[str], object]:
        """Whether a text starts as `not_continuation` says a new unit starts."""
        return match_any(self.not_continuation)

    @cached_property
    def opens_sentence(self) -> Callable[[str], object]:
        """Whether a text starts as `not_continuation` or `sentence_starts` says a unit or a sentence starts."""
        return match_any(self.not_continuation + self.sentence_starts)

    @cached_property
    def bound_openers(self) -> frozenset[str]:
        """The characters of `cannot_start`, as a set to look one up."""
        return frozenset(self.cannot_start)

    @cached_property
    def cut_tails(self) -> dict[str, tuple[str, ...]]:
        """The tails of `cut_terms` by their first character: `_fragment_end` finds no cut-off term in a text
        starting with none of them."""
        return {ch: tuple(term[k:] for term, k in cuts) for ch, cuts in self.cut_terms.items()}

    @cached_property
    def cut_terms(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """(term, k) of every tail term[k:] that `_fragment_end` tries, by the tail's first character, in its order."""
        by_first: dict[str, list[tuple[str, int]]] = {}
        for term in self.fixed_terms:
            for k in range(1, len(term) - 2):
                by_first.setdefault(term[k], []).append((term, k))
        return {ch: tuple(cuts) for ch, cuts in by_first.items()}


def match_any(patterns: tuple[regex.Pattern, ...]) -> Callable[[str], object]:
    """Whether one of `patterns` matches at the start of a text (see `blocks.any_of`)."""
    return blockmodel.any_of(patterns, "match")


def compile(options: dict) -> LayoutConfig:
    return LayoutConfig(
        report=frozenset(options["report"]),
        cues=blockmodel.compile_cues(options["blocks"]),
        cannot_start=options["cannot_start"],
        one_char_openers=options["one_char_openers"],
        fixed_terms=tuple(options["fixed_terms"]),
        not_continuation=compile_regexes("not_continuation", options["not_continuation"], fast=True),
        continuation_marks=options["continuation_marks"],
        max_spliced=options["max_spliced"],
        sentence_starts=compile_regexes("sentence_starts", options["sentence_starts"], fast=True),
    )


class Break(NamedTuple):
    """A sentence cut at the end of `first`; `second` completes it (None: nothing does)."""

    first: Block
    second: Block | None
    between: tuple[Block, ...] = ()


@dataclass
class DocumentLayout:
    blocks: list[Block]
    breaks: list[Break] = field(default_factory=list)
    furniture: list[list[Block]] = field(default_factory=list)
    orphan_headings: list[Block] = field(default_factory=list)
    mid_sentence: list[tuple[Block, int]] = field(default_factory=list)


def analyse(document: Document, config: LayoutConfig) -> DocumentLayout:
    return document.memo(config.memo_key, lambda: _analyse(document, config))


def _analyse(document: Document, config: LayoutConfig) -> DocumentLayout:
    layout = DocumentLayout(blockmodel.blocks(document, config.cues))
    lines = blockmodel.paragraph_lines(document)
    layout.breaks = list(_breaks(layout.blocks, config, lines, document.text))
    layout.furniture = _runs(layout.blocks, "furniture")
    layout.orphan_headings = _orphan_headings(layout.blocks)
    continuations = {b.second.start for b in layout.breaks if b.second is not None}
    for i in _may_start_mid_sentence(layout.blocks, config, lines):
        block = layout.blocks[i]
        if block.start not in continuations:
            end = _fragment_end(block.text, config)
            if end:
                layout.mid_sentence.append((block, end))
    return layout


def _may_start_mid_sentence(blocks: list[Block], config: LayoutConfig, lines: list[str]) -> list[int]:
    """Indices of the body blocks that may start inside a sentence (`_fragment_end`): those whose first
    character cannot begin a sentence, whose second is a comma (a one-character clause), or that start with
    the tail of a fixed term (a first character such as 近 or 平 alone lets through most text);
    `lines` are the blocks' stripped texts."""
    bound, tails = config.bound_openers, config.cut_tails
    return [
        i for i, (line, (_, kind)) in enumerate(zip(lines, blocks))
        if kind == "body" and (
            line[:1] in bound or line[1:2] in _CLAUSE_COMMAS or (line[:1] in tails and line.startswith(tails[line[:1]]))
        )
    ]


def _indented(text: str) -> bool:
    return text.startswith(FIRST_LINE_INDENT)


def _indents_paragraphs(blocks: list[Block], text: str) -> bool:
    """Whether the text marks where each paragraph starts by a first-line indent (　　), as a newspaper prints it
    (`text`, the document's, holding no indent at all says no at once)."""
    if FIRST_LINE_INDENT not in text:
        return False
    body = [paragraph[3] for paragraph, kind in blocks if kind == "body"]
    return len(body) >= 3 and list(map(str.startswith, body, repeat(FIRST_LINE_INDENT))).count(True) * 3 >= len(body) * 2


def _left_open(blocks: list[Block], lines: list[str]) -> list[int]:
    """Indices of the body and heading blocks that stop without ending their sentence (`left_open`): a block
    whose last character is a stop is closed, and one whose last character ends no closed ending is open,
    without a closer look; `lines` are the blocks' stripped texts."""
    stops, may_close = blockmodel.CLOSING_LAST, blockmodel.CLOSED_LAST
    return [
        i for i, (line, (paragraph, kind)) in enumerate(zip(lines, blocks))
        if kind in _MAY_BREAK and line[-1] not in stops and (line[-1] not in may_close or left_open(paragraph[3]))
    ]


def _breaks(blocks: list[Block], config: LayoutConfig, lines: list[str], text: str) -> Iterator[Break]:
    candidates = _left_open(blocks, lines)
    if not candidates:
        return
    # Where paragraphs are indented, the lines printed flush above the first indented one are the headline,
    # and an indented paragraph begins one of its own: it carries on the one before only on evidence.
    indents = _indents_paragraphs(blocks, text)
    first_indented = next((i for i, b in enumerate(blocks) if _indented(b.text)), 0) if indents else 0
    for i in candidates:
        if i < first_indented:
            continue
        first = blocks[i]
        j = i + 1
        while j < len(blocks) and blocks[j].kind in SPLICEABLE and j - i - 1 < config.max_spliced:
            j += 1
        second = blocks[j] if j < len(blocks) and blocks[j].kind == "body" else None
        between = tuple(blocks[i + 1 : j])
        if second is not None:
            opening = second.text.lstrip()
            if config.opens_unit(opening):
                continue
        opens_paragraph = indents and second is not None and _indented(second.text)
        if second is not None and _continues(first, second, between, config, opens_paragraph):
            yield Break(first, second, between)
        elif first.kind == "body" and not (indents and i + 1 < len(blocks) and _indented(blocks[i + 1].text)):
            yield Break(first, None)


def _continues(first: Block, second: Block, between: tuple[Block, ...], config: LayoutConfig, opens_paragraph: bool) -> bool:
    headings_between = bool(between) and any(b.kind == "heading" for b in between)
    if first.kind == "body" and not headings_between and not opens_paragraph:
        return True
    return _evidence(first.text, second.text, config)


def _evidence(left: str, right: str, config: LayoutConfig) -> bool:
    """Signs that `right` carries on the sentence `left` stopped in."""
    left, right = left.rstrip(), right.lstrip()
    if left[-1] in config.continuation_marks or left.count("“") > left.count("”"):
        return True
    if _starts_with_bound_word(right, config):
        return True
    if not (JOINABLE.match(left[-1]) and JOINABLE.match(right[:1])):
        return False
    word = word_across(left, right)
    return word is not None and not _two_words(word, left, right)


def _two_words(word: str, left: str, right: str) -> bool:
    """Whether the break splits `word` into two words of its own (回顾 | 过去; 统一 | 党的): a heading may
    end on the first. A one-character tail counts when the next paragraph, read alone, starts with it as a word."""
    for k in range(len(word) - 1, 0, -1):
        if left.endswith(word[:k]) and right.startswith(word[k:]):
            head, tail = word[:k], word[k:]
            if len(head) < 2 or words(head) != [head]:
                return False
            return words(tail) == [tail] if len(tail) > 1 else words(right[:EXCERPT])[0] == tail
    return False


def _starts_with_bound_word(text: str, config: LayoutConfig) -> bool:
    """The paragraph starts with punctuation or a word (的, 了 …) that cannot begin a sentence."""
    if not text or text[0] not in config.cannot_start:
        return False
    if not HAN.match(text[0]):
        return True
    return len(words(text[:EXCERPT])[0]) == 1


def _fragment_end(text: str, config: LayoutConfig) -> int:
    """If a paragraph starts inside a sentence, the length of the fragment that shows it (else 0).

    A numbered item (一、 （一） 1.), a list of one-character names (中、美、加) or a one-character theme that opens
    parallel clauses (新，…；新，…) begins a sentence."""
    stripped = text.lstrip()
    first = stripped[:1]
    # Each cut-off opening below starts so: a paragraph starting otherwise needs no look at its numbering.
    if first not in config.cannot_start and first not in config.cut_terms and not _ONE_CHAR_CLAUSE.match(stripped):
        return 0
    indent = len(text) - len(stripped)
    if config.opens_sentence(stripped):
        return 0
    if _starts_with_bound_word(stripped, config):
        return indent + 1
    one_char = _ONE_CHAR_CLAUSE.match(stripped)
    if one_char and one_char.group(1) not in config.one_char_openers and not _parallel_opener(stripped, one_char.group()):
        return indent + 1
    # The first tail that fits decides: the test of the opening word is the same for every tail.
    for term, k in config.cut_terms.get(stripped[:1], ()):
        if stripped.startswith(term[k:]) and cuts_inside_word(term, k):
            return indent + len(term) - k if len(words(stripped[:EXCERPT])[0]) == 1 else 0
    return 0


def _parallel_opener(text: str, opener: str) -> bool:
    """Whether the one-character clause that opens `text` opens a later clause of it too (新，…；新，…):
    the character is the theme of parallel clauses, not the tail of a lost word."""
    at = text.find(opener, 1)
    while at != -1:
        if text[at - 1] in _CLAUSE_ENDS:
            return True
        at = text.find(opener, at + 1)
    return False


def _runs(blocks: list[Block], kind: str) -> list[list[Block]]:
    """Blocks of `kind` one after another."""
    runs: list[list[Block]] = []
    previous = -2
    for i in [i for i, block in enumerate(blocks) if block[1] == kind]:
        if i == previous + 1:
            runs[-1].append(blocks[i])
        else:
            runs.append([blocks[i]])
        previous = i
    return runs


def _orphan_headings(blocks: list[Block]) -> list[Block]:
    """Headings after the document's last body text: titles the extraction moved away from their article."""
    last_body = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i][1] == "body"), None)
    if last_body is None:
        return []
    trailing = blocks[last_body + 1 :]
    # A heading followed by a byline or date is a signature block (市公安局交通管理局 / 2024年5月25日), and so is
    # one right after a byline (the next name of a signature); a block in brackets is a closing note.
    bylines_after = [False] * (len(trailing) + 1)
    for i in range(len(trailing) - 1, -1, -1):
        bylines_after[i] = bylines_after[i + 1] or trailing[i].kind == "byline"
    return [
        b for i, b in enumerate(trailing)
        if b.kind == "heading" and not bylines_after[i + 1] and blocks[last_body + i].kind != "byline"
        and not _bracketed_note(b.text)
    ]


def _bracketed_note(text: str) -> bool:
    """A block wholly in brackets closing an article (（本报记者…参与采写）, （相关报道见第四版）): a note, never a title."""
    stripped = text.strip()
    return stripped[:1] in "（(" and stripped[-1:] in "）)"


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: LayoutConfig = rule.config
    layout = analyse(document, config)
    for item in layout.breaks:
        if item.second is None:
            if "unfinished" in config.report:
                yield _unfinished_finding(document, rule, item)
        elif item.between and "spliced" in config.report:
            yield _spliced_finding(document, rule, item)
        elif not item.between and "broken" in config.report:
            yield _broken_finding(document, rule, item)
    if "furniture" in config.report:
        for run in layout.furniture:
            yield _furniture_finding(document, rule, run)
    if "orphan-heading" in config.report:
        for block in layout.orphan_headings:
            start, end = _content_span(block)
            yield make_finding(document, rule, start, end)
    if "mid-sentence" in config.report:
        for block, length in layout.mid_sentence:
            start = _content_span(block)[0]
            yield make_finding(document, rule, start, block.start + length, head=_head(block.text))


def _content_span(block: Block) -> tuple[int, int]:
    text = block.text
    return block.start + len(text) - len(text.lstrip()), block.start + len(text.rstrip())


def _tail(text: str) -> str:
    text = text.rstrip()
    return ("…" if len(text) > EXCERPT else "") + text[-EXCERPT:]


def _head(text: str) -> str:
    text = text.strip()
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")


def _end_span(block: Block) -> tuple[int, int]:
    end = _content_span(block)[1]
    return end - 1, end


def _broken_finding(document: Document, rule: Rule, item: Break) -> Finding:
    start, end = _end_span(item.first)
    resume = _content_span(item.second)[0]
    continued = _resume_location(document, resume)
    return make_finding(
        document, rule, start, end,
        replacement="", fix_span=(end, resume),
        related=[continued],
        tail=_tail(item.first.text), head=_head(item.second.text), line=continued.line,
    )


def _resume_location(document: Document, resume: int) -> Location:
    """`Location.of` the character where a sentence resumes: one position found, the end one column on
    (the character is a paragraph's first that is not white space, never a line break)."""
    line, column = document.position(resume)
    return Location(document.path, line, column, line, column + 1, "句子在此接续")


def _spliced_finding(document: Document, rule: Rule, item: Break) -> Finding:
    start, end = _end_span(item.first)
    resume, second_end = _content_span(item.second)
    foreign_start, foreign_end = _content_span(item.between[0])[0], _content_span(item.between[-1])[1]
    separator = document.text[end:foreign_start]
    moved = document.text[resume:second_end] + separator + document.text[foreign_start:foreign_end]
    kinds = []
    for b in item.between:
        if WHAT[b.kind] not in kinds:
            kinds.append(WHAT[b.kind])
    return make_finding(
        document, rule, start, end,
        replacement=moved, fix_span=(end, second_end),
        related=[
            Location.of(document, foreign_start, foreign_end, "插入的" + "、".join(kinds)),
            continued := _resume_location(document, resume),
        ],
        what="、".join(kinds), tail=_tail(item.first.text), head=_head(item.second.text),
        line=continued.line, lines=_line_range(document, foreign_start, foreign_end),
    )


def _line_range(document: Document, start: int, end: int) -> str:
    first, last = document.position(start)[0], document.position(end)[0]
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"


def _unfinished_finding(document: Document, rule: Rule, item: Break) -> Finding:
    start, end = _end_span(item.first)
    return make_finding(document, rule, start, end, tail=_tail(item.first.text))


def _furniture_finding(document: Document, rule: Rule, run: list[Block]) -> Finding:
    start, end = _content_span(run[0])[0], _content_span(run[-1])[1]
    previous_end = _previous_end(document, start)
    items = " / ".join(b.text.strip() for b in run)
    return make_finding(document, rule, start, end, replacement="", fix_span=(previous_end, end), items=items)


def _previous_end(document: Document, start: int) -> int:
    """Where the text before `start` ends, so that deleting a block also deletes the blank lines before it;
    read backwards from `start`, so that the work is the white space skipped, not the text before it."""
    text = document.text
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def prepare(config: LayoutConfig) -> None:
    load_dictionary()


def can_fix(config: LayoutConfig) -> bool:
    return bool(config.report & {"broken", "spliced", "furniture"})
