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

from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import compress
from operator import not_
from typing import TYPE_CHECKING, Iterator

from ..document import Document
from ..findings import Finding, Location, make_finding
from ..lexicon import han_flags
from ..regexes import compile_fast
from .api import CHARACTERS, FLAG, STRINGS, Field, count
from ..words import WINDOW, inside_a_word

if TYPE_CHECKING:
    from ..rule import Rule

KIND = "word-variants"
FIELDS = (
    Field("context", count(1), 3, "characters the two forms must share around the differing one"),
    Field("ignore", CHARACTERS, "", "characters never treated as a misprint (function characters, numerals)"),
    Field("words", STRINGS, [], "extra words the general lexicon lacks"),
    Field("exceptions", STRINGS, [], "forms never reported"),
    Field("look_alike", FLAG, True, "true: the two characters must share a component"),
    Field("strokes", CHARACTERS, "", "components too small to make two characters look alike (single strokes)"),
    Field("contrasts", STRINGS, [], "groups of characters that stand for each other in real text (上下, 前后): never a misprint"),
    Field("numerals", CHARACTERS, "",
          "characters that count: the character after one is a measure word or a counted noun (一校 / 一村), never a misprint"),
)
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
    return WordVariantConfig(
        context=options["context"],
        ignore=frozenset(options["ignore"]),
        words=frozenset(options["words"]),
        exceptions=frozenset(options["exceptions"]),
        look_alike=options["look_alike"],
        strokes=frozenset(options["strokes"]),
        contrasts=frozenset(frozenset(group) for group in options["contrasts"]),
        numerals=frozenset(options["numerals"]),
    )


class _IndexedText:
    """The document's Han flags, where a context of `n` Han characters fits, which characters no lexicon
    word covers, and a lexicon lookup.

    Whole-text work is a few passes in C: Han flags by `bytes.translate`, the
    lexicon's two-character words looked up as integers read from the UTF-32
    text (no string per pair of characters), flags combined as integers. Python
    then visits only the few characters no two-character word covers; contexts
    and their other places are found by one Aho-Corasick pass, so memory grows
    with the candidates, not with the text.
    """

    def __init__(self, text: str, config: WordVariantConfig):
        self.text = text
        self.vocabulary = _han_words(config.words)
        self.words_of_two = _pair_codes(config.words)
        self.han = han_flags(text)
        self._window_flags: dict[int, list[bytes]] = {}

    @property
    def pairs(self) -> tuple[memoryview, memoryview]:
        """Each pair of neighbouring characters as one integer: the UTF-32 text read as 64-bit integers
        from offset 0 (the pairs at even offsets) and from offset 1 (the others); made when asked, not
        kept (four bytes a character)."""
        return _pairs(self.text)

    def pair(self, at: int) -> int:
        """The pair of characters at offset `at`, as `pairs` reads it."""
        return _pairs(self.text[at : at + 2])[0][0]

    @cached_property
    def pair_counts(self) -> Counter[int]:
        """How often each pair of neighbouring characters occurs (counted in C, an integer a pair)."""
        even, odd = self.pairs
        counts = Counter(even)
        counts.update(odd)
        return counts

    def pair_flags(self, kept: frozenset[int] | set[int]) -> int:
        """Byte i set when the pair of characters at offset i is in `kept`: a set as small as the
        document's distinct pairs, so the look-ups stay in the processor's cache."""
        flags = bytearray(len(self.text))
        even, odd = self.pairs
        flags[0 : 2 * len(even) : 2] = bytes(map(kept.__contains__, even))
        flags[1 : 1 + 2 * len(odd) : 2] = bytes(map(kept.__contains__, odd))
        return int.from_bytes(flags, "little")

    def windows(self, n: int) -> list[int]:
        """For each offset i of a slip in a context of `n` characters: byte `slip` set when that context may occur elsewhere.

        It must lie inside one Han run, and a context found elsewhere too has
        every one of its pairs of characters at least twice (the two that hold
        the slip aside). Worked out for all positions at once, on the Han and
        repeated-pair flags as integers.
        """
        inside = _all_set(int.from_bytes(self.han, "little"), range(n))
        twice = self.pair_flags({pair for pair, count in self.pair_counts.items() if count > 1})
        return [(inside & _all_set(twice, (k for k in range(n - 1) if k not in (i - 1, i)))) << 8 * i for i in range(n)]

    def window_flags(self, n: int) -> list[bytes]:
        """`windows(n)` as bytes, one per offset, with `n` zero bytes past the end (kept: a byte a character and offset)."""
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
        text, vocabulary, size = self.text, self.vocabulary, len(self.text)
        pairs = self.pair_flags(self.words_of_two.intersection(self.pair_counts))
        bare = (int.from_bytes(self.han, "little") & ~(pairs | pairs << 8) & among).to_bytes(size + 1, "little")
        left = [i for i in compress(range(size), bare[:size]) if text[i] not in ignore]
        for back, length in _LONG_REACH:
            stretches = [text[i - back : i - back + length] if i >= back else "" for i in left]
            left = list(compress(left, map(not_, map(vocabulary.__contains__, stretches))))
        return left

    def models(self, wanted: dict[tuple[int, str, str], array], n: int) -> dict[tuple[int, str, str], array]:
        """Where each wanted context occurs around some Han character, in text order.

        A key (i, left, right) is looked for by its longer side, all keys at
        once in one Aho-Corasick pass; where a side stands, the other side is
        read off the text and looked up among the keys that share that side.
        """
        text, han, size = self.text, self.han, len(self.text)
        groups = _anchors(wanted)
        models: dict[tuple[int, str, str], array] = {}
        for end, side in _all_places(text, groups):
            at = end - len(side) + 1
            for i, on_left, keys in groups[side]:
                if on_left:
                    model = at + i
                    if model - i + n > size or not han[model]:
                        continue
                    key = keys.get(text[model + 1 : model - i + n])
                else:
                    model = at - 1
                    if model < i or not han[model]:
                        continue
                    key = keys.get(text[model - i : model])
                if key is not None:
                    places = models.get(key)
                    if places is None:
                        places = models[key] = array("q")
                    places.append(model)
        return models


