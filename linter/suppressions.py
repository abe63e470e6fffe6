"""Suppressions for texts that cannot carry `noqa` comments.

A newspaper article has no place for an inline marker, so suppressions live in
a sidecar file (`wenlint-suppressions.yaml` beside the configuration). Each
entry silences one rule (or category) in one file, either at one finding (its
`fingerprint`, which survives lines moving) or at one `line`:

    suppressions:
      - rule: duplication.word
        path: articles/2024-05-01.txt
        fingerprint: 3f1c0e9a7b2d4c6e8f01
        reason: 原文如此
      - rule: quotes.unclosed
        path: articles/2024-05-02.txt
        line: 12

`path` is relative to the folder holding the suppressions file; an entry whose
file does not exist is an error (a renamed article would silently lose its
suppressions). Markdown documents may use inline comments instead (linter/inline.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .errors import WenlintError
from .findings import Finding
from .store import rewrite

ENTRY_KEYS = {"rule", "path", "fingerprint", "line", "text", "reason"}
HEADER = (
    "# wenlint suppressions: each entry silences one rule in one file, at a finding's\n"
    "# fingerprint (which survives edits elsewhere) or at a line. Add `reason:` to say why.\n"
)


class SuppressionError(WenlintError):
    pass


@dataclass(frozen=True)
class Suppression:
    rule: str
    path: str
    fingerprint: str | None = None
    line: int | None = None

    def matches(self, finding: Finding, path: str) -> bool:
        if self.rule not in (finding.rule, finding.category) or self.path != path:
            return False
        if self.fingerprint is not None:
            return finding.fingerprint == self.fingerprint
        return finding.line == self.line


def relative_to(folder: Path, path: str) -> str:
    try:
        return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")
    except ValueError:
        return path.replace(os.sep, "/")


def _load_entries(file: Path) -> list[dict]:
    if not file.is_file():
        return []
    import yaml  # only a project with a suppressions file pays for the import

    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SuppressionError(f"{file}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise SuppressionError(f"{file}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"suppressions"} or not isinstance(data["suppressions"] or [], list):
        raise SuppressionError(f"{file}: expected a mapping with one key, `suppressions`, holding a list")
    return list(data["suppressions"] or [])


def read_suppressions(file: Path) -> list[Suppression]:
    result = []
    folder = file.resolve().parent
    for i, entry in enumerate(_load_entries(file)):
        where = f"{file}: suppressions[{i}]"
        if not isinstance(entry, dict):
            raise SuppressionError(f"{where}: expected a mapping")
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            raise SuppressionError(f"{where}: {sorted(unknown)[0]}: unknown key (known keys: {', '.join(sorted(ENTRY_KEYS))})")
        for key in ("rule", "path"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise SuppressionError(f"{where}: {key}: expected a non-empty string")
        if not (folder / entry["path"]).is_file():
            raise SuppressionError(f"{where}: path: {entry['path']}: no such file (paths are relative to the suppressions file's folder)")
        fingerprint, line = entry.get("fingerprint"), entry.get("line")
        if fingerprint is not None and not isinstance(fingerprint, str):
            raise SuppressionError(f"{where}: fingerprint: expected a string")
        if line is not None and (isinstance(line, bool) or not isinstance(line, int) or line < 1):
            raise SuppressionError(f"{where}: line: expected a line number >= 1")
        if fingerprint is None and line is None:
            raise SuppressionError(f"{where}: expected `fingerprint` or `line`")
        result.append(Suppression(entry["rule"], entry["path"].replace(os.sep, "/"), fingerprint, line if fingerprint is None else None))
    return result


def suppression_filter(suppressions: list[Suppression], folder: Path) -> Callable[[list[Finding]], list[Finding]]:
    """Drop the findings a suppression matches; the suppressions are indexed by path once per run."""
    by_path: dict[str, list[Suppression]] = {}
    for s in suppressions:
        by_path.setdefault(s.path, []).append(s)

    def kept(findings: list[Finding]) -> list[Finding]:
        relative: dict[str, str] = {}
        result = []
        for f in findings:
            path = relative.get(f.path)
            if path is None:
                path = relative[f.path] = relative_to(folder, f.path)
            if not any(s.matches(f, path) for s in by_path.get(path, ())):
                result.append(f)
        return result

    return kept


def add_suppressions(file: Path, findings: Iterable[Finding]) -> int:
    """Append one fingerprint entry per finding to `file` (created if missing); returns how many were added."""
    entries = _load_entries(file)
    known = {(e.get("rule"), e.get("path"), e.get("fingerprint")) for e in entries if isinstance(e, dict)}
    added = 0
    for f in findings:
        entry = {"rule": f.rule, "path": relative_to(file.resolve().parent, f.path), "fingerprint": f.fingerprint,
                 "line": f.line, "text": f.text[:40]}
        if not entry["text"]:
            del entry["text"]
        key = (entry["rule"], entry["path"], entry["fingerprint"])
        if key not in known:
            known.add(key)
            entries.append(entry)
            added += 1
    import yaml

    body = yaml.safe_dump({"suppressions": entries}, allow_unicode=True, sort_keys=False, width=1000)
    rewrite(file, (HEADER + body).encode("utf-8"))
    return added

