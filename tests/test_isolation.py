"""The test suite never writes into the user's archive, home folder or working directory.

``RESDIFF_ARCHIVE`` makes every ``resdiff compare`` store both versions in the
archive it names. The autouse fixture ``isolated_from_the_user``
(tests/conftest.py) clears it for every test; these tests prove it by running
the suite's CLI tests in a separate pytest process with ``RESDIFF_ARCHIVE``
pointing at a sentinel folder outside every temporary folder of the tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DERIVED_HRC, HRC, ROOT

CLI_TESTS = ["tests/test_cli.py", "tests/archive/test_archive_compare.py"]


@pytest.fixture
def sentinel() -> Iterator[Path]:
    """An empty folder outside pytest's temporary folders, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="resdiff-sentinel-archive-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_compare_outside_the_suite_stores_into_the_archive_resdiff_archive_names(
    sentinel: Path, tmp_path: Path
) -> None:
    """The control: the command the CLI tests run does write into RESDIFF_ARCHIVE when set."""
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "compare", str(HRC), str(DERIVED_HRC)],
        env={**os.environ, "RESDIFF_ARCHIVE": str(sentinel), "NO_COLOR": "1"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert (sentinel / "A_HRC_RES_41_3" / "meta.json").is_file()


def test_the_cli_tests_leave_the_users_archive_home_and_folder_untouched(
    sentinel: Path, tmp_path: Path
) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            "--basetemp",
            str(tmp_path / "inner"),
            *(str(ROOT / name) for name in CLI_TESTS),
        ],
        env={**os.environ, "RESDIFF_ARCHIVE": str(sentinel), "HOME": str(home)},
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
    assert sorted(sentinel.iterdir()) == []
    assert sorted(home.iterdir()) == []
    assert sorted(work.iterdir()) == []
