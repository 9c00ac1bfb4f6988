"""Reading files to archive: bytes, format, parsed Document, symbol, signature.

This is the part of a write that needs no lock: everything here reads the
input and nothing else. For imports it runs in a pool of worker processes
while the writer stores the files already read.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from resdiff.archive.meta import Status
from resdiff.archive.symbols import SymbolError, check_symbol
from resdiff.archive.text import document_markdown
from resdiff.errors import InputError, ResdiffError, no_paragraphs
from resdiff.model import Document
from resdiff.parse import parse
from resdiff.readers import read_bytes, read_data

RESOLUTION_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".pdf", ".docx"})
PARALLEL_FROM = 48  # files; below this a process pool costs more than it saves


@dataclass(slots=True)
class AddRequest:
    """One file to store, with the metadata given for it (None: read it or keep it)."""

    source: str | os.PathLike[str]
    symbol: str | None = None
    series: str | None = None
    date: str | None = None
    status: Status | None = None
    predecessor: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Prepared:
    """A file read and parsed, ready to be stored; ``signature`` is empty unless asked for."""

    source: str
    data: bytes
    format: str
    document: Document
    symbol: str
    signature: bytes = b""


@dataclass(slots=True, frozen=True)
class Rejected:
    """A file that cannot be stored, and why."""

    source: str
    symbol: str | None
    reason: str


def prepare(request: AddRequest, *, sign: bool = False) -> Prepared:
    """Read and parse one input file; raise on any problem (nothing is written).

    With ``sign``, also compute its predecessor-index signature (for bulk writes).
    """
    source = str(request.source)
    if request.symbol is not None:
        check_symbol(request.symbol)
    data = read_bytes(source)
    raw = read_data(source, data)
    document = parse(raw)
    if not document.paragraphs:
        raise no_paragraphs(source, document.amends)
    symbol = request.symbol if request.symbol is not None else document.symbol
    if symbol is None:
        raise InputError(source, "no document symbol found in the text or file name; give --symbol")
    try:
        check_symbol(symbol)
    except SymbolError as exc:
        raise InputError(source, str(exc)) from None
    prepared = Prepared(source, data, raw.format, document, symbol)
    if sign:
        from resdiff.archive.predecessor import text_signature

        prepared.signature = text_signature(document_markdown(document)).tobytes()
    return prepared


def prepare_or_reject(request: AddRequest, *, sign: bool = False) -> Prepared | Rejected:
    """``prepare``, with a problem returned as ``Rejected`` instead of raised."""
    try:
        return prepare(request, sign=sign)
    except ResdiffError as exc:
        reason = str(exc).removeprefix(f"{request.source}: ")
        return Rejected(str(request.source), request.symbol, reason)


def prepare_stream(
    requests: Sequence[AddRequest],
    *,
    sign: bool,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[AddRequest, Prepared | Rejected]]:
    """(request, prepared or rejected) for each request, in order, read by ``jobs`` processes."""
    work = functools.partial(prepare_or_reject, sign=sign)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or len(requests) < PARALLEL_FROM:
        for request in requests:
            yield request, work(request)
            if progress:
                progress(1)
        return
    # spawn, not fork: a forked child would share GitPython's helper processes.
    pool = ProcessPoolExecutor(jobs, mp_context=get_context("spawn"))
    try:
        for request, item in zip(requests, pool.map(work, requests, chunksize=8), strict=True):
            yield request, item
            if progress:
                progress(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def resolution_files(directory: Path, recursive: bool) -> tuple[list[Path], list[Path]]:
    """(resolution files, other files) in ``directory``, sorted; hidden files left out."""
    if not directory.is_dir():
        raise InputError(str(directory), "no such directory")
    pattern = "**/*" if recursive else "*"
    files: list[Path] = []
    ignored: list[Path] = []
    for path in sorted(directory.glob(pattern)):
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            continue
        if not path.is_file():
            continue
        wanted = path.suffix.lower() in RESOLUTION_SUFFIXES and path.name.lower() != "readme.md"
        (files if wanted else ignored).append(path)
    return files, ignored
