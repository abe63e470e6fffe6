"""What each paragraph of a page is: heading, byline, caption, page furniture, section number or body text.

Extracted newspaper pages mix the article's running text with the things
printed around it. Checks that reason about sentences running from one
paragraph into the next must know which paragraphs are text and which are
not, so classification lives here, shared by every rule of a document
through `blocks(document, cues)` (computed once per set of cues).

The cues are heuristics and come from the rule file (`blocks:` of the layout
rules): which patterns mark a byline, a caption, page furniture, how long a
heading may be. The order of the decisions is fixed here:

1. furniture cue (扫码看视频) → furniture;
2. a lone number → section number when it is part of a 1, 2, 3 … sequence,
   otherwise a page number (furniture);
3. byline cue (□本报记者 …) → byline;
4. caption cue (图①:, a one-sentence dated photo line) → caption;
5. heading-shaped (short, no full stop, not opening with a word such as
   诚如 or 因此 that refers back to earlier text; a headline whose parts a
   space or a dash separate; a numbered line such as 一、… or （三）… with no
   stop) → heading, except that a very short one with no body text after it
   is a running head or section name (先锋周刊 / 铸剑) → furniture where it
   interrupts the page: beside a page number or other furniture, after a
   sentence cut off, or at the page's end. Headings that lead from finished
   text to a story (国内快讯 / title / text) are its first blocks, and lines
   of equal length in one block are verse;
6. everything else → body.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, NamedTuple

import regex

from .document import SENTENCE_END, SENTENCE_STOPS, Document, Paragraph, SharedKey, may_be_mostly_latin, mostly_latin, shared_key
from .errors import FieldError
from .regexes import needs_finder, start_chars
from .options import compile_regex, integer, string_list

VERSE_MIN = 4
_LINES_KEY = shared_key(("paragraph-lines",))
_tuple_new = tuple.__new__  # a block made without the Python-level `__new__` of a NamedTuple
CLOSERS = "”’」』）)》〉】〕\"'"
# A closed ending: a full stop, closing marks, and an attribution in brackets (兰桂萍); or a ；： or a
# dash (——) that, like the colon, leads in to what follows (某某代表—— / 她的发言题目).
_STOP, _CLOSING, _CLAUSE_STOP = f"[{SENTENCE_END}．.]", f"[{re.escape(CLOSERS)}]*", "(?:[；;：:]|——)"
_ATTRIBUTION = ("[（(]", r"[^（）()\n]{1,20}", "[）)]")
_CLOSED_END = re.compile(rf"(?:{_STOP}{_CLOSING}(?:{''.join(_ATTRIBUTION)})?|{_CLAUSE_STOP})\s*$")
_ONE_CLASS = re.compile(r"\[[^\]]*\](?:\{\d+,\d+\})?")


def _read_backwards(pieces: tuple[str, ...]) -> str:
    """The pattern of `pieces` in a row, for the reversed text: the pieces in reverse order, which
    reverses the pattern only when each piece is one character class (repeated or not)."""
    assert all(map(_ONE_CLASS.fullmatch, pieces)), pieces
    return "".join(reversed(pieces))


# The same read backwards from the end of the text: matched at the start of the reversed text, it
# looks at the ending alone, where a search for `_CLOSED_END` tries every position of the paragraph.
_CLOSED_END_REVERSED = re.compile(rf"\s*(?:(?:{_read_backwards(_ATTRIBUTION)})?{_CLOSING}{_STOP}|{_CLAUSE_STOP})")
# What a `_CLOSED_END` match ends with, and so what the last character of a closed paragraph is.
CLOSED_LAST = frozenset(SENTENCE_END + "．." + CLOSERS + "）)；;：:—")
# A last character that closes a paragraph by itself: a stop or a clause stop, with nothing after it to read.
CLOSING_LAST = frozenset(SENTENCE_END + "．.；;：:")
_FULL_STOP = re.compile(r"[。；;]")
_CLAUSE_PUNCT = re.compile(f"[，,；;{SENTENCE_STOPS}]")
_COMMA = re.compile(r"[，,]")
_SENTENCE_STOP = re.compile(f"[{SENTENCE_STOPS}]")
_ANY_PUNCT = regex.compile(r"[\p{P}\p{S}]")
# A quotation or title with no sentence end inside, whose commas belong to it, not to the heading around it.
_QUOTED = re.compile("|".join(f"{o}[^{o}{c}{SENTENCE_STOPS}\\n]*{c}" for o, c in ("“”", "《》", "‘’", "「」", "『』")))

FIELDS = {
    "heading_max": "longest heading, in characters",
    "comma_heading_max": "longest heading that has a comma in it (守护绿水青山，检察在行动)",
    "title_max": "longest heading without any clause punctuation (a kicker or title line)",
    "headline": "regular expressions that mark a headline's separators (a space or a dash between its parts)",
    "headline_max": "longest headline with separators, in characters",
    "byline_max": "longest byline, in characters",
    "byline": "regular expressions that mark a byline (□本报记者 …, 通讯员 …, 检察长 李某)",
    "caption_max": "longest photo caption, in characters",
    "caption": "regular expressions that mark a photo caption (图①:, a dated one-sentence line)",
    "furniture": "regular expressions that mark page furniture (扫码看视频, 责任编辑 …)",
    "furniture_max": "a punctuation-free block this short with no body text after it is a running head where it interrupts the page",
    "section_number": "regular expression for a lone section number or page number",
    "heading": "regular expressions that mark a heading, never furniture, where no sentence ends in it (第一章 总则, 一、, （三）)",
    "prose_openers": "words that open a clause referring back (诚如, 因此, 据悉): a short block starting so is text, not a heading",
}


class CueSearch(NamedTuple):
    """One group's cue patterns: those anchored at the start by the characters they can start with, the others with their needs."""

    by_start: dict[str, tuple[Any, ...]]
    others: tuple[tuple[Any, re.Pattern | None], ...]
    starting: dict[str, Callable[[str], object]]  # by start character: one search for its anchored patterns

    def within(self, text: str) -> CueSearch:
        """The search for the parts of `text`: a pattern needing what `text` lacks matches none of them."""
        others = tuple((pattern, needs) for pattern, needs in self.others if needs is None or needs.search(text))
        return self if len(others) == len(self.others) else CueSearch(self.by_start, others, self.starting)


