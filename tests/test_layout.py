"""Layout rules: broken paragraphs, spliced captions, page furniture, headings, lost beginnings."""

from __future__ import annotations

import pytest

from conftest import SEEDS, triples, wenlint
from corpus_check import actual_findings, expected_findings
from linter.blocks import blocks, ends_open, left_open
from linter.document import Document

SEED_FINDINGS = {
    "000_ea7382c9cbe5172c.txt": [
        ("layout.broken-paragraph", 29, 226),   # 开展未成年 / 心理辅导
        ("layout.broken-paragraph", 31, 245),   # 养老金 / 数据库”
        ("layout.page-furniture", 43, 1),       # 扫码看视频
        ("layout.broken-paragraph", 61, 170),   # 得到 / 持续净化
        ("layout.broken-paragraph", 63, 168),   # “关键少数” / 引领示范
        ("layout.mid-sentence-start", 73, 1),   # 平文化思想及…
        ("layout.broken-paragraph", 75, 135),   # 专 / 项行动
        ("layout.broken-paragraph", 79, 162),   # 发 / 放司法救助金
        ("layout.orphan-heading", 111, 1),      # titles of the articles at lines 87 and 101
        ("layout.orphan-heading", 113, 1),
    ],
    "001_a693e1c6a20bb357.txt": [
        ("layout.spliced-block", 24, 16),       # 在2024年全市 / caption / 检察机关…
        ("layout.broken-paragraph", 38, 62),    # 周新革介 / 绍
        ("layout.broken-paragraph", 44, 120),
        ("layout.broken-paragraph", 66, 129),
        ("layout.broken-paragraph", 72, 66),
        ("layout.broken-paragraph", 84, 152),
        ("layout.broken-paragraph", 90, 14),    # 检察部检 / 察官
        ("layout.broken-paragraph", 94, 136),
        ("layout.broken-paragraph", 104, 138),
        ("layout.broken-paragraph", 110, 117),
        ("layout.broken-paragraph", 114, 109),
    ],
    "002_4190d9264b0a7aa4.txt": [
        ("layout.broken-paragraph", 13, 46),
        ("layout.spliced-block", 17, 95),       # 的目 / caption / 标,实行
        ("layout.broken-paragraph", 23, 159),   # 协同安全生 / 产部门
        ("layout.broken-paragraph", 37, 148),
        ("layout.broken-paragraph", 43, 79),
        ("layout.mid-sentence-start", 53, 1),   # 言,提出了数条…
        ("layout.broken-paragraph", 61, 84),
        ("layout.broken-paragraph", 67, 63),    # “轮 / 值督学
        ("layout.page-furniture", 79, 1),       # 先锋周刊 / 铸剑 / 6
        ("layout.page-furniture", 97, 1),       # 检论
        ("layout.page-furniture", 117, 1),      # 新时代 / 廉洁文化建设
    ],
    "003_68c41b3dac8a2b97.txt": [
        ("layout.broken-paragraph", 61, 269),
        ("layout.broken-paragraph", 71, 246),
    ],
    "004_a6d7a54a70ca9500.txt": [],
}


@pytest.fixture(scope="module")
def layout_rules(default_rules):
    return [r for r in default_rules if r.category == "layout"]


def seed_document(name: str) -> Document:
    return Document((SEEDS / name).read_text(encoding="utf-8"), name)


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_findings_are_exactly_the_known_damage(lint, name):
    found = lint((SEEDS / name).read_text(encoding="utf-8"), "layout")
    assert triples(found) == SEED_FINDINGS[name]


def test_break_names_the_line_that_completes_it(lint):
    found = lint((SEEDS / "001_a693e1c6a20bb357.txt").read_text(encoding="utf-8"), "layout.broken-paragraph")
    first = next(f for f in found if f.line == 38)
    assert "周新革介" in first.message and "第 40 行" in first.message and "绍，该院" in first.message
    assert [(r.line, r.column) for r in first.related] == [(40, 1)]


