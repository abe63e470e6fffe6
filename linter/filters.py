"""What a run reports after the engine: per-path ignores, suppressions, the baseline.

The engine finds everything; these filters decide what is shown. They run
after `engine.run`, so caching and parallel runs never see configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .baseline import without_baselined
from .config import Config
from .findings import Finding
from .globs import compile_globs
from .suppressions import Suppression, without_suppressed


@dataclass
class Hidden:
    """How many findings each filter removed, for the one-line note on stderr."""

    counts: dict[str, int] = field(default_factory=dict)

    def note(self) -> str:
        parts = [f"{n} by {what}" for what, n in self.counts.items() if n]
        return f"{sum(self.counts.values())} findings not shown ({', '.join(parts)})" if parts else ""


def without_path_ignores(findings: list[Finding], config: Config) -> list[Finding]:
    """Drop findings of rules (or categories) that `per-path-ignores` silences for the file."""
    if not config.per_path_ignores:
        return findings
    rules_for: dict[str, set[str]] = {}
    kept = []
    for f in findings:
        names = rules_for.get(f.path)
        if names is None:
            rel = config.relative(f.path)
            names = rules_for[f.path] = {
                n for glob, ns in config.per_path_ignores.items() if compile_globs([glob])(rel) for n in ns
            }
        if f.rule not in names and f.category not in names:
            kept.append(f)
    return kept


def filter_findings(
    result,
    config: Config,
    suppressions: list[Suppression],
    suppressions_folder: Path,
    baseline: set[str] | None,
) -> tuple[object, Hidden]:
    """The run result as it is reported, and how many findings each step hid."""
    hidden = Hidden()
    findings = result.findings
    steps = [
        ("per-path-ignores", lambda fs: without_path_ignores(fs, config)),
        ("suppressions", lambda fs: without_suppressed(fs, suppressions, suppressions_folder)),
        ("the baseline", lambda fs: without_baselined(fs, baseline) if baseline is not None else fs),
    ]
    for name, step in steps:
        kept = step(findings)
        hidden.counts[name] = len(findings) - len(kept)
        findings = kept
    return replace(result, findings=findings), hidden
