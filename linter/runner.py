"""Running over files: `run` is the whole pipeline behind `wenlint check`; cached results first,
the rest in this process, across a pool of processes or on a Dask cluster (linter.cluster).

The parent reads each file's bytes only to look its key up in the cache.
Files that miss go to worker processes by path, in chunks that shrink as the
work left does (`Chunks`): each worker holds the rules compiled once (forked
from the parent, which compiled them), reads and lints its files, writes their
cache entries, and ships back one encoded result per file
(`results.encode_result`: findings, set-level summaries and quoted source lines,
never the document), which the parent keeps packed as a PackedResult (past
`HELD_FINDINGS_BYTES`, findings and summaries alike wait in a temporary file). Results are put back in file
order, so the output does not depend on the number of jobs or on which
results came from the cache. The parent only hands out chunks and decodes
results, in its one thread (a `multiprocessing.Pool`'s three helper threads
cost the parent more CPU than the decoding, taken from the workers' two cores).
"""

from __future__ import annotations

import gc
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any, Iterator, Sequence

from .cache import Cache
from .checks.api import prepare as prepare_rule
from .engine import lint_document, lint_set
from .prefilter import prepare as prepare_gates
from .errors import InputError, WenlintError
from .findings import Finding
from .loading import decode_document, discover, document_name, read_bytes, read_document
from .results import HELD_FINDINGS_BYTES, HELD_SUMMARIES_BYTES, DocumentResult, PackedResult, SpillFile, decode_result, encode_result, pack_result
from .rule import Rule
from .rules import compile_configs
from .stream import FindingStream, QuotedLines, RunResult

# Below this much text a pool costs more to start than it saves.
MIN_PARALLEL_BYTES = 1 << 20
# A chunk of files handed to a worker is about the text left divided by CHUNKS_PER_JOB times the jobs, within
# these bounds: large ones at first (few messages), small ones at the end (the workers finish together).
CHUNKS_PER_JOB = 8
MIN_CHUNK_BYTES = 32 << 10
MAX_CHUNK_BYTES = 1 << 20
# Chunks a worker holds at once, so that it never waits for the parent between two of them.
CHUNKS_IN_FLIGHT = 2
# The garbage collector's thresholds while a big run lints (Python's: 700, 10, 10): linting makes many
# short-lived containers (findings, memo tables) and few cycles, so a young collection every 20,000
# allocations rather than 700 finds as much garbage for half the collector's time (0.13 -> 0.06 s with --jobs 1 on
# the benchmark corpus).
GC_THRESHOLDS = (20_000, 50, 50)

_worker: dict[str, Any] = {}


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def lint_files(files: list[Path], rules: list[Rule], *, encoding: str = "utf-8", jobs: int = 1,
               cache: Cache | None = None, progress=None, keep_per_rule: int | None = None) -> list[PackedResult]:
    """One PackedResult per file, in the order of `files`; `progress(done, total)` after each.

    With `keep_per_rule` and no cache (whose entries must hold every finding), a file's result keeps
    only the first that many findings of each rule and counts the rest (`PackedResult.counted`): a
    report that reads no more (the text report's --max-per-rule) gets the same report for less work.
    """
    if cache is not None:
        keep_per_rule = None
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(files))

    results: list[PackedResult | None] = [None] * len(files)
    spill = SpillFile(HELD_FINDINGS_BYTES, HELD_SUMMARIES_BYTES)
    pending: list[int] = []
    sizes: list[int] = []
    for i, path in enumerate(files):
        hit, size = _look_up(cache, path)
        if hit is not None:
            results[i] = hit
            spill.keep(hit)
            tick()
        else:
            pending.append(i)
            sizes.append(size)
    jobs = min(jobs, len(pending))
    if jobs > 1 and sum(sizes) >= MIN_PARALLEL_BYTES:
        for n, key, blob in _pool_map([files[i] for i in pending], sizes, rules, encoding, cache, jobs, keep_per_rule):
            result = results[pending[n]] = decode_result(blob)
            result.key = key
            spill.keep(result, unpickle=True)
            tick()
    else:
        if sum(sizes) >= MIN_PARALLEL_BYTES:
            _prepare(rules)
        for i in pending:
            results[i] = lint_path(files[i], rules, encoding, cache, keep_per_rule)
            spill.keep(results[i])
            tick()
    return results  # type: ignore[return-value]


def _look_up(cache: Cache | None, path: Path) -> tuple[PackedResult | None, int]:
    """The cached result of a file (or None) and its size in bytes."""
    try:
        info = os.stat(path)
        if cache is None or not stat.S_ISREG(info.st_mode):
            return None, info.st_size  # a pipe or device is never opened here (it could block)
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None, 0
    key = cache.key(document_name(path), data)
    hit = cache.load(key)
    if not isinstance(hit, PackedResult):
        return None, len(data)
    hit.key, hit.cached = key, True
    return hit, len(data)


