"""The `Rule` type: one rule as loaded from a rule file, what findings and check kinds are about.

It is a plain record: loading it (`linter.rules`) and running it (the check kinds)
live above it. Its `config` (the kind's options, prepared) is made by the layer that
knows the kinds, when the rule is parsed or, for a rule set verified before, on
first read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ConfigToCompile:
    """What `Rule.config` holds until it is first read: the rule set that made the rule without
    compiling it (a verified rule set: a cached run compiles none) compiles it then."""

    def compile(self, rule: Rule) -> Any:
        raise NotImplementedError


class _CompiledOnFirstUse:
    """`Rule.config`: the config given, or the one a `ConfigToCompile` makes when first read."""

    def __get__(self, rule, owner=None):
        if rule is None:
            return None
        config = rule.__dict__["_config"]
        if isinstance(config, ConfigToCompile):
            config = rule.__dict__["_config"] = config.compile(rule)
        return config

    def __set__(self, rule, value) -> None:
        rule.__dict__["_config"] = value


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    description: str
    examples_bad: list[Any]
    examples_good: list[Any]
    options: dict[str, Any]
    source: str
    fix_safe: bool = False
    enabled: bool = True
    set_level: bool = False
    from_default_pack: bool = False
    config: Any = _CompiledOnFirstUse()

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]

    def format_message(self, values: dict[str, object]) -> str:
        return self.message.format_map(_KeepMissing(values))

    def __getstate__(self):
        return self.__dict__

    def __setstate__(self, state):
        self.__dict__.update(state)


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
