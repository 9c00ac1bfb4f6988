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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from resdiff.archive.errors import ArchiveError, UnknownSymbol
from resdiff.archive.git import blob_id
from resdiff.archive.inputs import AddRequest, Prepared, Rejected
from resdiff.archive.meta import VersionMeta, default_status
from resdiff.archive.symbols import (
    dirname_to_symbol,
    slugify,
    symbol_to_dirname,
    symbol_year,
)
from resdiff.archive.text import document_markdown
from resdiff.errors import ResdiffError
from resdiff.model import Document
from resdiff.safety import one_line

if TYPE_CHECKING:
    from resdiff.archive.store import Archive

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

    def __post_init__(self) -> None:
        self.new_text = self.text is not None
        self.new_original = self.original is not None
        if self.text is not None:
            self.text_blob = blob_id(self.text.encode("utf-8"))

    def release(self) -> None:
        """Forget the written contents."""
        self.text = None
        self.original = None


class Planner:
    """Works out, under the lock, what each request changes (reading HEAD only)."""

    def __init__(self, archive: Archive, strict: bool, derive_series: bool) -> None:
        self.archive = archive
        self.strict = strict
        self.derive_series = derive_series
        self.existing = archive.dirnames()
        self.folded = {name.casefold(): name for name in self.existing}
        self.planned: dict[str, Planned] = {}
        self.stored: dict[str, VersionMeta | None] = {}
        self.linked: dict[str, str] = {}

    def plan(self, request: AddRequest, prepared: Prepared | Rejected) -> AddResult:
        """Plan one request; a rejection (or, when strict, an error) if it cannot be stored."""
        if isinstance(prepared, Rejected):
            return AddResult(prepared.source, "rejected", prepared.symbol, reason=prepared.reason)
        try:
            return self._plan(request, prepared)
        except ResdiffError as exc:
            if self.strict:
                raise
            reason = str(exc).removeprefix(f"{prepared.source}: ")
            return AddResult(prepared.source, "rejected", prepared.symbol, reason=reason)

    def _plan(self, request: AddRequest, prepared: Prepared) -> AddResult:
        symbol = prepared.symbol
        dirname = symbol_to_dirname(symbol)
        if dirname in self.planned:
            raise ArchiveError(f"{symbol} is also given by {self.planned[dirname].source}")
        clash = self.folded.get(dirname.casefold())
        if clash is not None and clash != dirname:
            raise ArchiveError(
                f"{symbol} differs only in letter case from {dirname_to_symbol(clash)}, "
                "already archived"
            )
        stored = self.stored_meta(symbol)
        meta = merged_meta(request, prepared, stored)
        self._check_predecessor(meta)
        same_source = stored is not None and stored.source_sha256 == meta.source_sha256
        outcome: Outcome = (
            "added" if stored is None else "unchanged" if stored == meta else "updated"
        )
        if outcome == "updated" and same_source:  # the text is written again by this parser
            meta = meta.with_changes(parser_version=resdiff_version())
        text = None if outcome == "unchanged" else document_markdown(_with_meta(prepared, meta))
        keep_original = (
            same_source and stored is not None and stored.source_format == meta.source_format
        )
        original = None if keep_original else prepared.data
        self.planned[dirname] = Planned(
            dirname, meta, text, original, outcome, prepared.source, prepared.signature
        )
        return AddResult(prepared.source, outcome, symbol, meta)

    def planned_for(self, result: AddResult) -> Planned | None:
        """The planned write behind ``result`` (None for a rejection)."""
        if result.outcome == "rejected" or result.symbol is None:
            return None
        return self.planned.get(symbol_to_dirname(result.symbol))

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
        """Put each new version in its predecessor's series (naming one when asked to).

        Returns the planned directories whose metadata this changed.
        """
        changed: dict[str, Planned] = {}
        for dirname, planned in list(self.planned.items()):
            meta = planned.meta
            if meta.predecessor is None or (planned.outcome == "unchanged" and meta.series):
                continue
            before = self.current_meta(meta.predecessor)
            assert before is not None  # checked by _check_predecessor
            series = meta.series or before.series
            if series is None and self.derive_series:
                series = series_name_for(before)
            if series is None:
                continue
            if meta.series is None:
                changed[dirname] = self._set_series(dirname, series)
            if before.series is None:
                other = symbol_to_dirname(before.symbol)
                changed[other] = self._set_series(other, series)
                self.linked[before.symbol] = series
        return list(changed.values())

    def _set_series(self, dirname: str, series: str) -> Planned:
        planned = self.planned.get(dirname)
        if planned is None:
            stored = self.stored_meta(dirname_to_symbol(dirname))
            assert stored is not None
            planned = Planned(dirname, stored, None, None, "unchanged", "")
            self.planned[dirname] = planned
        planned.meta = planned.meta.with_changes(series=series)
        if planned.outcome == "unchanged":
            planned.outcome = "updated"
        return planned

    def final(self, result: AddResult, commit: str | None) -> AddResult:
        """``result`` as the write ended: the metadata after ``link`` and the commit."""
        planned = self.planned_for(result)
        if planned is None:
            return result
        outcome = result.outcome
        if outcome == "unchanged" and planned.outcome != "unchanged":
            outcome = "updated"  # linking gave it a series
        made = commit if outcome != "unchanged" else None
        return replace(result, meta=planned.meta, outcome=outcome, commit=made)

    def writes(self) -> list[Planned]:
        """The planned directories that change, in request order."""
        return [p for p in self.planned.values() if p.outcome != "unchanged"]


