"""Word boundaries in unspaced Han text, from jieba's dictionary.

Layout checks ask one question of a segmenter: does a dictionary word run
across a break (周新革介 | 绍 → 介绍)? Only dictionary words count (no HMM
guessing of unknown words), and jieba is imported on first use, so a run
that never asks pays nothing.
"""

from __future__ import annotations

import logging
from functools import lru_cache

WINDOW = 6


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


def words(text: str) -> list[str]:
    """`text` cut into dictionary words (unknown stretches fall apart into characters)."""
    return list(_tokenizer().cut(text, HMM=False))


def word_across(left: str, right: str, window: int = WINDOW) -> str | None:
    """The dictionary word that starts in `left` and ends in `right`, if the two are read as one text."""
    left, right = left[-window:], right[:window]
    if not left or not right:
        return None
    position = 0
    for word in words(left + right):
        if position < len(left) < position + len(word):
            return word
        position += len(word)
    return None


@lru_cache(maxsize=4096)
def cuts_inside_word(term: str, offset: int) -> bool:
    """True when position `offset` of `term` falls inside one of its words (习近|平 in 习近平)."""
    position = 0
    for word in words(term):
        if position < offset < position + len(word):
            return True
        position += len(word)
    return False
