"""Throughput of `wenlint check --scheduler` against the local pool, on one machine.

    python benchmarks/cluster.py                  # 500 files, ~7.9 MB, median of 3 runs
    python benchmarks/cluster.py --copies 2000 --repeat 1

Uses the corpus of benchmarks/throughput.py (built under benchmarks/corpus/).
Every figure is a whole `wenlint check --no-cache` process with its output sent
to /dev/null: `--jobs 1` and `--jobs 2` (the local pool), `--scheduler local`
with 1 and 2 workers (the run starts and stops its own LocalCluster), and an
existing LocalCluster of 1 and 2 workers started by this script beforehand and
warmed by one run over seeds/ (`--scheduler tcp://...`: what a standing cluster
costs per run). Overhead is the wall time against `--jobs` with as many
processes. CPU seconds are the whole process's with its children (the pool's
workers, a LocalCluster's), plus, for an existing cluster, what its workers
spent during the runs (their getrusage, averaged over the runs): on a loaded
machine they vary less than the wall-clock figures. The load average is printed.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import resource
import time
from pathlib import Path

from throughput import CORPUS, SEEDS, _load, build_corpus, median_of, wenlint


def worker_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=500, help="files in the corpus (500: ~7.9 MB)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is printed)")
    parser.add_argument("--corpus-dir", type=Path, default=CORPUS)
    options = parser.parse_args()
    from distributed import Client, LocalCluster

    corpus, size = build_corpus(options.corpus_dir / f"x1-{options.copies}", options.copies)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, median of {options.repeat} runs, "
          f"{options.copies} files, {size / 1e6:.1f} MB, --no-cache, output to /dev/null")
    print(f"load average before: {_load()}\n")
    check = [str(corpus), "--no-cache", "--fail-on", "never"]
    rows = []
    local_pool = {}
    for jobs in (1, 2):
        local_pool[jobs] = median_of(options.repeat, wenlint(*check, "--jobs", str(jobs)))
        rows.append((f"--jobs {jobs} (local pool)", jobs, local_pool[jobs], local_pool[jobs].cpu))
    for workers in (1, 2):
        measured = median_of(options.repeat, wenlint(*check, "--scheduler", "local", "--jobs", str(workers)))
        rows.append((f"--scheduler local, {workers} worker{'s' * (workers > 1)}", workers, measured, measured.cpu))
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            address = cluster.scheduler_address
            median_of(1, wenlint(str(SEEDS), "--no-cache", "--scheduler", address))
            before = sum(client.run(worker_cpu).values())
            measured = median_of(options.repeat, wenlint(*check, "--scheduler", address))
            spent = (sum(client.run(worker_cpu).values()) - before) / options.repeat
            rows.append((f"existing cluster, {workers} worker{'s' * (workers > 1)}", workers, measured, measured.cpu + spent))
    print("| run | processes | wall s | MB/s | wall against --jobs N | CPU s | MB per CPU s |")
    print("|---|---|---|---|---|---|---|")
    for name, processes, measured, cpu in rows:
        against = measured.wall / local_pool[processes].wall
        print(f"| {name} | {processes} | {measured.wall:.2f} | {size / 1e6 / measured.wall:.2f} | {against:.2f}x "
              f"| {cpu:.2f} | {size / 1e6 / cpu:.2f} |")
    print(f"\nload average after: {_load()}")


if __name__ == "__main__":
    main()
