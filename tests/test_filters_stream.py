"""Filters (per-path ignores, suppressions, the baseline) applied file by file to a streamed,
spilled run must report exactly what filtering the whole list of findings reports."""

from __future__ import annotations

import random
from dataclasses import replace

from conftest import SEEDS
from linter.config import Config
from linter.results import Spilled
from linter.runner import run
from linter.stream import FindingStream
from linter.filters import filter_findings
from linter.report import ReportOptions, formats, render, tally
from linter.suppressions import Suppression, relative_to

PIECES = ["他说：“今天开会。", "甲,乙", "（一）", "第3章", "“", "”", "。", "\n\n", "\n", "ABC", "1,000元", "这个这个", " "]


def _corpus(folder, seed: int) -> None:
    rng = random.Random(seed)
    for sub in ("a", "b"):
        (folder / sub).mkdir()
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80))) for _ in range(6)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i, text in enumerate(texts):
        (folder / ("a", "b")[i % 2] / f"{i:02d}.txt").write_text(text, encoding="utf-8")


def _filters(findings: list, folder, seed: int):
    """Invented ignores, suppressions and a baseline that each hide some of `findings`."""
    rng = random.Random(seed)
    in_a = [f for f in findings if "/a/" in f.path.replace("\\", "/")]
    config = Config(root=folder, per_path_ignores={"corpus/a/*": [rng.choice(in_a).rule, rng.choice(in_a).category]})
    chosen = rng.sample(findings, min(8, len(findings)))
    suppressions = [Suppression(f.rule, relative_to(folder, f.path), f.fingerprint if i % 2 else None,
                                None if i % 2 else f.line) for i, f in enumerate(chosen)]
    baseline = {f.fingerprint for f in rng.sample(findings, min(20, len(findings)))}
    return config, suppressions, baseline


def test_a_filtered_spilled_stream_reports_what_the_filtered_list_reports(tmp_path, monkeypatch, default_rules):
    from linter import runner

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _corpus(corpus, 11)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runner, "HELD_FINDINGS_BYTES", 3000)
    kept = []
    monkeypatch.setattr(runner, "lint_path", lambda *a, _real=runner.lint_path: kept.append(_real(*a)) or kept[-1])
    result = run(["corpus"], default_rules)
    assert any(isinstance(r.packed, Spilled) for r in kept)
    everything = list(result.findings)
    for seed in range(4):
        config, suppressions, baseline = _filters(everything, tmp_path, seed)
        streamed, hidden = filter_findings(result, config, suppressions, tmp_path, baseline)
        listed, listed_hidden = filter_findings(replace(result, findings=everything), config, suppressions, tmp_path, baseline)
        assert isinstance(streamed.findings, FindingStream) and isinstance(listed.findings, list)
        assert hidden.counts == listed_hidden.counts and all(hidden.counts.values())
        assert list(streamed.findings) == listed.findings and len(streamed.findings) == len(listed.findings)
        assert tally(streamed.findings) == tally(listed.findings)
        assert list(streamed.findings) == listed.findings  # read again, as a second report would
        for name, reporter in formats().items():
            assert render(reporter, streamed, ReportOptions()) == render(reporter, listed, ReportOptions()), name


def test_no_filter_leaves_the_stream_as_it_is(tmp_path, default_rules):
    (tmp_path / "a.txt").write_text("他说：“今天开会。\n", encoding="utf-8")
    result = run([str(tmp_path)], default_rules)
    same, hidden = filter_findings(result, Config(root=tmp_path), [], tmp_path, None)
    assert same is result and not hidden.note()


def test_a_filtered_stream_filtered_again_keeps_the_first_filter(tmp_path, default_rules):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _corpus(corpus, 5)
    stream = run([str(corpus)], default_rules).findings
    everything = list(stream)
    rules = sorted({f.rule for f in everything})

    def without(rule):
        return lambda findings: [f for f in findings if f.rule != rule]

    first, second = without(rules[0]), without(rules[1])
    kept = second(first(everything))
    twice = stream.filtered(first, tally(first(everything))).filtered(second, tally(kept))
    assert list(twice) == kept and len(twice) == len(kept)
