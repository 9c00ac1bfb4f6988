"""The public comparison entry point: two versions in, a ``Comparison`` out."""

from __future__ import annotations

import os

from resdiff.align import DEFAULT_THRESHOLD, align
from resdiff.analysis import might_be_draft
from resdiff.classify import build_changes, renumbering
from resdiff.errors import UsageError
from resdiff.model import Comparison, Document, Section
from resdiff.parse import parse
from resdiff.readers import RawDocument

Source = Document | RawDocument | str | os.PathLike[str]
SECTIONS: tuple[Section, ...] = ("preamble", "operative", "annex")


def compare(
    old: Source,
    new: Source,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    section: Section | None = None,
) -> Comparison:
    """Compare two versions of a resolution clause by clause.

    ``old`` and ``new`` are Documents or anything ``resdiff.parse`` accepts.
    ``threshold`` (0..1) is the lowest similarity at which two paragraphs are
    still the same clause reworded rather than one removed and one added.
    ``section`` keeps only the changes that touch that section.
    """
    if not 0.0 < threshold <= 1.0:
        raise UsageError(f"threshold must be between 0 and 1, not {threshold}")
    if section is not None and section not in SECTIONS:
        raise UsageError(f"section must be one of {', '.join(SECTIONS)}, not {section!r}")
    old_doc = old if isinstance(old, Document) else parse(old)
    new_doc = new if isinstance(new, Document) else parse(new)
    alignment = align(old_doc.paragraphs, new_doc.paragraphs, threshold)
    changes = build_changes(alignment, old_doc.paragraphs, new_doc.paragraphs)
    if section is not None:
        changes = [c for c in changes if any(p.section == section for p in c.old + c.new)]
    comparison = Comparison(
        old_doc, new_doc, changes, renumbering(changes), threshold, notes=alignment.notes
    )
    _analyse(comparison)
    return comparison


def _analyse(comparison: Comparison) -> None:
    """Fill the vote change (when both versions carry a recorded vote and it changed) and the
    negotiation-draft facts, importing their modules only when they are needed."""
    old, new = comparison.old, comparison.new
    if old.vote is not None and new.vote is not None and old.vote != new.vote:
        from resdiff.analysis.votes import vote_change

        found = vote_change(old.vote, new.vote)
        comparison.vote_change = found if found is not None and found.changed else None
    if might_be_draft(old) or might_be_draft(new):
        from resdiff.analysis.drafts import annotate_drafts

        annotate_drafts(comparison)
