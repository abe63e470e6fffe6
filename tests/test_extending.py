"""docs/extending.md stays true: its pack loads, its example kind and format work as the page says,
and its table names every hook of the kind contract in linter/checks/api.py."""

import re
import sys
import types
from pathlib import Path

import pytest

from linter import checks
from linter.checks import api
from linter.engine import lint_text
from linter.examples import load_verified_rules
from linter.rules import default_rules_dir

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "extending.md").read_text(encoding="utf-8")


def block(marker: str | None, language: str) -> str:
    """The first fenced block of `language` after `<!-- marker -->` (after the page's start when None)."""
    start = PAGE.index(f"<!-- {marker} -->") if marker else 0
    return re.search(rf"```{language}\n(.*?)```", PAGE[start:], re.S).group(1)


def module_from_page(name: str, marker: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__package__ = name.rsplit(".", 1)[0]
    sys.modules[name] = module
    exec(compile(block(marker, "python"), f"docs/extending.md ({marker})", "exec"), module.__dict__)
    return module


@pytest.fixture
def sentence_length(monkeypatch):
    module = module_from_page("linter.checks.sentence_length", "example-kind")
    monkeypatch.setattr(checks, "_KINDS", {**checks.kinds(), module.KIND: module})
    yield module
    sys.modules.pop(module.__name__, None)


def test_the_pack_loads_with_its_category_settings_and_pinned_example(tmp_path):
    (tmp_path / "house.yaml").write_text(block(None, "yaml"), encoding="utf-8")
    (rule,) = load_verified_rules([tmp_path])
    assert (rule.id, rule.category, rule.fix_safe) == ("house.placeholder-name", "house", True)
    assert rule.options["exceptions"] == ["某某"]


def test_the_example_kind_loads_and_finds_what_its_rule_says(tmp_path, sentence_length):
    (tmp_path / "house.yaml").write_text(block(None, "yaml"), encoding="utf-8")
    (tmp_path / "length.yaml").write_text(block("example-kind-rule", "yaml"), encoding="utf-8")
    rules = load_verified_rules([default_rules_dir(), tmp_path])
    rule = next(r for r in rules if r.id == "house.long-sentence")
    (finding,) = lint_text("短句。" + "长" * 31 + "。", [rule])
    assert (finding.line, finding.column, finding.message) == (1, 4, "句子过长（31 字），请考虑拆分")
    assert len(block("example-kind", "python").splitlines()) <= 32


def test_the_example_format_writes_a_line_per_finding(default_rules):
    tsv = module_from_page("linter.report.tsv", "example-format")
    try:
        findings = lint_text("他说：“今天开会。", default_rules, "x.txt")
        result = types.SimpleNamespace(findings=findings, lines={})
        assert list(tsv.render_lines(result, None)) == [f"x.txt\t1\t4\tquotes.unclosed\t{findings[0].message}"]
    finally:
        sys.modules.pop("linter.report.tsv", None)


def test_the_hook_table_names_every_hook_of_the_contract():
    table = PAGE[PAGE.index("| hook |"): PAGE.index("Field types")]
    named = set(re.findall(r"`([A-Za-z_]+)", table))
    contract = {name for proto in (api.CheckKind, api.SetCheckKind) for name in vars(proto) if not name.startswith("_")}
    contract |= set(proto_annotation for proto in (api.CheckKind, api.SetCheckKind) for proto_annotation in proto.__annotations__)
    assert contract <= named
    source = Path(api.__file__).read_text(encoding="utf-8")
    assert all(name in source for name in named)
