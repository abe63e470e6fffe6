"""wenlint.yaml: discovered upward, validated strictly, overridden by the command line."""

from __future__ import annotations

import json

import pytest

from conftest import wenlint
from linter.globs import compile_globs

DIRTY = "他说：“今天开会。\n\n会议讨论了培训培训计划。\n"
CLEAN = "他说：“今天开会。”\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "articles" / "drafts").mkdir(parents=True)
    (tmp_path / "articles" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "articles" / "b.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "articles" / "drafts" / "c.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.txt").write_text(DIRTY, encoding="utf-8")
    return tmp_path


def configure(root, text: str) -> None:
    (root / "wenlint.yaml").write_text(text, encoding="utf-8")


def found(proc) -> list[tuple]:
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["path"], f["rule"], f["line"], f["column"], f["severity"]) for f in json.loads(proc.stdout)["findings"]]


def test_documents_and_exclude_define_what_is_checked(project):
    configure(project, "documents: [articles]\nexclude: [drafts]\n")
    assert found(wenlint("check", "--format", "json", cwd=project)) == [
        ("articles/a.txt", "quotes.unclosed", 1, 4, "error"),
        ("articles/a.txt", "duplication.word", 3, 6, "warning"),
    ]


def test_configuration_is_found_from_a_subfolder(project):
    configure(project, "documents: [articles]\nexclude: ['articles/drafts/**']\nselect: [quotes]\n")
    assert found(wenlint("check", "--format", "json", cwd=project / "notes")) == [
        ("../articles/a.txt", "quotes.unclosed", 1, 4, "error"),
    ]


def test_exclude_applies_to_files_named_on_the_command_line(project):
    configure(project, "exclude: ['**/drafts/*.txt']\n")
    assert found(wenlint("check", "articles/drafts/c.txt", "articles/b.txt", "--format", "json", cwd=project)) == []


def test_select_ignore_severity_and_fail_on(project):
    configure(project, "select: [quotes, duplication]\nignore: [duplication.word]\nseverity: {quotes: warning}\nfail-on: error\n")
    proc = wenlint("check", "articles/a.txt", "--format", "json", cwd=project)
    assert found(proc) == [("articles/a.txt", "quotes.unclosed", 1, 4, "warning")]
    assert proc.returncode == 0


def test_command_line_replaces_configured_values(project):
    configure(project, "ignore: [duplication]\nfail-on: never\n")
    proc = wenlint("check", "articles/a.txt", "--ignore", "quotes", "--fail-on", "warning", "--format", "json", cwd=project)
    assert found(proc) == [("articles/a.txt", "duplication.word", 3, 6, "warning")]
    assert proc.returncode == 1


def test_per_path_ignores(project):
    configure(project, "per-path-ignores:\n  'notes/*.txt': [quotes, duplication.word]\n  'articles/drafts': duplication\n")
    assert found(wenlint("check", ".", "--format", "json", cwd=project)) == [
        ("articles/a.txt", "quotes.unclosed", 1, 4, "error"),
        ("articles/a.txt", "duplication.word", 3, 6, "warning"),
        ("articles/drafts/c.txt", "quotes.unclosed", 1, 4, "error"),
    ]


def test_severity_override_shows_in_sarif_rule_metadata(project):
    configure(project, "severity: {quotes.unclosed: info}\n")
    log = json.loads(wenlint("check", "articles/a.txt", "--format", "sarif", cwd=project).stdout)
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "quotes.unclosed")
    assert rule["defaultConfiguration"]["level"] == "note"


def test_extra_rule_directory_relative_to_the_configuration(project):
    (project / "house").mkdir()
    (project / "house" / "house.yaml").write_text(
        "rules:\n  - id: typo.house-style\n    kind: pattern\n    severity: info\n    message: 用“开会”\n"
        "    patterns: ['讨论']\n    examples: {bad: ['讨论'], good: ['开会']}\n",
        encoding="utf-8",
    )
    configure(project, "rules: [house]\nselect: [typo.house-style]\n")
    assert found(wenlint("check", "a.txt", "--format", "json", cwd=project / "articles")) == [
        ("a.txt", "typo.house-style", 3, 3, "info"),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("colour: red\n", "wenlint.yaml: colour: unknown key (known keys: documents,"),
        ("fail-on: sometimes\n", "wenlint.yaml: fail-on: expected one of error, warning, info, never"),
        ("severity: {quotes.unclosed: loud}\n", "wenlint.yaml: severity.quotes.unclosed: expected one of error, warning, info"),
        ("select: [qoutes]\n", "wenlint.yaml: select: unknown rule or category 'qoutes'"),
        ("per-path-ignores: {'a/*': [nope.rule]}\n", "wenlint.yaml: per-path-ignores.a/*: unknown rule or category 'nope.rule'"),
        ("exclude: 3\n", "wenlint.yaml: exclude: expected a list of non-empty strings"),
        ("documents: [\n", "wenlint.yaml: invalid YAML"),
        ("- a\n- b\n", "wenlint.yaml: expected a mapping of settings"),
        ("rules: [house-rules]\n", "wenlint.yaml: rules: rule directory house-rules not found"),
        ("baseline: old.json\n", "wenlint.yaml: baseline: old.json not found (create it with --write-baseline)"),
    ],
)
def test_bad_configuration_is_one_line_exit_2(project, text, message):
    configure(project, text)
    proc = wenlint("check", "articles", cwd=project)
    assert proc.returncode == 2
    assert proc.stderr.startswith("wenlint: error: " + message)
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_explicit_and_disabled_configuration(project):
    configure(project, "colour: red\n")
    assert wenlint("check", "articles/b.txt", "--no-config", cwd=project).returncode == 0
    (project / "other.yaml").write_text("select: [duplication]\n", encoding="utf-8")
    proc = wenlint("check", "articles/a.txt", "--config", "other.yaml", "--format", "json", cwd=project)
    assert found(proc) == [("articles/a.txt", "duplication.word", 3, 6, "warning")]
    missing = wenlint("check", "articles", "--config", "nope.yaml", cwd=project)
    assert missing.returncode == 2 and missing.stderr == "wenlint: error: nope.yaml: configuration file not found\n"


def test_rule_scope_splits_document_and_set_rules(project):
    proc = wenlint("check", "articles/a.txt", "--rule-scope", "set", "--format", "json", cwd=project)
    assert found(proc) == []
    assert len(found(wenlint("check", "articles/a.txt", "--rule-scope", "document", "--format", "json", cwd=project))) == 2


@pytest.mark.parametrize(
    "glob, path, expected",
    [
        ("drafts", "articles/drafts/c.txt", True),
        ("drafts", "drafts.txt", False),
        ("*.md", "a/b/README.md", True),
        ("articles/*.txt", "articles/a.txt", True),
        ("articles/*.txt", "articles/drafts/c.txt", False),
        ("articles/**/*.txt", "articles/drafts/c.txt", True),
        ("articles/**/*.txt", "articles/a.txt", True),
        ("**/c.txt", "articles/drafts/c.txt", True),
        ("a?.txt", "ab.txt", True),
        ("[!a]*.txt", "ab.txt", False),
        ("notes/", "notes/n.txt", True),
    ],
)
def test_globs(glob, path, expected):
    assert compile_globs([glob])(path) is expected
