"""The metadata stored with each archived version, and how it is written down.

Each document directory holds a ``meta.json`` (one JSON object, keys sorted,
two-space indent, so that ``git diff`` of a metadata change is one line per
field) and each commit that adds a version carries the same fields as git
trailers (``Symbol: S/2020/110``), so ``git log`` alone tells the story.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal

import resdiff
from resdiff.archive.symbols import SymbolError, check_date, check_series, check_symbol
from resdiff.safety import one_line

Status = Literal["draft", "adopted"]
STATUSES: tuple[Status, ...] = ("draft", "adopted")
META_FORMAT = 1
FORMATS = ("text", "markdown", "pdf", "docx")
ORIGINAL_SUFFIX = {"text": ".txt", "markdown": ".md", "pdf": ".pdf", "docx": ".docx"}


class MetaError(SymbolError):
    """A ``meta.json`` that cannot be read or holds a value of the wrong kind."""


@dataclass(slots=True, frozen=True)
class VersionMeta:
    """What the archive knows about one stored version of a document."""

    symbol: str
    title: str | None
    body: str | None
    date: str | None
    status: Status
    series: str | None
    predecessor: str | None
    source_name: str
    source_sha256: str
    source_format: str
    parser_version: str
    text_sha256: str | None = None  # of text.md; None in versions stored before it was recorded

    @property
    def original_name(self) -> str:
        """File name of the original inside the document directory (``original.pdf`` ...)."""
        return "original" + ORIGINAL_SUFFIX[self.source_format]

    def with_changes(self, **changes: object) -> VersionMeta:
        """A copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_json(self) -> str:
        """The ``meta.json`` text: sorted keys, a format number, a final newline."""
        data: dict[str, object] = {"format": META_FORMAT, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def to_dict(self) -> dict[str, object]:
        """The fields as a plain mapping (for JSON output)."""
        return asdict(self)

    def trailers(self) -> list[str]:
        """The fields as git trailer lines, in a fixed order; unset fields left out."""
        names = {
            "symbol": "Symbol",
            "title": "Title",
            "body": "Body",
            "date": "Date",
            "status": "Status",
            "series": "Series",
            "predecessor": "Predecessor",
            "source_name": "Source",
            "source_sha256": "Source-SHA256",
            "source_format": "Source-Format",
            "parser_version": "Parser-Version",
            "text_sha256": "Text-SHA256",
        }
        lines = []
        for field_name, token in names.items():
            value = getattr(self, field_name)
            if value:
                lines.append(f"{token}: {one_line(str(value))}")
        return lines


def meta_from_json(text: str | bytes, where: str) -> VersionMeta:
    """Read a ``meta.json``; ``MetaError`` naming ``where`` if it is malformed."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MetaError(f"{where}: corrupt metadata: {exc}") from None
    if not isinstance(data, dict):
        raise MetaError(f"{where}: corrupt metadata: not a JSON object")
    if data.get("format") != META_FORMAT:
        raise MetaError(f"{where}: unknown metadata format {data.get('format')!r}")
    values: dict[str, Any] = {}  # strings or None, checked by ``_checked``
    for spec in fields(VersionMeta):
        value = data.get(spec.name)
        if value is not None and not isinstance(value, str):
            raise MetaError(f"{where}: corrupt metadata: {spec.name} is not a string")
        values[spec.name] = value
    try:
        return _checked(VersionMeta(**values), where)
    except SymbolError as exc:
        raise MetaError(f"{where}: corrupt metadata: {exc}") from None


def _checked(meta: VersionMeta, where: str) -> VersionMeta:
    required = ("symbol", "status", "source_name", "source_sha256", "source_format")
    missing = [name for name in required if not getattr(meta, name)]
    if missing:
        raise MetaError(f"{where}: corrupt metadata: missing {', '.join(missing)}")
    check_symbol(meta.symbol)
    if meta.predecessor is not None:
        check_symbol(meta.predecessor)
    if meta.series is not None and check_series(meta.series) != meta.series:
        raise MetaError(f"{where}: corrupt metadata: series {meta.series!r}")
    if meta.date is not None:
        check_date(meta.date)
    if meta.status not in STATUSES:
        raise MetaError(f"{where}: corrupt metadata: status {meta.status!r}")
    if meta.source_format not in FORMATS:
        raise MetaError(f"{where}: corrupt metadata: source format {meta.source_format!r}")
    for name in ("source_sha256", "text_sha256"):
        value = getattr(meta, name)
        if value is not None and not re.fullmatch(r"[0-9a-f]{64}", value):
            raise MetaError(f"{where}: corrupt metadata: {name} is not a SHA-256")
    return meta


def check_status(status: str) -> Status:
    """Return ``status`` if it is 'draft' or 'adopted', else raise ``SymbolError``."""
    if status not in STATUSES:
        raise SymbolError(f"invalid status {status!r}: use draft or adopted")
    return status


def default_status(symbol: str) -> Status:
    """Adopted for resolution symbols (``.../RES/...``), draft for everything else.

    >>> default_status("A/HRC/RES/41/3"), default_status("A/HRC/41/L.5/Rev.1")
    ('adopted', 'draft')
    """
    return "adopted" if "/RES/" in f"/{symbol}/" else "draft"


@functools.cache
def resdiff_version() -> str:
    """The version of resdiff (and of its parser) writing the archive, as ``parser_version``
    records it (read once: reading the package metadata costs milliseconds, twice per
    stored document)."""
    return str(resdiff.__version__)
