"""Pass 2: page furniture, found by evidence gathered over the whole document.

Printed pages carry lines that are not part of the text: running headers (the
symbol, the title, a page counter "2/4"), job numbers ("24-24160 (E)"),
barcodes ("*2424160*"), masthead lines and page numbers. They are found in
two steps:

1. *Anchors*: lines that can only be furniture by their shape: a page counter,
   a job number, a barcode, the document's own symbol alone on a line (or one
   repeated at several places), masthead forms ("Distr.: General"). A line set
   out in columns by a layout-preserving extractor counts when every column
   is furniture.
2. *Clusters*: around each anchor, neighbouring lines join the cluster when
   they are furniture of a weaker kind: a line of the title as the header
   prints it, a lone page number, a line repeated beside several anchors, or
   another anchor. Such lines are furniture only next to an anchor, so a
   sentence that happens to repeat the title stays text.

Every cluster is removed and marks a page break on the next line, which later
passes read (a footnote zone ends there; a paragraph may run on across it).
Lone numbers that count 1, 2, 3 ... down the document are operative numbers
that lost their period, not page numbers, and stay.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from resdiff.normalize import SUPERSCRIPT_DIGITS, normalise
from resdiff.parse.clauses import opens_operative_clause
from resdiff.parse.header import title_lines
from resdiff.parse.lines import Line, opens_in_lower_case
from resdiff.parse.patterns import (
    FOOTNOTE_RULE_RE,
    NUMBER_ALONE_RE,
    NUMBERED_RE,
    SYMBOL_RE,
)

_JOB_RE = re.compile(r"^(?:GE\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\S.*)?$")
_BARCODE_RE = re.compile(r"^\*\d{7,}\*$")
_PAGE_COUNTER_RE = re.compile(
    r"^(?:Page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$|^-\s*\d{1,3}\s*-$|^Page\s+\d{1,3}$", re.I
)
_MASTHEAD_RE = re.compile(
    r"^(?:Distr\.?:?\s*(?:General|Limited|Restricted)\b.*|Original:\s*[A-Z][a-z]+.*|"
    r"Please recycle\W*)$",
    re.I,
)
_MARKDOWN_RULE_RE = re.compile(r"^(?:-{3,}|\*{3,}|(?:- ){2,}-|(?:\* ){2,}\*)$")
_LONE_NUMBER_RE = re.compile(r"^\d{1,3}$")
# a footnote body led by its marker, printed plain ("3 A/79/587.") or raised ("³A/79/587.")
_MARKER_LED_RE = re.compile(rf"^(?:\d{{1,3}}\s+|[{SUPERSCRIPT_DIGITS}]+\s*)\S")
_YEAR_RE = re.compile(r"\((?:19|20)\d\d\)")
_DATE_CODE_RE = re.compile(r"^\d{6}$")  # the date code printed beside a job number
_COLUMNS_RE = re.compile(r"\s{3,}")
_MASTHEAD_LINES = 12
_ANCHORING_TITLE_WORDS = 4  # a title this long printed alone on its lines is a running header
_WEAK_WORDS = frozenset({"united nations", "general assembly", "security council"})


@dataclass(slots=True)
class Evidence:
    """What the header tells about the document's own furniture."""

    symbols: frozenset[str]  # the document's symbol(s) as printed
    title_lines: frozenset[str]  # normalised lines of the title, as the header wraps it
    title: str  # the whole title, normalised


