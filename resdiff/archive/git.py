"""Every use of git in the archive, through GitPython.

Nothing else in resdiff imports GitPython. Failures are ``GitError``, defined
once for all of resdiff in ``resdiff.gitcommand``. Commands run as argument
lists (never through a shell), paths always follow ``--`` or come from a
NUL-separated pathspec file, and pathspecs are literal
(``GIT_LITERAL_PATHSPECS``). The environment pins git to the archive
(``GIT_DIR``, ``GIT_WORK_TREE`` and ``GIT_INDEX_FILE`` set explicitly), so
running inside another repository's hook cannot send a write to that
repository. Hooks, signing and automatic garbage collection are switched off
for the archive's own commands: a background ``gc`` would otherwise inherit
the writer lock.

The only history-changing operation here is ``commit`` (a new commit on top
of HEAD); nothing amends, resets a branch, rebases or forces.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import git as gitpython

from resdiff.gitcommand import GitError

GIT_OPTIONS = (
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "gc.auto=0",
    "-c",
    "maintenance.auto=false",
    "-c",
    "commit.gpgSign=false",
    "-c",
    "core.autocrlf=false",
    "-c",
    "core.quotePath=false",
    "-c",
    "advice.detachedHead=false",
)
FALLBACK_IDENTITY = ("-c", "user.name=resdiff", "-c", "user.email=resdiff@localhost")
# Lock files git leaves behind when it is killed half-way (in .git, or under refs/).
GIT_LOCK_FILES = ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "packed-refs.lock", "config.lock")


# How git says that a write failed for want of space (git's messages are in English:
# ``LC_ALL=C`` below), and the errno values behind them.
NO_SPACE_MESSAGES = ("No space left on device", "Out of diskspace", "Disk quota exceeded")
NO_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
NEARLY_FULL = 1 << 20  # bytes free below which any failed git command counts as "disk full"


@dataclass(slots=True, frozen=True)
class TreeEntry:
    """One entry of ``git ls-tree``: path, object id, type ('blob', 'tree') and file mode."""

    path: str
    sha: str
    kind: str
    mode: str = "100644"


@dataclass(slots=True, frozen=True)
class EarlierVersion:
    """A version recorded before the current one: its files (named as in the document
    directory), the names it must not keep from the version before, its commit message."""

    dirname: str
    files: tuple[Path, ...]
    stale: tuple[str, ...]
    message: str


@dataclass(slots=True, frozen=True)
class CommitInfo:
    """One commit of ``git log``: id, author date (ISO 8601), author, subject, and
    (path, blob id after the commit; all zeros when deleted) of each file it touched."""

    sha: str
    date: str
    author: str
    subject: str
    blobs: tuple[tuple[str, str], ...]

    @property
    def files(self) -> tuple[str, ...]:
        """The paths of the files the commit touched."""
        return tuple(path for path, _ in self.blobs)


class GitRepo:
    """A git repository with a working tree at ``path``, driven through GitPython."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._repo = gitpython.Repo(path, search_parent_directories=False)
        except (gitpython.InvalidGitRepositoryError, gitpython.NoSuchPathError):
            raise GitError(f"{path}: not a git repository") from None
        if self._repo.bare or Path(self._repo.working_tree_dir or "").resolve() != path.resolve():
            raise GitError(f"{path}: not the top of a git working tree")
        self.git_dir = Path(self._repo.git_dir)
        self._repo.git.update_environment(
            GIT_DIR=str(self.git_dir),
            GIT_WORK_TREE=str(path),
            GIT_INDEX_FILE=str(self.git_dir / "index"),
            GIT_OBJECT_DIRECTORY=str(self.git_dir / "objects"),
            GIT_COMMON_DIR=str(self.git_dir),
            GIT_ALTERNATE_OBJECT_DIRECTORIES="",
            GIT_LITERAL_PATHSPECS="1",
            GIT_OPTIONAL_LOCKS="0",
            GIT_TERMINAL_PROMPT="0",
            LC_ALL="C",  # messages in English, so that a full disk can be recognised
        )
        self._identity: tuple[str, ...] | None = None

    @classmethod
    def create(cls, path: Path) -> GitRepo:
        """``git init`` a new repository at ``path`` (branch ``main``) and open it."""
        runner = gitpython.Git(str(path))
        runner.update_environment(GIT_DIR=str(path / ".git"), GIT_WORK_TREE=str(path))
        try:
            runner.execute(["git", "init", "--quiet", "--initial-branch=main"])
        except gitpython.GitCommandError as exc:
            raise GitError(f"{path}: git init failed: {_stderr(exc)}") from None
        return cls(path)

    def close(self) -> None:
        """Stop the git helper processes GitPython keeps open."""
        self._repo.close()

    # ------------------------------------------------------------------ running git

    def run(
        self,
        *args: str,
        lock_fd: int | None = None,
        check: bool = True,
        env: dict[str, str] | None = None,
    ) -> tuple[int, str, str]:
        """Run ``git <args>`` in the archive; return (status, stdout, stderr).

        ``lock_fd`` is inherited by git, so the writer lock outlives a killed
        writer until git itself is done. ``env`` adds to the environment.
        ``GitError`` on failure when ``check``.
        """
        command = ["git", *GIT_OPTIONS, *self.identity(), *args]
        status, out, err = self._repo.git.execute(
            command,
            with_extended_output=True,
            with_exceptions=False,
            stdout_as_string=False,
            pass_fds=(lock_fd,) if lock_fd is not None else (),
            env=env,
        )
        stdout = out.decode("utf-8", "replace")
        stderr = err.decode("utf-8", "replace") if isinstance(err, bytes) else str(err)
        if check and status != 0:
            raise GitError(
                f"git {_subcommand(args)} failed: {stderr.strip() or f'exit status {status}'}",
                no_space=self._out_of_space(stderr),
            )
        return status, stdout, stderr

    def _out_of_space(self, stderr: str) -> bool:
        """Whether a failed git command failed for want of space.

        Git names the reason for most failed writes, but not all (a ref it
        could not write is only "couldn't write"), so a failure while the
        archive's file system has almost nothing left counts as well.
        """
        if any(message in stderr for message in NO_SPACE_MESSAGES):
            return True
        try:
            stats = os.statvfs(self.git_dir)
        except OSError:
            return False
        return stats.f_bavail * stats.f_frsize < NEARLY_FULL

    def identity(self) -> tuple[str, ...]:
        """``-c user.name/email`` options when git has no identity configured, else ()."""
        if self._identity is None:
            reader = self._repo.config_reader()
            configured = reader.has_option("user", "email") and reader.has_option("user", "name")
            from_env = os.environ.get("GIT_AUTHOR_EMAIL") and os.environ.get("GIT_COMMITTER_EMAIL")
            self._identity = () if configured or from_env else FALLBACK_IDENTITY
        return self._identity

    # ------------------------------------------------------------------ reading

    def head(self) -> str | None:
        """The commit id HEAD points to, or None in a repository without commits."""
        status, out, _ = self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        return out.strip() if status == 0 else None

    def resolve(self, rev: str) -> str | None:
        """The commit id of revision ``rev``, or None when there is no such commit."""
        if not rev or rev.startswith("-") or any(ord(ch) < 33 for ch in rev):
            return None
        status, out, _ = self.run(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False
        )
        return out.strip() if status == 0 else None

    def ls_tree(
        self, rev: str, paths: Sequence[str] = (), *, recursive: bool = False
    ) -> list[TreeEntry]:
        """Entries of the tree of ``rev`` (top level, or everything with ``recursive``)."""
        args = ["ls-tree", "-z", *(["-r"] if recursive else []), rev, "--", *paths]
        _, out, _ = self.run(*args)
        entries = []
        for record in out.split("\0"):
            if not record:
                continue
            info, _, path = record.partition("\t")
            mode, kind, sha = info.split(" ")
            entries.append(TreeEntry(path, sha, kind, mode))
        return entries

    def read_blob(self, sha: str) -> bytes:
        """The content of blob ``sha`` (through GitPython's persistent ``cat-file``)."""
        try:
            data: bytes = self._repo.odb.stream(bytes.fromhex(sha)).read()
            return data
        except (ValueError, gitpython.BadName, gitpython.BadObject) as exc:
            raise GitError(f"cannot read object {sha}: {exc}") from None

    def read_file(self, rev: str, path: str) -> bytes | None:
        """The content of ``path`` in commit ``rev``, or None when it has no such file."""
        entries = self.ls_tree(rev, [path])
        blobs = [e for e in entries if e.path == path and e.kind == "blob"]
        return self.read_blob(blobs[0].sha) if blobs else None

    def log(self, paths: Sequence[str], rev: str = "HEAD") -> list[CommitInfo]:
        """Commits reachable from ``rev`` that touch ``paths``, newest first, with the
        blob each changed file under ``paths`` has after the commit."""
        fmt = "%x1e%H%x1f%aI%x1f%an%x1f%s"
        args = ("log", f"--format={fmt}", "--raw", "--no-abbrev", "--no-renames", "-z")
        _, out, _ = self.run(*args, rev, "--", *paths)
        commits = []
        for record in out.split("\x1e")[1:]:
            header, _, changes = record.partition("\n")
            sha, date, author, subject = header.rstrip("\0").split("\x1f", 3)
            fields = changes.strip("\n\0").split("\0")
            # -z raw records: ":<mode> <mode> <old> <new> <status>" NUL "<path>" NUL
            blobs = tuple(
                (path, info.split()[3])
                for info, path in zip(fields[::2], fields[1::2], strict=True)
            )
            commits.append(CommitInfo(sha, date, author, subject, blobs))
        return commits

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        """True when commit ``ancestor`` is in the history of ``descendant``."""
        status, _, _ = self.run("merge-base", "--is-ancestor", ancestor, descendant, check=False)
        return status == 0

    def has_object(self, sha: str) -> bool:
        """True when the object database holds commit/blob/tree ``sha``."""
        status, _, _ = self.run("cat-file", "-e", sha, check=False)
        return status == 0

    def fsck(self) -> list[str]:
        """Problems ``git fsck`` finds (dangling objects are not problems); [] when clean."""
        status, out, err = self.run("fsck", "--no-dangling", "--no-progress", check=False)
        lines = [line for line in (out + err).splitlines() if line.strip()]
        if status != 0 and not lines:
            lines = [f"git fsck exited with status {status}"]
        return lines if status != 0 or lines else []

    def changed_paths(self, top_level: Sequence[str]) -> list[tuple[str, bool]]:
        """(path, untracked) for paths under the top-level entries ``top_level`` whose
        working-tree or index state differs from HEAD.

        One ``git status`` of the whole tree, filtered here: given as pathspecs,
        each entry was matched against every path, which grew with the square of
        the number of documents (9.8 s at 10,000, against 0.2 s for the whole tree).
        """
        wanted = set(top_level)
        _, out, _ = self.run("status", "--porcelain", "-z", "--untracked-files=all")
        records = iter(out.split("\0"))
        changed = []
        for record in records:
            if len(record) <= 3:
                continue
            if record[3:].split("/", 1)[0] in wanted:
                changed.append((record[3:], record.startswith("??")))
            if record[0] in "RC":  # a rename or copy is followed by its source path
                next(records, None)
        return changed

    def branch(self) -> str | None:
        """The branch HEAD is on (``refs/heads/...``), or None when HEAD is detached
        (read from ``.git/HEAD``, without running git)."""
        head = self._repo.head
        if head.is_detached:
            return None
        return str(head.reference.path)

    def tracked_changes(self) -> list[str]:
        """Tracked paths whose index or working-tree state differs from HEAD (staged or not)."""
        _, out, _ = self.run("status", "--porcelain", "-z", "--untracked-files=no")
        records = iter(out.split("\0"))
        changed = []
        for record in records:
            if len(record) > 3:
                changed.append(record[3:])
                if record[0] in "RC":  # a rename or copy is followed by its source path
                    next(records, None)
        return changed

    # ------------------------------------------------------------------ writing

    def commit(
        self, paths: Sequence[str], message: str, lock_fd: int, scratch: Path, *, bulk: bool = False
    ) -> str:
        """Stage everything under ``paths`` and commit it on top of HEAD; return the new id.

        ``scratch`` is a private folder for the message and pathspec files.
        With ``bulk``, the new files go into one pack instead of one loose
        object each (git's bulk check-in, used for big files), which is much
        faster for thousands of files; small writes keep loose objects so that
        the repository does not collect one tiny pack per commit.
        """
        pathspec = scratch / "pathspec"
        message_file = scratch / "message"
        _write(pathspec, b"".join(p.encode("utf-8") + b"\0" for p in paths))
        _write(message_file, message.encode("utf-8"))
        spec = ("--pathspec-from-file", str(pathspec), "--pathspec-file-nul")
        packing = ("-c", "core.bigFileThreshold=1", "-c", "pack.compression=1") if bulk else ()
        self.run(*packing, "add", "--all", *spec, lock_fd=lock_fd)
        self.run(
            "commit", "--quiet", "--no-verify", "-F", str(message_file), *spec, lock_fd=lock_fd
        )
        head = self.head()
        if head is None:
            raise GitError("commit left no HEAD")
        return head

    def commit_versions(
        self,
        paths: Sequence[str],
        message: str,
        earlier: Sequence[EarlierVersion],
        lock_fd: int,
        scratch: Path,
        *,
        bulk: bool = False,
    ) -> str:
        """Commit ``earlier`` versions, each in a commit of its own that changes only its
        document directory, then everything under ``paths`` on top; return the new id.

        The commits are made without the working tree (``commit-tree`` on trees
        built in a temporary index) and the branch moves once, at the end: the
        write lands whole or not at all.
        """
        old = self.head()
        if old is None:
            raise GitError("no commit to build on")
        if paths:
            pathspec = scratch / "pathspec"
            _write(pathspec, b"".join(p.encode("utf-8") + b"\0" for p in paths))
            spec = ("--pathspec-from-file", str(pathspec), "--pathspec-file-nul")
            packing = ("-c", "core.bigFileThreshold=1", "-c", "pack.compression=1") if bulk else ()
            self.run(*packing, "add", "--all", *spec, lock_fd=lock_fd)
        tree = self.run("write-tree", lock_fd=lock_fd)[1].strip()
        index = scratch / "earlier-index"
        env = {"GIT_INDEX_FILE": str(index)}
        try:
            self.run("read-tree", old, env=env, lock_fd=lock_fd)
            parent = old
            for version in earlier:
                parent = self._commit_earlier(version, parent, env, lock_fd, scratch)
        finally:
            index.unlink(missing_ok=True)
        new = self._commit_tree(tree, parent, message, lock_fd, scratch)
        subject = message.split("\n", 1)[0]
        self.run("update-ref", "-m", f"commit: {subject}", "HEAD", new, old, lock_fd=lock_fd)
        return new

    def _commit_earlier(
        self,
        version: EarlierVersion,
        parent: str,
        env: dict[str, str],
        lock_fd: int,
        scratch: Path,
    ) -> str:
        """One earlier version's commit on ``parent``, its tree built in the index ``env``
        names (which holds ``parent``'s tree)."""
        names = [path.name for path in version.files]
        _, out, _ = self.run(
            "hash-object", "-w", "--no-filters", "--", *map(str, version.files), lock_fd=lock_fd
        )
        stale = [f"{version.dirname}/{name}" for name in version.stale if name not in names]
        if stale:
            self.run("update-index", "--force-remove", "--", *stale, env=env, lock_fd=lock_fd)
        entries: list[str] = []
        for blob, name in zip(out.split(), names, strict=True):
            entries += ["--cacheinfo", f"100644,{blob},{version.dirname}/{name}"]
        self.run("update-index", "--add", *entries, env=env, lock_fd=lock_fd)
        tree = self.run("write-tree", env=env, lock_fd=lock_fd)[1].strip()
        return self._commit_tree(tree, parent, version.message, lock_fd, scratch)

    def _commit_tree(
        self, tree: str, parent: str, message: str, lock_fd: int, scratch: Path
    ) -> str:
        message_file = scratch / "message"
        _write(message_file, message.encode("utf-8"))
        _, out, _ = self.run(
            "commit-tree", tree, "-p", parent, "-F", str(message_file), lock_fd=lock_fd
        )
        return out.strip()

    def restore(self, files: Sequence[str], lock_fd: int) -> None:
        """Put the files ``files`` back as HEAD has them, in the index and the working tree.

        A file HEAD does not have is deleted; nothing but these exact paths is
        touched, so files of the user's next to them stay. Used only to undo an
        interrupted or failed write of resdiff's own files, which may have
        failed because the disk is full, so it frees space before it needs
        any: it deletes the files first, resets the index only when it differs
        from HEAD there (a new index needs room for a copy of the whole index),
        then writes HEAD's files back, which fit where the deleted ones were.
        """
        if not files:
            return
        wanted = set(files)
        folders = sorted({f.rsplit("/", 1)[0] for f in files if "/" in f})
        committed = [e for e in self.ls_tree("HEAD", folders, recursive=True) if e.path in wanted]
        for name in files:
            _remove_file(self.path / name)
        status, _, _ = self.run(
            "diff-index", "--cached", "--quiet", "HEAD", "--", *files, check=False
        )
        if status != 0:
            self.run("reset", "--quiet", "HEAD", "--", *files, lock_fd=lock_fd)
        unusual = [e.path for e in committed if not self._write_back(e)]
        if unusual:  # links, submodules or odd names nobody but a person committed
            self.run("checkout", "--quiet", "HEAD", "--", *unusual, lock_fd=lock_fd)
        # the rewritten files' stat data, so that status need not hash them (needs room)
        self.run("update-index", "-q", "--refresh", lock_fd=lock_fd, check=False)

    def _write_back(self, entry: TreeEntry) -> bool:
        """Write a committed regular file into the working tree; False for anything else."""
        parts = entry.path.split("/")
        if entry.kind != "blob" or entry.mode not in ("100644", "100755"):
            return False
        if any(part in ("", ".", "..") or part.casefold() == ".git" for part in parts):
            return False
        target = self.path.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, self.read_blob(entry.sha))
        if entry.mode == "100755":
            target.chmod(0o755)
        return True

    def remove_stale_lock_files(self) -> list[str]:
        """Delete lock and temporary files left by a killed git; return their names.

        Call only while holding the archive's writer lock, after an interrupted
        write: every git process resdiff starts holds that lock too, so no live
        git of ours can own these files.
        """
        candidates = [self.git_dir / name for name in GIT_LOCK_FILES]
        candidates += list(self.git_dir.glob("next-index-*.lock"))
        candidates += list((self.git_dir / "refs").rglob("*.lock"))
        removed = self._unlink(candidates)
        return removed + self.remove_temporary_objects()

    def remove_temporary_objects(self) -> list[str]:
        """Delete half-written objects and packs a failed or killed git left; return names.

        Git leaves them when a write fails for want of space; they only take
        space. Call only while holding the archive's writer lock, with no git
        command of this writer running.
        """
        objects = self.git_dir / "objects"
        return self._unlink([*objects.glob("pack/tmp_*"), *objects.glob("??/tmp_obj_*")])

    def _unlink(self, candidates: Sequence[Path]) -> list[str]:
        removed = []
        for candidate in candidates:
            try:
                candidate.unlink()
            except FileNotFoundError:
                continue
            removed.append(str(candidate.relative_to(self.git_dir)))
        return removed


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _remove_file(path: Path) -> None:
    """Delete a file or link (never what a link points to); a directory is left alone."""
    if path.is_symlink() or path.is_file():
        path.unlink()


def _subcommand(args: Sequence[str]) -> str:
    """The git command in ``args`` (after any leading ``-c name=value`` options)."""
    rest = list(args)
    while len(rest) > 2 and rest[0] == "-c":
        rest = rest[2:]
    return rest[0] if rest else "git"


def _stderr(exc: gitpython.GitCommandError) -> str:
    text = exc.stderr if isinstance(exc.stderr, str) else str(exc)
    return " ".join(text.split()) or str(exc)


NO_BLOB = "0" * 40  # the blob id ``git log --raw`` gives a deleted file


def blob_id(data: bytes) -> str:
    """The git object id of a blob holding ``data`` (what ``git hash-object`` prints).

    >>> blob_id(b"")
    'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
    """
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
