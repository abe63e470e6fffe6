"""Loading rule files into validated `Rule` objects.

A rule file is YAML with a top-level `rules:` list. Every problem is reported
as one `RuleError` naming the file, the rule id and the field, so a user who
wrote a broken rule sees exactly what to change.
"""

from __future__ import annotations

import hashlib
import os
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import checks
from .errors import FieldError, RuleError
from .findings import SEVERITIES

if TYPE_CHECKING:
    import regex

CATEGORIES = ("garbled", "quotes", "duplication", "numbers", "layout", "punctuation", "consistency", "typo")
COMMON_FIELDS = {
    "id": "`<category>.<name>`, unique",
    "kind": "the check kind that runs the rule",
    "severity": "error | warning | info",
    "message": "what the finding says; {placeholders} are filled by the check",
    "description": "one sentence for the rule catalogue (defaults to the message)",
    "examples": "bad: texts that must fire; good: texts that must not",
    "fix": "safe | unsafe: whether --fix applies the rule's replacement without --unsafe-fixes",
    "enabled": "false ships the rule off; --select turns it on",
}
_ID_RE = re.compile(r"^(?P<category>[a-z]+)\.[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Uncompiled:
    """The config of a rule loaded from a verified rule set before its first use."""

    def __reduce__(self):
        return "UNCOMPILED"


UNCOMPILED = _Uncompiled()


class _CompiledOnFirstUse:
    """`Rule.config`: the kind's prepared config, given when the rule is parsed, or compiled
    from the options when first read (a rule set verified before: a cached run reads none)."""

    def __get__(self, rule, owner=None):
        if rule is None:
            return UNCOMPILED
        config = rule.__dict__["_config"]
        if config is UNCOMPILED:
            config = rule.__dict__["_config"] = compile_config(rule)
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
    fix_safe: bool = True
    enabled: bool = True
    set_level: bool = False
    trusted: bool = False  # from a default pack: its patterns need no timeout (see `compile_regex`)
    config: Any = _CompiledOnFirstUse()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def check(self):
        return checks.get(self.kind)

    def format_message(self, values: dict[str, object]) -> str:
        return self.message.format_map(_KeepMissing(values))

    def __getstate__(self):
        return self.__dict__

    def __setstate__(self, state):
        self.__dict__.update(state)


def compile_config(rule: Rule) -> Any:
    """The kind's config for the rule's options, compiled as trusted as the rule's file is."""
    token = _loading_trusted.set(rule.trusted)
    try:
        return rule.check.compile(rule.options)
    finally:
        _loading_trusted.reset(token)


def compile_configs(rules: Iterable[Rule]) -> None:
    """Compile every rule's config now (before forking workers, so that they share them).
    A rule that cannot compile fails where it runs, which reports it."""
    for rule in rules:
        try:
            rule.config  # noqa: B018 - reading it compiles it
        except Exception:  # noqa: BLE001
            pass


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=1)
def _loaders() -> tuple[type, type]:
    """SafeLoaders that refuse a mapping with the same key twice (PyYAML keeps the last silently):
    one on libyaml's parser when installed (faster), and the pure one. libyaml refuses some
    escapes the pure parser takes (a lone surrogate such as \\udcb0 in a rule's examples), so a
    file it refuses is read again with the pure one. Built on first use: a run whose rule set
    was verified before reads no YAML."""
    import yaml

    def construct_mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    class FastUniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    class UniqueKeyLoader(yaml.SafeLoader):
        pass

    for loader in (FastUniqueKeyLoader, UniqueKeyLoader):
        loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return FastUniqueKeyLoader, UniqueKeyLoader


def _load_yaml(text: str):
    import yaml

    fast, pure = _loaders()
    try:
        return yaml.load(text, Loader=fast)
    except yaml.YAMLError:
        return yaml.load(text, Loader=pure)


def default_rules_dir() -> Path:
    """The default pack: `linter/packs` in an installed wheel, `rules/` in a checkout."""
    package = Path(__file__).resolve().parent
    packaged = package / "packs"
    if packaged.is_dir():
        return packaged
    return package.parent / "rules"


