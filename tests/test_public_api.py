"""The public Python API, as the README shows it, in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES, SERIES

_SCRIPT = """
import sys
from resdiff import Archive, compare, parse

old, new = sys.argv[1:3]
comparison = compare(parse(old), parse(new))
print(type(comparison).__name__, callable(compare), Archive.__name__)
print(sum(c.kind != "unchanged" for c in comparison.changes))
"""


def test_readme_imports_give_the_functions_and_class():
    old, new = (FIXTURES / f"{name}.txt" for name in SERIES[0])
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(old), str(new)],
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = done.stdout.splitlines()
    assert first == "Comparison True Archive"
    assert int(second) > 0  # a real series pair: the newer draft changed clauses
