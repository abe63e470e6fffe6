"""make_finding builds its row in place and reuses the span's positions for the fix:
it must equal a finding built field by field through Location.of, Fix and the constructor."""

from __future__ import annotations

import random

import pytest

from linter.document import Document
from linter.findings import Finding, Fix, Location, fingerprint_context, line_position, make_finding, report_order


class _Rule:
    id = "test.rule"
    severity = "warning"
    fix_safe = False
    message = "found {match} -> {other}"

    def format_message(self, values):
        return self.message.format_map(values)


def _reference(document, rule, start, end, *, replacement=None, fix_span=None, related=(), **values):
    text = document.text
    values.setdefault("match", text[start:end])
    fix = None
    if replacement is not None:
        fs, fe = fix_span if fix_span else (start, end)
        if text[fs:fe] != replacement:
            fix = Fix(fs, fe, replacement, rule.fix_safe, *document.position(fs), *document.position(fe), text[fs:fe])
    return Finding(rule.id, rule.severity, rule.format_message(values), Location.of(document, start, end), start, end,
                   text[start:end], fix, tuple(related), context=fingerprint_context(text, start, end))


def _texts():
    rng = random.Random(8)
    alphabet = ["中", "文", ",", " ", "\n", "\r\n", "a", "，", "\n\n"]
    yield ""
    yield "一行"
    yield "末行\n"
    for _ in range(60):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80)))


@pytest.mark.parametrize("text", list(_texts()))
def test_make_finding_equals_the_field_by_field_finding(text):
    document = Document(text, "a.txt")
    rule = _Rule()
    rng = random.Random(len(text))
    size = len(text)
    for _ in range(40):
        start = rng.randint(0, size)
        end = rng.randint(start, size)
        fix_span = rng.choice([None, (start, min(size, end + rng.randint(0, 3))), (max(0, start - 2), end),
                               (rng.randint(0, size), size)])
        if fix_span is not None and fix_span[0] > fix_span[1]:
            fix_span = (fix_span[1], fix_span[0])
        replacement = rng.choice([None, "，", text[start:end]])
        related = [Location.of(document, start, end, "here")] if rng.random() < 0.3 else []
        kwargs = dict(replacement=replacement, fix_span=fix_span, related=related, other="x")
        built = make_finding(document, rule, start, end, **kwargs)
        expected = _reference(document, rule, start, end, **kwargs)
        assert tuple(built) == tuple(expected) and type(built) is Finding


@pytest.mark.parametrize("text", list(_texts()))
def test_line_position_equals_document_position_from_any_line(text):
    document = Document(text, "a.txt")
    starts = document.line_starts
    for offset in range(-2, len(text) + 3):
        for hint in range(1, len(starts) + 1):
            assert line_position(starts, len(text), offset, hint) == document.position(offset)


def test_report_order_is_the_sort_key():
    document = Document("中文,中文;\n中文:中文", "a.txt")
    rule = _Rule()
    finding = make_finding(document, rule, 3, 4, other="y")
    assert report_order(finding) == finding.sort_key() == (
        finding.path, finding.line, finding.column, finding.rule, finding.end_line, finding.end_column, finding.message)


@pytest.mark.parametrize("text", ["", "一行", "末行\n", "中文\n,\r\n英文"])
def test_make_finding_clamps_a_span_past_the_text_as_the_field_by_field_finding(text):
    """A span's end beyond the text (or the span wholly beyond it) takes the text's end position either way."""
    document = Document(text, "a.txt")
    size = len(text)
    for start, end in [(0, size + 1), (size, size + 3), (size + 1, size + 2), (max(0, size - 1), size + 5)]:
        built = make_finding(document, _Rule(), start, end, other="x")
        assert tuple(built) == tuple(_reference(document, _Rule(), start, end, other="x"))