def display_path(path: Path) -> str:
    """A path as a person would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def rule_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise RuleError(display_path(directory), "rule directory not found")
    return sorted(p for p in directory.rglob("*.yaml") if p.is_file())


def load_rules(directories: Iterable[Path], *, verify: bool = True) -> list[Rule]:
    """Load every rule of every `*.yaml` under `directories`, validated and compiled."""
    return rules_of(read_rule_files(directories), verify=verify)


def read_rule_files(directories: Iterable[Path]) -> list[tuple[Path, bytes]]:
    """Every rule file under `directories`, in load order, with its bytes."""
    files = []
    for directory in directories:
        for path in rule_files(Path(directory)):
            try:
                files.append((path, path.read_bytes()))
            except OSError as exc:
                raise RuleError(display_path(path), f"cannot read: {exc.strerror}") from None
    return files


def rules_of(files: list[tuple[Path, bytes]], *, verify: bool = True) -> list[Rule]:
    """The rules of rule files read by `read_rule_files`, validated and compiled; ids must be unique."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path, data in files:
        for rule in load_rule_file(path, data):
            if rule.id in seen:
                raise RuleError(rule.source, f"duplicate rule id (first defined in {seen[rule.id]})", rule.id, "id")
            seen[rule.id] = rule.source
            rules.append(rule)
    if verify:
        from .examples import verify_all_examples

        verify_all_examples(rules)
    return rules


_loading_trusted: ContextVar[bool] = ContextVar("loading_trusted", default=False)


def is_trusted(path: Path) -> bool:
    """Files of the default packs are trusted (see `compile_regex`)."""
    return path.resolve().is_relative_to(default_rules_dir().resolve())


def load_rule_file(path: Path, data: bytes | None = None) -> list[Rule]:
    """The rules of one file (`data`: its bytes, when already read)."""
    token = _loading_trusted.set(is_trusted(path))
    try:
        return _load_rule_file(path, data)
    finally:
        _loading_trusted.reset(token)


