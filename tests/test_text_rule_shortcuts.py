"""Fast paths of the text rules give exactly what the slow paths give, on invented text."""

from __future__ import annotations

import random
import re

import pytest

from linter.checks.api import kind_of
from linter.checks import pairs
from linter.checks.api import compile_options
from linter.document import Document

MARKS = "“”‘’《》（）()「」"
FILLER = "检察院召开座谈会，1a) b:(O’Brien 。"


def invented_paragraphs(alphabet: str, count: int, seed: int) -> list[str]:
    """Short random strings over `alphabet` and some filler (marks, letters, enumerators)."""
    rng = random.Random(seed)
    pool = alphabet + FILLER
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def balanced_paragraphs(pair_list: list[str], count: int, seed: int) -> list[str]:
    """Text whose marks open and close in turn, with nesting now and then: the common case."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 4)):
            outer = rng.choice(pair_list)
            inner = rng.choice(pair_list) if rng.random() < 0.3 else None
            middle = f"内{inner[0]}字{inner[1]}" if inner else "字"
            parts.append(f"甲{outer[0]}{middle}{outer[1]}乙")
        texts.append("".join(parts))
    return texts


@pytest.fixture(scope="module")
def pair_rules(rules_by_id):
    return [rules_by_id[i] for i in ("quotes.unclosed", "quotes.nested-same-level", "quotes.cross-paragraph")]


def slow_pairs(document: Document, config) -> list:
    """Every paragraph's balance from the full scan, with the ignored offsets found paragraph by paragraph."""
    return [
        pairs._scan_paragraph(p, config, pairs._ignored_in_text(p.text, config), pairs.paragraph_marks(p, config))
        for p in document.paragraphs
    ]


def fast_pairs(document: Document, config) -> list:
    """Every paragraph's balance as `analyse` gives it: scanned paragraphs, and the flat ones it leaves out."""
    analysed = pairs.analyse(document, config)
    return [
        analysed.get(p.index) or pairs.ParagraphPairs(p, first_mark=pairs.paragraph_first_mark(document, config, p.index))
        for p in document.paragraphs
    ]


@pytest.mark.parametrize("separator", ["\n\n", "\n", "\r\n"])
def test_pairs_shortcuts_match_the_scan(pair_rules, separator):
    """Paragraphs of flat marks are left out of the scan; lines of a wrapped paragraph keep their pairs apart."""
    texts = invented_paragraphs(MARKS + "\n", 3000, 1) + balanced_paragraphs(["“”", "‘’", "《》", "（）", "()"], 1000, 2)
    random.Random(5).shuffle(texts)
    document = Document(separator.join(texts))
    for rule in pair_rules:
        assert fast_pairs(document, rule.config) == slow_pairs(document, rule.config)
        ignored = pairs.ignored_offsets(document, rule.config)
        for paragraph in document.paragraphs:
            ignored_here = pairs._ignored_in_text(paragraph.text, rule.config)
            slow = pairs._scan_paragraph(paragraph, rule.config, ignored_here, pairs.paragraph_marks(paragraph, rule.config))
            assert pairs._analyse_paragraph(paragraph, rule.config, ignored) == slow, paragraph.text


def test_pairs_findings_match_the_scan_of_every_paragraph(pair_rules, monkeypatch):
    texts = invented_paragraphs(MARKS + "\n", 2000, 6) + balanced_paragraphs(["“”", "‘’", "《》", "（）"], 600, 7)
    random.Random(8).shuffle(texts)
    document = Document("\n\n".join(texts))
    fast = {rule.id: list(kind_of(rule).check(document, rule)) for rule in pair_rules}
    def every_paragraph_scanned(document, config):
        return document.memo(("slow", config.key), lambda: dict(enumerate(slow_pairs(document, config))))

    monkeypatch.setattr(pairs, "analyse", every_paragraph_scanned)
    slow = {rule.id: list(kind_of(rule).check(Document(document.text), rule)) for rule in pair_rules}
    assert fast == slow
    assert all(fast.values())


def test_pairs_flat_shortcut_is_taken_on_flat_text(pair_rules):
    config = pair_rules[0].config
    assert config.flat.fullmatch("“”《》（）")
    assert not config.flat.fullmatch("“《》”")
    assert pairs.flat_sequence(("“”", "”“")) is None


