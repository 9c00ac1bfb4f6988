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


def __getattr__(name: str) -> Any:
    """``resdiff.Archive`` is loaded on first use, so ``import resdiff`` never loads GitPython;
    ``resdiff.__version__`` is read from the installed package's metadata (pyproject.toml)."""
    if name == "Archive":
        from resdiff.archive.store import Archive

        return Archive
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module 'resdiff' has no attribute {name!r}")


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("resdiff")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
