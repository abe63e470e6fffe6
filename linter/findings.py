"""Findings: what a check reports, where, why, and how to fix it."""

from __future__ import annotations

import marshal
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha1
from itertools import accumulate, chain, repeat
from operator import itemgetter, le
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

from .document import line_position

if TYPE_CHECKING:
    from .document import Document
    from .rule import Rule

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
FINGERPRINT_CONTEXT = 8
FINDINGS_AT_ONCE = 4096
"""How many spans `findings_in_batches` builds findings for at a time."""


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
        """The place of text[start:end]; its end looked for on its start's line first (one comparison)."""
        starts, size = document.line_starts, len(document.text)
        line, column = line_position(starts, size, start)
        end_line, end_column = line_position(starts, size, end, line)
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


def build_findings(
    document: "Document",
    rule: "Rule",
    starts: Sequence[int],
    ends: Sequence[int],
    messages: Sequence[str],
    replacements: Sequence[str] | None = None,
    fix_ends: Sequence[int] | None = None,
) -> list[Finding]:
    """The findings `make_finding` builds for many spans text[start:end] of one rule, built at once.

    `starts` ascend; each span's message is given (formatted once per distinct value by the caller); a
    replacement fixes text[start:fix_end] (`fix_ends`, else the span). Lines come from one walk over the
    text (the line breaks between one start and the next are counted in C), a span's end, its fix's end
    and its fingerprint context from its own line, read once per line: no bisection and no Python call
    per finding, but for a span that leaves its line or its text.
    """
    if not starts:
        return []
    text = document.text
    size = len(text)
    line_starts = document.line_starts
    last_line = len(line_starts)
    if starts[0] < 0 or not all(map(le, starts, starts[1:])):
        return [_single_finding(document, rule, s, e, m, r, f)
                for s, e, m, r, f in zip(starts, ends, messages, replacements or repeat(None), fix_ends or ends)]
    lines = accumulate(map(text.count, repeat("\n"), starts, starts[1:]), initial=bisect_right(line_starts, starts[0]))
    rule_id, severity, path, safe = rule.id, rule.severity, document.path, rule.fix_safe
    new = tuple.__new__
    found: list[Finding] = []
    append = found.append
    line_of = line_start = eol = line_end = -1
    for start, end, line, message, replacement, fix_end in zip(
            starts, ends, lines, messages, replacements or repeat(None), fix_ends or ends):
        if line != line_of:
            line_of, line_start = line, line_starts[line - 1]
            eol = line_starts[line] - 1 if line < last_line else size
            line_end = eol - 1 if eol > line_start and text[eol - 1] == "\r" else eol
        if not start <= end <= eol or (replacement is not None and not start <= fix_end <= size):
            append(_single_finding(document, rule, start, end, message, replacement, fix_end))
            continue
        column = start - line_start + 1
        fix = None
        if replacement is not None:
            original = text[start:fix_end]
            if original != replacement:
                if fix_end <= eol:
                    fix = (start, fix_end, replacement, safe, line, column, line, column + fix_end - start, original)
                else:
                    fix = (start, fix_end, replacement, safe, line, column,
                           *line_position(line_starts, size, fix_end, line), original)
        context_start = start - FINGERPRINT_CONTEXT if start - FINGERPRINT_CONTEXT > line_start else line_start
        context_end = end + FINGERPRINT_CONTEXT
        if line_end < context_end:
            context_end = line_end if line_end > end else end
        append(new(Finding, (rule_id, severity, message, path, line, column, line, column + end - start, "",
                             start, end, text[start:end], fix, (), "", text[context_start:context_end])))
    return found


def findings_in_batches(document: "Document", rule: "Rule", *columns: Any) -> "SpanFindings":
    """`build_findings(document, rule, *columns)`, built as they are read (`SpanFindings`)."""
    return SpanFindings(document, rule, columns)