def test_pairs_analysis_is_shared_only_between_equal_options(rules_by_id):
    unclosed, nested = rules_by_id["quotes.unclosed"].config, rules_by_id["quotes.nested-same-level"].config
    same_pairs = compile_options(pairs, {"pairs": list(nested.pairs), "report": ["unclosed"], "ignore": [p.pattern for p in nested.ignore]})
    assert same_pairs.key != nested.key
    assert unclosed.key == rules_by_id["quotes.stray-closer"].config.key


@pytest.mark.parametrize("seed", [3, 4])
def test_layout_shortcuts_match_the_full_tests(rules_by_id, seed):
    """Word across a break, tails of set phrases, closed endings and cue prefilters, on invented pairs of paragraphs."""
    from linter import blocks
    from linter.checks import layout
    from linter.words import JOINABLE, cuts_inside_word, word_across, words

    config = rules_by_id["layout.broken-paragraph"].config
    rng = random.Random(seed)
    alphabet = "周新革介绍检察官部的了平文化思想近习，。！”）)；:（兰桂萍摄图12 a\t"
    for _ in range(3000):
        left = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        right = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        if rng.random() < 0.3:
            right = rng.choice(["平文化思想", "近平法治", "色社会主义", "民检察院", " 平", "依法治国"]) + right
        l, r = left.rstrip(), right.lstrip()
        if l:
            joinable = bool(JOINABLE.match(l[-1]) and JOINABLE.match(r[:1]))
            assert joinable or word_across(l, r) is None, (l, r)
        stripped = right.lstrip()
        slow = 0
        for term in config.fixed_terms:
            for k in range(1, len(term) - 2):
                tail = term[k:]
                if not slow and stripped.startswith(tail) and cuts_inside_word(term, k) and len(words(stripped[:8])[0]) == 1:
                    slow = len(right) - len(stripped) + len(tail)
        if not (layout._starts_with_bound_word(stripped, config) or layout._ONE_CHAR_CLAUSE.match(stripped)):
            assert layout._fragment_end(right, config) == slow, right
        assert blocks.ends_open(left) == (bool(left.rstrip()) and not blocks._CLOSED_END.search(left.rstrip())), left
        for group, searches in config.cues.searches.items():
            assert blocks.any_cue(searches, left) == any(p.search(left) for p in getattr(config.cues, group)), left


