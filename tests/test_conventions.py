"""What a ruff or eslint user reaches for: --output-format, --exit-zero, stdin, inline disable
comments in Markdown, `wenlint rule ID`, configuration discovery, .gitignore-aware walks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, wenlint
from linter.catalogue import cells

DIRTY = "他说：“今天开会。\n\n会议讨论了培训培训计划。\n"
CLEAN = "他说：“今天开会。”\n"
FULL_WIDTH = "今天开会，大家讨论了明年的计划。\n"
ASCII_COMMAS = "今天开会,大家讨论了明年的计划。\n"


def findings(proc) -> list[tuple]:
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(proc.stdout)["findings"]]


def from_stdin(data: bytes, *args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", "check", "-", "--no-cache", *args], cwd=cwd, input=data,
                          capture_output=True, timeout=300)


# --- options --------------------------------------------------------------------------------------

def test_output_format_is_the_same_option_as_format(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    long = wenlint("check", "a.txt", "--output-format", "json", "--no-cache", cwd=tmp_path)
    short = wenlint("check", "a.txt", "--format", "json", "--no-cache", cwd=tmp_path)
    assert findings(long) == findings(short) == [("a.txt", "quotes.unclosed", 1, 4), ("a.txt", "duplication.word", 3, 6)]


def test_exit_zero_reports_but_exits_0_and_still_2_on_errors(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = wenlint("check", "a.txt", "--exit-zero", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.startswith("a.txt:1:4: error [quotes.unclosed]")
    assert wenlint("check", "a.txt", "nowhere.txt", "--exit-zero", "--no-cache", cwd=tmp_path).returncode == 2


# --- stdin ------------------------------------------------------------------------------------------

def test_stdin_is_reported_under_the_stdin_filename(tmp_path):
    proc = from_stdin(DIRTY.encode(), "--stdin-filename", "articles/a.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["findings"]
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in found] == [
        ("articles/a.txt", "quotes.unclosed", 1, 4), ("articles/a.txt", "duplication.word", 3, 6)]


def test_stdin_text_report_quotes_the_line_and_defaults_to_dash(tmp_path):
    proc = from_stdin(DIRTY.encode(), cwd=tmp_path)
    out = proc.stdout.decode()
    assert out.startswith("-:1:4: error [quotes.unclosed]")
    assert "1 | 他说：“今天开会。" in out


def test_stdin_filename_brings_per_path_ignores_and_inline_comments(tmp_path):
    (tmp_path / "wenlint.yaml").write_text('per-path-ignores:\n  "interviews/**": [duplication]\n', encoding="utf-8")
    proc = from_stdin(DIRTY.encode(), "--stdin-filename", "interviews/x.txt", "--format", "json", cwd=tmp_path)
    assert findings(proc) == [("interviews/x.txt", "quotes.unclosed", 1, 4)]
    markdown = ("<!-- wenlint-disable-next-line quotes -->\n" + DIRTY).encode()
    proc = from_stdin(markdown, "--stdin-filename", "notes.md", "--format", "json", cwd=tmp_path)
    assert findings(proc) == [("notes.md", "duplication.word", 4, 6)]


def test_stdin_undecodable_and_misused_exit_2_with_one_line(tmp_path):
    proc = from_stdin(b"\xff\xfe\x00abc", "--stdin-filename", "x.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("wenlint: error: x.txt: binary file")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    for args in (["a.txt"], ["--write-baseline", "b.json"], ["--add-suppressions"]):
        proc = from_stdin(b"x", *args, cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1, proc.stderr
    proc = wenlint("check", "a.txt", "--stdin-filename", "b.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "needs `-`" in proc.stderr


def test_stdin_fix_writes_the_fixed_document_to_stdout_and_the_report_to_stderr(tmp_path):
    text = "他说：“今天开会,大家都来了。”\n会议讨论了培训培训计划。\n"
    proc = from_stdin(text.encode(), "--fix", "--stdin-filename", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1  # the doubled word is an unsafe fix: it remains
    assert proc.stdout.decode() == "他说：“今天开会，大家都来了。”\n会议讨论了培训培训计划。\n"
    report = proc.stderr.decode()
    assert report.startswith("a.txt:1:9: fixed [punctuation.ascii-in-chinese]")
    assert "fixed 1 finding in 1 file; remaining findings follow" in report
    assert "a.txt:2:6: warning [duplication.word]" in report
    clean = from_stdin(CLEAN.encode(), "--fix", cwd=tmp_path)
    assert (clean.returncode, clean.stdout.decode()) == (0, CLEAN)
    binary = from_stdin(b"\xff\xfe\x00abc", "--fix", cwd=tmp_path)  # an editor replaces its buffer with stdout
    assert (binary.returncode, binary.stdout) == (2, b"\xff\xfe\x00abc")
    assert binary.stderr.decode().splitlines() == [
        "wenlint: error: -: binary file (NUL byte at offset 2), not checked",
        "0 findings in 0 files; 0 files checked, 1 could not be read"]


def test_stdin_diff_prints_the_fixes(tmp_path):
    proc = from_stdin("他说：“今天开会,大家都来了。”\n".encode(), "--diff", "--stdin-filename", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[-2:] == ["-他说：“今天开会,大家都来了。”", "+他说：“今天开会，大家都来了。”"]
    assert proc.stderr.decode() == "wenlint: would fix 1 finding in 1 file\n"


# --- inline disable comments in Markdown -----------------------------------------------------------

MARKDOWN = """# 会议纪要

