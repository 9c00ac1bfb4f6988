"""Plain-text view of a parsed Document, for ``resdiff parse``."""

from __future__ import annotations

import textwrap

from resdiff.model import Document, Subitem
from resdiff.renderers.common import fit
from resdiff.safety import visible


def document_text(document: Document, width: int = 80) -> str:
    """Header fields, then one labelled block per paragraph (wrapped to ``width``), then
    footnotes, meeting and vote."""
    lines = []
    for name in ("symbol", "body", "title", "date"):
        value = getattr(document, name)
        if value:
            lines.append(f"{name}: {visible(value)}")
    counts = f"{len(document.preamble)} preambular, {len(document.operative)} operative"
    annex = len(document.paragraphs) - len(document.preamble) - len(document.operative)
    lines.append(f"paragraphs: {counts}" + (f", {annex} annex" if annex else ""))
    lines.append("")
    for paragraph in document.paragraphs:
        if paragraph.heading:
            lines.append(f"## {visible(paragraph.heading)}")
        lines.extend(_wrap(f"{paragraph.label:<6} ", visible(paragraph.text), width))
        lines.extend(_subitem_lines(paragraph.subitems, 7, width))
    if document.footnotes:
        lines.append("")
        lines.extend(f"[{n.marker}] {visible(n.text)}" for n in document.footnotes)
    if document.meeting:
        lines += ["", f"meeting: {visible(document.meeting)}"]
    if document.vote:
        lines.extend(_vote_lines(document))
    return "\n".join(piece for line in lines for piece in fit(line, width, "    ")) + "\n"


def _wrap(prefix: str, text: str, width: int) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=prefix,
        subsequent_indent=" " * len(prefix),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [prefix.rstrip()]


def _subitem_lines(items: list[Subitem], indent: int, width: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines.extend(_wrap(" " * indent + f"{item.label or '-'} ", visible(item.text), width))
        lines.extend(_subitem_lines(item.subitems, indent + 4, width))
    return lines


def _vote_lines(document: Document) -> list[str]:
    vote = document.vote
    assert vote is not None
    lines = ["", f"vote: {visible(vote.adoption)}"]
    for name, count, countries in (
        ("in favour", vote.in_favour, vote.in_favour_countries),
        ("against", vote.against, vote.against_countries),
        ("abstaining", vote.abstaining, vote.abstaining_countries),
    ):
        if count is not None or countries:
            lines.append(
                f"  {name}: {count if count is not None else len(countries)}"
                + (f" ({visible(', '.join(countries))})" if countries else "")
            )
    return lines
