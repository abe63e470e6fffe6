"""Keeping a CI report within what its consumer accepts (`--max-results`).

GitHub code scanning rejects a SARIF run of more than 25,000 results, and an
archive gives far more findings than that, most of them one or two frequent
rules. Past the limit, the rules that cost most are shown as one result per
file (at the file's first finding, with the count in the message), the least
severe and most frequent first, until the report fits (a rule grouped on the
way that the fit turns out not to need is shown in full again): every file
keeps a result for every rule it breaks. When even that is too many, whole
severities are kept from `error` down and the first results of the last
severity that fits (in report order); the rest are left out. A `Cut` says
what was done.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from typing import Iterable, Iterator, Sequence

from ..findings import SEVERITY_RANK, Finding, field_of
from . import as_stream, findings_by_file

SEVERITIES = ("error", "warning", "info")


@dataclass
class Cut:
    """How `limit` was met: rules grouped per file, and how many results each severity keeps."""

    limit: int
    findings: int
    grouped: list[str] = field(default_factory=list)
    kept: dict[str, int] = field(default_factory=dict)  # severity -> results written
    omitted: int = 0  # results left out after grouping

    @property
    def results(self) -> int:
        return sum(self.kept.values())

    def note(self) -> str:
        """One line for the run's summary."""
        text = f"{self.findings} findings reported as {self.results} results (--max-results {self.limit})"
        if self.grouped:
            text += f"; one result per file for {', '.join(self.grouped)}"
        if self.omitted:
            text += f"; {self.omitted} result{'s' if self.omitted != 1 else ''} left out (kept: {', '.join(f'{n} {s}' for s, n in self.kept.items() if n)})"
        return text + "; --max-results 0 writes every finding"

    def properties(self) -> dict:
        return {"maxResults": self.limit, "findings": self.findings, "results": self.results,
                "groupedPerFile": self.grouped, "omitted": self.omitted, "summary": self.note()}


_last: tuple = (None, None, None)


def of_format(reporter, result, options) -> Cut | None:
    """The cut the format module `reporter` makes of this run (None for a format that writes every finding)."""
    return of_report(result, options, reporter.MAX_RESULTS) if hasattr(reporter, "MAX_RESULTS") else None


def of_report(result, options, default: int | None = None) -> Cut | None:
    """The cut a format applies to this run's findings (None: every finding is written):
    to `--max-results` when given (0: no limit), else to the format's own `default`."""
    return plan(result.findings, options.max_results if options.max_results is not None else default)


def plan(findings, limit: int | None) -> Cut | None:
    """The cut that brings `findings` within `limit` results; None when they fit (or no limit).
    The last plan is remembered: a run's summary asks again for the one its report used."""
    global _last
    if not limit:
        return None
    if _last[0] is findings and _last[1] == limit:
        return _last[2]
    cut = _plan(findings, limit)
    _last = (findings, limit, cut)
    return cut


def _plan(findings, limit: int) -> Cut | None:
    total = len(findings)
    if total <= limit:
        return None
    each: dict[str, dict[str, int]] = {}  # rule -> severity -> findings
    first: dict[str, dict[str, int]] = {}  # rule -> severity of its first finding in a file -> files
    for _, of_file, _ in as_stream(findings).by_file():
        rules, severities = list(field_of(of_file, 0)), list(field_of(of_file, 1))
        for (rule, severity), n in Counter(zip(rules, severities)).items():
            each.setdefault(rule, dict.fromkeys(SEVERITIES, 0))[severity] += n
        for rule in dict.fromkeys(rules):
            first.setdefault(rule, dict.fromkeys(SEVERITIES, 0))[severities[rules.index(rule)]] += 1
    saved = {rule: sum(each[rule].values()) - sum(first[rule].values()) for rule in each}
    worst = {rule: max(SEVERITY_RANK[s] for s, n in each[rule].items() if n) for rule in each}
    cut = Cut(limit=limit, findings=total)
    results = total
    for rule in sorted(each, key=lambda r: (worst[r], -saved[r], r)):
        if results <= limit:
            break
        if saved[rule]:
            cut.grouped.append(rule)
            results -= saved[rule]
    for rule in sorted(cut.grouped[:-1], key=lambda r: saved[r]):  # grouped on the way but not needed
        if results + saved[rule] <= limit:
            cut.grouped.remove(rule)
            results += saved[rule]
    per_severity = dict.fromkeys(SEVERITIES, 0)
    for rule in each:
        for s, n in (first if rule in cut.grouped else each)[rule].items():
            per_severity[s] += n
    budget = limit
    for s in SEVERITIES:
        cut.kept[s] = min(per_severity[s], budget)
        budget -= cut.kept[s]
    cut.omitted = results - cut.results
    return cut


def apply(findings: Iterable[Finding], cut: Cut | None) -> Iterator[Finding]:
    """The findings as the cut reports them, in report order."""
    if cut is None:
        yield from findings
        return
    grouped, left = set(cut.grouped), dict(cut.kept)
    for _, group in groupby(findings, key=attrgetter("path")):
        yield from _cut_file(list(group), grouped, left)


def by_file(result, cut: Cut | None) -> Iterator[Sequence[Finding]]:
    """Each file's findings as the cut reports them, in report order (as the run holds them when nothing is cut)."""
    grouped, left = set(cut.grouped) if cut else set(), dict(cut.kept) if cut else {}
    for _, findings, _ in findings_by_file(result):
        yield findings if cut is None else _cut_file(list(findings), grouped, left)


def _cut_file(of_file: list[Finding], grouped: set[str], left: dict[str, int]) -> list[Finding]:
    """One file's findings after the cut: a grouped rule's first finding standing for all, within what each severity has `left`."""
    per_rule: dict[str, int] = {}
    for f in of_file:
        per_rule[f.rule] = per_rule.get(f.rule, 0) + 1
    kept = []
    for f in of_file:
        if f.rule in grouped:
            n = per_rule.pop(f.rule, 0)
            if not n:
                continue
            if n > 1:
                f = grouped_finding(f, n)
        if left[f.severity]:
            left[f.severity] -= 1
            kept.append(f)
    return kept


def grouped_finding(first: Finding, n: int) -> Finding:
    """One result standing for a rule's `n` findings in a file: the first, with the count in its
    message and a fingerprint of the rule and the file (an alert that stays while the file has any)."""
    digest = hashlib.sha256(f"{first.rule}\0{first.path}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return first.with_(message=f"{first.message}（本文件中此规则共 {n} 处，这里是第一处）", fix=None, related=(),
                       fingerprint=f"per-file:{digest}")
