"""Running rules: every per-document check on each file, then the set-level checks.

Per-document work is independent (it can run in parallel and ships back only
findings and compact summaries); set-level rules then see one summary per
document, never the texts themselves, so memory stays bounded on large sets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .document import Document
from .errors import InputError
from .findings import Finding, assign_fingerprints
from .loading import discover, read_document
from .rules import Rule


@dataclass
class DocumentResult:
    """What one document yields: findings, set-level summaries, or the error that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    error: InputError | None = None
    size: int = 0
    lines: dict[int, str] = field(default_factory=dict)


@dataclass
class RunResult:
    findings: list[Finding]
    errors: list[InputError]
    files: list[str]
    rules: list[Rule]
    lines: dict[str, dict[int, str]] = field(default_factory=dict)

    @property
    def files_checked(self) -> int:
        return len(self.files) - len(self.errors)


def lint_document(document: Document, rules: Iterable[Rule]) -> DocumentResult:
    """Run every rule on one document: findings from per-document rules, summaries for set rules."""
    result = DocumentResult(document.path, size=len(document.text))
    text = document.text
    for rule in rules:
        module = rule.check
        if rule.set_level:
            result.summaries[rule.id] = module.summarize(document, rule)
            continue
        needs = getattr(rule.config, "needs", None) or getattr(module, "NEEDS", None)
        if needs and not any(ch in text for ch in needs):
            continue
        result.findings.extend(module.check(document, rule))
    ordered = assign_fingerprints(sorted(result.findings, key=Finding.sort_key))
    result.findings = [f.with_(context="") for f in ordered]
    result.lines = {f.line: document.line(f.line) for f in result.findings}
    return result


def lint_set(results: list[DocumentResult], rules: Iterable[Rule]) -> list[Finding]:
    """Run set-level rules over the summaries of every document that was read."""
    findings: list[Finding] = []
    for rule in rules:
        if not rule.set_level:
            continue
        summaries = [(r.path, r.summaries[rule.id]) for r in results if rule.id in r.summaries]
        findings.extend(rule.check.check_set(summaries, rule))
    return findings


def lint_text(text: str, rules: list[Rule], path: str = "<text>") -> list[Finding]:
    """Lint one string as a document set of one (tests and rule examples use this)."""
    return lint_texts([text], rules, [path])


def lint_texts(texts: list[str], rules: list[Rule], paths: list[str] | None = None) -> list[Finding]:
    paths = paths or [f"doc{i + 1}.txt" for i in range(len(texts))]
    results = [lint_document(Document(t, p), rules) for t, p in zip(texts, paths)]
    return _merge(results, rules)


def _merge(results: list[DocumentResult], rules: list[Rule]) -> list[Finding]:
    findings = [f for r in results for f in r.findings]
    set_findings = lint_set(results, rules)
    by_path: dict[str, list[Finding]] = {}
    for f in set_findings:
        by_path.setdefault(f.path, []).append(f)
    for group in by_path.values():
        findings.extend(assign_fingerprints(sorted(group, key=Finding.sort_key)))
    return sorted(findings, key=Finding.sort_key)


def lint_file(path: Path, rules: list[Rule], encoding: str = "utf-8") -> DocumentResult:
    try:
        document = read_document(path, encoding=encoding)
    except InputError as exc:
        return DocumentResult(exc.path, error=exc)
    return lint_document(document, rules)


def run(paths: list[str], rules: list[Rule], *, encoding: str = "utf-8", jobs: int = 1, cache=None, progress=None) -> RunResult:
    """Lint files and folders: the whole pipeline behind `wenlint check`.

    `jobs` > 1 lints files in that many processes; `cache` (a linter.cache.Cache)
    reuses results of unchanged files. Neither changes the findings or their order.
    `progress(done, total)`, when given, is called after each file.
    """
    from .batch import lint_files

    files = discover(paths)
    results = lint_files(files, rules, encoding=encoding, jobs=jobs, cache=cache, progress=progress)
    readable = [r for r in results if r.error is None]
    return RunResult(
        findings=_merge(readable, rules),
        errors=[r.error for r in results if r.error is not None],
        files=[r.path for r in results],
        rules=rules,
        lines={r.path: r.lines for r in readable if r.lines},
    )
