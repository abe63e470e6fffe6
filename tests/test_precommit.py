"""The real pre-commit runs our hooks (try-repo) on a repository with a dirty and a clean article."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PROJECT_FILES = ["linter", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]
DIRTY = "他说：“今天开会。\n\n会议讨论了培训培训计划。\n"
CLEAN = "他说：“今天开会。”\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=wenlint", "-c", "user.email=wenlint@example.invalid", *args],
                   cwd=cwd, check=True, capture_output=True)


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
    git(hooks, "init", "-q")
    git(hooks, "add", "-A")
    git(hooks, "commit", "-q", "-m", "wenlint")
    articles = base / "articles"
    articles.mkdir()
    (articles / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (articles / "clean.txt").write_text(CLEAN, encoding="utf-8")
    git(articles, "init", "-q")
    git(articles, "add", "-A")
    git(articles, "commit", "-q", "-m", "articles")
    return hooks, articles, base / "pre-commit-home"


def try_repo(repos, hook: str, *args: str) -> subprocess.CompletedProcess:
    hooks, articles, home = repos
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--verbose", *args],
        cwd=articles, capture_output=True, text=True, env=env, timeout=900,
    )


def test_per_file_hook_fails_on_the_dirty_article(repos):
    proc = try_repo(repos, "wenlint", "--files", "dirty.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "dirty.txt:1:4: error [quotes.unclosed]" in proc.stdout
    assert "Failed" in proc.stdout


def test_per_file_hook_passes_on_the_clean_article(repos):
    proc = try_repo(repos, "wenlint", "--files", "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_set_hook_checks_the_whole_folder(repos):
    hooks, articles, _ = repos
    failing = try_repo(repos, "wenlint-set", "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "dirty.txt:3:6: warning [duplication.word]" in failing.stdout
    (articles / "wenlint.yaml").write_text("documents: [clean.txt]\n", encoding="utf-8")
    git(articles, "add", "-A")
    git(articles, "commit", "-q", "-m", "only the clean article is in the set")
    passing = try_repo(repos, "wenlint-set", "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
