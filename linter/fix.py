"""Applying fixes: non-overlapping, repeated until stable, written atomically.

`wenlint check --fix` applies the fixes rules declare `safe`; `--unsafe-fixes`
adds the others; `--diff` shows a unified diff instead of writing. Per file:

1. lint with the per-document rules and take the fixes the mode allows;
2. keep a set of fixes that do not overlap, earliest start first, then rule id
   (a fix that overlaps one already kept is skipped and reported; the next
   pass sees the text again and fixes it if it still needs it);
3. apply them and repeat until no fix applies, at most `max_passes` times, so
   a second `--fix` changes nothing;
4. encode the text as the file was encoded (BOM and line endings kept) and
   replace the file atomically: a temporary file in the same folder, fsync,
   permissions copied, `os.replace`. If anything fails the original stays.

Set-level rules (consistency across files) are not applied here: their
findings describe the set, and they remain in the report.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import regex

from . import store
from .document import Document
from .engine import lint_document
from .errors import InputError
from .findings import Finding
from .loading import decode_document, read_bytes
from .rule import Rule

MAX_PASSES = 10
_BARE_LF = regex.compile(r"(?<!\r)\n")
_LINES = regex.compile(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True)
class FixOptions:
    unsafe: bool = False
    write: bool = True
    max_passes: int = MAX_PASSES


@dataclass(frozen=True)
class FixRecord:
    """A fix applied or skipped, placed in the text of the pass that saw it (pass 1: the file as it was)."""

    rule: str
    line: int
    column: int
    message: str
    replacement: str
    safe: bool
    pass_number: int
    reason: str = ""


@dataclass
class FileFixes:
    """What fixing one file did."""

    path: str
    applied: list[FixRecord] = field(default_factory=list)
    skipped: list[FixRecord] = field(default_factory=list)
    converged: bool = True
    changed: bool = False
    written: bool = False
    diff: str = ""
    error: InputError | None = None


def allowed(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def select_fixes(findings: Iterable[Finding], document: Document) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Fixes that can be applied together, and the skipped ones with the reason.

    Order is by fix start, then rule id, then end, so the choice never depends
    on the order rules ran. Two fixes conflict when their spans overlap, or
    when both insert at the same offset. A fix identical to a kept one (same
    span, same replacement, another rule) is kept as well: applying it once
    fixes both findings.
    """
    kept: list[Finding] = []
    skipped: list[tuple[Finding, str]] = []
    last_end, last_insert = -1, -1
    text_length = len(document.text)
    for f in sorted(findings, key=lambda f: (f.fix.start, f.rule, f.fix.end, f.fix.replacement)):
        fix = f.fix
        if not 0 <= fix.start <= fix.end <= text_length or (fix.line and document.position(fix.start) != (fix.line, fix.column)):
            skipped.append((f, "the fix does not point into this text"))
            continue
        if kept and _same_edit(kept[-1], f):
            kept.append(f)
            continue
        if fix.start < last_end or (fix.start == fix.end == last_insert):
            blocker = next(k for k in reversed(kept) if k.fix.end > fix.start or k.fix.start == k.fix.end == fix.start)
            skipped.append((f, f"overlaps the fix of {blocker.rule} at {blocker.fix.line}:{blocker.fix.column}; looked at again in the next pass"))
            continue
        kept.append(f)
        last_end = max(last_end, fix.end)
        if fix.start == fix.end:
            last_insert = fix.start
    return kept, skipped


def _same_edit(a: Finding, b: Finding) -> bool:
    return (a.fix.start, a.fix.end, a.fix.replacement) == (b.fix.start, b.fix.end, b.fix.replacement)


def apply_fixes(text: str, fixes: list[Finding], newline: str = "\n") -> str:
    """The text with non-overlapping fixes applied (sorted by start, duplicates applied once).

    A line break a fix inserts takes the document's form (CRLF in a CRLF file).
    """
    pieces: list[str] = []
    position = 0
    for f in sorted(fixes, key=lambda f: (f.fix.start, f.fix.end)):
        if f.fix.start < position:
            continue
        replacement = f.fix.replacement
        if newline == "\r\n" and "\n" in replacement:
            replacement = _BARE_LF.sub("\r\n", replacement)
        pieces.append(text[position : f.fix.start])
        pieces.append(replacement)
        position = f.fix.end
    pieces.append(text[position:])
    return "".join(pieces)