class SpanFindings:
    """The findings `build_findings` makes of many spans of one rule, built FINDINGS_AT_ONCE spans at a time as
    they are read: a document with millions of spans never holds all their findings (the engine keeps a rule's
    first few thousand and counts the rest), and a run that keeps only each rule's first few builds only those
    (`first`); `len` needs none built."""

    __slots__ = ("document", "rule", "columns")

    def __init__(self, document: "Document", rule: "Rule", columns: Sequence[Any]) -> None:
        self.document, self.rule, self.columns = document, rule, columns

    def __len__(self) -> int:
        return len(self.columns[0])

    def __iter__(self) -> Iterator[Finding]:
        if len(self) <= FINDINGS_AT_ONCE:
            return iter(build_findings(self.document, self.rule, *self.columns))
        return chain.from_iterable(self._built(at, at + FINDINGS_AT_ONCE) for at in range(0, len(self), FINDINGS_AT_ONCE))

    def first(self, n: int) -> list[Finding]:
        """The first `n` findings in report order: those of the first `n` spans (their starts ascend), and of any
        span that starts where the n-th does (which of them comes first is decided by the rest of the order)."""
        starts = self.columns[0]
        if n >= len(starts) or starts[0] < 0 or not all(map(le, starts, starts[1:])):
            return sorted(self, key=report_order)[:n]
        end = n
        while end < len(starts) and starts[end] == starts[n - 1]:
            end += 1
        return sorted(self._built(0, end), key=report_order)[:n]

    def _built(self, start: int, end: int) -> list[Finding]:
        return build_findings(self.document, self.rule, *(None if column is None else column[start:end] for column in self.columns))


def _single_finding(document: "Document", rule: "Rule", start: int, end: int, message: str,
                    replacement: str | None, fix_end: int) -> Finding:
    """`build_findings` of one span that leaves its line (or the text): by `make_finding`."""
    fix_span = None if replacement is None else (start, fix_end)
    return make_finding(document, rule, start, end, replacement=replacement, fix_span=fix_span, message=message)


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
    if not findings:
        return []
    columns: list = list(zip(*findings))
    columns[14] = _fingerprints(*_keyed(columns))
    if drop_context:
        columns[15] = [""] * len(findings)
    return findings_of_columns(columns)


def in_report_order(findings: list[Finding]) -> "PackedFindings":
    """One document's findings sorted as reported, a field at a time, as they will be packed; their fingerprints
    are made when something first reads them (`PackedFindings.columns`), which a text report never does."""
    return PackedFindings(list(zip(*sorted(findings, key=report_order))) if findings else [])


def _fingerprints(rules: Sequence[str], paths: Sequence[str], contexts: Sequence[str], texts: Sequence[str],
                  messages: Sequence[str], only: Sequence[int] | None = None) -> list[str]:
    """The fingerprints of these findings (with `only`, of those rows alone, numbered among all of them)."""
    quoted = [context or text or message for context, text, message in zip(contexts, texts, messages)]
    keys: Iterable[str] = map("\x1f".join, zip(rules, paths, quoted, occurrences(list(zip(rules, paths, quoted)))))
    if only is not None:
        every = list(keys)
        keys = [every[i] for i in only]
    return [sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20] for key in keys]


def _fill_fingerprints(columns: list) -> None:
    """Give the rows of packed columns that have none (a document's own findings, fingerprinted together as
    `assign_fingerprints` would) their fingerprints, in place, and drop those rows' context, needed only for this."""
    marks = columns[14]
    if "" not in marks:
        return
    if not any(marks):
        columns[14] = _fingerprints(*_keyed(columns))
        columns[15] = [""] * len(marks)
        return
    rows = [i for i, mark in enumerate(marks) if not mark]
    rules, paths, around, texts, messages = ([column[i] for i in rows] for column in _keyed(columns))
    made = _fingerprints(rules, paths, around, texts, messages)
    fingerprints, contexts = list(marks), list(columns[15])
    for i, fingerprint in zip(rows, made):
        fingerprints[i], contexts[i] = fingerprint, ""
    columns[14], columns[15] = fingerprints, contexts


