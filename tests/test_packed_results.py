"""Packed results (findings as marshalled tuples) and the streamed reports must say exactly what the objects say."""

from __future__ import annotations

import json
import pickle
import random
import zlib
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, wenlint
from linter.cache import Cache
from linter.engine import lint_document, lint_set, lint_texts
from linter.results import decode_result, encode_result, pack_result, safe_loads
from linter.stream import FindingStream, QuotedLines, RunResult
from linter.document import Document
from linter.findings import (
    Finding, Fix, Location, assign_fingerprints, finding_from_row, finding_row, pack_findings, report_order, unpack_findings,
)
from linter.report import ReportOptions, formats, render, summary_line


def _finding(i: int, **changes) -> Finding:
    values = dict(
        rule=f"punctuation.rule-{i % 3}", severity=("error", "warning", "info")[i % 3], message=f"第{i}个问题\n\ud800",
        location=Location(f"doc{i % 4}.txt", i + 1, 2, i + 2, 3, "where" if i % 5 == 0 else ""), start=i, end=i + 2,
        text="，,", fix=Fix(i, i + 2, "，", i % 2 == 0, i + 1, 2, i + 1, 4, ",,") if i % 2 else None,
        related=(Location("other.txt", 3, 4, 3, 5, "see"),) if i % 3 == 0 else (), fingerprint=f"fp{i}",
    )
    values.update(changes)
    return Finding(**values)


def test_finding_keeps_its_constructor_attributes_and_copies():
    f = _finding(1)
    assert (f.rule, f.severity, f.path, f.line, f.column, f.end_line, f.end_column) == (
        "punctuation.rule-1", "warning", "doc1.txt", 2, 2, 3, 3)
    assert f.location == Location("doc1.txt", 2, 2, 3, 3) and f.category == "punctuation"
    assert f.fix == Fix(1, 3, "，", False, 2, 2, 2, 4, ",,") and f.fix.safe is False
    assert f.with_(fix=replace(f.fix, safe=True)).fix.safe is True
    assert f.with_(message="x").message == "x" and f.with_(message="x").with_(message=f.message) == f
    assert f.with_(context="ignored by equality") == f
    assert _finding(3).related == (Location("other.txt", 3, 4, 3, 5, "see"),)
    assert pickle.loads(pickle.dumps(_finding(3))) == _finding(3)
    assert safe_loads(pickle.dumps([_finding(3)])) == [_finding(3)]


def test_findings_round_trip_through_rows_and_packed_blobs():
    findings = [_finding(i) for i in range(40)]
    assert [finding_from_row(finding_row(f)) for f in findings] == findings
    lines = {1: "第一行", 7: "含\ud800孤立代理"}
    unpacked, quoted = unpack_findings(pack_findings(findings, lines))
    assert unpacked == findings and quoted == lines
    assert [f.related for f in unpacked] == [f.related for f in findings]
    assert [f.fix for f in unpacked] == [f.fix for f in findings]


def test_a_document_result_round_trips_through_the_encoded_form(default_rules):
    text = (SEEDS / "000_ea7382c9cbe5172c.txt").read_text(encoding="utf-8")
    result = lint_document(Document(text, "a.txt"), default_rules)
    assert result.findings
    back = decode_result(encode_result(pack_result(result)), safe_loads)
    assert back.findings == result.findings and back.lines == result.lines
    assert back.summaries.keys() == result.summaries.keys() and back.count == len(result.findings)
    assert back.severities == pack_result(result).severities


def _invented_texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["他说：“今天开会。", "甲,乙", "（一）", "第3章", "“", "”", "。", "\n\n", "\n", "ABC", "1,000元", "乾隆", "这个这个", " "]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(rng.randint(1, 6))]


def _merge(results, rules) -> list[Finding]:
    """The oracle of the stream's order: every finding of the run sorted at once, set findings fingerprinted per path."""
    findings = [f for r in results for f in r.findings]
    by_path: dict[str, list[Finding]] = {}
    for f in lint_set(results, rules):
        by_path.setdefault(f.path, []).append(f)
    for group in by_path.values():
        findings.extend(assign_fingerprints(sorted(group, key=report_order)))
    return sorted(findings, key=report_order)


