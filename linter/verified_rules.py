"""Verified rule sets: rules whose files were validated and whose examples were run, kept per user
so that the next run over the same files neither parses YAML nor compiles a pattern before a rule
runs (a cached run runs none)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .rule import Rule
from .rules import UNCOMPILED, display_path, is_default_pack

_VERIFIED_FIELDS = ("id", "kind", "severity", "message", "description", "examples_bad", "examples_good", "options",
                    "fix_safe", "enabled", "set_level")
VERIFIED_SETS_KEPT = 16


def _rule_set_key(files: list[tuple[Path, bytes]]) -> bytes:
    """What a verified rule set depends on besides wenlint's code: the files (where, and their bytes) and
    the installed `regex` module (which patterns compile), without importing it."""
    from importlib.util import find_spec

    from .snapshots import sources_key

    digest = hashlib.sha256(sources_key([Path(find_spec("regex").origin)]))
    for path, data in files:
        where = os.path.abspath(path).encode("utf-8", "surrogateescape")
        digest.update(f"{len(where)}:{len(data)}:".encode() + where + data)
    return digest.digest()


def verified_rule_set(files: list[tuple[Path, bytes]]) -> list[Rule] | None:
    """The rules of `files` as kept by `keep_verified_rule_set`, their configs compiled on first use; None when not kept."""
    from .snapshots import read_snapshot

    kept = read_snapshot("rule-set", _rule_set_key(files))
    if not isinstance(kept, list):
        return None
    sources = [(display_path(path), is_default_pack(path)) for path, _ in files]
    rules = []
    for *fields, file_index in kept:
        source, default_pack = sources[file_index]
        rules.append(Rule(**dict(zip(_VERIFIED_FIELDS, fields)), source=source, from_default_pack=default_pack,
                          config=UNCOMPILED))
    return rules


def keep_verified_rule_set(files: list[tuple[Path, bytes]], rules: list[Rule]) -> None:
    """Remember rules loaded from `files` (validated, and their examples verified) for the next run."""
    from .snapshots import write_snapshot

    file_of = {display_path(path): i for i, (path, _) in enumerate(files)}
    kept = [tuple(getattr(rule, name) for name in _VERIFIED_FIELDS) + (file_of[rule.source],) for rule in rules]
    write_snapshot("rule-set", _rule_set_key(files), kept, keep=VERIFIED_SETS_KEPT)