@dataclass(frozen=True)
class BlockCues:
    heading_max: int
    comma_heading_max: int
    title_max: int
    byline_max: int
    byline: tuple[regex.Pattern, ...]
    caption_max: int
    caption: tuple[regex.Pattern, ...]
    furniture: tuple[regex.Pattern, ...]
    furniture_max: int
    section_number: regex.Pattern
    prose_openers: tuple[str, ...]
    heading: tuple[regex.Pattern, ...] = ()
    headline: tuple[regex.Pattern, ...] = ()
    headline_max: int = 120

    @cached_property
    def searches(self) -> dict[str, CueSearch]:
        """The cue patterns of each group, indexed for `any_cue`."""
        return {name: cue_search(getattr(self, name)) for name in ("byline", "caption", "furniture", "heading", "headline")}

    @cached_property
    def longest_heading(self) -> int:
        """No heading-shaped block is longer: a longer one is text without a look at its punctuation."""
        return max(self.heading_max, self.title_max, self.headline_max)

    @cached_property
    def longest_cue(self) -> int:
        """No block longer than this is a byline, caption or heading: only furniture, a number or text."""
        return max(self.byline_max, self.caption_max, self.longest_heading, self.headline_max)

    @cached_property
    def memo_key(self) -> SharedKey:
        return shared_key(self.key)

    @cached_property
    def key(self) -> tuple:
        groups = (self.byline, self.caption, self.furniture, self.heading, self.headline)
        patterns = tuple(tuple(p.pattern for p in group) for group in groups)
        return ("blocks", self.heading_max, self.comma_heading_max, self.title_max, self.headline_max, self.byline_max,
                self.caption_max, self.furniture_max, self.section_number.pattern, patterns, self.prose_openers)


class Block(NamedTuple):
    """A paragraph and what it is."""

    paragraph: Paragraph
    kind: str

    @property
    def start(self) -> int:
        return self.paragraph.start

    @property
    def end(self) -> int:
        return self.paragraph.end

    @property
    def text(self) -> str:
        return self.paragraph.text


