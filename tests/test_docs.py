"""The CI examples in docs/ci.md and the pre-commit hook file stay valid YAML with the keys CI needs."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", DOC, re.S)]


def test_every_yaml_block_parses():
    assert len(BLOCKS) >= 3 and all(isinstance(b, dict) for b in BLOCKS)


def test_install_commands_name_a_source_that_exists():
    """wenlint is not on PyPI: every install is from a VCS URL or a built wheel."""
    installs = re.findall(r"pip install (.+)", DOC)
    assert installs
    assert all("git+" in line or line.strip().endswith(".whl") for line in installs), installs


def test_github_workflow_uploads_sarif():
    workflow = next(b for b in BLOCKS if "jobs" in b)
    steps = workflow["jobs"]["wenlint"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    produce = next(s for s in steps if "--format sarif" in s.get("run", ""))
    assert upload["with"]["sarif_file"] in produce["run"]
    assert workflow["permissions"]["security-events"] == "write"


def test_gitlab_job_publishes_code_quality_and_junit():
    job = next(b for b in BLOCKS if "wenlint" in b and "script" in b["wenlint"])["wenlint"]
    reports = job["artifacts"]["reports"]
    script = " ".join(job["script"])
    assert f"--format gitlab --output {reports['codequality']}" in script
    assert f"--format junit --output {reports['junit']}" in script


def test_pre_commit_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"wenlint", "wenlint-set"}
    assert hooks["wenlint-set"]["pass_filenames"] is False
    assert hooks["wenlint"].get("pass_filenames", True) is True
    assert all(h["entry"].startswith("wenlint check") and h["language"] == "python" for h in hooks.values())
