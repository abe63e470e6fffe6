"""`script`: traditional characters in simplified text, by OpenCC's conversion tables.

    - id: typo.traditional
      kind: script
      report: characters          # or `document`: one finding for a text written in traditional script
      both_scripts: 乾於夥…        # characters standard in simplified text too (乾安, 於 as a surname)
      ambiguous: 餘鍾麵…           # characters with several simplified forms: their fix is never safe
      exceptions: ['…']           # words in which a character OpenCC would change is right
      in_words_only: true         # report only characters that, simplified, belong to a dictionary word ...
      common_alone: 5000          # ... or are this common as a word of their own (这, 说, 与; jieba's counts)

A character counts as traditional when OpenCC's character table changes it,
its phrase-aware conversion of the whole text changes it there too, and it is
not also a standard simplified character: a character used in both scripts
never fires, nor does a character of a mojibake run (涓枃). The fix is
OpenCC's simplified form in context; it is safe only when the table gives
one form.

With `in_words_only`, a character is reported only where its simplified form
belongs to a word of two or more characters in jieba's dictionary (訴訟 →
诉讼) or is a common word on its own (這, 說, 與: counted at least
`common_alone` times in jieba's dictionary). Another that forms no word with
its neighbours stands in a name -- 郑和鑑, 许培頲, 寀卢村 -- where traditional
and variant forms are legitimately kept.

A document is written in traditional script when its traditional-only
characters outnumber its simplified-only ones; `characters` then says nothing
and `document` reports it once.

Message placeholders: {match}, {simplified}, {count} (document).
"""

from __future__ import annotations

import itertools
import re
from array import array
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import regex

from ..document import Document
from ..findings import Finding, make_finding
from .api import CHARACTERS, FLAG, REQUIRED, STRINGS, Field, compile_regexes, count, choice
from .mojibake import utf8_as_gbk

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "script"
FIELDS = (
    Field("report", choice("characters", "document"), REQUIRED,
          "characters (each traditional character in simplified text) or document (a text in traditional script)"),
    Field("both_scripts", CHARACTERS, "", "characters OpenCC may convert that are standard simplified characters too: never reported"),
    Field("ambiguous", CHARACTERS, "", "characters whose simplified form depends on the word: reported with an unsafe fix"),
    Field("exceptions", STRINGS, [], "regular expressions for words in which a character OpenCC would change is right"),
    Field("in_words_only", FLAG, False, "true: report a character only where, simplified, it belongs to a dictionary word (not in a name)"),
    Field("common_alone", count(0), 0, "with in_words_only: how often (jieba's count) a character alone must be a word to be reported alone"),
)
# How many characters on each side of a character are read to find the word it belongs to.
WORD_WINDOW = 6
SURROGATE = regex.compile(r"[\ud800-\udfff]")
SEPARATOR = "\n"
# Characters of lines OpenCC converts in one call, and characters counted by one search.
BATCH = 1 << 16
COUNT_CHUNK = 1 << 16
FIRST_COUNT_CHUNK = 1 << 9


@dataclass(frozen=True)
class ScriptConfig:
    report: str
    both_scripts: str
    ambiguous: frozenset[str]
    exceptions: tuple[regex.Pattern, ...]
    in_words_only: bool = False
    common_alone: int = 0


def compile(options: dict) -> ScriptConfig:
    return ScriptConfig(
        options["report"], "".join(sorted(set(options["both_scripts"]))), frozenset(options["ambiguous"]),
        compile_regexes("exceptions", options["exceptions"]), options["in_words_only"], options["common_alone"],
    )


@lru_cache(maxsize=None)
def converter(config: str):
    """An OpenCC converter, built on first use: importing OpenCC is kept off start-up."""
    import opencc

    return opencc.OpenCC(config, include_tofu_risk_dictionaries=False)


def convert(config: str, text: str) -> str:
    """OpenCC conversion that tolerates lone surrogates (they cannot be encoded as UTF-8)."""
    return converter(config).convert(SURROGATE.sub("\ufffd", text))


