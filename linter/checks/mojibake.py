"""`mojibake`: text decoded with the wrong encoding, found by decoding it back.

    - id: garbled.mojibake
      kind: mojibake
      misreadings: [utf8-as-cp1252, gbk-as-latin1, utf8-as-gbk]
      min_chars: 2

A run is reported only when re-encoding it the way it was misread and
decoding it the right way gives back Chinese text, so ordinary Latin letters,
curly quotes and rare characters stay silent:

- utf8-as-cp1252: UTF-8 read as Latin-1 or Windows-1252 (è¿™æ˜¯ for 这是),
  repaired by ftfy, which also copes with bytes lost on the way;
- gbk-as-latin1: GBK read as Latin-1 (ÄãºÃ for 你好);
- utf8-as-gbk: UTF-8 read as GBK (涓枃 for 中文), the common Chinese case.

Runs split only by U+FFFD are one finding. The fix is the text decoded back,
offered only when nothing was lost.

Message placeholders: {match}, {repair} (the text decoded back, U+FFFD where
bytes were lost), {misreading}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

import regex

from ..document import Document
from ..findings import Finding, make_finding
from ..regexes import HAN
from .api import Field, count, choices

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "mojibake"

_CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = f"[\u0080-\u00bf{_CP1252_SPECIALS}\ufffd]"
UTF8_AS_CP1252 = re.compile(
    f"(?:[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{1,2}}|[\u00f0-\u00f4]{_CONT}{{2,3}})+"
)
GBK_AS_LATIN1 = re.compile("(?:[\u0081-\u00fe][\u0040-\u007e\u0080-\u00fe])+")
# What every match of the two patterns above starts with: no match begins before the first of them.
UTF8_LEAD_LATIN = re.compile("[\u00c2-\u00f4]")
GBK_LEAD_LATIN = re.compile("[\u0081-\u00fe]")
# Leads tried one by one cost about as much as `finditer` when one character in ten is a lead.
LEAD_WINDOW, DENSE_SPACING = 64, 10
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
UTF8_CJK_BYTES = regex.compile(rb"(?:[\xe0-\xef][\x80-\xbf]{2})+")
CHINESE = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’—…·]+")

DESCRIPTIONS = {
    "utf8-as-cp1252": "UTF-8 按 Latin-1/Windows-1252 解码",
    "gbk-as-latin1": "GBK 按 Latin-1 解码",
    "utf8-as-gbk": "UTF-8 按 GBK 解码",
}


FIELDS = (
    Field("misreadings", choices(*DESCRIPTIONS), list(DESCRIPTIONS), "which wrong decodings to look for"),
    Field("min_chars", count(1), 2, "the fewest characters the repaired text must have"),
)


@dataclass(frozen=True)
class MojibakeConfig:
    misreadings: tuple[str, ...]
    min_chars: int


def compile(options: dict) -> MojibakeConfig:
    return MojibakeConfig(tuple(options["misreadings"]), options["min_chars"])


def is_chinese(text: str, min_chars: int) -> bool:
    return bool(CHINESE.fullmatch(text)) and sum(1 for ch in text if HAN.match(ch)) >= min_chars


def matches_at_leads(pattern: re.Pattern, lead: re.Pattern, text: str, window: int = LEAD_WINDOW) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern whose every match is non-empty and starts with a character
    that `lead` (one class, which `re` skips to quickly) finds: the pattern is tried only there.

    Where `window` leads in a row stand less than `DENSE_SPACING` characters apart on average (Latin-heavy
    text), a Python step per lead costs more than `finditer`, which then does the rest: no match starts
    between the last one and the lead not yet tried, and the pattern looks neither behind nor at anchors.
    """
    found = lead.search(text)
    window_start, tried = (found.start() if found else 0), 0
    while found is not None:
        at = found.start()
        if tried == window:
            if at - window_start < window * DENSE_SPACING:
                yield from pattern.finditer(text, at)
                return
            window_start, tried = at, 0
        tried += 1
        m = pattern.match(text, at)
        if m is None:
            found = lead.search(text, at + 1)
        else:
            yield m
            found = lead.search(text, m.end())