def test_the_finding_stream_is_the_sorted_merge_of_all_findings(default_rules):
    """The streamed order (file by file, set findings merged per path) equals sorting everything."""
    for seed in range(12):
        texts = _invented_texts(seed)
        paths = sorted(f"d{i}/{random.Random(seed + i).randint(0, 9)}-{i}.txt" for i in range(len(texts)))
        results = [lint_document(Document(t, p), default_rules) for t, p in zip(texts, paths)]
        expected = _merge(results, default_rules)
        stream = FindingStream([pack_result(r) for r in results], lint_set(results, default_rules))
        assert list(stream) == expected and len(stream) == len(expected)
        assert stream == expected
        assert [f for _, fs, _ in stream.by_file() for f in fs] == expected
        assert lint_texts(texts, default_rules, paths) == expected
        assert stream[:] == expected and stream[1::2] == expected[1::2] and stream[::-1] == expected[::-1]
        assert [stream[i] for i in range(-len(expected), len(expected))] == expected + expected
        quoted = QuotedLines(stream)
        assert all(quoted.get(r.path, {}) == r.lines for r in results)


def test_streamed_reports_equal_reports_of_a_plain_list(default_rules):
    texts = _invented_texts(3) + [(SEEDS / "004_a6d7a54a70ca9500.txt").read_text(encoding="utf-8")]
    paths = [f"doc{i}.txt" for i in range(len(texts))]
    results = [lint_document(Document(t, p), default_rules) for t, p in zip(texts, paths)]
    stream = FindingStream([pack_result(r) for r in results], lint_set(results, default_rules))
    streamed = RunResult(stream, [], paths, default_rules, {r.path: r.lines for r in results})
    plain = replace(streamed, findings=list(stream))
    for name, reporter in formats().items():
        for options in (ReportOptions(), ReportOptions(max_per_rule=0, statistics=True), ReportOptions(quiet=True)):
            assert render(reporter, streamed, options) == render(reporter, plain, options), name
    assert summary_line(streamed) == summary_line(plain)
    data = json.loads(render(formats()["json"], streamed, ReportOptions()))
    assert len(data["findings"]) == len(stream) and data["summary"]["findings"] == len(stream)


def test_a_corrupt_or_foreign_cache_entry_is_a_miss(tmp_path, default_rules):
    cache = Cache(tmp_path, default_rules)
    result = lint_document(Document("他说：“今天开会。\n", "a.txt"), default_rules)
    blob = encode_result(pack_result(result))
    cache.store("ab" * 32, blob)
    entry = tmp_path / "v2" / "results" / "ab" / ("ab" * 31)
    assert cache.load("ab" * 32).findings == result.findings
    data = entry.read_bytes()
    for broken in (data[:-1], data[:3], b"", data[:10] + bytes([data[10] ^ 1]) + data[11:],
                   zlib.crc32(b"x").to_bytes(4, "big") + b"x", pickle.dumps(result)):
        entry.write_bytes(broken)
        assert cache.load("ab" * 32) is None


def test_json_reports_are_identical_cold_cached_and_in_parallel(tmp_path):
    cache = str(tmp_path / "cache")
    reference = wenlint("check", "--format", "jsonl", "--no-cache", "--jobs", "1", str(SEEDS)).stdout
    assert reference.count("\n") > 100
    for args in (["--cache-dir", cache], ["--cache-dir", cache, "--jobs", "2"], ["--no-cache", "--jobs", "2"]):
        assert wenlint("check", "--format", "jsonl", *args, str(SEEDS)).stdout == reference


def test_set_findings_are_reused_only_for_the_very_same_documents(tmp_path, monkeypatch, default_rules):
    from linter import runner
    from linter.runner import run

    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        (tmp_path / f"d{i}.txt").write_bytes(seed.read_bytes())
    rules = [r for r in default_rules if r.enabled]
    cache = Cache(tmp_path / "cache", rules)
    first = list(run([str(tmp_path)], rules, cache=cache).findings)
    assert any(f.start == -1 for f in first), "the seeds give set-level findings"
    calls = []
    monkeypatch.setattr(runner, "lint_set", lambda results, rules: calls.append(len(results)) or lint_set(results, rules))
    assert list(run([str(tmp_path)], rules, cache=cache).findings) == first and calls == []
    (tmp_path / "d0.txt").write_text("他说：“今天开会。\n", encoding="utf-8")
    changed = list(run([str(tmp_path)], rules, cache=cache).findings)
    assert calls == [5]
    assert list(run([str(tmp_path)], rules, cache=cache).findings) == changed and calls == [5]
    (tmp_path / "cache" / "v2" / "sets").rename(tmp_path / "gone")
    assert list(run([str(tmp_path)], rules, cache=cache).findings) == changed and calls == [5, 5]
    assert changed == list(run([str(tmp_path)], rules).findings)


