"""Enumeration counts: "N items" next to the list it names must list N items.

A name is a quoted slogan that starts with a numeral (“五学联动”, “三个走在前”,
“一平台三中心”) or an unquoted numeral + measure word + noun (四个作用, 三维度).
Its list is the 、-separated run right before it (a quoted list before it
also splits on ，), the list in parentheses right after a quoted name, or the
list a cue introduces right after the name (“三个走在前”，即理念走在前、…;
四个作用：…), which runs to the end of its clause (。；). A name with several
numerals counts their sum (一平台三中心: 4), and an item that joins two of
its lists by the name's own words (党课送进工厂 of “三送六进”) may be two;
when they are all equal it may also count pairs (三重三促 lists three).
A name followed by 等 or 、 is itself an item of a list and is left alone. When the list cannot be
delimited with confidence — no separator, a trailing 等, a last item that
ends in a verb governing the name (打造“三色工程”), an item that reads as a sentence, a 和/与/及 that may join two items — nothing is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterator

import regex

from ..document import Document
from ..lexicon import han_class
from ..quantities import HAN_DIGITS, leading_characters, numeral_bounds
from ..regexes import HAN, compile_fast
from . import Issue, needed_characters, stdlib_pattern

NUMERALS = "一二两三四五六七八九十双"
PLACES = "百千万亿零〇"  # 第三百四十七条: a numeral after these is the tail of a larger one
ITEM_REACH = 8
QUOTED_NAME_NOUN_MAX = 3  # “四个一”要求：… — a short noun may stand between a quoted name and its cue
LEAD_SLACK = 4  # characters a first item may exceed the longest other item before it is shown by its tail
HARD_STOPS = "，,。；：！？;:!?（(\n\r【"
MAX_CUED_NOUN = 6
_QUOTED_NAME = compile_fast(rf"“(?P<name>[{NUMERALS}][^“”，。、；\s]{{1,9}})”")
_NUMERAL_RUN = re.compile(rf"[{NUMERALS}]+")
_EACH_ONE = re.compile(rf"([{NUMERALS}]+)[个项]一")
_NOUN = compile_fast(r"\p{Han}{1,4}")
_ITEM_RUN = compile_fast(rf"\p{{Han}}{{0,{ITEM_REACH}}}")
_CUED_NOUN = compile_fast(rf"\p{{Han}}{{1,{MAX_CUED_NOUN}}}")
_PARENTHESISED = re.compile(r"[（(](?P<inner>[^（()）]{3,120})[)）]")
_QUOTED = re.compile(r"“[^“”]*”")
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")
_CLAUSE_END = re.compile(r"[。；;！？!?：:\n\r]|$")
_COMMA = re.compile(r"[，,]")
_ORDINAL = re.compile(rf"第[{NUMERALS}{PLACES}0-9]")
_UNOPENED = re.compile(r"^[^（(]*[)）]")
_LAST_STOP = re.compile(f"(?s:.*)[{re.escape(HARD_STOPS)}“”]")


@dataclass(frozen=True)
class EnumerationSettings:
    measures: tuple[str, ...] = ("个", "项")
    separators: str = "、"
    quoted_separators: str = "、，,"
    max_item: int = 16
    conjunctions: str = "和与及"
    not_names: tuple[str, ...] = ()
    governing: tuple[str, ...] = ("的", "等")
    list_cues: regex.Pattern | None = None
    partial_cues: regex.Pattern | None = None
    ordinals: regex.Pattern | None = None
    max_count: int = 10
    not_after: tuple[str, ...] = ("第",)
    character_measures: tuple[str, ...] = ("字",)
    closed_list: regex.Pattern | None = None
    clause_verbs: regex.Pattern | None = None
    not_counted: regex.Pattern | None = None
    unity: tuple[str, ...] = ()
    vague: tuple[str, ...] = ()

    @cached_property
    def unquoted_name(self) -> re.Pattern:
        """An unquoted name: a numeral run (not after 第 or another numeral), a measure word, a Han character.

        The numeral's first character is read first: compiled with stdlib `re`, the pattern then
        starts with a character class, which `re` searches for in a tight loop (twice as fast on
        this scan of the whole text as a lookahead tried at every place). The character before it is
        tested by a lookbehind over both (at the start of the text it cannot fit, as the plain
        lookbehind finds nothing there); the rest of the numeral is of the first one's kind."""
        return re.compile(self._unquoted_source())

    @cached_property
    def listable_quoted_name(self) -> re.Pattern:
        """`_QUOTED_NAME` where a list can be (`may_have_list`), in one scan (see `list_gate`); the rest of
        the name is made sure of (a lookahead) before the gate is tried. No quoted name starts inside
        another (a name holds no “), so the scan meets the names `_QUOTED_NAME` meets, less those without a list."""
        gate = self.list_gate
        plain = _QUOTED_NAME.pattern if isinstance(_QUOTED_NAME, re.Pattern) else ""
        opening, closing = "“(?P<name>", ")”"
        if gate is None or not (plain.startswith(opening) and plain.endswith(closing)):
            return _QUOTED_NAME
        body = plain[len(opening) : -len(closing)]
        return re.compile(f"“(?={body}”){gate[0]}(?P<name>{body})”{gate[1]}")

    @cached_property
    def listable_unquoted_name(self) -> re.Pattern:
        """`unquoted_name` where a list can be (`may_have_list`), in one scan (see `list_gate`); the rest of
        the name is made sure of (a lookahead) before the gate is tried. No name can start inside another
        (a numeral inside one follows another numeral, or a measure word that holds none), so the scan meets
        the names `unquoted_name` meets, less those without a list."""
        gate = self.list_gate
        if gate is None or any(c in NUMERALS or c.isdigit() for measure in self.measures for c in measure):
            return self.unquoted_name
        return re.compile(self._unquoted_source(f"(?={''.join(self._unquoted_rest)}){gate[0]}", gate[1]))

    @cached_property
    def list_gate(self) -> tuple[str, str] | None:
        """`may_have_list` as two pieces of a name pattern, so that the names without a list never reach
        Python: the first, after the name's first character, sets a group when a separator stands within
        an item's length before the name (one lookbehind per distance) or a closing quotation mark right
        before it; the second, at the name's end, asks for a parenthesis or a cue's character only when
        that group is unset. None when no cue character is known (then every name may have a list)."""
        near = self.cue_near
        if near is None:
            return None
        separator = f"[{re.escape(self.separators)}]"
        before = "|".join(["(?<=”(?s:.))"] + [f"(?<={separator}(?s:.){{{j}}})" for j in range(1, self.max_item + 2)])
        cue = "(?!)" if near[1] == 0 else f"(?=(?s:.){{0,{near[1] - 1}}}(?:{near[0].pattern}))"
        return f"(?:(?P<_listable>{before})|)", f"(?(_listable)|(?:(?=[（(])|{cue}))"

    def _unquoted_source(self, after_first: str = "", at_end: str = "") -> str:
        """`unquoted_name`'s pattern, with `after_first` after the numeral's first character and `at_end` at its end."""
        numeral, tail = self._unquoted_rest
        return rf"(?P<num>[{NUMERALS}0-9](?<![第{NUMERALS}{PLACES}0-9](?s:.)){after_first}{numeral}){tail}{at_end}"

    @cached_property
    def _unquoted_rest(self) -> tuple[str, str]:
        """What follows the first character of an unquoted name: the rest of its numeral; a measure word and a Han character."""
        measures = "|".join(re.escape(m) for m in sorted(self.measures, key=len, reverse=True))
        return rf"(?:(?<=[{NUMERALS}])[{NUMERALS}]*|(?<=[0-9])[0-9]*)", rf"(?:{measures})(?={han_class()})"

    @cached_property
    def governing_verbs(self) -> re.Pattern:
        """Where a governing word of two or more characters starts, with the longest one starting there
        (an empty group when there is none): its ends are those of every such word in a text."""
        verbs = sorted((w for w in self.governing if len(w) > 1), key=len, reverse=True)
        if not verbs:
            return re.compile("(?!)")
        # led by a class of the verbs' first characters, which `re` searches for in a tight loop; the match is
        # that character, the verb the lookahead behind it (see `quantities.figure_scan`)
        firsts = "".join(sorted({re.escape(w[0]) for w in verbs}))
        return re.compile(f"[{firsts}](?<=(?=({'|'.join(map(re.escape, verbs))})).)")

    @cached_property
    def cue_firsts(self) -> frozenset[str] | None:
        """The characters a list or partial cue can start with (None: any), read from the cue patterns:
        a cue is tried only where one of them stands."""
        firsts: set[str] = set()
        for cue in (self.list_cues, self.partial_cues):
            if cue is None:
                continue
            twin = stdlib_pattern(cue)
            chars = leading_characters(twin) if twin is not None else None
            if chars is None:
                return None
            firsts |= chars
        return frozenset(firsts)

    @cached_property
    def separator(self) -> re.Pattern:
        return re.compile(f"[{re.escape(self.separators)}]")

    @cached_property
    def conjunction(self) -> re.Pattern:
        return re.compile(f"[{re.escape(self.conjunctions)}]" if self.conjunctions else "(?!)")

    @cached_property
    def cue_near(self) -> tuple[re.Pattern, int] | None:
        """A search for the characters of which every list or partial cue holds one, and how far after a
        name such a character can stand (a noun, then the widest cue); None when not known."""
        needed = needed_characters([cue for cue in (self.list_cues, self.partial_cues) if cue is not None])
        return None if needed is None else (needed[0], MAX_CUED_NOUN + needed[1])


