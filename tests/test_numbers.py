"""Fact-checking figures: a corpus of invented passages, half consistent and half not.

Each defective passage lists its exact findings as (rule, line, column); each
consistent one must produce no numbers.* finding at all.
"""

import pytest

from conftest import SEEDS, triples

CONSISTENT = [
    # parts and total
    "2023年共记录报告有关事项4808件，其中市级检察院填报922件；基层检察院填报3886件。",
    "全年共办理各类案件一千二百件，其中刑事案件七百件；民事案件五百件。",
    "累计办理公益诉讼案件280余件，其中行政公益诉讼案件270余件。",
    "共追回资金3万余元，其中为农民工追回2万元。",
    "共办理案件100件，其中刑事案件60件，起诉50件。",
    "合计受理信访案件四十件，其中来信二十五件；来访十五件。",
    "共培训干警300人次，其中新入职干警120人次、青年干警90人次等。",
    # percentage vs counts
    "共记录报告4808件。院领导填报2132件，占记录填报总数的44%。",
    "共受理案件二百件，其中适用认罪认罚一百五十件，占比75%。",
    "共受理案件200余件，其中认罪认罚150件，占比70%。",
    "全年共办结案件1,250件，其中提前办结500件，占比40.0%。",
    "共记录报告4808件，较上年增长50%，其中2132件占44%。",
    # shares of one whole
    "反映履职情况的占比87%；反映接触交往的占比12%；反映过问干预的占比1.5%。",
    "三类案件占比分别为50%、30%和20%。",
    "党员占比80%，本科以上学历占比95%。",
    "业务量同比增长120%，办案质效明显提升。",
    "刑事案件比上年下降1.5个百分点，占比降至百分之四十。",
    # feasibility
    "该支部共有7名党员，其中女性党员占43%。",
    "该院检察人员不足80人，青年干警占比达81.9%。",
    "全院共有干警45人，案件认罪认罚适用率占85.3%。",
    # enumeration counts
    "坚持领导带学、支部共学、轮流讲学、专题研学、实战促学“五学联动”。",
    "发挥“政治引领、组织保障、战斗堡垒、桥梁纽带”四个作用。",
    "抓好智慧管理平台、大数据中心、办案指挥中心、安全运维中心“一平台三中心”应用。",
    "提炼出“三重三促”(重党建促业务、重队伍促发展、重作风促奉献)工作法。",
    "融合线索分析、案例研讨、业务实训、理论研究四个功能模块。",
    "通过“党小组+部门”的形式，深入学习“三个规定”。",
    # enumeration counts, the name before its list
    "推进“三个延伸”：向前延伸、向后延伸、向外延伸。",
    "牢固树立“四个意识”，即政治意识、大局意识、核心意识、看齐意识。",
    "“四个自信”是道路自信、理论自信、制度自信和文化自信。",
    "落实“两个确立”，即……坚持“四个自信”等重要论述。",
    "践行“三个走在前”，即理念走在前、作风走在前、服务走在前等。",
    "“三个走在前”：一是理念走在前；二是作风走在前；三是服务走在前。",
    "发挥四个作用：充分发挥党组织、党员的作用。",
    "走访了10个单位，包括市场监管局、税务局。",
    "落实三项措施：加强党建、业务建设，完善制度，健全机制。",
    "“三个走在前”，即理念走在前，作风走在前，服务走在前。",
    "明确五项任务：完善工作机制（含考核、督导、问责）、强化队伍建设、加强信息化建设、深化检务公开、提升服务水平。",
    # same figure
    "该院五个党支部获评示范党支部。此后，该院5个党支部参加展示。",
    "我院7个办案组均实现党员全覆盖。其中3个办案组由检察长领办。",
    "一名干警发言。随后，五名干警共同研讨。",
    "2023年11月，该支部获评十佳案例，12309检察服务中心同步开放。",
    "全市共有检察干警1200人，其中党员980人，占比81.7%；女干警520人，占比43.3%。",
    "该院共有干警52人，平均年龄38岁，其中女干警占比46%。",
]

