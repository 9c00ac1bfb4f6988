"""A git-backed archive of resolution versions (``resdiff archive ...``).

``Archive(path)`` opens one; ``Archive.init(path)`` creates one. The modules,
in layers (each imports only modules of the layers below it):

1. ``errors``, ``symbols`` (symbol <-> directory, series names, dates),
   ``order`` (when a document was made), ``text`` (the normalised text),
   ``git`` (all GitPython use), ``lock`` (the writer lock), ``location``
   (where the archive is);
2. ``meta`` (the metadata of a version), ``signature`` (what the
   predecessor lookup compares);
3. ``layout`` (the files of an archive), ``inputs`` (reading files to
   store), ``predecessor_index``;
4. ``transaction`` (writing, committing, undoing an interrupted write),
   ``reader`` (``ArchiveReader``: documents, versions and texts, read from
   git objects);
5. ``checks`` (refusals before a write), ``predecessor`` (which document a
   new text was drafted from), ``lineage`` (clause blame);
6. ``plan`` (what a write changes), ``verify``, ``sources`` (agreed-language
   sources);
7. ``store`` (``Archive``: a reader that also writes);
8. ``keep`` (``compare --archive``).

``tests/test_layering.py`` checks that no import, in a function or not,
makes a cycle.

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