def remove_furniture(
    lines: list[Line], evidence: Evidence, *, body_start: int = 0
) -> tuple[list[Line], int]:
    """Drop page furniture; mark a page break on the line after each cluster.

    ``body_start`` is the index of the first line after the header: from there on, the
    whole title printed alone (a running header without any other furniture) is an
    anchor too. Returns the remaining lines and the number of clusters removed.
    """
    anchors = [_is_anchor(line.text, evidence, lines) for line in lines]
    zone = _in_footnote_zone(lines, anchors)
    lone_are_numbers = _lone_numbers_count_paragraphs(lines, zone)
    for index in _numbers_without_period(lines, zone, anchors):
        zone[index] = True  # kept as it is, like the lines of a footnote zone
    repeated = _repeated_neighbours(lines, anchors)
    title_runs = _title_runs(lines, evidence)
    if len(evidence.title.split()) >= _ANCHORING_TITLE_WORDS:
        for index in title_runs:
            anchors[index] = anchors[index] or index >= body_start
    drop = [False] * len(lines)
    for index, is_anchor in enumerate(anchors):
        if is_anchor:
            drop[index] = True
            _grow_cluster(
                lines, index, drop, evidence, repeated, zone, lone_are_numbers, title_runs
            )
    markers = _zone_markers(lines, zone)
    page_numbers = _page_number_run(lines, zone, drop)
    for index, line in enumerate(lines):
        if drop[index] or zone[index]:
            continue
        if _MARKDOWN_RULE_RE.match(line.text):
            drop[index] = True  # a markdown rule is layout, never text
        elif not lone_are_numbers and _LONE_NUMBER_RE.match(line.text):
            stray_marker = int(line.text) in markers and index not in page_numbers
            if stray_marker and index > 0 and not drop[index - 1]:
                # a footnote marker an extractor set on a line of its own: back in the text
                lines[index - 1].text = f"{lines[index - 1].text} {line.text}"
                line.text = ""
            else:
                drop[index] = True  # a page number alone between two lines of text
    return _without(
        [line for line in lines if line.text],
        [d for d, line in zip(drop, lines, strict=True) if line.text],
    )


def _page_number_run(lines: list[Line], zone: list[bool], drop: list[bool]) -> set[int]:
    """The lone numbers, outside footnote zones and furniture, that count up one by one
    down the document (2, 3, 4 ...): page numbers, whatever else their digits could be."""
    lone = [
        index
        for index, line in enumerate(lines)
        if not zone[index] and not drop[index] and _LONE_NUMBER_RE.match(line.text)
    ]
    run: set[int] = set()
    for before, after in itertools.pairwise(lone):
        if int(lines[after].text) == int(lines[before].text) + 1:
            run.update((before, after))
    return run


