"""The project's own checks: ruff's rules against shell commands, the pre-commit hooks."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

SHELL_USES = {
    "S602": "import subprocess\n\nsubprocess.run('git log', shell=True)\n",
    "S604": "def run(command, shell):\n    return command\n\n\nrun('git log', shell=True)\n",
    "S605": "import os\n\nos.system('git log')\n",
}


def test_ruff_as_configured_rejects_every_command_run_through_a_shell(tmp_path):
    for code, source in SHELL_USES.items():
        (tmp_path / f"uses_{code}.py").write_text(source, encoding="utf-8")
    (tmp_path / "argument_list.py").write_text(
        "import subprocess\n\nsubprocess.run(['git', 'log'], check=True)\n", encoding="utf-8"
    )
    config = ROOT / "pyproject.toml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--output-format=concise",
            "--config",
            config,
            ".",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    for code in SHELL_USES:
        assert f"uses_{code}.py:" in done.stdout and f" {code} " in done.stdout, code
    assert "argument_list.py" not in done.stdout


def test_pre_commit_configuration_is_valid_and_runs_the_ci_checks():
    config = ROOT / ".pre-commit-config.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = config.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for hook, command in (("ruff", "ruff check"), ("ruff-format", "ruff format"), ("mypy", "mypy")):
        assert f"id: {hook}\n" in text
        assert f".venv/bin/{command}" in ci


def test_the_license_file_is_the_license_pyproject_declares():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = { text = "MIT" }' in pyproject
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
