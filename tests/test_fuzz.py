"""Property-based: on any text, random or cut from real sentences, no rule raises, and every finding points
at what it quotes; a rule that does raise is one error line and the other rules' findings stay."""

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.checks.api import kind_of
from linter.document import Document
from linter.engine import lint_document, lint_set, rule_may_run
from linter.errors import InternalError
from linter.fix import FixOptions, fix_document
from linter.rules import default_rules_dir, load_rules

RULES = [r for r in load_rules([default_rules_dir()]) if not r.set_level]
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


# Real sentences: the shared corpus of edited news text (outside the project), read into memory only,
# then shuffled, cut at random places and spliced with odd line endings and stray marks.
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cctv-news"
ALL_RULES = load_rules([default_rules_dir()])


def real_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            sentences += [s for s in re.split(r"(?<=[。！？；])", paragraph) if s]
    return sentences


REAL = real_sentences() if CORPUS.is_dir() else []
CUT = st.tuples(st.sampled_from(REAL or [""]), st.integers(0, 80), st.integers(0, 200)).map(lambda t: t[0][t[1] : t[1] + t[2]])
SPLICED = st.lists(st.one_of(CUT, CUT, CUT, LINE_ENDINGS, FRAGMENTS, ODD), min_size=1, max_size=30).map("".join)
REAL_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.skipif(not REAL, reason=f"the shared real corpus is not here ({CORPUS})")
@REAL_SETTINGS
@given(st.lists(SPLICED, min_size=1, max_size=3))
def test_every_rule_takes_real_sentences_cut_and_spliced(texts):
    documents = [Document(text, f"real{i}.txt") for i, text in enumerate(texts)]
    results = [lint_document(d, ALL_RULES) for d in documents]
    assert [p for r in results for p in r.problems] == []
    for document, result in zip(documents, results):
        check_positions(document, result.findings)
    lint_set(results, ALL_RULES)


@pytest.mark.skipif(not REAL, reason=f"the shared real corpus is not here ({CORPUS})")
def test_every_rule_takes_the_real_sentences_shuffled_into_one_document():
    shuffled = REAL[:]
    random.Random(14).shuffle(shuffled)
    text = "\n".join("".join(shuffled[i : i + 7]) for i in range(0, min(len(shuffled), 7000), 7))
    result = lint_document(Document(text, "shuffled.txt"), ALL_RULES)
    assert result.problems == []


def _failing_check(document, rule):
    raise RuntimeError("boom\non two lines")


def test_a_rule_that_raises_is_one_internal_error_and_the_other_rules_findings_stay(monkeypatch):
    from linter.checks import kinds

    monkeypatch.setattr(kinds()["pairs"], "check", _failing_check)
    text = "他说：“我们要加强培训培训工作。\n"
    result = lint_document(Document(text, "broken.txt"), RULES)
    assert {f.rule for f in result.findings} >= {"duplication.word"}
    failed = {p.rule_id for p in result.problems}
    assert failed == {r.id for r in RULES if kind_of(r) is kinds()["pairs"] and rule_may_run(r, text)}
    assert all(isinstance(p, InternalError) for p in result.problems)
    line = str(result.problems[0])
    assert line.startswith(f"internal error in rule {result.problems[0].rule_id} on broken.txt: RuntimeError: boom on two lines (")
    assert "\n" not in line


def test_the_cli_reports_a_failing_rule_on_one_line_exits_2_and_keeps_the_file_checked(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from linter.checks import kinds
    from linter.cli import main

    pairs = kinds()["pairs"]
    original = pairs.check
    monkeypatch.setattr(pairs, "check", lambda d, r: _failing_check(d, r) if d.path == "a.txt" else original(d, r))
    (tmp_path / "a.txt").write_text("他说：“我们要加强培训培训工作。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("今天天气很好。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "a.txt", "b.txt", "--format", "json", "--jobs", "1", "--no-cache"])
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert errors and all(line.startswith("wenlint: error: internal error in rule quotes.") and " on a.txt: RuntimeError: boom on two lines (" in line
                          for line in errors)
    summary = json.loads(result.stdout)["summary"]
    assert summary["files_checked"] == 2 and summary["unreadable"] == []
    assert {f["rule"] for f in summary["rule_failures"]} == {line.split()[6] for line in errors}
    assert "duplication.word" in {f["rule"] for f in json.loads(result.stdout)["findings"]}
    text = CliRunner().invoke(main, ["check", "a.txt", "b.txt", "--jobs", "1", "--no-cache"])
    assert "could not be read" not in text.stdout and "rule failure" in text.stdout.splitlines()[-1]
