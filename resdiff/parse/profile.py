"""The layout profile: how a document's text is laid out, measured before segmenting.

Paragraph boundaries are read from the evidence the document gives, so it is
measured first, over the whole body:

* ``numbers``: whether printed operative numbers stand alone on their line
  ("12." then the text) or inline ("12. Decides"), or both, or none;
* ``wrapped``: whether lines are hard-wrapped (most paragraphs run over several
  lines ending mid-sentence) and at what width; if not, one line is one
  paragraph;
* ``blank_lines``: whether blank lines separate paragraphs: they come before
  the lines that surely start a paragraph (a printed number after a finished
  clause) and not between the lines of a sentence;
* ``indented_starts``: whether the first line of a paragraph is indented deeper
  than the lines after it (text extracted with its layout);
* ``pages``: how many pages the furniture pass found.

The builder segments with the rules that fit the profile, and the profile is
part of the parse result (``Document.layout``).
"""

from __future__ import annotations

import itertools
from collections import Counter

from resdiff.model import Layout
from resdiff.parse.clauses import ends_clause
from resdiff.parse.lines import Line
from resdiff.parse.patterns import NUMBER_ALONE_RE, NUMBERED_RE


def median(values: list[int]) -> float:
    """The middle value (the mean of the two middle ones), as ``statistics.median`` gives it;
    that module is not imported because it costs the command's start-up more than this."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


_SURE = 3  # sure starts needed before a separator counts as evidence


def measure(body: list[Line], *, pages: int, markdown: bool) -> Layout:
    """Measure the layout of the body lines (furniture and footnotes already out)."""
    alone = sum(1 for line in body if NUMBER_ALONE_RE.match(line.text))
    inline = sum(1 for line in body if NUMBERED_RE.match(line.text))
    wrapped, width = _wrapping(body)
    starts, continuations = _sure_pairs(body)
    return Layout(
        numbers=_numbers_kind(alone, inline),
        wrapped=wrapped,
        wrap_width=width,
        widths=_widths_by_indent(body) if wrapped else {},
        blank_lines=_blank_separated(starts, continuations),
        indented_starts=_indented_starts(body, starts, continuations),
        page_indents=_page_indents(body),
        pages=pages,
        markdown=markdown,
    )


def _numbers_kind(alone: int, inline: int) -> str:
    if alone and inline:
        return "alone" if alone >= 2 * inline else "inline" if inline >= 2 * alone else "mixed"
    return "alone" if alone else "inline" if inline else "none"


def _wrapping(body: list[Line]) -> tuple[bool, int | None]:
    """Hard-wrapped when many lines end mid-sentence; the width is the usual full line."""
    texts = [line.text for line in body if not NUMBER_ALONE_RE.match(line.text)]
    if len(texts) < 4:
        return False, None
    open_ends = sum(1 for text in texts[:-1] if not ends_clause(text))
    lengths = sorted(len(text) for text in texts)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    wrapped = open_ends >= 0.3 * len(texts) and median(lengths) <= 160
    return wrapped, width if wrapped else None


def _widths_by_indent(body: list[Line]) -> dict[int, int]:
    """The full line length of each indentation that holds enough lines to tell: a text
    may mix long unwrapped lines with indented, wrapped blocks."""
    by_indent: dict[int, list[int]] = {}
    for line in body:
        by_indent.setdefault(line.indent, []).append(len(line.text))
    widths = {}
    for indent, lengths in by_indent.items():
        if len(lengths) >= 5:
            lengths.sort()
            widths[indent] = lengths[int(0.9 * (len(lengths) - 1))]
    return widths


def _sure_pairs(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Lines that surely start a paragraph (a printed number after a finished clause) and
    lines that surely continue one (lower case after an unfinished line), off page breaks."""
    starts: list[Line] = []
    continuations: list[Line] = []
    for previous, line in itertools.pairwise(body):
        if line.page_break_before or NUMBER_ALONE_RE.match(previous.text):
            continue
        numbered = NUMBERED_RE.match(line.text) or NUMBER_ALONE_RE.match(line.text)
        if numbered and ends_clause(previous.text):
            starts.append(line)
        elif line.text[:1].islower() and not ends_clause(previous.text):
            continuations.append(line)
    return starts, continuations


def _blank_separated(starts: list[Line], continuations: list[Line]) -> bool:
    if len(starts) < _SURE:
        return False
    blank_starts = sum(line.blank_before for line in starts)
    blank_inside = sum(line.blank_before for line in continuations)
    # A few blank lines inside sentences (a former page break) do not undo the evidence.
    rare_inside = blank_inside <= 0.1 * max(len(continuations), blank_starts)
    return blank_starts >= 0.8 * len(starts) and rare_inside


def _page_indents(body: list[Line]) -> dict[int, int]:
    """The usual indentation of each page: extractors that keep the layout shift the text
    block from page to page."""
    counts: dict[int, Counter[int]] = {}
    for line in body:
        counts.setdefault(line.page, Counter())[line.indent] += 1
    return {page: counter.most_common(1)[0][0] for page, counter in counts.items()}


def _indented_starts(body: list[Line], starts: list[Line], continuations: list[Line]) -> bool:
    if len(starts) < _SURE or len(continuations) < _SURE:
        return False
    base = _page_indents(body)

    def deeper(line: Line) -> bool:
        return line.indent > base.get(line.page, 0) + 1

    deeper_starts = sum(deeper(line) for line in starts) / len(starts)
    deeper_inside = sum(deeper(line) for line in continuations) / len(continuations)
    return deeper_starts >= 0.8 and deeper_inside <= 0.1
