"""Running rules: every per-document check on each file, then the set-level checks.

Per-document work is independent (it can run in parallel and ships back only
findings and compact summaries); set-level rules then see one summary per
document, never the texts themselves, so memory stays bounded on large sets.
"""

from __future__ import annotations

import copy
import io
import itertools
import marshal
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .cache import safe_loads
from .document import Document
from .errors import CheckError, InputError, InternalError
from .findings import Finding, assign_fingerprints, pack_findings, report_order, unpack_findings
from .loading import discover, read_document
from .prefilter import DocumentScan
from .rules import Rule
from .saferegex import RegexTimeout


@dataclass
class DocumentResult:
    """What one document yields: findings, set-level summaries, or the error that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    error: InputError | None = None
    size: int = 0
    lines: dict[int, str] = field(default_factory=dict)
    problems: list[CheckError] = field(default_factory=list)
    fixes: Any = None
    not_listed: dict[str, int] = field(default_factory=dict)  # rule id -> findings past FINDINGS_PER_RULE

    @property
    def errors(self) -> list:
        return _errors(self)

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def severities(self) -> dict[str, int]:
        return severity_counts(self.findings)

    def unpack(self) -> tuple[list[Finding], dict[int, str]]:
        return self.findings, self.lines


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def _errors(result) -> list:
    """Every error a document produced: unreadable, rules that stopped, fixes not written."""
    found = [result.error] if result.error is not None else []
    found += result.problems
    if result.fixes is not None and result.fixes.error is not None:
        found.append(result.fixes.error)
    return found


@dataclass
class PackedResult:
    """A DocumentResult as a run keeps it: the findings and the lines they quote stay
    marshalled until a report reads them, one file at a time, and the set-level summaries
    pickled until the set phase reads them (PackedSummaries), so memory follows the size
    of the packed data rather than of their objects (uncompressed: zlib took longer than
    unpacking itself, for a third of the size)."""

    path: str
    packed: bytes | Spilled = b""  # Spilled: moved to the run's SpillFile
    count: int = 0
    summaries: PackedSummaries | dict = field(default_factory=dict)
    problems: list[CheckError] = field(default_factory=list)
    error: InputError | None = None
    size: int = 0
    fixes: Any = None
    severities: dict[str, int] = field(default_factory=dict)
    key: str = ""  # the cache key of the file's bytes, when a cache is in use
    cached: bool = False  # read from the cache rather than linted in this run
    not_listed: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list:
        return _errors(self)

    def unpack(self) -> tuple[list[Finding], dict[int, str]]:
        if not self.packed:
            return [], {}
        packed = self.packed
        return unpack_findings(packed if isinstance(packed, bytes) else packed.read())

    @property
    def findings(self) -> list[Finding]:
        return self.unpack()[0]

    @property
    def lines(self) -> dict[int, str]:
        return self.unpack()[1]


class Spilled:
    """Where packed findings moved to in a SpillFile: a few numbers instead of the bytes."""

    __slots__ = ("file", "offset", "size")

    def __init__(self, file: Any, offset: int, size: int) -> None:
        self.file, self.offset, self.size = file, offset, size

    def __len__(self) -> int:
        return self.size

    def read(self) -> bytes:
        return self[0:self.size]

    def __getitem__(self, part: slice) -> bytes:
        start, stop, _ = part.indices(self.size)
        self.file.seek(self.offset + start)
        return self.file.read(max(0, stop - start))


class PackedSummaries(Mapping):
    """A document's set-level summaries as a run keeps them: rule id -> summary, each rule's
    pickled apart and unpickled only when the set phase reads that rule, so a large set holds
    bytes (or, past the budget, places in the SpillFile) rather than objects."""

    __slots__ = ("rules", "ends", "packed")

    def __init__(self, rules: tuple[str, ...], ends: tuple[int, ...], packed: bytes | Spilled) -> None:
        self.rules, self.ends, self.packed = rules, ends, packed

    @classmethod
    def of(cls, summaries: dict[str, Any]) -> PackedSummaries:
        blobs = [pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for value in summaries.values()]
        ends, end = [], 0
        for blob in blobs:
            end += len(blob)
            ends.append(end)
        return cls(tuple(summaries), tuple(ends), b"".join(blobs))

    def __getitem__(self, rule_id: str) -> Any:
        try:
            i = self.rules.index(rule_id)
        except ValueError:
            raise KeyError(rule_id) from None
        return safe_loads(self.packed[self.ends[i - 1] if i else 0:self.ends[i]])

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.rules

    def verify(self) -> None:
        """Unpack every summary once and drop it: raises on one the safe unpickler refuses."""
        for rule_id in self.rules:
            self[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


class SpillFile:
    """Keeps a run's packed findings and summaries in memory up to `budget` bytes and the rest
    in an unlinked temporary file, so the memory of a large run does not grow with its documents:
    the set phase reads summaries back one rule and one file at a time, the report the findings."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.held = 0
        self._file = None
        self._end = 0

    def keep(self, result: PackedResult) -> None:
        """Hold the result's packed findings and summaries, or move them to the file."""
        result.packed = self._kept(result.packed)
        summaries = result.summaries
        if isinstance(summaries, PackedSummaries):
            summaries.packed = self._kept(summaries.packed)

    def _kept(self, packed: bytes | Spilled) -> bytes | Spilled:
        if not isinstance(packed, bytes) or not packed:
            return packed
        if self.held + len(packed) <= self.budget:
            self.held += len(packed)
            return packed
        if self._file is None:
            import tempfile  # only runs past the budget need it

            self._file = tempfile.TemporaryFile(prefix="wenlint-findings-")
        self._file.seek(self._end)
        self._file.write(packed)
        spilled = Spilled(self._file, self._end, len(packed))
        self._end += len(packed)
        return spilled


