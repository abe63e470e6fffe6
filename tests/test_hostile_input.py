"""A hostile corpus in one run: every file is checked or named in one error line; exit 2; no traceback."""

import json
import os
import time
from pathlib import Path

import pytest

from conftest import SEEDS, wenlint
from linter.checks.api import kind_of
from linter.errors import InputError, UsageError
from linter.loading import decode_document, read_bytes, resolve_encoding

SENTENCE = "据悉，成都市检察机关以打造现场教学实践示范基地为牵引，积极推进常规培训。"
TRADITIONAL = "香港特別行政區政府今日發表聲明，表示將繼續支持檢察機關依法獨立行使職權。這是一個測試文件。\n"


def seed_text() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def one_line_of(megabytes: float) -> bytes:
    """The seed articles run together into one line, repeated: real text, not one sentence a million times."""
    unit = seed_text().replace("\r", "").replace("\n", "").encode("utf-8")
    return unit * max(1, int(megabytes * 1024 * 1024 / len(unit))) + b"\n"


def build_corpus(root: Path, long_line_mb: float) -> dict[str, str]:
    """Write one file of each hostile kind; return path -> expected error message ('' when checked)."""
    root.mkdir()
    expected: dict[str, str] = {}

    def put(name: str, data: bytes, error: str = "") -> None:
        (root / name).write_bytes(data)
        expected[f"corpus/{name}"] = error

    put("plain.txt", (SENTENCE + "\n").encode())
    put("empty.txt", b"")
    put("crlf-bom.txt", b"\xef\xbb\xbf" + (SENTENCE + "\r\n" + SENTENCE + "\r\n").encode())
    put("lone-cr.txt", (SENTENCE + "\r" + SENTENCE + "\r").encode())
    put("astral.md", "𠀀𠀁e\u0301\u200b文本。\n".encode())
    put("binary.txt", b"PK\x03\x04\x00\x00binary", "binary file (NUL byte at offset 4), not checked")
    put("gb18030.txt", (SENTENCE * 20 + "\n").encode("gb18030"),
        "not valid UTF-8 at byte 0; it looks like GB18030: use --encoding gb18030 (or --encoding auto)")
    put("big5.txt", (TRADITIONAL * 3).encode("big5"),
        "not valid UTF-8 at byte 0; it looks like BIG5: use --encoding big5 (or --encoding auto)")
    put("long-line.txt", one_line_of(long_line_mb))
    (root / "folder.txt").mkdir()
    put("folder.txt/inside.txt", (SENTENCE + "\n").encode())
    (root / "broken-link.txt").symlink_to(root / "missing-target.txt")
    expected["corpus/broken-link.txt"] = "broken symbolic link"
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    expected["corpus/loop-a.txt"] = expected["corpus/loop-b.txt"] = "cannot read: Too many levels of symbolic links"
    os.mkfifo(root / "pipe.txt")
    expected["corpus/pipe.txt"] = "not a regular file (pipe, socket or device), not checked"
    put("no-permission.txt", (SENTENCE + "\n").encode())
    os.chmod(root / "no-permission.txt", 0)
    if os.geteuid() != 0:  # root reads it anyway, and then it is simply checked
        expected["corpus/no-permission.txt"] = "permission denied"
    return expected


def run_corpus(tmp_path: Path, long_line_mb: float, *extra: str):
    expected = build_corpus(tmp_path / "corpus", long_line_mb)
    started = time.monotonic()
    proc = wenlint("check", "corpus", "--format", "json", *extra, cwd=tmp_path)
    return expected, proc, time.monotonic() - started


def assert_every_file_accounted_for(expected, proc):
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = dict(line.removeprefix("wenlint: error: ").split(": ", 1) for line in proc.stderr.splitlines())
    assert errors == {path: message for path, message in expected.items() if message}
    summary = json.loads(proc.stdout)["summary"]
    assert summary["files_checked"] == sum(1 for message in expected.values() if not message)
    assert {u["path"] for u in summary["unreadable"]} == set(errors)


def test_hostile_corpus_in_one_run(tmp_path):
    expected, proc, _ = run_corpus(tmp_path, long_line_mb=1)
    assert_every_file_accounted_for(expected, proc)
    findings = json.loads(proc.stdout)["findings"]
    assert {f["path"] for f in findings} <= {p for p, m in expected.items() if not m}


