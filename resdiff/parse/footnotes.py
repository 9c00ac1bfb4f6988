"""Pass 4: footnote markers rewritten as superscripts, and footnote bodies attached."""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.model import Document, Footnote, Subitem
from resdiff.normalize import SUPERSCRIPT_DIGITS, from_superscript, to_superscript

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
_SUPERSCRIPT_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]")
_SYMBOL_PART_BEFORE = re.compile(r"(?:\b[A-Z]{1,6}|Rev|Add|Corr|Amend|No|vol|para|chap|sect)\.$")


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
        if not bodies:
            continue  # nothing to attach
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
        if self.expected is None and "[^" not in text and _SUPERSCRIPT_RE.search(text) is None:
            return text  # plain digits are never markers now, and there is no other kind
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
