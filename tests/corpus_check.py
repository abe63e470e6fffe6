"""The labelled corpora in tests/corpus: planted defects and clean text beside them.

Two layouts live side by side: `tests/corpus/*.txt` with `expected.tsv`
(garbled, typo) and `tests/corpus/<category>/*.txt` with `expected.yaml`
(layout, punctuation). Both say: every planted defect found, nothing else.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from linter.document import Document
from linter.engine import lint_document

CORPUS = Path(__file__).resolve().parent / "corpus"


def expected(prefix: str) -> set[tuple[str, str, int, int]]:
    """(file, rule, line, column) rows of expected.tsv whose rule starts with `prefix`."""
    rows = set()
    for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, rule, row, column = line.split("\t")
            if rule.startswith(prefix):
                rows.add((name, rule, int(row), int(column)))
    return rows


def found(names: list[str], rules, prefix: str) -> set[tuple[str, str, int, int]]:
    rows = set()
    for name in names:
        document = Document((CORPUS / name).read_text(encoding="utf-8"), name)
        for f in lint_document(document, rules).findings:
            if f.rule.startswith(prefix):
                rows.add((name, f.rule, f.line, f.column))
    return rows


def expected_findings(category: str) -> dict[str, set[tuple[str, int, int]]]:
    """{file name: {(rule, line, column)}} for every .txt of the category; unlisted files expect nothing."""
    folder = CORPUS / category
    listed = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
    result = {}
    for path in sorted(folder.glob("*.txt")):
        entries = listed.get(path.name) or []
        result[path.name] = {_parse(entry) for entry in entries}
    return result


def _parse(entry: str) -> tuple[str, int, int]:
    rule, position = entry.split()[:2]
    line, column = position.split(":")
    return rule, int(line), int(column)


def actual_findings(category: str, rules) -> dict[str, set[tuple[str, int, int]]]:
    chosen = [r for r in rules if r.category == category]
    result = {}
    for path in sorted((CORPUS / category).glob("*.txt")):
        document = Document(path.read_text(encoding="utf-8"), path.name)
        result[path.name] = {(f.rule, f.line, f.column) for f in lint_document(document, chosen).findings}
    return result
