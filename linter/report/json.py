"""`--format json`: one object, {"findings": [...], "summary": {...}}, for scripts."""

from __future__ import annotations

import json
from typing import Iterator

from . import ReportOptions, error_kinds, indented_json, json_array_lines, tally

NAME = "json"


def location_dict(loc) -> dict:
    data = {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line, "end_column": loc.end_column}
    if loc.message:
        data["message"] = loc.message
    return data


def finding_dict(f) -> dict:
    data = {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "fingerprint": f.fingerprint,
    }
    fix = f.fix
    if fix is not None:
        data["fix"] = {
            "replacement": fix.replacement,
            "safe": fix.safe,
            "line": fix.line,
            "column": fix.column,
            "end_line": fix.end_line,
            "end_column": fix.end_column,
        }
    related = f.related
    if related:
        data["related"] = [location_dict(r) for r in related]
    return data


def fixes_dict(file_fixes) -> dict:
    """What --fix did to one file: applied and skipped fixes (positions in the text of their pass)."""
    def record(r) -> dict:
        data = {"rule": r.rule, "line": r.line, "column": r.column, "replacement": r.replacement, "safe": r.safe, "pass": r.pass_number}
        if r.reason:
            data["reason"] = r.reason
        return data

    return {
        "path": file_fixes.path,
        "written": file_fixes.written,
        "converged": file_fixes.converged,
        "applied": [record(r) for r in file_fixes.applied],
        "skipped": [record(r) for r in file_fixes.skipped],
    }


def summary_dict(result) -> dict:
    c, files_with = tally(result.findings)
    unreadable, stopped = error_kinds(result.errors)
    return {
        "findings": len(result.findings),
        "errors": c["error"],
        "warnings": c["warning"],
        "info": c["info"],
        "files_checked": result.files_checked,
        "files_with_findings": files_with,
        "unreadable": [{"path": e.path, "message": e.detail} for e in unreadable],
        "rule_failures": [{"path": e.path, "rule": e.rule_id, "message": e.detail} for e in stopped],
        "not_listed": [{"path": path, "rule": rule, "findings": n} for path, rule, n in getattr(result, "not_listed", ())],
    }


def render(result, options: ReportOptions) -> str:
    return "".join(line + "\n" for line in render_lines(result, options))


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """The same text as `json.dumps(report, indent=2)`, one finding at a time, so that the
    findings of a big run are never all in memory as dictionaries."""
    yield "{"
    elements = ("    " + indented_json(finding_dict(f), 2) for f in result.findings)
    yield from json_array_lines(elements, '  "findings": [', "  ],", '  "findings": [],')
    rest = {"summary": summary_dict(result)}
    if getattr(result, "fixes", None):
        rest["fixes"] = [fixes_dict(f) for f in result.fixes]  # type: ignore[assignment]
    yield json.dumps(rest, ensure_ascii=False, indent=2)[2:]
