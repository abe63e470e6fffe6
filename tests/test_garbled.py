"""The `garbled` pack: lost and invisible characters, mojibake, OCR misreadings, 一 for a dash."""

import pytest

from conftest import SEEDS, triples
from corpus_check import expected, found
from linter.document import Document
from linter.engine import lint_document, lint_text
from linter.report import text as text_report


@pytest.fixture(scope="module")
def garbled(default_rules):
    return [r for r in default_rules if r.category == "garbled"]


def test_corpus_recall_and_no_false_alarms(garbled):
    want = expected("garbled.")
    assert len(want) >= 10
    got = found(["garbled.txt", "garbled-clean.txt", "typo.txt", "typo-clean.txt"], garbled, "garbled.")
    assert want - got == set(), "missed"
    assert got - want == set(), "false alarms"


def test_clean_corpus_is_silent(garbled):
    assert found(["garbled-clean.txt"], garbled, "") == set()


@pytest.mark.parametrize(
    "name,line,column,rule",
    [
        ("001_a693e1c6a20bb357.txt", 140, 7, "garbled.ocr-ru-ren"),    # 融廉人景
        ("001_a693e1c6a20bb357.txt", 140, 10, "garbled.ocr-ru-ren"),   # 更人心
        ("002_4190d9264b0a7aa4.txt", 59, 14, "garbled.dash-as-yi"),    # 学一赛一研一训
        ("003_68c41b3dac8a2b97.txt", 61, 45, "garbled.dash-as-yi"),    # 政治引领一机制创新一…
    ],
)
def test_seed_examples(garbled, name, line, column, rule):
    document = Document((SEEDS / name).read_text(encoding="utf-8"), name)
    assert (rule, line, column) in triples(lint_document(document, garbled).findings)


def test_seeds_have_no_other_garbled_findings(garbled):
    found_all = []
    for path in sorted(SEEDS.glob("*.txt")):
        document = Document(path.read_text(encoding="utf-8"), path.name)
        found_all += [(path.name, *t) for t in triples(lint_document(document, garbled).findings)]
    assert found_all == [
        ("001_a693e1c6a20bb357.txt", "garbled.ocr-ru-ren", 140, 7),
        ("001_a693e1c6a20bb357.txt", "garbled.ocr-ru-ren", 140, 10),
        ("002_4190d9264b0a7aa4.txt", "garbled.dash-as-yi", 59, 14),
        ("003_68c41b3dac8a2b97.txt", "garbled.dash-as-yi", 61, 45),
    ]


def test_zero_width_fix_removes_the_character(lint):
    [f] = lint("深入\u200b\u200b推进", "garbled.zero-width")
    assert (f.line, f.column, f.end_column) == (1, 3, 5)
    assert f.fix.replacement == "" and f.fix.safe


def test_mojibake_repairs_utf8_read_as_cp1252(lint):
    [f] = lint("今天è¿™æ˜¯ä¸­æ–‡。", "garbled.mojibake")
    assert (f.column, f.fix.replacement, f.fix.safe) == (3, "这是中文", False)
    assert "还原为“这是中文”" in f.message


def test_mojibake_repairs_utf8_read_as_gbk(lint):
    text = "标题：" + "测试数据".encode("utf-8").decode("gbk")  # 娴嬭瘯鏁版嵁
    [f] = lint(text, "garbled.mojibake")
    assert (f.column, f.end_column, f.fix.replacement) == (4, 10, "测试数据")


def test_mojibake_with_lost_bytes_has_no_fix(lint):
    text = "标题：" + "参数错误".encode("utf-8").decode("gbk", "replace")
    found_mojibake = lint(text, "garbled.mojibake")
    assert [(f.column, f.fix) for f in found_mojibake] == [(4, None)]


def test_traditional_rule_ignores_mojibake_characters(lint):
    assert lint("标题：" + "参数错误".encode("utf-8").decode("gbk", "replace"), "typo.traditional") == []


