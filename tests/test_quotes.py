"""Quote and bracket rules on real-text constructions: a colon before a numbered item, a 〈〉 quotation cut by a break."""

from __future__ import annotations

from conftest import triples


def test_an_opener_after_a_colon_is_an_opener(lint):
    consistent = (
        "座谈会上，与会者提出两种观点：（1）认为应当加快立法；（2）认为应当加强监管。\n\n"
        "如有疑问，请拨打服务热线：（0571）87654321。\n\n"
        "公诉机关指控：（一）被告人李某于2022年3月盗窃财物。"
    )
    assert lint(consistent, "quotes") == []
    damaged = consistent.replace("加快立法；", "加快立法）；").replace("指控：（一）", "指控：（一")
    assert triples(lint(damaged, "quotes")) == [("quotes.stray-closer", 1, 27), ("quotes.unclosed", 5, 8)]


def test_a_face_after_a_colon_is_no_bracket(lint):
    assert lint("好久没见到你了:)\n\n今天下雨，心情不好:(\n\n明天见;-)", "quotes") == []


def test_an_angle_quotation_split_across_paragraphs(lint):
    text = "这一观点见于〈论语·学\n\n而〉一篇，历来为注家所重。"
    found = lint(text, "quotes")
    assert triples(found) == [("quotes.cross-paragraph", 1, 7)]
    assert lint("这一观点见于〈论语·学而〉一篇。\n\n历来为注家所重。", "quotes") == []


def test_a_paragraph_whose_pairs_close_inside_other_kinds_needs_no_scan(rules_by_id):
    """“…《…》…‘…’…” balances by one pattern match; a pair inside a pair of its own kind, or one left open, is scanned."""
    from linter.checks import pairs
    from linter.document import Document

    document = Document("他说：“要学习《民法典》，做到‘知法’。”\n\n她说：“这是“好”的。”\n\n报道称：“会议《纪要》将于近日印发。\n\n（完）")
    for rule_id in ("quotes.unclosed", "quotes.nested-same-level"):
        assert sorted(pairs.analyse(document, rules_by_id[rule_id].config)) == [1, 2], rule_id


def test_the_ignore_patterns_led_by_a_class_find_what_their_plain_forms_find(rules_by_id):
    """The default `ignore` patterns are written led by a class for speed; their plain forms say what they mean."""
    import random
    import re

    ignore = rules_by_id["quotes.unclosed"].config.ignore
    plain = [
        re.compile(r"(?:^|(?<=[\s，。；：、,;:]))[0-9０-９a-zA-Z]{1,2}[)）]"),
        re.compile(r"(?<=[A-Za-z])[’‘](?=[A-Za-z])"),
    ]
    rng = random.Random(19)
    alphabet = "a1Ｚ９)）(（ ，。：:;、中文’‘\n\u3000bB-"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for fast, slow in zip(ignore, plain):
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], text
