"""The archive: a git repository of resolution versions, one directory per symbol.

``Archive`` is the top of the archive's layers: an ``ArchiveReader``
(``reader``) that also writes. Its files are laid out as ``layout`` says. A
document's versions are the git history of its directory. A write reads its
inputs (``inputs``), plans what they change against HEAD (``plan``) and
writes and commits them as one transaction (``transaction``), all under the
writer lock (``lock``). Readers only read git objects, never the working
tree, so they see the last commit whatever a writer is doing.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from resdiff.archive.checks import check_checkout, check_clean
from resdiff.archive.errors import ArchiveError, DiskFull, NotAnArchive, UnknownSymbol
from resdiff.archive.git import GitRepo, blob_id
from resdiff.archive.inputs import (
    AddRequest,
    Prepared,
    Rejected,
    lookup_query,
    prepare,
    prepare_stream,
    resolution_files,
)
from resdiff.archive.layout import ARCHIVE_FILE, ARCHIVE_FORMAT, KNOWN_HEAD
from resdiff.archive.lineage import Blame, blame
from resdiff.archive.lock import ArchiveLock
from resdiff.archive.meta import Status, resdiff_version
from resdiff.archive.order import order_versions
from resdiff.archive.plan import (
    Action,
    AddResult,
    BatchResult,
    Planned,
    Planner,
    commit_message,
    earlier_message,
    keep_message,
)
from resdiff.archive.predecessor import Candidate, rank
from resdiff.archive.predecessor_index import refresh
from resdiff.archive.reader import ArchiveReader, Revision, StoredVersion
from resdiff.archive.transaction import (
    Recovery,
    Transaction,
    disk_full_error,
    is_disk_full,
    recover,
    recover_pending,
    write_atomically,
)
from resdiff.archive.verify import VerifyReport, verify_archive
from resdiff.errors import ResdiffError
from resdiff.gitcommand import GitError

__all__ = [
    "AddRequest",
    "AddResult",
    "Archive",
    "ArchiveError",
    "BatchResult",
    "DiskFull",
    "NotAnArchive",
    "Revision",
    "StoredVersion",
    "UnknownSymbol",
    "order_versions",
    "prepare",
]

BULK_FROM = 16  # new texts; from this many, a write packs its objects and seeds the index

README = """\
# resdiff archive

Versions of United Nations resolutions kept by resdiff (`resdiff archive --help`).

Each directory holds one document, named after its symbol with `/` written as
`_` (S/2019/90 -> `S_2019_90`; other characters percent-encoded):

- `text.md`: the normalised text, one paragraph per line;
- `original.*`: the file as it was given (text, markdown, PDF or DOCX);
- `meta.json`: symbol, title, body, date, status, series, predecessor,
  source file name and SHA-256, parser version.

