"""The archive: a git repository of resolution versions, one directory per symbol.

Layout (see also the README written into every new archive)::

    README.md                 what this repository is
    .gitattributes            ``* -text``: originals are stored byte for byte
    .resdiff/archive.json     marks the repository as a resdiff archive
    S_2020_110/               one directory per symbol (see ``symbols``)
        text.md               the normalised text (``text.document_markdown``)
        original.txt          the file as given (.txt, .md, .pdf or .docx)
        meta.json             ``meta.VersionMeta``

A document's versions are the git history of its directory. A write reads
its inputs (``inputs``), plans what they change against HEAD (``plan``) and
writes and commits them as one transaction (``transaction``), all under the
writer lock (``lock``). Readers only read git objects, never the working
tree, so they see the last commit whatever a writer is doing.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff.archive.checks import check_checkout, check_clean
from resdiff.archive.errors import ArchiveError, DiskFull, NotAnArchive, UnknownSymbol
from resdiff.archive.git import NO_BLOB, CommitInfo, GitError, GitRepo, blob_id
from resdiff.archive.inputs import (
    AddRequest,
    Prepared,
    Rejected,
    lookup_query,
    prepare,
    prepare_stream,
    resolution_files,
)
from resdiff.archive.lock import ArchiveLock
from resdiff.archive.meta import ORIGINAL_SUFFIX, Status, VersionMeta, meta_from_json
from resdiff.archive.plan import (
    Action,
    AddResult,
    BatchResult,
    Planned,
    Planner,
    commit_message,
    earlier_message,
    keep_message,
    order_versions,
    resdiff_version,
)
from resdiff.archive.symbols import SymbolError, is_symbol_dirname, split_ref, symbol_to_dirname
from resdiff.archive.transaction import (
    JOURNAL,
    META_FILE,
    TEXT_FILE,
    Recovery,
    Transaction,
    disk_full_error,
    is_disk_full,
    recover,
    write_atomically,
)
from resdiff.errors import ResdiffError, no_paragraphs
from resdiff.model import Comparison, Document, Section
from resdiff.parse import parse
from resdiff.readers import read, read_data

if TYPE_CHECKING:
    from resdiff.archive.lineage import Blame
    from resdiff.archive.predecessor import Candidate
    from resdiff.archive.verify import VerifyReport

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

ARCHIVE_FILE = ".resdiff/archive.json"
ARCHIVE_FORMAT = 1
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


@dataclass(slots=True, frozen=True)
class Revision:
    """One version in a document's history: the commit that stored it, numbered from 1
    in the order of the document's own date, then of adding (see ``Archive.history``).

    ``date`` is the commit's date; ``meta`` the version's metadata (None when
    the commit removed the document or its metadata cannot be read).
    """

    symbol: str
    number: int
    commit: str
    date: str
    author: str
    subject: str
    text_changed: bool
    source_changed: bool
    meta: VersionMeta | None = None

    @property
    def document_date(self) -> str | None:
        """The document's own date at this version."""
        return self.meta.date if self.meta else None


@dataclass(slots=True, frozen=True)
class StoredVersion:
    """A document as stored at one revision."""

    symbol: str
    number: int
    commit: str
    meta: VersionMeta

    @property
    def ref(self) -> str:
        """``SYMBOL@N``: how this version is named on the command line."""
        return f"{self.symbol}@{self.number}"


