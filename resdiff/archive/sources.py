"""Agreed-language sources: which archived paragraphs does a new paragraph reuse?

Negotiators show that proposed text is "agreed language" by pointing at the
resolution it was taken from. ``find_sources`` answers this for every new
paragraph of a text, against every paragraph of every archived document.

Method
------
1. **Shingles.** A paragraph's normalised text (``resdiff.normalize``, so
   case, quotes, markers and emphasis never matter) is cut into word 4-grams
   of its words (punctuation dropped); a paragraph shorter than that is one
   shingle. Each shingle is hashed to a signed 64-bit integer (BLAKE2b).
2. **Sampling.** The index keeps, for each distinct archived paragraph, the
   shingles whose CRC-32 is divisible by ``SAMPLE`` (a content-defined sample:
   a shingle is kept in every paragraph that has it) plus its ``MIN_KEEP``
   smallest ones, so that a paragraph of a few words can still be found.
3. **Candidates.** A new paragraph looks up *all* its shingles. A shingle kept
   by more than ``COMMON`` distinct paragraphs is a stock formula and names no
   source, so it is skipped; every other hit counts with a rarity weight,
   ``1 / (1 + ln(postings))``. Archived paragraphs are ranked by the weighted
   count of the new paragraph's shingles they hold (containment: the share of
   the new paragraph found in them, over a denominator common to all of them).
4. **Rerank.** The best ``RERANK`` candidates that occur in a document at HEAD
   (and not in an excluded one) are scored with rapidfuzz on the words of the
   normalised texts: ``max(ratio, partial_ratio * min(1, len(source) /
   len(new)))``, the share of the new paragraph found in the source, whether it
   is a reworded copy, a fragment of a longer archived paragraph, or an
   archived paragraph with additions. Words, not characters: two unrelated
   paragraphs of the same genre share half their characters in order, but far
   fewer of their words. Every occurrence (symbol, label) of a candidate at or above the
   threshold is a source; the best ``top`` are reported.

Index
-----
``.git/resdiff/sources.sqlite`` (sqlite3): derived data, never committed, and
it can be deleted at any time. Paragraph texts are stored once however many
documents repeat them (agreed language is repeated year after year), with
their occurrences (document, label) and the postings (shingle hash ->
paragraph, clustered on the hash). The HEAD it reflects is recorded; a lookup
refreshes it first, like the predecessor index: when HEAD has moved it lists
HEAD's ``text.md`` blobs and indexes only the blobs it has not seen. Versions
no longer at HEAD stay in the file but are never reported.

Cost: indexing is linear in the text; a lookup is one indexed query per
shingle of each new paragraph, plus ``RERANK`` rapidfuzz comparisons: about
4 ms per new paragraph with 500,000 archived paragraphs, whose index takes
about 180 MiB (``benchmarks/sources.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import re
import sqlite3
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from resdiff.archive.predecessor import find_predecessors
from resdiff.archive.symbols import SymbolError, dirname_to_symbol
from resdiff.compare import compare
from resdiff.model import SCHEMA_VERSION, Comparison, Document, Paragraph
from resdiff.normalize import normalise, strip_markers
from resdiff.parse import parse_text

if TYPE_CHECKING:
    from resdiff.archive.reader import ArchiveReader

SHINGLE = 4
SAMPLE = 4
MIN_KEEP = 3
COMMON = 1000
CANDIDATES = 100
RERANK = 20
DEFAULT_TOP = 3
DEFAULT_THRESHOLD = 0.5
NEW_KINDS = frozenset({"added", "reworded", "split", "merged"})
INDEX_FILE = "sources.sqlite"
SCHEMA = 1  # PRAGMA user_version of the index file
_WORD_RE = re.compile(r"\w+")

_TABLES = """
CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(id INTEGER PRIMARY KEY, blob TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS symbols(symbol TEXT PRIMARY KEY, document INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS paragraphs(id INTEGER PRIMARY KEY, key INTEGER UNIQUE NOT NULL,
                                      text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS occurrences(paragraph INTEGER NOT NULL, document INTEGER NOT NULL,
    label TEXT NOT NULL, PRIMARY KEY (paragraph, document, label)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS postings(hash INTEGER NOT NULL, paragraph INTEGER NOT NULL,
    PRIMARY KEY (hash, paragraph)) WITHOUT ROWID;
"""


# ---------------------------------------------------------------------- results


@dataclass(slots=True, frozen=True)
class Source:
    """An archived paragraph that a new paragraph likely reuses; ``score`` is 0-1."""

    symbol: str
    label: str
    score: float
    text: str

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"symbol", "label", "score", "text"}``."""
        return {
            "symbol": self.symbol,
            "label": self.label,
            "score": round(self.score, 4),
            "text": self.text,
        }


@dataclass(slots=True)
class ParagraphSources:
    """One new paragraph of the text and its sources, best first."""

    label: str
    text: str
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"label", "text", "sources"}``."""
        return {
            "label": self.label,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(slots=True)
class SourcesReport:
    """The outcome of ``find_sources`` for one text."""

    file: str | None
    symbol: str | None
    predecessor: str | None
    paragraphs: list[ParagraphSources]

    def to_dict(self) -> dict[str, object]:
        """JSON form, as emitted by ``resdiff sources --format json``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "file": self.file,
            "symbol": self.symbol,
            "predecessor": self.predecessor,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }


# ---------------------------------------------------------------------- shingles


def paragraph_text(paragraph: Paragraph) -> str:
    """The text of a paragraph as indexed and reported: sub-items included, no markers."""
    return strip_markers(paragraph.full_text()).strip()


def shingle_words(normalised: str) -> list[str]:
    """The shingles of a normalised text, as strings of ``SHINGLE`` words.

    >>> shingle_words("urges all states , to act")
    ['urges all states to', 'all states to act']
    """
    words = _WORD_RE.findall(normalised)
    if len(words) < SHINGLE:
        return [" ".join(words)] if words else []
    return [" ".join(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)]


def shingle_hash(shingle: str) -> int:
    """The signed 64-bit hash of one shingle (what the index stores)."""
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def sampled_hashes(shingles: list[str]) -> set[int]:
    """The hashes the index keeps for a paragraph: a content-defined sample plus the
    ``MIN_KEEP`` shingles with the smallest CRC-32."""
    checks = sorted((zlib.crc32(s.encode("utf-8")), s) for s in set(shingles))
    kept = {s for crc, s in checks if crc % SAMPLE == 0}
    kept.update(s for _, s in checks[:MIN_KEEP])
    return {shingle_hash(s) for s in kept}


def text_key(normalised: str) -> int:
    """The identity of a distinct paragraph text (signed 64 bits)."""
    return shingle_hash("\x00" + normalised)


# ---------------------------------------------------------------------- the index


class SourceIndex:
    """The paragraph index: an sqlite3 database (see the module docstring)."""

    def __init__(self, path: Path | str) -> None:
        self.connection = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=WAL")
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA):
            raise sqlite3.DatabaseError(f"index schema {version}, expected {SCHEMA}")
        self.connection.executescript(_TABLES)
        self.connection.execute(f"PRAGMA user_version={SCHEMA}")

    @classmethod
    def open(cls, path: Path) -> SourceIndex:
        """Open (or create) the index file; start a fresh one when it is damaged, and
        work in memory when it cannot be opened for writing (a read-only archive)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(path)
        except (OSError, sqlite3.OperationalError):
            return cls(":memory:")
        except sqlite3.DatabaseError:  # not a database, or another schema: derived data
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        try:
            return cls(path)
        except sqlite3.Error:
            return cls(":memory:")

    def close(self) -> None:
        """Close the database."""
        self.connection.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction (taken at once, so concurrent refreshes queue)."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    @property
    def head(self) -> str | None:
        """The archive HEAD the index reflects (None when never refreshed)."""
        row = self.connection.execute("SELECT value FROM state WHERE key = 'head'").fetchone()
        return row[0] if row else None

    def set_head(self, head: str | None) -> None:
        """Record the HEAD the index now reflects."""
        self.connection.execute("INSERT OR REPLACE INTO state VALUES ('head', ?)", (head,))

    def known_blobs(self) -> set[str]:
        """The document keys (text blob ids) already indexed."""
        return {row[0] for row in self.connection.execute("SELECT blob FROM documents")}

    def add_document(self, blob: str, paragraphs: Iterable[tuple[str, str]]) -> None:
        """Index one document, keyed by ``blob``, from its (label, display text) pairs."""
        cursor = self.connection.cursor()
        cursor.execute("INSERT OR IGNORE INTO documents(blob) VALUES (?)", (blob,))
        (document,) = cursor.execute("SELECT id FROM documents WHERE blob = ?", (blob,)).fetchone()
        for label, text in paragraphs:
            paragraph = self._paragraph_id(cursor, text)
            if paragraph is not None:
                cursor.execute(
                    "INSERT OR IGNORE INTO occurrences VALUES (?, ?, ?)",
                    (paragraph, document, label),
                )

    def _paragraph_id(self, cursor: sqlite3.Cursor, text: str) -> int | None:
        """The id of a distinct paragraph text, indexing it when it is new."""
        normalised = normalise(text)
        shingles = shingle_words(normalised)
        if not shingles:
            return None
        key = text_key(normalised)
        row = cursor.execute("SELECT id FROM paragraphs WHERE key = ?", (key,)).fetchone()
        if row is not None:
            known: int = row[0]
            return known
        cursor.execute("INSERT INTO paragraphs(key, text) VALUES (?, ?)", (key, text))
        paragraph = cursor.lastrowid
        cursor.executemany(
            "INSERT OR IGNORE INTO postings VALUES (?, ?)",
            [(h, paragraph) for h in sampled_hashes(shingles)],
        )
        return paragraph

    def set_symbols(self, symbols: dict[str, str]) -> None:
        """Make ``symbols`` (symbol -> document blob) the documents at HEAD."""
        cursor = self.connection.cursor()
        cursor.execute("DELETE FROM symbols")
        cursor.executemany(
            "INSERT INTO symbols SELECT ?, id FROM documents WHERE blob = ?", symbols.items()
        )

    # ------------------------------------------------------------------ lookup

    def candidates(self, normalised: str) -> list[int]:
        """Archived paragraph ids sharing rare shingles with a text, best containment first."""
        scores: dict[int, float] = defaultdict(float)
        query = "SELECT paragraph FROM postings WHERE hash = ? LIMIT ?"
        for value in {shingle_hash(s) for s in shingle_words(normalised)}:
            hits = self.connection.execute(query, (value, COMMON + 1)).fetchall()
            if not hits or len(hits) > COMMON:
                continue
            weight = 1.0 / (1.0 + math.log(len(hits)))
            for (paragraph,) in hits:
                scores[paragraph] += weight
        return sorted(scores, key=lambda p: (-scores[p], p))[:CANDIDATES]

    def occurrences(
        self, paragraphs: list[int], exclude: frozenset[str]
    ) -> dict[int, list[tuple[str, str]]]:
        """(symbol, label) of each paragraph in the documents at HEAD, excluded symbols left out."""
        found: dict[int, list[tuple[str, str]]] = defaultdict(list)
        if not paragraphs:
            return found
        marks = ",".join("?" * len(paragraphs))
        rows = self.connection.execute(
            "SELECT o.paragraph, s.symbol, o.label FROM occurrences o "
            f"JOIN symbols s ON s.document = o.document WHERE o.paragraph IN ({marks})",
            paragraphs,
        )
        for paragraph, symbol, label in rows:
            if symbol not in exclude:
                found[paragraph].append((symbol, label))
        return found

    def texts(self, paragraphs: list[int]) -> dict[int, str]:
        """The display text of each paragraph id."""
        marks = ",".join("?" * len(paragraphs))
        rows = self.connection.execute(
            f"SELECT id, text FROM paragraphs WHERE id IN ({marks})", paragraphs
        )
        return dict(rows.fetchall())

    def lookup(
        self,
        text: str,
        *,
        exclude: frozenset[str] = frozenset(),
        top: int = DEFAULT_TOP,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> list[Source]:
        """The archived paragraphs ``text`` most likely reuses, best first."""
        normalised = normalise(text)
        words = _WORD_RE.findall(normalised)
        ranked = self.candidates(normalised)
        where = self.occurrences(ranked, exclude)
        live = [p for p in ranked if p in where][:RERANK]
        if not live:
            return []
        sources: list[Source] = []
        for paragraph, archived in self.texts(live).items():
            score = reuse_score(words, _WORD_RE.findall(normalise(archived)))
            if score >= threshold:
                sources.extend(Source(s, label, score, archived) for s, label in where[paragraph])
        sources.sort(key=lambda s: (-s.score, s.symbol, s.label))
        return sources[:top]


def reuse_score(new: list[str], source: list[str]) -> float:
    """Share (0-1) of the words ``new`` found in ``source`` (see the module docstring).

    >>> reuse_score("urges all states to act".split(), "urges all states to act now".split())
    1.0
    >>> reuse_score("urges all states to act".split(), "urges states".split())
    0.5714...
    """
    if not new or not source:
        return 0.0
    ratio = fuzz.ratio(new, source) / 100
    partial = fuzz.partial_ratio(new, source) / 100 * min(1.0, len(source) / len(new))
    return max(ratio, partial)


def document_paragraphs(document: Document) -> list[tuple[str, str]]:
    """(label, display text) of every paragraph of a document, as indexed."""
    return [(p.label, paragraph_text(p)) for p in document.paragraphs]


# ---------------------------------------------------------------------- the archive


def index_path(archive: ArchiveReader) -> Path:
    """Where the archive's paragraph index lives (inside .git, never committed)."""
    return archive.scratch / INDEX_FILE


def refresh(archive: ArchiveReader) -> SourceIndex:
    """The archive's paragraph index, brought up to date with HEAD (new texts only)."""
    index = SourceIndex.open(index_path(archive))
    head = archive.repo.head()
    if index.head == head:
        return index
    try:
        _update(index, archive, head)
    except sqlite3.OperationalError:  # the file cannot be written: index in memory
        index.close()
        index = SourceIndex(":memory:")
        _update(index, archive, head)
    return index


def _update(index: SourceIndex, archive: ArchiveReader, head: str | None) -> None:
    """Index the texts at HEAD that the index lacks, and record HEAD's documents."""
    with index.writing():
        if index.head == head:  # another process refreshed it meanwhile
            return
        symbols = _text_blobs(archive)
        for blob in sorted(set(symbols.values()) - index.known_blobs()):
            index.add_document(blob, _blob_paragraphs(archive, blob))
        index.set_symbols(symbols)
        index.set_head(head)


def _text_blobs(archive: ArchiveReader) -> dict[str, str]:
    """Symbol -> blob id of its ``text.md``, for every document at HEAD."""
    blobs = {}
    for entry in archive.repo.ls_tree("HEAD", recursive=True):
        folder, _, name = entry.path.partition("/")
        if name != "text.md":
            continue
        with contextlib.suppress(SymbolError):
            blobs[dirname_to_symbol(folder)] = entry.sha
    return blobs


def _blob_paragraphs(archive: ArchiveReader, blob: str) -> list[tuple[str, str]]:
    text = archive.repo.read_blob(blob).decode("utf-8", "replace")
    return document_paragraphs(parse_text(text))


def new_paragraphs(comparison: Comparison) -> list[Paragraph]:
    """The paragraphs of the newer text that are not in the older one: added, reworded,
    and the new sides of splits and merges, in reading order."""
    fresh = {id(p) for c in comparison.changes if c.kind in NEW_KINDS for p in c.new}
    return [p for p in comparison.new.paragraphs if id(p) in fresh]


def find_sources(
    archive: ArchiveReader,
    document: Document,
    *,
    predecessor: str | None = None,
    every_paragraph: bool = False,
    top: int = DEFAULT_TOP,
    threshold: float = DEFAULT_THRESHOLD,
) -> SourcesReport:
    """Sources in the archive of the paragraphs of ``document`` that are new relative to
    its predecessor (``predecessor``, else the one the archive finds; every paragraph
    when there is none, or with ``every_paragraph``). The predecessor and the
    document's own symbol are never sources."""
    if predecessor is None and not every_paragraph:
        predecessor = _best_predecessor(archive, document)
    paragraphs = document.paragraphs
    if predecessor is not None and not every_paragraph:
        paragraphs = new_paragraphs(compare(archive.load(predecessor), document))
    exclude = frozenset(s for s in (predecessor, document.symbol) if s)
    index = refresh(archive)
    try:
        found = [
            ParagraphSources(
                p.label,
                paragraph_text(p),
                index.lookup(paragraph_text(p), exclude=exclude, top=top, threshold=threshold),
            )
            for p in paragraphs
        ]
    finally:
        index.close()
    return SourcesReport(document.path, document.symbol, predecessor, found)


def _best_predecessor(archive: ArchiveReader, document: Document) -> str | None:
    """The archive's best predecessor for ``document``, if it reuses enough of it."""
    own = {document.symbol} if document.symbol else set()
    ranked = find_predecessors(archive, document, top=1, exclude=own)
    if ranked and ranked[0].worth_linking():
        return ranked[0].symbol
    return None
