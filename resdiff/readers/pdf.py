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
   line-end hyphen only when the document says so (see ``_hyphen_seam``).

Paragraphs are separated by one blank line. Errors are one-line ``InputError``s;
library warnings and log records are silenced while reading.

Reading is bounded (``resdiff.limits``): pages, characters in all, characters and
drawings per page, and decompressed stream data are counted as pdfminer produces
them, and reading stops at the first limit passed, before memory grows.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

from resdiff.errors import InputError
from resdiff.limits import (
    MAX_PDF_CHARS,
    MAX_PDF_CONTENT_TOKENS,
    MAX_PDF_DECODED_BYTES,
    MAX_PDF_PAGE_OBJECTS,
    MAX_PDF_PAGES,
)
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

    Raises ``InputError`` when the PDF is encrypted, unreadable, has no text or
    passes a reading limit.
    """
    budget = _Budget()
    with _quiet(), _bounded_pdfminer(budget):
        pages = _load(path, data, budget)
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


def _load(path: Path, data: bytes, budget: _Budget) -> list[Page]:
    """Open the PDF and sort every page's lines into zones, within ``budget``."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError:
        raise InputError(str(path), _MISSING_LIBRARY) from None
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        resources = PDFResourceManager(caching=True)
        device = _counting_device(resources, budget)
        interpreter = PDFPageInterpreter(resources, device)
        pages = []
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            budget.start_page(number)
            page.rotate = 0  # read text in the page's own upright coordinates
            interpreter.process_page(page)
            pages.append(_read_page(device.get_result(), number))
        budget.check()
        return pages
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        reason = budget.exceeded or (exc.reason if isinstance(exc, _OverLimit) else None)
        if reason:
            raise InputError(str(path), reason) from None
        raise _load_error(path, exc) from None


