"""One write to the archive: files written, then one commit, or nothing at all.

The writer holds the archive lock throughout. Before it touches a document
directory it appends the directory's name to the journal,
``.git/resdiff/transaction`` (one name per line). Then it writes the files
in place and, at the end, ``git add`` + ``git commit`` of those directories
only; after the commit it records the new HEAD and deletes the journal.

If the writer dies at any point, the journal is left behind. The next writer
(or ``verify``), holding the lock, undoes the interrupted write: it deletes git
lock files the killed git left (no live git of ours can own them: every git we
start inherits the lock), then puts each journalled directory back as HEAD has
it, deleting what HEAD does not have. A commit that did complete is HEAD, so
nothing acknowledged is lost, and a commit is all of a write or none of it.
Only names that map to a symbol are ever restored, and only complete journal
lines count, so a torn journal cannot name anything else.

A write that fails (a full disk, a git error, an interrupt) is undone at once
by ``rollback`` in the same way. On a full disk the undo frees space before it
needs any (see ``GitRepo.restore``); if it still cannot finish, the journal
stays for the next writer, and the error says so (``DiskFull``).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from resdiff.archive.errors import ArchiveError, DiskFull
from resdiff.archive.git import NO_SPACE_ERRNOS, GitError, GitRepo
from resdiff.archive.meta import VersionMeta
from resdiff.archive.symbols import is_symbol_dirname
from resdiff.files import replace_atomically

JOURNAL = "transaction"
KNOWN_HEAD = "known-head"
TEXT_FILE = "text.md"
META_FILE = "meta.json"


class Transaction:
    """The files of one write, journalled as they are written, then committed."""

    def __init__(self, root: Path, repo: GitRepo, scratch: Path, lock_fd: int) -> None:
        self.root = root
        self.repo = repo
        self.scratch = scratch
        self.lock_fd = lock_fd
        self.touched: list[str] = []
        self._journal: int | None = None

    def write(
        self, dirname: str, meta: VersionMeta, text: str | None, original: bytes | None
    ) -> None:
        """Write a document directory: its text and original when given, always its metadata."""
        self._journal_add(dirname)
        folder = self.root / dirname
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise ArchiveError(f"{folder}: is not a directory resdiff made")
        folder.mkdir(exist_ok=True)
        if text is not None:
            _write_file(folder / TEXT_FILE, text.encode("utf-8"))
        if original is not None:
            _write_file(folder / meta.original_name, original)
            for other in folder.glob("original.*"):
                if other.name != meta.original_name:
                    other.unlink()
        _write_file(folder / META_FILE, meta.to_json().encode("utf-8"))

    def commit(self, message: str, *, bulk: bool) -> str:
        """Commit every directory written; return the new HEAD. Ends the transaction.

        Once git has committed, the write is done: failing to record the new
        HEAD (a full disk) does not fail it; ``verify`` then compares HEAD with
        the HEAD recorded before, which is in its history all the same.
        """
        head = self.repo.commit(self.touched, message, self.lock_fd, self.scratch, bulk=bulk)
        self._close()
        with contextlib.suppress(OSError):
            write_atomically(self.scratch / KNOWN_HEAD, head.encode())
        return head

    def rollback(self) -> None:
        """Put every directory written back as HEAD has it. Ends the transaction.

        If that fails too, the journal is kept for the next writer to undo.
        """
        if self._journal is None:
            return
        try:
            self.repo.remove_temporary_objects()
            self.repo.restore(self.touched, self.lock_fd)
        except BaseException:
            self._close(keep_journal=True)
            raise
        self._close()

    def _journal_add(self, dirname: str) -> None:
        if dirname in self.touched:
            return
        if self._journal is None:
            self.scratch.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND | os.O_CLOEXEC
            self._journal = os.open(self.scratch / JOURNAL, flags, 0o644)
        line = memoryview(f"{dirname}\n".encode())
        while line:  # a short write is retried (and then fails with the reason)
            line = line[os.write(self._journal, line) :]
        self.touched.append(dirname)

    def _close(self, *, keep_journal: bool = False) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
            if not keep_journal:
                (self.scratch / JOURNAL).unlink(missing_ok=True)


def recover(root: Path, repo: GitRepo, scratch: Path, lock_fd: int) -> list[str]:
    """Undo a write a killed writer left (call holding the lock); return what was cleaned."""
    journal = scratch / JOURNAL
    if not journal.exists():
        return []
    text = journal.read_bytes().decode("utf-8", "replace")
    complete = text[: text.rfind("\n") + 1].split("\n")
    paths = [name for name in dict.fromkeys(complete) if is_symbol_dirname(name)]
    removed = repo.remove_stale_lock_files()
    repo.restore(paths, lock_fd)
    write_atomically(scratch / KNOWN_HEAD, (repo.head() or "").encode())
    journal.unlink()
    return [*removed, *paths]


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file and a rename (readers see old or new).

    On failure (a full disk) the temporary file is deleted and ``path`` is as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, data)


def is_disk_full(error: BaseException) -> bool:
    """True when ``error`` is a write that failed for want of space (or of quota)."""
    if isinstance(error, OSError):
        return error.errno in NO_SPACE_ERRNOS
    return isinstance(error, GitError) and error.no_space


def disk_full_error(root: Path, error: BaseException, *, undone: bool) -> DiskFull:
    """The one-line error for a write to the archive at ``root`` that ran out of space."""
    quota = isinstance(error, OSError) and error.errno != errno.ENOSPC
    if isinstance(error, GitError) and "Disk quota exceeded" in str(error):
        quota = True
    what = "disk quota exceeded" if quota else "the disk is full (no space left on device)"
    where = _failed_step(root, error)
    if undone:
        after = "nothing was stored and the archive is as it was; free some space and try again"
    else:
        after = (
            "the unfinished write is undone by the next `resdiff archive add`, "
            "`import` or `verify` once there is space"
        )
    return DiskFull(f"{what}: cannot write to the archive {root}{where}; {after}")


def _failed_step(root: Path, error: BaseException) -> str:
    """`` (writing S_1/text.md)`` or `` (git commit)``: where the write ran out of space."""
    if isinstance(error, GitError):
        return f" ({str(error).split(' failed:', 1)[0]})"
    name = getattr(error, "filename", None)
    if not name:
        return ""
    path = Path(os.fsdecode(name))
    if path.is_relative_to(root):
        path = path.relative_to(root)
    return f" (writing {path})"


def _write_file(path: Path, data: bytes) -> None:
    # A plain write: inside a transaction a torn file is undone by recovery.
    if path.is_symlink():
        path.unlink()  # never write through a link someone put there
    with open(path, "wb") as handle:
        handle.write(data)
