"""The figure reader never raises: plan names (十四五), approximate numerals (十七八), two numerals
side by side (神十七两个), figures without an upper bound (超2.7亿人次) and random numeral strings."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import triples
from linter.engine import lint_text
from linter.quantities import HAN_NUMERAL, numeral_bounds, parse_quantities

NUMERAL_PIECES = st.sampled_from(list(HAN_NUMERAL) + ["点", "百分之", "余", "多", "近", "超", "约", "不足", "以上", "左右"])
UNITS = st.sampled_from(["个", "件", "人", "名", "%", "个百分点", "亿人次", "万元", "期", "起", "项", ""])
FILLER = st.sampled_from(["共", "其中", "，", "、", "；", "。", "“", "”", "分别为", "占", "占比", "合计", "和", "党员", "案件", "\n"])
FIGURE_TEXTS = st.lists(
    st.one_of(st.lists(NUMERAL_PIECES, min_size=1, max_size=8).map("".join), UNITS, FILLER,
              st.from_regex(r"[0-9]{1,400}(\.[0-9]{1,3})?", fullmatch=True)),
    max_size=30,
).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def numbers_rules(default_rules):
    return [r for r in default_rules if r.id.startswith("numbers.") or r.id == "consistency.entity-figures"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("十四五", (14, 15)), ("十七八", (17, 18)), ("三四十", (30, 40)), ("两三万", (20000, 30000)),
        ("二十三四", (23, 24)), ("三五", (3, 5)), ("四千八百零八", (4808, 4808)), ("二〇二三", (2023, 2023)),
        ("十七两", None), ("十十", None), ("一" * 65, None), ("五十一千", None),
    ],
)
def test_numeral_bounds(text, expected):
    assert numeral_bounds(text) == expected


@SETTINGS
@given(st.text(alphabet=HAN_NUMERAL + "点", max_size=12))
def test_numeral_bounds_never_raises(text):
    read = numeral_bounds(text)
    assert read is None or read[0] <= read[1]


@SETTINGS
@given(FIGURE_TEXTS)
def test_figure_reader_and_numbers_rules_never_raise(numbers_rules, text):
    lexicon = numbers_rules[0].config.lexicon
    for q in parse_quantities(text, lexicon):
        assert q.low <= q.value <= q.high or q.approximate
    lint_text(text, numbers_rules)


def test_approximate_numeral_is_a_range(rules_by_id):
    [q] = parse_quantities("来了十七八个人", rules_by_id["numbers.parts-total"].config.lexicon)
    assert (q.low, q.high, q.approximate, q.shown()) == (17, 18, True, "17～18")


@pytest.mark.parametrize(
    "text",
    [
        "“十四五”规划收官之年，各地加快推进“十五五”规划编制，总结“十三五”以来的经验。",
        "神十七两个乘组在轨完成交接，神十八乘组随后入驻空间站。",
        "村里十七八个人自发组成巡河队，三四个人一组轮流值守。",
        "“十四五”时期，全市新建学校三十所。",
    ],
)
def test_numbered_plan_names_and_approximate_numerals_are_no_enumeration(lint, text):
    assert triples(lint(text, "numbers")) == []


def test_parts_without_upper_bound_are_summed_without_overflow(lint):
    text = "假期全国旅客出行量预计超3.1亿人次。其中，公路出行预计超2.9亿人次；铁路预计1320万人次；民航预计240万人次。"
    assert triples(lint(text, "numbers")) == []


def test_unbounded_sum_past_the_whole_shows_its_lower_bound(lint):
    [finding] = lint("全国客流量预计2.75亿人次。其中，公路客流量预计超2.7亿人次；铁路客流量预计1500万人次。", "numbers")
    assert finding.rule == "numbers.parts-total"
    assert finding.message == "分项与总数对不上：超2.7亿 + 1500万 = 2.85亿以上，文中总数为 2.75亿"
