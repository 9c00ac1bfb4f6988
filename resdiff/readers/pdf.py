"""PDF reader: rebuild the paragraphs of a UN document from its text layer.

Built on pdfminer.six, which gives every character with its font, size and
position (pdfplumber wraps the same data, more slowly and with Pillow and
pypdfium2 as extra dependencies); ``benchmarks/pdf_libraries.py`` has the
measurements behind the choice. The reader works in four steps:

1. characters are grouped into lines by baseline; a raised footnote marker in
   smaller type joins the line it is raised into and is written as superscript
   digits glued to the preceding character ("citizenship.²");
2. each page's lines are sorted into page furniture (running header above the
   top rule, job number, barcode, page number: dropped), the page-1 masthead
   (above the masthead rule: kept line by line, less "United Nations" and the
   like), the footnote area (below a "____" separator, smaller type: returned as
   ``RawDocument.footnotes``) and body lines;
3. body lines, across pages, are grouped into paragraphs: a new one starts at a
   vertical gap larger than the line pitch, a deeper first-line indent, a change
   of type size or weight, or a printed number ("3.", "(b)") after a line that
   closed a clause;
4. each paragraph's lines are joined into one line, rejoining words broken at a
   line-end hyphen only when the document says so (see ``_join_hyphenated``).

Paragraphs are separated by one blank line. Errors are one-line ``InputError``s;
library warnings and log records are silenced while reading.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from resdiff.errors import InputError
from resdiff.model import Footnote
from resdiff.readers import RawDocument

Rule = tuple[float, float, float]  # a horizontal rule: x0, x1, y (from the page top)

_LOGGERS = ("pdfminer",)
_MISSING_LIBRARY = "is a PDF, and reading PDFs needs the pdfminer.six package (not installed)"
_ENCRYPTION_ERRORS = {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb06": "st",
    }
)

# Whole lines of page furniture: symbol, job number, print date, barcode, page number.
_FURNITURE_TOKEN = (
    r"(?:[A-Z]{1,4}(?:/[A-Z0-9.\-]+)+|\(\d{4}\)|(?:GE\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?"
    r"|\d{6}|\*[0-9A-Z]{5,}\*|\d{1,3}/\d{1,3}|\d{1,3}|-\s*\d{1,3}\s*-)"
)
_FURNITURE = re.compile(rf"^{_FURNITURE_TOKEN}(?:\s+{_FURNITURE_TOKEN})*$")
_MASTHEAD = re.compile(r"^(United Nations|Nations Unies|Please recycle.*|\W*)$", re.IGNORECASE)
_SYMBOL = re.compile(r"^[A-Z]{1,4}(?:/[A-Z0-9.\-]+)+$")
_SEPARATOR = re.compile(r"^_{5,}$")
_ITEM_START = re.compile(r"^(\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\))\s")
_CLAUSE_END = re.compile(r"([;:.,]|;\s+(?:and|or))$")
_MARKER = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}(?=\s))\s*")
_WORD = re.compile(r"[^\W\d_]+")
_WORD_ENDINGS = frozenset(
    "tion tions sion sions ment ments ness ity ities ance ances ence ences ing ings ly "
    "ally ial ical ous ious able ible ably ibly ation ations ated ating ise ize ised ized "
    "ising izing ure ures ary ery ory ism ist ists ent ents ant ants al ed er ers es".split()
)
_SUSPENDED = frozenset({"and", "or", "to", "nor"})


@dataclass(slots=True)
class Char:
    """One printed character; y coordinates are measured down from the page top."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    baseline: float  # in PDF units, up from the page bottom


@dataclass(slots=True)
class Line:
    """One printed line: its characters and what the layout says about it."""

    chars: list[Char]
    page: int
    top: float
    bottom: float
    text: str = ""
    size: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    bold: bool = False
    baseline: float = 0.0


@dataclass(slots=True)
class Page:
    """The lines of one page, sorted by zone."""

    number: int
    height: float
    header: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Metrics:
    """Document-wide typography: body type size and line pitch."""

    size: float
    pitch: float


