"""`--format junit`: JUnit XML as Jenkins and GitLab read it.

One `<testsuite>` per file (named by its path). Each finding at or above
`--fail-on` is a failing `<testcase>` of its own, named `rule line:column`,
so a CI test view lists every problem with its place. Findings below
`--fail-on` are passing testcases that carry their message in `<system-out>`,
and a clean file gets one passing testcase, because some CI servers treat a
report without passing testcases as failed. An unreadable file is a testcase
with an `<error>`.

XML 1.0 cannot hold every character a document may: a C0 control other than
tab and line breaks, a lone surrogate, U+FFFE or U+FFFF is written as
`⟨U+000B⟩`, as the text format shows invisible characters, so the report
stays well-formed for any text, path or message.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator
from xml.etree import ElementTree as ET

from ..findings import SEVERITY_RANK
from . import ReportOptions, stream_of

NAME = "junit"
_NOT_XML = re.compile(r"[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 forbids shown as ⟨U+XXXX⟩."""
    return _NOT_XML.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def _fails(severity: str, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]


def _describe(f) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}"]
    if f.text:
        lines.append(f"  {f.text}")
    lines += [f"  see {r.short()}{' ' + r.message if r.message else ''}" for r in f.related]
    return "\n".join(lines)


def _suite(name: str) -> ET.Element:
    return ET.Element("testsuite", name=xml_text(name), tests="0", failures="0", errors="0", skipped="0", time="0")


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """The same text as indenting and serialising the whole tree, one `<testsuite>` at a time:
    a first pass counts the totals `<testsuites>` opens with, a second writes the suites."""
    errors = {e.path: e for e in result.errors}
    paths, findings_of = _suite_paths(result)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in paths:
        for key, value in _suite_counts(findings_of(path), path in errors, options.fail_on).items():
            totals[key] += value
    suites = (_file_suite(path, findings_of(path), errors.get(path), options.fail_on) for path in paths)
    if not paths:
        suites = iter([_no_documents()])  # type: ignore[assignment]
        totals["tests"] = 1
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield "<testsuites " + " ".join(f'{key}="{value}"' for key, value in {"name": "wenlint", **totals}.items()) + ">"
    for suite in suites:
        ET.indent(suite, level=1)
        yield from ("  " + ET.tostring(suite, encoding="unicode")).split("\n")  # lines, as the writer counts them
    yield "</testsuites>"


def _suite_paths(result) -> tuple[list[str], Callable[[str], list]]:
    """The paths that get a suite (every file, then any other path with findings) and a way to
    each one's findings, read from the stream path by path."""
    files = dict.fromkeys(result.files)
    stream = stream_of(result)

    def findings_of(path: str) -> list:
        return stream.of_path(path)[0]

    return list(files) + [p for p in stream.paths() if p not in files and findings_of(p)], findings_of


def _suite_counts(findings: list, unreadable: bool, fail_on: str) -> dict[str, int]:
    """What `_file_suite` will hold: a test case per finding, one for a file that could not be read,
    and one passing case for a clean file."""
    clean = not findings and not unreadable
    return {"tests": len(findings) + int(unreadable) + int(clean),
            "failures": sum(1 for f in findings if _fails(f.severity, fail_on)),
            "errors": int(unreadable)}


def _file_suite(path: str, findings: list, error, fail_on: str) -> ET.Element:
    suite = _suite(path)
    if error is not None:
        case = ET.SubElement(suite, "testcase", name="read", classname=xml_text(path), time="0")
        ET.SubElement(case, "error", type="InputError", message=xml_text(error.detail)).text = xml_text(str(error))
    for f in findings:
        case = ET.SubElement(suite, "testcase", name=xml_text(f"{f.rule} {f.line}:{f.column}"), classname=xml_text(path), time="0")
        if _fails(f.severity, fail_on):
            ET.SubElement(case, "failure", type=f.severity, message=xml_text(f.message)).text = xml_text(_describe(f))
        else:
            ET.SubElement(case, "system-out").text = xml_text(_describe(f))
    if not findings and error is None:
        ET.SubElement(suite, "testcase", name="no findings", classname=xml_text(path), time="0")
    for key, value in _suite_counts(findings, error is not None, fail_on).items():
        suite.set(key, str(value))
    return suite


def _no_documents() -> ET.Element:
    suite = _suite("wenlint")
    ET.SubElement(suite, "testcase", name="no documents", classname="wenlint", time="0")
    suite.set("tests", "1")
    return suite