def compile_cues(options: Any, field: str = "blocks") -> BlockCues:
    """Validate the `blocks:` mapping of a rule (errors name `blocks.<key>`)."""
    if not isinstance(options, dict):
        raise FieldError(field, "expected a mapping of block cues")
    unknown = set(options) - set(FIELDS)
    if unknown:
        raise FieldError(f"{field}.{sorted(unknown)[0]}", f"unknown cue (known: {', '.join(FIELDS)})")

    def patterns(name: str) -> tuple[regex.Pattern, ...]:
        return tuple(
            compile_regex(f"{field}.{name}[{i}]", p, fast=True) for i, p in enumerate(string_list(f"{field}.{name}", options.get(name, [])))
        )

    def number(name: str, default: int) -> int:
        return integer(f"{field}.{name}", options.get(name, default), 1)

    return BlockCues(
        heading_max=number("heading_max", 40),
        comma_heading_max=number("comma_heading_max", 24),
        title_max=number("title_max", 80),
        byline_max=number("byline_max", 40),
        byline=patterns("byline"),
        caption_max=number("caption_max", 90),
        caption=patterns("caption"),
        furniture=patterns("furniture"),
        furniture_max=number("furniture_max", 6),
        section_number=compile_regex(
            f"{field}.section_number", options.get("section_number", r"^\s*[0-9０-９]{1,3}\s*$"), fast=True
        ),
        prose_openers=tuple(string_list(f"{field}.prose_openers", options.get("prose_openers", []))),
        heading=patterns("heading"),
        headline=patterns("headline"),
        headline_max=number("headline_max", 120),
    )


def ends_open(text: str) -> bool:
    """True when a paragraph stops without ending its sentence (no 。！？… nor ；：——, an attribution (兰桂萍) allowed)."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] in CLOSING_LAST:
        return False
    return stripped[-1] not in CLOSED_LAST or not _CLOSED_END_REVERSED.match(stripped[::-1])


def left_open(text: str) -> bool:
    """`ends_open`, except for a paragraph that is one note in brackets (（刑期自……止）) or the end of one."""
    if not ends_open(text):
        return False
    stripped = text.strip()
    if stripped[-1] not in "）)":
        return True
    return stripped[0] not in "（(" and stripped.count("（") + stripped.count("(") >= stripped.count("）") + stripped.count(")")


def cue_search(patterns: tuple[Any, ...]) -> CueSearch:
    """Patterns anchored at the text's start by the characters they can start with; the others each
    with a search for characters their matches need (see linter.regexes)."""
    by_start: dict[str, list[Any]] = {}
    others = []
    for pattern in patterns:
        starts = start_chars(pattern)
        if starts is None:
            others.append((pattern, needs_finder(pattern)))
        for ch in starts or ():
            by_start.setdefault(ch, []).append(pattern)
    searches: dict[tuple[Any, ...], Callable[[str], object]] = {}
    starting = {ch: searches.setdefault(tuple(found), any_of(tuple(found))) for ch, found in by_start.items()}
    return CueSearch({ch: tuple(found) for ch, found in by_start.items()}, tuple(others), starting)


def any_of(patterns: tuple[Any, ...], how: str = "search") -> Callable[[str], object]:
    """Whether one of `patterns` is found in a text (`how`: "search", or "match" at its start): one search of
    their alternation where stdlib `re` reads them all alike (no groups a back-reference could count, the
    same flags), else each in turn."""
    if not patterns:
        return lambda text: False
    if len(patterns) == 1:
        return getattr(patterns[0], how)
    flags = {p.flags for p in patterns}
    if len(flags) == 1 and all(isinstance(p, re.Pattern) and p.groups == 0 for p in patterns):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                return getattr(re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop()), how)
        except (re.error, Warning, OverflowError, RecursionError):
            pass
    return lambda text: any(getattr(p, how)(text) for p in patterns)


def any_cue(search: CueSearch, text: str) -> bool:
    """True when one of the cue patterns is found in `text`: the anchored patterns are run only on a text
    starting with a character they can start with (one search for all of them), another only on a text
    holding a character it needs."""
    anchored = search.starting.get(text[:1])
    if anchored is not None and anchored(text):
        return True
    for pattern, needs in search.others:
        if (needs is None or needs.search(text)) and pattern.search(text):
            return True
    return False


def ends_sentence_inside(text: str) -> bool:
    """Whether a sentence ends in `text` anywhere but at its end (。；, or ！？ before the last character)."""
    body = text.rstrip()
    return bool(_FULL_STOP.search(body[:-1]) or _SENTENCE_STOP.search(body[:-1]))


def heading_shaped(text: str, cues: BlockCues) -> bool:
    """Short and without a full stop, a longer title line without any clause punctuation, or a headline
    whose parts a space or a dash separate; punctuation inside a quoted title (“…，…”) is the title's own."""
    body = text.strip()
    if len(body) > cues.longest_heading or body.startswith(cues.prose_openers):
        return False
    # A quoted title holds no 。！？, so one of them in the text (！？ before its end) is the heading's own:
    # the text of a paragraph that ends a sentence inside is decided without taking its quotations out.
    if "。" in body or _SENTENCE_STOP.search(body, 0, len(body) - 1):
        return False
    own = _QUOTED.sub("“”", body)
    inner = own[:-1]
    if _FULL_STOP.search(own) or _SENTENCE_STOP.search(inner):
        return False
    if len(body) <= cues.heading_max:
        commas = len(_COMMA.findall(own))
        if commas == 0 or (commas == 1 and len(body) <= cues.comma_heading_max):
            return True
    if len(body) <= cues.title_max and not _CLAUSE_PUNCT.search(inner):
        return True
    return len(body) <= cues.headline_max and any_cue(cues.searches["headline"], own)


