"""Prepared tables kept per user, so a new process loads what it would otherwise build.

Some tables take a fair part of a second to build from their source (jieba's
word frequencies, parsed from a 5 MB word list; the characters of one script,
from OpenCC's tables) and a small fraction of that to load with marshal. A
snapshot lives in the per-user folder ($XDG_CACHE_HOME/wenlint/tables-v1),
under a name digested from everything the table is built from: its name, the
path, size and modification time of each source file (as Python's own bytecode
cache decides; verified rule sets give their files' bytes instead, see
linter.rules), wenlint's version and code, and the Python version (marshal's
format). A changed source, or another wenlint, looks for another snapshot. A
snapshot is a CRC-32 followed by the marshalled table, written to a temporary
file and renamed into place: one that is missing, damaged or unreadable is
built again, and a folder that cannot be written only costs the build.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from . import store

T = TypeVar("T")
FOLDER = "tables-v1"
KEEP = 3  # snapshots kept per table


def snapshot(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """The table `build()` returns, from its snapshot when one matches `sources` (built and kept otherwise)."""
    try:
        key = sources_key(sources)
    except OSError:
        return build()
    found = read_snapshot(name, key)
    if found is not None:
        return found
    table = build()
    write_snapshot(name, key, table)
    return table


def sources_key(sources: Iterable[Path]) -> bytes:
    """The path, size and modification time of each source file (OSError: one is missing)."""
    parts = []
    for source in sources:
        info = os.stat(source)
        parts.append(f"{os.path.abspath(source)}\0{info.st_size}\0{info.st_mtime_ns}\0")
    return "".join(parts).encode("utf-8", "surrogateescape")


def read_snapshot(name: str, key: bytes):
    """The table kept under `name` and `key` by this wenlint, or None."""
    return _read(snapshot_path(name, key))


def write_snapshot(name: str, key: bytes, table, keep: int = KEEP) -> None:
    """Keep `table` under `name` and `key`, and the newest `keep` snapshots of `name` in all."""
    _write(snapshot_path(name, key), table, keep)


def snapshot_path(name: str, key: bytes) -> Path:
    """Where the snapshot of table `name` built from what `key` digests, by this wenlint, lives."""
    digest = hashlib.sha256(f"{name}\0{store.code_digest()}\0{sys.version}\0".encode())
    digest.update(key)
    return store.user_dir() / FOLDER / f"{name}-{digest.hexdigest()[:32]}"


def _read(path: Path):
    try:
        blob = store.read_checked(path)
        return None if blob is None else marshal.loads(blob)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write(path: Path, table, keep: int) -> None:
    """Keep the table, and the newest `keep` snapshots of the same table in all (two wenlints in use
    on one machine do not rebuild each other's): a table is megabytes, and every change of wenlint's
    code leaves one more."""
    try:
        blob = marshal.dumps(table)
    except ValueError:  # a table holding what marshal cannot write is simply not kept
        return
    try:
        store.write_checked(path, blob)
        name = path.name.rsplit("-", 1)[0]
        store.keep_newest([p for p in path.parent.glob(f"{name}-*") if p.name.rsplit("-", 1)[0] == name], keep)
    except OSError:
        pass
