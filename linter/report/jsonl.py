"""`--format jsonl`: one JSON object per finding per line, for very large runs and streaming tools.

Each line has the same fields as a finding in `--format json`; there is no summary line.
"""

from __future__ import annotations

import json
from typing import Iterator

from . import ReportOptions
from .json import finding_dict

NAME = "jsonl"


def render(result, options: ReportOptions) -> str:
    return "".join(line + "\n" for line in render_lines(result, options))


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(..., ensure_ascii=False) builds per call
    for f in result.findings:
        yield encode(finding_dict(f))