def is_excepted(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Some exception span covers [start, end): the plain reading of `LazyExceptionSpans.covers`."""
    return any(s <= start and e >= end for s, e in spans)


def mojibake_texts(count: int, seed: int) -> list[str]:
    """Chinese text with pieces of every misreading, Latin-1 letters and characters GBK cannot encode."""
    rng = random.Random(seed)
    words = ["中文", "这是", "检察院", "参数错误", "你好", "璐璐在鑫源小区", "Café", "×÷", "𠀀", "\ufffd", "a1 ", "。"]
    pieces = words + [w.encode("utf-8").decode("gbk", "replace") for w in words[:6]]
    pieces += [w.encode("utf-8").decode("cp1252", "replace") for w in words[:6]]
    pieces += [w.encode("gbk").decode("latin-1") for w in words[:6]]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_mojibake_prefilters_find_what_the_full_scans_find():
    from linter.checks import mojibake

    for text in mojibake_texts(1500, 5):
        for min_chars in (1, 2, 3):
            found = list(mojibake.utf8_as_gbk(text, min_chars))
            assert found == list(mojibake.utf8_in_gbk_runs(mojibake.gbk_runs(text), min_chars)), (text, min_chars)
        for pattern, lead in ((mojibake.UTF8_AS_CP1252, mojibake.UTF8_LEAD_LATIN), (mojibake.GBK_AS_LATIN1, mojibake.GBK_LEAD_LATIN)):
            assert all(lead.match(m.group()) for m in pattern.finditer(text))
            assert [m.span() for m in mojibake.matches_at_leads(pattern, lead, text)] == [m.span() for m in pattern.finditer(text)]


def test_mojibake_skips_the_latin1_misreadings_only_where_they_find_nothing(monkeypatch, rules_by_id):
    """Text without a character in U+0081-U+00FE is not searched for the Latin-1 misreadings: what the check
    finds is what it finds searching every text for every misreading."""
    from linter.checks import mojibake

    rule = rules_by_id["garbled.mojibake"]
    # 安暗昂 read as Latin-1 (°²°µ°º) has no character a UTF-8 misreading starts with
    texts = mojibake_texts(1500, 8) + ["报道：" + "安暗昂".encode("gbk").decode("latin-1") + "。"]
    gated = [[tuple(f) for f in mojibake.check(Document(text), rule)] for text in texts]
    monkeypatch.setattr(mojibake, "_LATIN1_MISREADINGS", ())
    assert gated == [[tuple(f) for f in mojibake.check(Document(text), rule)] for text in texts]
    assert any(gated) and any(not mojibake.GBK_LEAD_LATIN.search(text) for text in texts)


def test_latin1_runs_tried_at_lead_characters_are_those_finditer_finds():
    """Lead characters with too few continuation bytes after them (ð¤, ¢) are passed over as finditer passes them."""
    from linter.checks import mojibake

    rng = random.Random(17)
    alphabet = "中文·×é\u00c2\u00e4\u00f0\u00f4\u0081\u00a2\u00bf\u0080€™\ufffd@a "
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for pattern, lead in ((mojibake.UTF8_AS_CP1252, mojibake.UTF8_LEAD_LATIN), (mojibake.GBK_AS_LATIN1, mojibake.GBK_LEAD_LATIN)):
            assert [m.span() for m in mojibake.matches_at_leads(pattern, lead, text)] == [m.span() for m in pattern.finditer(text)], text


@pytest.mark.parametrize("window", [1, 2, 3, 5, None])
def test_leads_tried_until_dense_then_finditer_find_what_finditer_finds(window):
    """Stretches dense in lead characters (Latin-1 prose, runs of mojibake) among sparse Chinese ones."""
    from linter.checks import mojibake

    rng = random.Random(19)
    dense, sparse = "éaÃ©â€™Ä ãº", "中文检察院。 "
    for _ in range(1500):
        stretches = [rng.choice((dense, sparse)) for _ in range(rng.randint(1, 4))]
        text = "".join(rng.choice(alphabet) for alphabet in stretches for _ in range(rng.randint(0, 40)))
        for pattern, lead in ((mojibake.UTF8_AS_CP1252, mojibake.UTF8_LEAD_LATIN), (mojibake.GBK_AS_LATIN1, mojibake.GBK_LEAD_LATIN)):
            found = mojibake.matches_at_leads(pattern, lead, text, window) if window else mojibake.matches_at_leads(pattern, lead, text * 20)
            expected = pattern.finditer(text if window else text * 20)
            assert [m.span() for m in found] == [m.span() for m in expected], text


def test_utf8_as_gbk_reads_only_the_runs_holding_its_shape():
    """Chinese text in which a UTF-8 lead character stands alone (珊, 瑚 are E0-EF in GBK) is never encoded."""
    from linter.checks import mojibake

    encoded = []
    runs = mojibake.gbk_runs

    def counted(text, only_with=None):
        for offset, data in runs(text, only_with):
            encoded.append(data)
            yield offset, data

    garbled = "这是".encode("utf-8").decode("gbk")
    text = "珊瑚礁保护区的珊瑚长势良好，" * 50 + "\n" + garbled
    mojibake.gbk_runs = counted
    try:
        found = list(mojibake.utf8_as_gbk(text, 2))
    finally:
        mojibake.gbk_runs = runs
    assert found and found == list(mojibake.utf8_in_gbk_runs(runs(text), 2))
    assert encoded == [garbled.encode("gbk")]


def test_utf8_lead_characters_are_all_gbk_encodes_there():
    from linter.checks import mojibake

    found = set()
    for code in range(0x80, 0x10000):
        try:
            data = chr(code).encode("gbk")
        except UnicodeEncodeError:
            continue
        assert len(data) == 2
        if 0xE0 <= data[0] <= 0xEF and 0x80 <= data[1] <= 0xBF:
            found.add(chr(code))
    assert found == set(mojibake.utf8_lead_chars().pattern[1:-1].replace("\\", ""))


def confusion_texts(rule, count: int, seed: int) -> list[str]:
    """Text built from the rule's own wrong forms, right forms and exceptions, cut and shuffled."""
    rng = random.Random(seed)
    config = rule.config
    words = [p.pattern for p in config.exceptions if p.pattern.isalpha()] + list(config.corrections)
    words += [literal for anchors in config.starts.by_first.values() for literal, _ in anchors]
    words += ["深人", "收人", "人均收人", "进人新时代", "而己。", "周未，", "人脑人心", "湖源治理", "资深人", "融", "人", "己", "末", "，"]
    pieces = words + [w[1:] for w in words] + [w[:-1] for w in words]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 10))) for _ in range(count)]


