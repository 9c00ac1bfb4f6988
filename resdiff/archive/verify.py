"""``resdiff archive verify``: is every stored file what its metadata says it is?

Checks, on the committed state (HEAD):

- the archive marker, and that every top-level entry is expected;
- each document directory: it maps back to a symbol, holds exactly
  ``meta.json``, ``text.md`` and one ``original.*`` as regular files;
  the metadata reads, names the directory's symbol and the original's format;
  the original's and the text's SHA-256 are the recorded ones; the front
  matter of the text agrees with the metadata; the predecessor is archived
  and the links form no cycle; no two symbols differ only in letter case;
- with ``deep``: the text is what parsing the original with the running
  parser gives. A version stored by another parser version that now reads
  differently is a note (run ``archive add`` again to update it), not a
  problem; every version stored by another parser version is counted;
- ``git fsck`` finds nothing, the archive's branch is checked out, and the
  commit resdiff last wrote is still in the branch's history (nothing
  rewrote it);
- the working tree of the document directories matches HEAD; files there
  that resdiff did not store are listed as notes ("not an archive file").

An interrupted write is undone first (as the next write would do), so a
killed ``add`` never makes verify fail. Verify needs write access only for
that: on a read-only archive a pending undo is reported instead.
"""

from __future__ import annotations

import errno
import hashlib
from dataclasses import dataclass, field

from resdiff.archive.checks import checkout_problem
from resdiff.archive.git import TreeEntry
from resdiff.archive.layout import ARCHIVE_FILE, BRANCH, OWN_FILES
from resdiff.archive.meta import MetaError, VersionMeta, meta_from_json, resdiff_version
from resdiff.archive.reader import ArchiveReader, StoredVersion
from resdiff.archive.symbols import SymbolError, dirname_to_symbol, is_symbol_dirname
from resdiff.archive.text import document_markdown, front_matter
from resdiff.archive.transaction import recover_pending
from resdiff.errors import ResdiffError

TOP_LEVEL = {"README.md": "blob", ".gitattributes": "blob", ".resdiff": "tree"}
REGULAR_MODES = ("100644", "100755")


@dataclass(slots=True)
class VerifyReport:
    """Problems found (empty: the archive is sound), documents checked, repairs made."""

    problems: list[str] = field(default_factory=list)
    documents: int = 0
    recovered: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def verify_archive(archive: ArchiveReader, *, deep: bool = False) -> VerifyReport:
    """Check the archive (see the module docstring); never changes committed data."""
    report = VerifyReport()
    _recover(archive, report)
    checkout = checkout_problem(archive.path, archive.repo)
    if checkout:
        report.problems.append(checkout)
    entries = archive.repo.ls_tree("HEAD", recursive=True)
    folders: dict[str, dict[str, TreeEntry]] = {}
    for entry in entries:
        top, _, rest = entry.path.partition("/")
        if is_symbol_dirname(top) and rest:
            folders.setdefault(top, {})[rest] = entry
    if not any(e.path == ARCHIVE_FILE for e in entries):
        report.problems.append(f"{ARCHIVE_FILE}: missing")
    report.problems += _top_level_problems(archive)
    metas: dict[str, VersionMeta] = {}
    rereader = Rereader(archive) if deep else None
    for dirname, files in sorted(folders.items()):
        meta = _check_document(archive, dirname, files, report.problems, rereader)
        if meta is not None:
            metas[meta.symbol] = meta
    report.documents = len(folders)
    report.problems += _link_problems(metas)
    report.problems += _case_problems(list(folders))
    report.problems += [f"git fsck: {line}" for line in archive.repo.fsck()]
    report.problems += _history_problems(archive)
    _check_worktree(archive, list(folders), report)
    if rereader is not None:
        report.notes += rereader.notes()
    return report


def _recover(archive: ArchiveReader, report: VerifyReport) -> None:
    """Undo an interrupted write first; on a read-only archive, report that it is pending."""
    try:
        recovery = recover_pending(archive.path, archive.repo, archive.scratch)
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        report.problems.append(
            "an interrupted write is not undone yet: the archive cannot be written here "
            f"({exc.strerror}); run `resdiff archive verify` with write access to undo it"
        )
        return
    report.recovered = recovery.cleaned
    report.notes += recovery.warnings


def _top_level_problems(archive: ArchiveReader) -> list[str]:
    problems = []
    for entry in archive.repo.ls_tree("HEAD"):
        expected = TOP_LEVEL.get(entry.path)
        if expected is not None:
            if entry.kind != expected:
                problems.append(f"{entry.path}: should be a {expected}, not a {entry.kind}")
        elif not is_symbol_dirname(entry.path):
            problems.append(f"{entry.path}: not the directory of a document symbol")
        elif entry.kind != "tree":
            problems.append(f"{entry.path}: should be a directory")
    return problems


