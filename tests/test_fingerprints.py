"""Fingerprints identify a finding by what it is, not by its line number."""

from linter.engine import lint_text


def fingerprints(text, rules):
    return {(f.rule, f.text): f.fingerprint for f in lint_text(text, rules, "a.txt")}


def test_fingerprint_survives_lines_added_above(default_rules):
    body = "他说：“今天开会。\n\n培训培训工作要抓好。\n"
    before = fingerprints(body, default_rules)
    after = fingerprints("新加的一段。\n\n又一段。\n\n" + body, default_rules)
    assert before and before == after


def test_equal_defects_get_distinct_fingerprints(default_rules):
    findings = lint_text("培训培训工作。\n\n培训培训工作。\n", default_rules)
    prints = [f.fingerprint for f in findings if f.rule == "duplication.word"]
    assert len(prints) == 2 and len(set(prints)) == 2
