"""Fast paths of the figure analyses give what the plain readings give, on invented text."""

import dataclasses
import random
import re

import pytest

from linter.checks.api import kind_of
from linter.document import Document
from linter.figures import enumeration
from linter.figures.passages import clause_start, layout, place
from linter.quantities import parse_quantities, parse_spans

PIECES = ["，", "；", "：", ";", ":", ",", "。", "！", "？", "…", "”", "）", "12件", "1,250件", "3,45人", "，300元",
          "共", "其中", "四十人", "占44%", "检察院", "办理", "x", " ", "\n"]


def invented_texts(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]


@pytest.fixture(scope="module")
def lexicon(rules_by_id):
    return rules_by_id["numbers.parts-total"].config.lexicon


def test_placed_clause_start_is_the_one_read_back_from_the_figure(lexicon):
    checked = 0
    for text in invented_texts(3000):
        shape = layout(0, len(text), text)
        for placed in place(shape, parse_quantities(text, lexicon)):
            floor = shape.sentences[placed.sentence][0] if shape.sentences else 0
            assert placed.clause_from == clause_start(text, placed.q.start, floor), text
            checked += 1
    assert checked > 1000


LIST_PIECES = ["、", "，", "。", "“", "”", "（", "）", "(", ")", "：", "即", "包括", "分别是", "是", "三个", "四项", "五大",
               "党建", "业务", "队伍", "作风", "等", "的", "和", "打造", "\n", "x"]


def invented_lists(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(LIST_PIECES) for _ in range(rng.randint(1, 30))) for _ in range(count)]


def walked_run_start(text: str, name_start: int) -> int:
    """The run start read one character at a time (what `_run_start` must agree with)."""
    start, depth = name_start, 0
    while start > 0:
        ch = text[start - 1]
        if ch == "”":
            depth += 1
        elif ch == "“":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in enumeration.HARD_STOPS:
            break
        start -= 1
    return start


@pytest.fixture(scope="module")
def listing(rules_by_id):
    return rules_by_id["numbers.enumeration"].config.enumeration


def test_run_start_is_the_one_walked_back_to():
    for text in invented_lists(500) + ["x" * 300 + "，" + "y" * 100, "z" * 500]:
        for offset in range(len(text) + 1):
            assert enumeration._run_start(text, offset) == walked_run_start(text, offset), (text, offset)


def test_no_list_before_a_name_without_a_separator_near_it(listing):
    for text in invented_lists(1500):
        for offset in range(1, len(text) + 1):
            if enumeration._separator_near(text, offset, listing):
                continue
            start = walked_run_start(text, offset)
            run = text[start:offset]
            assert not run or enumeration._make_list(start, offset, run, listing.separators, listing, first_may_lead=True) is None


def test_cues_are_tried_only_where_they_can_start(listing):
    assert listing.cue_firsts
    plain = dataclasses.replace(listing)
    plain.__dict__["cue_firsts"] = None
    for text in invented_lists(1500):
        for offset in range(len(text) + 1):
            assert enumeration._noun_before_cue(text, offset, listing) == enumeration._noun_before_cue(text, offset, plain)
            for counts in ((3,), (1, 3), (12,)):
                assert enumeration._list_after_cue(text, offset, counts, listing) == enumeration._list_after_cue(text, offset, counts, plain)


def test_names_where_no_list_can_be_are_left_before_their_lists_are_read(listing, monkeypatch):
    rng = random.Random(17)
    texts = invented_lists(2500) + ["".join(rng.choice(LIST_PIECES + ["“三个走在前”", "“一平台三中心”", "十四五", "第三个"])
                                            for _ in range(rng.randint(1, 40))) for _ in range(1500)]
    gated = [list(enumeration.enumeration_counts(Document(t, "a.txt"), listing)) for t in texts]
    read = []
    monkeypatch.setattr(enumeration, "_name_counts", lambda name, settings, real=enumeration._name_counts: read.append(name) or real(name, settings))
    plain = []
    with monkeypatch.context() as m:
        m.setattr(enumeration, "may_have_list", lambda *args: True)
        plain = [list(enumeration.enumeration_counts(Document(t, "a.txt"), ungated(listing))) for t in texts]
    assert gated == plain
    assert sum(map(len, gated)) > 20
    read.clear()
    prose = "他们三个人做了五项工作和两个“四个一”项目，打造“三个走在前”。" * 20
    assert list(enumeration.enumeration_counts(Document(prose, "a.txt"), listing)) == []
    assert read == []  # no name of the prose stands where a list can be: none is read