def test_ocr_fix_replaces_only_the_misread_character(lint):
    [f] = lint("要深人基层。", "garbled.ocr-ru-ren")
    assert (f.column, f.end_column, f.fix.replacement) == (3, 4, "入")
    assert f.message == "“深人”疑为 OCR 把“入”识成“人”，应为“深入”"


@pytest.mark.parametrize("text", ["农民人均收人稳步增长。", "居民可支配收人增加。", "全年总收人5亿元。"])
def test_ocr_fix_keeps_the_word_before_shou_ren(lint, text):
    """The word that makes 收人 a misreading (人均, 可支配, 总) is context: the fix must not delete it."""
    [f] = lint(text, "garbled.ocr-ru-ren")
    assert text[f.start : f.end] == "人" and f.fix.replacement == "入"
    assert text[: f.fix.start] + f.fix.replacement + text[f.fix.end :] == text.replace("收人", "收入")


def test_dash_fix_replaces_every_joiner(lint):
    [f] = lint("推行“查一改一督一评”闭环。", "garbled.dash-as-yi")
    assert (f.column, f.end_column, f.fix.replacement) == (4, 11, "查—改—督—评")


@pytest.mark.parametrize("text", ["“一心一意”", "“统一一体”", "“三个一”", "“第一一流”", "“两学一做”", "“一是一二是二”"])
def test_dash_silent_on_real_terms(lint, text):
    assert lint(text, "garbled.dash-as-yi") == []


def test_lone_surrogates_do_not_crash_any_rule(default_rules):
    text = "案件\udcb0线索，訴訟\ud800监督深人基层“学一赛一研一训”。"
    findings = lint_text(text, default_rules)
    assert ("garbled.surrogate", 1, 3) in triples(findings)
    assert ("typo.traditional", 1, 7) in triples(findings)
    assert ("garbled.ocr-ru-ren", 1, 13) in triples(findings)


def test_text_report_shows_invisible_characters_by_code_point():
    assert text_report.char_cells("\u200b")[0] == "⟨U+200B⟩"


@pytest.mark.parametrize(
    "entry,field",
    [
        ({"kind": "mojibake", "misreadings": ["utf8-as-klingon"]}, "misreadings"),
        ({"kind": "confusions", "words": {"深(人)": "深入"}}, "words.深(人)"),
        ({"kind": "confusions", "words": []}, "words"),
        ({"kind": "joined-items", "joiner": "一一", "intended": "—", "item": "x", "enclosed_by": ["“”"]}, "joiner"),
        ({"kind": "script", "report": "sentences"}, "report"),
    ],
)
def test_bad_options_name_the_field(entry, field):
    from linter.errors import RuleError
    from linter.rules import parse_rule

    entry = {"id": "garbled.test", "severity": "warning", "message": "m", "examples": {"bad": ["x"], "good": ["y"]}, **entry}
    with pytest.raises(RuleError) as info:
        parse_rule(entry, "my.yaml")
    assert info.value.field == field and str(info.value).startswith("my.yaml: garbled.test: ")


def test_mojibake_looks_for_a_misreading_only_in_text_holding_a_character_one_starts_with(garbled, monkeypatch):
    from linter.checks import mojibake

    rule = next(r for r in garbled if r.id == "garbled.mojibake")
    looked = []
    for name, finder in list(mojibake.FINDERS.items()):
        monkeypatch.setitem(mojibake.FINDERS, name, lambda text, n, f=finder, name=name: looked.append(name) or f(text, n))
    assert list(mojibake.check(Document("今天的会议开得很好，大家都发了言。"), rule)) == []
    assert looked == []
    garbled_text = "标题：" + "测试数据".encode("utf-8").decode("gbk")
    assert len(list(mojibake.check(Document(garbled_text), rule))) == 1
    assert looked == ["utf8-as-gbk"]  # no Latin-1 character: the Latin-1 misreadings are not looked for
    looked.clear()
    assert len(list(mojibake.check(Document("张三·李四说：" + garbled_text), rule))) == 1
    assert looked == list(rule.config.misreadings)
    assert len(mojibake.candidate_patterns(rule.config)) == len(rule.config.misreadings)
