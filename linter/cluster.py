"""Linting on a Dask cluster: `wenlint check --scheduler ADDRESS` (or `local`).

The client lists the documents; workers read them from where they all see them
(a local path at the same place on every machine, or an fsspec URL), look them
up in the result cache, lint the misses with the rules scattered to them once,
write the cache entries, and send back each document's result encoded as the
local pool's workers do (`results.encode_result`: findings, set-level summaries
and quoted lines, never the text). Results are put back by document index, so
a task Dask runs again after losing a worker replaces, never adds to, what its
documents found; the set phase then runs on the client as in a local run.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Any, Iterator

from .cache import Cache
from .engine import lint_document
from .errors import CheckError, InputError, UsageError
from .loading import decode_document, document_name, read_bytes
from .results import HELD_FINDINGS_BYTES, DocumentResult, PackedResult, SpillFile, decode_result, encode_result, pack_result
from .rule import Rule
from .urls import is_url

LOCAL = "local"
# Documents per task: few enough that progress moves and a lost worker costs little, enough
# that the scheduler's per-task cost (about a millisecond) stays small against linting.
MAX_CHUNK = 16
CONNECT_TIMEOUT = "10s"


def lint_files(files: list, rules: list[Rule], scheduler: str, *, encoding: str = "utf-8", jobs: int = 1,
               cache: Cache | None = None, progress=None) -> list[PackedResult]:
    """One PackedResult per file, in the order of `files`, linted on the cluster at `scheduler`
    (`local`: a LocalCluster of `jobs` single-threaded worker processes); `progress(done, total)`
    as documents finish."""
    entries = [(i, _location(path), document_name(path)) for i, path in enumerate(files)]
    results: list[PackedResult | None] = [None] * len(files)
    spill = SpillFile(HELD_FINDINGS_BYTES)
    done = 0
    with connect(scheduler, jobs) as client:
        for index, key, blob in _results(client, entries, rules, encoding, cache.resolved() if cache is not None else None):
            result = decode_result(blob)
            result.key = key
            results[index] = result
            done += 1
            spill.keep(result, unpickle=True)
            if progress is not None:
                progress(done, len(files))
    return results  # type: ignore[return-value]


@contextmanager
def connect(scheduler: str, workers: int) -> Iterator[Any]:
    """A Dask client of the scheduler at `scheduler`, or of a LocalCluster started for this run."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError('--scheduler needs Dask: pip install "wenlint[dask]"') from None
    if scheduler == LOCAL:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TypeError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    with client:
        yield client


def _results(client, entries: list[tuple[int, str, str]], rules: list[Rule], encoding: str, cache: Cache | None):
    """(index, cache key, encoded result) for every entry as tasks finish. A task that fails (its
    documents crashed a worker as often as Dask allows) is split into one task per document, and a
    document that fails alone is reported as an error of that document."""
    from distributed import as_completed

    set_phase = any(rule.set_level for rule in rules)
    shared_rules = client.scatter(rules, broadcast=True, hash=False)
    workers = max(1, sum(client.nthreads().values()))
    size = max(1, min(MAX_CHUNK, len(entries) // (workers * 8)))
    chunks = [entries[i:i + size] for i in range(0, len(entries), size)]
    futures = [client.submit(check_documents, chunk, shared_rules, encoding, cache, set_phase, pure=False) for chunk in chunks]
    task_entries = {future.key: chunk for future, chunk in zip(futures, chunks)}
    running = as_completed(futures)
    for future in running:
        chunk = task_entries.pop(future.key)
        try:
            yield from future.result()
        except Exception as exc:  # noqa: BLE001 - a failed task is retried per document, then reported per document
            if len(chunk) > 1:
                for entry in chunk:
                    retry = client.submit(check_documents, [entry], shared_rules, encoding, cache, set_phase, pure=False)
                    task_entries[retry.key] = [entry]
                    running.add(retry)
            else:
                index, _, display = chunk[0]
                problem = CheckError(display, f"could not be checked on the cluster: {type(exc).__name__}: {exc}")
                yield index, "", encode_result(PackedResult(display, problems=[problem]))
        future.release()


def check_documents(entries: list[tuple[int, str, str]], rules: list[Rule], encoding: str, cache: Cache | None,
                    set_phase: bool) -> list[tuple[int, str, bytes]]:
    """The task a worker runs: (index, cache key, encoded result) of each (index, location, name)."""
    return [(index, *check_document(location, display, rules, encoding, cache, set_phase))
            for index, location, display in entries]


def check_document(location: str, display: str, rules: list[Rule], encoding: str, cache: Cache | None,
                   set_phase: bool) -> tuple[str, bytes]:
    """A document's cache key ("" without a cache or when unreadable) and encoded result, from the cache
    when it holds one whose summaries the safe unpickler reads (checked here, where a miss can be linted,
    whenever a set phase will read them), else linted and remembered, as runner.lint_path does locally."""
    try:
        data = read_bytes(location, display)
        key = cache.key(display, data) if cache is not None else ""
        hit = cache.load(key) if key else None
        if isinstance(hit, PackedResult) and (not set_phase or _readable(hit)):
            return key, encode_result(hit)
        result = lint_document(decode_document(data, display, encoding), rules)
    except InputError as exc:
        return "", encode_result(pack_result(DocumentResult(exc.path, error=exc)))
    blob = encode_result(pack_result(result))
    if key:
        cache.store(key, blob)
    return key, blob


def _readable(result: PackedResult) -> bool:
    try:
        result.summaries.verify()  # type: ignore[union-attr]  # a dict only before packing
    except Exception:  # noqa: BLE001 - whatever the entry holds, the document is linted again
        return False
    return True


def _location(path) -> str:
    """Where a worker finds the document: a URL as it is, a local path made absolute (a worker's
    working directory is not the client's)."""
    return path if is_url(path) else os.path.abspath(path)
