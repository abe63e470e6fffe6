"""The README: its rule catalogue agrees with the rule files, and its examples work as printed."""

import re

from linter.catalogue import readme_with_catalogue

from conftest import ROOT, wenlint


def test_rule_catalogue_matches_rule_files(default_rules):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == readme_with_catalogue(readme, default_rules), "run: python -m linter.catalogue"


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'python -m pip install . && wenlint check seeds/' in readme
    assert 'python -m pip install ".[test]" && pytest' in readme


def readme_block(section: str, language: str = "yaml") -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"\n## {section}\n")
    end = readme.index("\n## ", start + 1)
    return re.search(rf"```{language}\n(.*?)```", readme[start:end], re.S).group(1)


def test_example_configuration_and_suppressions_work_as_printed(tmp_path):
    """The README's wenlint.yaml and wenlint-suppressions.yaml, copied verbatim into a project that
    has what they name (articles, a house-rules folder, a baseline written with --write-baseline)."""
    (tmp_path / "wenlint.yaml").write_text(readme_block("Configuration"), encoding="utf-8")
    (tmp_path / "wenlint-suppressions.yaml").write_text(readme_block("Suppressions"), encoding="utf-8")
    (tmp_path / "house-rules").mkdir()
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "2024-05-01.txt").write_text("他说：“今天开会。”\n", encoding="utf-8")
    (articles / "2024-05-02.txt").write_text("".join(f"上午第{i}场会议顺利结束。\n" for i in range(1, 12)), encoding="utf-8")
    written = wenlint("check", "--write-baseline", "wenlint-baseline.json", "--no-cache", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert wenlint("check", "--no-cache", cwd=tmp_path).returncode == 0

    with (articles / "2024-05-02.txt").open("a", encoding="utf-8") as handle:
        handle.write("他说：“今天开会。\n")  # line 12: the second entry suppresses it
    proc = wenlint("check", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == "wenlint: 1 finding not shown (1 by suppressions)\n"

    (articles / "2024-05-01.txt").write_text("他说：“今天开会。\n", encoding="utf-8")
    proc = wenlint("check", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 1  # fail-on: error, and the configuration's select keeps quotes
    assert proc.stdout.startswith("articles/2024-05-01.txt:1:4: error [quotes.unclosed]")


def test_pyproject_example_is_valid_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text(readme_block("Configuration", "toml"), encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("他说：“今天开会。\n", encoding="utf-8")
    proc = wenlint("check", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("articles/a.txt:1:4: error [quotes.unclosed]")