def test_splice_names_both_halves_and_the_caption(lint):
    found = lint((SEEDS / "002_4190d9264b0a7aa4.txt").read_text(encoding="utf-8"), "layout.spliced-block")
    (splice,) = found
    assert "的目" in splice.message and "标,实行" in splice.message and "图片说明（第 21 行）" in splice.message
    assert [(r.line, r.column) for r in splice.related] == [(21, 1), (23, 1)]


def apply(text: str, finding) -> str:
    fix = finding.fix
    return text[: fix.start] + fix.replacement + text[fix.end :]


def test_broken_paragraph_fix_joins_the_halves(lint):
    text = "据该院机关党委专职副书记周新革介\r\n\r\n绍，该院坚持在大要案办案组成立临时党支部。\r\n"
    (finding,) = lint(text, "layout.broken-paragraph")
    assert (finding.line, finding.column) == (1, 16)
    assert finding.fix is not None and not finding.fix.safe
    assert apply(text, finding) == "据该院机关党委专职副书记周新革介绍，该院坚持在大要案办案组成立临时党支部。\r\n"


def test_spliced_fix_moves_the_caption_after_the_joined_paragraph(lint):
    text = "实现干警“不为考核所累”的目\n\n\n2023年3月15日，副厅长带队复勘案发现场。\n\n标，实行厅内人员轮岗交流机制。\n\n下一段。"
    (finding,) = lint(text, "layout.spliced-block")
    assert apply(text, finding) == (
        "实现干警“不为考核所累”的目标，实行厅内人员轮岗交流机制。\n\n\n2023年3月15日，副厅长带队复勘案发现场。\n\n下一段。"
    )


def test_heading_followed_by_text_is_not_a_break(lint):
    text = "筑牢党建与业务融合的忠诚根基\n\n一首《小白杨》传唱大江南北，歌曲中的小白杨哨所，就在塔城地区巴尔鲁克山下。"
    assert lint(text, "layout") == []


def test_heading_with_a_comma_above_a_caption_is_not_a_break(lint):
    text = "该院召开座谈会。\n\n守护绿水青山，检察在行动\n\n2023年3月15日，干警走进企业。\n\n该院把服务绿色发展作为重要任务。"
    assert lint(text, "layout") == []


def test_section_numbers_are_not_furniture_but_a_stray_page_number_is(lint):
    sections = "导语\n\n近年来，该院成绩显著。\n\n1\n\n第一党支部\n\n该支部由三个部门组成。\n\n2\n\n第二党支部\n\n该支部承担审查逮捕职责。"
    assert lint(sections, "layout") == []
    stray = "该支部由三个部门组成。\n\n6\n\n该支部承担审查逮捕职责。"
    assert triples(lint(stray, "layout")) == [("layout.page-furniture", 3, 1)]


def test_list_items_after_a_lead_in_do_not_continue_it(lint):
    assert lint("主要做法有以下几点\n\n一是加强学习。\n\n二是强化监督。", "layout") == []


def test_article_starting_with_a_word_that_cannot_begin_a_sentence(lint):
    found = lint("河道治理见成效\n\n□本报通讯员 赵磊\n\n的沿岸村庄也随之受益。", "layout")
    assert triples(found) == [("layout.mid-sentence-start", 5, 1)]


def test_sentence_openers_are_not_lost_beginnings(lint):
    for text in ("但，这并不是终点。", "的确，这是好办法。", "了解情况后，他们立即上门。", "习近平法治思想为指引。", "检察院党组召开会议。"):
        assert lint(text, "layout.mid-sentence-start") == [], text


