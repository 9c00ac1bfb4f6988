"""The header and the tail: symbol, title and dates; the meeting line and the vote record."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from resdiff.model import Document, Vote
from resdiff.normalize import normalise, strip_emphasis
from resdiff.parse.lines import Line
from resdiff.parse.patterns import (
    MEETING_RE,
    MONTHS,
    OPENING_RE,
    SYMBOL_RE,
    TITLE_RE,
    VOTE_START_RE,
)

_ADOPTED_ON_RE = re.compile(r"\badopted by the .+? on (\d{1,2} [A-Z][a-z]+ \d{4})")
_DATE_LINE_RE = re.compile(r"^(\d{1,2} [A-Z][a-z]+ \d{4})$")
# "United States of America:* amendment to draft resolution A/80/L.25"
# "... amendment to draft resolution 4 recommended by the Second Committee in its report
# contained in document A/80/555": the draft is named by its number in a report.
_AMENDMENT_RE = re.compile(
    r"\bamendments?\s+to\s+(?:the\s+)?(?:revised\s+)?(draft\s+(?:resolution|decision))\s+"
    rf"(?:({SYMBOL_RE.pattern})|([IVX\d]{{1,4}})\b.{{0,120}}?\bdocument\s+({SYMBOL_RE.pattern}))",
    re.I,
)
_DRAFT_LINE_RE = re.compile(r"^(?:revised\s+)?draft\s+(?:resolution|decision)\b", re.I)
_AMENDMENT_WORDS_RE = re.compile(r"\bamendments?\s+to\b", re.I)
_SPONSORS_RE = re.compile(r":[*,]*\s*(?:revised\s+)?draft\s+(?:resolution|decision)\b", re.I)
_MASTHEAD_WORDS = re.compile(
    r"^(?:(?:United Nations|General Assembly|Security Council|Economic and Social Council|"
    r"Human Rights Council)\s*$|Distr\.|Original:|Agenda item|[A-Z][a-z]+(?:-[a-z]+)? session\b|"
    r"Resolution adopted by|\[(?:on the report|without reference)|\*|\d{1,2} [A-Z][a-z]+ \d{4})",
)


# --------------------------------------------------------------------------- header


def read_header(header: list[Line], front_matter: dict[str, str], document: Document) -> None:
    """Fill the symbol, body, opening, title, date and ``amends`` from the header lines."""
    for line in header:
        text = strip_emphasis(line.text).strip()
        opening = OPENING_RE.match(line.text)
        if opening:
            document.opening = text.rstrip(" ,") + ","
            document.body = opening.group(1)
            continue
        if document.symbol is None:
            document.symbol = _masthead_symbol(text)
        adopted = _ADOPTED_ON_RE.search(text)
        if adopted and document.date is None:
            document.date = _iso_date(adopted.group(1))
    joined = " ".join(strip_emphasis(line.text).strip() for line in header)
    amendment = _AMENDMENT_RE.search(joined)  # the symbol may wrap to the next line
    if amendment:
        document.amends = amendment.group(2) or (
            f"{amendment.group(1).lower()} {amendment.group(3)} in {amendment.group(4)}"
        )
    document.title = _title(header)
    if document.date is None:
        document.date = _masthead_date(header)
    document.symbol = document.symbol or front_matter.get("symbol") or None
    document.date = document.date or front_matter.get("date") or None
    if document.title is None and front_matter.get("title"):
        document.title = front_matter["title"].rstrip(" :")
    if document.symbol is None and document.title:
        document.symbol = _symbol_from_title(document.title, document.body)


def is_decision(header: list[Line]) -> bool:
    """The header calls the text a draft decision ("Pakistan: draft decision")."""
    return any(re.search(r"\bdraft\s+decision\b", line.text, re.I) for line in header) and not any(
        re.search(r"\bdraft\s+resolution\b", line.text, re.I) for line in header
    )


def _masthead_symbol(text: str) -> str | None:
    """The symbol of a masthead line: the line itself, or its last column."""
    for column in reversed(re.split(r"\s{3,}", text)):
        candidate = column.strip()
        if SYMBOL_RE.fullmatch(candidate):
            return candidate
    return None


def _masthead_date(header: list[Line]) -> str | None:
    """The date printed under "Distr.: General" on the masthead."""
    for line in header[:15]:
        for column in re.split(r"\s{3,}", line.text):
            found = _DATE_LINE_RE.match(column.strip())
            if found:
                return _iso_date(found.group(1))
    return None


def _title(header: list[Line]) -> str | None:
    """The title: "80/204. Enhancement of ..." (its number kept), or for a draft the
    lines after the sponsors line; None when the header shows none."""
    lines = title_lines(header)
    if not lines:
        return None
    text = " ".join(strip_emphasis(line).strip() for line in lines)
    text = re.sub(r"\s+", " ", text).strip()
    numbered = re.match(r"^(\d{1,3}/\d{1,4}(?:\s?[A-Z])?)\.\s*(.*)$", text)
    if numbered:
        return f"{numbered.group(1)}. {numbered.group(2).strip()}"
    return text or None


def title_lines(header: list[Line]) -> list[str]:
    """The lines of the title as the header prints them (so running headers can be
    recognised by them): a numbered title ("80/204. ...") and its continuation, or the
    lines between the sponsors line ("Cuba:* draft resolution", "Draft resolution
    submitted by the Chair") and the opening."""
    lines = [line for line in header if not OPENING_RE.match(line.text)]
    for index, line in enumerate(lines):
        text = strip_emphasis(line.text).strip()
        if TITLE_RE.match(text) or re.fullmatch(r"\d{1,3}/\d{1,4}(?:\s?[A-Z])?\.", text):
            block = [text]
            for following in lines[index + 1 : index + 6]:
                if following.blank_before and len(block) > 1:
                    break
                block.append(following.text)
            return block
    sponsors = [i for i, line in enumerate(lines) if _is_sponsors_line(line.text)]
    if not sponsors:
        return []
    rest = lines[sponsors[-1] + 1 :]
    previous = lines[sponsors[-1]].text
    while rest and not rest[0].blank_before and _carries_on_sponsors(rest[0].text, previous):
        previous = rest[0].text  # "informal consultations", "A/C.3/80/L.20/Rev.1": it runs on
        rest = rest[1:]
    rest = [x for x in rest[:6] if not _MASTHEAD_WORDS.match(x.text)]
    title = rest[:1]
    for line in rest[1:]:
        if line.blank_before:
            break  # the title ends at the next gap (an amendment's instructions follow)
        title.append(line)
    return [x.text for x in title]


def _is_sponsors_line(text: str) -> bool:
    return bool(
        _SPONSORS_RE.search(text) or _AMENDMENT_WORDS_RE.search(text) or _DRAFT_LINE_RE.match(text)
    )


def _carries_on_sponsors(text: str, previous: str) -> bool:
    """A line that carries on the sponsors line: lower case, a symbol alone, the rest of
    a name ("(Islamic Republic of Iran), on the basis of ..."), or anything after a line
    cut after a small word ("... on the recommendation of the")."""
    return (
        text[:1].islower()
        or text[:1] in "(,;"
        or bool(SYMBOL_RE.fullmatch(text.strip()))
        or bool(_CUT_AFTER_SMALL_WORD_RE.search(previous))
    )


_CUT_AFTER_SMALL_WORD_RE = re.compile(r"\b(?:the|of|by|on|and|to|for|with|in|from|at)\s*$")


def running_title(title: str | None) -> str | None:
    """The title as a page header repeats it (without "80/54."), normalised; None if short."""
    if not title:
        return None
    bare = TITLE_RE.sub(r"\2", title) if TITLE_RE.match(title) else title
    return normalise(bare) if len(bare.split()) >= 3 else None


def _iso_date(text: str) -> str | None:
    """The ISO form of a printed date ("25 September 2015" -> "2015-09-25"), or None.

    The month names are English whatever the process's locale (``strptime``'s ``%B`` follows
    LC_TIME).
    """
    day, _, rest = text.strip().partition(" ")
    month_name, _, year = rest.partition(" ")
    month = _MONTH_NUMBERS.get(month_name.lower())
    if month is None or not (day.isdigit() and year.isdigit()):
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}


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
    name = Path(path).name
    stem = re.sub(r"(?:\.[A-Za-z-]+)*\.(?:txt|md|markdown|pdf|docx|json)$", "", name, flags=re.I)
    candidate = stem.replace("_", "/")
    if "/" in candidate and SYMBOL_RE.fullmatch(candidate):
        return candidate
    return None


# --------------------------------------------------------------------------- tail: meeting, vote


def read_tail(tail: list[Line], document: Document) -> None:
    """Fill the meeting line and the vote record from the lines after the body."""
    vote_lines: list[str] = []
    for position, line in enumerate(tail):
        meeting = MEETING_RE.match(line.text)
        if meeting and document.meeting is None and not vote_lines:
            document.meeting = _meeting_text(meeting.group(1), tail[position + 1 :])
            continue
        if vote_lines or VOTE_START_RE.match(line.text):
            vote_lines.append(strip_emphasis(line.text))
    if vote_lines:
        document.vote = parse_vote(vote_lines)


def _meeting_text(first: str, following: list[Line]) -> str:
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
