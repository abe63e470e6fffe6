"""What `wenlint check` does between reading its options and writing its report, without the command line:
which rules run, on which documents, and the exit status.
"""

from __future__ import annotations

import os
from pathlib import Path

from .cache import Cache, rules_digest
from .config import Config, ConfigError
from .errors import UsageError
from .findings import SEVERITY_RANK
from .loading import DEFAULT_INCLUDE, discover
from .report import tally
from .rule import Rule
from .rules import default_rules_dir, read_rule_files, rules_from_files
from .stdin import STDIN
from .store import user_dir as user_cache_dir
from .stream import RunResult
from .verified_rules import keep_verified_rule_set, verified_rule_set


def split_names(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    """Apply --select / --ignore (rule ids or categories). Selecting names a rule that is off by default turns it on."""
    known = {r.id for r in rules} | {r.category for r in rules}
    for name in select + ignore:
        if name not in known:
            raise UsageError(f"unknown rule or category {name!r} (see `wenlint rules`)")

    def matches(rule: Rule, names: list[str]) -> bool:
        return rule.id in names or rule.category in names

    chosen = [r for r in rules if matches(r, select)] if select else [r for r in rules if r.enabled]
    return [r for r in chosen if not matches(r, ignore)]


def load_rule_set(rule_dirs: tuple[str, ...], no_default: bool, cache_root: Path | None = None) -> list[Rule]:
    """Load and verify the rules. A rule set verified before from the very same files (and by
    this wenlint) is read from the per-user folder, unparsed and uncompiled until a rule runs.
    Otherwise examples already verified for exactly these rules (their files, examples and
    options, and this code) are not run again: the per-user folder, and the cache folder when
    there is one, remember the digests of verified rule sets."""
    directories = ([] if no_default else [default_rules_dir()]) + [Path(d) for d in rule_dirs]
    if not directories:
        raise UsageError("no rules: --no-default-rules needs at least one --rules DIR")
    files = read_rule_files(directories)
    rules = verified_rule_set(files)
    if rules is not None:
        return rules
    rules = rules_from_files(files)
    caches = [Cache(user_cache_dir(), [])] + ([Cache(cache_root, [])] if cache_root is not None else [])
    digest = rules_digest(rules, examples=True)
    if not any(cache.examples_verified(digest) for cache in caches):
        verify_all_examples(rules)
        for cache in caches:
            cache.mark_examples_verified(digest)
    keep_verified_rule_set(files, rules)
    return rules


def verify_all_examples(rules: list[Rule]) -> None:
    """Run every rule's examples (linter.examples, imported here: a rule set verified before needs none of it)."""
    from .examples import verify_all_examples as verify

    verify(rules)


def rules_in_scope(rules: list[Rule], scope: str) -> list[Rule]:
    """--rule-scope: `document` keeps per-document rules, `set` keeps document-set rules."""
    if scope == "all":
        return rules
    return [r for r in rules if r.set_level == (scope == "set")]


def documents_to_check(paths: tuple[str, ...], config: Config, gitignore: bool = True) -> list[str]:
    """The files of this run: PATHS, else the configured document set, else `.`; minus `exclude`
    and, inside folders, what `.gitignore` files ignore."""
    roots = list(paths) or [config.path(d) for d in config.documents] or ["."]
    include = tuple(config.include) or DEFAULT_INCLUDE
    found = discover(roots, include, gitignore=gitignore and config.respect_gitignore)
    return [str(p) for p in found if not config.excluded(str(p))]


def exit_status(result: RunResult, fail_on: str) -> int:
    if result.errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    counts, _ = tally(result.findings)  # without unpacking the findings again
    return 1 if any(n and SEVERITY_RANK[severity] >= threshold for severity, n in counts.items()) else 0


def configured_files(config: Config, rule_dirs: tuple[str, ...], baseline_file: str | None, write_baseline: str | None) -> str | None:
    """The baseline file to read (the option's, else the configuration's), once the files the
    configuration names are known to exist (ConfigError otherwise)."""
    if baseline_file is None and config.baseline and not write_baseline:
        baseline_file = config.path(config.baseline)
        if not os.path.exists(baseline_file):
            raise ConfigError(config.source, f"{baseline_file} not found (create it with --write-baseline)", "baseline")
    for directory in map(config.path, config.rules):
        if directory in rule_dirs and not os.path.isdir(directory):
            raise ConfigError(config.source, f"rule directory {directory} not found", "rules")
    return baseline_file


def check_stdin_use(paths: tuple[str, ...], stdin_filename: str | None, write_baseline, add_suppressions) -> bool:
    """Whether this run reads stdin (PATHS is `-`); UsageError for combinations that cannot work."""
    if STDIN not in paths:
        if stdin_filename:
            raise UsageError("--stdin-filename needs `-` among PATHS (the document read from stdin)")
        return False
    if len(paths) > 1:
        raise UsageError("`-` (stdin) must be the only path")
    if write_baseline or add_suppressions:
        raise UsageError("--write-baseline and --add-suppressions need files, not stdin")
    return True
