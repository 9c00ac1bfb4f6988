"""Parse the text of a resolution into a ``Document``.

The text arrives as lines from a reader. Parsing runs in passes, each in its
own module:

1. *Lines* (``lines``): YAML front matter and markdown footnote definitions are
   taken out; page furniture (running symbols, job numbers, page numbers) is
   dropped.
2. *Frame* (``lines``): the opening line ("The Human Rights Council,") splits
   the header from the body; the meeting line, the vote record and any annex
   close it. ``header`` reads the header (symbol, title, date) and the tail
   (meeting line, vote record).
3. *Blocks* (``blocks``): each body line either starts a paragraph (a printed
   operative number that fits the sequence, a sub-item label, a preambular
   opening phrase, a section heading) or continues the previous one. A line
   never starts a paragraph just because it follows a line break or a blank
   line: extraction breaks paragraphs at page ends, and paragraphs are told
   apart by the conventions of the genre instead.
4. *Footnotes* (``footnotes``): footnote bodies printed at page bottoms are
   collected, and markers in the text (superscripts, ``[^n]`` or digits glued
   to a word) are recognised in document order and rewritten as superscript
   digits.

Shared by the passes: ``patterns`` (the line patterns that more than one pass
reads: symbols, the opening line, titles, numbers, draft labels, the meeting
line and the vote) and ``clauses`` (the words that open preambular and
operative paragraphs, and how a clause ends). ``parse`` and ``parse_text``,
here, run the passes in order.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from resdiff.model import Document, Footnote
from resdiff.parse.blocks import _BlockBuilder
from resdiff.parse.clauses import OPERATIVE_VERBS, PREAMBLE_OPENERS
from resdiff.parse.footnotes import _attach_footnotes, _unique_footnotes
from resdiff.parse.header import (
    _read_header,
    _read_tail,
    _running_title,
    parse_vote,
    symbol_from_filename,
)
from resdiff.parse.lines import _find_frame, _Lines
from resdiff.parse.patterns import SYMBOL_RE
from resdiff.readers import RawDocument

__all__ = [
    "OPERATIVE_VERBS",
    "PREAMBLE_OPENERS",
    "SYMBOL_RE",
    "parse",
    "parse_text",
    "parse_vote",
    "symbol_from_filename",
]

# --------------------------------------------------------------------------- entry point


def parse(
    source: str | os.PathLike[str] | RawDocument, *, docx_revisions: str = "accept"
) -> Document:
    """Parse a resolution into a ``Document``.

    ``source`` is a path to a file (text, markdown, PDF or DOCX, detected by
    content), a ``RawDocument`` from ``resdiff.readers.read``, or the text
    itself (a ``str`` containing a line break, or a string that names no file).
    """
    raw = _to_raw(source, docx_revisions)
    document = parse_text(raw.text, extra_footnotes=raw.footnotes)
    document.path = raw.path or None
    if document.symbol is None and raw.path:
        document.symbol = symbol_from_filename(raw.path)
    return document


def _to_raw(source: str | os.PathLike[str] | RawDocument, docx_revisions: str) -> RawDocument:
    from resdiff.readers import read

    if isinstance(source, RawDocument):
        return source
    if isinstance(source, os.PathLike):
        return read(source, docx_revisions=docx_revisions)
    if _names_a_file(source):
        return read(source, docx_revisions=docx_revisions)  # a missing file is an error
    return RawDocument(text=source, path="", format="text")


def _names_a_file(source: str) -> bool:
    """True when ``source`` is a file's name rather than a resolution's text: one line
    that names an existing file or ends in a resolution file's extension."""
    if "\n" in source or "\r" in source or len(source) >= 4096:
        return False
    if _FILE_NAME_RE.search(source):
        return True
    try:
        return Path(source).exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


_FILE_NAME_RE = re.compile(r"\.(?:txt|md|markdown|pdf|docx)$", re.I)


def parse_text(text: str, *, extra_footnotes: list[Footnote] | None = None) -> Document:
    """Parse resolution text (already decoded) into a ``Document``."""
    lines = _Lines.from_text(text)
    document = Document(footnotes=list(extra_footnotes or []))
    document.footnotes.extend(lines.footnotes)
    frame = _find_frame(lines.items)
    _read_header(frame.header, lines.front_matter, document)
    builder = _BlockBuilder(running_title=_running_title(document.title))
    builder.feed(frame.body, "preamble")
    if frame.annex:
        builder.feed(frame.annex, "annex")
    document.footnotes.extend(builder.footnotes)
    document.footnotes = _unique_footnotes(document.footnotes)
    document.paragraphs = builder.paragraphs()
    _read_tail(frame.tail, document)
    _attach_footnotes(document)
    return document
