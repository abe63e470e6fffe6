"""Files wenlint keeps for itself or rewrites for the user, written so that no reader ever sees half of one.

Every write goes to a temporary file in the target's folder (its name starts
with a dot, so folder listings here skip it) and is renamed into place;
kept entries carry a CRC-32 so that a damaged one reads as missing. The result
cache (linter.cache), the table snapshots (linter.snapshots) and `--fix`
(linter.fix) write through `write_atomic`; baselines and suppression files through `rewrite`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import zlib
from pathlib import Path
from typing import Iterable

from . import __version__


def user_dir() -> Path:
    """The per-user folder ($XDG_CACHE_HOME/wenlint, else ~/.cache/wenlint): it remembers rule sets
    whose examples were verified, for every project and even with --no-cache."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wenlint"


@functools.lru_cache(maxsize=None)
def code_digest() -> str:
    """A digest of wenlint's own source files: a changed check invalidates every kept entry."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_atomic(path: Path, data: bytes, *, like: os.stat_result | None = None, durable: bool = False) -> None:
    """Replace `path` with `data`: a crash leaves the old file or the new one, never half of one.

    `like`: the new file takes these permission bits and, where allowed, owner (those of the file it
    replaces). `durable`: the file and the rename are fsync'ed (a user's document; a cache entry
    that is lost is only a miss). OSError when it cannot be written; the temporary file is removed.
    """
    import tempfile  # only runs that write pay for the import

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".wenlint-tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if like is not None:
            os.chmod(temporary, like.st_mode & 0o7777)
            if hasattr(os, "chown"):
                try:
                    os.chown(temporary, like.st_uid, like.st_gid)
                except OSError:
                    pass
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    if durable:
        _fsync_folder(path.parent)


def rewrite(path: Path, data: bytes) -> None:
    """Replace (or create) a file people keep, such as a baseline: a symbolic link is followed (its
    target is rewritten), the permission bits and owner are kept (a new file gets those a plain
    open() would give), and the write is durable. OSError when it cannot be written."""
    target = Path(os.path.realpath(path))
    try:
        like = os.stat(target)
    except FileNotFoundError:
        like = None
    write_atomic(target, data, like=like, durable=True)
    if like is None:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(target, 0o666 & ~mask)


def _fsync_folder(folder: Path) -> None:
    """Make a rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_checked(path: Path, blob: bytes) -> None:
    """`blob` behind its CRC-32, written atomically (folders made as needed; OSError when it cannot be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, zlib.crc32(blob).to_bytes(4, "big") + blob)


def read_checked(path: str | Path) -> memoryview | None:
    """The bytes `write_checked` put behind their CRC-32, or None when they do not match it (OSError: unreadable)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if len(data) < 4 or int.from_bytes(data[:4], "big") != zlib.crc32(memoryview(data)[4:]):
        return None
    return memoryview(data)[4:]


def keep_newest(paths: Iterable[Path], count: int) -> None:
    """Delete all but the `count` most recently written of `paths` (kept entries that would never be
    read again: an old document set's findings, a table of an older wenlint); errors are ignored."""
    entries = []
    for path in paths:
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    entries.sort(key=lambda entry: entry[0], reverse=True)
    for _, path in entries[count:]:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
