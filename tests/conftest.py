from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from linter import snapshots
from linter.engine import lint_text, lint_texts
from linter.rules import default_rules_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The tests neither read nor fill the per-user folder (verified rule sets) of whoever runs them.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="wenlint-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)


@pytest.fixture(scope="session")
def default_rules():
    return load_rules([default_rules_dir()])


@pytest.fixture(scope="session")
def rules_by_id(default_rules):
    return {r.id: r for r in default_rules}


@pytest.fixture
def lint(default_rules):
    """lint(text, *rule_ids_or_categories) -> findings of the selected default rules."""

    def run(text: str, *names: str):
        chosen = [r for r in default_rules if not names or r.id in names or r.category in names]
        return lint_text(text, chosen)

    return run


@pytest.fixture
def user_folder(tmp_path, monkeypatch):
    """A private per-user folder (XDG_CACHE_HOME) for one test; its table snapshots' folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "wenlint" / snapshots.FOLDER


@pytest.fixture
def lint_set(default_rules):
    def run(texts: list[str], *names: str, paths=None):
        chosen = [r for r in default_rules if not names or r.id in names or r.category in names]
        return lint_texts(texts, chosen, paths)

    return run


def wenlint(*args: str, cwd=None, input_bytes=None, env=None) -> subprocess.CompletedProcess:
    """Run the installed command line as a user would (python -m linter)."""
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def triples(findings):
    return [(f.rule, f.line, f.column) for f in findings]