def read(path: Path, data: bytes) -> RawDocument:
    """Read a PDF's text layer into paragraphs separated by blank lines.

    Raises ``InputError`` when the PDF is encrypted, unreadable or has no text.
    """
    with _quiet():
        pages = _load(path, data)
    if not any(page.body or page.header for page in pages):
        raise InputError(str(path), "has no text layer (scanned image?); run OCR first")
    text, footnotes = _compose(pages)
    return RawDocument(text=text, path=str(path), format="pdf", footnotes=footnotes)


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence the PDF libraries' warnings and log records for the duration."""
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _load(path: Path, data: bytes) -> list[Page]:
    """Open the PDF and sort every page's lines into zones."""
    try:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError:
        raise InputError(str(path), _MISSING_LIBRARY) from None
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        pages = []
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            page.rotate = 0  # read text in the page's own upright coordinates
            interpreter.process_page(page)
            pages.append(_read_page(device.get_result(), number))
        return pages
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        raise _load_error(path, exc) from None


def _load_error(path: Path, exc: Exception) -> InputError:
    """Turn a library exception into a one-line ``InputError``."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if type(inner).__name__ in _ENCRYPTION_ERRORS:
        return InputError(str(path), "is encrypted")
    detail = " ".join(str(inner).split()) or type(inner).__name__
    return InputError(str(path), f"is not a readable PDF: {detail[:120]}")


# --- lines ------------------------------------------------------------------


def _read_page(layout: Any, number: int) -> Page:
    """Build the lines of one pdfminer page layout and sort them into zones."""
    chars, rules = _page_objects(layout)
    lines = [_finish_line(line_chars, number) for line_chars in _cluster(chars)]
    result = Page(number=number, height=float(layout.height))
    _sort_zones(result, [line for line in lines if line.text], rules, float(layout.width))
    return result


def _page_objects(layout: Any) -> tuple[list[Char], list[Rule]]:
    """The page's upright characters and its horizontal rules (thin rectangles too)."""
    from pdfminer.layout import LTChar, LTLine, LTRect

    top = float(layout.y1)
    chars: list[Char] = []
    rules: list[Rule] = []
    for obj in _walk(layout):
        if isinstance(obj, LTChar) and obj.upright and obj.get_text():
            chars.append(_char(obj, top))
        elif isinstance(obj, LTLine | LTRect) and obj.height < 3:
            rules.append((float(obj.x0), float(obj.x1), top - float(obj.y1)))
    return chars, _merge_rules(rules)


def _walk(container: Any) -> Iterator[Any]:
    """Every layout object, descending into figures (form XObjects)."""
    for obj in container:
        if hasattr(obj, "__iter__") and not hasattr(obj, "get_text"):
            yield from _walk(obj)
        else:
            yield obj


def _char(obj: Any, top: float) -> Char:
    """A ``Char`` from a pdfminer ``LTChar``."""
    return Char(
        text=obj.get_text(),
        x0=float(obj.x0),
        x1=float(obj.x1),
        top=top - float(obj.y1),
        bottom=top - float(obj.y0),
        size=float(obj.size),
        font=str(obj.fontname),
        baseline=float(obj.matrix[5]),
    )


def _cluster(chars: list[Char]) -> list[list[Char]]:
    """Group characters into lines, top to bottom, each sorted left to right.

    Characters on one baseline (within 1.5 pt) form a run; a run of smaller
    type raised into a larger run's height (footnote markers) joins that run.
    """
    runs: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (-c.baseline, c.x0)):
        if runs and abs(runs[-1][0].baseline - char.baseline) <= 1.5:
            runs[-1].append(char)
        else:
            runs.append([char])
    boxes = [_Box(run) for run in runs]
    for box in boxes:
        host = _raised_into(box, boxes)
        if host is not None:
            host.chars.extend(box.chars)
            box.chars = []
    lines = [box.chars for box in boxes if box.chars]
    lines.sort(key=lambda run: min(c.top for c in run))
    return [sorted(run, key=lambda c: c.x0) for run in lines]


class _Box:
    """A run of characters on one baseline, with its extent."""

    __slots__ = ("baseline", "bottom", "chars", "size", "top")

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        self.size = max(c.size for c in chars)
        self.top = min(c.top for c in chars)
        self.bottom = max(c.bottom for c in chars)
        self.baseline = chars[0].baseline


