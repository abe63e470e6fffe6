"""What linting yields, and how a run keeps it: a document's result, packed (findings marshalled,
or held as columns in a run of one process without cache; set-level summaries pickled one rule apart), spilled to a temporary file past a memory budget, and
encoded as bytes for the cache and between processes, with the safe unpickler that reads them back.
"""

from __future__ import annotations

import io
import marshal
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .errors import CheckError, InputError
from .findings import Finding, PackedFindings, finding_columns, pack_findings, severity_counts, unpack_findings

# Packed findings and set-level summaries a run holds in memory; beyond this they wait in a temporary file.
HELD_FINDINGS_BYTES = 32 << 20
# What a held (unmarshalled) finding costs against that budget in memory, besides the lines it quotes.
HELD_BYTES_PER_FINDING = 800
# Set-level summaries a run holds as objects (a pool's parent besides their bytes), and what they take in
# memory then for each byte pickled (the objects alone 3.3 on the benchmark corpus), or, never pickled, per
# document and per character of its text (the objects alone 1.2-4.2 a character on four corpora).
HELD_SUMMARIES_BYTES = 64 << 20
SUMMARY_OBJECT_BYTES = 5
SUMMARY_DOCUMENT_BYTES = 4096
SUMMARY_CHARACTER_BYTES = 3
# Besides wenlint's own classes, the plain data the safe unpickler builds (what summaries hold).
_SAFE_GLOBALS = {
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "complex"), ("builtins", "slice"),
    ("builtins", "bytearray"), ("builtins", "range"),
    ("collections", "Counter"), ("collections", "OrderedDict"), ("collections", "defaultdict"), ("collections", "deque"),
    ("decimal", "Decimal"), ("fractions", "Fraction"),
    ("array", "array"), ("array", "_array_reconstructor"),  # compact summaries (term places)
}