<!-- wenlint-disable-next-line quotes.unclosed -->
他说：“今天开会。

<!-- wenlint-disable-next-line duplication -->
会议讨论了培训培训计划。

<!-- wenlint-disable -->
他说：“明天开会。

会议讨论了学习学习计划。
<!-- wenlint-enable -->

他说：“后天开会。

会议讨论了工作工作计划。
"""


def test_markdown_disable_comments_silence_their_lines(tmp_path):
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    proc = wenlint("check", "a.md", "--format", "json", "--no-cache", cwd=tmp_path)
    assert findings(proc) == [("a.md", "quotes.unclosed", 15, 4), ("a.md", "duplication.word", 17, 6)]
    text = wenlint("check", "a.md", "--no-cache", cwd=tmp_path)
    assert "wenlint: 3 findings not shown (3 by inline comments)" in text.stderr


def test_markdown_disable_names_rules_and_categories(tmp_path):
    (tmp_path / "a.md").write_text(
        "<!-- wenlint-disable duplication, quotes.unclosed -->\n" + DIRTY + "<!-- wenlint-enable quotes.unclosed -->\n" + DIRTY,
        encoding="utf-8")
    proc = wenlint("check", "a.md", "--format", "json", "--no-cache", "--ignore", "duplication.sentence", cwd=tmp_path)
    assert findings(proc) == [("a.md", "quotes.unclosed", 6, 4)]


@pytest.mark.parametrize("comments, silenced, spoken", [
    (["disable", "enable layout.broken-paragraph"], ["layout.spliced-block", "quotes.unclosed"], ["layout.broken-paragraph"]),
    (["disable layout", "enable layout.broken-paragraph"], ["layout.spliced-block"], ["layout.broken-paragraph", "quotes.unclosed"]),
    (["disable layout.broken-paragraph", "enable"], [], ["layout.broken-paragraph"]),
    (["disable quotes", "disable", "enable quotes"], ["layout.broken-paragraph"], ["quotes.unclosed"]),
    (["enable"], [], ["quotes.unclosed"]),
])
def test_the_last_comment_that_covers_a_rule_sets_its_state(comments, silenced, spoken):
    from linter.inline import disabled_lines

    text = "".join(f"<!-- wenlint-{c} -->\n" for c in comments) + "他说：“今天开会。\n"
    test = disabled_lines(text)
    line = len(comments) + 1
    for rule in silenced:
        assert test(line, rule, rule.split(".")[0]), rule
    for rule in spoken:
        assert not test(line, rule, rule.split(".")[0]), rule


def test_plain_text_keeps_its_comments_as_text(tmp_path):
    (tmp_path / "a.txt").write_text("<!-- wenlint-disable-next-line quotes -->\n他说：“今天开会。\n", encoding="utf-8")
    assert findings(wenlint("check", "a.txt", "--format", "json", "--no-cache", cwd=tmp_path)) == [("a.txt", "quotes.unclosed", 2, 4)]


def test_one_hidden_finding_is_singular(tmp_path):
    (tmp_path / "a.md").write_text("<!-- wenlint-disable-next-line -->\n他说：“今天开会。\n", encoding="utf-8")
    proc = wenlint("check", "a.md", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == "wenlint: 1 finding not shown (1 by inline comments)\n"


# --- wenlint rule ID -----------------------------------------------------------------------------

def test_rule_explains_description_fix_safety_settings_and_examples():
    env = {**os.environ, "COLUMNS": "50"}
    proc = subprocess.run([sys.executable, "-m", "linter", "rule", "punctuation.doubled"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "punctuation.doubled"
    assert "severity: warning" in lines
    assert "fix:      safe: `--fix` applies it" in lines
    assert "settings:" in lines and "examples reported:" in lines and "examples not reported:" in lines
    assert all(cells(line) <= 50 for line in lines), [line for line in lines if cells(line) > 50]


def test_rule_for_an_unknown_id_exits_2():
    proc = wenlint("rule", "quotes.nope")
    assert proc.returncode == 2
    assert proc.stderr == "wenlint: error: unknown rule 'quotes.nope' (see `wenlint rules`)\n"


# --- configuration discovery ------------------------------------------------------------------------

@pytest.mark.parametrize("name", [".wenlint.yaml", "wenlint.yml", ".wenlint.yml"])
def test_other_configuration_names_are_found_upwards(tmp_path, name):
    (tmp_path / name).write_text("select: [quotes]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert findings(wenlint("check", "a.txt", "--format", "json", "--no-cache", cwd=tmp_path / "sub")) == [("a.txt", "quotes.unclosed", 1, 4)]


def test_pyproject_tool_wenlint_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.wenlint]\nselect = ["duplication"]\n\n'
                                             '[tool.wenlint.severity]\nduplication = "info"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = wenlint("check", "a.txt", "--format", "json", "--no-cache", cwd=tmp_path / "sub")
    assert proc.returncode == 0
    assert [(f["rule"], f["severity"]) for f in json.loads(proc.stdout)["findings"]] == [("duplication.word", "info")]


def test_a_pyproject_without_the_table_is_passed_over(tmp_path):
    (tmp_path / "wenlint.yaml").write_text("select: [quotes]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert findings(wenlint("check", "a.txt", "--format", "json", "--no-cache", cwd=tmp_path / "sub")) == [("a.txt", "quotes.unclosed", 1, 4)]


def test_wenlint_yaml_wins_over_pyproject_in_one_folder(tmp_path):
    (tmp_path / "wenlint.yaml").write_text("select: [quotes]\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.wenlint]\nselect = ["duplication"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert findings(wenlint("check", "a.txt", "--format", "json", "--no-cache", cwd=tmp_path)) == [("a.txt", "quotes.unclosed", 1, 4)]


@pytest.mark.parametrize("text, message", [
    ('[tool.wenlint]\nselect = "quotes\n', "pyproject.toml: invalid TOML: "),
    ('[tool.wenlint]\nfail-on = "sometimes"\n', "pyproject.toml: fail-on: expected one of error, warning, info, never"),
    ('[tool.wenlint]\ncolour = true\n', "pyproject.toml: colour: unknown key"),
])
def test_bad_pyproject_is_one_line_exit_2(tmp_path, text, message):
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    proc = wenlint("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("wenlint: error: " + message) and proc.stderr.count("\n") == 1, proc.stderr


def test_explicit_pyproject_without_the_table_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    proc = wenlint("check", "--config", "pyproject.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "wenlint: error: pyproject.toml: no [tool.wenlint] table\n"


# --- .gitignore -------------------------------------------------------------------------------------

@pytest.fixture
def ignoring_project(tmp_path):
    (tmp_path / ".git").mkdir()  # the repository root: .gitignore files are read from here down
    (tmp_path / ".gitignore").write_text("build/\nnode_modules/\n*.tmp.txt\n", encoding="utf-8")
    articles = tmp_path / "articles"
    for folder in ("build", "node_modules/pkg", "nested/old", "nested"):
        (articles / folder).mkdir(parents=True, exist_ok=True)
    for name in ("a.txt", "b.txt", "c.txt"):
        (articles / name).write_text(FULL_WIDTH, encoding="utf-8")
    for i in range(10):
        (articles / "build" / f"export{i}.txt").write_text(ASCII_COMMAS, encoding="utf-8")
    (articles / "node_modules" / "pkg" / "readme.md").write_text(ASCII_COMMAS, encoding="utf-8")
    (articles / "draft.tmp.txt").write_text(ASCII_COMMAS, encoding="utf-8")
    (articles / "nested" / ".gitignore").write_text("old/\n!keep.txt\n*.txt\n!kept.txt\n", encoding="utf-8")
    (articles / "nested" / "dropped.txt").write_text(ASCII_COMMAS, encoding="utf-8")
    (articles / "nested" / "kept.txt").write_text(ASCII_COMMAS, encoding="utf-8")
    (articles / "nested" / "old" / "x.txt").write_text(ASCII_COMMAS, encoding="utf-8")
    return tmp_path


def test_folder_walks_skip_what_gitignore_files_ignore(ignoring_project):
    proc = wenlint("check", "articles", "--select", "punctuation.ascii-in-chinese", "--format", "json", "--no-cache", cwd=ignoring_project)
    assert findings(proc) == [("articles/nested/kept.txt", "punctuation.ascii-in-chinese", 1, 5)]
    assert json.loads(proc.stdout)["summary"]["files_checked"] == 4


def test_gitignore_of_the_repository_root_applies_below_it(ignoring_project):
    proc = wenlint("check", ".", "--select", "punctuation.ascii-in-chinese", "--format", "json", "--no-cache",
                   cwd=ignoring_project / "articles")
    assert findings(proc) == [("nested/kept.txt", "punctuation.ascii-in-chinese", 1, 5)]


def test_ignored_files_do_not_change_the_set_convention(ignoring_project):
    args = ("check", "articles", "--select", "consistency.punctuation-width", "--format", "json", "--no-cache")
    assert findings(wenlint(*args, cwd=ignoring_project)) == [("articles/nested/kept.txt", "consistency.punctuation-width", 1, 5)]
    everything = findings(wenlint(*args, "--no-gitignore", cwd=ignoring_project))
    assert [(path, line, column) for path, _, line, column in everything] == [
        ("articles/a.txt", 1, 5), ("articles/b.txt", 1, 5), ("articles/c.txt", 1, 5)]


def test_no_gitignore_and_respect_gitignore_false_check_everything(ignoring_project):
    args = ("check", "articles", "--select", "punctuation.ascii-in-chinese", "--format", "json", "--no-cache")
    assert len(findings(wenlint(*args, "--no-gitignore", cwd=ignoring_project))) == 15
    (ignoring_project / "wenlint.yaml").write_text("respect-gitignore: false\n", encoding="utf-8")
    assert len(findings(wenlint(*args, cwd=ignoring_project))) == 15


def test_a_file_named_on_the_command_line_is_checked_even_if_ignored(ignoring_project):
    proc = wenlint("check", "articles/build/export0.txt", "--select", "punctuation", "--format", "json", "--no-cache", cwd=ignoring_project)
    assert findings(proc) == [("articles/build/export0.txt", "punctuation.ascii-in-chinese", 1, 5)]


def test_a_folder_named_on_the_command_line_is_walked_even_if_ignored(ignoring_project):
    (ignoring_project / "articles" / "build" / ".gitignore").write_text("export[1-9].txt\n", encoding="utf-8")
    proc = wenlint("check", "articles/build", "--select", "punctuation", "--format", "json", "--no-cache", cwd=ignoring_project)
    assert findings(proc) == [("articles/build/export0.txt", "punctuation.ascii-in-chinese", 1, 5)]


def test_a_gitignore_line_git_cannot_read_matches_nothing(ignoring_project):
    (ignoring_project / "articles" / "nested" / ".gitignore").write_text("!\nold\\\n*.txt\n!kept.txt\n", encoding="utf-8")
    proc = wenlint("check", "articles", "--select", "punctuation.ascii-in-chinese", "--format", "json", "--no-cache", cwd=ignoring_project)
    assert findings(proc) == [("articles/nested/kept.txt", "punctuation.ascii-in-chinese", 1, 5)]


# --- rules that ship off -----------------------------------------------------------------------------

OFF_RULE = """rules:
  - id: typo.house-style
    kind: pattern
    severity: warning
    enabled: false
    message: "本刊写作“登录”"
    description: House style writes 登录, not 登陆, for signing in.
    patterns: ['登陆(?=网站|系统|账号)']
    examples:
      bad: ["请登陆系统查看。"]
      good: ["请登录系统查看。"]
