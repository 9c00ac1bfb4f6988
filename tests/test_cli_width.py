"""Text reports wrap to the terminal's width, and to 80 columns when not on a terminal."""

from __future__ import annotations

import fcntl
import os
import shutil
import struct
import subprocess
import sys
import termios

import pytest
from conftest import DERIVED_HRC, HRC

RESDIFF = [sys.executable, "-m", "resdiff.cli"]
# run in a folder holding copies of 41/3 and its derived variant: short paths in the reports
COMMANDS = [
    ["compare", "old.txt", "new.txt"],
    ["parse", "old.txt"],
    ["evolution", "old.txt", "new.txt"],
]


@pytest.fixture(autouse=True)
def texts(tmp_path, monkeypatch):
    shutil.copy(HRC, tmp_path / "old.txt")
    shutil.copy(DERIVED_HRC, tmp_path / "new.txt")
    monkeypatch.chdir(tmp_path)


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def no_columns() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {
        "NO_COLOR": "1"
    }


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_text_wraps_to_80_columns_when_not_on_a_terminal(command):
    done = subprocess.run(
        [*RESDIFF, *map(str, command)], capture_output=True, text=True, env=no_columns()
    )
    assert done.returncode in (0, 1), done.stderr
    assert 72 < widest(done.stdout) <= 80


def run_on_terminal(args: list[str], columns: int) -> str:
    """Run ``args`` with stdout on a pseudo-terminal ``columns`` wide; return what it printed."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen(args, stdout=slave, stderr=subprocess.PIPE, env=no_columns())
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [60, 120])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_text_wraps_to_the_terminal_width(command, columns):
    out = run_on_terminal([*RESDIFF, *map(str, command)], columns)
    assert columns - 10 < widest(out) <= columns