def test_findings_past_the_memory_budget_wait_in_a_file_and_read_back_the_same(tmp_path, monkeypatch, default_rules):
    """A large run keeps packed findings beyond HELD_FINDINGS_BYTES in a temporary file;
    the findings, their order and the quoted lines are those of a run that keeps them all."""
    from linter import runner
    from linter.results import Spilled
    from linter.runner import run

    for i, text in enumerate(_invented_texts(5) + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]):
        (tmp_path / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    held = run([str(tmp_path)], default_rules)
    expected = (list(held.findings), {path: held.lines.get(path) for path in held.files})

    kept = []
    monkeypatch.setattr(runner, "HELD_FINDINGS_BYTES", 2000)
    monkeypatch.setattr(runner, "HELD_SUMMARIES_BYTES", 40000)
    monkeypatch.setattr(runner, "lint_path", lambda *a, _real=runner.lint_path: kept.append(_real(*a)) or kept[-1])
    spilled = run([str(tmp_path)], default_rules)
    assert any(isinstance(r.packed, Spilled) for r in kept) and any(isinstance(r.packed, bytes) and r.packed for r in kept)
    assert any(isinstance(r.summaries.packed, Spilled) for r in kept)
    assert any(r.summaries.held is not None and not r.summaries.pickled for r in kept)  # within the budget, never pickled
    assert (list(spilled.findings), {path: spilled.lines.get(path) for path in spilled.files}) == expected
    assert list(spilled.findings) == expected[0]  # read back again, as a second report would


def test_set_entries_are_kept_for_the_latest_sets_only(tmp_path, default_rules):
    """Every edit to a document set makes a new set entry; old ones are deleted, not hoarded."""
    import os

    from linter.cache import SET_ENTRIES

    cache = Cache(tmp_path, default_rules)
    finding = lint_document(Document("他说：“今天开会。\n", "a.txt"), default_rules).findings[0]
    keys = [cache.set_key([f"document-{i}"]) for i in range(SET_ENTRIES + 4)]
    for age, key in enumerate(keys):
        cache.store_findings(key, [finding])
        os.utime(tmp_path / "v2" / "sets" / key, ns=(age * 10**9, age * 10**9))
    kept = sorted(p.name for p in (tmp_path / "v2" / "sets").iterdir())
    assert kept == sorted(keys[-SET_ENTRIES:])
    assert cache.load_findings(keys[-1]) == [finding] and cache.load_findings(keys[0]) is None


def test_packed_summaries_read_back_each_rule_as_summarized(default_rules):
    """Each rule's summary is pickled apart and unpickled alone, from memory or from the spill file."""
    from linter.engine import RuleSummaries
    from linter.results import PackedSummaries, SpillFile

    texts = _invented_texts(7) + ["“清风问候”与“清风 问候”"] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:2]]
    results = [lint_document(Document(t, f"d{i}.txt"), default_rules) for i, t in enumerate(texts)]
    spill = SpillFile(0)
    packed = [pack_result(r) for r in results]
    for r in packed[::2]:
        spill.keep(r)
    for result, kept in zip(results, packed):
        assert isinstance(kept.summaries, PackedSummaries) and kept.summaries.keys() == result.summaries.keys()
        assert dict(kept.summaries) == result.summaries
    for rule in (r for r in default_rules if r.set_level):
        plain = [(r.path, r.summaries[rule.id]) for r in results if rule.id in r.summaries]
        lazy = RuleSummaries(packed, rule.id)
        assert len(lazy) == len(plain) and list(lazy) == plain and list(lazy) == plain
        assert lazy[1:] == plain[1:] and (not plain or lazy[-1] == plain[-1])
    assert lint_set(packed, default_rules) == lint_set(results, default_rules)


