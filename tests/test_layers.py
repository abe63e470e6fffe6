"""The architecture of linter/: layers, each importing only from itself and those below, and no import circle.

The layers are listed here, lowest first, and nowhere else: the test that
enforces them is where a newcomer who adds a module is sent, and the package
itself needs no table it never reads at run time. Each entry is a module name or
a pattern (`linter.checks.*`: every check kind lands in its layer by where it
lives). Every import counts: at the top of a module, inside a function, under
`if TYPE_CHECKING:`. Plug-ins a package finds by name at run time (check kinds
by `KIND`, report formats by `NAME`) are not imports of that package.
"""

from __future__ import annotations

import ast
import fnmatch
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linter"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model: what a run is about", ("linter", "linter.errors", "linter.document", "linter.rule", "linter.findings")),
    ("store: files wenlint keeps", ("linter.store", "linter.snapshots")),
    ("text analysis and regex helpers", (
        "linter.parsed", "linter.regexes", "linter.saferegex", "linter.blocks", "linter.words", "linter.lexicon",
        "linter.quantities", "linter.figures", "linter.figures.*", "linter.urls", "linter.loading", "linter.globs",
        "linter.options",
    )),
    ("check kinds", ("linter.checks", "linter.checks.*")),
    ("rule sets: rule files into Rules", ("linter.rules", "linter.verified_rules")),
    ("engine: lint documents, keep and stream results, run over files, fix, cache", (
        "linter.results", "linter.stream", "linter.prefilter", "linter.engine", "linter.fix", "linter.cache", "linter.runner",
        "linter.cluster", "linter.examples",
    )),
    ("project settings", ("linter.config", "linter.filters", "linter.baseline", "linter.suppressions", "linter.inline")),
    ("reports", ("linter.report", "linter.report.*", "linter.catalogue")),
    ("app and command line", ("linter.progress", "linter.stdin", "linter.app", "linter.cli", "linter.__main__")),
)

def module_files() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The linter modules `name` imports anywhere in its code (`from . import x` resolved to the module x)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source)
    return {module for module in found if module in modules and module != name}


def layer_of(module: str) -> int | None:
    for index, (_, members) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, pattern) for pattern in members):
            return index
    return None


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imports(name, path, modules) for name, path in modules.items()}


def test_every_module_has_a_layer(graph):
    missing = sorted(module for module in graph if layer_of(module) is None)
    assert not missing, f"give these modules a layer in LAYERS of {Path(__file__).name}: {', '.join(missing)}"


def test_every_listed_module_exists(graph):
    for _, members in LAYERS:
        for pattern in members:
            assert any(fnmatch.fnmatchcase(module, pattern) for module in graph), f"{pattern} is in LAYERS but not in linter/"


def test_no_module_imports_from_a_higher_layer(graph):
    upward = [
        f"{importer} ({LAYERS[layer_of(importer)][0]}) imports {imported} ({LAYERS[layer_of(imported)][0]})"
        for importer, targets in sorted(graph.items()) for imported in sorted(targets)
        if layer_of(imported) > layer_of(importer)
    ]
    assert not upward, "imports from a higher layer:\n" + "\n".join(upward)


def test_no_import_circle(graph):
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                circle = path[path.index(imported):] + [imported]
                pytest.fail("import circle: " + " -> ".join(circle))
            if imported not in state:
                visit(imported)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_the_walk_sees_imports_inside_functions_and_relative_ones(graph):
    assert "linter.fix" in graph["linter.runner"]  # imported inside run()
    assert "linter.checks" in graph["linter.rules"]  # `from . import checks`