def merged_meta(request: AddRequest, prepared: Prepared, stored: VersionMeta | None) -> VersionMeta:
    """The metadata of a new version: given values, else the stored ones, else the text's.

    For the same source bytes as stored, the stored values stand (it is the
    same version); for a changed text, what the new text says comes first.
    """
    document = prepared.document
    sha = hashlib.sha256(prepared.data).hexdigest()
    keep = stored if stored is not None and stored.source_sha256 == sha else None

    def pick(given: str | None, from_text: str | None, name: str) -> str | None:
        if given is not None:
            return given
        if keep is not None:
            kept: str | None = getattr(keep, name)
            return kept
        earlier: str | None = getattr(stored, name) if stored else None
        return from_text or earlier

    return VersionMeta(
        symbol=prepared.symbol,
        title=pick(request.title, document.title, "title"),
        body=pick(None, document.body, "body"),
        date=pick(request.date, document.date, "date"),
        status=request.status or (stored.status if stored else default_status(prepared.symbol)),
        series=request.series or (stored.series if stored else None),
        predecessor=request.predecessor or (stored.predecessor if stored else None),
        source_name=keep.source_name if keep else Path(prepared.source).name,
        source_sha256=sha,
        source_format=prepared.format,
        parser_version=keep.parser_version if keep else resdiff_version(),
    )


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


def order_versions(metas: Iterable[VersionMeta]) -> list[VersionMeta]:
    """Versions in date order, every predecessor before its successors.

    Undated versions are placed by the year in their symbol, then by symbol.
    """
    pending = {m.symbol: m for m in metas}

    def key(m: VersionMeta) -> tuple[str, str]:
        return (m.date or symbol_year(m.symbol) or "9999", m.symbol)

    ordered: list[VersionMeta] = []
    placed: set[str] = set()
    while pending:
        ready = [
            m
            for m in pending.values()
            if m.predecessor is None or m.predecessor in placed or m.predecessor not in pending
        ]
        chosen = min(ready or pending.values(), key=key)  # a cycle: break it by date
        ordered.append(chosen)
        placed.add(chosen.symbol)
        del pending[chosen.symbol]
    return ordered


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


def _subject(write: Planned) -> str:
    symbol = one_line(write.meta.symbol)
    if write.outcome == "added":
        return f"Add {symbol}"
    kind = "new version" if write.new_original else "metadata"
    return f"Update {symbol} ({kind})"


def resdiff_version() -> str:
    """The version of resdiff (and of its parser) writing the archive."""
    from resdiff import __version__

    return __version__
