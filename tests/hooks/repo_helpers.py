"""Real git repositories in temporary folders for the hook and diff-driver tests.

Every git command runs with an environment cleaned of GIT_* variables (the
tests may themselves run inside a git hook) and of the user's global and
system configuration, so that only what a test sets applies.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
VENV_BIN = Path(sys.executable).parent


def git_env(home: Path) -> dict[str, str]:
    """The environment for git in a test: no GIT_* leaks, no global config, resdiff on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        LC_ALL="C.UTF-8",
        NO_COLOR="1",
    )
    return env


class Repo:
    """A git working tree in ``path`` with an author configured."""

    def __init__(self, path: Path, home: Path) -> None:
        self.path = path
        self.env = git_env(home)
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Resdiff Test")
        self.git("config", "user.email", "test@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run git in the repository; fail the test on a non-zero exit when ``check``."""
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def resdiff(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the installed resdiff (this interpreter's) inside the repository."""
        return subprocess.run(
            [sys.executable, "-m", "resdiff.cli", *args],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    def write(self, name: str, content: str | bytes) -> Path:
        """Write a file into the working tree (folders created)."""
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def commit(
        self, message: str, *args: str, check: bool = False
    ) -> subprocess.CompletedProcess[str]:
        """``git commit -m message ARGS``; returns the result (hook output is on stderr)."""
        return self.git("commit", "-q", "-m", message, *args, check=check)

    def head(self) -> str | None:
        """The commit id of HEAD, or None before the first commit."""
        done = self.git("rev-parse", "--verify", "-q", "HEAD", check=False)
        return done.stdout.strip() or None

    def install_hook(self) -> None:
        """``resdiff install-hook`` in this repository."""
        done = self.resdiff("install-hook")
        assert done.returncode == 0, done.stderr


def fixture(name: str) -> str:
    """The text of a fixture file."""
    return (FIXTURES / name).read_text(encoding="utf-8")
