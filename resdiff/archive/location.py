"""Where the archive is: an explicit path, ``RESDIFF_ARCHIVE``, the ``archive`` setting.

This module imports neither GitPython nor the rest of the archive, so that
``resdiff compare`` can ask whether archiving is on without loading them.
"""

from __future__ import annotations

import os
from pathlib import Path

from resdiff.config import load_settings

ENV_VAR = "RESDIFF_ARCHIVE"
DEFAULT_PATH = "resdiff-archive"


def configured_archive() -> Path | None:
    """The archive set by ``RESDIFF_ARCHIVE`` or the ``archive`` setting; None when unset."""
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return load_settings().path("archive")


def archive_path(explicit: str | os.PathLike[str] | None) -> Path:
    """The archive to use: ``explicit``, else the configured one, else ./resdiff-archive."""
    if explicit:
        return Path(explicit).expanduser()
    return configured_archive() or Path(DEFAULT_PATH)


def compare_archive(option: str | None, disabled: bool) -> Path | None:
    """The archive a ``compare`` should store into, or None when archiving is off.

    ``option`` is the value of ``--archive`` ("" when given without a path,
    None when not given); ``disabled`` is ``--no-archive``.
    """
    if disabled:
        return None
    if option is not None:
        return archive_path(option or None)
    return configured_archive()
