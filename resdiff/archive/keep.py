"""Keeping what ``resdiff compare`` compared: ``compare OLD NEW --archive``.

Both versions are stored, idempotently: the old one as it is, the new one
with the old as its predecessor, in the old one's series (a series is named
after the old version when neither has one). A predecessor already recorded
for the new version is kept: comparing is not proof of lineage, the first
recorded link (or an explicit ``archive add --predecessor``) wins. When both
files have the same symbol, the new text becomes the next version of it.
"""

from __future__ import annotations

from pathlib import Path

from resdiff.archive.store import AddRequest, AddResult, Archive, BatchResult, prepare
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
        if old.symbol == new.symbol:
            results = _same_symbol(archive, old_file, new_file)
        else:
            results = _pair(archive, old_file, new_file, old.symbol, new.symbol)
    finally:
        archive.close()
    return [*notes, _summary(archive, results)]


def _pair(
    archive: Archive, old_file: str, new_file: str, old_symbol: str, new_symbol: str
) -> BatchResult:
    stored = archive.meta_at("HEAD", new_symbol) if _archived(archive, new_symbol) else None
    keeps_link = stored is not None and stored.predecessor not in (None, old_symbol)
    requests = [
        AddRequest(old_file, symbol=old_symbol),
        AddRequest(new_file, symbol=new_symbol, predecessor=None if keeps_link else old_symbol),
    ]
    return archive.add_many(requests, strict=True, derive_series=True)


def _same_symbol(archive: Archive, old_file: str, new_file: str) -> BatchResult:
    new = prepare(AddRequest(new_file))
    old = prepare(AddRequest(old_file))
    stored = archive.meta_at("HEAD", new.symbol) if _archived(archive, new.symbol) else None
    results: list[AddResult] = []
    if stored is None or stored.source_sha256 not in (_sha(old.data), _sha(new.data)):
        results += archive.add(AddRequest(old_file)).results
    outcome = archive.add(AddRequest(new_file))
    return BatchResult(results + outcome.results, outcome.commit, outcome.linked)


def _archived(archive: Archive, symbol: str) -> bool:
    from resdiff.archive.symbols import symbol_to_dirname

    return symbol_to_dirname(symbol) in archive.dirnames()


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _summary(archive: Archive, batch: BatchResult) -> str:
    parts = []
    for result in batch.results:
        meta = result.meta
        detail = ""
        if meta is not None and meta.predecessor and result.outcome != "unchanged":
            detail = f" (after {meta.predecessor}, series {meta.series})"
        parts.append(f"{result.symbol} {result.outcome}{detail}")
    return f"archive {archive.path}: {', '.join(parts)}"
