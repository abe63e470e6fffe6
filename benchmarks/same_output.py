"""Guard for refactorings: every output format's bytes before and after a change must be identical.

    git worktree add --detach /tmp/before main                                 # the old code, beside this checkout
    python benchmarks/same_output.py record /tmp/before-output --code /tmp/before
    python benchmarks/same_output.py compare /tmp/before-output               # this checkout: exit 1 when anything differs

Runs `wenlint check` (as `python -m linter` from SRC, default this checkout) on seeds/, tests/corpus and
the shared CCTV corpus (../shared/corpus/cctv-news, by its absolute path, when it is there), in every
format `wenlint check --help` lists and a few text variants, with `--no-cache`, once with `--jobs 1` and
once with the default jobs, always from this checkout's root, so paths in the output are the same
between runs. DIR keeps each run's stdout, stderr and exit status.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared" / "corpus" / "cctv-news").resolve()
TEXT_VARIANTS = {"text --statistics": ["--statistics"], "text --quiet": ["--quiet"], "text --max-per-rule 0": ["--max-per-rule", "0"]}


def wenlint(code: Path, *args: str) -> subprocess.CompletedProcess:
    # -P: the code comes from PYTHONPATH, never from the working directory (this checkout)
    env = dict(os.environ, PYTHONPATH=str(code), COLUMNS="100", NO_COLOR="1")
    return subprocess.run([sys.executable, "-P", "-m", "linter", *args], cwd=ROOT, env=env, capture_output=True)


def formats(code: Path) -> list[str]:
    """The formats `wenlint check --help` lists."""
    listed = re.search(r"Output format: ([a-z, ]+)\.", " ".join(wenlint(code, "check", "--help").stdout.decode().split()))
    if listed is None:
        sys.exit("cannot find the output formats in `wenlint check --help`")
    return [name.strip() for name in listed.group(1).split(",")]


def runs(code: Path) -> dict[str, list[str]]:
    """Run name -> arguments of `wenlint check`."""
    targets = {"seeds": "seeds", "corpus": "tests/corpus"}
    if SHARED.is_dir():
        targets["cctv"] = str(SHARED)
    variants = {name: ["--format", name] for name in formats(code)}
    variants.update(TEXT_VARIANTS)
    found = {}
    for target, path in targets.items():
        for variant, options in variants.items():
            for jobs in (["--jobs", "1"], []):
                name = f"{target} {variant} {' '.join(jobs) or 'default-jobs'}"
                found[name] = ["check", path, "--no-cache", "--color", "never", *options, *jobs]
    return found


def record(code: Path) -> dict[str, tuple[int, bytes, bytes]]:
    results = {}
    for name, args in runs(code).items():
        proc = wenlint(code, *args)
        results[name] = (proc.returncode, proc.stdout, proc.stderr)
        print(f"{name}: exit {proc.returncode}, {len(proc.stdout):,} bytes", file=sys.stderr)
    return results


def save(folder: Path, results: dict[str, tuple[int, bytes, bytes]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    index = {}
    for i, (name, (status, out, err)) in enumerate(results.items()):
        (folder / f"{i}.out").write_bytes(out)
        (folder / f"{i}.err").write_bytes(err)
        index[name] = {"exit": status, "file": i}
    (folder / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")


def load(folder: Path) -> dict[str, tuple[int, bytes, bytes]]:
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return {name: (entry["exit"], (folder / f"{entry['file']}.out").read_bytes(), (folder / f"{entry['file']}.err").read_bytes())
            for name, entry in index.items()}


def differences(before: dict, after: dict) -> list[str]:
    found = [f"{name}: only in the record" for name in before.keys() - after.keys()]
    found += [f"{name}: not in the record" for name in after.keys() - before.keys()]
    for name in sorted(before.keys() & after.keys()):
        for part, old, new in zip(("exit status", "stdout", "stderr"), before[name], after[name]):
            if old == new:
                continue
            if isinstance(old, int):
                found.append(f"{name}: exit status {old} -> {new}")
                continue
            old_lines, new_lines = old.splitlines(), new.splitlines()
            at = next((i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b), min(len(old_lines), len(new_lines)))
            found.append(f"{name}: {part} differs from line {at + 1} ({len(old):,} -> {len(new):,} bytes)\n"
                         f"    before: {old_lines[at][:160] if at < len(old_lines) else '<end>'!r}\n"
                         f"    after:  {new_lines[at][:160] if at < len(new_lines) else '<end>'!r}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose linter/ runs (default: this one)")
    options = parser.parse_args()
    now = record(options.code.resolve())
    if options.action == "record":
        save(options.folder, now)
        print(f"recorded {len(now)} runs in {options.folder}")
        return
    found = differences(load(options.folder), now)
    if not found:
        print(f"same output: {len(now)} runs, every byte")
        return
    print(f"{len(found)} differences:")
    print("\n".join(found[:50]))
    sys.exit(1)


if __name__ == "__main__":
    main()
