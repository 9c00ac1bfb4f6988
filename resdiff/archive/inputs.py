"""Reading files to archive: bytes, format, parsed Document, symbol, signature.

This is the part of a write that needs no lock: everything here reads the
input and nothing else. For imports it runs in a pool of worker processes
while the writer stores the files already read.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from resdiff.archive.meta import Status
from resdiff.archive.signature import Query, document_signature, query_of
from resdiff.archive.symbols import SymbolError, check_symbol
from resdiff.errors import InputError, ResdiffError, no_paragraphs
from resdiff.model import Document
from resdiff.parse import parse
from resdiff.readers import read_bytes, read_data

RESOLUTION_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".pdf", ".docx"})
PARALLEL_FROM = 48  # files; below this a process pool costs more than it saves
PARENT_CHECK = 0.2  # seconds between a pool worker's checks that the importer still runs


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
    """A file read and parsed, ready to be stored; ``signature`` is empty unless asked for.

    ``sidecar`` holds what the ``.meta.json`` beside the file says (``symbol``,
    ``date``, ``title``; see ``read_sidecar``).
    """

    source: str
    data: bytes
    format: str
    document: Document
    symbol: str
    signature: bytes = b""
    sidecar: dict[str, str] = field(default_factory=dict)


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
    sidecar = read_sidecar(source)
    symbol = request.symbol or sidecar.get("symbol") or document.symbol
    if symbol is None:
        raise InputError(source, "no document symbol found in the text or file name; give --symbol")
    try:
        check_symbol(symbol)
    except SymbolError as exc:
        raise InputError(source, str(exc)) from None
    prepared = Prepared(source, data, raw.format, document, symbol, sidecar=sidecar)
    if sign:
        prepared.signature = document_signature(document).tobytes()
    return prepared


def sidecar_path(source: str | os.PathLike[str]) -> Path:
    """The ``.meta.json`` beside a file: ``S_2018_95.txt`` -> ``S_2018_95.meta.json``."""
    return Path(source).with_suffix(".meta.json")


def read_sidecar(source: str | os.PathLike[str]) -> dict[str, str]:
    """What the ``.meta.json`` beside ``source`` says: ``symbol``, ``date`` (ISO), ``title``.

    Keys are read in any letter case; the symbol may be given as ``ID`` (a job
    number there, such as ``18-01971``, is not a symbol and is left out), the
    date as ``2018-02-08`` or ``8 February 2018``. Values of other kinds are
    left out. {} when there is no such file; ``InputError`` when it is not a
    JSON object.
    """
    path = sidecar_path(source)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"not a readable JSON file: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "not a JSON object")
    fields = {str(k).lower(): v.strip() for k, v in data.items() if isinstance(v, str)}
    found = {}
    symbol = fields.get("symbol") or fields.get("id")
    if symbol and "/" in symbol:
        with contextlib.suppress(SymbolError):
            found["symbol"] = check_symbol(symbol)
    date = _iso_date(fields.get("date", ""))
    if date:
        found["date"] = date
    if fields.get("title"):
        found["title"] = " ".join(fields["title"].split())
    return found


def _iso_date(text: str) -> str | None:
    for pattern in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def lookup_query(source: str | os.PathLike[str], symbol: str | None = None) -> Query:
    """What the predecessor lookup needs of a file: its symbol (``symbol``, else the
    ``.meta.json``'s, else the text's), date and title, and its signature."""
    name = str(source)
    document = parse(read_data(name, read_bytes(name)))
    if not document.paragraphs:
        raise no_paragraphs(name, document.amends)
    sidecar = read_sidecar(name)
    own = symbol or sidecar.get("symbol") or document.symbol
    return query_of(
        document,
        symbol=own,
        date=sidecar.get("date"),
        title=document.title or sidecar.get("title"),
    )


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
    # Imported here: a write of fewer files never starts a pool.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # spawn, not fork: a forked child would share GitPython's helper processes.
    pool = ProcessPoolExecutor(
        jobs, mp_context=get_context("spawn"), initializer=exit_with, initargs=(os.getpid(),)
    )
    try:
        for request, item in zip(requests, pool.map(work, requests, chunksize=8), strict=True):
            yield request, item
            if progress:
                progress(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def exit_with(parent: int) -> None:
    """Pool worker start-up: end this worker as soon as ``parent`` (the process that
    started it) is gone, so that a killed import leaves no readers running."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def resolution_files(directory: Path, recursive: bool) -> tuple[list[Path], list[Path]]:
    """(resolution files, other files) in ``directory``, sorted; hidden files and the
    ``.meta.json`` files beside resolution files left out."""
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
    sidecars = {sidecar_path(path) for path in files}
    return files, [path for path in ignored if path not in sidecars]