def test_hostile_corpus_with_fix_writes_only_what_it_could_read(tmp_path):
    expected, proc, _ = run_corpus(tmp_path, 0.01, "--unsafe-fixes")
    assert_every_file_accounted_for(expected, proc)
    assert (tmp_path / "corpus" / "binary.txt").read_bytes() == b"PK\x03\x04\x00\x00binary"
    assert (tmp_path / "corpus" / "crlf-bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir() if p.name.startswith(".")) == []


@pytest.mark.slow
def test_hostile_corpus_with_a_50_mb_line(tmp_path):
    expected, proc, seconds = run_corpus(tmp_path, long_line_mb=50)
    assert_every_file_accounted_for(expected, proc)
    print(f"50 MB line corpus: {seconds:.1f} s")


@pytest.mark.slow
def test_hostile_corpus_with_a_20_million_character_run(tmp_path):
    """The hostile set with one line of 20,000,000 copies of one character (issue 16)."""
    expected = build_corpus(tmp_path / "corpus", 0.01)
    (tmp_path / "corpus" / "run.txt").write_text("长" * 20_000_000 + "\n", encoding="utf-8")
    expected["corpus/run.txt"] = ""
    started = time.monotonic()
    proc = wenlint("check", "corpus", "--format", "json", cwd=tmp_path)
    assert_every_file_accounted_for(expected, proc)
    print(f"20,000,000-character run: {time.monotonic() - started:.1f} s")


@pytest.mark.slow
def test_a_200_mb_file_is_linted(tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = seed_text().encode()
    with open(path, "wb") as out:
        for _ in range(200 * 1024 * 1024 // len(paragraph) + 1):
            out.write(paragraph)
    started = time.monotonic()
    proc = wenlint("check", "huge.txt", "-q", "--max-per-rule", "3", cwd=tmp_path)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert proc.stdout.strip().splitlines()[-1].endswith("1 file checked")
    print(f"200 MB file: {time.monotonic() - started:.1f} s")


# -- reading one file ------------------------------------------------------------------------


def test_permission_denied_is_one_line(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("文本。", encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(InputError, match=r"a.txt: permission denied$"):
        read_bytes(path, str(path))


def test_unlistable_folder_is_named(tmp_path, monkeypatch):
    from linter import loading

    (tmp_path / "sub").mkdir()

    def walk(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "sub")))
        return iter(())

    monkeypatch.setattr(loading.os, "walk", walk)
    assert loading.discover([str(tmp_path)]) == [tmp_path / "sub"]
    real_listdir = os.listdir
    monkeypatch.setattr(loading.os, "listdir", lambda p: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    with pytest.raises(InputError, match="cannot list folder: Permission denied"):
        read_bytes(tmp_path / "sub", "sub")
    assert real_listdir


@pytest.mark.parametrize(
    "data,encoding,text,used",
    [
        ("甲，乙".encode("gb18030"), "gb18030", "甲，乙", "gb18030"),
        ("甲，乙".encode("gb18030"), "GBK", "甲，乙", "gbk"),
        ((SENTENCE * 10).encode("gb18030"), "auto", SENTENCE * 10, "gb18030"),
        (TRADITIONAL.encode("big5") * 3, "auto", TRADITIONAL * 3, "big5"),
        (b"\xef\xbb\xbf" + SENTENCE.encode(), "auto", SENTENCE, "utf-8"),
        ("\ufeff甲\r\n".encode("utf-16"), "utf-16", "甲\r\n", "utf-16"),
    ],
)
def test_decoding(data, encoding, text, used):
    document = decode_document(data, "x.txt", encoding)
    assert (document.text, document.encoding) == (text, used)


def test_positions_refer_to_decoded_text(tmp_path):
    """(auto detection needs a few sentences of text; a short file wants --encoding given explicitly)"""
    (tmp_path / "gb.txt").write_bytes((SENTENCE * 5 + "\r\n他说：“今天开会。\r\n").encode("gb18030"))
    proc = wenlint("check", "gb.txt", "--encoding", "auto", "-q", "--select", "quotes", cwd=tmp_path)
    assert proc.stdout.splitlines()[0] == "gb.txt:2:4: error [quotes.unclosed] “ 未闭合：从这里到段落结束没有对应的 ”"
    assert proc.returncode == 1


def test_invalid_utf8_names_the_byte_offset():
    with pytest.raises(InputError, match=r"^x.txt: not valid UTF-8 at byte 3$"):
        decode_document(b"abc\xff", "x.txt")


def test_unknown_encoding_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        resolve_encoding("klingon")
    proc = wenlint("check", ".", "--encoding", "klingon", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "wenlint: error: unknown encoding 'klingon' (use auto, utf-8, gb18030, big5, ...)\n"


@pytest.mark.parametrize("encoding", ["gb18030", "auto"])
def test_set_level_findings_quote_their_line_in_the_encoding_of_the_run(tmp_path, encoding):
    """A set-level finding's source line is read again for the text report: in the run's encoding, not as UTF-8."""
    texts = [SENTENCE * 3 + "\n他说：“好。”\n", SENTENCE * 3 + "\n他说：“好。”\n", SENTENCE * 3 + "\n他说：「好。」她说：「行。」\n"]
    for i, text in enumerate(texts):
        (tmp_path / f"{i}.txt").write_bytes(text.encode("gb18030"))
    proc = wenlint("check", ".", "--encoding", encoding, "--select", "consistency.quote-style", "--no-cache", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("2.txt:2:4: info [consistency.quote-style]")
    assert lines[2] == "2 | 他说：「好。」她说：「行。」"
    assert "U+FFFD" not in proc.stdout and proc.returncode == 0


# -- documents with very many findings -------------------------------------------------------


def test_past_the_bound_one_finding_counts_the_rest_of_one_rule_in_one_file(monkeypatch, default_rules):
    from linter import engine
    from linter.document import Document

    monkeypatch.setattr(engine, "FINDINGS_PER_RULE", 5)
    rule = next(r for r in default_rules if r.id == "punctuation.ascii-in-chinese")
    text = "中文,中文" * 8 + "\n"
    found = engine.lint_document(Document(text, "many.txt"), [rule]).findings
    assert [(f.line, f.column) for f in found] == [(1, 3 + 5 * i) for i in range(6)]
    assert [f.rule for f in found] == [rule.id] * 6
    assert found[-1].message == f"本文件另有 3 处 {rule.id} 未逐一列出（每条规则在一个文件中最多列出 5 处）"
    assert found[-1].fix is None and found[-2].fix is not None
    assert engine.lint_document(Document(text, "many.txt"), [rule]).not_listed == {rule.id: 3}
    assert engine.lint_document(Document("中文,中文" * 5 + "\n", "five.txt"), [rule]).findings[-1].message != found[-1].message


def test_the_bound_counts_a_check_that_returns_a_list(monkeypatch, default_rules):
    from linter import engine
    from linter.document import Document

    rule = next(r for r in default_rules if r.id == "punctuation.ascii-in-chinese")
    original = kind_of(rule).check
    monkeypatch.setattr(engine, "FINDINGS_PER_RULE", 2)
    monkeypatch.setattr(kind_of(rule), "check", lambda document, r: list(original(document, r)))
    found = engine.lint_document(Document("中文,中文" * 4 + "\n", "list.txt"), [rule]).findings
    assert [f.column for f in found] == [3, 8, 13]
    assert "另有 2 处" in found[-1].message


def test_a_file_with_more_findings_of_one_rule_than_the_bound_says_how_many_more_in_every_format(tmp_path):
    from linter.engine import FINDINGS_PER_RULE

    (tmp_path / "many.txt").write_text("中文,中文" * (FINDINGS_PER_RULE + 250) + "\n", encoding="utf-8")
    cold, cached = (wenlint("check", "many.txt", "--select", "punctuation.ascii-in-chinese", "--format", "json", "--cache-dir", "c",
                            cwd=tmp_path) for _ in range(2))
    assert cold.stdout == cached.stdout
    findings = json.loads(cold.stdout)["findings"]
    assert len(findings) == FINDINGS_PER_RULE + 1
    assert json.loads(cold.stdout)["summary"]["not_listed"] == [{"path": "many.txt", "rule": "punctuation.ascii-in-chinese", "findings": 250}]
    assert findings[-1]["message"].startswith("本文件另有 250 处 punctuation.ascii-in-chinese 未逐一列出")
    text = wenlint("check", "many.txt", "--select", "punctuation.ascii-in-chinese", "--no-cache", "-q", cwd=tmp_path)
    assert text.stdout.splitlines()[-1].endswith("本文件另有 250 处 punctuation.ascii-in-chinese 未逐一列出（每条规则在一个文件中最多列出 10,000 处）")


def test_a_document_is_scanned_once_per_needed_character_not_once_per_rule(default_rules):
    from linter.engine import rule_may_run

    class Counted(str):
        scans = 0

        def __contains__(self, ch):
            Counted.scans += 1
            return str.__contains__(self, ch)

    text = Counted("长" * 1000)
    rules = [r for r in default_rules if not r.set_level]
    seen: dict[str, bool] = {}
    ran = [rule_may_run(r, text, seen) for r in rules]
    assert ran == [rule_may_run(r, "长" * 1000) for r in rules]
    assert Counted.scans == len(seen) < sum(len(getattr(r.config, "needs", None) or getattr(kind_of(r), "NEEDS", None) or "") for r in rules)
