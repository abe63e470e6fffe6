"""Fast paths of the consistency and typo checks give what the straightforward computation gives, on invented text."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
import regex

from linter.checks import convention
from linter.checks.api import compile_options
from linter.document import Document
from linter.lexicon import han_characters, one_of, script_characters, script_pattern
from linter.regexes import compile_fast
from linter.words import WINDOW, inside_a_word

# Simplified-only, traditional-only, both-script and non-Han characters, astral Han, a lone surrogate.
ALPHABET = list("这们国说訴訟們國說乾干於于的是在中文汉字，。、“”「」\"',;:?!/1a \n") + ["\U00020000", "\ud800"]


def invented_texts(count: int, alphabet=ALPHABET, length: int = 40, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(length))) for _ in range(count)]


def test_one_of_matches_exactly_its_characters():
    rng = random.Random(5)
    pool = [chr(c) for c in rng.sample(range(0x20, 0x30000), 3000) if not 0xD800 <= c < 0xE000]
    chosen = set(rng.sample(pool, 400)) | {"-", "]", "\\", "^", "a", "b", "c"}
    for compile_ in (re.compile, regex.compile):
        pattern = compile_(one_of(chosen))
        assert all(bool(pattern.fullmatch(ch)) == (ch in chosen) for ch in pool + list(chosen))
        assert compile_(one_of(())).search("".join(pool)) is None


def test_han_characters_are_what_the_han_property_matches():
    han = set(han_characters())
    rng = random.Random(6)
    sample = [chr(c) for c in rng.sample(range(0x2E00, 0x32000), 20000)] + list("中文〇々，a")
    han_property = regex.compile(r"\p{Han}")
    assert all((ch in han) == bool(han_property.fullmatch(ch)) for ch in sample)


def test_han_flags_mark_what_the_han_property_matches():
    from linter.lexicon import han_flags

    han_property = regex.compile(r"\p{Han}")
    every_bmp = "".join(map(chr, range(0x10000)))
    rng = random.Random(20)
    astral = [chr(c) for c in rng.sample(range(0x10000, 0x30000), 3000)]
    texts = [every_bmp, every_bmp[::-1], "".join(astral) + every_bmp[0x4000:0x5000], "", "中", "\ud800\udc00中"]
    texts += invented_texts(300, seed=21)
    for text in texts:
        assert han_flags(text) == bytes(bool(han_property.match(ch)) for ch in text), text[:20]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_script_pattern_finds_each_script_character(script):
    own = script_characters(script)
    for text in invented_texts(300):
        assert script_pattern(script).findall(text) == [ch for ch in text if ch in own]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_charset_scan_counts_as_a_character_count_does(script):
    own = script_characters(script)
    for text in invented_texts(300):
        counts = Counter(text)
        present = [ch for ch in counts if ch in own]
        expected = (0, None)
        if present:
            first = min(text.find(ch) for ch in present)
            expected = (sum(counts[ch] for ch in present), (first, first + 1))
        assert convention._charset_scan(text, script) == expected
        assert convention._charset_use(Document(text, "x.txt"), script) == expected


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_script_count_in_batches_is_the_findall_count(script):
    from linter.lexicon import COUNT_BATCH, count_script

    texts = invented_texts(200, length=3 * COUNT_BATCH * 4, seed=31)
    texts += ["這" * (COUNT_BATCH * 3 + 1), "这" * COUNT_BATCH + "\n" * 5, "这\U00020000" * 200, ""]
    for text in texts:
        for start in (0, 1, len(text) // 2, len(text)):
            assert count_script(script, text, start) == len(script_pattern(script).findall(text, start))


class CountingPattern:
    def __init__(self, pattern: re.Pattern):
        self.pattern, self.calls = pattern, 0

    def match(self, *args):
        self.calls += 1
        return self.pattern.match(*args)


def test_script_count_takes_one_match_a_batch(monkeypatch):
    from linter import lexicon

    counting = CountingPattern(lexicon.script_batch_pattern("simplified"))
    monkeypatch.setattr(lexicon, "script_batch_pattern", lambda script: counting)
    text = "中这们。" * 1000
    assert lexicon.count_script("simplified", text) == 2000
    assert counting.calls == 2000 // lexicon.COUNT_BATCH + 1


def test_beyond_bmp_is_whether_a_character_lies_past_the_bmp(monkeypatch):
    from linter.checks import script

    monkeypatch.setattr(script, "ENCODE_CHUNK", 7)
    texts = invented_texts(300, seed=32) + ["", "\ud800\udc00", "\U0010ffff", "中" * 20 + "\U00020000"]
    for text in texts:
        assert script.beyond_bmp(text) == any(ord(ch) > 0xFFFF for ch in text)


@pytest.mark.parametrize(
    "written, rewritten",
    [
        (r"(?<=[\p{Han}”’」』）》])[,;:?!](?![\d/])", r"[,;:?!](?<=[\p{Han}”’」』）》][,;:?!])(?![\d/])"),
        (r'(?<=\p{Han})"|"(?=\p{Han})', r'"(?:(?<=\p{Han}")|(?=\p{Han}))'),
    ],
)
def test_style_patterns_that_start_with_the_mark_match_where_the_lookbehind_forms_did(written, rewritten):
    before, after = regex.compile(written), compile_fast(rewritten)
    for text in invented_texts(3000, length=20):
        assert [m.span() for m in after.finditer(text)] == [m.span() for m in before.finditer(text)], text


def test_conversion_table_holds_what_opencc_does_to_each_character_alone():
    from linter.checks.script import changed_chars, convert

    rng = random.Random(7)
    sample = rng.sample(han_characters(0xFFFF), 3000) + list("這們國說訴訟乾於餘这们国说")
    for config in ("t2s", "s2t"):
        table = changed_chars(config)
        for ch in sample:
            alone = convert(config, ch)
            assert table.get(ch) == (alone if alone != ch and len(alone) == 1 else None), (config, ch)


def _script_analysis_one_by_one(text, both_scripts, exceptions):
    """The script check as first written: a character count, then each character looked up."""
    from linter.checks.mojibake import utf8_as_gbk
    from linter.checks.script import ScriptAnalysis, convert

    def alone(config, ch):
        converted = convert(config, ch)
        return converted if converted != ch and len(converted) == 1 else None

    counts = Counter(text)
    han = {ch for ch in counts if regex.match(r"\p{Han}", ch)}
    to_simplified = {ch: alone("t2s", ch) for ch in han - set(both_scripts) if alone("t2s", ch)}
    simplified_only = sum(counts[ch] for ch in han if alone("s2t", ch))
    if not to_simplified:
        return ScriptAnalysis((), "", simplified_only)
    in_context = convert("t2s", text)
    same_length = len(in_context) == len(text)
    excepted = [(m.start(), m.end()) for p in exceptions for m in p.finditer(text)]
    excepted += [(start, end) for start, end, _ in utf8_as_gbk(text, 2)]
    found = []
    for i, ch in enumerate(text):
        if ch in to_simplified:
            simplified = in_context[i] if same_length else to_simplified[ch]
            if simplified != ch and not any(s <= i < e for s, e in excepted):
                found.append((i, simplified))
    return ScriptAnalysis(tuple(i for i, _ in found), "".join(form for _, form in found), simplified_only)


def test_script_analysis_matches_looking_each_character_up():
    from linter.checks.script import analyse

    alphabet = ALPHABET + list("餘鍾麵乾隆發展歷史涓枃頭髮干预\U00020001\U0002A6A5")
    exceptions = (regex.compile("乾隆"),)
    for text in invented_texts(400, alphabet, length=30, seed=9) + ["我們的國家正在發展，這是歷史的潮流。", ""]:
        for both_scripts in ("", "乾於"):
            fast, slow = analyse(text, both_scripts, exceptions), _script_analysis_one_by_one(text, both_scripts, exceptions)
            assert fast.traditional == slow.traditional, text
            assert fast.is_traditional_document == slow.is_traditional_document, text
            if fast.traditional:  # simplified-only characters are counted until they outnumber the traditional ones
                assert fast.simplified_only == min(slow.simplified_only, len(slow.traditional) + 1), text


def _run_of(text: str, pos: int) -> tuple[int, int]:
    return next(m.span() for m in regex.finditer(r"\p{Han}+", text) if m.start() <= pos < m.end())


def _variant_one_pair(doc, slip: int, model: int, config):
    """Whether one slip and one model make a variant, read off the two places themselves (the definition)."""
    from linter.checks import word_variants

    text = doc.text
    if text[slip] == text[model] or text[model] in config.ignore:
        return None
    if config.look_alike and not word_variants._look_alike(text[slip], text[model], config.strokes):
        return None
    if any(text[slip] in group and text[model] in group for group in config.contrasts):
        return None
    slip_low, slip_high = _run_of(text, slip)
    model_low, model_high = _run_of(text, model)
    left = 0
    while slip - left > slip_low and model - left > model_low and text[slip - left - 1] == text[model - left - 1]:
        left += 1
    right = 0
    while slip + right + 1 < slip_high and model + right + 1 < model_high and text[slip + right + 1] == text[model + right + 1]:
        right += 1
    if left + right < config.context or (left and text[slip - 1] in config.numerals):
        return None
    words = [
        (start, start + length)
        for length in (2, 3, 4)
        for start in range(max(model - left, model - length + 1), min(model, model + right + 1 - length) + 1)
        if doc.is_word(text[start : start + length])
    ]
    if not words:
        return None
    for start, end in words:
        broken = text[slip - (model - start) : slip - (model - start) + (end - start)]
        if doc.is_word(broken) or text.count(broken) > 1 or inside_a_word(broken):
            return None
    reach = max(3, config.context) + WINDOW
    low, high = max(model_low, model - reach), min(model_high, model + reach + 1)
    if not any(word_variants._segmented_as(text[low:high], start - low, end - low) for start, end in words):
        return None
    span = (slip - left, slip + right + 1)
    if text[span[0] : span[1]] in config.exceptions:
        return None
    return span, (model - left, model + right + 1, text[model - left : model + right + 1])


def _word_variant_spans_one_by_one(text: str, config) -> dict:
    """The word-variants search written position by position: every Han character, window and model tried in turn."""
    from linter.checks import word_variants

    doc = word_variants._IndexedText(text, config)
    vocabulary, n = doc.vocabulary, config.context + 1
    runs = [m.span() for m in regex.finditer(r"\p{Han}+", text)]
    run_at = {pos: run for run in runs for pos in range(*run)}
    orphans = [
        pos for pos, (low, high) in sorted(run_at.items())
        if text[pos] not in config.ignore
        and not any(text[start : start + length] in vocabulary
                    for length in (2, 3, 4) for start in range(max(low, pos - length + 1), min(pos, high - length) + 1))
    ]
    bigrams = [text[p : p + 2] for p in range(len(text) - 1)]
    repeated = bytes(bigrams.count(b) > 1 for b in bigrams)
    wanted: dict = {}
    for slip in orphans:
        low, high = run_at[slip]
        for i in range(n):
            start = slip - i
            if start >= low and start + n <= high and 0 not in repeated[start : slip - 1] and 0 not in repeated[slip + 1 : start + n - 1]:
                wanted.setdefault((i, text[start:slip], text[slip + 1 : start + n]), []).append(slip)
    variants: dict = {}
    for (i, left, right), slips in wanted.items():
        models = [m for m in run_at if m - i >= 0 and text[m - i : m] == left and text[m + 1 : m - i + n] == right]
        for slip in slips:
            for model in sorted(models):
                found = _variant_one_pair(doc, slip, model, config)
                if found:
                    variants.setdefault(found[0], found[1])
    return variants


def _word_variant_spans(text: str, config) -> dict:
    from linter.checks import word_variants

    doc = word_variants._IndexedText(text, config)
    wanted, models = word_variants.candidates(doc, config)
    return word_variants.variant_spans(doc, wanted, models, config)


@pytest.mark.parametrize("context", [1, 2, 3])
def test_word_variant_search_matches_trying_every_position(context):
    from linter.checks import word_variants

    config = compile_options(word_variants, {"context": context, "ignore": "的了"})
    pieces = ["溯源治理", "湖源治理", "依法治理", "依法冶理", "河道", "污染", "专项行动", "专项活动", "的", "。", "，", "a", "\n",
              "湖", "溯", "治", "冶", "理", "源"]
    rng = random.Random(context)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(400)]
    texts += ["湖源治理。溯源治理。", "依法治理河道污染。\n要坚持依法冶理河道污染。", "湖源治理" * 3]
    texts += [text * 3 for text in texts[:60]]
    for text in texts:
        assert _word_variant_spans(text, config) == _word_variant_spans_one_by_one(text, config), text
    assert any(_word_variant_spans(text, config) for text in texts)


@pytest.mark.parametrize("context", [1, 2, 3])
def test_orphans_among_some_positions_are_the_orphans_at_those_positions(context):
    from linter.checks import word_variants

    config = compile_options(word_variants, {"context": context, "ignore": "的了"})
    alphabet = list("溯源湖治理冶依法河道污染专项行动活的。，a\n")
    for text in invented_texts(400, alphabet, length=40, seed=14):
        doc = word_variants._IndexedText(text, config)
        near = word_variants._any_window(doc.windows(context + 1))
        flags = near.to_bytes(len(text) + context + 2, "little")
        every = doc.orphans(config.ignore)
        assert doc.orphans(config.ignore, among=near) == [pos for pos in every if flags[pos]], text
        windows = word_variants.slip_windows(doc, every, context + 1)
        assert word_variants.slip_windows(doc, doc.orphans(config.ignore, among=near), context + 1) == windows, text


@pytest.mark.parametrize("context", [1, 2, 3])
def test_models_are_every_other_place_of_the_context(context):
    from linter.checks import word_variants

    config = compile_options(word_variants, {"context": context, "ignore": "的了"})
    alphabet = list("溯源湖治理冶依法河道污染专项行动活的。，a\n")
    n = context + 1
    for text in invented_texts(400, alphabet, length=60, seed=15):
        doc = word_variants._IndexedText(text, config)
        wanted, models = word_variants.candidates(doc, config)
        for (i, left, right), slips in wanted.items():
            every = [m for m in range(i, len(text) - n + i + 1)
                     if doc.han[m] and text[m - i : m] == left and text[m + 1 : m - i + n] == right]
            fast = list(models.get((i, left, right), []))
            assert fast == every or (not fast and every == list(slips[:1]) == list(slips)), text


def test_pairs_are_read_as_integers_and_counted():
    from linter.checks import word_variants

    config = compile_options(word_variants, {})
    texts = invented_texts(300, list("溯源湖治理。a\n"), length=60, seed=17)
    texts += ["", "中", "中中", "中中中", "治理" * 300 + "溯源", "a" * 700, "\U00020001中\ud800中"]
    code: dict = {}
    for text in texts:
        doc = word_variants._IndexedText(text, config)
        bigrams = [text[p : p + 2] for p in range(len(text) - 1)]
        pairs = [doc.pair(p) for p in range(len(text) - 1)]
        assert len(set(pairs)) == len(set(bigrams)), text
        for bigram, pair in zip(bigrams, pairs):
            assert code.setdefault(bigram, pair) == pair, text
        assert sorted(doc.pair_counts.values()) == sorted(Counter(bigrams).values()), text
        flags = doc.pair_flags(doc.words_of_two.intersection(doc.pair_counts)).to_bytes(len(text) + 1, "little")
        assert [p for p in range(len(bigrams)) if flags[p]] == [p for p, b in enumerate(bigrams) if b in doc.vocabulary], text


def test_window_flags_mark_every_place_of_a_repeated_context():
    """A model found through the window flags is a place whose context equals the key's, inside one Han run."""
    from linter.checks import word_variants

    alphabet = list("溯源湖治理冶依法的。，a\n")
    for context in (1, 2, 3):
        n = context + 1
        config = compile_options(word_variants, {"context": context})
        for text in invented_texts(300, alphabet, length=60, seed=18 + context):
            doc = word_variants._IndexedText(text, config)
            for i, flags in enumerate(doc.window_flags(n)):
                assert len(flags) == len(text) + n and not any(flags[len(text) :])
                for slip in (p for p, flag in enumerate(flags[: len(text)]) if flag):
                    start = slip - i
                    window = text[start : start + n]
                    context_text = window[:i] + window[i + 1 :]
                    others = [m for m in range(i, len(text) - n + i + 1) if m != slip and doc.han[m]
                              and text[m - i : m] + text[m + 1 : m - i + n] == context_text
                              and regex.fullmatch(r"\p{Han}+", text[m - i : m - i + n])]
                    assert all(flags[m] for m in others), (text, i, slip)