@pytest.mark.parametrize("rule_id", ["garbled.ocr-ru-ren", "garbled.ocr-lookalike", "typo.confusion"])
def test_confusion_start_finder_finds_every_overlapped_match(rules_by_id, rule_id):
    from linter.checks import confusions
    from linter.checks.pattern import overlapped_matches

    config = rules_by_id[rule_id].config
    assert config.starts is not None
    hits = 0
    for text in confusion_texts(rules_by_id[rule_id], 2000, 6):
        fast = [(m.span(), m.lastgroup) for m in confusions.wrong_forms(config, text)]
        slow = [(m.span(), m.lastgroup) for m in overlapped_matches(config.matcher, text)]
        assert fast == slow, text
        hits += bool(fast)
    assert hits > 100


def test_anchor_literals():
    from linter.regexes import anchor_literals

    assert anchor_literals("写人(?=党章|宪法)") == (("写人", 0),)
    assert anchor_literals(r"(?<=[融寓]\p{Han})人景") == (("人景", 0),)
    assert anchor_literals("而[己巳](?=[。，]|$)") == (("而己", 0), ("而巳", 0))
    assert anchor_literals("[^a]bcd") == (("bcd", 1),)
    assert anchor_literals("a|bc") == (("a", 0), ("bc", 0))
    for pattern in (r"\p{Han}{2}", "x*", "(?i)ab", "x*ab", "(?:培训){e<=1}"):
        assert anchor_literals(pattern) is None


@pytest.mark.parametrize(
    "rule_id", ["garbled.ocr-ru-ren", "garbled.ocr-lookalike", "duplication.word", "duplication.char", "punctuation.ascii-in-chinese"]
)
def test_exceptions_tried_offset_by_offset_cover_what_the_full_search_covers(rules_by_id, rule_id):
    from linter.checks.pattern import LazyExceptionSpans, exception_spans

    rule = rules_by_id[rule_id]
    texts = confusion_texts(rules_by_id["garbled.ocr-ru-ren"], 300, 7) + [
        "高高兴兴研究研究一步一步的的确确现在在党建联建联创", "见https://a.cn/x?1,2,3:4中,文1,000",
    ]
    for text in texts:
        document = Document(text)
        many = LazyExceptionSpans(document, rule.config.exceptions)
        spans = exception_spans(text, rule.config.exceptions)
        for start in range(len(text)):
            for end in range(start, min(len(text), start + 6) + 1):
                expected = is_excepted(spans, start, end)
                assert LazyExceptionSpans(document, rule.config.exceptions).covers(start, end) == expected, (text, start, end)
                assert many.covers(start, end) == expected, (text, start, end)


def test_exception_work_grows_with_the_candidates_not_with_exception_matches(rules_by_id):
    """Exceptions are tried where a candidate stands: ten times the text is ten times the attempts, and a run of
    one character (a reduplication shape matches at each of its offsets) costs nothing more."""
    from linter.checks.pattern import LazyExceptionSpans

    rule = rules_by_id["punctuation.ascii-in-chinese"]
    attempts = []
    for copies in (10, 100):
        document = Document(("见https://a.cn/x?a=1,2 中,文;" + "长" * 500) * copies)
        excepted = LazyExceptionSpans(document, rule.config.exceptions)
        for start in (m.start() for m in re.finditer("[,;:?!]", document.text)):
            excepted.covers(start, start + 1)
        attempts.append(excepted.attempts)
    assert attempts[1] == 10 * attempts[0]
    shapes = rules_by_id["duplication.word"].config.exceptions
    for length in (1_000, 100_000):
        excepted = LazyExceptionSpans(Document("长" * length), shapes)
        assert not excepted.covers(0, length)
        assert excepted.attempts == 0


