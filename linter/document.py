"""The document model: text exactly as in the file, with paragraphs and sentences.

Every check works on offsets into `Document.text`; positions for people
(1-based line, 1-based column in code points) are derived from them here, so
CRLF line endings and a byte-order mark never shift a column.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from itertools import accumulate, islice
from operator import eq
from typing import Any, Callable, NamedTuple

# Full stops, question and exclamation marks (Chinese and ASCII): they always end a sentence.
SENTENCE_STOPS = "。！？!?"
# Those and an ellipsis, which ends a sentence where a text trails off (but may stand inside one).
SENTENCE_END = SENTENCE_STOPS + "…"
CLOSING_MARKS = "”’」』）)》〉】"
_SENTENCE_RE = re.compile(f"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{CLOSING_MARKS}]*|$)")
_FINAL_PUNCT = SENTENCE_END + CLOSING_MARKS + "；;：:"
WRAP_MIN_LENGTH = 15
# What starts a paragraph's first line in text that indents its paragraphs: a line starting so begins one.
FIRST_LINE_INDENT = "\u3000"
_PLUS_ONE = (1).__add__
_tuple_new = tuple.__new__  # a paragraph made without the Python-level `__new__` of a NamedTuple
_CLAUSE_MARK = re.compile("[，；。、,;]")
_LATIN = re.compile("[A-Za-z]")
LATIN_MIN = 8  # fewer Latin letters make no text mostly Latin
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
# The basic block of `\p{Han}` (linter.regexes.HAN): most Han characters, enough to weigh against Latin letters.
_HAN_BASIC = re.compile("[\u4e00-\u9fff]")


def sentence_pieces(text: str) -> list[str]:
    """A paragraph cut after each sentence end (and its closing marks), end to end: the pieces' lengths add
    up to the text's; pieces of white space, and an empty last one, are no sentences."""
    return _SENTENCE_RE.findall(text)


class SharedKey:
    """One object for all equal memo keys (see `shared_key`): a lookup hashes it by identity, where a
    rule's key -- a tuple of its options, patterns and all -- would be hashed again at every lookup."""

    __slots__ = ("key",)

    def __init__(self, key: Any):
        self.key = key

    def __reduce__(self):
        return shared_key, (self.key,)


_SHARED_KEYS: dict[Any, SharedKey] = {}


def shared_key(key: Any) -> SharedKey:
    """The one `SharedKey` for `key` in this process (unpickled keys are shared again)."""
    found = _SHARED_KEYS.get(key)
    if found is None:
        found = _SHARED_KEYS[key] = SharedKey(key)
    return found


class Span(NamedTuple):
    """A half-open range [start, end) of offsets into a document's text (a tuple: documents hold many)."""

    start: int
    end: int


class Paragraph(NamedTuple):
    """A block of text, without its line ending; `index` counts from 0."""

    start: int
    end: int
    index: int  # type: ignore[assignment]
    text: str


class Document:
    """One article: its exact text (BOM removed, line endings kept) and where things are."""

    def __init__(self, text: str, path: str = "<text>", *, bom: bool = False, encoding: str = "utf-8"):
        if text.startswith("\ufeff"):
            text, bom = text[1:], True
        self.text = text
        self.path = path
        self.bom = bom
        self.encoding = encoding
        self._memo: dict[Any, Any] = {}

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars)"

    @cached_property
    def line_starts(self) -> list[int]:
        """Where each line starts: the running sum of the lines' lengths, each with its line break, added up in C
        (`paragraphs` keeps those it finds)."""
        lines = self.text.split("\n")
        lines.pop()
        return list(accumulate(map(_PLUS_ONE, map(len, lines)), initial=0))

    @property
    def newline(self) -> str:
        """The line ending the file uses most: "\\r\\n" or "\\n"."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, columns in code points."""
        return line_position(self.line_starts, len(self.text), offset)

    def offset(self, line: int, column: int) -> int:
        """Inverse of `position`."""
        return self.line_starts[line - 1] + column - 1

    def line(self, number: int) -> str:
        """The text of 1-based line `number`, without its line ending."""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """Compute a derived value once per document (several rules share it)."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Blocks separated by blank lines, each split further into its lines
        when the block is written one paragraph a line (see `_block_is_hard_wrapped`).

        The text is split into lines once (their starts are kept as `line_starts`); a block of one line,
        the most common paragraph, is that line without its \\r, with no second copy of its text."""
        text = self.text
        lines = text.split("\n")
        starts = list(accumulate(map(_PLUS_ONE, map(len, lines)), initial=0))
        self.__dict__["line_starts"] = starts[:-1]
        found: list[Paragraph] = []
        append = found.append
        first = -1
        for i, line in enumerate(lines):
            if line and not line.isspace():
                if first < 0:
                    first = i
            elif first >= 0:
                if i - first == 1:
                    own = lines[first].rstrip("\r")
                    append(_tuple_new(Paragraph, (starts[first], starts[first] + len(own), len(found), own)))
                else:
                    self._add_block(found, lines, starts, first, i)
                first = -1
        if first >= 0:
            self._add_block(found, lines, starts, first, len(lines))
        return found

    def _add_block(self, found: list[Paragraph], lines: list[str], starts: list[int], first: int, end: int) -> None:
        """The paragraphs of the block of lines `first` to `end` (not included), numbered on from those `found`."""
        texts = [line.rstrip("\r") for line in lines[first:end]]
        spans = [(start, start + len(own)) for start, own in zip(starts[first:end], texts)]
        text = self.text
        found.extend(_tuple_new(Paragraph, (s, e, i, text[s:e])) for i, (s, e) in enumerate(self._split_block(spans, texts), len(found)))

    def _split_block(self, lines: list[tuple[int, int]], texts: list[str] | None = None) -> list[tuple[int, int]]:
        """The paragraphs of a block of lines, by their spans (`texts`: the lines' own, without line endings)."""
        if texts is None:
            texts = [self.text[s:e] for s, e in lines]
        if len(lines) == 1:
            return [(lines[0][0], lines[-1][1])]
        latin = _latin_lines(texts)
        if _block_is_hard_wrapped(texts, latin) and not _indents_each_line(texts):
            return [(lines[0][0], lines[-1][1])]
        spans = [lines[0]]
        for (start, end), previous, following, same_script in zip(lines[1:], texts, texts[1:], map(eq, latin, latin[1:])):
            if _wraps(previous, following, same_script):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences inside paragraphs: they end at 。！？… plus any closing marks.

        `_SENTENCE_RE` matches a paragraph from end to end, each match where the last ended, so
        the pieces' lengths give their offsets."""
        result: list = []
        append = result.append
        findall = _SENTENCE_RE.findall
        for p in self.paragraphs:
            start = p.start
            for sentence in findall(p.text):
                end = start + len(sentence)
                if sentence and not sentence.isspace():
                    append(Span(start, end))
                start = end
        return result

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None