def _check_document(
    archive: ArchiveReader,
    dirname: str,
    files: dict[str, TreeEntry],
    problems: list[str],
    rereader: Rereader | None,
) -> VersionMeta | None:
    symbol = dirname_to_symbol(dirname)
    for name, entry in files.items():
        if entry.mode not in REGULAR_MODES:
            problems.append(f"{dirname}/{name}: not a regular file (mode {entry.mode})")
    if "meta.json" not in files:
        problems.append(f"{dirname}: meta.json is missing")
        return None
    try:
        meta = meta_from_json(
            archive.repo.read_blob(files["meta.json"].sha), f"{dirname}/meta.json"
        )
    except MetaError as exc:
        problems.append(str(exc))
        return None
    if meta.symbol != symbol:
        problems.append(f"{dirname}/meta.json: symbol is {meta.symbol}, the directory is {symbol}")
    extra = sorted(set(files) - {"meta.json", "text.md", meta.original_name})
    problems += [f"{dirname}/{name}: unexpected file" for name in extra]
    original = files.get(meta.original_name)
    if original is None:
        problems.append(f"{dirname}/{meta.original_name}: missing")
    else:
        data = archive.repo.read_blob(original.sha)
        if hashlib.sha256(data).hexdigest() != meta.source_sha256:
            problems.append(
                f"{dirname}/{meta.original_name}: SHA-256 differs from the one in meta.json"
            )
    if "text.md" not in files:
        problems.append(f"{dirname}/text.md: missing")
    else:
        problems += _text_problems(archive, dirname, files["text.md"], meta, rereader)
    return meta


def _text_problems(
    archive: ArchiveReader,
    dirname: str,
    entry: TreeEntry,
    meta: VersionMeta,
    rereader: Rereader | None,
) -> list[str]:
    data = archive.repo.read_blob(entry.sha)
    if meta.text_sha256 is not None and hashlib.sha256(data).hexdigest() != meta.text_sha256:
        return [f"{dirname}/text.md: SHA-256 differs from the one in meta.json"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [f"{dirname}/text.md: not UTF-8"]
    header = front_matter(text)
    problems = []
    for name in ("symbol", "title", "date"):
        recorded = getattr(meta, name)
        if header.get(name) != recorded:
            problems.append(
                f"{dirname}/text.md: {name} {header.get(name)!r} differs from meta.json "
                f"({recorded!r})"
            )
    if rereader is not None and not problems:
        problems += rereader.check(dirname, text, meta)
    return problems


class Rereader:
    """``verify --deep``: each original parsed again by the running parser, and the texts
    compared; counts the versions stored by other parser versions."""

    def __init__(self, archive: ArchiveReader) -> None:
        self.archive = archive
        self.running = resdiff_version()
        self.others: dict[str, int] = {}  # parser version -> versions stored by it
        self.differing: list[str] = []

    def check(self, dirname: str, text: str, meta: VersionMeta) -> list[str]:
        """Problems of one version (a text that differs is a note for another parser's)."""
        other = meta.parser_version != self.running
        if other:
            self.others[meta.parser_version] = self.others.get(meta.parser_version, 0) + 1
        head = self.archive.repo.head() or "HEAD"
        try:
            document = self.archive.document(StoredVersion(meta.symbol, 0, head, meta))
        except ResdiffError as exc:
            return [f"{dirname}/{meta.original_name}: cannot be parsed: {exc}"]
        document.path = None
        document.symbol, document.title, document.date = meta.symbol, meta.title, meta.date
        document.body = meta.body
        if document_markdown(document) == text:
            return []
        if other:
            self.differing.append(
                f"{dirname}/text.md: stored by resdiff {meta.parser_version}; resdiff "
                f"{self.running} reads the original differently (`archive add` it again "
                "to update the text)"
            )
            return []
        return [f"{dirname}/text.md: differs from the text parsed from the original"]

    def notes(self) -> list[str]:
        """The versions stored by other parser versions, and those that now read differently."""
        lines = list(self.differing)
        for version, count in sorted(self.others.items()):
            lines.append(
                f"{count} versions were stored by resdiff {version} and checked again with "
                f"resdiff {self.running}"
            )
        return lines


def _link_problems(metas: dict[str, VersionMeta]) -> list[str]:
    problems = []
    for symbol, meta in sorted(metas.items()):
        if meta.predecessor is None:
            continue
        if meta.predecessor not in metas:
            problems.append(f"{symbol}: predecessor {meta.predecessor} is not in the archive")
            continue
        seen = {symbol}
        cursor: str | None = meta.predecessor
        while cursor is not None and cursor in metas:
            if cursor in seen:
                problems.append(f"{symbol}: predecessor links form a cycle")
                break
            seen.add(cursor)
            cursor = metas[cursor].predecessor
    return problems


def _case_problems(dirnames: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for name in sorted(dirnames):
        other = seen.setdefault(name.casefold(), name)
        if other != name:
            try:
                pair = f"{dirname_to_symbol(other)} and {dirname_to_symbol(name)}"
            except SymbolError:
                pair = f"{other} and {name}"
            problems.append(f"{pair} differ only in letter case")
    return problems


def _history_problems(archive: ArchiveReader) -> list[str]:
    known = archive.known_head()
    tip = archive.repo.resolve(f"refs/heads/{BRANCH}")
    if not known or tip is None or known == tip:
        return []
    if not archive.repo.has_object(known) or not archive.repo.is_ancestor(known, tip):
        return [f"history was rewritten: commit {known[:12]} written by resdiff is no longer in it"]
    return []


def _check_worktree(archive: ArchiveReader, dirnames: list[str], report: VerifyReport) -> None:
    """Uncommitted changes to the document directories are problems; files that resdiff
    did not store there are notes."""
    managed = [p.name for p in archive.path.iterdir() if is_symbol_dirname(p.name)]
    paths = sorted(set(managed) | set(dirnames))
    if not paths:
        return
    for path, untracked in archive.repo.changed_paths(paths):
        if untracked and path.rsplit("/", 1)[-1] not in OWN_FILES:
            report.notes.append(f"{path}: not an archive file (resdiff leaves it alone)")
        else:
            report.problems.append(
                f"{path}: differs from the committed version (uncommitted change)"
            )
