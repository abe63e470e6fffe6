"""The one-pass candidate searches of the punctuation, duplication and garbled rules give what the plain
per-match path gives, on invented text, and do their work only where a candidate is."""

from __future__ import annotations

import random

import pytest

from linter.checks import joined_items
from linter.document import Document
from linter.findings import make_finding

JOINED_PIECES = ["“", "”", "‘", "’", "《", "》", "「", "」", "一", "学一", "赛一", "研", "训", "统", "个", "三", "，", "\n", "政治引领"]


def invented(pieces: list[str], seed: int, size: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(pieces) for _ in range(size))


def plain_joined_items(document: Document, rule) -> list:
    """Every quoted term of the whole text, judged one by one."""
    config = rule.config
    found = []
    for m in config.terms.finditer(document.text):
        term = m.group(m.lastindex)
        if config.joiner in term and joined_items.is_joined_run(term, config):
            repair = term.replace(config.joiner, config.intended)
            found.append(make_finding(document, rule, *m.span(m.lastindex), replacement=repair, repair=repair))
    return found


@pytest.mark.parametrize("seed", range(40))
def test_joined_items_on_candidate_lines_match_every_term_judged(rules_by_id, seed):
    rule = rules_by_id["garbled.dash-as-yi"]
    text = invented(JOINED_PIECES, seed, 3000)
    document = Document(text, "invented.txt")
    assert list(joined_items.check(document, rule)) == plain_joined_items(document, rule)


def test_joined_items_reads_only_the_lines_a_candidate_stands_on(rules_by_id, monkeypatch):
    rule = rules_by_id["garbled.dash-as-yi"]
    lines = ["他说“今天天气好”。" * 20] * 50 + ["推行“学一赛一研一训”模式，“学一赛一研一训”。"] + ["“统一领导”与“一体推进”。"] * 50
    document = Document("\n".join(lines), "x.txt")
    judged = []
    real = joined_items.is_joined_run
    monkeypatch.setattr(joined_items, "is_joined_run", lambda term, config: judged.append(term) or real(term, config))
    findings = list(joined_items.check(document, rule))
    assert [(f.line, f.column) for f in findings] == [(51, 4), (51, 16)]
    assert judged == ["学一赛一研一训", "学一赛一研一训"]
