"""`wenlint check --scheduler`: a Dask cluster gives what a local run gives, byte for byte."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import cli
from linter.runner import run
from linter.report import ReportOptions, formats

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import variants  # noqa: E402 - benchmarks/variants.py, the generator of varied documents

VARIANTS = 300


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed", reason='the cluster tests need Dask: pip install ".[dask]"')
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The seeds and a few hundred generated variants of them, every rule example spliced in."""
    folder = tmp_path_factory.mktemp("archive")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    rng = variants.random.Random(8)
    paragraphs, fragments = variants.source_paragraphs(), variants.example_fragments()
    for i in range(VARIANTS):
        (folder / f"variant_{i:04d}.txt").write_text(variants.variant(paragraphs, fragments, rng), encoding="utf-8", newline="")
    return folder


@pytest.fixture(scope="module")
def local_run(archive, default_rules):
    return run([str(archive)], default_rules, jobs=1)


def reports(result, folder: Path) -> dict[str, bytes]:
    """Every format's report of a run, as `wenlint check --format F --output FILE` writes it."""
    written = {}
    for name, reporter in sorted(formats().items()):
        options = ReportOptions(color=False, max_per_rule=5, statistics=False, quiet=False, fail_on="warning")
        output = folder / f"report.{name}"
        cli.write_report(reporter, result, options, str(output))
        written[name] = output.read_bytes()
    return written


def test_a_cluster_of_two_workers_gives_every_format_byte_identical(client, archive, local_run, default_rules, tmp_path):
    done = []
    on_cluster = run([str(archive)], default_rules, scheduler=client.scheduler.address, progress=lambda n, total: done.append(n))
    assert len(on_cluster.files) == VARIANTS + 5 and not on_cluster.errors
    assert done == list(range(1, VARIANTS + 6))
    assert any(f.rule.startswith("consistency.") for f in local_run.findings)  # set-level findings are compared too
    (tmp_path / "local").mkdir()
    (tmp_path / "cluster").mkdir()
    expected, got = reports(local_run, tmp_path / "local"), reports(on_cluster, tmp_path / "cluster")
    assert set(got) >= {"text", "json", "jsonl", "sarif", "junit", "github", "gitlab", "html"}
    for name in expected:
        assert got[name] == expected[name], name


def test_a_worker_killed_mid_run_changes_nothing(client, archive, local_run, default_rules, tmp_path):
    pids = client.run(os.getpid)
    before = set(pids)
    killed = []

    def kill_one_worker(done: int, total: int) -> None:
        if not killed and done >= total // 4:
            os.kill(next(iter(pids.values())), signal.SIGKILL)
            killed.append(done)

    result = run([str(archive)], default_rules, scheduler=client.scheduler.address, progress=kill_one_worker)
    assert killed and killed[0] < len(result.files)
    client.wait_for_workers(2, timeout=120)
    assert set(client.scheduler_info()["workers"]) != before  # the nanny started a new worker
    (tmp_path / "local").mkdir()
    (tmp_path / "cluster").mkdir()
    assert reports(result, tmp_path / "cluster")["json"] == reports(local_run, tmp_path / "local")["json"]


