"""Predecessor lookup: which archived document was a new text drafted from?

Method
------
1. **Signatures.** The normalised text (``text.md``, so wrapping, page
   furniture and marker styles are already gone) is cut into word 5-grams
   (shingles) of its case-folded words; punctuation and the numbers that open
   paragraphs are dropped, so renumbering does not matter. Each shingle is
   hashed (CRC-32)
   and only hashes divisible by ``SAMPLE`` are kept: a fixed, content-defined
   sample, so the same shingle is kept in every document that has it and the
   share of shared samples estimates the share of shared text.
2. **Containment.** For every archived document D and the new text N, with
   ``c`` the number of samples they share: ``reuse = c / |N|`` (how much of
   the new text comes from D) and ``coverage = c / |D|`` (how much of D the
   new text keeps). A new version either keeps most of its predecessor
   (an expanded draft) or is mostly made of it (a shortened one), so the
   score is the larger of the two. Both are damped for texts of fewer than
   ``MIN_SAMPLES`` samples, so a two-line document is not "fully contained"
   by chance. This scan is one C-level set intersection per document.
3. **Rerank.** The best ``RERANK`` candidates are compared with the new text
   by ``resdiff.compare`` (the clause aligner): the same two shares are taken
   over the words of paragraphs paired with a similarity of at least
   ``CLOSE_CLAUSE`` (weighted by it; the aligner also pairs the loosely related
   stock clauses that every draft of a genre has, at 0.5 to 0.7, and those say
   nothing about lineage), the share of the candidate damped below
   ``MIN_WORDS`` words. The final score is the mean of this clause score and
   the containment score: reworded clauses count in the first, where they
   break shingles; verbatim reuse of long texts weighs in the second.

Index
-----
Signatures live in ``.git/resdiff/predecessor.idx``: derived data, kept out of
the history (it would be rewritten by every add) and out of the working tree.
It maps each ``text.md`` blob id to its samples and each symbol to its blob,
and records the HEAD it reflects. A lookup refreshes it first: when HEAD has
moved, it lists HEAD's texts and signs only blobs it has not seen. Imports
hand over the signatures they already computed. The file is replaced
atomically, so readers never see half of it; it can be deleted at any time.

Cost: signing is linear in the text; a lookup is one pass over all samples
(about 400 per document; ~0.1 s for 10,000 documents) plus ``RERANK``
comparisons.
"""

from __future__ import annotations

import contextlib
import json
import re
import struct
import zlib
from array import array
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff.archive.text import body_text
from resdiff.compare import compare
from resdiff.files import replace_atomically
from resdiff.model import Comparison, Document
from resdiff.normalize import normalise
from resdiff.parse import parse_text

if TYPE_CHECKING:
    from resdiff.archive.store import Archive

SHINGLE = 5
SAMPLE = 4
MIN_SAMPLES = 24
RERANK = 5
CLOSE_CLAUSE = 0.7
MIN_WORDS = 300
MIN_PREDECESSOR_SCORE = 0.3  # below this, `add --auto-series` links nothing
INDEX_FILE = "predecessor.idx"
_MAGIC = b"RDPI1\n"
_NUMBER_RE = re.compile(r"^\s*\d{1,4}\.\s+", re.M)
_TITLE_RE = re.compile(r"\A\s*# [^\n]*\n")
_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True, frozen=True)
class Candidate:
    """An archived document ranked as a possible predecessor, with its scores (0-1).

    ``reuse``: share of the new text found in it; ``coverage``: share of it kept
    in the new text (both estimated from shingles); ``alignment``: the clause
    score of the rerank (None when not reranked); ``score``: what the ranking
    used (the mean of the larger share and the clause score, when reranked).
    """

    symbol: str
    score: float
    reuse: float
    coverage: float
    alignment: float | None
    series: str | None = None
    title: str | None = None

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
        }


# ---------------------------------------------------------------------- signatures


def signature_text(markdown: str) -> str:
    """The part of a ``text.md`` that is signed: no front matter, title or paragraph numbers."""
    return _NUMBER_RE.sub("", _TITLE_RE.sub("", body_text(markdown), count=1))


def text_signature(markdown: str) -> array[int]:
    """Sorted, distinct sampled shingle hashes of a ``text.md`` text."""
    words = _WORD_RE.findall(signature_text(markdown).casefold())
    crc32 = zlib.crc32
    samples = set()
    for start in range(max(1, len(words) - SHINGLE + 1)):
        value = crc32(" ".join(words[start : start + SHINGLE]).encode("utf-8"))
        if value % SAMPLE == 0:
            samples.add(value)
    return array("I", sorted(samples))


# ---------------------------------------------------------------------- the index file


@dataclass(slots=True)
class SignatureIndex:
    """Signatures by text blob id, the blob of each symbol, and the HEAD they reflect."""

    head: str | None
    signatures: dict[str, memoryview]
    symbols: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> SignatureIndex:
        """Read the index file; an empty index when it is missing or unreadable."""
        try:
            data = path.read_bytes()
            if not data.startswith(_MAGIC):
                raise ValueError("bad magic")
            (size,) = struct.unpack_from("<I", data, len(_MAGIC))
            start = len(_MAGIC) + 4
            header = json.loads(data[start : start + size])
            payload = memoryview(data)[start + size :].cast("I")
            signatures = {
                blob: payload[offset : offset + length]
                for blob, offset, length in header["entries"]
            }
            return cls(header["head"], signatures, dict(header["symbols"]))
        except (OSError, ValueError, KeyError, TypeError, struct.error):
            return cls(None, {}, {})

    def save(self, path: Path) -> None:
        """Write the index file atomically (temporary file, then rename)."""
        entries, chunks, offset = [], [], 0
        for blob, values in self.signatures.items():
            entries.append([blob, offset, len(values)])
            chunks.append(values.tobytes())
            offset += len(values)
        header = json.dumps(
            {"head": self.head, "entries": entries, "symbols": self.symbols},
            separators=(",", ":"),
        ).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, [_MAGIC + struct.pack("<I", len(header)) + header, *chunks])


