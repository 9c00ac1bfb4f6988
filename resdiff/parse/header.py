"""The header and the tail: symbol, title and dates; the meeting line and the vote record."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from resdiff.model import Document, Vote
from resdiff.normalize import normalise, strip_emphasis
from resdiff.parse.lines import _Line
from resdiff.parse.patterns import (
    _MEETING_RE,
    _OPENING_RE,
    _TITLE_RE,
    _VOTE_START_RE,
    SYMBOL_RE,
)

_ADOPTED_ON_RE = re.compile(r"\badopted by the .+? on (\d{1,2} [A-Z][a-z]+ \d{4})")


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