@pytest.mark.parametrize("reach", [1, 3, 9])
def test_han_flags_and_the_local_reading_of_a_han_character_are_the_han_runs(reach):
    from linter.checks import word_variants

    config = compile_options(word_variants, {})
    for text in invented_texts(500, seed=16) + ["中", "中文", "a中", "中a"]:
        doc = word_variants._IndexedText(text, config)
        runs = [m.span() for m in regex.finditer(r"\p{Han}+", text)]
        assert doc.han == bytes(any(low <= pos < high for low, high in runs) for pos in range(len(text))), text
        assert [word_variants._local(doc, pos, reach) for low, high in runs for pos in range(low, high)] == [
            (text[max(low, pos - reach) : pos], text[pos], text[pos + 1 : min(high, pos + reach + 1)])
            for low, high in runs for pos in range(low, high)
        ], text


def plain_term_places(text: str, config) -> dict[str, list[int]]:
    """Surface -> starts, the straightforward way: every quoted term, then every place of each long
    term in the text with all blanks taken out, each offset mapped back through a list."""
    from linter.regexes import HAN

    found: dict[str, set[int]] = {}
    for m in config.pattern.finditer(text):
        surface = m.group(m.lastindex)
        if surface.strip() == surface and HAN.search(surface):
            found.setdefault(surface, set()).add(m.start(m.lastindex))
    kept = [i for i, ch in enumerate(text) if ch not in " \t\u3000"]
    squeezed = "".join(text[i] for i in kept)
    for term in dict.fromkeys("".join(surface.split()) for surface in list(found)):
        if len(term) >= config.repeat_min_length:
            for at in range(len(squeezed)):
                if squeezed.startswith(term, at):
                    start, end = kept[at], kept[at + len(term) - 1] + 1
                    found.setdefault(text[start:end], set()).add(start)
    return {surface: sorted(starts) for surface, starts in found.items()}


