"""Usage errors are one line on stderr, like every other error, with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import HRC

USAGE_ERRORS = [
    (["compare", HRC], "missing argument 'NEW' (see 'resdiff compare --help')"),
    (
        ["compare", HRC, HRC, "--threshold", "2"],
        "invalid value for '--threshold': 2.0 is not in the range 0.0<x<=1.0 "
        "(see 'resdiff compare --help')",
    ),
    (["compare", HRC, HRC, HRC], "got unexpected extra argument"),
    (["bogus"], "no such command 'bogus' (see 'resdiff --help')"),
    (["--bogus"], "no such option '--bogus' (see 'resdiff --help')"),
    (["archive", "add"], "missing argument 'FILE' (see 'resdiff archive add --help')"),
    (["check", "--fail-on", "never", HRC], "invalid value for '--fail-on'"),
    (["parse", HRC, "--format", "xml"], "invalid value for '--format'"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=lambda a: str(a)[:40])
def test_usage_error_is_one_line(args, message):
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"resdiff: error: {message}")


def test_a_group_without_a_command_shows_its_help():
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "archive"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Commands:" in done.stderr and "find-predecessor" in done.stderr