The versions of a document are the git history of its directory
(`git log -p -- S_2019_90/text.md`). resdiff only ever adds commits.
"""


class Archive(ArchiveReader):
    """A resdiff archive at ``path``: add, read, list and check versions of documents.

    Close it when done (``close``), or use it as a context manager:
    ``with Archive(path) as archive: ...``.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path)
        self.warnings: list[str] = []  # one line each, for the user (not errors)

    # ------------------------------------------------------------------ creating

    @classmethod
    def init(cls, path: str | os.PathLike[str]) -> tuple[Archive, bool]:
        """Create an archive at ``path`` (or open the one there); True when newly created.

        Safe to run concurrently: creators queue on a lock on the folder itself,
        so only the first one creates the repository and the others open it.
        """
        target = Path(path).absolute()
        if target.exists() and not target.is_dir():
            raise ArchiveError(f"{target}: exists and is not a directory")
        if target.is_dir() and _is_archive(target):
            return cls(target), False
        if not (target / ".git" / "resdiff").is_dir():
            # A foreign folder is refused before it is locked. With our init under way
            # (its temporary files in the folder), the check under the lock decides.
            _check_empty(target)
        target.mkdir(parents=True, exist_ok=True)
        with ArchiveLock(target):
            if _is_archive(target):  # made meanwhile by another process
                return cls(target), False
            _check_empty(target)
            _create(target)
        return cls(target), True

    # ------------------------------------------------------------------ adding

    def add(self, request: AddRequest, *, derive_series: bool = False) -> BatchResult:
        """Store one file as a version of its symbol; one commit unless nothing changed.

        Raises on any problem with the file or its metadata, before anything is written.
        """
        prepared = prepare(request)
        return self._store([(request, prepared)], strict=True, derive_series=derive_series)

    def add_many(
        self,
        requests: Sequence[AddRequest],
        *,
        derive_series: bool = False,
        find_series: bool = False,
        strict: bool = False,
        jobs: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> BatchResult:
        """Store several files in one commit (predecessors before their successors).

        Files that cannot be stored are rejected with a reason; with ``strict``
        the first problem is raised instead, and nothing is written. Without
        it, files are read by ``jobs`` processes while the ones already read
        are stored. With ``find_series``, each new text without a predecessor
        gets the one the predecessor lookup finds (among the archive and the
        files of this write), and joins its series.
        """
        sign = find_series or len(requests) >= BULK_FROM
        if strict:
            items: Iterable[tuple[AddRequest, Prepared | Rejected]] = [
                (request, prepare(request, sign=sign)) for request in requests
            ]
        else:
            items = prepare_stream(requests, sign=sign, jobs=jobs, progress=progress)
        return self._store(
            items,
            strict=strict,
            derive_series=derive_series or find_series,
            find_series=find_series,
        )

    def import_directory(
        self,
        directory: str | os.PathLike[str],
        *,
        series: str | None = None,
        status: Status | None = None,
        recursive: bool = False,
        find_series: bool = True,
        jobs: int | None = None,
        progress_start: Callable[[int], Callable[[int], None]] | None = None,
    ) -> BatchResult:
        """Store every resolution file (.txt, .md, .pdf, .docx) of ``directory`` in one commit.

        With ``find_series`` (the default) the series are found as ``add_many``
        says. ``progress_start(total)`` is called once with the number of files
        and returns a callback that is told how many more files were read.
        """
        files, ignored = resolution_files(Path(directory), recursive)
        requests = [AddRequest(path, series=series, status=status) for path in files]
        progress = progress_start(len(requests)) if progress_start else None
        result = self.add_many(requests, find_series=find_series, jobs=jobs, progress=progress)
        result.ignored = [str(p) for p in ignored]
        return result

    def _store(
        self,
        items: Iterable[tuple[AddRequest, Prepared | Rejected]],
        *,
        strict: bool,
        derive_series: bool,
        find_series: bool = False,
    ) -> BatchResult:
        with ArchiveLock(self.scratch / "lock") as fd:
            check_checkout(self.path, self.repo)
            self.warnings += self._recover(fd).warnings
            check_clean(self.path, self.repo)
            planner = Planner(self, strict, derive_series, find_series=find_series)
            transaction = Transaction(self.path, self.repo, self.scratch, fd)
            try:
                head = self._write_planned(items, planner, transaction)
            except BaseException as exc:
                _roll_back(self.path, transaction, exc)
                raise
            results = planner.results(head)
            if head is not None and len(results) < BULK_FROM:
                results = [self._numbered(result) for result in results]
        writes = planner.writes()
        if head is not None and len(writes) >= BULK_FROM:
            _seed_index(self, writes)
        return BatchResult(results, head, planner.linked)

    def _recover(self, lock_fd: int) -> Recovery:
        """Undo an interrupted write (holding the lock); a full disk is ``DiskFull``."""
        try:
            return recover(self.path, self.repo, self.scratch, lock_fd)
        except (OSError, GitError) as exc:
            if is_disk_full(exc):
                raise disk_full_error(self.path, exc, undone=False) from exc
            raise

    def _numbered(self, result: AddResult) -> AddResult:
        """``result`` with the number of the version it stored (read under the lock)."""
        if result.commit is None or result.symbol is None:
            return result
        history = self.history(result.symbol)
        numbers = [r.number for r in history if r.meta == result.meta]
        return replace(result, version=numbers[-1] if numbers else len(history))

    def _write_planned(
        self,
        items: Iterable[tuple[AddRequest, Prepared | Rejected]],
        planner: Planner,
        transaction: Transaction,
    ) -> str | None:
        """Plan each item and write it as soon as it is planned; commit at the end.

        Returns the new commit (None: nothing changed).
        """
        for request, prepared in items:
            planner.plan(request, prepared)
            for action in planner.take_actions():
                _perform(action, transaction)
        for planned in planner.link():
            transaction.write(planned.dirname, planned.meta, None, None)
        writes = planner.writes()
        if not writes and not planner.earlier:
            return None
        message = commit_message(writes, planner.linked) if writes else keep_message(planner)
        return transaction.commit(message, bulk=len(writes) >= BULK_FROM)

    def recover(self) -> Recovery:
        """Undo an interrupted write, if there is one (taking the lock only then)."""
        return recover_pending(self.path, self.repo, self.scratch)

    # ------------------------------------------------------------------ reading

    def blame(self, ref: str) -> Blame:
        """Where each paragraph of version ``ref`` first appeared in its series, and changed."""
        return blame(self, self.version(ref))

    def find_predecessors(
        self, source: str | os.PathLike[str], *, top: int = 5, symbol: str | None = None
    ) -> list[Candidate]:
        """Archived documents ranked as the predecessor of the file ``source``.

        Its own symbol (``symbol``, else the one read from it) is left out, and
        so is every document made after it (see ``predecessor``).
        """
        return rank(refresh(self.repo), lookup_query(source, symbol), top=top)

    def verify(self, *, deep: bool = False) -> VerifyReport:
        """Check every stored file and its metadata (see ``resdiff.archive.verify``)."""
        return verify_archive(self, deep=deep)


# ---------------------------------------------------------------------- helpers


SKELETON = (ARCHIVE_FILE, ".gitattributes", "README.md")


def _check_empty(target: Path) -> None:
    """Refuse a folder holding anything but git and what an interrupted ``init`` left."""
    if not target.is_dir():
        return
    allowed = {".git"}
    if (target / ".git" / "resdiff").is_dir():  # an earlier init of ours got this far
        allowed |= {".resdiff", ".gitattributes", "README.md"}
    if any(p.name not in allowed for p in target.iterdir()):
        raise ArchiveError(f"{target}: exists, is not empty and is not a resdiff archive")


def _create(target: Path) -> None:
    """Make the repository and its first commit in the empty folder ``target``."""
    repo = GitRepo.create(target) if not (target / ".git").exists() else GitRepo(target)
    scratch = repo.git_dir / "resdiff"
    try:
        with ArchiveLock(scratch / "lock") as fd:
            if repo.head() is not None:  # a repository with commits, but not an archive
                raise NotAnArchive(f"{target}: a git repository, but not a resdiff archive")
            _write_skeleton(target)
            head = repo.commit(list(SKELETON), "Create resdiff archive\n", fd, scratch)
            write_atomically(scratch / KNOWN_HEAD, head.encode())
    finally:
        repo.close()


def _write_skeleton(target: Path) -> None:
    marker = {"format": ARCHIVE_FORMAT, "created_by": f"resdiff {resdiff_version()}"}
    write_atomically(target / ARCHIVE_FILE, (json.dumps(marker, indent=2) + "\n").encode())
    write_atomically(target / ".gitattributes", b"* -text\n")
    write_atomically(target / "README.md", README.encode())


def _is_archive(path: Path) -> bool:
    try:
        Archive(path).close()
    except ResdiffError:
        return False
    return True


def _roll_back(root: Path, transaction: Transaction, error: BaseException) -> None:
    """Undo a failed write; raise ``DiskFull`` instead of ``error`` when space ran out."""
    try:
        transaction.rollback()
    except (OSError, GitError) as undo_error:
        if is_disk_full(error) or is_disk_full(undo_error):
            cause = error if is_disk_full(error) else undo_error
            raise disk_full_error(root, cause, undone=False) from error
        raise
    if is_disk_full(error):
        raise disk_full_error(root, error, undone=True) from error


def _perform(action: Action, transaction: Transaction) -> None:
    """Do what the planner decided for one version (see ``plan.Action``)."""
    planned = action.planned
    if action.kind == "write":
        transaction.write(
            planned.dirname, planned.meta, planned.text, planned.original, planned.committed
        )
    elif action.kind == "demote":
        transaction.demote(planned.dirname, planned.meta, earlier_message(planned))
    else:
        assert planned.text is not None and planned.original is not None
        transaction.record_earlier(
            planned.dirname, planned.meta, planned.text, planned.original, earlier_message(planned)
        )
    planned.release()


def _seed_index(archive: Archive, writes: list[Planned]) -> None:
    """Bring the predecessor index up to date with what a bulk write already has (its
    signatures and metadata), so that the next lookup reads nothing from git."""
    signatures = {w.text_blob: w.signature for w in writes if w.text_blob and w.signature}
    metas = {blob_id(w.meta.to_json().encode("utf-8")): w.meta for w in writes}
    with contextlib.suppress(OSError, GitError):
        refresh(archive.repo, signatures, metas)
