"""Segmentation: body lines assembled into paragraphs with their sub-items and headings.

The lines arrive without page furniture and footnote bodies, with a layout
profile measured over the whole body (``profile``). Each line either starts a
paragraph or continues the one before it, decided by structure first:

1. a printed number that fits the sequence ("12." alone on its line or inline;
   a restart at 1 after a finished clause opens a new numbered part), a draft
   label ("OP3 bis") or a sub-item label in sequence ("(c)") starts one;
2. a line after an unfinished clause, or starting in lower case, continues;
3. after a finished clause, the layout decides: a blank line where blank lines
   separate paragraphs, a deeper indent where first lines are indented, a new
   line where each paragraph is one line, a short previous line where lines
   are hard-wrapped;
4. where the layout gives no evidence (a page break, wrapped text with a full
   previous line), the opening words decide, as a tie-breaker: a preambular
   phrase ("Recalling", "Deeply concerned") or an operative verb ("Requests").

Unnumbered paragraphs after an operative paragraph ending in ":" are its
sub-items; a short unpunctuated line before a numbered paragraph is a heading;
"Annex" lines start an annex with its own numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resdiff.model import Layout, Paragraph, Section, Subitem
from resdiff.normalize import normalise, repair_spacing, strip_emphasis
from resdiff.parse.clauses import (
    ends_clause,
    opens_operative_clause,
    starts_operative,
    starts_preamble,
)
from resdiff.parse.lines import Line, opens_in_lower_case
from resdiff.parse.patterns import (
    ANNEX_RE,
    DRAFT_LABEL_RE,
    NUMBER_ALONE_RE,
    NUMBERED_RE,
    SUBITEM_ALONE_RE,
    SUBITEM_RE,
    SYMBOL_RE,
)
from resdiff.vocabulary import STATUS_LINE_RE

_BARE_NUMBER_RE = re.compile(r"^(\d{1,5})\s+([*_]{0,2}[A-Z].*)$")
_LONE_NUMBER_RE = re.compile(r"^[*_]{0,2}(\d{1,3})[*_]{0,2}$")
_FUNCTION_WORDS = frozenset(
    "a an and as at by for from in into of on or the to with which that whose".split()
)
_HEADING_LINES = 5  # a heading runs over at most four lines before its paragraph
_SHORT_LINE = 0.8  # a line shorter than this share of the wrap width ends its paragraph


@dataclass(slots=True)
class _Block:
    section: Section
    text: str
    line: int
    number: str | None = None
    heading: str | None = None
    subitems: list[Subitem] = field(default_factory=list)
    list_mode: bool = False  # the lead ended with ':' and unlabelled items follow
    label: str | None = None  # from a draft label: "OP3bis"
    draft_label: str | None = None  # the draft label as printed: "OP3 bis"
    part: int = 1  # numbered parts: the count of numbering restarts, plus one
    annex: int = 0  # the annex it belongs to (1, 2 ...), 0 outside annexes
    more: list[str] = field(default_factory=list)  # continuation lines
    last_line: Line | None = None  # the last source line added
    widest: int = 0  # the longest of its lines before the last: its own wrap width

    def took(self, line: Line) -> None:
        """Record ``line`` as the last line added."""
        if self.last_line is not None:
            self.widest = max(self.widest, len(self.last_line.text))
        self.last_line = line

    def last_text(self) -> str:
        """The end of the text being built (the last sub-item's, if any), for checks."""
        target = self._last_subitem()
        if target is not None:
            return target.text
        return join_lines([self.text, *self.more[-2:]]) if self.more else self.text

    def full_text(self) -> str:
        """The paragraph's own text, its continuation lines joined."""
        return join_lines([self.text, *self.more]) if self.more else self.text

    def append(self, text: str) -> None:
        """Add a continuation line (kept apart, so a long paragraph is joined once)."""
        target = self._last_subitem()
        if target is not None:
            target.text = join_lines([target.text, text])
        else:
            self.more.append(text)

    def _last_subitem(self) -> Subitem | None:
        if not self.subitems:
            return None
        item = self.subitems[-1]
        while item.subitems:
            item = item.subitems[-1]
        return item


def join_lines(lines: list[str]) -> str:
    """Join a paragraph's lines with spaces; a compound split at a line end keeps its hyphen.

    >>> join_lines(["post-", "conflict and troop-", "and police-contributing"])
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
# "Seized of", "Mindful that", "Convinced to": a word and the preposition a clause opens with
_OPENING_PAIR_RE = re.compile(
    r"[*_]{0,2}[A-Z][a-z\-’']+[*_]{0,2}\s+(?:of|that|to|by|at|about|with|upon|in|on|for)\s"
)
_CONJUNCTION_END_RE = re.compile(r"[,;]\s+(?:and|or)$")  # "...; and": more follows
# After a finished preambular clause, a participle and what such a clause goes on with
# opens the next one, listed phrase or not ("Disappointed at", "Being gravely concerned");
# "United" is the start of a name.
_PARTICIPLE_OPENING_RE = re.compile(
    r"[*_]{0,2}(?!United\b)[A-Z][a-z]+(?:ed|ing)[*_]{0,2}\s+"
    r"(?:at|by|of|that|to|about|with|upon|over|gravely|deeply|seriously|further|also)\b"
)


_MISREAD_ONE_RE = re.compile(r"^(?:1,|[lLI]\.)\s+(?=\S)")


def repair_misread_one(lines: list[Line]) -> list[Line]:
    """Read "1, Reaffirms" or "L. Strongly condemns" (a scanned "1.") as "1." when it
    opens an operative clause and the numbers printed after it run 2, 3 ..."""
    numbers = [int(m.group(1)) for line in lines if (m := NUMBERED_RE.match(line.text))]
    if not numbers or numbers[0] != 2:
        return lines
    for index, line in enumerate(lines):
        misread = _MISREAD_ONE_RE.match(line.text)
        if misread and opens_operative_clause(line.text[misread.end() :]):
            text = "1. " + line.text[misread.end() :]
            fixed = Line(
                line.number, text, line.indent, line.blank_before, line.page_break_before, line.page
            )
            return [*lines[:index], fixed, *lines[index + 1 :]]
        if NUMBERED_RE.match(line.text):
            break
    return lines


def join_labels_alone(lines: list[Line], *, lone_numbers: bool) -> list[Line]:
    """Put a number or sub-item label that stands alone on its line ("12.", "(a)") in
    front of the text on the next line. With ``lone_numbers``, a bare "12" counts too."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        number = NUMBER_ALONE_RE.match(line.text) or (
            _LONE_NUMBER_RE.match(line.text) if lone_numbers else None
        )
        alone = number or SUBITEM_ALONE_RE.match(line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            alone
            and (number is None or _may_open_paragraph(line, out))
            and following is not None
            and not _starts_structure(following.text)
        ):
            label = line.text.strip("*_")
            if label.isdigit():
                label += "."
            text, used = _text_after_label(lines, index + 1)
            out.append(
                Line(
                    line.number,
                    f"{label} {text}",
                    line.indent,
                    line.blank_before,
                    line.page_break_before,
                    line.page,
                )
            )
            index += 1 + used
            continue
        out.append(line)
        index += 1
    return out


