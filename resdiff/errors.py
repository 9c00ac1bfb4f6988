"""User-facing errors. Each carries one line of text; the CLI prints it and exits 2.

A file name in an error is quoted when it holds unsafe characters (``resdiff.safety``).
"""

from __future__ import annotations

from resdiff.safety import quote_name


class ResdiffError(Exception):
    """Base class of every error resdiff reports to a user as one line."""

    exit_code = 2


class InputError(ResdiffError):
    """An input file is missing, unreadable, of an unknown format or malformed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{quote_name(path)}: {reason}")
        self.path = path
        self.reason = reason


class UsageError(ResdiffError):
    """An option or argument has a value resdiff cannot use."""


def no_paragraphs(name: str, amends: str | None = None) -> InputError:
    """The error for a text without resolution paragraphs; an amendment (``amends``: the
    draft it amends) is named as such, since its instructions are not paragraphs."""
    if amends:
        return InputError(
            name,
            f"is an amendment to {amends}, not a resolution: it holds instructions, not paragraphs",
        )
    return InputError(name, "no resolution paragraphs found")