def _wraps(line: str, following: str, same_script: bool) -> bool:
    """A line that runs on into the next one: it ends inside a clause (，、), or it
    is long, has clause punctuation inside and no final punctuation at its end
    (headings and list items rarely hold a comma). A switch between Chinese and
    another script (a headline and its translation: `same_script` false), or a next
    line that starts with a first-line indent (　), is never a wrap."""
    line = line.rstrip()
    if not line or not same_script or following.startswith(FIRST_LINE_INDENT):
        return False
    if line[-1] in "，、,":
        return True
    return len(line) >= WRAP_MIN_LENGTH and line[-1] not in _FINAL_PUNCT and _CLAUSE_MARK.search(line) is not None


def _indents_each_line(lines: list[str]) -> bool:
    """Every line after the first starts with a first-line indent (　　): each is a paragraph of its own."""
    return all(line.startswith(FIRST_LINE_INDENT) for line in lines[1:])


def _latin_lines(lines: list[str]) -> list[bool]:
    """`mostly_latin` of each line of a block, read line by line only where the block has Latin letters enough."""
    if not may_be_mostly_latin("".join(lines)):
        return [False] * len(lines)
    return list(map(mostly_latin, lines))


def _block_is_hard_wrapped(lines: list[str], latin: list[bool]) -> bool:
    """True when a multi-line block is one paragraph wrapped at line ends.

    Extracted articles come two ways: one paragraph a line with no blank lines
    between (each line ends a sentence or is a heading), or paragraphs wrapped
    over several lines (lines end mid-sentence). A block counts as wrapped when
    most of its lines, the last excepted, end without final punctuation and
    are long; headings and bylines are short and stay lines of their own.
    `latin`: which lines are mostly Latin (`_latin_lines`).
    """
    inner = [line.rstrip() for line in lines[:-1]]
    ends_open = [
        line
        for line, line_latin, following_latin in zip(inner, latin, latin[1:])
        if line and line[-1] not in _FINAL_PUNCT and len(line) >= WRAP_MIN_LENGTH and line_latin == following_latin
    ]
    return len(ends_open) * 2 > len(inner)


def mostly_latin(text: str) -> bool:
    """Text in another script (an English headline or caption): Chinese paragraph and layout rules do not apply."""
    latin = len(_LATIN.findall(text))  # one-character ASCII strings are shared: a pointer a letter
    if latin < LATIN_MIN:
        return False
    # Han characters are counted only as far as the verdict needs, without a string for each.
    return sum(1 for _ in islice(_HAN_BASIC.finditer(text), (latin - 1) // 3 + 1)) * 3 < latin


def may_be_mostly_latin(text: str) -> bool:
    """False when `text` has too few Latin letters for `mostly_latin` to hold of any part of it: the letters
    are counted in its ASCII bytes, two passes in C where a search would stop at every character."""
    return len(text.encode("ascii", "ignore").translate(None, _NOT_LATIN)) >= LATIN_MIN


def line_position(starts: list[int], size: int, offset: int, from_line: int = 1) -> tuple[int, int]:
    """1-based (line, column) of an offset over a text's line starts, clamped to the text;
    `from_line` is a guess at its line (a span's end is usually on its start's line, which
    one comparison confirms; a wrong guess falls back to bisection)."""
    if offset < 0:
        offset = 0
    elif offset > size:
        offset = size
    if from_line < len(starts) and starts[from_line - 1] <= offset < starts[from_line]:
        return from_line, offset - starts[from_line - 1] + 1
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
