"""Broken rule files: each problem is one line naming the file (and the rule), exit 2, no traceback."""

import pytest

from conftest import wenlint
from linter.engine import lint_document, lint_text
from linter.document import Document
from linter.errors import RuleError
from linter.examples import load_verified_rules
from linter.saferegex import RegexTimeout, TimedPattern

GOOD_RULE = """\
  - id: punctuation.test-rule
    kind: pattern
    severity: warning
    message: "测试：{match}"
    patterns: ['测试']
    examples: {bad: ["这是测试。"], good: ["这是文本。"]}
"""

BROKEN = {
    "malformed-yaml": ("rules:\n  - id: [unclosed\n", "invalid YAML: line", None),
    "not-a-rule-list": ("rules: {id: x}\n", "expected a mapping with `rules`, a list of rules", None),
    "wrong-type-severity": (GOOD_RULE.replace("severity: warning", "severity: 3"), "severity: expected one of", "punctuation.test-rule"),
    "wrong-type-patterns": (GOOD_RULE.replace("patterns: ['测试']", "patterns: {a: 1}"), "patterns: expected a list", "punctuation.test-rule"),
    "unknown-field": (GOOD_RULE + "    colour: red\n", "colour: unknown field for kind 'pattern'", "punctuation.test-rule"),
    "duplicate-id": (GOOD_RULE + GOOD_RULE, "duplicate rule id", "punctuation.test-rule"),
    "invalid-regex": (GOOD_RULE.replace("patterns: ['测试']", "patterns: ['测(试']"), "patterns[0]: invalid regular expression", "punctuation.test-rule"),
    "duplicate-key": (GOOD_RULE.replace("    kind: pattern\n", "    kind: pattern\n    kind: pattern\n"), "duplicate key 'kind'", None),
    "bad-example": (GOOD_RULE.replace('bad: ["这是测试。"]', 'bad: ["这是文本。"]'), "bad example #1", "punctuation.test-rule"),
    "unknown-kind": (GOOD_RULE.replace("kind: pattern", "kind: nosuchkind"), "unknown kind 'nosuchkind'", "punctuation.test-rule"),
    "bad-id": (GOOD_RULE.replace("punctuation.test-rule", "Punct Test"), "expected `<category>.<name>`", "Punct Test"),
    "not-utf8": (None, "not valid UTF-8 at byte", None),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_rule_file_is_one_line_exit_2(tmp_path, case):
    content, expected, rule_id = BROKEN[case]
    rules = tmp_path / "rules"
    rules.mkdir()
    path = rules / f"{case}.yaml"
    if content is None:
        path.write_bytes(b"rules:\n  - id: \xff\xfe\n")
    else:
        path.write_text("rules:\n" + content if not content.startswith("rules:") else content, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("正文。", encoding="utf-8")
    proc = wenlint("check", str(doc), "--rules", str(rules), cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert lines[0].startswith(f"wenlint: error: rules/{case}.yaml")
    assert expected in lines[0]
    if rule_id:
        assert rule_id in lines[0]


CATASTROPHIC = r"(\p{Han}|\p{Han}\p{Han})+\d"


def slow_rule_file(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(
        f"""rules:
  - id: typo.slow-pattern
    kind: pattern
    severity: warning
    message: "慢：{{match}}"
    patterns: ['{CATASTROPHIC}']
    examples: {{bad: ["第1"], good: ["文本"]}}
""",
        encoding="utf-8",
    )
    return rules


def test_compiled_rule_patterns_carry_a_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("WENLINT_REGEX_TIMEOUT", "0.2")
    rule = load_verified_rules([slow_rule_file(tmp_path)])[0]
    assert isinstance(rule.config.patterns[0], TimedPattern)
    with pytest.raises(RegexTimeout):
        list(rule.config.patterns[0].finditer("中" * 60))


def test_catastrophic_regex_is_reported_per_file_and_the_run_goes_on(tmp_path, monkeypatch):
    """The slow rule is named with its file once per document it stopped on; other rules and files still report."""
    monkeypatch.setenv("WENLINT_REGEX_TIMEOUT", "0.3")
    rules = slow_rule_file(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "hostile.txt").write_text("中" * 60 + "\n\n他说：“今天开会。", encoding="utf-8")
    (tmp_path / "docs" / "fine.txt").write_text("第1件事情。\n", encoding="utf-8")
    env = dict(__import__("os").environ)
    proc = wenlint("check", "docs", "--rules", str(rules), "-q", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert errors == [
        "wenlint: error: docs/hostile.txt: rule typo.slow-pattern (rules/slow.yaml) stopped: "
        f"regular expression `{CATASTROPHIC}` ran longer than 0.3 s; simplify the pattern"
    ]
    assert "docs/hostile.txt:3:4: error [quotes.unclosed]" in proc.stdout
    assert "docs/fine.txt:1:1: warning [typo.slow-pattern] 慢：第1" in proc.stdout


def test_engine_drops_a_timed_out_rule_findings_and_keeps_the_rest(tmp_path, monkeypatch, default_rules):
    monkeypatch.setenv("WENLINT_REGEX_TIMEOUT", "0.2")
    slow = load_verified_rules([slow_rule_file(tmp_path)])
    quotes = [r for r in default_rules if r.category == "quotes"]
    result = lint_document(Document("第1。" + "中" * 60 + "\n\n他说：“今天开会。", "x.txt"), slow + quotes)
    assert [p.rule_id for p in result.problems] == ["typo.slow-pattern"]
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("quotes.unclosed", 3, 4)]
    # lint_text (tests, rule examples) never raises on a timeout either
    assert [f.rule for f in lint_text("中" * 60, slow)] == []


def test_rule_error_is_a_rule_error():
    with pytest.raises(RuleError):
        load_verified_rules(["/nonexistent/rules/dir"])