def pack_result(result: DocumentResult) -> PackedResult:
    packed = pack_findings(result.findings, result.lines) if result.findings else b""
    return PackedResult(result.path, packed, len(result.findings), PackedSummaries.of(result.summaries), result.problems,
                        result.error, result.size, result.fixes, severity_counts(result.findings),
                        not_listed=result.not_listed)


def encode_result(result: PackedResult) -> bytes:
    """A packed result as bytes for the cache and between processes: marshal for the findings
    (plain tuples), pickle only for set-level summaries (each rule's apart) and errors (not plain data)."""
    summaries = result.summaries
    if not isinstance(summaries, PackedSummaries):
        summaries = PackedSummaries.of(summaries)
    objects = [_pickled(value) for value in (result.problems, result.error)]
    return marshal.dumps((result.path, result.size, result.count, result.packed, result.severities,
                          summaries.rules, summaries.ends, summaries.packed, *objects, result.not_listed))


def decode_result(data: bytes, loads: Callable[[bytes], Any]) -> PackedResult:
    """The inverse of `encode_result`; `loads` unpickles the errors (the cache's safe unpickler; summaries
    always use it, when the set phase reads them)."""
    path, size, count, packed, severities, rules, ends, summaries, problems, error, not_listed = marshal.loads(data)
    return PackedResult(path, packed, count, PackedSummaries(rules, ends, summaries), loads(problems) if problems else [],
                        loads(error) if error else None, size, None, severities, not_listed=not_listed)


def _pickled(value: Any) -> bytes:
    """Errors pickled by their own `__reduce__`, never by a reducer the host process registered
    (a Dask worker registers tblib's for every exception class, which the safe unpickler refuses)."""
    if not value:
        return b""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {}
    pickler.dump(value)
    return buffer.getvalue()


