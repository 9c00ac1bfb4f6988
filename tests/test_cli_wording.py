"""What the commands say: plurals, one arrow in markdown, help for every option, and
progress only on a terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import DERIVED_HRC, FIXTURES, HRC

from resdiff.cli import main

RESDIFF = [sys.executable, "-m", "resdiff.cli"]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def one_document_archive(tmp_path):
    archive = tmp_path / "archive"
    assert run("archive", "init", archive).exit_code == 0
    assert run("archive", "add", FIXTURES / "S_2018_95.txt", "--archive", archive).exit_code == 0
    return archive


def test_one_document_and_one_version_are_singular(one_document_archive):
    verified = run("archive", "verify", "--archive", one_document_archive)
    assert verified.exit_code == 0
    assert verified.stdout.splitlines()[-1] == "ok: 1 document checked"
    blamed = run("archive", "blame", "S/2018/95", "--archive", one_document_archive)
    assert blamed.stdout.splitlines()[0] == "blame S/2018/95@1 (no series; 1 version)"


def test_one_problem_is_singular(one_document_archive):
    text = one_document_archive / "S_2018_95" / "text.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nedited by hand\n", encoding="utf-8")
    verified = run("archive", "verify", "--archive", one_document_archive)
    assert verified.exit_code == 1
    assert verified.stdout.splitlines()[-1] == "1 problem: 1 document checked"


def test_markdown_report_uses_one_arrow():
    # 41/3 -> its derived variant: paragraphs renumbered (21-32 -> 22-33), OP23 became OP24,
    # a changed opening phrase (Urges -> Encourages)
    out = run("compare", HRC, DERIVED_HRC, "--format", "markdown").stdout
    assert "**Renumbered:** 21-32 → 22-33" in out
    assert "**OP23 → OP24**" in out
    assert "weakened: Urges → Encourages" in out
    assert "->" not in out and "-\\>" not in out


def test_every_option_of_find_predecessor_has_help():
    out = run("archive", "find-predecessor", "--help").stdout
    words = " ".join(out.split())
    assert "--top INTEGER RANGE How many archived documents to list, best first" in words


def _import_on_terminal_stderr(folder, archive) -> str:
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*RESDIFF, "archive", "import", str(folder), "--archive", str(archive)],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "NO_COLOR": "1"},
    )
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
    assert proc.wait(timeout=120) == 0
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_import_shows_progress_only_on_a_terminal(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("S_2018_95.txt", "S_2020_110.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    for archive in ("a", "b"):
        assert run("archive", "init", tmp_path / archive).exit_code == 0
    piped = subprocess.run(
        [*RESDIFF, "archive", "import", folder, "--archive", tmp_path / "a"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stderr == ""
    assert "reading" in _import_on_terminal_stderr(folder, tmp_path / "b")
