"""Linting one document read from standard input (`wenlint check -`), for editors and pipes.

The document is reported under `--stdin-filename` (default `-`), so per-path
ignores, suppressions and inline comments apply as they would to that file.
It is a document set of one and is never cached. With `--fix` the fixed text
goes to stdout (unchanged when it cannot be read) and the report to stderr, as
ruff does; with `--diff` the diff goes to stdout.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from .engine import lint_document, lint_set
from .results import pack_result
from .stream import FindingStream, QuotedLines, RunResult
from .errors import InputError
from .loading import decode_document
from .rule import Rule

STDIN = "-"


@dataclass
class StdinRun:
    result: RunResult
    text: str | None = None  # the text the findings refer to (None: it could not be decoded)
    fixed: bytes | None = None  # with --fix: the document to write back to stdout


def run_stdin(rules: list[Rule], display: str | None, encoding: str, fix: Any = None) -> StdinRun:
    """Lint (and with `fix`, a linter.fix.FixOptions, fix) the document on stdin."""
    display = display or STDIN
    data = sys.stdin.buffer.read()
    try:
        document = decode_document(data, display, encoding)
    except InputError as error:  # with --fix the document still goes back to stdout, unchanged
        unchanged = data if fix is not None and fix.write else None
        return StdinRun(RunResult(findings=[], errors=[error], files=[display], rules=rules), fixed=unchanged)
    fixes, fixed = None, None
    if fix is not None:
        from .fix import encode_document, fix_document, unified_diff

        after, fixes = fix_document(document, rules, fix)
        if not fix.write:
            fixes.diff = unified_diff(display, document.text, after.text) if fixes.changed else ""
        else:
            document, fixed = after, encode_document(after) if fixes.changed else data
            fixes.written = fixes.changed  # to stdout
    packed = pack_result(lint_document(document, rules))
    packed.fixes = fixes
    findings = FindingStream([packed], lint_set([packed], rules))
    shown_fixes = [fixes] if fixes is not None and (fixes.applied or fixes.skipped) else []
    result = RunResult(findings=findings, errors=packed.errors, files=[display], rules=rules, lines=QuotedLines(findings, encoding, {display: document.text}), fixes=shown_fixes)
    return StdinRun(result, document.text, fixed)