def _pairs(text: str) -> tuple[memoryview, memoryview]:
    size = len(text)
    units = memoryview(text.encode("utf-32-le", "surrogatepass"))
    return units[: 8 * (size // 2)].cast("Q"), units[4 : 4 + 8 * ((size - 1) // 2)].cast("Q")


def _anchors(wanted) -> dict[str, list[tuple[int, bool, dict[str, tuple[int, str, str]]]]]:
    """Each key's longer side (where the slip is a context's first or last character, the side holds every
    pair of the context, so it is the rarest stretch there is to look for), grouped by the side, then by
    the slip's offset and the side it stands on: (i, whether the side is the left one, other side -> key)."""
    groups: dict[str, dict[tuple[int, bool], dict[str, tuple[int, str, str]]]] = {}
    for key in wanted:
        i, left, right = key
        if len(left) >= len(right):
            side, place, other = left, (i, True), right
        else:
            side, place, other = right, (i, False), left
        by_slip = groups.get(side)
        if by_slip is None:
            by_slip = groups[side] = {}
        keys = by_slip.get(place)
        if keys is None:
            keys = by_slip[place] = {}
        keys[other] = key
    return {side: [(i, on_left, keys) for (i, on_left), keys in by_slip.items()] for side, by_slip in groups.items()}


def _all_places(text: str, strings) -> Iterator[tuple[int, str]]:
    """(end offset, string) of every place of every string in the text, overlaps included, ordered by
    their end: one Aho-Corasick pass, whatever the number of strings."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for string in strings:
        if string:
            automaton.add_word(string, string)
    if not len(automaton):
        return iter(())
    automaton.make_automaton()
    return automaton.iter(text)


@lru_cache(maxsize=8)
def _pair_codes(extra: frozenset[str]) -> frozenset[int]:
    """The two-character words of `_han_words`, each as the integer its UTF-32 form reads as (see `_IndexedText.pairs`)."""
    pairs = "".join(w for w in _han_words(extra) if len(w) == 2)
    return frozenset(memoryview(pairs.encode("utf-32-le", "surrogatepass")).cast("Q"))


def slip_windows(doc: _IndexedText, slips: list[int], n: int) -> dict[tuple[int, str, str], array]:
    """Each context of `n` characters around a slip, inside its run, that may occur elsewhere: (offset of the slip, left, right) -> slips.

    A slip at the very start of the text keeps a quirk of an earlier version,
    so that findings stay the same: its context from offset 0 is dropped when
    some pair of characters (but the last) occurs only once in the text.
    """
    text = doc.text
    offsets = list(enumerate(doc.window_flags(n)))
    wanted: dict[tuple[int, str, str], array] = {}
    for slip in slips:
        for i, flags in offsets:
            if flags[slip]:
                if not slip and _some_pair_once(doc):
                    continue
                start = slip - i
                key = (i, text[start:slip], text[slip + 1 : start + n])
                places = wanted.get(key)
                if places is None:
                    places = wanted[key] = array("q")
                places.append(slip)
    return wanted


def _any_window(windows: list[int]) -> int:
    """Byte `slip` set when some context around it may occur elsewhere."""
    found = 0
    for qualified in windows:
        found |= qualified
    return found


def _some_pair_once(doc: _IndexedText) -> bool:
    """Whether some pair of neighbouring characters but the last occurs only once in the text."""
    size = len(doc.text)
    if size < 3:
        return False
    last = doc.pair(size - 2)
    return any(count == 1 and pair != last for pair, count in doc.pair_counts.items())


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


def candidates(doc: _IndexedText, config: WordVariantConfig) -> tuple[dict[tuple[int, str, str], array], dict[tuple[int, str, str], array]]:
    """The contexts around possible slips, and where each occurs: (offset, left, right) -> slips, and -> models."""
    n = config.context + 1
    among = _any_window([int.from_bytes(flags, "little") for flags in doc.window_flags(n)])
    wanted = slip_windows(doc, doc.orphans(config.ignore, among=among), n)
    return wanted, doc.models(wanted, n) if wanted else {}


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    config: WordVariantConfig = rule.config
    doc = _IndexedText(document.text, config)
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


def variant_spans(doc: _IndexedText, wanted, models, config: WordVariantConfig) -> dict[tuple[int, int], tuple[int, int, str]]:
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
        places = models.get(key)
        if not places:
            continue
        written = set(map(text.__getitem__, slips))
        meant = {c for c in set(map(text.__getitem__, places))
                 if (len(written) > 1 or c not in written) and any(_may_replace(w, c, config) for w in written)}
        if not meant:
            continue
        grouped: dict[Local, list[int]] = defaultdict(list)
        for model in places:
            if text[model] in meant:
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


def _local(doc: _IndexedText, pos: int, reach: int) -> Local:
    """Up to `reach` characters of `pos`'s Han run on each side, and the character itself: enough to
    segment the words around it as the whole run would be."""
    text, han = doc.text, doc.han
    low = max(0, pos - reach)
    gap = han.rfind(0, low, pos)
    high = min(len(text), pos + reach + 1)
    end = han.find(0, pos + 1, high)
    return text[low if gap < 0 else gap + 1 : pos], text[pos], text[pos + 1 : high if end < 0 else end]


def _would_be_words(doc: _IndexedText, slip: Local, model: Local, config: WordVariantConfig) -> tuple[str, ...] | None:
    """The stretches the slip breaks (湖源 for 溯源), which must each occur at most once, or None when the two
    readings are no slip and model at all: same or ignored or unlike characters, too little shared context,
    no lexicon word holding the model character in the shared part, or a broken stretch that is a word."""
    (slip_left, written, slip_right), (model_left, meant, model_right) = slip, model
    if not _may_replace(written, meant, config):
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


@lru_cache(maxsize=1 << 16)
def _may_replace(written: str, meant: str, config: WordVariantConfig) -> bool:
    """What the two characters alone decide: `written` may stand for `meant` when they differ, `meant` is
    not ignored, they look alike and they are not two of a `contrasts` group (the same pairs meet again and
    again across documents)."""
    if written == meant or meant in config.ignore:
        return False
    if config.look_alike and not _look_alike(written, meant, config.strokes):
        return False
    return not any(written in group and meant in group for group in config.contrasts)


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


def _measured(doc: _IndexedText, slip: int, model: int, config: WordVariantConfig):
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


def _places_of(doc: _IndexedText, strings) -> dict[str, list[int]]:
    """Where each string occurs, left to right without overlaps (as `str.count` and `finditer` read it),
    for all of them in one pass over the text."""
    found: dict[str, list[int]] = {s: [] for s in strings}
    free = dict.fromkeys(found, 0)
    for end, s in _all_places(doc.text, found):
        start = end - len(s) + 1
        if start >= free[s]:
            found[s].append(start)
            free[s] = start + len(s)
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
