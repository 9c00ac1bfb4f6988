"""Inputs that are not files: '-' for standard input, /dev/fd/N from process substitution;
and, in Python, a missing file named like a resolution file is an error, not text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import DERIVED_HRC, HRC, fixture_text

from resdiff.errors import InputError
from resdiff.parse import parse, parse_text

RESDIFF = [sys.executable, "-m", "resdiff.cli"]


def resdiff(*args: object, stdin: bytes | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [*RESDIFF, *map(str, args)],
        input=stdin,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )


def test_dash_reads_the_old_version_from_standard_input():
    from_file = resdiff("compare", HRC, DERIVED_HRC)
    piped = resdiff("compare", "-", DERIVED_HRC, stdin=HRC.read_bytes())
    assert piped.returncode == from_file.returncode == 1
    assert piped.stdout == from_file.stdout
    assert piped.stdout.startswith(b"resdiff: A/HRC/RES/41/3 -> A/HRC/RES/41/3\n")


def test_dash_reads_the_new_version_and_parse_and_check_read_it_too():
    piped = resdiff("compare", HRC, "-", stdin=DERIVED_HRC.read_bytes())
    assert piped.returncode == 1
    assert b"+ OP21  added" in piped.stdout
    parsed = resdiff("parse", "-", "--format", "json", stdin=HRC.read_bytes())
    assert (
        parsed.returncode == 0 and parsed.stdout == resdiff("parse", HRC, "--format", "json").stdout
    )
    checked = resdiff("check", "-", stdin=HRC.read_bytes())
    assert checked.stdout.endswith(b"in 1 file checked\n")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for <(...)")
def test_process_substitution_path_is_read():
    command = " ".join([*RESDIFF, 'compare <(cat "$1") "$2"'])
    done = subprocess.run(
        ["bash", "-c", command, "bash", str(HRC), str(DERIVED_HRC)],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == resdiff("compare", HRC, DERIVED_HRC).stdout


def test_standard_input_twice_is_a_one_line_error():
    done = resdiff("compare", "-", "-", stdin=HRC.read_bytes())
    assert done.returncode == 2
    assert done.stderr == b"resdiff: error: standard input ('-') can be given only once\n"


def test_empty_standard_input_is_a_one_line_error():
    done = resdiff("compare", "-", HRC, stdin=b"")
    assert done.returncode == 2
    assert done.stderr == b"resdiff: error: standard input: is empty\n"


def test_standard_input_is_compared_but_not_archived(tmp_path):
    archive = tmp_path / "archive"
    done = resdiff(
        "compare", "-", DERIVED_HRC, stdin=HRC.read_bytes(), env={"RESDIFF_ARCHIVE": str(archive)}
    )
    assert done.returncode == 1
    assert done.stderr == b"resdiff: warning: not archived: standard input is not a file\n"
    assert not archive.exists()


def test_a_missing_file_named_like_a_resolution_file_is_an_error(tmp_path):
    for name in ("missing.txt", "drafts/missing.md", "missing.pdf", "missing.DOCX"):
        with pytest.raises(InputError, match="no such file"):
            parse(str(tmp_path / name))
        with pytest.raises(InputError, match="no such file"):
            parse(name)


def test_parse_text_parses_a_string_even_when_it_looks_like_a_file_name():
    from_text = parse_text(fixture_text("A_HRC_RES_41_3.txt"))
    assert from_text.to_dict()["paragraphs"] == parse(HRC).to_dict()["paragraphs"]
    assert from_text.path is None
    assert parse_text("notes.txt").paragraphs == []  # text, not a file to look for
