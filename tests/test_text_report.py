"""The text reporter's --quiet and --statistics, and the progress bar's rules."""

from __future__ import annotations

import io

from conftest import wenlint
from linter.progress import MIN_FILES, ProgressBar, progress_for


def test_quiet_prints_every_finding_on_one_line_and_nothing_else(tmp_path):
    (tmp_path / "a.txt").write_text("的的。\n" + "".join(f"第{i}行的的。\n" for i in range(7)), encoding="utf-8")
    proc = wenlint("check", "a.txt", "--select", "duplication", "--quiet", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert len(lines) == 8
    assert lines[0] == "a.txt:1:1: warning [duplication.char] “的”连写了两遍"
    assert all(line.startswith("a.txt:") and "[duplication.char]" in line for line in lines)
    assert proc.returncode == 1


def test_default_text_caps_a_rule_per_file_and_summarises(tmp_path):
    (tmp_path / "a.txt").write_text("".join(f"第{i}行的的。\n" for i in range(7)), encoding="utf-8")
    proc = wenlint("check", "a.txt", "--select", "duplication", cwd=tmp_path)
    assert "a.txt: … 2 more [duplication.char] in this file (--max-per-rule 0 shows all)" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "7 findings (7 warnings) in 1 file; 1 file checked"


def test_statistics_counts_per_rule():
    proc = wenlint("check", "seeds/", "--select", "quotes,duplication", "--statistics", "--quiet")
    stats = [line.split() for line in proc.stdout.splitlines() if not line.startswith("seeds/") and line.strip()]
    assert stats == [
        ["3", "quotes.cross-paragraph", "error"],
        ["2", "duplication.word", "warning"],
        ["1", "duplication.phrase", "warning"],
        ["1", "quotes.nested-same-level", "warning"],
        ["1", "quotes.stray-closer", "error"],
        ["1", "quotes.unclosed", "error"],
    ]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_for_long_runs_of_human_formats():
    assert progress_for(MIN_FILES + 1, machine_format=False, stream=FakeTerminal()) is not None
    assert progress_for(MIN_FILES, machine_format=False, stream=FakeTerminal()) is None
    assert progress_for(5000, machine_format=True, stream=FakeTerminal()) is None
    assert progress_for(5000, machine_format=False, stream=io.StringIO()) is None


def test_progress_bar_draws_and_clears():
    stream = FakeTerminal()
    bar = ProgressBar(stream)
    for done in range(1, 401):
        bar(done, 400)
    out = stream.getvalue()
    assert "] 200/400 files" in out
    assert out.count("\r[") == 101
    assert out.endswith("\r")