def may_have_list(text: str, start: int, end: int, settings: EnumerationSettings) -> bool:
    """Whether a name at `start`..`end` stands where any of its lists can be: a separator within an item's
    length before it or a quotation closing right before it (a list before), a parenthesis right after
    it, or a character every cue holds within a noun and a cue after it (a list after a cue). Most
    names have none, and are then not read further: the name patterns the scan uses ask this
    themselves (`EnumerationSettings.list_gate`), and this is what they must agree with."""
    if text[start - 1 : start] == "”" or text[end : end + 1] in ("（", "("):
        return True
    if settings.separator.search(text, max(0, start - settings.max_item - 1), start):
        return True
    return cue_may_follow(text, end, settings)


def cue_may_follow(text: str, end: int, settings: EnumerationSettings) -> bool:
    """Whether a list or partial cue can match within a noun's length after a name ending at `end`:
    a character every cue holds stands there. Without one, no list after a cue is read."""
    near = settings.cue_near
    return near is None or near[0].search(text, end, end + near[1]) is not None


def enumeration_counts(document: Document, settings: EnumerationSettings) -> Iterator[Issue]:
    text = document.text
    for m in settings.listable_quoted_name.finditer(text):
        name = m["name"]
        if name.startswith(settings.not_names):
            continue
        counts = _name_counts(name, settings)
        if not counts or set(counts) == {1} or _in_an_item(text, m.end()):
            continue
        if text[m.start() - 1 : m.start()] == "”" or text[m.end() : m.end() + 1] == "“":
            continue  # “三大高地”“五大战略”：… — names side by side share one list
        by_characters = _counts_characters(name, settings)
        listed = (
            _list_before(text, m.start(), settings, count=sum(counts))
            or _list_after(text, m.end(), settings)
            or (cue_may_follow(text, m.end(), settings) and (
                _list_after_cue(text, m.end(), counts, settings)
                or _list_after_noun_and_cue(text, m.end(), counts, settings)))
            or None
        )
        issue = _compare(m.start(), m.end(), f"“{name}”", counts, listed, settings, by_characters)
        if issue:
            yield issue
    for m in settings.listable_unquoted_name.finditer(text):
        counts = (int(m["num"]),) if m["num"].isdigit() else _numerals(m["num"])
        if not counts or counts == (1,) or len(counts) != 1:
            continue
        if _in_an_item(text, m.end()) or text[max(0, m.start() - 8) : m.start()].endswith(settings.not_after):
            continue  # 北欧两项等…: an item of a list; 数十个, 中共二十大: no count
        if settings.not_counted is not None and settings.not_counted.match(text, m.end("num")):
            continue  # 六个月, 五大队: a duration, a unit's name
        # An Arabic count names a list only when a cue opens the list after it (走访3个单位，包括…);
        # before it, 10支、8支和14支队伍 is a list of counts, not the items of 14支.
        listed = None if m["num"].isdigit() else _list_before(text, m.start(), settings, count=sum(counts))
        if listed is None and (sum(counts) > settings.max_count or not cue_may_follow(text, m.end(), settings)):
            continue  # no list after a cue is read for it, or no cue can follow it
        end = m.end()
        noun = _NOUN.match(text, end)
        noun_text, noun_end = (noun.group(), noun.end()) if noun else ("", end)
        if listed is None:
            before_cue = _noun_before_cue(text, end, settings)
            if before_cue is not None:
                noun_text, noun_end = before_cue, end + len(before_cue)
            listed = _list_after_cue(text, noun_end, counts, settings)
        issue = _compare(m.start(), noun_end, m.group() + noun_text, counts, listed, settings,
                         _counts_characters(m.group()[len(m["num"]):], settings))
        if issue:
            yield issue