@pytest.mark.parametrize("wrong", [r"中(?:\p{Han}|\p{Han}\p{Han})+\d", r"(?:\p{Han}|\p{Han}\p{Han})+\d"])
def test_confusions_of_user_rule_files_keep_the_timeout(tmp_path, monkeypatch, wrong):
    from linter.rules import load_rules
    from linter.saferegex import RegexTimeout, TimedPattern

    monkeypatch.setenv("WENLINT_REGEX_TIMEOUT", "0.2")
    (tmp_path / "slow.yaml").write_text(
        f"""rules:
  - id: typo.slow-confusion
    kind: confusions
    severity: warning
    message: "慢：{{wrong}}"
    words: {{'{wrong}': 正确}}
    examples: {{bad: ["中文1"], good: ["文本"]}}
""",
        encoding="utf-8",
    )
    [rule] = load_rules([tmp_path])
    assert isinstance(rule.config.matcher, TimedPattern)
    with pytest.raises(RegexTimeout):
        list(kind_of(rule).check(Document("中" * 60), rule))


@pytest.mark.parametrize(
    "rule_id,plain,alphabet",
    [
        ("punctuation.merged-clauses",
         [r"(?<![\d.])\d+(?:\.\d+)?[余多]?(?P<unit>件|份|起|场次|场|人次|名|户|项|篇|条|家|宗|批)"
          r"(?=(?P<next>\d+(?:\.\d+)?%?)(?:(?P=unit)|(?![\d.]|[余多万亿]|[A-Za-z]|(?:件|份|起|场|人|名|户|项|篇|条|家|宗|批|个|元"
          r"|亩|吨|辆|台|套|所|座|栋|间|处|只|头|位|次|名|米|公里|平方米|千瓦|小时|天|年|岁|级))))"],
         "0123.余件场次人名年%，A项"),
        ("garbled.encoding-debris", ["(?:锟斤拷)+", "烫{3,}", "屯{3,}"], "锟斤拷烫屯汤"),
    ],
)
def test_patterns_written_for_speed_match_their_plain_form(rules_by_id, rule_id, plain, alphabet):
    import regex

    rng = random.Random(9)
    fast = rules_by_id[rule_id].config.patterns
    slow = [regex.compile(p) for p in plain]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        for f, s in zip(fast, slow):
            assert [(m.span(), m.groupdict()) for m in f.finditer(text)] == [(m.span(), m.groupdict()) for m in s.finditer(text)], text


def test_pattern_rule_is_skipped_on_text_without_needed_characters(rules_by_id, monkeypatch):
    """The `needs` of a pattern rule is derived from its patterns and applied once, by the engine."""
    from linter.engine import lint_document, rule_may_run

    rule = rules_by_id["garbled.encoding-debris"]
    assert set(rule.config.needs) == set("锟烫屯")
    assert rule_may_run(rule, "烫烫烫") and not rule_may_run(rule, "汤汤汤")
    assert len(lint_document(Document("烫烫烫"), [rule]).findings) == 1
    monkeypatch.setattr(kind_of(rule), "check", lambda document, rule: pytest.fail("checked a text without 锟烫屯"))
    assert lint_document(Document("汤汤汤"), [rule]).findings == []


def reference_paragraph_spans(document: Document) -> list[tuple[int, int]]:
    """Paragraph spans as the document model first found them: line by line with a regular expression."""
    import re

    text, spans, block = document.text, [], []
    for m in re.finditer(r"[^\n]*\n|[^\n]+", text):
        start, end = m.span()
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        if text[start:end].strip():
            block.append((start, end))
        elif block:
            spans.extend(document._split_block(block))
            block = []
    if block:
        spans.extend(document._split_block(block))
    return spans


def reference_sentence_spans(document: Document) -> list[tuple[int, int]]:
    from linter.document import _SENTENCE_RE

    return [
        (p.start + m.start(), p.start + m.end())
        for p in document.paragraphs
        for m in _SENTENCE_RE.finditer(p.text)
        if m.end() > m.start() and m.group().strip()
    ]


def test_paragraphs_and_sentences_match_the_first_way_of_finding_them():
    rng = random.Random(10)
    pieces = ["检察院召开座谈会", "，", "。", "！", "”", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\u3000", "\x1c", "abc def ghi", "1、", "……"]
    for _ in range(2000):
        document = Document("".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))))
        assert [(p.start, p.end) for p in document.paragraphs] == reference_paragraph_spans(document), document.text
        assert all(p.text == document.text[p.start : p.end] for p in document.paragraphs)
        assert [(s.start, s.end) for s in document.sentences] == reference_sentence_spans(document), document.text


