"""The predecessor index: what a lookup needs of every archived text, in one file.

``.git/resdiff/predecessor.idx`` holds, for each document at the HEAD it
records: its symbol, the blob ids of its ``text.md`` and ``meta.json``, its
signature (``predecessor.text_signature``) and the metadata the ranking reads
(date, title, series, predecessor); and the postings of all signatures: every
sample hash, sorted, with the document holding it. A lookup maps the file and
binary-searches the postings for the query's samples, so it reads a few
hundred entries whatever the size of the archive, and needs neither git nor
GitPython when the index is up to date (HEAD is read from ``.git`` directly).

Derived data, never committed: the file is replaced atomically and can be
deleted at any time. When HEAD has moved, ``refresh`` lists HEAD's files and
reads only the blobs it has not seen. Documents added since the postings were
last sorted are kept apart (``recent``) and scanned one by one; the postings
are sorted again when there are more than ``RECENT_MAX`` of them or of removed
documents. Imports hand over the signatures and metadata they already have
(``seed``).

Layout: ``MAGIC``, a 4-byte header length, a small JSON header, one block
per metadata column (UTF-8, one value per line; a lookup splits only the
columns it reads and builds only the documents it touches), padding to 4
bytes, then unsigned 32-bit integers: the signatures one after the other,
(offset, length) of each, the sorted sample hashes, the document of each.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import operator
import struct
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff.archive.meta import MetaError, VersionMeta, meta_from_json
from resdiff.archive.signature import text_signature
from resdiff.archive.symbols import SymbolError, dirname_to_symbol
from resdiff.files import replace_atomically

if TYPE_CHECKING:
    from typing import TypeAlias

    from resdiff.archive.git import GitRepo

    Samples: TypeAlias = memoryview | array[int]  # unsigned 32-bit sample hashes

INDEX_FILE = "predecessor.idx"
MAGIC = b"RDPI3\n"
RECENT_MAX = 100  # documents outside the sorted postings before they are sorted again
COLUMNS = ("symbol", "text", "meta", "date", "title", "series", "predecessor")


@dataclass(slots=True)
class Doc:
    """One archived text: symbol, blob ids, signature and the metadata ranking reads."""

    symbol: str
    text: str  # blob id of text.md
    meta: str | None  # blob id of meta.json
    samples: Samples
    date: str | None = None
    title: str | None = None
    series: str | None = None
    predecessor: str | None = None

    @classmethod
    def of(cls, text: str, meta_blob: str | None, samples: Samples, meta: VersionMeta) -> Doc:
        """A document from its metadata."""
        return cls(
            meta.symbol,
            text,
            meta_blob,
            samples,
            meta.date,
            meta.title,
            meta.series,
            meta.predecessor,
        )


class PredecessorIndex:
    """The documents of one HEAD, numbered, and the postings of their samples.

    ``doc(n)`` is None for a document removed since the postings were sorted;
    ``recent`` numbers the documents not in the sorted postings yet. Read
    from a file, a document is built only when a lookup touches it.
    """

    def __init__(self, head: str | None) -> None:
        self.head = head
        self.hashes: Samples = array("I")
        self.owners: Samples = array("I")
        self.recent: list[int] = []
        self._docs: list[Doc | bool | None] = []  # True: in the file, not built yet
        self._columns: dict[str, list[str]] = {}
        self._spans: Samples = array("I")
        self._payload: Samples = array("I")
        self._by_symbol: dict[str, int] | None = None
        self._recent_postings: dict[int, list[int]] | None = None
        self._below: tuple[int, dict[int, list[int]]] | None = None
        self._mapped: mmap.mmap | None = None

    # ------------------------------------------------------------------ reading

    @classmethod
    def load(cls, path: Path) -> PredecessorIndex:
        """The index in ``path``; an empty one when it is missing, unreadable or of another
        format."""
        try:
            with open(path, "rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return cls(None)
        try:
            return cls._parse(mapped)
        except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError, struct.error):
            return cls(None)

    @classmethod
    def _parse(cls, mapped: mmap.mmap) -> PredecessorIndex:
        if mapped[: len(MAGIC)] != MAGIC:
            raise ValueError("not a predecessor index")
        (size,) = struct.unpack_from("<I", mapped, len(MAGIC))
        start = len(MAGIC) + 4
        header = json.loads(mapped[start : start + size])
        blocks_at = start + size
        payload = memoryview(mapped)[_aligned(blocks_at + header["blocks"]) :].cast("I")
        count = header["count"]
        index = cls(header["head"])
        index._mapped = mapped
        index._payload = payload
        index._spans = payload[header["spans_at"] : header["spans_at"] + 2 * count]
        index._columns = {
            name: _lines(mapped, blocks_at + offset, length, count)
            for name, (offset, length) in header["columns"].items()
        }
        index._docs = [True] * count
        for number in header["removed"]:
            index._docs[number] = None
        total = header["postings"]
        at = header["postings_at"]
        index.hashes = payload[at : at + total]
        index.owners = payload[at + total : at + 2 * total]
        index.recent = list(header["recent"])
        return index

    def doc(self, number: int) -> Doc | None:
        """Document ``number`` (None when it was removed)."""
        doc = self._docs[number]
        if doc is True:
            doc = self._build(number)
            self._docs[number] = doc
        return doc if isinstance(doc, Doc) else None

    def _build(self, number: int) -> Doc:
        offset, length = self._spans[2 * number], self._spans[2 * number + 1]
        values = [self._columns[name][number] or None for name in COLUMNS]
        return Doc(
            values[0] or "",
            values[1] or "",
            values[2],
            self._payload[offset : offset + length],
            *values[3:],
        )

    def __len__(self) -> int:
        return len(self._docs)

    def size(self, number: int) -> int:
        """How many samples document ``number`` has (without building it)."""
        doc = self._docs[number]
        if doc is True:
            return int(self._spans[2 * number + 1])
        return len(doc.samples) if isinstance(doc, Doc) else 0

    @property
    def by_symbol(self) -> dict[str, int]:
        """Symbol -> number of every document of the index's HEAD."""
        if self._by_symbol is None:
            self._by_symbol = {d.symbol: n for n, d in self.alive()}
        return self._by_symbol

    def counts(self, query: Iterable[int], *, below: int | None = None) -> Counter[int]:
        """Document number -> how many of the ``query`` samples it holds (only those > 0);
        with ``below``, only documents numbered below it."""
        counts: Counter[int] = Counter()
        hashes, owners = self.hashes, self.owners
        recent = self._recent() if below is None else self._recent_below(below)
        for sample in query:
            low = bisect_left(hashes, sample)
            if low < len(hashes) and hashes[low] == sample:
                counts.update(owners[low : bisect_right(hashes, sample, low)])
            holders = recent.get(sample)
            if holders:
                counts.update(holders)
        return counts

    def _recent(self) -> dict[int, list[int]]:
        if self._recent_postings is None:
            self._recent_postings = self._postings(self.recent)
        return self._recent_postings

    def _recent_below(self, below: int) -> dict[int, list[int]]:
        """The postings of the recent documents numbered below ``below`` (cached)."""
        if self._below is None or self._below[0] != below:
            self._below = (below, self._postings([n for n in self.recent if n < below]))
        return self._below[1]

    def _postings(self, numbers: list[int]) -> dict[int, list[int]]:
        postings: dict[int, list[int]] = {}
        for number in numbers:
            doc = self.doc(number)
            if doc is not None:
                for sample in doc.samples:
                    postings.setdefault(sample, []).append(number)
        return postings

    def alive(self) -> Iterator[tuple[int, Doc]]:
        """(number, document) of every document of the index's HEAD."""
        for number in range(len(self._docs)):
            doc = self.doc(number)
            if doc is not None:
                yield number, doc

    # ------------------------------------------------------------------ changing

    def add(self, doc: Doc) -> int:
        """Add ``doc`` (replacing the document of the same symbol); return its number."""
        self.remove(doc.symbol)
        number = len(self._docs)
        self._docs.append(doc)
        self.recent.append(number)
        self.by_symbol[doc.symbol] = number
        if self._recent_postings is not None:
            for sample in doc.samples:
                self._recent_postings.setdefault(sample, []).append(number)
        return number

    def replace(self, number: int, doc: Doc) -> None:
        """Put ``doc`` (same text, other metadata) in the place of document ``number``."""
        self._docs[number] = doc

    def remove(self, symbol: str) -> None:
        """Forget the document of ``symbol``, if there is one."""
        number = self.by_symbol.pop(symbol, None)
        if number is not None:
            self._docs[number] = None

    def compact(self) -> None:
        """Renumber the documents and sort all postings again."""
        docs = [d for _, d in self.alive()]
        pairs: array[int] = array("Q")
        for number, doc in enumerate(docs):
            shifted = map(operator.lshift, doc.samples, repeat(32))
            pairs.extend(map(operator.or_, shifted, repeat(number)))
        ordered = sorted(pairs)
        self.hashes = array("I", map(operator.rshift, ordered, repeat(32)))
        self.owners = array("I", map(operator.and_, ordered, repeat(0xFFFFFFFF)))
        self._docs = list(docs)
        self.recent = []
        self._recent_postings = None
        self._by_symbol = {d.symbol: n for n, d in enumerate(docs)}

    def needs_compacting(self) -> bool:
        """True when too many documents are outside the sorted postings, or removed."""
        removed = sum(1 for d in self._docs if d is None)
        return len(self.recent) > RECENT_MAX or removed > RECENT_MAX

    def save(self, path: Path) -> None:
        """Write the index atomically (a temporary file, then a rename)."""
        if self.needs_compacting():
            self.compact()
        samples: list[bytes] = []
        spans: array[int] = array("I")
        offset = 0
        columns: dict[str, list[str]] = {name: [] for name in COLUMNS}
        removed = []
        for number in range(len(self._docs)):
            doc = self.doc(number)
            if doc is None:
                removed.append(number)
                spans.extend((0, 0))
                for name in COLUMNS:
                    columns[name].append("")
                continue
            data = bytes(doc.samples)
            samples.append(data)
            spans.extend((offset, len(data) // 4))
            offset += len(data) // 4
            for name in COLUMNS:
                columns[name].append(_one_line(getattr(doc, name)))
        blocks, places, at = [], {}, 0
        for name, values in columns.items():
            block = "\n".join(values).encode("utf-8")
            places[name] = (at, len(block))
            blocks.append(block)
            at += len(block)
        header = {
            "head": self.head,
            "count": len(self._docs),
            "removed": removed,
            "columns": places,
            "blocks": at,
            "spans_at": offset,
            "recent": self.recent,
            "postings": len(self.hashes),
            "postings_at": offset + len(spans),
        }
        encoded = json.dumps(header, separators=(",", ":")).encode()
        end = len(MAGIC) + 4 + len(encoded) + at
        padding = b" " * (_aligned(end) - end)
        prefix = MAGIC + struct.pack("<I", len(encoded)) + encoded
        chunks = [prefix, *blocks, padding, *samples, spans.tobytes()]
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, [*chunks, bytes(self.hashes), bytes(self.owners)])


def _lines(mapped: mmap.mmap, start: int, length: int, count: int) -> list[str]:
    """A column block: ``count`` values, one per line ("" for none)."""
    if count == 0:
        return []
    values = mapped[start : start + length].decode("utf-8").split("\n")
    if len(values) != count:
        raise ValueError("a column of the index has the wrong length")
    return values


def _one_line(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _aligned(position: int) -> int:
    return (position + 3) // 4 * 4


# ---------------------------------------------------------------------- the archive's index


def index_path(git_dir: Path) -> Path:
    """Where an archive's predecessor index lives (inside .git, never committed)."""
    return git_dir / "resdiff" / INDEX_FILE


def branch_head(git_dir: Path) -> str | None:
    """The commit HEAD points to, read from ``.git`` without git (None when unsure)."""
    try:
        head = (git_dir / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head or None
        ref = head[5:]
        loose = git_dir / ref
        if loose.is_file():
            return loose.read_text().strip() or None
        for line in (git_dir / "packed-refs").read_text().splitlines():
            sha, _, name = line.partition(" ")
            if name == ref:
                return sha
    except OSError:
        return None
    return None


def fresh(git_dir: Path) -> PredecessorIndex | None:
    """The index when it reflects HEAD (read without git); None when it must be refreshed."""
    head = branch_head(git_dir)
    if head is None:
        return None
    index = PredecessorIndex.load(index_path(git_dir))
    return index if index.head == head else None


def refresh(
    repo: GitRepo,
    signatures: dict[str, bytes] | None = None,
    metas: dict[str, VersionMeta] | None = None,
    *,
    save: bool = True,
) -> PredecessorIndex:
    """The index, brought up to date with HEAD and saved (when the archive can be
    written and ``save``).

    Only texts and metadata it has not seen are read from git; ``signatures``
    (text blob id -> signature) and ``metas`` (meta.json blob id -> metadata)
    are ones an import already has.
    """
    path = index_path(repo.git_dir)
    index = PredecessorIndex.load(path)
    head = repo.head()
    if index.head == head and head is not None:
        return index
    files: dict[str, dict[str, str]] = {}
    for entry in repo.ls_tree("HEAD", recursive=True):
        folder, _, name = entry.path.partition("/")
        if name in ("text.md", "meta.json"):
            files.setdefault(folder, {})[name] = entry.sha
    known_text = {d.text: d.samples for _, d in index.alive()}
    known_meta = {d.meta: d for _, d in index.alive() if d.meta}
    wanted: set[str] = set()
    for folder, blobs in files.items():
        try:
            symbol = dirname_to_symbol(folder)
        except SymbolError:
            continue
        if "text.md" not in blobs:
            continue
        wanted.add(symbol)
        number = index.by_symbol.get(symbol)
        current = index.doc(number) if number is not None else None
        text, meta_blob = blobs["text.md"], blobs.get("meta.json")
        if current is not None and current.text == text and current.meta == meta_blob:
            continue
        samples = known_text.get(text)
        if samples is None:
            given = (signatures or {}).get(text)
            if given:
                samples = memoryview(given).cast("I")
            else:
                data = repo.read_blob(text).decode("utf-8", "replace")
                samples = text_signature(data)
        doc = _doc_with_meta(repo, symbol, text, meta_blob, samples, known_meta, metas or {})
        if number is not None and current is not None and current.text == text:
            index.replace(number, doc)  # same text, new metadata: the postings stand
        else:
            index.add(doc)
    for symbol in [s for s in index.by_symbol if s not in wanted]:
        index.remove(symbol)
    index.head = head
    if save:
        with contextlib.suppress(OSError):  # read-only archive: refreshed again next time
            index.save(path)
    return index


def _doc_with_meta(
    repo: GitRepo,
    symbol: str,
    text: str,
    meta_blob: str | None,
    samples: Samples,
    known: dict[str, Doc],
    given: dict[str, VersionMeta],
) -> Doc:
    if meta_blob in known:
        old = known[meta_blob]
        return Doc(
            symbol, text, meta_blob, samples, old.date, old.title, old.series, old.predecessor
        )
    meta = given.get(meta_blob or "")
    if meta is None and meta_blob is not None:
        with contextlib.suppress(MetaError):
            meta = meta_from_json(repo.read_blob(meta_blob), f"{symbol}/meta.json")
    if meta is None:
        return Doc(symbol, text, meta_blob, samples)
    return Doc.of(text, meta_blob, samples, meta)
