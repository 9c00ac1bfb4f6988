"""``resdiff check``: output formats, exit status, --status, --disable and project settings."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, HRC, fixture_text, replace_once

from resdiff.cli import main

S_2017_77 = FIXTURES / "S_2017_77.txt"
PP21_LINE = (
    f"{S_2017_77}:60: warning preamble-punctuation PP21: "
    'a preambular paragraph should end with a comma, not "."'
)


def run(*args: object):
    return CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)


def bracketed_hrc(tmp_path: Path, folder: str = ".") -> Path:
    """41/3 with "[to cooperate]" in square brackets in operative paragraph 3 (derived)."""
    text = replace_once(
        fixture_text("A_HRC_RES_41_3.txt"),
        "the duty of States to cooperate",
        "the duty of States [to cooperate]",
    )
    path = tmp_path / folder / "A_HRC_RES_41_3.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_text_exits_0():
    result = run(HRC)
    assert result.exit_code == 0
    assert result.stdout == "resdiff check: 0 errors, 0 warnings in 1 file checked\n"


def test_a_warning_alone_is_printed_and_passes_unless_fail_on_warning():
    result = run(S_2017_77)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        PP21_LINE,
        "resdiff check: 0 errors, 1 warning in 1 file checked",
    ]
    strict = run("--fail-on", "warning", S_2017_77)
    assert strict.exit_code == 1
    assert strict.stdout == result.stdout


def test_an_error_exits_1():
    # fixtures/S_2018_221.txt prints no number before its operative paragraph 7
    result = run(FIXTURES / "S_2018_221.txt")
    assert result.exit_code == 1
    assert " error operative-numbering OP#7: " in result.stdout
    assert run("--fail-on", "error", FIXTURES / "S_2018_221.txt").exit_code == 1


def test_missing_file_exits_2_and_the_others_are_still_checked(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run(missing, S_2017_77)
    assert result.exit_code == 2
    assert PP21_LINE in result.stdout.splitlines()
    assert result.stderr == f"resdiff: error: {missing}: no such file\n"


def test_text_that_is_not_a_resolution_exits_2(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\n\nmilk\n", encoding="utf-8")
    result = run(notes)
    assert result.exit_code == 2
    assert "no resolution paragraphs found" in result.stderr


def test_json_format():
    result = run("--format", "json", S_2017_77, HRC)
    assert result.exit_code == 0  # one warning
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["summary"] == {"files": 2, "errors": 0, "warnings": 1, "failed": 0}
    first = data["files"][0]
    assert first["path"] == str(S_2017_77) and first["error"] is None
    assert first["findings"] == [
        {
            "rule": "preamble-punctuation",
            "severity": "warning",
            "label": "PP21",
            "line": 60,
            "message": 'a preambular paragraph should end with a comma, not "."',
        }
    ]
    assert data["files"][1]["findings"] == []


def test_status_adopted_reports_negotiation_residue(tmp_path):
    path = bracketed_hrc(tmp_path)
    assert run(path).exit_code == 0
    result = run("--status", "adopted", path)
    assert result.exit_code == 1
    assert "error negotiation-residue OP3: square-bracketed text in an adopted text" in (
        result.stdout
    )


def test_disable_option(tmp_path):
    assert run("--disable", "preamble-punctuation", S_2017_77).exit_code == 0
    result = run("--disable", "no-such-rule", S_2017_77)
    assert result.exit_code == 2
    assert "unknown rule id no-such-rule" in result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (".resdiff.toml", 'disable = ["preamble-punctuation"]\n'),
        (".resdiff.toml", '[tool.resdiff]\ndisable = ["preamble-punctuation"]\n'),
        ("pyproject.toml", '[tool.resdiff]\ndisable = ["preamble-punctuation"]\n'),
    ],
)
def test_rules_switched_off_in_settings(tmp_path, monkeypatch, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(S_2017_77).exit_code == 0


def test_unknown_rule_in_settings_is_an_error(tmp_path, monkeypatch):
    (tmp_path / ".resdiff.toml").write_text('disable = ["preamble-comma"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(S_2017_77)
    assert result.exit_code == 2
    assert result.stderr.startswith("resdiff: error: unknown rule id preamble-comma")


def test_adopted_patterns_in_settings(tmp_path, monkeypatch):
    (tmp_path / ".resdiff.toml").write_text('adopted = ["adopted/*"]\n', encoding="utf-8")
    adopted = bracketed_hrc(tmp_path, "adopted")
    draft = bracketed_hrc(tmp_path, "drafts")
    monkeypatch.chdir(tmp_path)
    assert run(draft).exit_code == 0
    assert run(adopted).exit_code == 1
    assert run("--status", "draft", adopted).exit_code == 0


def test_status_setting(tmp_path, monkeypatch):
    (tmp_path / ".resdiff.toml").write_text('status = "adopted"\n', encoding="utf-8")
    path = bracketed_hrc(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run(path).exit_code == 1


def test_list_rules():
    result = run("--list-rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 13
    assert lines[0].split()[:2] == ["operative-numbering", "error"]
    assert lines[-1].split()[:2] == ["structure", "warning"]


def test_no_file_is_a_usage_error():
    result = run()
    assert result.exit_code == 2
    assert "give at least one FILE" in result.stderr


def test_installed_entry_point():
    executable = shutil.which("resdiff", path=str(Path(sys.executable).parent))
    assert executable, "the resdiff script is installed next to the interpreter"
    done = subprocess.run(
        [executable, "check", "--fail-on", "warning", str(S_2017_77)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == PP21_LINE


def stored_in_archive(tmp_path: Path, status: str) -> Path:
    """An archive holding resolution 41/3 with the given status."""
    from resdiff.archive import AddRequest, Archive

    archive, _ = Archive.init(tmp_path / "archive")
    try:
        archive.add(AddRequest(HRC, status=status))  # type: ignore[arg-type]
    finally:
        archive.close()
    return tmp_path / "archive"


@pytest.mark.parametrize(("status", "exit_code"), [("adopted", 1), ("draft", 0)])
def test_status_taken_from_the_archive(tmp_path, monkeypatch, status, exit_code):
    monkeypatch.setenv("RESDIFF_ARCHIVE", str(stored_in_archive(tmp_path, status)))
    path = bracketed_hrc(tmp_path, "work")  # its header names A/HRC/RES/41/3
    result = run(path)
    assert result.exit_code == exit_code, result.stdout + result.stderr
    assert ("negotiation-residue" in result.stdout) is (status == "adopted")
    assert run("--status", "draft", path).exit_code == 0
