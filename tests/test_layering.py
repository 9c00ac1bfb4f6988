"""The import structure of ``resdiff.archive``: layered, with ``Archive`` (``store``) on top.

Every module of the package is read with ``ast`` (nothing is imported), and
its ``import`` statements are sorted into three kinds: run when the module is
loaded, run only by a type checker (under ``if TYPE_CHECKING:``), and run
inside a function. An import inside a function must not hide a cycle: the
only ones allowed are listed in ``LAZY`` with the reason they wait, and every
import that runs, in a function or not, is an edge of the graph that must have
no cycle.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import resdiff.archive

PACKAGE = "resdiff.archive"
FOLDER = Path(resdiff.archive.__file__).parent

# (importing module, imported module) -> why the import waits until a function runs.
LAZY = {
    ("resdiff.archive.predecessor", "resdiff.archive.reader"): (
        "the reader loads GitPython, needed only when the index is out of date"
    ),
}
# The modules above ``Archive``: they use it, nothing under it does.
ABOVE_STORE = {"resdiff.archive.keep"}


@dataclass(frozen=True)
class Import:
    """One imported resdiff module, and where the import statement is."""

    module: str
    target: str
    kind: str  # "runtime", "typing" or "function"
    line: int


def module_name(path: Path) -> str:
    """``resdiff.archive.store`` for ``.../resdiff/archive/store.py``."""
    return PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"


def is_type_checking(test: ast.expr) -> bool:
    """True for ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def targets(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The resdiff modules an import statement loads (``from pkg import submodule``
    counts as the submodule)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "resdiff"]
    base = node.module or ""
    if node.level or base.split(".")[0] != "resdiff":
        return []
    found = []
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        found.append(submodule if submodule in MODULES or _is_module(submodule) else base)
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    root = FOLDER.parent.parent
    return (root / relative).with_suffix(".py").is_file() or (root / relative).is_dir()


def imports_of(path: Path) -> list[Import]:
    """Every resdiff import of the module at ``path``, with its kind."""
    module = module_name(path)
    found: list[Import] = []

    def visit(node: ast.AST, kind: str) -> None:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.extend(Import(module, t, kind, node.lineno) for t in targets(node))
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            kind = "function"
        if isinstance(node, ast.If) and kind == "runtime" and is_type_checking(node.test):
            for child in node.body:
                visit(child, "typing")
            for child in node.orelse:
                visit(child, kind)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, kind)

    visit(ast.parse(path.read_text("utf-8"), str(path)), "runtime")
    return found


MODULES = {module_name(p) for p in FOLDER.glob("*.py")}
IMPORTS = [i for path in sorted(FOLDER.glob("*.py")) for i in imports_of(path)]


def graph(imports: list[Import]) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (edges to itself left out)."""
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for item in imports:
        if item.target in MODULES and item.target != item.module:
            edges[item.module].add(item.target)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (its modules, the first repeated at the end), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for after in sorted(edges[node]):
            if state.get(after) == "open":
                return [*path[path.index(after) :], after]
            if after not in state:
                cycle = walk(after)
                if cycle:
                    return cycle
        state[node] = "done"
        path.pop()
        return None

    for start in sorted(edges):
        if start not in state:
            cycle = walk(start)
            if cycle:
                return cycle
    return None


def runtime_graph() -> dict[str, set[str]]:
    """The imports that run: when the modules are loaded, and inside functions."""
    return graph([i for i in IMPORTS if i.kind != "typing"])


def test_the_reader_finds_the_imports_of_every_kind():
    kinds = {(i.module, i.target): i.kind for i in IMPORTS}
    assert kinds[("resdiff.archive.store", "resdiff.archive.git")] == "runtime"
    assert "typing" in {i.kind for i in IMPORTS}
    assert len(MODULES) >= 20


def test_no_function_imports_a_resdiff_module_except_the_listed_lazy_ones():
    hidden = [
        f"{i.module.removeprefix('resdiff.')} line {i.line} imports {i.target}"
        for i in IMPORTS
        if i.kind == "function" and (i.module, i.target) not in LAZY
    ]
    assert hidden == []


def test_every_listed_lazy_import_is_still_there():
    present = {(i.module, i.target) for i in IMPORTS if i.kind == "function"}
    assert set(LAZY) <= present


def test_the_modules_of_the_archive_import_each_other_without_a_cycle():
    assert find_cycle(runtime_graph()) is None


def test_only_the_modules_above_archive_import_the_store():
    users = {m for m, after in runtime_graph().items() if "resdiff.archive.store" in after}
    assert users <= ABOVE_STORE


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
    ],
)
def test_find_cycle(edges, expected):
    assert find_cycle(edges) == expected
