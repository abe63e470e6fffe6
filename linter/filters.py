"""What a run reports after the engine: per-path ignores, inline disable comments, suppressions, the baseline.

The engine finds everything; these filters decide what is shown. They run
after `runner.run`, so caching and parallel runs never see configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from .baseline import without_baselined
from .config import Config
from .findings import severity_counts
from .stream import FindingStream
from .findings import Finding
from .globs import compile_globs
from .inline import is_markdown
from .suppressions import Suppression, suppression_filter


Step = Callable[[list[Finding]], list[Finding]]
"""A filter: what it keeps of one file's findings, in order."""


@dataclass
class HiddenCounts:
    """How many findings each filter removed, for the one-line note on stderr."""

    counts: dict[str, int] = field(default_factory=dict)

    def note(self) -> str:
        parts = [f"{n} by {what}" for what, n in self.counts.items() if n]
        total = sum(self.counts.values())
        return f"{total} finding{'s' if total != 1 else ''} not shown ({', '.join(parts)})" if parts else ""


def path_ignore_filter(config: Config) -> Step:
    """Drop findings of rules (or categories) that `per-path-ignores` silences for their file;
    each path's silenced names are worked out once per run."""
    rules_for: dict[str, set[str]] = {}

    def kept(findings: list[Finding]) -> list[Finding]:
        result = []
        for f in findings:
            names = rules_for.get(f.path)
            if names is None:
                rel = config.relative(f.path)
                names = rules_for[f.path] = {
                    n for glob, ns in config.per_path_ignores.items() if compile_globs([glob])(rel) for n in ns
                }
            if f.rule not in names and f.category not in names:
                result.append(f)
        return result

    return kept


def may_hide(config: Config, suppressions: list[Suppression], baseline: set[str] | None, paths: Sequence) -> bool:
    """Whether any step of `filter_steps` can hide a finding of a run over `paths` (each Markdown file's
    disable comments can): a report of a run that nothing hides can be read from fewer findings."""
    return bool(config.per_path_ignores or suppressions or baseline is not None or any(is_markdown(str(path)) for path in paths))


def filter_steps(config: Config, suppressions: list[Suppression], suppressions_folder: Path,
                 baseline: set[str] | None, inline: Step | None = None) -> list[tuple[str, Step | None]]:
    """Each filter by the name the note gives it, None where it has nothing to hide."""
    return [
        ("per-path-ignores", path_ignore_filter(config) if config.per_path_ignores else None),
        ("inline comments", inline),
        ("suppressions", suppression_filter(suppressions, suppressions_folder) if suppressions else None),
        ("the baseline", (lambda fs: without_baselined(fs, baseline)) if baseline is not None else None),
    ]


def filter_findings(
    result,
    config: Config,
    suppressions: list[Suppression],
    suppressions_folder: Path,
    baseline: set[str] | None,
    inline: Step | None = None,
) -> tuple[object, HiddenCounts]:
    """The run result as it is reported, and how many findings each step hid.

    The steps judge each finding alone, so they run on one file's findings at a time:
    a FindingStream stays a stream (counted once here, filtered again as the report reads it).
    """
    steps = filter_steps(config, suppressions, suppressions_folder, baseline, inline)
    hidden = HiddenCounts({name: 0 for name, step in steps if step is not None})
    active = [(name, step) for name, step in steps if step is not None]
    if not active:
        return result, hidden

    def shown(findings: Sequence[Finding], counted: dict[str, int] | None = None) -> list[Finding]:
        kept = list(findings)
        for name, step in active:
            before = len(kept)
            kept = step(kept)
            if counted is not None:
                counted[name] += before - len(kept)
        return kept

    if not isinstance(result.findings, FindingStream):
        return replace(result, findings=shown(list(result.findings), hidden.counts)), hidden
    severities = severity_counts(())
    files = 0
    for _, findings, _ in result.findings.by_file():
        kept = shown(findings, hidden.counts)
        for severity, n in severity_counts(kept).items():
            severities[severity] += n
        files += bool(kept)
    return replace(result, findings=result.findings.filtered(shown, (severities, files))), hidden
