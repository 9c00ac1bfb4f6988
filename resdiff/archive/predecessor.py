"""Predecessor lookup: which archived document was a new text drafted from?

Method
------
1. **Signatures** (``signature``). The normalised text (``text.md``, so wrapping, page
   furniture and marker styles are already gone) is cut into word 5-grams
   (shingles) of its case-folded words; punctuation and the numbers that open
   paragraphs are dropped, so renumbering does not matter. Each shingle is
   hashed (CRC-32) and only hashes divisible by ``SAMPLE`` are kept: a fixed,
   content-defined sample, so the same shingle is kept in every document that
   has it and the share of shared samples estimates the share of shared text.
2. **Containment.** For an archived document D and the new text N sharing
   ``c`` samples, the score is ``c / min(|N|, |D|)`` (each size at least
   ``MIN_SAMPLES``, so a two-line text is not "fully contained" by chance):
   a new version either keeps most of its predecessor (an expanded draft) or
   is mostly made of it (a shortened one). The shared counts come from the
   postings of the index (``predecessor_index``), not from a scan of every
   document. A clearly different title (without its number, ``79/166.``;
   neither title holds the other) costs ``TITLE_PENALTY``: it tells apart
   resolutions of one genre whose texts are nearly the same (the financing of
   each peacekeeping mission), while a title read only in part ("in Africa")
   or not at all costs nothing.
3. **Time.** Only documents that may have been made before the new text
   count (``order.may_precede``): by date when both are dated, else by the
   year the symbol gives, drafts before the resolutions adopted from them; two
   resolutions adopted together are never each other's predecessor.
4. **The latest version.** A series repeats its text year after year, so the
   best match is often an older member (the 78th-session resolution scores
   as high as the 79th for an 80th-session draft). From the best match the
   ranking follows recorded successors (documents whose predecessor it is)
   that may also precede the new text, have a compatible title and score
   within ``CHAIN_DROP`` of the best; the last one reached ranks first.
5. **Linking.** An import, ``add --auto-series`` and ``compare --archive``
   record the first-ranked document as the predecessor only when it is
   ``worth_linking``: a score of ``MIN_PREDECESSOR_SCORE``, and, when the
   titles differ, a reuse of ``MIN_RETITLED`` (a resolution whose title
   changed keeps most of its text; two resolutions of one genre share their
   stock clauses, not their text).

The figures on the General Assembly corpus (``series.tsv`` as the answer key)
are in the README, measured by ``benchmarks/archive.py``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff.archive.inputs import lookup_query
from resdiff.archive.order import When, may_precede, order_key
from resdiff.archive.predecessor_index import Doc, PredecessorIndex, fresh, refresh
from resdiff.archive.signature import Query, document_signature, query_of, text_signature
from resdiff.model import Document

if TYPE_CHECKING:
    from resdiff.archive.reader import ArchiveReader

__all__ = [
    "Candidate",
    "Query",
    "find_predecessors",
    "pair_candidate",
    "predecessors_of_file",
    "rank",
    "text_signature",
    "title_key",
    "titles_differ",
]

MIN_SAMPLES = 24
TITLE_PENALTY = 0.1
CHAIN_DROP = 0.25
MIN_PREDECESSOR_SCORE = 0.3  # below this nothing is linked (import, add --auto-series, compare)
MIN_RETITLED = 0.65  # ... and below this, nothing of another title
_WORD_RE = re.compile(r"\w+")
_TITLE_NUMBER_RE = re.compile(r"^\s*\d{1,3}/\d{1,4}\s*[A-Z]?\.\s*")


@dataclass(slots=True, frozen=True)
class Candidate:
    """An archived document ranked as a possible predecessor, with its scores.

    ``reuse``: share of the new text found in it; ``coverage``: share of it
    kept in the new text (both estimated from shingles, 0-1); ``score``: what
    the ranking used (the larger share, less ``TITLE_PENALTY`` when
    ``other_title``). ``alignment`` stays in the JSON form for its readers;
    it is None.
    """

    symbol: str
    score: float
    reuse: float
    coverage: float
    alignment: float | None = None
    series: str | None = None
    title: str | None = None
    other_title: bool = False

    def worth_linking(self) -> bool:
        """Whether to record it as the predecessor (see the module docstring, 5)."""
        shared = max(self.reuse, self.coverage)
        return self.score >= MIN_PREDECESSOR_SCORE and (
            not self.other_title or shared >= MIN_RETITLED
        )

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "symbol": self.symbol,
            "score": round(self.score, 4),
            "reuse": round(self.reuse, 4),
            "coverage": round(self.coverage, 4),
            "alignment": None if self.alignment is None else round(self.alignment, 4),
            "series": self.series,
            "title": self.title,
            "other_title": self.other_title,
        }


# ---------------------------------------------------------------------- titles


@functools.lru_cache(maxsize=4096)
def title_key(title: str | None) -> str | None:
    """A title as the ranking compares it: without its number, case-folded, words only;
    None for no title or a sponsors' heading ("France: draft resolution").

    >>> title_key("79/166. Enhancement of international cooperation in the field of")
    'enhancement of international cooperation in the field of'
    >>> title_key("France: draft resolution") is None, title_key(None) is None
    (True, True)
    """
    if not title:
        return None
    words = _WORD_RE.findall(_TITLE_NUMBER_RE.sub("", title).casefold())
    if len(words) < 2 or "draft resolution" in " ".join(words):
        return None
    return " ".join(words)


def titles_differ(one: str | None, other: str | None) -> bool:
    """True when both titles are known and neither holds the other's words.

    >>> titles_differ("80/60. United Nations Regional Centre for Peace and Disarmament in Africa",
    ...               "in Africa")
    False
    >>> titles_differ("79/305. Financing of the United Nations Interim Administration Mission",
    ...               "79/307. Financing of the United Nations Disengagement Observer Force")
    True
    """
    a, b = title_key(one), title_key(other)
    if a is None or b is None:
        return False
    return a not in b and b not in a


# ---------------------------------------------------------------------- ranking


def rank(
    index: PredecessorIndex,
    query: Query,
    *,
    top: int = 5,
    exclude: Iterable[str] = (),
) -> list[Candidate]:
    """Archived documents ranked as the predecessor of ``query`` (see the module docstring)."""
    if not query.samples:
        return []
    excluded = set(exclude)
    if query.symbol:
        excluded.add(query.symbol)
    scored = _scored(index, query, excluded, top)
    if not scored:
        return []
    best = max(scored, key=lambda n: (scored[n].score, order_key(_when(index.doc(n)))))
    chosen = _latest_successor(index, scored, best)
    others = sorted(
        (n for n in scored if n != chosen), key=lambda n: (-scored[n].score, scored[n].symbol)
    )
    return [scored[n] for n in [chosen, *others][:top]]


def _scored(
    index: PredecessorIndex, query: Query, excluded: set[str], top: int
) -> dict[int, Candidate]:
    """The documents sharing samples with the query that may precede it, scored: all
    that could rank first or be reached from the first (see ``_latest_successor``), and
    at least ``top`` of them when there are so many."""
    own = When(query.symbol or "", query.date)
    size = len(query.samples)
    by_share = sorted(
        (
            (shared / max(min(size, index.size(number)), MIN_SAMPLES), number, shared)
            for number, shared in index.counts(query.samples).items()
        ),
        reverse=True,
    )
    scored: dict[int, Candidate] = {}
    floor: float | None = None
    for share, number, shared in by_share:
        if floor is not None and share < floor and len(scored) >= top:
            break
        doc = index.doc(number)
        if doc is None or doc.symbol in excluded:
            continue
        if query.symbol and not may_precede(_when(doc), own):
            continue
        if floor is None:
            floor = share - CHAIN_DROP - 2 * TITLE_PENALTY
        reuse = shared / max(size, MIN_SAMPLES)
        coverage = shared / max(len(doc.samples), MIN_SAMPLES)
        other = titles_differ(query.title, doc.title)
        score = max(reuse, coverage) - (TITLE_PENALTY if other else 0.0)
        scored[number] = Candidate(
            doc.symbol, score, reuse, coverage, None, doc.series, doc.title, other
        )
    return scored


def _latest_successor(index: PredecessorIndex, scored: dict[int, Candidate], best: int) -> int:
    """From ``best``, follow recorded successors that are candidates too, score within
    ``CHAIN_DROP`` of it and have a compatible title; the last one reached."""
    successors: dict[str, list[int]] = {}
    for number in scored:
        doc = index.doc(number)
        if doc is not None and doc.predecessor:
            successors.setdefault(doc.predecessor, []).append(number)
    floor = scored[best].score - CHAIN_DROP
    current, seen = best, {best}
    while True:
        here = index.doc(current)
        following = [
            n
            for n in successors.get(here.symbol if here else "", [])
            if n not in seen and scored[n].score >= floor and _titles_agree(index, n, current)
        ]
        if not following:
            return current
        current = max(following, key=lambda n: (scored[n].score, order_key(_when(index.doc(n)))))
        seen.add(current)


def _titles_agree(index: PredecessorIndex, one: int, other: int) -> bool:
    first, second = index.doc(one), index.doc(other)
    return not titles_differ(first.title if first else None, second.title if second else None)


def _when(doc: Doc | None) -> When:
    return When(doc.symbol, doc.date) if doc else When("", None)


def find_predecessors(
    archive: ArchiveReader,
    document: Document,
    *,
    top: int = 5,
    exclude: Iterable[str] = (),
    date: str | None = None,
    title: str | None = None,
) -> list[Candidate]:
    """Archived documents ranked as the predecessor of ``document``; the index is
    brought up to date first."""
    query = query_of(document, date=date, title=title)
    return rank(refresh(archive.repo), query, top=top, exclude=exclude)


def find_predecessors_quickly(
    archive_path: Path, query: Query, *, top: int = 5, exclude: Iterable[str] = ()
) -> list[Candidate] | None:
    """The ranking from an up-to-date index, read without git; None when the index is
    missing or out of date (``find_predecessors`` refreshes it)."""
    index = fresh(archive_path / ".git")
    if index is None:
        return None
    return rank(index, query, top=top, exclude=exclude)


def predecessors_of_file(
    archive_path: Path, source: str, *, top: int = 5, symbol: str | None = None
) -> list[Candidate]:
    """The ranking for the file ``source`` in the archive at ``archive_path``: from the
    index alone when it is up to date, else after refreshing it (through git)."""
    query = lookup_query(source, symbol)
    quick = find_predecessors_quickly(archive_path, query, top=top)
    if quick is not None:
        return quick
    # Imported here: the reader loads GitPython, which an up-to-date index never needs.
    from resdiff.archive.reader import ArchiveReader

    with ArchiveReader(archive_path) as archive:
        return rank(refresh(archive.repo), query, top=top)


def pair_candidate(older: Document, newer: Document) -> Candidate:
    """``older`` scored as the ranking would score it as the predecessor of ``newer``."""
    a = set(document_signature(older))
    b = set(document_signature(newer))
    shared = len(a & b)
    reuse = shared / max(len(b), MIN_SAMPLES)
    coverage = shared / max(len(a), MIN_SAMPLES)
    other = titles_differ(older.title, newer.title)
    score = max(reuse, coverage) - (TITLE_PENALTY if other else 0.0)
    return Candidate(older.symbol or "", score, reuse, coverage, other_title=other)
