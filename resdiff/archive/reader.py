"""Reading an archive: its documents, their versions and texts, from git objects only.

``ArchiveReader(path)`` opens an archive for reading; ``store.Archive`` is a
reader that also writes. Readers never read the working tree, so they see
the last commit whatever a writer is doing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from resdiff.align import DEFAULT_THRESHOLD
from resdiff.archive.errors import ArchiveError, NotAnArchive, UnknownSymbol
from resdiff.archive.git import NO_BLOB, CommitInfo, GitRepo
from resdiff.archive.layout import ARCHIVE_FILE, KNOWN_HEAD, META_FILE, TEXT_FILE
from resdiff.archive.meta import ORIGINAL_SUFFIX, VersionMeta, meta_from_json
from resdiff.archive.order import order_versions
from resdiff.archive.symbols import SymbolError, is_symbol_dirname, split_ref, symbol_to_dirname
from resdiff.compare import compare
from resdiff.errors import ResdiffError, no_paragraphs
from resdiff.gitcommand import GitError
from resdiff.model import Comparison, Document, Section
from resdiff.parse import parse
from resdiff.readers import read, read_data


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


class ArchiveReader:
    """The resdiff archive at ``path``, read: documents, versions, texts and comparisons.

    Close it when done (``close``), or use it as a context manager:
    ``with ArchiveReader(path) as archive: ...``.
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
        if self.repo.head() is None or self.repo.read_file("HEAD", ARCHIVE_FILE) is None:
            raise NotAnArchive(f"{self.path}: not a resdiff archive (run `resdiff archive init`)")

    def close(self) -> None:
        """Stop git helper processes."""
        self.repo.close()

    def __enter__(self) -> Self:
        """``with Archive(path) as archive:`` closes the archive at the end of the block."""
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

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

    def known_head(self) -> str | None:
        """The HEAD resdiff recorded after its last write (None when unknown)."""
        try:
            return (self.scratch / KNOWN_HEAD).read_text().strip() or None
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
    archive: ArchiveReader,
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
