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
from .errors import CheckError, InputError
from .findings import Finding, assign_fingerprints
from .loading import discover, read_document
from .rules import Rule
from .saferegex import RegexTimeout


@dataclass
class DocumentResult:
    """What one document yields: findings, set-level summaries, or the error that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    error: InputError | None = None
    size: int = 0
    lines: dict[int, str] = field(default_factory=dict)
    problems: list[CheckError] = field(default_factory=list)
    fixes: Any = None

    @property
    def errors(self) -> list:
        """Every error this document produced: unreadable, rules that stopped, fixes not written."""
        found = [self.error] if self.error is not None else []
        found += self.problems
        if self.fixes is not None and self.fixes.error is not None:
            found.append(self.fixes.error)
        return found


@dataclass
class RunResult:
    findings: list[Finding]
    errors: list[InputError]
    files: list[str]
    rules: list[Rule]
    lines: dict[str, dict[int, str]] = field(default_factory=dict)
    fixes: list[Any] = field(default_factory=list)

    @property
    def files_checked(self) -> int:
        return len(self.files) - len({e.path for e in self.errors if isinstance(e, InputError)})


def lint_document(document: Document, rules: Iterable[Rule]) -> DocumentResult:
    """Run every rule on one document: findings from per-document rules, summaries for set rules."""
    result = DocumentResult(document.path, size=len(document.text))
    text = document.text
    for rule in rules:
        module = rule.check
        try:
            if rule.set_level:
                result.summaries[rule.id] = module.summarize(document, rule)
                continue
            needs = getattr(rule.config, "needs", None) or getattr(module, "NEEDS", None)
            if needs and not any(ch in text for ch in needs):
                continue
            found = list(module.check(document, rule))
        except Exception as exc:  # noqa: BLE001 - one rule failing must not stop the run
            result.problems.append(_rule_problem(document.path, rule, exc))
            continue
        result.findings.extend(found)
    result.findings = assign_fingerprints(sorted(result.findings, key=Finding.sort_key), drop_context=True)
    result.lines = {n: document.line(n) for n in {f.line for f in result.findings}}
    return result


def _rule_problem(path: str, rule: Rule, exc: Exception) -> CheckError:
    """One error line for a rule that could not finish on a document; its findings there are dropped."""
    if isinstance(exc, RegexTimeout):
        message = f"rule {rule.id} ({rule.source}) stopped: {exc}; simplify the pattern"
    else:
        message = f"rule {rule.id} ({rule.source}) failed: {type(exc).__name__}: {exc} (a wenlint bug, please report it)"
    problem = CheckError(path, message, rule.id)
    problem.__cause__ = exc
    return problem


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
    for problem in (p for r in results for p in r.problems):
        if not isinstance(problem.__cause__, RegexTimeout):
            raise problem.__cause__
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


def lint_file(path: Path, rules: list[Rule], encoding: str = "utf-8", fix: Any = None) -> DocumentResult:
    """Lint one file; with `fix` (a linter.fix.FixOptions) fix it first and lint what remains."""
    fixes = None
    try:
        if fix is not None:
            from .fix import fix_file

            document, fixes = fix_file(path, rules, fix, encoding)
        else:
            document = read_document(path, encoding=encoding)
    except InputError as exc:
        return DocumentResult(exc.path, error=exc)
    result = lint_document(document, rules)
    result.fixes = fixes
    return result


def run(paths: list[str], rules: list[Rule], *, encoding: str = "utf-8", jobs: int = 1, cache=None, progress=None,
        fix: Any = None) -> RunResult:
    """Lint files and folders: the whole pipeline behind `wenlint check`.

    `jobs` > 1 lints files in that many processes; `cache` (a linter.cache.Cache)
    reuses results of unchanged files. Neither changes the findings or their order.
    `progress(done, total)`, when given, is called after each file. With `fix`
    (a linter.fix.FixOptions) files are fixed first, one at a time, uncached.
    Only findings are kept, so memory follows the largest file, not the corpus.
    """
    from .batch import lint_files

    files = discover(paths)
    if fix is not None:
        results = []
        for p in files:
            results.append(lint_file(p, rules, encoding, fix))
            if progress is not None:
                progress(len(results), len(files))
    else:
        results = lint_files(files, rules, encoding=encoding, jobs=jobs, cache=cache, progress=progress)
    readable = [r for r in results if r.error is None]
    return RunResult(
        findings=_merge(readable, rules),
        errors=[e for r in results for e in r.errors],
        files=[r.path for r in results],
        rules=rules,
        lines={r.path: r.lines for r in readable if r.lines},
        fixes=[r.fixes for r in results if r.fixes is not None and (r.fixes.applied or r.fixes.skipped or r.fixes.error)],
    )
