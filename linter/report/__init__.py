"""Output formats. Each module here is one format, found by its `NAME`.

A format module defines `NAME` and `render_lines(result, options)`, which yields
the report's lines (without line breaks; a line may hold several) as it reads
the run: `result` is the engine's RunResult and `options` a ReportOptions.
Every format reads the findings one way, `findings_by_file(result)` (a stream:
each file's findings in report order and the source lines they quote), and
a line a finding does not quote through `source_line`, which the run decodes
with its own --encoding. `render` makes any format's lines one text. A format that
reads only a rule's first few findings in a file may say how many (`findings_read(options)`):
a run then keeps no more and counts the rest (`counted(path)` of the stream).
"""

from __future__ import annotations

import importlib
import pkgutil
from itertools import groupby
from json import JSONEncoder, dumps
from json.encoder import encode_basestring
from dataclasses import dataclass
from operator import itemgetter
from types import ModuleType
from typing import Iterable, Iterator


@dataclass
class ReportOptions:
    color: bool = False
    max_per_rule: int = 5
    statistics: bool = False
    quiet: bool = False
    fail_on: str = "warning"
    max_results: int | None = None  # --max-results: None is the format's own limit, 0 none


def render(reporter: ModuleType, result, options: ReportOptions) -> str:
    """The whole report of the format module `reporter` as one text (each line ended by a line break)."""
    return "".join(line + "\n" for line in reporter.render_lines(result, options))


def findings_by_file(result) -> Iterator[tuple[str, list, dict[int, str]]]:
    """(path, its findings in report order, the source lines they quote) for each path with findings."""
    return stream_of(result).by_file()


def each_finding(result) -> Iterator:
    """Every finding of the run in report order, file after file."""
    for _, findings, _ in findings_by_file(result):
        yield from findings


def stream_of(result):
    """The run's findings as a stream (a FindingStream); a RunResult built by hand with a list of
    findings in report order is read as one."""
    return as_stream(result.findings, result.lines)


def as_stream(findings, lines=None):
    return findings if hasattr(findings, "by_file") else ListedFindings(findings, lines)


class ListedFindings:
    """A list of findings in report order read as a FindingStream: a file's findings are a run of one path."""

    def __init__(self, findings, lines) -> None:
        self._findings = list(findings)
        self._lines = lines if isinstance(lines, dict) else {}
        self._of_path: dict[str, list] = {}
        for f in self._findings:
            self._of_path.setdefault(f[3], []).append(f)

    def by_file(self) -> Iterator[tuple[str, list, dict[int, str]]]:
        for path, group in groupby(self._findings, key=itemgetter(3)):
            yield path, list(group), self._lines.get(path, {})

    def paths(self) -> list[str]:
        return list(self._of_path)

    def of_path(self, path: str) -> tuple[list, dict[int, str]]:
        return self._of_path.get(path, []), self._lines.get(path, {})

    def counted(self, path: str) -> dict[str, int]:
        return {}

    def tally(self) -> tuple[dict[str, int], int]:
        result = {"error": 0, "warning": 0, "info": 0}
        for f in self._findings:
            result[f[1]] += 1
        return result, len({f[3] for f in self._findings})

    def __iter__(self):
        return iter(self._findings)

    def __len__(self) -> int:
        return len(self._findings)


def source_line(result, path: str, number: int, quoted: dict[int, str], documents: dict) -> str | None:
    """Line `number` of `path`: from the lines the findings quote, else from the document as the run
    decodes it (read once per path and kept in `documents`); None when neither has it."""
    if number in quoted:
        return quoted[number]
    document = source_document(result, path, documents)
    return document.line(number) if document is not None and 0 < number <= document.line_count else None


def source_document(result, path: str, documents: dict):
    """The whole document at `path` as the run decodes it (None: not available), kept in `documents`."""
    if path not in documents:
        read = getattr(result.lines, "document", None)
        documents[path] = read(path) if read is not None else None
    return documents[path]


def findings_read(reporter: ModuleType, options: ReportOptions) -> int | None:
    """How many findings of one rule in one file the format module `reporter` reads with these options
    (its `findings_read`; None, every finding, for a format without one): a run need keep no more."""
    read = getattr(reporter, "findings_read", None)
    return read(options) if read is not None else None


def formats() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            if getattr(module, "NAME", None):
                found[module.NAME] = module
    return found


def counts(findings) -> dict[str, int]:
    return tally(findings)[0]


def tally(findings) -> tuple[dict[str, int], int]:
    """Findings per severity and the number of files with findings (the stream knows both without unpacking)."""
    return as_stream(findings).tally()


def summary_line(result) -> str:
    c, files_with = tally(result.findings)
    n = sum(c.values())  # every finding, also those a run counted without keeping them
    parts = [f"{c[s]} {s}{'s' if c[s] != 1 else ''}" for s in ("error", "warning", "info") if c[s]]
    detail = f" ({', '.join(parts)})" if parts else ""
    line = f"{n} finding{'s' if n != 1 else ''}{detail} in {files_with} file{'s' if files_with != 1 else ''}"
    line += f"; {result.files_checked} file{'s' if result.files_checked != 1 else ''} checked"
    unreadable, stopped = error_kinds(result.errors)
    if unreadable:
        line += f", {len(unreadable)} could not be read"
    if stopped:
        line += f"; {len(stopped)} rule failure{'s' if len(stopped) != 1 else ''} (see the errors above)"
    return line


def error_kinds(errors) -> tuple[list, list]:
    """(files that could not be read, rules that could not finish on a file that was read)."""
    from ..errors import InputError

    unreadable = [e for e in errors if isinstance(e, InputError)]
    return unreadable, [e for e in errors if not isinstance(e, InputError)]



def json_array_lines(elements: Iterable[str], opening: str, closing: str, empty: str) -> Iterator[str]:
    """A JSON array written as its elements come: `opening`, each element a line with a comma after
    all but the last, `closing`; `empty` alone when there are none (the streamed reports' common loop)."""
    previous = None
    for element in elements:
        yield opening if previous is None else previous + ","
        previous = element
    if previous is None:
        yield empty
    else:
        yield previous
        yield closing


class _Newlines(dict):
    """level -> a line break and that level's indentation (2 spaces a level), made on first use."""

    def __missing__(self, level: int) -> str:
        text = self[level] = "\n" + "  " * level
        return text


_NEWLINE = _Newlines()
_encode_str = encode_basestring
_encode_other = JSONEncoder(ensure_ascii=False).encode


def indented_json(value, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` as it reads nested `level` indents deep.

    The standard indented encoder is pure Python; this one walks dicts and lists
    itself and hands every leaf to the C encoder, several times faster for
    reports of many small objects (json names the sibling module
    here, hence the imports by name). Anything but str-keyed dicts, lists, tuples
    and leaves goes to `json.dumps` whole, re-indented (same text either way).
    """
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is int:
        return int.__repr__(value)
    if kind is dict:
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            if type(key) is not str:
                return _dumped(value, level)
            parts.append(_encode_str(key) + ": " + (_encode_str(item) if type(item) is str else indented_json(item, level + 1)))
        inner = _NEWLINE[level + 1]
        return "{" + inner + ("," + inner).join(parts) + _NEWLINE[level] + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = _NEWLINE[level + 1]
        return "[" + inner + ("," + inner).join([indented_json(item, level + 1) for item in value]) + _NEWLINE[level] + "]"
    if value is None or kind is bool:
        return _encode_other(value)
    return _dumped(value, level)


def _dumped(value, level: int) -> str:
    return dumps(value, ensure_ascii=False, indent=2).replace("\n", _NEWLINE[level])