DEFECTIVE = [
    # parts and total
    ("2023年共记录报告有关事项4808件，其中市级检察院填报900件；基层检察院填报3886件。", [("numbers.parts-total", 1, 15)]),
    ("全年共办理各类案件一千二百件，其中刑事案件八百件；民事案件五百件。", [("numbers.parts-total", 1, 10)]),
    ("全年共办理案件120件，其中刑事案件130件。", [("numbers.parts-total", 1, 19)]),
    ("共办理公益诉讼案件280余件，其中行政公益诉讼案件300余件。", [("numbers.parts-total", 1, 26)]),
    ("合计受理信访案件四十件。其中来信二十件；来访十五件。", [("numbers.parts-total", 1, 9)]),
    # percentage vs counts
    ("共记录报告4808件。院领导填报2132件，占记录填报总数的54%。", [("numbers.percent-counts", 1, 31)]),
    ("共受理案件二百件，其中适用认罪认罚一百五十件，占比60%。", [("numbers.percent-counts", 1, 26)]),
    ("全年共办结案件1,250件，其中提前办结500件，占比41.5%。", [("numbers.percent-counts", 1, 28)]),
    ("共记录报告4808件，较上年增长50%，其中2132件占54%。", [("numbers.percent-counts", 1, 29)]),
    ("共受理案件100余件，其中认罪认罚95件，占比百分之三十。", [("numbers.percent-counts", 1, 24)]),
    # shares of one whole
    ("反映履职情况的占比87%；反映接触交往的占比15%；反映过问干预的占比13%。", [("numbers.shares", 1, 10)]),
    ("三类案件占比分别为50%、40%和20%。", [("numbers.shares", 1, 10)]),
    ("党员在干警中占比120%。", [("numbers.shares", 1, 9)]),
    ("刑事案件比上年下降1.5个百分点，占比百分之六十；民事案件占比百分之五十。", [("numbers.shares", 1, 20)]),
    # feasibility
    ("该支部共有7名党员，其中女性党员占45%。", [("numbers.feasibility", 1, 18)]),
    ("该院检察人员不足50人，青年干警占比达81.9%。", [("numbers.feasibility", 1, 20)]),
    ("该院共有干警近百人，女性干警占比96.1%。", [("numbers.feasibility", 1, 17)]),
    # enumeration counts
    ("坚持领导带学、支部共学、轮流讲学、专题研学“五学联动”。", [("numbers.enumeration", 1, 22)]),
    ("发挥“政治引领、组织保障、战斗堡垒、桥梁纽带、服务群众”四个作用。", [("numbers.enumeration", 1, 29)]),
    ("抓好智慧管理平台、大数据中心、办案指挥中心“一平台三中心”应用。", [("numbers.enumeration", 1, 22)]),
    ("融合线索分析、案例研讨、业务实训、理论研究三个功能模块。", [("numbers.enumeration", 1, 22)]),
    ("提炼出“三重三促”(重党建促业务、重队伍促发展)工作法。", [("numbers.enumeration", 1, 4)]),
    # enumeration counts, the name before its list
    ("落实“三个走在前”，即理念走在前、作风走在前，使党建的政治优势成为检察工作的发展优势。", [("numbers.enumeration", 1, 3)]),
    ("坚持“五学联动”，即领导带学、支部共学、轮流讲学。", [("numbers.enumeration", 1, 3)]),
    ("发挥四个作用：政治引领作用、组织保障作用、战斗堡垒作用。", [("numbers.enumeration", 1, 3)]),
    ("实现“两个目标”：案件质量提升、办案效率提高、群众满意度上升。", [("numbers.enumeration", 1, 3)]),
    ("“三个走在前”，即理念走在前，作风走在前。", [("numbers.enumeration", 1, 1)]),
    ("走访了3个单位，包括市场监管局、税务局、人社局、医保局。", [("numbers.enumeration", 1, 4)]),
    ("设立2个办案组，分别为刑事办案组、民事办案组、行政办案组。", [("numbers.enumeration", 1, 3)]),
    ("该院提出“四个一”：一周一学习、一月一研讨、一季一评比、一年一总结。\n\n发挥“三个作用”，即引领作用、保障作用。",
     [("numbers.enumeration", 3, 3)]),
    # same figure
    ("目前，我院7个办案组均实现党员全覆盖。\n\n年底前，6个办案组全部完成考核。", [("numbers.same-figure", 3, 5)]),
    ("该院五个党支部获评示范党支部。此后，该院4个党支部参加展示。", [("numbers.same-figure", 1, 21)]),
    ("全市共有检察干警1200人，其中党员980人，占比91.7%；女干警520人，占比43.3%。", [("numbers.percent-counts", 1, 26)]),
    ("今年以来共办理案件350件，其中检察长办理12件；副检察长办理20件；员额检察官办理308件。", [("numbers.parts-total", 1, 10)]),
]