def _list_after_noun_and_cue(text: str, name_end: int, counts: tuple[int, ...], settings: EnumerationSettings) -> Listed | None:
    """“四个一”要求：… / “四个优先”服务，即…: a short noun between a quoted name and its cue."""
    if sum(counts) > settings.max_count:
        return None
    noun = _noun_before_cue(text, name_end, settings)
    if noun is None or len(noun) > QUOTED_NAME_NOUN_MAX:
        return None
    return _list_after_cue(text, name_end + len(noun), counts, settings) or None


def _component_counts(name: str, items: tuple[str, ...]) -> set[int]:
    """The count of one part of a name whose noun every item holds: 医疗、医保、医药“三医一张网”
    lists the 三医 (not 一平台三中心 of 智慧管理平台、大数据中心: not every item is a 中心)."""
    found = set()
    parts = _NUMERAL_RUN.split(name.strip("“”"))
    for run, noun in zip(_NUMERAL_RUN.findall(name.strip("“”")), parts[1:]):
        head = noun[:1]
        if head and run in HAN_DIGITS and all(head in item for item in items):
            found.add(HAN_DIGITS[run])
    return found if len(_NUMERAL_RUN.findall(name)) > 1 else set()


def _joins_of_parts(name: str, items: tuple[str, ...]) -> int:
    """Items that join the lists of two parts of a name by the name's own words: “三送六进”, 将展览、演出、党课送进
    工厂、农村…: 党课送进工厂 is the last item of the 送 list and the first of the 进 list."""
    runs = _NUMERAL_RUN.findall(name.strip("“”"))
    if len(runs) < 2:
        return 0
    heads = [noun[:1] for noun in _NUMERAL_RUN.split(name.strip("“”"))[1:]]
    joins = {a + b for a, b in zip(heads, heads[1:]) if a and b}
    return sum(1 for item in items if any(join in item.strip()[1:-1] for join in joins))


