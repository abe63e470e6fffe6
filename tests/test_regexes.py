"""Fast regexes: stdlib `re` stands in for `regex` only where both find the same matches."""

from __future__ import annotations

import random
import re

import pytest
import regex

from linter.checks.pattern import derived_needs, exception_spans
from linter.regexes import PROPERTY_RANGES, _class_body, compile_fast, matches_one_char, required_chars
from linter.rules import default_rules_dir, load_rules


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<=\p{Han}),(?=\p{Han})",
        r"[^\p{Han}\s]{2}",
        r"(?P<text>(?:\p{Han}){2,8})(?P=text)",
        r"[\p{P}]+",
        r"\P{Han}+",
        r"[]，]",
        r"\p{Script=Han}\p{sc=Han}",
        r"\p{Co}",
    ],
)
def test_translated_patterns_run_on_re(pattern):
    assert isinstance(compile_fast(pattern), re.Pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:培训){e<=1}",  # fuzzy matching: `re` would read {e<=1} as text
        r"[[:alpha:]]",  # POSIX class
        r"(?<=一|一二)x",  # variable-width lookbehind
        r"[\P{Han}a]",  # negated property inside a class
        r"\p{Greek}",  # a property without a table here
        r"(?|(a)|(b))",  # branch reset
        r"\m中",
        r"\w+",  # word characters: `re` and `regex` disagree on thousands of them
        r"\b中",
        r"[\S，]",  # a negated escape inside a class
    ],
)
def test_regex_only_patterns_stay_with_regex(pattern):
    assert not isinstance(compile_fast(pattern), re.Pattern)


def _random_texts(count: int = 300) -> list[str]:
    rng = random.Random(8)
    alphabet = "培训的的一二研究，、,。“”（）()1a\n 党建联创"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(count)]


def test_default_rule_patterns_find_what_regex_finds():
    rules = load_rules([default_rules_dir()])
    patterns = [r.config.pattern for r in rules if r.kind == "repetition" and r.config.pattern is not None]
    patterns += [p for r in rules if r.kind == "pairs" for p in r.config.ignore]
    assert patterns and all(isinstance(p, re.Pattern) for p in patterns)
    samples = _random_texts() + ["有战斗力、有战斗力的", "培训培训", "党建联建联创", "我们，我们"]
    for fast in patterns:
        # The possessive quantifier is an optimisation; the reference is the plain pattern in `regex`.
        slow = regex.compile(fast.pattern.replace("}+)", "})"))
        for text in samples:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], (fast.pattern, text)


def test_overlapped_exception_spans_match_regex():
    shapes = [r"(\p{Han})\1(\p{Han})\2", r"(一\p{Han})\1", "研究研究|研究"]
    fast = tuple(compile_fast(p) for p in shapes)
    slow = tuple(regex.compile(p) for p in shapes)
    for text in _random_texts() + ["高高兴兴研究研究一步一步"]:
        assert exception_spans(text, fast) == exception_spans(text, slow)


@pytest.mark.parametrize("pattern", [r"\s+", r"\S+", r"[\s\d]+", r"[^\s，]+"])
def test_space_escapes_mean_what_regex_means(pattern):
    fast = compile_fast(pattern)
    assert isinstance(fast, re.Pattern)
    text = "甲 \x1c乙\u3000丙\x1f1２丁\n"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in regex.finditer(pattern, text)]


def test_han_table_agrees_with_regex_on_the_bmp():
    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    for name, prop in (("han", "Han"), ("p", "P"), ("space", "White_Space"), ("co", "Co")):
        ours = re.compile(f"[{_class_body(name)}]")
        assert [m.span() for m in ours.finditer(bmp)] == [m.span() for m in regex.finditer(rf"\p{{{prop}}}", bmp)]
    assert PROPERTY_RANGES["han"].split()[-1] >= "31350-33479"


@pytest.mark.parametrize(
    "pattern,chars",
    [
        (r"(?<=\p{Han}),(?=\p{Han})", ","),
        (r"(?P<text>\p{Han}{2,16}+)(?P<sep>[、，,])(?P=text)", ",、，"),
        ("培训|研究", "培研"),
        (r"[的是]{2}", "是的"),
        (r"(?=.*“)x?", "“"),
        (r"\p{Han}{2}", None),
        (r"a?b*", None),
        (r"(?i)abc", None),
        (r"(?!“)\p{Han}", None),
    ],
)
def test_required_chars(pattern, chars):
    found = required_chars(compile_fast(pattern))
    assert ("".join(sorted(found)) if found else None) == ("".join(sorted(chars)) if chars else None)


def test_derived_needs_covers_every_pattern_of_a_rule():
    assert derived_needs([compile_fast("，，"), compile_fast("、、")]) == "、，"
    assert derived_needs([compile_fast("，，"), compile_fast(r"\p{Han}")]) is None


def test_matches_one_char():
    assert matches_one_char(compile_fast(r"\p{Han}"))
    assert matches_one_char(compile_fast("[的是]"))
    assert not matches_one_char(compile_fast(r"\p{Han}|ab"))
    assert not matches_one_char(compile_fast(r"(?:培训){e<=1}"))


def test_a_pattern_built_from_its_kept_program_is_the_pattern_re_compiles(user_folder):
    from linter import regexes

    patterns = [r"(?P<year>\p{Han}{2,4})年(?P=year)", r"[，。]\s*(?:第[一二三]|\d+)", r"(?i)[a-z]+\P{Han}"]
    first = regexes.Programs()
    made = [first.compile(regexes.translate(p)) for p in patterns]
    assert first.made == len(patterns)
    first.keep()
    second = regexes.Programs()
    kept = [second.compile(regexes.translate(p)) for p in patterns]
    assert second.made == 0  # every pattern built from its program, none parsed or compiled
    assert second.compile(regexes.translate(patterns[0])) is kept[0]  # held, as re's cache holds it
    for pattern, a, b in zip(patterns, made, kept):
        assert a == b == re.compile(regexes.translate(pattern))
        text = "二〇二四年二〇二四年，第一 abc 第二。ABC"
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert a.groupindex == b.groupindex and a.groups == b.groups


def test_a_damaged_program_is_made_again(user_folder):
    from linter import regexes

    programs = regexes.Programs()
    programs.kept = {("[，。]", 0): (32, [1, 2, 3], 0, {}, ())}
    assert programs.compile("[，。]") == re.compile("[，。]") and programs.made == 1


def test_internals_unlike_these_compile_as_re_does(user_folder, monkeypatch):
    from linter import regexes

    def changed(pattern, flags):
        raise AttributeError("_code")

    monkeypatch.setattr(regexes, "_program", changed)
    programs = regexes.Programs()
    assert programs.compile("[，。]+") == re.compile("[，。]+") and programs.made == 0 and not programs.used
    with pytest.raises(re.error):
        regexes.Programs().compile("[")
