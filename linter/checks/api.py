"""The contract of a check kind: what a module in `linter/checks/` defines, and when wenlint calls it.

A check kind is one module, found by its `KIND`. The rule loader, the engine,
the worker pool and the rule catalogue read a kind only through this module:
`CheckKind` and `SetCheckKind` name every hook, `option_values` turns a rule's
settings into the values `compile` receives, and `is_set_level`, `needs`,
`prepare`, `can_fix` and `candidate_patterns` read the optional hooks
(`kind_of(rule)` is the module that runs a rule). `docs/extending.md` shows
a whole kind.

A kind's settings are declared once, as typed `Field`s with one default each:

    FIELDS = (
        Field("patterns", STRINGS, REQUIRED, "regular expressions; each match is a finding"),
        Field("exceptions", STRINGS, [], "regular expressions whose matches suppress a finding"),
    )

The loader refuses a setting no field names, a required one missing and a
value of the wrong type, and `compile` receives every field, the default
filled in for those a rule leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from . import get as get_kind
from ..errors import FieldError
from ..findings import Finding, make_finding
from ..options import (ANY, CHARACTERS, FLAG, MAPPING, NONEMPTY_STRINGS, REQUIRED, SOME_CHARACTERS, STRING, STRINGS, TEXT,
                       Field, FieldType, Options, choice, choices, compile_regex, compile_regexes, count, integer, number,
                       option_values, string_list)

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

__all__ = [
    "CheckKind", "SetCheckKind", "Field", "FieldType", "REQUIRED", "STRING", "TEXT", "CHARACTERS", "SOME_CHARACTERS",
    "FLAG", "STRINGS", "NONEMPTY_STRINGS", "MAPPING", "ANY", "Options", "count", "number", "choice", "choices",
    "option_values", "compile_options", "compile_regex", "compile_regexes", "string_list", "integer", "FieldError",
    "make_finding", "Finding", "is_set_level", "needs", "prepare", "can_fix", "candidate_patterns", "kind_of",
]


class CheckKind(Protocol):
    """A kind whose rules look at one document at a time."""

    KIND: str
    """The `kind:` value rules use (lower case, words joined by `-`)."""

    FIELDS: Sequence[Field]
    """The kind's own rule settings; every other key of a rule is one of `rules.COMMON_FIELDS`."""

    def compile(self, options: dict[str, Any]) -> Any:
        """Called once per rule, when the rule is loaded (or first used, for a rule set verified by
        an earlier run), with `option_values(FIELDS, settings)`. Validate what the field types do not
        (a regular expression, a value that depends on another), raising `FieldError(field, message)`,
        and return the rule's prepared config: immutable, picklable, kept as `rule.config`.
        A config attribute `needs` (a string of characters or None) overrides `NEEDS`."""

    def check(self, document: Document, rule: Rule) -> Iterable[Finding]:
        """Called for every document the rule may fire on (see `needs`); yields the rule's findings
        in the document, made with `make_finding`, whose keyword values fill the `{placeholders}`
        of the rule's message (`{match}` is always filled). Must not raise on any text: an exception
        is reported as a wenlint bug and the rule's findings in that document are dropped."""


class SetCheckKind(Protocol):
    """A kind whose rules look across the document set (`SCOPE = "set"`), e.g. one spelling per set."""

    KIND: str
    FIELDS: Sequence[Field]
    SCOPE: str
    """`"set"`; a kind without `SCOPE` is per document."""

    def compile(self, options: dict[str, Any]) -> Any:
        """As `CheckKind.compile`."""

    def summarize(self, document: Document, rule: Rule) -> Any:
        """Called once per document, in whichever worker reads it, and kept in the cache: a small
        picklable summary holding plain data and wenlint's own classes only (the cache's safe
        unpickler refuses anything else)."""

    def check_set(self, summaries: Sequence[tuple[str, Any]], rule: Rule) -> Iterable[Finding]:
        """Called once per run, after every document is summarized, with a read-only sequence of
        (path, summary) in path order. Summaries are unpickled as they are read, so reading the
        sequence twice gives fresh objects: iterate it; do not change it or keep it whole."""


# Optional hooks, read only by the functions below:
#   NEEDS: str                    characters of which a document must hold one for the check to fire
#   prepare(config) -> None       load heavy data (a dictionary, a converter) before workers fork
#   can_fix(config) -> bool       whether the rule's findings carry a fix (the catalogue's fix column)
#   candidate_patterns(config)    compiled patterns of which one must match where the rule fires: the
#                                 engine's one multi-pattern pass (linter.prefilter) skips a document
#                                 none of them matches


def is_set_level(kind: ModuleType) -> bool:
    """Whether the kind looks across the document set (`SetCheckKind`)."""
    return getattr(kind, "SCOPE", "document") == "set"


def kind_of(rule: Rule) -> Any:
    """The module of the rule's check kind; None for a kind no module defines."""
    return get_kind(rule.kind)


def needs(rule: Rule) -> str | None:
    """Characters of which a document must hold one for the rule to fire: the config's `needs`,
    else the kind's `NEEDS`; None when any document may fire it. The engine skips the others."""
    return getattr(rule.config, "needs", None) or getattr(kind_of(rule), "NEEDS", None)


def prepare(rule: Rule) -> None:
    """Load what the rule will need, once, before a pool of workers forks (so they share it):
    the kind's `prepare(config)`, when it has one."""
    hook = getattr(kind_of(rule), "prepare", None)
    if hook is not None:
        hook(rule.config)


def candidate_patterns(rule: Rule) -> list | None:
    """Patterns of which one must match wherever the rule fires (the kind's `candidate_patterns(config)`);
    None when the kind names none, or for a set-level rule, which must summarise every document."""
    hook = getattr(kind_of(rule), "candidate_patterns", None)
    return hook(rule.config) if hook is not None and not rule.set_level else None


def can_fix(rule: Rule) -> bool:
    """Whether the rule's findings carry a fix: the kind's `can_fix(config)`; False without one."""
    hook = getattr(kind_of(rule), "can_fix", None)
    return bool(hook is not None and hook(rule.config))


def compile_options(kind: ModuleType, options: dict[str, Any]) -> Any:
    """The kind's config for a rule's settings: `kind.compile(option_values(kind.FIELDS, options))`."""
    return kind.compile(option_values(kind.FIELDS, options, kind.KIND))
