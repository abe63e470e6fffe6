"""Path globs as in .gitignore, for configuration keys (exclude, per-path-ignores).

A glob without "/" matches a file or folder name at any depth (`drafts`,
`*.md`); a glob with "/" matches from the project root (`archive/2019/*.txt`).
`**` spans any number of folders, `*` and `?` stay inside one name, and a glob
that names a folder covers everything below it. Paths use "/" separators.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable


def glob_to_regex(glob: str) -> str:
    anchored = "/" in glob.rstrip("/")
    body = glob.strip("/")
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if body.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            close = body.find("]", i + 1)
            if close == -1:
                out.append(re.escape(ch))
            else:
                inner = body[i + 1 : close]
                out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner).replace("\\", "\\\\") + "]")
                i = close
        else:
            out.append(re.escape(ch))
        i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return f"^{prefix}{''.join(out)}(?:/.*)?$"


@lru_cache(maxsize=256)
def _compiled(globs: tuple[str, ...]) -> Callable[[str], bool]:
    if not globs:
        return lambda path: False
    pattern = re.compile("|".join(f"(?:{glob_to_regex(g)})" for g in globs))
    return lambda path: pattern.match(path[2:] if path.startswith("./") else path) is not None


def compile_globs(globs: Iterable[str]) -> Callable[[str], bool]:
    """A predicate: does a root-relative path match any of `globs`?"""
    return _compiled(tuple(globs))
