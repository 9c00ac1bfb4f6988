"""Planning a write: what each file changes, given what HEAD holds.

For each request the planner merges the metadata (given values, else the
stored ones, else what the text says), decides whether it is a new document,
a new version, a metadata change or nothing new, checks the predecessor link
(archived, not itself, no cycle), and renders the normalised text. ``link``
then puts every new version in its predecessor's series. Nothing here writes.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from resdiff.archive.checks import document_problem
from resdiff.archive.errors import ArchiveError, UnknownSymbol
from resdiff.archive.git import blob_id
from resdiff.archive.inputs import AddRequest, Prepared, Rejected
from resdiff.archive.layout import META_FILE, TEXT_FILE
from resdiff.archive.meta import VersionMeta, default_status, resdiff_version
from resdiff.archive.order import When, may_precede, order_key
from resdiff.archive.predecessor import rank
from resdiff.archive.predecessor_index import Doc, PredecessorIndex, refresh
from resdiff.archive.reader import ArchiveReader
from resdiff.archive.signature import Query
from resdiff.archive.symbols import (
    MAX_SERIES,
    dirname_to_symbol,
    is_symbol_dirname,
    slugify,
    symbol_to_dirname,
)
from resdiff.archive.text import document_markdown
from resdiff.errors import ResdiffError
from resdiff.model import Document
from resdiff.safety import one_line

Outcome = Literal["added", "updated", "unchanged", "rejected"]


@dataclass(slots=True, frozen=True)
class AddResult:
    """What happened to one file: added, updated (new version), unchanged or rejected."""

    source: str
    outcome: Outcome
    symbol: str | None = None
    meta: VersionMeta | None = None
    reason: str | None = None
    commit: str | None = None
    version: int | None = None  # its number among the symbol's versions (single writes only)
    earlier: bool = False  # dated before the version that stays current


@dataclass(slots=True)
class BatchResult:
    """The results of one add or import, and the commit made (None: nothing changed)."""

    results: list[AddResult]
    commit: str | None = None
    linked: dict[str, str] = field(default_factory=dict)  # symbol -> series set on it
    ignored: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        """How many files had ``outcome``."""
        return sum(1 for r in self.results if r.outcome == outcome)


@dataclass(slots=True)
class Planned:
    """A document directory as this write leaves it (text/original None: unchanged).

    ``release`` drops the contents once written, keeping what the commit
    message and the predecessor index need, so a 10,000-file import does not
    hold every text in memory.
    """

    dirname: str
    meta: VersionMeta
    text: str | None
    original: bytes | None
    outcome: Outcome
    source: str
    signature: bytes = b""
    new_text: bool = False
    new_original: bool = False
    text_blob: str | None = None
    committed: str | None = None  # the original HEAD holds in this directory (None: new)

    def __post_init__(self) -> None:
        self.new_text = self.text is not None
        self.new_original = self.original is not None
        if self.text is not None:
            self.text_blob = blob_id(self.text.encode("utf-8"))

    def release(self) -> None:
        """Forget the written contents."""
        self.text = None
        self.original = None


@dataclass(slots=True, frozen=True)
class Action:
    """What the writer does for one planned version.

    ``write``: its files go into its document directory (it is the current
    version); ``earlier``: it is recorded in a commit of its own before the
    write's commit, without touching the working tree (it is dated before the
    current version); ``demote``: the version this write had made current is
    recorded that way instead, because a newer one of the same symbol came.
    """

    kind: Literal["write", "earlier", "demote"]
    planned: Planned


class Planner:
    """Works out, under the lock, what each request changes (reading HEAD only).

    Several versions of one symbol may come in one write: the one dated last
    (then given last) becomes the current version, the directory's content;
    the others, and a version dated before the stored one, are recorded as
    earlier versions (see ``Action``).
    """

    def __init__(
        self,
        archive: ArchiveReader,
        strict: bool,
        derive_series: bool,
        *,
        find_series: bool = False,
    ) -> None:
        self.archive = archive
        self.strict = strict
        self.derive_series = derive_series
        self.find_series = find_series
        entries = archive.repo.ls_tree("HEAD")
        self.kinds = {e.path: e.kind for e in entries}
        self.existing = {
            e.path: e.sha for e in entries if e.kind == "tree" and is_symbol_dirname(e.path)
        }
        self.folded = {name.casefold(): name for name in self.existing}
        self.planned: dict[str, Planned] = {}  # the current version of each directory
        self.stored: dict[str, VersionMeta | None] = {}
        self.linked: dict[str, str] = {}
        self.steps: list[tuple[AddResult, Planned | None]] = []
        self.actions: list[Action] = []
        self.earlier: list[Planned] = []
        self.sources: dict[str, set[str]] = {}  # directory -> SHA-256 of every known original
        self.series_names: set[str] | None = None  # series at HEAD, read when one is named
        self.archived_count = 0

    def plan(self, request: AddRequest, prepared: Prepared | Rejected) -> AddResult:
        """Plan one request; a rejection (or, when strict, an error) if it cannot be stored.

        What the writer must do for it is queued in ``actions`` (see ``take_actions``).
        """
        planned: Planned | None = None
        if isinstance(prepared, Rejected):
            result = AddResult(prepared.source, "rejected", prepared.symbol, reason=prepared.reason)
        else:
            try:
                result, planned = self._plan(request, prepared)
            except ResdiffError as exc:
                if self.strict:
                    raise
                reason = str(exc).removeprefix(f"{prepared.source}: ")
                result = AddResult(prepared.source, "rejected", prepared.symbol, reason=reason)
        self.steps.append((result, planned))
        return result

    def take_actions(self) -> list[Action]:
        """The writer's actions queued since the last call."""
        actions, self.actions = self.actions, []
        return actions

    def _plan(self, request: AddRequest, prepared: Prepared) -> tuple[AddResult, Planned]:
        symbol = prepared.symbol
        dirname = symbol_to_dirname(symbol)
        clash = self.folded.get(dirname.casefold())
        if clash is not None and clash != dirname:
            raise ArchiveError(
                f"{symbol} differs only in letter case from {dirname_to_symbol(clash)}, "
                "already archived"
            )
        stored = self.stored_meta(symbol)
        current = self.planned.get(dirname)
        if current is None:
            self._check_directory(dirname, stored)
        reference = current.meta if current is not None else stored
        meta = merged_meta(request, prepared, reference)
        self._check_predecessor(meta)
        text = document_markdown(_with_meta(prepared, meta))
        meta = meta.with_changes(text_sha256=sha256(text.encode("utf-8")))
        if current is not None and _same_text_elsewhere(meta, current.meta):
            raise ArchiveError(f"{symbol} is also given by {current.source} with the same text")
        if current is not None and _other_format(prepared.source, current.source):
            raise ArchiveError(
                f"{symbol} is also given by {current.source}, the same document in another format"
            )
        if reference is not None and dated_before(meta, reference):
            return self._plan_earlier(dirname, meta, text, prepared, stored)
        if (
            reference is not None
            and meta.source_sha256 != reference.source_sha256
            and meta.source_sha256 in self._known_sources(dirname, stored)
        ):  # a version stored before (the one given later stays current)
            planned = Planned(dirname, meta, None, None, "unchanged", prepared.source)
            return AddResult(prepared.source, "unchanged", symbol, meta), planned
        same_source = reference is not None and reference.source_sha256 == meta.source_sha256
        outcome: Outcome = (
            "added" if reference is None else "unchanged" if reference == meta else "updated"
        )
        if outcome == "updated" and same_source:  # the text is written again by this parser
            meta = meta.with_changes(parser_version=resdiff_version())
        if outcome == "unchanged":
            planned = current or Planned(dirname, meta, None, None, outcome, prepared.source)
            self.planned[dirname] = planned
            return AddResult(prepared.source, outcome, symbol, meta), planned
        if current is not None and current.outcome != "unchanged":
            self.actions.append(Action("demote", current))
            self.earlier.append(current)
        keep_original = (
            same_source and reference is not None and reference.source_format == meta.source_format
        )
        original = None if keep_original else prepared.data
        planned = Planned(
            dirname, meta, text, original, outcome, prepared.source, prepared.signature
        )
        planned.committed = stored.original_name if stored else None
        self.planned[dirname] = planned
        self._known_sources(dirname, stored).add(meta.source_sha256)
        self.actions.append(Action("write", planned))
        return AddResult(prepared.source, outcome, symbol, meta), planned

    def _plan_earlier(
        self,
        dirname: str,
        meta: VersionMeta,
        text: str,
        prepared: Prepared,
        stored: VersionMeta | None,
    ) -> tuple[AddResult, Planned]:
        """A version dated before the current one: recorded, not made current."""
        known = self._known_sources(dirname, stored)
        if meta.source_sha256 in known:
            planned = Planned(dirname, meta, None, None, "unchanged", prepared.source)
            return AddResult(prepared.source, "unchanged", meta.symbol, meta), planned
        known.add(meta.source_sha256)
        planned = Planned(dirname, meta, text, prepared.data, "updated", prepared.source)
        self.earlier.append(planned)
        self.actions.append(Action("earlier", planned))
        result = AddResult(prepared.source, "updated", meta.symbol, meta, earlier=True)
        return result, planned

    def _known_sources(self, dirname: str, stored: VersionMeta | None) -> set[str]:
        """The SHA-256 of every original of the directory's versions: stored and planned."""
        if dirname not in self.sources:
            history = self.archive.history(stored.symbol) if stored is not None else []
            self.sources[dirname] = {r.meta.source_sha256 for r in history if r.meta}
        return self.sources[dirname]

    def _check_directory(self, dirname: str, stored: VersionMeta | None) -> None:
        """Refuse a directory resdiff cannot write (see ``checks.document_problem``)."""
        own = frozenset({TEXT_FILE, META_FILE, stored.original_name}) if stored else frozenset()
        problem = document_problem(self.archive.path, dirname, self.kinds.get(dirname), own)
        if problem:
            raise ArchiveError(f"{dirname_to_symbol(dirname)}: cannot be archived: {problem}")

    def stored_meta(self, symbol: str) -> VersionMeta | None:
        """The metadata of ``symbol`` at HEAD (cached)."""
        if symbol not in self.stored:
            exists = symbol_to_dirname(symbol) in self.existing
            self.stored[symbol] = self.archive.meta_at("HEAD", symbol) if exists else None
        return self.stored[symbol]

    def current_meta(self, symbol: str) -> VersionMeta | None:
        """The metadata ``symbol`` will have after this write (planned, else stored)."""
        planned = self.planned.get(symbol_to_dirname(symbol))
        return planned.meta if planned else self.stored_meta(symbol)

    def _check_predecessor(self, meta: VersionMeta) -> None:
        if meta.predecessor is None:
            return
        if meta.predecessor == meta.symbol:
            raise ArchiveError(f"{meta.symbol} cannot be its own predecessor")
        if self.current_meta(meta.predecessor) is None:
            raise UnknownSymbol(
                f"predecessor {meta.predecessor} is not in the archive (add it first)"
            )
        seen = {meta.symbol}
        cursor: str | None = meta.predecessor
        while cursor is not None:
            if cursor in seen:
                raise ArchiveError(
                    f"predecessor {meta.predecessor} would make a cycle through {meta.symbol}"
                )
            seen.add(cursor)
            current = self.current_meta(cursor)
            cursor = current.predecessor if current else None

    def link(self) -> list[Planned]:
        """Find predecessors (with ``find_series``), then put each new version in its
        predecessor's series (naming one when asked to).

        Returns the planned directories whose metadata this changed.
        """
        changed: dict[str, Planned] = {}
        if self.find_series:
            changed.update((p.dirname, p) for p in self._find_predecessors())
        in_order = sorted(self.planned.items(), key=lambda item: order_key(item[1].meta))
        for dirname, planned in in_order:
            meta = planned.meta
            if meta.predecessor is None or (planned.outcome == "unchanged" and meta.series):
                continue
            before = self.current_meta(meta.predecessor)
            assert before is not None  # checked by _check_predecessor
            series = meta.series or before.series
            if series is None and self.derive_series:
                series = self._new_series_name(series_name_for(before))
            if series is None:
                continue
            if meta.series is None:
                changed[dirname] = self._set_series(dirname, series)
            if before.series is None:
                other = symbol_to_dirname(before.symbol)
                changed[other] = self._set_series(other, series)
                self.linked[before.symbol] = series
        return list(changed.values())

    def _find_predecessors(self) -> list[Planned]:
        """Give each new text without a predecessor the one the lookup finds, in the order
        the documents were made, among the archive and the texts before it in this write;
        then give an archived document that has none the new text it follows, if any
        (a draft archived after the resolution adopted from it).

        Returns the planned directories it linked.
        """
        index = refresh(self.archive.repo, save=False)  # changed below in memory only
        self.archived_count = len(index)  # documents numbered from here are this write's
        texts = [p for p in self.planned.values() if p.outcome != "unchanged" and p.signature]
        for planned in texts:
            index.remove(planned.meta.symbol)  # its new text replaces the one at HEAD
        linked = []
        for planned in sorted(texts, key=lambda p: order_key(p.meta)):
            samples = array("I")
            samples.frombytes(planned.signature)
            meta = planned.meta
            if meta.predecessor is None:
                query = Query(meta.symbol, meta.date, meta.title, frozenset(samples))
                found = self._linkable(index, query)
                if found is not None:
                    meta = planned.meta = meta.with_changes(predecessor=found)
                    linked.append(planned)
            index.add(Doc.of(planned.text_blob or "", None, samples, meta))
        new = {p.meta.symbol for p in texts}
        for doc in self._archived_followers(index, texts, new):
            query = Query(doc.symbol, doc.date, doc.title, frozenset(doc.samples))
            found = self._linkable(index, query)
            if found in new:
                planned = self._stored_planned(symbol_to_dirname(doc.symbol))
                planned.meta = planned.meta.with_changes(predecessor=found)
                planned.outcome = "updated"
                linked.append(planned)
        return linked

    def _linkable(self, index: PredecessorIndex, query: Query) -> str | None:
        """The first-ranked predecessor of ``query`` when it is worth linking (and makes no
        cycle); None otherwise."""
        ranked = rank(index, query, top=1)
        if not ranked or not ranked[0].worth_linking() or query.symbol is None:
            return None
        stored = self.current_meta(query.symbol)
        try:
            if stored is not None:
                self._check_predecessor(stored.with_changes(predecessor=ranked[0].symbol))
        except ArchiveError:
            return None
        return ranked[0].symbol

    def _archived_followers(
        self, index: PredecessorIndex, texts: list[Planned], new: set[str]
    ) -> list[Doc]:
        """Archived documents without a predecessor that share text with a new one and
        were made after it, in the order they were made."""
        found: dict[str, Doc] = {}
        boundary = self.archived_count
        if boundary == 0:
            return []
        for planned in texts:
            samples = array("I")
            samples.frombytes(planned.signature)
            for number in index.counts(samples, below=boundary):
                doc = index.doc(number)
                if doc is None or doc.symbol in new or doc.predecessor is not None:
                    continue
                if may_precede(planned.meta, doc) and not may_precede(doc, planned.meta):
                    found[doc.symbol] = doc
        return sorted(found.values(), key=lambda d: order_key(When(d.symbol, d.date)))

    def _new_series_name(self, name: str) -> str:
        """``name``, or ``name-2``, ``-3``... when a series of that name exists already
        (unconnected documents whose titles read the same)."""
        if self.series_names is None:
            index = refresh(self.archive.repo, save=False)
            self.series_names = {d.series for _, d in index.alive() if d.series}
        taken = self.series_names | {p.meta.series for p in self.planned.values() if p.meta.series}
        chosen, number = name, 1
        while chosen in taken:
            number += 1
            chosen = f"{name[: MAX_SERIES - 4]}-{number}"
        self.series_names.add(chosen)
        return chosen

    def _stored_planned(self, dirname: str) -> Planned:
        """The planned write of ``dirname`` (an archived document's metadata, as stored,
        when this write has not planned one)."""
        planned = self.planned.get(dirname)
        if planned is None:
            stored = self.stored_meta(dirname_to_symbol(dirname))
            assert stored is not None
            planned = Planned(dirname, stored, None, None, "unchanged", "")
            self.planned[dirname] = planned
        return planned

    def _set_series(self, dirname: str, series: str) -> Planned:
        planned = self._stored_planned(dirname)
        planned.meta = planned.meta.with_changes(series=series)
        if planned.outcome == "unchanged":
            planned.outcome = "updated"
        return planned

    def results(self, commit: str | None) -> list[AddResult]:
        """Every request's result as the write ended: the metadata after ``link`` and
        the commit."""
        return [self._final(result, planned, commit) for result, planned in self.steps]

    def _final(self, result: AddResult, planned: Planned | None, commit: str | None) -> AddResult:
        if planned is None:
            return result
        outcome = result.outcome
        if result.earlier or any(planned is e for e in self.earlier):
            return replace(result, commit=commit, earlier=True)
        current = self.planned.get(planned.dirname, planned)
        if outcome == "unchanged" and current is planned and planned.outcome != "unchanged":
            outcome = "updated"  # linking gave it a series
        made = commit if outcome != "unchanged" else None
        meta = planned.meta if current is planned else result.meta
        return replace(result, meta=meta, outcome=outcome, commit=made)

    def writes(self) -> list[Planned]:
        """The planned directories that change, in request order."""
        return [p for p in self.planned.values() if p.outcome != "unchanged"]