def utf8_as_cp1252(text: str, min_chars: int) -> Iterator[tuple[int, int, str | None]]:
    """Latin-1/cp1252 runs shaped like UTF-8 byte sequences that ftfy turns back into Chinese."""
    import ftfy

    for m in matches_at_leads(UTF8_AS_CP1252, UTF8_LEAD_LATIN, text):
        run = m.group()
        repaired = ftfy.fix_encoding(run)
        if repaired == run or len(repaired) >= len(run):
            continue
        readable = repaired.replace("\ufffd", "")
        if readable and is_chinese(readable, min_chars):
            yield m.start(), m.end(), repaired


def gbk_as_latin1(text: str, min_chars: int) -> Iterator[tuple[int, int, str | None]]:
    """Latin-1 runs whose bytes decode as GBK Chinese. GBK's common characters make Latin-1 letters (ÄãºÃ for 你好);
    a run of signs without a letter (××××, a masked number plate; ±±) is typography, not mojibake."""
    for m in matches_at_leads(GBK_AS_LATIN1, GBK_LEAD_LATIN, text):
        if not any(ch.isalpha() for ch in m.group()):
            continue
        try:
            repaired = m.group().encode("latin-1").decode("gbk")
        except UnicodeError:
            continue
        if is_chinese(repaired, min_chars):
            yield m.start(), m.end(), repaired


@lru_cache(maxsize=1)
def utf8_lead_chars() -> re.Pattern:
    """The characters whose GBK bytes start a 3-byte UTF-8 sequence (E0-EF, then 80-BF).

    A `utf8_as_gbk` match starts with one: GBK writes every character it can
    encode outside ASCII in two bytes, and a match starts on a character's first byte.
    """
    return re.compile(_gbk_class(range(0xE0, 0xF0), range(0x80, 0xC0)))


@lru_cache(maxsize=4)
def utf8_shape(min_chars: int) -> re.Pattern:
    """Characters in a row whose GBK bytes are what a `utf8_as_gbk` finding starts with: for two Chinese characters
    or more, two whole 3-byte UTF-8 sequences (E0-EF 80-BF | 80-BF E0-EF | 80-BF 80-BF), three characters; for one,
    a lead character and one whose first byte continues it. Ordinary Chinese text seldom has such a row, where a
    lead character alone stands every few lines."""
    continuing = range(0x80, 0xC0)
    if min_chars < 2:
        return re.compile(utf8_lead_chars().pattern + _gbk_class(continuing, range(0x40, 0xFF)))
    return re.compile(utf8_lead_chars().pattern + _gbk_class(continuing, range(0xE0, 0xF0)) + _gbk_class(continuing, continuing))


def _gbk_class(leads: range, trails: range) -> str:
    """A class of the characters GBK writes as a byte of `leads` then one of `trails`."""
    chars = []
    for lead in leads:
        for trail in trails:
            try:
                chars.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return "[" + re.escape("".join(chars)) + "]"


def gbk_runs(text: str, only_with: re.Pattern | None = None) -> Iterator[tuple[int, bytes]]:
    """(offset, GBK bytes) of each run of non-ASCII characters GBK can encode; two bytes a character.

    With `only_with`, only the runs in which that pattern finds a character.
    """
    runs = NON_ASCII_RUN.finditer(text) if only_with is None else _runs_around(text, only_with.finditer(text))
    for m in runs:
        start, run = m.start(), m.group()
        try:
            yield start, run.encode("gbk")
            continue
        except UnicodeEncodeError:
            pass
        piece_start = start
        pieces: list[bytes] = []
        for i, ch in enumerate(run):
            try:
                pieces.append(ch.encode("gbk"))
            except UnicodeEncodeError:
                if pieces:
                    yield piece_start, b"".join(pieces)
                pieces, piece_start = [], start + i + 1
        if pieces:
            yield piece_start, b"".join(pieces)


def _runs_around(text: str, found: Iterator[re.Match]) -> Iterator[re.Match]:
    """The runs of non-ASCII characters (as `NON_ASCII_RUN` finds them) that hold a found character, in order."""
    end = -1
    for m in found:
        if m.start() < end:
            continue
        start = m.start()
        while start > 0 and not text[start - 1].isascii():
            start -= 1
        run = NON_ASCII_RUN.match(text, start)
        end = run.end()
        yield run


