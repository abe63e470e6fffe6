"""The quantity parser: numerals, units, percentages, points and approximate bounds."""

import subprocess
import sys

import pytest

from linter.quantities import COUNT, PERCENT, POINTS, parse_quantities


@pytest.fixture(scope="module")
def lexicon(rules_by_id):
    return rules_by_id["numbers.parts-total"].config.lexicon


def only(text, lexicon):
    [q] = parse_quantities(text, lexicon)
    return q


@pytest.mark.parametrize(
    "text,value,low,high,unit,kind",
    [
        ("共4808件", 4808, 4808, 4808, "件", COUNT),
        ("金额58.44万元", 584400, 584400, 584400, "元", COUNT),
        ("挽回1.28亿元", 128000000, 128000000, 128000000, "元", COUNT),
        ("共４８０８件", 4808, 4808, 4808, "件", COUNT),
        ("办结1,250件", 1250, 1250, 1250, "件", COUNT),
        ("四千八百零八件", 4808, 4808, 4808, "件", COUNT),
        ("两个未成年子女", 2, 2, 2, "个", COUNT),
        ("十余人", 10, 10, 20, "人", COUNT),
        ("3万余元", 30000, 30000, 40000, "元", COUNT),
        ("40余人次", 40, 40, 50, "人次", COUNT),
        ("500多场次", 500, 500, 600, "场次", COUNT),
        ("近百人", 100, 80, 100, "人", COUNT),
        ("不足50人", 50, 0, 50, "人", COUNT),
        ("超30万次", 300000, 300000, float("inf"), "次", COUNT),
        ("约200件", 200, 180, 220, "件", COUNT),
        ("80件以上", 80, 80, float("inf"), "件", COUNT),
        ("占44%", 44, 44, 44, "%", PERCENT),
        ("占44％", 44, 44, 44, "%", PERCENT),
        ("占百分之四十四", 44, 44, 44, "%", PERCENT),
        ("下降1.5个百分点", 1.5, 1.5, 1.5, "个百分点", POINTS),
    ],
)
def test_reads_figures(lexicon, text, value, low, high, unit, kind):
    q = only(text, lexicon)
    assert (q.unit, q.kind) == (unit, kind)
    assert (q.value, q.low, q.high) == pytest.approx((value, low, high))


def test_offsets_and_text(lexicon):
    q = only("院领导填报2132件，占比", lexicon)
    assert (q.start, q.end, q.text) == (5, 10, "2132件")


def test_percentage_places(lexicon):
    assert only("占比1.5%", lexicon).ulp == pytest.approx(0.1)
    assert only("占比44%", lexicon).ulp == 1


@pytest.mark.parametrize(
    "text",
    [
        "2023年11月，该支部获评",          # dates
        "第一议题、第二批案例",              # ordinals
        "在12309检察服务中心设立",          # ids
        "“一平台三中心”应用",                # names of things
        "统一受理、唯一标准",               # words containing numerals
        "千家万户",
    ],
)
def test_not_counts(lexicon, text):
    assert parse_quantities(text, lexicon) == []


def test_a_numeral_run_longer_than_any_figure_is_none(lexicon):
    from linter.quantities import LONGEST_NUMERAL

    assert only("共九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九件", lexicon).unit == "件"  # 31: read
    for text in ("共" + "一" * (LONGEST_NUMERAL + 1) + "件", "百分之" + "一" * (LONGEST_NUMERAL + 1), "一" * 20_000 + "件"):
        assert parse_quantities(text, lexicon) == []