def test_the_safe_unpickler_checks_each_name_once_and_refuses_the_others_every_time(monkeypatch, default_rules):
    from linter import results

    checked = []
    monkeypatch.setattr(results._SafeUnpickler, "allowed", {})
    monkeypatch.setattr(results._SafeUnpickler, "_allowed_class",
                        lambda self, *name, _real=results._SafeUnpickler._allowed_class: checked.append(name) or _real(self, *name))
    texts = _invented_texts(8)
    summaries = [pack_result(lint_document(Document(t, f"d{i}.txt"), default_rules)).summaries for i, t in enumerate(texts)]
    unpacked = [dict(s) for s in summaries]
    assert unpacked == [lint_document(Document(t, f"d{i}.txt"), default_rules).summaries for i, t in enumerate(texts)]
    assert checked and len(checked) == len(set(checked))
    for _ in range(2):
        with pytest.raises(pickle.UnpicklingError):
            safe_loads(pickle.dumps(random.Random))
    assert len(checked) == len(set(checked)) + 1


def test_documents_sharing_a_path_merge_in_report_order(default_rules):
    texts = ["他说：“今天开会。\n甲,乙", "（一）这个这个\n“清风问候”与“清风 问候”", "1,000元 ABC “"]
    paths = ["same.txt", "other.txt", "same.txt"]
    results = [lint_document(Document(t, p), default_rules) for t, p in zip(texts, paths)]
    assert lint_texts(texts, default_rules, paths) == _merge(results, default_rules)


def _packed_run(findings: list[Finding]) -> RunResult:
    from linter.results import DocumentResult

    packed = pack_result(DocumentResult("a.txt", findings=findings))
    stream = FindingStream([packed], [])
    return RunResult(stream, [], ["a.txt"], [], QuotedLines(stream))


def test_reports_build_only_the_findings_they_show(monkeypatch):
    """A packed file's findings are read one by one as a report reads them: the text report reads the
    few it shows (and the one its "… more" line names) and makes no fingerprint, the JSON reports build
    none, reading fields in bulk (fingerprints made once per file)."""
    from linter import findings as findings_module
    from linter.findings import PackedFindings, _ReportRows

    built, fingerprinted = [], []
    read_one, read_row, fingerprints = PackedFindings.__getitem__, _ReportRows.__getitem__, findings_module._fingerprints
    monkeypatch.setattr(PackedFindings, "built", lambda self: built.append(len(self)) or [])
    monkeypatch.setattr(PackedFindings, "__getitem__", lambda self, i: built.append(i) or read_one(self, i))
    monkeypatch.setattr(_ReportRows, "__getitem__", lambda self, i: built.append(i) or read_row(self, i))
    monkeypatch.setattr(findings_module, "_fingerprints", lambda *columns: fingerprinted.append(len(columns[0])) or fingerprints(*columns))
    unmade = dict(related=(), fingerprint="")  # as the engine packs a document's own findings
    findings = [_finding(3 * i + 1, location=Location("a.txt", i + 1, 2, i + 1, 3), **unmade) for i in range(40)]
    findings += [_finding(3 * i, location=Location("a.txt", 50 + i, 2, 50 + i, 3), **unmade) for i in range(2)]
    result = _packed_run(sorted(findings, key=report_order))
    text = render(formats()["text"], result, ReportOptions(max_per_rule=3))
    assert text.count("[punctuation.rule-1]") == 3 + 1 and text.count("[punctuation.rule-0]") == 2
    assert len(built) == 3 + 1 + 2 and fingerprinted == []
    built.clear()
    for name in ("json", "jsonl"):
        assert render(formats()[name], result, ReportOptions())
    assert built == [] and fingerprinted == [42, 42]


