"""Guard for optimisations: the findings before and after a change must be byte-identical.

    python benchmarks/same_findings.py record before.json     # on the old code
    python benchmarks/same_findings.py compare before.json    # on the new code: exit 1 when anything differs

Lints seeds/ and 300 generated variant documents (benchmarks/variants.py:
every rule example spliced into cut-up seed text) with every default rule,
as JSON, with `--jobs 1` and with the default jobs, and without the cache.
"""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A fixed place (git-ignored): fingerprints hash the path, so it must not change between runs.
VARIANTS = ROOT / "benchmarks" / "corpus" / "variants"


def findings() -> str:
    shutil.rmtree(VARIANTS, ignore_errors=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "variants.py"), str(VARIANTS)], check=True)
    runs = {}
    variants = str(VARIANTS.relative_to(ROOT))
    for name, args in {"seeds": ["seeds"], "variants --jobs 1": [variants, "--jobs", "1"], "variants": [variants]}.items():
        proc = subprocess.run(
            [sys.executable, "-m", "linter", "check", *args, "--format", "json", "--no-cache"],
            cwd=ROOT, capture_output=True, text=True,
        )
        if proc.returncode not in (0, 1):
            sys.exit(f"wenlint failed on {name}: {proc.stderr}")
        runs[name] = json.loads(proc.stdout)
    return json.dumps(runs, ensure_ascii=False, indent=1, sort_keys=True)


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "compare"):
        sys.exit(__doc__)
    path = Path(sys.argv[2])
    now = findings()
    if sys.argv[1] == "record":
        path.write_text(now, encoding="utf-8")
        return
    before = path.read_text(encoding="utf-8")
    if now == before:
        print("same findings")
        return
    sys.stdout.writelines(list(difflib.unified_diff(before.splitlines(True), now.splitlines(True), "before", "after"))[:200])
    sys.exit(1)


if __name__ == "__main__":
    main()
