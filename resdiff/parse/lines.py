"""Pass 1: the text as measured lines.

Every non-blank line is kept with what later passes read from its layout: its
indentation, whether a blank line or a page break (a form feed) came before
it. YAML front matter and markdown footnote definitions (``[^3]: ...``) are
taken out here; nothing else is dropped, so later passes decide what is page
furniture or a footnote from evidence gathered over the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.model import Footnote

_MD_FOOTNOTE_RE = re.compile(r"^\[\^(\d{1,3})\]:\s*(.*)$")


@dataclass(slots=True)
class Line:
    """One non-blank line of the source, stripped, with its layout."""

    number: int  # 1-based line in the source
    text: str
    indent: int = 0  # leading columns (tabs count as 8)
    blank_before: bool = False  # a blank line came right before it
    page_break_before: bool = False  # a form feed or removed page furniture came before it
    page: int = 0  # 0-based page, counted from page breaks


@dataclass(slots=True)
class SourceLines:
    """The lines of a text with its front matter and markdown footnotes taken out."""

    lines: list[Line]
    footnotes: list[Footnote]
    front_matter: dict[str, str]

    @classmethod
    def from_text(cls, text: str) -> SourceLines:
        """Measure ``text`` line by line (any line ending; form feeds mark pages)."""
        raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        start, front_matter = _front_matter(raw_lines)
        lines: list[Line] = []
        footnotes: list[Footnote] = []
        blank = page_break = False
        open_note: Footnote | None = None
        for index in range(start, len(raw_lines)):
            original = raw_lines[index]
            if "\f" in original:
                page_break = True
                original = original.replace("\f", "")
            stripped = original.strip().lstrip("\ufeff").strip()
            if not stripped:
                blank = True
                continue
            definition = _MD_FOOTNOTE_RE.match(stripped)
            if definition:
                open_note = Footnote(definition.group(1), definition.group(2).strip())
                footnotes.append(open_note)
                blank = False
                continue
            if open_note is not None and original[:1].isspace() and not blank:
                open_note.text = f"{open_note.text} {stripped}".strip()
                continue
            open_note = None
            if "\t" in original:
                original = original.expandtabs(8)
            indent = len(original) - len(original.lstrip())
            lines.append(Line(index + 1, stripped, indent, blank, page_break))
            blank = page_break = False
        return cls(lines, footnotes, front_matter)


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


def number_pages(lines: list[Line]) -> int:
    """Give every line its page from the page breaks before it; return the page count."""
    page = 0
    for line in lines:
        if line.page_break_before:
            page += 1
        line.page = page
    return page + 1


def opens_in_lower_case(text: str) -> bool:
    """True when the first letter of ``text`` is a small letter ("financing of the ..."):
    a wrapped line of a sentence, never a running header, which prints the title as it is."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.islower()
