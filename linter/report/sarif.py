"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; `tool.driver.rules` lists every rule that ran, with its description,
help (the description and a bad example) and default level. Columns are
Unicode code points (`columnKind`), `partialFingerprints` carry the finding's
fingerprint (stable when lines shift), related places become
`relatedLocations`, and a fix becomes a SARIF `fixes` entry.

A run holds at most `MAX_RESULTS` results (GitHub's limit per run; see
`cut`), or `--max-results`; a cut run says so in its `properties.wenlint`.
"""

from __future__ import annotations

import functools
import os
from typing import Iterator
from urllib.parse import quote

from .. import __version__
from . import ReportOptions, cut as cutting, each_finding, indented_json, json_array_lines

NAME = "sarif"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "wenlint/v1"
MAX_RESULTS = 25_000
RESULTS_LEVEL = 4  # log > runs > run > results > a result
_PLACEHOLDER = "\x00wenlint results\x00"
_INDENT = " " * (2 * RESULTS_LEVEL)  # where a result starts its line


@functools.lru_cache(maxsize=256)
def artifact_uri(path: str) -> str:
    """A relative URI reference for a relative path; a file: URI for an absolute one (remembered: asked per result).
    A file name's undecodable bytes (surrogate escapes) are percent-encoded as the bytes they were."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(_path_bytes(posix if posix.startswith("/") else "/" + posix))
    return quote(_path_bytes(posix))


def _path_bytes(path: str) -> bytes:
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no decoding made
        return path.encode("utf-8", "surrogatepass")


def region(line: int, column: int, end_line: int, end_column: int) -> dict:
    """A SARIF region; an end before the start (unknown to a set-level check) collapses to the start."""
    line, column = max(line, 1), max(column, 1)
    if (end_line, end_column) < (line, column):
        end_line, end_column = line, column
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def physical_location(path: str, where: dict) -> dict:
    return {"artifactLocation": {"uri": artifact_uri(path)}, "region": where}


def rule_descriptor(rule) -> dict:
    help_text = rule.description
    if rule.examples_bad and isinstance(rule.examples_bad[0], str):
        help_text += f"\n\n例（会报告）：{rule.examples_bad[0]}"
    return {
        "id": rule.id,
        "name": rule.id.split(".", 1)[1].replace("-", " ").title().replace(" ", ""),
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": rule.description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"category": rule.category, "kind": rule.kind, "tags": [rule.category]},
    }


def result_object(f, rule_index: dict[str, int]) -> dict:
    data = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical_location(f.path, region(f.line, f.column, f.end_line, f.end_column))}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if f.rule in rule_index:
        data["ruleIndex"] = rule_index[f.rule]
    if f.text:
        data["locations"][0]["physicalLocation"]["region"]["snippet"] = {"text": f.text}
    if f.related:
        data["relatedLocations"] = [
            {"id": i, "physicalLocation": physical_location(r.path, region(r.line, r.column, r.end_line, r.end_column)),
             **({"message": {"text": r.message}} if r.message else {})}
            for i, r in enumerate(f.related, 1)
        ]
    fix = f.fix
    if fix is not None:
        data["fixes"] = [{
            "description": {"text": f"替换为“{fix.replacement}”" if fix.replacement else "删除"},
            "artifactChanges": [{
                "artifactLocation": {"uri": artifact_uri(f.path)},
                "replacements": [{
                    "deletedRegion": region(fix.line, fix.column, fix.end_line, fix.end_column),
                    "insertedContent": {"text": fix.replacement},
                }],
            }],
        }]
        data["properties"] = {"fixSafe": fix.safe}
    return data


def render_lines(result, options: ReportOptions) -> Iterator[str]:
    """The same text as `json.dumps(log, indent=2)`, one result at a time: the log around the
    results is rendered with a placeholder in their place, and the results stream in there."""
    rules = sorted(result.rules, key=lambda r: r.id)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    invocation = {
        "executionSuccessful": not result.errors,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": e.detail},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}]}
            for e in result.errors
        ],
    }
    results: list = [_PLACEHOLDER]
    cut = cutting.of_report(result, options, MAX_RESULTS)
    run = {
        "tool": {"driver": {"name": "wenlint", "version": __version__, "semanticVersion": __version__,
                            "rules": [rule_descriptor(r) for r in rules]}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if cut is not None:
        run["properties"] = {"wenlint": cut.properties()}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    head, _, tail = indented_json(log).rpartition(indented_json(_PLACEHOLDER))
    elements = (_INDENT + indented_json(result_object(f, rule_index), RESULTS_LEVEL) for f in cutting.apply(each_finding(result), cut))
    results.clear()
    yield from json_array_lines(elements, head.removesuffix("\n" + _INDENT), tail.removeprefix("\n"), indented_json(log))
