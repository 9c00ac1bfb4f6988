"""A small paragraph splitter, independent of resdiff, for checking the gold files.

The gold files in ``fixtures/gold/pairs/`` name every paragraph of two texts
(``PP1`` ... in reading order, ``OP<printed number>``) with its first three
words. This module reads the same texts with rules of its own, written for the
two layouts of those fixtures, so that a test can check the gold's numbering
without trusting the parser under test:

- General Assembly texts (``fixtures/ga/``): the raw text of a PDF extractor,
  paragraphs separated by blank lines, operative numbers alone on a line, page
  headers after a truly empty line, footnotes after a ``____`` rule.
- Security Council drafts (``fixtures/S_*.txt``): mostly one paragraph per
  line, some wrapped, some operative paragraphs run together on one line,
  sub-items on their own lines, short headings, one operative paragraph printed
  without its number.
"""

from __future__ import annotations

import re

END = re.compile(r"[,;.:]\s*\d*\s*$")  # a paragraph or line that closes a clause
PAGE_NUMBER = re.compile(r"^\s*\d+/\d+\s*$")
JOB_NUMBER = re.compile(r"^\s*\d\d-\d{5}\s*(\(E\))?\s*(\d{6})?\s*$")
SC_FURNITURE = re.compile(r"^\s*(\d\d-\d{5}\s*\(E\).*|\*\d{7}\*|)\s*$")
PREAMBLE_OPENER = re.compile(
    r"(?:(?:Further|Also|Strongly|Deeply|Gravely|Seriously)\s+[a-z]+(?:ing|ed)"
    r"|(?!United\b)[A-Z][a-z]+(?:ing|ed)|Mindful|Aware|Cognizant|Conscious)\b"
)
OPERATIVE_OPENER = re.compile(r"(?:(?:Further|Also|Strongly)\s+)?[A-Z][a-z]+s\b")


def labelled_paragraphs(text: str, layout: str) -> list[tuple[str, str]]:
    """(label, text) of every preambular and operative paragraph; layout 'ga' or 'sc'."""
    if layout == "ga":
        return _label_ga(_ga_paragraphs(text))
    return _label_sc(_sc_paragraphs(text))


def first_words(text: str, count: int = 3) -> str:
    """The first words of a paragraph, as the gold files give them."""
    return " ".join(text.split()[:count])


# ---------------------------------------------------------------- General Assembly


def _ga_paragraphs(text: str) -> list[str]:
    blocks = _ga_blocks(_ga_body_lines(text.split("\n")))
    paragraphs: list[tuple[str, bool]] = []
    for block, before_break in blocks:
        if not block:  # a page break right after a blank line
            if paragraphs:
                paragraphs[-1] = (paragraphs[-1][0], True)
        elif paragraphs and _continues_across_page(paragraphs[-1], block):
            joiner = "" if paragraphs[-1][0].endswith("-") else " "
            paragraphs[-1] = (paragraphs[-1][0] + joiner + block, before_break)
        elif paragraphs and _joins_previous(paragraphs[-1][0], block):
            paragraphs[-1] = (paragraphs[-1][0] + " " + block, before_break)
        else:
            paragraphs.append((block, before_break))
    joined = [re.sub(r"\s+", " ", p) for p, _ in paragraphs]
    return [p for p in joined if not _is_ga_heading(p)]


def _ga_body_lines(lines: list[str]) -> list[str | None]:
    """Lines after 'The General Assembly,' up to the meeting line; None marks a page break."""
    start = next(i for i, line in enumerate(lines) if re.match(r"\s*The General Assembly", line))
    body: list[str | None] = []
    i, in_footnotes = start + 1, False
    while i < len(lines) and not re.search(r"plenary meeting\s*$", lines[i]):
        line = lines[i]
        in_footnotes = in_footnotes or line.strip().startswith("_____")
        header_end = _page_header_end(lines, i) if line == "" else None
        if header_end is not None:
            body.append(None)
            i, in_footnotes = header_end, False
            continue
        if not in_footnotes:
            body.append(line)
        i += 1
    return body


def _page_header_end(lines: list[str], i: int) -> int | None:
    """After a truly empty line: the index past the running header, if one follows."""
    seen_page = seen_job = False
    j = i + 1
    while j < min(len(lines), i + 12) and not (seen_page and seen_job):
        seen_page |= bool(PAGE_NUMBER.match(lines[j]))
        seen_job |= bool(JOB_NUMBER.match(lines[j]))
        j += 1
    return j if seen_page else None


