"""Consistency rules: one spelling per term, one convention per document set."""

import json
import pickle

import pytest

from conftest import triples, wenlint
from linter.document import Document
from linter.engine import lint_document


def located(findings):
    return [(f.rule, f.path, f.line, f.column) for f in findings]


def related(finding):
    return [(r.path, r.line, r.column) for r in finding.related]


# --- the seeds ---------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_report():
    result = wenlint("check", "seeds/", "--select", "consistency", "--format", "json")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)["findings"]


def test_seed_findings_are_exactly_these(seed_report):
    assert [(f["rule"], f["path"][-30:-21], f["line"], f["column"]) for f in seed_report] == [
        ("consistency.punctuation-width", "seeds/002", 9, 4),
        ("consistency.punctuation-width", "seeds/003", 13, 4),
        ("consistency.punctuation-width", "seeds/004", 1, 4),
        ("consistency.word-variant", "seeds/004", 9, 256),
        ("consistency.term-variant", "seeds/004", 14, 30),
    ]


def test_seed_brand_name_with_and_without_space(seed_report):
    brand = next(f for f in seed_report if f["rule"] == "consistency.term-variant")
    assert (brand["line"], brand["column"], brand["end_column"]) == (14, 30, 39)
    assert "“土乡丹心 检如磐石”另有 1 处写作“土乡丹心检如磐石”：seeds/004_a6d7a54a70ca9500.txt:13:19" in brand["message"]
    assert "以先出现的为准" in brand["message"]
    assert [(r["line"], r["column"]) for r in brand["related"]] == [(13, 19)]
    assert brand["fix"]["replacement"] == "土乡丹心检如磐石"


def test_seed_misprinted_term_names_the_right_form(seed_report):
    word = next(f for f in seed_report if f["rule"] == "consistency.word-variant")
    assert word["message"].startswith("“湖源治理”疑为“溯源治理”之误")
    assert (word["end_line"], word["end_column"]) == (9, 260)
    assert [(r["line"], r["column"]) for r in word["related"]] == [(13, 196)]


def test_seed_ascii_comma_documents_one_finding_each(seed_report):
    commas = [f for f in seed_report if f["rule"] == "consistency.punctuation-width"]
    assert "本组文档不一（全角标点 2 篇、半角标点 3 篇），按规范用全角标点" in commas[0]["message"]
    assert "半角标点 248 处" in commas[0]["message"]
    assert [r["path"][-30:-21] for r in commas[0]["related"]] == ["seeds/000", "seeds/001"]


# --- variant spellings of one term ----------------------------------------------


def test_rarer_spelling_reported_at_each_place_with_the_other_places(lint_set):
    texts = [
        "深化“土乡丹心 检如磐石”品牌。\n擦亮“土乡丹心 检如磐石”。",
        "打造“土乡丹心检如磐石”党建品牌。",
        "他说：\n“土乡丹心检如磐石”是品牌。",
        "深化“土乡丹心 检如磐石”品牌。",
    ]
    found = lint_set(texts, "consistency.term-variant", paths=["a.txt", "b.txt", "c.txt", "d.txt"])
    assert located(found) == [
        ("consistency.term-variant", "b.txt", 1, 4),
        ("consistency.term-variant", "c.txt", 2, 2),
    ]
    assert found[0].message == "“土乡丹心检如磐石”另有 3 处写作“土乡丹心 检如磐石”：a.txt:1:4、a.txt:2:4、d.txt:1:4"
    assert related(found[1]) == [("a.txt", 1, 4), ("a.txt", 2, 4), ("d.txt", 1, 4)]
    assert (found[0].fix.replacement, found[0].fix.safe) == ("土乡丹心 检如磐石", False)


def test_unquoted_repeat_in_the_same_document_counts(lint):
    found = lint("开展“检爱同行 共护未来”活动。检爱同行共护未来项目获评优秀。检爱同行 共护未来再出发。", "consistency.term-variant")
    assert triples(found) == [("consistency.term-variant", 1, 17)]
    assert found[0].text == "检爱同行共护未来"


def test_a_term_broken_by_a_line_break_is_not_a_spelling(lint):
    assert lint("建立“轮值督学”机制。\n一次“轮\n\n值督学”的经历。", "consistency.term-variant") == []


