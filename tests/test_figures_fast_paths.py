"""Fast paths of the figure analyses give what the plain readings give, on invented text."""

import random

import pytest

from linter.figures.passages import clause_start, layout, place
from linter.quantities import parse_quantities

PIECES = ["，", "；", "：", ";", ":", ",", "。", "！", "？", "…", "”", "）", "12件", "1,250件", "3,45人", "，300元",
          "共", "其中", "四十人", "占44%", "检察院", "办理", "x", " ", "\n"]


def invented_texts(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]


@pytest.fixture(scope="module")
def lexicon(rules_by_id):
    return rules_by_id["numbers.parts-total"].config.lexicon


def test_placed_clause_start_is_the_one_read_back_from_the_figure(lexicon):
    checked = 0
    for text in invented_texts(3000):
        shape = layout(0, len(text), text)
        for placed in place(shape, parse_quantities(text, lexicon)):
            floor = shape.sentences[placed.sentence][0] if shape.sentences else 0
            assert placed.clause_from == clause_start(text, placed.q.start, floor), text
            checked += 1
    assert checked > 1000
