"""Plain-text and markdown reader: decode bytes, reject binary data."""

from __future__ import annotations

import re
from pathlib import Path

from resdiff.errors import InputError
from resdiff.readers import RawDocument

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; reject anything else.

    >>> decode(b"\\xef\\xbb\\xbfThe Council,\\r\\n", "x")
    'The Council,\\n'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom) :], encoding, name)
    if b"\x00" in data:
        raise InputError(name, "looks binary (contains NUL bytes), not a text document")
    return _decode_with(data, "utf-8", name)


def _decode_with(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"is not valid {encoding.upper()} text (bad byte at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise InputError(name, "contains NUL characters, not a text document")
    if _control_share(text) > 0.01:
        raise InputError(name, "looks binary (too many control characters), not a text document")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_share(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_CONTROL_RE.findall(sample)) / len(sample)


def read(path: Path, data: bytes) -> RawDocument:
    """Read a .txt or .md file already loaded as ``data``."""
    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    return RawDocument(text=decode(data, str(path)), path=str(path), format=fmt)
