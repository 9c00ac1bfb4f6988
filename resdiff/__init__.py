"""resdiff: compare versions of UN resolutions clause by clause.

The pipeline runs one way: read (file -> text) -> parse (text -> Document) ->
align (two Documents -> pairs) -> classify (pairs -> Changes) -> render.

>>> from resdiff import parse, compare
"""

from __future__ import annotations

from resdiff.model import Change, Comparison, Document, Footnote, Paragraph, Subitem, Vote
from resdiff.parse import parse

__all__ = [
    "Change",
    "Comparison",
    "Document",
    "Footnote",
    "Paragraph",
    "Subitem",
    "Vote",
    "parse",
]
__version__ = "0.1.0"
