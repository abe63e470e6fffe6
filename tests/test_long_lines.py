"""A document of one long line is read in pieces, never copied whole, and says what a document of short lines says."""

from __future__ import annotations

import random

from linter.checks import script

SIMPLIFIED = "检察机关积极推进常规培训，全市共办理案件一千余件。"
TRADITIONAL = "檢察機關積極推進常規培訓，全市共辦理案件一千餘件；這是乾隆年間的說法。"


def test_pieces_of_a_long_line_cover_every_changed_character_and_cut_after_a_mark(monkeypatch):
    """With pieces of a few characters, the offsets are those of a full scan and each piece ends at a line end,
    after a cut mark, or (no mark near) at the piece's length."""
    monkeypatch.setattr(script, "BATCH", 16)
    rng = random.Random(16)
    alphabet = "這是中文乾隆於說與𠮷a。，、 \n\u3000" + "檢察機關"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        pieces = list(script.changed_lines("t2s", text, "乾於"))
        offsets = [i for _, _, found in pieces for i in found]
        full = sorted([m.start() for m in script.changed_pattern("t2s", "乾於").finditer(text)]
                      + [m.start() for m in script._astral_han().finditer(text) if script.changed_char("t2s", m.group())])
        assert offsets == full, text
        for start, end, found in pieces:
            assert all(start <= i < end for i in found)
            assert "\n" not in text[start:end]
            cut = end == len(text) or text[end] == "\n" or text[end - 1] in "".join(script._CUT_MARKS)
            assert cut or end - start >= 16, (text, start, end)


def test_a_long_line_converts_as_its_sentences_do(monkeypatch):
    """The traditional characters and their simplified forms of a line cut into pieces are those of the same
    sentences on lines of their own."""
    line = (TRADITIONAL + SIMPLIFIED * 3) * 400
    monkeypatch.setattr(script, "BATCH", 1 << 30)
    whole = script.analyse(line.replace("。", "。\n").replace("；", "；\n"), "乾於", ())
    monkeypatch.setattr(script, "BATCH", 300)
    pieces = script.analyse(line, "乾於", ())
    assert len(pieces.offsets) == len(whole.offsets) == 400 * 13
    assert pieces.simplified == whole.simplified


def test_opencc_reads_a_long_line_a_batch_at_a_time(monkeypatch):
    """The longest text given to OpenCC stays within two batches whatever the line's length (counted in characters)."""
    monkeypatch.setattr(script, "BATCH", 1000)
    longest = []
    real = script.convert
    monkeypatch.setattr(script, "convert", lambda config, text: (longest.append(len(text)), real(config, text))[1])
    line = (TRADITIONAL + SIMPLIFIED * 5) * 2000
    analysis = script.analyse(line, "乾於", ())
    assert len(analysis.offsets) == 2000 * 13
    assert len(line) > 300_000 and max(longest) <= 2 * 1000


def test_a_paragraphs_marks_take_a_few_bytes_each():
    """The marks of a long paragraph are an array of offsets and a string, not a tuple and a string per mark;
    they read as the (offset, character) pairs a search finds."""
    import tracemalloc

    from linter.checks import pairs
    from linter.checks.api import compile_options
    from linter.document import Document

    config = compile_options(pairs, {"pairs": ["“”", "（）", "《》"], "report": ["unclosed"]})
    document = Document("据“悉”，市（检察）机关以《打造》实践基地为牵引。" * 5000)
    paragraph = document.paragraphs[0]
    tracemalloc.start()
    marks = pairs.paragraph_marks(paragraph, config)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert list(marks) == [(m.start(), m.group()) for m in config.marks.finditer(paragraph.text)]
    assert len(marks) == 30_000 and marks[1] == (3, "”")
    assert held < 12 * len(marks) + 4096


def test_a_span_of_a_whole_long_line_is_shown_up_to_a_bound():
    """A finding can cover a line of millions of characters (a run of one character): its excerpt, carets
    and fix description stay a few hundred characters, ending in "…"; a short span is shown whole."""
    from linter.findings import Fix
    from linter.report.text import SPAN_CELLS, describe_fix, render_excerpt

    line = "长" * 1_000_000
    shown, carets = render_excerpt(line, 0, len(line))
    assert shown == "长" * (SPAN_CELLS // 2) + "…"
    assert carets == "^" * SPAN_CELLS
    assert describe_fix(Fix(0, len(line), "长", safe=False, original=line)) == f"replace `{'长' * 39}…` with `长`"
    assert render_excerpt("他说今天开会开会。", 4, 8) == ("他说今天开会开会。", " " * 8 + "^" * 8)