def _in_an_item(text: str, end: int) -> bool:
    """A name with its noun is an item of a list or closes one: …、冬季两项等比赛, “三资”管理、…,
    铁人三项世界杯、…: what follows it up to a separator holds 等 or ends at 、."""
    run = _ITEM_RUN.match(text, end).group()
    return "等" in run or text[end + len(run) : end + len(run) + 1] == "、"


def _name_counts(name: str, settings: EnumerationSettings) -> tuple[int, ...]:
    """The numbers a quoted name counts; () for none: 三连击 (a repetition), 双赢多赢 (多: no exact
    count). 三位一体 and 四算合一 count their first numeral: the 一 is what they become."""
    if settings.not_counted is not None and settings.not_counted.match(name, len(_NUMERAL_RUN.match(name).group())):
        return ()
    if any(word in name for word in settings.vague):
        return ()
    for unity in settings.unity:
        if name.endswith(unity) and len(name) > len(unity):
            name = name[: -len(unity)]
            break
    return _numerals(name)


def _counts_characters(name: str, settings: EnumerationSettings) -> bool:
    """十六字方针, 八字要求: the numeral counts the characters of the list, not its items."""
    rest = _NUMERAL_RUN.sub("", name, count=1) if name[:1] in NUMERALS else name
    return rest.startswith(settings.character_measures)


