"""--fix, --unsafe-fixes and --diff: non-overlapping, idempotent, encoding-preserving, atomic."""

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS, wenlint
from linter.catalogue import fix_label
from linter.document import Document
from linter.engine import lint_text
from linter.examples import example_documents
from linter.fix import FixOptions, apply_fixes, fix_document, fix_file, select_fixes, unified_diff
from linter.rules import default_rules_dir, load_rules

RULES = load_rules([default_rules_dir()])
FIXABLE = [r for r in RULES if fix_label(r) and not r.set_level]
SAFE, UNSAFE = FixOptions(), FixOptions(unsafe=True)
BAD_EXAMPLES = [
    pytest.param(r, text, id=f"{r.id}-bad{i + 1}")
    for r in FIXABLE
    for i, example in enumerate(r.examples_bad)
    for text in example_documents(example)[:1]
]


def fixed_text(text, rules=RULES, options=UNSAFE):
    return fix_document(Document(text, "x.txt"), rules, options)


# -- every rule that can fix, whatever rules exist --------------------------------------------


def test_the_default_rules_include_safe_and_unsafe_fixes():
    labels = {r.id: fix_label(r) for r in FIXABLE}
    assert labels["quotes.nested-same-level"] == "safe"
    assert all(labels[r] == "unsafe" for r in labels if r.startswith("duplication."))


@pytest.mark.parametrize("rule,text", BAD_EXAMPLES)
def test_fixing_a_bad_example_is_idempotent(rule, text):
    """All rules together, unsafe included: the fixed text gets no further fix, and the rule's own
    fixable finding is gone."""
    document, report = fixed_text(text)
    assert report.converged
    assert all("next pass" in s.reason for s in report.skipped)
    if any(f.fix is not None for f in lint_text(text, [rule])):
        assert report.changed
        assert not [f for f in lint_text(document.text, [rule]) if f.fix is not None]
    again, second = fixed_text(document.text)
    assert second.applied == [] and again.text == document.text


@pytest.mark.parametrize("rule,text", BAD_EXAMPLES)
def test_fix_without_unsafe_applies_only_safe_fixes(rule, text):
    document, report = fixed_text(text, options=SAFE)
    assert all(r.safe for r in report.applied)
    assert fixed_text(document.text, options=SAFE)[1].applied == []
    if not rule.fix_safe:
        assert rule.id not in {r.rule for r in report.applied}


def test_nested_quotes_fix_is_safe_and_exact():
    document, report = fixed_text("该支部的“厚植“底色”提升“成色”增添“亮色””获评十佳案例。", options=SAFE)
    assert document.text == "该支部的“厚植‘底色’提升‘成色’增添‘亮色’”获评十佳案例。"
    assert [(r.rule, r.line, r.column, r.safe) for r in report.applied] == [("quotes.nested-same-level", 1, 5, True)]


def test_duplication_fixes_need_unsafe():
    text = "能够有效保证检察官业务培训培训的沉浸感。"
    assert fixed_text(text, options=SAFE)[0].text == text
    document, report = fixed_text(text)
    assert document.text == "能够有效保证检察官业务培训的沉浸感。"
    assert [(r.rule, r.line, r.column, r.safe) for r in report.applied] == [("duplication.word", 1, 12, False)]


# -- choosing and applying fixes --------------------------------------------------------------


def make_rules(tmp_path, *specs):
    """Pattern rules from (id, pattern, replacement, bad example)."""
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    body = "rules:\n"
    for rule_id, pattern, replacement, bad in specs:
        body += (
            f"  - id: {rule_id}\n    kind: pattern\n    severity: warning\n    fix: safe\n"
            f"    message: \"改：{{match}}\"\n    patterns: ['{pattern}']\n    replace: '{replacement}'\n"
            f"    examples: {{bad: ['{bad}'], good: ['无关']}}\n"
        )
    (folder / "custom.yaml").write_text(body, encoding="utf-8")
    return load_rules([folder])


def test_overlapping_fixes_earliest_start_wins_and_the_other_is_reported(tmp_path):
    rules = make_rules(tmp_path, ("typo.second", "乙丙", "戊", "乙丙"), ("typo.first", "甲乙", "丁", "甲乙"))
    document, report = fixed_text("甲乙丙。", rules)
    assert document.text == "丁丙。"
    assert [(r.rule, r.column, r.pass_number) for r in report.applied] == [("typo.first", 1, 1)]
    assert [(r.rule, r.column, r.reason) for r in report.skipped] == [
        ("typo.second", 2, "overlaps the fix of typo.first at 1:1; looked at again in the next pass")
    ]


