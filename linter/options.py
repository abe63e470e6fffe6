"""Reading the settings of a rule: typed fields with one default each, and the regular expressions of rule files.

Check kinds declare their settings as `Field`s (see linter.checks.api, which
re-exports everything here); the block model reads its cues with the same helpers.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .errors import FieldError

if TYPE_CHECKING:
    import regex


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""The default of a field every rule of the kind must give."""


FieldType = Callable[[str, Any], Any]
"""What a setting's value must be: called with the field's name and the rule's value, returns the
value as `compile` receives it or raises FieldError."""


@dataclass(frozen=True)
class Field:
    """One setting of a kind: its name in rule files, its type, its default (`REQUIRED` when a rule
    must give it) and one line of help."""

    name: str
    type: FieldType
    default: Any
    help: str

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


class Options(dict):
    """Every field's value for a rule; `given` names the fields the rule itself set."""

    given: frozenset[str] = frozenset()


def option_values(fields: Sequence[Field], options: dict[str, Any], kind: str = "") -> Options:
    """Every field's value for a rule's settings, each read by its type, the default where the rule
    says nothing; FieldError for a setting no field names, a missing required one or a wrong type."""
    by_name = {f.name: f for f in fields}
    for key in options:
        if key not in by_name:
            allowed = ", ".join(sorted(by_name)) or "none"
            raise FieldError(str(key), f"unknown field for kind {kind!r} (its fields: {allowed})")
    values = Options()
    values.given = frozenset(options)
    for f in fields:
        if f.name in options:
            values[f.name] = f.type(f.name, options[f.name])
        elif f.required:
            raise FieldError(f.name, f"required by kind {kind!r}")
        else:
            values[f.name] = f.default
    return values


def string_list(field_name: str, value: Any, *, allow_empty: bool = True) -> list[str]:
    """A list of non-empty strings (one string alone is a list of one)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise FieldError(field_name, "expected a list of non-empty strings")
    if not value and not allow_empty:
        raise FieldError(field_name, "expected at least one entry")
    return value


def integer(field_name: str, value: Any, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FieldError(field_name, f"expected an integer >= {minimum}")
    return value


def _checked(valid: Callable[[Any], bool], expected: str) -> FieldType:
    """A type whose values pass `valid` unchanged; FieldError saying `expected` otherwise."""

    def read(field_name: str, value: Any) -> Any:
        if not valid(value):
            raise FieldError(field_name, expected)
        return value

    return read


STRING = _checked(lambda v: isinstance(v, str), "expected a string")
TEXT = _checked(lambda v: isinstance(v, str) and bool(v.strip()), "expected a non-empty string")
CHARACTERS = _checked(lambda v: isinstance(v, str), "expected a string of characters")
SOME_CHARACTERS = _checked(lambda v: isinstance(v, str) and bool(v),
                           "expected a non-empty string of characters")
FLAG = _checked(lambda v: isinstance(v, bool), "expected true or false")
MAPPING = _checked(lambda v: isinstance(v, dict), "expected a mapping")
STRINGS: FieldType = string_list
NONEMPTY_STRINGS: FieldType = functools.partial(string_list, allow_empty=False)
ANY = _checked(lambda v: True, "")
"""A value `compile` validates itself (a structure of its own)."""


def count(minimum: int = 0) -> FieldType:
    """An integer of at least `minimum`."""
    return functools.partial(integer, minimum=minimum)


def number(low: float, high: float) -> FieldType:
    """A number from `low` to `high`."""

    def read(name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise FieldError(name, f"expected a number from {low} to {high}")
        return float(value)

    return read


def choice(*choices: str) -> FieldType:
    """One of the given words."""

    def read(name: str, value: Any) -> str:
        if value not in choices:
            raise FieldError(name, f"expected one of {', '.join(choices)}")
        return value

    return read


def choices(*choices: str) -> FieldType:
    """A non-empty list of the given words."""

    def read(name: str, value: Any) -> list[str]:
        items = string_list(name, value, allow_empty=False)
        for item in items:
            if item not in choices:
                raise FieldError(name, f"unknown value {item!r}; expected {', '.join(choices)}")
        return items

    return read


# Regular expressions of rule files.

from_default_pack: ContextVar[bool] = ContextVar("from_default_pack", default=False)
"""True while a rule of the default packs is compiled: its patterns are trusted (see `compile_regex`)."""


def compile_regex(field_name: str, pattern: Any, flags: int = 0, *, fast: bool = False) -> regex.Pattern:
    """Compile a pattern from a rule file.

    Patterns of user rule files are `TimedPattern`s whose searches time out
    instead of hanging (see linter.saferegex). The default packs are trusted
    and tested, so their patterns are plain compiled patterns (the timeout
    costs a few microseconds per search, more than most searches themselves),
    and with `fast=True` they may become stdlib `re` patterns when that means
    the same (see linter.regexes) -- only for callers that use nothing
    `regex`-specific on them.
    """
    import regex

    from .regexes import compile_fast
    from .saferegex import TimedPattern

    if not isinstance(pattern, str) or not pattern:
        raise FieldError(field_name, "expected a non-empty regular expression string")
    try:
        if from_default_pack.get():
            return compile_fast(pattern, flags) if fast else regex.compile(pattern, flags)
        return TimedPattern(regex.compile(pattern, flags))
    except regex.error as exc:
        raise FieldError(field_name, f"invalid regular expression {pattern!r}: {exc}") from None


def compile_regexes(field_name: str, patterns: list[str], flags: int = 0, *, fast: bool = False) -> tuple:
    """`compile_regex` for each pattern of a list field, errors naming `field[i]`."""
    return tuple(compile_regex(f"{field_name}[{i}]", p, flags, fast=fast) for i, p in enumerate(patterns))