def test_blocks_are_classified_for_reuse(layout_rules):
    cues = layout_rules[0].config.cues
    kinds = {b.text.strip(): b.kind for b in blocks(seed_document("003_68c41b3dac8a2b97.txt"), cues)}
    assert kinds["1"] == kinds["6"] == "section-number"
    assert kinds["本报记者●刘琪"] == "byline"
    assert kinds["导语"] == "heading"
    kinds = {b.text.strip(): b.kind for b in blocks(seed_document("002_4190d9264b0a7aa4.txt"), cues)}
    assert kinds["6"] == kinds["先锋周刊"] == kinds["检论"] == "furniture"
    assert kinds["□本报通讯员 金梦晰"] == "byline"
    assert kinds["“清风问候”准时送达"] == "heading"
    caption = next(k for t, k in kinds.items() if t.startswith("2023年3月15日"))
    assert caption == "caption"


@pytest.mark.parametrize(
    "text,is_open",
    [("会议召开。", False), ("他说：“好。”", False), ("力量。(兰桂萍)", False), ("做法如下：", False),
     ("周新革介", True), ("主责主业,", True), ("“关键少数”", True), ("“轮", True), ("医生张某某——", False)],
)
def test_ends_open(text, is_open):
    assert ends_open(text) is is_open


@pytest.mark.parametrize(
    "text,is_open",
    [("（刑期自判决执行之日起计算）", False), ("行之日起计算，至2021年7月4日止）", False), ("（刑期自判决执", True),
     ("判处有期徒刑（缓刑）", True), ("周新革介", True), ("会议召开。", False)],
)
def test_left_open_closes_notes_in_brackets(text, is_open):
    assert left_open(text) is is_open


def test_labelled_corpus_recall_and_precision(default_rules):
    expected = expected_findings("layout")
    actual = actual_findings("layout", default_rules)
    planted = sum(len(v) for v in expected.values())
    assert planted >= 10
    assert any(not v for v in expected.values()), "the corpus needs clean files"
    for name in expected:
        assert actual[name] - expected[name] == set(), f"{name}: false alarms"
        assert expected[name] - actual[name] == set(), f"{name}: missed"


def test_cli_reports_layout_on_seeds():
    result = wenlint("check", "seeds/", "--select", "layout", "--quiet", "--fail-on", "never")
    assert result.returncode == 0
    assert "seeds/002_4190d9264b0a7aa4.txt:17:95: warning [layout.spliced-block]" in result.stdout


def test_a_document_of_headings_only_has_no_orphan_heading(lint):
    assert lint("目录\n\n第一章 总则\n\n第二章 组织机构", "layout") == []


def test_chapter_labels_are_headings_not_running_heads(lint):
    assert lint("第一章\n\n第一节 总则\n\n本办法自公布之日起施行。", "layout") == []


def test_closing_credit_lines_are_bylines_not_orphan_headings(lint):
    text = (
        "本报讯 近日，某县检察院召开座谈会。会议由检察长主持。\n\n（本报杭州4月19日电）\n\n"
        "另一篇文章的正文。会议指出，要持续推进工作。\n\n（作者单位：青山县融媒体中心）\n\n"
        "又一篇正文，内容完整。\n\n（记者 王芳）\n\n第四篇正文。\n\n（兰桂萍）\n"
    )
    assert lint(text, "layout") == []


def test_closing_notes_in_brackets_and_makers_credits_are_not_orphan_headings(lint):
    text = (
        "各地干部群众纷纷表示，要以实际行动迎接新的挑战。\n\n"
        "（本报记者张明、李华、王强、赵敏、孙丽、周伟、吴刚、郑洁、钱程、陈静、刘洋参与采写）\n\n"
        "（相关报道见第三版）\n\n制图：李某某\n\n采访整理：王某  赵某\n"
    )
    assert lint(text, "layout") == []
    moved_title = text.split("\n\n制图：")[0] + "\n\n深化改革的新篇章\n"
    assert triples(lint(moved_title, "layout")) == [("layout.orphan-heading", 7, 1)]


