"""The README's rule catalogue is generated from the rule files and must agree with them."""

from linter.catalogue import readme_with_catalogue

from conftest import ROOT


def test_rule_catalogue_matches_rule_files(default_rules):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == readme_with_catalogue(readme, default_rules), "run: python -m linter.catalogue"


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'python -m pip install . && wenlint check seeds/' in readme
    assert 'python -m pip install ".[test]" && pytest' in readme
