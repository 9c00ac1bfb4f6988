"""Project settings: a misspelt key is a one-line error naming it and the known keys."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import DERIVED_HRC, HRC

from resdiff.cli import main

KNOWN = "known settings: adopted, archive, disable, folder, patterns, status"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize(
    ("name", "content", "key", "command"),
    [
        (".resdiff.toml", 'disabled = ["preamble-punctuation"]\n', "disabled", ["check", HRC]),
        ("pyproject.toml", '[tool.resdiff]\narchiv = "drafts"\n', "archiv", ["compare", HRC, HRC]),
        (".resdiff.toml", '[tool.resdiff]\npattern = ["*.txt"]\n', "pattern", ["check", HRC]),
    ],
)
def test_a_misspelt_setting_is_a_one_line_error(tmp_path, monkeypatch, name, content, key, command):
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(*command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"resdiff: error: {tmp_path / name}: unknown setting {key!r}; {KNOWN}\n"
    )


def test_known_settings_are_read(tmp_path, monkeypatch):
    (tmp_path / ".resdiff.toml").write_text('archive = "versions"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("compare", HRC, DERIVED_HRC)
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "versions" / "A_HRC_RES_41_3").is_dir()