@pytest.mark.parametrize("text", CONSISTENT)
def test_consistent_passage_is_silent(lint, text):
    assert triples(lint(text, "numbers")) == []


@pytest.mark.parametrize("text,expected", DEFECTIVE)
def test_defective_passage_is_found(lint, text, expected):
    assert triples(lint(text, "numbers")) == expected


def test_corpus_size():
    assert len(CONSISTENT) >= 20 and len(DEFECTIVE) >= 20


def test_messages_show_the_arithmetic(lint):
    [parts] = lint(DEFECTIVE[0][0], "numbers")
    assert parts.message == "分项与总数对不上：900 + 3886 = 4786，文中总数为 4808"
    [percent] = lint(DEFECTIVE[5][0], "numbers")
    assert percent.message == "百分比与数量不符：2132 / 4808 = 44.3 %，文中为 54 %"
    [shares] = lint(DEFECTIVE[10][0], "numbers")
    assert shares.message == "占比超出整体：87 % + 15 % + 13 % = 115 %，超过 100 %"
    [feasible] = lint(DEFECTIVE[14][0], "numbers")
    assert feasible.message == "比例在这个人数下不可能：7名，n = 7 时 k/n 取不到 45 %（最接近的是 3/7 = 42.9 %）"


def test_enumeration_messages_show_the_items(lint):
    [after] = lint("坚持“五学联动”，即领导带学、支部共学、轮流讲学。", "numbers")
    assert after.message == "列举项数不符：“五学联动” 指 5 项，列出 3 项：领导带学、支部共学、轮流讲学"
    assert [(r.line, r.column) for r in after.related] == [(1, 11)]
    [before] = lint("全市检察机关坚持在服务大局上走在前、在司法为民上走在前、在从严治检上走在前、在改革创新上走在前“三个走在前”。", "numbers")
    assert before.message.endswith("列出 4 项：在服务大局上走在前、在司法为民上走在前、在从严治检上走在前、在改革创新上走在前")
    assert [(r.line, r.column) for r in before.related] == [(1, 9)]
    [tail] = lint("全市各基层检察院普遍在服务大局上走在前、在司法为民上走在前“三个走在前”。", "numbers")
    assert tail.message.endswith("列出 2 项：…在服务大局上走在前、在司法为民上走在前")


def test_approximate_figures_use_bounds(lint):
    assert lint("共受理案件100余件，其中认罪认罚95件，占比百分之五十。", "numbers") == []
    [finding] = lint("共受理案件100余件，其中认罪认罚95件，占比百分之三十。", "numbers")
    assert finding.message == "百分比与数量不符：95 / 100余 = 47.5 %～95.0 %，文中为 百分之三十"


def test_related_locations_name_the_figures(lint):
    [finding] = lint("共记录报告4808件。院领导填报2132件，占记录填报总数的54%。", "numbers")
    assert [(r.line, r.column, r.message) for r in finding.related] == [(1, 17, "2132件"), (1, 6, "4808件")]


def test_tianjin_passage_in_seed_is_checked_and_silent(lint):
    text = (SEEDS / "000_ea7382c9cbe5172c.txt").read_text(encoding="utf-8")
    assert [f for f in lint(text, "numbers") if 59 <= f.line <= 67] == []
    broken = text.replace("填报922件", "填报900件").replace("占比12%", "占比22%")
    assert [(f.rule, f.line, f.column) for f in lint(broken, "numbers") if 59 <= f.line <= 67] == [
        ("numbers.parts-total", 63, 28),
        ("numbers.percent-counts", 65, 98),
    ]


