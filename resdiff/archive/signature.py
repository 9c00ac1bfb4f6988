"""Signatures of archived texts: what the predecessor lookup compares (see ``predecessor``).

The normalised text (``text.md``) is cut into word ``SHINGLE``-grams of its
case-folded words, after its front matter, title and paragraph numbers are
dropped; each shingle is hashed (CRC-32) and only the hashes divisible by
``SAMPLE`` are kept. A ``Query`` is a text whose predecessor is looked for:
what it says of itself, and its samples.
"""

from __future__ import annotations

import re
import zlib
from array import array
from dataclasses import dataclass

from resdiff.archive.text import body_text, document_markdown
from resdiff.model import Document

SHINGLE = 5
SAMPLE = 4
_NUMBER_RE = re.compile(r"^\s*\d{1,4}\.\s+", re.M)
_TITLE_RE = re.compile(r"\A\s*# [^\n]*\n")
_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True, frozen=True)
class Query:
    """A text whose predecessor is looked for: what it says of itself, and its samples."""

    symbol: str | None
    date: str | None
    title: str | None
    samples: frozenset[int]


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


def document_signature(document: Document) -> array[int]:
    """The signature of a parsed text, as it would be stored (``text.document_markdown``)."""
    return text_signature(document_markdown(document))


def query_of(
    document: Document,
    *,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
) -> Query:
    """The query for a parsed text (its own symbol, date and title unless given)."""
    samples = frozenset(document_signature(document))
    return Query(symbol or document.symbol, date or document.date, title or document.title, samples)