def _zone_markers(lines: list[Line], zone: list[bool]) -> set[int]:
    """The footnote numbers printed in footnote zones ("3 See ...", or "3" alone)."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if zone[index] and not FOOTNOTE_RULE_RE.match(line.text):
            lead = re.match(r"(\d{1,3})(?:\s|$)", line.text)
            if lead:
                found.add(int(lead.group(1)))
    return found


def _without(lines: list[Line], drop: list[bool]) -> tuple[list[Line], int]:
    kept: list[Line] = []
    clusters = 0
    pending_break = False
    for line, dropped in zip(lines, drop, strict=True):
        if dropped:
            if not pending_break:
                clusters += 1
            pending_break = True
            continue
        if pending_break:
            line.page_break_before = True
            pending_break = False
        kept.append(line)
    return kept, clusters


def _is_anchor(text: str, evidence: Evidence, lines: list[Line]) -> bool:
    if len(text) > 60 and "   " not in text:
        return False  # furniture lines are short, unless set out in columns
    if _is_anchor_shape(text, evidence):
        return True
    columns = _COLUMNS_RE.split(text)
    if len(columns) < 2:
        return False
    strong = [_is_anchor_shape(c, evidence) for c in columns]
    return any(strong) and all(
        s or _is_title_line(c, evidence) or c.lower() in _WEAK_WORDS or _in_title(c, evidence)
        for s, c in zip(strong, columns, strict=True)
    )


def _in_title(text: str, evidence: Evidence) -> bool:
    """A column beside an anchor that prints a piece of the title ("rights")."""
    plain = normalise(text)
    return bool(plain) and bool(evidence.title) and plain in evidence.title


def _is_anchor_shape(text: str, evidence: Evidence) -> bool:
    if _JOB_RE.match(text) or _BARCODE_RE.match(text) or _PAGE_COUNTER_RE.match(text):
        return True
    if _MASTHEAD_RE.match(text):
        return True
    symbol = _running_symbol(text)
    return symbol is not None and (symbol in evidence.symbols or not evidence.symbols)


def _running_symbol(text: str) -> str | None:
    """The symbol of a running header line: "A/RES/80/204", "2/4 S/2018/95", "S/2018/95 2/4",
    "S/RES/2719 (2023)" (a Security Council resolution carries its year)."""
    parts = [p for p in text.split() if not _YEAR_RE.fullmatch(p)]
    if len(parts) == 2 and _PAGE_COUNTER_RE.match(parts[0]):
        parts = parts[1:]
    elif len(parts) == 2 and _PAGE_COUNTER_RE.match(parts[1]):
        parts = parts[:1]
    if len(parts) == 1 and SYMBOL_RE.fullmatch(parts[0]):
        return parts[0]
    return None


def _is_title_line(text: str, evidence: Evidence) -> bool:
    plain = normalise(text)
    return bool(plain) and (plain in evidence.title_lines or plain == evidence.title)


def _grow_cluster(
    lines: list[Line],
    anchor: int,
    drop: list[bool],
    evidence: Evidence,
    repeated: set[str],
    zone: list[bool],
    lone_are_numbers: bool,
    title_runs: set[int],
) -> None:
    """Extend the cluster around ``anchor`` over weak furniture, in both directions."""
    for step in (-1, 1):
        index = anchor + step
        while 0 <= index < len(lines) and not drop[index]:
            text = lines[index].text
            weak = (
                index in title_runs
                or _is_running_title_line(lines, index, evidence)
                or _masked(text) in repeated
                or text.lower() in _WEAK_WORDS
                or _DATE_CODE_RE.match(text)
                or (_LONE_NUMBER_RE.match(text) and not zone[index] and not lone_are_numbers)
            )
            if not weak:
                break
            drop[index] = True
            index += step


def _is_running_title_line(lines: list[Line], index: int, evidence: Evidence) -> bool:
    """A line of the title as the header wraps it. One that opens in lower case ("the
    Rights of Persons with Disabilities and") carries on the line above, so that line
    must be one of the title too: alone it is a wrapped line of the text."""
    text = lines[index].text
    if not _is_title_line(text, evidence):
        return False
    if not opens_in_lower_case(text):
        return True
    return index > 0 and _is_title_line(lines[index - 1].text, evidence)


def _title_runs(lines: list[Line], evidence: Evidence) -> set[int]:
    """Lines that together print the whole title, however wrapped (at most four lines; a
    layout-preserving extractor may set the symbol in a column beside a title line)."""
    found: set[int] = set()
    title = evidence.title
    if not title:
        return found
    parts = [_title_part(line.text, evidence) for line in lines]
    for start in range(len(lines)):
        if not parts[start] or not title.startswith(parts[start]):
            continue
        if opens_in_lower_case(lines[start].text):
            continue  # a running header prints the title as it is, capital first
        joined = ""
        for end in range(start, min(start + 4, len(lines))):
            joined = f"{joined} {parts[end]}".strip() if parts[end] else joined
            if not title.startswith(joined):
                break
            if joined == title:
                found.update(range(start, end + 1))
                break
    return found


def _title_part(text: str, evidence: Evidence) -> str:
    """The normalised text of a line without its anchor columns (symbol, page counter)."""
    if len(text) > 2 * len(evidence.title) + 40:
        return ""  # far too long to be a line of the title
    columns = [c for c in _COLUMNS_RE.split(text) if not _is_anchor_shape(c, evidence)]
    return normalise(" ".join(columns))


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _repeated_neighbours(lines: list[Line], anchors: list[bool]) -> set[str]:
    """Lines printed beside the anchors of two or more page breaks: a running header."""
    seen: Counter[str] = Counter()
    groups = _anchor_groups(anchors)
    for first, last in groups:
        near = set()
        for other in (first - 2, first - 1, last + 1, last + 2):
            if 0 <= other < len(lines) and not anchors[other]:
                text = lines[other].text
                if _could_be_header(text):
                    near.add(_masked(text))
        seen.update(near)
    # a running header is printed at most page breaks, not at two of many
    needed = max(3, round(0.4 * len(groups)))
    return {text for text, count in seen.items() if count >= needed}


def _anchor_groups(anchors: list[bool]) -> list[tuple[int, int]]:
    """Runs of anchors no more than three lines apart: the furniture of one page break."""
    groups: list[tuple[int, int]] = []
    for index, is_anchor in enumerate(anchors):
        if not is_anchor:
            continue
        if groups and index - groups[-1][1] <= 3:
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    return groups


def _could_be_header(text: str) -> bool:
    """A running header has letters and no clause punctuation at its end."""
    return (
        any(ch.isalpha() for ch in text)
        and not text.endswith((",", ";", ".", ":"))
        and len(text) <= 120
        and not re.match(r"^\(?[\da-z]{1,4}[.)]", text)
    )


def _in_footnote_zone(lines: list[Line], anchors: list[bool]) -> list[bool]:
    """Lines between a footnote rule ("_____") and the next anchor: footnote text."""
    zone = [False] * len(lines)
    inside = marker_led = False
    for index, line in enumerate(lines):
        if anchors[index] or line.page_break_before:
            inside = False
        if FOOTNOTE_RULE_RE.match(line.text):
            inside = True
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            marker_led = bool(_MARKER_LED_RE.match(following))
        # where bodies carry their markers ("1 A/CONF..."), a lone number is a page number
        lone_page_number = marker_led and _LONE_NUMBER_RE.match(line.text)
        zone[index] = inside and not lone_page_number
    return zone


def _lone_numbers_count_paragraphs(lines: list[Line], zone: list[bool]) -> bool:
    """True when the lone numbers outside footnote zones run 1, 2, 3 ...: they are
    paragraph numbers that lost their period, not page numbers."""
    numbers = [
        int(line.text)
        for index, line in enumerate(lines)
        if not zone[index] and _LONE_NUMBER_RE.match(line.text)
    ]
    return len(numbers) >= 3 and numbers[:3] == [1, 2, 3]


def _numbers_without_period(lines: list[Line], zone: list[bool], anchors: list[bool]) -> list[int]:
    """Lone numbers that carry on the printed paragraph numbers ("24. ..." then "25" before
    "Condemns ..."): paragraph numbers that lost their period, not page numbers."""
    found = []
    last = 0
    text_since = False  # the last numbered paragraph has text ("3." alone has none yet)
    for index, line in enumerate(lines):
        printed = NUMBERED_RE.match(line.text) or NUMBER_ALONE_RE.match(line.text)
        if printed:
            last = int(printed.group(1))
            text_since = bool(NUMBERED_RE.match(line.text))
            continue
        lone = _LONE_NUMBER_RE.match(line.text)
        if not lone and not zone[index] and not anchors[index]:
            text_since = True
        if zone[index] or not lone or int(line.text) != last + 1 or not text_since:
            continue
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if NUMBERED_RE.match(following) or NUMBER_ALONE_RE.match(following):
            continue  # "4" then "4. Also reaffirms": the printed number is the next line's
        if last and opens_operative_clause(following):
            found.append(index)
            last += 1
            text_since = False
    return found


def header_evidence(header: list[Line], front_matter: dict[str, str]) -> Evidence:
    """The symbol and title lines printed in the header, to recognise running headers.

    The document's own symbol is the first one of the masthead; symbols further down
    the header (the draft an amendment amends) are not running headers."""
    symbols = {front_matter["symbol"]} if front_matter.get("symbol") else set()
    masthead = _masthead_symbol(header[:_MASTHEAD_LINES])
    if masthead:
        symbols.add(masthead)
    block = title_lines(header)
    lines = frozenset(t for t in (normalise(_strip_number(x)) for x in block) if t)
    title = normalise(" ".join(_strip_number(x) for x in block))
    return Evidence(frozenset(symbols), lines, title)


def _masthead_symbol(lines: list[Line]) -> str | None:
    for line in lines:
        for column in _COLUMNS_RE.split(line.text):
            symbol = _running_symbol(column)
            if symbol:
                return symbol
    return None


def _strip_number(text: str) -> str:
    return re.sub(r"^\d{1,3}/\d{1,4}(?:\s?[A-Z])?\.\s*", "", text)
