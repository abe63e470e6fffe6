"""--jobs and the result cache change how fast results come, never which results or their order."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, wenlint
from linter import checks, runner
from linter.cache import Cache
from linter.results import safe_loads
from linter.findings import Finding, Location
from linter.rules import default_rules_dir, load_rules, parse_rule


def build_corpus(directory: Path, copies: int) -> Path:
    """Copies of the seeds, each with its own last line, in two folders."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(copies):
        folder = directory / f"part{i % 2}"
        folder.mkdir(parents=True, exist_ok=True)
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"doc{i:03d}.txt").write_text(text + f"\n\n第{i}份。\n", encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    # Just over runner.MIN_PARALLEL_BYTES, so `--jobs 2` really starts a pool.
    return build_corpus(tmp_path_factory.mktemp("corpus"), 70)


def check_json(corpus: Path, *args: str, cwd: Path) -> dict:
    result = wenlint("check", "--format", "json", *args, str(corpus), cwd=cwd)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def test_corpus_is_big_enough_for_a_pool(corpus):
    assert sum(p.stat().st_size for p in corpus.rglob("*.txt")) >= runner.MIN_PARALLEL_BYTES


def test_jobs_and_cache_give_identical_findings_in_identical_order(corpus, tmp_path):
    cache = str(tmp_path / "cache")
    serial = check_json(corpus, "--jobs", "1", "--no-cache", cwd=tmp_path)
    assert serial["summary"]["files_checked"] == 70
    assert len(serial["findings"]) >= 70
    runs = {
        "jobs 2, no cache": check_json(corpus, "--jobs", "2", "--no-cache", cwd=tmp_path),
        "jobs 2, cold cache": check_json(corpus, "--jobs", "2", "--cache-dir", cache, cwd=tmp_path),
        "jobs 2, cached": check_json(corpus, "--jobs", "2", "--cache-dir", cache, cwd=tmp_path),
        "jobs 1, cached": check_json(corpus, "--jobs", "1", "--cache-dir", cache, cwd=tmp_path),
    }
    for name, run in runs.items():
        assert run == serial, name


def test_every_default_rule_result_is_read_back_from_the_cache(tmp_path):
    """Entries hold set-level summaries too (arrays, named tuples): an entry the safe unpickler
    refused would be a silent miss on every re-run."""
    rules = load_rules([default_rules_dir()])
    cache = Cache(tmp_path / "cache", rules)
    files = sorted(SEEDS.glob("*.txt"))
    fresh = runner.lint_files(files, rules, cache=cache)
    for path, result in zip(files, fresh):
        hit, _ = runner._look_up(cache, path)
        assert hit is not None, path
        assert hit.findings == result.findings and hit.summaries == result.summaries


def test_text_report_from_the_cache_quotes_the_same_source_lines(corpus, tmp_path):
    cache = str(tmp_path / "cache")
    args = ["check", "--max-per-rule", "0", "--cache-dir", cache, str(corpus)]
    cold = wenlint(*args, cwd=tmp_path)
    cached = wenlint(*args, cwd=tmp_path)
    plain = wenlint("check", "--max-per-rule", "0", "--no-cache", "--jobs", "1", str(corpus), cwd=tmp_path)
    assert cold.stdout == cached.stdout == plain.stdout
    assert "52 | “真正将党支部建设成为有战斗力、有战斗力的坚强堡垒" in cached.stdout


def test_cache_entries_are_written_atomically_and_marked(corpus, tmp_path):
    cache = tmp_path / "cache"
    wenlint("check", "--cache-dir", str(cache), str(corpus), cwd=tmp_path)
    entries = [p for p in cache.rglob("*") if p.is_file() and p.parent.parent.name == "results"]
    assert len(entries) == 70
    assert not [p for p in cache.rglob(".tmp-*")]
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"


def test_two_runs_sharing_a_cache_at_once_agree(corpus, tmp_path):
    cache = str(tmp_path / "cache")
    argv = [sys.executable, "-m", "linter", "check", "--format", "json", "--cache-dir", cache, str(corpus)]
    first = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    second = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    outputs = [first.communicate(timeout=300)[0], second.communicate(timeout=300)[0]]
    reference = wenlint("check", "--format", "json", "--no-cache", str(corpus)).stdout
    assert outputs == [reference, reference]
    assert wenlint("check", "--format", "json", "--cache-dir", cache, str(corpus)).stdout == reference


def test_default_cache_folder_is_in_the_working_directory_and_no_cache_writes_nothing(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text("他说：“今天开会。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "WENLINT_CACHE_DIR"}
    wenlint("check", "--no-cache", "a.txt", cwd=tmp_path, env=env)
    assert not (tmp_path / ".wenlint_cache").exists()
    result = wenlint("check", "a.txt", cwd=tmp_path, env=env)
    assert result.stdout.startswith("a.txt:1:4: error [quotes.unclosed]")
    assert (tmp_path / ".wenlint_cache" / "CACHEDIR.TAG").is_file()


def test_a_changed_file_is_linted_again(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text("他说：“今天开会。\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    assert wenlint("check", "-q", "--cache-dir", cache, "a.txt", cwd=tmp_path).stdout.startswith("a.txt:1:4:")
    document.write_text("他说：“今天开会。”\n", encoding="utf-8")
    result = wenlint("check", "-q", "--cache-dir", cache, "a.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_a_changed_rule_set_misses_the_cache(tmp_path):
    rules = load_rules([default_rules_dir()])
    everything, fewer = Cache(tmp_path, rules), Cache(tmp_path, [r for r in rules if r.category == "quotes"])
    assert everything.key("a.txt", b"x") != fewer.key("a.txt", b"x")
    assert everything.key("a.txt", b"x") != everything.key("b.txt", b"x")
    assert everything.key("a.txt", b"x") != Cache(tmp_path, rules, "gb18030").key("a.txt", b"x")
    assert everything.key("a.txt", b"x") == Cache(tmp_path, rules).key("a.txt", b"x")


def test_selecting_other_rules_reuses_nothing_from_the_cache(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text("他说：“今天开会。培训培训。\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    only_quotes = wenlint("check", "-q", "--select", "quotes", "--cache-dir", cache, "a.txt", cwd=tmp_path).stdout
    everything = wenlint("check", "-q", "--cache-dir", cache, "a.txt", cwd=tmp_path).stdout
    assert "duplication.word" not in only_quotes
    assert "a.txt:1:10: warning [duplication.word]" in everything


def test_a_corrupt_entry_is_a_miss(tmp_path):
    document = tmp_path / "a.txt"
    document.write_text("他说：“今天开会。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = wenlint("check", "-q", "--cache-dir", str(cache), "a.txt", cwd=tmp_path).stdout
    [entry] = [p for p in cache.rglob("*") if p.is_file() and p.parent.parent.name == "results"]
    entry.write_bytes(entry.read_bytes()[:20])
    assert wenlint("check", "-q", "--cache-dir", str(cache), "a.txt", cwd=tmp_path).stdout == first


def test_an_entry_whose_summaries_hold_a_foreign_class_is_a_miss(tmp_path, default_rules):
    """Summaries are unpickled only when the set phase reads them: a cached result whose summaries the
    safe unpickler refuses is linted again there, and the run reports what a run without the cache does."""
    import dataclasses
    import shutil

    from linter.cache import LAYOUT
    from linter.results import PackedSummaries, encode_result
    from linter.runner import run

    for name, text in (("a.txt", "他说：“今天开会。”这个这个\n"), ("b.txt", "今天开会,明天出发,后天回来。\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    expected = list(run(paths, default_rules).findings)
    cache = Cache(tmp_path / "cache", default_rules)
    assert list(run(paths, default_rules, cache=cache).findings) == expected
    for result in runner.lint_files([Path(p) for p in paths], default_rules, cache=cache):
        assert result.cached and result.summaries
        foreign = PackedSummaries.of({rule_id: Path("x") for rule_id in result.summaries})
        cache.store(result.key, encode_result(dataclasses.replace(result, summaries=foreign)))
    shutil.rmtree(tmp_path / "cache" / LAYOUT / "sets")
    assert list(run(paths, default_rules, cache=cache).findings) == expected
    for result in runner.lint_files([Path(p) for p in paths], default_rules, cache=cache):
        assert result.cached
        result.summaries.verify()  # the files linted again were stored again


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def test_a_planted_entry_cannot_run_code(tmp_path):
    with pytest.raises(pickle.UnpicklingError, match="posix.system|os.system"):
        safe_loads(pickle.dumps(_RunsCode()))
    with pytest.raises(pickle.UnpicklingError):
        safe_loads(pickle.dumps(Path("x")))
    finding = Finding("quotes.unclosed", "error", "m", Location("a.txt", 1, 2, 1, 3))
    assert safe_loads(pickle.dumps({"f": [finding], "s": {1, 2}})) == {"f": [finding], "s": {1, 2}}


def test_example_verification_is_cached_but_reruns_when_rules_change(tmp_path):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    rule = tmp_path / "rules" / "mine.yaml"
    text = (
        "rules:\n  - id: punctuation.ascii-comma\n    kind: pattern\n    severity: warning\n"
        "    message: 半角逗号\n    patterns: ['(?<=\\p{Han}),(?=\\p{Han})']\n"
        "    examples:\n      bad: ['甲,乙']\n      good: ['{good}']\n"
    )
    cache = str(tmp_path / "cache")
    rule.write_text(text.replace("{good}", "甲，乙"), encoding="utf-8")
    (tmp_path / "ok.txt").write_text("甲，乙。\n", encoding="utf-8")
    args = ["check", "--no-default-rules", "--rules", str(rules_dir), "--cache-dir", cache, "ok.txt"]
    assert wenlint(*args, cwd=tmp_path).returncode == 0
    assert len(list((tmp_path / "cache").rglob("examples/*"))) == 1
    assert wenlint(*args, cwd=tmp_path).returncode == 0
    rule.write_text(text.replace("{good}", "丙,丁"), encoding="utf-8")
    broken = wenlint(*args, cwd=tmp_path)
    assert broken.returncode == 2
    assert "punctuation.ascii-comma: examples.good: good example #1 '丙,丁' produces a finding" in broken.stderr



def test_verified_examples_are_remembered_per_user_even_without_a_cache(tmp_path, monkeypatch):
    from linter import app

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    verified = []
    monkeypatch.setattr(app, "verify_all_examples", verified.append)
    first = app.load_rule_set((), False, None)
    again = app.load_rule_set((), False, None)
    assert len(verified) == 1 and [r.id for r in again] == [r.id for r in first]
    assert len(list((tmp_path / "user" / "wenlint").rglob("examples/*"))) == 1
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "mine.yaml").write_text(
        "rules:\n  - id: punctuation.mine\n    kind: pattern\n    severity: warning\n    message: 半角逗号\n"
        "    patterns: [',']\n    examples:\n      bad: ['甲,乙']\n      good: ['甲，乙']\n", encoding="utf-8")
    app.load_rule_set((str(rules_dir),), False, None)
    assert len(verified) == 2, "a rule set with another rule file is verified again"

# A set-level kind, installed for the tests below only: the summaries of
# every document must reach check_set, from workers and from the cache alike.
class _CountQuotes:
    KIND = "test-count-quotes"
    SCOPE = "set"
    FIELDS: dict = {}

    @staticmethod
    def compile(options):
        return None

    @staticmethod
    def summarize(document, rule):
        return {"quotes": document.text.count("“"), "line": document.line_count}

    @staticmethod
    def check_set(summaries, rule):
        total = sum(s["quotes"] for _, s in summaries)
        path, last = summaries[-1]
        location = Location(path, last["line"], 1, last["line"], 2)
        return [Finding(rule.id, rule.severity, f"{len(summaries)} documents, {total} quotes", location)]


@pytest.fixture
def set_rule(monkeypatch):
    monkeypatch.setitem(checks.kinds(), _CountQuotes.KIND, _CountQuotes)
    return parse_rule(
        {"id": "consistency.test-count", "kind": _CountQuotes.KIND, "severity": "info", "message": "x",
         "examples": {"bad": [["“"]], "good": [["x"]]}},
        "test",
    )


def test_set_level_summaries_come_back_from_workers_and_cache(corpus, tmp_path, monkeypatch, set_rule):
    from linter.runner import run

    rules = load_rules([default_rules_dir()]) + [set_rule]
    files = sorted(corpus.rglob("*.txt"))
    expected_quotes = sum(p.read_text(encoding="utf-8").count("“") for p in files)
    monkeypatch.setattr(runner, "MIN_PARALLEL_BYTES", 0)
    cache = Cache(tmp_path / "cache", rules)
    results = [
        run([str(corpus)], rules, jobs=1),
        run([str(corpus)], rules, jobs=2),
        run([str(corpus)], rules, jobs=2, cache=cache),
        run([str(corpus)], rules, jobs=2, cache=cache),
    ]
    set_findings = [[f for f in r.findings if f.rule == "consistency.test-count"] for r in results]
    assert set_findings[0][0].message == f"70 documents, {expected_quotes} quotes"
    assert all(found == set_findings[0] for found in set_findings)
    assert all(r.findings == results[0].findings for r in results)


def test_unreadable_files_are_reported_the_same_with_a_pool(corpus, tmp_path, monkeypatch):
    from linter.runner import run

    broken = tmp_path / "bad.txt"
    broken.write_bytes(b"\xff\xfe\x00bad")
    rules = load_rules([default_rules_dir()])
    monkeypatch.setattr(runner, "MIN_PARALLEL_BYTES", 0)
    serial = run([str(corpus), str(broken)], rules, jobs=1)
    parallel = run([str(corpus), str(broken)], rules, jobs=2, cache=Cache(tmp_path / "cache", rules))
    assert [str(e) for e in parallel.errors] == [str(e) for e in serial.errors] == [f"{broken}: binary file (NUL byte at offset 2), not checked"]
    assert parallel.findings == serial.findings


def test_a_rerun_with_every_default_rule_reads_every_result_from_the_cache(tmp_path, monkeypatch, default_rules):
    """Every rule's results, set-level summaries included, must survive the cache's safe unpickler."""
    from linter import runner
    from linter.cache import Cache

    files = sorted(SEEDS.glob("*.txt"))
    rules = [r for r in default_rules if r.enabled]
    first = runner.lint_files(files, rules, cache=Cache(tmp_path, rules))

    def no_linting(*args, **kwargs):
        raise AssertionError("a cached file was linted again")

    monkeypatch.setattr(runner, "lint_document", no_linting)
    second = runner.lint_files(files, rules, cache=Cache(tmp_path, rules))
    assert [r.findings for r in second] == [r.findings for r in first]
    assert [r.summaries.keys() for r in second] == [r.summaries.keys() for r in first]


def test_chunks_hand_out_every_file_once_in_order_and_shrink_towards_the_end():
    sizes = [10_000] * 3000
    chunks = runner.Chunks(sizes, jobs=2)
    handed = []
    while (chunk := chunks.take()) is not None:
        handed.append(chunk)
    assert [n for chunk in handed for n in chunk] == list(range(3000))
    taken = [sum(sizes[n] for n in chunk) for chunk in handed]
    assert taken[0] >= runner.MAX_CHUNK_BYTES and taken[-1] <= runner.MIN_CHUNK_BYTES
    assert taken == sorted(taken, reverse=True)
    assert len(handed) < 100  # a message per chunk, not per file


def test_chunks_take_a_file_larger_than_any_chunk_alone():
    chunks = runner.Chunks([5 << 20, 10, 10], jobs=2)
    assert list(chunks.take()) == [0]
    assert list(chunks.take()) == [1, 2]
    assert chunks.take() is None


def _dies(path):
    os._exit(3)


def _fails(path):
    raise ValueError(f"cannot lint {path.name}")


@pytest.mark.parametrize("work, error", [(_dies, runner.WorkerStopped), (_fails, ValueError)])
def test_a_worker_that_dies_or_fails_stops_the_run_with_its_error(corpus, monkeypatch, work, error):
    monkeypatch.setattr(runner, "_work", work)
    rules = [r for r in load_rules([default_rules_dir()]) if r.id == "punctuation.ascii-in-chinese"]
    with pytest.raises(error):
        runner.lint_files(sorted(corpus.rglob("*.txt")), rules, jobs=2)
