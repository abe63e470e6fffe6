"""Loading rule files into validated `Rule` objects.

A rule file (a pack) is YAML: `rules:`, a list of rules; optionally `category:`
and `description:`, the category the pack declares (rule ids start with a
declared category), and `settings:`, settings per kind that every rule of that
kind in the file gets unless it sets them itself. Every problem is reported as
one `RuleError` naming the file, the rule id and the field, so a user who wrote
a broken rule sees exactly what to change.

Loading does not run the rules' examples: `linter.examples` does, above the engine.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from . import checks
from .checks.api import compile_options, is_set_level
from .errors import FieldError, RuleError
from .findings import SEVERITIES
from .options import from_default_pack
from .rule import ConfigToCompile, Rule

PACK_FIELDS = ("category", "description", "settings", "rules")
COMMON_FIELDS = {
    "id": "`<category>.<name>`, unique",
    "kind": "the check kind that runs the rule",
    "severity": "error | warning | info",
    "message": "what the finding says; {placeholders} are filled by the check",
    "description": "one sentence for the rule catalogue (defaults to the message)",
    "examples": "bad: texts that must fire (or {text, at: 'line:column', fixed: text after the rule's fixes}); good: texts that must not",
    "fix": "safe | unsafe (default): whether --fix applies the rule's replacement without --unsafe-fixes",
    "enabled": "false ships the rule off; --select turns it on",
}
_ID_RE = re.compile(r"^(?P<category>[a-z]+)\.[a-z0-9]+(?:-[a-z0-9]+)*$")
_CATEGORY_RE = re.compile(r"^[a-z]+$")
_AT_RE = re.compile(r"^(?:(?P<document>[1-9][0-9]*):)?(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*)$")


class _Uncompiled(ConfigToCompile):
    """The config of a rule loaded from a verified rule set before its first use."""

    def compile(self, rule: Rule) -> Any:
        return compile_config(rule)

    def __reduce__(self):
        return "UNCOMPILED"


UNCOMPILED = _Uncompiled()


def example_text(example: Any) -> str | list[str]:
    """The text of an example (a list of texts, one per document, for a set-level rule), also of
    a bad example given as a mapping that pins its finding's place and fixed text."""
    return example["text"] if isinstance(example, dict) else example


def compile_config(rule: Rule) -> Any:
    """The kind's config for the rule's options, its patterns trusted when it comes from a default pack."""
    token = from_default_pack.set(rule.from_default_pack)
    try:
        return compile_options(checks.get(rule.kind), rule.options)
    finally:
        from_default_pack.reset(token)


def compile_configs(rules: Iterable[Rule]) -> None:
    """Compile every rule's config now (before forking workers, so that they share them).
    A rule that cannot compile fails where it runs, which reports it."""
    for rule in rules:
        try:
            rule.config  # noqa: B018 - reading it compiles it
        except Exception:  # noqa: BLE001
            pass


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


def load_rules(directories: Iterable[Path]) -> list[Rule]:
    """Every rule of every `*.yaml` under `directories`, validated and compiled (examples not run:
    `linter.examples.verify_all_examples`)."""
    return rules_from_files(read_rule_files(directories))


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


