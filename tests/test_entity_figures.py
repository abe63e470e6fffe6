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
    from linter.document import Document

    rule = rules_by_id["consistency.entity-figures"]
    summary = rule.check.summarize(Document(DOC_A, "a.txt"), rule)
    assert [(e.entity, e.noun, e.text, e.line, e.column) for e in summary] == [
        ("互助县检察院", "办案组", "7个", 3, 6),
        ("互助县检察院", "党小组", "3个", 3, 24),
    ]
