"""Punctuation rules: ASCII marks in Chinese text, 、 between quoted items, doubled and missing marks."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS, triples, wenlint
from corpus_check import actual_findings, expected_findings


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def apply(text: str, findings) -> str:
    for f in sorted(findings, key=lambda f: f.fix.start, reverse=True):
        text = text[: f.fix.start] + f.fix.replacement + text[f.fix.end :]
    return text


def test_ascii_comma_between_han_has_a_safe_fix(lint):
    text = "近年来,该院始终坚持以政治建设为统领, 以党建为引领。"
    found = lint(text, "punctuation.ascii-in-chinese")
    assert triples(found) == [("punctuation.ascii-in-chinese", 1, 4), ("punctuation.ascii-in-chinese", 1, 19)]
    assert all(f.fix.safe for f in found)
    assert apply(text, found) == "近年来，该院始终坚持以政治建设为统领，以党建为引领。"


@pytest.mark.parametrize("text", ["共1,000件", "时间3:00开始", "网址：https://a.cn/x?id=1,2", "(1)立案", "He said: yes, fine!"])
def test_ascii_marks_in_latin_or_number_context_stay_silent(lint, text):
    assert lint(text, "punctuation.ascii-in-chinese", "punctuation.ascii-parentheses") == []


def test_ascii_parentheses_around_chinese(lint):
    found = lint("副厅长郭竹梅(左一)带队。运用人工智能(AI)技术。", "punctuation.ascii-parentheses")
    assert triples(found) == [("punctuation.ascii-parentheses", 1, 7)]
    assert found[0].fix.replacement == "（左一）"


def test_seed_004_ascii_commas_one_finding_each(lint):
    text = seed("004_a6d7a54a70ca9500.txt")
    found = lint(text, "punctuation.ascii-in-chinese")
    assert len(found) == text.count(",") == 114
    assert triples(found)[0] == ("punctuation.ascii-in-chinese", 1, 4)


def test_seed_counts_per_file(lint):
    """Every ASCII , ; : in the seeds stands in Chinese text (read one by one): 509 in all."""
    counts = {name: len(lint(seed(name), "punctuation.ascii-in-chinese")) for name in
              ("000_ea7382c9cbe5172c.txt", "001_a693e1c6a20bb357.txt", "002_4190d9264b0a7aa4.txt", "003_68c41b3dac8a2b97.txt")}
    assert counts == {"000_ea7382c9cbe5172c.txt": 3, "001_a693e1c6a20bb357.txt": 1,
                      "002_4190d9264b0a7aa4.txt": 248, "003_68c41b3dac8a2b97.txt": 143}


def test_enumeration_comma_between_quoted_items_in_seeds(lint):
    assert triples(lint(seed("000_ea7382c9cbe5172c.txt"), "punctuation.quoted-items-comma")) == [
        ("punctuation.quoted-items-comma", 25, 191), ("punctuation.quoted-items-comma", 29, 73)]
    found = lint(seed("004_a6d7a54a70ca9500.txt"), "punctuation.quoted-items-comma")
    assert triples(found) == [("punctuation.quoted-items-comma", 3, 301), ("punctuation.quoted-items-comma", 7, 396)]
    assert "“三个善于”、“三个延伸”" in found[0].message
    assert found[0].severity == "info" and not found[0].fix.safe


def test_merged_clauses_in_seed_004(lint):
    found = lint(seed("004_a6d7a54a70ca9500.txt"), "punctuation.merged-clauses")
    assert triples(found) == [("punctuation.merged-clauses", 9, 122)]
    assert "280余件" in found[0].message and "100%" in found[0].message


def test_doubled_but_not_ellipsis_or_dash(lint):
    found = lint("会议召开，，大家发言。。他沉默了……然后说——好。", "punctuation.doubled")
    assert triples(found) == [("punctuation.doubled", 1, 5), ("punctuation.doubled", 1, 11)]
    assert [f.fix.replacement for f in found] == ["，", "。"]


def test_comma_before_closing_quote(lint):
    assert triples(lint("他说：“我们一定办好，”。", "punctuation.comma-before-closing-quote")) == [
        ("punctuation.comma-before-closing-quote", 1, 11)]
    assert lint("“我们一定办好，”他说，“请放心。”", "punctuation.comma-before-closing-quote") == []


def test_labelled_corpus_recall_and_precision(default_rules):
    expected = expected_findings("punctuation")
    actual = actual_findings("punctuation", default_rules)
    assert sum(len(v) for v in expected.values()) >= 10
    assert any(not v for v in expected.values()), "the corpus needs clean files"
    for name in expected:
        assert actual[name] - expected[name] == set(), f"{name}: false alarms"
        assert expected[name] - actual[name] == set(), f"{name}: missed"


def test_text_report_collapses_json_keeps_every_finding():
    text = wenlint("check", "seeds/004_a6d7a54a70ca9500.txt", "--select", "punctuation.ascii-in-chinese", "--color", "never")
    assert "… 109 more [punctuation.ascii-in-chinese] in this file" in text.stdout
    assert text.stdout.count("warning [punctuation.ascii-in-chinese]") == 5
    data = json.loads(wenlint("check", "seeds/004_a6d7a54a70ca9500.txt", "--select", "punctuation.ascii-in-chinese",
                              "--format", "json").stdout)
    assert len(data["findings"]) == 114
    assert data["findings"][0]["fix"] == {"replacement": "，", "safe": True, "line": 1, "column": 4, "end_line": 1, "end_column": 5}


def test_ascii_marks_share_one_message_per_mark_as_the_rule_formats_it(rules_by_id, lint):
    """The check formats a mark's message once; each finding must read as formatting it anew would."""
    rule = rules_by_id["punctuation.ascii-in-chinese"]
    text = "中文,中文; 中文:中文?中文!\n中文 , 中文,中文;中文: 1,000 中文!\r\n结尾?"
    found = lint(text, "punctuation.ascii-in-chinese")
    assert len({f.text for f in found}) == 5
    for f in found:
        assert f.message == rule.format_message({"match": f.text, "fullwidth": rule.config.marks[f.text]})
