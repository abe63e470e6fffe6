"""The one-pass gate (linter.prefilter): a rule it skips would have found nothing."""

from __future__ import annotations

import random
import re

import pytest

from linter.checks.api import kind_of
from linter import prefilter
from linter.document import Document
from linter.engine import lint_document, rule_may_run
from linter.examples import example_documents
from linter.regexes import compile_fast
from linter.rules import default_rules_dir, load_rules

RULES = [r for r in load_rules([default_rules_dir()]) if not r.set_level]
HAS_RE2 = prefilter.re2_module() is not None
needs_re2 = pytest.mark.skipif(not HAS_RE2, reason="google-re2 is not installed")
FILLER = list("我们的国家在发展中文，。、；：“”（）()《》,;:?!.-/0123456789%年月日第章\n \t")


@pytest.fixture(autouse=True)
def every_text_scanned(monkeypatch):
    """The tests' texts are short: the Set scans them all the same."""
    monkeypatch.setattr(prefilter, "SET_MIN_CHARS", 0)
    monkeypatch.setattr(prefilter, "SET_AFTER_CHARS", 0)


@pytest.fixture
def without_re2(monkeypatch):
    """The pure-Python path, as on a machine where google-re2 cannot install."""
    monkeypatch.setenv(prefilter.NO_RE2, "1")
    prefilter.re2_module.cache_clear()
    prefilter._gates.clear()
    yield
    monkeypatch.delenv(prefilter.NO_RE2)
    prefilter.re2_module.cache_clear()
    prefilter._gates.clear()


def _examples(rule) -> list[str]:
    return [text for example in rule.examples_bad + rule.examples_good for text in example_documents(example)]


def invented_texts(rule, count: int, seed: int) -> list[str]:
    """Pieces of the rule's own examples (and of every other rule's) cut up and put together again, with filler:
    near misses as well as findings."""
    rng = random.Random(seed)
    own = _examples(rule) or ["中文"]
    every = [t for r in RULES for t in _examples(r)]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 6)):
            source = rng.choice(own if rng.random() < 0.6 else every)
            start = rng.randrange(len(source))
            parts.append(source[start : start + rng.randint(1, 12)])
            if rng.random() < 0.4:
                parts.append("".join(rng.choice(FILLER) for _ in range(rng.randint(1, 4))))
        texts.append("".join(parts))
    return texts


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for r in RULES if prefilter.rule_gates(r)])
def test_a_rule_the_gate_skips_finds_nothing_when_run_anyway(rule):
    skipped = 0
    for text in _examples(rule) + invented_texts(rule, 150, seed=len(rule.id)):
        if not rule_may_run(rule, text):
            skipped += 1
            assert list(kind_of(rule).check(Document(text, "x.txt"), rule)) == [], text
    for example in rule.examples_bad:
        assert any(rule_may_run(rule, text) for text in example_documents(example)), example
    assert skipped > 0


@needs_re2
def test_pattern_rules_are_gated_by_their_own_patterns():
    gated = {r.id for r in RULES if prefilter.rule_gates(r).candidate}
    assert {"punctuation.doubled", "punctuation.ascii-parentheses", "garbled.encoding-debris"} <= gated
    doubled = next(r for r in RULES if r.id == "punctuation.doubled")
    assert rule_may_run(doubled, "我们，，发展") and not rule_may_run(doubled, "我们，发展。")  # both hold its `needs`


RELAXED = [
    r"(?<=\p{Han}),(?=\p{Han})",
    r"([，。、])\1",
    r"(?P<x>甲|乙)丙(?P=x)",
    r"(?<!\d)\d{5,}(?!\d)",
    r"^第[一二三]章$",
    r"(?m)^\s*[（(]\d+[)）]",
    r"[^\s\p{Han}“”]{3,8}",
    r"\d+(?:\.\d+)?%|百分之",
    r"(?:甲){2}乙?|丙{1,3}",
    r"(a)?(?(1)b|c)",
    r"(?<=[甲乙])丙(?=丁|一)",
    r"(?<=甲)丙|乙(?=一)",
    r"(?<=甲)(?<!乙)丙(?!一)(?=二)",
    r"\p{Co}+",
]


@needs_re2
@pytest.mark.parametrize("pattern", RELAXED)
def test_a_relaxed_expression_matches_wherever_its_pattern_does(pattern):
    import re2

    compiled = compile_fast(pattern)
    expression = prefilter.relaxed(compiled)
    assert expression is not None
    widened = re2.compile(expression)
    rng = random.Random(pattern)
    alphabet = list("甲乙丙丁一二三第章，。、,中文12345.%百分之（）() \n\tabc“”\ue000")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        if compiled.search(text):
            assert widened.search(text), (pattern, text)


@needs_re2
def test_a_leading_lookbehind_and_a_trailing_lookahead_narrow_the_gate():
    import re2

    widened = re2.compile(prefilter.relaxed(compile_fast(r"(?<=\p{Han}),(?=\p{Han})")))
    assert widened.search("中,文") and not widened.search("1,000") and not widened.search("中,1")


def test_a_pattern_with_no_relaxed_form_leaves_the_rule_ungated_by_it():
    assert prefilter.relaxed(compile_fast(r"(?i)abc")) is None
    assert prefilter.relaxed(compile_fast(r"x*")) is None  # matches the empty string, so every text
    assert prefilter.relaxed(compile_fast(r"\w+\b")) is None  # a `regex`-module pattern with no stdlib twin


