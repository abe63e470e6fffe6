"""linter.words cuts text exactly as jieba's Tokenizer.cut(HMM=False), without loading jieba."""

import logging
import random
from pathlib import Path

import pytest

from linter.words import word_across, words

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def jieba_cut():
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    return lambda text: list(tokenizer.cut(text, HMM=False))


def test_whole_seed_paragraphs_are_cut_as_jieba_cuts_them(jieba_cut):
    paragraphs = [p for path in SEEDS for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    assert len(paragraphs) > 100
    for paragraph in paragraphs:
        assert words(paragraph) == jieba_cut(paragraph), paragraph


def test_random_windows_mixed_scripts_and_spaces_are_cut_as_jieba_cuts_them(jieba_cut):
    text = "".join(path.read_text(encoding="utf-8") for path in SEEDS) + "B超检查 T恤 3D打印\r\n共1,000件 a b\tc—— e-mail 100%"
    rng = random.Random(8)
    for _ in range(3000):
        start = rng.randrange(len(text))
        window = text[start : start + rng.choice([2, 5, 8, 12, 30])]
        assert words(window) == jieba_cut(window), window


def test_word_across_a_break():
    assert word_across("周新革介", "绍了情况") == "介绍"
    assert word_across("今天开会。", "明天出发") is None


def test_every_pair_of_characters_in_a_word_passes_the_pair_gate():
    from linter import words as module

    frequency = module._dictionary()[0]
    for word in list(frequency)[::50]:
        assert all(module.pair_in_a_word(a, b) for a, b in zip(word, word[1:])), word
    assert module._pairs() == module.read_pairs()


def test_a_break_between_characters_no_word_holds_side_by_side_looks_up_no_word(monkeypatch):
    from linter import words as module

    assert not module.pair_in_a_word("议", "央")
    lookups = []
    dictionary = module._dictionary
    monkeypatch.setattr(module, "_dictionary", lambda: lookups.append(1) or dictionary())
    assert word_across("国务院常务会议", "央视网消息") is None
    assert lookups == []
    assert word_across("周新革介", "绍了情况") == "介绍"
    assert lookups
