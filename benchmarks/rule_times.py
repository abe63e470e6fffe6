"""Where the time goes: CPU milliseconds per MB of text for each default rule, in one process.

    python benchmarks/rule_times.py                 # 100 seed copies (~1.5 MB), the 25 slowest rules
    python benchmarks/rule_times.py DIR --top 60    # the .txt files under DIR
    python benchmarks/rule_times.py DIR --select consistency.word-variant   # these rules only (off by default or not)

CPU time (process_time). Every rule runs on every document in turn (set-level rules: their
`summarize`), warm: a few documents are linted first so that dictionaries and
converters are loaded before the clock starts. Rules that share a per-document
analysis through `document.memo` are charged in file order: the first rule
that needs it pays for it. `<document>` is splitting into paragraphs
(sentences are cut by the rules that need them); `<prefilter>` the one pass
that tells which rules can find anything.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.throughput import CORPUS, build_corpus  # noqa: E402
from linter.checks.api import kind_of  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.engine import rule_may_run  # noqa: E402
from linter.prefilter import DocumentScan  # noqa: E402
from linter.rules import default_rules_dir, load_rules  # noqa: E402

WARM_UP = 5


def run_rule(rule, document: Document, seen: DocumentScan | None = None) -> None:
    """As `linter.engine.lint_document` runs it, skipped on a text its gates rule out (linter.prefilter)."""
    if rule.set_level:
        kind_of(rule).summarize(document, rule)
        return
    if rule_may_run(rule, document.text, seen):
        list(kind_of(rule).check(document, rule))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, nargs="?", help="lint the .txt files under this folder")
    parser.add_argument("--top", type=int, default=25, help="how many rules to list")
    parser.add_argument("--select", default="", help="comma-separated rule ids to time instead of the default rules")
    options = parser.parse_args()
    directory = options.directory or build_corpus(CORPUS / "x1-100", 100)[0]
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.rglob("*.txt"))]
    rules = load_rules([default_rules_dir()])
    if options.select:
        chosen = set(options.select.split(","))
        rules = [rule for rule in rules if rule.id in chosen]
    else:
        rules = [rule for rule in rules if rule.enabled]
    for text in texts[:WARM_UP]:
        document = Document(text, "warm-up.txt")
        seen = DocumentScan(text, rules)
        for rule in rules:
            run_rule(rule, document, seen)
    texts = texts[WARM_UP:] or texts
    megabytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    spent: dict[str, float] = {}
    started = time.process_time()
    for text in texts:
        document = Document(text, "profiled.txt")
        t = time.process_time()
        document.paragraphs  # noqa: B018 - reading it splits the text
        spent["<document>"] = spent.get("<document>", 0.0) + time.process_time() - t
        t = time.process_time()
        seen = DocumentScan(text, rules)
        seen.scan()
        spent["<prefilter>"] = spent.get("<prefilter>", 0.0) + time.process_time() - t
        for rule in rules:
            t = time.process_time()
            run_rule(rule, document, seen)
            spent[rule.id] = spent.get(rule.id, 0.0) + time.process_time() - t
    total = time.process_time() - started
    print(f"{megabytes:.2f} MB in {total:.2f} s = {megabytes / total:.2f} MB/s ({len(texts)} documents, {len(rules)} rules)")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[: options.top]:
        print(f"{seconds * 1000 / megabytes:8.0f} ms/MB  {name}")


if __name__ == "__main__":
    main()