@needs_re2
def test_a_document_is_scanned_once_for_every_rule(monkeypatch):
    text = "我们，，发展。\n他说:“今天开会”\n"
    gates = prefilter.set_gates(tuple(RULES))
    real, calls = gates.scanner, []

    class Counting:
        def Match(self, scanned):
            calls.append(scanned)
            return real.Match(scanned)

    monkeypatch.setattr(gates, "scanner", Counting())
    lint_document(Document(text, "a.txt"), RULES)
    assert calls == [text]


def test_a_short_text_is_gated_by_needs_alone(monkeypatch):
    monkeypatch.setattr(prefilter, "SET_MIN_CHARS", 100)
    doubled = next(r for r in RULES if r.id == "punctuation.doubled")
    assert rule_may_run(doubled, "我们，发展。") and not rule_may_run(doubled, "我们发展")
    if HAS_RE2:
        assert not rule_may_run(doubled, "我们，发展。" * 20)


def test_a_document_re2_cannot_scan_runs_every_rule():
    text = "中文，，中文\ud800中文\n"
    found = {f.rule for f in lint_document(Document(text, "a.txt"), RULES).findings}
    assert {"garbled.surrogate", "punctuation.doubled"} <= found


def _findings(texts):
    return [(f.rule, f.line, f.column, f.message) for t in texts for f in lint_document(Document(t, "a.txt"), RULES).findings]


def test_the_pure_python_path_finds_the_same(without_re2):
    texts = [t for r in RULES for t in _examples(r)] + invented_texts(RULES[0], 100, seed=1)
    assert prefilter.re2_module() is None
    assert not any(prefilter.rule_gates(r).candidate for r in RULES)
    without = _findings(texts)
    prefilter.re2_module.cache_clear()
    prefilter._gates.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(prefilter.NO_RE2)
        prefilter.re2_module.cache_clear()
        assert _findings(texts) == without


def test_without_re2_a_rule_is_gated_by_its_needs_characters_each_looked_for_once(without_re2):
    rule = next(r for r in RULES if r.id == "garbled.encoding-debris")
    seen: dict[str, bool] = {}
    assert rule_may_run(rule, "烫", seen) and not rule_may_run(rule, "汤汤汤")
    assert seen["烫"] and set(seen) <= set(rule.config.needs)


def test_needs_are_written_as_one_class():
    assert re.fullmatch(r"\[(\\x\{[0-9a-f]+\})+\]", prefilter._needs_expression("烫锟"))


@needs_re2
def test_a_pool_builds_the_gates_once_before_its_workers_fork(monkeypatch):
    """The Set is built by the parent (runner._prepare) for the very rule list lint_document gets,
    so forked workers find it made instead of each building its own."""
    from linter import runner

    rules = load_rules([default_rules_dir()])
    monkeypatch.setattr(prefilter, "_set_gates", {})
    built = []
    monkeypatch.setattr(prefilter.re2_module(), "Set", _CountingSets(prefilter.re2_module().Set, built))
    runner._prepare(rules)
    assert len(built) == 1
    lint_document(Document("他说：“今天开会。”" * 300, "a.txt"), rules)
    assert len(built) == 1


class _CountingSets:
    def __init__(self, sets, built: list):
        self._sets, self._built = sets, built

    def SearchSet(self, options):  # noqa: N802 - google-re2's name
        self._built.append(options)
        return self._sets.SearchSet(options)


@needs_re2
def test_a_process_builds_the_set_only_after_reading_enough_text(monkeypatch):
    """A few small files (a pre-commit hook's run) are gated by `needs` alone: building the Set would
    cost more than it saves; past SET_AFTER_CHARS the Set is built once and used."""
    monkeypatch.setattr(prefilter, "SET_AFTER_CHARS", 3000)
    monkeypatch.setattr(prefilter, "_read_before_set", 0)
    monkeypatch.setattr(prefilter, "_set_gates", {})
    built = []
    monkeypatch.setattr(prefilter.re2_module(), "Set", _CountingSets(prefilter.re2_module().Set, built))
    text = "他说：“今天开会，讨论发展。”" * 100
    findings, sets_built = [], []
    for _ in range(4):
        findings.append([(f.rule, f.line, f.column) for f in lint_document(Document(text, "a.txt"), RULES).findings])
        sets_built.append(len(built))
    assert sets_built == [0, 0, 1, 1]  # two documents of 1,500 characters gated by `needs`, then one Set
    assert findings[0] and all(f == findings[0] for f in findings)


@pytest.mark.parametrize("with_set", [True, False])
def test_a_document_decides_every_rule_at_once_and_the_gates_are_worked_out_once_per_rule_set(monkeypatch, with_set):
    rules = [r for r in load_rules([default_rules_dir()]) if r.enabled]
    if not with_set:
        monkeypatch.setattr(prefilter, "SET_MIN_CHARS", 10**9)
    worked_out, scans = [], []
    monkeypatch.setattr(prefilter, "rule_gates", lambda rule, _real=prefilter.rule_gates: worked_out.append(rule.id) or _real(rule))
    monkeypatch.setattr(prefilter.DocumentScan, "scan", lambda self, _real=prefilter.DocumentScan.scan: scans.append(1) or _real(self))
    texts = ["他说：“今天开会，讨论2024年的计划。”", "共有3个部门（含两个新设的）参加。", "烫烫烫锟斤拷"] * 10
    for i, text in enumerate(texts):
        lint_document(Document(text, f"{i}.txt"), rules)
    assert len(scans) == len(texts)  # one pass per document
    assert len(worked_out) <= 2 * len(rules)  # the plan once, and the Set once: not once per document
    for text in texts[:3]:
        together = prefilter.DocumentScan(text, rules)
        assert [together.may_run(r) for r in rules] == [prefilter.DocumentScan(text, (r,)).may_run(r) for r in rules]