def test_same_start_is_decided_by_rule_id_not_by_rule_order(tmp_path):
    forward = make_rules(tmp_path, ("typo.b-rule", "甲乙", "乙", "甲乙"), ("typo.a-rule", "甲", "丁", "甲"))
    shutil.rmtree(tmp_path / "rules")
    backward = make_rules(tmp_path, ("typo.a-rule", "甲", "丁", "甲"), ("typo.b-rule", "甲乙", "乙", "甲乙"))
    assert fixed_text("甲乙。", forward)[0].text == fixed_text("甲乙。", backward)[0].text == "丁乙。"


def test_fixes_that_undo_each_other_stop_and_are_reported(tmp_path):
    rules = make_rules(tmp_path, ("typo.there", "甲", "乙", "甲"), ("typo.back", "乙", "甲", "乙"))
    document, report = fixed_text("甲。", rules)
    assert not report.converged
    assert report.skipped[-1].reason == "cycle"


def test_select_fixes_merges_identical_edits():
    findings = lint_text("能够有效保证检察官业务培训培训的沉浸感。", RULES)
    kept, skipped = select_fixes([f for f in findings if f.fix], Document("能够有效保证检察官业务培训培训的沉浸感。"))
    assert [f.rule for f in kept] == ["duplication.word"] and skipped == []
    twice = [f.with_(rule=name) for f, name in ((kept[0], "a.x"), (kept[0], "b.x"))]
    assert [f.rule for f in select_fixes(twice, Document("能够有效保证检察官业务培训培训的沉浸感。"))[0]] == ["a.x", "b.x"]


def test_two_inserts_at_one_place_conflict():
    finding = lint_text("能够有效保证检察官业务培训培训的沉浸感。", RULES)[0]
    first = finding.with_(rule="a.x", fix=finding.fix.__class__(2, 2, "甲", True, 1, 3, 1, 3))
    second = finding.with_(rule="b.x", fix=finding.fix.__class__(2, 2, "乙", True, 1, 3, 1, 3))
    kept, skipped = select_fixes([second, first], Document("能够有效保证检察官业务培训培训的沉浸感。"))
    assert [f.rule for f in kept] == ["a.x"]
    assert [(f.rule, reason) for f, reason in skipped] == [("b.x", "overlaps the fix of a.x at 1:3; looked at again in the next pass")]


def test_inserted_line_breaks_take_the_file_form():
    finding = lint_text("能够有效保证检察官业务培训培训的沉浸感。", RULES)[0]
    insert = finding.with_(fix=finding.fix.__class__(2, 2, "\n", True, 1, 3, 1, 3))
    assert apply_fixes("甲乙丙\r\n", [insert], "\r\n") == "甲乙\r\n丙\r\n"
    assert apply_fixes("甲乙丙\n", [insert], "\n") == "甲乙\n丙\n"


# -- files: encodings, BOM, line endings, atomic writes -------------------------------------

NESTED = "该支部的“厚植“底色”提升“成色”增添“亮色””获评十佳案例。\n第二行。\n"
NESTED_FIXED = "该支部的“厚植‘底色’提升‘成色’增添‘亮色’”获评十佳案例。\n第二行。\n"


@pytest.mark.parametrize(
    "encoding,bom,newline",
    [("utf-8", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"), ("gb18030", b"", "\r\n"), ("gb18030", "\ufeff".encode("gb18030"), "\n")],
)
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path, encoding, bom, newline):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + NESTED.replace("\n", newline).encode(encoding))
    document, report = fix_file(path, RULES, SAFE, encoding="auto" if encoding != "utf-8" else "utf-8")
    assert report.written and report.error is None
    assert path.read_bytes() == bom + NESTED_FIXED.replace("\n", newline).encode(encoding)
    assert document.text == NESTED_FIXED.replace("\n", newline)
    assert fix_file(path, RULES, SAFE, encoding="auto")[1].changed is False