def blocks(document: Document, cues: BlockCues) -> list[Block]:
    """Every paragraph of the document with its kind (memoized per document and cues)."""
    return document.memo(cues.memo_key, lambda: classify(document.paragraphs, cues, document.text, paragraph_lines(document)))


def paragraph_lines(document: Document) -> list[str]:
    """Each paragraph's text without the white space at its ends (memoized per document)."""
    return document.memo(_LINES_KEY, lambda: [p.text.strip() for p in document.paragraphs])


def classify(paragraphs: list[Paragraph], cues: BlockCues, text: str = "", lines: list[str] | None = None) -> list[Block]:
    """The kind of each paragraph; `text` (the document's) tells which lines share a block."""
    # What the whole text lacks no paragraph has: Latin letters enough for another script, or what a
    # furniture cue needs (the one group tried on every paragraph) -- one look at the whole decides.
    latin = not text or may_be_mostly_latin(text)
    furniture = cues.searches["furniture"].within(text) if text else cues.searches["furniture"]
    if lines is None:
        lines = [p.text.strip() for p in paragraphs]
    kinds = first_guesses(lines, cues, latin, furniture)
    _resolve_numbers(paragraphs, kinds, cues)
    _find_running_heads(paragraphs, kinds, cues, text, lines)
    return [_tuple_new(Block, block) for block in zip(paragraphs, kinds)]


def first_guesses(lines: list[str], cues: BlockCues, latin: bool, furniture: CueSearch) -> list[str]:
    """What each stripped paragraph is by its own text, a block at a time: another script (when `latin`: the
    text has Latin letters enough), furniture, a lone number, byline, caption, heading, else body text.

    A block longer than any byline, caption or heading is text unless it is in another script, a furniture cue
    may start it or it is a lone number: a look at its length and first character decides it, with no cue tried."""
    searches = cues.searches
    byline, caption, numbered = searches["byline"], searches["caption"], searches["heading"]
    byline_max, caption_max, shaped, headline_max = cues.byline_max, cues.caption_max, cues.longest_heading, cues.headline_max
    longest, number = cues.longest_cue, cues.section_number.fullmatch
    openers = None if furniture.others else furniture.by_start
    kinds = ["body"] * len(lines)
    for i, line in enumerate(lines):
        if openers is not None and len(line) > longest and line[:1] not in openers and not number(line) and not (latin and mostly_latin(line)):
            continue
        if latin and mostly_latin(line):
            kinds[i] = "foreign"
        elif any_cue(furniture, line):
            kinds[i] = "furniture"
        elif number(line):
            kinds[i] = "number"
        elif len(line) <= byline_max and any_cue(byline, line):
            kinds[i] = "byline"
        elif len(line) <= caption_max and any_cue(caption, line):
            kinds[i] = "caption"
        elif len(line) <= shaped and "。" not in line and heading_shaped(line, cues):
            kinds[i] = "heading"
        elif len(line) <= headline_max and any_cue(numbered, line) and left_open(line) and not ends_sentence_inside(line):
            kinds[i] = "heading"
    return kinds