def index_path(archive: Archive) -> Path:
    """Where the archive's signature index lives (inside .git, never committed)."""
    return archive.scratch / INDEX_FILE


def refresh(archive: Archive) -> SignatureIndex:
    """The index, brought up to date with HEAD (signing only texts it has not seen)."""
    path = index_path(archive)
    index = SignatureIndex.load(path)
    head = archive.repo.head()
    if index.head == head and head is not None:
        return index
    symbols: dict[str, str] = {}
    for entry in archive.repo.ls_tree("HEAD", recursive=True):
        folder, _, name = entry.path.partition("/")
        symbol = _symbol_of(folder) if name == "text.md" else None
        if symbol is not None:
            symbols[symbol] = entry.sha
    signatures = {}
    for blob in set(symbols.values()):
        known = index.signatures.get(blob)
        if known is None:
            text = archive.repo.read_blob(blob).decode("utf-8", "replace")
            known = memoryview(text_signature(text).tobytes()).cast("I")
        signatures[blob] = known
    fresh = SignatureIndex(head, signatures, symbols)
    with contextlib.suppress(OSError):  # read-only archive: it only signs again next time
        fresh.save(path)
    return fresh


def seed(archive: Archive, signatures: dict[str, bytes]) -> None:
    """Add signatures computed elsewhere (by an import), keyed by text blob id."""
    path = index_path(archive)
    index = SignatureIndex.load(path)
    for blob, data in signatures.items():
        index.signatures[blob] = memoryview(data).cast("I")
    with contextlib.suppress(OSError):
        index.save(path)


def _symbol_of(dirname: str) -> str | None:
    from resdiff.archive.symbols import SymbolError, dirname_to_symbol

    try:
        return dirname_to_symbol(dirname)
    except SymbolError:
        return None


# ---------------------------------------------------------------------- ranking


def find_predecessors(
    archive: Archive,
    document: Document,
    *,
    top: int = 5,
    exclude: set[str] | frozenset[str] = frozenset(),
    rerank: int = RERANK,
) -> list[Candidate]:
    """Archived documents ranked by how much of their text ``document`` reuses."""
    from resdiff.archive.text import document_markdown

    index = refresh(archive)
    query = set(text_signature(document_markdown(document)))
    candidates = shingle_scores(index, query, exclude)
    candidates.sort(key=lambda c: (-c.score, c.symbol))
    reranked = [_rerank(archive, index, document, c) for c in candidates[:rerank]]
    reranked.sort(key=lambda c: (-c.score, c.symbol))
    ranked = []
    for candidate in (reranked + candidates[rerank:])[:top]:
        meta = archive.meta_at("HEAD", candidate.symbol)
        if meta is not None:
            ranked.append(replace(candidate, series=meta.series, title=meta.title))
    return ranked


def shingle_scores(
    index: SignatureIndex, query: set[int], exclude: set[str] | frozenset[str]
) -> list[Candidate]:
    """Every indexed document that shares samples with ``query``, scored by containment."""
    if not query:
        return []
    query_size = max(len(query), MIN_SAMPLES)
    candidates = []
    for symbol, blob in index.symbols.items():
        samples = index.signatures.get(blob)
        if symbol in exclude or samples is None:
            continue
        shared = len(query.intersection(samples))
        if shared:
            reuse = shared / query_size
            coverage = shared / max(len(samples), MIN_SAMPLES)
            candidates.append(Candidate(symbol, max(reuse, coverage), reuse, coverage, None))
    return candidates


def _rerank(
    archive: Archive, index: SignatureIndex, document: Document, candidate: Candidate
) -> Candidate:
    """``candidate`` with its clause score, and the mean of both scores as its score."""
    text = archive.repo.read_blob(index.symbols[candidate.symbol]).decode("utf-8", "replace")
    archived = parse_text(text)
    if not archived.paragraphs or not document.paragraphs:
        return candidate
    clauses = alignment_score(compare(archived, document))
    return replace(candidate, score=(candidate.score + clauses) / 2, alignment=clauses)


def alignment_score(comparison: Comparison) -> float:
    """The larger of: share of the new text's words in clauses kept from the old, and
    share of the old text's words kept in the new (see the module docstring)."""
    kept_new = kept_old = 0.0
    for change in comparison.changes:
        if change.old and change.new and change.similarity >= CLOSE_CLAUSE:
            kept_new += change.similarity * sum(_words(p.full_text()) for p in change.new)
            kept_old += change.similarity * sum(_words(p.full_text()) for p in change.old)
    total_new = sum(_words(p.full_text()) for p in comparison.new.paragraphs) or 1
    total_old = sum(_words(p.full_text()) for p in comparison.old.paragraphs)
    return max(kept_new / total_new, kept_old / max(total_old, MIN_WORDS))


def _words(text: str) -> int:
    return len(normalise(text).split())