def _text_after_label(lines: list[Line], index: int) -> tuple[str, int]:
    """The text that a label alone on its line introduces, and how many lines it took.

    A paragraph never starts in lower case: when the line after the label is a short
    lower-case ending ("session.") and the next one opens the paragraph, an extractor
    printed the last line of a justified paragraph first; the two are put back in order.
    """
    first = lines[index].text
    after = lines[index + 1] if index + 1 < len(lines) else None
    stray_ending = first[:1].islower() and len(first.split()) <= 4 and ends_clause(first)
    if not stray_ending or after is None or not after.text[:1].isupper():
        return first, 1
    if ends_clause(after.text) or _starts_structure(after.text):
        return first, 1
    return f"{after.text} {first}", 2


def _may_open_paragraph(line: Line, before: list[Line]) -> bool:
    """A number alone on its line opens a paragraph after a finished clause or a blank
    line; after "... operations by" it is text ("2020.")."""
    if not before or ends_clause(before[-1].text):
        return True
    return line.blank_before and len(line.text.strip("*_.")) <= 3


def _starts_structure(text: str) -> bool:
    return bool(
        NUMBER_ALONE_RE.match(text)
        or NUMBERED_RE.match(text)
        or SUBITEM_ALONE_RE.match(text)
        or ANNEX_RE.match(text)
    )