def test_a_run_without_cache_or_pool_hands_findings_to_the_report_unmarshalled(tmp_path, monkeypatch, default_rules):
    """Under the memory budget a --jobs 1 run without cache marshals no finding (no pack, no unpack), and
    its findings and quoted lines are those of a run whose findings all went through marshal."""
    from linter import results, runner
    from linter.results import HeldFindings
    from linter.runner import run

    for i, text in enumerate(_invented_texts(7)):
        (tmp_path / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    kept = []
    monkeypatch.setattr(runner, "lint_path", lambda *a, _real=runner.lint_path: kept.append(_real(*a)) or kept[-1])
    packs = []
    monkeypatch.setattr(results, "pack_findings", lambda *a, _real=results.pack_findings: packs.append(1) or _real(*a))
    monkeypatch.setattr(results, "unpack_findings", lambda *a: pytest.fail("unmarshalled findings"))
    held = run([str(tmp_path)], default_rules)
    shown = (list(held.findings), {path: held.lines.get(path) for path in held.files})
    monkeypatch.undo()
    assert packs == [] and sum(r.count for r in kept) and all(type(r.packed) is HeldFindings for r in kept if r.count)

    marshalled = [decode_result(encode_result(r)) for r in kept]
    stream = FindingStream(marshalled, lint_set(marshalled, default_rules))
    assert shown == (list(stream), {r.path: stream.lines(r.path) for r in marshalled})


def test_a_checks_list_under_the_cap_is_kept_as_it_is(monkeypatch, default_rules):
    """A check's list of findings under FINDINGS_PER_RULE is taken as it is (no copy through `_kept_findings`)."""
    from linter import engine

    kept = []
    monkeypatch.setattr(engine, "_kept_findings", lambda *a, _real=engine._kept_findings: kept.append(a[1].id) or _real(*a))
    texts = _invented_texts(3)
    results = [lint_document(Document(text, f"doc{i}.txt"), default_rules) for i, text in enumerate(texts)]
    assert sum(len(r.findings) for r in results) and len(kept) < len(texts) * len(default_rules)


@st.composite
def a_file_and_its_set_findings(draw):
    """A document's own findings (no fingerprints yet, as the engine packs them) and a few set-level ones
    (fingerprinted), with equal places, rules and quoted texts likely."""
    def finding(fingerprint: str) -> Finding:
        line, column = draw(st.integers(1, 4)), draw(st.integers(1, 3))
        return Finding(f"rule.{draw(st.sampled_from('ab'))}", "warning", draw(st.sampled_from(["m", "n"])),
                       Location("a.txt", line, column, line, column + 1), text=draw(st.sampled_from(["，", "x"])),
                       fingerprint=fingerprint, context=draw(st.sampled_from(["", "前，后"])))

    own = [finding("") for _ in range(draw(st.integers(0, 12)))]
    more = [finding(f"set{i}") for i in range(draw(st.integers(0, 4)))]
    return sorted(own, key=report_order), sorted(more, key=report_order)


@settings(max_examples=300, deadline=None)
@given(a_file_and_its_set_findings())
def test_set_findings_merge_into_packed_ones_as_sorting_all_would(case):
    """A file's set-level findings are merged into its packed findings by bisection, without building them;
    the result, fingerprints made after the merge included, is what sorting all and fingerprinting the
    document's own findings apart gives."""
    from linter.findings import PackedFindings, in_report_order, merged_in_report_order

    own, more = case
    expected = sorted([*assign_fingerprints(own, drop_context=True), *more], key=report_order)
    merged = merged_in_report_order(in_report_order(own), more)
    assert list(merged) == expected
    assert [f.fingerprint for f in merged] == [f.fingerprint for f in expected]
    assert [f.context for f in merged] == [f.context for f in expected]
    assert type(merged) is PackedFindings or not own


def test_a_pool_parent_unpickles_summaries_while_it_waits(tmp_path, monkeypatch, default_rules):
    """A pool's parent holds its results' summaries as objects within HELD_SUMMARIES_BYTES, unpickled as
    results arrive, so its set phase unpickles nothing; a run of one process never pickles them within the
    budget; past it, the set phase unpickles them as it reads them. The findings are the same."""
    from linter import engine, results, runner
    from linter.runner import run

    monkeypatch.setattr(runner, "MIN_PARALLEL_BYTES", 0)
    for i, text in enumerate(_invented_texts(6) + ["“清风问候”与“清风 问候”", "“清风问候”多次出现"]):
        (tmp_path / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    in_set_phase, unpickled = [], []
    monkeypatch.setattr(results, "safe_loads", lambda data, _real=results.safe_loads: unpickled.append(bool(in_set_phase)) or _real(data))
    monkeypatch.setattr(runner, "lint_set", lambda *a, _real=engine.lint_set: in_set_phase.append(1) or _real(*a))
    pooled = list(run([str(tmp_path)], default_rules, jobs=2).findings)
    assert unpickled and not any(unpickled)
    assert any(f.rule == "consistency.term-variant" for f in pooled)
    unpickled.clear()
    assert list(run([str(tmp_path)], default_rules, jobs=1).findings) == pooled
    assert unpickled == []
    for jobs in (2, 1):
        monkeypatch.setattr(runner, "HELD_SUMMARIES_BYTES", 0)
        unpickled.clear()
        in_set_phase.clear()
        assert list(run([str(tmp_path)], default_rules, jobs=jobs).findings) == pooled
        assert unpickled and all(unpickled)
