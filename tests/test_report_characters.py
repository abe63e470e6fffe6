"""Every format stays readable by its consumer whatever characters a document, a path or a message holds:
each C0 control, lone surrogates (a file name's undecodable bytes), U+FFFE and U+FFFF."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import xmlschema

from linter.cli import write_report
from linter.runner import run
from linter.stream import RunResult
from linter.findings import Finding, Location
from linter.report import ReportOptions, formats
from linter.report.junit import xml_text

SCHEMAS = Path(__file__).resolve().parent / "schemas"
C0 = [chr(c) for c in range(0x20)] + ["\x7f"]
HOSTILE = "".join(C0) + "\ud800-\udcff-\udfff\ufffe\uffff"  # apart: JSON joins a high and a low surrogate into a pair
WORKFLOW_COMMAND = re.compile(r"::(error|warning|notice) file=[^\n\r:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^\n\r:]*::[^\n\r]*")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, default_rules) -> RunResult:
    """A real run over a document with every C0 control but NUL (NUL makes a file binary) and both
    noncharacters, once under a plain name and once under a name with a control and an undecodable byte;
    plus a made-up finding whose path, message, excerpt and related place hold every such character."""
    folder = tmp_path_factory.mktemp("hostile")
    text = "".join(f"他说今天开会{ch}讨论工作。\n" for ch in C0 if ch not in "\x00\n\r")
    text += "文件里有\ufffe和\uffff两个非字符。\n"
    (folder / "controls.txt").write_text(text, encoding="utf-8")
    odd_name = os.fsdecode(os.fsencode(str(folder)) + b"/na\x01me\xff.txt")
    Path(odd_name).write_text(text, encoding="utf-8")
    chosen = [r for r in default_rules if r.category == "garbled"]
    result = run([str(folder)], chosen)
    assert {f.rule for f in result.findings} >= {"garbled.control-char"}
    assert any("\udcff" in f.path for f in result.findings)
    made_up = Finding("garbled.control-char", "error", "消息" + HOSTILE, Location("dir/" + HOSTILE + ".txt", 1, 1, 1, 2),
                      text="摘录" + HOSTILE, fingerprint="f" + HOSTILE,
                      related=(Location("other" + HOSTILE + ".txt", 2, 1, 2, 3, message="另见" + HOSTILE),))
    return RunResult(findings=list(result.findings) + [made_up], errors=result.errors,
                     files=result.files + [made_up.path], rules=chosen)


def written(result: RunResult, fmt: str, tmp_path: Path) -> str:
    """The report as `wenlint check -o FILE` writes it (every finding shown), read back as UTF-8."""
    out = tmp_path / f"report.{fmt}"
    write_report(formats()[fmt], result, ReportOptions(max_per_rule=0), str(out))
    return out.read_bytes().decode("utf-8")


def test_junit_is_well_formed_and_valid(hostile_run, tmp_path):
    report = written(hostile_run, "junit", tmp_path)
    root = ET.fromstring(report)
    xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd")).validate(report)
    failures = [c.find("failure") for c in root.iter("testcase") if c.find("failure") is not None]
    assert len(failures) == len(hostile_run.findings)
    assert any("⟨U+000B⟩" in f.get("message") and "⟨U+FFFE⟩" in f.get("message") and "⟨U+D800⟩" in f.get("message")
               for f in failures)


def test_xml_text_shows_exactly_what_xml_forbids():
    assert xml_text("a\tb\nc\rd") == "a\tb\nc\rd"
    assert xml_text("\x00\x01\x0b\x1f") == "⟨U+0000⟩⟨U+0001⟩⟨U+000B⟩⟨U+001F⟩"
    assert xml_text("\ud800\ufffe\uffff\U0001F600\ufffd中") == "⟨U+D800⟩⟨U+FFFE⟩⟨U+FFFF⟩\U0001F600\ufffd中"


def test_json_formats_parse(hostile_run, tmp_path):
    n = len(hostile_run.findings)
    report = json.loads(written(hostile_run, "json", tmp_path))
    assert len(report["findings"]) == n
    assert report["findings"][-1]["message"].startswith("消息\x00\x01")
    lines = written(hostile_run, "jsonl", tmp_path).splitlines()
    assert [json.loads(line)["rule"] for line in lines] == [f.rule for f in hostile_run.findings]
    issues = json.loads(written(hostile_run, "gitlab", tmp_path))
    assert len(issues) == n and len({i["fingerprint"] for i in issues}) == n


def test_sarif_is_valid_against_the_schema(hostile_run, tmp_path):
    log = json.loads(written(hostile_run, "sarif", tmp_path))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert any(uri.endswith("/na%01me%FF.txt") for uri in uris)  # the file name's bytes, percent-encoded


def test_github_commands_stay_one_per_line(hostile_run, tmp_path):
    lines = written(hostile_run, "github", tmp_path).split("\n")
    assert lines.pop() == ""
    assert len(lines) == len(hostile_run.findings)
    for line in lines:
        assert WORKFLOW_COMMAND.fullmatch(line), line


def test_html_parses_and_embeds_the_data(hostile_run, tmp_path):
    html = written(hostile_run, "html", tmp_path)
    assert not re.search("[\x7f-\x9f\ufffe\uffff]", html)

    class Scripts(HTMLParser):
        data = None

        def handle_starttag(self, tag, attrs):
            self.inside = dict(attrs).get("id") == "wenlint-data"

        def handle_data(self, text):
            if getattr(self, "inside", False):
                self.data, self.inside = text, False

    parser = Scripts()
    parser.feed(html)
    data = json.loads(parser.data)
    messages = [f["m"] for file in data["files"] for f in file["findings"]]
    assert "消息" + HOSTILE in messages  # every character arrives intact in the page's script


def test_text_is_written(hostile_run, tmp_path):
    report = written(hostile_run, "text", tmp_path)
    assert "garbled.control-char" in report and "⟨U+000B⟩" in report


def test_a_console_that_cannot_encode_chinese_gets_escapes_not_a_crash(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("他说(今天)开会。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="ascii", NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", "a.txt"], cwd=tmp_path, env=env,
                          capture_output=True)
    assert proc.returncode == 1, proc.stderr
    assert b"a.txt:1:3: warning [punctuation.ascii-parentheses]" in proc.stdout
    assert b"\\u4eca\\u5929" in proc.stdout and b"Traceback" not in proc.stderr
