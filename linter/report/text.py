"""`--format text` (default): a line per finding, the source line, carets under the span.

Columns are code points; carets are placed by display width (CJK = 2 cells),
and invisible characters are drawn as ⟨U+200B⟩ so a reader sees them.
A rule that fires many times in one file shows its first few findings and
one line counting the rest (`--max-per-rule 0` shows all). `--quiet` prints
every finding on one line and nothing else, for grep and editors;
`--statistics` adds a count per rule.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from itertools import repeat
from operator import itemgetter
from typing import Iterator

from ..findings import field_of, first_of_each_rule, report_rows
from . import ReportOptions, source_line, stream_of, summary_line

NAME = "text"
WINDOW = 72
SPAN_CELLS = 4 * WINDOW  # a span wider than this is shown up to here, then "…"
STYLES = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "dim": "\033[2m", "bold": "\033[1m"}
RESET = "\033[0m"


@functools.lru_cache(maxsize=4096)
def char_cells(ch: str) -> tuple[str, int]:
    """How one character is drawn: the text shown and its width in terminal cells."""
    if ch == "\t":
        return " ", 1
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp") or ch in "\u3000\u00a0" or ch == "\ufffd":
        shown = f"⟨U+{ord(ch):04X}⟩"
        return shown, len(shown)
    if category in ("Mn", "Me"):
        return ch, 0
    return ch, 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_cell_text, _width = itemgetter(0), itemgetter(1)


@functools.lru_cache(maxsize=1024)
def render_excerpt(line: str, start: int, end: int) -> tuple[str, str]:
    """The line clipped around [start, end) (0-based columns) and the caret line under it
    (remembered: the same line and span recur across files that share boilerplate)."""
    offset, cells, widths = _measured_window(line, start, max(end, start + 1))
    if offset:
        line, start, end = line[offset:], start - offset, end - offset
    end = _shown_end(widths, start, end)
    first, last = start, max(end, start + 1)
    used = sum(widths[first:last])
    half_span = sum(widths[start:last]) // 2
    while first > 0 and used + widths[first - 1] <= WINDOW // 2 + half_span:
        first -= 1
        used += widths[first]
    while last < len(cells) and used + widths[last] <= WINDOW:
        used += widths[last]
        last += 1
    while first > 0 and used + widths[first - 1] <= WINDOW:
        first -= 1
        used += widths[first]
    head = "…" if first > 0 or offset else ""
    tail = "…" if last < len(line) else ""
    shown = head + "".join(map(_cell_text, cells[first:last])) + tail
    pad = len(head) + sum(widths[first:start])
    span = max(1, sum(widths[start : min(end, len(line))]))
    return shown, " " * pad + "^" * span


def _shown_end(widths: list[int], start: int, end: int) -> int:
    """Where the span's shown part ends: all of it, or as much as fits in SPAN_CELLS (a finding can cover a
    whole 20-million-character line; its excerpt must not)."""
    used = 0
    for at in range(start, min(end, len(widths))):
        used += widths[at]
        if used > SPAN_CELLS:
            return at
    return end


def _measured_window(line: str, start: int, end: int) -> tuple[int, list[tuple[str, int]], list[int]]:
    """`char_cells` of the part of the line an excerpt can show, and where that part starts.

    Lines of extracted text can be whole paragraphs of thousands of characters;
    every character but a combining mark is at least one cell wide, so at most
    WINDOW characters either side of the span can be shown. With a combining
    mark nearby the whole line is measured.
    """
    offset = max(0, start - WINDOW)
    cells = list(map(char_cells, line[offset : min(end, start + SPAN_CELLS) + WINDOW]))
    widths = list(map(_width, cells))
    if 0 in widths:
        cells = list(map(char_cells, line))
        return 0, cells, list(map(_width, cells))
    return offset, cells, widths


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """The report line by line (the CLI writes it as it comes, so a big report is never held whole)."""
    on = dict(STYLES) if options.color else dict.fromkeys(STYLES, "")
    off = RESET if options.color else ""
    bold, dim = on["bold"], on["dim"]
    yield from _fix_log(result, quiet=options.quiet)
    limit = 0 if options.quiet else options.max_per_rule
    stream = stream_of(result)
    for file_path, findings, quoted in stream.by_file():
        documents: dict = {}  # the document of this path, when a finding quotes a line the run did not keep
        for f, more in _shown(findings, limit, stream.counted(file_path)):
            rule, severity, message, path, number, column, end_line, end_column = f[:8]
            if more:
                yield f"{dim}{path}: … {more} more [{rule}] in this file (--max-per-rule 0 shows all){off}\n"
                continue
            marked = on[severity]
            head = f"{bold}{path}:{number}:{column}:{off} {marked}{severity}{off} [{rule}] {message}"
            if options.quiet:
                yield head
                continue
            block = [head]  # a finding's lines go out as one (a few hundred thousand lines are written)
            line = source_line(result, path, number, quoted, documents)
            if line is not None:
                shown, carets = render_excerpt(line, column - 1, end_column - 1 if end_line == number else len(line))
                gutter = " " * len(str(number))
                block += (f"{dim}{gutter} |{off}", f"{dim}{number} |{off} {shown}", f"{dim}{gutter} |{off} {marked}{carets}{off}")
            fix = f[12]  # a Fix's fields as a row: start, end, replacement, safe, ..., original
            if fix is not None:
                how = "--fix" if fix[3] else "--unsafe-fixes"
                block.append(f"{dim}  = fix ({how}): {_fix_description(fix[8], fix[2], fix[0] == fix[1])}{off}")
            for r in f[13]:  # Locations or their rows: path, line, column, end_line, end_column, message
                block.append(f"{dim}  = see {r[0]}:{r[1]}:{r[2]}" + (f" {r[5]}" if r[5] else "") + off)
            block.append("")
            yield "\n".join(block)
    if options.statistics:
        yield from _statistics(result)
    if not options.quiet:
        yield summary_line(result)


def findings_read(options: ReportOptions) -> int | None:
    """How many findings of one rule in one file this report reads, the rest it only counts (None: all):
    a rule's first `--max-per-rule` and the one its "… n more" line stands for. A run need keep no more."""
    return None if options.quiet or not options.max_per_rule else options.max_per_rule + 1