class BlockBuilder:
    """Assemble body lines into paragraphs, deciding at each line: new or continued."""

    def __init__(self, layout: Layout, running_title: str | None = None) -> None:
        self.layout = layout
        self.blocks: list[_Block] = []
        self.pending_heading: list[str] = []
        self.last_operative = 0
        self.part = 1
        self.annex = 0
        self.section: Section = "preamble"
        self.running_title = running_title
        self.draft_mode = False  # paragraphs carry draft labels ("PP1", "OP3 bis")
        self.numbered_document = False  # some paragraph carries a printed number

    # ---- feeding lines

    def feed(self, lines: list[Line], section: Section) -> None:
        """Consume the lines of the body (section 'preamble') or of the annexes ('annex')."""
        self.section = section
        self.numbered_document = self.numbered_document or any(
            NUMBERED_RE.match(line.text) for line in lines
        )
        for index, line in enumerate(lines):
            self._feed_line(line, lines[index + 1 : index + 1 + _HEADING_LINES])
        self._flush_heading_into_text()

    def _feed_line(self, line: Line, following: list[Line]) -> None:
        text = line.text
        if SYMBOL_RE.fullmatch(text) or self._is_running_title(text):
            return  # the symbol or the title repeated as a running header
        if self.section == "annex" and ANNEX_RE.match(text):
            self._start_annex(text)
            return
        pieces = self._split_run_in(text)
        for index, piece in enumerate(pieces):
            if 0 < index < len(pieces) - 1 and not NUMBERED_RE.match(piece):
                self.pending_heading.append(piece)  # a heading run in before a number
                continue
            self._place(piece, line, following, run_in=index > 0)

    def _place(self, text: str, line: Line, following: list[Line], *, run_in: bool) -> None:
        current = self.blocks[-1] if self.blocks else None
        if current is not None and current.annex != self.annex:
            current = None  # an annex starts afresh
        draft = DRAFT_LABEL_RE.match(text)
        if draft:
            self._start_draft(draft, text, line)
            return
        if self.draft_mode and current is not None:
            self._place_in_draft(text, following, current)
            return
        numbered = NUMBERED_RE.match(text) or self._bare_number(text)
        if numbered and current is not None and self._inner_item(int(numbered.group(1)), current):
            self._add_subitem(current, "", numbered.group(2), line, number=numbered.group(1))
            return
        if numbered and self._accepts_number(int(numbered.group(1)), current, run_in):
            self._start_operative(int(numbered.group(1)), numbered.group(2), line)
            return
        alone = NUMBER_ALONE_RE.match(text)
        if alone and self._accepts_number(int(alone.group(1)), current, run_in):
            self._start_operative(int(alone.group(1)), "", line)  # a number without text
            return
        sub = SUBITEM_RE.match(text)
        if sub and current is not None and self._accepts_subitem(sub.group(1), current, line):
            self._add_subitem(current, sub.group(1), sub.group(2), line)
            return
        if current is None:
            annex_title = self._annex_title_pending(line) and _heading_shaped(text, words=25)
            if annex_title or (
                self.pending_heading and self._is_heading(text, line, following, carries_on=True)
            ):
                self.pending_heading.append(strip_emphasis(text).strip())  # an annex's title
                return
            self._start_unnumbered(text, line)
            return
        self._place_unlabelled(text, line, following, current)

    def _place_unlabelled(
        self, text: str, line: Line, following: list[Line], current: _Block
    ) -> None:
        """A line without a number or label: a new paragraph, a sub-item, a heading or more."""
        if self.pending_heading and self._is_heading(text, line, following, carries_on=True):
            self.pending_heading.append(strip_emphasis(text).strip())
            return
        last = current.last_text()
        ended = (ends_clause(last, current.section) and not _CONJUNCTION_END_RE.search(last)) or (
            self._ended_by_layout(text, line, current)
        )
        if not ended or text[:1].islower() or text[:1].isdigit() or text[:1] in "(,;.":
            self._append(current, text, line)
            return
        if self._is_heading(text, line, following):
            self.pending_heading.append(strip_emphasis(text).strip())
            return
        if current.list_mode and self._wrapped_at_colon(line, current):
            self._append(current, text, line)  # "... Report 2024:" / "Accelerating the ..."
            return
        after_colon = current.list_mode and self._list_follows(current)
        if not after_colon and not self._starts_paragraph(text, line, current):
            self._append(current, text, line)
            return
        if current.subitems and current.subitems[-1].text.endswith(":"):
            current.subitems[-1].subitems.append(Subitem(label="", text=text))
            current.took(line)
            return
        if current.list_mode and self._item_of_list(text, current):
            current.subitems.append(Subitem(label="", text=text))
            current.took(line)
            return
        self._start_unnumbered(text, line)

    def _append(self, current: _Block, text: str, line: Line) -> None:
        current.append(text)
        current.took(line)
        if current.last_text().endswith(":") and not current.subitems:
            current.list_mode = True

    # ---- decisions

    def _starts_paragraph(self, text: str, line: Line, current: _Block) -> bool:
        """After a finished clause: does ``line`` open a new paragraph? Layout first."""
        evidence = self._layout_says(line, current)
        if evidence is not None:
            return evidence
        if current.section == "preamble" and self.last_operative == 0:
            return (
                starts_preamble(text)
                or opens_operative_clause(text)
                or bool(_PARTICIPLE_OPENING_RE.match(text))
            )
        return starts_operative(text) or opens_operative_clause(text)

    def _list_follows(self, current: _Block) -> bool:
        """An operative lead that ends with ':' at the end of a line cut short ("... the
        statute of the Tribunal:") opens a list even without a blank line; a colon at the
        end of a full line is inside a sentence ("entitled A Multi-Billion-Dollar
        Opportunity:" / "Repurposing ...")."""
        if current.section == "preamble" or not current.last_text().endswith(":"):
            return False
        previous = current.last_line
        width = self.layout.width_at(previous.indent) if previous is not None else 0
        return previous is None or not width or len(previous.text) < _SHORT_LINE * width

    def _wrapped_at_colon(self, line: Line, current: _Block) -> bool:
        """In hard-wrapped text without blank lines, a line ending in ':' that the first
        word of ``line`` would not have fitted on was cut by the wrap, not by a list: the
        colon is inside a sentence (a title "Report 2024: Accelerating ...")."""
        layout, previous = self.layout, current.last_line
        if not layout.wrapped or layout.blank_lines or line.blank_before or previous is None:
            return False
        if not current.last_text().endswith(":"):
            return False
        width = current.widest or layout.width_at(previous.indent)
        first_word = line.text.split(maxsplit=1)[0]
        return bool(width) and len(previous.text) + 1 + len(first_word) > width

    def _ended_by_layout(self, text: str, line: Line, current: _Block) -> bool:
        """A paragraph that lost its final mark (it ends with a quotation or a word) still
        ends where blank lines separate paragraphs and a clear opening follows one; an
        unlabelled item of a list ("Panel 1: ...") ends at a blank line."""
        if not (self.layout.blank_lines and line.blank_before) or line.page_break_before:
            return False
        if _in_unlabelled_item(current) and text[:1].isupper():
            return True
        last = current.last_text().rstrip(" *_")
        last_word = last.rsplit(None, 1)[-1].lower() if last else ""
        open_end = last_word in _FUNCTION_WORDS or not (last[-1:].isalnum() or last[-1:] in '”’")')
        return not open_end and _clear_opening(text)

    def _layout_says(self, line: Line, current: _Block) -> bool | None:
        """What the measured layout says about a boundary before ``line``, or None."""
        layout = self.layout
        if layout.indented_starts:
            return layout.deeper(line.indent, line.page)
        if line.page_break_before:
            return None  # a page break says nothing: the paragraph may run on
        if layout.blank_lines:
            if line.blank_before:
                return True
            # a clear opening phrase after a finished clause outweighs one missing blank line
            return None if _clear_opening(line.text) else False
        if not layout.wrapped:
            return True  # one paragraph per line
        previous = current.last_line
        if previous is None:
            return None
        # a paragraph's own lines tell its wrap width best (texts mix widths)
        width = current.widest or layout.width_at(previous.indent)
        if len(previous.text) >= _SHORT_LINE * width:
            return None
        first_word = line.text.split(maxsplit=1)[0]
        # the next word would have fitted on the line: the line ended by choice, if what
        # follows opens like a clause ("Seized of", not "Human Rights Council")
        fitted = len(previous.text) + 1 + len(first_word) <= _SHORT_LINE * width
        return True if fitted and _opens_clause(line.text) else None

    def _accepts_number(self, number: int, current: _Block | None, run_in: bool) -> bool:
        if run_in:
            return number == self.last_operative + 1
        if number == self.last_operative + 1:
            return True
        if current is None or not ends_clause(current.last_text()):
            return False
        if number == 1 and self.last_operative >= 1:
            self.part += 1  # numbering restarts: a new part, never glued to the last
            return True
        # a gap or a repeated number is a numbering error, still a paragraph
        return (self.last_operative > 0 and 0 < number - self.last_operative <= 3) or (
            number == self.last_operative and number > 0
        )

    def _inner_item(self, number: int, current: _Block) -> bool:
        """A number of a list inside ``current`` rather than the next paragraph's."""
        return number != self.last_operative + 1 and _in_inner_list(number, current)

    def _accepts_subitem(self, label: str, current: _Block, line: Line) -> bool:
        """A sub-item label after a finished clause, in sequence or close to it (a skipped
        or repeated label is a numbering error, still a sub-item); a first label other
        than (a) or (i) only after a lead ending in ':'. After an unfinished clause, only
        the very next label set apart by a blank line where blank lines separate
        paragraphs (the item before lost its final mark)."""
        if not ends_clause(current.last_text()):
            set_apart = self.layout.blank_lines and line.blank_before
            return set_apart and label in _next_labels(current) and bool(current.subitems)
        if not any(s.label.startswith("(") for s in current.subitems):
            return label in ("a", "i") or current.list_mode
        return _near_sequence(label, current)

    def _item_of_list(self, text: str, current: _Block) -> bool:
        """In a list opened by ':', an unlabelled paragraph is an item unless it opens a
        paragraph of its own kind (a preambular phrase in the preamble; an operative
        verb where paragraphs are not numbered)."""
        if current.section == "preamble":
            return not starts_preamble(text, strict=True)
        return self.numbered_document or not opens_operative_clause(text)

    def _bare_number(self, text: str) -> re.Match[str] | None:
        """A printed number that lost its period ("11 Condemns"): only the next number,
        before an operative verb."""
        match = _BARE_NUMBER_RE.match(text)
        if match is None or not self.last_operative:
            return None
        in_sequence = int(match.group(1)) == self.last_operative + 1
        return match if in_sequence and starts_operative(match.group(2)) else None

    def _is_heading(
        self, text: str, line: Line, following: list[Line], *, carries_on: bool = False
    ) -> bool:
        """A short line in a run of at most four such lines right before a numbered
        paragraph ("Arms embargo"; "V" / "Group of Independent Eminent Experts on the" /
        "Implementation ..."), or a short one before a clear preambular opening. Only the
        last line of a run must be unpunctuated: a long heading may break after a comma."""
        if self.last_operative == 0 and starts_preamble(text, strict=True):
            return False
        run = [text]
        for after in following[: _HEADING_LINES - 1]:
            if _starts_numbered(after.text) or DRAFT_LABEL_RE.match(after.text):
                return _heading_run(run, first=not carries_on, before_number=True)
            short_in_preamble = self.last_operative == 0 and len(text.split()) <= 10
            if len(run) == 1 and short_in_preamble and starts_preamble(after.text, strict=True):
                return _heading_run(run, first=not carries_on, before_number=False)
            run.append(after.text)
        return False

    # ---- building

    def _start_operative(self, number: int, text: str, line: Line) -> None:
        section: Section = "annex" if self.section == "annex" else "operative"
        self.last_operative = number
        block = _Block(section, text.strip(), line.number, number=str(number))
        self._push(block, line)

    def _annex_title_pending(self, line: Line) -> bool:
        """An "Annex" line is waiting, alone or with the first lines of the title after it:
        a short line right after it (or carrying the title on) is the annex's title."""
        if not self.pending_heading or not ANNEX_RE.match(self.pending_heading[0]):
            return False
        return len(self.pending_heading) == 1 or not (line.blank_before or line.page_break_before)

    def _start_annex(self, text: str) -> None:
        self._flush_heading_into_text()
        self.annex += 1
        self.last_operative = 0
        self.part = 1
        self.pending_heading = [strip_emphasis(text).strip()]

    def _start_draft(self, label: re.Match[str], text: str, line: Line) -> None:
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

    def _place_in_draft(self, text: str, following: list[Line], current: _Block) -> None:
        """In a draft every paragraph has a label: a line without one is a sub-item, a
        heading before a labelled line, or more of the paragraph (a status tag too)."""
        sub = SUBITEM_RE.match(text)
        if sub and ends_clause(current.last_text()):
            self._add_subitem(current, sub.group(1), sub.group(2), None)
            return
        ended = ends_clause(current.last_text(), current.section)
        if ended and not STATUS_LINE_RE.match(text) and _heading_shaped(text):
            nxt = following[0].text if following else ""
            if DRAFT_LABEL_RE.match(nxt) or _starts_numbered(nxt):
                self.pending_heading.append(strip_emphasis(text).strip())
                return
        current.append(text)

    def _start_unnumbered(self, text: str, line: Line) -> None:
        section: Section = self.section
        if section == "preamble" and (self.last_operative > 0 or self._operative_unnumbered(text)):
            section = "operative"
        self._push(_Block(section, text, line.number), line)

    def _operative_unnumbered(self, text: str) -> bool:
        """An unnumbered paragraph opening with an operative verb ("Requests ...") in a
        text whose paragraphs are not numbered starts the operative part."""
        if self.numbered_document:
            return bool(self.blocks) and self.blocks[-1].section == "operative"
        if self.blocks and self.blocks[-1].section == "operative":
            return True
        return opens_operative_clause(text)

    def _push(self, block: _Block, line: Line) -> None:
        block.last_line = line
        block.part = self.part
        block.annex = self.annex
        if self.pending_heading:
            block.heading = join_lines(self.pending_heading)
            self.pending_heading = []
        if block.text.endswith(":"):
            block.list_mode = True
        self.blocks.append(block)

    def _add_subitem(
        self, block: _Block, label: str, text: str, line: Line | None, *, number: str = ""
    ) -> None:
        item = Subitem(label=f"{number}." if number else f"({label})", text=text.strip())
        top = [s for s in block.subitems if s.label]
        if top and _is_nested_roman(label, top[-1]):
            top[-1].subitems.append(item)
        else:
            block.subitems.append(item)
        if line is not None:
            block.took(line)

    def _flush_heading_into_text(self) -> None:
        if self.pending_heading and self.blocks:
            self.blocks[-1].append(" ".join(self.pending_heading))
        self.pending_heading = []

    def _is_running_title(self, text: str) -> bool:
        title = self.running_title
        if title is None or abs(len(text) - len(title)) > len(title) // 2:
            return False
        if opens_in_lower_case(text):
            return False
        return normalise(text) == title

    # ---- run-in paragraphs: "...; 13. *Welcomes* ..."

    def _split_run_in(self, text: str) -> list[str]:
        """Cut "...; 13. *Welcomes* ..." (or "...; Reporting 36. Calls ...") into pieces.

        A number cuts only when it is the next one expected, so "paragraph 9. above"
        or a list "1. ... 2. ..." inside a paragraph stays whole.
        """
        numbered = NUMBERED_RE.match(text)
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
        counters: dict[tuple[str, int], int] = {}
        used: set[str] = set()
        several_annexes = self.annex > 1
        for block in self.blocks:
            key = (block.section, block.annex)  # unnumbered annex paragraphs count per annex
            counters[key] = counters.get(key, 0) + 1
            label = _label(block, counters[key], used, several_annexes)
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


def _label(block: _Block, ordinal: int, used: set[str], several_annexes: bool) -> str:
    prefix = _PREFIX[block.section]
    if block.section == "annex" and several_annexes:
        prefix = f"AX{block.annex}."
    if block.label:
        base = block.label
    elif block.section == "preamble" or block.number:
        base = f"{prefix}{block.number or ordinal}"
    else:  # an unnumbered operative or annex paragraph: named by its position
        base = f"{prefix}#{ordinal}"
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
_LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [
    f"{c}{c}" for c in "abcdefghijklmnopqrstuvwxyz"
]


def _near_sequence(label: str, block: _Block) -> bool:
    """``label`` is the next sub-item label, or at most two places off it."""
    expected = _next_labels(block)
    if not expected or label in expected:
        return True
    for order in (_LETTERS, _ROMAN_ORDER):
        if label in order:
            place = order.index(label)
            if any(e in order and abs(place - order.index(e)) <= 2 for e in expected):
                return True
    return False


def _next_labels(block: _Block) -> set[str]:
    """The sub-item labels that may come next in ``block`` (empty: any may)."""
    top = [s.label.strip("()") for s in block.subitems if s.label]
    if not top:
        return {"a", "i"}
    last = top[-1]
    expected = set()
    if last in _LETTERS and _LETTERS.index(last) + 1 < len(_LETTERS):
        expected.add(_LETTERS[_LETTERS.index(last) + 1])
    if last in _ROMAN_ORDER and _ROMAN_ORDER.index(last) + 1 < len(_ROMAN_ORDER):
        expected.add(_ROMAN_ORDER[_ROMAN_ORDER.index(last) + 1])
    nested = [s.label.strip("()") for s in block.subitems[-1].subitems]
    if nested and nested[-1] in _ROMAN_ORDER:
        position = _ROMAN_ORDER.index(nested[-1])
        if position + 1 < len(_ROMAN_ORDER):
            expected.add(_ROMAN_ORDER[position + 1])
    elif last in _LETTERS:
        expected.add("i")  # a nested list opens
    return expected


