"""Project configuration: `wenlint.yaml` (or `.wenlint.yaml`, `wenlint.yml`, `.wenlint.yml`,
`pyproject.toml` with a `[tool.wenlint]` table), found in the working directory or a parent.

Paths in the file are relative to the folder that holds it. An option given on
the command line replaces the configuration's value for that option. Every
problem (unknown key, wrong type) is one `ConfigError` naming the file and key.
"""

from __future__ import annotations

import copy
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import WenlintError
from .findings import SEVERITIES
from .globs import compile_globs
from .rules import display_path

CONFIG_NAMES = ("wenlint.yaml", ".wenlint.yaml", "wenlint.yml", ".wenlint.yml")
PYPROJECT = "pyproject.toml"
# A [tool.wenlint] header or a tool.wenlint dotted key: only such a pyproject.toml is parsed (tomllib costs 15 ms).
_WENLINT_TABLE = re.compile(r"^\s*(?:\[\s*tool\s*\.\s*wenlint\s*[\].]|tool\s*\.\s*wenlint\s*[.=])", re.M)
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_SUPPRESSIONS = "wenlint-suppressions.yaml"

KEYS = {
    "documents": "files and folders checked when none are named: the document set for set-level rules",
    "include": "file-name globs checked inside folders (default *.txt, *.md)",
    "exclude": "globs of files and folders never checked",
    "rules": "extra rule directories",
    "default-rules": "false: do not load the default rule packs",
    "select": "only these rule ids or categories",
    "ignore": "skip these rule ids or categories",
    "severity": "rule id or category -> error | warning | info",
    "per-path-ignores": "glob -> rule ids or categories silenced in matching files",
    "fail-on": "error | warning | info | never",
    "baseline": "baseline file: findings recorded there are not reported",
    "suppressions": "suppressions file (default wenlint-suppressions.yaml)",
    "encoding": "encoding of the documents",
    "respect-gitignore": "false: also check files that .gitignore files ignore inside folders",
    "scheduler": "Dask scheduler address (tcp://host:8786) or local: lint on that cluster",
}


class ConfigError(WenlintError):
    """A configuration file that cannot be used, named down to the key."""

    def __init__(self, source: str, message: str, key: str | None = None):
        super().__init__(f"{source}: {key}: {message}" if key else f"{source}: {message}")


@dataclass
class Config:
    """The settings of one project; `root` is the folder paths are relative to."""

    root: Path
    source: str = ""
    documents: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    default_rules: bool = True
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str | None = None
    baseline: str | None = None
    suppressions: str = DEFAULT_SUPPRESSIONS
    encoding: str | None = None
    respect_gitignore: bool = True
    scheduler: str | None = None

    def path(self, value: str) -> str:
        """A path from the file, as seen from the working directory."""
        full = os.path.normpath(os.path.join(self.root, value))
        try:
            return os.path.relpath(full)
        except ValueError:
            return full

    def relative(self, path: str) -> str:
        """A document path (as reported) relative to the project root, with forward slashes."""
        try:
            rel = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:
            rel = path
        return rel.replace(os.sep, "/")

    def excluded(self, path: str) -> bool:
        return bool(self.exclude) and compile_globs(self.exclude)(self.relative(path))


def find_config(start: Path | None = None) -> Path | None:
    """The configuration in `start` (default: the working directory) or the nearest parent that has one.

    In one folder the first of CONFIG_NAMES wins, then a `pyproject.toml` with a `[tool.wenlint]`
    table (one without it is passed over, as ruff does).
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_wenlint_table(pyproject):
            return pyproject
    return None


def _has_wenlint_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(_WENLINT_TABLE.search(text)) and _read_toml(text, display_path(pyproject)) is not None


def load_config(explicit: str | None = None, *, discover: bool = True) -> Config:
    """The configuration named by --config, else the discovered one, else defaults."""
    path = Path(explicit) if explicit else (find_config() if discover else None)
    if path is None:
        return Config(root=Path.cwd().resolve())
    source = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(source, "configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(source, f"cannot read: {exc}") from None
    if path.suffix == ".toml":
        data = _read_toml(text, source)
        if data is None:
            raise ConfigError(source, "no [tool.wenlint] table")
        return parse_config(data, source, path.resolve().parent)
    import yaml  # only a project with a configuration file pays for the import

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ConfigError(source, f"invalid YAML: {where}{getattr(exc, 'problem', None) or exc}") from None
    return parse_config(data or {}, source, path.resolve().parent)


def _read_toml(text: str, source) -> Any:
    """The `[tool.wenlint]` table of a TOML file (None when it has none); invalid TOML is a ConfigError."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(source), f"invalid TOML: {exc}") from None
    tool = data.get("tool")
    return tool.get("wenlint") if isinstance(tool, dict) else None


