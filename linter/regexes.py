"""Fast regular expressions: stdlib `re` where a pattern needs nothing from `regex`.

Rules are written for the `regex` module (`\\p{Han}`, variable lookbehind,
`overlapped=True`), but for the patterns most rules use, stdlib `re` runs the
same search several times faster. `compile_fast` rewrites the Unicode
properties Chinese rules use (`\\p{Han}`, `\\p{P}`) as character classes and
compiles with `re`; anything `re` rejects or would read differently stays
with `regex`. Both objects offer finditer/search/match/sub/expand, so a kind
that only calls those does not care which it got.

`required_chars` reads a compiled `re` pattern and returns characters of which
every match must contain one (`[，、]` in `我们，我们`), so the engine can skip a
rule on a document holding none of them without running the pattern at all.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Any, Callable

import regex

from .parsed import REPEATS, class_characters, group_ignores_case, parse_tree, sre as _sre, sre_parse as _sre_parse

# Code-point ranges of the properties, as the `regex` module defines them
# (regenerate with `python -m linter.regexes` when `regex` moves to a new
# Unicode version; a test checks they agree with the installed `regex`).
PROPERTY_RANGES = {
    "han": """
        2E80-2E99 2E9B-2EF3 2F00-2FD5 3005 3007 3021-3029 3038-303B 3400-4DBF 4E00-9FFF F900-FA6D FA70-FAD9
        16FE2-16FE3 16FF0-16FF6 20000-2A6DF 2A700-2B81E 2B820-2CEAD 2CEB0-2EBE0 2EBF0-2EE5D 2F800-2FA1D
        30000-3134A 31350-33479
    """,
    "p": """
        21-23 25-2A 2C-2F 3A-3B 3F-40 5B-5D 5F 7B 7D A1 A7 AB B6-B7 BB BF 37E 387 55A-55F 589-58A 5BE 5C0
        5C3 5C6 5F3-5F4 609-60A 60C-60D 61B 61D-61F 66A-66D 6D4 700-70D 7F7-7F9 830-83E 85E 964-965 970 9FD
        A76 AF0 C77 C84 DF4 E4F E5A-E5B F04-F12 F14 F3A-F3D F85 FD0-FD4 FD9-FDA 104A-104F 10FB 1360-1368
        1400 166E 169B-169C 16EB-16ED 1735-1736 17D4-17D6 17D8-17DA 1800-180A 1944-1945 1A1E-1A1F 1AA0-1AA6
        1AA8-1AAD 1B4E-1B4F 1B5A-1B60 1B7D-1B7F 1BFC-1BFF 1C3B-1C3F 1C7E-1C7F 1CC0-1CC7 1CD3 2010-2027
        2030-2043 2045-2051 2053-205E 207D-207E 208D-208E 2308-230B 2329-232A 2768-2775 27C5-27C6 27E6-27EF
        2983-2998 29D8-29DB 29FC-29FD 2CF9-2CFC 2CFE-2CFF 2D70 2E00-2E2E 2E30-2E4F 2E52-2E5D 2E60-2E63
        3001-3003 3008-3011 3014-301F 3030 303D 30A0 30FB A4FE-A4FF A60D-A60F A673 A67E A6F2-A6F7 A874-A877
        A8CE-A8CF A8F8-A8FA A8FC A92E-A92F A95F A9C1-A9CD A9DE-A9DF AA5C-AA5F AADE-AADF AAF0-AAF1 ABEB
        FD3E-FD3F FE10-FE19 FE30-FE52 FE54-FE61 FE63 FE68 FE6A-FE6B FF01-FF03 FF05-FF0A FF0C-FF0F FF1A-FF1B
        FF1F-FF20 FF3B-FF3D FF3F FF5B FF5D FF5F-FF65 10100-10102 1039F 103D0 1056F 10857 1091F 1093F
        10A50-10A58 10A7F 10AF0-10AF6 10B39-10B3F 10B99-10B9C 10D6E 10EAD 10ED0 10F55-10F59 10F86-10F89
        11047-1104D 110BB-110BC 110BE-110C1 11140-11143 11174-11175 111C5-111C8 111CD 111DB 111DD-111DF
        11238-1123D 112A9 113D4-113D5 113D7-113D8 1144B-1144F 1145A-1145B 1145D 114C6 115C1-115D7
        11641-11643 11660-1166C 116B9 1173C-1173E 1183B 11944-11946 119E2 11A3F-11A46 11A9A-11A9C
        11A9E-11AA2 11B00-11B09 11BE1 11C41-11C45 11C70-11C71 11EF7-11EF8 11F43-11F4F 11FFF 12470-12474
        12FF1-12FF2 16A6E-16A6F 16AF5 16B37-16B3B 16B44 16D6D-16D6F 16E97-16E9A 16FE2 1BC9F 1DA87-1DA8B
        1E5FF 1E95E-1E95F
    """,
    # \s of `regex` (White_Space): `re` takes str.isspace, which adds U+001C-U+001F.
    "space": "9-D 20 85 A0 1680 2000-200A 2028-2029 202F 205F 3000",
    "co": "E000-F8FF F0000-FFFFD 100000-10FFFD",
}
# Escapes whose sets differ between `re` and `regex`: written out from the table, or (word
# characters and boundaries, too large to write out) a reason to stay with `regex`. \d is
# left to `re`: the two differ only on digits of scripts outside the BMP that one Unicode
# version has and the other lacks, and written out it would make every \d search slower.
CLASS_ESCAPES = {"s": "space"}
REGEX_ESCAPES = "wWbB"
PROPERTY_NAMES = {
    "han": "han", "hani": "han", "ishan": "han", "script=han": "han", "sc=han": "han", "script=hani": "han", "sc=hani": "han",
    "p": "p", "punct": "p", "punctuation": "p", "ispunctuation": "p", "gc=p": "p", "generalcategory=p": "p",
    "co": "co", "privateuse": "co", "isprivateuse": "co", "gc=co": "co", "generalcategory=co": "co",
}
# Inline syntax that `re` would accept but read differently from `regex`
# (fuzzy matching `{e<=1}`), so such patterns always stay with `regex`.
_REGEX_ONLY = re.compile(r"\{\s*[edis]\s*[<=]|\(\?\||\[:\^?[A-Za-z]+:\]")
_SAME_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE
_PROPERTY = re.compile(r"\\([pP])\{([^{}]*)\}")
MAX_NEEDS = 32


@lru_cache(maxsize=None)
def property_ranges(name: str) -> tuple[tuple[int, int], ...]:
    """Inclusive code-point ranges of a property in PROPERTY_RANGES."""
    ranges = []
    for token in PROPERTY_RANGES[name].split():
        low, _, high = token.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return tuple(ranges)


def class_range(low: int, high: int) -> str:
    """One range of a stdlib `re` character class, written with \\U escapes."""
    escaped = f"\\U{low:08x}"
    return escaped if low == high else f"{escaped}-\\U{high:08x}"


def property_characters(name: str) -> str:
    """Every character of a (small) property in PROPERTY_RANGES, e.g. "space": what `regex` counts as \\s."""
    return "".join(chr(c) for low, high in property_ranges(name) for c in range(low, high + 1))


@lru_cache(maxsize=None)
def _class_body(name: str) -> str:
    return "".join(class_range(low, high) for low, high in property_ranges(name))


def translate(pattern: str) -> str | None:
    """The pattern in stdlib `re` syntax, or None when it needs the `regex` module."""
    if _REGEX_ONLY.search(pattern):
        return None
    out: list[str] = []
    i, in_class, body_start = 0, False, -1
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            m = _PROPERTY.match(pattern, i)
            if m is None:
                escape = pattern[i + 1 : i + 2]
                if escape in REGEX_ESCAPES:
                    return None
                name = CLASS_ESCAPES.get(escape.lower())
                if name is None:
                    out.append(pattern[i : i + 2])
                elif escape.isupper():
                    if in_class:
                        return None
                    out.append(f"[^{_class_body(name)}]")
                else:
                    out.append(_class_body(name) if in_class else f"[{_class_body(name)}]")
                i += 2
                continue
            name = PROPERTY_NAMES.get(re.sub(r"[\s_\-]", "", m[2]).lower())
            negated = m[1] == "P"
            if name is None or (negated and in_class):
                return None
            body = _class_body(name)
            out.append(body if in_class else f"[{'^' if negated else ''}{body}]")
            i = m.end()
            continue
        if in_class:
            if ch == "]" and i != body_start:
                in_class = False
        elif ch == "[":
            in_class = True
            body_start = i + 2 if pattern.startswith("^", i + 1) else i + 1
        out.append(ch)
        i += 1
    return "".join(out)


def compile_fast(pattern: str, flags: int = 0) -> Any:
    """Compile with stdlib `re` when the pattern means the same there, else with `regex`.

    Raises `regex.error` for a pattern neither accepts (the message comes from `regex`).
    """
    if not flags & ~_SAME_FLAGS:
        translated = translate(pattern)
        if translated is not None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    return PROGRAMS.compile(translated, int(flags))
            except (re.error, Warning, OverflowError, RecursionError):
                pass
    return regex.compile(pattern, flags)


class Programs:
    """The programs stdlib `re` compiles patterns to, kept per user (linter.snapshots) for the next process.

    `re.compile` parses a pattern and turns each character class into a bitmap one character at a time
    (tens of thousands of steps for `\\p{Han}`): most of the 0.15 s the default rules take to compile. Built from
    its kept program, the same pattern takes microseconds, and is the same pattern (`==`). A program is the
    arguments `re` itself hands `_sre.compile`; it is kept only for the Python version that made it (the
    snapshot's name says which), and CPython checks a program before it runs it. Where these internals are
    missing, patterns compile as `re.compile` does.
    """

    NAME = "re-programs"
    KEEP = 4096  # programs in the snapshot; past it, only those this process used are kept
    MEMO = 512  # patterns this process holds, as `re`'s own cache does

    def __init__(self) -> None:
        self.kept: dict | None = None
        self.used: dict = {}
        self.made = 0  # programs made rather than read from the snapshot
        self.memo: dict[tuple[str, int], re.Pattern] = {}

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        """`re.compile(pattern, flags)`, from the kept program when there is one."""
        if _sre_compile is None:
            return re.compile(pattern, flags)
        key = (pattern, flags)
        known = self.memo.get(key)
        if known is not None:
            return known
        if self.kept is None:
            self.kept = self._read()
        program = self.kept.get(key)
        if program is not None:
            try:
                compiled = _sre_compile(pattern, *program)
            except Exception:  # noqa: BLE001 - a program this Python refuses is made again
                program = None
        if program is None:
            try:
                program = _program(pattern, flags)
                compiled = _sre_compile(pattern, *program)
            except (re.error, Warning, OverflowError, RecursionError):
                raise
            except Exception:  # noqa: BLE001 - internals unlike these: compiled as `re` compiles it, not kept
                return re.compile(pattern, flags)
            if not self.made:
                import atexit

                atexit.register(self.keep)
            self.made += 1
        self.used[key] = program
        if len(self.memo) >= self.MEMO:
            self.memo.clear()
        self.memo[key] = compiled
        return compiled

    def keep(self) -> None:
        """Write the snapshot: the kept programs and those made since (only those used, past KEEP)."""
        from .snapshots import write_snapshot

        table = {**(self.kept or {}), **self.used}
        write_snapshot(self.NAME, b"", table if len(table) <= self.KEEP else self.used)

    def _read(self) -> dict:
        from .snapshots import read_snapshot

        found = read_snapshot(self.NAME, b"")
        return found if isinstance(found, dict) else {}


def _program(pattern: str, flags: int) -> tuple:
    """What `re` compiles `pattern` to, as the arguments of `_sre.compile` after the pattern (as
    `re._compiler.compile` makes them); raises what `re.compile` raises."""
    parsed = _sre_parse.parse(pattern, flags)
    code = _re_compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), list(map(int, code)), parsed.state.groups - 1, groupindex, tuple(indexgroup)


try:  # CPython's own: Python >= 3.11, then 3.10
    from _sre import compile as _sre_compile

    try:
        from re import _compiler as _re_compiler  # type: ignore[attr-defined]
    except ImportError:
        import sre_compile as _re_compiler  # type: ignore[no-redef]
    if not hasattr(_re_compiler, "_code"):
        raise ImportError("re compiles otherwise")
except ImportError:
    _sre_compile = None

PROGRAMS = Programs()


# One Han character: `\p{Han}` as `regex` reads it (run by stdlib `re` through the ranges above).
HAN = compile_fast(r"\p{Han}")


def required_chars(pattern: Any) -> frozenset[str] | None:
    """Characters of which every match of `pattern` must contain at least one.

    None when no small set is certain: a `regex`-module pattern, case-insensitive
    matching, or a pattern whose mandatory parts are all broad classes (`\\p{Han}`).
    Lookahead and lookbehind count: the text must contain what they assert.
    """
    parsed = parse_tree(pattern, re.IGNORECASE)
    found = None if parsed is None else _required_in_sequence(parsed)
    return frozenset(found) if found else None


def needs_finder(pattern: Any) -> re.Pattern | None:
    """A search for what every match of `pattern` holds: the longest string of two or more characters it must
    contain (`://` in a URL pattern), else one of the characters of `required_chars`.

    Text it finds nothing in cannot match `pattern`; None when nothing small is certain.
    """
    parsed = parse_tree(pattern, re.IGNORECASE)
    literal = None if parsed is None else _longest_literal(parsed)
    if literal is not None and len(literal) >= 2:
        return re.compile(re.escape(literal))
    chars = required_chars(pattern)
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]") if chars else None


def _longest_literal(items) -> str | None:
    """The longest run of literal characters every match of a parsed sequence holds (in a lookaround too)."""
    best, run = "", ""
    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        best, run = max(best, run, key=len), ""
        inner = None
        if op is _sre.ASSERT:
            inner = _longest_literal(av[1])
        elif op is _sre.SUBPATTERN and not group_ignores_case(av):
            inner = _longest_literal(av[-1])
        elif op in REPEATS and av[0] >= 1:
            inner = _longest_literal(av[2])
        if inner:
            best = max(best, inner, key=len)
    return max(best, run, key=len) or None


def start_chars(pattern: Any) -> frozenset[str] | None:
    """For a stdlib `re` pattern anchored at the start of the text (`^` or `\\A`, not multi-line): the
    characters one of which every match begins with, so a text starting with none of them cannot match.

    None when the pattern is not so anchored or no small set is certain.
    """
    parsed = parse_tree(pattern, re.IGNORECASE | re.MULTILINE)
    items = [] if parsed is None else list(parsed)
    if not items or items[0] not in ((_sre.AT, _sre.AT_BEGINNING), (_sre.AT, _sre.AT_BEGINNING_STRING)):
        return None
    found = _first_chars(items[1:])
    return frozenset(found) if found else None


def _first_chars(items) -> set[str] | None:
    """The characters one of which the first item of a sequence consumes first (None: it may consume none)."""
    return _consumed(*items[0], lambda body: _first_chars(list(body))) if items else None  # type: ignore[call-arg]


def max_width(pattern: Any) -> int | None:
    """The most characters a match of a stdlib `re` pattern can span (lookarounds not counted); None when unbounded or unknown."""
    parsed = parse_tree(pattern)
    widest = None if parsed is None else parsed.getwidth()[1]
    return widest if widest is not None and widest < _sre.MAXREPEAT else None


def anchor_literals(pattern: str, limit: int = 16) -> tuple[tuple[str, int], ...] | None:
    """Literal strings at fixed offsets from a match's start, one of which every match has there.

    (literal, offset) pairs: `培训(?=班)` gives (("培训", 0),); `而[己巳]` gives (("而己", 0), ("而巳", 0)).
    A search for the literals finds every place a match can start, so the
    pattern need only be tried there. None when the pattern (read the way
    stdlib `re` reads it, see `translate`) gives no such literals.
    """
    translated = translate(pattern)
    if translated is None:
        return None
    try:
        parsed = _sre_parse.parse(translated)
    except Exception:  # noqa: BLE001 - a parser quirk only costs the optimisation
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _anchors(parsed, limit)
    return tuple(found) if found else None


def _anchors(items, limit: int) -> list[tuple[str, int]] | None:
    data = list(items)
    if len(data) == 1 and data[0][0] is _sre.BRANCH:
        union: list[tuple[str, int]] = []
        for branch in data[0][1][1]:
            found = _anchors(_sre_parse.SubPattern(items.state, branch), limit)
            if not found:
                return None
            union += found
        return union
    best: tuple[list[str], int] | None = None
    run: list[str] = [""]
    run_start = offset = 0
    for op, av in data:
        chars = _anchor_chars(op, av)
        if chars is not None and len(run) * len(chars) <= limit:
            run = [text + ch for text in run for ch in chars]
            offset += 1
            continue
        low, high = _sre_parse.SubPattern(items.state, [(op, av)]).getwidth()
        if (low, high) == (0, 0):
            continue
        best = _longer(best, run, run_start)
        if low != high:
            return _as_pairs(best)
        offset += low
        run, run_start = [""], offset
    return _as_pairs(_longer(best, run, run_start))


def _anchor_chars(op, av) -> list[str] | None:
    """The characters a one-character item matches, when it is a literal or a small set of literals."""
    if op is _sre.LITERAL:
        return [chr(av)]
    if op is _sre.IN and len(av) <= 4 and all(o is _sre.LITERAL for o, _ in av):
        return [chr(a) for _, a in av]
    return None


def _longer(best: tuple[list[str], int] | None, run: list[str], start: int) -> tuple[list[str], int] | None:
    if not run[0]:
        return best
    if best is None or (len(run[0]), -len(run)) > (len(best[0][0]), -len(best[0])):
        return run, start
    return best


def _as_pairs(best: tuple[list[str], int] | None) -> list[tuple[str, int]] | None:
    return None if best is None else [(text, best[1]) for text in best[0]]


def matches_one_char(pattern: Any) -> bool:
    """True when every match of a stdlib `re` pattern is exactly one character long."""
    parsed = parse_tree(pattern)
    return parsed is not None and parsed.getwidth() == (1, 1)


def required_chars_any(patterns) -> frozenset[str] | None:
    """For a list of alternative patterns: the union of their required characters."""
    union: set[str] = set()
    for p in patterns:
        chars = required_chars(p)
        if chars is None:
            return None
        union |= chars
    return frozenset(union) if len(union) <= MAX_NEEDS else None


def _required_in_sequence(items) -> set[str] | None:
    best = None
    for op, av in items:
        chars = _required_in_item(op, av)
        if chars is not None and (best is None or len(chars) < len(best)):
            best = chars
    return best


def _required_in_item(op, av) -> set[str] | None:
    if op is _sre.ASSERT:
        return _required_in_sequence(av[1])
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _required_in_sequence(av)
    return _consumed(op, av, _required_in_sequence)


def _consumed(op, av, inner) -> set[str] | None:
    """The characters one of which a parsed item consumes (None: unknown, too many, or maybe none),
    reading the body of a group, a repeat or each branch with `inner`."""
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN:
        return class_characters(av, MAX_NEEDS)
    if op is _sre.SUBPATTERN:
        return None if group_ignores_case(av) else inner(av[-1])
    if op in REPEATS:
        low, _high, body = av
        return inner(body) if low >= 1 else None
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            chars = inner(branch)
            if chars is None:
                return None
            union |= chars
        return union if len(union) <= MAX_NEEDS else None
    return None



# A group reference of a replacement template: \\1 to \\99 (a third digit would make it octal) or \\g<...>.
_GROUP_REFERENCE = re.compile(r"\\([1-9][0-9]?)(?![0-9])|\\g<([^<>]*)>")


def template_expander(pattern: Any, template: str) -> Callable[[Any], str]:
    """`lambda m: m.expand(template)` for matches of `pattern`, with the template read once: a template of
    text and group references is filled from the groups at each match (`Match.expand` of stdlib `re`
    parses the template again at every call, a few microseconds); any other escape keeps `expand`."""
    pieces = _template_pieces(template, pattern.groups, tuple(pattern.groupindex.items()))
    if pieces is None:
        return lambda m: m.expand(template)
    literals, groups = pieces
    if not groups:
        return lambda m: literals[0]
    if len(groups) == 1:
        before, after = literals
        group = groups[0]
        return lambda m: before + (m.group(group) or "") + after

    def expand(m) -> str:
        filled = [literals[0]]
        for value, literal in zip(m.group(*groups), literals[1:]):
            filled += (value or "", literal)
        return "".join(filled)

    return expand


@lru_cache(maxsize=256)
def _template_pieces(template: str, groups: int, names: tuple) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """The template's text between group references and the groups referred to; None for a template with
    another escape or a reference to no group (left to `expand`, which reads or rejects it)."""
    index = dict(names)
    literals, referred, position = [], [], 0
    for m in _GROUP_REFERENCE.finditer(template):
        literals.append(template[position : m.start()])
        name = m[1] or m[2]
        group = int(name) if name.isdigit() else index.get(name, -1)
        if not 0 <= group <= groups or (m[2] is not None and name.isdigit() and not name.isascii()):
            return None
        referred.append(group)
        position = m.end()
    literals.append(template[position:])
    if any("\\" in literal for literal in literals):
        return None
    return tuple(literals), tuple(referred)


def derive_ranges(prop: str) -> str:
    """The code-point ranges of a property per the installed `regex` (slow: for regenerating the table)."""
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    tokens = []
    for m in regex.finditer(r"\p{%s}+" % prop, every):
        low, high = ord(every[m.start()]), ord(every[m.end() - 1])
        tokens.append(f"{low:X}-{high:X}" if low != high else f"{low:X}")
    return " ".join(tokens)


if __name__ == "__main__":
    for key, prop in (("han", "Han"), ("p", "P"), ("space", "White_Space"), ("co", "Co")):
        print(f"{key}: {derive_ranges(prop)}")


def stdlib_twin(pattern: Any) -> re.Pattern | None:
    """The stdlib `re` pattern that reads a `regex`-module `pattern` the same way (see `compile_fast`),
    for the fast paths that analyse stdlib patterns; None when the flags are not the defaults or
    the pattern needs `regex`."""
    if pattern.flags != regex.compile("").flags:
        return None
    twin = compile_fast(pattern.pattern)
    return twin if isinstance(twin, re.Pattern) else None