@lru_cache(maxsize=4096)
def _numerals(name: str) -> tuple[int, ...]:
    """The numbers a name counts: 五学联动 -> (5,), 一平台三中心 -> (1, 3), 十二时辰 -> (12,), 四个一 -> (4,)
    (names repeat: 三个, 两项 …, so each is read once)."""
    each = _EACH_ONE.match(name)
    if each:
        name = each[1]
    result = []
    for run in _NUMERAL_RUN.findall(name):
        if run == "双":
            result.append(2)
        elif len(run) > 1 and "十" not in run and "百" not in run and "千" not in run:
            return ()  # 五一, 九五, 三四: a date, a plan, an approximate number, no count
        elif all(c in HAN_DIGITS for c in run):
            read = numeral_bounds(run)
            if read is None or read[0] != read[1]:
                return ()  # 十四五, 十七八, 十七两: a plan's name, an approximate number or two numbers, no count
            result.append(int(read[0]))
    return tuple(result)


@dataclass(frozen=True)
class Listed:
    start: int
    end: int
    items: tuple[str, ...]
    joined: int  # items that contain 和/与/及 and may be two
    readings: tuple[int, ...] = ()  # other item counts the text admits (a 、-list that a ，-list continues)
    partial: bool = False  # introduced by 包括: may name fewer items than the numeral, never more


def _list_before(text: str, name_start: int, settings: EnumerationSettings, count: int = 0) -> Listed | None:
    """The list that ends right before a name, or None when it cannot be delimited with confidence."""
    if name_start and text[name_start - 1] == "”":
        opening = text.rfind("“", 0, name_start - 1)
        inner = text[opening + 1 : name_start - 1] if opening >= 0 else ""
        if opening >= 0 and "”" not in inner and any(s in inner for s in settings.quoted_separators):
            listed = _make_list(opening + 1, name_start - 1, inner, settings.quoted_separators, settings, first_may_lead=False)
            groups = len(_COMMA.split(inner))
            if listed is not None and 1 < groups < len(listed.items):
                # “人口多、土地少，小生产、大市场”两大矛盾: ，-groups of 、-items; either may be counted
                return Listed(listed.start, listed.end, listed.items, listed.joined, (groups,), listed.partial)
            return listed
    if not _separator_near(text, name_start, settings):
        return None
    start = _run_start(text, name_start)
    run = text[start:name_start]
    if not run or run[-1] in settings.separators or run.endswith(("等", "的")) or _UNOPENED.search(run):
        return None  # a bracket closed in the run opened before it: where the list starts is not known
    listed = _make_list(start, name_start, run, settings.separators, settings, first_may_lead=True)
    if listed is None or _not_the_names_list(listed.items, settings, count):
        return None
    return _without_lead(listed, settings)