def test_lists_after_a_cue_are_read_only_where_a_cue_can_follow(listing, monkeypatch):
    rng = random.Random(23)
    texts = invented_lists(2500) + ["".join(rng.choice(LIST_PIECES + ["“三个走在前”", "“四个一”要求", "四个作用", "三个方面"])
                                            for _ in range(rng.randint(1, 40))) for _ in range(1500)]
    read = []
    monkeypatch.setattr(enumeration, "_list_after_cue", lambda *args, real=enumeration._list_after_cue: read.append(args) or real(*args))
    gated = [list(enumeration.enumeration_counts(Document(t, "a.txt"), listing)) for t in texts]
    gated_reads = len(read)
    read.clear()
    with monkeypatch.context() as m:
        m.setattr(enumeration, "cue_may_follow", lambda *args: True)
        plain = [list(enumeration.enumeration_counts(Document(t, "a.txt"), ungated(listing))) for t in texts]
    assert gated == plain
    assert sum(map(len, gated)) > 20
    assert gated_reads < len(read) * 0.7  # cue words stand all over these texts; prose has far fewer


def ungated(listing: enumeration.EnumerationSettings) -> enumeration.EnumerationSettings:
    """The settings with every unquoted name read, whether or not a list can be near it."""
    plain = dataclasses.replace(listing)
    plain.__dict__["listable_unquoted_name"] = listing.unquoted_name
    plain.__dict__["listable_quoted_name"] = enumeration._QUOTED_NAME
    return plain


@pytest.mark.parametrize("kind", ["quoted", "unquoted"])
def test_the_names_scanned_are_those_where_a_list_can_be(listing, kind):
    gated, plain = ((listing.listable_quoted_name, enumeration._QUOTED_NAME) if kind == "quoted"
                    else (listing.listable_unquoted_name, listing.unquoted_name))
    assert gated is not plain
    rng = random.Random(29)
    pieces = LIST_PIECES + list("一二两三四五六七八九十双百零第0123456789个项大种类“”“") + ["方面", "十二", "“三个走在前”", "分别为", "涵盖",
                                                                        "“五学联动”", "“一平台三中心”"]
    texts = invented_lists(500) + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(20000)]
    kept = dropped = 0
    for text in texts:
        scanned = [m.span() for m in gated.finditer(text)]
        near_lists = []
        for m in plain.finditer(text):
            if enumeration.may_have_list(text, m.start(), m.end(), listing):
                near_lists.append(m.span())
            else:
                dropped += 1
        assert scanned == near_lists, text
        kept += len(scanned)
    assert kept > 1000 and dropped > 1000


def plain_compare_agrees(name: str, counts: tuple[int, ...], listed: enumeration.Listed) -> bool:
    """The agreement `_compare` reads, with every count and join of the name's parts read at once."""
    n = len(listed.items)
    acceptable = {sum(counts)} | (set(counts) if len(set(counts)) == 1 else set()) | enumeration._component_counts(name, listed.items)
    joined = listed.joined + enumeration._joins_of_parts(name, listed.items)
    return any(n <= c <= n + joined or c in listed.readings or (listed.partial and n <= c) for c in acceptable)


def test_a_list_agrees_with_a_name_as_when_its_parts_are_read_at_once(listing):
    rng = random.Random(29)
    items = ["党建", "业务", "医疗", "医保", "医药", "送进工厂", "平台", "中心", "送和进", "三中心"]
    for _ in range(4000):
        name = rng.choice(["“三医一张网”", "“三送六进”", "“一平台三中心”", "“五学联动”", "“两个维护”", "四个作用"])
        counts = enumeration._numerals(name.strip("“”")) or (3,)
        chosen = tuple(rng.choice(items) for _ in range(rng.randint(2, 8)))
        listed = enumeration.Listed(0, 1, chosen, rng.randint(0, 2), tuple(rng.sample(range(1, 9), rng.randint(0, 2))), rng.random() < 0.2)
        assert (enumeration._compare(0, 1, name, counts, listed, listing) is None) == plain_compare_agrees(name, counts, listed)