"""


def test_a_rule_that_ships_off_runs_only_when_selected(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "typo.yaml").write_text(OFF_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("请登陆系统查看。\n", encoding="utf-8")
    listed = wenlint("rules", "--rules", "house", cwd=tmp_path)
    assert any(line.split()[:3] == ["typo.house-style", "pattern", "off"] for line in listed.stdout.splitlines())
    base = ("check", "a.txt", "--rules", "house", "--format", "json", "--no-cache")
    assert findings(wenlint(*base, cwd=tmp_path)) == []
    for selected in ("typo.house-style", "typo"):
        assert findings(wenlint(*base, "--select", selected, cwd=tmp_path)) == [("a.txt", "typo.house-style", 1, 2)]


def test_a_class_of_characters_is_counted_as_its_matches_are(rules_by_id):
    """[“‘] and [，；：？！] are counted with str.count; the count, the first span and the marks met are the walk's."""
    import random
    import re

    from linter.checks import convention

    def walked(pattern, text, pairs):
        matches = list(pattern.finditer(text))
        marks = "".join(dict.fromkeys(m.group() for m in matches if pairs and m.group() in pairs))
        return len(matches), matches[0].span() if matches else None, marks

    rng = random.Random(21)
    quote_style = rules_by_id["consistency.quote-style"].config
    for _ in range(2000):
        text = "".join(rng.choice("“”‘’「」『』，,甲\n") for _ in range(rng.randint(0, 12)))
        for _, pattern in quote_style.styles:
            assert convention._class_of_characters(pattern) is not None
            assert convention._pattern_use(pattern, text, quote_style.pairs) == walked(pattern, text, quote_style.pairs)
    assert convention._class_of_characters(re.compile("[,;](?=甲)")) is None