def _shown(findings: list, limit: int, counted: dict[str, int]) -> Iterator[tuple]:
    """(row, 0) for each finding of one file the report shows (`report_rows`), in order, and (row, n) where a rule's
    first `limit` findings end and its `n` more are counted (`counted`: those the run did not keep). Only the shown
    findings are visited (`first_of_each_rule`)."""
    rows = report_rows(findings)
    if not limit:
        return zip(rows, repeat(0))
    rules = list(field_of(findings, 0))
    places, totals = first_of_each_rule(rules, limit + 1)
    totals.update(counted)
    seen: Counter[str] = Counter()
    shown = []
    for at in places:
        rule = rules[at]
        seen[rule] += 1
        shown.append((rows[at], totals[rule] - limit if seen[rule] > limit else 0))
    return iter(shown)


def _fix_log(result, quiet: bool = False) -> list[str]:
    """After --fix: one line per fix applied or skipped, then a count; the findings that follow are what remains."""
    fixes = getattr(result, "fixes", None) or []
    lines = []
    for file_fixes in fixes:
        for r in file_fixes.applied:
            lines.append(f"{file_fixes.path}:{r.line}:{r.column}: fixed [{r.rule}] {r.message}")
        for r in file_fixes.skipped:
            if file_fixes.converged and r.reason.endswith("next pass"):
                continue  # the next pass ran: its lines, or the findings left, say what became of it
            where = f"{file_fixes.path}:{r.line}:{r.column}:" if r.line else f"{file_fixes.path}:"
            lines.append(f"{where} not fixed [{r.rule}] {r.reason}" if r.rule else f"{where} {r.message}")
    applied = sum(len(f.applied) for f in fixes if f.written or f.diff)
    if fixes and not quiet:
        files = sum(1 for f in fixes if f.written or f.diff)
        lines.append(f"fixed {applied} finding{'s' if applied != 1 else ''} in {files} file{'s' if files != 1 else ''}; remaining findings follow")
        lines.append("")
    return lines


def describe_fix(fix) -> str:
    """What a fix does, in a line: line breaks and invisible characters shown as ⏎ and ⟨U+…⟩."""
    return _fix_description(fix.original, fix.replacement, fix.start == fix.end)


@functools.lru_cache(maxsize=1024)
def _fix_description(original: str, replacement: str, insertion: bool) -> str:
    """`describe_fix` of one edit (remembered: most fixes of a run are a few edits over and over)."""
    old, new = _clipped_visible(original), _clipped_visible(replacement)
    if not original:
        return f"insert `{new}`" if insertion else f"→ `{new}`"
    if not replacement:
        return f"delete `{old}`"
    return f"replace `{old}` with `{new}`"


def _visible(text: str) -> str:
    return "".join("⏎" if ch == "\n" else "" if ch == "\r" else char_cells(ch)[0] for ch in text)


def _statistics(result) -> list[str]:
    """Findings per rule, most first, with the severity of each rule's first finding."""
    count: Counter[str] = Counter()
    severity: dict[str, str] = {}
    stream = stream_of(result)
    for path, findings, _ in stream.by_file():
        rules, severities = list(field_of(findings, 0)), list(field_of(findings, 1))
        of_file = Counter(rules)
        count.update(of_file)
        count.update(stream.counted(path))
        for rule in of_file.keys() - severity.keys():
            severity[rule] = severities[rules.index(rule)]
    rows = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
    lines = [f"{n:6d}  {rule:34s} {severity[rule]}" for rule, n in rows]
    return lines + ([""] if lines else [])


def _clipped_visible(text: str, limit: int = 40) -> str:
    """`_clip(_visible(text))`, made visible only as far as the clip can reach (a fix can replace millions of characters)."""
    head = _visible(text[: limit * 4])
    if len(head) > limit or len(text) <= limit * 4:
        return _clip(head, limit)
    return _clip(_visible(text), limit)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