def test_seed_enumerations_stay_silent(lint):
    text = (SEEDS / "000_ea7382c9cbe5172c.txt").read_text(encoding="utf-8")
    assert [f for f in lint(text, "numbers.enumeration")] == []
    short = text.replace("专题研学、实战促学“五学联动”", "实战促学“五学联动”")
    assert triples(lint(short, "numbers.enumeration")) == [("numbers.enumeration", 19, 76)]
    long = text.replace("实战促学“五学联动”", "实战促学、以案促学“五学联动”")
    assert triples(lint(long, "numbers.enumeration")) == [("numbers.enumeration", 19, 86)]


def test_numbers_findings_on_seeds(lint):
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [(path.name[:3], *t) for t in triples(lint(path.read_text(encoding="utf-8"), "numbers"))]
    assert found == [
        ("003", "numbers.feasibility", 51, 55),
        ("004", "numbers.enumeration", 9, 104),
    ]


def test_enumeration_quoted_name_with_a_short_noun_before_its_cue(lint):
    text = "医院还推出了“四个优先”服务，即老年患者挂号优先、检查优先、取药优先；并设置了服务台。"
    assert [(f.rule, f.line, f.column) for f in lint(text, "numbers.enumeration")] == [("numbers.enumeration", 1, 7)]
    fixed = "医院还推出了“三个优先”服务，即老年患者挂号优先、检查优先、取药优先；并设置了服务台。"
    assert lint(fixed, "numbers.enumeration") == []


def test_enumeration_arabic_counts_before_a_count_are_not_a_list(lint):
    text = "本届比赛共设置三个组别，分别有10支、8支和14支队伍参赛。"
    assert lint(text, "numbers.enumeration") == []

# Issue 4 follow-up: common newspaper phrasings -------------------------------------------------
# parts after a full stop (bulletin style), 、-lists that name the rest, wholes stated as
# "N家企业中，有…", and rates (完成率) standing for 占.

CONSISTENT_PHRASINGS = [
    "全市规模以上工业增加值1134亿元，同比增长6.1%。其中，制造业增加值982亿元；采矿业增加值152亿元。",
    "全市规模以上工业增加值1124亿元。其中，制造业增加值800亿元；采矿业增加值152亿元。",
    "全市规模以上工业增加值1124亿元。其中，制造业增加值982亿元；高技术制造业增加值300亿元。",
    "年末常住人口120.5万人，其中城镇人口80.3万人；乡村人口40.2万人。",
    "全市财政收入增加120亿元。其中，税收收入增加130亿元；非税收入减少10亿元。",
    "全市居民人均可支配收入36000元。其中，城镇居民人均可支配收入52000元；农村居民人均可支配收入21000元。",
    "全市商品房均价每平方米9000元，其中主城区12000元；郊区6000元。",
    "今年新增就业1.2万人，比上年多2000人。其中，高校毕业生8000人；退役军人5000人。",
    "共转移安置群众1200人，其中老人350人、儿童420人、其他群众430人。",
    "共有干警150人，其中党员120人、女性80人。",
    "全院干警150人，其中党员120人、女性80人、其他人员30人。",
    "年末全市户籍人口560万人，其中男性285万人、女性275万人。",
    "共转移安置群众1200人，其中老人、儿童和其他群众分别为350人、420人和430人。",
    "全市2150家规模以上企业中，有1548家实现盈利，占72.0%。",
    "1620名学生中有1458人完成体测，完成率达到90%。",
    "在参与调查的500名居民中，有420人参加体检，合格率为95%。",
    "该校共有学生1200名，全年体测合格率98%，优良率60%。",
    "全年完成投资500亿元，完成率105%。",
    "共开展比赛20场，其中足球比赛12场；篮球比赛8场。",
    # the list counts other things than its whole (县 / 村)
    "该市辖9个县（市、区），其中贫困县3个，贫困村187个，建档立卡贫困人口5.2万户。",
    # a compound name whose two lists one item joins by the name's own words (送进)
    "组织“三送六进”活动，即将图书、电影、戏曲送进企业、农村、机关、社区、学校、军营。",
    # figures inside quoted names count nothing
    "该区推行“最多跑一次”改革，640项政务服务事项可在大厅办理，其中“最多跑一次”事项598项，占比93.4%；“一次不用跑”事项352项，占比55.0%。",
]

