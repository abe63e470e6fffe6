"""The labelled corpora under tests/corpus/<category>/: every planted defect found, nothing else."""

from __future__ import annotations

from pathlib import Path

import yaml

from linter.document import Document
from linter.engine import lint_document

CORPUS = Path(__file__).resolve().parent / "corpus"


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
