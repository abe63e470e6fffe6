"""Broken rule files stop the run with one line naming the file, the rule and the field."""

import textwrap

import pytest

from linter.errors import RuleError
from linter.examples import load_verified_rules

GOOD_RULE = """
  - id: quotes.demo
    kind: pairs
    severity: error
    message: "{open} 未闭合"
    pairs: ["“”"]
    report: [unclosed]
    examples:
      bad: ["他说：“走"]
      good: ["他说：“走”"]
"""


def write_rules(tmp_path, body: str):
    (tmp_path / "demo.yaml").write_text("rules:\n" + textwrap.dedent(body), encoding="utf-8")
    return tmp_path


def error_of(tmp_path, body: str) -> str:
    with pytest.raises(RuleError) as info:
        load_verified_rules([write_rules(tmp_path, body)])
    return str(info.value)


def test_valid_rule_loads(tmp_path):
    rules = load_verified_rules([write_rules(tmp_path, GOOD_RULE)])
    assert [r.id for r in rules] == ["quotes.demo"]


@pytest.mark.parametrize(
    "change,expected",
    [
        (('pairs: ["“”"]', "pairs: [“”, x]"), "demo.yaml: quotes.demo: pairs: expected a list of two-character strings"),
        (("kind: pairs", "kind: nonsense"), "demo.yaml: quotes.demo: kind: unknown kind 'nonsense'"),
        (("severity: error", "severity: fatal"), "demo.yaml: quotes.demo: severity: expected one of error, warning, info"),
        (("id: quotes.demo", "id: sloppy.demo"), "demo.yaml: sloppy.demo: id: unknown category 'sloppy'"),
        (("id: quotes.demo", "id: QuotesDemo"), "demo.yaml: QuotesDemo: id: expected `<category>.<name>`"),
        (("report: [unclosed]", "report: [unclosed]\n    colour: red"), "demo.yaml: quotes.demo: colour: unknown field for kind 'pairs'"),
        (('bad: ["他说：“走"]', 'bad: ["他说：“走”"]'), "demo.yaml: quotes.demo: examples.bad: bad example #1"),
        (('good: ["他说：“走”"]', 'good: ["他说：“走"]'), "demo.yaml: quotes.demo: examples.good: good example #1"),
        (('message: "{open} 未闭合"', 'message: "{nothing} 未闭合"'), "demo.yaml: quotes.demo: message: placeholder {nothing}"),
        (("report: [unclosed]", "report: [sideways]"), "demo.yaml: quotes.demo: report: unknown value 'sideways'"),
    ],
)
def test_broken_rule_is_named(tmp_path, change, expected):
    old, new = change
    assert old in GOOD_RULE
    assert expected in error_of(tmp_path, GOOD_RULE.replace(old, new))


def test_invalid_regex_is_named(tmp_path):
    body = """
      - id: garbled.demo
        kind: pattern
        severity: error
        message: "坏字符"
        patterns: ['(\\p{Han}']
        examples: {bad: ["x"], good: ["y"]}
    """
    message = error_of(tmp_path, body)
    assert "demo.yaml: garbled.demo: patterns[0]: invalid regular expression" in message
    assert "missing )" in message


def test_duplicate_id_is_named(tmp_path):
    message = error_of(tmp_path, GOOD_RULE + GOOD_RULE)
    assert "quotes.demo: id: duplicate rule id" in message


def test_duplicate_key_and_bad_yaml(tmp_path):
    assert "duplicate key 'severity'" in error_of(tmp_path, GOOD_RULE.replace("severity: error", "severity: error\n    severity: info"))
    (tmp_path / "demo.yaml").write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_verified_rules([tmp_path])
    assert "demo.yaml: invalid YAML: line" in str(info.value)


def test_top_level_must_be_rules_list(tmp_path):
    (tmp_path / "demo.yaml").write_text("- id: x\n", encoding="utf-8")
    with pytest.raises(RuleError, match="expected a mapping with `rules`, a list of rules"):
        load_verified_rules([tmp_path])


HOUSE_PACK = """\
category: house
description: our house style
settings:
  pattern:
    exceptions: ['某某']
rules:
  - id: house.style
    kind: pattern
    severity: info
    message: "本社写作“{match}”"
    patterns: ['某[甲乙]']
    examples:
      bad: [{text: "由某甲负责。", at: "1:2"}]
      good: ["由某某负责。"]
  - id: house.no-exceptions
    kind: pattern
    severity: info
    message: "本社写作“{match}”"
    patterns: ['某某']
    exceptions: []
    examples:
      bad: ["由某某负责。"]
      good: ["由他负责。"]
"""


def test_a_user_pack_declares_its_own_category(tmp_path):
    (tmp_path / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    rules = load_verified_rules([tmp_path])
    assert [(r.id, r.category) for r in rules] == [("house.style", "house"), ("house.no-exceptions", "house")]


def test_rules_inherit_the_settings_of_their_kind_unless_they_set_them(tmp_path):
    (tmp_path / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    style, plain = load_verified_rules([tmp_path])
    assert style.options == {"exceptions": ["某某"], "patterns": ["某[甲乙]"]}
    assert plain.options["exceptions"] == []


def test_a_category_no_pack_declares_is_refused_and_the_default_ones_are_known_without_their_packs(tmp_path):
    pack = HOUSE_PACK.replace("category: house\ndescription: our house style\n", "")
    assert "unknown category 'house'" in write_and_fail(tmp_path, pack)
    (tmp_path / "house.yaml").write_text(pack.replace("house.", "typo."), encoding="utf-8")
    assert {r.category for r in load_verified_rules([tmp_path])} == {"typo"}


@pytest.mark.parametrize(
    "change,expected",
    [
        (("  pattern:\n", "  nonsense:\n"), "house.yaml: settings: unknown kind 'nonsense'"),
        (("    exceptions: ['某某']\n", "    colour: red\n"), "house.yaml: settings.pattern.colour: unknown field for kind 'pattern'"),
        (("category: house\n", "category: House Style\n"), "house.yaml: category: expected one lower-case word"),
        (("description: our house style\n", ""), "house.yaml: description: expected one line"),
        (('at: "1:2"', 'at: "1:3"'), "house.style: examples.bad: bad example #1 '由某甲负责。' produces findings at 1:2, not at 1:3"),
        (('at: "1:2"', 'at: "row 1"'), "house.style: examples.bad: at: expected line:column"),
        (('at: "1:2"', 'fixed: "由某某负责。"'), "house.style: examples.bad: bad example #1 '由某甲负责。' is fixed to '由某甲负责。'"),
    ],
)
def test_broken_pack_is_named(tmp_path, change, expected):
    old, new = change
    assert old in HOUSE_PACK
    assert expected in write_and_fail(tmp_path, HOUSE_PACK.replace(old, new))


def write_and_fail(tmp_path, text: str) -> str:
    (tmp_path / "house.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_verified_rules([tmp_path])
    return str(info.value)


def test_a_rule_that_says_nothing_about_fix_is_unsafe(tmp_path):
    body = GOOD_RULE.replace("kind: pairs", "kind: pattern").replace('pairs: ["“”"]\n    report: [unclosed]\n', "patterns: ['“走$']\n    replace: '“走”'\n")
    body = body.replace('"{open} 未闭合"', '"未闭合"')
    (rule,) = load_verified_rules([write_rules(tmp_path, body)])
    assert rule.fix_safe is False
