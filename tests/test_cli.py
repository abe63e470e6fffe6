"""The command line as users run it: exit statuses, messages, formats."""

import json

from conftest import ROOT, wenlint

CLEAN = "他说：“今天开会。”\n"
DIRTY = "他说：“今天开会。\n"


def test_clean_file_exits_0(tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = wenlint("check", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 findings in 0 files; 1 file checked" in result.stdout


def test_findings_exit_1_with_location(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = wenlint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("a.txt:1:4: error [quotes.unclosed] “ 未闭合")
    assert "1 finding (1 error) in 1 file; 1 file checked" in result.stdout


def test_fail_on_threshold(tmp_path):
    (tmp_path / "a.txt").write_text("培训培训工作。\n", encoding="utf-8")  # a warning only
    assert wenlint("check", "a.txt", cwd=tmp_path).returncode == 1
    assert wenlint("check", "a.txt", "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert wenlint("check", "a.txt", "--fail-on", "never", cwd=tmp_path).returncode == 0


def test_missing_path_exits_2_with_one_line(tmp_path):
    result = wenlint("check", "nowhere.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "wenlint: error: nowhere.txt: no such file or directory\n"
    assert "Traceback" not in result.stderr


def test_a_report_or_baseline_that_cannot_be_written_exits_2_with_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    for option in ("-o", "--write-baseline"):
        result = wenlint("check", "a.txt", option, "missing/out.json", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr == "wenlint: error: missing/out.json: cannot write: No such file or directory\n"


def test_broken_rule_file_exits_2_with_one_line(tmp_path):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "quotes.yaml").write_text(
        "rules:\n  - id: quotes.mine\n    kind: pairs\n    severity: error\n    message: x\n    pairs: [x]\n"
        "    report: [unclosed]\n    examples: {bad: [a], good: [b]}\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = wenlint("check", "a.txt", "--rules", "my-rules", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "wenlint: error: my-rules/quotes.yaml: quotes.mine: pairs: expected a list of two-character strings\n"
    )


def test_unknown_selection_and_format_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    assert wenlint("check", "a.txt", "--select", "quotes.nope", cwd=tmp_path).returncode == 2
    result = wenlint("check", "a.txt", "--format", "yaml", cwd=tmp_path)
    assert result.returncode == 2 and "unknown format 'yaml'" in result.stderr


def test_unreadable_file_is_reported_and_others_checked(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("他说".encode("utf-8") + b"\xff\xfe")
    result = wenlint("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "b.txt: not valid UTF-8 at byte 6" in result.stderr
    assert "a.txt:1:4: error [quotes.unclosed]" in result.stdout


def test_select_and_ignore(tmp_path):
    (tmp_path / "a.txt").write_text("他说：“培训培训。\n", encoding="utf-8")
    only_quotes = wenlint("check", "a.txt", "--select", "quotes", "--format", "json", cwd=tmp_path)
    assert {f["rule"] for f in json.loads(only_quotes.stdout)["findings"]} == {"quotes.unclosed"}
    no_quotes = wenlint("check", "a.txt", "--ignore", "quotes,duplication.phrase", "--format", "json", cwd=tmp_path)
    assert {f["rule"] for f in json.loads(no_quotes.stdout)["findings"]} == {"duplication.word"}


def test_json_output_contract(tmp_path):
    (tmp_path / "a.txt").write_text("甲。\n该支部的“厚植“底色”提升”获评。\n", encoding="utf-8")
    data = json.loads(wenlint("check", "a.txt", "--format", "json", "--select", "quotes", cwd=tmp_path).stdout)
    (finding,) = data["findings"]
    assert {k: finding[k] for k in ("path", "line", "column", "end_line", "end_column", "rule", "category", "severity")} == {
        "path": "a.txt", "line": 2, "column": 5, "end_line": 2, "end_column": 15,
        "rule": "quotes.nested-same-level", "category": "quotes", "severity": "warning",
    }
    assert finding["fix"] == {"replacement": "“厚植‘底色’提升”", "safe": True, "line": 2, "column": 5, "end_line": 2, "end_column": 15}
    assert data["summary"]["findings"] == 1 and data["summary"]["files_checked"] == 1


def test_output_is_sorted_and_deterministic(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(DIRTY, encoding="utf-8")
    (tmp_path / "skip.csv").write_text(DIRTY, encoding="utf-8")
    out = wenlint("check", ".", "-q", cwd=tmp_path).stdout.splitlines()
    assert [line.split(":")[0] for line in out[:3]] == ["a.txt", "b.txt", "sub/c.md"]
    assert wenlint("check", ".", "-q", cwd=tmp_path).stdout.splitlines() == out


def test_rules_command_lists_default_pack():
    result = wenlint("rules")
    assert result.returncode == 0
    assert "quotes.unclosed" in result.stdout and "duplication.word" in result.stdout
    listed = json.loads(wenlint("rules", "--format", "json").stdout)
    assert all({"id", "kind", "severity", "description"} <= set(r) for r in listed)


def test_works_from_any_directory(tmp_path):
    result = wenlint("check", str(ROOT / "seeds"), "-q", cwd="/")
    assert result.returncode == 1
    assert "quotes.unclosed" in result.stdout


def test_no_color_when_piped(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert "\033[" not in wenlint("check", "a.txt", cwd=tmp_path).stdout
    assert "\033[" in wenlint("check", "a.txt", "--color", "always", cwd=tmp_path).stdout
    quiet = wenlint("check", "a.txt", "--color", "always", "--quiet", cwd=tmp_path).stdout
    assert quiet == "\033[1ma.txt:1:4:\033[0m \033[1;31merror\033[0m [quotes.unclosed] “ 未闭合：从这里到段落结束没有对应的 ”\n"


def test_a_missing_path_is_reported_and_the_other_files_still_checked(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = wenlint("check", "nowhere.txt", "a.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "wenlint: error: nowhere.txt: no such file or directory\n"
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["quotes.unclosed"]
    assert data["summary"]["unreadable"] == [{"path": "nowhere.txt", "message": "no such file or directory"}]
