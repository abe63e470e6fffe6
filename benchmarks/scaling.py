"""Time and memory against a document's size: one file of N seed copies, and the same text as N files.

    python benchmarks/scaling.py                       # N = 10, 30, 100, 300
    python benchmarks/scaling.py --copies 10,30 --timeout 120
    python benchmarks/scaling.py --copies 0 --long-line 20000000   # one-line documents only
    python benchmarks/scaling.py --copies 0 --hostile 20000000     # the hostile-input set in one run
    python benchmarks/scaling.py --add consistency.word-variant    # the default rules and this one

A copy is the five seeds (seeds/*.txt, in name order) run together; document N is N copies in one
file, deterministic, rebuilt under benchmarks/scaling-corpus/ (git-ignored) when missing. Each row
is one fresh `wenlint check --jobs 1 --no-cache --format json` process: CPU seconds (user + system,
from wait4: the machine may be shared), MB/s of CPU time, peak resident memory and the findings it reports; `start` is the same on an empty file (start-up,
rule loading). --long-line C adds two one-line documents of C characters: the seeds run together
without line breaks, and one character repeated. --hostile C lints one folder holding a binary file,
an empty one, GB18030, CRLF with a BOM, lone surrogate bytes, a broken symbolic link and a line of C
characters: exit 2, each bad file named on one line. The goal (issue 16): MB/s flat within ±30 %
across N, one file within 1.5x of the split files, a 60 MB line and the hostile set under 60 s and 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path(__file__).resolve().parent / "scaling-corpus"


def copy_text() -> bytes:
    """One copy: the seeds run together, each ending in a line break."""
    return b"".join(p.read_bytes().rstrip(b"\r\n") + b"\n\n" for p in sorted(SEEDS.glob("*.txt")))


def build(copies: int) -> tuple[Path, Path]:
    """(one file of `copies` copies, a folder of `copies` files of one copy each), made once."""
    unit = copy_text()
    one = CORPUS / f"one-{copies}.txt"
    split = CORPUS / f"split-{copies}"
    CORPUS.mkdir(exist_ok=True)
    if not one.exists() or one.stat().st_size != len(unit) * copies:
        one.write_bytes(unit * copies)
    if not split.is_dir() or len(list(split.iterdir())) != copies:
        split.mkdir(exist_ok=True)
        for i in range(copies):
            (split / f"{i:04d}.txt").write_bytes(unit)
    return one, split


def long_lines(chars: int) -> dict[str, Path]:
    """Two documents of one line of `chars` characters: real text run together, and one character repeated."""
    unit = copy_text().decode("utf-8").replace("\r", "").replace("\n", "")
    made = {"line": CORPUS / f"line-{chars}.txt", "run": CORPUS / f"run-{chars}.txt"}
    if not made["line"].exists():
        made["line"].write_text((unit * (chars // len(unit) + 1))[:chars] + "\n", encoding="utf-8")
    if not made["run"].exists():
        made["run"].write_text("长" * chars + "\n", encoding="utf-8")
    return made


def hostile_set(chars: int) -> tuple[Path, list[str]]:
    """A folder of hostile inputs, made once, and the names of the files that must be reported as unreadable."""
    folder = CORPUS / f"hostile-{chars}"
    if not folder.is_dir():
        folder.mkdir(parents=True)
        sentence = "据悉，市检察机关以打造实践基地为牵引，积极推进常规培训。"
        (folder / "plain.txt").write_text(sentence + "\n", encoding="utf-8")
        (folder / "empty.txt").write_bytes(b"")
        (folder / "crlf-bom.txt").write_bytes(b"\xef\xbb\xbf" + (sentence + "\r\n").encode() * 2)
        (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
        (folder / "gb18030.txt").write_bytes((sentence * 20 + "\n").encode("gb18030"))
        (folder / "surrogate.txt").write_bytes(sentence.encode() + b"\xed\xa0\x80\n")
        (folder / "long-line.txt").write_bytes(long_lines(chars)["line"].read_bytes())
        (folder / "broken-link.txt").symlink_to(folder / "missing-target.txt")
    return folder, ["binary.txt", "gb18030.txt", "surrogate.txt", "broken-link.txt"]


def measure(target: Path, timeout: float, select: list[str] | None = None) -> dict:
    """One `wenlint check` of `target`: CPU seconds, peak RSS (MB), findings, exit code and error lines, or a timeout."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out, tempfile.TemporaryFile() as errors:
        command = [sys.executable, "-m", "linter", "check", str(target), "--jobs", "1", "--no-cache", "--format", "json",
                   "--output", out.name, "--fail-on", "never"]
        if select:
            command += ["--select", ",".join(select)]
        started = time.monotonic()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return {"seconds": None, "rss": None, "findings": None}
            time.sleep(0.05)
        seconds = usage.ru_utime + usage.ru_stime
        code = os.waitstatus_to_exitcode(status)
        try:
            findings = json.load(open(out.name, encoding="utf-8"))["summary"]["findings"]
        except (OSError, ValueError, KeyError):
            findings = f"exit {code}"
        return {"seconds": seconds, "rss": usage.ru_maxrss / 1024, "findings": findings, "exit": code,
                "errors": (errors.seek(0), errors.read())[1].decode("utf-8", "replace").splitlines()}


