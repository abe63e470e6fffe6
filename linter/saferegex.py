"""User regular expressions that cannot hang a run.

A rule file may hold a pattern that backtracks catastrophically
(`(\\p{Han}|\\p{Han}\\p{Han})+\\d` on a long run of Han characters). Every
pattern compiled through `linter.options.compile_regex` is a `TimedPattern`:
each search passes the `regex` module a `timeout=` that grows with the length
of the text searched (big files legitimately take longer), and a search that
runs out raises `RegexTimeout`, which the engine reports as one error naming
the rule and the file while the run goes on.

The allowance is `WENLINT_REGEX_TIMEOUT` seconds (default 2) plus 2 µs per
character searched.
"""

from __future__ import annotations

import os
from typing import Any

ENV_VAR = "WENLINT_REGEX_TIMEOUT"
DEFAULT_BASE_SECONDS = 2.0
SECONDS_PER_CHAR = 2e-6


class RegexTimeout(TimeoutError):
    """A search that ran past its time allowance; names the pattern."""

    def __init__(self, pattern: str, seconds: float):
        self.pattern, self.seconds = pattern, seconds
        super().__init__(f"regular expression {_short(pattern)} ran longer than {seconds:.1f} s")

    def __reduce__(self):
        return type(self), (self.pattern, self.seconds)


def base_timeout() -> float:
    try:
        value = float(os.environ.get(ENV_VAR, DEFAULT_BASE_SECONDS))
    except ValueError:
        return DEFAULT_BASE_SECONDS
    return value if value > 0 else DEFAULT_BASE_SECONDS


def time_limit(length: int) -> float:
    """Seconds one search over `length` characters may take."""
    return base_timeout() + length * SECONDS_PER_CHAR


class TimedPattern:
    """A compiled `regex` pattern whose searches carry a timeout; otherwise the same object.

    Only the methods that scan text are wrapped; attributes (`pattern`,
    `groups`, `groupindex`, `flags`) come from the pattern itself.
    """

    __slots__ = ("compiled",)

    def __init__(self, compiled: Any):
        self.compiled = compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def __reduce__(self):
        return type(self), (self.compiled,)

    def __eq__(self, other: object) -> bool:
        other = other.compiled if isinstance(other, TimedPattern) else other
        return self.compiled == other

    def __hash__(self) -> int:
        return hash(self.compiled)

    def __repr__(self) -> str:
        return f"TimedPattern({self.compiled.pattern!r})"

    def _run(self, method: str, string: Any, args: tuple, kwargs: dict) -> Any:
        if "timeout" not in kwargs:
            kwargs["timeout"] = time_limit(len(string))
        try:
            return getattr(self.compiled, method)(*args, **kwargs)
        except TimeoutError:
            raise RegexTimeout(self.compiled.pattern, kwargs["timeout"]) from None

    def search(self, string, *args, **kwargs):
        return self._run("search", string, (string, *args), kwargs)

    def match(self, string, *args, **kwargs):
        return self._run("match", string, (string, *args), kwargs)

    def fullmatch(self, string, *args, **kwargs):
        return self._run("fullmatch", string, (string, *args), kwargs)

    def findall(self, string, *args, **kwargs):
        return self._run("findall", string, (string, *args), kwargs)

    def split(self, string, *args, **kwargs):
        return self._run("split", string, (string, *args), kwargs)

    def sub(self, repl, string, *args, **kwargs):
        return self._run("sub", string, (repl, string, *args), kwargs)

    def subn(self, repl, string, *args, **kwargs):
        return self._run("subn", string, (repl, string, *args), kwargs)

    def finditer(self, string, *args, **kwargs):
        """Matches one by one; the timeout covers the whole scan, as in `regex`."""
        if "timeout" not in kwargs:
            kwargs["timeout"] = time_limit(len(string))
        iterator = self.compiled.finditer(string, *args, **kwargs)
        try:
            yield from iterator
        except TimeoutError:
            raise RegexTimeout(self.compiled.pattern, kwargs["timeout"]) from None

    def splititer(self, string, *args, **kwargs):
        if "timeout" not in kwargs:
            kwargs["timeout"] = time_limit(len(string))
        try:
            yield from self.compiled.splititer(string, *args, **kwargs)
        except TimeoutError:
            raise RegexTimeout(self.compiled.pattern, kwargs["timeout"]) from None


def _short(pattern: str, limit: int = 40) -> str:
    return "`" + (pattern if len(pattern) <= limit else pattern[: limit - 1] + "…") + "`"
