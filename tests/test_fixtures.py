"""Fixture documents with exact expected findings: rule, line and column.

Each `tests/fixtures/**/NAME.expected` lists `rule line column` for the
document NAME.txt (and its -crlf / -bom copies, which must give the same
positions). Its `# categories:` line names the categories compared, so rules
added later in other categories do not disturb it.
"""

from pathlib import Path

import pytest

from linter.runner import run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED = sorted(FIXTURES.rglob("*.expected"))


def read_expected(path: Path) -> tuple[list[str], list[tuple[str, int, int]]]:
    categories, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# categories:"):
            categories = line.split(":", 1)[1].split()
        elif line.strip() and not line.startswith("#"):
            rule, ln, col = line.split()
            rows.append((rule, int(ln), int(col)))
    return categories, rows


def documents_for(expected: Path) -> list[Path]:
    stem = expected.with_suffix("")
    return [p for p in sorted(expected.parent.glob(stem.name + "*.txt")) if p.stem in (stem.name, stem.name + "-crlf", stem.name + "-bom")]


CASES = [pytest.param(e, d, id=d.name) for e in EXPECTED for d in documents_for(e)]


@pytest.mark.parametrize("expected,document", CASES)
def test_fixture_findings(expected, document, default_rules):
    categories, rows = read_expected(expected)
    rules = [r for r in default_rules if r.category in categories and r.enabled]
    result = run([str(document)], rules)
    assert not result.errors
    assert [(f.rule, f.line, f.column) for f in result.findings] == rows


def test_crlf_and_bom_copies_exist():
    names = {p.name for p in (FIXTURES / "foundation").iterdir()}
    assert {"article.txt", "article-crlf.txt", "article-bom.txt"} <= names
    assert b"\r\n" in (FIXTURES / "foundation" / "article-crlf.txt").read_bytes()
    assert (FIXTURES / "foundation" / "article-bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
