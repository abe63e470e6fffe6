"""The defects the foundation must find in the seed articles, at their exact positions."""

import pytest

from linter.runner import run

from conftest import SEEDS


@pytest.fixture(scope="module")
def seed_findings(default_rules):
    rules = [r for r in default_rules if r.category in ("quotes", "duplication") and r.enabled]
    return {(f.path.split("/")[-1][:3], f.rule, f.line, f.column): f for f in run([str(SEEDS)], rules).findings}


@pytest.mark.parametrize(
    "key",
    [
        ("000", "quotes.nested-same-level", 11, 177),  # “厚植“底色”提升“成色”增添“亮色””
        ("001", "quotes.stray-closer", 12, 137),  # 谈道：“从政治上看”不是一句空话……中。”
        ("001", "duplication.phrase", 52, 12),  # 有战斗力、有战斗力
        ("001", "duplication.word", 96, 52),  # 培训培训
        ("004", "quotes.unclosed", 1, 153),  # 探索出一条“政治引领有高度… never closed
    ],
)
def test_seed_defect_found(seed_findings, key):
    assert key in seed_findings


def test_seed_findings_quote_the_text(seed_findings):
    assert seed_findings[("001", "duplication.phrase", 52, 12)].text == "有战斗力、有战斗力"
    assert seed_findings[("001", "duplication.word", 96, 52)].text == "培训培训"
    nested = seed_findings[("000", "quotes.nested-same-level", 11, 177)]
    assert nested.fix.replacement == "“厚植‘底色’提升‘成色’增添‘亮色’”"
    assert nested.fix.safe


def test_quotes_and_duplication_on_seeds_are_exactly_these(seed_findings):
    """Every finding was read; these are all true (column breaks split three quotations)."""
    assert sorted(seed_findings) == sorted(
        [
            ("000", "quotes.nested-same-level", 11, 177),
            ("000", "quotes.cross-paragraph", 31, 234),  # 构建“服刑人员违规领取养老金 / 数据库”
            ("001", "quotes.stray-closer", 12, 137),
            ("001", "duplication.phrase", 52, 12),
            ("001", "quotes.cross-paragraph", 94, 131),  # “我院依托特 / 殊的区位优势…”
            ("001", "duplication.word", 96, 52),
            ("002", "quotes.cross-paragraph", 67, 62),  # “轮 / 值督学…”
            ("004", "quotes.unclosed", 1, 153),
            ("004", "duplication.word", 6, 256),  # 优秀检察官优秀检察官助理: a separator lost
        ]
    )
