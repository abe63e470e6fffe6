"""Reading stdlib `re`'s parse of a pattern: the parse itself and what every walk of it needs.

Each walk does its own job: the characters every match needs (`regexes`), the
google-re2 gate a pattern relaxes to (`prefilter`), the characters a figure can
start with (`quantities`), the literals a match is anchored on (`figures.anchored`).
"""

from __future__ import annotations

try:  # Python >= 3.11
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


def parse_tree(pattern, flags_refused: int = 0):
    """The parse of a stdlib `re` pattern; None for a `regex`-module pattern, one whose flags hold any of
    `flags_refused`, or one the parser reads otherwise than compiling did (a quirk only costs the optimisation
    that asked)."""
    import re

    if not isinstance(pattern, re.Pattern) or pattern.flags & flags_refused:
        return None
    try:
        return sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001
        return None


# The repeat operators (`*`, `+`, `{m,n}`, lazy and possessive): their argument is (least, most, body).
REPEATS = tuple(op for op in (getattr(sre, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op is not None)


def group_ignores_case(av) -> bool:
    """Whether a parsed group (`SUBPATTERN`) turns case-insensitive matching on (`(?i:...)`): it then
    matches other characters than it lists."""
    return len(av) == 4 and bool(av[1] & sre.SRE_FLAG_IGNORECASE)


def class_characters(items, most: int) -> set[str] | None:
    """The characters of a parsed character class, or None when it is negated, holds a
    category or has more than `most`."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < most:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return chars if len(chars) <= most else None
