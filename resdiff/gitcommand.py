"""resdiff's git layer, lowest part: the one ``GitError``, and the runner of plain git commands.

Every git failure resdiff reports is a ``GitError``, whoever ran the
command. Two callers run git:

- the archive (``resdiff.archive.git``), through GitPython: its commands are
  pinned to the archive's repository by their environment, its blobs come
  through GitPython's persistent ``cat-file``;
- the hooks and the diff driver (``resdiff.githooks``), through ``git`` below:
  a plain ``subprocess`` run, so that a hook never pays for importing
  GitPython (about 65 ms, half of a hook's start-up), with the environment
  passed through unchanged (inside a hook git sets ``GIT_INDEX_FILE``, and
  that index is what "the staged content" means) and pathspecs taken
  literally (``--literal-pathspecs``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from resdiff.errors import ResdiffError


class GitError(ResdiffError):
    """A git command failed, or git is missing; ``no_space`` when it failed because the
    disk is full."""

    def __init__(self, message: str, *, no_space: bool = False) -> None:
        super().__init__(message)
        self.no_space = no_space


def git(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, timeout: float | None = None
) -> bytes:
    """Run ``git --literal-pathspecs ARGS`` (no shell, the environment as it is) and return
    its standard output; ``GitError`` with git's last line of error when it fails."""
    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            timeout=timeout,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (no 'git' on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]}: no answer after {timeout} s") from None
    if done.returncode != 0:
        lines = os.fsdecode(done.stderr).strip().splitlines() or [f"exit status {done.returncode}"]
        raise GitError(f"git {args[0]}: {lines[-1]}")
    return done.stdout
