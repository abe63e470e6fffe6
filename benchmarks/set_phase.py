"""How much the document-set phase costs: time and peak memory on thousands of documents.

    python benchmarks/set_phase.py                 # 1,000 and 5,000 documents
    python benchmarks/set_phase.py --sizes 200 1000

The corpus is generated deterministically from the seed articles (paragraphs
rotated, commas switched to ASCII in some documents, a space put inside quoted
names in others, a document number added) under benchmarks/corpus/ (ignored by
git). Each size runs in a fresh process with the default rules, timing

- the per-document phase (every check, including the set rules' `summarize`),
- `summarize` alone (what set rules add to each document),
- `check_set` alone (the set-level reduce),

and reporting peak RSS. The set phase's share is (summarize + check_set) / total.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
sys.path.insert(0, str(ROOT))


def variant(text: str, number: int) -> str:
    """A plausible new article made from a seed: same style of damage, different arrangement."""
    rng = random.Random(number)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    shift = rng.randrange(len(paragraphs))
    paragraphs = paragraphs[shift:] + paragraphs[:shift]
    out = "\n\n".join(paragraphs)
    if number % 7 == 0:
        out = out.replace("，", ",")
    if number % 11 == 0:
        out = out.replace("“党建+”", "“党建 +”")
    return f"第{number}号稿件\n\n{out}\n"


def generate(size: int) -> Path:
    folder = CORPUS / str(size)
    marker = folder / ".complete"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    for i in range(size):
        (folder / f"{i:05d}.txt").write_text(variant(texts[i % len(texts)], i), encoding="utf-8")
    marker.touch()
    return folder


def measure(folder: Path) -> dict:
    """Run the pipeline of `wenlint check` on `folder` with the set phase timed apart."""
    from linter import runner
    from linter.checks.api import kind_of
    from linter.rules import default_rules_dir, load_rules

    rules = load_rules([default_rules_dir()])
    summarize_time = 0.0
    for module in {kind_of(r) for r in rules if r.set_level}:
        original = module.summarize

        def timed(document, rule, _original=original):
            nonlocal summarize_time
            start = time.perf_counter()
            try:
                return _original(document, rule)
            finally:
                summarize_time += time.perf_counter() - start

        module.summarize = timed
    original_set = runner.lint_set
    set_time = 0.0

    def timed_set(results, rules_):
        nonlocal set_time
        start = time.perf_counter()
        try:
            return original_set(results, rules_)
        finally:
            set_time += time.perf_counter() - start

    runner.lint_set = timed_set
    start = time.perf_counter()
    result = runner.run([str(folder)], rules)
    total = time.perf_counter() - start
    return {
        "documents": len(result.files),
        "findings": len(result.findings),
        "set_findings": sum(1 for f in result.findings if f.category == "consistency"),
        "total_s": round(total, 2),
        "summarize_s": round(summarize_time, 2),
        "check_set_s": round(set_time, 3),
        "set_share": round((summarize_time + set_time) / total, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    rows = []
    for size in args.sizes:
        folder = generate(size)
        out = subprocess.run([sys.executable, __file__, "--child", str(folder)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout))
    header = f"{'documents':>9} {'total s':>8} {'summarize s':>11} {'check_set s':>11} {'set share':>9} {'peak RSS MB':>11} {'findings':>8}"
    print(header)
    for r in rows:
        print(f"{r['documents']:>9} {r['total_s']:>8} {r['summarize_s']:>11} {r['check_set_s']:>11} "
              f"{r['set_share']:>9.1%} {r['peak_rss_mb']:>11} {r['findings']:>8}")


if __name__ == "__main__":
    main()
