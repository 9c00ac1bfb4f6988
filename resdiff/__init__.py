"""resdiff: compare versions of UN resolutions clause by clause.

The pipeline runs one way: read (file -> text) -> parse (text -> Document) ->
align (two Documents -> pairs) -> classify (pairs -> Changes) -> render.

>>> from resdiff import parse, compare
"""

from __future__ import annotations

from typing import Any

from resdiff.compare import compare
from resdiff.model import Change, Comparison, Document, Footnote, Paragraph, Subitem, Vote
from resdiff.parse import parse

__all__ = [
    "Archive",
    "Change",
    "Comparison",
    "Document",
    "Footnote",
    "Paragraph",
    "Subitem",
    "Vote",
    "compare",
    "parse",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``resdiff.Archive`` is loaded on first use, so ``import resdiff`` never loads GitPython."""
    if name == "Archive":
        from resdiff.archive.store import Archive

        return Archive
    raise AttributeError(f"module 'resdiff' has no attribute {name!r}")
