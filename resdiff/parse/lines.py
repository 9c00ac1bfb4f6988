"""Passes 1 and 2: the text as lines, then the frame that splits header, body, tail and annex.

Pass 1 takes out YAML front matter and markdown footnote definitions and drops
page furniture (running symbols, job numbers, page numbers). Pass 2 finds the
opening line ("The Human Rights Council,") that ends the header, the meeting
line or vote record that ends the body, and any annex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.model import Footnote
from resdiff.parse.clauses import _starts_preamble
from resdiff.parse.patterns import (
    _DRAFT_LABEL_RE,
    _MEETING_RE,
    _NUMBERED_RE,
    _OPENING_RE,
    _TITLE_RE,
    _VOTE_START_RE,
    SYMBOL_RE,
)

# --------------------------------------------------------------------------- patterns

_FURNITURE_RES = [
    re.compile(r"^GE\.\d{2}-\d{4,6}\s*\([A-Z]\)(\s+\S.*)?$"),  # GE.19-12345(E) 180719
    re.compile(r"^\d{2}-\d{4,6}\s*\([A-Z]\)(\s+\S.*)?$"),  # 18-04845 (E) 150218
    re.compile(r"^(?:GE\.)?\d{2}-\d{5}$"),  # 18-01971: a job number alone on its line
    re.compile(r"^\*\d{7,}\*$"),  # barcode text
    re.compile(r"^(?:Page\s+)?\d{1,3}\s*/\s*\d{1,3}$"),  # 3/9
    re.compile(r"^-\s*\d{1,3}\s*-$"),  # - 3 -
    re.compile(r"^Please recycle\W*$", re.I),
    re.compile(r"^-{3,}$|^\*{3,}$|^_{3,}$"),  # markdown rules
]
_RUNNING_HEADER_RE = re.compile(
    rf"(?:\d{{1,3}}/\d{{1,3}}\s+)?{SYMBOL_RE.pattern}(?:\s+\d{{1,3}}/\d{{1,3}})?"
)
_ANNEX_RE = re.compile(r"^[*_#\s]{0,4}Annex(?:\s+[IVXLC\d]+)?[*_]{0,2}$", re.I)
_MD_FOOTNOTE_RE = re.compile(r"^\[\^(\d{1,3})\]:\s*(.*)$")


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