class _OverLimit(Exception):
    """A reading limit was passed; ``reason`` names it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class _Budget:
    """What reading has used so far, against the limits of ``resdiff.limits``.

    The first limit passed is kept in ``exceeded`` as well as raised, since
    pdfminer catches some exceptions inside its own loops.
    """

    chars: int = 0
    tokens: int = 0
    page: int = 0
    page_objects: int = 0
    decoded: int = 0
    exceeded: str | None = None

    def start_page(self, number: int) -> None:
        """Count a new page; refuse one past ``MAX_PDF_PAGES``."""
        self.page, self.page_objects = number, 0
        if number > MAX_PDF_PAGES:
            self.fail(f"too many pages (more than {MAX_PDF_PAGES}; limit {MAX_PDF_PAGES})")

    def add_object(self, is_char: bool) -> None:
        """Count one character, path or image laid out on the current page."""
        self.page_objects += 1
        self.chars += is_char
        if self.chars > MAX_PDF_CHARS:
            self.fail(
                f"too much text (more than {MAX_PDF_CHARS} characters by page {self.page}; "
                f"limit {MAX_PDF_CHARS})"
            )
        if self.page_objects > MAX_PDF_PAGE_OBJECTS:
            self.fail(
                f"page {self.page} holds too many characters and drawings (more than "
                f"{MAX_PDF_PAGE_OBJECTS}; limit {MAX_PDF_PAGE_OBJECTS} per page)"
            )

    def add_token(self) -> None:
        """Count one operator or operand of the page contents."""
        self.tokens += 1
        if self.tokens > MAX_PDF_CONTENT_TOKENS:
            self.fail(
                f"page contents too long (more than {MAX_PDF_CONTENT_TOKENS} operators and "
                f"operands by page {self.page}; limit {MAX_PDF_CONTENT_TOKENS})"
            )

    def take_decoded(self, size: int) -> None:
        """Count ``size`` more decompressed bytes; stop past ``MAX_PDF_DECODED_BYTES``."""
        if self.decoded + size > MAX_PDF_DECODED_BYTES:
            megabytes = MAX_PDF_DECODED_BYTES // (1024 * 1024)
            self.fail(
                f"too large when decompressed (more than {megabytes} MiB of streams; "
                f"limit {megabytes} MiB)"
            )
        self.decoded += size

    def fail(self, reason: str) -> None:
        """Record the first limit passed and stop reading."""
        self.exceeded = self.exceeded or reason
        raise _OverLimit(self.exceeded)

    def check(self) -> None:
        """Raise if a limit was passed while pdfminer caught the exception."""
        if self.exceeded:
            raise _OverLimit(self.exceeded)


def _counting_device(resources: Any, budget: _Budget) -> Any:
    """A pdfminer page aggregator that counts every object it lays out in ``budget``."""
    from pdfminer.converter import PDFPageAggregator

    class CountingAggregator(PDFPageAggregator):
        def render_char(self, *args: Any, **kwargs: Any) -> float:
            budget.add_object(True)
            width: float = super().render_char(*args, **kwargs)
            return width

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            budget.add_object(False)
            super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            budget.add_object(False)
            super().render_image(*args, **kwargs)

    return CountingAggregator(resources, laparams=None)


@contextmanager
def _bounded_pdfminer(budget: _Budget) -> Iterator[None]:
    """While reading, pdfminer's content parser counts the tokens it reads, and its
    stream decoders (deflate, LZW, run length) their output, in ``budget``: they stop
    at its limits instead of running through a bomb whole.

    pdfminer looks these names up in its modules when it uses them, so replacing
    them for the duration of one read is enough (the archive reads in processes,
    never in threads).
    """
    from pdfminer import pdfinterp, pdftypes

    class CountingContentParser(pdfinterp.PDFContentParser):
        def nextobject(self) -> Any:
            budget.add_token()
            return super().nextobject()

    types, interp = vars(pdftypes), vars(pdfinterp)  # the modules' own namespaces
    saved = {name: types[name] for name in ("zlib", "lzwdecode", "rldecode")}
    saved_parser = interp["PDFContentParser"]
    types["zlib"] = _BoundedZlib(budget)
    types["lzwdecode"] = lambda data: _bounded_lzw(data, budget)
    types["rldecode"] = lambda data: _bounded_run_length(data, budget)
    interp["PDFContentParser"] = CountingContentParser
    try:
        yield
    finally:
        types.update(saved)
        interp["PDFContentParser"] = saved_parser


# Input inflated per step: at most about 4 MiB of output before the budget is checked.
_INFLATE_STEP = 4096


class _BoundedZlib:
    """The part of the ``zlib`` module pdfminer uses, inflating within a budget.

    A damaged stream gives what could be inflated before the damage (pdfminer's
    own fallback re-reads it byte by byte, quadratic in its length).
    """

    error = zlib.error

    def __init__(self, budget: _Budget) -> None:
        self.budget = budget

    def decompress(self, data: bytes) -> bytes:
        """Inflate ``data`` a few kilobytes of input at a time, counting the output."""
        inflater = zlib.decompressobj()
        out = bytearray()
        for start in range(0, len(data), _INFLATE_STEP):
            try:
                piece = inflater.decompress(data[start : start + _INFLATE_STEP])
            except zlib.error:
                break  # keep what came before the damage
            self.budget.take_decoded(len(piece))
            out += piece
            if inflater.eof:
                break
        return bytes(out)

    @staticmethod
    def decompressobj() -> Any:
        """zlib's own decompressor (pdfminer's fallback is never reached)."""
        return zlib.decompressobj()


def _bounded_lzw(data: bytes, budget: _Budget) -> bytes:
    from pdfminer.lzw import LZWDecoder

    chunks = []
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        budget.take_decoded(len(chunk))
        chunks.append(chunk)
    return b"".join(chunks)


def _bounded_run_length(data: bytes, budget: _Budget) -> bytes:
    """PDF RunLengthDecode: a length byte, then that many bytes plus one, or one byte
    repeated 257 minus the length times (128 ends the data)."""
    out = bytearray()
    position = 0
    while position < len(data) and data[position] != 128:
        length = data[position]
        if length < 128:
            piece = data[position + 1 : position + length + 2]
            position += length + 2
        else:
            piece = data[position + 1 : position + 2] * (257 - length)
            position += 2
        budget.take_decoded(len(piece))
        out += piece
    return bytes(out)


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
    Runs come out with strictly decreasing baselines, which bounds the search
    for the run a marker is raised into (``_raised_into``).
    """
    runs: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (-c.baseline, c.x0)):
        if runs and abs(runs[-1][0].baseline - char.baseline) <= 1.5:
            runs[-1].append(char)
        else:
            runs.append([char])
    boxes = [_Box(run) for run in runs]
    reach = min((box.top + box.baseline for box in boxes), default=0.0)
    for position, box in enumerate(boxes):
        host = _raised_into(boxes, position, reach)
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


# Runs below a marker's run that are tried as its host: the first one that can overlap
# it is nearly always the next run down; the cap keeps a hostile page linear.
_RAISED_CANDIDATES = 32