def _not_the_names_list(items: tuple[str, ...], settings: EnumerationSettings, count: int) -> bool:
    """A run before a name that is not its list: a series of names each with its own numeral
    (增强“四个意识”、坚定“四个自信”、做到“两个维护”) or of article numbers, a last item whose
    conjunct may own the name alone, a list closed by 等 or a count before the name (…治理等一批“三北”工程),
    a last item that is a clause governing the name (…强制性来保障“双碳”目标) or a word's first
    character (…残联、红十字会), or items that modify a noun of the last one (制造业、…交通运输业的民间投资)."""
    last = items[-1]
    each = "\n".join(items)  # no name or ordinal runs across a line break, nor is one told otherwise at one
    if _QUOTED_NAME.search(each) or settings.unquoted_name.search(each) or _ORDINAL.search(each):
        return True  # names with numerals of their own; article numbers (第二十三条和六十七条)
    if count < len(items) and settings.conjunction.search(last, 1, len(last) - 1):
        return True  # …孤儿基本生活与残疾人两项补贴: the name may be the last conjunct's alone
    if settings.closed_list is not None and settings.closed_list.search(last):
        return True
    if settings.clause_verbs is not None and settings.clause_verbs.search(last):
        return True
    if len(last.strip()) == 1 and any(len(item.strip()) > 1 for item in items[:-1]):
        return True  # …残联、红十字会: the numeral stands inside a word
    if _verb_of_its_own(items, settings):
        return True
    return "的" in last and "的" not in items[0]


def _verb_of_its_own(items: tuple[str, ...], settings: EnumerationSettings) -> bool:
    """The last item holds a governing verb, with words after it, that no other item holds: a clause
    whose object is the name (…下汤遗址先后入选全国年度十大考古新发现)."""
    last = items[-1]
    for m in settings.governing_verbs.finditer(last):
        verb = m[1]
        if verb and len(last) - m.start() - len(verb) >= 2 and not any(verb in item for item in items[:-1]):
            return True
    return False


def _separator_near(text: str, name_start: int, settings: EnumerationSettings) -> bool:
    """Whether a separator stands within `max_item` characters before a name: the last item of a
    list before it is no longer (`_make_list`), so without one there is no list to read."""
    return settings.separator.search(text, max(0, name_start - settings.max_item - 1), name_start) is not None


def _run_start(text: str, name_start: int) -> int:
    """Where the run before a name starts: after the nearest hard stop or unmatched “ outside quotes."""
    start, depth = name_start, 0
    while start > 0:
        i = _previous_stop(text, start)
        if i < 0:
            return 0
        ch = text[i]
        if ch == "”":
            depth += 1
        elif ch == "“":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0:
            return i + 1
        start = i
    return 0


def _previous_stop(text: str, end: int) -> int:
    """The offset of the last hard stop or quotation mark before `end` (-1: none), found by a
    search of ever longer stretches back rather than a step per character."""
    high, step = end, 32
    while high > 0:
        low = max(0, high - step)
        m = _LAST_STOP.match(text, low, high)
        if m:
            return m.end() - 1
        high, step = low, step * 2
    return -1


def _without_lead(listed: Listed, settings: EnumerationSettings) -> Listed:
    """The list as an editor reads it: the first item of a run before a name starts after the clause's verb.

    领导带学 in 坚持领导带学、… or 在服务大局上走在前 in 全市检察机关坚持在服务大局上走在前、…;
    without such a verb, a first item much longer than the others is shown by its tail.
    """
    first, others = listed.items[0], listed.items[1:]
    head = first[:-2]  # a verb leaves at least two characters of the item
    cut = max((m.start() + len(m[1]) for m in settings.governing_verbs.finditer(head)), default=0)
    longest = max(len(i.strip()) for i in others)
    if cut:
        shown = first[cut:]
    elif len(first) > longest + LEAD_SLACK:
        cut = len(first) - longest
        shown = "…" + first[cut:]
    else:
        return listed
    return Listed(listed.start + cut, listed.end, (shown,) + others, listed.joined, listed.readings, listed.partial)


def _list_after(text: str, name_end: int, settings: EnumerationSettings) -> Listed | None:
    """A list in parentheses right after a name: “三重三促”(重党建促业务、…)."""
    m = _PARENTHESISED.match(text, name_end)
    if not m:
        return None
    start = m.start("inner")
    return _make_list(start, start + len(m["inner"]), m["inner"], settings.quoted_separators, settings, first_may_lead=False)


