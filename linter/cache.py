"""The result cache: a re-run over unchanged files reads results instead of linting.

An entry holds one document's results (findings, set-level summaries, the
source lines the text report quotes) under a key made of the file's bytes,
its path and encoding, the rule set (every field of every selected rule), the
tool version and a digest of the tool's own code, so any change to a file, a
rule or wenlint itself misses. Entries are written to a temporary file and
renamed into place (linter.store), so two runs sharing the folder never read half an entry.
An entry is a CRC-32 followed by the result as `results.encode_result` writes it
(findings as marshalled tuples); an unreadable, corrupt or foreign entry is a
miss, never an error. The set-level summaries inside are loaded with an
unpickler that only builds wenlint's own classes and plain data, so a cache
folder from an untrusted checkout cannot run code.

The folder is `.wenlint_cache/` in the working directory unless `--cache-dir`
or WENLINT_CACHE_DIR names another; deleting it is always safe.
"""

from __future__ import annotations

import copy
import hashlib
import json
import marshal
import os
from pathlib import Path
from typing import Any, Iterable

from .findings import finding_from_row, finding_row
from .results import decode_result
from .store import code_digest, keep_newest, read_checked, write_atomic, write_checked

DEFAULT_DIR = ".wenlint_cache"
ENV_VAR = "WENLINT_CACHE_DIR"
LAYOUT = "v2"
# Set-level findings kept for this many document sets (the latest runs over different sets).
SET_ENTRIES = 16


def default_dir() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DIR)


def rules_digest(rules: Iterable[Any], *, examples: bool = False) -> str:
    """A digest of everything that decides what the rules report (and, optionally, their examples)."""
    digest = hashlib.sha256(code_digest().encode())
    for rule in rules:
        fields = [rule.id, rule.kind, rule.severity, rule.message, rule.fix_safe, rule.enabled, rule.options]
        if examples:
            fields += [rule.source, rule.examples_bad, rule.examples_good]
        digest.update(json.dumps(fields, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Cache:
    """Per-document results under a folder, keyed by content and rule set."""

    def __init__(self, root: Path, rules: list[Any], encoding: str = "utf-8"):
        self.root = Path(root)
        self.results = self.root / LAYOUT / "results"
        self._results = str(self.results)
        self.rules_key = f"{rules_digest(rules)}\0{encoding}".encode()

    def resolved(self) -> "Cache":
        """This cache at the absolute path of its folder, as a process with another working directory finds it."""
        if self.root.is_absolute():
            return self
        twin = copy.copy(self)
        twin.root = self.root.resolve()
        twin.results = twin.root / LAYOUT / "results"
        twin._results = str(twin.results)
        return twin

    def key(self, display_path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.rules_key)
        digest.update(display_path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.results / key[:2] / key[2:]

    def load(self, key: str) -> Any | None:
        """The PackedResult stored under `key`, or None."""
        try:
            blob = read_checked(os.path.join(self._results, key[:2], key[2:]))
            return None if blob is None else decode_result(blob)
        except Exception:  # noqa: BLE001 - a missing, partial or foreign entry is a miss
            return None

    def store(self, key: str, blob: bytes) -> None:
        """Write an encoded result atomically (temporary file, then rename); a read-only folder is ignored."""
        self._write_checked(self._entry(key), blob)

    def _write_checked(self, entry: Path, blob: bytes) -> None:
        """`blob` behind its CRC-32, written atomically; a read-only folder is ignored."""
        try:
            self._mark_folder()
            write_checked(entry, blob)
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
        try:
            blob = read_checked(self.root / LAYOUT / "sets" / key)
            return None if blob is None else [finding_from_row(row) for row in marshal.loads(blob)]
        except Exception:  # noqa: BLE001 - a missing, partial or foreign entry is a miss
            return None

    def store_findings(self, key: str, findings: list) -> None:
        """Keep a set's findings, and only the SET_ENTRIES newest sets: each edit to a set of documents
        makes a new entry, and the old ones would never be read again."""
        folder = self.root / LAYOUT / "sets"
        self._write_checked(folder / key, marshal.dumps([finding_row(f) for f in findings]))
        try:
            keep_newest([entry for entry in folder.iterdir() if not entry.name.startswith(".")], SET_ENTRIES)
        except OSError:
            pass

    def examples_verified(self, digest: str) -> bool:
        return (self.root / LAYOUT / "examples" / digest).is_file()

    def mark_examples_verified(self, digest: str) -> None:
        marker = self.root / LAYOUT / "examples" / digest
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            self._mark_folder()
            write_atomic(marker, b"")
        except OSError:
            pass

    def _mark_folder(self) -> None:
        """Tell git and backup tools to leave the folder alone (as pytest and ruff do)."""
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            write_atomic(ignore, b"# created by wenlint\n*\n")
            write_atomic(self.root / "CACHEDIR.TAG", b"Signature: 8a477f597d28d172789f06886806bc55\n# wenlint result cache\n")