def fix_document(document: Document, rules: list[Rule], options: FixOptions) -> tuple[Document, FileFixes]:
    """Apply fixes to a document until none applies; return the fixed document and what was done."""
    doc_rules = [r for r in rules if not r.set_level]
    report = FileFixes(document.path)
    seen_texts = {hash(document.text)}
    current = document
    for pass_number in range(1, options.max_passes + 1):
        findings = lint_document(current, doc_rules).findings
        candidates = [f for f in findings if allowed(f, options.unsafe)]
        kept, skipped = select_fixes(candidates, current)
        report.skipped.extend(_record(f, pass_number, reason) for f, reason in skipped)
        if not kept:
            break
        report.applied.extend(_record(f, pass_number) for f in kept)
        text = apply_fixes(current.text, kept, current.newline)
        current = Document(text, current.path, bom=current.bom, encoding=current.encoding)
        if hash(text) in seen_texts:
            report.converged = False
            report.skipped.append(FixRecord("", 0, 0, "fixes undo each other; stopped", "", False, pass_number, "cycle"))
            break
        seen_texts.add(hash(text))
    else:
        leftover = [f for f in lint_document(current, doc_rules).findings if allowed(f, options.unsafe)]
        if leftover:
            report.converged = False
            report.skipped.extend(
                _record(f, options.max_passes + 1, f"still fixable after {options.max_passes} passes") for f in leftover
            )
    report.changed = current.text != document.text
    return current, report


def _record(f: Finding, pass_number: int, reason: str = "") -> FixRecord:
    return FixRecord(f.rule, f.line, f.column, f.message, f.fix.replacement, f.fix.safe, pass_number, reason)


def fix_file(path: Path, rules: list[Rule], options: FixOptions, encoding: str = "utf-8") -> tuple[Document, FileFixes]:
    """Read, fix and (unless only diffing) rewrite one file; return the document to report on.

    When writing fails the original file is untouched, the error is in
    `FileFixes.error`, and the document returned is the original.
    """
    display = os.path.normpath(path)
    data = read_bytes(path, display)
    original = decode_document(data, display, encoding)
    fixed, report = fix_document(original, rules, options)
    if not report.changed:
        return original, report
    if not options.write:
        report.diff = unified_diff(display, original.text, fixed.text)
        return original, report
    try:
        new_data = encode_document(fixed)
        if encode_document(original) != data:
            raise InputError(display, f"fixes not written: its {original.encoding.upper()} bytes do not survive decoding and encoding unchanged")
        write_atomic(Path(path), new_data, expected=data)
    except InputError as exc:
        report.error = exc
        return original, report
    except UnicodeEncodeError as exc:
        report.error = InputError(display, f"fixes not written: {exc.object[exc.start:exc.end]!r} cannot be written in {original.encoding.upper()}")
        return original, report
    report.written = True
    return fixed, report


def encode_document(document: Document) -> bytes:
    """The bytes of a document as its file had them: same encoding, BOM if it had one."""
    return (("\ufeff" if document.bom else "") + document.text).encode(document.encoding)


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file at `path` (a symbolic link's target) with `data` as `store.rewrite` does; with
    `expected`, a file that changed since it was read is left alone. InputError when it is not written."""
    target = Path(os.path.realpath(path))
    display = os.path.normpath(path)
    try:
        os.stat(target)
        if expected is not None and target.read_bytes() != expected:
            raise InputError(display, "fixes not written: the file changed while it was being checked")
    except OSError as exc:
        raise InputError(display, f"fixes not written: {exc.strerror or exc}") from None
    try:
        store.rewrite(target, data)
    except OSError as exc:
        raise InputError(display, f"fixes not written, file left unchanged: {exc.strerror or exc}") from None


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file; line endings are shown as they are."""
    lines = difflib.unified_diff(_LINES.findall(before), _LINES.findall(after), fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
