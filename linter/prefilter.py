"""Which rules can find anything in a document, answered for all of them in one pass.

Each rule may have gates: text without a match of every gate of the rule
cannot hold a finding of it, so the rule does not run there. Its gates are
derived from the rule itself:

- `needs`: a class of the characters of which every finding needs one (a
  pattern rule's, derived from its patterns or declared; a kind's `NEEDS`);
- a candidate: a kind's `candidate_patterns(config)` gives the regular expressions
  its findings come from (a pattern rule's `patterns`), and `relaxed` writes
  each as a google-re2 expression matching at least where it matches --
  lookarounds, anchors and backreferences widen to what they allow, bounded
  repeats to unbounded ones -- so the gate never says no where the rule would
  have said yes. A pattern that cannot be so written leaves the rule without
  a candidate.

With google-re2 installed, one `re2.Set` over every gate of a rule set scans
a document once (as a DFA: its speed does not depend on how many gates there
are) and says which gates match. Without it, or when `WENLINT_NO_RE2` is set,
only `needs` gates are tested, each character looked for once per document.
A text shorter than SET_MIN_CHARS is gated by `needs` alone too, and so is
every text until a process has read SET_AFTER_CHARS of them (a pool's parent
builds the Set before it forks). A document
the DFA cannot scan (lone surrogates, which UTF-8 cannot encode, or a DFA out
of memory, noticed by a gate that always matches) runs every rule.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from .parsed import REPEATS, group_ignores_case, parse_tree, sre
from .checks.api import candidate_patterns as kind_candidate_patterns, needs as kind_needs

NO_RE2 = "WENLINT_NO_RE2"
# Bounded repeats with more than this many copies are written as unbounded ones (a smaller DFA).
EXACT_REPEAT = 4
ANY = r"(?s:.)"
# DFA memory for the Set; a scan that would need more reports failure, and then every rule runs.
SET_MEMORY = 64 << 20
ALWAYS = r"\A"
# A shorter text is gated by `needs` alone: the Set's pass costs about 50 µs however short the text (its DFA's
# states are read from memory the rules have since filled), more than running the rules it would skip.
SET_MIN_CHARS = 2000
# Building the Set costs about 0.2 s, more than the `needs` scans of a few hundred kB save: a process builds it
# only once it has read this much text (a run of a few files, as a pre-commit hook's, never does).
SET_AFTER_CHARS = 500_000
_read_before_set = 0


@lru_cache(maxsize=1)
def re2_module():
    """google-re2, or None when it is not installed or `WENLINT_NO_RE2` is set."""
    if os.environ.get(NO_RE2):
        return None
    try:
        import re2
    except ImportError:
        return None
    return re2


@dataclass(frozen=True)
class RuleGates:
    """What a text must hold for a rule to find anything in it."""

    needs: str | None = None       # one of these characters
    candidate: str | None = None   # a match of this google-re2 expression

    def __bool__(self) -> bool:
        return bool(self.needs or self.candidate)


_gates: dict[int, tuple[Any, RuleGates]] = {}


def rule_gates(rule) -> RuleGates:
    """The gates of a rule (worked out once per compiled rule)."""
    config = rule.config
    known = _gates.get(id(config))
    if known is not None and known[0] is config:
        return known[1]
    patterns = kind_candidate_patterns(rule)
    gates = RuleGates(kind_needs(rule), candidate_expression(tuple(patterns)) if patterns else None)
    _gates[id(config)] = (config, gates)
    return gates


def candidate_expression(patterns: tuple) -> str | None:
    """One google-re2 expression matching wherever any of `patterns` does; None when one of them has no
    such expression, it would match the empty string (and so every text), or google-re2 is missing."""
    if re2_module() is None:
        return None
    parts = [relaxed(p) for p in patterns]
    if any(part is None for part in parts):
        return None
    joined = "|".join(f"(?:{part})" for part in parts)
    return joined if _compiles(joined) else None


@lru_cache(maxsize=None)
def _compiles(expression: str) -> bool:
    re2 = re2_module()
    try:
        re2.compile(expression)
    except Exception:  # noqa: BLE001 - google-re2 raises its own errors; no candidate is always safe
        return False
    return True


def relaxed(pattern: Any) -> str | None:
    """A google-re2 expression that matches (somewhere) in every text `pattern` matches in, read from the stdlib
    `re` parse of the pattern (a `regex`-module pattern through its stdlib twin); None when there is none,
    or when the pattern can match the empty string."""
    from .regexes import stdlib_twin

    compiled = getattr(pattern, "compiled", pattern)
    if not isinstance(compiled, re.Pattern):
        compiled = stdlib_twin(compiled)
    parsed = parse_tree(compiled, re.IGNORECASE)
    if parsed is None or parsed.getwidth()[0] == 0:
        return None
    items = list(parsed)
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        branches = [_relaxed_sequence(_with_edges(branch), {}) for branch in items[0][1][1]]
        return None if any(b is None for b in branches) else "|".join(branches)
    return _relaxed_sequence(_with_edges(items), {})


def _with_edges(items) -> list:
    """A sequence whose leading lookbehind and trailing lookahead are read as text the match is next to: a text
    holding a match holds them there too, and the gate becomes as narrow as the pattern's context."""
    items = list(items)
    if items and items[0][0] is sre.ASSERT and items[0][1][0] < 0:
        items[:1] = list(items[0][1][1])
    if items and items[-1][0] is sre.ASSERT and items[-1][1][0] > 0:
        items[-1:] = list(items[-1][1][1])
    return items