def test_full_width_digits_and_equivalent_dots(lint_set):
    found = lint_set(
        ["建设“１２３０９检察服务中心”。", "建设“12309检察服务中心”。", "走进“12309检察服务中心”。", "学习“阿丽亚·马合木提”精神。", "学习“阿丽亚•马合木提”精神。", "学习“阿丽亚·马合木提”精神。"],
        "consistency.term-variant",
    )
    assert located(found) == [("consistency.term-variant", "doc1.txt", 1, 4), ("consistency.term-variant", "doc5.txt", 1, 4)]


def test_tie_goes_to_the_form_met_first(lint_set):
    found = lint_set(["倡导“清风 问候”。", "倡导“清风问候”。"], "consistency.term-variant")
    assert located(found) == [("consistency.term-variant", "doc2.txt", 1, 4)]
    assert found[0].message.endswith("（两种写法出现次数相同，以先出现的为准）")


def test_one_character_slip_beside_a_contrast_is_still_found(lint_set):
    texts = ["打通服务“最后一公里”。", "畅通物流“最后一公里”。", "筑牢科研“最厚一公里”。"]
    assert located(lint_set(texts, "consistency.term-variant")) == [("consistency.term-variant", "doc3.txt", 1, 6)]


def test_one_character_variant_of_a_long_quoted_term(lint_set):
    texts = ["深化“土乡丹心检如磐石”。", "擦亮“土乡丹心检如磐石”。", "打造“土乡丹心检如盘石”品牌。"]
    found = lint_set(texts, "consistency.term-variant")
    assert located(found) == [("consistency.term-variant", "doc3.txt", 1, 4)]
    assert found[0].message == "“土乡丹心检如盘石”与另外 2 处的“土乡丹心检如磐石”只差一字，疑为同一提法：doc1.txt:1:4、doc2.txt:1:4"
    assert found[0].fix is None


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param(["防止“因案致贫”“因案返贫”。"], id="short-terms"),
        pytest.param(["坚持“为民司法的初心”。", "坚持“为民司法的初心”。", "防止“为民司法的初衷”和“为民司法的初心”混用。"], id="side-by-side"),
        pytest.param(["落实“三个规定台账”。", "落实“三个规定台账”。", "落实“四个规定台账”。"], id="numerals"),
        pytest.param(["“高质效办好每一个案件”", "“高质效办好每一个案件”", "“高质量办好每一个案件”", "“高质量办好每一个案件”"], id="both-common"),
        pytest.param(["打通服务“最后一公里”。", "畅通物流“最后一公里”。", "筑牢科研“最先一公里”。"], id="contrasting-characters"),
    ],
)
def test_two_legitimate_forms_stay_silent(lint_set, texts):
    assert lint_set(texts, "consistency.term-variant") == []


# --- one look-alike character wrong in an unquoted phrase ------------------------


def test_look_alike_misprint_found_with_the_right_form(lint):
    found = lint("依法治理河道污染。\n要坚持依法冶理河道污染。", "consistency.word-variant")
    assert triples(found) == [("consistency.word-variant", 2, 4)]
    assert found[0].text == "依法冶理河道污染"
    assert [(r.line, r.column) for r in found[0].related] == [(1, 1)]
    assert (found[0].fix.replacement, found[0].fix.safe) == ("依法治理河道污染", False)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("开展专项行动。组织专项活动。", id="both-words"),
        pytest.param("提升业务素能。提升业务效能。比拼业务素能。", id="house-word-used-twice"),
        pytest.param("加强党日活动。加强党建活动。", id="not-look-alike"),
        pytest.param("一是完善制度。二是完善制度。", id="numerals"),
    ],
)
def test_one_character_neighbours_that_are_not_misprints(lint, text):
    assert lint(text, "consistency.word-variant") == []


# --- conventions across the set ---------------------------------------------------

FULL = "今天开会，明天出发，后天回来。"
HALF = "今天开会,明天出发,后天回来。"


