"""Real edited text is quiet (issue 14), and a run of copies is one finding (issue 16).

One test per false-alarm class met on real text: invented sentences written
like the real ones stay silent, and the same sentence damaged is found at the
exact rule, line and column.
"""

from dataclasses import replace

import pytest

from conftest import triples
from linter.checks.api import kind_of
from linter.checks.pattern import LazyExceptionSpans
from linter.document import Document


@pytest.mark.parametrize(
    "text",
    [
        "停火协议生效后，被扣押的以色列人员将分批获释。",   # 以色列|人员, not 列人 for 列入
        "今年起，为赴澳门签注人员开设了绿色通道。",         # 签注|人员
        "说起这些年的变化，老人激动得不能自已。",           # the idiom 不能自已
        "悦己经济正成为年轻人消费的新热点。",               # 悦己|经济
    ],
)
def test_ocr_confusions_silent_across_words(lint, text):
    assert lint(text, "garbled") == []


@pytest.mark.parametrize(
    "text,rule,column",
    [
        ("将这个项目纳人年度考核。", "garbled.ocr-ru-ren", 7),
        ("他对自已要求十分严格。", "garbled.ocr-lookalike", 4),
    ],
)
def test_ocr_confusions_still_found(lint, text, rule, column):
    assert triples(lint("第一段。\n\n" + text, rule)) == [(rule, 3, column)]


@pytest.mark.parametrize(
    "text",
    [
        "当天，无人机在俄罗斯罗斯托夫州上空被击落。",      # 俄罗斯|罗斯托夫州
        "会议在委内瑞拉首都加拉加斯举行，在委内瑞拉加拉加斯还有一场。",
        "他后来担任县交警大队大队长。",                    # 大队|大队长
        "深化文化文艺精品创作。",                          # 深化|文化|文艺
        "各地因地因时开展春耕生产。",                      # 因地因时: 因X因Y
        "说起村里这些年的变化，他说太多太多，楼也很高很高。",  # emphatic repetition
        "测绘员一块地一块地丈量，一户一户登记。",          # one by one
        "坚持实事求是是做好工作的前提。",                  # 实事求是|是
        "钱包后来被被害人的家属送了回来。",                # 被 + 被害人
        "县检察院以某检刑检刑诉〔2020〕35号起诉书提起公诉。",  # the issuer's code of a document number
        "开放的市场给各国企业带来越来越多的机遇。",        # 带来|越来越: the copies cut inside words
        "远远望去，湖岸碧绿碧绿的是新栽的柳树。",          # a state adjective reduplicated ABAB
        "老人说着说着，眼圈就红了。",                      # V着V着
        "伤口疼得他整夜整夜睡不好觉。",                    # 整夜整夜
        "民警一边奔跑一边高喊：“快躲开，快躲开！”",        # a quotation that shouts one clause twice
    ],
)
def test_duplication_silent_on_words_and_emphasis(lint, text):
    assert lint(text, "duplication") == []


@pytest.mark.parametrize(
    "text",
    [
        "逾期的滞纳金予以减免，减免的部分由地方财政承担。",  # anadiplosis: A，A的B
        "村里建起一座光伏电站，电站的收益用于养老。",
        "产品远销东南亚、南亚和中东地区。",                  # 东南亚 holds 南亚
    ],
)
def test_phrase_silent_on_anadiplosis_and_word_tails(lint, text):
    assert lint(text, "duplication.phrase") == []


@pytest.mark.parametrize(
    "text,rule,column",
    [
        ("组织检察官参加业务培训培训的活动。", "duplication.word", 10),   # 业务培训|培训: a compound and its tail
        ("会议由县委书记主持主持，各部门参加。", "duplication.word", 8),
        ("依照有关司法解司法解释的规定办理。", "duplication.word", 5),        # a chunk printed twice, cut inside a word
        ("要把支部建成有战斗力、有战斗力的堡垒。", "duplication.phrase", 7),
        ("他说，我们要坚持，我们要坚持。", "duplication.phrase", 4),
        ("这是全体干警的的共同责任。", "duplication.char", 7),
        ("开放的市场给各国企业带来越来越来越多的机遇。", "duplication.word", 13),  # 越来越 printed twice
        ("湖岸的柳树碧绿，碧绿，倒映在水中。", "duplication.phrase", 6),
        ("民警一边奔跑一边高喊：“快躲开，快躲开，请大家快躲开！”", "duplication.phrase", 13),
    ],
)
def test_duplication_still_found(lint, text, rule, column):
    assert triples(lint("第一段。\n\n" + text, rule)) == [(rule, 3, column)]


