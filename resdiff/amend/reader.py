"""Read an amendment document: header, sponsors, the draft amended, the instructions' text.

An amendment document is printed like a draft: a masthead (symbol, "Distr.:
Limited", job number, barcode), the agenda item, then the *sponsors line*
("United States of America:* amendment to draft resolution A/80/L.25"), the
title of the amended draft, and the instructions, numbered "1.", "2." ... when
there are several. Pages repeat the symbol, the job number and a page counter
("2/2"); notes ("* Any changes to the list of sponsors ...") and footnotes
("** Report of the International Conference ...") stand at page bottoms,
sometimes under a rule, often in the middle of an instruction.

The reader works on lines:

1. page furniture (the document's own symbol, job numbers, barcodes, page
   counters) is dropped; each drop marks a page break;
2. footnote zones (a rule and the notes under it, or notes opened by "*",
   "**") are taken out up to the next page break;
3. the sponsors line is the block that says "amendment to"; the block after
   it is the title unless it already reads as an instruction;
4. the rest is cut into instructions at the printed numbers 1, 2, 3 ... in
   sequence, each starting a line, or, when there are none, at blocks that
   open like an instruction ("In", "After", "Delete" ...).

Blocks (runs of lines without a blank line) are kept apart inside an
instruction, so that the paragraphs an instruction inserts stay separate; a
block broken by a page break is joined again when its first part does not end
a clause.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from resdiff.analysis.countries import known_country
from resdiff.errors import InputError
from resdiff.parse import SYMBOL_RE, symbol_from_filename
from resdiff.parse.lines import SourceLines
from resdiff.readers import RawDocument

_JOB_RE = re.compile(r"^(?:GE\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?$")
_BARCODE_RE = re.compile(r"^\*\d{7,}\*$")
_PAGE_COUNTER_RE = re.compile(r"^(?:Page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$", re.I)
_RECYCLE_RE = re.compile(r"^Please recycle\W*$", re.I)
_RULE_RE = re.compile(r"^_{3,}$")
_STAR_NOTE_RE = re.compile(r"^(\*{1,3})\s+\S")
_NUMBERED_NOTE_RE = re.compile(r"^(\d{1,2})\s+\S")
_AMENDMENT_RE = re.compile(r"\b(?:oral\s+)?(?:revised\s+)?amendments?\s+to\b", re.I)
_SPONSORS_SPLIT_RE = re.compile(
    r"^(?P<sponsors>.*?)\s*:\s*\**\s*(?P<ref>[^:]*\bamendments?\s+to\b.*)$", re.I | re.S
)
_BY_REPORT_RE = re.compile(r"\brecommended\s+by\b|\bcontained\s+in\b|\bin\s+its\s+report\b", re.I)
_NUMBER_RE = re.compile(r"^(\d{1,2})\.\s*(.*)$")
# How an instruction opens; a block that opens so starts an instruction of an unnumbered
# amendment, and text after a printed number must open so to count as an instruction.
INSTRUCTION_OPENING = re.compile(
    r"^(?:In|After|Before|Delete|Replace|Insert|Add|At\s+the\s+(?:end|beginning)|Amend|"
    r"Operative|Preambular|The\s+(?:title|[a-z\-]+\s+(?:preambular|operative))|Renumber|"
    r"Remove|Substitute|Move)\b",
)
_CLAUSE_END = (",", ";", ".", ":")


@dataclass(slots=True)
class _Line:
    text: str
    blank_before: bool = False
    page_break_before: bool = False


@dataclass(slots=True)
class InstructionText:
    """The text of one instruction: its printed number and its blocks (runs of lines
    without a blank line, joined into one string each)."""

    number: int
    blocks: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The blocks joined by blank lines."""
        return "\n\n".join(self.blocks)


@dataclass(slots=True)
class AmendmentText:
    """What the reader found: header fields and the instructions' text."""

    symbol: str | None
    sponsors: list[str]
    amends: str | None
    amends_text: str
    title: str | None
    instructions: list[InstructionText]
    footnotes: list[str]
    footnote_markers: list[str]


def is_amendment(text: str) -> bool:
    """True when the header of ``text`` has a sponsors line saying "amendment to".

    >>> is_amendment("United Nations\\nA/80/L.30\\n\\nUnited States of America:* amendment "
    ...              "to draft resolution A/80/L.25\\n\\n1. Delete operative paragraph 22.")
    True
    >>> is_amendment("The General Assembly,\\n\\nNoting the amendment to the Convention,")
    False
    """
    return _sponsors_block(_blocks_of(_lines(text)[:80])) is not None


