"""Linting one document read from standard input (`wenlint check -`), for editors and pipes.

The document is reported under `--stdin-filename` (default `-`), so per-path
ignores, suppressions and inline comments apply as they would to that file.
It is a document set of one and is never cached.
"""

from __future__ import annotations

import sys

from .engine import FindingStream, QuotedLines, RunResult, lint_document, lint_set, pack_result
from .errors import InputError
from .loading import decode_document
from .rules import Rule

STDIN = "-"


def run_stdin(rules: list[Rule], display: str | None, encoding: str) -> tuple[RunResult, str | None]:
    """The run result for the document on stdin, and its text (None when it could not be decoded)."""
    display = display or STDIN
    data = sys.stdin.buffer.read()
    try:
        document = decode_document(data, display, encoding)
    except InputError as error:
        return RunResult(findings=[], errors=[error], files=[display], rules=rules), None
    packed = [pack_result(lint_document(document, rules))]
    findings = FindingStream(packed, lint_set(packed, rules))
    errors = [e for r in packed for e in r.errors]
    return RunResult(findings=findings, errors=errors, files=[display], rules=rules, lines=QuotedLines(findings)), document.text
