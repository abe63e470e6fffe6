"""Baselines: adopt the tool on an archive by recording today's findings and
reporting only new ones.

A baseline is a JSON file of fingerprints. A fingerprint hashes the rule, the
path and the flagged text with a little context (not the line number), so a
recorded finding stays recorded when lines are added or removed elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .errors import WenlintError
from .findings import Finding
from .store import rewrite

FORMAT = "wenlint-baseline"
VERSION = 1


class BaselineError(WenlintError):
    pass


def write_baseline(path: str, findings: Iterable[Finding]) -> None:
    """Record `findings`; the line and text are kept for people reading the file, only fingerprints match."""
    entries = [
        {"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "line": f.line, "text": f.text[:80]}
        for f in findings
    ]
    data = {"format": FORMAT, "version": VERSION, "findings": entries}
    rewrite(Path(path), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def read_baseline(path: str) -> set[str]:
    """The fingerprints a baseline file records."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"), object_pairs_hook=_fields_read)
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a wenlint baseline: invalid JSON at line {exc.lineno}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a wenlint baseline (expected {{\"format\": \"{FORMAT}\", \"findings\": [...]}})")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r} is not supported (expected {VERSION})")
    fingerprints = set()
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: findings[{i}]: expected an object with a `fingerprint` string")
        fingerprints.add(entry["fingerprint"])
    return fingerprints


def _fields_read(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object with only the keys `read_baseline` looks at: a large baseline's entries are
    not all kept with the rule, path, line and text written for people."""
    return {key: value for key, value in pairs if key in _READ_KEYS}


_READ_KEYS = frozenset({"format", "version", "findings", "fingerprint"})


def without_baselined(findings: list[Finding], fingerprints: set[str]) -> list[Finding]:
    return [f for f in findings if f.fingerprint not in fingerprints]
