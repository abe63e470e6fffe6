"""A deterministic set of varied documents for checking that an optimisation changes no finding.

    python benchmarks/variants.py DIR [--count 300] [--seed 8]

Each document is cut from the seed articles and the test corpora (paragraphs
dropped, reordered, split and joined) and then damaged with fragments taken
from every rule example, good and bad, spliced in at random places: so every
rule of the default set has something to fire on, next to text that must not
make it fire. Compare `wenlint check DIR --format json --no-cache` before and
after a change; the output must be byte-identical.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["seeds/*.txt", "tests/corpus/**/*.txt", "tests/fixtures/**/*.txt"]
LINE_ENDINGS = ["\n", "\n", "\n", "\n\n", "\r\n"]


def source_paragraphs() -> list[str]:
    paragraphs = []
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            text = path.read_text(encoding="utf-8-sig")
            paragraphs.extend(p for p in text.splitlines() if p.strip())
    return paragraphs


def example_fragments() -> list[str]:
    fragments = []
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for texts in (rule.get("examples") or {}).values():
                for example in texts:
                    if isinstance(example, dict):  # a bad example that pins its place and fixed text
                        example = example["text"]
                    fragments.extend(example if isinstance(example, list) else [example])
    return [f for f in fragments if not any(0xD800 <= ord(c) < 0xE000 for c in f)]


def damage(paragraph: str, fragments: list[str], rng: random.Random) -> str:
    for _ in range(rng.randint(0, 2)):
        at = rng.randint(0, len(paragraph))
        paragraph = paragraph[:at] + rng.choice(fragments) + paragraph[at:]
    if len(paragraph) > 20 and rng.random() < 0.1:
        at = rng.randint(5, len(paragraph) - 5)
        paragraph = paragraph[:at] + rng.choice(LINE_ENDINGS) + paragraph[at:]
    if len(paragraph) > 10 and rng.random() < 0.1:
        at = rng.randint(0, len(paragraph) - 3)
        paragraph = paragraph[:at] + paragraph[at : at + 3] + paragraph[at:]
    return paragraph


def variant(paragraphs: list[str], fragments: list[str], rng: random.Random) -> str:
    start = rng.randrange(len(paragraphs))
    chosen = paragraphs[start : start + rng.randint(3, 40)]
    if rng.random() < 0.3:
        chosen += rng.sample(paragraphs, 5)
    pieces = [damage(p, fragments, rng) if rng.random() < 0.4 else p for p in chosen]
    if rng.random() < 0.2:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(fragments))
    return "".join(p + rng.choice(LINE_ENDINGS) for p in pieces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    paragraphs, fragments = source_paragraphs(), example_fragments()
    args.directory.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        (args.directory / f"variant_{i:04d}.txt").write_text(variant(paragraphs, fragments, rng), encoding="utf-8", newline="")


if __name__ == "__main__":
    main()