FIGURE_PIECES = ["共", "合计", "其中", "其他", "占", "占比", "比重", "完成率", "合格率", "分别为", "同比增长", "较上年",
                 "4808件", "900件", "3886件", "120人", "150人", "45%", "54%", "87%", "12%", "1.5%", "四十八人", "三十人",
                 "党员", "干警", "案件", "，", "；", "。", "、", "和", "\n", "\n\n", "x"]


def invented_documents(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(FIGURE_PIECES) for _ in range(rng.randint(5, 80))) for _ in range(count)]


@pytest.mark.parametrize("rule_id", ["numbers.parts-total", "numbers.percent-counts", "numbers.shares", "numbers.feasibility"])
def test_passages_left_out_give_no_findings(rules_by_id, rule_id):
    rule = rules_by_id[rule_id]
    every_passage = dataclasses.replace(rule, config=dataclasses.replace(rule.config, needs_finder=None, percent=False))
    assert rule.config.needs_finder is not None or rule.config.percent
    found = 0
    for text in invented_documents(600):
        fast = list(kind_of(rule).check(Document(text, "a.txt"), rule))
        plain = list(kind_of(every_passage).check(Document(text, "a.txt"), every_passage))
        assert fast == plain, text
        found += len(fast)
    assert found


def test_spans_parsed_in_one_scan_as_on_their_own(lexicon):
    rng = random.Random(13)
    pieces = FIGURE_PIECES + ["第", "星期", "3", "十", "余", "以上", "约", "1,", "234", ".5", " "]
    for _ in range(800):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(1, 8))))
        spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if rng.random() < 0.8]
        expected = [parse_quantities(text[a:b], lexicon) for a, b in spans]
        assert parse_spans(text, spans, lexicon) == expected, (text, spans)


ENTITY_PIECES = ["互助", "县", "市", "区", "旗", "省", "自治区", "地区", "州", "人民", "检察院", "检察", "院", "在", "我",
                 "西宁", "海东", "新疆", "沙湾", "，", "。", "7个办案组", " ", "x"]


