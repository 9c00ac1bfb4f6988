"""Parse the text of a resolution into a ``Document``.

The text arrives as lines from a reader. Structure is decided from evidence
gathered over the whole document first, then the lines are segmented. The
passes, each in its own module:

1. *Lines* (``lines``): every non-blank line with its indentation, and whether
   a blank line or a page break came before it; YAML front matter and markdown
   footnote definitions are taken out.
2. *Furniture* (``furniture``): running headers, job numbers, barcodes, page
   counters and page numbers, found by their shape, by the document's own
   symbol and title and by repetition beside page breaks, are removed; each
   removal marks a page break.
3. *Footnotes* (``footnotes``): footnote zones under a rule at page bottoms and
   footnote bodies found by sequence are taken out of the text flow wherever
   they fall; their markers ("tenth4", "1993, 1") are found by sequence and
   page and written as superscripts.
4. *Frame* (``frame``) and *header* (``header``): the opening line splits the
   header (symbol, title, date) from the body; the meeting line or the vote
   closes it; "Annex" lines open annexes.
5. *Profile* (``profile``): the body's layout is measured: numbers alone or
   inline, hard-wrapped or not, blank lines or indentation between
   paragraphs.
6. *Blocks* (``blocks``): lines are segmented into paragraphs, sub-items and
   headings with the rules the profile calls for.
7. *Checks* (``checks``): where the structure is implausible (printed numbers
   not used, a paragraph many times the median length, furniture left in the
   text), a warning line is added to the document.

``patterns`` holds the line patterns several passes read and ``clauses`` the
words that open preambular and operative paragraphs and how a clause ends.
``parse`` and ``parse_text``, here, run the passes in order.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from resdiff.model import Document, Footnote
from resdiff.normalize import SUPERSCRIPT_DIGITS, from_superscript
from resdiff.parse.blocks import BlockBuilder, join_labels_alone, repair_misread_one
from resdiff.parse.checks import structure_warnings
from resdiff.parse.clauses import OPERATIVE_VERBS, PREAMBLE_OPENERS
from resdiff.parse.footnotes import (
    Body,
    attach_footnotes,
    mark_footnotes,
    take_bodies,
    unique_footnotes,
)
from resdiff.parse.frame import find_frame, opening_index
from resdiff.parse.furniture import header_evidence, remove_furniture
from resdiff.parse.header import (
    is_decision,
    parse_vote,
    read_header,
    read_tail,
    running_title,
    symbol_from_filename,
)
from resdiff.parse.lines import Line, SourceLines, number_pages
from resdiff.parse.patterns import SYMBOL_RE
from resdiff.parse.profile import measure
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
    source = SourceLines.from_text(text)
    opening = opening_index(source.lines)
    header = source.lines[: opening if opening is not None else 40]
    evidence = header_evidence(header, source.front_matter)
    lines, _ = remove_furniture(source.lines, evidence, body_start=len(header) + 1)
    pages = number_pages(lines)
    lines, bodies = take_bodies(lines)
    frame = find_frame(lines)
    apart = [*(extra_footnotes or []), *source.footnotes]  # printed apart from the pages
    all_bodies = [*bodies, *(Body(n.marker, n.text, None, False) for n in apart)]
    text_lines = frame.body + frame.tail + frame.annex
    paged = len({line.page for line in text_lines}) > 1  # the text itself runs over pages
    mark_footnotes(text_lines, all_bodies, paged=paged)

    document = Document()
    read_header(frame.header, source.front_matter, document)
    document.footnotes = unique_footnotes([*apart, *_as_footnotes(bodies)])
    if document.amends is not None:
        return document  # an amendment holds instructions, not paragraphs
    layout = measure(frame.body, pages=pages, markdown=_is_markdown(source.front_matter, text))
    builder = BlockBuilder(layout, running_title=running_title(document.title))
    body = repair_misread_one(join_labels_alone(frame.body, lone_numbers=True))
    builder.feed(body, "preamble")
    if frame.annex:
        builder.feed(join_labels_alone(frame.annex, lone_numbers=True), "annex")
    document.paragraphs = builder.paragraphs()
    document.layout = layout
    read_tail(frame.tail, document)
    attach_footnotes(document)
    document.warnings = structure_warnings(
        document, frame.body, cited=_markers_in(frame.tail), decision=is_decision(frame.header)
    )
    return document


def _as_footnotes(bodies: list[Body]) -> list[Footnote]:
    return [Footnote(body.marker, " ".join(body.text.split())) for body in bodies]


def _is_markdown(front_matter: dict[str, str], text: str) -> bool:
    return bool(front_matter) or "[^" in text or "**" in text


def _markers_in(lines: list[Line]) -> set[str]:
    found: set[str] = set()
    for line in lines:
        for run in re.findall(f"[{SUPERSCRIPT_DIGITS}]+", line.text):
            found.add(from_superscript(run))
    return found
