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