DEFECTIVE_PHRASINGS = [
    ("全市规模以上工业增加值1124亿元，同比增长6.1%。其中，制造业增加值982亿元；采矿业增加值152亿元。",
     [("numbers.parts-total", 1, 12)]),
    ("全年地区生产总值3500亿元，比上年增长5.2%。其中，第一产业增加值210亿元，增长3.1%；"
     "第二产业增加值1500亿元，增长5.5%；第三产业增加值1890亿元，增长5.3%。", [("numbers.parts-total", 1, 9)]),
    ("年末常住人口120.5万人，其中城镇人口80.3万人；乡村人口42.2万人。", [("numbers.parts-total", 1, 7)]),
    ("共转移安置群众1200人，其中老人350人、儿童420人、其他群众330人。", [("numbers.parts-total", 1, 8)]),
    ("全县有学生5000名，其中小学生3000名、初中生1500名，其余高中生600名。", [("numbers.parts-total", 1, 6)]),
    ("全院干警150人，其中党员110人、其他人员30人。", [("numbers.parts-total", 1, 5)]),
    ("共转移安置群众1200人，其中老人、儿童和其他群众分别为350人、420人和330人。", [("numbers.parts-total", 1, 8)]),
    ("全市2150家规模以上企业中，有1548家实现盈利，占78.0%。", [("numbers.percent-counts", 1, 28)]),
    ("1620名学生中有1458人完成体测，完成率达到95%。", [("numbers.percent-counts", 1, 25)]),
    ("全区300个村中，已有280个村实现光纤覆盖，覆盖率98.3%。", [("numbers.percent-counts", 1, 27)]),
    ("在50名参训人员中，考核合格48人，合格率90%。", [("numbers.percent-counts", 1, 22)]),
    ("去年全市接待游客1200万人次。其中，省外游客900万人次；省内游客330万人次。", [("numbers.parts-total", 1, 9)]),
    # 男性 and 女性 exclude each other: a 、-list of them cannot pass its whole (issue 15)
    ("年末全市户籍人口560万人，其中男性285万人、女性285万人。", [("numbers.parts-total", 1, 9)]),
    ("该市共有9个县（市、区），其中贫困县3个；非贫困县8个。", [("numbers.parts-total", 1, 5)]),
    ("组织“三送六进”活动，即将图书、电影、戏曲送进企业、农村、机关、社区、学校。", [("numbers.enumeration", 1, 3)]),
    ("该区共有政务服务事项640项，其中“最多跑一次”事项598项，“一次不用跑”事项352项，需到现场的事项50项。",
     [("numbers.parts-total", 1, 11)]),
]


@pytest.mark.parametrize("text", CONSISTENT_PHRASINGS)
def test_consistent_phrasing_is_silent(lint, text):
    assert triples(lint(text, "numbers")) == []


@pytest.mark.parametrize("text,expected", DEFECTIVE_PHRASINGS)
def test_defective_phrasing_is_found(lint, text, expected):
    assert triples(lint(text, "numbers")) == expected


def test_phrasing_messages_show_the_arithmetic(lint):
    [bulletin] = lint(DEFECTIVE_PHRASINGS[0][0], "numbers")
    assert bulletin.message == "分项与总数对不上：982亿 + 152亿 = 1134亿，文中总数为 1124亿"
    [listed] = lint(DEFECTIVE_PHRASINGS[3][0], "numbers")
    assert listed.message == "分项与总数对不上：350 + 420 + 330 = 1100，文中总数为 1200"
    [rate] = lint(DEFECTIVE_PHRASINGS[8][0], "numbers")
    assert rate.message == "百分比与数量不符：1458 / 1620 = 90.0 %，文中为 95 %"
    assert [(r.line, r.column, r.message) for r in rate.related] == [(1, 10, "1458人"), (1, 1, "1620名")]


def test_rounded_parts_may_miss_the_total_by_half_a_digit(lint):
    assert lint("全年进出口总额1000亿元。其中，出口601亿元；进口400亿元。", "numbers") == []
    assert triples(lint("全年进出口总额1000亿元。其中，出口603亿元；进口400亿元。", "numbers")) == [
        ("numbers.parts-total", 1, 8)
    ]