def test_one_character_run_is_one_finding_with_its_length(lint):
    for length in (1_000, 100_000):
        findings = lint("开头。" + "长" * length + "。", "duplication")
        assert triples(findings) == [("duplication.word", 1, 4)]
        assert f"“长”连续重复 {length} 次" in findings[0].message
        assert findings[0].end - findings[0].start == length


def test_repeated_word_run_is_one_finding(lint):
    findings = lint("组织干警参加培训培训培训，提升能力。", "duplication")
    assert triples(findings) == [("duplication.word", 1, 7)]
    assert "“培训”连续重复 3 次" in findings[0].message
    assert findings[0].fix.replacement == "培训"


def test_repetition_work_grows_linearly(rules_by_id):
    """Pattern searches and matches on 10 and 100 copies of a text with runs and doubled words: tried where k
    characters equal the k before them (linter.checks.repetition.shifted_starts), not at each offset of a run."""
    rule = rules_by_id["duplication.word"]
    piece = "业务培训培训的效果。" + "长" * 300 + "。很高很高的楼，俄罗斯罗斯托夫州。"
    work = []
    for copies in (10, 100):
        searches = []

        class Counting:
            def __init__(self, pattern):
                self.pattern = pattern

            def search(self, *args):
                searches.append(1)
                return self.pattern.search(*args)

            def match(self, *args):
                searches.append(1)
                return self.pattern.match(*args)

        counted = replace(rule, config=replace(rule.config, pattern=Counting(rule.config.pattern)))
        findings = list(kind_of(rule).check(Document(piece * copies), counted))
        assert len(findings) == 2 * copies
        work.append(len(searches))
    assert work == [4 * 10, 4 * 100]  # per copy: 培训培训, the run, 很高很高, 罗斯罗斯


def test_exceptions_of_a_run_cost_nothing(rules_by_id):
    excepted = LazyExceptionSpans(Document("长" * 100_000), rules_by_id["duplication.word"].config.exceptions)
    assert not excepted.covers(0, 100_000)
    assert excepted.attempts == 0


@pytest.mark.parametrize(
    "text",
    [
        "江边的老船工王和鑑每天都来散步。",        # a name keeps its traditional character
        "他住在东阳市寀卢村附近。",                # a place name
        "水样中二噁英含量超标。",                  # a chemical term
    ],
)
def test_traditional_silent_in_names(lint, text):
    assert lint(text, "typo.traditional") == []


def test_traditional_still_found_in_words(lint):
    assert triples(lint("第一段。\n\n依法惩治職务犯罪。", "typo.traditional")) == [("typo.traditional", 3, 5)]
    assert triples(lint("他說，明天再来。", "typo.traditional")) == [("typo.traditional", 1, 2)]   # a common word alone


@pytest.mark.parametrize(
    "text",
    [
        "全村目前有215户900多人住进了新房。",       # households and people: one group counted twice
        "先后推出8批96项改革举措。",
        "新增3家4A级景区。",                        # a grade, not a figure
    ],
)
def test_merged_clauses_silent_on_compound_quantities(lint, text):
    assert lint(text, "punctuation.merged-clauses") == []


@pytest.mark.parametrize(
    "text,column",
    [("办理信访案件280余件100%实现按期答复。", 7), ("共受理案件32件12件已审结。", 6)],
)
def test_merged_clauses_still_found(lint, text, column):
    rule = "punctuation.merged-clauses"
    assert triples(lint("第一段。\n\n" + text, rule)) == [(rule, 3, column)]


def test_dash_as_yi_silent_on_counted_terms(lint):
    assert lint("加快建设“两核一廊一圈”，推进“五区一带一屏”建设。", "garbled.dash-as-yi") == []
    assert triples(lint("推行“学一赛一研一训”模式。", "garbled.dash-as-yi")) == [("garbled.dash-as-yi", 1, 4)]


def test_mojibake_silent_on_masked_numbers(lint):
    assert lint("驾驶号牌为苏E××××的小型轿车，时速±±。", "garbled.mojibake") == []
    assert triples(lint("标题ÄãºÃ。", "garbled.mojibake")) == [("garbled.mojibake", 1, 3)]


def test_sentence_run_is_one_finding(lint):
    findings = lint("开会了。" + "会议由检察长主持。" * 4 + "散会。", "duplication.sentence")
    assert triples(findings) == [("duplication.sentence", 1, 14)]
    assert "连续出现 4 遍" in findings[0].message
    assert findings[0].end - findings[0].start == 27