@pytest.fixture
def damaged(tmp_path, monkeypatch) -> Path:
    """A folder with a good document, one not in UTF-8 and one binary; a missing one is named too."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(next((ROOT / "seeds").glob("*.txt")), folder / "good.txt")
    (folder / "gbk.txt").write_bytes("报道称，经济稳步回升。".encode("gb18030"))
    (folder / "binary.txt").write_bytes(b"\x00\x01 not text")
    return folder


def invoke(*args: str):
    result = CliRunner().invoke(cli.main, ["check", *args, "--no-cache", "--format", "json"])
    return result.exit_code, result.stdout, result.stderr


def test_a_document_that_fails_on_a_worker_is_reported_as_locally(client, damaged):
    local = invoke("docs", "docs/missing.txt", "--jobs", "1")
    on_cluster = invoke("docs", "docs/missing.txt", "--scheduler", client.scheduler.address)
    assert local[0] == 2
    assert "wenlint: error: docs/gbk.txt: not valid UTF-8 at byte 0" in local[2]
    assert "wenlint: error: docs/missing.txt: no such file or directory" in local[2]
    assert on_cluster == local


def test_the_scheduler_is_read_from_the_configuration(client, damaged):
    from distributed import get_task_stream

    Path("wenlint.yaml").write_text(f"scheduler: {client.scheduler.address}\n", encoding="utf-8")
    with get_task_stream(client) as tasks:
        status, _, _ = invoke("docs/good.txt")
    assert status == 1
    assert any(task["key"].startswith("check_documents") for task in tasks.data)


def test_without_dask_the_scheduler_option_is_a_one_line_error(damaged, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    status, stdout, stderr = invoke("docs/good.txt", "--scheduler", "local")
    assert (status, stdout) == (2, "")
    assert stderr == 'wenlint: error: --scheduler needs Dask: pip install "wenlint[dask]"\n'


def test_documents_behind_a_url_are_listed_and_read_through_fsspec(default_rules):
    fsspec = pytest.importorskip("fsspec", reason='URLs need fsspec: pip install ".[dask]"')
    from linter.loading import discover

    store = fsspec.filesystem("memory")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    store.pipe("/wenlint-test/archive/2001/a.txt", seeds[0].read_bytes())
    store.pipe("/wenlint-test/archive/b.txt", seeds[1].read_bytes())
    store.pipe("/wenlint-test/archive/notes.csv", b"x")
    store.pipe("/wenlint-test/archive/.trash/c.txt", b"x")
    url = "memory://wenlint-test/archive/"
    assert discover([url]) == [url + "2001/a.txt", url + "b.txt"]
    result = run([url, url + "gone.txt"], default_rules, jobs=1)
    local = run([str(seeds[0]), str(seeds[1])], default_rules, jobs=1)
    assert [str(e) for e in result.errors] == [f"{url}gone.txt: no such file or directory"]
    assert [(f.rule, f.line, f.column) for f in result.findings] == [(f.rule, f.line, f.column) for f in local.findings]
    assert {f.path for f in result.findings} == {url + "2001/a.txt", url + "b.txt"}


def test_a_task_that_raises_is_retried_per_document_and_reported_per_document(client, damaged, default_rules):
    """A task fails as a whole when its worker raises outside the per-document errors (here: an
    encoding the workers cannot look up, which the CLI would have refused on the client)."""
    paths = ["docs/gbk.txt", "docs/good.txt"]
    result = run(paths, default_rules, encoding="no-such-codec", scheduler=client.scheduler.address)
    assert result.files == paths
    assert [str(e) for e in result.errors] == [
        f"{path}: could not be checked on the cluster: UsageError: unknown encoding 'no-such-codec' (use auto, utf-8, gb18030, big5, ...)"
        for path in paths]
    assert len(result.findings) == 0


def test_the_cache_is_shared_between_workers_and_local_runs(client, tmp_path, monkeypatch):
    """Workers write entries under the keys a local run looks up, and read them back rather than lint again."""
    from linter import runner

    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "seeds", "docs")
    cached = ["docs", "--cache-dir", "cache", "--format", "json"]
    first = CliRunner().invoke(cli.main, ["check", *cached, "--scheduler", client.scheduler.address])
    entries = sorted(Path("cache").glob("v2/results/*/*"))
    assert first.exit_code == 1 and len(entries) == 5
    written = [(e.stat().st_ino, e.stat().st_mtime_ns) for e in entries]

    def no_linting(*args, **kwargs):
        raise AssertionError("a file was linted again")

    with monkeypatch.context() as patched:
        patched.setattr(runner, "lint_path", no_linting)
        local = CliRunner().invoke(cli.main, ["check", *cached, "--jobs", "1"])
    again = CliRunner().invoke(cli.main, ["check", *cached, "--scheduler", client.scheduler.address])
    assert local.stdout == again.stdout == first.stdout
    assert [(e.stat().st_ino, e.stat().st_mtime_ns) for e in entries] == written