def test_fix_keeps_permissions_and_follows_symlinks(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(NESTED, encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert fix_file(link, RULES, SAFE)[1].written
    assert link.is_symlink() and target.read_text(encoding="utf-8") == NESTED_FIXED
    assert (target.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


@pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch, failing):
    path = tmp_path / "a.txt"
    path.write_text(NESTED, encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    document, report = fix_file(path, RULES, SAFE)
    monkeypatch.undo()
    assert str(report.error) == f"{path}: fixes not written, file left unchanged: No space left on device"
    assert path.read_text(encoding="utf-8") == NESTED and document.text == NESTED
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_crash_mid_write_leaves_the_original_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(NESTED, encoding="utf-8")
    real_fdopen = os.fdopen

    class Crashing:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:5])
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Crashing(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        fix_file(path, RULES, SAFE)
    assert path.read_text(encoding="utf-8") == NESTED
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_file_that_cannot_hold_the_fix_is_not_written(tmp_path):
    rules = make_rules(tmp_path, ("typo.euro", "EUR", "€", "EUR"))
    path = tmp_path / "latin.txt"
    path.write_bytes("Prix: 5 EUR, café\n".encode("latin-1"))
    document, report = fix_file(path, rules, SAFE, encoding="latin-1")
    assert report.applied and not report.written
    assert str(report.error) == f"{path}: fixes not written: '€' cannot be written in ISO8859-1"
    assert path.read_bytes() == "Prix: 5 EUR, café\n".encode("latin-1")
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["latin.txt"]


# -- the command line ------------------------------------------------------------------------


def copy_seeds(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    return folder


def test_fix_on_seed_copies_is_safe_only_and_idempotent(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    originals = {p.name: p.read_text(encoding="utf-8") for p in seeds.iterdir()}
    expected = {name: fixed_text(text, options=SAFE) for name, text in originals.items()}
    diff = wenlint("check", "seeds", "--diff", cwd=tmp_path)
    assert diff.returncode == (1 if any(r.changed for _, r in expected.values()) else 0)
    assert diff.stdout == "".join(
        unified_diff(f"seeds/{name}", originals[name], doc.text) for name, (doc, r) in sorted(expected.items()) if r.changed
    )
    assert {p.name: p.read_text(encoding="utf-8") for p in seeds.iterdir()} == originals
    assert all(r.safe for _, report in expected.values() for r in report.applied)

    first = wenlint("check", "seeds", "--fix", "-q", cwd=tmp_path)
    assert "Traceback" not in first.stderr
    fixed = {p.name: p.read_text(encoding="utf-8") for p in seeds.iterdir()}
    assert fixed == {name: doc.text for name, (doc, _) in expected.items()}
    count = sum(len(r.applied) for _, r in expected.values())
    assert first.stdout.count(": fixed [") == count
    second = wenlint("check", "seeds", "--fix", "-q", "--format", "json", cwd=tmp_path)
    assert "fixes" not in json.loads(second.stdout)
    assert {p.name: p.read_text(encoding="utf-8") for p in seeds.iterdir()} == fixed


def test_fix_on_crlf_and_bom_seed_copies_keeps_their_form(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    for p in seeds.iterdir():
        text = p.read_text(encoding="utf-8")
        p.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    wenlint("check", "seeds", "--unsafe-fixes", "-q", cwd=tmp_path)
    for p in seeds.iterdir():
        data = p.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), p.name
        assert data.count(b"\n") == data.count(b"\r\n"), p.name
    again = {p.name: p.read_bytes() for p in seeds.iterdir()}
    wenlint("check", "seeds", "--unsafe-fixes", "-q", cwd=tmp_path)
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == again


def test_fix_report_lists_fixed_and_remaining(tmp_path):
    (tmp_path / "a.txt").write_text("他说：“我读过“小白杨”的故事。”\n\n能够保证培训培训的效果。\n", encoding="utf-8")
    proc = wenlint("check", "a.txt", "--fix", "-q", cwd=tmp_path)
    assert proc.stdout.splitlines() == [
        "a.txt:1:4: fixed [quotes.nested-same-level] 同级引号嵌套：“我读过“小白杨”的故事。” 里有 1 对内层 “”，GB/T 15834 要求内层用 ‘’",
        "a.txt:3:5: warning [duplication.word] 词语重复：“培训培训”，“培训”连写了两遍",
    ]
    assert proc.returncode == 1
    data = json.loads(wenlint("check", "a.txt", "--unsafe-fixes", "--format", "json", cwd=tmp_path).stdout)
    assert data["findings"] == []
    assert [(r["rule"], r["line"], r["column"], r["safe"]) for r in data["fixes"][0]["applied"]] == [
        ("duplication.word", 3, 5, False)
    ]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "他说：“我读过‘小白杨’的故事。”\n\n能够保证培训的效果。\n"


def test_fix_report_leaves_out_a_skip_the_next_pass_fixed(tmp_path):
    """甲乙丙: 甲乙→丁 wins pass 1, 乙丙 no longer occurs in pass 2; the text report does not call it not fixed."""
    make_rules(tmp_path, ("typo.second", "乙丙", "戊", "乙丙"), ("typo.first", "甲乙", "丁", "甲乙"))
    (tmp_path / "a.txt").write_text("甲乙丙。\n丙乙丙。\n", encoding="utf-8")
    proc = wenlint("check", "a.txt", "--fix", "-q", "--no-default-rules", "--rules", "rules", "--no-cache", cwd=tmp_path)
    assert proc.stdout.splitlines() == ["a.txt:1:1: fixed [typo.first] 改：甲乙", "a.txt:2:2: fixed [typo.second] 改：乙丙"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "丁丙。\n丙戊。\n"