def row(label: str, copies: int, size: int, m: dict) -> str:
    mb = size / 1e6
    if m["seconds"] is None:
        return f"{label:6s} {copies:5d} {mb:8.1f} {'timeout':>9s}"
    return f"{label:6s} {copies:5d} {mb:8.1f} {m['seconds']:9.1f} {mb / m['seconds']:7.2f} {m['rss']:9.0f} {m['findings']!s:>9s}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", default="10,30,100,300", help="comma-separated N (default 10,30,100,300)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped (default 600)")
    parser.add_argument("--one-only", action="store_true", help="skip the split files")
    parser.add_argument("--long-line", type=int, default=0, metavar="CHARS", help="also one-line documents of CHARS characters")
    parser.add_argument("--hostile", type=int, default=0, metavar="CHARS", help="also the hostile-input set, its long line of CHARS characters")
    parser.add_argument("--add", default="", metavar="RULES", help="comma-separated rule ids to run besides the default rules")
    args = parser.parse_args(argv)
    CORPUS.mkdir(exist_ok=True)
    select = default_rule_ids() + args.add.split(",") if args.add else None
    empty = CORPUS / "empty.txt"
    empty.write_bytes(b"")
    start = measure(empty, args.timeout, select)
    print(f"start-up (an empty file): {start['seconds']:.1f} s CPU, {start['rss']:.0f} MB")
    print(f"{'layout':6s} {'N':>5s} {'MB':>8s} {'CPU s':>9s} {'MB/s':>7s} {'peak MB':>9s} {'findings':>9s}")
    for copies in (int(n) for n in args.copies.split(",") if int(n)):
        one, split = build(copies)
        size = one.stat().st_size
        print(row("one", copies, size, measure(one, args.timeout, select)), flush=True)
        if not args.one_only:
            print(row("split", copies, size, measure(split, args.timeout, select)), flush=True)
    if args.long_line:
        for label, path in long_lines(args.long_line).items():
            print(row(label, 1, path.stat().st_size, measure(path, args.timeout, select)), flush=True)
    if args.hostile:
        folder, bad = hostile_set(args.hostile)
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        m = measure(folder, args.timeout, select)
        print(row("hostile", 1, size, m), flush=True)
        if m["seconds"] is not None:
            named = [name for name in bad if sum(name in line for line in m["errors"]) == 1]
            print(f"hostile set: exit {m['exit']}, {len(m['errors'])} error lines, bad files named once: "
                  f"{len(named)} of {len(bad)}{'' if len(named) == len(bad) else ' (missing: ' + ', '.join(sorted(set(bad) - set(named))) + ')'}")
    return 0


def default_rule_ids() -> list[str]:
    """The ids of the rules `wenlint check` runs when nothing is selected."""
    sys.path.insert(0, str(ROOT))
    from linter.rules import default_rules_dir, load_rules

    return [rule.id for rule in load_rules([default_rules_dir()]) if rule.enabled]


if __name__ == "__main__":
    sys.exit(main())
