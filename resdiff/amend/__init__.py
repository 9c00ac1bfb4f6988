"""Amendments: read amendment documents, apply them to the draft they amend, and say which
of them an adopted text reflects.

>>> from resdiff.amend import read_amendment, apply_amendments, reflected

``read_amendment(path)`` gives an ``Amendment`` (symbol, sponsors, the draft it
amends, its instructions as operations); ``apply_amendments(draft, [a, ...])``
an ``Application`` (the amended Document, each instruction's status, and the
comparison draft -> amended draft with the instructions behind each change);
``reflected(application, adopted)`` says for each instruction whether the
adopted text reflects it.

Paragraph numbers in instructions always refer to the draft as tabled: a
paragraph inserted or deleted by an earlier instruction (of the same
amendment or of an earlier one) does not shift the numbers that later
instructions give, and quoted words are looked for in the draft's own text
first.
"""

from __future__ import annotations

import os
import re

from resdiff.amend.grammar import read_instruction
from resdiff.amend.model import Amendment, Application, InstructionVerdict
from resdiff.amend.reader import is_amendment, read_raw, read_text
from resdiff.model import Document
from resdiff.readers import RawDocument

__all__ = [
    "Amendment",
    "Application",
    "InstructionVerdict",
    "amendment_from_text",
    "apply_amendments",
    "is_amendment",
    "read_amendment",
    "reflected",
]


def read_amendment(source: str | os.PathLike[str] | RawDocument) -> Amendment:
    """Read an amendment document (a path in any format resdiff reads, or a RawDocument)."""
    raw = read_raw(source)
    return amendment_from_text(raw.text, raw.path)


def amendment_from_text(text: str, path: str = "") -> Amendment:
    """Read an amendment from its text; ``path`` names it in messages and gives a symbol
    when the masthead has none."""
    found = read_text(text, path)
    instructions = []
    for item in found.instructions:
        blocks = [clean_markers(block, found.footnote_markers) for block in item.blocks]
        instructions.append(read_instruction(item.number, blocks))
    return Amendment(
        symbol=found.symbol,
        sponsors=found.sponsors,
        amends=found.amends,
        amends_text=found.amends_text,
        title=found.title,
        instructions=instructions,
        path=path or None,
        footnotes=found.footnotes,
    )


def clean_markers(text: str, markers: list[str]) -> str:
    """Take the amendment's own footnote markers out of an instruction's text: stars glued
    to a word ("Development**") and digits glued to a word when such a footnote exists.

    >>> clean_markers("on Population and Development** and its review", ["*", "**"])
    'on Population and Development and its review'
    >>> clean_markers("the Convention,2 and resolution 70/1", ["2"])
    'the Convention, and resolution 70/1'
    """
    text = re.sub(r"(?<=[\w,.;:)”’])\*{1,3}(?=[\s,.;:”’)]|$)", "", text)
    for marker in markers:
        if marker.isdigit():
            text = re.sub(rf"(?<=[a-z,.;:)”’]){marker}(?=\s|$)", "", text, count=1)
    return text


def apply_amendments(draft: Document, amendments: list[Amendment]) -> Application:
    """Apply the amendments' instructions to ``draft``, in order (see ``resdiff.amend.apply``)."""
    from resdiff.amend.apply import apply

    return apply(draft, amendments)


def reflected(application: Application, adopted: Document) -> list[InstructionVerdict]:
    """For each instruction, whether ``adopted`` reflects it (see ``resdiff.amend.verdicts``)."""
    from resdiff.amend.verdicts import verdicts

    return verdicts(application, adopted)