def parse_config(data: Any, source: str, root: Path) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(source, "expected a mapping of settings")
    for key in data:
        if key not in KEYS:
            raise ConfigError(source, f"unknown key (known keys: {', '.join(KEYS)})", str(key))
    read = _SettingsReader(data, source)
    return Config(
        root=root, source=source,
        documents=read.strings("documents"), include=read.strings("include"), exclude=read.strings("exclude"),
        rules=read.strings("rules"), select=read.strings("select"), ignore=read.strings("ignore"),
        default_rules=read.flag("default-rules"), respect_gitignore=read.flag("respect-gitignore"),
        fail_on=read.choice("fail-on", FAIL_ON), baseline=read.text("baseline"),
        suppressions=read.text("suppressions") or DEFAULT_SUPPRESSIONS, encoding=read.text("encoding"),
        scheduler=read.text("scheduler"), severity=read.severities(), per_path_ignores=read.per_path_ignores(),
    )


class _SettingsReader:
    """Each setting of a configuration file read by its type, or a ConfigError naming the key."""

    def __init__(self, data: dict, source: str):
        self.data, self.source = data, source

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(self.source, "expected a list of non-empty strings", key)
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, True)
        if not isinstance(value, bool):
            raise ConfigError(self.source, "expected true or false", key)
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str | None:
        value = self.data.get(key)
        if value is not None and value not in allowed:
            raise ConfigError(self.source, f"expected one of {', '.join(allowed)}", key)
        return value

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and (not isinstance(value, str) or not value):
            raise ConfigError(self.source, "expected a non-empty string", key)
        return value

    def severities(self) -> dict[str, str]:
        severity = self.data.get("severity", {})
        if not isinstance(severity, dict) or not all(isinstance(k, str) for k in severity):
            raise ConfigError(self.source, "expected a mapping of rule id or category to a severity", "severity")
        for name, level in severity.items():
            if level not in SEVERITIES:
                raise ConfigError(self.source, f"expected one of {', '.join(SEVERITIES)}", f"severity.{name}")
        return dict(severity)

    def per_path_ignores(self) -> dict[str, list[str]]:
        ignores = self.data.get("per-path-ignores", {})
        if not isinstance(ignores, dict):
            raise ConfigError(self.source, "expected a mapping of glob to a list of rule ids or categories", "per-path-ignores")
        found = {}
        for glob, names in ignores.items():
            if isinstance(names, str):
                names = [names]
            if not isinstance(glob, str) or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigError(self.source, "expected a list of rule ids or categories", f"per-path-ignores.{glob}")
            found[glob] = names
        return found


def check_rule_names(config: Config, known: set[str]) -> None:
    """Every rule id or category the file names must exist (a typo silently selecting nothing is a trap)."""
    named = [("select", n) for n in config.select] + [("ignore", n) for n in config.ignore]
    named += [(f"severity.{n}", n) for n in config.severity]
    named += [(f"per-path-ignores.{g}", n) for g, names in config.per_path_ignores.items() for n in names]
    for key, name in named:
        if name not in known:
            raise ConfigError(config.source, f"unknown rule or category {name!r}", key)


def apply_severities(rules: list, overrides: dict[str, str]) -> list:
    """Rules with `severity` overrides applied; a rule id wins over its category."""
    if not overrides:
        return rules
    result = []
    for rule in rules:
        level = overrides.get(rule.id) or overrides.get(rule.category)
        result.append(_with_severity(rule, level) if level and level != rule.severity else rule)
    return result


def _with_severity(rule, severity: str):
    """A copy of the rule at another severity (a copy of its state: a config not compiled yet stays so)."""
    changed = copy.copy(rule)
    changed.severity = severity
    return changed
