"""An exception of bounded width is searched for in the window its matches fit in, or tried offset by offset when
a match depends on the text after it: both answer as the full list of exception matches does."""

import random

import pytest

from linter.checks.pattern import LazyExceptionSpans, _sees_past, exception_spans
from linter.document import Document
from linter.regexes import compile_fast

SHAPES = [r"\d[,:]\d", r"(?<=甲)乙丙?", r"乙(?=丙)", r"(\p{Han})\1", r"[甲乙]{2,3}", r"^甲乙", r"甲$", r"乙丙|丙"]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_bounded_exception_covers_what_the_full_search_covers(shape):
    exceptions = (compile_fast(shape),)
    rng = random.Random(shape)
    for _ in range(300):
        text = "".join(rng.choice("甲乙丙1,:\n") for _ in range(rng.randint(0, 12)))
        spans = exception_spans(text, exceptions)
        excepted = LazyExceptionSpans(Document(text), exceptions)
        for start in range(len(text)):
            for end in range(start + 1, min(len(text), start + 4) + 1):
                expected = any(s <= start and end <= e for s, e in spans)
                assert excepted.covers(start, end) == expected, (shape, text, start, end)


def test_what_sees_past_a_match_is_tried_offset_by_offset():
    assert not _sees_past(compile_fast(r"\d[,:]\d")) and not _sees_past(compile_fast(r"(?<=甲)乙"))
    assert all(_sees_past(compile_fast(p)) for p in (r"乙(?=丙)", r"^甲", r"甲$", r"乙(?!丙)"))


URL = r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\p{Han}“”（）《》，。]+"


@pytest.mark.parametrize("shape", SHAPES + [URL])
def test_spans_judged_together_answer_as_one_by_one(shape):
    """`covering` (one pass over dense candidates, or span by span) says what `covers` says for each span."""
    exceptions = (compile_fast(shape),)
    rng = random.Random(shape)
    for _ in range(300):
        text = "".join(rng.choice(["甲", "乙", "丙", "1", ",", ":", "\n", "a", "http://a.cn/?x=1,2"]) for _ in range(rng.randint(1, 14)))
        spans = sorted({(start, min(len(text), start + rng.randint(1, 3))) for start in rng.sample(range(len(text)), rng.randint(1, len(text)))})
        expected = {i for i, (start, end) in enumerate(spans) if LazyExceptionSpans(Document(text), exceptions).covers(start, end)}
        assert LazyExceptionSpans(Document(text), exceptions).covering(spans) == expected, (shape, text, spans)


def test_dense_spans_cost_one_pass_and_a_run_of_matches_falls_back_to_span_by_span():
    """Ten dense candidates next to `\\d,\\d`: one search per match plus one; a reduplication shape matching at
    every offset of a long run is abandoned after as many matches as searching span by span would try."""
    document = Document("甲,乙" * 10 + "1,2")
    excepted = LazyExceptionSpans(document, (compile_fast(r"\d[,:]\d"),))
    spans = [(m.start(), m.start() + 1) for m in __import__("re").finditer(",", document.text)]
    assert excepted.covering(spans) == {10}
    assert excepted.attempts == 2
    run = Document("长" * 10_000 + ",")
    shapes = LazyExceptionSpans(run, (compile_fast(r"(\p{Han})\1(\p{Han})\2"),))
    assert shapes.covering([(10_000, 10_001)]) == set()
    assert shapes.attempts <= 2 * 5 + 1
