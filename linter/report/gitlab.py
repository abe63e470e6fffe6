"""`--format gitlab`: a GitLab Code Quality report (the Code Climate JSON subset GitLab reads).

GitLab merges issues with equal fingerprints, so each finding keeps its own:
the finding's fingerprint already differs per occurrence; any collision left
gets a counter. Severities: error → major, warning → minor, info → info.
"""

from __future__ import annotations

import json

from . import ReportOptions

NAME = "gitlab"
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(result, options: ReportOptions) -> str:
    issues, seen = [], set()
    for f in result.findings:
        fingerprint, n = f.fingerprint or f"{f.path}:{f.line}:{f.column}:{f.rule}", 1
        while fingerprint in seen:
            n += 1
            fingerprint = f"{f.fingerprint}-{n}"
        seen.add(fingerprint)
        issues.append(
            {
                "type": "issue",
                "description": f"{f.message} [{f.rule}]",
                "check_name": f.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITIES[f.severity],
                "categories": ["Style"],
                "location": {"path": f.path.replace("\\", "/"), "lines": {"begin": f.line, "end": f.end_line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