@lru_cache(maxsize=None)
def changed_chars(config: str) -> dict[str, str]:
    """Every BMP Han character OpenCC's table converts to one other character, each looked at alone
    (from the per-user snapshot when there is one: building it takes OpenCC over 28,000 characters).

    Han beyond the BMP (three quarters of the code points, seldom met) is
    looked up one character at a time when a text holds it: `changed_char`.
    """
    from importlib.util import find_spec

    from ..snapshots import snapshot

    return snapshot(f"opencc-changed-{config}", [Path(find_spec("opencc").origin)], lambda: read_changed_chars(config))


def read_changed_chars(config: str) -> dict[str, str]:
    """`changed_chars` worked out from OpenCC."""
    from ..lexicon import han_characters

    chars = han_characters(0xFFFF)
    converted = convert(config, SEPARATOR.join(chars)).split(SEPARATOR)
    if len(converted) != len(chars):
        converted = [convert(config, ch) for ch in chars]
    return {c: t for c, t in zip(chars, converted) if t != c and len(t) == 1}


@lru_cache(maxsize=None)
def changed_char(config: str, ch: str) -> str | None:
    """What OpenCC's table turns one character into, when that is one other character."""
    converted = convert(config, ch)
    return converted if converted != ch and len(converted) == 1 else None


@lru_cache(maxsize=None)
def changed_pattern(config: str, kept: str = "") -> re.Pattern:
    """One stdlib `re` pattern for the characters `changed_chars(config)` holds, less `kept`."""
    from ..lexicon import one_of
    from ..regexes import PROGRAMS

    return PROGRAMS.compile(one_of(changed_chars(config).keys() - set(kept)))


ASTRAL = 0x10000
# Characters encoded at a time: the copy stays small on a long text.
ENCODE_CHUNK = 1 << 20


def beyond_bmp(text: str) -> bool:
    """Whether the text holds a character beyond the BMP (its UTF-16 form then has more units than it has
    characters): the Han class there is many ranges, walked only over a text that has such characters at all.
    Encoding runs at C speed, where a search would test a class at each character."""
    for start in range(0, len(text), ENCODE_CHUNK):
        piece = text[start : start + ENCODE_CHUNK]
        if len(piece.encode("utf-16-le", "surrogatepass")) != 2 * len(piece):
            return True
    return False


@lru_cache(maxsize=1)
def _astral_han() -> re.Pattern:
    from ..lexicon import han_class

    return re.compile(han_class(ASTRAL))


def changed_offsets(config: str, text: str, kept: str = "") -> list[int]:
    """Where `text` holds a Han character OpenCC's table converts (other than those in `kept`), in text order."""
    return [i for _, _, offsets in changed_lines(config, text, kept) for i in offsets]


def changed_lines(config: str, text: str, kept: str = "") -> Iterator[tuple[int, int, list[int]]]:
    """Each line (start, end) that holds a character `changed_offsets` finds, with their offsets, in text order;
    lines without one are skipped by one search. A line longer than BATCH comes in pieces cut after a mark
    (`_cut_before`), so no step reads or copies more than a batch of a long line."""
    pattern = changed_pattern(config, kept)
    astral = _astral_changed_offsets(config, text, kept)
    next_astral = 0
    pos, length = 0, len(text)
    while pos < length:
        m = pattern.search(text, pos)
        found = m.start() if m else length
        while next_astral < len(astral) and astral[next_astral] < pos:
            next_astral += 1
        if next_astral < len(astral):
            found = min(found, astral[next_astral])
        if found >= length:
            return
        start = text.rfind(SEPARATOR, pos, found) + 1 or pos
        if found - start > BATCH:
            start = _cut_before(text, found - BATCH, found)
        limit = max(start + BATCH, found + 1)
        end = text.find(SEPARATOR, found, limit)
        if end >= 0:
            pos = end + 1
        elif limit >= length:
            end = pos = length
        else:
            end = pos = _cut_before(text, found + 1, limit)
        offsets = [m.start() for m in pattern.finditer(text, start, end)]
        if astral:
            offsets = sorted(offsets + [i for i in astral[next_astral:] if start <= i < end])
        yield start, end, offsets


