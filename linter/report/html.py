"""`--format html`: one self-contained page an editor opens in a browser.

Each document is shown with its findings highlighted in place, beside the list
of its findings (messages in full, so the arithmetic of a numbers finding is
there); filters by severity, category and rule; counts per file and per rule;
a file search, links to a finding (`#f=PATH&l=LINE&c=COLUMN`) and keys
(j/k finding, n/p file, / search).
No network and no external assets: the style, the script and the data are in
the file. The page renders one document at a time and adds lines and list
entries as they scroll into view, so 10,000 findings stay responsive.

The text comes from the files themselves, read again as the run decoded them;
a document that can no longer be read, or text past the size budget, is shown
as the lines around its findings.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Iterator

from .. import __version__
from . import ReportOptions, counts, findings_by_file, source_document
from .text import describe_fix

NAME = "html"
FULL_TEXT_BUDGET = 8_000_000
FULL_TEXT_MAX_FILE = 2_000_000
CONTEXT_LINES = 3


def _asset(name: str) -> str:
    return (resources.files(__package__) / "html_assets" / name).read_text(encoding="utf-8")


def _file_lines(result, path: str) -> list[str] | None:
    document = source_document(result, path, {})
    if document is None:
        return None
    return [line.rstrip("\r") for line in document.text.split("\n")]


def _excerpt(lines: dict[int, str], findings) -> list[list]:
    """Chunks [first line, [texts]] covering each finding's lines with a little context."""
    wanted: set[int] = set()
    for f in findings:
        for n in range(max(1, f.line - CONTEXT_LINES), max(f.line, f.end_line) + CONTEXT_LINES + 1):
            if n in lines:
                wanted.add(n)
    chunks: list[list] = []
    for n in sorted(wanted):
        if chunks and chunks[-1][0] + len(chunks[-1][1]) == n:
            chunks[-1][1].append(lines[n])
        else:
            chunks.append([n, [lines[n]]])
    return chunks


def _finding(f, rule_index: dict[str, int]) -> dict:
    data = {"r": rule_index[f.rule], "s": f.severity, "l": f.line, "c": f.column, "el": f.end_line,
            "ec": f.end_column, "m": f.message}
    fix = f.fix
    if fix is not None:
        data["fx"] = describe_fix(fix)
        data["fs"] = fix.safe
    if f.related:
        data["rel"] = [[r.path, r.line, r.column, r.message] for r in f.related]
    return data


def report_data(result, options: ReportOptions) -> dict:
    by_path: dict[str, list] = {}
    quoted_lines: dict[str, dict[int, str]] = {}
    for path, findings, quoted in findings_by_file(result):
        by_path.setdefault(path, []).extend(findings)
        quoted_lines.setdefault(path, {}).update(quoted)
    rules = {r.id: r for r in result.rules}
    for findings in by_path.values():
        for f in findings:
            rules.setdefault(f.rule, None)
    rule_ids = sorted(rules)
    rule_index = {rid: i for i, rid in enumerate(rule_ids)}
    budget = FULL_TEXT_BUDGET
    files = []
    for path, findings in by_path.items():
        lines = _file_lines(result, path)
        size = sum(len(line) + 1 for line in lines) if lines is not None else 0
        if lines is not None and size <= min(budget, FULL_TEXT_MAX_FILE):
            budget -= size
            chunks, complete = [[1, lines]], True
        else:
            known = dict(enumerate(lines, 1)) if lines is not None else quoted_lines[path]
            chunks, complete = _excerpt(known, findings), False
        files.append({"path": path, "chunks": chunks, "complete": complete,
                      "findings": [_finding(f, rule_index) for f in findings]})
    with_findings = set(by_path)
    return {
        "version": __version__,
        "summary": {**counts(result.findings), "findings": len(result.findings), "files": result.files_checked},
        "rules": [
            {"id": rid, "category": rid.split(".", 1)[0],
             "severity": rules[rid].severity if rules[rid] else "", "description": rules[rid].description if rules[rid] else ""}
            for rid in rule_ids
        ],
        "files": files,
        "clean": [p for p in result.files if p not in with_findings and p not in {e.path for e in result.errors}],
        "errors": [{"path": e.path, "message": e.detail} for e in result.errors],
    }


_NOT_IN_HTML = re.compile(r"[\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")


def _script_json(data: dict) -> str:
    """JSON safe inside <script>: no `</script>` or `<!--` can close or confuse the element, and no
    character HTML calls a parse error (controls, noncharacters) nor a lone surrogate is written raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return _NOT_IN_HTML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """The page in one piece: its data is one JSON document the page's script reads."""
    data = report_data(result, options)
    yield (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>wenlint report — {data['summary']['findings']} findings</title>\n"
        f"<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n{_asset('report.html')}"
        f"<script type=\"application/json\" id=\"wenlint-data\">{_script_json(data)}</script>\n"
        f"<script>\n{_asset('report.js')}</script>\n</body>\n</html>"
    )