def _same_text_elsewhere(meta: VersionMeta, other: VersionMeta) -> bool:
    """The same text read from another file (one version given in two formats)."""
    return meta.text_sha256 == other.text_sha256 and meta.source_sha256 != other.source_sha256


def _other_format(source: str, other: str) -> bool:
    """Two files of one name but for the extension, side by side (``x.pdf``, ``x.txt``)."""
    first, second = Path(source), Path(other)
    return first.parent == second.parent and first.stem == second.stem and first != second


def dated_before(meta: VersionMeta, other: VersionMeta) -> bool:
    """True when both versions are dated and ``meta`` is dated before ``other``."""
    return meta.date is not None and other.date is not None and meta.date < other.date


def merged_meta(request: AddRequest, prepared: Prepared, stored: VersionMeta | None) -> VersionMeta:
    """The metadata of a new version: given values, else the stored ones, else the text's.

    For the same source bytes as stored, the stored values stand (it is the
    same version); for a changed text, what the new text says comes first.
    The ``.meta.json`` beside the file gives the date (as if given) and a
    title when the text has none.
    """
    document = prepared.document
    sha = sha256(prepared.data)
    keep = stored if stored is not None and stored.source_sha256 == sha else None

    def pick(given: str | None, from_text: str | None, name: str) -> str | None:
        if given is not None:
            return given
        if keep is not None:
            kept: str | None = getattr(keep, name)
            return kept
        earlier: str | None = getattr(stored, name) if stored else None
        return from_text or earlier

    sidecar = prepared.sidecar
    return VersionMeta(
        symbol=prepared.symbol,
        title=pick(request.title, document.title or sidecar.get("title"), "title"),
        body=pick(None, document.body, "body"),
        date=pick(request.date or sidecar.get("date"), document.date, "date"),
        status=request.status or (stored.status if stored else default_status(prepared.symbol)),
        series=request.series or (stored.series if stored else None),
        predecessor=request.predecessor or (stored.predecessor if stored else None),
        source_name=keep.source_name if keep else Path(prepared.source).name,
        source_sha256=sha,
        source_format=prepared.format,
        parser_version=keep.parser_version if keep else resdiff_version(),
    )


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, as ``meta.json`` records it."""
    return hashlib.sha256(data).hexdigest()


def _with_meta(prepared: Prepared, meta: VersionMeta) -> Document:
    document = replace(prepared.document)
    document.symbol, document.title, document.date = meta.symbol, meta.title, meta.date
    document.body = meta.body
    return document


def series_name_for(meta: VersionMeta) -> str:
    """A series name for a document that has none: from its title, else its symbol.

    >>> m = VersionMeta("A/HRC/RES/41/3", "41/3. Enhancement of international cooperation",
    ...     None, None, "adopted", None, None, "x.txt", "0" * 64, "text", "0.1.0")
    >>> series_name_for(m), series_name_for(m.with_changes(title=None))
    ('enhancement-international-cooperation', 'a-hrc-res-41-3')
    """
    title = re.sub(r"^\s*\d{1,3}/\d{1,4}\s*[A-Z]?\.\s*", "", meta.title or "")
    if title and "draft resolution" not in title.lower():
        slug = slugify(title)
        if slug:
            return slug
    return slugify(meta.symbol, keep_all=True)


def commit_message(writes: list[Planned], linked: dict[str, str]) -> str:
    """The commit message: a subject naming the symbol(s), then trailers or a list."""
    main = [w for w in writes if w.new_text or w.new_original] or writes
    if len(main) == 1:
        write = main[0]
        lines = [_subject(write), ""]
        if write.meta.title:
            lines += [one_line(write.meta.title), ""]
        for symbol, series in linked.items():
            lines += [f"Also puts {one_line(symbol)} in series {series}.", ""]
        return "\n".join(lines + write.meta.trailers()) + "\n"
    names = ", ".join(one_line(w.meta.symbol) for w in main[:3])
    more = f" and {len(main) - 3} more" if len(main) > 3 else ""
    lines = [f"Archive {len(main)} versions: {names}{more}", ""]
    lines += [f"{w.outcome} {one_line(w.meta.symbol)} ({one_line(w.source)})" for w in main]
    lines += [f"series of {one_line(s)}: {series}" for s, series in linked.items()]
    lines += ["", *(f"Symbol: {one_line(w.meta.symbol)}" for w in main)]
    return "\n".join(lines) + "\n"


def earlier_message(planned: Planned) -> str:
    """The message of the commit that records a version dated before the current one."""
    symbol = one_line(planned.meta.symbol)
    dated = f" (dated {planned.meta.date})" if planned.meta.date else ""
    lines = [f"Add an earlier version of {symbol}{dated}", ""]
    return "\n".join(lines + planned.meta.trailers()) + "\n"


def keep_message(planner: Planner) -> str:
    """The message of the commit that follows earlier versions when nothing else changed:
    it puts back the current version of each document."""
    symbols = sorted({one_line(p.meta.symbol) for p in planner.earlier})
    return (
        f"Keep the current version of {', '.join(symbols)}\n\n"
        "Earlier versions were recorded just before; the version dated last stays current.\n"
    )


def _subject(write: Planned) -> str:
    symbol = one_line(write.meta.symbol)
    if write.outcome == "added":
        return f"Add {symbol}"
    kind = "new version" if write.new_original else "metadata"
    return f"Update {symbol} ({kind})"
