"""Findings: what a check reports, where, why, and how to fix it."""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Iterable, NamedTuple

from .document import line_position

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


class Location(NamedTuple):
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


report_order = itemgetter(3, 4, 5, 0, 6, 7, 2)
"""A finding's place in a report: path, line, column, rule, end, message (`Finding.sort_key`, in C)."""


class Finding(tuple):
    """One problem. `start`/`end` are offsets into the document text (-1 when the
    finding was made by a set-level check that no longer holds the text).

    A flat tuple (the location's fields inline, the fix as a plain tuple), so that
    hundreds of thousands of findings are cheap to hold, copy and ship between
    processes. `context` only feeds the fingerprint and takes no part in equality.
    """

    __slots__ = ()

    def __new__(cls, rule: str, severity: str, message: str, location: Location, start: int = -1, end: int = -1,
                text: str = "", fix: "Fix | None" = None, related: Iterable[Location] = (), fingerprint: str = "",
                context: str = "") -> "Finding":
        return tuple.__new__(cls, (rule, severity, message, *location, start, end, text,
                                   None if fix is None else _fix_row(fix), tuple(related), fingerprint, context))

    rule = property(itemgetter(0))
    severity = property(itemgetter(1))
    message = property(itemgetter(2))
    path = property(itemgetter(3))
    line = property(itemgetter(4))
    column = property(itemgetter(5))
    end_line = property(itemgetter(6))
    end_column = property(itemgetter(7))
    start = property(itemgetter(9))
    end = property(itemgetter(10))
    text = property(itemgetter(11))
    fingerprint = property(itemgetter(14))
    context = property(itemgetter(15))

    @property
    def location(self) -> Location:
        return tuple.__new__(Location, self[3:9])

    @property
    def fix(self) -> "Fix | None":
        row = self[12]
        return None if row is None else Fix(*row)

    @property
    def related(self) -> tuple[Location, ...]:
        return tuple(r if type(r) is Location else tuple.__new__(Location, r) for r in self[13])

    @property
    def category(self) -> str:
        return self[0].split(".", 1)[0]

    def sort_key(self) -> tuple:
        return report_order(self)

    def with_(self, **changes) -> "Finding":
        values = {name: getattr(self, name) for name in _CONSTRUCTOR}
        values.update(changes)
        return Finding(**values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self[:15] == other[:15]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:15])

    def __getnewargs__(self) -> tuple:
        return tuple(getattr(self, name) for name in _CONSTRUCTOR)

    def __repr__(self) -> str:
        return "Finding(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in _CONSTRUCTOR) + ")"


_CONSTRUCTOR = ("rule", "severity", "message", "location", "start", "end", "text", "fix", "related", "fingerprint", "context")


def _fix_row(fix: "Fix") -> tuple:
    return (fix.start, fix.end, fix.replacement, fix.safe, fix.line, fix.column, fix.end_line, fix.end_column, fix.original)


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
    (or of `fix_span`), safe or not as the rule declares. Findings are many: the
    row is built in place, positions the fix shares with the span are found once,
    and the end of a span without a line break is counted from its start.
    """
    text = document.text
    size = len(text)
    starts = document.line_starts
    matched = text[start:end]
    line, column = span_start = line_position(starts, size, start)
    if 0 <= start <= end <= size and "\n" not in matched:
        end_line, end_column = span_end = line, column + end - start
    else:
        end_line, end_column = span_end = line_position(starts, size, end, line)
    fix = None
    if replacement is not None:
        fs, fe = fix_span if fix_span else (start, end)
        original = text[fs:fe]
        if original != replacement:
            fix_start = span_start if fs == start else line_position(starts, size, fs)
            fix_end = span_end if fe == end else line_position(starts, size, fe, fix_start[0])
            fix = (fs, fe, replacement, rule.fix_safe, *fix_start, *fix_end, original)
    if message is None:
        values.setdefault("match", matched)
        message = rule.format_message(values)
    return tuple.__new__(Finding, (
        rule.id, rule.severity, message,
        document.path, line, column, end_line, end_column, "", start, end, matched, fix, tuple(related), "",
        fingerprint_context(text, start, end),
    ))


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
    result: list = []
    append = result.append
    for f in findings:
        rule, path, context = f[0], f[3], f[15]
        key = (rule, path, context or f[11] or f[2])
        n = seen.get(key, 0)
        seen[key] = n + 1
        digest = hashlib.sha1(f"{rule}\x1f{path}\x1f{key[2]}\x1f{n}".encode("utf-8", "surrogatepass")).hexdigest()
        append(tuple.__new__(Finding, (*f[:14], digest[:20], "" if drop_context else context)))
    return result


def finding_row(finding: Finding) -> tuple:
    """A finding as plain tuples, for `marshal` (many times faster and smaller than pickling objects)."""
    related = finding[13]
    return (*finding[:13], tuple(map(tuple, related)), *finding[14:]) if related else tuple(finding)


def finding_from_row(row: tuple) -> Finding:
    return tuple.__new__(Finding, row)


def pack_findings(findings: list[Finding], lines: dict[int, str]) -> bytes:
    """One file's findings and the source lines they quote, as one compact blob."""
    return marshal.dumps(([finding_row(f) for f in findings], lines))


def unpack_findings(packed: bytes) -> tuple[list[Finding], dict[int, str]]:
    rows, lines = marshal.loads(packed)
    return [tuple.__new__(Finding, row) for row in rows], lines


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per severity, every severity present (0 when none)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts
