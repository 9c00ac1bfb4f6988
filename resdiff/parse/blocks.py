"""Pass 3: body lines assembled into paragraphs with their sub-items, headings and labels.

Each body line either starts a paragraph (a printed operative number that fits
the sequence, a sub-item label, a preambular opening phrase, a section
heading) or continues the previous one. Footnote bodies printed between
paragraphs are collected on the way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resdiff.model import Footnote, Paragraph, Section, Subitem
from resdiff.normalize import (
    SUPERSCRIPT_DIGITS,
    from_superscript,
    normalise,
    repair_spacing,
    strip_emphasis,
)
from resdiff.parse.clauses import _ends_clause, _starts_operative, _starts_preamble
from resdiff.parse.lines import _Line
from resdiff.parse.patterns import _DRAFT_LABEL_RE, _NUMBERED_RE, SYMBOL_RE

# --------------------------------------------------------------------------- patterns

_BARE_NUMBER_RE = re.compile(r"^(\d{1,5})\s+([*_]{0,2}[A-Z].*)$")
_SUBITEM_RE = re.compile(r"^[*_]{0,2}\(([a-z]{1,2}|[ivxlc]{1,6})\)[*_]{0,2}\s+(.*)$")
_STATUS_LINE_RE = re.compile(
    r"^[*_\[(]{0,3}\s*(?i:agreed(?:\s+ad[\s.\-]*ref\.?)?|ad[\s.\-]*ref\.?|deleted)\s*[*_\])]{0,3}$"
)
_FOOTNOTE_SUPER_RE = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s*(\S.*)$")
_FOOTNOTE_DIGIT_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_FOOTNOTE_LEADS = re.compile(
    r"^(?:See|Ibid|Official Records|United Nations|Resolution|Decision|Report|"
    r"Treaty|League of Nations|Adopted|Available|Contained|Document|Vol\.|[A-Z]{1,4}/)"
)


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


_RUN_IN_HEADING = r"[A-Z][A-Za-z\-]*(?: [A-Za-z\-]+){0,5}"
# Starts with the punctuation mark itself (not a look-behind) so that the scan can jump
# from one mark to the next; the cut falls after group "mark".
_RUN_IN_RE = re.compile(
    rf"(?P<mark>[;.:])\s+(?:(?P<heading>{_RUN_IN_HEADING})\s+)?"
    rf"(?P<number>\d{{1,5}})\.\s+[*_]{{0,2}}[A-Z]"
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
            pieces.append(text[start : match.end("mark")])
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