def _relaxed_sequence(items, groups: dict[int, str]) -> str | None:
    """`items` written for google-re2; `groups` collects each numbered group's expression, for the
    backreferences after it."""
    out = []
    for op, av in items:
        part = _relaxed_item(op, av, groups)
        if part is None:
            return None
        out.append(part)
    return "".join(out)


def _relaxed_item(op, av, groups: dict[int, str]) -> str | None:
    if op is sre.LITERAL:
        return _char(av)
    if op is sre.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is sre.ANY:
        return ANY
    if op is sre.IN:
        return _class(av)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return ""
    return _relaxed_compound(op, av, groups)


def _relaxed_compound(op, av, groups: dict[int, str]) -> str | None:
    """A group, repeat, branch or group reference of the parse tree, relaxed as `_relaxed_item` relaxes one item."""
    if op is sre.SUBPATTERN:
        if group_ignores_case(av):
            return None
        body = _relaxed_sequence(av[-1], groups)
        if body is not None and av[0] is not None:
            groups[av[0]] = body
        return None if body is None else f"(?:{body})"
    if op in REPEATS:
        low, high, body = av
        inner = _relaxed_sequence(body, groups)
        if inner is None:
            return None
        if low == high and low <= EXACT_REPEAT:
            return f"(?:{inner}){{{low}}}"
        return f"(?:{inner}){{{min(low, EXACT_REPEAT)},}}"
    if op is sre.BRANCH:
        branches = [_relaxed_sequence(b, groups) for b in av[1]]
        return None if any(b is None for b in branches) else "(?:" + "|".join(branches) + ")"
    if op is getattr(sre, "ATOMIC_GROUP", None):
        body = _relaxed_sequence(av, groups)
        return None if body is None else f"(?:{body})"
    if op is sre.GROUPREF:
        return f"(?:{groups[av]})" if av in groups else ANY + "*"
    if op is sre.GROUPREF_EXISTS:
        _group, yes, no = av
        branches = [_relaxed_sequence(yes, groups), "" if no is None else _relaxed_sequence(no, groups)]
        return None if any(b is None for b in branches) else "(?:" + "|".join(branches) + ")"
    return None


# Python's `\d` on str is Unicode category Nd; its `\w` is str.isalnum or `_`; its `\s` is str.isspace (`_space`).
_CATEGORIES = {"CATEGORY_DIGIT": r"\p{Nd}", "CATEGORY_WORD": r"\p{L}\p{N}_"}


@lru_cache(maxsize=1)
def _space() -> str:
    return "".join(_char(c) for c in range(0x3001) if chr(c).isspace())


