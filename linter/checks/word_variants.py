"""`word-variants`: an unquoted term written once with one character wrong, the right form nearby (湖源治理 / 溯源治理).

    - id: consistency.word-variant
      kind: word-variants
      context: 3               # characters both forms must share around the differing one
      ignore: "的了是在和与…"   # function characters and numerals: swapping them makes other words
      words: [素能, 党日]       # words the general lexicon lacks (house vocabulary)

Any two phrases of one document that differ in one character are candidates,
and real text is full of them (专项行动 / 专项活动). One is reported only when
all of these hold, which is what a slip of the pen looks like:

- the two forms share at least `context` characters around the difference;
- in the other form the character belongs to a word of the lexicon (溯源) lying
  inside the shared part, while in this form no lexicon word covers it at all
  (湖 in 产湖源治理) and the would-be word (湖源) occurs nowhere else in the document
  nor within any word of the lexicon (奥尔 in 奥尔良, 潮南 in 潮南区: a name, not a slip);
- that word is a word of the model's own text too: its segmentation cuts the
  text at both ends of it (in 广西南宁 the 西 belongs to 广西, so 西南 is no word there);
- the two characters look alike: they share a component other than a single
  stroke (湖 and 溯 share 水; 上 and 下 only 一), and they are not two of a
  `contrasts` group, characters that stand for each other in real text (线上 / 线下);
- the character does not follow a numeral, where it counts or names what is
  counted (一校一策 / 一村一策).

Only one document is compared with itself: across a large set, chance pairs of
one-character neighbours are certain, and comparing every phrase of every
document would need their whole text in memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import compress, tee
from operator import add, not_
from typing import Iterator

from ..document import Document
from ..errors import FieldError
from ..findings import Finding, Location, make_finding
from ..lexicon import han_flags
from ..regexes import compile_fast
from ..rules import Rule, integer, string_list
from ..words import WINDOW, inside_a_word

KIND = "word-variants"
FIELDS = {
    "context": "characters the two forms must share around the differing one (default 3)",
    "ignore": "characters never treated as a misprint (function characters, numerals)",
    "words": "extra words the general lexicon lacks",
    "exceptions": "forms never reported",
    "look_alike": "true (default): the two characters must share a component",
    "strokes": "components too small to make two characters look alike (single strokes)",
    "contrasts": "groups of characters that stand for each other in real text (上下, 前后): never a misprint",
    "numerals": "characters that count: the character after one is a measure word or a counted noun (一校 / 一村), never a misprint",
}
_HAN_RUN = compile_fast(r"\p{Han}+")
_WORD_LENGTHS = (2, 3, 4)
# Where a word longer than two characters may start relative to a character it covers.
_LONG_REACH = tuple((back, length) for length in _WORD_LENGTHS if length > 2 for back in range(length))


@dataclass(frozen=True)
class WordVariantConfig:
    context: int
    ignore: frozenset[str]
    words: frozenset[str]
    exceptions: frozenset[str]
    look_alike: bool
    strokes: frozenset[str]
    contrasts: frozenset[frozenset[str]]
    numerals: frozenset[str]


def compile(options: dict) -> WordVariantConfig:
    ignore = _characters(options, "ignore")
    look_alike = options.get("look_alike", True)
    if not isinstance(look_alike, bool):
        raise FieldError("look_alike", "expected true or false")
    strokes, numerals = (_characters(options, field) for field in ("strokes", "numerals"))
    return WordVariantConfig(
        context=integer("context", options.get("context", 3), 1),
        ignore=frozenset(ignore),
        words=frozenset(string_list("words", options.get("words", []))),
        exceptions=frozenset(string_list("exceptions", options.get("exceptions", []))),
        look_alike=look_alike,
        strokes=frozenset(strokes),
        contrasts=frozenset(frozenset(group) for group in string_list("contrasts", options.get("contrasts", []))),
        numerals=frozenset(numerals),
    )


def _characters(options: dict, field: str) -> str:
    value = options.get(field, "")
    if not isinstance(value, str):
        raise FieldError(field, "expected a string of characters")
    return value


class _Text:
    """The document's Han flags, its bigrams and their counts, which characters no lexicon word covers, and a lexicon lookup.

    Whole-text work is done with `map` into `bytes` and `itertools.compress`, so
    the per-character loops run in C; Python only visits the few characters no
    two-character word covers and whose context may repeat, a batch at a time.
    """

    def __init__(self, text: str, config: WordVariantConfig):
        self.text = text
        self.vocabulary = _han_words(config.words)
        self.han = han_flags(text)
        # Equal bigrams share one string object: the list then costs a pointer a character, not a string.
        pairs, same_pairs = tee(map(add, text, text[1:]))
        self.bigrams: list = list(map({}.setdefault, pairs, same_pairs))
        self.counts = Counter(self.bigrams)
        self._windows: dict[int, list[int]] = {}
        self._window_flags: dict[int, list[bytes]] = {}

    @cached_property
    def repeated(self) -> bytes:
        """1 at each position whose bigram occurs more than once in the text (compared in C, per bigram)."""
        return bytes(map((1).__lt__, map(self.counts.__getitem__, self.bigrams)))

    def windows(self, n: int) -> list[int]:
        """For each offset i of a slip in a context of `n` characters: byte `slip` set when that context may occur elsewhere.

        It must lie inside one Han run, and a context found elsewhere too has
        every one of its bigrams at least twice (the two that hold the slip
        aside). Worked out for all positions at once, on the Han and
        repeated-bigram flags as integers.
        """
        if n not in self._windows:
            inside = _all_set(int.from_bytes(self.han, "little"), range(n))
            twice = int.from_bytes(self.repeated, "little")
            self._windows[n] = [
                (inside & _all_set(twice, (k for k in range(n - 1) if k not in (i - 1, i)))) << 8 * i for i in range(n)
            ]
        return self._windows[n]

    def window_flags(self, n: int) -> list[bytes]:
        """`windows(n)` as bytes, one per offset, with `n` zero bytes past the end.

        An offset up to `n` past the end reads 0, and so does a negative one down
        to -n, which Python wraps into the same padding: `models` relies on both.
        """
        if n not in self._window_flags:
            self._window_flags[n] = [qualified.to_bytes(len(self.text) + n, "little") for qualified in self.windows(n)]
        return self._window_flags[n]

    def is_word(self, w: str) -> bool:
        """Whether a stretch of 2-4 characters of one Han run is a word."""
        return w in self.vocabulary

    def orphans(self, ignore: frozenset[str], among: int = -1) -> list[int]:
        """Han characters no lexicon word covers in their run: where a misprint may be.

        Only positions whose byte is set in `among` are considered, so that
        the costlier look-ups of longer words skip characters that cannot be
        slips anyway. A stretch that leaves its run holds a non-Han character,
        so it is no word: the longer stretches are looked up without asking
        where the run ends.
        """
        text, vocabulary = self.text, self.vocabulary
        pairs = int.from_bytes(bytes(map(vocabulary.__contains__, self.bigrams)), "little")
        under_pair = (pairs | pairs << 8).to_bytes(len(text) + 2, "little")[: len(text)]
        bare = (int.from_bytes(self.han, "little") & ~int.from_bytes(under_pair, "little") & among).to_bytes(len(text) + 1, "little")
        left = [i for i in _set_bytes(bare[: len(text)]) if text[i] not in ignore]
        for back, length in _LONG_REACH:
            stretches = [text[i - back : i - back + length] if i >= back else "" for i in left]
            left = list(compress(left, map(not_, map(vocabulary.__contains__, stretches))))
        return left

    def models(self, wanted: dict[tuple[int, str, str], list[int]], n: int) -> dict[tuple[int, str, str], list[int]]:
        """Where each wanted context occurs around some other Han character, in text order.

        A key (i, left, right) is looked up through its rarest bigram (or, in a
        context too short for one, character); an anchor that occurs only once
        is the slip's own context, so the key has no model. Each occurrence of
        an anchor is then checked in full, after its flag in `window_flags`:
        every place of the context has that flag (its characters are Han, its
        bigrams those of the slip's context, which occur twice), so a place
        without it is no model.
        """
        text = self.text
        by_anchor = _anchors(wanted, n, self.counts, self.bigrams, text)
        flags = self.window_flags(n)
        models: dict[tuple[int, str, str], list[int]] = {}
        for anchor, at in _occurrences(by_anchor, text, self.bigrams).items():
            for (place, i), keys in _by_offsets(by_anchor[anchor]).items():
                qualified = flags[i]
                for model in map((i - place).__add__, at):
                    if qualified[model]:
                        key = keys.get((text[model - i : model], text[model + 1 : model - i + n]))
                        if key is not None:
                            models.setdefault(key, []).append(model)
        return models


def _by_offsets(entries) -> dict[tuple[int, int], dict[tuple[str, str], tuple[int, str, str]]]:
    """Keys that share an anchor, grouped by where the anchor and the slip stand in the context: one
    look-up per occurrence of the anchor and group then finds every key whose context stands there."""
    groups: dict[tuple[int, int], dict[tuple[str, str], tuple[int, str, str]]] = defaultdict(dict)
    for place, i, left, right, key in entries:
        groups[(place, i)][(left, right)] = key
    return groups


def _anchors(wanted, n: int, counts: Counter[str], bigrams: list[str], text: str) -> dict[str, list[tuple[int, int, str, str, tuple[int, str, str]]]]:
    """Each key's rarest bigram (a lone character where the context holds none), with its place in the context.

    The bigrams are read at the key's first slip. Keys whose anchor occurs only
    once are left out: their one context is the slip's own.
    """
    spots = [[p for p in range(n - 1) if p not in (i - 1, i)] for i in range(n)]
    char_counts: Counter[str] | None = None
    anchors: dict[str, list[tuple[int, int, str, str, tuple[int, str, str]]]] = defaultdict(list)
    for key, slips in wanted.items():
        i, left, right = key
        start = slips[0] - i
        if spots[i]:
            seen, place = min([(counts[bigrams[start + p]], p) for p in spots[i]])
            anchor = bigrams[start + place]
        else:
            char_counts = char_counts or Counter(text)
            anchor, place = (left, 0) if left else (right, i + 1)
            seen = char_counts[anchor]
        if seen > 1:
            anchors[anchor].append((place, i, left, right, key))
    return anchors


def _occurrences(anchors, text: str, bigrams: list[str]) -> dict[str, list[int]]:
    """Where each anchor (a bigram or a lone character) occurs, in text order."""
    at: dict[str, list[int]] = defaultdict(list)
    for width, grams in ((1, text), (2, bigrams)):
        wanted = {anchor for anchor in anchors if len(anchor) == width}
        if wanted:
            for pos in compress(range(len(grams)), map(wanted.__contains__, grams)):
                at[grams[pos]].append(pos)
    return at


def _set_bytes(flags: bytes) -> list[int]:
    """The offsets of the nonzero bytes of `flags`."""
    return list(compress(range(len(flags)), flags))


def slip_windows(doc: _Text, slips: list[int], n: int) -> dict[tuple[int, str, str], list[int]]:
    """Each context of `n` characters around a slip, inside its run, that may occur elsewhere: (offset of the slip, left, right) -> slips."""
    text = doc.text
    passing = []
    for i, flags in enumerate(doc.window_flags(n)):
        passing += [(slip, i) for slip in slips if flags[slip]]
    if (0, 0) in passing and 0 in doc.repeated[:-1]:
        passing.remove((0, 0))  # known quirk, kept: a slip at offset 0 had its left context read as repeated[0:-1]
    wanted: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for slip, i in sorted(passing):
        start = slip - i
        wanted[(i, text[start:slip], text[slip + 1 : start + n])].append(slip)
    return wanted


def _any_window(windows: list[int]) -> int:
    """Byte `slip` set when some context around it may occur elsewhere."""
    found = 0
    for qualified in windows:
        found |= qualified
    return found


def _all_set(flags: int, offsets) -> int:
    """Byte j set when bytes j + k of `flags` are set for every k in `offsets`."""
    result = -1
    for k in offsets:
        result &= flags >> 8 * k
    return result


@lru_cache(maxsize=8)
def _han_words(extra: frozenset[str]) -> frozenset[str]:
    """Lexicon and house words of 2-4 Han characters: no other word can lie inside one Han run."""
    from ..lexicon import han_words

    lengths = set(_WORD_LENGTHS)
    own = {w for w in extra if len(w) in lengths and _HAN_RUN.fullmatch(w)}
    lexicon = han_words(min(lengths), max(lengths))
    return lexicon | own if own else lexicon


def candidates(doc: _Text, config: WordVariantConfig) -> tuple[dict[tuple[int, str, str], list[int]], dict[tuple[int, str, str], list[int]]]:
    """The contexts around possible slips, and where each occurs: (offset, left, right) -> slips, and -> models."""
    n = config.context + 1
    wanted = slip_windows(doc, doc.orphans(config.ignore, among=_any_window(doc.windows(n))), n)
    return wanted, doc.models(wanted, n) if wanted else {}


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: WordVariantConfig = rule.config
    doc = _Text(document.text, config)
    wanted, models = candidates(doc, config)
    variants = _one_per_slip(variant_spans(doc, wanted, models, config), document.text)
    places_of = _places_of(doc, {model for _, _, model in variants.values()})
    for (start, end), (_, _, model) in sorted(variants.items()):
        places = places_of[model]
        related = [Location.of(document, p, p + len(model), f"“{model}”") for p in places]
        where = "、".join(f"第 {document.position(p)[0]} 行第 {document.position(p)[1]} 列" for p in places[:3])
        yield make_finding(document, rule, start, end, replacement=model, related=related,
                           dominant=model, count=len(places), places=where)


def _one_per_slip(variants: dict[tuple[int, int], tuple[int, int, str]], text: str) -> dict[tuple[int, int], tuple[int, int, str]]:
    """One span per misprinted character: the one that shares most with its model (models met in
    different contexts give the same slip spans of different lengths)."""
    best: dict[int, tuple[int, int]] = {}
    for start, end in sorted(variants):
        model = variants[(start, end)][2]
        slip = start + next(k for k, (a, b) in enumerate(zip(text[start:end], model)) if a != b)
        if slip not in best or end - start > best[slip][1] - best[slip][0]:
            best[slip] = (start, end)
    return {span: variants[span] for span in best.values()}


Local = tuple[str, str, str]


def variant_spans(doc: _Text, wanted, models, config: WordVariantConfig) -> dict[tuple[int, int], tuple[int, int, str]]:
    """Each misprinted span -> the model form it was taken for (the first model in text order).

    Places where the context stands around the slip's own character are no
    models. Whether a slip and a model make a variant depends only on the few
    characters around each (`_local`), so it is decided once per pair of local
    readings, not per pair of places: a context repeated in every copy of a long
    document costs one decision. The counts of the would-be words are then taken
    for all pairs in one pass over the text (and looked for in the lexicon's
    longer words), and only the pairs found to be variants are measured out
    place by place.
    """
    reach = max(3, config.context) + WINDOW
    local: dict[int, Local] = {}
    readings: dict[Local, Local] = {}  # equal readings share one tuple: a repeated context is kept once

    def local_at(pos: int) -> Local:
        if pos not in local:
            reading = _local(doc, pos, reach)
            local[pos] = readings.setdefault(reading, reading)
        return local[pos]

    pending: dict[tuple[Local, Local], tuple[str, ...] | None] = {}
    visits: list[tuple[int, dict[Local, list[int]]]] = []
    text = doc.text
    for key, slips in wanted.items():
        written = {text[slip] for slip in slips}
        grouped: dict[Local, list[int]] = defaultdict(list)
        for model in models.get(key, ()):
            if len(written) > 1 or text[model] not in written:
                grouped[local_at(model)].append(model)
        if not grouped:
            continue
        for slip in slips:
            seen = local_at(slip)
            for reading in grouped:
                if (seen, reading) not in pending:
                    pending[(seen, reading)] = _would_be_words(doc, seen, reading, config)
            visits.append((slip, grouped))
    counts = _places_of(doc, {w for words in pending.values() if words for w in words})
    variants: dict[tuple[int, int], tuple[int, int, str]] = {}
    for slip, grouped in visits:
        seen = local[slip]
        chosen = [
            group for reading, group in grouped.items()
            if pending[(seen, reading)] and all(len(counts[w]) <= 1 for w in pending[(seen, reading)])
            and not any(map(inside_a_word, pending[(seen, reading)]))
        ]
        for model in sorted(m for group in chosen for m in group):
            found = _measured(doc, slip, model, config)
            if found:
                variants.setdefault(found[0], found[1])
    return variants


def _local(doc: _Text, pos: int, reach: int) -> Local:
    """Up to `reach` characters of `pos`'s Han run on each side, and the character itself: enough to
    segment the words around it as the whole run would be."""
    text, han = doc.text, doc.han
    low = max(0, pos - reach)
    gap = han.rfind(0, low, pos)
    high = min(len(text), pos + reach + 1)
    end = han.find(0, pos + 1, high)
    return text[low if gap < 0 else gap + 1 : pos], text[pos], text[pos + 1 : high if end < 0 else end]


def _would_be_words(doc: _Text, slip: Local, model: Local, config: WordVariantConfig) -> tuple[str, ...] | None:
    """The stretches the slip breaks (湖源 for 溯源), which must each occur at most once, or None when the two
    readings are no slip and model at all: same or ignored or unlike characters, too little shared context,
    no lexicon word holding the model character in the shared part, or a broken stretch that is a word."""
    (slip_left, written, slip_right), (model_left, meant, model_right) = slip, model
    if written == meant or meant in config.ignore:
        return None
    if config.look_alike and not _look_alike(written, meant, config.strokes):
        return None
    if any(written in group and meant in group for group in config.contrasts):
        return None
    left = _shared_length(slip_left[::-1], model_left[::-1])
    right = _shared_length(slip_right, model_right)
    if left + right < config.context or (left and slip_left[-1] in config.numerals):
        return None
    shared = model_left[len(model_left) - left :] + meant + model_right[:right]
    broken_text = slip_left[len(slip_left) - left :] + written + slip_right[:right]
    spans = [
        (start, start + length)
        for length in _WORD_LENGTHS
        for start in range(max(0, left - length + 1), min(left, len(shared) - length) + 1)
        if doc.is_word(shared[start : start + length])
    ]
    broken = tuple(broken_text[start:end] for start, end in spans)
    if not broken or any(map(doc.is_word, broken)):
        return None
    offset = len(model_left) - left
    if not any(_segmented_as(model_left + meant + model_right, offset + start, offset + end) for start, end in spans):
        return None
    return broken


def _segmented_as(text: str, start: int, end: int) -> bool:
    """Whether the text's own segmentation cuts it at both ends of the stretch: 西南 is a word, but in
    广西南宁 the 西 belongs to 广西 and the stretch is no word of that text."""
    from ..words import words

    cuts, at = set(), 0
    for piece in words(text):
        cuts.add(at)
        at += len(piece)
    cuts.add(at)
    return start in cuts and end in cuts


def _shared_length(a: str, b: str) -> int:
    """How many characters the two strings share at their start."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _measured(doc: _Text, slip: int, model: int, config: WordVariantConfig):
    """The misprinted span (as far as the two places agree, inside their Han runs) and the model form, or None
    when the span is an exception."""
    text, han = doc.text, doc.han
    left = 0
    while slip - left > 0 and model - left > 0 and han[slip - left - 1] and text[slip - left - 1] == text[model - left - 1]:
        left += 1
    right, size = 0, len(text)
    while slip + right + 1 < size and model + right + 1 < size and han[slip + right + 1] and text[slip + right + 1] == text[model + right + 1]:
        right += 1
    span = (slip - left, slip + right + 1)
    if text[span[0] : span[1]] in config.exceptions:
        return None
    return span, (model - left, model + right + 1, text[model - left : model + right + 1])


def _places_of(doc: _Text, strings) -> dict[str, list[int]]:
    """Where each string occurs, left to right without overlaps (as `str.count` and `finditer` read it),
    for all of them in one pass over the text: each is found through its rarest bigram."""
    text = doc.text
    by_anchor: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s in strings:
        if len(s) < 2:
            by_anchor[s].append((0, s))
        else:
            _, offset = min((doc.counts[s[k : k + 2]], k) for k in range(len(s) - 1))
            by_anchor[s[offset : offset + 2]].append((offset, s))
    at = _occurrences(by_anchor, text, doc.bigrams)
    found: dict[str, list[int]] = {}
    for anchor, entries in by_anchor.items():
        for offset, s in entries:
            places, free = [], 0
            for p in at.get(anchor, ()):
                if p - offset >= free and text.startswith(s, p - offset):
                    places.append(p - offset)
                    free = p - offset + len(s)
            found[s] = places
    return found


@lru_cache(maxsize=1 << 14)
def _look_alike(a: str, b: str, strokes: frozenset[str]) -> bool:
    """Whether two characters share a component other than a single stroke (湖 and 溯 share 水, 上 and 下
    only 一); the same pairs meet again and again in one text."""
    from ..lexicon import components

    return bool((components(a) & components(b)) - strokes)


def prepare(config: WordVariantConfig) -> None:
    from ..lexicon import look_alike
    from ..words import load_dictionary

    _han_words(config.words)
    load_dictionary()
    if config.look_alike:
        look_alike("湖", "溯")


def can_fix(config: WordVariantConfig) -> bool:
    return True