def read_text(text: str, path: str = "") -> AmendmentText:
    """Read the header and the instructions' text of an amendment document."""
    lines = _lines(text)
    symbol = _masthead_symbol(lines) or (symbol_from_filename(path) if path else None)
    lines = _without_furniture(lines, symbol)
    lines, notes = _without_footnotes(lines)
    blocks = _blocks_of(lines)
    found = _sponsors_block(blocks[:40])
    if found is None:
        name = path or "input"
        raise InputError(name, "not an amendment: no line says 'amendment to draft resolution'")
    index, sponsors_text, reference = found
    rest = blocks[index + 1 :]
    title = None
    if rest and not _opens_instruction(rest[0]):
        title = _joined(rest[0])
        rest = rest[1:]
    markers = [n.split(" ", 1)[0] for n in notes]
    return AmendmentText(
        symbol=symbol,
        sponsors=split_sponsors(sponsors_text),
        amends=None if _BY_REPORT_RE.search(reference) else _first_symbol(reference),
        amends_text=reference,
        title=title,
        instructions=_instructions(rest),
        footnotes=notes,
        footnote_markers=markers,
    )


def read_raw(source: str | os.PathLike[str] | RawDocument) -> RawDocument:
    """The text of a file (any format resdiff reads), or a RawDocument as given."""
    from resdiff.readers import read

    if isinstance(source, RawDocument):
        return source
    return read(source)


# --------------------------------------------------------------------------- lines


def _lines(text: str) -> list[_Line]:
    """Non-blank lines as the parser splits them (``SourceLines``: any line ending, a form
    feed marks a page break, a line of spaces only is a blank line)."""
    return [
        _Line(line.text, line.blank_before, line.page_break_before)
        for line in SourceLines.from_text(text).lines
    ]


def _masthead_symbol(lines: list[_Line]) -> str | None:
    for line in lines[:15]:
        for column in re.split(r"\s{3,}", line.text):
            if SYMBOL_RE.fullmatch(column.strip()):
                return column.strip()
    return None


def _is_furniture(text: str, symbol: str | None) -> bool:
    if symbol and text == symbol:
        return True
    columns = [c for c in re.split(r"\s{3,}", text) if c]
    return all(
        _JOB_RE.match(c)
        or _BARCODE_RE.match(c)
        or _PAGE_COUNTER_RE.match(c)
        or _RECYCLE_RE.match(c)
        for c in columns
    )


def _without_furniture(lines: list[_Line], symbol: str | None) -> list[_Line]:
    """Drop page furniture; the line after a dropped run starts a new page."""
    kept: list[_Line] = []
    dropped = False
    for line in lines:
        if _is_furniture(line.text, symbol):
            dropped = True
            continue
        if dropped:
            line.page_break_before = line.blank_before = True
            dropped = False
        kept.append(line)
    return kept


def _without_footnotes(lines: list[_Line]) -> tuple[list[_Line], list[str]]:
    """Take footnote zones out: a rule and what follows it, or a note opened by "*", "**",
    up to the next page break or to a blank line followed by text that is not a note."""
    kept: list[_Line] = []
    notes: list[str] = []
    zone = False
    pending_break = False
    for line in lines:
        if zone and (line.page_break_before or (line.blank_before and not _opens_note(line.text))):
            zone = False
        if not zone and (_RULE_RE.match(line.text) or _STAR_NOTE_RE.match(line.text)):
            zone = True
            pending_break = True
            if _RULE_RE.match(line.text):
                continue
        if zone:
            if _opens_note(line.text) or not notes:
                notes.append(line.text)
            else:
                notes[-1] = _join_two(notes[-1], line.text)
            continue
        if pending_break:
            line.blank_before = True
            line.page_break_before = True
            pending_break = False
        kept.append(line)
    return kept, notes


def _opens_note(text: str) -> bool:
    return bool(_STAR_NOTE_RE.match(text) or _NUMBERED_NOTE_RE.match(text))


# --------------------------------------------------------------------------- blocks