def rules_from_files(files: list[tuple[Path, bytes]]) -> list[Rule]:
    """The rules of rule files read by `read_rule_files`, validated and compiled; ids must be unique and
    start with a category one of the files declares."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    categories: dict[str, str] = {}
    for path, data in files:
        pack = load_pack(path, data)
        if pack.category is not None:
            categories.setdefault(pack.category, pack.description)
        for rule in pack.rules:
            if rule.id in seen:
                raise RuleError(rule.source, f"duplicate rule id (first defined in {seen[rule.id]})", rule.id, "id")
            seen[rule.id] = rule.source
            rules.append(rule)
    for rule in rules:
        if rule.category not in categories:
            categories.update((name, about) for name, about in default_categories().items() if name not in categories)
        if rule.category not in categories:
            raise RuleError(rule.source, f"unknown category {rule.category!r}; expected one of {', '.join(sorted(categories))}"
                            " (a rule file declares a new one with `category:` and `description:`)", rule.id, "id")
    return rules


@lru_cache(maxsize=1)
def default_categories() -> dict[str, str]:
    """The categories the default packs declare, with their descriptions: known also to a run
    that does not load the default packs (`--no-default-rules`)."""
    found = {}
    for path in rule_files(default_rules_dir()):
        pack = _load_yaml(_text_of(path.read_bytes()))
        if isinstance(pack, dict) and isinstance(pack.get("category"), str):
            found[pack["category"]] = pack.get("description", "")
    return found


def is_default_pack(path: Path) -> bool:
    """Whether a rule file belongs to the default packs, whose patterns are trusted (see `compile_regex`)."""
    return path.resolve().is_relative_to(default_rules_dir().resolve())


@dataclass
class Pack:
    """One rule file: the category it declares (None when its rules use categories declared elsewhere), and its rules."""

    category: str | None
    description: str
    rules: list[Rule]


def load_pack(path: Path, data: bytes | None = None) -> Pack:
    """One rule file, validated (`data`: its bytes, when already read)."""
    token = from_default_pack.set(is_default_pack(path))
    try:
        return _load_pack(path, data)
    finally:
        from_default_pack.reset(token)


def _load_pack(path: Path, data: bytes | None) -> Pack:
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
        return Pack(None, "", [])
    if not isinstance(loaded, dict) or not isinstance(loaded.get("rules"), list) or set(loaded) - set(PACK_FIELDS):
        raise RuleError(source, "expected a mapping with `rules`, a list of rules (and optionally `category`, `description`, `settings`)")
    category, description = _pack_category(loaded, source)
    settings = _pack_settings(loaded.get("settings", {}), source)
    rules = []
    for i, entry in enumerate(loaded["rules"]):
        if isinstance(entry, dict) and entry.get("kind") in settings:
            entry = {**settings[entry["kind"]], **entry}
        rules.append(parse_rule(entry, source, i))
    return Pack(category, description, rules)


def _pack_category(pack: dict, source: str) -> tuple[str | None, str]:
    category, description = pack.get("category"), pack.get("description")
    if category is None:
        if description is not None:
            raise RuleError(source, "description: describes the pack's `category`, which is missing")
        return None, ""
    if not isinstance(category, str) or not _CATEGORY_RE.match(category):
        raise RuleError(source, "category: expected one lower-case word, e.g. house")
    if not isinstance(description, str) or not description.strip():
        raise RuleError(source, "description: expected one line saying what the category finds")
    return category, description.strip()


def _pack_settings(settings: Any, source: str) -> dict[str, dict]:
    """`settings:` of a pack: per kind, the settings its rules in the file inherit."""
    if not isinstance(settings, dict):
        raise RuleError(source, "settings: expected a mapping from a kind to its settings")
    for kind, values in settings.items():
        module = checks.get(kind) if isinstance(kind, str) else None
        if module is None:
            raise RuleError(source, f"settings: unknown kind {kind!r}; expected one of {', '.join(sorted(checks.kinds()))}")
        if not isinstance(values, dict):
            raise RuleError(source, f"settings.{kind}: expected a mapping of the kind's settings")
        names = {f.name for f in module.FIELDS}
        for key in values:
            if key not in names:
                raise RuleError(source, f"settings.{kind}.{key}: unknown field for kind {kind!r} (its fields: {', '.join(sorted(names))})")
    return settings


def _text_of(data: bytes) -> str:
    """A rule file's text as reading it in text mode gives it (UTF-8, universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def parse_rule(entry: Any, source: str, index: int = 0) -> Rule:
    """One rule of a file, validated, its config compiled; RuleError naming the field that is wrong."""
    if not isinstance(entry, dict):
        raise RuleError(source, f"rule #{index + 1}: expected a mapping")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str):
        raise RuleError(source, "missing or non-string `id`", f"rule #{index + 1}", "id")

    def fail(field_name: str, message: str) -> RuleError:
        return RuleError(source, message, rule_id, field_name)

    if not _ID_RE.match(rule_id):
        raise fail("id", "expected `<category>.<name>` in lower case, e.g. quotes.unclosed")
    kind = entry.get("kind")
    module = checks.get(kind) if isinstance(kind, str) else None
    if module is None:
        raise fail("kind", f"unknown kind {kind!r}; expected one of {', '.join(sorted(checks.kinds()))}")
    common = {name: _read_common(name, entry, fail) for name in _COMMON_READERS}
    set_level = is_set_level(module)
    bad, good = _parse_examples(entry.get("examples"), fail, set_level)
    options = {k: v for k, v in entry.items() if k not in COMMON_FIELDS}
    try:
        config = compile_options(module, options)
    except FieldError as exc:
        raise fail(exc.field, exc.message) from None
    return Rule(
        id=rule_id,
        kind=module.KIND,
        severity=common["severity"],
        message=common["message"],
        description=(common["description"] or common["message"]).strip(),
        examples_bad=bad,
        examples_good=good,
        options=options,
        config=config,
        source=source,
        fix_safe=common["fix"] == "safe",
        enabled=common["enabled"],
        set_level=set_level,
        from_default_pack=from_default_pack.get(),
    )


