"""`--format github`: GitHub Actions workflow commands, shown as annotations on the changed files.

    ::error file=a.txt,line=3,col=5,endLine=3,endColumn=9,title=quotes.unclosed::message

Severities map to `error`, `warning` and `notice`. Values are escaped as the
runner expects: `%`, CR and LF in the message; also `:` and `,` in properties.
`--max-results N` keeps the run to N annotations (see `cut`).
"""

from __future__ import annotations

from typing import Iterator

from . import ReportOptions, cut as cutting, each_finding

NAME = "github"
MAX_RESULTS = None  # none of its own; --max-results N
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """One workflow command per finding, then one per unreadable file, as they come."""
    for f in cutting.apply(each_finding(result), cutting.of_report(result, options, MAX_RESULTS)):
        position = {"line": f.line, "col": f.column, "endLine": f.end_line, "endColumn": f.end_column}
        message = f.message + "".join(f"\n(see {r.short()}{' ' + r.message if r.message else ''})" for r in f.related)
        yield command(COMMANDS[f.severity], message, file=f.path, **position, title=f"wenlint {f.rule}")
    for e in result.errors:
        yield command("error", e.detail, file=e.path, title="wenlint: file not checked")
