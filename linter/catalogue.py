"""The rule catalogue: `wenlint rules` and the README table are generated from the rule files."""

from __future__ import annotations

import json
import re
from pathlib import Path

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def fix_label(rule) -> str:
    can_fix = getattr(rule.check, "can_fix", None)
    if can_fix is None or not can_fix(rule.config):
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
