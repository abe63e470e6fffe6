"""The rule catalogue: `wenlint rules`, `wenlint rule ID` and the README table are generated from the rule files."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from .checks.api import can_fix
from .rules import example_text

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def fix_label(rule) -> str:
    if not can_fix(rule):
        return ""
    return "safe" if rule.fix_safe else "unsafe"


def render_catalogue(rules, output_format: str = "text") -> str:
    rules = sorted(rules, key=lambda r: r.id)
    if output_format == "json":
        data = [
            {"id": r.id, "category": r.category, "kind": r.kind, "severity": r.severity, "fix": fix_label(r) or None,
             "enabled": r.enabled, "description": r.description, "source": r.source}
            for r in rules
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output_format == "markdown":
        lines = ["| rule | kind | severity | fix | what it finds |", "|---|---|---|---|---|"]
        for r in rules:
            severity = r.severity + ("" if r.enabled else " (off)")
            description = r.description.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{r.id}` | {r.kind} | {severity} | {fix_label(r)} | {description} |")
        return "\n".join(lines) + "\n"
    width = max((len(r.id) for r in rules), default=10)
    kind_width = max((len(r.kind) for r in rules), default=4)
    lines = [f"{'rule':{width}}  {'kind':{kind_width}}  {'severity':8} {'fix':6} description"]
    for r in rules:
        severity = r.severity if r.enabled else "off"
        lines.append(f"{r.id:{width}}  {r.kind:{kind_width}}  {severity:8} {fix_label(r) or '-':6} {r.description}")
    return "\n".join(lines) + "\n"


FIX_SAFETY = {
    "safe": "safe: `--fix` applies it",
    "unsafe": "unsafe: an editor should look; applied with `--unsafe-fixes` only",
    "": "none",
}


def explain_rule(rule, width: int = 80) -> str:
    """`wenlint rule ID`: what one rule finds, how it is set, its examples, wrapped to `width` cells."""
    scope = "document set" if rule.set_level else "one document"
    lines = [rule.id, ""]
    lines += wrap(rule.description, width)
    lines.append("")
    for label, value in (("kind", f"{rule.kind} ({scope})"), ("severity", rule.severity + ("" if rule.enabled else ", off by default: --select turns it on")),
                         ("fix", FIX_SAFETY[fix_label(rule)]), ("message", rule.message), ("source", rule.source)):
        lines += wrap(value, width, f"{label + ':':10}")
    if rule.options:
        lines += ["", "settings:"]
        for key, value in rule.options.items():
            shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
            lines += wrap(shown, width, f"  {key}: ", "      ")
    for label, examples in (("reported", rule.examples_bad), ("not reported", rule.examples_good)):
        if examples:
            lines += ["", f"examples {label}:"]
            for example in examples:
                example = example_text(example)
                shown = example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)
                lines += wrap(shown.replace("\n", "⏎"), width, "  - ", "    ")
    return "\n".join(lines) + "\n"


_WIDE = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef"
# A wide character with the narrow marks touching it (a quote, a comma), or a run of narrow ones.
_TOKEN = re.compile(rf"[^\s{_WIDE}]*[{_WIDE}][^\s{_WIDE}]*\s*|[^\s{_WIDE}]+\s*|\s+")


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """Lines of at most `width` terminal cells: breaks at spaces, or between any two wide (CJK)
    characters, never inside a Latin word unless it alone is too long."""
    rest = " " * len(first) if rest is None else rest
    tokens = _TOKEN.findall(" ".join(str(text).split()))
    lines, line = [], first
    for token in tokens:
        room = width - cells(line.rstrip() if token.isspace() else line)
        if cells(token.rstrip()) > room and line not in (first, rest):
            lines.append(line.rstrip())
            line = rest
            token = token.lstrip()
        line += token
    lines.append(line.rstrip())
    return lines


def readme_with_catalogue(readme: str, rules) -> str:
    table = render_catalogue(rules, "markdown")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{table}{END}", readme)


def main() -> None:
    """Rewrite the README's rule table from the default rule packs: python -m linter.catalogue."""
    from .rules import default_rules_dir, load_rules

    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(readme_with_catalogue(text, load_rules([default_rules_dir()])), encoding="utf-8")


if __name__ == "__main__":
    main()
