"""consistency.entity-figures: one body, one counted thing, different values across documents."""

DOC_A = "互助县人民检察院深入推行“支部建在办案组”机制。\n\n目前，我院7个办案组均实现党员全覆盖，划分组建3个党小组。"
DOC_B = "本报讯 互助县检察院持续深化党建与业务融合，6个办案组全部设立临时党小组。"
DOC_C = "大通县人民检察院组建6个办案组，3个党小组。"
DOC_D = "互助县检察院深入推行“支部建在办案组”机制，7个办案组均实现党员全覆盖。"


def test_two_values_across_documents_are_found_at_both_places(lint_set):
    findings = lint_set([DOC_A, DOC_B, DOC_C], "consistency.entity-figures", paths=["a.txt", "b.txt", "c.txt"])
    assert [(f.path, f.line, f.column) for f in findings] == [("a.txt", 3, 6), ("b.txt", 1, 23)]
    first, second = findings
    assert first.message == "同一单位的同一数目在不同文档中不一致：互助县检察院的办案组：此处为 7个，b.txt:1:23 为 6个"
    assert [(r.path, r.line, r.column) for r in first.related] == [("b.txt", 1, 23)]
    assert [(r.path, r.line, r.column) for r in second.related] == [("a.txt", 3, 6)]


def test_agreeing_documents_and_other_bodies_are_silent(lint_set):
    assert lint_set([DOC_A, DOC_C, DOC_D], "consistency.entity-figures") == []


def test_summary_keeps_no_text(rules_by_id):
    from linter.checks.api import kind_of
    from linter.document import Document

    rule = rules_by_id["consistency.entity-figures"]
    summary = kind_of(rule).summarize(Document(DOC_A, "a.txt"), rule)
    assert [(e.entity, e.noun, e.text, e.line, e.column) for e in summary] == [
        ("互助县检察院", "办案组", "7个", 3, 6),
        ("互助县检察院", "党小组", "3个", 3, 24),
    ]


def test_bodies_are_keyed_only_for_names_that_own_a_count_and_alike_when_patterns_name_them_twice(rules_by_id, monkeypatch):
    import dataclasses
    from types import SimpleNamespace

    from linter.checks import entity_figures
    from linter.document import Document

    rule = rules_by_id["consistency.entity-figures"]
    text = "大通县检察院召开会议。互助县人民检察院深入推行机制，我院7个办案组均实现全覆盖，沙湾市检察院3个党小组参加。"
    keyed = []
    monkeypatch.setattr(entity_figures, "body_key", lambda m, template, real=entity_figures.body_key: keyed.append(m.group()) or real(m, template))
    summary = entity_figures.summarize(Document(text, "a.txt"), rule)
    assert [(e.entity, e.noun, e.text) for e in summary] == [("互助县检察院", "办案组", "7个"), ("沙湾市检察院", "党小组", "3个")]
    assert keyed == ["互助县人民检察院", "沙湾市检察院"]  # 大通县检察院 owns no count
    named_twice = SimpleNamespace(config=dataclasses.replace(rule.config, entities=rule.config.entities * 2))
    assert entity_figures.summarize(Document(text, "a.txt"), named_twice) == summary


def _naive_set_findings(summaries):
    """Every mention with the mentions of other documents it cannot agree with, by scanning all of them."""
    groups = {}
    for path, entries in summaries:
        for entry in entries:
            groups.setdefault((entry.entity, entry.unit, entry.noun), []).append((path, entry))
    expected = []
    for mentions in groups.values():
        if len({path for path, _ in mentions}) < 2:
            continue
        for path, entry in mentions:
            others = [(p, o) for p, o in mentions if p != path and (o.high < entry.low or o.low > entry.high)]
            if others:
                expected.append((path, entry.line, [(p, o.line) for p, o in others]))
    return expected


def test_set_step_keeping_only_disputed_groups_finds_what_the_full_scan_finds(rules_by_id):
    import math
    import random

    from linter.checks.entity_figures import Entry, check_set

    rule = rules_by_id["consistency.entity-figures"]
    rng = random.Random(8)
    for _ in range(300):
        summaries = []
        line = 0
        for d in range(rng.randint(1, 6)):
            entries = []
            for _ in range(rng.randint(0, 5)):
                line += 1
                low = float(rng.choice([0, 5, 6, 7, 8, 10, 40]))
                high = rng.choice([low, low, low + 1, low + 10, math.inf])
                entity = rng.choice(["甲县检察院", "乙县检察院"])
                noun = rng.choice(["办案组", "党小组"])
                entries.append(Entry(entity, noun, rng.choice(["个", "名"]), low, high, f"{low}个", line, 1, line, 3))
            path = f"{d}.txt" if rng.random() < 0.8 else "0.txt"  # two documents may share a path
            summaries.append((path, tuple(entries)))
        found = [(f.path, f.line, [(r.path, r.line) for r in f.related]) for f in check_set(summaries, rule)]
        assert found == _naive_set_findings(summaries)


def test_body_key_is_the_expansion_of_every_match(rules_by_id):
    """Also where a match of the name on its own reads it otherwise (a lookaround) or fails."""
    import random
    import re

    import regex

    from linter.checks.entity_figures import body_key

    [entity] = rules_by_id["consistency.entity-figures"].config.entities
    patterns = [
        (entity, r"\g<name>检察院"),
        (re.compile(r"(?:(?<=在)(?P<name>[甲乙]县)|(?P<other>[甲乙]县))检察院"), r"\g<name>|\g<other>|\g<0>"),
        (re.compile(r"(?P<name>[甲乙]{1,2}?县)(?=检察院)"), r"\g<name>院\n"),
        (regex.compile(r"(?P<name>\p{Han}{1,2}?县)(?:人民)?检察院"), r"\g<name>检察院"),
    ]
    rng = random.Random(31)
    pieces = ["甲", "乙", "县", "在", "人民", "检察院", "互助", "市", "，", "x"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        for pattern, template in patterns:
            for m in pattern.finditer(text):
                assert body_key(m, template) == m.expand(template), (pattern.pattern, text)
