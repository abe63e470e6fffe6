"""The labelled corpus in tests/corpus: planted defects (expected.tsv) and clean text beside them."""

from __future__ import annotations

from pathlib import Path

from linter.document import Document
from linter.engine import lint_document

CORPUS = Path(__file__).resolve().parent / "corpus"


def expected(prefix: str) -> set[tuple[str, str, int, int]]:
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
