"""`--format json`: one object, {"findings": [...], "summary": {...}}, for scripts."""

from __future__ import annotations

import json
from itertools import repeat
from json.encoder import encode_basestring
from typing import Iterator

from ..findings import Location, columns_of
from . import ReportOptions, error_kinds, findings_by_file, indented_json, json_array_lines, tally

NAME = "json"


FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message", "fingerprint")
FIX_FIELDS = ("replacement", "safe", "line", "column", "end_line", "end_column")


def location_dict(loc) -> dict:
    data = {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line, "end_column": loc.end_column}
    if loc.message:
        data["message"] = loc.message
    return data


def finding_dict(f) -> dict:
    data = dict(zip(FIELDS, (f.path, f.line, f.column, f.end_line, f.end_column, f.rule, f.category, f.severity,
                             f.message, f.fingerprint)))
    fix = f.fix
    if fix is not None:
        data["fix"] = dict(zip(FIX_FIELDS, (fix.replacement, fix.safe, fix.line, fix.column, fix.end_line, fix.end_column)))
    related = f.related
    if related:
        data["related"] = [location_dict(r) for r in related]
    return data


class FindingTemplate:
    """How `finding_texts` lays a finding out: as `json.dumps(finding_dict(f), ensure_ascii=False)` writes it,
    or indented 2 spaces a level as `indented_json(finding_dict(f), level)` does (inside the first line's indent)."""

    def __init__(self, level: int | None) -> None:
        def nested(fields, depth):
            if level is None:
                return "{" + ", ".join(f'"{name}": %s' for name in fields) + "}"
            inner = "\n" + "  " * (depth + 1)
            return "{" + inner + ("," + inner).join(f'"{name}": %s' for name in fields) + "\n" + "  " * depth + "}"

        self.level = level
        head = nested(FIELDS, level or 0)
        self.head = head[: head.rindex("%s") + 2]
        self.close = head[head.rindex("%s") + 2 :]
        between = ", " if level is None else ",\n" + "  " * (level + 1)
        self.fix = between + '"fix": ' + nested(FIX_FIELDS, (level or 0) + 1)
        self.related = between + '"related": '

    def related_text(self, related: tuple) -> str:
        places = [location_dict(r if type(r) is Location else Location(*r)) for r in related]
        return self.related + (_compact(places) if self.level is None else indented_json(places, self.level + 1))


_compact = json.JSONEncoder(ensure_ascii=False).encode
_JSON_BOOL = {True: "true", False: "false"}


class _Encoded(dict):
    """A string -> its JSON text, made on first use (rule ids, severities and categories recur in every file)."""

    def __missing__(self, text: str) -> str:
        encoded = self[text] = encode_basestring(text)
        return encoded


_encoded = _Encoded()


def finding_texts(findings: list, layout: FindingTemplate) -> list[str]:
    """The findings of one file as JSON objects, a field at a time: each field's values are encoded
    together and the objects filled from one template, so a finding costs no Python call of its own
    (only the rare finding with related places is written through `finding_dict`'s helpers)."""
    if not findings:
        return []
    (rules, severities, messages, paths, lines, columns, end_lines, end_columns, _, _, _, _,
     fixes, related, fingerprints, *_) = columns_of(findings)
    categories = map(_encoded.__getitem__, [rule.split(".", 1)[0] for rule in rules])
    encoded = _encoded.__getitem__
    heads = map(layout.head.__mod__, zip(map(encoded, paths), lines, columns, end_lines, end_columns, map(encoded, rules),
                                         categories, map(encoded, severities), map(encode_basestring, messages),
                                         map(encode_basestring, fingerprints)))
    fix_template = layout.fix
    fix_texts = ["" if fix is None else fix_template % (encode_basestring(fix[2]), _JSON_BOOL[fix[3]], *fix[4:8])
                 for fix in fixes]
    if any(related):
        related_texts = [layout.related_text(places) if places else "" for places in related]
        return list(map("".join, zip(heads, fix_texts, related_texts, repeat(layout.close))))
    return list(map("".join, zip(heads, fix_texts, repeat(layout.close))))


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


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """The same text as `json.dumps(report, indent=2)`, one finding at a time, so that the
    findings of a big run are never all in memory as dictionaries."""
    yield "{"
    layout = FindingTemplate(2)
    elements = (",\n".join(["    " + text for text in finding_texts(findings, layout)]) for _, findings, _ in findings_by_file(result))
    yield from json_array_lines(elements, '  "findings": [', "  ],", '  "findings": [],')
    rest = {"summary": summary_dict(result)}
    if getattr(result, "fixes", None):
        rest["fixes"] = [fixes_dict(f) for f in result.fixes]  # type: ignore[assignment]
    yield json.dumps(rest, ensure_ascii=False, indent=2)[2:]