def test_split_set_follows_the_preferred_style(lint_set):
    found = lint_set([FULL, FULL, HALF, HALF, HALF], "consistency.punctuation-width")
    assert located(found) == [("consistency.punctuation-width", f"doc{i}.txt", 1, 5) for i in (3, 4, 5)]
    assert found[0].message == "本文标点以半角标点为主（半角标点 2 处），本组文档不一（全角标点 2 篇、半角标点 3 篇），按规范用全角标点"
    assert related(found[0]) == [("doc1.txt", 1, 5), ("doc2.txt", 1, 5)]


def test_clear_majority_is_the_set_convention(lint_set):
    found = lint_set([HALF, HALF, HALF, FULL], "consistency.punctuation-width")
    assert located(found) == [("consistency.punctuation-width", "doc4.txt", 1, 5)]
    assert "本组多数文档（3/4 篇）用半角标点" in found[0].message


def test_document_mixing_two_styles_names_both_counts(lint_set):
    mixed = "一是开会，二是出发，三是回来，四是总结,五是汇报,六是归档,七是考核。"
    found = lint_set([FULL, mixed], "consistency.punctuation-width")
    assert located(found) == [("consistency.punctuation-width", "doc2.txt", 1, 20)]
    assert found[0].message == "本文混用全角标点（3 处）和半角标点（3 处）"


def test_numbers_with_thousands_commas_are_not_ascii_punctuation(lint_set):
    assert lint_set([FULL, "共计1,234件，同比增长。"], "consistency.punctuation-width") == []


def test_quote_styles(lint_set):
    found = lint_set(["他说：“好。”", "他说：“好。”", "她说：「行。」他说：『好。』"], "consistency.quote-style")
    assert located(found) == [("consistency.quote-style", "doc3.txt", 1, 4)]


def test_quote_style_names_the_marks_the_document_uses(lint_set):
    found = lint_set(["他说：“好。”", "他说：“行。”", "他说：“对。”", "她说：『行。』他说：『好。』"], "consistency.quote-style")
    assert located(found) == [("consistency.quote-style", "doc4.txt", 1, 4)]
    assert found[0].message == "本文引号以直角引号『』为主（直角引号『』 2 处），本组多数文档（3/4 篇）用弯引号“”"
    assert [r.message for r in found[0].related] == ["弯引号“”（1 处）"] * 3


def test_quote_style_mixing_lists_each_pair_met(lint_set):
    found = lint_set(["“一”“二”“三”“四”「五」『六』『七』"], "consistency.quote-style")
    assert found[0].message == "本文混用弯引号“”（4 处）和直角引号「」『』（3 处）"


def test_straight_quotes(lint_set):
    found = lint_set(["他说：“好。”", "他说：“行。”", '他说:"好"。她说:"行"。'], "consistency.straight-quotes")
    assert located(found) == [("consistency.straight-quotes", "doc3.txt", 1, 4)]


def test_traditional_document_in_a_simplified_set(lint_set):
    found = lint_set(["这是我们的检察院。", "这里说的是乾安县。", "這是我們的檢察院，負責訴訟監督。"], "consistency.script")
    assert located(found) == [("consistency.script", "doc3.txt", 1, 1)]
    assert found[0].message.startswith("本文以繁体为主（繁体 ")


def test_a_few_stray_traditional_characters_are_left_to_the_typo_rules(lint):
    assert lint("这是我们的检察院，负责刑事訴訟监督工作，还有很多这样那样的事务。", "consistency.script") == []


# --- engine: summaries, not texts ---------------------------------------------------


def test_set_summaries_are_compact(default_rules):
    text = (FULL + "打造“土乡丹心检如磐石”品牌。" + "这是我们的检察院。") * 200
    result = lint_document(Document(text, "big.txt"), [r for r in default_rules if r.set_level])
    blob = pickle.dumps(result.summaries)
    assert len(blob) < len(text.encode("utf-8")) // 4
    assert FULL not in blob.decode("utf-8", "ignore")


def test_set_findings_get_distinct_fingerprints(lint_set):
    found = lint_set(["“清风问候”与“清风问候”", "“清风 问候”和“清风 问候”又“清风 问候”"], "consistency.term-variant")
    assert len(found) == 2
    assert len({f.fingerprint for f in found}) == 2
