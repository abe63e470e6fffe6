"""Throughput of `wenlint check`, measured as a user runs it: the whole process.

    python benchmarks/throughput.py                      # issue-8 corpus: 2,000 files, ~31.6 MB; scales 1x, 4x, 16x
    python benchmarks/throughput.py --scales 1,4 --repeat 1   # a quicker pass
    python benchmarks/throughput.py --copies 1300 --scales 1  # just over 20 MB, one size

The corpus is built deterministically from seeds/ under benchmarks/corpus/
(git-ignored): file i is seed i mod 5 with a line naming its copy number, so no
two files are byte-identical and a content cache cannot serve one file for
another. Every run is a fresh process (`--no-cache` unless the cache is what is
measured) with its output sent to /dev/null; wall time, CPU time and peak
resident memory (the largest single process of the run: with a pool, the
parent or one worker) come from wait4(2). Figures are medians of --repeat runs.

Printed: the scaling table (MB/s and peak memory at each corpus size), --jobs 1
against the default jobs, the cost of a cached re-run against a cold one,
start-up time on one small file, then for the 1x corpus one line each for the
default jobs, --jobs 1 and autocorrect-node (`lintFor` on every file, in one node
process; installed with npm under the corpus folder on first use): MB/s by wall
time, MB per CPU second and peak RSS, and wenlint's ratio to autocorrect-node.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUTOCORRECT_NODE_VERSION = "^2.14.0"
SEEDS = ROOT / "seeds"
CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_mb: float
    status: int


def build_corpus(directory: Path, copies: int) -> tuple[Path, int]:
    """`copies` files cycling over the seeds, each marked with its number; reused when complete."""
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_bytes() for p in seeds]
    stamp = directory / ".complete"
    if not (stamp.exists() and stamp.read_text() == str(copies)):
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        for i in range(copies):
            seed = seeds[i % len(seeds)]
            body = texts[i % len(texts)].rstrip(b"\r\n")
            mark = f"\n\n本文为基准语料第{i + 1}份。\n".encode()
            folder = directory / f"{i // 500:03d}"
            folder.mkdir(exist_ok=True)
            (folder / f"{seed.stem}-{i + 1:06d}.txt").write_bytes(body + mark)
        stamp.write_text(str(copies))
    size = sum(p.stat().st_size for p in directory.rglob("*.txt"))
    return directory, size


def measure(argv: list[str], cwd: Path | None = None) -> Measure:
    """Run one process to completion; wall time, CPU time (self + children), peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def median_of(runs: int, argv: list[str], cwd: Path | None = None) -> Measure:
    results = [measure(argv, cwd) for _ in range(runs)]
    for r in results:
        if r.status not in (0, 1):
            sys.exit(f"benchmark: {' '.join(argv)} exited with status {r.status}")
    return Measure(
        statistics.median(r.wall for r in results),
        statistics.median(r.cpu for r in results),
        max(r.rss_mb for r in results),
        results[0].status,
    )


def wenlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "linter", "check", *args]


AUTOCORRECT_NODE = """
const fs = require("fs"), path = require("path");
const autocorrect = require("autocorrect-node");
function walk(dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) walk(full);
    else if (name.endsWith(".txt")) autocorrect.lintFor(fs.readFileSync(full, "utf8"), name);
  }
}
walk(process.argv[2]);
"""