def imports_cn2an(text: str) -> bool:
    """Whether linting `text` with the default rules imports cn2an (in a fresh interpreter)."""
    code = (
        "import sys; from linter.rules import load_rules, default_rules_dir; from linter.engine import lint_text;"
        "rules = load_rules([default_rules_dir()]);"
        f"lint_text({text!r}, rules); print('cn2an' in sys.modules)"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "True"


@pytest.mark.parametrize("text", [
    "共4808件，其中922件；3886件。",
    "共三万亿元，其中两千亿元；一百万人，十万人，一万零五件。",  # standard forms with 万/亿
    "“十四五”规划提出三项任务，共十七两；“十二五”时期完成5件。",  # two digits after the tens: no numeral
])
def test_cn2an_is_imported_only_for_numerals_the_readers_cannot_tell(text):
    assert not imports_cn2an(text)


def test_cn2an_reads_a_colloquial_numeral():
    assert imports_cn2an("共一万五人。")  # 15000, in cn2an's reading


def _written_variants(numeral: str) -> list[str]:
    """Every way of writing `numeral` with 两 for 二 and 〇 for 零 at any of their places."""
    variants = [""]
    for ch in numeral:
        choices = {"二": "二两", "零": "零〇"}.get(ch, ch)
        variants = [v + c for v in variants for c in choices]
    return variants


def test_small_numeral_reader_agrees_with_cn2an_on_every_numeral_it_reads():
    """The reader accepts exactly the standard forms of 1..9999 and their 两/〇 variants: all are compared."""
    import cn2an

    from linter.quantities import read_small_numeral, standard_numeral

    for value in range(1, 10_000):
        for written in _written_variants(standard_numeral(value)):
            assert read_small_numeral(written) == value == cn2an.cn2an(written, "smart"), written


def test_digit_runs_are_read_as_cn2an_reads_them():
    import itertools

    import cn2an

    from linter.quantities import read_small_numeral

    for length in range(2, 5):
        for digits in itertools.product("零〇一二两三四五六七八九", repeat=length):
            written = "".join(digits)
            assert read_small_numeral(written) == cn2an.cn2an(written, "smart"), written


def test_small_numeral_reader_leaves_other_forms_to_cn2an():
    import random

    import cn2an

    from linter.quantities import HAN_NUMERAL, han_to_number, read_small_numeral

    rng = random.Random(10)
    for text in ["十五", "三千二", "三百四", "一二三四五", "一百十五", "两万", "十十", "五十一千", "一万零五"]:
        assert read_small_numeral(text) is None
    for _ in range(20_000):
        text = "".join(rng.choice(HAN_NUMERAL) for _ in range(rng.randint(1, 7)))
        try:
            expected = float(cn2an.cn2an("一" + text if text[0] in "十百千万亿" else text, "smart"))
        except Exception:  # noqa: BLE001 - cn2an rejects odd runs with ValueError or KeyError
            expected = None
        value = read_small_numeral(text)
        assert value is None or value == expected, text
        try:
            got = han_to_number(text)
        except Exception:  # noqa: BLE001
            got = None
        assert got == expected, text


def _invented_text(rng, lexicon, length):
    words = [w for w, _ in lexicon.before + lexicon.after + lexicon.trailing] + list(lexicon.units + lexicon.points + lexicon.not_after)
    pieces = words + list("0123456789０９.．,，。%％点百分之零〇一二两三四五六七八九十百千万亿的年人中 \n") + ["百分之", "1,250", "星期"]
    return "".join(rng.choice(pieces) for _ in range(length))


@pytest.mark.parametrize("rule_id", ["numbers.parts-total", "consistency.entity-figures"])
def test_fast_figure_scan_matches_the_regex_module_scan(rules_by_id, rule_id):
    """The stdlib `re` scan (a lookahead for the first character, one lookbehind per not_after length)
    finds what the plain pattern with one variable-width lookbehind finds with `regex`."""
    import random

    import regex

    from linter.quantities import not_after_guard, pattern_source

    lexicon = rules_by_id[rule_id].config.lexicon
    words = sorted(lexicon.not_after, key=len, reverse=True)
    slow = regex.compile(pattern_source(lexicon).replace(
        not_after_guard(lexicon.not_after), "(?<!" + "|".join(regex.escape(w) for w in words) + ")"
    ))
    rng = random.Random(44)
    for _ in range(3000):
        text = _invented_text(rng, lexicon, rng.randint(1, 30))
        fast = [(m.span(), m.groupdict()) for m in lexicon.pattern.finditer(text)]
        assert fast == [(m.span(), m.groupdict()) for m in slow.finditer(text)], text


@pytest.mark.parametrize("rule_id", ["numbers.parts-total", "consistency.entity-figures"])
def test_figures_near_positions_are_those_of_the_whole_scan(rules_by_id, rule_id):
    import random

    from linter.quantities import parse_quantities_near

    lexicon = rules_by_id[rule_id].config.lexicon
    assert lexicon.inner_characters is not None
    rng = random.Random(12)
    for _ in range(3000):
        text = _invented_text(rng, lexicon, rng.randint(1, 40))
        positions = sorted(rng.randint(-10, len(text) + 5) for _ in range(rng.randint(0, 4)))
        reach = rng.randint(0, 15)
        whole = parse_quantities(text, lexicon)
        expected = [q for q in whole if any(0 <= q.start - p <= reach for p in positions)]
        assert parse_quantities_near(text, lexicon, positions, reach) == expected, (text, positions, reach)


def test_figures_near_many_positions_in_a_long_run_of_unit_characters(lexicon):
    """Each window looks back no further than the previous one's scan (a run of 人 has no place to stop)."""
    from linter.quantities import parse_quantities_near

    assert "人" in lexicon.inner_characters
    text = "人" * 20_000 + "共3件" + "人" * 20_000 + "5人"
    positions = list(range(0, len(text), 50))
    assert parse_quantities_near(text, lexicon, positions, 10) == [q for q in parse_quantities(text, lexicon) if q.start % 50 <= 10]


@pytest.mark.parametrize(
    "source,firsts",
    [
        ("(?P<a>约|大约)?(?<!第)[0-9]+件", set("约大0123456789")),
        ("(?:ab)*c", {"a", "c"}),
        ("x?y?", None),
        ("[^a]b", None),
        ("(?=[ab])c|d", {"c", "d"}),
        (r"\d+", None),
    ],
)
def test_leading_characters_are_read_from_the_pattern(source, firsts):
    """A pattern that alternates at the top is led as a whole: (?=[…])(?:a|b)."""
    import re

    from linter.quantities import leading_characters

    assert leading_characters(re.compile(source)) == (frozenset(firsts) if firsts else None)


def test_a_led_pattern_finds_what_the_pattern_finds():
    import random
    import re

    from linter.quantities import compile_led

    rng = random.Random(9)
    for source in [r"[，；：;:]|,(?![0-9]{3}(?![0-9]))", r"(?P<a>约)?(?<!第)[0-9]+件|百分之[一二]+", r"(?:ab)*c|d"]:
        led, plain = compile_led(source), re.compile(source)
        assert led.pattern.startswith("(?=[")
        for _ in range(3000):
            text = "".join(rng.choice("，;:,0123第约件百分之一二abcd ") for _ in range(rng.randint(0, 15)))
            assert [(m.span(), m.groups()) for m in led.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]


def test_a_lead_is_not_added_for_a_case_insensitive_group():
    """`(?i:a)` also starts with A: a lookahead for `a` alone would lose matches."""
    import re

    from linter.quantities import compile_led, leading_characters

    assert compile_led(r"(?i:a)b").search("Ab")
    assert leading_characters(re.compile(r"(?i:a)b")) is None
    assert leading_characters(re.compile(r"(?:a|b)c")) == {"a", "b"}


def test_digits_are_ascii_or_fullwidth_only(lexicon):
    """The figure pattern lists its digits ([0-9０-９]) rather than using \\d, so stdlib `re` and
    `regex` read the same digits: fullwidth digits are figures, Arabic-Indic or other scripts'
    digits (which Chinese documents do not use for figures) are not."""
    assert [(q.value, q.text) for q in parse_quantities("共１２件，另有1２3人", lexicon)] == [(12, "１２件"), (123, "1２3人")]
    assert parse_quantities("共١٢٣件，另有१२人，又有𝟙𝟚件", lexicon) == []


@pytest.mark.parametrize("pattern", [r"(?i)a", r"(?i:a)b", r"(?=(?i:a))b", r"b(?!x|(?i:[a-c]))"])
def test_no_consumed_characters_listed_where_case_insensitive_matching_adds_others(pattern):
    import re

    from linter.quantities import consumed_characters

    assert consumed_characters(re.compile(pattern), lookarounds=True) is None


def test_large_numeral_reader_agrees_with_cn2an_on_the_standard_forms_it_reads():
    """Standard forms from 10^4 to 10^16 (sections of 亿 and 万, 零 after a gap), with 两/〇 variants,
    read as cn2an reads them; other forms with 万/亿 are left to cn2an."""
    import random

    import cn2an

    from linter.quantities import read_large_numeral, standard_large_numeral

    rng = random.Random(19)
    values = [rng.randrange(10**4, 10**16) for _ in range(3000)]
    values += [rng.randrange(1, 10**4) * 10 ** rng.randrange(4, 13) + rng.randrange(0, 10 ** rng.randrange(1, 6)) for _ in range(3000)]
    for value in values:
        if value >= 10**16:
            continue
        for written in _written_variants(standard_large_numeral(value))[:4]:
            assert read_large_numeral(written) == value == cn2an.cn2an(written, "smart"), written
    for text in ["一万五", "三万二千五", "一万一十", "一亿零零五", "一亿亿", "万", "一千万亿亿", "九六万零", "十万"]:
        assert read_large_numeral(text) is None, text



def test_a_figure_repeated_is_read_once():
    from linter import quantities
    from linter.quantities import compile_figure_lexicon

    lexicon = compile_figure_lexicon("figures", {"units": ["件"], "after": {"余": "step"}})
    text = "共40余件。" * 50 + "共3件。"
    found = parse_quantities(text, lexicon)
    assert [(q.start, q.low, q.high) for q in found[:2]] == [(1, 40, 50), (7, 40, 50)]
    assert len(quantities._readings(lexicon)) == 2


def test_two_digits_after_the_tens_are_no_numeral_as_for_cn2an():
    """十四五 (a plan) and 十七两 (a weight) reach the reader as 一十四五, 一十七两: every run of that form
    is rejected without cn2an, as cn2an rejects it."""
    import itertools

    import cn2an

    from linter.quantities import han_to_number

    digits = "零〇一二两三四五六七八九"
    for head, a, b in itertools.product("一二两三四五六七八九", digits, digits):
        text = f"{head}十{a}{b}"
        with pytest.raises(ValueError):
            cn2an.cn2an(text, "smart")
        with pytest.raises(ValueError):
            han_to_number(text)
    assert han_to_number("十四") == 14

