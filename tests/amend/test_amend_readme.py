"""The README's amendment examples print what resdiff prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def resdiff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resdiff.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def test_amend_example_is_the_output_up_to_the_amended_text() -> None:
    command = (
        "resdiff amend fixtures/ga/A_80_L.25.txt fixtures/ga/A_80_L.32.txt "
        "fixtures/ga/A_80_L.33.txt"
    )
    match = re.search(rf"```\n\$ {re.escape(command)}\n(.*?)```", README, re.S)
    assert match
    done = resdiff(*command.split()[1:])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(match.group(1))
    assert match.group(1).endswith("Amended text: A/80/L.25 as amended by A/80/L.32, A/80/L.33\n")


def test_compare_amendments_example_ends_as_shown() -> None:
    command = (
        "resdiff compare fixtures/ga/A_C.3_80_L.2.txt fixtures/ga/A_RES_80_192.txt "
        "--only-changes --amendments fixtures/ga/A_C.3_80_L.56.txt"
    )
    assert f"$ {command}\n" in README
    shown = README.split(f"$ {command}\n", 1)[1].split("ends with\n\n```\n", 1)[1].split("```")[0]
    done = resdiff(*command.split()[1:])
    assert done.stdout.endswith(shown)