def test_photo_credits_signatures_and_english_lines_are_not_broken_text(lint):
    text = (
        "国际大学生机器人足球赛落幕 本地高校队3:0夺冠\nInternational Student RoboCup Final: Local Team Wins 3:0\n\n"
        "7月21日，邀请赛在市国际会展中心落下帷幕。来自12个国家和地区的32支队伍参加了比赛。\n\n"
        "图为决赛现场。本报记者 林思远 摄\n\nPhoto: The final match. (Lin Siyuan)\n\n"
        "特此通告。\n\n市公安局交通管理局\n\n2024年5月25日\n"
    )
    assert lint(text, "layout") == []


class CountingText(str):
    """A document text that counts the characters handed out by indexing and slicing."""

    read = 0

    def __getitem__(self, key):
        piece = str.__getitem__(self, key)
        CountingText.read += len(piece)
        return piece


def characters_read_removing_furniture(copies: int) -> int:
    from linter.checks.layout import _previous_end

    page = "该院召开座谈会，会议由检察长主持。\n\n先锋周刊\n\n6\n\n会议指出，要持续推进工作。\n\n"
    document = Document(page * copies)
    starts = [m for m in range(len(document.text)) if document.text.startswith("先锋周刊", m)]
    document.text = CountingText(document.text)
    CountingText.read = 0
    for start in starts:
        _previous_end(document, start)
    return CountingText.read


def test_removing_furniture_reads_only_the_white_space_before_it():
    """One finding's fix span costs the blank lines before it, not the whole text before it (issue 16)."""
    small, large = characters_read_removing_furniture(10), characters_read_removing_furniture(100)
    assert small > 0
    assert large <= 10 * small * 1.1