class FindingStream(Sequence):
    """Every finding of a run in report order, unpacked one file at a time as it is read.

    The order is that of sorting all findings by `Finding.sort_key`, whose first
    field is the path: each file's findings arrive sorted, and the set-level
    findings of a path are merged into that path's own.
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
        self._keep: Callable[[list[Finding]], list[Finding]] | None = None
        self._tally: tuple[dict[str, int], int] | None = None

    def filtered(self, keep: Callable[[list[Finding]], list[Finding]], tally: tuple[dict[str, int], int]) -> FindingStream:
        """The same run showing only what `keep` keeps of each file's findings (in order), applied as
        they are read after any earlier filter; `tally` is that of the kept findings, counted by the caller."""
        earlier = self._keep
        stream = copy.copy(self)
        stream._keep = keep if earlier is None else (lambda findings: keep(earlier(findings)))
        stream._tally = tally
        stream._count = sum(tally[0].values())
        return stream

    def by_file(self) -> Iterator[tuple[str, list[Finding], dict[int, str]]]:
        """(path, its findings in order, the source lines they quote) for each path with findings."""
        for path in self.paths():
            findings, lines = self.of_path(path)
            if findings:
                yield path, findings, lines

    def paths(self) -> list[str]:
        """Every path that may have findings (some may be filtered out), in report order."""
        return sorted(self._by_path.keys() | self._set_findings.keys())

    def of_path(self, path: str) -> tuple[list[Finding], dict[int, str]]:
        """One path's findings in order and the source lines they quote, unpacked now."""
        findings: list[Finding] = []
        lines: dict[int, str] = {}
        results = self._by_path.get(path, ())
        for r in results:
            own, quoted = r.unpack()
            findings += own
            lines.update(quoted)
        extra = self._set_findings.get(path)
        if extra or len(results) > 1:
            findings = sorted(findings + (extra or []), key=report_order)
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
    (the last path is remembered: reports ask for the lines of one file after another)."""

    def __init__(self, stream: FindingStream):
        self._stream = stream
        self._last: tuple[str, dict[int, str]] | None = None

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


def rule_may_run(rule: Rule, text: str, seen: DocumentScan | dict[str, bool] | None = None) -> bool:
    """False when the text cannot hold a finding of the rule (its gates, linter.prefilter); `seen` is the
    document's one scan shared by every rule (a dict: its `needs` characters, each looked for once)."""
    if not isinstance(seen, DocumentScan):
        scan = DocumentScan(text, (rule,))
        if seen is not None:
            scan.has_char = seen
        seen = scan
    return seen.may_run(rule)


FINDINGS_PER_RULE = 10_000
"""At most this many findings of one rule in one document are kept; past it one finding says how many
more there are (a pathological document, e.g. a 20-million-character line, must not fill the memory)."""


def lint_document(document: Document, rules: Iterable[Rule]) -> DocumentResult:
    """Run every rule on one document: findings from per-document rules, summaries for set rules."""
    result = DocumentResult(document.path, size=len(document.text))
    text = document.text
    rules = list(rules)
    seen = DocumentScan(text, rules)
    for rule in rules:
        module = rule.check
        try:
            if rule.set_level:
                result.summaries[rule.id] = module.summarize(document, rule)
                continue
            if not rule_may_run(rule, text, seen):
                continue
            found = _kept_findings(module.check(document, rule), rule, result.not_listed)
        except Exception as exc:  # noqa: BLE001 - one rule failing must not stop the run
            result.problems.append(_rule_problem(document.path, rule, exc))
            continue
        result.findings.extend(found)
    result.findings = assign_fingerprints(sorted(result.findings, key=report_order), drop_context=True)
    result.lines = {n: document.line(n) for n in {f.line for f in result.findings}}
    return result


def _kept_findings(findings: Iterable[Finding], rule: Rule, not_listed: dict[str, int]) -> list[Finding]:
    """The first FINDINGS_PER_RULE findings, and past them one finding, where the next would have been,
    counting the rest (read one at a time and dropped, so memory stays flat; `not_listed` records how many)."""
    findings = iter(findings)
    found = list(itertools.islice(findings, FINDINGS_PER_RULE))
    if len(found) < FINDINGS_PER_RULE:
        return found
    first_dropped = next(findings, None)
    if first_dropped is None:
        return found
    more = not_listed[rule.id] = 1 + sum(1 for _ in findings)
    message = f"本文件另有 {more:,} 处 {rule.id} 未逐一列出（每条规则在一个文件中最多列出 {FINDINGS_PER_RULE:,} 处）"
    found.append(first_dropped.with_(message=message, fix=None, related=()))
    return found


def _rule_problem(path: str, rule: Rule, exc: Exception) -> CheckError:
    """One error line for a rule that could not finish on a document; its findings there are dropped,
    the other rules' are kept."""
    if isinstance(exc, RegexTimeout):
        problem = CheckError(path, f"rule {rule.id} ({rule.source}) stopped: {exc}; simplify the pattern", rule.id)
    else:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        if len(detail) > 300:
            detail = detail[:299] + "…"
        problem = InternalError(path, f"{detail} ({rule.source}; a wenlint bug, please report it)", rule.id)
    problem.__cause__ = exc
    return problem


