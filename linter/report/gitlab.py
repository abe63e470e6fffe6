"""`--format gitlab`: a GitLab Code Quality report (the Code Climate JSON subset GitLab reads).

GitLab merges issues with equal fingerprints, so each finding keeps its own:
the finding's fingerprint already differs per occurrence; any collision left
gets a counter. Severities: error → major, warning → minor, info → info.
`--max-results N` keeps the report to N issues (see `cut`).
"""

from __future__ import annotations

from typing import Iterator

from . import ReportOptions, cut as cutting, each_finding, indented_json, json_array_lines

NAME = "gitlab"
MAX_RESULTS = None  # none of its own; --max-results N
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """The same text as `json.dumps(issues, indent=2)`, one issue at a time (a big run's issues are never all held)."""
    findings = cutting.apply(each_finding(result), cutting.of_report(result, options, MAX_RESULTS))
    elements = ("  " + indented_json(issue, 1) for issue in _issues(findings))
    yield from json_array_lines(elements, "[", "]", "[]")


def _issues(findings) -> Iterator[dict]:
    """One Code Quality issue per finding, each with a fingerprint of its own."""
    seen: set[str] = set()
    for f in findings:
        fingerprint, n = f.fingerprint or f"{f.path}:{f.line}:{f.column}:{f.rule}", 1
        while fingerprint in seen:
            n += 1
            fingerprint = f"{f.fingerprint}-{n}"
        seen.add(fingerprint)
        yield {
            "type": "issue",
            "description": f"{f.message} [{f.rule}]",
            "check_name": f.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[f.severity],
            "categories": ["Style"],
            "location": {"path": f.path.replace("\\", "/"), "lines": {"begin": f.line, "end": f.end_line}},
        }