def _ga_blocks(body: list[str | None]) -> list[tuple[str, bool]]:
    """Blank-line separated blocks; the flag says a page break follows the block."""
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    for line in body:
        if line is None or not line.strip():
            if current or line is None:
                blocks.append((" ".join(current), line is None))
            current = []
        else:
            current.append(line.strip())
    if current:
        blocks.append((" ".join(current), False))
    return blocks


def _continues_across_page(previous: tuple[str, bool], block: str) -> bool:
    text, before_break = previous
    if not before_break or re.match(r"\d+\.", block):
        return False
    starts_inside = block[0].islower() or block[0].isdigit()
    return starts_inside or not END.search(text)


def _joins_previous(previous: str, block: str) -> bool:
    """A sub-item belongs to its paragraph; a number alone on its line to the text after it."""
    return bool(re.match(r"\([a-z]+\)\s", block) or re.fullmatch(r"\d+\.", previous))


def _is_ga_heading(paragraph: str) -> bool:
    return len(paragraph.split()) <= 12 and not END.search(paragraph) and not paragraph[0].isdigit()


def _label_ga(paragraphs: list[str]) -> list[tuple[str, str]]:
    labelled, ordinal = [], 0
    for paragraph in paragraphs:
        numbered = re.match(r"(\d+)\.\s", paragraph)
        if numbered:
            labelled.append((f"OP{numbered.group(1)}", paragraph[numbered.end() :]))
        else:
            ordinal += 1
            labelled.append((f"PP{ordinal}", paragraph))
    return labelled


# ---------------------------------------------------------------- Security Council


def _sc_paragraphs(text: str) -> list[tuple[str, int, str]]:
    """(section, operative number or 0, text) in reading order."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("The Security"))
    paragraphs: list[tuple[str, int, str]] = []
    last_op = 0
    for raw in lines[start + 1 :]:
        if SC_FURNITURE.match(raw):
            continue
        for piece in _split_run_on(raw.strip(), last_op):
            numbered = re.match(r"(\d+)\.\s+(.*)", piece)
            previous = paragraphs[-1][2] if paragraphs else ""
            if numbered and int(numbered.group(1)) == last_op + 1:
                last_op += 1
                paragraphs.append(("OP", last_op, numbered.group(2)))
            elif _is_sc_heading(piece) and (not paragraphs or END.search(previous)):
                continue
            elif paragraphs and _sc_continues(previous, piece, last_op):
                section, number, _ = paragraphs[-1]
                paragraphs[-1] = (section, number, previous + " " + piece)
            elif last_op:  # an operative paragraph printed without its number
                last_op += 1
                paragraphs.append(("OP", last_op, piece))
            else:
                paragraphs.append(("PP", 0, piece))
    return paragraphs


def _split_run_on(line: str, last_op: int) -> list[str]:
    """Split a line that holds several numbered paragraphs run together."""
    numbered = re.match(r"(\d+)\.\s", line)
    n = int(numbered.group(1)) if numbered and int(numbered.group(1)) == last_op + 1 else last_op
    pieces = [line]
    while match := re.search(
        rf"[;.]\s+(?:[A-Z][a-z]+(?: [a-z]+)* )?({n + 1})\.\s+(?=[A-Z])", pieces[-1]
    ):
        pieces[-1:] = [pieces[-1][: match.start() + 1], pieces[-1][match.start(1) :]]
        n += 1
    return pieces


def _sc_continues(previous: str, line: str, last_op: int) -> bool:
    if re.match(r"(\([a-z]+\)|•|\d+\.)\s", line):  # a sub-item or an inner numbered list
        return True
    if line[0].islower() or line[0].isdigit() or not END.search(previous):
        return True
    if previous.rstrip().endswith(":"):
        return True
    opener = OPERATIVE_OPENER if last_op else PREAMBLE_OPENER
    return not opener.match(line)


def _is_sc_heading(line: str) -> bool:
    return len(line.split()) <= 6 and not END.search(line)


def _label_sc(paragraphs: list[tuple[str, int, str]]) -> list[tuple[str, str]]:
    labelled, ordinal = [], 0
    for section, number, text in paragraphs:
        if section == "PP":
            ordinal += 1
            labelled.append((f"PP{ordinal}", text))
        else:
            labelled.append((f"OP{number}", text))
    return labelled