def lint_set(results: list[DocumentResult], rules: Iterable[Rule]) -> list[Finding]:
    """Run set-level rules over the summaries of every document that was read."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.set_level:
            findings.extend(rule.check.check_set(RuleSummaries(results, rule.id), rule))
    return findings


class RuleSummaries(Sequence):
    """(path, summary) of one set-level rule for every document that has one, unpacked as the
    rule's check_set reads them: the engine never holds every document's summary as objects
    (a check may still keep what it needs of them; one that reads them twice unpacks them twice)."""

    def __init__(self, results: Iterable, rule_id: str):
        self._results = [r for r in results if rule_id in r.summaries]
        self._rule = rule_id

    def __len__(self) -> int:
        return len(self._results)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._entry(r) for r in self._results[index]]
        return self._entry(self._results[index])

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return map(self._entry, self._results)

    def _entry(self, result) -> tuple[str, Any]:
        return result.path, result.summaries[self._rule]


def lint_text(text: str, rules: list[Rule], path: str = "<text>") -> list[Finding]:
    """Lint one string as a document set of one (tests and rule examples use this)."""
    return lint_texts([text], rules, [path])


def lint_texts(texts: list[str], rules: list[Rule], paths: list[str] | None = None) -> list[Finding]:
    paths = paths or [f"doc{i + 1}.txt" for i in range(len(texts))]
    results = [lint_document(Document(t, p), rules) for t, p in zip(texts, paths)]
    for problem in (p for r in results for p in r.problems):
        if not isinstance(problem.__cause__, RegexTimeout):
            raise problem.__cause__
    return list(FindingStream(results, lint_set(results, rules)))


def lint_file(path: Path, rules: list[Rule], encoding: str = "utf-8", fix: Any = None) -> DocumentResult:
    """Lint one file; with `fix` (a linter.fix.FixOptions) fix it first and lint what remains."""
    fixes = None
    try:
        if fix is not None:
            from .fix import fix_file

            document, fixes = fix_file(path, rules, fix, encoding)
        else:
            document = read_document(path, encoding=encoding)
    except InputError as exc:
        return DocumentResult(exc.path, error=exc)
    result = lint_document(document, rules)
    result.fixes = fixes
    return result


def run(paths: list[str], rules: list[Rule], *, encoding: str = "utf-8", jobs: int = 1, cache=None, progress=None,
        fix: Any = None, scheduler: str | None = None) -> RunResult:
    """Lint files and folders: the whole pipeline behind `wenlint check`.

    `jobs` > 1 lints files in that many processes; `cache` (a linter.cache.Cache)
    reuses results of unchanged files. Neither changes the findings or their order.
    `progress(done, total)`, when given, is called after each file. With `fix`
    (a linter.fix.FixOptions) files are fixed first, one at a time, uncached. With `scheduler`
    (a Dask scheduler's address, or `local`) files are linted on that cluster (linter/cluster.py).
    Only packed findings are kept (see PackedResult), so memory follows the largest
    file and the number of findings, not the corpus.
    """
    from .batch import lint_files, lint_set_cached

    files = discover(paths)
    if fix is not None:
        results = []
        for p in files:
            results.append(lint_file(p, rules, encoding, fix))
            if progress is not None:
                progress(len(results), len(files))
    elif scheduler is not None:
        from .cluster import lint_files as lint_files_on_cluster

        results = lint_files_on_cluster(files, rules, scheduler, encoding=encoding, jobs=jobs, cache=cache, progress=progress)
    else:
        results = lint_files(files, rules, encoding=encoding, jobs=jobs, cache=cache, progress=progress)
    readable = [r for r in results if r.error is None]
    set_findings = lint_set_cached(readable, rules, cache, encoding)
    findings = FindingStream(readable, set_findings)
    return RunResult(
        findings=findings,
        errors=[e for r in results for e in r.errors],
        files=[r.path for r in results],
        rules=rules,
        lines=QuotedLines(findings),
        fixes=[r.fixes for r in results if r.fixes is not None and (r.fixes.applied or r.fixes.skipped or r.fixes.error)],
        not_listed=[(r.path, rule, n) for r in readable for rule, n in sorted(getattr(r, "not_listed", {}).items())],
    )
