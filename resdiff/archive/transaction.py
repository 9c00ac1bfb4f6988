"""One write to the archive: files written, then one commit, or nothing at all.

The writer holds the archive lock throughout. Before it touches a document
directory it appends the directory's name to the journal,
``.git/resdiff/transaction`` (one name per line). Then it writes the files
in place and, at the end, ``git add`` + ``git commit`` of those directories
only; after the commit it records the new HEAD and deletes the journal.

If the writer dies at any point, the journal is left behind. The next writer
(or ``verify``), holding the lock, undoes the interrupted write: it deletes git
lock files the killed git left (no live git of ours can own them: every git we
start inherits the lock), then puts resdiff's own files of each journalled
directory (``OWN_FILES``) back as HEAD has them, deleting those HEAD does not
have, and removes a directory the write left empty. Any other file in a
document directory is the user's and is never touched, staged or deleted. A
commit that did complete is HEAD, so nothing acknowledged is lost, and a
commit is all of a write or none of it. Only names that map to a symbol and
fit the file system are ever restored, and only complete journal lines count,
so a torn journal cannot name anything else. A journal that cannot be undone
at all (anything but a full disk) is set aside as ``transaction.failed-<time>``
with a warning, so that one bad journal never blocks the archive.

A write that fails (a full disk, a git error, an interrupt) is undone at once
by ``rollback`` in the same way. On a full disk the undo frees space before it
needs any (see ``GitRepo.restore``); if it still cannot finish, the journal
stays for the next writer, and the error says so (``DiskFull``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from resdiff.archive.errors import DiskFull
from resdiff.archive.git import NO_SPACE_ERRNOS, EarlierVersion, GitRepo
from resdiff.archive.layout import KNOWN_HEAD, META_FILE, OWN_FILES, TEXT_FILE
from resdiff.archive.lock import ArchiveLock
from resdiff.archive.meta import VersionMeta
from resdiff.archive.symbols import is_symbol_dirname
from resdiff.files import replace_atomically
from resdiff.gitcommand import GitError

JOURNAL = "transaction"
EARLIER = "earlier"  # scratch folder of the versions recorded before the current ones
LONGEST_OWN_FILE = max(OWN_FILES, key=len)


class Transaction:
    """The files of one write, journalled as they are written, then committed."""

    def __init__(self, root: Path, repo: GitRepo, scratch: Path, lock_fd: int) -> None:
        self.root = root
        self.repo = repo
        self.scratch = scratch
        self.lock_fd = lock_fd
        self.touched: list[str] = []
        self.files: dict[str, None] = {}  # written or deleted, in order: what the commit stages
        self.earlier: list[EarlierVersion] = []
        self._journal: int | None = None
        shutil.rmtree(scratch / EARLIER, ignore_errors=True)  # what a killed write left

    def write(
        self,
        dirname: str,
        meta: VersionMeta,
        text: str | None,
        original: bytes | None,
        committed: str | None = None,
    ) -> None:
        """Write a document directory: its text and original when given, always its metadata.

        An original of another format is deleted: the one HEAD holds
        (``committed``), or one this write put there. The directory was
        checked by the planner (``document_problem``) before anything was written.
        """
        self._journal_add(dirname)
        folder = self.root / dirname
        folder.mkdir(exist_ok=True)
        if text is not None:
            self._write(dirname, TEXT_FILE, text.encode("utf-8"))
        if original is not None:
            self._write(dirname, meta.original_name, original)
            for name in OWN_FILES[2:]:
                path = f"{dirname}/{name}"
                if name == meta.original_name or (name != committed and path not in self.files):
                    continue
                (folder / name).unlink(missing_ok=True)
                if name == committed:
                    self.files[path] = None  # stage the deletion
                else:
                    del self.files[path]
        self._write(dirname, META_FILE, meta.to_json().encode("utf-8"))

    def record_earlier(
        self, dirname: str, meta: VersionMeta, text: str, original: bytes, message: str
    ) -> None:
        """Keep a version dated before the current one for its own commit (``commit``)."""
        folder = self._earlier_folder()
        contents = {
            TEXT_FILE: text.encode("utf-8"),
            meta.original_name: original,
            META_FILE: meta.to_json().encode("utf-8"),
        }
        for name, data in contents.items():
            _write_file(folder / name, data)
        self._add_earlier(dirname, folder, message)

    def demote(self, dirname: str, meta: VersionMeta, message: str) -> None:
        """Record the version this write put in ``dirname`` as an earlier one (a newer
        version of the same document came later in the write)."""
        folder = self._earlier_folder()
        for name in (TEXT_FILE, meta.original_name, META_FILE):
            shutil.copyfile(self.root / dirname / name, folder / name)
        self._add_earlier(dirname, folder, message)

    def _earlier_folder(self) -> Path:
        folder = self.scratch / EARLIER / str(len(self.earlier))
        folder.mkdir(parents=True)
        return folder

    def _add_earlier(self, dirname: str, folder: Path, message: str) -> None:
        files = tuple(sorted(folder.iterdir()))
        self.earlier.append(EarlierVersion(dirname, files, OWN_FILES, message))

    def _write(self, dirname: str, name: str, data: bytes) -> None:
        _write_file(self.root / dirname / name, data)
        self.files[f"{dirname}/{name}"] = None

    def commit(self, message: str, *, bulk: bool) -> str:
        """Commit the files written (nothing else); return the new HEAD. Ends the transaction.

        Once git has committed, the write is done: failing to record the new
        HEAD (a full disk) does not fail it; ``verify`` then compares HEAD with
        the HEAD recorded before, which is in its history all the same.
        """
        if self.earlier:
            head = self.repo.commit_versions(
                list(self.files), message, self.earlier, self.lock_fd, self.scratch, bulk=bulk
            )
        else:
            head = self.repo.commit(
                list(self.files), message, self.lock_fd, self.scratch, bulk=bulk
            )
        self._close()
        with contextlib.suppress(OSError):
            write_atomically(self.scratch / KNOWN_HEAD, head.encode())
        return head

    def rollback(self) -> None:
        """Put resdiff's files of every directory written back as HEAD has them.
        Ends the transaction.

        If that fails too, the journal is kept for the next writer to undo.
        """
        if self._journal is None:
            shutil.rmtree(self.scratch / EARLIER, ignore_errors=True)
            return
        try:
            self.repo.remove_temporary_objects()
            undo(self.root, self.repo, self.touched, self.lock_fd)
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
        shutil.rmtree(self.scratch / EARLIER, ignore_errors=True)
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
            if not keep_journal:
                (self.scratch / JOURNAL).unlink(missing_ok=True)


@dataclass(slots=True)
class Recovery:
    """What undoing an interrupted write did: paths cleaned, and warnings for the user."""

    cleaned: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def recover_pending(root: Path, repo: GitRepo, scratch: Path) -> Recovery:
    """Undo an interrupted write, if there is one (taking the writer lock only then)."""
    if not (scratch / JOURNAL).exists():
        return Recovery()
    with ArchiveLock(scratch / "lock") as fd:
        return recover(root, repo, scratch, fd)


def recover(root: Path, repo: GitRepo, scratch: Path, lock_fd: int) -> Recovery:
    """Undo a write a killed writer left (call holding the lock).

    A journal that cannot be undone for any reason but a full disk is set
    aside (renamed) with a warning, so that the archive stays usable.
    """
    journal = scratch / JOURNAL
    if not journal.exists():
        return Recovery()
    text = journal.read_bytes().decode("utf-8", "replace")
    complete = text[: text.rfind("\n") + 1].split("\n")
    names = [n for n in dict.fromkeys(complete) if is_symbol_dirname(n)]
    paths = [n for n in names if path_problem(root, n) is None]  # the rest cannot exist
    try:
        removed = repo.remove_stale_lock_files()
        undo(root, repo, paths, lock_fd)
    except (OSError, GitError) as exc:
        if is_disk_full(exc):
            raise
        return Recovery(warnings=[_set_aside(journal, exc)])
    with contextlib.suppress(OSError):
        write_atomically(scratch / KNOWN_HEAD, (repo.head() or "").encode())
    journal.unlink()
    return Recovery([*removed, *paths])


def _set_aside(journal: Path, error: BaseException) -> str:
    """Rename an unrecoverable journal out of the way; the warning that says so."""
    kept = journal.with_name(f"{JOURNAL}.failed-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}")
    os.replace(journal, kept)
    reason = " ".join(str(error).split())
    return (
        f"could not undo an interrupted write ({reason}); its journal was set aside as "
        f"{kept}; check the archive with `resdiff archive verify`"
    )


def undo(root: Path, repo: GitRepo, dirnames: list[str], lock_fd: int) -> None:
    """Put resdiff's own files of ``dirnames`` back as HEAD has them; remove a directory
    this left empty (one the write created). Other files are never touched."""
    repo.restore([f"{d}/{name}" for d in dirnames for name in OWN_FILES], lock_fd)
    for dirname in dirnames:
        folder = root / dirname
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def path_problem(root: Path, dirname: str) -> str | None:
    """Why the files of document directory ``dirname`` cannot be written under ``root``
    (a name or a path longer than the file system allows, counted in bytes); None if
    they can."""
    name_max = _limit(root, "PC_NAME_MAX", 255)
    path_max = _limit(root, "PC_PATH_MAX", 4096)
    size = len(os.fsencode(dirname))
    if size > name_max:
        return (
            f"its directory name, {dirname[:40]}..., would be {size} bytes long, "
            f"more than the {name_max} the file system allows"
        )
    longest = len(os.fsencode(root / dirname / LONGEST_OWN_FILE))
    if longest >= path_max:
        return (
            f"the path of its files would be {longest} bytes long, "
            f"more than the {path_max - 1} the file system allows"
        )
    return None


def _limit(root: Path, name: str, default: int) -> int:
    try:
        return int(os.pathconf(root, name))
    except (OSError, ValueError):
        return default


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
