"""build_findings builds many spans' findings at once: each must equal the finding make_finding builds for
its span, and the positions must come without a per-finding position lookup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import linter.findings as findings_module
from linter.document import Document
from linter.findings import build_findings, findings_in_batches, make_finding, report_order
from linter.rules import default_rules_dir, load_rules

PIECES = ["中", "文", ",", ";", " ", "\t", "\n", "\r\n", "\r", "a", "1", "，", "\ud800", "\U00020000", "\n\n"]


class _Rule:
    id = "test.rule"
    severity = "warning"
    fix_safe = True


@st.composite
def spans_of_a_text(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=60)))
    size = len(text)
    starts = sorted(draw(st.lists(st.integers(0, size), max_size=20)))
    spans = []
    for start in starts:
        end = draw(st.integers(start, min(size, start + 12)))
        replacement = draw(st.sampled_from([None, "，", text[start:end], ""]))
        fix_end = draw(st.integers(end, min(size, end + 4)))
        spans.append((start, end, f"m{start}", replacement, fix_end))
    return text, spans


def _one_at_a_time(document, rule, spans):
    return [make_finding(document, rule, start, end, message=message, replacement=replacement,
                         fix_span=None if replacement is None else (start, fix_end))
            for start, end, message, replacement, fix_end in spans]


def _at_once(document, rule, spans):
    starts, ends, messages, replacements, fix_ends = (list(column) for column in zip(*spans)) if spans else ([],) * 5
    return build_findings(document, rule, starts, ends, messages, replacements, fix_ends)


@settings(max_examples=400, deadline=None)
@given(spans_of_a_text())
def test_build_findings_equals_make_finding_span_by_span(case):
    """Line ends (\\n, \\r\\n, a lone \\r), empty spans, spans across lines or at the text's end, lone surrogates
    and astral characters: every field, the fix and the fingerprint context equal."""
    text, spans = case
    document = Document(text, "a.txt")
    built = _at_once(document, _Rule(), spans)
    expected = _one_at_a_time(document, _Rule(), spans)
    assert [tuple(f) for f in built] == [tuple(f) for f in expected]
    assert all(type(f) is type(e) for f, e in zip(built, expected))


def test_build_findings_takes_spans_out_of_order_or_past_the_text_one_at_a_time():
    document = Document("中文,中文\n英文;", "a.txt")
    spans = [(4, 5, "a", None, 5), (2, 3, "b", "，", 3), (9, 12, "c", None, 12)]
    assert [tuple(f) for f in _at_once(document, _Rule(), spans)] == [
        tuple(f) for f in _one_at_a_time(document, _Rule(), spans)]


def test_build_findings_looks_up_no_position_for_a_span_within_its_line(monkeypatch):
    """Spans within their lines (as every punctuation mark is) get their lines from one walk over the text:
    one bisection for the first span, no per-finding position lookup; a span that leaves its line is the only
    one looked up."""
    lookups = []
    real = findings_module.line_position

    def counting(*args):
        lookups.append(args[2])
        return real(*args)

    bisections = []
    real_bisect = findings_module.bisect_right

    def counting_bisect(*args):
        bisections.append(args[1])
        return real_bisect(*args)

    monkeypatch.setattr(findings_module, "line_position", counting)
    monkeypatch.setattr(findings_module, "bisect_right", counting_bisect)
    text = ("中文,中文;中文\n" * 300) + "中文:\n末行"
    document = Document(text, "a.txt")
    starts = [i for i, ch in enumerate(text) if ch in ",;:"]
    found = build_findings(document, _Rule(), starts, [s + 1 for s in starts], ["m"] * len(starts),
                           ["，"] * len(starts), [s + 1 for s in starts])
    assert len(found) == 601 and found[-1].line == 301 and found[-1].column == 3
    assert lookups == [] and bisections == [starts[0]]
    across = text.index("\n末行") - 1
    build_findings(document, _Rule(), [across], [across + 3], ["m"])
    assert lookups == [across, across + 3]


def test_ascii_in_chinese_finds_what_make_finding_found_mark_by_mark():
    """The rule's findings (a mark before spaces dropped by its fix, an exception, a mark at a line's end)."""
    rule = next(r for r in load_rules([default_rules_dir()]) if r.id == "punctuation.ascii-in-chinese")
    text = "他说,  我们走吧;好的\r\n时间是3:00,地点:北京\n访问 http://a.cn/?x=1 时,注意!\n结尾:"
    document = Document(text, "a.txt")
    found = list(rule_check(rule)(document, rule))
    expected = []
    for start, spaces_end in [(2, 5), (9, 10), (21, 22), (24, 25), (49, 50), (52, 53), (56, 57)]:
        mark = text[start]
        replacement = rule.config.marks[mark]
        message = rule.format_message({"match": mark, "fullwidth": replacement})
        expected.append(make_finding(document, rule, start, start + 1, replacement=replacement,
                                     fix_span=(start, spaces_end), message=message))
    assert [tuple(f) for f in found] == [tuple(f) for f in expected]
    assert [(f.line, f.column, f.fix.replacement, f.fix.end_column) for f in found][:2] == [(1, 3, "，", 6), (1, 10, "；", 11)]


def rule_check(rule):
    from linter.checks.api import kind_of

    return kind_of(rule).check


def test_findings_in_batches_equal_one_build(monkeypatch):
    text = "中文,中文\r\n" * 40 + "末,行"
    document = Document(text, "a.txt")
    starts = [i for i, ch in enumerate(text) if ch == ","]
    columns = (starts, [s + 1 for s in starts], ["m"] * len(starts), ["，"] * len(starts), [s + 1 for s in starts])
    whole = build_findings(document, _Rule(), *columns)
    monkeypatch.setattr(findings_module, "FINDINGS_AT_ONCE", 7)
    batched = findings_in_batches(document, _Rule(), *columns)
    assert not isinstance(batched, list)
    assert list(batched) == whole and [f.line for f in whole][-2:] == [40, 41]


def test_a_pattern_rule_finds_the_same_in_batches(tmp_path, monkeypatch):
    """Matches are built a batch at a time (the engine keeps a rule's first findings and counts the rest);
    the batches' findings are those of one build, messages and fixes of each match included."""
    import linter.checks.pattern as pattern_module

    (tmp_path / "comma.yaml").write_text(
        r"""rules:
  - id: punctuation.test-comma
    kind: pattern
    severity: warning
    message: "{match} 后是 {after}"
    patterns: ['(?<=\p{Han}),(?P<after>\p{Han})']
    replace: '，\g<after>'
    group: 0
    examples: {bad: ["中,文"], good: ["中，文"]}
""",
        encoding="utf-8",
    )
    [rule] = load_rules([tmp_path])
    document = Document("中,文;中,字\n" * 5, "a.txt")
    whole = list(rule_check(rule)(document, rule))
    monkeypatch.setattr(pattern_module, "FINDINGS_AT_ONCE", 3)
    assert list(rule_check(rule)(document, rule)) == whole and len(whole) == 10
    assert (whole[3].line, whole[3].column, whole[3].message, whole[3].fix.replacement) == (2, 6, ",字 后是 字", "，字")


@settings(max_examples=200, deadline=None)
@given(spans_of_a_text(), st.integers(1, 25))
def test_the_first_findings_of_spans_are_the_first_in_report_order(spans, n):
    text, found_spans = spans
    document = Document(text, "a.txt")
    starts, ends = [span[0] for span in found_spans], [span[1] for span in found_spans]
    messages = [f"m{(s * 7 + e) % 3}" for s, e in zip(starts, ends)]
    found = findings_in_batches(document, _Rule(), starts, ends, messages)
    assert len(found) == len(starts)
    assert found.first(n) == sorted(found, key=report_order)[:n]
    shuffled = findings_in_batches(document, _Rule(), starts[::-1], ends[::-1], messages[::-1])
    assert shuffled.first(n) == sorted(found, key=report_order)[:n]


def test_the_first_findings_of_spans_build_no_other(monkeypatch):
    text = "中文,中文" * 50
    document = Document(text, "a.txt")
    starts = [i for i, ch in enumerate(text) if ch == ","]
    built = []
    build = findings_module.build_findings
    monkeypatch.setattr(findings_module, "build_findings", lambda d, r, s, *rest: built.append(len(s)) or build(d, r, s, *rest))
    found = findings_in_batches(document, _Rule(), starts, [s + 1 for s in starts], ["m"] * len(starts))
    assert len(found) == 50 and built == []
    assert [f.column for f in found.first(3)] == [3, 8, 13] and built == [3]
