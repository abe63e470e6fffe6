"""The real pre-commit runs our hooks: the README's snippet copied verbatim, and try-repo.

The two hooks split the work: `wenlint` runs the per-document rules on the files
it is given, `wenlint-set` the document-set rules over the whole set, so every
defect is reported once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PROJECT_FILES = ["linter", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]
DIRTY = "他说：“今天开会。\n\n会议讨论了培训培训计划。\n"
CLEAN = "他说：“今天开会。”\n"
# One counted thing of one body with two values in two documents: a set-level finding in each.
FIGURE_A = "平安县人民检察院设立“检察护航”工作站。目前，我院5个工作站均已挂牌运行。\n"
FIGURE_B = "平安县检察院持续深化基层治理，4个工作站全部配备专职人员。\n"
PLACEHOLDER_URL = "https://example.org/your-mirror/wenlint"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=wenlint", "-c", "user.email=wenlint@example.invalid", *args],
                   cwd=cwd, check=True, capture_output=True)


def commit_all(cwd: Path, message: str) -> None:
    git(cwd, "add", "-A")
    git(cwd, "commit", "-q", "-m", message)


@pytest.fixture(scope="module")
def repos(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    hooks = base / "wenlint"
    hooks.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, hooks / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, hooks / name)
    git(hooks, "init", "-q", "-b", "main")
    commit_all(hooks, "wenlint")
    articles = base / "articles"
    articles.mkdir()
    (articles / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (articles / "clean.txt").write_text(CLEAN, encoding="utf-8")
    git(articles, "init", "-q")
    commit_all(articles, "articles")
    return hooks, articles, base / "pre-commit-home"


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)


def try_repo(repos, hook: str, *args: str) -> subprocess.CompletedProcess:
    hooks, articles, home = repos
    return pre_commit(articles, home, "try-repo", str(hooks), hook, "--verbose", *args)


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## pre-commit and CI"):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_the_readme_snippet_works_copied_verbatim(repos, tmp_path):
    """Only the repository URL changes (to this checkout); `pre-commit autoupdate` pins the rev, as the README says."""
    hooks, _, home = repos
    snippet = readme_snippet()
    assert snippet.count(PLACEHOLDER_URL) == 1
    project = tmp_path / "project"
    project.mkdir()
    (project / ".pre-commit-config.yaml").write_text(snippet.replace(PLACEHOLDER_URL, hooks.as_uri()), encoding="utf-8")
    for name, text in {"dirty.txt": DIRTY, "a.txt": FIGURE_A, "b.txt": FIGURE_B, "clean.txt": CLEAN}.items():
        (project / name).write_text(text, encoding="utf-8")
    git(project, "init", "-q")
    commit_all(project, "articles")

    validated = pre_commit(project, home, "validate-config", ".pre-commit-config.yaml")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    updated = pre_commit(project, home, "autoupdate")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True).stdout.strip()
    assert f"rev: {head}" in (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")

    proc = pre_commit(project, home, "run", "--all-files")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert re.search(r"wenlint \(changed articles\)\.+Failed", out) and re.search(r"wenlint \(document set\)\.+Failed", out), out
    for finding in ("dirty.txt:1:4: error [quotes.unclosed]", "dirty.txt:3:6: warning [duplication.word]",
                    "a.txt:1:26: warning [consistency.entity-figures]", "b.txt:1:16: warning [consistency.entity-figures]"):
        assert out.count(finding) == 1, (finding, out)
    assert len(re.findall(r"^\S+:\d+:\d+: (?:error|warning|info) \[", out, re.M)) == 4, out


def test_per_file_hook_fails_on_the_dirty_article(repos):
    proc = try_repo(repos, "wenlint", "--files", "dirty.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "dirty.txt:1:4: error [quotes.unclosed]" in proc.stdout
    assert "Failed" in proc.stdout


def test_per_file_hook_passes_on_the_clean_article(repos):
    proc = try_repo(repos, "wenlint", "--files", "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_set_hook_checks_the_configured_set_with_set_rules_only(repos):
    _, articles, _ = repos
    (articles / "a.txt").write_text(FIGURE_A, encoding="utf-8")
    (articles / "b.txt").write_text(FIGURE_B, encoding="utf-8")
    commit_all(articles, "two articles that disagree on a figure")
    failing = try_repo(repos, "wenlint-set", "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "a.txt:1:26: warning [consistency.entity-figures]" in failing.stdout
    assert "[duplication.word]" not in failing.stdout and "[quotes.unclosed]" not in failing.stdout
    (articles / "wenlint.yaml").write_text("documents: [clean.txt, dirty.txt, a.txt]\n", encoding="utf-8")
    commit_all(articles, "b.txt is not in the set")
    passing = try_repo(repos, "wenlint-set", "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
