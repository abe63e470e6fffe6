"""Arithmetic on the figures of one passage: parts vs total, percentage vs counts, shares, feasibility.

Every check reasons with bounds: a figure is an interval (4808 is 4808–4808,
40余 is 40–50), and a stated percentage p whose last digit weighs u stands
for any true value in [p − u/2, p + u] (rounded or truncated). A finding is
made only when no choice inside the bounds makes the text agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

import regex

from ..document import SENTENCE_STOPS
from ..quantities import Quantity, format_number
from ..regexes import HAN, compile_fast
from . import Issue
from .passages import LINKING, SHARE, TOTAL, Figure, Passage, clause_start

EPSILON = 1e-9
_LIST_STOP = compile_fast(r"[。；;]")
TRUNCATION = 0.99  # 81.9 % may be 81.99… truncated, never 82.0


@dataclass(frozen=True)
class ArithmeticSettings:
    part_cue: regex.Pattern | None = None
    rest_cue: regex.Pattern | None = None
    rest_gap: float = 0.25
    change_cue: regex.Pattern | None = None
    average_cue: regex.Pattern | None = None
    spread_cue: regex.Pattern | None = None
    window: int = 6
    person_words: regex.Pattern | None = None
    population_units: tuple[str, ...] = ()
    max_population: int = 200
    exclusive_kinds: tuple[tuple[str, ...], ...] = ()
    overlapping: tuple[str, ...] = ()
    parallel_cue: regex.Pattern | None = None


def stated_range(q: Quantity) -> tuple[float, float]:
    """The true values a stated percentage allows: rounding below, rounding or truncation above."""
    if q.approximate:
        return q.low, q.high
    return q.low - q.ulp / 2, q.high + q.ulp * TRUNCATION


def _same_unit(a: Figure, b: Figure) -> bool:
    return a.q.kind == b.q.kind and a.q.measure == b.q.measure


def _percent(value: float) -> str:
    return format_number(round(value, 1), 1)


def _shown_percent(q: Quantity) -> str:
    return f"{q.text.rstrip('%％')} %" if not q.text.startswith("百分之") else q.text


MAGNITUDE_WORDS = (("亿", 1e8), ("万", 1e4))


def _sum_text(parts: list[Figure]) -> tuple[str, float, float]:
    low = sum(p.q.low for p in parts)
    high = sum(p.q.high for p in parts)
    shown = [p.q.shown() for p in parts]
    word, scale = next(((w, m) for w, m in MAGNITUDE_WORDS if any(s.endswith(w) for s in shown) and low >= m), ("", 1))

    def written(value: float) -> str:
        return format_number(round(value / scale, 4)) + word

    if low == high:
        total = written(low)
    elif math.isinf(high):
        total = f"{written(low)}以上"
    else:
        total = f"{written(low)}～{written(high)}"
    return " + ".join(shown) + f" = {total}", low, high


# Parts and total ---------------------------------------------------------------------------

EXHAUSTIVE, REST, DISJOINT, OPEN = "exhaustive", "rest", "disjoint", "open"
PART_SEPARATORS = "、，,；;和与及"
_PART_SEPARATOR = compile_fast(f"[{PART_SEPARATORS}]")
_SEMICOLON = compile_fast(r"[；;]")
QUOTED_NAME_MAX = 12
_QUOTED_NAME = compile_fast(rf"“[^“”{SENTENCE_STOPS}，,；;\n]{{1,{QUOTED_NAME_MAX}}}”")
LABEL_START = compile_fast(r"[、，,；;：:]")
CONJUNCTIONS = compile_fast(r"[\s和与及以、，,]")


def parts_total(passage: Passage, settings: ArithmeticSettings) -> Iterator[Issue]:
    """共N…，其中A…；B… : the parts of a split add up to their whole; no part exceeds it.

    How much a split claims decides what is checked: parts that name the rest
    (其中老人…、儿童…、其他群众…) or ；-parts of a stated total (共) are exhaustive
    and must add up; ；-parts of an unstated whole (增加值1124亿元。其中，…；…) are
    disjoint and must not add up past it, unless one names a category inside
    another (制造业/高技术制造业); any other list (、 or ，) only has each part
    within the whole. A list naming the rest is checked only when it covers the
    whole plausibly (within `rest_gap`): far off, its categories overlap
    (党员120人、女性80人、其他人员30人 of 150).
    Figures written with 万/亿 or decimals are rounded: each may be off by half
    its last digit.
    Finds nothing in a passage holding no match of a part cue (numbers.PASSAGE_CHECKS)."""
    if settings.part_cue is None:
        return
    for whole in passage.figures:
        if not whole.is_count or _in_quoted_name(passage, whole):
            continue
        split = _parts_of(passage, whole, settings)
        if split is None:
            continue
        parts, extent = split
        related = tuple((p.start, p.end, p.q.text) for p in parts)
        if extent != OPEN:
            text, low, high = _sum_text(parts)
            if extent == REST and not _covers(low, high, whole, settings.rest_gap):
                continue
            slack = whole.q.rounding + sum(p.q.rounding for p in parts) + EPSILON
            short = extent != DISJOINT and high < whole.q.low - slack
            if short or low > whole.q.high + slack:
                yield Issue(whole.start, whole.end, {"arithmetic": f"{text}，文中总数为 {whole.q.shown()}"}, related)
            continue
        for part in parts:
            if part.q.low > whole.q.high + EPSILON:
                yield Issue(
                    part.start, part.end,
                    {"arithmetic": f"其中 {part.q.shown()} > 总数 {whole.q.shown()}"},
                    ((whole.start, whole.end, whole.q.text),),
                )


def _parts_of(passage: Passage, whole: Figure, settings: ArithmeticSettings) -> tuple[list[Figure], str] | None:
    """The counts listed after 其中 (in the whole's sentence or at the start of the next), and how
    much the list claims; None when there is no list or the whole is not plainly theirs."""
    text, base = passage.text, passage.start
    s_start, s_end = passage.sentences[whole.sentence]
    cue = settings.part_cue.search(text, whole.end - base, s_end)
    if cue is None and whole.sentence + 1 < len(passage.sentences):
        n_start, n_end = passage.sentences[whole.sentence + 1]
        lead = len(text[n_start:n_end]) - len(text[n_start:n_end].lstrip())
        cue = settings.part_cue.match(text, n_start + lead, n_end)
        s_end = n_end
    if cue is None:
        return None
    stated = whole.role == TOTAL
    rivals = [f for f in passage.figures_within(s_start, cue.start()) if f is not whole and _same_unit(f, whole)]
    if any(f.start > whole.start for f in rivals) or (not stated and rivals):
        return None
    region_start = cue.end()
    second = settings.part_cue.search(text, region_start, s_end)
    region_end = _scope_end(text, cue.start(), region_start, second.start() if second else s_end)
    parts = [f for f in passage.figures_within(region_start, region_end)
             if _same_unit(f, whole) and f.role != TOTAL
             and not text.endswith("等", 0, f.start - base)  # …等32项: the total of a list, no part
             and not _in_quoted_name(passage, f)]
    if not parts:
        return None
    segments = _leading_text(text, base, region_start, parts)
    if any(not _PART_SEPARATOR.search(s) for s in segments[1:]):
        return None
    labels = _spread_labels(segments, len(parts)) or [LABEL_START.split(s)[-1] for s in segments]
    if _any_cue(settings.change_cue, labels):
        return None  # increases and decreases do not add up as parts
    if _counts_other_things(text, whole.end - base, labels):
        return None
    if _any_cue(settings.average_cue, [*labels, text[clause_start(text, whole.start - base, s_start) : whole.start - base]]):
        return None  # nor do averages (人均可支配收入) and prices
    return parts, _extent(passage, parts, segments, labels, region_end, stated, settings)


_CLOSERS = {"（": "）", "(": ")"}
_COMMA = compile_fast(r"[，,]")


def _scope_end(text: str, cue_start: int, region_start: int, region_end: int) -> int:
    """Where the parts after a cue end: at the bracket that closes one the cue stands in (7.3万元（其中
    包括…）予以追缴，…), at the next ，when the cue follows 、 (新增…639公里、其中高铁370公里，新增…:
    the split of one item of a list), else at the end of the sentence (or the next cue)."""
    opened = max(text.rfind(o, 0, cue_start) for o in _CLOSERS)
    if opened >= 0:
        closed = text.find(_CLOSERS[text[opened]], opened)
        if closed > cue_start:
            return min(region_end, closed)
    if text[cue_start - 1 : cue_start] == "、":
        comma = _COMMA.search(text, region_start, region_end)
        if comma is not None:
            return comma.start()
    return region_end


_SPREAD = compile_fast(r"分别")


def _in_quoted_name(passage: Passage, figure: Figure) -> bool:
    """A figure inside a short quotation with no stop in it names something (“最多跑一次”改革), it counts nothing."""
    start, end = figure.start - passage.start, figure.end - passage.start
    window = passage.text[max(0, start - QUOTED_NAME_MAX - 1) : end + QUOTED_NAME_MAX + 1]
    if "“" not in window:
        return False
    offset = max(0, start - QUOTED_NAME_MAX - 1)
    return any(offset + m.start() < start and end < offset + m.end() for m in _QUOTED_NAME.finditer(window))


def _counts_other_things(text: str, whole_end: int, labels: list[str]) -> bool:
    """辖11个县，其中贫困县4个，贫困村259个: the whole names what it counts (县) right after its figure, one part's
    label ends in that noun and another's in a different one (村): the list counts other things than the whole."""
    noun = text[whole_end : whole_end + 1]
    if not HAN.match(noun):
        return False
    ends = {label.strip()[-1:] for label in labels}
    return noun in ends and any(HAN.match(end) and end != noun for end in ends)


def _spread_labels(segments: list[str], count: int) -> list[str] | None:
    """其中线上、线下分别举办22场和26场: the labels are the items before 分别, when the parts after it are bare."""
    spread = _SPREAD.search(segments[0])
    if spread is None or any(CONJUNCTIONS.sub("", s) for s in segments[1:]):
        return None
    items = [i for i in _SUBJECT_SEPARATORS.split(_CLAUSE_SEPARATORS.split(segments[0][: spread.start()])[-1]) if i.strip()]
    return items if len(items) == count else None


def _any_cue(pattern: regex.Pattern | None, texts: list[str]) -> bool:
    return pattern is not None and any(pattern.search(t) for t in texts)


def _leading_text(text: str, base: int, region_start: int, parts: list[Figure]) -> list[str]:
    """The text before each part, back to the previous part (or to the cue for the first)."""
    result, previous = [], region_start
    for p in parts:
        result.append(text[previous : p.start - base])
        previous = p.end - base
    return result


def _extent(passage, parts, segments, labels, region_end, stated, settings) -> str:
    """How much a list of parts claims. Parts that name the rest are exhaustive (REST). ；-parts of one
    kind, each a label and its figure (市级检察院填报900件；基层检察院填报3886件), are exhaustive
    under a stated total and disjoint under an unstated one; parts of exclusive kinds (刑事/民事,
    城区/乡镇) however separated are disjoint: they may fall short of the whole, never pass it.
    Anything else (党员…、女干警…, highlights such as 规模最大，达…) only has each part within the whole."""
    if len(parts) < 2 or any(p.share is not None for p in parts):
        return OPEN  # categories with their own shares may overlap (党员…；女干警…)
    if "等" in passage.text[parts[-1].end - passage.start : region_end] or (not stated and _nested(labels)):
        return OPEN
    if settings.rest_cue is not None and _names_the_rest(settings.rest_cue, segments, labels):
        return REST
    separate = len({p.segment for p in parts}) == len(parts)
    if separate and all(_one_clause(s) for s in segments) and _one_kind(labels, settings.exclusive_kinds):
        return EXHAUSTIVE if stated else DISJOINT
    if _exclusive(labels, settings.exclusive_kinds):
        return DISJOINT
    people = parts[0].q.unit in settings.population_units
    if _one_kind(labels, ()) and not (people and _any_word(settings.overlapping, labels)):
        return DISJOINT  # 工业项目…，服务业项目…: kinds of one thing (not 女党员…，青年党员…: people's traits overlap)
    return OPEN


def _any_word(words: tuple[str, ...], labels: list[str]) -> bool:
    return any(word in label for word in words for label in labels)


CLAUSE_MARK = compile_fast(r"[，,：:。]")


def _one_clause(segment: str) -> bool:
    """The text of a ；-part before its figure is one clause: a label (第二产业增加值), not a
    highlight in several (…规模最大，达); what follows the previous part's figure before ； is its comment."""
    tail = _SEMICOLON.split(segment)[-1].lstrip(PART_SEPARATORS + " ")
    return not CLAUSE_MARK.search(tail)


def _one_kind(labels: list[str], exclusive_kinds) -> bool:
    """Labels of one kind: they share their first or last character (刑事案件/民事案件, 来信/来访,
    检察长办理/副检察长办理), or each names a different member of one set of exclusive kinds."""
    named = [label.strip(PART_SEPARATORS + " ") for label in labels]
    if not all(named):
        return False
    ends = {n[-1] for n in named}
    return len({n[0] for n in named}) == 1 or (len(ends) == 1 and ends != {"的"}) or _exclusive(labels, exclusive_kinds)


def _exclusive(labels: list[str], exclusive_kinds, same_rest: bool = True) -> bool:
    """Each label names a different member of one set of exclusive kinds (男/女, 城区/乡镇, 刑事/民事),
    and (with `same_rest`) what the labels say besides it is the same (刑事案件/民事案件, not 女干警/男党员)."""
    named = [label.strip() for label in labels]
    for kinds in exclusive_kinds:
        members = [next((k for k in sorted(kinds, key=len, reverse=True) if k in n), None) for n in named]
        if None in members or len(set(members)) != len(members):
            continue
        rests = {n.replace(k, "", 1) for n, k in zip(named, members)} - {""}
        if len(rests) <= 1 or not same_rest:  # 来信、来访、网上信访: what one says besides is implied in the others
            return True
    return False


def _covers(low: float, high: float, whole: Figure, gap: float) -> bool:
    return low <= whole.q.high * (1 + gap) and high >= whole.q.low * (1 - gap)


def _nested(labels: list[str]) -> bool:
    """制造业 and 高技术制造业: one category inside another, so the parts may overlap (under a
    stated total the split is taken as written: 检察长 and 副检察长 are two people)."""
    named = [label.strip() for label in labels if len(label.strip()) >= 2]
    return any(a in b for i, a in enumerate(named) for j, b in enumerate(named) if i != j)


def _names_the_rest(rest_cue: regex.Pattern, segments: list[str], labels: list[str]) -> bool:
    """The last part is 其他/其余…, or a bare list (分别为350人、420人和330人) names the rest before it."""
    if rest_cue.match(labels[-1].strip()):
        return True
    bare = all(not CONJUNCTIONS.sub("", s) for s in segments[1:])
    return bare and rest_cue.search(segments[0]) is not None


# Percentage vs counts ------------------------------------------------------------------------


def percent_counts(passage: Passage, settings: ArithmeticSettings) -> Iterator[Issue]:
    """2132件，占…44% after 共4808件: 2132 / 4808 must round to the stated percentage.

    Finds nothing in a passage holding no percentage or no match of a share or rate cue (numbers.PASSAGE_CHECKS)."""
    for share in passage.figures:
        part = share.count
        if share.role != SHARE or part is None:
            continue
        whole = _whole_for(passage, part, settings.window)
        if whole is None or part.q.low > whole.q.high:
            continue
        low = 100 * part.q.low / whole.q.high
        high = 100 * part.q.high / whole.q.low if whole.q.low else math.inf
        s_low, s_high = stated_range(share.q)
        if high < s_low - EPSILON or low > s_high + EPSILON:
            computed = f"{_percent(low)} %" if abs(high - low) < 0.05 else f"{_percent(low)} %～{_percent(high)} %"
            arithmetic = f"{part.q.shown()} / {whole.q.shown()} = {computed}，文中为 {_shown_percent(share.q)}"
            yield Issue(
                share.start, share.end, {"arithmetic": arithmetic},
                ((part.start, part.end, part.q.text), (whole.start, whole.end, whole.q.text)),
            )


def _whole_for(passage: Passage, part: Figure, window: int) -> Figure | None:
    """The nearest earlier total of the same unit that is not itself a share's part."""
    for f in reversed(passage.figures[: passage.figures.index(part)]):
        if part.sentence - f.sentence > window:
            return None
        if f.role == TOTAL and _same_unit(f, part) and f.share is None:
            return f
    return None


# Shares of one whole -------------------------------------------------------------------------


def shares(passage: Passage, settings: ArithmeticSettings) -> Iterator[Issue]:
    """A share above 100 %; shares of one whole (parallel ；-clauses or a 分别 list) summing past 100 %.

    Finds nothing in a passage holding no percentage or no match of a share, rate or spread cue (numbers.PASSAGE_CHECKS)."""
    for f in passage.figures:
        if f.role == SHARE and stated_range(f.q)[0] > 100 + EPSILON:
            yield Issue(f.start, f.end, {"arithmetic": f"占比 {_shown_percent(f.q)} > 100 %"})
    for group in _share_groups(passage, settings):
        if _shares_of_each_subject(group[0], settings):
            continue
        lows = [stated_range(f.q)[0] for f in group]
        if sum(lows) > 100 + EPSILON and not _counted_against_one_whole(passage, group, settings.window) \
                and not _different_wholes(group):
            total = sum(f.q.value for f in group)
            shown = " + ".join(_shown_percent(f.q) for f in group)
            yield Issue(
                group[0].start, group[-1].end,
                {"arithmetic": f"{shown} = {format_number(round(total, 2))} %，超过 100 %"},
            )


# 、 and the conjunctions 和/与/及 where they are no part of a word (涉及, 参与, 共和)
_SUBJECT_SEPARATORS = compile_fast(r"、|(?<![涉以普波危顾触提惠企遍])及|(?<![参给赋授])与|(?<![共温缓祥饱柔])和")
_CLAUSE_SEPARATORS = compile_fast(r"[，,；;：:]")


def _shares_of_each_subject(first: Figure, settings: ArithmeticSettings) -> bool:
    """炼铁、炼钢先进产能占比分别达到64.3%、62.3%; 地表水、近岸海域水质优良比例分别达…: a list of
    subjects, each with its own share of its own whole. Subjects of exclusive kinds (男性和女性分别占…,
    城镇、农村人口占比分别为…) are the parts of one whole, and so is one subject (三类案件占比分别为…)."""
    subject = first.subject.replace("分别", "")
    subjects = [s.strip() for s in _SUBJECT_SEPARATORS.split(_CLAUSE_SEPARATORS.split(subject)[-1]) if s.strip()]
    if len(subjects) < 2 or _exclusive(subjects, settings.exclusive_kinds, same_rest=False):
        return False
    if settings.rest_cue is not None and settings.rest_cue.match(subjects[-1]):
        return False  # 盗窃、诈骗和其他案件分别占…: the list names the rest of one whole
    return len(subjects[-1]) > max(len(s) for s in subjects[:-1]) + 1  # a noun shared by all follows the list


def _different_wholes(group: list[Figure]) -> bool:
    """Shares of different wholes do not add up: each names its own (占全国涉外案件数的72%；占全国涉外标的总额的69%),
    or their counts are of different units (2251件，占…；1376亿元，占…)."""
    wholes = {f.whole for f in group}
    if len(wholes) > 1:
        return True
    units = {f.count.q.measure for f in group if f.count is not None}
    return len(units) > 1


def _counted_against_one_whole(passage: Passage, group: list[Figure], window: int) -> bool:
    """True when every share has its count and the counts share a whole, stated (then
    percent-counts checks each share) or implied (党员980人占81.7%；女干警520人占43.3%):
    the categories overlap and their shares may sum past 100 %."""
    if any(f.count is None for f in group):
        return False
    if all(_whole_for(passage, f.count, window) is not None for f in group):
        return True
    low, high = 0.0, math.inf
    for f in group:
        s_low, s_high = stated_range(f.q)
        if s_low <= 0:
            return False
        low = max(low, f.count.q.low * 100 / s_high)
        high = min(high, f.count.q.high * 100 / s_low)
    return low <= high + EPSILON


def _share_groups(passage: Passage, settings: ArithmeticSettings) -> Iterator[list[Figure]]:
    spread_cue = settings.spread_cue
    percents = [f for f in passage.figures if f.is_percent]
    by_sentence: dict[int, list[Figure]] = {}
    for f in percents:
        by_sentence.setdefault(f.sentence, []).append(f)
    for sentence, figures in by_sentence.items():
        parallel = [f for f in figures if f.role == SHARE]
        if len(parallel) >= 2 and len({f.segment for f in parallel}) == len(parallel):
            yield parallel
            continue
        if len(parallel) >= 2 and _parallel_clauses(parallel, settings):
            yield parallel
            continue
        if spread_cue is None:
            continue
        s, e = passage.sentences[sentence]
        for cue in spread_cue.finditer(passage.text, s, e):
            listed = _spread_list(passage, figures, cue.end())
            if len(listed) >= 2:
                yield listed


def _parallel_clauses(shares: list[Figure], settings: ArithmeticSettings) -> bool:
    """受访者中，认为满意的占71%，认为一般的占24%，…: shares in clauses of their own, of no count and
    no named whole, whose subjects are kinds of one thing (认为…的, …学历, 男性/女性) and not traits of
    people that overlap (党员干警…，女干警…)."""
    if len({f.clause for f in shares}) != len(shares) or any(f.count is not None or f.whole for f in shares):
        return False
    if settings.parallel_cue is None or not all(settings.parallel_cue.fullmatch(f.cue) for f in shares):
        return False  # 地表水…优良比例99.1%，近岸海域…优良比例94.9%: rates, each of its own whole
    subjects = [_CLAUSE_SEPARATORS.split(f.subject)[-1].strip() for f in shares]
    if not all(subjects) or (settings.part_cue is not None and any(settings.part_cue.match(s) for s in subjects)):
        return False  # 装机占比超93%，其中新能源装机占比超73%: a part of the first
    if _exclusive(subjects, settings.exclusive_kinds, same_rest=False):
        return True
    one_kind = len({s[0] for s in subjects}) == 1 or len({s[-1] for s in subjects}) == 1
    return one_kind and not _any_word(settings.overlapping, subjects)


def _spread_list(passage: Passage, figures: list[Figure], after: int) -> list[Figure]:
    """占比分别为 87%、12%和1.5%: the percentages right after 分别, joined by 、 和 与 及 ，, when they are
    shares (a share cue before them in their clause: 采购经理指数分别为50.3%和50.2% are rates of different
    wholes) of a whole not named after 分别 (分别占全国的75.7%、45.5%: each of its own kind's total)."""
    listed = []
    position = passage.start + after
    for f in figures:
        if f.start < position:
            continue
        gap = passage.text[position - passage.start : f.start - passage.start]
        if len(gap) > 4 or _LIST_STOP.search(gap):
            break
        listed.append(f)
        position = f.end
    if not listed or any(f.role != SHARE for f in listed):
        return []
    named = passage.text[after : listed[0].start - passage.start].strip(LINKING + " ")
    return [] if named else listed


# Feasibility ---------------------------------------------------------------------------------


def feasibility(passage: Passage, settings: ArithmeticSettings) -> Iterator[Issue]:
    """不足50人 … 青年干警占比81.9%: some k of n people (n within the stated bounds) must give the share.

    Finds nothing in a passage holding no percentage or no match of a share or rate cue (numbers.PASSAGE_CHECKS)."""
    if not settings.population_units:
        return
    for share in passage.figures:
        if share.role != SHARE or share.count is not None:
            continue
        population = _population_for(passage, share, settings)
        if population is None:
            continue
        n_low = max(1, math.ceil(population.q.low - EPSILON))
        n_high = math.floor(population.q.high + EPSILON)
        if n_high < n_low or n_high > settings.max_population:
            continue
        s_low, s_high = stated_range(share.q)
        if any(_reachable(n, s_low, s_high) for n in range(n_low, n_high + 1)):
            continue
        nearest = _nearest_fraction(n_low, n_high, share.q.value)
        people = f"n = {n_low}" if n_low == n_high else f"n = {n_low}～{n_high}"
        reach = f"{population.q.text}，{people} 时 k/n 取不到 {_shown_percent(share.q)}（最接近的是 {nearest}）"
        yield Issue(share.start, share.end, {"arithmetic": reach}, ((population.start, population.end, population.q.text),))


def _population_for(passage: Passage, share: Figure, settings: ArithmeticSettings) -> Figure | None:
    """A head count in people, earlier in the share's sentence or the one before, with a person word before 占."""
    if settings.person_words is None or not settings.person_words.search(share.subject):
        return None
    index = passage.figures.index(share)
    for f in reversed(passage.figures[:index]):
        if share.sentence - f.sentence > 1:
            return None
        if f.is_count and f.q.unit in settings.population_units and f.share is None:
            return f
        if f.is_count or f.is_percent:
            return None
    return None


def _reachable(n: int, low: float, high: float) -> bool:
    k = math.ceil(low * n / 100 - EPSILON)
    return 0 <= k <= n and 100 * k / n <= high + EPSILON


def _nearest_fraction(n_low: int, n_high: int, target: float) -> str:
    best = min(
        ((k, n) for n in range(n_low, n_high + 1) for k in (math.floor(target * n / 100), math.ceil(target * n / 100)) if 0 <= k <= n),
        key=lambda kn: abs(100 * kn[0] / kn[1] - target),
    )
    k, n = best
    return f"{k}/{n} = {_percent(100 * k / n)} %"
