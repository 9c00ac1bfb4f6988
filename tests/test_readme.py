"""The README's command-line examples print what resdiff prints."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def example(command: str) -> str:
    """The output shown under ``$ <command>`` in the README."""
    match = re.search(rf"```\n\$ {re.escape(command)}\n(.*?)```", README, re.S)
    assert match, command
    return match.group(1)


def resdiff(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resdiff.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def test_first_example_shows_every_change_as_printed(tmp_path):
    (tmp_path / "fixtures").mkdir()
    for name in ("S_2018_95.txt", "S_2020_110.txt"):
        shutil.copy(FIXTURES / name, tmp_path / "fixtures" / name)
    command = "resdiff compare fixtures/S_2018_95.txt fixtures/S_2020_110.txt --only-changes"
    done = resdiff(*command.split()[1:], cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout == example(command)
    summary = done.stdout.splitlines()[1]
    changed = sum(int(n) for n in re.findall(r"(\d+) (?:reworded|added|removed)\b", summary))
    shown = [line for line in done.stdout.splitlines() if re.match(r"^[~+<>-] ", line)]
    assert len(shown) == changed == 5


def test_set_up_command_says_that_its_exit_status_1_is_expected(tmp_path):
    setup = "fixtures/A_HRC_RES_41_3.txt fixtures/derived/A_HRC_RES_41_3.derived-reworded.txt"
    assert f".venv/bin/resdiff compare {setup}\n" in README
    done = resdiff("compare", *(str(ROOT / path) for path in setup.split()), cwd=tmp_path)
    assert done.returncode == 1
    assert "It ends with exit status 1, which is expected" in README


def test_amend_example_is_the_output_up_to_the_amended_text():
    command = (
        "resdiff amend fixtures/ga/A_80_L.25.txt fixtures/ga/A_80_L.32.txt "
        "fixtures/ga/A_80_L.33.txt"
    )
    shown = example(command)
    done = resdiff(*command.split()[1:], cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(shown)
    assert shown.endswith("Amended text: A/80/L.25 as amended by A/80/L.32, A/80/L.33\n")


def test_compare_amendments_example_ends_as_shown():
    command = (
        "resdiff compare fixtures/ga/A_C.3_80_L.2.txt fixtures/ga/A_RES_80_192.txt "
        "--only-changes --amendments fixtures/ga/A_C.3_80_L.56.txt"
    )
    assert f"$ {command}\n" in README
    shown = README.split(f"$ {command}\n", 1)[1].split("ends with\n\n```\n", 1)[1].split("```")[0]
    done = resdiff(*command.split()[1:], cwd=ROOT)
    assert done.stdout.endswith(shown)
