"""Readers: turn a file (plain text, markdown, PDF, DOCX) into text for the parser.

Each reader module has the same interface, ``read(path, data) -> RawDocument``,
and is chosen by the file's content (magic bytes) rather than its name. The PDF
and DOCX readers import their libraries lazily, so comparing text files never
loads them.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import BinaryIO

from resdiff.errors import InputError, ResdiffError
from resdiff.limits import MAX_INPUT_BYTES, MAX_TEXT_CHARS
from resdiff.model import Footnote


@dataclass(slots=True)
class RawDocument:
    """Text extracted from a file, ready for ``resdiff.parse``.

    ``footnotes`` holds footnote bodies the reader found in a separate part of
    the file (DOCX footnotes); text formats leave them in ``text``.
    """

    text: str
    path: str
    format: str
    footnotes: list[Footnote] = field(default_factory=list)


# Names of descriptors the caller already holds open: process substitution
# (``<(git show HEAD:res.txt)`` is ``/dev/fd/63``) and standard input. A pipe
# named so has a writer; any other FIFO could block forever on open, and a
# device such as /dev/zero never ends, so those are refused.
_OPEN_DESCRIPTOR_RE = re.compile(r"^/(?:dev/fd/\d+|dev/stdin|proc/self/fd/\d+)$")
STDIN_NAME = "standard input"

# format name -> module under resdiff.readers
READERS = {"text": "text", "pdf": "pdf", "docx": "docx"}


def detect_format(data: bytes) -> str:
    """Name the reader for ``data`` by its first bytes: 'pdf', 'docx' or 'text'."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    return "text"


def check_file_name(name: str) -> str:
    """Return ``name``, or raise ``InputError`` when it cannot name a file: empty, or
    ending in '/' (``Path`` would drop the slash and read the file anyway).

    Commands call this on the names they are given before anything else sees them.
    """
    if not name:
        raise ResdiffError("an input path is empty")
    if name.endswith("/") or (os.altsep is not None and name.endswith(os.altsep)):
        raise InputError(name, "is not a file name (it ends with '/')")
    return name


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a regular file whole, or raise ``InputError`` saying why it cannot be."""
    name = check_file_name(os.fspath(path))
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if _OPEN_DESCRIPTOR_RE.match(name) and stat.S_ISFIFO(info.st_mode):
        try:
            with open(name, "rb") as handle:
                return read_stream(handle, name)
        except OSError as exc:
            raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "is not a regular file")
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError(name, f"too large ({info.st_size} bytes; limit {MAX_INPUT_BYTES})")
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not data:
        raise InputError(name, "is empty")
    return data


def read_stream(stream: BinaryIO, name: str = STDIN_NAME) -> bytes:
    """Read a pipe (standard input, ``/dev/fd/N``) to its end, or raise ``InputError``
    when it holds nothing or more than ``MAX_INPUT_BYTES``."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(name, f"too large (more than {MAX_INPUT_BYTES} bytes)")
    if not data:
        raise InputError(name, "is empty")
    return data


def read(path: str | os.PathLike[str], *, docx_revisions: str = "accept") -> RawDocument:
    """Read any supported file into a ``RawDocument``, choosing the reader by content.

    ``docx_revisions`` ('accept' or 'reject') says how tracked changes in a DOCX
    input are read; other formats ignore it.
    """
    return read_data(path, read_bytes(path), docx_revisions=docx_revisions)


def read_data(
    path: str | os.PathLike[str], data: bytes, *, docx_revisions: str = "accept"
) -> RawDocument:
    """Read ``data``, the content of the file ``path``, as ``read`` would read the file.

    For content already in memory (a git blob, an archived original). Raises
    ``InputError`` when it is empty, too large, unreadable or holds too much text.
    """
    name = str(path)
    if not data:
        raise InputError(name, "is empty")
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(name, f"too large ({len(data)} bytes; limit {MAX_INPUT_BYTES})")
    fmt = detect_format(data)
    module = import_module(f"resdiff.readers.{READERS[fmt]}")
    if fmt == "docx":
        raw: RawDocument = module.read(Path(path), data, revisions=docx_revisions)
    else:
        raw = module.read(Path(path), data)
    if len(raw.text) > MAX_TEXT_CHARS:
        raise InputError(
            name, f"too much text ({len(raw.text)} characters; limit {MAX_TEXT_CHARS})"
        )
    if not raw.text.strip():
        raise InputError(name, "contains no text")
    return raw