def _raised_into(boxes: list[_Box], position: int, reach: float) -> _Box | None:
    """The run of larger type that ``boxes[position]`` is raised into, if any (a superscript).

    Only runs with a lower baseline qualify, and they follow it in ``boxes``. A run
    reaches up at most to ``reach`` minus its baseline (``reach`` is the least
    ``top + baseline`` on the page), so the search stops at the first run too low
    to overlap this one, or after ``_RAISED_CANDIDATES`` runs.
    """
    box = boxes[position]
    lowest = reach - box.bottom
    for index in range(position + 1, min(len(boxes), position + 1 + _RAISED_CANDIDATES)):
        other = boxes[index]
        if other.baseline <= lowest:
            break
        if not other.chars or other.size * 0.8 <= box.size:
            continue
        overlap = min(box.bottom, other.bottom) - max(box.top, other.top)
        if overlap >= 0.5 * (box.bottom - box.top):
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
    if not short or not lines:
        return lines, []
    # One pass for all rules (a hostile page may draw thousands): the first line below
    # a rule is found by bisection over the running maximum of the line tops, the
    # largest size from each line on is a suffix maximum, and the commonest size above
    # grows with the rules taken in order from the top.
    reach = list(accumulate((ln.top for ln in lines), max))
    largest_from = list(accumulate((ln.size for ln in reversed(lines)), max))[::-1]
    above = _PrefixMode([ln.size for ln in lines])
    for y in sorted(short):
        index = bisect_right(reach, y)
        commonest = above.up_to(index)
        smaller = index < len(lines) and largest_from[index] < 0.92 * (commonest or 0.0)
        if commonest is not None and smaller:
            return lines[:index], lines[index:]
    return lines, []


class _PrefixMode:
    """The commonest value among the first n values, for growing n, as
    ``Counter(values[:n]).most_common(1)`` gives it (ties go to the value seen first)."""

    def __init__(self, values: list[float]) -> None:
        self.values = values
        self.counts: dict[float, int] = {}  # in order of first sight
        self.rank: dict[float, int] = {}
        self.seen = 0
        self.mode: float | None = None

    def up_to(self, end: int) -> float | None:
        """The commonest of ``values[:end]`` (``end`` never decreases between calls)."""
        for value in self.values[self.seen : end]:
            count = self.counts[value] = self.counts.get(value, 0) + 1
            self.rank.setdefault(value, len(self.rank))
            mode = self.mode
            if mode is None or (count, -self.rank[value]) > (self.counts[mode], -self.rank[mode]):
                self.mode = value
        self.seen = max(self.seen, end)
        return self.mode


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
    joined = _Joined(lines[0].text)
    for line in lines[1:]:
        joined.add(line.text, known)
    return joined.text()


# Characters at the end of the text joined so far that decide how the next line joins:
# enough for the last word (the text itself may be hundreds of kilobytes).
_TAIL = 200


class _Joined:
    """Text built line by line, in time linear in its length (see ``_seam``)."""

    def __init__(self, text: str) -> None:
        self.pieces = [text]
        self.tail = text[-_TAIL:]

    def add(self, right: str, known: Counter[str]) -> None:
        """Append the line ``right``."""
        drop_hyphen, separator = _seam(self.tail, right, known)
        if drop_hyphen:
            self.pieces[-1] = self.pieces[-1][:-1]
            self.tail = self.tail[:-1]
        self.pieces += [separator, right]
        self.tail = (self.tail + separator + right)[-_TAIL:]

    def text(self) -> str:
        """The joined text."""
        return "".join(self.pieces)


def _join_pair(left: str, right: str, known: Counter[str]) -> str:
    """Append ``right`` to ``left``, rejoining a word broken at a line-end hyphen."""
    drop_hyphen, separator = _seam(left[-_TAIL:], right, known)
    return f"{left[:-1] if drop_hyphen else left}{separator}{right}"


def _seam(left: str, right: str, known: Counter[str]) -> tuple[bool, str]:
    """How ``right`` joins the text ending in ``left``: whether the final hyphen of
    ``left`` goes, and the separator (a space, or nothing)."""
    if left.endswith("-") and not left.endswith(" -") and right:
        return _hyphen_seam(left, right, known)
    return False, " "


def _hyphen_seam(left: str, right: str, known: Counter[str]) -> tuple[bool, str]:
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
    found = _WORD.search(right)
    tail = found.group() if found else ""
    second = tail.lower()
    if second in _SUSPENDED and right.startswith(tail):
        return False, " "
    if not tail or not right[0].islower() or known[f"{first}-{second}"]:
        return False, ""
    fragment = second in _WORD_ENDINGS and not known[first]
    if known[first + second] or fragment:
        return True, ""
    return False, ""


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
    notes: list[tuple[str, _Joined]] = []
    for line in lines:
        match = _MARKER.match(line.text)
        if match and _marker_is_small(line):
            marker = match.group(1).translate(_PLAIN_DIGITS)
            notes.append((marker, _Joined(line.text[match.end() :])))
        elif notes:
            notes[-1][1].add(line.text, known)
        else:
            notes.append(("", _Joined(line.text)))
    return [Footnote(marker=marker, text=joined.text()) for marker, joined in notes]


def _marker_is_small(line: Line) -> bool:
    """Whether the line opens with a superscript or smaller-set marker."""
    first = next((c for c in line.chars if c.text.strip()), None)
    return first is not None and (first.size < 0.8 * line.size or line.text[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹")