def test_fullwidth_marks_match_the_plain_neighbour_search(rules_by_id):
    """Every ASCII mark judged by its nearest non-space neighbours and the exceptions searched over the whole text."""
    from linter.checks import fullwidth
    from linter.checks.pattern import exception_spans

    rule = rules_by_id["punctuation.ascii-in-chinese"]
    config = rule.config
    rng = random.Random(11)
    pieces = ["中文", ",", ";", ":", "?", "!", " ", "\t", "1", "a", "http://a.cn/x?id=1,2", "“", "。", "\n"]
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        spans = exception_spans(text, config.exceptions)
        expected = []
        for m in re.finditer("[" + re.escape(config.needs) + "]", text):
            start = m.start()
            before, after = _neighbour(text, start - 1, -1), _neighbour(text, start + 1, 1)
            chinese_after = bool(after) and bool(config.chinese.fullmatch(after))
            if not (chinese_after or (before and config.chinese.fullmatch(before))) or is_excepted(spans, start, start + 1):
                continue
            fix_end = start + 1
            while chinese_after and fix_end < len(text) and text[fix_end] in fullwidth.SPACES:
                fix_end += 1
            expected.append((start, fix_end))
        found = [(f.start, f.fix.end if f.fix else None) for f in fullwidth.check(Document(text), rule)]
        assert found == expected, text


def test_script_offsets_beyond_the_bmp_match_the_full_scan():
    """Texts without a character beyond the BMP skip the astral Han scan; with one, both scans run."""
    from linter.checks import script

    rng = random.Random(11)
    alphabet = "這是中文乾隆於𠀀𡘙𤆬𠮷a。\uffff"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for config, kept in (("t2s", "乾於"), ("s2t", "")):
            basic = [m.start() for m in script.changed_pattern(config, kept).finditer(text)]
            astral = [m.start() for m in script._astral_han().finditer(text) if m.group() not in kept and script.changed_char(config, m.group())]
            assert script.changed_offsets(config, text, kept) == sorted(basic + astral), text
            assert script.changed_count(config, text, kept) == len(basic + astral), text


def test_changed_count_with_enough_stops_once_past_it(monkeypatch):
    """With `enough` the count is min(enough + 1, the count), read in doubling chunks: a few traditional characters
    weighed against a long simplified text read its first chunk only."""
    from linter.checks import script

    rng = random.Random(12)
    for _ in range(300):
        text = "".join(rng.choice(["這", "这", "中", "𠀀", "a", "说" * 40, "。" * 300]) for _ in range(rng.randint(0, 60)))
        total = script.changed_count("s2t", text)
        for enough in (0, 1, 5, 50, 400):
            assert script.changed_count("s2t", text, enough=enough) == min(enough + 1, total), (text, enough)
    read: list[int] = []
    pattern = script.changed_pattern("s2t")
    monkeypatch.setattr(script, "changed_pattern", lambda config, kept="": type("Counted", (), {
        "findall": lambda self, text, start, end: read.append(min(end, len(text)) - start) or pattern.findall(text, start, end)})())
    assert script.changed_count("s2t", "这是简体中文的文章。" * 100_000, enough=3) == 4
    assert sum(read) == script.FIRST_COUNT_CHUNK


def test_closed_ending_read_backwards_matches_the_search():
    """`ends_open` reads the ending backwards; a forward search of the whole paragraph says the same."""
    from linter import blocks

    rng = random.Random(12)
    alphabet = "文。！？!?…．.”’」』）)》〉】〕\"'（(；;：: \n兰a"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))).rstrip()
        if text:
            assert blocks.ends_open(text) == (not blocks._CLOSED_END.search(text)), text


