"""The normalised text of an archived version: markdown a person can read.

``text.md`` is written from the parsed Document, never from the raw file, so
that two versions that differ only in line wrapping, page furniture or marker
style have the same text and ``git diff`` between versions shows clause
changes only. It reads back through ``resdiff.parse`` to the same paragraphs:

- YAML front matter (``symbol``, ``title``, ``date``, ``body``; values as
  JSON strings, which YAML also reads);
- the title as a ``#`` heading, then the opening line ("The Security Council,");
- one paragraph per line with a blank line between; operative paragraphs keep
  their printed number, sub-items are indented one step per level, headings
  stand on their own line, an annex starts after an ``Annex`` line;
- footnote markers as ``[^n]`` and the footnote bodies as ``[^n]: ...`` at the end;
- the meeting line and the vote record last.
"""

from __future__ import annotations

import json
import re

from resdiff.model import Document, Paragraph, Subitem, Vote
from resdiff.normalize import SUPERSCRIPT_DIGITS, from_superscript

FRONT_MATTER_KEYS = ("symbol", "title", "date", "body")
_MARKER_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")


def document_markdown(document: Document) -> str:
    """The normalised markdown text of ``document``."""
    lines = ["---"]
    for key in FRONT_MATTER_KEYS:
        value = getattr(document, key)
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines += ["---", ""]
    if document.title:
        lines += [f"# {document.title}", ""]
    if document.opening:
        lines += [document.opening, ""]
    in_annex = False
    for paragraph in document.paragraphs:
        if paragraph.section == "annex" and not in_annex:
            lines += ["Annex", ""]
            in_annex = True
        lines.extend(_paragraph_lines(paragraph))
    if document.meeting:
        lines += [document.meeting, ""]
    if document.vote:
        lines.extend(_vote_lines(document.vote))
    for note in document.footnotes:
        lines += [f"[^{note.marker}]: {note.text}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def front_matter(text: str) -> dict[str, str]:
    """The front matter written by ``document_markdown`` (values decoded); {} if there is none.

    >>> front_matter('---\\nsymbol: "S/2019/90"\\n---\\n\\nThe Security Council,\\n')
    {'symbol': 'S/2019/90'}
    """
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return {}
    values: dict[str, str] = {}
    for line in lines[1:]:
        if line == "---":
            return values
        key, sep, value = line.partition(": ")
        try:
            decoded = json.loads(value) if sep else None
        except ValueError:
            decoded = None
        if isinstance(decoded, str):
            values[key] = decoded
    return {}


def body_text(text: str) -> str:
    """``text`` without its front matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end != -1:
            return text[end + 5 :]
    return text


def _markers(text: str) -> str:
    return _MARKER_RE.sub(lambda m: f"[^{from_superscript(m.group(0))}]", text)


def _paragraph_lines(paragraph: Paragraph) -> list[str]:
    lines = []
    if paragraph.heading:
        lines += [paragraph.heading, ""]
    number = f"{paragraph.number}. " if paragraph.number else ""
    lines += [number + _markers(paragraph.text), ""]
    lines.extend(_subitem_lines(paragraph.subitems, 1))
    return lines


def _subitem_lines(items: list[Subitem], depth: int) -> list[str]:
    lines = []
    for item in items:
        lines += ["    " * depth + f"{item.label} {_markers(item.text)}".strip(), ""]
        lines.extend(_subitem_lines(item.subitems, depth + 1))
    return lines


def _vote_lines(vote: Vote) -> list[str]:
    lines = [vote.adoption, ""]
    for name, countries in (
        ("In favour", vote.in_favour_countries),
        ("Against", vote.against_countries),
        ("Abstaining", vote.abstaining_countries),
    ):
        if countries:
            lines += [f"{name}: {', '.join(countries)}", ""]
    return lines