def _keyed(columns: list) -> tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[str], Sequence[str]]:
    """The columns a fingerprint is made of, in `_fingerprints`' order: rule, path, context, text, message."""
    return columns[0], columns[3], columns[15], columns[11], columns[2]


def occurrences(keys: list) -> Iterable[str]:
    """For each key, how many equal keys came before it (as text); almost every key of a file is unique."""
    if len(set(keys)) == len(keys):
        return repeat("0", len(keys))
    seen: dict = {}
    numbers = []
    for key in keys:
        n = seen.get(key, 0)
        seen[key] = n + 1
        numbers.append(str(n))
    return numbers


def finding_row(finding: Finding) -> tuple:
    """A finding as plain tuples, for `marshal` (many times faster and smaller than pickling objects)."""
    related = finding[13]
    return (*finding[:13], tuple(map(tuple, related)), *finding[14:]) if related else tuple(finding)


def finding_from_row(row: tuple) -> Finding:
    return tuple.__new__(Finding, row)


def finding_columns(findings: Sequence[Finding]) -> list:
    """The findings a field at a time (rule ids, severities, ...) as plain tuples `marshal` takes (the
    fingerprints of PackedFindings as they are: made or not)."""
    columns = list(findings.raw if type(findings) is PackedFindings else columns_of(findings))
    if any(columns[13]):
        columns[13] = tuple(tuple(map(tuple, related)) if related else related for related in columns[13])
    return columns


def findings_of_columns(columns: list) -> list[Finding]:
    return [tuple.__new__(Finding, row) for row in zip(*columns)] if columns else []


class PackedFindings(Sequence):
    """One file's findings as `pack_findings` packed them, a field at a time: a finding is built
    only when it is read, so a report that shows a few of many (the text report's --max-per-rule)
    or writes them a field at a time (JSON) builds none of the others; `columns` is what it reads.
    The fingerprints of the document's own findings are made when `columns` (or a finding) is first
    read; `field_of` and `report_rows` read the other fields without making them."""

    __slots__ = ("raw", "_built")

    def __init__(self, columns: list) -> None:
        self.raw = columns
        self._built: list[Finding] | None = None

    @property
    def columns(self) -> list:
        if self.raw:
            _fill_fingerprints(self.raw)
        return self.raw

    def __len__(self) -> int:
        return len(self.raw[0]) if self.raw else 0

    def __getitem__(self, index):
        if self._built is not None or isinstance(index, slice):
            return self.built()[index]
        return tuple.__new__(Finding, [column[index] for column in self.columns])

    def built(self) -> list[Finding]:
        """Every finding, built once."""
        if self._built is None:
            self._built = findings_of_columns(self.columns)
        return self._built

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.built())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Sequence, list)) and not isinstance(other, (str, bytes)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"PackedFindings({len(self)} findings)"


class _ReportRows(Sequence):
    """PackedFindings read a row at a time, as tuples of a finding's fields up to `related` (see `report_rows`)."""

    __slots__ = ("columns",)

    def __init__(self, columns: list) -> None:
        self.columns = columns[:14]

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, index):
        return tuple([column[index] for column in self.columns])

    def __iter__(self) -> Iterator[tuple]:
        return zip(*self.columns)


def report_rows(findings: Sequence[Finding]) -> Sequence[tuple]:
    """The findings as rows of the fields a report shows (a finding's fields up to `related`, numbered as in
    `Finding`), read without making fingerprints."""
    return _ReportRows(findings.raw) if type(findings) is PackedFindings and findings.raw else findings


