"""Resolution-aware analysis on top of the comparison pipeline.

A generic diff says that words changed; these modules say what the change
means to a reader of UN texts:

- ``force``: the opening phrase of each paragraph ("Urges", "Deeply
  concerned") placed on an ordinal scale per family, read from
  ``resdiff/data/phrases.json``; a reworded paragraph whose phrase changed is
  ``strengthened``, ``weakened`` or ``changed``.
- ``votes``: who moved between in favour, against, abstaining and absent
  when both versions carry a recorded vote; names normalised by ``countries``.
- ``drafts``: the conventions of negotiation drafts (square brackets, status
  tags such as "agreed ad ref", proposals attributed to delegations, struck
  text) and what happened to them between two rounds.
- ``evolution``: one clause-by-clause view of many versions.

Data files are read once, lazily, on first use. ``compare`` and the
classifier call into these modules; nothing here changes an alignment.
"""

from __future__ import annotations

from pathlib import Path

from resdiff.model import Document
from resdiff.vocabulary import may_hold_status_tag

DATA_DIR = Path(__file__).resolve().parent.parent / "data"  # phrases.json, countries.json


def might_be_draft(document: Document) -> bool:
    """A quick test by substrings that lets plain resolutions skip the draft analysis.

    True for every document that ``drafts.is_draft`` accepts; it may be true for
    others ("as agreed in 2019").
    """
    if any(paragraph.draft_label for paragraph in document.paragraphs):
        return True
    text = "\n".join(paragraph.full_text() for paragraph in document.paragraphs)
    return "[" in text or "~~" in text or may_hold_status_tag(text)
