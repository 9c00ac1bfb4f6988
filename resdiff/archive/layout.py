"""What an archive holds, and where: the names every layer of the archive shares.

Layout (see also the README written into every new archive)::

    README.md                 what this repository is
    .gitattributes            ``* -text``: originals are stored byte for byte
    .resdiff/archive.json     marks the repository as a resdiff archive
    S_2020_110/               one directory per symbol (see ``symbols``)
        text.md               the normalised text (``text.document_markdown``)
        original.txt          the file as given (.txt, .md, .pdf or .docx)
        meta.json             ``meta.VersionMeta``

resdiff commits only on branch ``BRANCH``. Its own scratch files live in
``.git/resdiff/`` (the writer lock, the journal of a write, ``KNOWN_HEAD`` and
the derived indexes), never in the working tree.
"""

from __future__ import annotations

from resdiff.archive.meta import ORIGINAL_SUFFIX

ARCHIVE_FILE = ".resdiff/archive.json"
ARCHIVE_FORMAT = 1
BRANCH = "main"  # ``archive init`` creates it; resdiff writes nowhere else
TEXT_FILE = "text.md"
META_FILE = "meta.json"
# The only files resdiff writes, stages or deletes in a document directory.
OWN_FILES = (TEXT_FILE, META_FILE, *(f"original{s}" for s in ORIGINAL_SUFFIX.values()))
KNOWN_HEAD = "known-head"  # in .git/resdiff: the HEAD resdiff recorded after its last write