def _char(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _class(items) -> str:
    """A character class; one that cannot be written exactly (a negated category) widens to any character."""
    negated = bool(items) and items[0][0] is sre.NEGATE
    body = []
    for op, av in items[1:] if negated else items:
        if op is sre.LITERAL:
            body.append(_char(av))
        elif op is sre.RANGE:
            body.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is sre.CATEGORY and not negated and str(av) == "CATEGORY_SPACE":
            body.append(_space())
        elif op is sre.CATEGORY and not negated and str(av) in _CATEGORIES:
            body.append(_CATEGORIES[str(av)])
        else:
            return ANY
    if not body:
        return ANY
    return f"[{'^' if negated else ''}{''.join(body)}]"


class DocumentScan:
    """What one document holds of the gates of a rule set: the google-re2 Set's one pass, made on first use,
    or the `needs` characters looked for one by one. The first question decides every rule of the set at
    once; the others are a dict lookup."""

    def __init__(self, text: str, rules: Iterable):
        self.text = text
        self.rules = tuple(rules)
        self.gates: SetGates | None = None
        self.matched: frozenset[int] | None = None
        self.scanned = False
        self.has_char: dict[str, bool] = {}
        self.decided: dict[int, bool] | None = None

    def may_run(self, rule) -> bool:
        decided = self.decided
        if decided is None:
            decided = self.decided = self._decide()
        found = decided.get(id(rule))
        if found is None:  # a rule not of this set
            return DocumentScan(self.text, (rule,)).may_run(rule)
        return found

    def _decide(self) -> dict[int, bool]:
        plan = gate_plan(self.rules)
        if not any(gates for _, gates in plan):
            return {key: True for key, _ in plan}
        self.scan()
        if self.gates is not None and self.matched is not None:
            matched, indices = self.matched, self.gates.indices
            return {key: matched.issuperset(indices[key]) for key, _ in plan}
        return {key: self._holds_one_of(gates.needs) if gates.needs else True for key, gates in plan}

    def _holds_one_of(self, needs: str) -> bool:
        for ch in needs:
            found = self.has_char.get(ch)
            if found is None:
                found = self.has_char[ch] = ch in self.text
            if found:
                return True
        return False

    def scan(self) -> None:
        """Make the one pass (once; without google-re2, nothing to do)."""
        global _read_before_set
        if self.scanned or re2_module() is None or len(self.text) < SET_MIN_CHARS:
            self.scanned = True
            return
        self.scanned = True
        rules = self.rules
        if _read_before_set < SET_AFTER_CHARS and tuple(map(id, rules)) not in _set_gates:
            _read_before_set += len(self.text)
            return
        self.gates = set_gates(rules)
        if self.gates.scanner is None:
            return
        try:
            found = self.gates.scanner.Match(self.text)
        except UnicodeEncodeError:
            return
        if found and 0 in found:
            self.matched = frozenset(found)


@dataclass
class SetGates:
    """The google-re2 Set over every gate of a rule set (index 0: one that always matches, so a scan that
    failed is told from one that found nothing), and the indices of each rule's gates, by id(rule)."""

    rules: tuple
    scanner: Any
    indices: dict[int, tuple[int, ...]]


_set_gates: dict[tuple[int, ...], SetGates] = {}
_plans: dict[tuple[int, ...], tuple[tuple, list[tuple[int, RuleGates]]]] = {}


def gate_plan(rules: tuple) -> list[tuple[int, RuleGates]]:
    """(id(rule), its gates) for each rule of a rule set, worked out once per set rather than per document."""
    key = tuple(map(id, rules))
    known = _plans.get(key)
    if known is not None:  # the entry holds the rules, so their ids name them
        return known[1]
    if len(_plans) >= 64:
        _plans.clear()
    plan = [(id(rule), rule_gates(rule)) for rule in rules]
    _plans[key] = (rules, plan)
    return plan


def prepare(rules: Iterable) -> None:
    """Build the gates of the rule set `lint_document` will be given, and their Set, before a pool of
    workers forks, so that the workers share them rather than each building its own."""
    if re2_module() is not None:
        set_gates(tuple(rules))


def set_gates(rules: tuple) -> SetGates:
    key = tuple(map(id, rules))
    known = _set_gates.get(key)
    if known is not None:
        return known
    expressions: dict[str, int] = {ALWAYS: 0}
    indices = {}
    for rule in rules:
        gates = rule_gates(rule)
        indices[id(rule)] = tuple(expressions.setdefault(e, len(expressions)) for e in _gate_expressions(gates))
    re2 = re2_module()
    options = re2.Options()
    options.max_mem = SET_MEMORY
    options.never_capture = True
    scanner = re2.Set.SearchSet(options)
    try:
        for expression in expressions:
            scanner.Add(expression)
        scanner.Compile()
    except Exception:  # noqa: BLE001 - google-re2's own error: the rules are then gated by `needs` alone
        scanner = None
    if len(_set_gates) >= 64:
        _set_gates.clear()
    found = _set_gates[key] = SetGates(rules, scanner, indices)
    return found


def _gate_expressions(gates: RuleGates) -> tuple[str, ...]:
    needs = (_needs_expression(gates.needs),) if gates.needs else ()
    return needs + ((gates.candidate,) if gates.candidate else ())


@lru_cache(maxsize=None)
def _needs_expression(needs: str) -> str:
    return "[" + "".join(_char(ord(ch)) for ch in sorted(set(needs))) + "]"
