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


def test_cn2an_is_imported_only_for_chinese_numerals():
    code = (
        "import sys; from linter.rules import load_rules, default_rules_dir; from linter.engine import lint_text;"
        "rules = load_rules([default_rules_dir()], verify=False);"
        "lint_text('共4808件，其中922件；3886件。', rules); print('cn2an' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
