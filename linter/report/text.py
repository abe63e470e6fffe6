"""`--format text` (default): a line per finding, the source line, carets under the span.

Columns are code points; carets are placed by display width (CJK = 2 cells),
and invisible characters are drawn as ⟨U+200B⟩ so a reader sees them.
A rule that fires many times in one file shows its first few findings and
one line counting the rest (`--max-per-rule 0` shows all).
"""

from __future__ import annotations

import os
import unicodedata

from . import ReportOptions, summary_line

NAME = "text"
WINDOW = 72
STYLES = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "dim": "\033[2m", "bold": "\033[1m"}
RESET = "\033[0m"


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


def render_excerpt(line: str, start: int, end: int) -> tuple[str, str]:
    """The line clipped around [start, end) (0-based columns) and the caret line under it.

    Only a window of the line around the span is measured, so a finding on
    a line of millions of characters costs no more than one on a short line.
    """
    clip = max(0, start - WINDOW)
    if clip or len(line) > end + 2 * WINDOW:
        stop = min(len(line), max(end, start + 1) + 2 * WINDOW, start + 4 * WINDOW)
        shown, carets = render_excerpt(line[clip:stop], start - clip, min(end, stop) - clip)
        if clip and not shown.startswith("…"):
            shown, carets = "…" + shown, " " + carets
        if stop < len(line) and not shown.endswith("…"):
            shown += "…"
        return shown, carets
    cells = [char_cells(ch) for ch in line]
    widths = [w for _, w in cells]
    first, last = start, max(end, start + 1)
    used = sum(widths[first:last])
    while first > 0 and used + widths[first - 1] <= WINDOW // 2 + sum(widths[start:last]) // 2:
        first -= 1
        used += widths[first]
    while last < len(line) and used + widths[last] <= WINDOW:
        used += widths[last]
        last += 1
    while first > 0 and used + widths[first - 1] <= WINDOW:
        first -= 1
        used += widths[first]
    head = "…" if first > 0 else ""
    tail = "…" if last < len(line) else ""
    shown = head + "".join(s for s, _ in cells[first:last]) + tail
    pad = len(head) + sum(widths[first:start])
    span = max(1, sum(widths[start : min(end, len(line))]))
    return shown, " " * pad + "^" * span


def render(result, options: ReportOptions) -> str:
    def style(name: str, text: str) -> str:
        return f"{STYLES[name]}{text}{RESET}" if options.color else text

    out: list[str] = _fix_log(result)
    documents: dict[str, list[str]] = {}
    shown_per_rule: dict[tuple[str, str], int] = {}
    totals: dict[tuple[str, str], int] = {}
    for f in result.findings:
        totals[(f.path, f.rule)] = totals.get((f.path, f.rule), 0) + 1
    for f in result.findings:
        key = (f.path, f.rule)
        n = shown_per_rule[key] = shown_per_rule.get(key, 0) + 1
        limit = options.max_per_rule
        if limit and n > limit:
            if n == limit + 1:
                rest = totals[key] - limit
                out.append(style("dim", f"{f.path}: … {rest} more [{f.rule}] in this file (--max-per-rule 0 shows all)"))
                out.append("")
            continue
        if options.quiet:
            out.append(f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}")
            continue
        out.append(
            f"{style('bold', f'{f.path}:{f.line}:{f.column}:')} {style(f.severity, f.severity)} [{f.rule}] {f.message}"
        )
        line = _source_line(result, documents, options, f)
        if line is not None:
            end_col = f.end_column - 1 if f.end_line == f.line else len(line)
            shown, carets = render_excerpt(line, f.column - 1, end_col)
            gutter = " " * len(str(f.line))
            out.append(style("dim", f"{gutter} |"))
            out.append(f"{style('dim', f'{f.line} |')} {shown}")
            out.append(f"{style('dim', f'{gutter} |')} {style(f.severity, carets)}")
        if f.fix is not None:
            how = "--fix" if f.fix.safe else "--unsafe-fixes"
            out.append(style("dim", f"  = fix ({how}): → {_clip(f.fix.replacement)}" if f.fix.replacement else f"  = fix ({how}): delete"))
        for r in f.related:
            out.append(style("dim", f"  = see {r.path}:{r.line}:{r.column}" + (f" {r.message}" if r.message else "")))
        out.append("")
    for e in result.errors:
        out.append(f"{e.path}: error: {e.detail}")
    if options.statistics:
        out.extend(_statistics(result))
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def _fix_log(result) -> list[str]:
    """After --fix: one line per fix applied or skipped, then a count; the findings that follow are what remains."""
    fixes = getattr(result, "fixes", None) or []
    lines = []
    for file_fixes in fixes:
        for r in file_fixes.applied:
            lines.append(f"{file_fixes.path}:{r.line}:{r.column}: fixed [{r.rule}] {r.message}")
        for r in file_fixes.skipped:
            where = f"{file_fixes.path}:{r.line}:{r.column}:" if r.line else f"{file_fixes.path}:"
            lines.append(f"{where} not fixed [{r.rule}] {r.reason}" if r.rule else f"{where} {r.message}")
    applied = sum(len(f.applied) for f in fixes if f.written or f.diff)
    if fixes:
        files = sum(1 for f in fixes if f.written or f.diff)
        lines.append(f"fixed {applied} finding{'s' if applied != 1 else ''} in {files} file{'s' if files != 1 else ''}; remaining findings follow")
        lines.append("")
    return lines


def _statistics(result) -> list[str]:
    per_rule: dict[str, list] = {}
    for f in result.findings:
        per_rule.setdefault(f.rule, []).append(f)
    rows = sorted(per_rule.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    lines = [f"{len(items):6d}  {rule:34s} {items[0].severity}" for rule, items in rows]
    return lines + ([""] if lines else [])


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source_line(result, documents: dict, options: ReportOptions, f) -> str | None:
    known = getattr(result, "lines", {}).get(f.path, {})
    if f.line in known:
        return known[f.line]
    lines = documents.get(f.path)
    if lines is None:
        lines = documents[f.path] = _read_lines(os.path.join(options.root, f.path))
    return lines[f.line - 1] if 0 < f.line <= len(lines) else None


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            return [line.rstrip("\r\n") for line in fh.read().split("\n")]
    except OSError:
        return []
