"""Property-based: on any text the engine does not raise, and every finding points at what it quotes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.document import Document
from linter.engine import lint_document
from linter.fix import FixOptions, fix_document
from linter.rules import default_rules_dir, load_rules

RULES = [r for r in load_rules([default_rules_dir()], verify=False) if not r.set_level]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that make rules fire, so the text is not only noise.
FRAGMENTS = st.sampled_from(
    ["“", "”", "‘", "’", "《", "》", "（", "）", "(", ")", "「", "」", "。", "，", "、", "！", "？", "…",
     "培训", "培训培训", "的的", "有战斗力、有战斗力", "他说：", "该院召开了座谈会。", "1)", "O’Brien"]
)
LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"])
ODD = st.sampled_from(["\U00020000", "\U0001F600", "e\u0301", "\u0301", "\u200b", "\ufeff", "\ufffd", "\x00", "\u2028", "\t"])
# Lone surrogates as `bytes.decode(errors="surrogateescape")` produces them.
ESCAPED = st.binary(min_size=1, max_size=4).map(lambda b: b.decode("utf-8", errors="surrogateescape"))
TEXTS = st.lists(
    st.one_of(st.text(max_size=8), st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40), FRAGMENTS, LINE_ENDINGS, ODD, ESCAPED),
    max_size=40,
).map("".join)


def check_positions(document: Document, findings) -> int:
    for f in findings:
        assert 0 <= f.start <= f.end <= len(document.text), f
        assert document.text[f.start : f.end] == f.text, f
        assert (f.line, f.column) == document.position(f.start)
        assert (f.end_line, f.end_column) == document.position(f.end)
        line_start = document.line_starts[f.line - 1]
        assert f.start - line_start == f.column - 1
        assert 1 <= f.line <= document.line_count
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(document.text)
            assert (f.fix.line, f.fix.column) == document.position(f.fix.start)
    return len(findings)


@SETTINGS
@given(TEXTS)
def test_engine_never_raises_and_positions_point_at_the_quoted_text(text):
    document = Document(text, "fuzz.txt")
    result = lint_document(document, RULES)
    assert result.problems == []
    check_positions(document, result.findings)


@SETTINGS
@given(TEXTS)
def test_fixing_random_text_converges_and_is_idempotent(text):
    fixed, report = fix_document(Document(text, "fuzz.txt"), RULES, FixOptions(unsafe=True))
    assert report.converged
    again, second = fix_document(fixed, RULES, FixOptions(unsafe=True))
    assert second.applied == [] and again.text == fixed.text
