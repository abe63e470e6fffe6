"""The `wenlint` command: `check` lints files and folders, `rules` lists the rules.

Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage,
configuration or input error (the error is one line on stderr).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .engine import RunResult, run
from .errors import UsageError, WenlintError
from .findings import SEVERITY_RANK
from .fix import FixOptions
from .loading import resolve_encoding
from .report import ReportOptions, formats
from .rules import Rule, default_rules_dir, load_rules

FAIL_ON = ("error", "warning", "info", "never")


def _split(values: tuple[str, ...]) -> list[str]:
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


def load_rule_set(rule_dirs: tuple[str, ...], no_default: bool) -> list[Rule]:
    directories = ([] if no_default else [default_rules_dir()]) + [Path(d) for d in rule_dirs]
    if not directories:
        raise UsageError("no rules: --no-default-rules needs at least one --rules DIR")
    return load_rules(directories)


def exit_status(result: RunResult, fail_on: str) -> int:
    if result.errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings) else 0


def _fail(error: Exception) -> None:
    click.echo(f"wenlint: error: {error}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wenlint")
def main() -> None:
    """wenlint: find what extraction broke in Chinese documents."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, metavar="RULES", help="Only these rule ids or categories (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rule ids or categories.")
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", help="Also load every *.yaml rule file under DIR.")
@click.option("--no-default-rules", is_flag=True, help="Do not load the default rule packs.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True, help="Lowest severity that makes the exit status 1.")
@click.option("--format", "output_format", default="text", show_default=True, metavar="FORMAT", help="Output format: " + ", ".join(sorted(formats())) + ".")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of stdout.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--max-per-rule", type=click.IntRange(min=0), default=5, show_default=True, help="Text format: findings shown per rule and file before the rest are counted on one line (0: all).")
@click.option("--statistics", is_flag=True, help="Text format: add a count of findings per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Text format: one line per finding, no source excerpt.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the documents: auto (UTF-8, else detected), utf-8, gb18030, big5, ...")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that need an editor's eye (implies --fix).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them (exit 1 when there are any).")
def check(paths, select, ignore, rule_dirs, no_default_rules, fail_on, output_format, output, color, max_per_rule, statistics, quiet, encoding, apply_fixes, unsafe_fixes, show_diff):
    """Lint PATHS (files and folders; *.txt and *.md inside folders)."""
    fix = FixOptions(unsafe=unsafe_fixes, write=not show_diff) if apply_fixes or unsafe_fixes or show_diff else None
    try:
        reporters = formats()
        if output_format not in reporters:
            raise UsageError(f"unknown format {output_format!r}; expected one of {', '.join(sorted(reporters))}")
        encoding = resolve_encoding(encoding)
        rules = select_rules(load_rule_set(rule_dirs, no_default_rules), _split(select), _split(ignore))
        result = run(list(paths) or ["."], rules, encoding=encoding, fix=fix)
    except WenlintError as exc:
        _fail(exc)
    for error in result.errors:
        click.echo(f"wenlint: error: {error}", err=True)
    if show_diff:
        _show_diff(result)
    use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    options = ReportOptions(color=use_color, max_per_rule=max_per_rule, statistics=statistics, quiet=quiet)
    report = reporters[output_format].render(result, options)
    if output:
        Path(output).write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False)
    sys.exit(exit_status(result, fail_on))


def _show_diff(result: RunResult) -> None:
    """--diff: the diffs on stdout, one summary line on stderr; exit 1 when something would change."""
    changed = [f for f in result.fixes if f.diff]
    click.echo("".join(f.diff for f in changed), nl=False)
    count = sum(len(f.applied) for f in changed)
    click.echo(f"wenlint: would fix {count} finding{'s' if count != 1 else ''} in {len(changed)} file{'s' if len(changed) != 1 else ''}", err=True)
    sys.exit(2 if result.errors else 1 if changed else 0)


@main.command("rules")
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", help="Also load every *.yaml rule file under DIR.")
@click.option("--no-default-rules", is_flag=True, help="Do not load the default rule packs.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_command(rule_dirs, no_default_rules, output_format):
    """List every rule: id, kind, severity, whether it can fix, what it finds."""
    try:
        rules = load_rule_set(rule_dirs, no_default_rules)
    except WenlintError as exc:
        _fail(exc)
    from .catalogue import render_catalogue

    click.echo(render_catalogue(rules, output_format), nl=False)


if __name__ == "__main__":
    main()
