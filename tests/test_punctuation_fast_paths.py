"""The one-pass candidate searches of the punctuation, duplication and garbled rules give what the plain
per-match path gives, on invented text, and do their work only where a candidate is."""

from __future__ import annotations

import random
import re

import pytest
import regex

from linter import prefilter
from linter.checks import fullwidth, joined_items, repetition
from linter.checks import pattern as pattern_kind
from linter.checks.pattern import LazyExceptionSpans
from linter.document import Document
from linter.regexes import template_expander
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


FULLWIDTH_PIECES = ["中", "文", ",", ";", ":", "?", "!", " ", "\t", "  ", "a", "1", "“", "，", "\n", "http://x.cn/a?b=1,2", "3,000"]


def plain_fullwidth(document: Document, rule) -> list:
    """Each mark with Chinese context on either side (spaces skipped), by one `regex` search with a lookbehind
    of any width, its finding made one by one."""
    config = rule.config
    context = f"(?:{rule.options['chinese']})"
    pattern = regex.compile(f"[{regex.escape(''.join(config.marks))}](?:[ \\t]*+(?={context})|(?<={context}[ \\t]*.))")
    excepted = LazyExceptionSpans(document, config.exceptions)
    found = []
    for m in pattern.finditer(document.text):
        start = m.start()
        if excepted.covers(start, start + 1):
            continue
        mark = m.group()[0]
        found.append(make_finding(document, rule, start, start + 1, replacement=config.marks[mark], fix_span=m.span(),
                                  message=rule.format_message({"match": mark, "fullwidth": config.marks[mark]})))
    return found


@pytest.mark.parametrize("seed", range(40))
def test_fullwidth_split_matches_the_plain_search(rules_by_id, seed):
    rule = rules_by_id["punctuation.ascii-in-chinese"]
    document = Document(invented(FULLWIDTH_PIECES, seed, 2000), "invented.txt")
    assert list(fullwidth.check(document, rule)) == plain_fullwidth(document, rule)


@pytest.mark.parametrize("chinese", ["中|文", "(?:中文)", "[中文 ]"])
def test_fullwidth_context_of_other_shapes_keeps_the_lookbehind_of_any_width(chinese):
    from linter.rules import parse_rule

    rule = parse_rule({"id": "punctuation.test", "kind": "fullwidth", "severity": "warning", "message": "{match}",
                       "marks": {",": "，", ":": "："}, "chinese": chinese,
                       "examples": {"bad": ["中文,中文"], "good": ["a,b"]}}, "my.yaml")
    for seed in range(10):
        document = Document(invented(FULLWIDTH_PIECES, seed, 1000), "invented.txt")
        assert list(fullwidth.check(document, rule)) == plain_fullwidth(document, rule)


@pytest.mark.skipif(prefilter.re2_module() is None, reason="google-re2 is not installed")
@pytest.mark.parametrize("rule_id", ["garbled.ocr-ru-ren", "garbled.ocr-lookalike", "typo.confusion", "garbled.mojibake"])
def test_rare_defects_are_gated_by_their_own_candidates(rules_by_id, rule_id, monkeypatch):
    """Ordinary Chinese text holds none of their candidates: the one Set pass skips the rule there."""
    monkeypatch.setattr(prefilter, "SET_AFTER_CHARS", 0)
    rule = rules_by_id[rule_id]
    assert prefilter.rule_gates(rule).candidate
    text = "我们的国家正在发展，“这是历史的潮流”。人民群众深入基层，已经取得成绩。" * 80
    assert not prefilter.DocumentScan(text, (rule,)).may_run(rule)


SENTENCE_PIECES = ["我们在发展", "。", "！", "”", "\n", "\n\n", "\r\n", " ", "　　", "这是历史的潮流", "？", "…", "他说", "，"]


@pytest.mark.parametrize("seed", range(60))
def test_a_text_without_a_piece_twice_has_no_sentence_twice(seed):
    rng = random.Random(seed)
    text = invented(SENTENCE_PIECES, seed, rng.randint(5, 60))
    if rng.random() < 0.5:
        half = rng.randint(0, len(text))
        text = text[:half] + text[half:] + text[half:]
    document = Document(text, "invented.txt")
    if not repetition._some_piece_twice(text):
        assert not repetition._some_sentence_twice(document), text


TEMPLATES = [r"（\1）", r"\g<inner>-\g<2>", r"\g<0>", "", "，", r"\2\1", r"\n\1", r"\101", r"\12", r"\g<none>", r"\g<1>\g<inner>",
             r"\\1", r"\g<3>"]


@pytest.mark.parametrize("module", [re, regex], ids=["re", "regex"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_a_template_read_once_expands_as_match_expand(module, template):
    pattern = module.compile(r"\((?P<inner>[^()]*)\)(后)?")
    expand = template_expander(pattern, template)
    for text in ["(中文)", "(中文)后", "()"]:
        m = pattern.search(text)
        try:
            wanted = m.expand(template)
        except Exception as error:  # noqa: BLE001 - the same error either way
            with pytest.raises(type(error)):
                expand(m)
            continue
        assert expand(m) == wanted


def test_a_pattern_rule_reads_its_template_once_per_document(rules_by_id):
    from linter import regexes

    rule = rules_by_id["punctuation.ascii-parentheses"]
    regexes._template_pieces.cache_clear()
    findings = list(pattern_kind.check(Document("副厅长(左一)带队，(记者尚强)报道。" * 50, "x.txt"), rule))
    assert len(findings) == 100 and findings[1].fix.replacement == "（记者尚强）"
    assert regexes._template_pieces.cache_info().misses == 1


PARENTHESIS_PIECES = ["(", ")", "中", "a", "1", " ", "\n", "（", "文字"]


@pytest.mark.parametrize("seed", range(40))
def test_ascii_parentheses_possessive_pattern_finds_what_the_backtracking_one_found(rules_by_id, seed):
    """The runs around the Han character are possessive (a parenthesis left open on a long line cost one scan
    of the line per character before): the spans are those of the plain pattern."""
    rule = rules_by_id["punctuation.ascii-parentheses"]
    plain = regex.compile(r"\(([^()\n]*\p{Han}[^()\n]*)\)")
    text = invented(PARENTHESIS_PIECES, seed, 3000)
    findings = list(pattern_kind.check(Document(text, "invented.txt"), rule))
    assert [(f.start, f.end, f.fix.replacement) for f in findings] == [
        (m.start(), m.end(), f"（{m[1]}）") for m in plain.finditer(text)]