def _noun_before_cue(text: str, name_end: int, settings: EnumerationSettings) -> str | None:
    """The noun of an unquoted name that a cue follows: 四个作用：… -> 作用 (not 作用：政…);
    the shortest run of Han characters (at most six) that a cue follows."""
    cues = [c for c in (settings.list_cues, settings.partial_cues) if c is not None]
    run = _CUED_NOUN.match(text, name_end)
    for length in range(1, len(run.group()) + 1 if run else 1):
        if not _may_start_cue(text, name_end + length, settings):
            continue
        if any(c.match(text, name_end + length) for c in cues):
            return text[name_end : name_end + length]
    return None


def _may_start_cue(text: str, offset: int, settings: EnumerationSettings) -> bool:
    """False when the character at `offset` starts no list or partial cue (a cue is then not tried)."""
    firsts = settings.cue_firsts
    return firsts is None or text[offset : offset + 1] in firsts


def _list_after_cue(text: str, name_end: int, counts: tuple[int, ...], settings: EnumerationSettings) -> Listed | None:
    """The list a cue introduces right after a name, to the end of its clause; None unless delimited with confidence.

    The first ，-segment is a 、-list (when a ，-segment follows, reading the
    segments as items is admitted too), or, without 、, a run of parallel
    ，-segments that reaches the end of the clause.
    """
    if sum(counts) > settings.max_count or not _may_start_cue(text, name_end, settings):
        return None
    cue, partial = None, False
    if settings.list_cues is not None:
        cue = settings.list_cues.match(text, name_end)
    if cue is None and settings.partial_cues is not None:
        cue, partial = settings.partial_cues.match(text, name_end), True
    if cue is None:
        return None
    start = cue.end()
    masked = _mask_quotes(text[start : start + 400])
    clause_end = _CLAUSE_END.search(masked)
    clause = masked[: clause_end.start()]
    if clause_end.group() in ("：", ":") or not clause or (settings.ordinals and settings.ordinals.search(clause)):
        return None
    segments = _COMMA.split(clause)
    if any(not s for s in segments):
        return None
    if any(c in segments[0] for c in settings.separators):
        listed = _make_list(start, start + len(segments[0]), text[start : start + len(segments[0])], settings.separators, settings, first_may_lead=False)
        if listed is None or "等" in listed.items[-1] or _reads_as_prose(listed.items, settings):
            return None
        readings: tuple[int, ...] = ()
        if len(segments) > 1:
            rest = segments[1:]
            readings = (len(segments),) + ((len(listed.items) + len(rest),) if all(len(s) <= settings.max_item for s in rest) else ())
            split_rest = [item for segment in rest for item in _splitter(settings.separators).split(segment)]
            if all(len(item) <= settings.max_item for item in split_rest):
                readings += (len(listed.items) + len(split_rest),)
        return Listed(listed.start, listed.end, listed.items, listed.joined, readings, partial)
    parallel = _parallel_run(segments, settings)
    if parallel < 2 or parallel < len(segments):
        return None
    listed = _make_list(start, start + len(clause), text[start : start + len(clause)], "，,", settings, first_may_lead=False)
    if listed is None or "等" in listed.items[-1]:
        return None
    return Listed(listed.start, listed.end, listed.items, listed.joined, (), partial)


def _reads_as_prose(items: tuple[str, ...], settings: EnumerationSettings) -> bool:
    """A 、 inside a sentence, not a list of the named things: 党组织、党员的作用 (the items modify a noun),
    充分发挥党组织、党员… (a verb governs them all), or a first item far longer than the others."""
    first, others = items[0], items[1:]
    if "的" in items[-1] and "的" not in first:
        return True
    verbs = [w for w in settings.governing if len(w) > 1]

    def starts_with_verb(item: str) -> bool:
        return any(v in item[:4] for v in verbs)

    if starts_with_verb(first) and not any(starts_with_verb(i) for i in others):
        return True
    return len(first) > max(len(i) for i in others) + LEAD_SLACK


