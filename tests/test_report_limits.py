"""CI reports within their consumers' limits (`--max-results`, linter/report/cut.py)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from conftest import SEEDS, wenlint
from linter.cli import write_report
from linter.runner import run
from linter.stream import RunResult
from linter.findings import Finding, Location
from linter.report import ReportOptions, formats, render
from linter.report.cut import apply, plan

SCHEMAS = Path(__file__).resolve().parent / "schemas"
GITHUB_RESULTS_PER_RUN = 25_000


def finding(rule: str, severity: str, path: str, line: int) -> Finding:
    return Finding(rule, severity, f"消息{line}", Location(path, line, 1, line, 2), fingerprint=f"{rule}{path}{line}")


def synthetic() -> list[Finding]:
    """Two files: 30 info and 3 warning findings of two frequent rules, 2 errors, in report order."""
    found = []
    for path in ("a.txt", "b.txt"):
        found += [finding("punctuation.ascii-in-chinese", "info", path, n) for n in range(1, 16)]
        found += [finding("layout.broken-paragraph", "warning", path, n) for n in range(20, 23 if path == "a.txt" else 20)]
        found += [finding("quotes.unclosed", "error", path, 30)]
    return found


def test_nothing_is_cut_within_the_limit():
    findings = synthetic()
    assert plan(findings, len(findings)) is None
    assert plan(findings, 0) is None
    assert list(apply(findings, None)) == findings


def test_the_cheapest_rule_to_group_is_grouped_first():
    findings = synthetic()  # 35 findings
    cut = plan(findings, 10)
    assert cut.grouped == ["punctuation.ascii-in-chinese"]  # info, and saves most: 30 findings become 2 results
    assert (cut.results, cut.omitted) == (7, 0)
    shown = list(apply(findings, cut))
    assert Counter(f.rule for f in shown) == {"punctuation.ascii-in-chinese": 2, "layout.broken-paragraph": 3, "quotes.unclosed": 2}
    first = shown[0]
    assert (first.path, first.line) == ("a.txt", 1)
    assert first.message == "消息1（本文件中此规则共 15 处，这里是第一处）"
    assert first.fingerprint.startswith("per-file:") and first.fingerprint != shown[5].fingerprint


def test_severities_are_kept_from_error_down_when_grouping_is_not_enough():
    findings = synthetic()
    cut = plan(findings, 4)
    assert cut.grouped == ["punctuation.ascii-in-chinese", "layout.broken-paragraph"]
    assert cut.kept == {"error": 2, "warning": 1, "info": 1} and cut.omitted == 1
    shown = list(apply(findings, cut))
    assert [(f.rule, f.path, f.line) for f in shown] == [
        ("punctuation.ascii-in-chinese", "a.txt", 1), ("layout.broken-paragraph", "a.txt", 20),
        ("quotes.unclosed", "a.txt", 30), ("quotes.unclosed", "b.txt", 30)]
    assert "; 1 result left out (kept: 2 error, 1 warning, 1 info)" in cut.note() and "--max-results 0" in cut.note()


@pytest.mark.parametrize("fmt", ["gitlab", "github"])
def test_gitlab_and_github_keep_to_max_results(fmt):
    result = RunResult(findings=synthetic(), errors=[], files=["a.txt", "b.txt"], rules=[])
    everything = render(formats()[fmt], result, ReportOptions())
    cut = render(formats()[fmt], result, ReportOptions(max_results=10))
    count = (lambda text: len(json.loads(text))) if fmt == "gitlab" else (lambda text: len(text.splitlines()))
    assert (count(everything), count(cut)) == (35, 7)


@pytest.fixture(scope="module")
def seed_copies(default_rules) -> RunResult:
    """The findings of the seeds as if each seed had been copied 400 times: 2,000 documents,
    linted once (the copies' findings are the originals' under the copies' paths)."""
    once = run([str(SEEDS)], default_rules)
    findings = [f.with_(location=Location(f"copies/{n:03d}/{Path(f.path).name}", *f.location[1:]))
                for n in range(400) for f in once.findings]
    files = [f"copies/{n:03d}/{Path(p).name}" for n in range(400) for p in once.files]
    return RunResult(findings=sorted(findings, key=Finding.sort_key), errors=[], files=files, rules=once.rules)


def test_sarif_of_2000_seed_copies_stays_within_githubs_limit(seed_copies, tmp_path):
    out = tmp_path / "copies.sarif"
    write_report(formats()["sarif"], seed_copies, ReportOptions(), str(out))
    log = json.loads(out.read_text(encoding="utf-8"))
    run_ = log["runs"][0]
    results = run_["results"]
    assert len(results) <= GITHUB_RESULTS_PER_RUN
    stated = run_["properties"]["wenlint"]
    assert stated["maxResults"] == GITHUB_RESULTS_PER_RUN and stated["findings"] == len(seed_copies.findings) > 100_000
    assert stated["results"] == len(results) and "punctuation.ascii-in-chinese" in stated["groupedPerFile"]
    assert stated["omitted"] == 0  # every file keeps a result for every rule it breaks
    pairs = {(f.rule, f.path) for f in seed_copies.findings}
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results} == pairs
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate({**log, "runs": [{**run_, "results": results[:200]}]})


def test_the_cut_is_stated_on_the_command_line(tmp_path):
    for n in range(6):
        shutil.copyfile(SEEDS / "004_a6d7a54a70ca9500.txt", tmp_path / f"{n}.txt")
    proc = wenlint("check", str(tmp_path), "--select", "punctuation,quotes", "--format", "sarif", "--max-results", "40",
                   "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    stated = log["runs"][0]["properties"]["wenlint"]
    assert len(log["runs"][0]["results"]) == stated["results"] <= 40
    assert proc.stderr == f"wenlint: {stated['summary']}\n"
    assert stated["summary"].startswith(f"{stated['findings']} findings reported as {stated['results']} results (--max-results 40)")
    every = wenlint("check", str(tmp_path), "--select", "punctuation,quotes", "--format", "sarif", "--max-results", "0",
                    "--fail-on", "never")
    assert len(json.loads(every.stdout)["runs"][0]["results"]) == stated["findings"] and every.stderr == ""


def test_a_rule_of_several_severities_is_counted_by_each():
    mixed = [finding("typo.traditional", "info" if n == 1 else "warning", "a.txt", n) for n in range(1, 6)]
    mixed += [finding("typo.traditional", "warning", "b.txt", n) for n in range(1, 4)]
    cut = plan(mixed, 2)
    assert cut.grouped == ["typo.traditional"]
    assert cut.kept == {"error": 0, "warning": 1, "info": 1} and cut.omitted == 0
    assert [(f.path, f.severity, f.message) for f in apply(mixed, cut)] == [
        ("a.txt", "info", "消息1（本文件中此规则共 5 处，这里是第一处）"), ("b.txt", "warning", "消息1（本文件中此规则共 3 处，这里是第一处）")]