def merged_in_report_order(findings: Sequence[Finding], more: Sequence[Finding]) -> Sequence[Finding]:
    """`sorted([*findings, *more], key=report_order)` for `findings` and `more` each already in that order,
    `more` few: each of them placed by bisection, none of `findings` built (PackedFindings stay packed)."""
    if type(findings) is not PackedFindings or not findings.raw:
        return sorted([*findings, *more], key=report_order)
    raw = findings.raw
    order_of = (raw[3], raw[4], raw[5], raw[0], raw[6], raw[7], raw[2])

    def key(row: int) -> tuple:
        return tuple([column[row] for column in order_of])

    rows = range(len(raw[0]))
    places = [bisect_right(rows, report_order(finding), key=key) for finding in more]
    columns = []
    for field, column in enumerate(raw):
        merged: list = []
        at = 0
        for place, finding in zip(places, more):
            merged += column[at:place]
            merged.append(finding[field])
            at = place
        merged += column[at:]
        columns.append(merged)
    return PackedFindings(columns)


def first_of_each_rule(rules: Sequence[str], n: int) -> tuple[list[int], Counter]:
    """Where each rule's first `n` findings are among one file's (`rules`: their rule ids, in report order),
    ascending, and how many findings each rule has: most findings of a file are one frequent rule's, so its
    first few are found by `list.index` rather than by reading them all."""
    rules = rules if isinstance(rules, list) else list(rules)
    totals = Counter(rules)
    places = []
    for rule, total in totals.items():
        at = -1
        for _ in range(min(total, n)):
            at = rules.index(rule, at + 1)
            places.append(at)
    places.sort()
    return places, totals


def kept_of_each_rule(findings: Sequence[Finding], n: int) -> tuple[Sequence[Finding], dict[str, int]]:
    """One file's findings (in report order) but for each rule's first `n`, and how many more each rule has,
    for a report that reads no more of them (`engine.lint_document`'s keep_per_rule). The kept findings are
    those of the whole file, fingerprints included (numbered among all of the file's)."""
    columns = list(findings.raw) if type(findings) is PackedFindings else columns_of(findings)
    if not columns:
        return findings, {}
    places, totals = first_of_each_rule(columns[0], n)
    if len(places) == len(columns[0]):
        return findings, {}
    unmade = not any(columns[14])
    if not unmade:
        _fill_fingerprints(columns)
    kept = [[column[i] for i in places] for column in columns]
    if unmade:  # the document's own findings (the engine's): only the kept ones' fingerprints are made
        kept[14], kept[15] = _fingerprints(*_keyed(columns), only=places), [""] * len(places)
    return PackedFindings(kept), {rule: total - n for rule, total in totals.items() if total > n}


def field_of(findings: Iterable[Finding], field: int) -> Iterable:
    """One field of every finding (0 rule, 1 severity, 4 line, ...), without building any of PackedFindings
    (nor, but for the fingerprint, making their fingerprints)."""
    if type(findings) is PackedFindings and findings.raw:
        return findings.columns[field] if field >= 14 else findings.raw[field]
    return map(itemgetter(field), findings)


def columns_of(findings: Sequence[Finding]) -> list:
    """The findings a field at a time (a finding's fields, as `Finding` numbers them), without building any
    of PackedFindings."""
    return findings.columns if type(findings) is PackedFindings else list(zip(*findings))


def pack_findings(findings: Sequence[Finding], lines: dict[int, str]) -> bytes:
    """One file's findings and the source lines they quote, as one compact blob: field by field,
    so that packing and unpacking take a few calls per field rather than per finding, and a
    report can count rules and severities without building a finding."""
    return marshal.dumps((finding_columns(findings) if findings else [], lines))


def unpack_findings(packed: bytes) -> tuple[PackedFindings, dict[int, str]]:
    columns, lines = marshal.loads(packed)
    return PackedFindings(columns), lines


def severity_counts(findings: Iterable[Finding], counted: dict[str, int] | None = None) -> dict[str, int]:
    """Findings per severity, every severity present (0 when none); with `counted` (rule id -> how many more
    findings of that rule were counted but not kept), those too, each of its rule's severity."""
    counts = dict.fromkeys(SEVERITIES, 0)
    counts.update(Counter(field_of(findings, 1)))
    if counted:
        severity_of = dict(zip(field_of(findings, 0), field_of(findings, 1)))
        for rule, n in counted.items():
            counts[severity_of[rule]] += n
    return counts
