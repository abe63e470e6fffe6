"""Findings: what a check reports, where, why, and how to fix it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .document import Document
    from .rules import Rule

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
FINGERPRINT_CONTEXT = 8


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with `replacement`; `safe` fixes run with --fix alone."""

    start: int
    end: int
    replacement: str
    safe: bool = True
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    original: str = ""


@dataclass(frozen=True)
class Location:
    """A place in a file, 1-based; `end_column` is exclusive, as in SARIF."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str = ""

    @classmethod
    def of(cls, document: "Document", start: int, end: int, message: str = "") -> "Location":
        line, column = document.position(start)
        end_line, end_column = document.position(end)
        return cls(document.path, line, column, end_line, end_column, message)

    def short(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One problem. `start`/`end` are offsets into the document text (-1 when the
    finding was made by a set-level check that no longer holds the text)."""

    rule: str
    severity: str
    message: str
    location: Location
    start: int = -1
    end: int = -1
    text: str = ""
    fix: Fix | None = None
    related: tuple[Location, ...] = ()
    fingerprint: str = ""
    context: str = field(default="", compare=False)

    @property
    def category(self) -> str:
        return self.rule.split(".", 1)[0]

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def end_line(self) -> int:
        return self.location.end_line

    @property
    def end_column(self) -> int:
        return self.location.end_column

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column, self.message)

    def with_(self, **changes) -> "Finding":
        return replace(self, **changes)


def make_finding(
    document: "Document",
    rule: "Rule",
    start: int,
    end: int,
    *,
    replacement: str | None = None,
    fix_span: tuple[int, int] | None = None,
    related: Iterable[Location] = (),
    message: str | None = None,
    **values: object,
) -> Finding:
    """Build a finding for text[start:end] with the rule's message filled from `values`.

    `{match}` is always available. A `replacement` becomes a fix of the span
    (or of `fix_span`), safe or not as the rule declares.
    """
    matched = document.text[start:end]
    values.setdefault("match", matched)
    fix = None
    if replacement is not None:
        fs, fe = fix_span if fix_span else (start, end)
        if document.text[fs:fe] != replacement:
            fix = Fix(fs, fe, replacement, rule.fix_safe, *document.position(fs), *document.position(fe), document.text[fs:fe])
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=message if message is not None else rule.format_message(values),
        location=Location.of(document, start, end),
        start=start,
        end=end,
        text=matched,
        fix=fix,
        related=tuple(related),
        context=fingerprint_context(document.text, start, end),
    )


def fingerprint_context(text: str, start: int, end: int) -> str:
    """The flagged text with a few characters either side, kept within its own lines,
    so inserting or deleting whole lines or paragraphs next to it keeps the fingerprint."""
    lo, hi = max(0, start - FINGERPRINT_CONTEXT), min(len(text), end + FINGERPRINT_CONTEXT + 1)
    line_start = text.rfind("\n", lo, start) + 1 or lo
    line_end = text.find("\n", end, hi)
    line_end = hi if line_end == -1 else line_end
    if line_end > end and text[line_end - 1] == "\r":
        line_end -= 1
    return text[max(line_start, start - FINGERPRINT_CONTEXT) : min(line_end, end + FINGERPRINT_CONTEXT)]


def assign_fingerprints(findings: list[Finding], *, drop_context: bool = False) -> list[Finding]:
    """Give each finding of one file a fingerprint that ignores line numbers.

    It hashes the rule, the path, the quoted text with a few characters of
    context, and the occurrence number among identical keys, so adding lines
    elsewhere keeps it, and two equal defects in one file keep distinct ones.
    With `drop_context` the context, needed only for this, is cleared.
    """
    seen: dict[tuple, int] = {}
    result = []
    for f in findings:
        key = (f.rule, f.path, f.context or f.text or f.message)
        n = seen.get(key, 0)
        seen[key] = n + 1
        digest = hashlib.sha1(f"{key[0]}\x1f{key[1]}\x1f{key[2]}\x1f{n}".encode("utf-8", "surrogatepass")).hexdigest()
        result.append(_copy(f, fingerprint=digest[:20], context="") if drop_context else _copy(f, fingerprint=digest[:20]))
    return result


def _copy(finding: Finding, **changes) -> Finding:
    """`dataclasses.replace` without its field introspection (several times faster; findings are many).
    Attributes are set one by one: filling `__dict__` wholesale would give every copy a dictionary
    of its own instead of the class's shared keys, doubling a finding's memory."""
    copy = object.__new__(Finding)
    for name, value in finding.__dict__.items():
        object.__setattr__(copy, name, changes.get(name, value))
    return copy
