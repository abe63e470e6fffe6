"""Repetition rules: the candidate search across separators finds what the repetition pattern finds."""

from __future__ import annotations

import dataclasses
import random

from linter.checks import repetition
from linter.document import Document


def findings(document: Document, rule) -> list[tuple]:
    return [tuple(f) for f in repetition.check(document, rule)]


def test_candidate_separators_find_every_repetition_the_pattern_finds(rules_by_id):
    rule = rules_by_id["duplication.phrase"]
    assert rule.config.candidates is not None
    plain = dataclasses.replace(rule, config=dataclasses.replace(rule.config, candidates=None))
    rng = random.Random(19)
    pieces = ["有", "战斗", "力", "、", "，", ",", "的", "和", "。", "有战斗力", "a", " ", "\n"]
    def some(most: int) -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))

    for _ in range(3000):
        unit = some(5)
        text = some(8) if rng.random() < 0.3 else some(4) + unit + rng.choice("、，,") + unit + some(2) + unit + some(4)
        document = Document(text)
        assert findings(document, rule) == findings(document, plain), text
    text = "要建设有战斗力、有战斗力的队伍，要讲政治，讲政治的干部。提高效率，，提高效率。"
    assert findings(Document(text), rule) == findings(Document(text), plain) != []


def test_a_clause_whose_start_is_not_repeated_is_not_tried(rules_by_id, monkeypatch):
    """Only the starts a candidate separator allows are matched; text without one is not searched at all."""
    rule = rules_by_id["duplication.phrase"]
    tried = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def match(self, text, start):
            tried.append(start)
            return self.pattern.match(text, start)

        def search(self, text, start):
            raise AssertionError("searched")

    counted = dataclasses.replace(rule, config=dataclasses.replace(rule.config, pattern=Counting(rule.config.pattern)))
    text = "会议指出，要坚持问题导向、目标导向，加强统筹协调、狠抓落实，推动工作取得实效。"
    assert findings(Document(text), counted) == [] and tried == []
    text = "各级党组织要锻造有战斗力、有战斗力的队伍。"
    assert len(findings(Document(text), counted)) == 1 and tried == [text.index("有战斗力")]


def test_a_document_without_a_sentence_twice_is_not_cut_into_sentence_spans(rules_by_id):
    rule = rules_by_id["duplication.sentence"]
    distinct = Document("会议听取了工作汇报。会议研究部署了下一步工作。\n\n与会人员进行了讨论。")
    assert list(repetition.check(distinct, rule)) == [] and "sentences" not in distinct.__dict__
    twice = Document("会议听取了工作汇报。会议研究部署了下一步工作。会议研究部署了下一步工作。")
    assert [(f.line, f.column) for f in repetition.check(twice, rule)] == [(1, 24)]


def test_shifted_starts_hold_every_start_the_exact_pattern_matches_at(rules_by_id):
    """On random texts (repeats, runs, characters sharing a low byte: 中 U+4E2D and 㸭 U+3E2D) every offset where
    the repetition pattern matches is a candidate, and the rule finds what the plain search finds."""
    import dataclasses
    import random

    from linter.checks import repetition
    from linter.document import Document

    rule = rules_by_id["duplication.word"]
    plain = dataclasses.replace(rule, config=dataclasses.replace(rule.config, shifts=None))
    rng = random.Random(19)
    pieces = ["中", "㸭", "文", "培训", "人民检察院", "长", "a", "1", " ", "，", "。", "\n", "\U00020000", "\udcff"]
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        starts = set(repetition.shifted_starts(text, 2, 8))
        assert all(i in starts for i in range(len(text)) if rule.config.pattern.match(text, i)), text
        found = [tuple(f) for f in repetition.check(Document(text), rule)]
        assert found == [tuple(f) for f in repetition.check(Document(text), plain)], text


def test_shifted_starts_are_the_offsets_of_a_repeated_stretch():
    """One candidate per offset whose k characters (2 <= k <= 8) are the next k too; prose where only a pair
    recurs a few characters on (检察院检察长, 人民法院人民检察院) has none."""
    from linter.checks.repetition import shifted_starts

    assert shifted_starts("业务培训培训的沉浸感", 2, 8) == [2]
    assert shifted_starts("组织干警参加培训，提升能力。", 2, 8) == []
    assert shifted_starts("长" * 6, 2, 8) == [0, 1, 2]
    assert shifted_starts("甲乙甲乙", 1, 8) == [0]
    assert shifted_starts("甲甲乙", 1, 1) == [0]
    assert shifted_starts("市人民检察院检察长、区人民法院人民检察院负责人，检察官检察", 2, 8) == []


def test_a_unit_of_a_few_listed_characters_is_searched_by_its_pattern(rules_by_id):
    """的的, 在在: the pattern's own search skips to the dozen characters in C; a class of every Han character is
    tried only where characters repeat (shifted_starts)."""
    assert rules_by_id["duplication.char"].config.shifts is None
    assert rules_by_id["duplication.word"].config.shifts == (2, 8)
    rule = rules_by_id["duplication.char"]
    assert [(f.line, f.column, f.end_column) for f in repetition.check(Document("他在在会上发言。"), rule)] == [(1, 2, 4)]
