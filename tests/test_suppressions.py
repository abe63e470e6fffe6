"""Suppressions for plain-text articles: a sidecar file, by fingerprint or by line."""

from __future__ import annotations

import json

import yaml

from conftest import wenlint

TEXT = "他说：“今天开会。\n\n会议讨论了培训培训计划。\n"


def findings(proc):
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(proc.stdout)["findings"]]


def test_add_suppressions_silences_current_findings_only(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    added = wenlint("check", "a.txt", "--add-suppressions", cwd=tmp_path)
    assert added.returncode == 0
    assert added.stderr == "wenlint: added 2 suppressions to wenlint-suppressions.yaml\n"
    entries = yaml.safe_load((tmp_path / "wenlint-suppressions.yaml").read_text(encoding="utf-8"))["suppressions"]
    assert [(e["rule"], e["path"], e["line"]) for e in entries] == [("quotes.unclosed", "a.txt", 1), ("duplication.word", "a.txt", 3)]
    assert wenlint("check", "a.txt", cwd=tmp_path).returncode == 0

    article.write_text("前言。\n\n" + TEXT + "\n又一个的的错误。\n", encoding="utf-8")
    proc = wenlint("check", "a.txt", "--format", "json", cwd=tmp_path)
    assert findings(proc) == [("duplication.char", 7, 4)]
    again = wenlint("check", "a.txt", "--add-suppressions", cwd=tmp_path)
    assert again.stderr == "wenlint: added 1 suppression to wenlint-suppressions.yaml\n"
    assert wenlint("check", "a.txt", cwd=tmp_path).returncode == 0


def test_line_suppression_and_category(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "wenlint.yaml").write_text("suppressions: allow.yaml\n", encoding="utf-8")
    (tmp_path / "allow.yaml").write_text(
        "suppressions:\n  - {rule: duplication, path: sub/a.txt, line: 3, reason: 原文如此}\n", encoding="utf-8"
    )
    proc = wenlint("check", "a.txt", "--format", "json", cwd=tmp_path / "sub")
    assert findings(proc) == [("quotes.unclosed", 1, 4)]


def test_bad_suppression_entry_is_one_line_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "wenlint-suppressions.yaml").write_text("suppressions:\n  - {rule: quotes, path: a.txt, col: 3}\n", encoding="utf-8")
    proc = wenlint("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("wenlint: error: ")
    assert "suppressions[0]: col: unknown key" in proc.stderr and proc.stderr.count("\n") == 1
    (tmp_path / "wenlint-suppressions.yaml").write_text("suppressions:\n  - {rule: quotes, path: a.txt}\n", encoding="utf-8")
    assert "expected `fingerprint` or `line`" in wenlint("check", "a.txt", cwd=tmp_path).stderr


def test_an_entry_naming_a_missing_file_is_one_line_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text("他说：“今天开会。”\n", encoding="utf-8")
    (tmp_path / "wenlint-suppressions.yaml").write_text(
        "suppressions:\n  - {rule: quotes, path: a.txt, line: 1}\n  - {rule: quotes, path: renamed.txt, line: 1}\n", encoding="utf-8")
    proc = wenlint("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == ("wenlint: error: wenlint-suppressions.yaml: suppressions[1]: path: renamed.txt: "
                           "no such file (paths are relative to the suppressions file's folder)\n")
