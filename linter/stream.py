"""A run's findings as reports read them: streamed in report order, one file unpacked at a time."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .document import Document
from .errors import InputError
from .findings import Finding, assign_fingerprints, merged_in_report_order, report_order, severity_counts
from .rule import Rule


class FindingStream(Sequence):
    """Every finding of a run in report order, unpacked one file at a time as it is read.

    The order is that of sorting all findings by `Finding.sort_key`, whose first
    field is the path: each file's findings arrive sorted, and the set-level
    findings of a path are merged into that path's own. A run that kept only each
    rule's first findings in a file (`runner.lint_files`' keep_per_rule) yields those;
    `counted` says how many more each rule has, and `tally` counts every finding.
    """

    def __init__(self, results: list, set_findings: list[Finding]):
        self._by_path: dict[str, list] = {}
        for r in results:
            self._by_path.setdefault(r.path, []).append(r)
        grouped: dict[str, list[Finding]] = {}
        for f in set_findings:
            grouped.setdefault(f.path, []).append(f)
        self._set_findings = {path: assign_fingerprints(sorted(group, key=report_order)) for path, group in grouped.items()}
        self._count = sum(r.count for r in results) + len(set_findings)
        self._keep: Callable[[Sequence[Finding]], list[Finding]] | None = None
        self._tally: tuple[dict[str, int], int] | None = None

    def filtered(self, keep: Callable[[Sequence[Finding]], list[Finding]], tally: tuple[dict[str, int], int]) -> FindingStream:
        """The same run showing only what `keep` keeps of each file's findings (in order), applied as
        they are read after any earlier filter; `tally` is that of the kept findings, counted by the caller."""
        earlier = self._keep
        stream = copy.copy(self)
        stream._keep = keep if earlier is None else (lambda findings: keep(earlier(findings)))
        stream._tally = tally
        stream._count = sum(tally[0].values())
        return stream

    def by_file(self) -> Iterator[tuple[str, Sequence[Finding], dict[int, str]]]:
        """(path, its findings in order, the source lines they quote) for each path with findings."""
        for path in self.paths():
            findings, lines = self.of_path(path)
            if findings:
                yield path, findings, lines

    def paths(self) -> list[str]:
        """Every path that may have findings (some may be filtered out), in report order."""
        return sorted(self._by_path.keys() | self._set_findings.keys())

    def of_path(self, path: str) -> tuple[Sequence[Finding], dict[int, str]]:
        """One path's findings in order and the source lines they quote, unpacked now (each finding built when read)."""
        findings: Sequence[Finding] = []
        lines: dict[int, str] = {}
        results = self._by_path.get(path, ())
        for r in results:
            own, quoted = r.unpack()
            findings = [*findings, *own] if findings else own
            lines.update(quoted)
        extra = self._set_findings.get(path)
        if len(results) > 1:
            findings = sorted([*findings, *(extra or ())], key=report_order)
        elif extra:
            findings = merged_in_report_order(findings, extra)
        if self._keep is not None and findings:
            findings = self._keep(findings)
        return findings, lines

    def tally(self) -> tuple[dict[str, int], int]:
        """Findings per severity and the number of files with findings, without unpacking any."""
        if self._tally is not None:
            return dict(self._tally[0]), self._tally[1]
        counts = severity_counts(f for group in self._set_findings.values() for f in group)
        paths = set(self._set_findings)
        for path, results in self._by_path.items():
            for r in results:
                for severity, n in r.severities.items():
                    counts[severity] += n
                if r.count:
                    paths.add(path)
        return counts, len(paths)

    def counted(self, path: str) -> dict[str, int]:
        """rule id -> that rule's findings in `path` the run counted but did not keep (none but with keep_per_rule)."""
        more: dict[str, int] = {}
        for r in self._by_path.get(path, ()):
            for rule, n in r.counted.items():
                more[rule] = more.get(rule, 0) + n
        return more

    def lines(self, path: str) -> dict[int, str]:
        quoted: dict[int, str] = {}
        for r in self._by_path.get(path, ()):
            quoted.update(r.unpack()[1])
        return quoted

    def __iter__(self) -> Iterator[Finding]:
        for _, findings, _ in self.by_file():
            yield from findings

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        """Read as far as the index, no further (a slice with a negative step reads all)."""
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step < 0:
                return list(self)[index]
            return list(itertools.islice(self, start, stop, step))
        at = index + len(self) if index < 0 else index
        if not 0 <= at < len(self):
            raise IndexError("FindingStream index out of range")
        return next(itertools.islice(self, at, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Sequence, list)) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FindingStream({len(self)} findings)"


class QuotedLines:
    """RunResult.lines over a FindingStream: path -> {line number: text}, unpacked on request
    (the last path is remembered: reports ask for the lines of one file after another);
    `document` reads a whole document again as the run read it, so no report decodes text itself."""

    def __init__(self, stream: FindingStream, encoding: str = "utf-8", texts: dict[str, str] | None = None):
        self._stream = stream
        self._last: tuple[str, dict[int, str]] | None = None
        self._encoding = encoding
        self._texts = texts or {}

    def document(self, path: str) -> Document | None:
        """The document at `path` decoded with the run's --encoding (None when it cannot be read now)."""
        if path in self._texts:
            return Document(self._texts[path], path)
        from .loading import read_again

        return read_again(path, self._encoding)

    def get(self, path: str, default=None):
        if self._last is None or self._last[0] != path:
            self._last = (path, self._stream.lines(path))
        return self._last[1] or default

    def __getitem__(self, path: str) -> dict[int, str]:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.get(path) is not None


@dataclass
class RunResult:
    """`findings` is a sequence in report order (a FindingStream from `run`); `lines` maps a path
    to the source lines its findings quote."""

    findings: Sequence[Finding]
    errors: list[InputError]
    files: list[str]
    rules: list[Rule]
    lines: Any = field(default_factory=dict)
    fixes: list[Any] = field(default_factory=list)
    not_listed: list[tuple[str, str, int]] = field(default_factory=list)  # (path, rule, findings past the bound)

    @property
    def files_checked(self) -> int:
        return len(self.files) - len({e.path for e in self.errors if isinstance(e, InputError)})
