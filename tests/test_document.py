"""The document model: exact text, positions in code points, paragraphs and sentences."""

from linter.document import Document
from linter.loading import decode_document


def test_positions_are_one_based_code_points():
    doc = Document("第一行\n第二行𠀀字\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 1)
    assert doc.position(doc.text.index("字")) == (2, 5)  # the astral 𠀀 is one code point


def test_crlf_does_not_shift_columns():
    lf, crlf = Document("甲乙\n丙丁戊\n"), Document("甲乙\r\n丙丁戊\r\n")
    assert lf.position(lf.text.index("戊")) == crlf.position(crlf.text.index("戊")) == (2, 3)
    assert crlf.line(1) == "甲乙"
    assert crlf.newline == "\r\n"


def test_bom_is_not_a_column():
    doc = decode_document("\ufeff甲乙".encode("utf-8"), "bom.txt")
    assert doc.bom and doc.text == "甲乙"
    assert doc.position(1) == (1, 2)


def test_offset_is_inverse_of_position():
    doc = Document("ab\r\n\r\n“甲”乙\n")
    for offset in range(len(doc.text)):
        assert doc.offset(*doc.position(offset)) == offset


def test_paragraphs_are_separated_by_blank_lines():
    doc = Document("第一段第一句。\n\n  \n第二段。\n\n第三段")
    assert [p.text for p in doc.paragraphs] == ["第一段第一句。", "第二段。", "第三段"]
    assert [p.index for p in doc.paragraphs] == [0, 1, 2]


def test_one_paragraph_a_line_when_lines_end_sentences():
    text = "第一段说完了。\n小标题\n第二段也说完了。\n"
    assert [p.text for p in Document(text).paragraphs] == ["第一段说完了。", "小标题", "第二段也说完了。"]


def test_hard_wrapped_block_is_one_paragraph():
    text = "这是一个被硬换行切开的很长很长的段落它的第一行\n没有标点就结束了第二行也是这样没有标点的一行\n最后一行。"
    doc = Document(text)
    assert len(doc.paragraphs) == 1
    assert doc.paragraphs[0].text == text


def test_sentences_end_with_closing_quotes():
    doc = Document("他说：“走吧。”我们走了！真的？\n\n下一段…")
    texts = [doc.text[s.start : s.end] for s in doc.sentences]
    assert texts == ["他说：“走吧。”", "我们走了！", "真的？", "下一段…"]


def test_paragraph_at():
    doc = Document("甲。\n\n乙。")
    assert doc.paragraph_at(0).index == 0
    assert doc.paragraph_at(doc.text.index("乙")).index == 1
    assert doc.paragraph_at(3) is None


def test_a_wrapped_paragraph_inside_one_paragraph_a_line_text_stays_whole():
    text = (
        "本次活动的主要内容包括：\n1. 开展法治宣传进社区活动\n2. 组织青年干警业务培训\n"
        "据介绍，该项目总投资约2.5亿元，预计2025年底建成投用，\n建成后每年可处理污水3万吨，将有效改善周边\n群众的生活环境。\n"
        "今年以来，该院共办理案件300余件。\n"
    )
    paragraphs = [p.text for p in Document(text).paragraphs]
    assert paragraphs[:3] == ["本次活动的主要内容包括：", "1. 开展法治宣传进社区活动", "2. 组织青年干警业务培训"]
    assert paragraphs[3].startswith("据介绍") and paragraphs[3].endswith("群众的生活环境。")
    assert paragraphs[4] == "今年以来，该院共办理案件300余件。"


def test_each_line_of_a_block_is_weighed_for_latin_once_and_only_with_latin_letters_enough(monkeypatch):
    from linter import document as model

    weighed: list[str] = []
    mostly_latin = model.mostly_latin
    monkeypatch.setattr(model, "mostly_latin", lambda text: weighed.append(text) or mostly_latin(text))
    chinese = "据介绍，该项目总投资约2.5亿元，预计2025年底建成投用，\n建成后每年可处理污水3万吨，将有效改善周边\n群众的生活环境。\n今年以来，该院共办理案件。"
    assert [p.text for p in Document(chinese).paragraphs] == [chinese]
    assert weighed == []
    mixed = "全市春季植树活动正式启动，市领导参加义务植树\nCity leaders plant trees as the spring campaign starts\n今年以来，该院共办理案件。"
    assert len(Document(mixed).paragraphs) == 3
    assert weighed == mixed.split("\n")
