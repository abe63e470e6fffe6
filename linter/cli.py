"""The `wenlint` command: `check` lints files and folders (or stdin), `rules` lists the rules,
`rule ID` explains one. The options and what is written to the terminal live here; what a run
does with them, in linter.app.

Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage,
configuration or input error (the error is one line on stderr).
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from click.core import ParameterSource

from . import __version__
from .app import (check_stdin_use, configured_files, documents_to_check, exit_status, load_rule_set, rules_in_scope,
                  select_rules, split_names)
from .baseline import read_baseline, write_baseline as save_baseline
from .config import Config, apply_severities, check_rule_names, load_config
from .filters import filter_findings, may_hide
from .inline import inline_filter, is_markdown
from .progress import progress_for
from .suppressions import add_suppressions as record_suppressions, read_suppressions
from .cache import DEFAULT_DIR as DEFAULT_CACHE_DIR
from .cache import Cache
from .cache import default_dir as default_cache_dir
from .errors import UsageError, WenlintError
from .loading import resolve_encoding
from .report import ReportOptions, findings_read, formats
from .report.cut import of_format as report_cut
from .rules import display_path
from .runner import default_jobs, run
from .stdin import run_stdin
from .stream import RunResult

FAIL_ON = ("error", "warning", "info", "never")
WRITE_LINES = 2000


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def visible_surrogates(report: str) -> str:
    """Lone surrogates (from a lossy decode) cannot be written as UTF-8: show them as ⟨U+DCB0⟩."""
    return _LONE_SURROGATE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", report)



def options_with_config(config: Config, given: dict) -> dict:
    """The options of this run: those typed on the command line, the rest from wenlint.yaml."""
    ctx = click.get_current_context()
    from_file = {
        "select": tuple(config.select),
        "ignore": tuple(config.ignore),
        "rule_dirs": tuple(config.path(d) for d in config.rules),
        "no_default_rules": not config.default_rules,
        "fail_on": config.fail_on or given["fail_on"],
        "encoding": config.encoding or given["encoding"],
        "scheduler": config.scheduler,
    }
    typed = {name for name in given if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)}
    return {name: value if name in typed else from_file[name] for name, value in given.items()}



def write_baseline_file(path: str, result: RunResult) -> None:
    save_baseline(path, result.findings)
    n = len(result.findings)
    click.echo(f"wenlint: wrote {n} finding{'s' if n != 1 else ''} to the baseline {path}", err=True)


@contextmanager
def writing(path):
    """An OSError while writing PATH (a missing folder, no permission) as one error line naming it."""
    try:
        yield
    except OSError as exc:
        if path is None:
            raise
        raise UsageError(f"{display_path(path)}: cannot write: {exc.strerror or exc}") from None


def _fail(error: Exception) -> None:
    click.echo(f"wenlint: error: {error}", err=True)
    sys.exit(2)


def write_report(reporter, result: RunResult, options: ReportOptions, output: str | None, to_stderr: bool = False) -> None:
    """Write the report (to stderr when stdout carries a fixed document) as the format renders it, some lines at a time."""
    stream = open(output, "w", encoding="utf-8", newline="") if output else _console(sys.stderr if to_stderr else sys.stdout)
    try:
        for chunk in _chunks(reporter.render_lines(result, options)):
            stream.write(visible_surrogates("\n".join(chunk) + "\n"))
    finally:
        if output:
            stream.close()
        else:
            stream.flush()


def _console(stream):
    """The standard stream; on a legacy code page (GBK, ASCII) a character it cannot encode is written
    as an escape rather than stopping the report halfway."""
    if not (stream.encoding or "").lower().replace("-", "").startswith("utf") and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="backslashreplace")
    return stream


def _chunks(lines, size: int = WRITE_LINES):
    """Lists of up to `size` lines: one write per list rather than per line."""
    chunk = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an error).")
@click.option("--output-format", "--format", "output_format", default="text", show_default=True, metavar="FORMAT", help="Output format: " + ", ".join(sorted(formats())) + ".")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of stdout.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--max-per-rule", type=click.IntRange(min=0), default=5, show_default=True, help="Text format: findings shown per rule and file before the rest are counted on one line (0: all).")
@click.option("--max-results", type=click.IntRange(min=0), default=None, metavar="N", help="sarif, gitlab, github: at most N results, frequent rules grouped per file first (sarif default 25000, GitHub's limit; 0: all).")
@click.option("--statistics", is_flag=True, help="Text format: add a count of findings per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Text format: every finding on one line, and nothing else.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the documents: auto (UTF-8, else detected), utf-8, gb18030, big5, ...")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that need an editor's eye (implies --fix).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them (exit 1 when there are any).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N", help="Lint files in N processes (default: the number of CPUs).")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Lint on the Dask cluster at ADDRESS (tcp://host:8786), or `local` for one on this machine; needs wenlint[dask].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, metavar="DIR", help=f"Where the result cache lives (default: $WENLINT_CACHE_DIR or ./{DEFAULT_CACHE_DIR}).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file (default: wenlint.yaml, .wenlint.yaml, wenlint.yml, .wenlint.yml or pyproject.toml [tool.wenlint], here or in the nearest parent folder that has one).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--no-gitignore", is_flag=True, help="Inside folders, also check files that .gitignore files ignore.")
@click.option("--stdin-filename", metavar="PATH", help="With PATHS `-`: the name the document read from stdin is reported (and configured) under.")
@click.option("--rule-scope", type=click.Choice(["all", "document", "set"]), default="all", show_default=True, help="Run every rule, only per-document rules, or only document-set rules.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Do not report findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings in FILE and exit 0.")
@click.option("--add-suppressions", is_flag=True, help="Add a suppression for every current finding to the suppressions file and exit 0.")
def check(paths, select, ignore, rule_dirs, no_default_rules, fail_on, exit_zero, output_format, output, color, max_per_rule, max_results, statistics,
          quiet, encoding, apply_fixes, unsafe_fixes, show_diff, jobs, scheduler, no_cache, cache_dir, config_file, no_config, no_gitignore,
          stdin_filename, rule_scope, baseline_file, write_baseline, add_suppressions):
    """Lint PATHS (files and folders; *.txt and *.md inside folders, minus what .gitignore ignores).

    Without PATHS, checks the `documents` of the configuration, else the current folder.
    `-` reads one document from stdin.
    """
    use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    options = ReportOptions(color=use_color, max_per_rule=max_per_rule, statistics=statistics, quiet=quiet, fail_on=fail_on,
                            max_results=max_results)
    fix = None
    if apply_fixes or unsafe_fixes or show_diff:
        from .fix import FixOptions

        fix = FixOptions(unsafe=unsafe_fixes, write=not show_diff)
    try:
        reporters = formats()
        if output_format not in reporters:
            raise UsageError(f"unknown format {output_format!r}; expected one of {', '.join(sorted(reporters))}")
        config = load_config(config_file, discover=not no_config)
        given = dict(select=select, ignore=ignore, rule_dirs=rule_dirs, no_default_rules=no_default_rules, fail_on=fail_on, encoding=encoding,
                     scheduler=scheduler)
        select, ignore, rule_dirs, no_default_rules, fail_on, encoding, scheduler = options_with_config(config, given).values()
        encoding = resolve_encoding(encoding)
        baseline_file = configured_files(config, rule_dirs, baseline_file, write_baseline)
        from_stdin = check_stdin_use(paths, stdin_filename, write_baseline, add_suppressions)
        cache_root = None if no_cache else Path(cache_dir) if cache_dir else default_cache_dir()
        loaded = load_rule_set(rule_dirs, no_default_rules, cache_root)
        check_rule_names(config, {r.id for r in loaded} | {r.category for r in loaded})
        rules = select_rules(loaded, split_names(select), split_names(ignore))
        rules = rules_in_scope(apply_severities(rules, config.severity), rule_scope)
        suppressions_file = Path(config.path(config.suppressions))
        suppressions = read_suppressions(suppressions_file)
        baseline = read_baseline(baseline_file) if baseline_file and not write_baseline else None
        texts, fixed_stdin = {}, None
        if from_stdin:
            piped = run_stdin(rules, stdin_filename, encoding, fix)
            result, fixed_stdin = piped.result, piped.fixed
            texts = {result.files[0]: piped.text} if piped.text is not None else {}
        else:
            files = documents_to_check(paths, config, gitignore=not no_gitignore)
            progress = progress_for(len(files), machine_format=output_format != "text" and output is None)
            cache = Cache(cache_root, rules, encoding) if cache_root is not None else None
            read_only = fix is None and not (write_baseline or add_suppressions or may_hide(config, suppressions, baseline, files))
            keep = findings_read(reporters[output_format], options) if read_only else None
            result = run(files, rules, encoding=encoding, jobs=jobs or default_jobs(), cache=cache, progress=progress, fix=fix,
                         scheduler=scheduler, keep_per_rule=keep)
        inline = inline_filter(encoding, texts) if any(is_markdown(f) for f in result.files) else None
        result, hidden = filter_findings(result, config, suppressions, suppressions_file.resolve().parent, baseline, inline)
        record_findings(result, write_baseline, suppressions_file if add_suppressions else None)
    except WenlintError as exc:
        _fail(exc)
    for error in result.errors:
        click.echo(f"wenlint: error: {error}", err=True)
    if write_baseline or add_suppressions:
        sys.exit(2 if result.errors else 0)
    if hidden.note() and output_format == "text":
        click.echo(f"wenlint: {hidden.note()}", err=True)
    if show_diff:
        _show_diff(result)
    if fixed_stdin is not None:
        sys.stdout.buffer.write(fixed_stdin)
        sys.stdout.flush()
    try:
        with writing(output):
            write_report(reporters[output_format], result, options, output, to_stderr=fixed_stdin is not None)
    except WenlintError as exc:
        _fail(exc)
    cut = report_cut(reporters[output_format], result, options)
    if cut is not None:
        click.echo(f"wenlint: {cut.note()}", err=True)
    sys.exit(exit_status(result, "never" if exit_zero else fail_on))



def record_findings(result: RunResult, baseline_file: str | None, suppressions_file: Path | None) -> None:
    """--write-baseline and --add-suppressions: the findings written to the baseline or the suppressions file."""
    if baseline_file:
        with writing(baseline_file):
            write_baseline_file(baseline_file, result)
    if suppressions_file is not None:
        with writing(suppressions_file):
            added = record_suppressions(suppressions_file, result.findings)
        click.echo(f"wenlint: added {added} suppression{'s' if added != 1 else ''} to {suppressions_file}", err=True)



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


@main.command("rule")
@click.argument("rule_id", metavar="ID")
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", help="Also load every *.yaml rule file under DIR.")
@click.option("--no-default-rules", is_flag=True, help="Do not load the default rule packs.")
def rule_command(rule_id, rule_dirs, no_default_rules):
    """Explain one rule: what it finds, its severity, fix safety, settings and examples."""
    import shutil

    try:
        rules = {r.id: r for r in load_rule_set(rule_dirs, no_default_rules)}
        if rule_id not in rules:
            raise UsageError(f"unknown rule {rule_id!r} (see `wenlint rules`)")
    except WenlintError as exc:
        _fail(exc)
    from .catalogue import explain_rule

    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    click.echo(explain_rule(rules[rule_id], width), nl=False)


if __name__ == "__main__":
    main()
