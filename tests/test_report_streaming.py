"""The streamed reports (json, gitlab, sarif, junit) written piece by piece must equal the whole
document built at once (json.dumps of the full structure, the whole ElementTree), on invented
findings with awkward text, through a FindingStream and through a plain list."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from xml.etree import ElementTree as ET

from linter.document import Document
from linter.engine import lint_document, lint_set
from linter.results import pack_result
from linter.stream import FindingStream, RunResult
from linter.errors import InputError
from linter.findings import Finding, Fix, Location
from linter.report import ReportOptions, json_array_lines, render
from linter.report import gitlab, json as json_report, junit, sarif

AWKWARD = ["", "a", "<&>\"'", "第一行\n第二行", "\t\r", "\ud800孤", "]]>", "，,", "%:,"]


def _findings(seed: int) -> list[Finding]:
    rng = random.Random(seed)
    found = []
    for i in range(rng.randint(0, 30)):
        path = rng.choice(["a.txt", "b/c.txt", "d <&>.txt", "e\"f.txt"])
        message = rng.choice(AWKWARD) + rng.choice(AWKWARD)
        related = (Location("other.txt", 3, 4, 3, 5, rng.choice(AWKWARD)),) if i % 3 == 0 else ()
        fix = Fix(i, i + 2, rng.choice(AWKWARD), i % 2 == 0, i + 1, 2, i + 1, 4, ",,") if i % 4 == 0 else None
        found.append(Finding(rule=rng.choice(["quotes.unclosed", "punctuation.width", "x.y"]),
                             severity=rng.choice(["error", "warning", "info"]), message=message,
                             location=Location(path, i + 1, 2, i + 1, 5), start=i, end=i + 2,
                             text=rng.choice(AWKWARD), fix=fix, related=related, fingerprint=f"fp{i % 7}"))
    found.sort(key=Finding.sort_key)
    return found


def _result(seed: int, rules) -> RunResult:
    rng = random.Random(seed)
    files = rng.sample(["a.txt", "b/c.txt", "d <&>.txt", "clean.txt", "gone & <lost>.txt"], rng.randint(0, 5))
    errors = [InputError(p, "cannot read <&> \"it\"\nat all") for p in files if p.startswith("gone")]
    return RunResult(_findings(seed), errors, files, rules)


def _whole_junit(result, options: ReportOptions) -> str:
    """The tree built whole, indented and serialised at once: what junit streams piece by piece."""
    by_path: dict[str, list] = {path: [] for path in result.files}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    errors = {e.path: e for e in result.errors}
    root = ET.Element("testsuites", name="wenlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, findings in by_path.items():
        suite = junit._file_suite(path, findings, errors.get(path), options.fail_on)
        for key in totals:
            totals[key] += int(suite.get(key))
        root.append(suite)
    if not by_path:
        root.append(junit._no_documents())
        totals["tests"] = 1
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def test_json_array_lines_is_json_dumps_of_the_array():
    for n in range(4):
        items = [{"n": i, "text": AWKWARD[i % len(AWKWARD)]} for i in range(n)]
        elements = ("  " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ") for item in items)
        assert "\n".join(json_array_lines(elements, "[", "]", "[]")) == json.dumps(items, ensure_ascii=False, indent=2)


def test_streamed_reports_equal_the_whole_document(default_rules):
    rules = [r for r in default_rules if r.id.startswith("quotes.")]
    for seed in range(25):
        result = _result(seed, rules)
        for fail_on in ("error", "warning", "info", "never"):
            options = ReportOptions(fail_on=fail_on)
            assert render(junit, result, options) == _whole_junit(result, options), (seed, fail_on)
        findings = list(result.findings)
        expected_json = {"findings": [json_report.finding_dict(f) for f in findings], "summary": json_report.summary_dict(result)}
        assert render(json_report, result, ReportOptions()) == json.dumps(expected_json, ensure_ascii=False, indent=2) + "\n"
        issues = list(gitlab._issues(findings))
        assert render(gitlab, result, ReportOptions()) == json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
        log = json.loads(render(sarif, result, ReportOptions()))
        assert log["runs"][0]["results"] == json.loads(json.dumps([sarif.result_object(f, {r.id: i for i, r in enumerate(
            sorted(rules, key=lambda r: r.id))}) for f in findings], ensure_ascii=False))
        assert render(sarif, result, ReportOptions()) == json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def test_junit_from_a_stream_equals_junit_from_a_list(default_rules):
    texts = ["他说：“今天开会。\n甲,乙", "（一）这个这个\n“清风问候”与“清风 问候”", "1,000元 ABC “", ""]
    paths = ["z.txt", "a.txt", "m/b.txt", "empty.txt"]
    results = [lint_document(Document(t, p), default_rules) for t, p in zip(texts, paths)]
    stream = FindingStream([pack_result(r) for r in results], lint_set(results, default_rules))
    streamed = RunResult(stream, [InputError("gone.txt", "no such file")], paths + ["gone.txt"], default_rules)
    listed = replace(streamed, findings=list(stream))
    for fail_on in ("error", "info"):
        options = ReportOptions(fail_on=fail_on)
        assert render(junit, streamed, options) == render(junit, listed, options) == _whole_junit(listed, options)
