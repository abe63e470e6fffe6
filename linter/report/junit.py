"""`--format junit`: JUnit XML as Jenkins and GitLab read it.

One `<testsuite>` per file (named by its path). Each finding at or above
`--fail-on` is a failing `<testcase>` of its own, named `rule line:column`,
so a CI test view lists every problem with its place. Findings below
`--fail-on` are passing testcases that carry their message in `<system-out>`,
and a clean file gets one passing testcase, because some CI servers treat a
report without passing testcases as failed. An unreadable file is a testcase
with an `<error>`.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..findings import SEVERITY_RANK
from . import ReportOptions

NAME = "junit"


def _fails(severity: str, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]


def _describe(f) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}"]
    if f.text:
        lines.append(f"  {f.text}")
    lines += [f"  see {r.short()}{' ' + r.message if r.message else ''}" for r in f.related]
    return "\n".join(lines)


def _suite(name: str) -> ET.Element:
    return ET.Element("testsuite", name=name, tests="0", failures="0", errors="0", skipped="0", time="0")


def render(result, options: ReportOptions) -> str:
    by_path: dict[str, list] = {path: [] for path in result.files}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    errors = {e.path: e for e in result.errors}
    root = ET.Element("testsuites", name="wenlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, findings in by_path.items():
        suite = _suite(path)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if path in errors:
            case = ET.SubElement(suite, "testcase", name="read", classname=path, time="0")
            ET.SubElement(case, "error", type="InputError", message=errors[path].detail).text = str(errors[path])
            counts["errors"] += 1
            counts["tests"] += 1
        for f in findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path, time="0")
            if _fails(f.severity, options.fail_on):
                ET.SubElement(case, "failure", type=f.severity, message=f.message).text = _describe(f)
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = _describe(f)
            counts["tests"] += 1
        if not findings and path not in errors:
            ET.SubElement(suite, "testcase", name="no findings", classname=path, time="0")
            counts["tests"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        root.append(suite)
    if not by_path:
        suite = _suite("wenlint")
        ET.SubElement(suite, "testcase", name="no documents", classname="wenlint", time="0")
        suite.set("tests", "1")
        totals["tests"] = 1
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