def lint_path(path: Path, rules: list[Rule], encoding: str, cache: Cache | None,
              keep_per_rule: int | None = None) -> PackedResult:
    """Read, lint and (with a cache) remember one file."""
    result, data = _lint(path, rules, encoding, keep_per_rule)
    packed = pack_result(result, hold=cache is None)
    if cache is not None and data is not None:
        packed.key = cache.key(result.path, data)
        cache.store(packed.key, encode_result(packed))
    return packed


def _lint(path: Path, rules: list[Rule], encoding: str, keep_per_rule: int | None = None) -> tuple[DocumentResult, bytes | None]:
    """The file's result, and its bytes when it could be read (None: the result is an error)."""
    display = document_name(path)
    try:
        data = read_bytes(path, display)
        document = decode_document(data, display, encoding)
    except InputError as exc:
        return DocumentResult(exc.path, error=exc), None
    return lint_document(document, rules, keep_per_rule), data


class Chunks:
    """The files of a pool's run handed out in chunks of consecutive files (guided self-scheduling): each
    about the bytes left divided by `jobs * CHUNKS_PER_JOB`, between MIN_CHUNK_BYTES and MAX_CHUNK_BYTES,
    and at least one file."""

    def __init__(self, sizes: list[int], jobs: int):
        self.sizes = sizes
        self.jobs = jobs
        self.next_file = 0
        self.bytes_left = sum(sizes)

    def take(self) -> range | None:
        """The next chunk, as indices into `sizes`; None when every file was handed out."""
        start = self.next_file
        if start >= len(self.sizes):
            return None
        target = min(MAX_CHUNK_BYTES, max(MIN_CHUNK_BYTES, self.bytes_left // (self.jobs * CHUNKS_PER_JOB)))
        end, taken = start, 0
        while end < len(self.sizes) and (taken < target or end == start):
            taken += self.sizes[end]
            end += 1
        self.next_file, self.bytes_left = end, self.bytes_left - taken
        return range(start, end)


class WorkerStopped(WenlintError):
    """A worker process ended before answering (killed, or out of memory): the run stops with one error line."""


STOPPED = "a worker process stopped before it finished its files"


def _pool_map(paths: list[Path], sizes: list[int], rules: list[Rule], encoding: str, cache: Cache | None,
              jobs: int, keep_per_rule: int | None) -> Iterator[tuple[int, str, bytes]]:
    """(index into `paths`, cache key, encoded result) of every file, in the order the workers finish them."""
    import multiprocessing  # only a run big enough for a pool pays for the import
    from multiprocessing.connection import wait

    forking = sys.platform.startswith("linux")
    context: Any = multiprocessing.get_context("fork" if forking else "spawn")
    if forking:
        _prepare(rules)
    chunks = Chunks(sizes, jobs)
    workers: list[tuple[Any, Any]] = []
    finished = False
    try:
        for _ in range(jobs):
            here, there = context.Pipe()
            # A forked worker closes the parent's ends it inherited, so that it sees EOF once the parent is gone.
            parent_ends = [conn for _, conn in workers] + [here] if forking else []
            process = context.Process(target=_serve, args=(there, paths, rules, encoding, cache, keep_per_rule, parent_ends),
                                      daemon=True)
            process.start()
            there.close()
            workers.append((process, here))
        in_flight: dict[Any, int] = {conn: 0 for _, conn in workers}

        def hand_out(conn) -> None:
            chunk = chunks.take()
            if chunk is not None:
                try:
                    conn.send((chunk.start, chunk.stop))
                except OSError:
                    raise WorkerStopped(STOPPED) from None
                in_flight[conn] += 1

        for _ in range(CHUNKS_IN_FLIGHT):
            for conn in in_flight:
                hand_out(conn)
        while any(in_flight.values()):
            answered: list[Any] = wait([c for c, n in in_flight.items() if n])
            for ready in answered:
                try:
                    reply = ready.recv()
                except (EOFError, OSError):
                    raise WorkerStopped(STOPPED) from None
                in_flight[ready] -= 1
                if isinstance(reply, BaseException):
                    raise reply
                hand_out(ready)
                yield from reply
        finished = True
    finally:
        _stop(workers, finished)


def _stop(workers: list, finished: bool) -> None:
    """Let workers that finished their files end; end the others (the run failed or was interrupted)."""
    for process, conn in workers:
        if finished:
            try:
                conn.send(None)
            except OSError:
                pass
        else:
            process.terminate()
    for process, conn in workers:
        process.join()
        conn.close()


def _serve(conn, paths: list[Path], rules: list[Rule], encoding: str, cache: Cache | None, keep_per_rule: int | None,
           parent_ends: list) -> None:
    """A worker's life: lint the chunks of `paths` the parent sends, answer each with its files' results.
    Ctrl-C is the parent's to handle (it ends the workers); a parent gone ends the worker too."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in parent_ends:
        end.close()
    _worker.update(rules=rules, encoding=encoding, cache=cache, keep_per_rule=keep_per_rule)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            reply: Any = [(n, *_work(paths[n])) for n in range(*task)]
        except Exception as exc:  # noqa: BLE001 - the parent raises it, as a pool's map would
            reply = exc
        try:
            conn.send(reply)
        except (TypeError, AttributeError, pickle.PicklingError):  # an exception that cannot be pickled
            conn.send(RuntimeError(f"{type(reply).__name__}: {reply}"))
        except OSError:  # the parent is gone
            return


def _prepare(rules: list[Rule]) -> None:
    """Compile the rules and load what they need before forking, so that workers share them rather than each
    making its own; then freeze them out of the garbage collector (they live as long as the process), so a
    worker's collections neither walk the big tables nor touch, and so copy, the pages it shares, and make
    its young collections rarer (GC_THRESHOLDS). A run of one process with as much to lint as a pool would
    take prepares them too, for the collections alone."""
    compile_configs(rules)
    for rule in rules:
        try:
            prepare_rule(rule)
        except Exception:  # noqa: BLE001 - the worker meets the same failure and reports it per file
            pass
    prepare_gates(rules)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _work(path: Path) -> tuple[str, bytes]:
    """The file's cache key ("" without a cache, or when unreadable) and its encoded result."""
    result, data = _lint(path, _worker["rules"], _worker["encoding"], _worker["keep_per_rule"])
    blob = encode_result(pack_result(result))
    cache = _worker["cache"]
    key = ""
    if cache is not None and data is not None:
        key = cache.key(result.path, data)
        cache.store(key, blob)
    return key, blob


def lint_set_cached(results: list, rules: list[Rule], cache: Cache | None, encoding: str = "utf-8") -> list[Finding]:
    """`engine.lint_set`, remembered under the cache keys of every document of the set: the set
    checks see nothing but those documents' summaries, which the keys determine."""
    if cache is None or not any(rule.set_level for rule in rules):
        return lint_set(results, rules)
    keys = [getattr(r, "key", "") for r in results]
    key = cache.set_key(keys) if all(keys) else None
    found = cache.load_findings(key) if key else None
    if found is None:
        relint_foreign_summaries(results, rules, cache, encoding)
        found = lint_set(results, rules)
        if key:
            cache.store_findings(key, found)
    return found


def relint_foreign_summaries(results: list, rules: list[Rule], cache: Cache, encoding: str) -> None:
    """Replace, in place, each cached result whose summaries the safe unpickler refuses by the file linted again.

    Summaries stay pickled until the set phase reads them, so a cache entry that
    wenlint did not write is found out only here; like a damaged entry, it counts
    as a miss. Only a set phase that runs pays for the check.
    """
    for i, result in enumerate(results):
        if getattr(result, "cached", False):  # a --fix run keeps DocumentResults, never cached
            try:
                result.summaries.verify()
            except Exception:  # noqa: BLE001 - whatever the entry holds, the file is linted again
                results[i] = lint_path(Path(result.path), rules, encoding, cache)


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
        fix: Any = None, scheduler: str | None = None, keep_per_rule: int | None = None) -> RunResult:
    """Lint files and folders: the whole pipeline behind `wenlint check`.

    `jobs` > 1 lints files in that many processes; `cache` (a linter.cache.Cache)
    reuses results of unchanged files. Neither changes the findings or their order.
    `progress(done, total)`, when given, is called after each file. With `fix`
    (a linter.fix.FixOptions) files are fixed first, one at a time, uncached. With `scheduler`
    (a Dask scheduler's address, or `local`) files are linted on that cluster (linter/cluster.py). With
    `keep_per_rule` (for a report that reads no more) and no cache, each file keeps only each rule's first
    findings and counts the rest (see `lint_files`).
    Only packed findings are kept (see PackedResult), so memory follows the largest
    file and the number of findings, not the corpus.
    """
    files = discover(paths)
    results: Sequence[DocumentResult | PackedResult]
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
        results = lint_files(files, rules, encoding=encoding, jobs=jobs, cache=cache, progress=progress, keep_per_rule=keep_per_rule)
    readable = [r for r in results if r.error is None]
    set_findings = lint_set_cached(readable, rules, cache, encoding)
    findings = FindingStream(readable, set_findings)
    return RunResult(
        findings=findings,
        errors=[e for r in results for e in r.errors],
        files=[r.path for r in results],
        rules=rules,
        lines=QuotedLines(findings, encoding),
        fixes=[r.fixes for r in results if r.fixes is not None and (r.fixes.applied or r.fixes.skipped or r.fixes.error)],
        not_listed=[(r.path, rule, n) for r in readable for rule, n in sorted(getattr(r, "not_listed", {}).items())],
    )
