"""The text report: carets aligned by display width, invisible characters shown, grouping."""

from linter.stream import RunResult
from linter.findings import Location, Finding
from linter.report import ReportOptions, render as render_report
from linter.report import text
from linter.report.text import render_excerpt


def test_carets_align_under_wide_characters():
    line, carets = render_excerpt("中文ab培训培训。", 4, 8)
    assert line == "中文ab培训培训。"
    assert carets == " " * 6 + "^" * 8


def test_invisible_characters_are_drawn():
    line, carets = render_excerpt("甲\u200b乙", 1, 2)
    assert line == "甲⟨U+200B⟩乙"
    assert carets == "  " + "^" * len("⟨U+200B⟩")


def test_long_lines_are_clipped_around_the_span():
    text = "前" * 100 + "培训培训" + "后" * 100
    line, carets = render_excerpt(text, 100, 104)
    assert line.startswith("…") and line.endswith("…")
    assert line[carets.index("^") // 2 + 1 :].startswith("培训培训") or "培训培训" in line


def render(result, options):
    return render_report(text, result, options)


def _finding(n: int) -> Finding:
    return Finding("punctuation.demo", "warning", "半角逗号", Location("a.txt", n, 1, n, 2), text=",")


def test_repeated_findings_of_one_rule_are_grouped():
    result = RunResult([_finding(n) for n in range(1, 13)], [], ["a.txt"], [], {"a.txt": {n: "," for n in range(1, 13)}})
    out = render(result, ReportOptions(max_per_rule=3))
    assert out.count("[punctuation.demo] 半角逗号") == 3
    assert "a.txt: … 9 more [punctuation.demo] in this file (--max-per-rule 0 shows all)" in out
    assert render(result, ReportOptions(max_per_rule=0)).count("[punctuation.demo] 半角逗号") == 12


def test_summary_line():
    result = RunResult([_finding(1)], [], ["a.txt", "b.txt"], [])
    assert render(result, ReportOptions()).splitlines()[-1] == "1 finding (1 warning) in 1 file; 2 files checked"
    assert render(result, ReportOptions(quiet=True)) == "a.txt:1:1: warning [punctuation.demo] 半角逗号\n"


def test_a_line_no_finding_quotes_is_decoded_by_the_run_with_its_encoding(tmp_path, monkeypatch, default_rules):
    from linter.runner import run
    from linter.report import source_line

    monkeypatch.chdir(tmp_path)
    (tmp_path / "gb.txt").write_bytes("他说：“今天开会。\n第二行写的是汉字。\n".encode("gb18030"))
    result = run(["gb.txt"], default_rules, encoding="gb18030")
    quoted = result.lines.get("gb.txt", {})
    assert 2 not in quoted
    assert source_line(result, "gb.txt", 2, quoted, {}) == "第二行写的是汉字。"
