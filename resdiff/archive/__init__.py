"""A git-backed archive of resolution versions (``resdiff archive ...``).

``Archive(path)`` opens one; ``Archive.init(path)`` creates one. The modules:
``symbols`` (symbol <-> directory, series names, dates), ``meta`` (the
metadata of a version), ``text`` (the normalised text), ``inputs`` (reading
files to store), ``plan`` (what a write changes), ``transaction`` (writing,
committing, undoing an interrupted write), ``git`` (all GitPython use),
``lock`` (the writer lock), ``store`` (the ``Archive``), ``predecessor``
(which document a new text was drafted from), ``lineage`` (clause blame),
``verify``, ``keep`` (``compare --archive``) and ``location`` (where the
archive is).

Names are loaded on first use, so importing this package does not import
GitPython.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Archive": "resdiff.archive.store",
    "AddRequest": "resdiff.archive.store",
    "AddResult": "resdiff.archive.store",
    "BatchResult": "resdiff.archive.store",
    "StoredVersion": "resdiff.archive.store",
    "VersionMeta": "resdiff.archive.meta",
    "Candidate": "resdiff.archive.predecessor",
    "Blame": "resdiff.archive.lineage",
    "VerifyReport": "resdiff.archive.verify",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'resdiff.archive' has no attribute {name!r}")
    return getattr(import_module(module), name)
