"""Refusals before a write: the state of the archive, and of each document directory.

A write starts only when the archive's branch is checked out (not a detached
HEAD, not another branch), no git lock file is in the way and no tracked file
differs from HEAD; and it touches a document directory only when its files fit
the file system and nothing of the user's is where resdiff's files go (a file
or link instead of the directory, a nested git repository, a file named like
one of resdiff's that resdiff did not store). Each refusal is one line that
says what to do, and comes before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from resdiff.archive.errors import ArchiveError
from resdiff.archive.git import GitRepo
from resdiff.archive.layout import BRANCH, OWN_FILES
from resdiff.archive.transaction import path_problem


def checkout_problem(root: Path, repo: GitRepo) -> str | None:
    """Why HEAD is not where resdiff writes (detached, or another branch); None if it is."""
    branch = repo.branch()
    writes = f"resdiff writes on branch {BRANCH}; run `git -C {root} switch {BRANCH}` first"
    if branch is None:
        return f"the archive's HEAD is detached (at {(repo.head() or '')[:10]}): {writes}"
    if branch != f"refs/heads/{BRANCH}":
        name = branch.removeprefix("refs/heads/")
        return f"branch {name} is checked out in the archive: {writes}"
    return None


def check_checkout(root: Path, repo: GitRepo) -> None:
    """Raise ``ArchiveError`` unless the archive's branch is checked out."""
    problem = checkout_problem(root, repo)
    if problem:
        raise ArchiveError(f"{root}: {problem}")


def check_clean(root: Path, repo: GitRepo) -> None:
    """Raise ``ArchiveError`` when git's index lock is there or a tracked file differs from HEAD.

    Call after an interrupted write of resdiff's has been undone: what is left
    is someone else's.
    """
    lock = repo.git_dir / "index.lock"
    if lock.exists():
        raise ArchiveError(
            f"{lock} exists: a git command is running in the archive, or one was killed; "
            "if no git command is running there, delete that file and try again"
        )
    changed = repo.tracked_changes()
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        raise ArchiveError(
            f"{root}: uncommitted changes ({changed[0]}{more}): resdiff commits only what it "
            f"writes; commit or undo them first (see `git -C {root} status`)"
        )


def document_problem(
    root: Path, dirname: str, committed_kind: str | None, committed_files: frozenset[str]
) -> str | None:
    """Why resdiff cannot write document directory ``dirname``; None when it can.

    ``committed_kind`` is the kind of HEAD's top-level entry of that name
    ('tree', 'commit' for a submodule, 'blob' for a file or link; None when
    HEAD has none), ``committed_files`` the names of resdiff's files HEAD
    holds in it.
    """
    problem = path_problem(root, dirname)
    if problem:
        return problem
    if committed_kind == "commit":
        return f"{dirname} is a git submodule in the archive, not a document directory"
    if committed_kind not in (None, "tree"):
        return f"{dirname} is a file in the archive, not a document directory"
    folder = root / dirname
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return f"{folder} is a file or link, where the document directory goes; move it away"
    if not folder.is_dir():
        return None
    if (folder / ".git").exists() or (folder / ".git").is_symlink():
        return f"{folder} holds a git repository of its own; move it out of the archive"
    with os.scandir(folder) as entries:
        strays = sorted(e.name for e in entries if e.name in OWN_FILES)
    strays = [name for name in strays if name not in committed_files]
    if strays:
        return (
            f"{folder / strays[0]} was not stored by resdiff and would be overwritten; "
            "move it out of the archive"
        )
    return None
