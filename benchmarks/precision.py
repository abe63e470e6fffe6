"""Precision on real, edited text: what the default rules report on a corpus no rule was written for.

    python benchmarks/precision.py ../shared/corpus/cctv-news
    python benchmarks/precision.py ../shared/corpus/cctv-news --verdicts tests/realtext/verdicts.tsv
    python benchmarks/precision.py /work/corpora/*/ --jobs 2

Prints, per folder (or file) given, the findings per rule and severity and per 10,000 characters
of the text checked, the total of warnings+errors, and every rule that could not finish on a file.
With --verdicts, the readings recorded for the findings (true / false / convention, see
tests/realtext/README.md) are counted per rule, with the findings not yet read and the readings
whose finding no longer appears. The corpus is linted in this process by the engine
(`linter.runner.run`), with every default rule that is on by default, as `wenlint check` does.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

VERDICTS = ("true", "false", "convention")
COLUMNS = ("file", "line", "column", "rule", "verdict", "reason")
PER = 10_000


@dataclass(frozen=True)
class Key:
    """Where a finding is, as a verdict records it: the file relative to its corpus folder."""

    file: str
    line: int
    column: int
    rule: str


@dataclass
class Reading:
    key: Key
    verdict: str
    reason: str


@dataclass
class CorpusRun:
    """One corpus linted: its findings keyed as verdicts record them, and what the text was."""

    root: str
    files: int = 0
    chars: int = 0
    findings: dict[Key, str] = field(default_factory=dict)  # key -> severity
    duplicates: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    messages: dict[Key, str] = field(default_factory=dict)

    def per_rule(self) -> Counter:
        return Counter((key.rule, severity) for key, severity in self.findings.items()) + self.duplicates

    def serious(self) -> dict[Key, str]:
        return {key: severity for key, severity in self.findings.items() if severity in ("warning", "error")}

    def rate(self, n: int) -> float:
        return n * PER / self.chars if self.chars else 0.0


def default_rules():
    from linter.rules import default_rules_dir, load_rules

    return [rule for rule in load_rules([default_rules_dir()]) if rule.enabled]


def lint_corpus(root: str, rules=None, jobs: int = 1) -> CorpusRun:
    """Lint every .txt file under `root` (or the one file `root`) with the default rules."""
    from linter.runner import run
    from linter.loading import discover

    rules = default_rules() if rules is None else rules
    base = root if os.path.isdir(root) else os.path.dirname(root)
    files = [p for p in discover([root]) if p.suffix == ".txt" or not os.path.isdir(root)]
    result = run([str(p) for p in files], rules, jobs=jobs)
    corpus = CorpusRun(root, files=result.files_checked)
    for path in files:
        try:
            corpus.chars += len(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            pass
    for f in result.findings:
        key = Key(os.path.relpath(f.path, base), f.line, f.column, f.rule)
        if key in corpus.findings:
            corpus.duplicates[(f.rule, f.severity)] += 1
        corpus.findings[key] = f.severity
        corpus.messages[key] = f.message
    corpus.errors = [str(e) for e in result.errors]
    return corpus


def read_verdicts(path: Path) -> list[Reading]:
    """The recorded readings: a TSV with a header row; `#` lines and blank lines are skipped."""
    readings = []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if line.strip() and not line.startswith("#")), delimiter="\t")
        header = next(rows, None)
        if header is not None and tuple(header) != COLUMNS:
            raise ValueError(f"{path}: the header must be {' '.join(COLUMNS)}")
        for n, row in enumerate(rows, start=2):
            if len(row) != len(COLUMNS) or row[4] not in VERDICTS or not row[1].isdigit() or not row[2].isdigit():
                raise ValueError(f"{path}: row {n} is not file, line, column, rule, {'/'.join(VERDICTS)}, reason: {row}")
            readings.append(Reading(Key(row[0], int(row[1]), int(row[2]), row[3]), row[4], row[5]))
    return readings


def write_verdicts(path: Path, readings: list[Reading]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for r in sorted(readings, key=lambda r: (r.key.file, r.key.line, r.key.column, r.key.rule)):
            handle.write("\t".join((r.key.file, str(r.key.line), str(r.key.column), r.key.rule, r.verdict, r.reason)) + "\n")


@dataclass
class Comparison:
    """Findings against readings: counts per rule and verdict, what is unread, what is stale."""

    counts: Counter  # (rule, verdict) -> n
    unread: list[Key]  # warnings and errors found with no reading
    stale: list[Reading]  # readings whose finding is gone

    def false_rate(self, corpus: CorpusRun) -> float:
        return corpus.rate(sum(n for (_, verdict), n in self.counts.items() if verdict == "false"))


def compare(corpus: CorpusRun, readings: list[Reading]) -> Comparison:
    recorded = {r.key: r for r in readings}
    counts: Counter = Counter()
    for key in corpus.findings:
        if key in recorded:
            counts[(key.rule, recorded[key].verdict)] += 1
    unread = sorted((key for key in corpus.serious() if key not in recorded), key=lambda k: (k.file, k.line, k.column, k.rule))
    stale = [r for r in readings if r.key not in corpus.findings]
    return Comparison(counts, unread, stale)


def report(corpus: CorpusRun, comparison: Comparison | None = None) -> list[str]:
    lines = [f"{corpus.root}: {corpus.files} files, {corpus.chars:,} characters"]
    per_rule = corpus.per_rule()
    rules = sorted({rule for rule, _ in per_rule}, key=lambda rule: (-sum(n for (r, _), n in per_rule.items() if r == rule), rule))
    head = f"  {'rule':36s} {'severity':8s} {'findings':>8s} {'/10k':>7s}"
    if comparison is not None:
        head += f" {'true':>5s} {'false':>5s} {'conv':>5s} {'unread':>6s}"
    lines.append(head)
    unread_by_rule = Counter(key.rule for key in comparison.unread) if comparison else Counter()
    for rule in rules:
        for severity in ("error", "warning", "info"):
            n = per_rule.get((rule, severity), 0)
            if not n:
                continue
            row = f"  {rule:36s} {severity:8s} {n:8d} {corpus.rate(n):7.2f}"
            if comparison is not None:
                row += "".join(f" {comparison.counts.get((rule, v), 0):>{w}d}" for v, w in zip(VERDICTS, (5, 5, 5)))
                row += f" {unread_by_rule.get(rule, 0) if severity != 'info' else 0:>6d}"
            lines.append(row)
    total = sum(per_rule.values())
    serious = sum(n for (_, severity), n in per_rule.items() if severity != "info")
    lines.append(f"  {'all findings':45s} {total:8d} {corpus.rate(total):7.2f}")
    lines.append(f"  {'warnings + errors':45s} {serious:8d} {corpus.rate(serious):7.2f}")
    if comparison is not None:
        false = sum(n for (_, v), n in comparison.counts.items() if v == "false")
        lines.append(f"  recorded false: {false} ({comparison.false_rate(corpus):.2f} per 10k); unread warnings/errors: "
                     f"{len(comparison.unread)}; stale readings: {len(comparison.stale)}")
    for error in corpus.errors:
        lines.append(f"  error: {error}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", metavar="DIR", help="a corpus folder (or file)")
    parser.add_argument("--verdicts", type=Path, help="a verdict TSV (paths relative to each DIR)")
    parser.add_argument("--jobs", type=int, default=1, help="processes to lint with (default 1)")
    parser.add_argument("--unread", action="store_true",
                        help="with --verdicts, list the warnings and errors not yet read as rows to fill in "
                             "(verdict and reason empty, then the finding's message, which quotes the corpus: never commit it)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    readings = read_verdicts(args.verdicts) if args.verdicts else None
    rules = default_rules()
    for root in args.corpora:
        corpus = lint_corpus(root.rstrip("/") or root, rules, args.jobs)
        comparison = compare(corpus, readings) if readings is not None else None
        print("\n".join(report(corpus, comparison)))
        if comparison is not None and args.unread:
            for key in comparison.unread:
                print(f"{key.file}\t{key.line}\t{key.column}\t{key.rule}\t\t\t{corpus.messages.get(key, '')}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
