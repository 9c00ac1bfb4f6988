"""The frame of a resolution: header, body, tail (meeting line and vote) and annexes.

The opening line ("The General Assembly,") ends the header; the meeting line
or the adoption line of a vote ends the body; a line "Annex" (or "Annex II")
starts the annexes, which run to the end or to the tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.parse.clauses import ends_clause, opens_operative_clause, starts_preamble
from resdiff.parse.lines import Line
from resdiff.parse.patterns import (
    ANNEX_RE,
    DRAFT_LABEL_RE,
    MEETING_RE,
    MONTHS,
    NUMBER_ALONE_RE,
    NUMBERED_RE,
    OPENING_RE,
    TITLE_RE,
    VOTE_START_RE,
)

_ADOPTION_RE = re.compile(
    r"^\[?\s*Adopted\s+(?:unanimously|by|at|without|on|in)\b|^\[?\s*Adopted\s*\.?$"
)


@dataclass(slots=True)
class Frame:
    """The parts of a resolution's lines."""

    header: list[Line]
    body: list[Line]
    tail: list[Line]
    annex: list[Line]


# "The General Assembly, recalling its decision ...:" or "The General Assembly decides to
# ...": a decision whose text starts on the opening line.
_OPENING_WITH_TEXT_RE = re.compile(
    r"^(?P<opening>[*_]{0,2}The\s+(?:[A-Z][\w\-’']*\s+){0,6}"
    r"(?:Council|Assembly|Commission|Committee|Conference|Board)),?[*_]{0,2}\s+(?P<rest>[a-z].*)$"
)
# The title line of an early resolution: "17 (1947). Resolution of 10 February 1947",
# "Resolution 350 (1974)", "of 31 May 1974".
_EARLY_TITLE_RE = re.compile(
    r"^(?:Resolution\s+)?\d{1,4}\s*\(\d{4}\)\.?(?:\s*Resolution of .*)?$"
    r"|^of \d{1,2} [A-Z][a-z]+ \d{4}$"
)


def opening_index(lines: list[Line]) -> int | None:
    """The index of the opening line ("The Security Council,"), or None."""
    for index, line in enumerate(lines):
        if OPENING_RE.match(line.text) or _opening_with_text(line.text):
            return index
    return None


def _opening_with_text(text: str) -> re.Match[str] | None:
    match = _OPENING_WITH_TEXT_RE.match(text)
    if match is None:
        return None
    rest = match.group("rest")
    clause = rest[:1].upper() + rest[1:]
    return match if starts_preamble(clause) or opens_operative_clause(clause) else None


def split_opening(lines: list[Line]) -> list[Line]:
    """Cut an opening line that runs on into text ("The General Assembly decides to ...")
    into the opening and a first line of the body."""
    for index, line in enumerate(lines):
        if OPENING_RE.match(line.text):
            return lines
        match = _opening_with_text(line.text)
        if match:
            opening = Line(
                line.number,
                match.group("opening") + ",",
                line.indent,
                line.blank_before,
                line.page_break_before,
                line.page,
            )
            rest = Line(line.number, match.group("rest"), line.indent, True, False, line.page)
            return [*lines[:index], opening, rest, *lines[index + 1 :]]
    return lines


def find_frame(lines: list[Line]) -> Frame:
    """Split ``lines`` into header, body, tail and annexes."""
    lines = split_opening(lines)
    opening = opening_index(lines)
    if opening is None:
        start = _guess_body_start(lines)
        header, rest = lines[:start], lines[start:]
    else:
        header, rest = lines[: opening + 1], lines[opening + 1 :]
    end = next(
        (
            i
            for i, line in enumerate(rest)
            if is_tail_start(line.text)
            and (i == 0 or ends_clause(rest[i - 1].text) or _meeting_and_date(rest, i))
        ),
        len(rest),
    )
    body, after = rest[:end], rest[end:]
    annex_at = next((i for i, line in enumerate(after) if ANNEX_RE.match(line.text)), None)
    if annex_at is None:
        body_annex = next((i for i, line in enumerate(body) if ANNEX_RE.match(line.text)), None)
        if body_annex is not None:
            return Frame(header, body[:body_annex], after, body[body_annex:])
        return Frame(header, body, after, [])
    return Frame(header, body, after[:annex_at], after[annex_at:])


def _meeting_and_date(lines: list[Line], index: int) -> bool:
    """True for the meeting line alone ("69th plenary meeting") with the date alone on the
    next line, set apart by a blank line: the meeting line, even where the text before it
    lost its final mark (an extractor moved the last word of the last paragraph)."""
    line = lines[index]
    meeting = MEETING_RE.match(line.text.strip())
    following = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
    return bool(
        line.blank_before
        and meeting
        and meeting.group(1).rstrip().lower().endswith("meeting")
        and _DATE_ALONE_RE.match(following)
    )


_DATE_ALONE_RE = re.compile(rf"^\d{{1,2}} (?:{'|'.join(MONTHS)}) \d{{4}}$")


def is_tail_start(text: str) -> bool:
    """The meeting line ("38th meeting") or the adoption line of a vote."""
    if MEETING_RE.match(text) or _ADOPTION_RE.match(text):
        return True
    return bool(VOTE_START_RE.match(text)) and "vote" in text.lower() and text[:1] != "a"


def _guess_body_start(lines: list[Line]) -> int:
    """Without an opening line, the body starts at the first paragraph-like line.

    A line opens a paragraph here only by a printed number or a preambular
    opening phrase, so text that is not a resolution yields no paragraphs.
    """
    for index, line in enumerate(lines):
        if TITLE_RE.match(line.text):
            continue
        if index < 3 and _EARLY_TITLE_RE.match(line.text):
            return _after_early_title(lines, index)
        if starts_preamble(line.text, strict=True) or NUMBERED_RE.match(line.text):
            return index
        if NUMBER_ALONE_RE.match(line.text) and line.text.strip("*_.") == "1":
            return index
        if DRAFT_LABEL_RE.match(line.text):
            return index
    return len(lines)  # nothing reads like a resolution paragraph


def _after_early_title(lines: list[Line], index: int) -> int:
    """The body of an early resolution starts after its title and date lines."""
    while index < len(lines) and (
        _EARLY_TITLE_RE.match(lines[index].text)
        or re.match(r"^\(S/[\w/.]+[\])]$", lines[index].text)
    ):
        index += 1
    return index