def _is_nested_roman(label: str, previous: Subitem) -> bool:
    if label not in _ROMAN_ORDER:
        return False
    if label == "i":
        return previous.label != "(h)"
    nested = [s.label.strip("()") for s in previous.subitems]
    index = _ROMAN_ORDER.index(label)
    return bool(nested) and nested[-1] == _ROMAN_ORDER[index - 1]


def _in_unlabelled_item(block: _Block) -> bool:
    """The text being built is an unlabelled item of a list (after a lead ending in ':')."""
    if not block.subitems:
        return False
    item = block.subitems[-1]
    return item.label == "" or (bool(item.subitems) and item.subitems[-1].label == "")


def _in_inner_list(number: int, block: _Block) -> bool:
    """A numbered list inside a paragraph: "1." after a lead ending in ':', then 2, 3 ..."""
    numbered = [s.label[:-1] for s in block.subitems if s.label.endswith(".")]
    if not numbered:
        return block.last_text().endswith(":")  # "1.", or a quoted "4." after its lead
    return numbered[-1].isdigit() and number == int(numbered[-1]) + 1


def _opens_clause(text: str) -> bool:
    """``text`` opens like a clause: a preambular phrase, an operative verb, or a word and
    the preposition clauses open with ("Seized of"); not a name ("Bangkok and")."""
    return bool(
        starts_preamble(text) or opens_operative_clause(text) or _OPENING_PAIR_RE.match(text)
    )


def _clear_opening(text: str) -> bool:
    return starts_preamble(text, strict=True) or opens_operative_clause(text)


def _starts_numbered(text: str) -> bool:
    return bool(NUMBERED_RE.match(text) or NUMBER_ALONE_RE.match(text))


def _heading_shaped(text: str, *, first: bool = True, words: int = 16) -> bool:
    """Short, unpunctuated and, unless it carries on a heading, capitalised."""
    plain = strip_emphasis(text).strip()
    capital = plain[:1].isupper() or not first
    return 0 < len(plain.split()) <= words and not ends_clause(plain) and capital


def _heading_run(run: list[str], *, first: bool, before_number: bool) -> bool:
    """``run`` (one to four lines) reads as a heading: short lines, capitalised at the
    start, with no final mark on the last one (an inner line may end with a comma);
    the line right before a number may be longer, as a reader joins a heading's lines."""
    for position, text in enumerate(run):
        last = position == len(run) - 1
        limit = 25 if last and before_number else 16
        plain = strip_emphasis(text).strip()
        shaped = _heading_shaped(plain, first=first and position == 0, words=limit)
        if not shaped and not (not last and plain.endswith(",") and len(plain.split()) <= limit):
            return False
    return True