# Where a line longer than BATCH is cut into pieces OpenCC converts apart: after a mark no phrase of its tables
# holds, so the conversion is that of the whole line (a line is never copied whole).
_CUT_MARKS = ("。", "！", "？", "；", "，", "、", "：", " ", "\u3000")


def _cut_before(text: str, lo: int, hi: int) -> int:
    """The offset after the last cut mark in text[lo:hi], or `hi` when there is none."""
    for mark in _CUT_MARKS:
        at = text.rfind(mark, lo, hi)
        if at >= 0:
            return at + 1
    return hi


def changed_count(config: str, text: str, kept: str = "", enough: int | None = None) -> int:
    """How many `changed_offsets` there are (found without building a match for each); with `enough`, counted in
    chunks that double from FIRST_COUNT_CHUNK until more than `enough` are found, and then `enough + 1` (weighing
    a few traditional characters against simplified text reads the text's first lines only)."""
    pattern = changed_pattern(config, kept)
    if enough is None:
        return sum(len(pattern.findall(text, i, i + COUNT_CHUNK)) for i in range(0, len(text), COUNT_CHUNK)) + len(
            _astral_changed_offsets(config, text, kept)
        )
    count, start, size = 0, 0, FIRST_COUNT_CHUNK
    while start < len(text):
        count += len(pattern.findall(text, start, start + size))
        if count > enough:
            return enough + 1
        start, size = start + size, min(2 * size, COUNT_CHUNK)
    return min(enough + 1, count + len(_astral_changed_offsets(config, text, kept)))


def _astral_changed_offsets(config: str, text: str, kept: str) -> list[int]:
    if not beyond_bmp(text):
        return []
    return [m.start() for m in _astral_han().finditer(text) if m.group() not in kept and changed_char(config, m.group())]


@dataclass(frozen=True)
class ScriptAnalysis:
    offsets: tuple[int, ...] | array   # of each traditional character
    simplified: str                     # the simplified form of each, in context
    simplified_only: int   # counted only when there is a traditional character to weigh it against, and then
    # only until they outnumber the traditional ones (one more than those)

    @property
    def traditional(self) -> tuple[tuple[int, str], ...]:
        """(offset, simplified form) of each traditional character."""
        return tuple(zip(self.offsets, self.simplified))

    @property
    def is_traditional_document(self) -> bool:
        return len(self.offsets) > self.simplified_only


NOTHING = ScriptAnalysis((), "", 0)


def analyse(text: str, both_scripts: str, exceptions: tuple[regex.Pattern, ...]) -> ScriptAnalysis:
    """The traditional characters of a text: OpenCC converts only the lines that hold one, a batch at a time,
    so the memory held is that of one batch and of the characters found."""
    lines = changed_lines("t2s", text, both_scripts)
    first = next(lines, None)
    if first is None:
        return NOTHING
    excepted = [(m.start(), m.end()) for p in exceptions for m in p.finditer(text)]
    excepted += [(start, end) for start, end, _ in utf8_as_gbk(text, 2)]  # mojibake is no script
    offsets, simplified = array("q"), []
    for batch in _batches(itertools.chain([first], lines)):
        found = [(i, form) for i, form in _in_context(text, batch) if not any(s <= i < e for s, e in excepted)]
        offsets.extend(i for i, _ in found)
        simplified.append("".join(form for _, form in found))
    if not offsets:
        return NOTHING
    return ScriptAnalysis(offsets, "".join(simplified), changed_count("s2t", text, enough=len(offsets)))