@pytest.mark.parametrize(("few_terms", "few_blanks"), [(0, 0), (100, 256)])
@pytest.mark.parametrize("quotes", [["“”"], ["“”", "《》"], ["“”", "「」", "『』", "《》"], ["“”", "《“"]])
def test_term_places_are_what_the_plain_search_finds(quotes, few_terms, few_blanks, monkeypatch):
    """Repeats from one automaton pass over the text and windows around blank runs, or (a few terms, no
    blank run among them) from a count per term; blank runs from one regex pass, or (a few blanks)
    from `str.find`: as the plain search."""
    from linter.checks import term_variants

    monkeypatch.setattr(term_variants, "_FEW_TERMS", few_terms)
    monkeypatch.setattr(term_variants, "_FEW_BLANKS", few_blanks)

    config = compile_options(term_variants, {"quotes": quotes, "min_length": 2, "max_length": 8, "repeat_min_length": 3})
    rule = type("Rule", (), {"config": config})()
    alphabet = list("“”《》「」检察开放日 \t\u3000\xa0\n。a") + ["检察", "察开放", "开 放日", "“检察开放”", "《开放日》"]
    written = ["“检察开放”检 察 开 放", "检察 开放“检察开放”", "“检察开放”检察开放。“察开放”", "“放日放”放日放日放日“放日放”"]
    for text in invented_texts(3000, alphabet, length=30, seed=25) + written:
        document = Document(text, "t.txt")
        summary = term_variants.summarize(document, rule)
        places: dict[str, list[int]] = {}
        for surface, place in summary.each():
            places.setdefault(surface, []).append(place.start)
            line = text.count("\n", 0, place.start) + 1
            assert (place.line, place.column) == (line, place.start - document.line_starts[line - 1] + 1)
            assert text[place.start : place.end] == surface
        assert places == plain_term_places(text, config), repr(text)
        assert list(places) == list(plain_term_places(text, config)), repr(text)
        wanted = set(list(places)[::2])
        assert list(summary.each(wanted)) == [(s, p) for s, p in summary.each() if s in wanted]


