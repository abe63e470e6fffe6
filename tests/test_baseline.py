"""Baselines: record today's findings, report only new ones, even after the text moves."""

from __future__ import annotations

import json
import shutil

FOUNDATION = ("--select", "quotes,duplication")  # the counts below are of these rules

from conftest import SEEDS, wenlint


def copy_seeds(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "seeds"


def findings(proc):
    return [(f["rule"], f["path"], f["line"], f["column"]) for f in json.loads(proc.stdout)["findings"]]


def test_seeds_with_their_own_baseline_report_nothing(tmp_path):
    copy_seeds(tmp_path)
    written = wenlint("check", "seeds/", *FOUNDATION, "--write-baseline", "baseline.json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "wrote 9 findings" in written.stderr
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert len(recorded["findings"]) == 9
    proc = wenlint("check", "seeds/", *FOUNDATION, "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    assert findings(proc) == []
    text = wenlint("check", "seeds/", *FOUNDATION, "--baseline", "baseline.json", cwd=tmp_path)
    assert "9 findings not shown (9 by the baseline)" in text.stderr


def test_only_the_new_defect_is_reported_after_paragraphs_move(tmp_path):
    seeds = copy_seeds(tmp_path)
    wenlint("check", "seeds/", *FOUNDATION, "--write-baseline", "baseline.json", cwd=tmp_path)
    article = seeds / "001_a693e1c6a20bb357.txt"
    lines = article.read_text(encoding="utf-8").split("\n")
    inserted = ["新增的第一段，内容完整。", "", "新增的第二段，内容也完整。", ""]
    lines[1:1] = inserted
    new_line = next(n for n in range(30, len(lines)) if lines[n - 1].strip() and "“" not in lines[n - 1])
    lines[new_line - 1] = lines[new_line - 1] + "他强调：“要把工作做实。"
    article.write_text("\n".join(lines), encoding="utf-8")
    other = seeds / "004_a6d7a54a70ca9500.txt"
    other.write_text("编者按：本文有删节。\n\n" + other.read_text(encoding="utf-8"), encoding="utf-8")

    proc = wenlint("check", "seeds/", *FOUNDATION, "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    column = len(lines[new_line - 1]) - len("“要把工作做实。")
    assert findings(proc) == [("quotes.unclosed", "seeds/001_a693e1c6a20bb357.txt", new_line, column + 1)]
    assert proc.returncode == 1
    everything = wenlint("check", "seeds/", *FOUNDATION, "--format", "json", cwd=tmp_path)
    assert len(findings(everything)) == 10
    moved = [f for f in findings(everything) if f[1].endswith("004_a6d7a54a70ca9500.txt")]
    assert [f[2] for f in moved] == [3, 8]


def test_a_bad_baseline_is_one_line_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    (tmp_path / "b.json").write_text("[1, 2]", encoding="utf-8")
    proc = wenlint("check", "a.txt", "--baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "wenlint: error: b.json: not a wenlint baseline (expected {\"format\": \"wenlint-baseline\", \"findings\": [...]})\n"
    missing = wenlint("check", "a.txt", "--baseline", "none.json", cwd=tmp_path)
    assert missing.returncode == 2 and "none.json: baseline file not found" in missing.stderr


def test_fingerprint_survives_a_paragraph_inserted_right_above(lint):
    before = lint("“要把工作做实。\n\n结尾。\n", "quotes.unclosed")
    after = lint("新增一段。\n\n“要把工作做实。\n\n结尾。\n", "quotes.unclosed")
    crlf = lint("新增一段。\r\n\r\n“要把工作做实。\r\n", "quotes.unclosed")
    assert [(f.line, f.column) for f in before + after] == [(1, 1), (3, 1)]
    assert before[0].fingerprint == after[0].fingerprint == crlf[0].fingerprint


def test_equal_defects_in_one_file_keep_distinct_fingerprints(lint):
    found = lint("培训培训。\n\n培训培训。\n", "duplication.word")
    assert len(found) == 2 and found[0].fingerprint != found[1].fingerprint


def test_a_baseline_reads_the_same_without_its_fields_for_people(tmp_path):
    """Only the fields read_baseline looks at are kept while parsing; what it accepts, rejects and returns is unchanged."""
    import json

    from linter.baseline import BaselineError, read_baseline

    def plain(data) -> set[str] | str:
        if not isinstance(data, dict) or data.get("format") != "wenlint-baseline" or not isinstance(data.get("findings"), list):
            return "not a baseline"
        if data.get("version") != 1:
            return "version"
        if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in data["findings"]):
            return "entry"
        return {e["fingerprint"] for e in data["findings"]}

    entries = [{"fingerprint": "a1", "rule": "x", "path": "p", "line": 3, "text": "文"}, {"fingerprint": "b2", "extra": {"fingerprint": 5}},
               {"rule": "no fingerprint"}, {"fingerprint": 7}, "text", {"fingerprint": "c3", "fingerprint ": "d"}]
    cases = [{"format": "wenlint-baseline", "version": 1, "findings": entries[:2]},
             {"format": "wenlint-baseline", "version": 1, "findings": entries[:3]},
             {"format": "wenlint-baseline", "version": 1, "findings": [entries[3]]},
             {"format": "wenlint-baseline", "version": 1, "findings": [entries[4], entries[0]]},
             {"format": "wenlint-baseline", "version": 1, "findings": [entries[5]], "note": {"format": 1}},
             {"format": "wenlint-baseline", "version": 2, "findings": []}, {"format": "other", "findings": []}, [1]]
    for i, data in enumerate(cases):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        expected = plain(data)
        try:
            assert read_baseline(str(path)) == expected, data
        except BaselineError as exc:
            assert isinstance(expected, str), (data, exc)
            assert {"not a baseline": "not a wenlint baseline", "version": "version", "entry": "findings["}[expected] in str(exc)
