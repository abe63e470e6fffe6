"""Verified rule sets: a run over the same rule files reads them from the per-user folder,
compiles a rule only when it runs, and reports exactly what a freshly loaded rule set does."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
import textwrap

import pytest

from linter.app import load_rule_set
from linter.config import apply_severities
from linter.engine import lint_texts
from linter.errors import RuleError
from linter.rules import UNCOMPILED, default_rules_dir, read_rule_files, rules_from_files
from linter.verified_rules import keep_verified_rule_set, verified_rule_set
from linter.saferegex import TimedPattern

from conftest import SEEDS

USER_RULE = """\
rules:
  - id: typo.demo
    kind: pattern
    severity: warning
    message: "多余的“{match}”"
    patterns: ["的的+"]
    examples:
      bad: ["我的的书"]
      good: ["我的书"]
"""

INVENTED = [
    "他说：“走吧。\n\n第1章 引言\n这是是一个例子，，数字为1 000元与１２３。",
    "乾隆年间，這個文件和这个文件混用繁简。Ｈｅｌｌｏ　ｗｏｒｌｄ！\n\n（一）第一项\n（三）第三项",
    "湖源治理 治理湖源。鈥滄垜鈥 ä¸­æ–‡ 我我我们们。\n周新革介\n绍了情况。",
    "",
]


@pytest.fixture
def user_rules(tmp_path):
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / "demo.yaml").write_text(USER_RULE, encoding="utf-8")
    return folder


def kept_and_loaded(directories):
    files = read_rule_files(directories)
    eager = rules_from_files(files)
    keep_verified_rule_set(files, eager)
    return eager, verified_rule_set(read_rule_files(directories))


def test_kept_rules_equal_the_loaded_ones_and_report_the_same(user_folder, user_rules):
    eager, lazy = kept_and_loaded([default_rules_dir(), user_rules])
    assert all(rule.__dict__["_config"] is UNCOMPILED for rule in lazy)
    plain = ["id", "kind", "severity", "message", "description", "examples_bad", "examples_good", "options", "source",
             "fix_safe", "enabled", "set_level", "from_default_pack"]
    assert [[getattr(r, name) for name in plain] for r in lazy] == [[getattr(r, name) for name in plain] for r in eager]
    texts = INVENTED + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:3]]
    for text in texts:
        assert lint_texts([text], lazy) == lint_texts([text], eager)
    assert lint_texts(texts, lazy) == lint_texts(texts, eager)


def test_lazily_compiled_patterns_keep_the_trust_of_their_file(user_folder, user_rules):
    _, lazy = kept_and_loaded([default_rules_dir(), user_rules])
    demo = next(r for r in lazy if r.id == "typo.demo")
    assert not demo.from_default_pack
    assert all(isinstance(p, TimedPattern) for p in demo.config.patterns)
    assert all(r.from_default_pack for r in lazy if r.id != "typo.demo")


def test_changed_moved_or_broken_rule_file_is_loaded_and_verified_again(user_folder, user_rules, tmp_path):
    kept_and_loaded([user_rules])
    path = user_rules / "demo.yaml"
    path.write_text(USER_RULE.replace("的的+", "的的{2,}"), encoding="utf-8")
    assert verified_rule_set(read_rule_files([user_rules])) is None
    path.write_text(USER_RULE.replace("的的+", "的的("), encoding="utf-8")
    with pytest.raises(RuleError, match="patterns"):
        load_rule_set((str(user_rules),), no_default=True)
    path.write_text(USER_RULE.replace('bad: ["我的的书"]', 'bad: ["我的书"]'), encoding="utf-8")
    with pytest.raises(RuleError, match="bad example #1"):
        load_rule_set((str(user_rules),), no_default=True)
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (moved / "demo.yaml").write_text(USER_RULE, encoding="utf-8")
    assert verified_rule_set(read_rule_files([moved])) is None


def test_other_wenlint_code_or_damaged_snapshot_is_a_miss(user_folder, user_rules, monkeypatch):
    kept_and_loaded([user_rules])
    files = read_rule_files([user_rules])
    assert verified_rule_set(files) is not None
    for snapshot in user_folder.iterdir():
        snapshot.write_bytes(snapshot.read_bytes()[:-3])
    assert verified_rule_set(files) is None
    kept_and_loaded([user_rules])
    monkeypatch.setattr("linter.store.code_digest", lambda: "another wenlint")
    assert verified_rule_set(files) is None


def test_load_rule_set_keeps_then_reads_the_verified_set(user_folder, user_rules):
    first = load_rule_set((str(user_rules),), no_default=False)
    assert all(rule.__dict__["_config"] is not UNCOMPILED for rule in first)
    second = load_rule_set((str(user_rules),), no_default=False)
    assert [r.id for r in second] == [r.id for r in first]
    assert all(rule.__dict__["_config"] is UNCOMPILED for rule in second)


def test_copies_and_pickles_leave_the_config_uncompiled(user_folder, user_rules):
    _, lazy = kept_and_loaded([user_rules])
    (rule,) = lazy
    (changed,) = apply_severities([rule], {"typo": "error"})
    assert changed.severity == "error" and rule.severity == "warning"
    for other in (changed, copy.copy(rule), pickle.loads(pickle.dumps(rule))):
        assert other.__dict__["_config"] is UNCOMPILED
        assert lint_texts(["我的的书"], [other])[0].message == "多余的“的的”"
    assert rule.__dict__["_config"] is UNCOMPILED


def test_a_run_over_a_verified_rule_set_imports_no_check_and_reads_no_yaml(tmp_path):
    code = textwrap.dedent("""
        import sys
        from linter.app import load_rule_set
        rules = load_rule_set((), False)
        rules[0].set_level
        print(sorted(m for m in sys.modules if m.startswith("linter.checks.") and m != "linter.checks.api" or m == "yaml"))
    """)
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PATH": "/usr/bin:/bin"}

    def modules() -> str:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.strip()

    assert "linter.checks.pattern" in modules()
    assert modules() == "[]"


def test_a_run_over_a_verified_rule_set_imports_no_example_runner(tmp_path):
    code = textwrap.dedent("""
        import sys
        import linter.cli
        from linter.app import load_rule_set
        load_rule_set((), False)
        print(sorted(m for m in ("linter.examples", "linter.fix") if m in sys.modules))
    """)
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PATH": "/usr/bin:/bin"}

    def modules() -> str:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.strip()

    assert modules() == "['linter.examples', 'linter.fix']"  # the first run verifies the examples
    assert modules() == "[]"
