"""Running rules on documents: every per-document rule on one document, then the set-level rules
over the summaries of a set (never the texts themselves, so memory stays bounded on large sets).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Iterable, Iterator

from .checks.api import kind_of
from .document import Document
from .errors import CheckError, InternalError
from .findings import Finding, SpanFindings, field_of, in_report_order, kept_of_each_rule
from .prefilter import DocumentScan
from .results import DocumentResult, PackedResult
from .rule import Rule
from .saferegex import RegexTimeout
from .stream import FindingStream


def rule_may_run(rule: Rule, text: str, seen: DocumentScan | dict[str, bool] | None = None) -> bool:
    """False when the text cannot hold a finding of the rule (its gates, linter.prefilter); `seen` is the
    document's one scan shared by every rule (a dict: its `needs` characters, each looked for once)."""
    if not isinstance(seen, DocumentScan):
        scan = DocumentScan(text, (rule,))
        if seen is not None:
            scan.has_char = seen
        seen = scan
    return seen.may_run(rule)


FINDINGS_PER_RULE = 10_000
"""At most this many findings of one rule in one document are kept; past it one finding says how many
more there are (a pathological document, e.g. a 20-million-character line, must not fill the memory)."""


def lint_document(document: Document, rules: Iterable[Rule], keep_per_rule: int | None = None) -> DocumentResult:
    """Run every rule on one document: findings from per-document rules, summaries for set rules.

    With `keep_per_rule`, for a report that reads no more, only each rule's first findings (in report order)
    are kept and the rest counted (`counted`): a rule that hands its spans over (`SpanFindings`) builds no other.
    """
    result = DocumentResult(document.path, size=len(document.text))
    rules = list(rules)
    seen = DocumentScan(document.text, rules)
    may_run = seen.may_run
    findings: list[Finding] = []
    for rule in rules:
        module = kind_of(rule)
        try:
            if rule.set_level:
                result.summaries[rule.id] = module.summarize(document, rule)
                continue
            if not may_run(rule):
                continue
            found = module.check(document, rule)
            if keep_per_rule and type(found) is SpanFindings and keep_per_rule < len(found) <= FINDINGS_PER_RULE:
                result.counted[rule.id] = len(found) - keep_per_rule
                found = found.first(keep_per_rule)
            elif type(found) is not list or len(found) > FINDINGS_PER_RULE:
                found = _kept_findings(found, rule, result.not_listed)
        except Exception as exc:  # noqa: BLE001 - one rule failing must not stop the run
            result.problems.append(_rule_problem(document.path, rule, exc))
            result.counted.pop(rule.id, None)
            continue
        findings.extend(found)
    result.findings = in_report_order(findings)
    if keep_per_rule:
        result.findings, more = kept_of_each_rule(result.findings, keep_per_rule)
        result.counted.update(more)
    result.lines = {n: document.line(n) for n in set(field_of(result.findings, 4))}
    return result


def _kept_findings(findings: Iterable[Finding], rule: Rule, not_listed: dict[str, int]) -> list[Finding]:
    """The first FINDINGS_PER_RULE findings, and past them one finding, where the next would have been,
    counting the rest (read one at a time and dropped, so memory stays flat; `not_listed` records how many)."""
    findings = iter(findings)
    found = list(itertools.islice(findings, FINDINGS_PER_RULE))
    if len(found) < FINDINGS_PER_RULE:
        return found
    first_dropped = next(findings, None)
    if first_dropped is None:
        return found
    more = not_listed[rule.id] = 1 + sum(1 for _ in findings)
    message = f"本文件另有 {more:,} 处 {rule.id} 未逐一列出（每条规则在一个文件中最多列出 {FINDINGS_PER_RULE:,} 处）"
    found.append(first_dropped.with_(message=message, fix=None, related=()))
    return found


def _rule_problem(path: str, rule: Rule, exc: Exception) -> CheckError:
    """One error line for a rule that could not finish on a document; its findings there are dropped,
    the other rules' are kept."""
    if isinstance(exc, RegexTimeout):
        problem = CheckError(path, f"rule {rule.id} ({rule.source}) stopped: {exc}; simplify the pattern", rule.id)
    else:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        if len(detail) > 300:
            detail = detail[:299] + "…"
        problem = InternalError(path, f"{detail} ({rule.source}; a wenlint bug, please report it)", rule.id)
    problem.__cause__ = exc
    return problem


def lint_set(results: Sequence[DocumentResult | PackedResult], rules: Iterable[Rule]) -> list[Finding]:
    """Run set-level rules over the summaries of every document that was read."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.set_level:
            findings.extend(kind_of(rule).check_set(RuleSummaries(results, rule.id), rule))
    return findings


class RuleSummaries(Sequence):
    """(path, summary) of one set-level rule for every document that has one, unpacked as the
    rule's check_set reads them: the engine never holds every document's summary as objects
    (a check may still keep what it needs of them; one that reads them twice unpacks them twice)."""

    def __init__(self, results: Iterable, rule_id: str):
        self._results = [r for r in results if rule_id in r.summaries]
        self._rule = rule_id

    def __len__(self) -> int:
        return len(self._results)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._entry(r) for r in self._results[index]]
        return self._entry(self._results[index])

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return map(self._entry, self._results)

    def _entry(self, result) -> tuple[str, Any]:
        return result.path, result.summaries[self._rule]


def lint_text(text: str, rules: list[Rule], path: str = "<text>") -> list[Finding]:
    """Lint one string as a document set of one (tests and rule examples use this)."""
    return lint_texts([text], rules, [path])


def lint_texts(texts: list[str], rules: list[Rule], paths: list[str] | None = None) -> list[Finding]:
    paths = paths or [f"doc{i + 1}.txt" for i in range(len(texts))]
    results = [lint_document(Document(t, p), rules) for t, p in zip(texts, paths)]
    for problem in (p for r in results for p in r.problems):
        if not isinstance(problem.__cause__, RegexTimeout):
            raise problem.__cause__
    return list(FindingStream(results, lint_set(results, rules)))