@pytest.mark.parametrize("quotes", [["“”", "「」", "『』", "《》"], ["“”", "《“"]])
def test_term_pattern_finds_what_one_alternative_per_pair_finds(quotes):
    """The term is the pattern's one group (the opening mark picks the closing one by a lookahead):
    the same terms as an alternative per pair, run by the `regex` module."""
    from linter.checks import term_variants

    config = compile_options(term_variants, {"quotes": quotes, "min_length": 2, "max_length": 6})
    assert isinstance(config.pattern, re.Pattern)
    marks = regex.escape("".join(quotes) + term_variants._SENTENCE_MARKS)
    per_pair = regex.compile("|".join(f"{regex.escape(o)}([^{marks}]{{2,6}}){regex.escape(c)}" for o, c in quotes))
    alphabet = list("“”「」『』《》。！？!?\n\r检察院 a1")
    for text in invented_texts(2000, alphabet, length=30, seed=12):
        fast = [m.span(1) for m in config.pattern.finditer(text)]
        assert fast == [m.span(m.lastindex) for m in per_pair.finditer(text)], text
        assert config.pattern.split(text)[1::2] == [text[a:b] for a, b in fast]


def test_astral_han_characters_are_looked_up_alone():
    from linter.checks.script import changed_char, changed_offsets, convert

    rng = random.Random(13)
    astral = [ch for ch in han_characters() if ord(ch) > 0xFFFF]
    sample = rng.sample(astral, 2000)
    for config in ("t2s", "s2t"):
        changed = [ch for ch in sample if changed_char(config, ch)]
        for ch in changed:
            alone = convert(config, ch)
            assert changed_char(config, ch) == alone and len(alone) == 1 and alone != ch
        text = "".join(rng.choice(sample[:50] + changed[:20] + list("這这中，")) for _ in range(300))
        expected = [i for i, ch in enumerate(text) if convert(config, ch) != ch and len(convert(config, ch)) == 1 and regex.match(r"\p{Han}", ch)]
        assert changed_offsets(config, text) == expected


def test_places_of_strings_are_where_finditer_finds_them():
    from linter.checks import word_variants

    config = compile_options(word_variants, {})
    alphabet = list("溯源湖治理。a\n")
    for text in invented_texts(300, alphabet, length=40, seed=23) + ["治治治治", "", "a"]:
        doc = word_variants._IndexedText(text, config)
        strings = {"治", "治治", "溯源", "源治理", "a\n", "理。a"}
        assert word_variants._places_of(doc, strings) == {
            s: [m.start() for m in re.finditer(re.escape(s), text)] for s in strings}, text


def test_term_places_are_every_place_of_every_term_overlaps_included():
    from linter.checks.term_variants import _automaton, _term_starts

    alphabet = list("检察开放日活动\U00020001")
    terms = ["检察开放", "察开放日", "检察开放日活动", "放日放日", "\U00020001检察"]
    automaton = _automaton(terms)
    for text in invented_texts(300, alphabet, length=40, seed=24) + ["放日放日放日"]:
        found = _term_starts(automaton, text)
        for term in terms:
            assert found.get(term, []) == [i for i in range(len(text)) if text.startswith(term, i)], (text, term)
