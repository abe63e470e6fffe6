"""The consistency checks' work grows linearly with a document's size (issue 16): counted, never timed.

A document of n copies of the same text repeats every context n times; a search
that compares places pairwise, or scans the whole text once per candidate, does
about n² work there. Each test counts the calls that do the work on 10 and on
100 copies and asserts they grow no faster than the text.
"""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import SEEDS
from linter.checks import term_variants, word_variants

SEED = (SEEDS / "004_a6d7a54a70ca9500.txt").read_text(encoding="utf-8")
# Invented sentences: the right form in every copy, the misprint once at the end.
MODEL = "各地依法治理河道污染，开展专项行动。\n"
SLIP = "要坚持依法冶理河道污染。\n"


def counting(counts: Counter, name: str, function, size=None):
    def counted(*args, **kwargs):
        counts[name] += size(*args) if size else 1
        return function(*args, **kwargs)

    return counted


def grows_linearly(small: Counter, large: Counter, factor: int = 10) -> bool:
    """Every count on the large document is at most `factor` times (plus a little) its count on the small one."""
    return all(large[name] <= factor * small[name] * 1.2 + 10 for name in large)


@pytest.fixture
def word_variant_work(monkeypatch, rules_by_id):
    rule = rules_by_id["consistency.word-variant"]

    def run(copies: int) -> tuple[Counter, list]:
        counts: Counter = Counter()
        for name in ("_would_be_words", "_measured", "_local"):
            monkeypatch.setattr(word_variants, name, counting(counts, name, getattr(word_variants, name)))
        monkeypatch.setattr(word_variants, "_all_places", counting(
            counts, "characters scanned", word_variants._all_places, lambda text, strings: len(text)))
        anchors = word_variants._anchors

        def counted_groups(wanted):
            return {side: [(i, on_left, CountingDict(counts, keys)) for i, on_left, keys in entries]
                    for side, entries in anchors(wanted).items()}

        monkeypatch.setattr(word_variants, "_anchors", counted_groups)
        from linter.document import Document

        document = Document((SEED + MODEL) * copies + SLIP, "big.txt")
        findings = list(word_variants.check(document, rule))
        monkeypatch.undo()
        return counts, findings

    return run


class CountingDict(dict):
    """A dict that counts its look-ups: one per place compared with a context."""

    def __init__(self, counts: Counter, items):
        super().__init__(items)
        self.counts = counts

    def get(self, key, default=None):
        self.counts["contexts compared"] += 1
        return super().get(key, default)


def test_word_variant_work_grows_linearly_with_copies(word_variant_work):
    small, small_findings = word_variant_work(10)
    large, large_findings = word_variant_work(100)
    assert [f.text for f in small_findings] == [f.text for f in large_findings] == ["依法冶理河道污染"]
    assert len(large_findings[0].related) == 100
    assert small["_would_be_words"] and small["contexts compared"] and small["characters scanned"]
    assert grows_linearly(small, large), (small, large)


class CountingAutomaton:
    """An Aho-Corasick automaton that counts the characters it scans."""

    def __init__(self, counts: Counter, automaton):
        self.counts, self.automaton = counts, automaton

    def iter(self, text):
        self.counts["characters scanned"] += len(text)
        return self.automaton.iter(text)


def test_term_variant_scans_the_text_once_however_many_terms(monkeypatch, rules_by_id):
    from linter.document import Document

    rule = rules_by_id["consistency.term-variant"]

    def work(copies: int) -> Counter:
        counts: Counter = Counter()
        build = term_variants._automaton
        monkeypatch.setattr(term_variants, "_automaton", lambda terms: CountingAutomaton(counts, build(terms)))
        # A distinct quoted term in every copy, met again with a space inside: a scan per term, or
        # a scan of the whole text per blank run, would grow with the square of the copies.
        text = "".join(f"开展“第{k}期检察开放日”活动。第{k}期检察 开放日圆满结束。\n" for k in range(copies))
        summary = term_variants.summarize(Document(text, "big.txt"), rule)
        monkeypatch.undo()
        counts["places"] = len(summary.starts)
        assert counts["characters scanned"] < 2 * len(text)
        return counts

    small, large = work(10), work(100)
    assert (small["places"], large["places"]) == (20, 200)
    assert grows_linearly(small, large), (small, large)


def test_term_variant_counts_a_few_terms_and_skips_indents(monkeypatch, rules_by_id):
    """A few terms are counted with `str.count`, not scanned by an automaton (many are); an indent is
    not taken for a blank run a term could span."""
    from linter.document import Document

    rule = rules_by_id["consistency.term-variant"]
    counts: Counter = Counter()
    monkeypatch.setattr(term_variants, "_automaton", counting(counts, "automata", term_variants._automaton))
    runs_after = term_variants._runs_after

    def counted_runs(text: str, chars: str) -> list:
        runs = runs_after(text, chars)
        counts["blank runs kept"] += len(runs)
        return runs

    monkeypatch.setattr(term_variants, "_runs_after", counted_runs)
    text = "\u3000\u3000“检察开放日”活动举行，“法治论坛”召开。\n\u3000\u3000检察开放日活动圆满结束。\n"
    summary = term_variants.summarize(Document(text, "a.txt"), rule)
    assert (counts["automata"], counts["blank runs kept"]) == (0, 0) and summary.surfaces == ["检察开放日", "法治论坛"]
    assert list(summary.counts) == [2, 1] and [text[p : p + 5] for p in summary.starts[:2]] == ["检察开放日"] * 2
    many = "".join(f"“第{k}届法治论坛”" for k in range(term_variants._FEW_TERMS + 1))
    term_variants.summarize(Document(many, "b.txt"), rule)
    assert counts["automata"] == 1


def test_term_variant_set_phase_reads_places_only_where_a_variant_is(monkeypatch, rules_by_id):
    """Keys and variant groups come from each document's distinct surfaces; places are read only of
    the surfaces of a variant group, in the documents holding one."""
    from linter.document import Document

    rule = rules_by_id["consistency.term-variant"]
    texts = [f"第{k}期“检察开放日活动”圆满结束，“第{k}届法治论坛”召开。\n" for k in range(300)]
    texts[150] = texts[150].replace("“检察开放日活动”", "“检察开放日·活动”")
    texts[151] = texts[151].replace("“检察开放日活动”", "“检察开放日•活动”")
    summaries = [(f"d{k}.txt", term_variants.summarize(Document(t, f"d{k}.txt"), rule)) for k, t in enumerate(texts)]
    counts: Counter = Counter()
    each = term_variants.TermSummary.each
    monkeypatch.setattr(term_variants.TermSummary, "each", lambda summary, *wanted: counting(counts, "documents read", each)(summary, *wanted))
    monkeypatch.setattr(term_variants, "Place", counting(counts, "places read", term_variants.Place))
    keys = term_variants.term_key
    monkeypatch.setattr(term_variants, "term_key", counting(counts, "keys", keys))
    findings = list(term_variants.check_set(summaries, rule))
    assert counts == {"documents read": 2, "places read": 2, "keys": 3 + 300}
    assert [(f.location.path, f.location.line, f.location.column, f.text) for f in findings] == [("d151.txt", 1, 7, "检察开放日•活动")]