def test_entity_names_searched_near_the_literal_are_those_of_the_whole_scan(rules_by_id):
    from linter.figures.anchored import finditer_near_literal, pattern_anchor

    [entity] = rules_by_id["consistency.entity-figures"].config.entities
    others = [re.compile(r"[甲乙]{1,3}(?=丙?检察)丙?检察院(?!乙)"), re.compile(r"(?:甲|乙丙){0,4}院院")]
    assert all(pattern_anchor(p) is not None for p in [entity, *others])
    rng = random.Random(17)
    pieces = ENTITY_PIECES + ["甲", "乙", "丙", "丁", "院院"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for p in [entity, *others]:
            expected = [(m.span(), m.groups()) for m in p.finditer(text)]
            assert [(m.span(), m.groups()) for m in finditer_near_literal(p, text)] == expected, (p.pattern, text)


def test_an_entity_window_is_searched_only_with_a_character_every_name_holds(rules_by_id):
    """最高人民检察院 names no county, city or district: no place before it is tried."""
    from linter.figures.anchored import pattern_anchor

    [entity] = rules_by_id["consistency.entity-figures"].config.entities
    anchor = pattern_anchor(entity)
    assert {c for c in "市县区旗省州检察院人民" if anchor.needed.match(c)} == set("市县区旗")
    assert pattern_anchor(re.compile(r"(?:甲|乙丙){0,4}院院")).needed is None


def test_an_entity_window_is_tried_at_its_own_places_only(rules_by_id):
    """Each place of a window is tried once by a match, none after its last (a search from the window's
    first place would go on to the places after it): the calls are counted as the interpreter makes them."""
    import sys

    from linter.figures.anchored import finditer_near_literal, pattern_anchor, start_windows

    [entity] = rules_by_id["consistency.entity-figures"].config.entities
    anchor = pattern_anchor(entity)
    text = "沙湾市人民检察院和最高人民检察院、基层检察院在西宁市城区检察院。" * 20 + "互助县检察院"
    tried = []

    def count(frame, event, arg):
        if event == "c_call" and getattr(arg, "__self__", None) is entity:
            tried.append(arg.__name__)

    sys.setprofile(count)
    try:
        found = [m.span() for m in finditer_near_literal(entity, text)]
    finally:
        sys.setprofile(None)
    assert found == [m.span() for m in entity.finditer(text)] and len(found) == 41
    places = sum(high - low + 1 for low, high in start_windows(text, anchor)
                 if anchor.needed.search(text, low, min(len(text), high + anchor.reach)))
    assert set(tried) == {"match"}
    assert len(found) <= len(tried) <= places


@pytest.mark.parametrize("pattern", [r"(?<=甲)乙院", r"甲+院", r"\b甲院", r"[^甲]院院", r"(?i)abc", r"[甲乙]{2}",
                                     r"(?i:甲)院院", r"(?:乙|(?i:[a-c]{1,3}))检察院", r"(?:(?i:a)b){1,2}XY"])
def test_no_anchor_where_it_cannot_be_read_off(pattern):
    from linter.figures.anchored import pattern_anchor

    assert pattern_anchor(re.compile(pattern)) is None


@pytest.mark.parametrize(("pattern", "text"), [(r"(?i:a{1,3})XY", "zAaXY"), (r"(?i:[a-c]{1,3})检察院", "在BC检察院")])
def test_a_case_insensitive_group_is_searched_as_the_whole_scan_searches_it(pattern, text):
    from linter.figures.anchored import finditer_near_literal

    compiled = re.compile(pattern)
    assert [m.span() for m in finditer_near_literal(compiled, text)] == [m.span() for m in compiled.finditer(text)] != []


def test_governing_verbs_end_where_the_words_do(listing):
    rng = random.Random(19)
    words = [w for w in listing.governing if len(w) > 1]
    pieces = words + [w[:1] for w in words] + [w[1:] for w in words] + ["的", "x", "、"]
    for _ in range(3000):
        head = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = max((head.rfind(w) + len(w) for w in words if w in head), default=0)
        assert max((m.start() + len(m[1]) for m in listing.governing_verbs.finditer(head)), default=0) == expected, head


def noun_read_one_character_at_a_time(text: str, end: int, settings) -> str:
    """`counted_noun` as a walk: Han characters that are not stops, within max_noun + 1."""
    import regex

    window = text[end : end + settings.max_noun + 1]
    length = 0
    while length < len(window) and regex.match(r"\p{Han}", window[length]) and window[length] not in settings.stops:
        length += 1
    return "" if length > settings.max_noun or length < settings.min_noun else window[:length]


@pytest.mark.parametrize("rule_id", ["numbers.same-figure", "consistency.entity-figures"])
def test_counted_noun_is_the_one_read_character_by_character(rules_by_id, rule_id):
    from linter.figures.repeated import counted_noun

    settings = rules_by_id[rule_id].config.nouns
    rng = random.Random(23)
    pieces = ["办案组", "党支部", "的", "均", "人", "x", "，", "〇", "々", "𠀀", "Ａ", " ", "\n", "检察官", "和"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for end in range(len(text) + 1):
            assert counted_noun(text, end, settings) == noun_read_one_character_at_a_time(text, end, settings), (text, end)



def test_clause_separators_are_those_of_the_plain_pattern():
    from linter.figures.passages import CLAUSE_SEPARATOR

    plain = re.compile(r"[，；：;:]|,(?![0-9]{3}(?![0-9]))")
    rng = random.Random(29)
    for _ in range(5000):
        text = "".join(rng.choice(["，", ",", "1", "23", "456", "7890", "；", ";", "：", ":", "x", "。"]) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in CLAUSE_SEPARATOR.finditer(text)] == [m.span() for m in plain.finditer(text)], text


SAME_PIECES = ["该院", "本局", "我院", "7个办案组", "6个办案组", "五个党支部", "4个党支部", "均", "全部", "一律", "都", "，", "。",
               "其中", "新增", "共", "x", "和", "\n"]


def test_same_figure_reads_only_mentions_that_can_claim_a_whole(rules_by_id, monkeypatch):
    from linter.figures import repeated

    rule = rules_by_id["numbers.same-figure"]
    assert rule.config.nouns.claim_near is not None
    rng = random.Random(31)
    texts = ["".join(rng.choice(SAME_PIECES) for _ in range(rng.randint(3, 40))) for _ in range(1500)]
    gated = [list(kind_of(rule).check(Document(t, "a.txt"), rule)) for t in texts]
    with monkeypatch.context() as m:
        m.setattr(repeated, "may_claim", lambda *args: True)
        plain = [list(kind_of(rule).check(Document(t, "a.txt"), rule)) for t in texts]
    assert gated == plain
    assert sum(map(len, gated)) > 20
    read = []
    monkeypatch.setattr(repeated, "mentioned_noun", lambda text, q, settings, real=repeated.mentioned_noun: read.append(q) or real(text, q, settings))
    prose = "市里7个办案组完成了任务，另外6个办案组的工作。" * 10
    assert list(kind_of(rule).check(Document(prose, "a.txt"), rule)) == []
    assert read == []


@pytest.mark.parametrize("rule_id", ["consistency.entity-figures", "numbers.parts-total"])
def test_figures_near_places_read_in_one_scan_as_in_each_passage(rules_by_id, rule_id):
    from linter.figures.passages import _passage_spans, quantities_near
    from linter.quantities import parse_quantities_near

    lexicon = rules_by_id[rule_id].config.lexicon
    rng = random.Random(37)
    pieces = ENTITY_PIECES + ["\n", "\n\n", "3", "12件", "十", "余", "以上", "约", "5人", "。\n", "第", "、"] * 2
    checked = 0
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        document = Document(text, "a.txt")
        positions = sorted(rng.sample(range(-5, len(text) + 5), min(len(text) + 10, rng.randint(0, 4))))
        reach = rng.choice([0, 3, 10, 400])
        expected = []
        for start, end in _passage_spans(document):
            found = parse_quantities_near(text[start:end], lexicon, [p - start for p in positions], reach)
            if found:
                expected.append((start, text[start:end], found))
        assert quantities_near(document, lexicon, positions, reach) == expected, (text, positions, reach)
        checked += len(expected)
    assert checked > 300


SCAN_PIECES = ["约", "大约", "近", "将近", "超过", "不足", "第", "星期", "数", "几", "3", "12", "1,250", ".5", "十", "四十",
               "百分之", "百分之四十", "余", "多", "以上", "左右", "件", "人", "个", "月", "个月", "小时", "%", "个百分点",
               "元", "万", "亿", "两", "零", "，", "。", "x", " ", "\n"]


@pytest.mark.parametrize("rule_id", ["numbers.parts-total", "consistency.entity-figures"])
def test_the_figure_scan_meets_the_matches_of_the_figure_pattern(rules_by_id, rule_id):
    from linter.quantities import compile_led, figure_matches, pattern_source

    lexicon = rules_by_id[rule_id].config.lexicon
    led = compile_led(pattern_source(lexicon))
    assert lexicon.scan.pattern.startswith("[")  # led by a class, which `re` searches for in a tight loop
    rng = random.Random(29)
    inside = 0
    for _ in range(4000):
        text = "".join(rng.choice(SCAN_PIECES) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        expected = [(m.span(), m.groups()) for m in led.finditer(text, start)]
        assert [(m.span(1), m.groups()[1:]) for m in figure_matches(text, lexicon, start)] == expected, (text, start)
        inside += sum(1 for m in lexicon.scan.finditer(text, start)) - len(expected)
    assert inside > 100  # the scan met figures inside figures (5人 in 约5人), which were left out


def test_passages_are_analysed_only_where_a_cue_s_words_stand(rules_by_id, monkeypatch):
    from linter.figures import passages

    rule = rules_by_id["numbers.parts-total"]
    assert rule.config.needs_finder.pattern in ("其中|包括", "包括|其中")
    analysed = []
    monkeypatch.setattr(passages, "passage_of", lambda shape, placed, cues, real=passages.passage_of: analysed.append(shape.text) or real(shape, placed, cues))
    text = "其他案件共12件，其余3件。\n\n尤其是120人中，包含30人。\n\n全年共办理案件120件，其中刑事案件130件。\n"
    findings = list(kind_of(rule).check(Document(text, "a.txt"), rule))
    assert analysed == ["全年共办理案件120件，其中刑事案件130件。"]  # 其 and 包 alone no longer call for the analysis
    assert [f.line for f in findings] == [5]


def test_governing_verbs_led_by_their_first_characters_are_found_where_the_plain_lookahead_finds_them(listing):
    verbs = sorted((w for w in listing.governing if len(w) > 1), key=len, reverse=True)
    plain = re.compile(f"(?=({'|'.join(map(re.escape, verbs))}))")
    rng = random.Random(41)
    pieces = verbs + list("的等为是打造建设实施开展推进坚持x、，") + ["建设建设", "推进推动", "实现实施"]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 15)))
        expected = [(m.start(), m[1]) for m in plain.finditer(text)]
        assert [(m.start(), m[1]) for m in listing.governing_verbs.finditer(text)] == expected, text
        found += len(expected)
    assert found > 10000
