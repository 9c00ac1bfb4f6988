"""Parse the text of a resolution into a ``Document``.

The text arrives as lines from a reader. Parsing runs in passes:

1. *Lines*: YAML front matter and markdown footnote definitions are taken
   out; page furniture (running symbols, job numbers, page numbers) is dropped.
2. *Frame*: the opening line ("The Human Rights Council,") splits the header
   from the body; the meeting line, the vote record and any annex close it.
3. *Blocks*: each body line either starts a paragraph (a printed operative
   number that fits the sequence, a sub-item label, a preambular opening
   phrase, a section heading) or continues the previous one. A line never
   starts a paragraph just because it follows a line break or a blank line:
   extraction breaks paragraphs at page ends, and paragraphs are told apart by
   the conventions of the genre instead.
4. *Footnotes*: footnote bodies printed at page bottoms are collected, and
   markers in the text (superscripts, ``[^n]`` or digits glued to a word) are
   recognised in document order and rewritten as superscript digits.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from resdiff.model import Document, Footnote, Paragraph, Section, Subitem, Vote
from resdiff.normalize import (
    SUPERSCRIPT_DIGITS,
    from_superscript,
    normalise,
    repair_spacing,
    strip_emphasis,
    to_superscript,
)
from resdiff.readers import RawDocument

# --------------------------------------------------------------------------- patterns

SYMBOL_RE = re.compile(
    r"\b(?:A|S|E|ST|UNEP|TD|CRC|CEDAW|CCPR|DP|ICCD|FCCC|UNW|CD)(?:/[A-Z0-9][A-Za-z0-9.\-]*)+\b"
)
_FURNITURE_RES = [
    re.compile(r"^GE\.\d{2}-\d{4,6}\s*\([A-Z]\)(\s+\S.*)?$"),  # GE.19-12345(E) 180719
    re.compile(r"^\d{2}-\d{4,6}\s*\([A-Z]\)(\s+\S.*)?$"),  # 18-04845 (E) 150218
    re.compile(r"^\*\d{7,}\*$"),  # barcode text
    re.compile(r"^(?:Page\s+)?\d{1,3}\s*/\s*\d{1,3}$"),  # 3/9
    re.compile(r"^-\s*\d{1,3}\s*-$"),  # - 3 -
    re.compile(r"^Please recycle\W*$", re.I),
    re.compile(r"^-{3,}$|^\*{3,}$|^_{3,}$"),  # markdown rules
]
_RUNNING_HEADER_RE = re.compile(
    rf"(?:\d{{1,3}}/\d{{1,3}}\s+)?{SYMBOL_RE.pattern}(?:\s+\d{{1,3}}/\d{{1,3}})?"
)
_OPENING_RE = re.compile(
    r"^[*_]{0,2}The\s+((?:[A-Z][\w\-’']*\s+){0,6}"
    r"(?:Council|Assembly|Commission|Committee|Conference|Board|Organization|Meeting|Forum|Body)),"
    r"[*_]{0,2}$"
)
_TITLE_RE = re.compile(r"^[*_#\s]{0,4}(\d{1,3}/\d{1,4}(?:\s?[A-Z])?)\.\s+(.+?)[*_]{0,2}$")
_NUMBERED_RE = re.compile(r"^[*_#\s]{0,3}(\d{1,5})\.[*_]{0,2}\s+(.*)$")
_BARE_NUMBER_RE = re.compile(r"^(\d{1,5})\s+([*_]{0,2}[A-Z].*)$")
# Negotiation drafts label their paragraphs: "PP1", "OP3", "OP3 bis", "OP3 alt", "OP 5 (new)".
_DRAFT_LABEL_RE = re.compile(
    r"^[*_]{0,2}(?P<kind>PP|OP)\s?(?P<number>\d{1,3})"
    r"(?:\s?(?P<suffix>(?i:bis|ter|quater|quinquies|alt(?:\.?\s?\d{1,2})?)))?"
    r"(?:\s?\((?P<new>(?i:new))\))?[*_]{0,2}(?:[.:)]|\s[-–—])?[*_]{0,2}(?:\s+|$)"
)
_SUBITEM_RE = re.compile(r"^[*_]{0,2}\(([a-z]{1,2}|[ivxlc]{1,6})\)[*_]{0,2}\s+(.*)$")
_STATUS_LINE_RE = re.compile(
    r"^[*_\[(]{0,3}\s*(?i:agreed(?:\s+ad[\s.\-]*ref\.?)?|ad[\s.\-]*ref\.?|deleted)\s*[*_\])]{0,3}$"
)
_MEETING_RE = re.compile(
    r"^[*_]{0,2}(\d{1,4}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b.*?)[*_]{0,2}$", re.I
)
_VOTE_START_RE = re.compile(r"^\[?\s*Adopted\b|^In favour\s*:", re.I)
_ANNEX_RE = re.compile(r"^[*_#\s]{0,4}Annex(?:\s+[IVXLC\d]+)?[*_]{0,2}$", re.I)
_FOOTNOTE_SUPER_RE = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s*(\S.*)$")
_FOOTNOTE_DIGIT_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_MD_FOOTNOTE_RE = re.compile(r"^\[\^(\d{1,3})\]:\s*(.*)$")
_FOOTNOTE_LEADS = re.compile(
    r"^(?:See|Ibid|Official Records|United Nations|Resolution|Decision|Report|"
    r"Treaty|League of Nations|Adopted|Available|Contained|Document|Vol\.|[A-Z]{1,4}/)"
)
_ADOPTED_ON_RE = re.compile(r"\badopted by the .+? on (\d{1,2} [A-Z][a-z]+ \d{4})")
_TERMINAL = (",", ";", ".", ":")

# Words that open preambular paragraphs. Participles ending in -ing are
# recognised by form; these are the other openers and the adverbs that precede
# a participle ("Deeply concerned", "Further noting").
PREAMBLE_OPENERS = frozenset(
    """
    Acknowledging Acting Affirming Again Alarmed Also Anxious Appreciating Aware Bearing
    Believing Calling Cognizant Commending Committed Concerned Condemning Conscious
    Considering Convinced Deeply Deploring Desirous Determined Determining Dismayed
    Disturbed Emphasizing Encouraged Encouraging Expressing Fully Further Grateful
    Gravely Guided Having Heartened Highlighting Highly Honouring Keenly Mindful Noting
    Observing Once Outraged Paying Pleased Profoundly Re-emphasizing Reaffirming
    Recalling Recognizing Regretting Reiterating Resolved Saddened Satisfied Seriously
    Shocked Stressing Strongly Taking Underlining Underscoring Urging Welcoming
    """.split()
)


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
    looks_like_path = "\n" not in source and len(source) < 4096
    if looks_like_path and (Path(source).exists() or _FILE_NAME_RE.search(source)):
        return read(source, docx_revisions=docx_revisions)  # a missing file is an error
    return RawDocument(text=source, path="", format="text")


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


# --------------------------------------------------------------------------- pass 1: lines


@dataclass(slots=True)
class _Line:
    number: int  # 1-based line in the source
    text: str
    blank_before: bool


@dataclass(slots=True)
class _Lines:
    items: list[_Line]
    footnotes: list[Footnote]
    front_matter: dict[str, str]

    @classmethod
    def from_text(cls, text: str) -> _Lines:
        raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        start, front_matter = _front_matter(raw_lines)
        items: list[_Line] = []
        footnotes: list[Footnote] = []
        blank = False
        in_md_footnote: Footnote | None = None
        for index in range(start, len(raw_lines)):
            original = raw_lines[index]
            line = original.strip().lstrip("\ufeff")
            if not line:
                blank = True
                continue
            md = _MD_FOOTNOTE_RE.match(line)
            if md:
                in_md_footnote = Footnote(md.group(1), md.group(2).strip())
                footnotes.append(in_md_footnote)
                continue
            if in_md_footnote is not None and original[:1].isspace():
                in_md_footnote.text = f"{in_md_footnote.text} {line}".strip()
                continue
            in_md_footnote = None
            if _is_furniture(line):
                continue
            items.append(_Line(index + 1, line, blank))
            blank = False
        return cls(items, footnotes, front_matter)


def _front_matter(lines: list[str]) -> tuple[int, dict[str, str]]:
    if not lines or lines[0].strip().lstrip("\ufeff") != "---":
        return 0, {}
    values: dict[str, str] = {}
    for index in range(1, min(len(lines), 200)):
        line = lines[index].strip()
        if line in ("---", "..."):
            return index + 1, values
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            values[key.strip()] = value.strip().strip("\"'")
    return 0, {}


def _is_furniture(line: str) -> bool:
    if any(pattern.match(line) for pattern in _FURNITURE_RES):
        return True
    # a running header: the symbol with a page number, on either side
    return bool(_RUNNING_HEADER_RE.fullmatch(line))


# --------------------------------------------------------------------------- pass 2: frame


@dataclass(slots=True)
class _Frame:
    header: list[_Line]
    body: list[_Line]
    tail: list[_Line]
    annex: list[_Line]


def _find_frame(lines: list[_Line]) -> _Frame:
    opening = next((i for i, line in enumerate(lines) if _OPENING_RE.match(line.text)), None)
    if opening is None:
        opening = _guess_body_start(lines)
        header, rest = lines[:opening], lines[opening:] if opening < len(lines) else []
    else:
        header, rest = lines[: opening + 1], lines[opening + 1 :]
    end = next(
        (i for i, line in enumerate(rest) if _MEETING_RE.match(line.text) or _is_vote_start(line)),
        len(rest),
    )
    body, after = rest[:end], rest[end:]
    annex_at = next((i for i, line in enumerate(after) if _ANNEX_RE.match(line.text)), None)
    if annex_at is None:
        body_annex = next((i for i, line in enumerate(body) if _ANNEX_RE.match(line.text)), None)
        if body_annex is not None:
            return _Frame(header, body[:body_annex], after, body[body_annex + 1 :])
        return _Frame(header, body, after, [])
    return _Frame(header, body, after[:annex_at], after[annex_at + 1 :])


def _is_vote_start(line: _Line) -> bool:
    return bool(_VOTE_START_RE.match(line.text)) and "vote" in line.text.lower()


def _guess_body_start(lines: list[_Line]) -> int:
    """Without an opening line, the body starts at the first paragraph-like line.

    A line opens a paragraph here only by a printed number or a preambular
    opening phrase, so text that is not a resolution yields no paragraphs.
    """
    for index, line in enumerate(lines):
        if _TITLE_RE.match(line.text):
            continue
        if _starts_preamble(line.text, strict=True) or _NUMBERED_RE.match(line.text):
            return index
        if _DRAFT_LABEL_RE.match(line.text):
            return index
    return len(lines)  # nothing reads like a resolution paragraph


# --------------------------------------------------------------------------- header


def _read_header(header: list[_Line], front_matter: dict[str, str], document: Document) -> None:
    for line in header:
        text = strip_emphasis(line.text).strip()
        opening = _OPENING_RE.match(line.text)
        if opening:
            document.opening = text
            document.body = opening.group(1)
            continue
        title = _TITLE_RE.match(text)
        if title and document.title is None:
            document.title = f"{title.group(1)}. {title.group(2).strip()}"
            continue
        if document.symbol is None and SYMBOL_RE.fullmatch(text):
            document.symbol = text
        adopted = _ADOPTED_ON_RE.search(text)
        if adopted and document.date is None:
            document.date = _iso_date(adopted.group(1))
    document.symbol = document.symbol or front_matter.get("symbol") or None
    document.date = document.date or front_matter.get("date") or None
    if document.title is None and front_matter.get("title"):
        document.title = front_matter["title"].rstrip(" :")
    if document.symbol is None and document.title:
        document.symbol = _symbol_from_title(document.title, document.body)


def _running_title(title: str | None) -> str | None:
    """The title as a page header repeats it (without "80/54."), normalised; None if short."""
    if not title:
        return None
    bare = _TITLE_RE.sub(r"\2", title) if _TITLE_RE.match(title) else title
    return normalise(bare) if len(bare.split()) >= 3 else None


def _iso_date(text: str) -> str | None:
    try:
        return datetime.strptime(text, "%d %B %Y").date().isoformat()
    except ValueError:
        return None


_BODY_PREFIX = {
    "Human Rights Council": "A/HRC/RES/",
    "General Assembly": "A/RES/",
}


def _symbol_from_title(title: str, body: str | None) -> str | None:
    """Derive the symbol of an adopted resolution from its number ("41/3." -> A/HRC/RES/41/3)."""
    match = re.match(r"(\d{1,3}/\d{1,4})\.", title)
    prefix = _BODY_PREFIX.get(body or "")
    if not match or not prefix:
        return None
    return prefix + match.group(1)


def symbol_from_filename(path: str) -> str | None:
    """Read a document symbol from a file name in the UN's underscore convention.

    >>> symbol_from_filename("/x/A_HRC_RES_41_3.txt"), symbol_from_filename("notes.txt")
    ('A/HRC/RES/41/3', None)
    """
    stem = Path(path).name.split(".")[0]
    candidate = stem.replace("_", "/")
    if "/" in candidate and SYMBOL_RE.fullmatch(candidate):
        return candidate
    return None


# --------------------------------------------------------------------------- tail: meeting, vote


def _read_tail(tail: list[_Line], document: Document) -> None:
    vote_lines: list[str] = []
    for position, line in enumerate(tail):
        meeting = _MEETING_RE.match(line.text)
        if meeting and document.meeting is None and not vote_lines:
            document.meeting = _meeting_text(meeting.group(1), tail[position + 1 :])
            continue
        if vote_lines or _VOTE_START_RE.match(line.text):
            vote_lines.append(strip_emphasis(line.text))
    if vote_lines:
        document.vote = parse_vote(vote_lines)


def _meeting_text(first: str, following: list[_Line]) -> str:
    text = strip_emphasis(first).strip()
    date_line = r"[*_]{0,2}\d{1,2} [A-Z][a-z]+ \d{4}[*_]{0,2}"
    if following and re.fullmatch(date_line, following[0].text):
        text = f"{text} {strip_emphasis(following[0].text).strip()}"
    return text


_RECORDED_RE = re.compile(
    r"(?:recorded vote of|by)\s+(\d+)\s+(?:votes\s+)?to\s+(\d+)"
    r"(?:,?\s+with\s+(\d+|no)\s+abstentions?)?",
    re.I,
)


def parse_vote(lines: list[str]) -> Vote:
    """Read a vote record: the adoption sentence, counts and the country lists.

    >>> v = parse_vote(["[Adopted by a recorded vote of 28 to 14, with 5 abstentions.",
    ...                 "In favour:", "Cuba, Fiji", "Against:", "Italy", "Abstaining:", "Peru]"])
    >>> (v.in_favour, v.against, v.abstaining, v.in_favour_countries, v.abstaining_countries)
    (28, 14, 5, ['Cuba', 'Fiji'], ['Peru'])
    """
    adoption = lines[0].strip().lstrip("[").rstrip("]").strip()
    vote = Vote(adoption=adoption.split(" The voting")[0].strip())
    counts = _RECORDED_RE.search(adoption)
    if counts:
        vote.in_favour = int(counts.group(1))
        vote.against = int(counts.group(2))
        if counts.group(3):
            vote.abstaining = 0 if counts.group(3) == "no" else int(counts.group(3))
    lists: dict[str, list[str]] = {"favour": [], "against": [], "abstaining": []}
    current: str | None = None
    for line in lines[1:]:
        text = line.strip().strip("[]").strip()
        head, sep, rest = text.partition(":")
        key = {"in favour": "favour", "against": "against", "abstaining": "abstaining"}.get(
            head.strip().lower()
        )
        if sep and key:
            current, text = key, rest
        if current:
            lists[current].extend(c.strip() for c in text.split(",") if c.strip())
    vote.in_favour_countries = lists["favour"]
    vote.against_countries = lists["against"]
    vote.abstaining_countries = lists["abstaining"]
    return vote


# --------------------------------------------------------------------------- pass 3: blocks


@dataclass(slots=True)
class _Block:
    section: Section
    text: str
    line: int
    number: str | None = None
    heading: str | None = None
    subitems: list[Subitem] = field(default_factory=list)
    list_mode: bool = False  # the lead ended with ':' and unlabelled items follow
    blank_before: bool = False  # a blank line came before the paragraph
    label: str | None = None  # from a draft label: "OP3bis"
    draft_label: str | None = None  # the draft label as printed: "OP3 bis"
    more: list[str] = field(default_factory=list)  # continuation lines

    def last_text(self) -> str:
        """The end of the text being built (the last sub-item's, if any), for checks."""
        target = self._last_subitem()
        if target is not None:
            return target.text
        return _join_lines([self.text, *self.more[-2:]]) if self.more else self.text

    def full_text(self) -> str:
        """The paragraph's own text, its continuation lines joined."""
        return _join_lines([self.text, *self.more]) if self.more else self.text

    def append(self, text: str) -> None:
        """Add a continuation line (kept apart, so a long paragraph is joined once)."""
        target = self._last_subitem()
        if target is not None:
            target.text = _join_lines([target.text, text])
        else:
            self.more.append(text)

    def _last_subitem(self) -> Subitem | None:
        if not self.subitems:
            return None
        item = self.subitems[-1]
        while item.subitems:
            item = item.subitems[-1]
        return item


def _join_lines(lines: list[str]) -> str:
    """Join a paragraph's lines with spaces; a compound split at a line end keeps its hyphen.

    >>> _join_lines(["post-", "conflict and troop-", "and police-contributing"])
    'post-conflict and troop- and police-contributing'
    """
    out: list[str] = []
    for line in lines:
        if not out:
            out.append(line)
            continue
        left = out[-1]
        glued = left.endswith("-") and not left.endswith(" -") and line[:1].islower()
        out.append(line if glued and not _CONJUNCTION_RE.match(line) else " " + line)
    return "".join(out)


# Footnote markers: explicit ([^7], superscripts) or digits glued to a word or
# a mark ("Protocol,4 which"), to a year ("20254") or ending a clause (", 10").
# Every branch starts at "[", a superscript or a digit; the look-ahead that says so
# first makes the scan three times faster than trying each branch at every position.
_MARKER_CANDIDATE_RE = re.compile(
    rf"(?=[\[\d{SUPERSCRIPT_DIGITS}])(?:"
    r"\[\^(?P<note>\d{1,3})\]"
    rf"|(?P<sup>[{SUPERSCRIPT_DIGITS}]+)"
    r"|(?<=[A-Za-z)\]”’\",;:.])(?P<glued>\d{1,3})(?=[\s,;:.)”’]|$)"
    r"|(?<=\b(?:19|20)\d\d)(?P<year>\d{1,3})(?=[\s,;:.)]|$)"
    r"|(?<=[,;”’\"] )(?P<spaced>\d{1,3})(?=\s*$|\s+[A-Za-z])"
    r")"
)
_SYMBOL_PART_BEFORE = re.compile(r"(?:\b[A-Z]{1,6}|Rev|Add|Corr|Amend|No|vol|para|chap|sect)\.$")
_RUN_IN_HEADING = r"[A-Z][A-Za-z\-]*(?: [A-Za-z\-]+){0,5}"
_RUN_IN_RE = re.compile(
    rf"(?<=[;.:])\s+(?:(?P<heading>{_RUN_IN_HEADING})\s+)?(?P<number>\d{{1,5}})\.\s+[*_]{{0,2}}[A-Z]"
)
_CONJUNCTION_RE = re.compile(r"(?:and|or|nor|to|as well as)(?=\s|$)")


class _BlockBuilder:
    """Assemble body lines into paragraphs, deciding at each line: new or continued."""

    def __init__(self, running_title: str | None = None) -> None:
        self.blocks: list[_Block] = []
        self.footnotes: list[Footnote] = []
        self.pending_heading: list[str] = []
        self.last_operative = 0
        self.next_footnote = 1
        self.open_footnote: Footnote | None = None  # a footnote that may go on
        self.running_title = running_title
        self.draft_mode = False  # paragraphs carry draft labels ("PP1", "OP3 bis")

    # ---- feeding lines

    def feed(self, lines: list[_Line], section: Section) -> None:
        """Consume the lines of the body (section 'preamble') or of an annex ('annex')."""
        self.section: Section = section
        self.blank_separated = _blank_separated(lines)
        if section == "annex":
            self.last_operative = 0
        for index, line in enumerate(lines):
            self._feed_line(line, lines[index + 1 : index + 3])
        self._flush_heading_into_text()

    def _feed_line(self, line: _Line, following: list[_Line]) -> None:
        text = line.text
        if SYMBOL_RE.fullmatch(text) or self._is_running_title(text):
            return  # the symbol or the title repeated as a running header
        if self._continues_footnote(text):
            return
        self.open_footnote = None
        if self._take_footnote(text):
            return
        pieces = self._split_run_in(text)
        for index, piece in enumerate(pieces):
            if 0 < index < len(pieces) - 1 and not _NUMBERED_RE.match(piece):
                self.pending_heading.append(piece)  # a heading run in before a number
                continue
            self._place(piece, line, following, run_in=index > 0)

    def _place(self, text: str, line: _Line, following: list[_Line], *, run_in: bool) -> None:
        current = self.blocks[-1] if self.blocks else None
        draft = _DRAFT_LABEL_RE.match(text)
        if draft:
            self._start_draft(draft, text, line)
            return
        if self.draft_mode and current is not None:
            self._place_in_draft(text, following, current)
            return
        numbered = _NUMBERED_RE.match(text) or self._bare_number(text)
        if numbered and self._accepts_number(int(numbered.group(1)), current, run_in):
            self._start_operative(numbered, line)
            return
        sub = _SUBITEM_RE.match(text)
        if sub and current is not None and _ends_clause(current.last_text()):
            self._add_subitem(current, sub.group(1), sub.group(2))
            return
        if current is None:
            self._start_unnumbered(text, line)
            return
        ended = _ends_clause(current.last_text(), current.section)
        if self._continues_without_blank(text, line, current, ended):
            current.append(text)
            return
        if ended and self._is_heading(text, following):
            self.pending_heading.append(strip_emphasis(text).strip())
            return
        if ended and current.section != "preamble" and _starts_operative(text):
            self._start_unnumbered(text, line)
            return
        if ended and current.list_mode and not self._opens_new_paragraph(text, current):
            current.subitems.append(Subitem(label="", text=text))
            return
        if ended and self._opens_new_paragraph(text, current):
            self._start_unnumbered(text, line)
            return
        current.append(text)
        if current.last_text().endswith(":") and not current.subitems:
            current.list_mode = True

    # ---- decisions

    def _accepts_number(self, number: int, current: _Block | None, run_in: bool) -> bool:
        if run_in:
            return number == self.last_operative + 1
        if number == self.last_operative + 1:
            return True
        if current is None or not _ends_clause(current.last_text()):
            return False
        # a gap or a repeated number is a numbering error, still a paragraph
        return (self.last_operative > 0 and 0 < number - self.last_operative <= 3) or (
            number == self.last_operative and number > 0
        )

    def _continues_without_blank(
        self, text: str, line: _Line, current: _Block, ended: bool
    ) -> bool:
        """Where paragraphs are set apart by blank lines, a line right after another
        continues it, unless it opens with a clear preambular phrase ("Convinced")."""
        if not self.blank_separated or not current.blank_before or line.blank_before:
            return False
        clear_opener = self.last_operative == 0 and _starts_preamble(text, strict=True)
        return not (ended and clear_opener)

    def _bare_number(self, text: str) -> re.Match[str] | None:
        """A printed number that lost its period ("11 Condemns"): only the next number,
        before an operative verb."""
        match = _BARE_NUMBER_RE.match(text)
        in_sequence = bool(match) and int(match.group(1)) == self.last_operative + 1
        if match and in_sequence and self.last_operative and _starts_operative(match.group(2)):
            return match
        return None

    def _opens_new_paragraph(self, text: str, current: _Block) -> bool:
        if current.section == "preamble" and self.last_operative == 0:
            return _starts_preamble(text, strict=current.list_mode)
        return False

    def _is_heading(self, text: str, following: list[_Line]) -> bool:
        """A short unpunctuated line right before a numbered paragraph (or before a
        second such line that is): "Arms embargo", "A. Mandate of the Mission"."""
        if not _heading_shaped(text):
            return False
        if self.last_operative == 0 and _starts_preamble(text, strict=True):
            return False
        if not following:
            return False
        if _NUMBERED_RE.match(following[0].text) or _DRAFT_LABEL_RE.match(following[0].text):
            return True
        if self.last_operative == 0 and len(text.split()) <= 10:
            # a heading inside the preamble ("Political situation") before a clear opener
            return _starts_preamble(following[0].text, strict=True)
        return (
            len(following) > 1
            and _heading_shaped(following[0].text)
            and bool(_NUMBERED_RE.match(following[1].text))
        )

    # ---- building

    def _start_operative(self, numbered: re.Match[str], line: _Line) -> None:
        number = int(numbered.group(1))
        section: Section = "annex" if self.section == "annex" else "operative"
        self.last_operative = number
        block = _Block(section, numbered.group(2).strip(), line.number, number=str(number))
        self._push(block, line)

    def _start_draft(self, label: re.Match[str], text: str, line: _Line) -> None:
        """A paragraph opened by a draft label; "OP 5 (new)" is labelled OP5new."""
        self.draft_mode = True
        kind, number = label.group("kind"), label.group("number")
        suffix = re.sub(r"[\s.]", "", label.group("suffix") or "").lower()
        new = "new" if label.group("new") else ""
        plain = kind == "OP" and not suffix and not new
        section: Section = "preamble" if kind == "PP" else "operative"
        block = _Block(section, text[label.end() :].strip(), line.number)
        block.number = number if plain else None
        block.label = f"{kind}{number}{suffix}{new}"
        printed_end = max(label.end(g) + (g == "new") for g in ("number", "suffix", "new"))
        block.draft_label = text[label.start("kind") : printed_end]
        if plain:
            self.last_operative = int(number)
        self._push(block, line)

    def _place_in_draft(self, text: str, following: list[_Line], current: _Block) -> None:
        """In a draft every paragraph has a label: a line without one is a sub-item, a
        heading before a labelled line, or more of the paragraph (a status tag too)."""
        sub = _SUBITEM_RE.match(text)
        if sub and _ends_clause(current.last_text()):
            self._add_subitem(current, sub.group(1), sub.group(2))
            return
        ended = _ends_clause(current.last_text(), current.section)
        if ended and not _STATUS_LINE_RE.match(text) and self._is_heading(text, following):
            self.pending_heading.append(strip_emphasis(text).strip())
            return
        current.append(text)

    def _start_unnumbered(self, text: str, line: _Line) -> None:
        section: Section = self.section
        if section == "preamble" and self.last_operative > 0:
            section = "operative"
        self._push(_Block(section, text, line.number), line)

    def _push(self, block: _Block, line: _Line) -> None:
        block.blank_before = line.blank_before
        if self.pending_heading:
            block.heading = " ".join(self.pending_heading)
            self.pending_heading = []
        if block.text.endswith(":"):
            block.list_mode = True
        self.blocks.append(block)

    def _add_subitem(self, block: _Block, label: str, text: str) -> None:
        item = Subitem(label=f"({label})", text=text.strip())
        top = [s for s in block.subitems if s.label]
        if top and _is_nested_roman(label, top[-1]):
            top[-1].subitems.append(item)
        else:
            block.subitems.append(item)

    def _flush_heading_into_text(self) -> None:
        if self.pending_heading and self.blocks:
            self.blocks[-1].append(" ".join(self.pending_heading))
        self.pending_heading = []

    # ---- footnotes printed between paragraphs

    def _take_footnote(self, text: str) -> bool:
        match = _FOOTNOTE_SUPER_RE.match(text)
        if match:
            self._record_footnote(from_superscript(match.group(1)), match.group(2))
            return True
        match = _FOOTNOTE_DIGIT_RE.match(text)
        if (
            match
            and int(match.group(1)) == self.next_footnote
            and _FOOTNOTE_LEADS.match(match.group(2))
            and self.blocks
            and _ends_clause(self.blocks[-1].last_text())
        ):
            self._record_footnote(match.group(1), match.group(2))
            return True
        return False

    def _continues_footnote(self, text: str) -> bool:
        """A line that carries on the footnote printed just before it ("chap. II," / "sect. A.")."""
        note = self.open_footnote
        if note is None or note.text.endswith((".", ")")):
            return False
        starts_something = _NUMBERED_RE.match(text) or _SUBITEM_RE.match(text)
        if starts_something or _FOOTNOTE_SUPER_RE.match(text):
            return False
        if _starts_preamble(text, strict=True):
            return False
        note.text = f"{note.text} {text}"
        return True

    def _is_running_title(self, text: str) -> bool:
        title = self.running_title
        if title is None or abs(len(text) - len(title)) > len(title) // 2:
            return False
        return normalise(text) == title

    def _record_footnote(self, marker: str, text: str) -> None:
        self.open_footnote = Footnote(marker, text.strip())
        self.footnotes.append(self.open_footnote)
        if marker.isdigit():
            self.next_footnote = int(marker) + 1

    # ---- run-in paragraphs: "...; 13. *Welcomes* ..."

    def _split_run_in(self, text: str) -> list[str]:
        """Cut "...; 13. *Welcomes* ..." (or "...; Reporting 36. Calls ...") into pieces.

        A number cuts only when it is the next one expected, so "paragraph 9. above"
        or a list "1. ... 2. ..." inside a paragraph stays whole.
        """
        numbered = _NUMBERED_RE.match(text)
        expected = int(numbered.group(1)) + 1 if numbered else self.last_operative + 1
        pieces: list[str] = []
        start = 0
        for match in _RUN_IN_RE.finditer(text):
            if int(match.group("number")) != expected:
                continue
            pieces.append(text[start : match.start()])
            if match.group("heading"):
                pieces.append(match.group("heading"))
            start = match.start("number")
            expected += 1
        pieces.append(text[start:])
        return pieces

    # ---- result

    def paragraphs(self) -> list[Paragraph]:
        """The assembled paragraphs, labelled PP1.., OP<number>.., AX<number>.."""
        result: list[Paragraph] = []
        counters = {"preamble": 0, "operative": 0, "annex": 0}
        used: set[str] = set()
        for block in self.blocks:
            counters[block.section] += 1
            label = _label(block, counters[block.section], used)
            used.add(label)
            result.append(
                Paragraph(
                    label=label,
                    section=block.section,
                    text=_clean_text(block.full_text()),
                    number=block.number,
                    subitems=[_clean_subitem(s) for s in block.subitems],
                    heading=block.heading,
                    line=block.line,
                    draft_label=block.draft_label,
                )
            )
        return result


_PREFIX = {"preamble": "PP", "operative": "OP", "annex": "AX"}


def _label(block: _Block, ordinal: int, used: set[str]) -> str:
    if block.label:
        base = block.label
    elif block.section == "preamble" or block.number:
        base = f"{_PREFIX[block.section]}{block.number or ordinal}"
    else:  # an unnumbered operative or annex paragraph: named by its position
        base = f"{_PREFIX[block.section]}#{ordinal}"
    label, copy = base, 1
    while label in used:
        copy += 1
        label = f"{base}~{copy}"
    return label


def _clean_subitem(item: Subitem) -> Subitem:
    return Subitem(item.label, _clean_text(item.text), [_clean_subitem(s) for s in item.subitems])


def _clean_text(text: str) -> str:
    return repair_spacing(" ".join(text.split()))


_ROMAN_ORDER = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def _is_nested_roman(label: str, previous: Subitem) -> bool:
    if label not in _ROMAN_ORDER:
        return False
    if label == "i":
        return previous.label != "(h)"
    nested = [s.label.strip("()") for s in previous.subitems]
    index = _ROMAN_ORDER.index(label)
    return bool(nested) and nested[-1] == _ROMAN_ORDER[index - 1]


def _blank_separated(lines: list[_Line]) -> bool:
    """True when the text sets its paragraphs apart with blank lines.

    Judged on the numbered paragraphs, whose starts are unambiguous: if most
    follow a blank line, a line that follows none continues its paragraph.
    """
    numbered = [line for line in lines if _NUMBERED_RE.match(line.text)]
    if len(numbered) < 3:
        return False
    return sum(line.blank_before for line in numbered) >= 0.8 * len(numbered)


def _heading_shaped(text: str) -> bool:
    plain = strip_emphasis(text).strip()
    words = plain.split()
    return 0 < len(words) <= 12 and not _ends_clause(plain) and plain[0].isupper()


def _ends_clause(text: str, section: Section = "preamble") -> bool:
    """True when ``text`` ends as a paragraph of ``section`` may (a comma: preamble only)."""
    endings = _TERMINAL if section == "preamble" else _TERMINAL[1:]
    if text.endswith(endings):
        return True  # the common case, without the clean-up below
    plain = re.sub(r"(?:\s*\[\^\d+\])+$", "", strip_emphasis(text).rstrip())
    plain = plain.rstrip(f" {SUPERSCRIPT_DIGITS}”’\"')]").rstrip()
    plain = re.sub(r"(?<=[;,])\s+(?:and|or)$", "", plain)  # "...; and" before a sub-item
    plain = re.sub(r"(?<=[,;:.])\s*\d{1,3}$", "", plain)  # a footnote marker after the mark
    return plain.endswith(endings)


OPERATIVE_VERBS = frozenset(
    """
    Acknowledges Adopts Affirms Again Agrees Also Appeals Approves Authorizes Calls
    Commends Condemns Confirms Considers Decides Declares Demands Deplores Directs
    Emphasizes Encourages Endorses Expresses Extends Further Invites Notes Once
    Reaffirms Recalls Recognizes Recommends Regrets Reiterates Reminds Renews Requests
    Resolves Stresses Strongly Supports Takes Underlines Underscores Urges Welcomes
    """.split()
)


def _starts_operative(text: str) -> bool:
    """True when ``text`` opens with an operative verb ("Requests", "Also decides")."""
    first = re.match(r"[A-Z][a-z]+", strip_emphasis(text).lstrip("*_ "))
    return bool(first) and first.group(0) in OPERATIVE_VERBS


def _starts_preamble(text: str, *, strict: bool = False) -> bool:
    """True when ``text`` opens like a preambular paragraph ("Recalling", "Deeply concerned")."""
    plain = strip_emphasis(text).lstrip("*_ ")
    first = re.match(r"[A-Z][\w\-]*", plain)
    if not first:
        return False
    word = first.group(0)
    if word in PREAMBLE_OPENERS:
        return True
    follows_word = re.match(r"[A-Z][\w\-]* [a-z]", plain) is not None
    return not strict and word.endswith("ing") and len(word) > 5 and follows_word


# ------------------------------------------------------------------- pass 4: footnote markers


def _unique_footnotes(footnotes: list[Footnote]) -> list[Footnote]:
    seen: dict[str, Footnote] = {}
    for note in footnotes:
        seen.setdefault(note.marker, note)
    return sorted(seen.values(), key=_footnote_order)


def _footnote_order(note: Footnote) -> tuple[bool, int, str]:
    numeric = note.marker.isdigit()
    return (not numeric, int(note.marker) if numeric else 0, note.marker)


def _attach_footnotes(document: Document) -> None:
    """Rewrite footnote markers as superscripts and attach the bodies they cite."""
    bodies = {note.marker: note for note in document.footnotes}
    numbers = sorted(int(m) for m in bodies if m.isdigit())
    state = _MarkerState(expected=numbers[0] if numbers else None, known=set(numbers))
    for paragraph in document.paragraphs:
        paragraph.text = state.rewrite(paragraph.text)
        _rewrite_subitems(paragraph.subitems, state)
        cited = re.findall(rf"[{SUPERSCRIPT_DIGITS}]+", paragraph.full_text())
        for marker in dict.fromkeys(from_superscript(c) for c in cited):
            if marker in bodies:
                paragraph.footnotes.append(bodies[marker])


def _rewrite_subitems(items: list[Subitem], state: _MarkerState) -> None:
    for item in items:
        item.text = state.rewrite(item.text)
        _rewrite_subitems(item.subitems, state)


@dataclass(slots=True)
class _MarkerState:
    """The next footnote number expected: plain digits are read as markers only in sequence."""

    expected: int | None
    known: set[int]

    def rewrite(self, text: str) -> str:
        """Rewrite every marker of ``text`` as superscript digits, in reading order."""
        out: list[str] = []
        position = 0
        for match in _MARKER_CANDIDATE_RE.finditer(text):
            explicit = match.group("note") or match.group("sup")
            if explicit:
                digits = match.group("note") or from_superscript(match.group("sup"))
                out += [text[position : match.start()], self._mark(digits)]
                position = match.end()
                continue
            glued = self._glued(text, match)
            if glued is not None:
                start, digits = glued
                out += [text[position:start], self._mark(digits)]
                position = match.end()
        out.append(text[position:])
        return "".join(out)

    def _glued(self, text: str, match: re.Match[str]) -> tuple[int, str] | None:
        """Digits that are a marker in sequence ("for 2024,1", "20254", ", 10"), or None."""
        digits = match.group("glued") or match.group("year") or match.group("spaced")
        if not digits or self.expected is None:
            return None
        if not 0 <= int(digits) - self.expected <= 3:
            return None
        start = match.start("spaced") - 1 if match.group("spaced") else match.start()
        if _SYMBOL_PART_BEFORE.search(text[max(0, start - 8) : start]):
            return None  # "C-24/DEC.4", "E/CN.4", "Rev.1": part of a symbol
        return start, digits

    def _mark(self, digits: str) -> str:
        self._seen(int(digits))
        return to_superscript(digits)

    def _seen(self, number: int) -> None:
        if self.expected is not None and number >= self.expected:
            larger = [n for n in self.known if n > number]
            self.expected = min(larger) if larger else None
