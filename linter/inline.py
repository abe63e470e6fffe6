"""Inline disable comments in Markdown documents, as markdownlint writes them.

    <!-- wenlint-disable-next-line duplication.word -->   the line after the comment
    <!-- wenlint-disable layout, numbers -->              from here ...
    <!-- wenlint-enable layout -->                         ... to here (no names: every rule)

Names are rule ids or categories, separated by spaces or commas; none means every
rule. A comment is invisible in rendered Markdown, so only `.md` files honour them:
in a plain-text article a comment would become part of the text, and the
suppressions file does that job. Each comment stands on its own line: the rules
read a comment as text, and one that ends a line of prose would end it without
a full stop (markdownlint's `disable-line` is left out for that reason).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

from .document import Document
from .findings import Finding
from .loading import read_again

MARKDOWN_SUFFIXES = (".md", ".markdown")
_COMMENT = re.compile(r"<!--\s*wenlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")
EVERY_RULE = frozenset({"*"})


def disabled_lines(text: str) -> Callable[[int, str, str], bool]:
    """A test `(line, rule, category) -> silenced` built from the disable comments of `text`.

    A rule's state on a line is set by the last `disable` or `enable` comment above it that covers the
    rule (by its id, its category, or no names at all), as in markdownlint: `disable` then `enable
    layout.broken-paragraph` silences every rule but that one, `disable layout` then `enable` none.
    """
    document = Document(text)
    single: dict[int, set[str]] = {}
    switches: list[tuple[int, bool, frozenset[str]]] = []  # line, silenced from it on, names
    for match in _COMMENT.finditer(text):
        action = match.group(1)
        names = frozenset(n for n in re.split(r"[\s,]+", match.group(2)) if n) or EVERY_RULE
        if action == "disable-next-line":
            single.setdefault(document.position(match.end())[0] + 1, set()).update(names)
        else:
            switches.append((document.position(match.start())[0], action == "disable", names))
    switch_lines = [line for line, _, _ in switches]

    def covers(names, rule: str, category: str) -> bool:
        return "*" in names or rule in names or category in names

    def silenced(line: int, rule: str, category: str) -> bool:
        if covers(single.get(line, ()), rule, category):
            return True
        for i in range(bisect_right(switch_lines, line) - 1, -1, -1):
            _, disables, names = switches[i]
            if covers(names, rule, category):
                return disables
        return False

    return silenced


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def inline_filter(encoding: str, texts: dict[str, str] | None = None) -> Callable[[list[Finding]], list[Finding]]:
    """Drop the findings a Markdown file's disable comments silence. The file is read again, as the run
    read it, only when it has findings (`texts` holds documents that cannot be read again, such as stdin)."""
    known = dict(texts or {})
    tests: dict[str, Callable[[int, str, str], bool] | None] = {}

    def test_for(path: str):
        if path not in tests:
            text = known.get(path)
            if text is None:
                document = read_again(path, encoding)
                text = document.text if document is not None else ""
            tests[path] = disabled_lines(text) if "wenlint-" in text else None
        return tests[path]

    def kept(findings: list[Finding]) -> list[Finding]:
        result = []
        for f in findings:
            silenced = test_for(f.path) if is_markdown(f.path) else None
            if silenced is None or not silenced(f.line, f.rule, f.category):
                result.append(f)
        return result

    return kept