def _batches(lines: Iterator[tuple[int, int, list[int]]]) -> Iterator[list[tuple[int, int, list[int]]]]:
    """The lines in batches of about BATCH characters (a longer line is a batch of its own)."""
    batch: list[tuple[int, int, list[int]]] = []
    size = 0
    for line in lines:
        batch.append(line)
        size += line[1] - line[0]
        if size >= BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _in_context(text: str, batch: list[tuple[int, int, list[int]]]) -> Iterator[tuple[int, str]]:
    """(offset, simplified form) of each character OpenCC changes in the batch's lines, converted in one call;
    a line whose conversion changes its length takes each character's form from the table."""
    table = changed_chars("t2s")
    parts = convert("t2s", SEPARATOR.join(text[start:end] for start, end, _ in batch)).split(SEPARATOR)
    if len(parts) != len(batch):
        parts = [convert("t2s", text[start:end]) for start, end, _ in batch]
    for (start, end, candidates), converted in zip(batch, parts):
        same_length = len(converted) == end - start
        for i in candidates:
            ch = text[i]
            form = converted[i - start] if same_length else table.get(ch) or changed_char("t2s", ch)
            if form != ch:
                yield i, form


_HOLDS_TRADITIONAL_KEY = ("holds-traditional",)


@lru_cache(maxsize=1)
def traditional_pattern() -> re.Pattern:
    """One stdlib `re` pattern for every character OpenCC's t2s table changes and every character of the
    traditional script alone (`lexicon.script_characters`): a text holding none of them has nothing either
    this kind or `convention`'s traditional count looks for."""
    from ..lexicon import one_of, script_characters
    from ..regexes import PROGRAMS

    return PROGRAMS.compile(one_of(changed_chars("t2s").keys() | script_characters("traditional")))


def holds_traditional(document: Document) -> bool:
    """Whether the document holds a character of `traditional_pattern`: one search per document, shared by
    `typo.traditional` and `consistency.script`, where each searched the text for its own set (most text
    has none of either)."""
    return document.memo(_HOLDS_TRADITIONAL_KEY, lambda: traditional_pattern().search(document.text) is not None)


def _analysis(document: Document, config: ScriptConfig) -> ScriptAnalysis:
    """`analyse` of the document, answered without a look at a text that holds no BMP character OpenCC's
    table changes (`holds_traditional`) and none beyond the BMP (looked up one by one)."""
    if not holds_traditional(document) and not beyond_bmp(document.text):
        return NOTHING
    return analyse(document.text, config.both_scripts, config.exceptions)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: ScriptConfig = rule.config
    key = ("script", config.both_scripts, tuple(p.pattern for p in config.exceptions))
    analysis = document.memo(key, lambda: _analysis(document, config))
    if config.report == "document":
        if analysis.is_traditional_document and analysis.offsets:
            first = analysis.offsets[0]
            yield make_finding(document, rule, first, first + 1, count=len(analysis.offsets))
        return
    if analysis.is_traditional_document:
        return
    for offset, simplified in zip(analysis.offsets, analysis.simplified):
        if config.in_words_only and not _in_word(document.text, offset, config.common_alone):
            continue
        finding = make_finding(document, rule, offset, offset + 1, replacement=simplified, simplified=simplified)
        if finding.fix and document.text[offset] in config.ambiguous:
            finding = finding.with_(fix=replace(finding.fix, safe=False))
        yield finding


def _in_word(text: str, offset: int, common_alone: int) -> bool:
    """Whether the character at `offset`, with its neighbours simplified, belongs to a dictionary word of two or more
    characters, or alone is a word counted at least `common_alone` times."""
    from ..words import _dictionary, words

    start = max(0, offset - WORD_WINDOW)
    window = convert("t2s", text[start : offset + WORD_WINDOW + 1])
    if len(window) != len(text[start : offset + WORD_WINDOW + 1]):
        return True
    position = 0
    for word in words(window):
        if position <= offset - start < position + len(word):
            return len(word) > 1 or _dictionary()[0].get(word, 0) >= common_alone
        position += len(word)
    return True


def prepare(config: ScriptConfig) -> None:
    changed_pattern("t2s", config.both_scripts)
    changed_pattern("s2t")
    traditional_pattern()


def can_fix(config: ScriptConfig) -> bool:
    return config.report == "characters"