@dataclass
class DocumentResult:
    """What one document yields: findings, set-level summaries, or the error that stopped it."""

    path: str
    findings: Sequence[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    error: InputError | None = None
    size: int = 0
    lines: dict[int, str] = field(default_factory=dict)
    problems: list[CheckError] = field(default_factory=list)
    fixes: Any = None
    not_listed: dict[str, int] = field(default_factory=dict)  # rule id -> findings past FINDINGS_PER_RULE
    counted: dict[str, int] = field(default_factory=dict)  # rule id -> findings counted but not kept (keep_per_rule)

    @property
    def errors(self) -> list:
        return _errors(self)

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def severities(self) -> dict[str, int]:
        return severity_counts(self.findings, self.counted)

    def unpack(self) -> tuple[Sequence[Finding], dict[int, str]]:
        return self.findings, self.lines


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
    packed: bytes | Spilled | HeldFindings = b""  # Spilled: moved to the run's SpillFile; HeldFindings: never marshalled
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
    counted: dict[str, int] = field(default_factory=dict)  # rule id -> findings counted but not kept (keep_per_rule)

    @property
    def errors(self) -> list:
        return _errors(self)

    def unpack(self) -> tuple[Sequence[Finding], dict[int, str]]:
        if not self.packed:
            return [], {}
        packed = self.packed
        if type(packed) is HeldFindings:
            return PackedFindings(packed.columns), packed.lines
        return unpack_findings(packed if isinstance(packed, bytes) else packed.read())

    @property
    def findings(self) -> Sequence[Finding]:
        return self.unpack()[0]

    @property
    def lines(self) -> dict[int, str]:
        return self.unpack()[1]


class HeldFindings:
    """One file's findings a run keeps unmarshalled (their columns, as `pack_findings` would pack them, and
    the lines they quote) while the SpillFile's budget allows: a run without cache or pool hands them from
    the engine to the report with no marshal round trip. `size` is what they count against the budget."""

    __slots__ = ("columns", "lines", "size")

    def __init__(self, columns: list, lines: dict[int, str]) -> None:
        self.columns, self.lines = columns, lines
        self.size = HELD_BYTES_PER_FINDING * len(columns[0]) + 4 * sum(map(len, lines.values())) if columns else 0

    def __len__(self) -> int:
        return self.size

    def read(self) -> bytes:
        return marshal.dumps((self.columns, self.lines))


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
    bytes (or, past the budget, places in the SpillFile) rather than objects. Within a budget a
    run holds them as objects (`held`): a pool's parent unpickles them while it waits for its
    workers, a run in one process never pickles them (`of(..., pickled=False)`)."""

    __slots__ = ("rules", "ends", "packed", "held")

    def __init__(self, rules: tuple[str, ...], ends: tuple[int, ...], packed: bytes | Spilled) -> None:
        self.rules, self.ends, self.packed = rules, ends, packed
        self.held: dict[str, Any] | None = None

    @classmethod
    def of(cls, summaries: dict[str, Any], pickled: bool = True) -> PackedSummaries:
        if not pickled:
            packed = cls(tuple(summaries), (), b"")
            packed.held = dict(summaries)
            return packed
        blobs = [pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for value in summaries.values()]
        ends, end = [], 0
        for blob in blobs:
            end += len(blob)
            ends.append(end)
        return cls(tuple(summaries), tuple(ends), b"".join(blobs))

    @property
    def pickled(self) -> bool:
        return bool(self.ends) or not self.rules

    def pickle(self) -> None:
        """Pickle summaries that were never pickled, and hold them as objects no more."""
        if not self.pickled and self.held is not None:
            made = PackedSummaries.of(self.held)
            self.ends, self.packed, self.held = made.ends, made.packed, None

    def __getitem__(self, rule_id: str) -> Any:
        if self.held is not None:
            return self.held[rule_id]
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
    the set phase reads summaries back one rule and one file at a time, the report the findings.
    Summaries that arrive as bytes while the run waits for other processes (a pool's or a cluster's
    results, kept with `unpickle`) are unpickled then, up to `summaries_budget` (as objects, estimated
    from their pickled size), so that the set phase unpickles nothing; a run in one process holds the
    summaries it never pickled within the same budget (estimated from the size of their documents), and
    pickles those past it. Results read from the cache keep theirs as bytes: the set phase checks them first."""

    def __init__(self, budget: int, summaries_budget: int = HELD_SUMMARIES_BYTES) -> None:
        self.budget = budget
        self.held = 0
        self.summaries_budget = summaries_budget
        self.summaries_held = 0
        self._file: Any = None
        self._end = 0

    def keep(self, result: PackedResult, unpickle: bool = False) -> None:
        """Hold the result's packed findings and summaries (with `unpickle`, within the budget, the summaries
        as objects; summaries never pickled stay so within it), or move them to the file."""
        result.packed = self._kept(result.packed)
        summaries = result.summaries
        if not isinstance(summaries, PackedSummaries):
            return
        if not summaries.pickled:
            size = SUMMARY_DOCUMENT_BYTES + SUMMARY_CHARACTER_BYTES * result.size
            if self.summaries_held + size <= self.summaries_budget:
                self.summaries_held += size
                return
            summaries.pickle()
        if not (unpickle and self._holds(summaries)):
            summaries.packed = self._kept_bytes(summaries.packed)

    def _holds(self, summaries: PackedSummaries) -> bool:
        """Whether the budget holds these summaries as objects; if so they are unpickled and held."""
        packed = summaries.packed
        if not isinstance(packed, bytes):
            return False
        size = SUMMARY_OBJECT_BYTES * len(packed)
        if self.summaries_held + size > self.summaries_budget:
            return False
        try:
            summaries.held = {rule_id: summaries[rule_id] for rule_id in summaries.rules}
        except Exception:  # noqa: BLE001 - left as bytes: the set phase meets the same failure and reports it
            return False
        self.summaries_held += size
        return True

    def _kept(self, packed: bytes | Spilled | HeldFindings) -> bytes | Spilled | HeldFindings:
        if not isinstance(packed, HeldFindings):
            return self._kept_bytes(packed)
        if self.held + packed.size <= self.budget:
            self.held += packed.size
            return packed
        return self._kept_bytes(packed.read())

    def _kept_bytes(self, packed: bytes | Spilled) -> bytes | Spilled:
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


def pack_result(result: DocumentResult, hold: bool = False) -> PackedResult:
    """The result as a run keeps it; with `hold` its findings stay unmarshalled (HeldFindings) and its summaries
    unpickled until the SpillFile that keeps it decides (for a result that goes no further than this process)."""
    if not result.findings:
        packed: bytes | HeldFindings = b""
    elif hold:
        packed = HeldFindings(finding_columns(result.findings), result.lines)
    else:
        packed = pack_findings(result.findings, result.lines)
    return PackedResult(result.path, packed, len(result.findings), PackedSummaries.of(result.summaries, pickled=not hold), result.problems,
                        result.error, result.size, result.fixes, result.severities, not_listed=result.not_listed,
                        counted=result.counted)


def encode_result(result: PackedResult) -> bytes:
    """A packed result as bytes for the cache and between processes: marshal for the findings
    (plain tuples), pickle only for set-level summaries (each rule's apart) and errors (not plain data)."""
    summaries = result.summaries
    if not isinstance(summaries, PackedSummaries):
        summaries = PackedSummaries.of(summaries)
    elif not summaries.pickled:
        summaries = PackedSummaries.of(summaries.held or {})
    objects = [_pickled(value) for value in (result.problems, result.error)]
    return marshal.dumps((result.path, result.size, result.count, _bytes(result.packed), result.severities,
                          summaries.rules, summaries.ends, _bytes(summaries.packed), *objects, result.not_listed,
                          result.counted))


def _bytes(packed: bytes | Spilled | HeldFindings) -> bytes:
    return packed if isinstance(packed, bytes) else packed.read()


def decode_result(data: bytes | memoryview, loads: Callable[[bytes], Any] | None = None) -> PackedResult:
    """The inverse of `encode_result`; `loads` unpickles the errors (default: `safe_loads`, which the
    summaries always use, when the set phase reads them)."""
    loads = loads or safe_loads
    path, size, count, packed, severities, rules, ends, summaries, problems, error, not_listed, counted = marshal.loads(data)
    return PackedResult(path, packed, count, PackedSummaries(rules, ends, summaries), loads(problems) if problems else [],
                        loads(error) if error else None, size, None, severities, not_listed=not_listed, counted=counted)




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


class _SafeUnpickler(pickle.Unpickler):
    """Builds only wenlint classes and plain data (see _SAFE_GLOBALS); a name once allowed is
    looked up once per process (a run's summaries name the same few classes thousands of times)."""

    allowed: dict[tuple[str, str], Any] = {}

    def find_class(self, module: str, name: str):
        found = self.allowed.get((module, name))
        if found is None:
            found = self.allowed[module, name] = self._allowed_class(module, name)
        return found

    def _allowed_class(self, module: str, name: str):
        if (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        if (module == "linter" or module.startswith("linter.")) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and (found.__module__ or "").startswith("linter"):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a wenlint cache entry")


def safe_loads(data: bytes) -> Any:
    return _SafeUnpickler(io.BytesIO(data)).load()