def test_start_chars_of_anchored_patterns():
    import re

    from linter.regexes import start_chars

    assert start_chars(re.compile("^扫(?:码|描)")) == {"扫"}
    assert start_chars(re.compile(r"\A(?:ab|[cd])+x")) == {"a", "c", "d"}
    assert start_chars(re.compile("^a|^b")) == {"a", "b"}
    for pattern in ("扫码", "^(?:a)?b", "(?m)^a", "(?i)^a", "^(?=a)a", "^(?:a|)b", r"^\d", "a|^b", "^(?:(?i:a)|b)"):
        assert start_chars(re.compile(pattern)) is None, pattern
    rng = random.Random(13)
    patterns = [re.compile(p) for p in ("^扫(?:码|描)", r"\A(?:ab|[cd])+x", "^[（(][^（）]{1,3}[）)]$", "^第\\s*[0-9]{1,3}")]
    for _ in range(5000):
        text = "".join(rng.choice("扫码描abcdx（）()第 12\n") for _ in range(rng.randint(0, 8)))
        for pattern in patterns:
            if text[:1] not in start_chars(pattern):
                assert pattern.search(text) is None, (pattern.pattern, text)


def test_cue_search_finds_what_every_pattern_finds(rules_by_id):
    from linter import blocks

    cues = rules_by_id["layout.broken-paragraph"].config.cues
    rng = random.Random(14)
    pieces = ["扫码看", "责任编辑：", "第 3 版", "—3—", "本报记者", "记者 ", "□本", "（本报杭州电）", "（兰桂萍）", "2024年5月25日",
              "图①：", "5月2日，", "（左一）", "摄", "检察长 王某", "第一章", "文字", "。", " ", "中"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        for group, search in cues.searches.items():
            assert blocks.any_cue(search, text) == any(p.search(text) for p in getattr(cues, group)), (group, text)


def test_word_across_matches_the_cut_of_the_joined_text():
    """A break no dictionary word spans is answered without cutting; the answer is the cut's either way."""
    from linter.words import WINDOW, word_across, words

    def cut_across(left: str, right: str) -> str | None:
        left, right = left[-WINDOW:], right[:WINDOW]
        position = 0
        for word in words(left + right) if left and right else ():
            if position < len(left) < position + len(word):
                return word
            position += len(word)
        return None

    rng = random.Random(16)
    pieces = ["检察", "官", "介绍", "周新革", "法治", "思想", "的", "了", "ab", "1", "2a", " ", "，", "《", "社会主义", "核心", "A", "\r", "\n", "\t"]
    assert word_across("甲\r", "\n乙") == "\r\n"
    for _ in range(5000):
        left = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        right = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        assert word_across(left, right) == cut_across(left, right), (left, right)


def test_pairs_of_white_space_marks_are_analysed_like_any_other():
    config = compile_options(pairs, {"pairs": ["\u3000 ", "“”"], "report": ["unclosed", "stray"]})
    document = Document("甲\u3000乙\n\n \u3000\n\n“丙\n\n丁 ”")
    assert fast_pairs(document, config) == slow_pairs(document, config)


def test_unpaired_mark_means_the_same_in_regex_as_in_re(pair_rules):
    """Where stdlib `re` has no possessive quantifiers (before 3.11), `compile_fast` gives the pattern to `regex`."""
    import regex

    rng = random.Random(18)
    for rule in pair_rules:
        config = rule.config
        fallback = regex.compile(config.unpaired.pattern)
        for _ in range(3000):
            text = "".join(rng.choice(config.needs + "甲\n ") for _ in range(rng.randint(0, 12)))
            for start in range(len(text) + 1):
                here, there = config.unpaired.match(text, start), fallback.match(text, start)
                assert (here and here.span(1)) == (there and there.span(1)), (text, start)


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\r"])
def test_pairs_of_line_breaks_and_ignored_line_breaks_end(separator):
    """A mark or an ignored character that is the line break at a paragraph's end is passed once."""
    import re

    text = separator.join(["第一段“甲”。", "第二段。", "「丙」\n\r", ""])
    ignore_break = pairs.PairsConfig(("“”", "「」"), frozenset({"unclosed"}), {}, (re.compile(r"\n[「“]"),), "“”「」")
    break_marks = compile_options(pairs, {"pairs": ["“”", "\n》", "\r《"], "report": ["unclosed", "stray"]})
    for config in (ignore_break, break_marks):
        document = Document(text)
        assert fast_pairs(document, config) == slow_pairs(document, config)
    assert break_marks.unpaired is not None
    assert pairs.analyse(Document(text), ignore_break) == {}


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character from `index` on in the direction `step`, spaces and tabs skipped."""
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    return text[index] if 0 <= index < len(text) else ""