def autocorrect_node(directory: Path) -> list[str] | None:
    """`node` running autocorrect-node's lintFor on every file, installed with npm under `directory`."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        return None
    if not (directory / "node_modules" / "autocorrect-node").is_dir():
        directory.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(directory),
                                    f"autocorrect-node@{AUTOCORRECT_NODE_VERSION}"], capture_output=True, text=True)
        if installed.returncode != 0:
            print(f"npm could not install autocorrect-node: {installed.stderr.strip()[:200]}")
            return None
    script = directory / "lint.js"
    script.write_text(AUTOCORRECT_NODE, encoding="utf-8")
    return [node, str(script)]


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def mbps(size: int, m: Measure) -> float:
    return size / 1e6 / m.wall


def cpu_mbps(size: int, m: Measure) -> float:
    return size / 1e6 / m.cpu


def summary(name: str, size: int, m: Measure) -> str:
    """One run's figures on one line: wall and CPU throughput, peak memory."""
    return (f"{name}: {mbps(size, m):.2f} MB/s wall ({m.wall:.2f} s), {cpu_mbps(size, m):.2f} MB per CPU s "
            f"({m.cpu:.2f} s), peak RSS {m.rss_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=2000, help="files in the 1x corpus (2,000: ~31.6 MB)")
    parser.add_argument("--scales", default="1,4,16", help="corpus sizes to run, as multiples of --copies")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is printed)")
    parser.add_argument("--jobs", type=int, default=None, help="the 'default jobs' figure uses this --jobs (default: wenlint's own default)")
    parser.add_argument("--corpus-dir", type=Path, default=CORPUS)
    parser.add_argument("extra", nargs="*", help="extra arguments for `wenlint check` (after --)")
    options = parser.parse_args()
    scales = [int(s) for s in options.scales.split(",") if s.strip()]
    default_jobs = ["--jobs", str(options.jobs)] if options.jobs else []
    extra = list(options.extra)

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
    print(f"date: {time.strftime('%Y-%m-%d')}, median of {options.repeat} runs, whole process, output to /dev/null")
    print(f"load average before: {_load()} (other work on the machine slows wall-clock figures; CPU figures suffer less)\n")

    corpora = {}
    for scale in sorted(set(scales) | {1}):
        corpora[scale] = build_corpus(options.corpus_dir / f"x{scale}-{options.copies}", options.copies * scale)
    base, base_size = corpora[1]
    files = options.copies

    print("| corpus | files | MB | jobs | wall s | MB/s | CPU s | MB per CPU s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    scaling = {}
    for scale in scales:
        directory, size = corpora[scale]
        m = median_of(options.repeat, wenlint("--no-cache", *default_jobs, *extra, str(directory)))
        scaling[scale] = m
        jobs = options.jobs or "default"
        print(f"| {scale}x | {files * scale} | {size / 1e6:.1f} | {jobs} | {m.wall:.2f} | {mbps(size, m):.1f} | {m.cpu:.2f} | {size / 1e6 / m.cpu:.1f} | {m.rss_mb:.0f} |")
    one = median_of(options.repeat, wenlint("--no-cache", "--jobs", "1", *extra, str(base)))
    print(f"| 1x | {files} | {base_size / 1e6:.1f} | 1 | {one.wall:.2f} | {mbps(base_size, one):.1f} | {one.cpu:.2f} | {base_size / 1e6 / one.cpu:.1f} | {one.rss_mb:.0f} |")

    if len(scaling) > 1:
        first = min(scaling)
        print("\nscaling (seconds per MB relative to the smallest corpus): " + ", ".join(
            f"{s}x {scaling[s].wall / (corpora[s][1]) / (scaling[first].wall / corpora[first][1]):.2f}" for s in sorted(scaling)))

    cold = scaling.get(1) or median_of(options.repeat, wenlint("--no-cache", *default_jobs, *extra, str(base)))
    with tempfile.TemporaryDirectory(prefix="wenlint-bench-cache-") as cache_dir:
        filling = measure(wenlint("--cache-dir", cache_dir, *default_jobs, *extra, str(base)))
        cached = median_of(options.repeat, wenlint("--cache-dir", cache_dir, *default_jobs, *extra, str(base)))
    print(f"\ncold run (--no-cache): {cold.wall:.2f} s; first run filling the cache: {filling.wall:.2f} s; "
          f"cached re-run: {cached.wall:.3f} s = {100 * cached.wall / cold.wall:.1f} % of cold")

    small = SEEDS / "004_a6d7a54a70ca9500.txt"
    with tempfile.TemporaryDirectory(prefix="wenlint-bench-start-") as cache_dir:
        measure(wenlint("--cache-dir", cache_dir, str(small)))
        warm = median_of(max(5, options.repeat), wenlint("--cache-dir", cache_dir, str(small)))
    fresh = median_of(max(5, options.repeat), wenlint("--no-cache", str(small)))
    print(f"start-up, one small file ({small.stat().st_size / 1000:.0f} kB): {fresh.wall:.3f} s with --no-cache "
          f"(the rule set's examples already verified for this user), {warm.wall:.3f} s with the cache")

    print(f"\non the 1x corpus ({base_size / 1e6:.1f} MB):")
    print("  " + summary(f"wenlint --jobs {options.jobs or 'default'}", base_size, cold))
    print("  " + summary("wenlint --jobs 1", base_size, one))
    print(f"  default jobs / --jobs 1, by wall time: {one.wall / cold.wall:.2f}x")
    command = autocorrect_node(options.corpus_dir / "autocorrect-node")
    if command is None:
        print(f"load average after: {_load()}")
        print("\nnode and npm are needed to compare with autocorrect-node -- no comparison")
        return
    ac = median_of(options.repeat, [*command, str(base)])
    print("  " + summary("autocorrect-node (lintFor per file, one process)", base_size, ac))
    print(f"  wenlint / autocorrect-node, by wall time: default jobs {ac.wall / cold.wall:.2f}x, --jobs 1 {ac.wall / one.wall:.2f}x; "
          f"by CPU time: default jobs {ac.cpu / cold.cpu:.2f}x, --jobs 1 {ac.cpu / one.cpu:.2f}x")
    print(f"load average after: {_load()}")

if __name__ == "__main__":
    main()
