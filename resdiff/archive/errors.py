"""Errors of the archive; each is one line for the user and exit status 2."""

from __future__ import annotations

from resdiff.errors import ResdiffError


class ArchiveError(ResdiffError):
    """The archive cannot do what was asked."""


class NotAnArchive(ArchiveError):
    """The path is not a resdiff archive."""


class UnknownSymbol(ArchiveError):
    """The symbol (or the revision asked for) is not in the archive."""


class DiskFull(ArchiveError):
    """The device holding the archive is full, or the disk quota is used up."""