def _parallel_run(segments: list[str], settings: EnumerationSettings) -> int:
    """How many leading ，-segments read as parallel items: short, and sharing their first or last character."""
    first = segments[0]
    run = 0
    for segment in segments:
        if len(segment) > settings.max_item or not (segment[0] == first[0] or segment[-1] == first[-1]):
            break
        run += 1
    return run


def _make_list(start: int, end: int, run: str, separators: str, settings: EnumerationSettings, first_may_lead: bool) -> Listed | None:
    masked = _mask_quotes(run)
    items = _splitter(separators).split(masked)
    if len(items) < 2 or not all(item.strip() for item in items):
        return None
    if masked is run:
        originals = items
    else:
        originals, position = [], 0
        for item in items:
            originals.append(run[position : position + len(item)])
            position += len(item) + 1
    most = settings.max_item
    if len(originals[0]) > most + (8 if first_may_lead else 0) or max(map(len, originals[1:])) > most:
        return None
    if originals[-1].rstrip("”").endswith(settings.governing):
        return None
    conjunction = settings.conjunction.search
    joined = sum(1 for item in originals if conjunction(item))
    return Listed(start, end, tuple(originals), joined)


def _mask_quotes(run: str) -> str:
    """Separators inside quotes or brackets do not split the list: replace their text by placeholders of equal
    length (`run` itself when it holds no quotation mark or bracket)."""
    if "“" in run:
        run = _QUOTED.sub(_masked_quotation, run)
    if "(" in run or "（" in run:
        run = _BRACKETED.sub(_masked_brackets, run)
    return run


def _masked_quotation(m: re.Match) -> str:
    return "“" + "x" * (len(m.group()) - 2) + "”"


def _masked_brackets(m: re.Match) -> str:
    return "(" + "x" * (len(m.group()) - 2) + ")"


@lru_cache(maxsize=None)
def _splitter(separators: str) -> re.Pattern:
    return re.compile(f"[{re.escape(separators)}]")


def _compare(start: int, end: int, name: str, counts: tuple[int, ...], listed: Listed | None, settings,
             by_characters: bool = False) -> Issue | None:
    if listed is None:
        return None
    if by_characters:
        written = sum(len(HAN.findall(item)) for item in listed.items)
        if written in counts or sum(counts) == written:
            return None
        items = "、".join(i.strip() for i in listed.items)
        return Issue(
            start, end,
            {"name": name, "expected": str(sum(counts)), "found": str(written), "items": items,
             "arithmetic": f"{name} 指 {sum(counts)} 个字，列出 {written} 个字：{items}"},
            ((listed.start, listed.end, items),),
        )
    n = len(listed.items)
    acceptable = {sum(counts)} | (set(counts) if len(set(counts)) == 1 else set())
    if _agrees(n, acceptable, listed.joined, listed):
        return None  # what the name's parts add (more counts, more joined items) can only widen what agrees
    acceptable |= _component_counts(name, listed.items)
    if _agrees(n, acceptable, listed.joined + _joins_of_parts(name, listed.items), listed):
        return None
    expected = " 或 ".join(str(c) for c in sorted(acceptable))
    items = "、".join(i.strip() for i in listed.items)
    return Issue(
        start, end,
        {"name": name, "expected": expected, "found": str(n), "items": items,
         "arithmetic": f"{name} 指 {expected} 项，列出 {n} 项：{items}"},
        ((listed.start, listed.end, items),),
    )


def _agrees(n: int, acceptable: set[int], joined: int, listed: Listed) -> bool:
    """Whether `n` listed items, `joined` of which may be two, agree with one of the `acceptable` counts."""
    return any(n <= c <= n + joined or c in listed.readings or (listed.partial and n <= c) for c in acceptable)
