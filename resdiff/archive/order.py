"""When a document was made: the order of versions and of the documents of a series.

A document's own date (from its masthead, adoption line or metadata) comes
first. Without one, its symbol says roughly when it was made:

- a year printed in the symbol: ``S/2019/90`` -> 2019;
- a General Assembly session: session *n* opens in September of 1945 + *n*,
  and its drafts (``A/C.3/80/L.35``, ``A/80/L.14``) come before the
  resolutions adopted from them (``A/RES/80/204``);
- a Human Rights Council session: three a year since 2006, so session *n*
  falls in 2006 + (*n* - 1) // 3.

Within one estimated year, drafts come before adopted texts, then lower
document numbers before higher ones (``L.39`` before ``L.50``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple, Protocol, TypeVar

OrderKey = tuple[str, int, int, str]


class Dated(Protocol):
    """Anything with a symbol and a date (``VersionMeta``, ``When``)."""

    @property
    def symbol(self) -> str: ...

    @property
    def date(self) -> str | None: ...


class Linked(Dated, Protocol):
    """A dated document that may name the one it was drafted from (``VersionMeta``)."""

    @property
    def predecessor(self) -> str | None: ...


class When(NamedTuple):
    """A document's symbol and own date, before it has metadata."""

    symbol: str
    date: str | None


D = TypeVar("D", bound=Dated)
L = TypeVar("L", bound=Linked)

_YEAR_RE = re.compile(r"(?:19[4-9]\d|2\d\d\d)")


@functools.lru_cache(maxsize=8192)
def estimated_year(symbol: str) -> str | None:
    """The year a document was made, as its symbol tells it (None when it does not).

    >>> [estimated_year(s) for s in ("S/2019/90", "A/RES/79/166", "A/C.3/80/L.35",
    ...                              "A/HRC/RES/41/3", "E/CN.6/2024/L.3", "X/1")]
    ['2019', '2024', '2025', '2019', '2024', None]
    """
    parts = symbol.split("/")
    for part in parts:
        if _YEAR_RE.fullmatch(part):
            return part
    session = _session(parts)
    if session is None:
        return None
    if parts[:2] == ["A", "HRC"]:
        return str(2006 + (session - 1) // 3)
    if parts[0] == "A":
        return str(1945 + session)
    return None


def _session(parts: list[str]) -> int | None:
    """The first all-digit part after the body's own parts (``A/C.3/80/...`` -> 80)."""
    for part in parts[1:]:
        if part.isdigit() and 1 <= len(part) <= 3:
            return int(part)
    return None


def is_adopted(symbol: str) -> bool:
    """True for the symbol of an adopted resolution (``.../RES/...``).

    >>> is_adopted("A/RES/80/204"), is_adopted("A/C.3/80/L.35")
    (True, False)
    """
    return "/RES/" in f"/{symbol}/"


def document_number(symbol: str) -> int:
    """The document's own number within its year or session (``L.35`` -> 35; 0 if none).

    >>> [document_number(s) for s in ("A/C.3/80/L.35", "A/RES/80/204", "S/2019/90")]
    [35, 204, 90]
    """
    last = symbol.rsplit("/", 2)
    for part in reversed(last[1:] if len(last) > 1 else last):
        match = re.fullmatch(r"(?:L\.)?(\d{1,5})", part)
        if match:
            return int(match.group(1))
    return 0


def order_key(meta: Dated) -> OrderKey:
    """Sort key of a document by when it was made: date (or the year its symbol gives),
    drafts before adopted texts, then the document number and the symbol."""
    when = meta.date or estimated_year(meta.symbol) or "9999"
    stage = 1 if is_adopted(meta.symbol) else 0
    return (when, stage, document_number(meta.symbol), meta.symbol)


def may_precede(candidate: Dated, document: Dated) -> bool:
    """False when ``candidate`` was certainly made after ``document``, so it cannot be
    the text ``document`` was drafted from.

    Different dates decide. Otherwise (no dates, or the same day) the years the
    symbols give (else the dates' years), then a draft before the text adopted
    from it; two adopted texts of one year are siblings, adopted together, not
    versions of one another; among drafts of one series of documents the lower
    number comes first (``A/C.2/80/L.39`` before ``A/C.2/80/L.50``).

    >>> from resdiff.archive.order import When
    >>> may_precede(When("A/C.3/80/L.35", None), When("A/RES/80/204", None))
    True
    >>> may_precede(When("A/RES/80/204", None), When("A/C.3/80/L.35", None))
    False
    >>> may_precede(When("A/RES/79/305", None), When("A/RES/79/307", None))
    False
    >>> may_precede(When("A/RES/80/40", "2025-12-01"), When("A/RES/81/40", "2025-12-01"))
    True
    """
    if candidate.date and document.date and candidate.date != document.date:
        return candidate.date < document.date
    adopted = is_adopted(candidate.symbol)
    both_adopted = adopted and is_adopted(document.symbol)
    if candidate.date and document.date and not both_adopted:
        return True  # the same day: a draft and its text, or drafts of one meeting
    own, other = estimated_year(document.symbol), estimated_year(candidate.symbol)
    if own is None or other is None:
        own = document.date[:4] if document.date else own
        other = candidate.date[:4] if candidate.date else other
    if own is None or other is None or own != other:
        return own is None or other is None or other < own
    if adopted != is_adopted(document.symbol):
        return not adopted
    if both_adopted:
        return False
    if candidate.symbol.rsplit("/", 1)[0] == document.symbol.rsplit("/", 1)[0]:
        return document_number(candidate.symbol) <= document_number(document.symbol)
    return True


def chronological(metas: Iterable[D]) -> list[D]:
    """``metas`` sorted by ``order_key``."""
    return sorted(metas, key=order_key)


def order_versions(metas: Iterable[L]) -> list[L]:
    """Versions in the order they were made (``order_key``: date, else the year or
    session in the symbol, drafts before adopted texts), every predecessor before its
    successors."""
    pending = {m.symbol: m for m in metas}
    ordered: list[L] = []
    placed: set[str] = set()
    while pending:
        ready = [
            m
            for m in pending.values()
            if m.predecessor is None or m.predecessor in placed or m.predecessor not in pending
        ]
        chosen = min(ready or pending.values(), key=order_key)  # a cycle: break it by date
        ordered.append(chosen)
        placed.add(chosen.symbol)
        del pending[chosen.symbol]
    return ordered