# False alarms found on real edited text (issue 14), one case per class: the consistent text (invented,
# written like the real one) gives no finding; the damaged variant (`old` replaced by `new`) gives exactly
# the expected findings.
REAL_TEXT_CLASSES = {
    "a column name as the story's first block": (
        "省内新闻快报\n\n本台消息：\n\n城南新区首条地铁线路开通\n\n"
        "今天，城南新区首条地铁线路开通运营，全长二十八公里，设站十九座。\n\n"
        "山区县冬小麦长势良好\n\n眼下，山区县二十万亩冬小麦进入返青期，农技人员深入田间开展指导。\n",
        "全长二十八公里，", "全长二十八\n\n省内新闻快报\n\n12\n\n公里，",
        [("layout.spliced-block", 7, 23), ("layout.page-furniture", 9, 1)],
    ),
    "a column name leading from finished text to a story": (
        "该县今年新建乡村书屋三十家，借阅量明显增长。\n\n文化视点\n\n书香飘进百姓家\n\n"
        "走进青石村书屋，十几位村民正在安静地阅读。\n",
        "\n\n走进青石村书屋，十几位村民正在安静地阅读。", "",
        [("layout.page-furniture", 3, 1), ("layout.orphan-heading", 5, 1)],
    ),
    "headlines with separators or quoted commas": (
        "全省春耕生产工作会议在省城召开 会议部署今年粮食生产和高标准农田建设任务 副省长出席会议并讲话"
        "强调要压实责任抓好落实确保全年粮食产量稳定在合理区间\n\n"
        "本台消息：全省春耕生产工作会议今天在省城召开。\n\n"
        "省政协召开专题协商会 围绕“推进县域商业体系建设，畅通城乡消费循环”建言资政\n\n"
        "本台消息：省政协今天召开专题协商会。\n\n"
        "奋力开创乡村振兴新局面——来自山区县的蹲点调研\n\n"
        "记者近日走进山区县，看到了一幅幅产业兴旺的新图景。\n",
        "\n\n记者近日", "\n\n的记者近日",
        [("layout.broken-paragraph", 9, 23)],
    ),
    "verse lines of equal length": (
        "老人常给孩子们念一首小诗。\n\n春风拂柳岸\n细雨润花田\n\n图为孩子们在书屋里听老人念诗。本报记者 张三 摄\n\n"
        "孩子们听得入了迷。\n",
        "细雨润花田", "润花田",
        [("layout.page-furniture", 3, 1)],
    ),
    "numbered items and their lead-in": (
        "会议对下一步工作作出部署，\n\n一、坚持稳中求进，巩固向好态势。\n\n二、加强统筹协调，形成工作合力。\n\n"
        "具体要求如下：\n\n（一）压实各方责任。\n\n（二）强化督促检查。\n",
        "二、加强统筹协调", "的统筹协调",
        [("layout.mid-sentence-start", 5, 1)],
    ),
    "a list of one-character names": (
        "中、俄、蒙三国代表参加了论坛。\n\n京、津两地企业也派员出席。\n",
        "中、俄、蒙三国", "计，三国",
        [("layout.mid-sentence-start", 1, 1)],
    ),
    "a judgment's signature block and appendix": (
        "如不服本判决，可在接到判决书的第二日起十日内提出上诉。\n\n审判长周某某\n\n人民陪审员 吴某\n\n"
        "二〇二〇年三月十二日\n\n书记员郑某\n\n刘某某\n\n附录法律条文\n\n《中华人民共和国刑法》\n\n"
        "第六十七条\n\n……\n\n犯罪以后自动投案，如实供述自己的罪行的，是自首。\n",
        "书记员郑某\n\n", "书记员郑某\n\n。PAGE。2。\n\n",
        [("layout.page-furniture", 11, 1)],
    ),
    "numbered headings and bracketed notes": (
        "现在，我代表市人民政府向大会报告工作，请予审议。\n\n一、过去一年工作回顾\n\n过去一年，全市经济运行稳中有进。\n\n"
        "（二）深化改革开放，增强发展动力活力\n\n坚持改革攻坚，持续优化营商环境。\n\n"
        "被告人钱某犯盗窃罪，判处有期徒刑六个月。\n\n（刑期从判决执行之日起计算，即自2021年1月5日起至2021年7月4日止）\n\n"
        "如不服本判决，可在接到判决书的第二日起十日内提出上诉。\n",
        "（刑期从判决执行", "（刑期从判决执\n\n行",
        [("layout.broken-paragraph", 13, 7)],
    ),
    "a dash leading in to a sub-head or to the next paragraph": (
        "县医院退休医生张某某——\n\n最难忘的是乡亲们的笑脸\n\n“那年冬天，山路全被大雪封住了。”张某某回忆说。\n\n"
        "这是全村最难忘的时刻——\n\n当天上午，第一辆客车开进了村子。\n",
        "第一辆客车开进了村子。", "第一辆客车开\n\n进了村子。",
        [("layout.broken-paragraph", 9, 11)],
    ),
    "a flush headline and display lines above indented paragraphs": (
        "扎根山乡三十年，他把青春献给了乡亲们（人物风采）\n\n"
        "　　山乡需要医生，更需要愿意留下来的医生，一个村医的坚守温暖了整片大山\n　　\n"
        "　　初冬时节，记者来到大山深处的青石村。村卫生室里，几位老人正排队量血压。\n　　守护乡亲健康，是他一辈子的承诺\n"
        "　　三十年来，张某某走遍了全村每一户人家。谁家老人有慢性病，谁家孩子该打疫苗，他都记在本子上。\n"
        "　　“乡亲们信得过我，我就不能走。”张某某说。\n",
        "几位老人正排队量血压。", "几位老人正排\n\n队量血压。",
        [("layout.broken-paragraph", 5, 32)],
    ),
    "a title ending on a word the next text's first character would lengthen": (
        "坚持依法治国和依规治党有机统一\n\n某省委党校教授 王某某\n\n党的十九大报告提出，全面依法治国是国家治理的一场深刻革命。\n",
        "有机统一\n\n某省委党校教授 王某某\n\n党", "有机统\n\n某省委党校教授 王某某\n\n一党",
        [("layout.spliced-block", 1, 14)],
    ),
    "a one-character theme opening parallel clauses": (
        "十年间，小城换了模样。\n\n变，是这座小城最鲜明的特点；变，也是这里的人们最大的期盼。\n",
        "；变，也是", "；这也是",
        [("layout.mid-sentence-start", 3, 1)],
    ),
    "indented lines of a page of bullet points, and its figures' credit": (
        "某公司二十年发展纪实\n\n　　服务实体经济\n"
        "　　累计投放资金超过一千亿元，支持重点项目二百余个，带动上下游企业就业三万余人\n　　防控金融风险\n"
        "　　稳妥处置问题机构十余家，化解各类风险资产近千亿元。守住不发生系统性风险的底线，是公司始终坚守的责任\n"
        "　　积极履行社会责任\n　　二十年来累计投入公益捐赠资金一点二亿元，选派帮扶干部三十余人次，助力定点县脱贫摘帽\n"
        "　　数据来源：某公司\n",
        "守住不发生系统性", "守住不发生系\n\n统性",
        [("layout.unfinished-paragraph", 6, 33)],
    ),
}