_COMMON_READERS: dict[str, tuple[Any, Callable[[Any], bool], str]] = {
    # field: (default, whether a value is valid, what is expected)
    "severity": (None, lambda v: v in SEVERITIES, f"expected one of {', '.join(SEVERITIES)}"),
    "message": (None, lambda v: isinstance(v, str) and bool(v.strip()), "expected a non-empty string"),
    "description": ("", lambda v: isinstance(v, str), "expected a string"),
    "fix": ("unsafe", lambda v: v in ("safe", "unsafe"), "expected `safe` or `unsafe`"),
    "enabled": (True, lambda v: isinstance(v, bool), "expected true or false"),
}


def _read_common(name: str, entry: dict, fail: Callable[[str, str], RuleError]) -> Any:
    default, valid, expected = _COMMON_READERS[name]
    value = entry.get(name, default)
    if not valid(value):
        raise fail(name, expected)
    return value


def _parse_examples(examples: Any, fail: Callable[[str, str], RuleError], set_level: bool) -> tuple[list, list]:
    """`examples:` of a rule: `bad` and `good`, each a non-empty list of texts (lists of texts for a
    set-level kind: one document set each); a bad one may be a mapping that also pins the first
    finding's place (`at`) and the text after the rule's fixes (`fixed`)."""
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise fail("examples", "expected a mapping with `bad` and `good` lists")
    result = []
    for key in ("bad", "good"):
        items = examples.get(key)
        if not isinstance(items, list) or not items:
            raise fail(f"examples.{key}", "expected a non-empty list")
        for item in items:
            problem = _example_problem(item, set_level, pinned=key == "bad")
            if problem:
                raise fail(f"examples.{key}", problem)
        result.append(items)
    return result[0], result[1]


def _example_problem(item: Any, set_level: bool, pinned: bool) -> str:
    """What is wrong with one example; empty when nothing is."""
    if pinned and isinstance(item, dict):
        if "text" not in item or set(item) - {"text", "at", "fixed"}:
            return "expected `text` and optionally `at` and `fixed` in an example given as a mapping"
        at = item.get("at")
        place = _AT_RE.match(at) if isinstance(at, str) else None
        if "at" in item and (place is None or (place["document"] is None) == set_level):
            where = "document:line:column, e.g. 2:1:4" if set_level else "line:column, e.g. 1:4"
            return f"at: expected {where}"
        if "fixed" in item and (set_level or not isinstance(item["fixed"], str)):
            return "fixed: expected the text after the rule's fixes (a string; per-document rules only)"
        item = item["text"]
    if isinstance(item, str) or (set_level and isinstance(item, list) and item and all(isinstance(t, str) for t in item)):
        return ""
    what = "strings or lists of strings (one document set each)" if set_level else "strings"
    return f"expected a list of {what}"
