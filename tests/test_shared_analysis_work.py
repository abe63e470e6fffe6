"""The shared analyses look only where a finding can be: counted work, and the answers of the plain computation."""

from __future__ import annotations

import random

import pytest

from linter.checks import convention, layout, pairs, script
from linter.document import Document

from conftest import triples
from test_consistency_fast_paths import ALPHABET, invented_texts


def test_a_paragraph_starting_with_a_fixed_terms_character_but_not_its_tail_is_not_read_for_a_lost_beginning(
    rules_by_id, lint, monkeypatch
):
    """近 and 平 begin tails of 习近平…; 近年来 and 平时 begin no tail, so `_fragment_end` never reads them."""
    config = rules_by_id["layout.mid-sentence-start"].config
    assert "近" in config.cut_tails and "近年来" not in config.cut_tails["近"]
    read = []
    real = layout._fragment_end
    monkeypatch.setattr(layout, "_fragment_end", lambda text, config: read.append(text) or real(text, config))
    text = ("该院召开座谈会。\n\n近年来，该院办理案件一百余件。\n\n平时注重学习。\n\n"
            "平文化思想及武冈优秀传统文化等为“原材料”，浸润出精气神。")
    assert triples(lint(text, "layout.mid-sentence-start")) == [("layout.mid-sentence-start", 7, 1)]
    assert read == ["平文化思想及武冈优秀传统文化等为“原材料”，浸润出精气神。"]


def test_mid_sentence_candidates_are_those_the_first_character_gate_let_through_that_fragment_end_keeps(rules_by_id):
    config = rules_by_id["layout.mid-sentence-start"].config
    rng = random.Random(7)
    pieces = ["近年", "近平", "平文化思想", "法治思想", "的", "了", "言，", "中、美", "新，", "检察", "。", "　", "文"]
    for _ in range(300):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 6))]
        document = Document("\n\n".join(texts))
        blocks = layout.blockmodel.blocks(document, config.cues)
        lines = layout.blockmodel.paragraph_lines(document)
        old_gate = frozenset(config.cannot_start) | frozenset(config.cut_terms)
        plain = [i for i, (line, block) in enumerate(zip(lines, blocks))
                 if block.kind == "body" and (line[:1] in old_gate or line[1:2] in "，,、") and layout._fragment_end(block.text, config)]
        fast = [i for i in layout._may_start_mid_sentence(blocks, config, lines) if layout._fragment_end(blocks[i].text, config)]
        assert fast == plain, texts


def test_ignore_patterns_are_read_one_by_one_only_in_paragraphs_where_one_of_them_matches(rules_by_id, monkeypatch):
    config = rules_by_id["quotes.unclosed"].config
    assert pairs._any_needed(config.ignore_needs).pattern.startswith("[")  # one class, not an alternation
    read = []
    real = pairs._ignored_matches
    monkeypatch.setattr(pairs, "_ignored_matches", lambda text, config: read.append(text) or real(text, config))
    document = Document("他（张三）说：“好。”\n\n材料分三类：1) 文书 2) 证据。\n\n见《民法典》（2020年）。")
    assert pairs.ignored_offsets(document, config) == {1: {6, 7, 12, 13}}  # 1) and 2)
    assert read == ["材料分三类：1) 文书 2) 证据。"]


def test_a_text_without_traditional_characters_is_searched_once_for_them(rules_by_id, monkeypatch):
    """typo.traditional and consistency.script share one search; neither reads the text again."""
    analysed, counted = [], []
    real_analyse, real_scan = script.analyse, convention._charset_scan
    monkeypatch.setattr(script, "analyse", lambda text, *rest: analysed.append(text) or real_analyse(text, *rest))
    monkeypatch.setattr(convention, "_charset_scan", lambda text, charset: counted.append(charset) or real_scan(text, charset))
    document = Document("记者说，这是我们的检察院。")
    assert list(script.check(document, rules_by_id["typo.traditional"])) == []
    uses = convention.summarize(document, rules_by_id["consistency.script"])
    assert set(uses) == {"简体"} and uses["简体"].count == 5  # 记 说 这 们 检
    assert analysed == [] and counted == ["simplified"]
    mixed = Document("记者说，這是我们的检察院。")
    found = list(script.check(mixed, rules_by_id["typo.traditional"]))
    assert [(f.location.line, f.location.column, f.fix.replacement) for f in found] == [(1, 5, "这")]
    assert convention.summarize(mixed, rules_by_id["consistency.script"])["繁体"].count == 1


@pytest.mark.parametrize("both_scripts", ["", "乾於"])
def test_the_shared_search_answers_as_the_analysis_does(both_scripts):
    for text in invented_texts(400, ALPHABET + ["\U0002F800", "\U00020000"]):
        config = script.ScriptConfig("characters", both_scripts, frozenset(), ())
        assert script._analysis(Document(text), config) == script.analyse(text, both_scripts, ()), text
        assert convention._charset_use(Document(text), "traditional") == convention._charset_scan(text, "traditional"), text


def test_the_led_search_for_any_ignore_pattern_finds_what_each_pattern_finds(rules_by_id):
    config = rules_by_id["quotes.unclosed"].config
    led = pairs._any_ignored(config.ignore)
    assert led.__self__.pattern.startswith("[")  # led by the class of the characters a match starts with
    rng = random.Random(11)
    pieces = ["1)", "a）", "（1）", ":)", "：）", ";-(", ":(", "O’Brien", "‘", "文", "，", " ", "\n", "2", "b", "(", ")"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert bool(led(text)) == any(p.search(text) for p in config.ignore), text


def test_ignore_patterns_with_a_group_are_searched_as_they_are():
    import re

    patterns = (re.compile(r"(\d)\)"), re.compile(r"[:;]-?\)"))
    search = pairs._any_ignored(patterns)
    assert bool(search("第1) 条")) and bool(search("好:)")) and not search("（一）")
