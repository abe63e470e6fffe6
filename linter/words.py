"""Word boundaries in unspaced Han text, from jieba's dictionary.

Layout checks ask one question of a segmenter: does a dictionary word run
across a break (周新革介 | 绍 → 介绍)? Only dictionary words count (no HMM
guessing of unknown words). `words` cuts text exactly as jieba's
`Tokenizer.cut(text, HMM=False)` does -- the most probable path through the
dictionary words of each block -- but reads jieba's word list itself, on
first use: importing jieba and loading its prefix dictionary costs about
0.7 s per process, several times more.
"""

from __future__ import annotations

import re
from functools import lru_cache
from math import log
from operator import itemgetter
from typing import Iterator

WINDOW = 6
PAIR_BITS = 1 << 22
# jieba's own block and skip patterns: runs of the characters it segments (a word can only
# be made of them), and what it passes through.
JOINABLE = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]")
_BLOCK = re.compile(f"({JOINABLE.pattern}+)")
_SKIP = re.compile("(\r\n|\\s)")
_ALNUM = re.compile("[a-zA-Z0-9]")
_ENTRY = re.compile(r"^([^ \n]+) ([0-9]+)", re.MULTILINE)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], float, dict[str, int]]:
    """Word -> frequency, the log of the total frequency, and first character -> the length of the longest
    word it begins, so a cut looks up no longer piece (from the per-user snapshot when there is one:
    loading it is a fraction of parsing the list)."""
    from .lexicon import jieba_dictionary_path
    from .snapshots import snapshot

    return snapshot("jieba-frequencies", [jieba_dictionary_path()], read_dictionary)


def read_dictionary() -> tuple[dict[str, int], float, dict[str, int]]:
    """`_dictionary` parsed from jieba's word list itself."""
    from .lexicon import jieba_dictionary

    entries = _ENTRY.findall(jieba_dictionary())
    counts = list(map(int, map(itemgetter(1), entries)))
    frequency = dict(zip(map(itemgetter(0), entries), counts))  # a word listed twice keeps its last count
    longest: dict[str, int] = {}
    for word in frequency:
        if len(word) > longest.get(word[0], 0):
            longest[word[0]] = len(word)
    return frequency, log(sum(counts)), longest


def load_dictionary() -> None:
    """Read the dictionary now rather than on the first cut (before forking workers)."""
    _dictionary()
    _pairs()


@lru_cache(maxsize=1)
def _pairs() -> bytes:
    """One bit for every two characters in a row inside a dictionary word (`_pair_bit`), so that a break
    between two characters that no word holds side by side is passed without a look at the words around it."""
    from .lexicon import jieba_dictionary_path
    from .snapshots import snapshot

    return snapshot("jieba-pairs", [jieba_dictionary_path()], read_pairs)


def read_pairs() -> bytes:
    """`_pairs` built from the dictionary."""
    bits = bytearray(PAIR_BITS // 8)
    for word in _dictionary()[0]:
        for first, second in zip(word, word[1:]):
            bit = _pair_bit(first, second)
            bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


def _pair_bit(first: str, second: str) -> int:
    """The bit of a pair of characters: pairs may share one, which only costs the look a bit saves."""
    return (ord(first) * 65599 + ord(second)) % PAIR_BITS


def pair_in_a_word(first: str, second: str) -> bool:
    """False when no dictionary word holds `first` and `second` side by side (True may be a pair sharing its bit)."""
    bit = _pair_bit(first, second)
    return bool(_pairs()[bit >> 3] >> (bit & 7) & 1)


def words(text: str) -> list[str]:
    """`text` cut into dictionary words (unknown stretches fall apart into characters)."""
    return list(_cut(text))


def _cut(text: str) -> Iterator[str]:
    for block in _BLOCK.split(text):
        if not block:
            continue
        if _BLOCK.match(block):
            yield from _cut_block(block)
            continue
        for piece in _SKIP.split(block):
            if _SKIP.match(piece):
                yield piece
            else:
                yield from piece


def _cut_block(block: str) -> Iterator[str]:
    """The most probable path through the dictionary words of one block; single Latin
    letters and digits left over are joined back together."""
    frequency, log_total, longest = _dictionary()
    get = frequency.get
    size = len(block)
    route: list[tuple[float, int]] = [(0.0, 0)] * (size + 1)
    for start in range(size - 1, -1, -1):
        best = None
        for end in range(start, min(size, start + longest.get(block[start], 0))):
            count = get(block[start : end + 1])
            if count:
                candidate = (log(count) - log_total + route[end + 1][0], end)
                if best is None or candidate > best:
                    best = candidate
        # No word starts here: the character stands alone, as an unknown word of frequency 1.
        route[start] = best or (log(1) - log_total + route[start + 1][0], start)
    x, pending = 0, ""
    while x < size:
        y = route[x][1] + 1
        word = block[x:y]
        if len(word) == 1 and _ALNUM.match(word):
            pending += word
        else:
            if pending:
                yield pending
                pending = ""
            yield word
        x = y
    if pending:
        yield pending


def word_across(left: str, right: str, window: int = WINDOW) -> str | None:
    """The dictionary word that starts in `left` and ends in `right`, if the two are read as one text."""
    left, right = left[-window:], right[:window]
    if not left or not right:
        return None
    if not _piece_may_cross(left, right):
        return None
    position = 0
    for word in words(left + right):
        if position < len(left) < position + len(word):
            return word
        position += len(word)
    return None


def _piece_may_cross(left: str, right: str) -> bool:
    """Whether a piece of the cut of `left + right` may run across the break; the pieces that can are
    dictionary words, letters and digits joined back together, and the line break \\r\\n (`_SKIP`)."""
    return (
        bool(_ALNUM.match(left[-1]) and _ALNUM.match(right[0]))
        or left[-1] + right[0] == "\r\n"
        or _dictionary_word_across(left + right, len(left))
    )


def _dictionary_word_across(text: str, cut: int) -> bool:
    """Whether some dictionary word in `text` starts before offset `cut` and ends after it: only a word that
    holds the two characters at the cut side by side can. The words starting nearest the cut, the shortest
    and most common across a break, are looked up first."""
    if not pair_in_a_word(text[cut - 1], text[cut]):
        return False
    frequency, _, longest = _dictionary()
    for start in range(cut - 1, -1, -1):
        for end in range(cut + 1, min(len(text), start + longest.get(text[start], 0)) + 1):
            if frequency.get(text[start:end]):
                return True
    return False


@lru_cache(maxsize=1)
def _all_words() -> str:
    """Every dictionary word, one a line: one string to search for a stretch inside any of them."""
    return "\n".join(_dictionary()[0])


@lru_cache(maxsize=4096)
def inside_a_word(stretch: str) -> bool:
    """Whether the stretch occurs within some dictionary word (奥尔 in 奥尔良, 潮南 in 潮南区)."""
    return stretch in _all_words()


@lru_cache(maxsize=4096)
def cuts_inside_word(term: str, offset: int) -> bool:
    """True when position `offset` of `term` falls inside one of its words (习近|平 in 习近平)."""
    position = 0
    for word in words(term):
        if position < offset < position + len(word):
            return True
        position += len(word)
    return False
