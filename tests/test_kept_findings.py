"""A run for a report that reads only each rule's first findings in a file (the text report's --max-per-rule)
keeps those and counts the rest: the report must be the one a run that kept everything gives."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEEDS, wenlint
from linter import runner
from linter.config import Config
from linter.document import Document
from linter.engine import lint_document, lint_set
from linter.report import ReportOptions, findings_read, formats, render, summary_line
from linter.results import decode_result, encode_result, pack_result, safe_loads
from linter.stream import FindingStream, QuotedLines, RunResult
from linter.filters import may_hide


def _seed_results(rules, keep_per_rule=None) -> list:
    return [lint_document(Document(p.read_text(encoding="utf-8"), p.name), rules, keep_per_rule) for p in sorted(SEEDS.glob("*.txt"))]


def _first_of_each_rule(findings, n: int) -> list:
    seen: Counter = Counter()
    kept = []
    for f in findings:
        seen[f.rule] += 1
        if seen[f.rule] <= n:
            kept.append(f)
    return kept


@pytest.mark.parametrize("n", [1, 2, 6])
def test_a_result_keeps_each_rules_first_findings_and_counts_the_rest(default_rules, n):
    trimmed = 0
    for whole, few in zip(_seed_results(default_rules), _seed_results(default_rules, n)):
        full, kept = pack_result(whole), pack_result(few)
        everything = list(full.findings)
        expected = _first_of_each_rule(everything, n)
        assert list(kept.findings) == expected  # fingerprints too: numbered among all the file's findings
        assert [f.fingerprint for f in kept.findings] == [f.fingerprint for f in expected]
        assert kept.count == len(expected)
        trimmed += kept.count < len(everything)
        assert kept.counted == {rule: total - n for rule, total in Counter(f.rule for f in everything).items() if total > n}
        assert kept.severities == full.severities
        assert kept.lines == {f.line: full.lines[f.line] for f in expected}
        back = decode_result(encode_result(kept), safe_loads)
        assert back.counted == kept.counted and list(back.findings) == expected
    assert trimmed


def test_a_result_with_few_findings_keeps_them_all(default_rules):
    document = Document("他说：“今天开会。\n", "a.txt")
    kept = lint_document(document, default_rules, keep_per_rule=6)
    assert kept.counted == {} and kept.findings == lint_document(document, default_rules).findings


def _run(results, rules) -> RunResult:
    stream = FindingStream([pack_result(r) for r in results], lint_set(results, rules))
    return RunResult(stream, [], [r.path for r in results], rules, QuotedLines(stream))


@pytest.mark.parametrize("options", [ReportOptions(), ReportOptions(max_per_rule=1), ReportOptions(max_per_rule=2, statistics=True),
                                     ReportOptions(color=True, max_per_rule=3)])
def test_the_text_report_of_kept_findings_is_that_of_all_findings(default_rules, options):
    results = _seed_results(default_rules)
    text = formats()["text"]
    read = findings_read(text, options)
    assert read == options.max_per_rule + 1
    full, kept = _run(results, default_rules), _run(_seed_results(default_rules, read), default_rules)
    assert len(kept.findings) < len(full.findings)  # the findings it yields; its tally counts them all
    assert kept.findings.tally() == full.findings.tally()
    assert render(text, kept, options) == render(text, full, options)
    assert summary_line(kept) == summary_line(full)


def test_only_the_text_report_with_a_limit_reads_fewer_findings():
    reporters = formats()
    assert findings_read(reporters["text"], ReportOptions()) == 6
    assert findings_read(reporters["text"], ReportOptions(max_per_rule=0)) is None
    assert findings_read(reporters["text"], ReportOptions(quiet=True)) is None
    assert all(findings_read(reporter, ReportOptions()) is None for name, reporter in reporters.items() if name != "text")


def test_filters_that_may_hide_findings_keep_every_finding(tmp_path):
    plain = Config(tmp_path)
    assert not may_hide(plain, [], None, [Path("a.txt"), "b.txt"])
    assert may_hide(plain, [], None, [Path("a.txt"), Path("b.md")])
    assert may_hide(plain, [], set(), [Path("a.txt")])
    assert may_hide(Config(tmp_path, per_path_ignores={"*.txt": ["punctuation"]}), [], None, [Path("a.txt")])


def _folder(tmp_path: Path) -> Path:
    """Two files where ascii-in-chinese fires many times a file (and other rules a few)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(2):
        lines = [f"第{i}份材料,第{n}段写道:今天,我们开会,讨论了三个问题。" for n in range(12)]
        (folder / f"d{i}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("args", [[], ["--max-per-rule", "1", "--statistics"], ["--jobs", "2"]])
def test_a_run_without_cache_reports_what_a_cached_run_reports(tmp_path, args):
    folder = _folder(tmp_path)
    kept = wenlint("check", "--no-cache", *args, str(folder), cwd=tmp_path)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = wenlint("check", *cache, *args, str(folder), cwd=tmp_path)
    again = wenlint("check", *cache, *args, str(folder), cwd=tmp_path)
    assert kept.returncode == full.returncode == again.returncode == 1
    assert kept.stdout == full.stdout == again.stdout
    assert "more [punctuation.ascii-in-chinese] in this file" in kept.stdout


def test_a_baseline_shows_the_next_findings_of_a_rule(tmp_path):
    """A baseline hides some of a rule's first findings: the run keeps every finding, so the report
    shows the next ones (a run keeping each rule's first few would have none to show)."""
    folder = _folder(tmp_path)
    everything = json.loads(wenlint("check", "--format", "json", "--no-cache", str(folder), cwd=tmp_path).stdout)["findings"]
    ascii_in_chinese = [f for f in everything if f["rule"] == "punctuation.ascii-in-chinese" and f["path"].endswith("d0.txt")]
    baseline = tmp_path / "baseline.json"
    wenlint("check", "--no-cache", "--write-baseline", str(baseline), str(folder), cwd=tmp_path)
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    hidden = {f["fingerprint"] for f in ascii_in_chinese[:7]}
    recorded["findings"] = [f for f in recorded["findings"] if f["fingerprint"] in hidden]
    baseline.write_text(json.dumps(recorded), encoding="utf-8")
    args = ["--max-per-rule", "2", "--select", "punctuation.ascii-in-chinese", "--baseline", str(baseline), str(folder)]
    shown = wenlint("check", "--no-cache", *args, cwd=tmp_path).stdout
    assert shown == wenlint("check", "--cache-dir", str(tmp_path / "cache"), *args, cwd=tmp_path).stdout
    first_shown = ascii_in_chinese[7]
    assert f"d0.txt:{first_shown['line']}:{first_shown['column']}: warning [punctuation.ascii-in-chinese]" in shown
    assert f"… {len(ascii_in_chinese) - 7 - 2} more [punctuation.ascii-in-chinese]" in shown


def test_a_run_counts_what_it_does_not_keep(tmp_path, default_rules):
    folder = _folder(tmp_path)
    files = sorted(folder.glob("*.txt"))
    full = runner.lint_files(files, default_rules)
    kept = runner.lint_files(files, default_rules, keep_per_rule=2)
    for whole, few in zip(full, kept):
        assert few.count < whole.count
        assert few.count + sum(few.counted.values()) == whole.count
        assert few.severities == whole.severities
    with_cache = runner.lint_files(files, default_rules, keep_per_rule=2, cache=runner.Cache(tmp_path / "cache", default_rules))
    assert [r.count for r in with_cache] == [r.count for r in full]  # a cache entry holds every finding


def test_markdown_comments_that_hide_a_rules_first_findings_show_the_next(tmp_path):
    folder = _folder(tmp_path)
    paragraphs = (folder / "d0.txt").read_text(encoding="utf-8").split("\n\n")
    hidden, shown_after = paragraphs[:6], paragraphs[6:]
    markdown = ["<!-- wenlint-disable punctuation -->", *hidden, "<!-- wenlint-enable -->", *shown_after]
    (folder / "d0.md").write_text("\n\n".join(markdown), encoding="utf-8")
    args = ["--max-per-rule", "2", str(folder)]
    shown = wenlint("check", "--no-cache", *args, cwd=tmp_path).stdout
    assert shown == wenlint("check", "--cache-dir", str(tmp_path / "cache"), *args, cwd=tmp_path).stdout
    first = next(line for line in shown.splitlines() if line.startswith(str(folder / "d0.md")) and "ascii-in-chinese" in line)
    assert "第6段" in shown.split(first, 1)[1].splitlines()[2]


def test_a_rule_that_hands_over_its_spans_builds_only_the_findings_kept(monkeypatch, default_rules):
    from linter import findings as findings_module

    built: list[int] = []
    build = findings_module.build_findings
    monkeypatch.setattr(findings_module, "build_findings", lambda d, r, s, *rest: built.append(len(s)) or build(d, r, s, *rest))
    rules = [r for r in default_rules if r.id == "punctuation.ascii-in-chinese"]
    document = Document("今天,我们开会,讨论了问题。\n" * 40, "a.txt")
    everything = lint_document(document, rules).findings
    assert len(everything) == 80 and sum(built) == 80
    built.clear()
    kept = lint_document(document, rules, keep_per_rule=3)
    assert built == [3] and kept.counted == {"punctuation.ascii-in-chinese": 77}
    assert list(kept.findings) == list(everything)[:3] and kept.severities == {"error": 0, "warning": 80, "info": 0}
