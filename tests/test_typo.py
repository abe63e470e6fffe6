"""The `typo` pack: traditional characters in simplified text and known real-word confusions."""

import pytest

from conftest import SEEDS, triples
from corpus_check import expected, found
from linter.document import Document
from linter.engine import lint_document


@pytest.fixture(scope="module")
def typo(default_rules):
    return [r for r in default_rules if r.category == "typo"]


def test_corpus_recall_and_no_false_alarms(typo):
    want = expected("typo.")
    assert len(want) >= 10
    names = ["typo.txt", "typo-clean.txt", "garbled.txt", "garbled-clean.txt", "traditional-document.txt"]
    got = found(names, typo, "typo.")
    assert want - got == set(), "missed"
    assert got - want == set(), "false alarms"


def test_clean_corpus_is_silent(typo):
    assert found(["typo-clean.txt"], typo, "") == set()


def test_seeds(typo):
    found_all = []
    for path in sorted(SEEDS.glob("*.txt")):
        document = Document(path.read_text(encoding="utf-8"), path.name)
        found_all += [(path.name, *t) for t in triples(lint_document(document, typo).findings)]
    assert found_all == [
        ("003_68c41b3dac8a2b97.txt", "typo.traditional", 31, 44),   # 訴
        ("003_68c41b3dac8a2b97.txt", "typo.traditional", 31, 45),   # 訟
        ("004_a6d7a54a70ca9500.txt", "typo.confusion", 9, 256),     # 湖源治理
    ]


def test_traditional_fix_is_safe_when_unique(lint):
    [f] = lint("刑事訴讼监督", "typo.traditional")
    assert (f.column, f.fix.replacement, f.fix.safe) == (3, "诉", True)
    assert f.message == "繁体字“訴”混在简体文本中，应为“诉”"


def test_ambiguous_traditional_character_gets_an_unsafe_fix(lint):
    [f] = lint("其餘人员原地待命。", "typo.traditional")
    assert (f.column, f.fix.replacement, f.fix.safe) == (2, "余", False)


@pytest.mark.parametrize("text", ["乾隆年间", "吉林乾安县", "於先生", "著名的覆盖面", "后来吃面条"])
def test_characters_of_both_scripts_never_fire(lint, text):
    assert lint(text, "typo") == []


def test_traditional_document_is_one_finding(lint):
    text = "通遼市人民檢察院第二黨支部承擔著審查逮捕、刑事訴訟監督等職責。\n該支部堅持黨建引領。"
    findings = lint(text, "typo")
    assert [(f.rule, f.line, f.column) for f in findings] == [("typo.traditional-document", 1, 2)]
    assert "全文以繁体书写" in findings[0].message


def test_confusion_needs_its_context(lint):
    assert triples(lint("推进安全生产湖源治理。", "typo.confusion")) == [("typo.confusion", 1, 7)]
    assert lint("湖源乡风景秀丽。", "typo.confusion") == []


def test_opencc_is_not_imported_at_start_up():
    import subprocess
    import sys

    code = "import sys, linter.cli, linter.rules; linter.rules.load_rules([linter.rules.default_rules_dir()]); print('opencc' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
