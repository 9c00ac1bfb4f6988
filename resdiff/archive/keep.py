"""Keeping what ``resdiff compare`` compared: ``compare OLD NEW --archive``.

Both versions are stored, idempotently, in the order of their own dates (from
the text or the ``.meta.json`` beside it; else the years their symbols give),
not in the order of the arguments. When the two have different symbols, the
older becomes the predecessor of the newer, in its series (a series is named
after the older version when neither has one), but only when the newer one
reuses enough of its text (``predecessor.MIN_PREDECESSOR_SCORE``): comparing
two unrelated documents links nothing. A predecessor already recorded for the
newer version is kept: comparing is not proof of lineage, the first recorded
link (or an explicit ``archive add --predecessor``) wins, and a link that would
make a cycle is not made. When both files have the same symbol, both texts are
versions of it, the one dated last (else the newer argument) being current.
"""

from __future__ import annotations

from pathlib import Path

from resdiff.archive.inputs import Prepared
from resdiff.archive.order import When, order_key
from resdiff.archive.predecessor import pair_candidate
from resdiff.archive.store import AddRequest, Archive, BatchResult, prepare
from resdiff.archive.symbols import symbol_to_dirname
from resdiff.model import Document


def keep_pair(path: Path, old_file: str, new_file: str, old: Document, new: Document) -> list[str]:
    """Store the two compared files in the archive at ``path`` (created when missing).

    Returns the notes to show the user (one line each).
    """
    if not old.symbol or not new.symbol:
        missing = [name for name, doc in ((old_file, old), (new_file, new)) if not doc.symbol]
        return [f"warning: not archived: no document symbol in {', '.join(missing)}"]
    archive, created = Archive.init(path)
    try:
        notes = [f"created archive {archive.path}"] if created else []
        first, second = _in_date_order(prepare(AddRequest(old_file)), prepare(AddRequest(new_file)))
        if first.symbol == second.symbol:
            requests = [AddRequest(first.source), AddRequest(second.source)]
            batch = archive.add_many(requests, strict=True)
            unlinked = None
        else:
            batch, unlinked = _pair(archive, first, second)
        notes += [f"warning: {warning}" for warning in archive.warnings]
    finally:
        archive.close()
    return [*notes, _summary(archive, batch, unlinked)]


def _in_date_order(old: Prepared, new: Prepared) -> tuple[Prepared, Prepared]:
    """The two files, older first (by date, else the year in the symbol; else as given)."""
    keys = [order_key(When(p.symbol, p.sidecar.get("date") or p.document.date)) for p in (old, new)]
    if keys[1][:3] < keys[0][:3]:
        return new, old
    return old, new


def _pair(archive: Archive, older: Prepared, newer: Prepared) -> tuple[BatchResult, str | None]:
    """Store two documents, linking the newer to the older when it reuses enough of it.

    Returns the result and, when they are not linked, why (for the summary).
    """
    reason = None
    stored = archive.meta_at("HEAD", newer.symbol) if _archived(archive, newer.symbol) else None
    predecessor: str | None = older.symbol
    candidate = pair_candidate(older.document, newer.document)
    if not candidate.worth_linking():
        predecessor = None
        reason = f"they share too little text (score {candidate.score:.2f})"
    elif stored is not None and stored.predecessor not in (None, older.symbol):
        predecessor = None  # the link recorded first stands
    elif _leads_to(archive, older.symbol, newer.symbol):
        predecessor = None
        reason = f"{older.symbol} already follows {newer.symbol}"
    requests = [
        AddRequest(older.source, symbol=older.symbol),
        AddRequest(newer.source, symbol=newer.symbol, predecessor=predecessor),
    ]
    return archive.add_many(requests, strict=True, derive_series=True), reason


def _leads_to(archive: Archive, start: str, target: str) -> bool:
    """True when following recorded predecessors from ``start`` reaches ``target``."""
    seen = set()
    cursor: str | None = start
    while cursor is not None and cursor not in seen:
        if cursor == target:
            return True
        seen.add(cursor)
        meta = archive.meta_at("HEAD", cursor) if _archived(archive, cursor) else None
        cursor = meta.predecessor if meta else None
    return False


def _archived(archive: Archive, symbol: str) -> bool:
    return symbol_to_dirname(symbol) in archive.dirnames()


def _summary(archive: Archive, batch: BatchResult, unlinked: str | None) -> str:
    parts = []
    for result in batch.results:
        meta = result.meta
        detail = ""
        if result.earlier:
            detail = f" (an earlier version, dated {meta.date if meta else '?'})"
        elif meta is not None and meta.predecessor and result.outcome != "unchanged":
            detail = f" (after {meta.predecessor}, series {meta.series})"
        parts.append(f"{result.symbol} {result.outcome}{detail}")
    line = f"archive {archive.path}: {', '.join(parts)}"
    return f"{line} (not linked: {unlinked})" if unlinked else line
