"""indented_json walks containers itself and leaves leaves to the C encoder: its text must be
json.dumps(indent=2) byte for byte, at any nesting level, on invented values."""

from __future__ import annotations

import json
import random

import pytest

from linter.report import indented_json

LEAVES = [None, True, False, 0, -5, 10**20, 1.5, float("nan"), float("inf"), "", "中文\n\t\"\\", "\udcb0x", "😀",
          "\x00\x1f\u2028", {1: "x", "y": 2}, {}, [], (), {"a": {2: 3}}]
KEYS = ["a", "b", "ключ", "中文", "\x00k", "é\n", ""]


def _value(rng: random.Random, depth: int = 0):
    r = rng.random()
    if depth < 4 and r < 0.25:
        return {rng.choice(KEYS) + str(i): _value(rng, depth + 1) for i in range(rng.randint(0, 4))}
    if depth < 4 and r < 0.45:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if depth < 4 and r < 0.5:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    return rng.choice(LEAVES)


@pytest.mark.parametrize("seed", range(5))
def test_indented_json_is_json_dumps_indent_2(seed):
    rng = random.Random(seed)
    for _ in range(2000):
        value = _value(rng)
        for level in (0, 1, 4):
            expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
            assert indented_json(value, level) == expected
