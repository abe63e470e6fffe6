"""The result cache: a re-run over unchanged files reads results instead of linting.

An entry holds one document's results (findings, set-level summaries, the
source lines the text report quotes) under a key made of the file's bytes,
its path and encoding, the rule set (every field of every selected rule), the
tool version and a digest of the tool's own code, so any change to a file, a
rule or wenlint itself misses. Entries are written to a temporary file and
renamed into place, so two runs sharing the folder never read half an entry.
An entry is a CRC-32 followed by the result as `engine.encode_result` writes it
(findings as marshalled tuples); an unreadable, corrupt or foreign entry is a
miss, never an error. The set-level summaries inside are loaded with an
unpickler that only builds wenlint's own classes and plain data, so a cache
folder from an untrusted checkout cannot run code.

The folder is `.wenlint_cache/` in the working directory unless `--cache-dir`
or WENLINT_CACHE_DIR names another; deleting it is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import marshal
import os
import pickle
import zlib
from pathlib import Path
from typing import Any, Iterable

from . import __version__

DEFAULT_DIR = ".wenlint_cache"
ENV_VAR = "WENLINT_CACHE_DIR"
LAYOUT = "v2"
# Set-level findings kept for this many document sets (the latest runs over different sets).
SET_ENTRIES = 16
_SAFE_GLOBALS = {
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "complex"), ("builtins", "slice"),
    ("builtins", "bytearray"), ("builtins", "range"),
    ("collections", "Counter"), ("collections", "OrderedDict"), ("collections", "defaultdict"), ("collections", "deque"),
    ("decimal", "Decimal"), ("fractions", "Fraction"),
    ("array", "array"), ("array", "_array_reconstructor"),  # compact summaries (term places)
}


def default_dir() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DIR)


def user_dir() -> Path:
    """The per-user folder ($XDG_CACHE_HOME/wenlint, else ~/.cache/wenlint): it remembers rule sets
    whose examples were verified, for every project and even with --no-cache."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wenlint"


@functools.lru_cache(maxsize=None)
def code_digest() -> str:
    """A digest of wenlint's own source files: a changed check invalidates every entry."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def rules_digest(rules: Iterable[Any], *, examples: bool = False) -> str:
    """A digest of everything that decides what the rules report (and, optionally, their examples)."""
    digest = hashlib.sha256(code_digest().encode())
    for rule in rules:
        fields = [rule.id, rule.kind, rule.severity, rule.message, rule.fix_safe, rule.enabled, rule.options]
        if examples:
            fields += [rule.source, rule.examples_bad, rule.examples_good]
        digest.update(json.dumps(fields, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class _SafeUnpickler(pickle.Unpickler):
    """Builds only wenlint classes and plain data (see _SAFE_GLOBALS)."""

    def find_class(self, module: str, name: str):
        if (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        if (module == "linter" or module.startswith("linter.")) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and (found.__module__ or "").startswith("linter"):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a wenlint cache entry")


def safe_loads(data: bytes) -> Any:
    return _SafeUnpickler(io.BytesIO(data)).load()


class Cache:
    """Per-document results under a folder, keyed by content and rule set."""

    def __init__(self, root: Path, rules: list[Any], encoding: str = "utf-8"):
        self.root = Path(root)
        self.results = self.root / LAYOUT / "results"
        self._results = str(self.results)
        self.rules_key = f"{rules_digest(rules)}\0{encoding}".encode()

    def key(self, display_path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.rules_key)
        digest.update(display_path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.results / key[:2] / key[2:]

    def load(self, key: str) -> Any | None:
        """The PackedResult stored under `key`, or None."""
        from .engine import decode_result

        try:
            blob = _read_checked(os.path.join(self._results, key[:2], key[2:]))
            return None if blob is None else decode_result(blob, safe_loads)
        except Exception:  # noqa: BLE001 - a missing, partial or foreign entry is a miss
            return None

    def store(self, key: str, blob: bytes) -> None:
        """Write an encoded result atomically (temporary file, then rename); a read-only folder is ignored."""
        self._write_checked(self._entry(key), blob)

    def _write_checked(self, entry: Path, blob: bytes) -> None:
        """`blob` behind its CRC-32, written atomically; a read-only folder is ignored."""
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            self._mark_folder()
            _atomic_write(entry, zlib.crc32(blob).to_bytes(4, "big") + blob)
        except OSError:
            pass

    def set_key(self, document_keys: list[str]) -> str:
        """The key of a document set's set-level findings: the rule set and each document's key, in order."""
        digest = hashlib.sha256(self.rules_key + b"\0set")
        for key in document_keys:
            digest.update(key.encode() + b"\0")
        return digest.hexdigest()

    def load_findings(self, key: str) -> list | None:
        """Set-level findings stored under `key`, or None."""
        from .findings import finding_from_row

        try:
            blob = _read_checked(self.root / LAYOUT / "sets" / key)
            return None if blob is None else [finding_from_row(row) for row in marshal.loads(blob)]
        except Exception:  # noqa: BLE001 - a missing, partial or foreign entry is a miss
            return None

    def store_findings(self, key: str, findings: list) -> None:
        from .findings import finding_row

        folder = self.root / LAYOUT / "sets"
        self._write_checked(folder / key, marshal.dumps([finding_row(f) for f in findings]))
        _keep_newest(folder, SET_ENTRIES)

    def examples_verified(self, digest: str) -> bool:
        return (self.root / LAYOUT / "examples" / digest).is_file()

    def mark_examples_verified(self, digest: str) -> None:
        marker = self.root / LAYOUT / "examples" / digest
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            self._mark_folder()
            _atomic_write(marker, b"")
        except OSError:
            pass

    def _mark_folder(self) -> None:
        """Tell git and backup tools to leave the folder alone (as pytest and ruff do)."""
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            _atomic_write(ignore, b"# created by wenlint\n*\n")
            _atomic_write(self.root / "CACHEDIR.TAG", b"Signature: 8a477f597d28d172789f06886806bc55\n# wenlint result cache\n")


def _read_checked(path) -> memoryview | None:
    """The bytes an entry holds behind its CRC-32, or None when they do not match it."""
    with open(path, "rb") as fh:
        data = fh.read()
    if len(data) < 4 or int.from_bytes(data[:4], "big") != zlib.crc32(memoryview(data)[4:]):
        return None
    return memoryview(data)[4:]


def _keep_newest(folder: Path, count: int) -> None:
    """Delete all but the `count` most recently written entries of `folder`: each edit to a
    set of documents makes a new set entry, and the old ones would never be read again."""
    try:
        entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".")]  # not others' temporary files
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in entries[count:]:
            entry.unlink(missing_ok=True)
    except OSError:
        pass


def _atomic_write(path: Path, data: bytes) -> None:
    import tempfile  # only runs that write entries need it

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