def _load_rule_file(path: Path, data: bytes | None) -> list[Rule]:
    source = display_path(path)
    try:
        if data is None:
            data = path.read_bytes()
        text = _text_of(data)
    except UnicodeDecodeError as exc:
        raise RuleError(source, f"not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise RuleError(source, f"cannot read: {exc.strerror}") from None
    import yaml

    try:
        loaded = _load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(source, f"invalid YAML: {where}{problem}") from None
    if loaded is None:
        return []
    if not isinstance(loaded, dict) or set(loaded) != {"rules"} or not isinstance(loaded["rules"], list):
        raise RuleError(source, "expected a mapping with one key, `rules`, holding a list of rules")
    return [parse_rule(entry, source, i) for i, entry in enumerate(loaded["rules"])]


def _text_of(data: bytes) -> str:
    """A rule file's text as reading it in text mode gives it (UTF-8, universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


# A verified rule set: rules whose files were validated and whose examples were run, kept
# per user so that the next run over the same files neither parses YAML nor compiles a
# pattern before a rule runs (a cached run runs none).

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
    places = [(display_path(path), is_trusted(path)) for path, _ in files]
    rules = []
    for *fields, file_index in kept:
        source, trusted = places[file_index]
        rules.append(Rule(**dict(zip(_VERIFIED_FIELDS, fields)), source=source, trusted=trusted, config=UNCOMPILED))
    return rules


def keep_verified_rule_set(files: list[tuple[Path, bytes]], rules: list[Rule]) -> None:
    """Remember rules loaded from `files` (validated, and their examples verified) for the next run."""
    from .snapshots import write_snapshot

    file_of = {display_path(path): i for i, (path, _) in enumerate(files)}
    kept = [tuple(getattr(rule, name) for name in _VERIFIED_FIELDS) + (file_of[rule.source],) for rule in rules]
    write_snapshot("rule-set", _rule_set_key(files), kept, keep=VERIFIED_SETS_KEPT)


def parse_rule(entry: Any, source: str, index: int = 0) -> Rule:  # noqa: C901 - split by the check-kind contract (issue 18)
    if not isinstance(entry, dict):
        raise RuleError(source, f"rule #{index + 1}: expected a mapping")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str):
        raise RuleError(source, "missing or non-string `id`", f"rule #{index + 1}", "id")

    def fail(field_name: str, message: str) -> RuleError:
        return RuleError(source, message, rule_id, field_name)

    m = _ID_RE.match(rule_id)
    if not m:
        raise fail("id", "expected `<category>.<name>` in lower case, e.g. quotes.unclosed")
    if m["category"] not in CATEGORIES:
        raise fail("id", f"unknown category {m['category']!r}; expected one of {', '.join(CATEGORIES)}")
    kind = entry.get("kind")
    module = checks.get(kind) if isinstance(kind, str) else None
    if module is None:
        raise fail("kind", f"unknown kind {kind!r}; expected one of {', '.join(sorted(checks.kinds()))}")
    severity = entry.get("severity")
    if severity not in SEVERITIES:
        raise fail("severity", f"expected one of {', '.join(SEVERITIES)}")
    message = entry.get("message")
    if not isinstance(message, str) or not message.strip():
        raise fail("message", "expected a non-empty string")
    description = entry.get("description", message)
    if not isinstance(description, str):
        raise fail("description", "expected a string")
    fix = entry.get("fix", "safe")
    if fix not in ("safe", "unsafe"):
        raise fail("fix", "expected `safe` or `unsafe`")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("enabled", "expected true or false")
    bad, good = _parse_examples(entry.get("examples"), fail, checks.is_set_level(module))

    kind_fields = getattr(module, "FIELDS", {})
    options = {k: v for k, v in entry.items() if k not in COMMON_FIELDS}
    for key in options:
        if key not in kind_fields:
            allowed = ", ".join(sorted(kind_fields)) or "none"
            raise fail(str(key), f"unknown field for kind {kind!r} (its fields: {allowed})")
    for key in getattr(module, "REQUIRED", ()):
        if key not in options:
            raise fail(key, f"required by kind {kind!r}")
    try:
        config = module.compile(options)
    except FieldError as exc:
        raise fail(exc.field, exc.message) from None
    return Rule(
        id=rule_id,
        kind=kind,
        severity=severity,
        message=message,
        description=description.strip(),
        examples_bad=bad,
        examples_good=good,
        options=options,
        config=config,
        source=source,
        fix_safe=fix == "safe",
        enabled=enabled,
        set_level=checks.is_set_level(module),
        trusted=_loading_trusted.get(),
    )


def _parse_examples(examples: Any, fail, set_level: bool) -> tuple[list, list]:
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise fail("examples", "expected a mapping with `bad` and `good` lists")
    result = []
    for key in ("bad", "good"):
        items = examples.get(key)
        if not isinstance(items, list) or not items:
            raise fail(f"examples.{key}", "expected a non-empty list")
        for item in items:
            ok = isinstance(item, str) or (
                set_level and isinstance(item, list) and item and all(isinstance(t, str) for t in item)
            )
            if not ok:
                what = "strings or lists of strings (one document set each)" if set_level else "strings"
                raise fail(f"examples.{key}", f"expected a list of {what}")
        result.append(items)
    return result[0], result[1]


# Helpers kind modules share when validating their options.


def compile_regex(field_name: str, pattern: Any, flags: int = 0, *, fast: bool = False) -> "regex.Pattern":
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
        if _loading_trusted.get():
            return compile_fast(pattern, flags) if fast else regex.compile(pattern, flags)
        return TimedPattern(regex.compile(pattern, flags))
    except regex.error as exc:
        raise FieldError(field_name, f"invalid regular expression {pattern!r}: {exc}") from None


def string_list(field_name: str, value: Any, *, allow_empty: bool = True) -> list[str]:
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