@pytest.mark.parametrize("case", sorted(REAL_TEXT_CLASSES))
def test_real_text_class_is_quiet_and_its_damage_is_found(lint, case):
    text, old, new, expected = REAL_TEXT_CLASSES[case]
    assert lint(text, "layout") == []
    assert old in text
    assert triples(lint(text.replace(old, new), "layout")) == expected


def test_long_body_text_is_not_read_as_a_heading(rules_by_id, monkeypatch):
    """A block longer than any heading may be is body text without a look at its quotations or punctuation."""
    import linter.blocks as blockmodel

    cues = rules_by_id["layout.broken-paragraph"].config.cues
    looked = []
    original = blockmodel._QUOTED

    class Counting:
        def sub(self, *args):
            looked.append(args[1])
            return original.sub(*args)

    monkeypatch.setattr(blockmodel, "_QUOTED", Counting())
    long_text = "会议强调，" + "要把“党的建设”放在首位，" * 15 + "切实抓好落实。"
    assert len(long_text) > cues.longest_heading
    assert not blockmodel.heading_shaped(long_text, cues)
    assert blockmodel.heading_shaped("检察机关“护航”民营经济", cues)
    assert looked == ["检察机关“护航”民营经济"]


def test_heading_shape_of_a_text_ending_a_sentence_inside_takes_no_quotation_out(layout_rules, monkeypatch):
    from linter import blocks as blockmodel

    cues = layout_rules[0].config.cues
    taken_out = []
    quoted = blockmodel._QUOTED
    monkeypatch.setattr(blockmodel, "_QUOTED", type("Counted", (), {"sub": lambda self, *a: taken_out.append(a) or quoted.sub(*a)})())
    assert not blockmodel.heading_shaped("会议召开。代表发言", cues)
    assert not blockmodel.heading_shaped("他问：行吗？我说行", cues)
    assert taken_out == []
    assert blockmodel.heading_shaped("“绿水青山，就是金山银山”", cues)
    assert not blockmodel.heading_shaped("他说“好”。", cues)
    assert len(taken_out) == 1


def test_openings_are_read_by_one_match_of_all_the_patterns(layout_rules):
    import re

    from linter.checks.layout import match_any
    from linter.regexes import compile_fast

    config = next(r for r in layout_rules if r.id == "layout.broken-paragraph").config
    assert isinstance(config.opens_unit.__self__, re.Pattern)
    assert isinstance(config.opens_sentence.__self__, re.Pattern)
    openings = ["一是加强监管", "（三）做好", "3.开展", "本报北京电", "中、美、加三国", "会议强调，", "一、总则", "（刑期自某日止）"]
    for text in openings:
        each = any(p.match(text) for p in config.not_continuation + config.sentence_starts)
        assert bool(config.opens_sentence(text)) == each, text
    repeated = match_any((compile_fast(r"(\p{Han})\1"), compile_fast("一是")))
    assert repeated("好好学习") and repeated("一是") and not repeated("学习")
    assert not match_any(())("一是")


