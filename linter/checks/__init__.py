"""Check kinds. Each module in this package is one kind, found by its `KIND` name.

A kind module defines:

    KIND = "pattern"                 # the `kind:` value rules use
    FIELDS = {"patterns": "..."}     # kind-specific rule fields and what they mean
    REQUIRED = {"patterns"}          # which of them a rule must give
    def compile(options) -> config   # validate (raise FieldError) and prepare
    def check(document, rule) -> iterable of Finding   # rule.config is the prepared config

A kind that looks across the document set instead defines `SCOPE = "set"`,
`summarize(document, rule)` returning a small picklable summary, and
`check_set(summaries, rule)` receiving a read-only sequence of (path,
summary) for every document of the run. The engine keeps summaries pickled
and unpickles one as the check reads it, so a check that reads the sequence
twice gets fresh objects each time: iterate it, don't change it or keep it
whole. Summaries go through the cache's safe unpickler, so they may hold only
plain data and wenlint's own classes.

`NEEDS` (optional) is a string of characters, at least one of which a
document must contain for the check to be able to fire; the engine skips the
rest cheaply.

`prepare(config)` (optional) loads the heavy data a rule will need (a
dictionary, a converter). A run that starts a pool of forked workers calls it
first, so the workers share one copy instead of each loading its own.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_KINDS: dict[str, ModuleType] | None = None


def kinds() -> dict[str, ModuleType]:
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
    return kinds().get(kind)


def is_set_level(module: ModuleType) -> bool:
    return getattr(module, "SCOPE", "document") == "set"
