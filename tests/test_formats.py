"""Every output format on seeds/, validated against the consumer's schema where one exists."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import xmlschema

FOUNDATION = ("--select", "quotes,duplication")  # the counts below are of these rules

from conftest import wenlint
from linter.stream import RunResult
from linter.findings import Finding, Location
from linter.report import ReportOptions, formats, render
from linter.report.github import escape_data, escape_property

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SEEDS_UNCLOSED = ("quotes.unclosed", "seeds/004_a6d7a54a70ca9500.txt", 1, 153)


@pytest.fixture(scope="module")
def seeds_json():
    return json.loads(wenlint("check", "seeds/", *FOUNDATION, "--format", "json").stdout)


def seed_report(fmt: str) -> str:
    proc = wenlint("check", "seeds/", *FOUNDATION, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


def test_every_format_is_available():
    assert {"text", "json", "jsonl", "sarif", "junit", "github", "gitlab", "html"} <= set(formats())


def test_jsonl_is_one_finding_per_line_like_json(seeds_json):
    lines = seed_report("jsonl").splitlines()
    assert [json.loads(line) for line in lines] == seeds_json["findings"]


def test_sarif_is_valid_against_the_official_schema(seeds_json):
    log = json.loads(seed_report("sarif"))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(seeds_json["findings"])
    ran = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {"quotes.unclosed", "duplication.word", "quotes.cross-paragraph"} <= ran
    unclosed = next(r for r in run["results"] if r["ruleId"] == "quotes.unclosed")
    location = unclosed["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == SEEDS_UNCLOSED[1]
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == SEEDS_UNCLOSED[2:]
    assert unclosed["level"] == "error"
    expected = next(f["fingerprint"] for f in seeds_json["findings"] if f["rule"] == "quotes.unclosed")
    assert unclosed["partialFingerprints"] == {"wenlint/v1": expected}
    descriptor = run["tool"]["driver"]["rules"][unclosed["ruleIndex"]]
    assert descriptor["id"] == "quotes.unclosed"
    assert descriptor["defaultConfiguration"]["level"] == "error"
    assert descriptor["shortDescription"]["text"] and descriptor["help"]["text"]


def test_sarif_related_locations_and_fixes():
    log = json.loads(seed_report("sarif"))
    results = log["runs"][0]["results"]
    crossing = next(r for r in results if r["ruleId"] == "quotes.cross-paragraph")
    related = crossing["relatedLocations"][0]["physicalLocation"]["region"]
    assert (related["startLine"], related["startColumn"]) == (33, 4)
    nested = next(r for r in results if r["ruleId"] == "quotes.nested-same-level")
    replacement = nested["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "“厚植‘底色’提升‘成色’增添‘亮色’”"
    assert replacement["deletedRegion"] == {"startLine": 11, "startColumn": 177, "endLine": 11, "endColumn": 197}


def test_sarif_schema_is_not_vacuous():
    log = json.loads(seed_report("sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)


def test_junit_is_valid_against_the_jenkins_schema(tmp_path):
    report = seed_report("junit")
    xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd")).validate(report)
    root = ET.fromstring(report)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert len(suites) == 5
    clean = suites["seeds/003_68c41b3dac8a2b97.txt"]
    assert [c.get("name") for c in clean.iter("testcase")] == ["no findings"]
    assert clean.get("failures") == "0"
    dirty = suites["seeds/004_a6d7a54a70ca9500.txt"]
    names = [c.get("name") for c in dirty.iter("testcase")]
    assert names == ["quotes.unclosed 1:153", "duplication.word 6:256"]
    assert dirty.get("failures") == "2" and root.get("failures") == "9"


def test_junit_findings_below_fail_on_pass():
    proc = wenlint("check", "seeds/", *FOUNDATION, "--format", "junit", "--fail-on", "error")
    root = ET.fromstring(proc.stdout)
    assert root.get("failures") == "5"
    passing_with_output = [c for c in root.iter("testcase") if c.find("system-out") is not None]
    assert len(passing_with_output) == 4


def test_github_workflow_commands():
    lines = seed_report("github").splitlines()
    assert len(lines) == 9
    assert lines[-2] == (
        "::error file=seeds/004_a6d7a54a70ca9500.txt,line=1,col=153,endLine=1,endColumn=154,"
        "title=wenlint quotes.unclosed::“ 未闭合：从这里到段落结束没有对应的 ”"
    )
    assert lines[-1].startswith("::warning file=seeds/004_a6d7a54a70ca9500.txt,line=6,col=256,")


def test_github_escaping():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    location = Location("dir,1/a:b.txt", 2, 3, 2, 4)
    finding = Finding("quotes.unclosed", "info", "第一行\n50%", location, fingerprint="x")
    result = RunResult(findings=[finding], errors=[], files=["dir,1/a:b.txt"], rules=[])
    out = render(formats()["github"], result, ReportOptions())
    assert out == "::notice file=dir%2C1/a%3Ab.txt,line=2,col=3,endLine=2,endColumn=4,title=wenlint quotes.unclosed::第一行%0A50%25\n"


def test_gitlab_code_quality(seeds_json):
    issues = json.loads(seed_report("gitlab"))
    assert len(issues) == 9
    assert len({i["fingerprint"] for i in issues}) == 9
    unclosed = next(i for i in issues if i["check_name"] == "quotes.unclosed")
    assert unclosed["severity"] == "major"
    assert unclosed["location"] == {"path": SEEDS_UNCLOSED[1], "lines": {"begin": 1, "end": 1}}
    assert "未闭合" in unclosed["description"]
    assert {i["severity"] for i in issues} == {"major", "minor"}


def test_gitlab_fingerprints_stay_unique_for_equal_findings():
    location = Location("a.txt", 1, 1, 1, 2)
    twins = [Finding("duplication.word", "warning", "m", location, fingerprint="same") for _ in range(3)]
    result = RunResult(findings=twins, errors=[], files=["a.txt"], rules=[])
    issues = json.loads(render(formats()["gitlab"], result, ReportOptions()))
    assert [i["fingerprint"] for i in issues] == ["same", "same-2", "same-3"]


def test_fix_in_sarif_is_marked_safe_or_not():
    log = json.loads(seed_report("sarif"))
    phrase = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "duplication.phrase")
    assert phrase["properties"] == {"fixSafe": False}


def test_unreadable_file_in_sarif_and_junit(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00abc")
    (tmp_path / "ok.txt").write_text("他说：“今天开会。”\n", encoding="utf-8")
    sarif = wenlint("check", str(tmp_path), "--format", "sarif")
    assert sarif.returncode == 2
    invocation = json.loads(sarif.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "binary file" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    junit = wenlint("check", str(tmp_path), "--format", "junit")
    xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd")).validate(junit.stdout)
    assert ET.fromstring(junit.stdout).get("errors") == "1"

