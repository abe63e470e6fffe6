"""Output formats. Each module here is one format, found by its `NAME`.

A format module defines `NAME` and `render(result, options) -> str`, where
`result` is the engine's RunResult and `options` a ReportOptions.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType


@dataclass
class ReportOptions:
    color: bool = False
    max_per_rule: int = 5
    statistics: bool = False
    quiet: bool = False
    root: str = "."
    encoding: str = "utf-8"
    fail_on: str = "warning"


def formats() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            if getattr(module, "NAME", None):
                found[module.NAME] = module
    return found


def counts(findings) -> dict[str, int]:
    return tally(findings)[0]


def tally(findings) -> tuple[dict[str, int], int]:
    """Findings per severity and the number of files with findings (a FindingStream knows both without unpacking)."""
    if hasattr(findings, "tally"):
        return findings.tally()
    result = {"error": 0, "warning": 0, "info": 0}
    paths = set()
    for f in findings:
        result[f.severity] += 1
        paths.add(f.path)
    return result, len(paths)


def summary_line(result) -> str:
    c, files_with = tally(result.findings)
    n = len(result.findings)
    parts = [f"{c[s]} {s}{'s' if c[s] != 1 else ''}" for s in ("error", "warning", "info") if c[s]]
    detail = f" ({', '.join(parts)})" if parts else ""
    line = f"{n} finding{'s' if n != 1 else ''}{detail} in {files_with} file{'s' if files_with != 1 else ''}"
    line += f"; {result.files_checked} file{'s' if result.files_checked != 1 else ''} checked"
    if result.errors:
        line += f", {len(result.errors)} could not be read"
    return line
