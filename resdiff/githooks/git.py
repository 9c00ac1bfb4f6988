"""Every git command resdiff's hooks run, as argument lists without a shell.

Listings are read NUL-separated (``-z``) and paths are decoded with
``os.fsdecode`` (the file-system encoding with ``surrogateescape``), so names
with spaces, non-ASCII characters or undecodable bytes survive the round trip
back to git. Blobs are read by object id through one ``git cat-file --batch``
process, never through ``<rev>:<path>`` strings that a path could confuse.

The environment is passed through unchanged: inside a hook git sets
``GIT_INDEX_FILE`` (``git commit -a`` and ``git commit <path>`` use a
temporary index), and reading that index is what "the staged content" means.
Commands run through ``resdiff.gitcommand.git``, the runner of resdiff's git
layer (a plain subprocess: hooks never import GitPython); failures are its
``GitError``, the same one the archive raises.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from resdiff.gitcommand import GitError, git

__all__ = [
    "SUBMODULE_MODE",
    "SYMLINK_MODE",
    "GitError",
    "StagedChange",
    "git",
    "git_path",
    "has_head",
    "head_blobs",
    "parse_raw_diff",
    "read_blobs",
    "set_config",
    "staged_changes",
    "toplevel",
]

SUBMODULE_MODE = "160000"
SYMLINK_MODE = "120000"


def toplevel(cwd: Path | None = None) -> Path:
    """The root folder of the working tree that contains ``cwd``."""
    try:
        out = git("rev-parse", "--show-toplevel", cwd=cwd)
    except GitError:
        raise GitError("not inside a git working tree") from None
    return Path(os.fsdecode(out.rstrip(b"\n")))


def git_path(name: str, cwd: Path) -> Path:
    """Where git keeps ``name`` (``hooks`` honours ``core.hooksPath``), as an absolute path."""
    out = os.fsdecode(git("rev-parse", "--git-path", name, cwd=cwd).rstrip(b"\n"))
    return (cwd / out).resolve()


def has_head(cwd: Path) -> bool:
    """False before the first commit (an unborn branch), True otherwise."""
    try:
        git("rev-parse", "--verify", "--quiet", "HEAD^{commit}", cwd=cwd)
    except GitError:
        return False
    return True


def set_config(key: str, value: str, cwd: Path) -> None:
    """Set ``key`` in the repository's own configuration (.git/config)."""
    git("config", "--local", key, value, cwd=cwd)


@dataclass(slots=True, frozen=True)
class StagedChange:
    """One path of ``git diff --cached``: what HEAD holds and what the index holds.

    ``status`` is git's letter (A added, M modified, D deleted, R renamed, T
    type changed); ``old_blob`` is None for an added file, ``new_blob`` None
    for a deleted one; ``old_path`` is set for renames.
    """

    status: str
    path: str
    old_path: str | None = None
    old_blob: str | None = None
    new_blob: str | None = None
    new_mode: str = "100644"


def staged_changes(cwd: Path) -> list[StagedChange]:
    """The changes staged for the next commit, renames detected (works with no HEAD)."""
    out = git("diff", "--cached", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", cwd=cwd)
    return parse_raw_diff(out)


def parse_raw_diff(out: bytes) -> list[StagedChange]:
    """Read ``git diff --raw -z`` output.

    >>> line = b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" R097\\0a.txt\\0b c.txt\\0"
    >>> [(c.status, c.old_path, c.path, c.new_blob[:4]) for c in parse_raw_diff(line)]
    [('R', 'a.txt', 'b c.txt', '2222')]
    """
    fields = out.split(b"\0")
    changes: list[StagedChange] = []
    index = 0
    while index < len(fields) and fields[index].startswith(b":"):
        _old_mode, new_mode, old_sha, new_sha, status = fields[index][1:].decode().split()
        letter = status[0]
        paths = 2 if letter in "RC" else 1
        names = [os.fsdecode(f) for f in fields[index + 1 : index + 1 + paths]]
        changes.append(
            StagedChange(
                status=letter,
                path=names[-1],
                old_path=names[0] if paths == 2 else None,
                old_blob=_blob(old_sha),
                new_blob=_blob(new_sha),
                new_mode=new_mode,
            )
        )
        index += 1 + paths
    return changes


def _blob(sha: str) -> str | None:
    return None if set(sha) == {"0"} else sha


def head_blobs(paths: list[str], cwd: Path) -> dict[str, str]:
    """path -> blob id in HEAD, for those of ``paths`` that HEAD holds as files."""
    if not paths or not has_head(cwd):
        return {}
    out = git("ls-tree", "-z", "--full-tree", "HEAD", "--", *paths, cwd=cwd)
    found: dict[str, str] = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        _mode, kind, sha = meta.decode().split()
        if kind == "blob":
            found[os.fsdecode(name)] = sha
    return found


def read_blobs(ids: list[str], cwd: Path) -> dict[str, bytes]:
    """Blob id -> content, read through one ``git cat-file --batch`` process."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return {}
    out = git("cat-file", "--batch", cwd=cwd, stdin="".join(f"{i}\n" for i in unique).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for wanted in unique:
        end = out.index(b"\n", position)
        header = out[position:end].decode().split()
        position = end + 1
        if len(header) != 3:  # "<id> missing"
            raise GitError(f"git cat-file: object {wanted} is missing")
        size = int(header[2])
        blobs[wanted] = out[position : position + size]
        position += size + 1
    return blobs
