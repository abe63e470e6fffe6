"""Work done by the figure checks grows linearly with a document's size (counted, never timed)."""

from linter.document import Document
from linter.figures import repeated
from linter.figures.passages import figure_quantities

COPY = (
    "目前，该院7个办案组均实现党员全覆盖，5个党支部全部完成换届。\n\n"
    "年底前，该院7个办案组均完成考核，该院12名干警参加培训。\n\n"
    "开发区已签约入驻38个项目，已开工4个项目。\n\n"
)


def _comparisons(copies: int, rule) -> tuple[int, int]:
    document = Document(COPY * copies, "big.txt")
    text = document.text
    passages = [(start, text[start:end], quantities) for start, end, quantities in figure_quantities(document, rule.config.lexicon)]
    counted = [0]
    findings = list(repeated.same_figure(passages, rule.config.nouns, counted))
    return counted[0], len(findings)


def test_same_figure_compares_each_mention_with_distinct_earlier_values_only(rules_by_id):
    rule = rules_by_id["numbers.same-figure"]
    ten, found_ten = _comparisons(10, rule)
    hundred, found_hundred = _comparisons(100, rule)
    assert found_ten == found_hundred == 0
    assert ten > 0
    assert hundred <= 12 * ten  # linear: ten times the text; every earlier mention compared would make it a hundred times


def test_same_figure_still_reports_each_disagreeing_copy(rules_by_id):
    rule = rules_by_id["numbers.same-figure"]
    text = "该院7个办案组均实现党员全覆盖。\n\n" + "年底前，6个办案组全部完成考核。\n\n" * 3
    document = Document(text, "x.txt")
    passages = [(s, document.text[s:e], q) for s, e, q in figure_quantities(document, rule.config.lexicon)]
    issues = list(repeated.same_figure(passages, rule.config.nouns))
    assert [document.text[i.start : i.end] for i in issues] == ["6个", "6个", "6个"]
