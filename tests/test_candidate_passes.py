"""The document-wide passes that pick candidates (layout blocks, pair sets, line starts) give what the plain
per-paragraph path gives, on invented text, and do the work only where a candidate is."""

from __future__ import annotations

import random
import re

import pytest

from linter import blocks
from linter.checks import layout, pairs
from linter.checks.api import kind_of
from linter.document import LATIN_MIN, Document, line_position, may_be_mostly_latin, mostly_latin

BLOCK_PIECES = [
    "扫码看视频", "责任编辑：王某", "第 3 版", "—3—", "本报记者 张三", "记者 李四", "□本报记者", "（本报杭州4月19日电）", "（兰桂萍）",
    "2024年5月25日", "图①：", "5月2日，", "（左一）", "张三 摄", "检察长 王某", "第一章 总则", "一、", "（三）", "先锋周刊", "PAGE",
    "该院召开座谈会", "，", "。", "！", "——", "“好”", " ", "　　", "6", "12", "Beijing Daily News Report", "因此", "诚如",
    "春风拂柳岸", "的", "言，", "平文化思想", "中、美、加三国",
]


def invented_blocks(seed: int, count: int) -> list[str]:
    """Paragraphs made of cue pieces, some of them long enough that no heading or caption is."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(BLOCK_PIECES) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.2:
            text = text * rng.randint(10, 30)
        texts.append(text.strip() or "文")
    return texts


def plain_first_guess(text, cues, latin, furniture):
    """What a stripped paragraph is by its own text, every cue group tried a pattern at a time."""

    def found(search, line):
        return any(p.search(line) for p in {p for group in search.by_start.values() for p in group}) or any(
            p.search(line) for p, _ in search.others
        )

    searches = cues.searches
    if latin and mostly_latin(text):
        return "foreign"
    if found(furniture, text):
        return "furniture"
    if cues.section_number.fullmatch(text):
        return "number"
    if len(text) <= cues.byline_max and found(searches["byline"], text):
        return "byline"
    if len(text) <= cues.caption_max and found(searches["caption"], text):
        return "caption"
    if blocks.heading_shaped(text, cues):
        return "heading"
    numbered = len(text) <= cues.headline_max and found(searches["heading"], text)
    if numbered and blocks.left_open(text) and not blocks.ends_sentence_inside(text):
        return "heading"
    return "body"


def plain_classify(paragraphs, cues, text):
    """The kinds a paragraph at a time, with the running heads decided on a pass over every block."""
    latin = may_be_mostly_latin(text)
    furniture = cues.searches["furniture"].within(text)
    kinds = [plain_first_guess(p.text.strip(), cues, latin, furniture) for p in paragraphs]
    blocks._resolve_numbers(paragraphs, kinds, cues)
    if "body" not in kinds:
        return kinds
    text_before, last = [], -1
    for i, kind in enumerate(kinds):
        text_before.append(last)
        if kind != "heading":
            last = i
    text_after = len(kinds)
    for i in range(len(kinds) - 1, -1, -1):
        line = paragraphs[i].text.strip()
        decide = kinds[i] == "heading" and len(line) <= cues.furniture_max and not blocks._ANY_PUNCT.search(line)
        if decide and not (blocks.any_cue(cues.searches["heading"], line) or blocks._verse_line(paragraphs, i, text)):
            following = kinds[i + 1] if i + 1 < len(kinds) else None
            previous = kinds[i - 1] if i > 0 else None
            if following not in ("body", "byline", "section-number") and previous != "byline":
                if following == "furniture" or previous == "furniture" or blocks._interrupts(paragraphs, kinds, text_before[i], text_after):
                    kinds[i] = "furniture"
        if kinds[i] != "heading":
            text_after = i
    return kinds


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocks_decided_in_steps_are_the_blocks_decided_one_by_one(rules_by_id, seed):
    cues = rules_by_id["layout.broken-paragraph"].config.cues
    rng = random.Random(seed)
    for _ in range(60):
        separator = rng.choice(["\n\n", "\n", "\n\n\n"])
        document = Document(separator.join(invented_blocks(rng.randrange(10**6), rng.randint(1, 25))))
        found = [b.kind for b in blocks.classify(document.paragraphs, cues, document.text)]
        assert found == plain_classify(document.paragraphs, cues, document.text), document.text


def test_first_guesses_match_the_plain_guess_with_every_cue_group(rules_by_id):
    """Also with a furniture cue that is not anchored (every block is tried) and text that may be Latin."""
    cues = rules_by_id["layout.broken-paragraph"].config.cues
    lines = invented_blocks(7, 3000)
    for latin in (False, True):
        for furniture in (cues.searches["furniture"], cues.searches["caption"]):
            plain = [plain_first_guess(line, cues, latin, furniture) for line in lines]
            assert blocks.first_guesses(lines, cues, latin, furniture) == plain


def test_long_blocks_are_decided_without_the_short_block_cues(rules_by_id, monkeypatch):
    cues = rules_by_id["layout.broken-paragraph"].config.cues
    long_text = "该院坚持在大要案办案组成立临时党支部，鼓励党员干警发挥先锋模范作用。" * 5
    assert len(long_text) > cues.longest_cue
    lines = [long_text] * 50 + ["扫码看视频" + long_text, "第一章 总则", "文字"]
    tried, shaped = [], []
    any_cue, heading_shaped = blocks.any_cue, blocks.heading_shaped
    searches = {id(search): name for name, search in cues.searches.items()}
    furniture = cues.searches["furniture"].within("\n".join(lines))  # as `classify` has it: no PAGE, no PAGE cue
    searches[id(furniture)] = "furniture"
    monkeypatch.setattr(blocks, "any_cue", lambda search, line: tried.append((searches[id(search)], line)) or any_cue(search, line))
    monkeypatch.setattr(blocks, "heading_shaped", lambda line, cues: shaped.append(line) or heading_shaped(line, cues))
    kinds = blocks.first_guesses(lines, cues, False, furniture)
    assert kinds == ["body"] * 50 + ["furniture", "heading", "heading"]
    assert tried == [("furniture", lines[50])] + [(group, line) for line in lines[51:] for group in ("furniture", "byline", "caption")]
    assert shaped == ["第一章 总则", "文字"]


def test_breaks_and_cut_starts_are_tried_only_on_candidates(rules_by_id, monkeypatch):
    """Paragraphs that end on a stop are never asked whether they are left open, and paragraphs that start
    with an ordinary character are never read for a lost beginning."""
    config = rules_by_id["layout.broken-paragraph"].config
    body = "该院召开座谈会，会议由检察长主持，各部门负责人参加了会议并作了发言。"
    text = "\n\n".join([body] * 40 + ["据该院机关党委专职副书记周新革介", "绍，该院坚持在大要案办案组成立临时党支部。", "的立体化法律服务网络，实现了转变。"])
    asked, read = [], []
    left_open, fragment_end = layout.left_open, layout._fragment_end
    monkeypatch.setattr(layout, "left_open", lambda t: asked.append(t) or left_open(t))
    monkeypatch.setattr(layout, "_fragment_end", lambda t, c: read.append(t) or fragment_end(t, c))
    found = layout.analyse(Document(text), config)
    assert [(b.first.text, b.second.text if b.second else None) for b in found.breaks] == [
        ("据该院机关党委专职副书记周新革介", "绍，该院坚持在大要案办案组成立临时党支部。")
    ]
    assert asked == []  # its last character, not a closed ending, says it is open
    assert read == ["的立体化法律服务网络，实现了转变。"]  # 绍， continues the break: not a start of its own
    assert [b.text for b, _ in found.mid_sentence] == ["的立体化法律服务网络，实现了转变。"]


@pytest.mark.parametrize("seed", [4, 5])
def test_layout_findings_match_the_plain_classification(rules_by_id, seed, monkeypatch):
    layout_rules = [r for r in rules_by_id.values() if r.kind == "layout"]
    rng = random.Random(seed)
    texts = ["\n\n".join(invented_blocks(rng.randrange(10**6), rng.randint(3, 30))) for _ in range(40)]
    fast = [[f for r in layout_rules for f in kind_of(r).check(Document(t), r)] for t in texts]

    def plain_blocks(document, cues):
        kinds = plain_classify(document.paragraphs, cues, document.text)
        return [blocks.Block(p, k) for p, k in zip(document.paragraphs, kinds)]

    monkeypatch.setattr(blocks, "blocks", plain_blocks)
    assert fast == [[f for r in layout_rules for f in kind_of(r).check(Document(t), r)] for t in texts]
    assert any(fast)


PAIR_TEXT = "“”‘’《》（）()「」『』【】〈〉甲乙 1)\n"


@pytest.mark.parametrize("seed", [6, 7])
def test_paragraphs_a_pair_set_scans_hold_those_of_its_subsets(rules_by_id, seed):
    """What `_paragraphs_to_scan` relies on: marks that balance as pairs of a set balance as pairs of a subset."""
    unclosed, nested = rules_by_id["quotes.unclosed"].config, rules_by_id["quotes.nested-same-level"].config
    assert set(nested.pairs) < set(unclosed.pairs)
    rng = random.Random(seed)
    for _ in range(300):
        document = Document("".join(rng.choice(PAIR_TEXT) for _ in range(rng.randint(1, 200))))
        wide = pairs._paragraphs_with_unpaired_marks(document, unclosed)
        assert pairs._paragraphs_with_unpaired_marks(document, nested) <= wide, document.text


def test_one_search_finds_the_paragraphs_to_scan_for_every_pair_set(rules_by_id, monkeypatch):
    pair_rules = [r for r in rules_by_id.values() if r.kind == "pairs"]
    searched = []
    real = pairs._paragraphs_with_unpaired_marks
    monkeypatch.setattr(pairs, "_paragraphs_with_unpaired_marks", lambda d, c: searched.append(c.pairs) or real(d, c))
    document = Document("他说：“我读过“小白杨”的故事。”\n\n学习《民法典”。\n\n“第二段话。")
    found = {r.id: list(kind_of(r).check(document, r)) for r in pair_rules}
    assert searched == [rules_by_id["quotes.unclosed"].config.pairs]
    assert found["quotes.nested-same-level"] and found["quotes.mismatched"] and found["quotes.unclosed"]


def test_ignored_offsets_are_those_found_paragraph_by_paragraph(rules_by_id):
    config = rules_by_id["quotes.unclosed"].config
    rng = random.Random(8)
    pieces = ["1)", "a）", "（1）", "O’Brien", ":)", "：）", ":(", "，2)", "“", "”", "文", " ", "\n", "\n\n"]
    for _ in range(300):
        document = Document("".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))))
        plain = {p.index: found for p in document.paragraphs if (found := pairs._ignored_in_text(p.text, config))}
        assert pairs.ignored_offsets(document, config) == plain, document.text


def test_line_starts_and_latin_letters_counted_in_bulk():
    rng = random.Random(9)
    for _ in range(500):
        text = "".join(rng.choice("ab中\n\r Zé") for _ in range(rng.randint(0, 40)))
        document = Document(text)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        assert document.line_starts == starts
        assert [line_position(starts, len(text), i) for i in range(len(text) + 1)] == [document.position(i) for i in range(len(text) + 1)]
        assert may_be_mostly_latin(text) == (sum(ch.isascii() and ch.isalpha() for ch in text) >= LATIN_MIN)


def test_a_text_without_traditional_characters_is_not_counted_for_simplified_ones(rules_by_id, monkeypatch):
    from linter.checks import convention

    scanned = []
    real = convention._charset_scan
    monkeypatch.setattr(convention, "_charset_scan", lambda text, charset: scanned.append(charset) or real(text, charset))
    rule = rules_by_id["consistency.quote-style"]
    assert set(convention.summarize(Document("他说：“这是我们的检察院。”"), rule)) == {"弯引号"}
    assert scanned == []  # one search for any traditional character (`script.holds_traditional`) found none
    assert convention.summarize(Document("記者說：「這屆藝術節規模最大。」"), rule) == {}
    assert scanned == ["traditional", "simplified"]


# A block: lines with something besides white space, one after another (a line's trailing \r is its own).
BLOCK = re.compile(r"^[^\n\S]*\S[^\n]*(?:\n[^\n\S]*\S[^\n]*)*", re.MULTILINE)


def plain_paragraphs(document: Document) -> list[tuple[int, int, int, str]]:
    """The paragraphs read block by block with one pattern, each block's lines split from its own text."""
    text, spans = document.text, []
    for m in BLOCK.finditer(text):
        start, end = m.span()
        block = m.group()
        if "\n" not in block:
            spans.append((start, end - (len(block) - len(block.rstrip("\r")))))
            continue
        lines = []
        for line in block.split("\n"):
            end = start + len(line)
            lines.append((start, end - (len(line) - len(line.rstrip("\r")))))
            start = end + 1
        spans.extend(document._split_block(lines))
    return [(s, e, i, text[s:e]) for i, (s, e) in enumerate(spans)]


@pytest.mark.parametrize("seed", [10, 11])
def test_paragraphs_from_the_lines_are_those_of_the_block_pattern(seed):
    rng = random.Random(seed)
    pieces = ["\n", "\n", "\r\n", "\r", " ", "\t", "\u3000", "\x1c", "\u2028", "文", "该院召开座谈会，", "会议由检察长主持。", "Beijing ", "一、", "，"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        document = Document(text)
        assert [tuple(p) for p in document.paragraphs] == plain_paragraphs(Document(text)), repr(text)
        assert document.line_starts == [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