def test_a_text_with_few_latin_letters_is_not_searched_for_foreign_paragraphs(layout_rules, monkeypatch):
    from linter import blocks as blockmodel

    cues = layout_rules[0].config.cues
    looked = []
    mostly_latin = blockmodel.mostly_latin
    monkeypatch.setattr(blockmodel, "mostly_latin", lambda text: looked.append(text) or mostly_latin(text))
    chinese = Document("国内快讯\n\n今天召开了GDP座谈会。\n\n会议指出，要稳中求进。")
    assert [b.kind for b in blockmodel.classify(chinese.paragraphs, cues, chinese.text)] == ["heading", "body", "body"]
    assert looked == []
    mixed = Document("今天召开了座谈会。\n\nThe meeting was held in Beijing today.")
    assert [b.kind for b in blockmodel.classify(mixed.paragraphs, cues, mixed.text)] == ["body", "foreign"]
    assert len(looked) == 2


def test_a_furniture_cue_whose_needs_the_text_lacks_is_tried_on_no_paragraph(layout_rules):
    cues = layout_rules[0].config.cues
    furniture = cues.searches["furniture"]
    assert any(needs is not None for _, needs in furniture.others)
    assert furniture.within("国内快讯\n\n会议指出，要稳中求进。").others == ()
    assert furniture.within("。PAGE。2。") is furniture
    document = Document("会议指出，要稳中求进。\n\n。PAGE。2。\n\n会议强调，要狠抓落实。")
    assert [b.kind for b in blocks(document, cues)] == ["body", "furniture", "body"]


def test_where_a_sentence_resumes_is_looked_up_once_per_finding(rules_by_id, monkeypatch):
    from linter.checks import layout
    from linter.findings import Location

    rule = rules_by_id["layout.broken-paragraph"]
    text = "据该院机关党委专职副书记周新革介\n\n绍，该院坚持在大要案办案组成立临时党支部。\r\n\r\n资阳市检察院重大犯罪检察部检\n\n察官王清曾在成都高新区检察院跟班实训3个月。"
    looked: list[int] = []
    position = Document.position
    monkeypatch.setattr(Document, "position", lambda self, offset: looked.append(offset) or position(self, offset))
    document = Document(text, "t.txt")
    findings = list(layout.check(document, rule))
    assert [(f.line, f.column) for f in findings] == [(1, 16), (5, 14)]
    resumes = [text.index("绍，"), text.index("察官")]
    assert looked == resumes
    monkeypatch.undo()
    assert [f.related for f in findings] == [(Location.of(document, r, r + 1, "句子在此接续"),) for r in resumes]
    assert [f.message.split("第 ")[1][:1] for f in findings] == ["3", "7"]


def test_paragraph_indentation_is_not_read_in_a_text_without_an_indent(layout_rules, monkeypatch):
    from linter.checks import layout

    config = layout_rules[0].config
    read: list[str] = []
    indented = layout._indented
    monkeypatch.setattr(layout, "_indented", lambda text: read.append(text) or indented(text))
    flush = Document("据该院机关党委专职副书记周新革介\n\n绍，该院坚持在大要案办案组成立临时党支部。\n\n资阳市检察院重大犯罪检察部检\n\n察官王清曾在成都高新区检察院跟班实训3个月。")
    assert len(layout._analyse(flush, config).breaks) == 2
    assert read == []
    indented_text = "　　县里的变化，村民看得最清楚，一条新路\n\n　　连起了山里山外。\n\n　　清晨，记者来到石门村。\n\n　　村口新修的公路旁，几辆货车正在装运蔬菜。"
    layout._analyse(Document(indented_text), config)
    assert read
