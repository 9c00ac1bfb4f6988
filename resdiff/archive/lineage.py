"""Clause lineage (``resdiff archive blame``): where each paragraph of a version came from.

The versions before the one asked about are lined up: the members of its
series in date order (``order.order_versions``), or, for a document without a
series, its chain of predecessors; each member contributes every revision in
which its text changed. Consecutive versions are compared with
``resdiff.compare``, and each paragraph is followed backwards through the
pairings the aligner made (unchanged, reworded, moved, split, merged) until a
version where it was *added*, or the first version. Along the way the versions
in which it was reworded, split or merged are recorded.

Cost: one parse per version and one comparison per consecutive pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resdiff.archive.meta import VersionMeta
from resdiff.archive.order import order_versions
from resdiff.archive.reader import ArchiveReader, StoredVersion
from resdiff.compare import compare
from resdiff.model import Change, Comparison, Paragraph

CHANGE_KINDS = ("reworded", "split", "merged")


@dataclass(slots=True, frozen=True)
class Step:
    """A version in which a clause changed: how, under which label, how similar (0-1)."""

    version: str
    kind: str
    label: str
    similarity: float

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "version": self.version,
            "kind": self.kind,
            "label": self.label,
            "similarity": round(self.similarity, 4),
        }


@dataclass(slots=True, frozen=True)
class ClauseBlame:
    """One paragraph of the blamed version: its first appearance and later changes."""

    label: str
    text: str
    origin: str
    origin_label: str
    changes: tuple[Step, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "label": self.label,
            "text": self.text,
            "origin": {"version": self.origin, "label": self.origin_label},
            "changes": [s.to_dict() for s in self.changes],
        }


@dataclass(slots=True)
class Blame:
    """The lineage of every paragraph of ``version``, over ``versions`` (oldest first)."""

    version: str
    series: str | None
    versions: list[str]
    clauses: list[ClauseBlame] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON form, as printed by ``resdiff archive blame --format json``."""
        return {
            "version": self.version,
            "series": self.series,
            "versions": self.versions,
            "paragraphs": [c.to_dict() for c in self.clauses],
        }


def lineage(archive: ArchiveReader, target: StoredVersion) -> list[StoredVersion]:
    """The versions to walk for ``target``, oldest first, ending with ``target``'s text."""
    members = _members_before(archive, target.meta)
    versions: list[StoredVersion] = []
    for meta in members:
        versions.extend(_text_versions(archive, meta.symbol, None))
    versions.extend(_text_versions(archive, target.symbol, target.number))
    return versions


def _members_before(archive: ArchiveReader, meta: VersionMeta) -> list[VersionMeta]:
    if meta.series:
        ordered = order_versions(archive.catalogue(series=meta.series))
        symbols = [m.symbol for m in ordered]
        if meta.symbol in symbols:
            return ordered[: symbols.index(meta.symbol)]
    chain: list[VersionMeta] = []
    seen = {meta.symbol}
    cursor = meta.predecessor
    while cursor and cursor not in seen:
        seen.add(cursor)
        previous = archive.meta_at("HEAD", cursor)
        if previous is None:
            break
        chain.append(previous)
        cursor = previous.predecessor
    return list(reversed(chain))


def _text_versions(archive: ArchiveReader, symbol: str, upto: int | None) -> list[StoredVersion]:
    history = archive.history(symbol)
    if upto is not None:
        history = history[:upto]
    numbers = [r.number for r in history if r.text_changed]
    return [archive.version(f"{symbol}@{n}") for n in numbers]


def blame(archive: ArchiveReader, target: StoredVersion) -> Blame:
    """For each paragraph of ``target``: the version where it first appears and its changes."""
    versions = lineage(archive, target)
    documents = [archive.document(v) for v in versions]
    refs = [v.ref for v in versions]
    comparisons = [compare(documents[i - 1], documents[i]) for i in range(1, len(documents))]
    by_new = [_changes_by_new(c) for c in comparisons]
    result = Blame(target.ref, target.meta.series, refs)
    result.clauses = [trace(p, by_new, refs) for p in documents[-1].paragraphs]
    return result


def trace(paragraph: Paragraph, by_new: list[dict[int, Change]], refs: list[str]) -> ClauseBlame:
    """Follow one paragraph of the last version back through the comparisons.

    ``by_new[i]`` maps each paragraph of version ``i + 1`` (by ``id``) to the
    change that holds it in the comparison of versions ``i`` and ``i + 1``.
    """
    current = [paragraph]
    steps: list[Step] = []
    position = len(refs) - 1
    while position > 0:
        changes = _unique([by_new[position - 1][id(p)] for p in current])
        for change in changes:
            if change.kind in CHANGE_KINDS:
                steps.append(Step(refs[position], change.kind, change.new_label, change.similarity))
        previous = [old for change in changes for old in change.old]
        if not previous:
            break
        current = previous
        position -= 1
    origin_label = "+".join(p.label for p in current)
    return ClauseBlame(
        paragraph.label, paragraph.full_text(), refs[position], origin_label, tuple(reversed(steps))
    )


def _changes_by_new(comparison: Comparison) -> dict[int, Change]:
    return {id(p): change for change in comparison.changes for p in change.new}


def _unique(changes: list[Change]) -> list[Change]:
    return list({id(change): change for change in changes}.values())
