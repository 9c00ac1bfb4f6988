"""The public Python API, as the README shows it, in a fresh interpreter.

The README's Python example runs as written, on copies of the two Security
Council texts it names; what it prints is checked against the texts
themselves: S/2020/110 adds operative paragraph 4 ("Further expresses its
intention to establish clear ... benchmarks") and renumbers "Decides to remain
seized of the matter" from 4 to 5.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT

ADDED = "Further expresses its intention to establish clear, well identified, and measurable"
SEIZED = "Decides to remain seized of the matter."


def readme_python_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) == 1
    return blocks[0]


def run_python(code: str, cwd, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_readme_example_reports_the_added_and_the_renumbered_paragraph(tmp_path):
    old_text = (FIXTURES / "S_2018_95.txt").read_text(encoding="utf-8")
    new_text = (FIXTURES / "S_2020_110.txt").read_text(encoding="utf-8")
    assert ADDED not in old_text and ADDED in new_text
    assert f"4. {SEIZED}" in old_text and re.search(rf"5\.\s+{SEIZED}", new_text)
    (tmp_path / "fixtures").mkdir()
    for name in ("S_2018_95.txt", "S_2020_110.txt"):
        shutil.copy(FIXTURES / name, tmp_path / "fixtures" / name)

    out = run_python(readme_python_example(), tmp_path)

    lines = out.splitlines()
    assert lines[0].endswith(" {'4': '5'}")
    assert "added  OP4 False" in lines
    assert "unchanged OP4 OP5 False" in lines
    assert f"**{ADDED}" in out  # the markdown report shows the added paragraph


_ARCHIVE_SCRIPT = """
import os, sys
from resdiff import Archive
from resdiff.archive.store import AddRequest

def helpers():
    found = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found += int(fields[1]) == os.getpid()
    return found

path, source = sys.argv[1:3]
created, _ = Archive.init(path)
created.close()
with Archive(path) as archive:
    archive.add(AddRequest(source))
    version = archive.version("S/2018/95")
    print(archive.text(version).count("Decides to remain seized"), helpers() > 0)
print(helpers())
"""


def test_archive_as_a_context_manager_stops_its_git_helpers_at_the_end(tmp_path):
    out = run_python(
        _ARCHIVE_SCRIPT, tmp_path, str(tmp_path / "archive"), str(FIXTURES / "S_2018_95.txt")
    )
    assert out.splitlines() == ["1 True", "0"]


def test_version_is_the_installed_package_version():
    installed = importlib.metadata.version("resdiff")
    out = run_python("import resdiff; print(resdiff.__version__)", ROOT)
    assert out.strip() == installed
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and installed in done.stdout
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nversion = "{installed}"\n' in pyproject