def test_parts_in_another_paragraph_are_not_looked_for(lint):
    assert lint("去年全市接待游客1200万人次。\n\n其中，省外游客900万人次；省内游客330万人次。", "numbers") == []


def test_noun_before_cue_is_the_shortest_han_run_a_cue_follows(rules_by_id):
    """Compared with reading one length at a time, as the rule describes it, on invented text."""
    import random

    import regex

    from linter.figures.enumeration import _noun_before_cue

    settings = rules_by_id["numbers.enumeration"].config.enumeration
    cues = [settings.list_cues, settings.partial_cues]

    def one_length_at_a_time(text, end):
        for length in range(1, 7):
            if regex.match(rf"\p{{Han}}{{{length}}}", text[end:]) is None:
                return None
            if any(c.match(text, end + length) for c in cues):
                return text[end : end + length]
        return None

    rng = random.Random(6)
    pieces = list("作用方面政治即是包括分别为：:，,、。 a1") + ["也就是", "分别是", "涵盖", "𠀀"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for end in range(len(text) + 1):
            assert _noun_before_cue(text, end, settings) == one_length_at_a_time(text, end), (text, end)


def test_unquoted_names_read_first_character_first_match_the_plain_scan(rules_by_id):
    import random
    import re

    import regex

    from linter.figures.enumeration import NUMERALS

    settings = rules_by_id["numbers.enumeration"].config.enumeration
    led = settings.unquoted_name
    measures = "|".join(regex.escape(m) for m in sorted(settings.measures, key=len, reverse=True))
    plain = regex.compile(rf"(?<![第{NUMERALS}0-9])(?P<num>[{NUMERALS}]+|[0-9]+)(?:{measures})(?=\p{{Han}})")
    assert isinstance(led, re.Pattern) and led.pattern.startswith("(?P<num>[")
    rng = random.Random(3)
    pieces = list("一二两三四五六七八九十双第0123456789个项大种方面作用、，。 a") + ["方面", "十二"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        assert [(m.span(), m["num"]) for m in led.finditer(text)] == [(m.span(), m["num"]) for m in plain.finditer(text)], text


def test_a_final_mark_closing_a_paragraph_is_read_as_the_regex_search_reads_it():
    import random

    import regex

    from linter.figures.passages import WHITE_SPACE, ends_with_final_mark

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert "".join(regex.findall(r"\s", everything)) == WHITE_SPACE
    open_end = regex.compile(r"[。！？!?…；;：:][”’」』）)》】]*\s*$")
    rng = random.Random(5)
    pieces = list("。！？!?…；;：:”’」』）)》】 \n\t\u3000\x1c字a，")
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert ends_with_final_mark(text) == bool(open_end.search(text)), repr(text)


@pytest.mark.parametrize("rule_id", ["numbers.parts-total", "numbers.percent-counts", "numbers.shares", "numbers.feasibility"])
def test_every_cue_match_is_in_a_passage_the_finder_finds(rules_by_id, rule_id):
    import random

    from linter.checks.numbers import PASSAGE_CHECKS

    config = rules_by_id[rule_id].config
    cues = [c for c in PASSAGE_CHECKS[config.check].needed_cues(config.cues, config.arithmetic) if c is not None]
    assert config.needs_finder is not None and cues
    rng = random.Random(23)
    pieces = list("占比分别其中为完成率共计，。、%5人件a") + ["占比", "分别", "其中", "完成率", "同比", "𠀀"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        if any(c.search(text) for c in cues):
            assert config.needs_finder.search(text), text


def test_stdlib_twin_reads_a_cue_as_regex_does_or_is_not_given():
    import random
    import re

    import regex

    from linter.regexes import stdlib_twin

    assert stdlib_twin(regex.compile(r"占(?i:a)", regex.IGNORECASE)) is None
    assert stdlib_twin(regex.compile(r"\w+比")) is None
    cue = regex.compile(r"(?:占\p{Han}{0,2}比)|(?:分别(?!是))|(?:\s*其中)")
    twin = stdlib_twin(cue)
    assert isinstance(twin, re.Pattern)
    rng = random.Random(29)
    pieces = list("占比分别是其中 \u3000\u001ca，") + ["𠀀"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in twin.finditer(text)] == [m.span() for m in cue.finditer(text)], text