def utf8_as_gbk(text: str, min_chars: int) -> Iterator[tuple[int, int, str | None]]:
    """Runs whose GBK bytes, from a character boundary, are whole UTF-8 sequences of Chinese text."""
    return utf8_in_gbk_runs(gbk_runs(text, utf8_shape(min_chars)), min_chars)


def utf8_in_gbk_runs(runs: Iterator[tuple[int, bytes]], min_chars: int) -> Iterator[tuple[int, int, str | None]]:
    for offset, data in runs:
        taken_until = -1
        for m in UTF8_CJK_BYTES.finditer(data, overlapped=True):
            start = m.start()
            if start % 2 or start < taken_until:
                continue
            end = m.end()
            repaired = data[start:end].decode("utf-8", errors="replace")
            if not is_chinese(repaired, min_chars):
                continue
            first, last = offset + start // 2, offset + (end + 1) // 2
            taken_until = end + end % 2
            yield first, last, repaired if end % 2 == 0 else repaired + "\ufffd"


FINDERS = {"utf8-as-cp1252": utf8_as_cp1252, "gbk-as-latin1": gbk_as_latin1, "utf8-as-gbk": utf8_as_gbk}
_LATIN1_MISREADINGS = ("utf8-as-cp1252", "gbk-as-latin1")
LOST = "\ufffd"


def merged(text: str, runs: Iterator[tuple[int, int, str | None]]) -> Iterator[tuple[int, int, str, bool]]:
    """Join runs separated only by U+FFFD (bytes the wrong decoder could not read) into one.

    Yields (start, end, repaired text, complete); text that could not be
    recovered shows as U+FFFD, and only a complete repair becomes a fix.
    """
    current: list | None = None
    for start, end, repaired in runs:
        shown = repaired if repaired is not None else LOST
        complete = repaired is not None and LOST not in repaired
        if current and not text[current[1] : start].strip(LOST):
            gap = text[current[1] : start]
            current[1], current[2], current[3] = end, current[2] + gap + shown, False
            continue
        if current:
            yield tuple(current)
        current = [start, end, shown, complete]
    if current:
        yield tuple(current)


@lru_cache(maxsize=8)
def lead_chars(misreadings: tuple[str, ...]) -> re.Pattern:
    """One class of the characters the misreadings' findings start with (`candidate_patterns`): a text holding
    none of them, as most Chinese text, is passed with one search instead of one for each."""
    leads = {"utf8-as-cp1252": "\u00c2-\u00f4", "gbk-as-latin1": "\u0081-\u00fe", "utf8-as-gbk": utf8_lead_chars().pattern[1:-1]}
    return re.compile("[" + "".join(leads[name] for name in misreadings) + "]")


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: MojibakeConfig = rule.config
    text = document.text
    if text.isascii() or not config.misreadings or not lead_chars(config.misreadings).search(text):
        return
    taken: list[tuple[int, int]] = []
    latin = GBK_LEAD_LATIN.search(text) is not None  # where the Latin-1 misreadings' matches start, either of them
    for name in config.misreadings:
        if name in _LATIN1_MISREADINGS and not latin:
            continue
        for start, end, repaired, complete in merged(text, FINDERS[name](text, config.min_chars)):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            yield make_finding(
                document, rule, start, end, replacement=repaired if complete else None,
                repair=repaired, misreading=DESCRIPTIONS[name],
            )


def candidate_patterns(config: MojibakeConfig) -> tuple:
    """What each misreading's findings start from, for the one-pass gate (linter.prefilter): a run of the
    Latin-1 pattern, or the row of characters whose GBK bytes a UTF-8 finding starts with (`utf8_shape`; a
    character whose bytes merely start a UTF-8 sequence stands in most Chinese text)."""
    starts = {"utf8-as-cp1252": UTF8_AS_CP1252, "gbk-as-latin1": GBK_AS_LATIN1, "utf8-as-gbk": utf8_shape(config.min_chars)}
    return tuple(starts[name] for name in config.misreadings)


def prepare(config: MojibakeConfig) -> None:
    import ftfy  # noqa: F401

    if config.misreadings:
        lead_chars(config.misreadings)


def can_fix(config: MojibakeConfig) -> bool:
    return True
