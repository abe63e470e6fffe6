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
import re
from json.encoder import encode_basestring
from typing import Iterator
from urllib.parse import quote

from .. import __version__
from ..findings import columns_of
from . import ReportOptions, cut as cutting, indented_json, json_array_lines
from ..rules import example_text

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


def rule_descriptor(rule) -> dict:
    help_text = rule.description
    first = example_text(rule.examples_bad[0]) if rule.examples_bad else None
    if isinstance(first, str):
        help_text += f"\n\n例（会报告）：{first}"
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
    return _result_dict(_shape(f, rule_index), _result_values(f, rule_index))


def _shape(f, rule_index: dict[str, int]) -> tuple:
    """Which optional parts a result has: rule index, snippet, related locations (whether each has a message), fix."""
    return f.rule in rule_index, bool(f.text), tuple(bool(r[5]) for r in f.related), f.fix is not None


def _result_values(f, rule_index: dict[str, int]) -> list:
    """A result's values in the order `_result_dict` places them (its shape's parts only)."""
    values = [f.rule, LEVELS[f.severity], f.message, artifact_uri(f.path), *_region_values(f.line, f.column, f.end_line, f.end_column)]
    if f.text:
        values.append(f.text)
    values.append(f.fingerprint)
    if f.rule in rule_index:
        values.append(rule_index[f.rule])
    values += _related_values(f.related)
    fix = f.fix
    if fix is not None:
        values += [f"替换为“{fix.replacement}”" if fix.replacement else "删除", artifact_uri(f.path),
                   *_region_values(fix.line, fix.column, fix.end_line, fix.end_column), fix.replacement, fix.safe]
    return values


def _related_values(related) -> list:
    values: list = []
    for path, line, column, end_line, end_column, message in related:
        values += [artifact_uri(path), *_region_values(line, column, end_line, end_column)]
        if message:
            values.append(message)
    return values


def _region_values(line: int, column: int, end_line: int, end_column: int) -> tuple[int, int, int, int]:
    """A SARIF region's numbers; an end before the start (unknown to a set-level check) collapses to the start."""
    line, column = max(line, 1), max(column, 1)
    if (end_line, end_column) < (line, column):
        end_line, end_column = line, column
    return line, column, end_line, end_column


def _result_dict(shape: tuple, values: list) -> dict:
    """A SARIF result of this shape from its values (placed, not computed: `_Templates` fills it with markers)."""
    has_index, has_snippet, has_related, has_fix = shape
    take = iter(values).__next__
    data: dict = {"ruleId": take(), "level": take(), "message": {"text": take()}}
    where = {"artifactLocation": {"uri": take()}, "region": {"startLine": take(), "startColumn": take(), "endLine": take(), "endColumn": take()}}
    if has_snippet:
        where["region"]["snippet"] = {"text": take()}
    data["locations"] = [{"physicalLocation": where}]
    data["partialFingerprints"] = {FINGERPRINT_KEY: take()}
    if has_index:
        data["ruleIndex"] = take()
    if has_related:
        data["relatedLocations"] = [
            {"id": i, "physicalLocation": {"artifactLocation": {"uri": take()}, "region": {
                "startLine": take(), "startColumn": take(), "endLine": take(), "endColumn": take()}},
             **({"message": {"text": take()}} if with_message else {})}
            for i, with_message in enumerate(has_related, 1)]
    if has_fix:
        description, uri = take(), take()
        deleted = {"startLine": take(), "startColumn": take(), "endLine": take(), "endColumn": take()}
        data["fixes"] = [{
            "description": {"text": description},
            "artifactChanges": [{"artifactLocation": {"uri": uri},
                                 "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": take()}}]}],
        }]
        data["properties"] = {"fixSafe": take()}
    return data


class _Templates(dict):
    """shape -> a result of that shape as `indented_json` writes it in the log, with `%s` for each value
    (made once: the results of a run come in a few shapes, and each is then one `%` per result)."""

    def __missing__(self, shape: tuple) -> str:
        markers = [f"@@{i}@@" for i in range(32 + 6 * len(shape[2]))]
        text = _INDENT + indented_json(_result_dict(shape, markers), RESULTS_LEVEL)
        template = re.sub(r'"@@\d+@@"', "%s", text.replace("%", "%%"))
        self[shape] = template
        return template


_templates = _Templates()
_JSON_BOOL = {True: "true", False: "false"}


def result_texts(findings, rule_index: dict[str, int]) -> Iterator[str]:
    """Each result of one file's findings as the log writes it: its values encoded and put in its shape's template."""
    if not findings:
        return
    (rules, severities, messages, paths, lines, columns, end_lines, end_columns, _, _, _, texts,
     fixes, related, fingerprints, *_) = columns_of(findings)
    encode = encode_basestring
    for i, (rule, severity, message, path, line, column, end_line, end_column, text, fix, fingerprint) in enumerate(zip(
            rules, severities, messages, paths, lines, columns, end_lines, end_columns, texts, fixes, fingerprints)):
        uri = encode(artifact_uri(path))
        if line < 1 or column < 1 or (end_line, end_column) < (line, column):
            line, column, end_line, end_column = _region_values(line, column, end_line, end_column)
        values = [encode(rule), _LEVEL_TEXT[severity], encode(message), uri, line, column, end_line, end_column]
        if text:
            values.append(encode(text))
        values.append(encode(fingerprint))
        index = rule_index.get(rule)
        if index is not None:
            values.append(index)
        places = related[i]
        if places:
            values += [value if type(value) is int else encode(value) for value in _related_values(places)]
        if fix is not None:
            replacement = fix[2]
            values += [encode(f"替换为“{replacement}”" if replacement else "删除"), uri,
                       *_region_values(*fix[4:8]), encode(replacement), _JSON_BOOL[fix[3]]]
        yield _templates[index is not None, bool(text), tuple(bool(r[5]) for r in places), fix is not None] % tuple(values)


_LEVEL_TEXT = {severity: encode_basestring(level) for severity, level in LEVELS.items()}


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
    chunks = (",\n".join(result_texts(findings, rule_index)) for findings in cutting.by_file(result, cut))
    elements = (chunk for chunk in chunks if chunk)
    results.clear()
    yield from json_array_lines(elements, head.removesuffix("\n" + _INDENT), tail.removeprefix("\n"), indented_json(log))
