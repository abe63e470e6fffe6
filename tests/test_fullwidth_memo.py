"""The fullwidth rule remembers, per character, whether it is Chinese context, across documents."""

from __future__ import annotations

import dataclasses
import random

from linter.checks import fullwidth
from linter.document import Document


def test_remembered_chinese_context_is_what_the_pattern_says(rules_by_id):
    """After many invented documents every remembered character agrees with the `chinese` pattern,
    and a fresh config (nothing remembered) reports exactly the same findings."""
    rule = rules_by_id["punctuation.ascii-in-chinese"]
    rng = random.Random(5)
    alphabet = "中文，。“”《》、a1 \t\n,;:?!é한かー—…"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(800)]
    warm = [[tuple(f) for f in fullwidth.check(Document(text), rule)] for text in texts]
    memo = rule.config.chinese_memo
    assert set(alphabet) - set(" \t") <= set(memo)
    assert all(found == bool(rule.config.chinese.fullmatch(ch)) for ch, found in memo.items() if ch)
    fresh = fullwidth.compile(rule.options)
    cold_rule = dataclasses.replace(rule, config=fresh)
    assert fresh.chinese_memo == {"": False}
    assert [[tuple(f) for f in fullwidth.check(Document(text), cold_rule)] for text in texts] == warm
