"""Every report shows a kind of change with the same sign and the same colour.

The comparison of resolution 41/3 with its derived variant (fixtures/README.md
lists the edits) has a reworded, an added, a removed and a moved paragraph:
each report is read for the sign or colour it gives them, and the reports
must agree with one another.
"""

from __future__ import annotations

import ast
import re

import pytest
from conftest import DERIVED_HRC, HRC, ROOT

from resdiff import compare, parse
from resdiff.analysis.evolution import evolution
from resdiff.renderers import render
from resdiff.renderers.evolution import render_evolution


@pytest.fixture(scope="module")
def versions():
    return parse(HRC), parse(DERIVED_HRC)


def text_report_signs(text: str) -> dict[str, str]:
    """kind -> the sign that opens its heading line: '~ OP8  reworded (99%)', '- OP33 (removed)'."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"^(\S) (?:\S+ -> )?\S+(?:  (\w+)| \((removed)\)$)", line)
        if match:
            found[match.group(2) or match.group(3)] = match.group(1)
    return found


def evolution_grid_signs(text: str, labels: dict[str, str]) -> dict[str, str]:
    """kind -> the sign before (or after, for moved) the label in the second grid column."""
    cells = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            cells[parts[0]] = parts[2]
    found = {}
    for kind, label in labels.items():
        cell = cells[label]
        found[kind] = cell[-1] if kind == "moved" else cell[0]
    return found


def test_text_evolution_and_html_reports_use_the_same_signs(versions):
    old, new = versions
    comparison = compare(old, new)
    text_signs = text_report_signs(render(comparison, "text"))
    assert set(text_signs) >= {"reworded", "added", "removed"}
    # grid rows of the derived edits: OP8 reworded, OP21 added, OP33 removed, PP4 moved
    grid = render_evolution(evolution([old, new]), "text")
    labels = {"reworded": "OP8", "added": "OP21", "moved": "PP4"}
    grid_signs = evolution_grid_signs(grid, labels)
    # the removed clause's row is labelled with the last version that has it
    removed_row = [
        line.split() for line in grid.splitlines() if line.startswith("OP33 (until V1) ")
    ]
    grid_signs["removed"] = removed_row[0][-1]
    html = render(comparison, "html")
    strip = dict(
        re.findall(r'<a class="(\w+)[^"]*" href="#[^"]+"><span aria-hidden="true">(.)', html)
    )
    for kind in ("reworded", "added", "removed"):
        assert text_signs[kind] == grid_signs[kind] == strip[kind], kind
    moved_cell = re.search(r'<a class="unchanged moved"[^>]*><span aria-hidden="true">(.)', html)
    assert moved_cell and moved_cell.group(1) == grid_signs["moved"]


def test_comparison_and_evolution_pages_use_the_same_colours(versions):
    old, new = versions
    page = render(compare(old, new), "html")
    evolution_page = render_evolution(evolution([old, new]), "html")
    colours = dict(re.findall(r"--k-(\w+): (#[0-9a-f]{6})", page))
    evolution_colours = dict(re.findall(r"--(\w+): (#[0-9a-f]{6})", evolution_page))
    kinds = ("reworded", "technical", "added", "removed", "split", "merged")
    assert all(colours[kind] == evolution_colours[kind] for kind in kinds)
    assert len({colours[kind] for kind in kinds}) == len(kinds)  # told apart


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_data_model_imports_nothing_of_resdiff():
    """model.py is the bottom layer: the analysis results it carries are defined in it."""
    assert not {name for name in _imports(ROOT / "resdiff" / "model.py") if "resdiff" in name}


def test_analysis_does_not_import_the_renderers():
    imported = {
        path.name: sorted(name for name in _imports(path) if name.startswith("resdiff.renderers"))
        for path in (ROOT / "resdiff" / "analysis").glob("*.py")
    }
    assert len(imported) >= 5
    assert {name: found for name, found in imported.items() if found} == {}
