"""Plausibility checks: where the parsed structure does not fit the text, say so.

A parser that guesses wrong should not be silent. After segmenting, the
result is checked against evidence that does not depend on the segmenting
rules: the paragraph numbers printed at line starts, the lengths of the
paragraphs, the page furniture patterns and the footnote sequence. Each
problem found is one line of ``Document.warnings``; the command line prints
them on stderr, and ``resdiff check`` reports them as findings.
"""

from __future__ import annotations

import re

from resdiff.model import Document, Paragraph, Subitem
from resdiff.normalize import SUPERSCRIPT_DIGITS, from_superscript
from resdiff.parse.lines import Line
from resdiff.parse.patterns import NUMBER_ALONE_RE, NUMBERED_RE
from resdiff.parse.profile import median

# Furniture that leaked into text: a job number, a barcode, a masthead line, or a footnote
# rule followed by a footnote (a blank "80/____ of __ December" in a draft is text).
_FURNITURE_IN_TEXT_RE = re.compile(
    r"\b\d{2}-\d{5}\s*\([A-Z]\)|\*\d{7,}\*|_{8,}\s+\d{1,3}\s+[A-Z]|"
    r"Distr\.:\s*(?:General|Limited)|\bPlease recycle\b"
)
_FURNITURE_SIGNS = ("(E)", "(F)", "(S)", "(A)", "(C)", "(R)", "*", "____", "Distr", "recycle")
_GLUED_LIMIT = 8  # a paragraph this many times the median length is suspect
_GLUED_MIN_CHARS = 2500


def structure_warnings(
    document: Document, body: list[Line], *, cited: set[str], decision: bool = False
) -> list[str]:
    """One line per implausible feature of the parsed ``document``.

    ``body`` is the body's lines as segmented (furniture and footnotes out),
    ``cited`` the footnote markers found in the text and ``decision`` whether the
    header calls the text a decision (which may hold no operative paragraph:
    "The General Assembly, recalling ..., decides ...").
    """
    warnings: list[str] = []
    warnings += _unused_numbers(document, body)
    warnings += _long_paragraphs(document.paragraphs)
    operative = any(p.section in ("operative", "annex") for p in document.paragraphs)
    if document.paragraphs and not operative and not decision:
        warnings.append(
            "no operative paragraph found: the operative part may be glued to the preamble"
        )
    warnings += _furniture_left(document.paragraphs)
    warnings += _uncited_footnotes(document, cited)
    return warnings


def printed_numbers(body: list[Line]) -> list[tuple[int, int]]:
    """The paragraph numbers printed at line starts, in a 1, 2, 3 ... sequence (a number
    may be skipped): (number, source line) pairs. Restarts at 1 open a new sequence."""
    found: list[tuple[int, int]] = []
    previous = 0
    for line in body:
        match = NUMBERED_RE.match(line.text) or NUMBER_ALONE_RE.match(line.text)
        if not match:
            continue
        number = int(match.group(1))
        if previous < number <= previous + 2 and (previous or number == 1):
            found.append((number, line.number))
            previous = number
        elif number == 1:
            found.append((number, line.number))
            previous = 1
    return found


def _unused_numbers(document: Document, body: list[Line]) -> list[str]:
    printed = printed_numbers(body)
    used = [p.number for p in document.paragraphs if p.number]
    used += [s.label[:-1] for p in document.paragraphs for s in _all_items(p.subitems)]
    if len(printed) <= len(used):
        return []
    used_counts: dict[str, int] = {}
    for used_number in used:
        used_counts[used_number] = used_counts.get(used_number, 0) + 1
    missing = []
    for number, line in printed:
        if used_counts.get(str(number)):
            used_counts[str(number)] -= 1
        else:
            missing.append((number, line))
    if not missing:
        return []
    first_number, first_line = missing[0]
    return [
        f"{len(missing)} paragraph number(s) printed at line starts were not read as "
        f"paragraphs (first: {first_number}. at line {first_line})"
    ]


def _all_items(items: list[Subitem]) -> list[Subitem]:
    """Sub-items at every level, in order."""
    found: list[Subitem] = []
    for item in items:
        found.append(item)
        found += _all_items(item.subitems)
    return found


def _long_paragraphs(paragraphs: list[Paragraph]) -> list[str]:
    if len(paragraphs) < 5:
        return []
    lengths = [len(p.text) for p in paragraphs]  # sub-items are structure, not glue
    typical = median(lengths)
    warnings = []
    for paragraph, length in zip(paragraphs, lengths, strict=True):
        if length >= _GLUED_MIN_CHARS and length > _GLUED_LIMIT * typical:
            warnings.append(
                f"{paragraph.label} is {length // max(1, int(typical))} times the median "
                "paragraph length: paragraphs may be glued together"
            )
    return warnings


def _furniture_left(paragraphs: list[Paragraph]) -> list[str]:
    warnings = []
    for paragraph in paragraphs:
        text = paragraph.full_text()
        if not any(sign in text for sign in _FURNITURE_SIGNS):
            continue  # substring tests spare most paragraphs the search
        found = _FURNITURE_IN_TEXT_RE.search(text)
        if found:
            warnings.append(f"{paragraph.label} holds page furniture ({found.group(0)!r})")
    return warnings


def _uncited_footnotes(document: Document, cited: set[str]) -> list[str]:
    markers = [n.marker for n in document.footnotes if n.marker.isdigit()]
    if not markers:
        return []
    in_text: set[str] = set()
    for paragraph in document.paragraphs:
        in_text.update(
            from_superscript(m) for m in _SUPERSCRIPT_RUN_RE.findall(paragraph.full_text())
        )
    uncited = [m for m in markers if m not in in_text and m not in cited]
    if not uncited:
        return []
    return [f"footnote(s) {', '.join(uncited)} not cited in the text: marker(s) not found"]


_SUPERSCRIPT_RUN_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