def _blocks_of(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of lines without a blank line; a run broken by a page break in mid-clause
    continues."""
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and (not line.blank_before or _continues_across_page(blocks[-1][-1], line)):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _continues_across_page(previous: _Line, line: _Line) -> bool:
    if not line.page_break_before:
        return False
    ending = previous.text.rstrip('”"’ ')
    return not ending.endswith(_CLAUSE_END) and not _NUMBER_RE.match(line.text)


def _joined(block: list[_Line]) -> str:
    text = ""
    for line in block:
        text = _join_two(text, line.text) if text else line.text
    return text


def _join_two(first: str, second: str) -> str:
    """Join two lines: a line ending in a hyphen inside a word runs on without a space
    ("thirty-" + "sixth"), unless the next word is a conjunction ("troop- and")."""
    if re.search(r"\w[-‐‑]$", first) and not re.match(r"(?:and|or|to|nor)\b", second):
        return first + second
    return f"{first} {second}"


def _sponsors_block(blocks: list[list[_Line]]) -> tuple[int, str, str] | None:
    """The block that says "<sponsors>: amendment to ...": its index, sponsors and reference."""
    for index, block in enumerate(blocks):
        text = _joined(block)
        if not _AMENDMENT_RE.search(text):
            continue
        found = _SPONSORS_SPLIT_RE.match(text)
        if found and found.group("sponsors") and len(found.group("sponsors")) < 2000:
            reference = " ".join(found.group("ref").split())
            return index, found.group("sponsors"), reference
    return None


def _first_symbol(text: str) -> str | None:
    found = SYMBOL_RE.search(text)
    return found.group(0).rstrip(".,;") if found else None


def _opens_instruction(block: list[_Line]) -> bool:
    first = block[0].text
    numbered = _NUMBER_RE.match(first)
    if numbered:
        return numbered.group(1) == "1"
    return bool(INSTRUCTION_OPENING.match(first))


# --------------------------------------------------------------------------- instructions


def _instructions(blocks: list[list[_Line]]) -> list[InstructionText]:
    """Cut the body into instructions at the printed numbers in sequence, else at blocks
    that open like an instruction."""
    lines = [line for block in blocks for line in block]
    if _numbered(lines):
        return _by_numbers(blocks)
    return _by_openings(blocks)


def _numbered(lines: list[_Line]) -> bool:
    return any(_number_starts(line, 1, lines, k) for k, line in enumerate(lines))


def _number_starts(line: _Line, expected: int, lines: list[_Line], k: int) -> bool:
    """True when ``line`` opens instruction ``expected``: "3." before text that opens like an
    instruction, or alone on its line after a full stop."""
    found = _NUMBER_RE.match(line.text)
    if not found or int(found.group(1)) != expected:
        return False
    after = found.group(2) or (lines[k + 1].text if k + 1 < len(lines) else "")
    if INSTRUCTION_OPENING.match(after):
        return True
    # a number alone on its line after a sentence that ended: an instruction worded freely
    return not found.group(2) and k > 0 and lines[k - 1].text.rstrip('”"’ ').endswith(".")


def _by_numbers(blocks: list[list[_Line]]) -> list[InstructionText]:
    found: list[InstructionText] = []
    lines = [line for block in blocks for line in block]
    expected = 1
    current: list[_Line] = []
    for k, line in enumerate(lines):
        if _number_starts(line, expected, lines, k):
            _close(found, current)
            rest = _NUMBER_RE.match(line.text)
            assert rest is not None
            found.append(InstructionText(expected))
            current = [_Line(rest.group(2), True)] if rest.group(2) else []
            expected += 1
            continue
        if found:  # text before the first number would be a title left over
            current.append(line)
    _close(found, current)
    return found


def _close(found: list[InstructionText], lines: list[_Line]) -> None:
    if found and lines:
        found[-1].blocks = [_joined(block) for block in _blocks_of(lines)]


def _by_openings(blocks: list[list[_Line]]) -> list[InstructionText]:
    found: list[InstructionText] = []
    for block in blocks:
        text = _joined(block)
        starts_new = INSTRUCTION_OPENING.match(text) and (
            not found or not _expects_text(found[-1].blocks[-1])
        )
        if starts_new or not found:
            found.append(InstructionText(len(found) + 1, [text]))
        else:
            found[-1].blocks.append(text)
    return found


def _expects_text(text: str) -> bool:
    """True when an instruction's text so far announces paragraphs to follow."""
    plain = text.rstrip().rstrip(",")
    return plain.endswith(":") or bool(re.search(r"\b(?:reading|as follows|to read)$", plain))


# --------------------------------------------------------------------------- sponsors


def split_sponsors(text: str) -> list[str]:
    """The sponsors of a sponsors line as a list, names joined by "and" kept whole.

    >>> split_sponsors("Belarus and Russian Federation")
    ['Belarus', 'Russian Federation']
    >>> split_sponsors("Spain and Trinidad and Tobago")
    ['Spain', 'Trinidad and Tobago']
    >>> split_sponsors("Antigua and Barbuda")
    ['Antigua and Barbuda']
    """
    plain = " ".join(text.replace("*", " ").split()).strip(" :")
    items = [item.strip() for item in _split_outside_brackets(plain) if item.strip()]
    if not items:
        return []
    last = items.pop()
    return [*items, *_split_last(last.removeprefix("and ").strip())]


def _split_outside_brackets(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(text[start:k])
            start = k + 1
    parts.append(text[start:])
    return parts


def _split_last(text: str) -> list[str]:
    """Split the last item of a list at the "and" that leaves two known names."""
    if known_country(text):
        return [text]
    joints = [m.start() for m in re.finditer(r"\s+and\s+", text)]
    for joint in joints:
        left, right = text[:joint].strip(), re.sub(r"^\s+and\s+", "", text[joint:]).strip()
        if known_country(left) and known_country(right):
            return [left, right]
    if joints:
        joint = joints[-1]
        return [text[:joint].strip(), re.sub(r"^\s+and\s+", "", text[joint:]).strip()]
    return [text]
