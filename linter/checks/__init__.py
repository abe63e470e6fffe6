"""Check kinds. Each module in this package is one kind, found by its `KIND` name.

What a kind module defines, and when each hook is called, is written once, in
`linter.checks.api` (`CheckKind`, `SetCheckKind`, typed `Field`s); a kind
imports what it needs from there.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_KINDS: dict[str, ModuleType] | None = None


def kinds() -> dict[str, ModuleType]:
    """Every kind by its `KIND`: the modules of this package that define one, imported on first use."""
    global _KINDS
    if _KINDS is None:
        found = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            kind = getattr(module, "KIND", None)
            if kind:
                found[kind] = module
        _KINDS = found
    return _KINDS


def get(kind: str) -> ModuleType | None:
    """The module of a kind; None for a name no module defines."""
    return kinds().get(kind)
