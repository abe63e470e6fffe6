"""Real, edited text: every warning and error the default rules raise on the shared corpus has a reading
in tests/realtext/verdicts.tsv, and the false ones stay under 0.3 per 10,000 characters."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "cctv-news"
VERDICTS = Path(__file__).resolve().parent / "realtext" / "verdicts.tsv"
FALSE_PER_10K = 0.3


def _precision():
    spec = importlib.util.spec_from_file_location("precision", ROOT / "benchmarks" / "precision.py")
    module = sys.modules["precision"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


precision = _precision()
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared real corpus is not here ({CORPUS})")


@pytest.fixture(scope="module")
def corpus_run():
    """One run of every default rule over the corpus, shared by the assertions below."""
    return precision.lint_corpus(str(CORPUS), jobs=min(2, os.cpu_count() or 1))


@pytest.fixture(scope="module")
def comparison(corpus_run):
    return precision.compare(corpus_run, precision.read_verdicts(VERDICTS))


def test_verdict_rows_are_positions_and_short_reasons():
    for reading in precision.read_verdicts(VERDICTS):
        assert reading.key.file.endswith(".txt") and os.sep not in reading.key.file
        assert len(reading.reason) <= 200, reading


def test_every_warning_and_error_on_real_text_has_a_reading(comparison):
    unread = [f"{k.file}\t{k.line}\t{k.column}\t{k.rule}" for k in comparison.unread]
    assert not unread, f"{len(unread)} findings with no reading in {VERDICTS.name}:\n" + "\n".join(unread[:40])


def test_every_reading_still_has_its_finding(comparison):
    stale = [f"{r.key.file}\t{r.key.line}\t{r.key.column}\t{r.key.rule}\t{r.verdict}" for r in comparison.stale]
    assert not stale, f"{len(stale)} readings whose finding no longer appears (update {VERDICTS.name}):\n" + "\n".join(stale[:40])




def test_no_rule_fails_on_real_text(corpus_run):
    assert not corpus_run.errors, "\n".join(corpus_run.errors[:20])


def test_false_alarms_on_real_text_stay_under_the_bar(corpus_run, comparison):
    rate = comparison.false_rate(corpus_run)
    lines = precision.report(corpus_run, comparison)
    assert rate <= FALSE_PER_10K, "\n".join(lines)