def _raised_into(box: _Box, boxes: list[_Box]) -> _Box | None:
    """The run of larger type that ``box`` is raised into, if any (a superscript)."""
    for other in boxes:
        if other is box or not other.chars or other.size * 0.8 <= box.size:
            continue
        overlap = min(box.bottom, other.bottom) - max(box.top, other.top)
        if overlap >= 0.5 * (box.bottom - box.top) and box.baseline > other.baseline:
            return other
    return None


def _finish_line(chars: list[Char], page: int) -> Line:
    """Measure a line and write its text, superscript digits included."""
    ink = [c for c in chars if c.text.strip()] or chars
    size = Counter(round(c.size, 1) for c in ink).most_common(1)[0][0]
    main = [c for c in ink if c.size >= 0.8 * size] or ink
    line = Line(
        chars=chars,
        page=page,
        top=min(c.top for c in main),
        bottom=max(c.bottom for c in main),
        size=size,
        x0=ink[0].x0,
        x1=ink[-1].x1,
        bold=sum("Bold" in c.font for c in ink) * 2 > len(ink),
        baseline=sorted(c.baseline for c in main)[len(main) // 2],
    )
    line.text = _line_text(chars, line)
    return line


def _is_superscript(char: Char, line: Line) -> bool:
    """A small character whose baseline is raised above the line's baseline."""
    small = char.size < 0.8 * line.size
    return small and char.baseline - line.baseline > 0.2 * line.size


def _line_text(chars: list[Char], line: Line) -> str:
    """The line's text: spaces from gaps, superscripts glued to the preceding character."""
    parts: list[str] = []
    last: Char | None = None
    for char in chars:
        text = char.text
        if last is not None and _duplicate(last, char):
            continue
        if _is_superscript(char, line) and text.isdigit():
            while parts and parts[-1].isspace():
                parts.pop()
            parts.append(text.translate(_SUPERSCRIPT))
        else:
            if last is not None and _gap(last, char) and not text.isspace():
                parts.append(" ")
            parts.append(text)
        last = char
    return " ".join("".join(parts).translate(_LIGATURES).split())


def _duplicate(previous: Char, char: Char) -> bool:
    """The same glyph drawn twice at the same place (fake bold)."""
    return previous.text == char.text and abs(previous.x0 - char.x0) < 0.5


def _gap(previous: Char, char: Char) -> bool:
    """Whether the space between two characters is wide enough to be a word break."""
    if previous.text.isspace():
        return False
    return char.x0 - previous.x1 > 0.15 * min(previous.size, char.size)


def _merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join rule pieces drawn end to end at the same height (UN mastheads draw several)."""
    merged: list[Rule] = []
    for x0, x1, y in sorted(rules, key=lambda r: (round(r[2]), r[0])):
        if merged and abs(merged[-1][2] - y) < 2 and x0 <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1), merged[-1][2])
        else:
            merged.append((x0, x1, y))
    return merged


# --- zones ------------------------------------------------------------------


def _sort_zones(page: Page, lines: list[Line], rules: list[Rule], width: float) -> None:
    """Fill the page's header, body and notes; drop page furniture.

    Page 1: the lines above the masthead rule (a rule across the page in its
    upper 40%) are the header. Later pages: the lines above a rule across the
    top 12% are the running header, dropped.
    """
    wide = [y for x0, x1, y in rules if x1 - x0 > 0.5 * width]
    top_share = 0.4 if page.number == 1 else 0.12
    limit = max((y for y in wide if y < top_share * page.height), default=0.0)
    if page.number == 1:
        page.header = _masthead([ln for ln in lines if ln.bottom <= limit + 1])
    lines = [ln for ln in lines if ln.top > limit and not _furniture(ln, page.height)]
    page.body, page.notes = _split_notes(lines, rules, width)


def _furniture(line: Line, height: float) -> bool:
    """Job number, barcode, symbol or page number in the top or bottom margin."""
    if any("Barcode" in c.font for c in line.chars):
        return True
    in_margin = line.top > 0.88 * height or line.bottom < 0.12 * height
    return in_margin and bool(_FURNITURE.match(line.text) or _MASTHEAD.match(line.text))


def _masthead(lines: list[Line]) -> list[str]:
    """Page-1 header lines, without "United Nations", job numbers and the like.

    A line is cut where its words are far apart ("Security Council   Distr.: General").
    """
    segments = [segment for line in lines for segment in _segments(line)]
    return [
        s for s in segments if _SYMBOL.match(s) or not (_MASTHEAD.match(s) or _FURNITURE.match(s))
    ]


def _segments(line: Line) -> list[str]:
    """Split a line where the horizontal gap exceeds three times the type size."""
    groups: list[list[Char]] = [[]]
    last: Char | None = None
    for char in line.chars:
        if char.text.isspace():
            continue
        if last is not None and char.x0 - last.x1 > 3 * line.size:
            groups.append([])
        groups[-1].append(char)
        last = char
    return [t for t in (_line_text(g, line) for g in groups if g) if t]


def _split_notes(
    lines: list[Line], rules: list[Rule], width: float
) -> tuple[list[Line], list[Line]]:
    """Split a page's lines into body and footnote area.

    The footnote area starts below a separator: a line of underscores, or a
    short rule starting in the left third of the page with smaller type below.
    """
    for index, line in enumerate(lines):
        if _SEPARATOR.match(line.text.replace(" ", "")):
            return lines[:index], lines[index + 1 :]
    short = [y for x0, x1, y in rules if 30 < x1 - x0 < 0.45 * width and x0 < 0.3 * width]
    for y in sorted(short):
        index = next((i for i, ln in enumerate(lines) if ln.top > y), len(lines))
        if _smaller_below(lines, index):
            return lines[:index], lines[index:]
    return lines, []


def _smaller_below(lines: list[Line], index: int) -> bool:
    """Whether the lines from ``index`` on are set smaller than the commonest size above."""
    above = Counter(ln.size for ln in lines[:index]).most_common(1)
    below = [ln.size for ln in lines[index:]]
    return bool(above and below) and max(below) < 0.92 * above[0][0]


# --- paragraphs --------------------------------------------------------------


def _compose(pages: list[Page]) -> tuple[str, list[Footnote]]:
    """Group body lines into paragraphs and footnote lines into footnotes."""
    body = [line for page in pages for line in page.body]
    metrics = _metrics(body)
    notes = [line for page in pages for line in page.notes]
    known = _vocabulary([*body, *notes])
    blocks = [_join(group, known) for group in _paragraphs(body, metrics)]
    header = [text for page in pages for text in page.header]
    text = "\n\n".join([*header, *blocks]) + "\n"
    return text, _footnotes(notes, known)


def _metrics(lines: list[Line]) -> Metrics:
    """Body type size and line pitch, by majority of the body lines.

    The pitch is the commonest baseline step up to 1.45 times the type size:
    in a short text of two-line paragraphs the gap between paragraphs (1.8
    times the size) can outnumber the line step itself.
    """
    if not lines:
        return Metrics(size=10.0, pitch=12.0)
    size = Counter(ln.size for ln in lines for _ in ln.text).most_common(1)[0][0]
    body = [ln for ln in lines if abs(ln.size - size) < 0.5]
    steps = Counter(
        round(b.bottom - a.bottom, 1)
        for a, b in pairwise(body)
        if a.page == b.page and 0.9 * size < b.bottom - a.bottom <= 1.45 * size
    )
    pitch = steps.most_common(1)[0][0] if steps else 1.2 * size
    return Metrics(size=size, pitch=pitch)


def _paragraphs(lines: list[Line], metrics: Metrics) -> Iterator[list[Line]]:
    """Group consecutive lines into paragraphs."""
    group: list[Line] = []
    for line in lines:
        if group and _starts_paragraph(group, line, metrics):
            yield group
            group = []
        group.append(line)
    if group:
        yield group


def _starts_paragraph(group: list[Line], line: Line, metrics: Metrics) -> bool:
    """Whether ``line`` starts a new paragraph after the lines of ``group``.

    A line set deeper than the line before starts one, except the second line
    of a paragraph with a hanging indent ("• the steps ..." / "   continued").
    """
    previous = group[-1]
    if abs(line.size - previous.size) > 0.5 or line.bold != previous.bold:
        return True
    closed = bool(_CLAUSE_END.search(previous.text))
    hanging = len(group) == 1 and not closed
    if line.x0 > previous.x0 + 0.5 * line.size and not hanging:
        return True
    if closed and _ITEM_START.match(line.text):
        return True
    if line.page != previous.page:
        return False
    step = line.bottom - previous.bottom
    return step > 1.25 * metrics.pitch * line.size / metrics.size


def _join(lines: list[Line], known: Counter[str]) -> str:
    """Join a paragraph's lines into one line."""
    text = lines[0].text
    for line in lines[1:]:
        text = _join_pair(text, line.text, known)
    return text


def _join_pair(left: str, right: str, known: Counter[str]) -> str:
    """Append ``right`` to ``left``, rejoining a word broken at a line-end hyphen."""
    if left.endswith("-") and not left.endswith(" -") and right:
        return _join_hyphenated(left, right, known)
    return f"{left} {right}"


def _join_hyphenated(left: str, right: str, known: Counter[str]) -> str:
    """Join across a line-end hyphen, keeping the hyphen unless it is plainly soft.

    UN documents are set without automatic hyphenation: all 25 line-end hyphens
    in the 26 corpus PDFs are real ("information-sharing", "cross-border",
    "post-conflict"), and most of their parts occur nowhere else in the
    document. So the hyphen is kept, with the space too before "and"/"or"
    ("troop- and police-contributing"). It is dropped ("informa-" + "tion" ->
    "information") only when the second part starts lowercase, the hyphenated
    compound occurs nowhere else in the document, and either the joined word
    does occur elsewhere, or the second part is a bare word ending ("tion",
    "ment", "ity" ...) and the first part is not a word of the document.
    """
    first = (_WORD.findall(left)[-1:] or [""])[0].lower()
    tail = (_WORD.findall(right)[:1] or [""])[0]
    second = tail.lower()
    if second in _SUSPENDED and right.startswith(tail):
        return f"{left} {right}"
    if not tail or not right[0].islower() or known[f"{first}-{second}"]:
        return f"{left}{right}"
    fragment = second in _WORD_ENDINGS and not known[first]
    if known[first + second] or fragment:
        return f"{left[:-1]}{right}"
    return f"{left}{right}"


def _vocabulary(lines: Iterable[Line]) -> Counter[str]:
    """Words and hyphenated compounds of the document, lowercased.

    The pieces of a word broken at a line end are left out, so that they do
    not count as evidence for themselves.
    """
    counts: Counter[str] = Counter()
    previous_broken = False
    for line in lines:
        words = line.text.lower().split()
        if previous_broken and words:
            words = words[1:]
        previous_broken = line.text.endswith("-")
        if previous_broken and words:
            words = words[:-1]
        for word in words:
            pieces = _WORD.findall(word)
            counts.update(pieces)
            if len(pieces) > 1 and "-" in word:
                counts["-".join(pieces)] += 1
    return counts


# --- footnotes ---------------------------------------------------------------


def _footnotes(lines: list[Line], known: Counter[str]) -> list[Footnote]:
    """Footnotes from the footnote-area lines: a marker starts one, other lines continue it."""
    notes: list[Footnote] = []
    for line in lines:
        match = _MARKER.match(line.text)
        if match and _marker_is_small(line):
            marker = match.group(1).translate(_PLAIN_DIGITS)
            notes.append(Footnote(marker=marker, text=line.text[match.end() :]))
        elif notes:
            notes[-1].text = _join_pair(notes[-1].text, line.text, known)
        else:
            notes.append(Footnote(marker="", text=line.text))
    return notes


def _marker_is_small(line: Line) -> bool:
    """Whether the line opens with a superscript or smaller-set marker."""
    first = next((c for c in line.chars if c.text.strip()), None)
    return first is not None and (first.size < 0.8 * line.size or line.text[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹")