class Archive:
    """A resdiff archive at ``path``: add, read, list and check versions of documents.

    Close it when done (``close``), or use it as a context manager:
    ``with Archive(path) as archive: ...``.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).absolute()
        if not self.path.is_dir():
            raise NotAnArchive(f"{self.path}: not a resdiff archive (no such directory)")
        try:
            self.repo = GitRepo(self.path)
        except GitError:
            raise NotAnArchive(
                f"{self.path}: not a resdiff archive (not a git repository)"
            ) from None
        self.scratch = self.repo.git_dir / "resdiff"
        self.warnings: list[str] = []  # one line each, for the user (not errors)
        if self.repo.head() is None or self.repo.read_file("HEAD", ARCHIVE_FILE) is None:
            raise NotAnArchive(f"{self.path}: not a resdiff archive (run `resdiff archive init`)")

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

    def close(self) -> None:
        """Stop git helper processes."""
        self.repo.close()

    def __enter__(self) -> Archive:
        """``with Archive(path) as archive:`` closes the archive at the end of the block."""
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

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
        if not (self.scratch / JOURNAL).exists():
            return Recovery()
        with ArchiveLock(self.scratch / "lock") as fd:
            return recover(self.path, self.repo, self.scratch, fd)

    # ------------------------------------------------------------------ reading

    def dirnames(self, rev: str = "HEAD") -> dict[str, str]:
        """Directory name -> tree id of every document directory in commit ``rev``."""
        return {
            e.path: e.sha
            for e in self.repo.ls_tree(rev)
            if e.kind == "tree" and is_symbol_dirname(e.path)
        }

    def meta_at(self, rev: str, symbol: str) -> VersionMeta | None:
        """The metadata of ``symbol`` in commit ``rev`` (None when it is not there)."""
        dirname = symbol_to_dirname(symbol)
        data = self.repo.read_file(rev, f"{dirname}/{META_FILE}")
        return None if data is None else meta_from_json(data, f"{dirname}/{META_FILE}@{rev[:12]}")

    def all_meta(self, rev: str = "HEAD") -> list[VersionMeta]:
        """The metadata of every document in commit ``rev``, by symbol."""
        metas = []
        for entry in self.repo.ls_tree(rev, recursive=True):
            folder, _, name = entry.path.partition("/")
            if name == META_FILE and is_symbol_dirname(folder):
                metas.append(meta_from_json(self.repo.read_blob(entry.sha), entry.path))
        return sorted(metas, key=lambda m: m.symbol)

    def catalogue(self, series: str | None = None) -> list[VersionMeta]:
        """Every document at HEAD, or only those of ``series``."""
        metas = self.all_meta()
        return [m for m in metas if series is None or m.series == series]

    def series(self, name: str) -> list[VersionMeta]:
        """The documents of series ``name`` in date order (predecessors first)."""
        members = self.catalogue(series=name)
        if not members:
            raise UnknownSymbol(f"no series {name!r} in the archive")
        return order_versions(members)

    def history(self, symbol: str) -> list[Revision]:
        """Every version of ``symbol``, numbered from 1 in the order of the document's own
        date, then of adding (a version without a date follows the one added before it).

        Every commit that changed the document's directory is a version, except
        one that only put back a state already in the list (after an earlier
        version was recorded, the current one is put back): it is the same version.
        """
        return self._history(symbol)[0]

    def _history(self, symbol: str) -> tuple[list[Revision], dict[str, Revision]]:
        """The history, and every commit touching the document -> the version it holds."""
        dirname = symbol_to_dirname(symbol)
        commits = list(reversed(self.repo.log([dirname])))
        if not commits:
            raise UnknownSymbol(f"{symbol}: not in the archive")
        kept: list[tuple[CommitInfo, VersionMeta | None]] = []
        state: dict[str, int] = {}  # meta.json blob -> index in kept
        holds: dict[str, int] = {}  # commit -> index in kept
        blob: str | None = None
        for commit in commits:
            blob = dict(commit.blobs).get(f"{dirname}/{META_FILE}", blob)
            if blob is not None and blob in state:
                holds[commit.sha] = state[blob]
                continue
            if blob is not None and blob != NO_BLOB:
                state[blob] = len(kept)
            holds[commit.sha] = len(kept)
            kept.append((commit, self._meta_blob(blob, dirname)))
        order = _date_order([meta for _, meta in kept])
        revisions = [
            _revision(symbol, dirname, number, *kept[index])
            for number, index in enumerate(order, start=1)
        ]
        by_index = dict(zip(order, revisions, strict=True))
        return revisions, {sha: by_index[index] for sha, index in holds.items()}

    def _meta_blob(self, blob: str | None, dirname: str) -> VersionMeta | None:
        if blob is None or blob == NO_BLOB:
            return None
        try:
            return meta_from_json(self.repo.read_blob(blob), f"{dirname}/{META_FILE}")
        except ResdiffError:
            return None

    def version(self, ref: str) -> StoredVersion:
        """The stored version named by ``SYMBOL``, ``SYMBOL@N`` or ``SYMBOL@<commit>``.

        ``SYMBOL`` alone is the version HEAD holds (the one dated last).
        """
        symbol, rev = split_ref(ref)
        history, holds = self._history(symbol)
        revision = _pick_revision(self, symbol, history, holds, rev)
        meta = self.meta_at(revision.commit, symbol)
        if meta is None:
            raise UnknownSymbol(f"{ref}: {symbol} was removed in that revision")
        return StoredVersion(symbol, revision.number, revision.commit, meta)

    def text(self, version: StoredVersion) -> str:
        """The normalised text (text.md) of a stored version."""
        return self._file(version, TEXT_FILE).decode("utf-8")

    def original(self, version: StoredVersion) -> bytes:
        """The original file of a stored version, byte for byte."""
        return self._file(version, version.meta.original_name)

    def document(self, version: StoredVersion, *, docx_revisions: str = "accept") -> Document:
        """The stored original parsed again, as ``resdiff compare`` would parse the file."""
        name = version.meta.source_name or f"original{ORIGINAL_SUFFIX[version.meta.source_format]}"
        raw = read_data(name, self.original(version), docx_revisions=docx_revisions)
        document = parse(raw)
        document.path = version.ref
        document.symbol = version.symbol
        return document

    def _file(self, version: StoredVersion, name: str) -> bytes:
        data = self.repo.read_file(version.commit, f"{symbol_to_dirname(version.symbol)}/{name}")
        if data is None:
            raise ArchiveError(f"{version.ref}: {name} is missing from the archive")
        return data

    def load(self, ref_or_path: str, *, docx_revisions: str = "accept") -> Document:
        """A file on disk (when ``ref_or_path`` names one) or an archived version, parsed."""
        if os.path.isfile(ref_or_path):
            document = parse(read(ref_or_path, docx_revisions=docx_revisions))
            if not document.paragraphs:
                raise no_paragraphs(ref_or_path, document.amends)
            return document
        try:
            version = self.version(ref_or_path)
        except SymbolError:
            raise UnknownSymbol(f"{ref_or_path}: no such file, and not a document symbol") from None
        return self.document(version, docx_revisions=docx_revisions)

    def diff(
        self,
        old: str,
        new: str,
        *,
        threshold: float | None = None,
        section: Section | None = None,
        docx_revisions: str = "accept",
    ) -> Comparison:
        """``resdiff.compare`` between two archived versions (or a file and a version)."""
        from resdiff.align import DEFAULT_THRESHOLD
        from resdiff.compare import compare

        comparison = compare(
            self.load(old, docx_revisions=docx_revisions),
            self.load(new, docx_revisions=docx_revisions),
            threshold=threshold if threshold is not None else DEFAULT_THRESHOLD,
            section=section,
        )
        comparison.old_name, comparison.new_name = self._name(old), self._name(new)
        return comparison

    def _name(self, ref_or_path: str) -> str:
        """How a report names a compared side: the file, or the version ``SYMBOL@N``."""
        if os.path.isfile(ref_or_path):
            return ref_or_path
        version = self.version(ref_or_path)
        return f"{version.symbol}@{version.number}"

    def predecessor_ref(self, ref: str) -> str:
        """What version ``ref`` is compared with alone: the version of its symbol before
        it, else its recorded predecessor, else the member of its series before it."""
        version = self.version(ref)
        earlier = [
            r
            for r in self.history(version.symbol)[: version.number - 1]
            if r.meta is not None and r.meta.source_sha256 != version.meta.source_sha256
        ]
        if earlier:
            return f"{version.symbol}@{earlier[-1].number}"
        if version.meta.predecessor:
            return version.meta.predecessor
        if version.meta.series:
            members = [m.symbol for m in self.series(version.meta.series)]
            position = members.index(version.symbol) if version.symbol in members else 0
            if position > 0:
                return members[position - 1]
        raise UnknownSymbol(
            f"{ref}: no earlier version of {version.symbol} and no predecessor in the archive; "
            "give the version to compare it with"
        )

    def blame(self, ref: str) -> Blame:
        """Where each paragraph of version ``ref`` first appeared in its series, and changed."""
        from resdiff.archive.lineage import blame

        return blame(self, self.version(ref))

    def find_predecessors(
        self, source: str | os.PathLike[str], *, top: int = 5, symbol: str | None = None
    ) -> list[Candidate]:
        """Archived documents ranked as the predecessor of the file ``source``.

        Its own symbol (``symbol``, else the one read from it) is left out, and
        so is every document made after it (see ``predecessor``).
        """
        from resdiff.archive.predecessor import rank
        from resdiff.archive.predecessor_index import refresh

        return rank(refresh(self), lookup_query(source, symbol), top=top)

    def verify(self, *, deep: bool = False) -> VerifyReport:
        """Check every stored file and its metadata (see ``resdiff.archive.verify``)."""
        from resdiff.archive.verify import verify_archive

        return verify_archive(self, deep=deep)

    def known_head(self) -> str | None:
        """The HEAD resdiff recorded after its last write (None when unknown)."""
        try:
            return (self.scratch / "known-head").read_text().strip() or None
        except OSError:
            return None


# ---------------------------------------------------------------------- helpers


def _date_order(metas: list[VersionMeta | None]) -> list[int]:
    """Indices of ``metas`` (in the order they were added) sorted by the document's date;
    an undated one takes the date of the one added before it."""
    dates: list[str] = []
    for meta in metas:
        dates.append((meta.date if meta else None) or (dates[-1] if dates else ""))
    return sorted(range(len(metas)), key=lambda index: dates[index])


def _revision(
    symbol: str, dirname: str, number: int, commit: CommitInfo, meta: VersionMeta | None
) -> Revision:
    names = {f.partition("/")[2] for f in commit.files if f.startswith(f"{dirname}/")}
    source = any(n.startswith("original.") for n in names)
    return Revision(
        symbol,
        number,
        commit.sha,
        commit.date,
        commit.author,
        commit.subject,
        TEXT_FILE in names,
        source,
        meta,
    )


def _pick_revision(
    archive: Archive,
    symbol: str,
    history: list[Revision],
    holds: dict[str, Revision],
    rev: int | str | None,
) -> Revision:
    if rev is None:
        at = archive.repo.log([symbol_to_dirname(symbol)])
        return holds[at[0].sha]
    if isinstance(rev, int):
        number = rev
        if not 1 <= number <= len(history):
            raise UnknownSymbol(f"{symbol}@{rev}: {symbol} has versions 1 to {len(history)}")
        return history[number - 1]
    commit = archive.repo.resolve(rev)
    if commit is None:
        raise UnknownSymbol(f"{symbol}@{rev}: no such revision")
    at = archive.repo.log([symbol_to_dirname(symbol)], rev=commit)
    if not at:
        raise UnknownSymbol(f"{symbol}@{rev}: {symbol} was not archived yet at that revision")
    if at[0].sha not in holds:
        raise UnknownSymbol(f"{symbol}@{rev}: that revision is not in the archive's history")
    return holds[at[0].sha]


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
            write_atomically(scratch / "known-head", head.encode())
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
    from resdiff.archive.predecessor_index import refresh

    signatures = {w.text_blob: w.signature for w in writes if w.text_blob and w.signature}
    metas = {blob_id(w.meta.to_json().encode("utf-8")): w.meta for w in writes}
    with contextlib.suppress(OSError, GitError):
        refresh(archive, signatures, metas)