def _number_value(text: str) -> int:
    digits = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in text if c.isdigit())
    return int(digits) if digits else -1


def _resolve_numbers(paragraphs: list[Paragraph], kinds: list[str], cues: BlockCues) -> None:
    """Lone numbers counting 1, 2, 3 … through the article are its section markers; any other is a page number."""
    numbered = [(i, _number_value(paragraphs[i].text)) for i, k in enumerate(kinds) if k == "number"]
    in_sequence: set[int] = set()
    run: list[int] = []
    previous = None
    for i, value in numbered:
        if previous is not None and value == previous + 1:
            run.append(i)
        else:
            if len(run) >= 2:
                in_sequence.update(run)
            run = [i]
        previous = value
    if len(run) >= 2:
        in_sequence.update(run)
    for i, _ in numbered:
        followed_by_text = i + 1 < len(kinds) and kinds[i + 1] in ("heading", "body")
        kinds[i] = "section-number" if i in in_sequence and followed_by_text else "furniture"


def _find_running_heads(paragraphs: list[Paragraph], kinds: list[str], cues: BlockCues, text: str, lines: list[str]) -> None:
    """A very short heading with no text of its own after it (先锋周刊 / 铸剑 / 6) is a running head where it
    interrupts the page: beside a page number or other furniture, after a paragraph that stops mid-sentence,
    or at the end of the page with no text after it.

    Only on a page with body text: a file of headings alone (a table of contents) has no running heads.
    Where headings lead from finished text to a story (国内快讯 / 本台消息 / title / text) it is the column or
    section of the story, its first block. Lines of verse are not running heads, nor is a line after a
    byline (the next name of a signature block, the heading of an appendix).
    """
    if "body" not in kinds:
        return
    headings = [i for i, kind in enumerate(kinds) if kind == "heading"]
    # Where the text before each heading's run of headings ends (kinds before `i` are not yet changed when
    # `i` is decided) and where the text after it begins (kinds after `i` are final): a step a heading.
    text_before: dict[int, int] = {}
    for i in headings:
        text_before[i] = text_before.get(i - 1, i - 1)
    text_after = len(kinds)
    for i in reversed(headings):
        if i + 1 < len(kinds) and kinds[i + 1] != "heading":
            text_after = i + 1
        line = lines[i]
        if len(line) > cues.furniture_max or _ANY_PUNCT.search(line):
            continue
        if any_cue(cues.searches["heading"], line) or _verse_line(paragraphs, i, text):
            continue
        following = kinds[i + 1] if i + 1 < len(kinds) else None
        previous = kinds[i - 1] if i > 0 else None
        if following not in ("body", "byline", "section-number") and previous != "byline":
            if following == "furniture" or previous == "furniture" or _interrupts(paragraphs, kinds, text_before[i], text_after):
                kinds[i] = "furniture"


def _interrupts(paragraphs: list[Paragraph], kinds: list[str], before: int, after: int) -> bool:
    """Whether headings between blocks `before` and `after` stand in a cut sentence or end the page,
    rather than leading to a story."""
    if before >= 0 and kinds[before] == "body" and left_open(paragraphs[before].text):
        return True
    return after == len(kinds) or kinds[after] not in ("body", "byline", "section-number")


def _verse_line(paragraphs: list[Paragraph], i: int, text: str) -> bool:
    """A line of a block whose neighbouring line in the same block is as long: verse (春眠不觉晓 / 处处闻啼鸟),
    whose lines have four characters at least (a toolbar's 小 / 中 / 大 is no verse)."""
    length = len(paragraphs[i].text.strip())
    if length < VERSE_MIN:
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(paragraphs):
            first, second = sorted((i, j))
            same_block = text[paragraphs[first].end : paragraphs[second].start].count("\n") == 1
            if same_block and len(paragraphs[j].text.strip()) == length:
                return True
    return False
