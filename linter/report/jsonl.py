"""`--format jsonl`: one JSON object per finding per line, for very large runs and streaming tools.

Each line has the same fields as a finding in `--format json`; there is no summary line.
"""

from __future__ import annotations

from typing import Iterator

from . import ReportOptions, findings_by_file
from .json import FindingTemplate, finding_texts

NAME = "jsonl"


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    layout = FindingTemplate(None)
    for _, findings, _ in findings_by_file(result):
        yield from finding_texts(findings, layout)
