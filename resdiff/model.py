"""The data that flows through resdiff: a parsed Document and a Comparison.

Every stage takes and returns these dataclasses; no dicts travel through the
pipeline. ``to_dict`` methods give the stable JSON shapes (schema version 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # defined where they are computed, imported only when needed
    from resdiff.analysis.drafts import DraftChange
    from resdiff.analysis.votes import VoteChange

SCHEMA_VERSION = 1

Section = Literal["preamble", "operative", "annex"]
ChangeKind = Literal["unchanged", "reworded", "added", "removed", "split", "merged"]
Method = Literal["identical", "fuzzy", "moved", "split", "merged", "none"]
RedlineOp = Literal["equal", "insert", "delete"]
ForceDirection = Literal["strengthened", "weakened", "changed"]

CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "unchanged",
    "reworded",
    "added",
    "removed",
    "split",
    "merged",
)


@dataclass(slots=True)
class Footnote:
    """A footnote body and the marker that cites it ("1", "2" ...)."""

    marker: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """JSON form: ``{"marker", "text"}``."""
        return {"marker": self.marker, "text": self.text}


@dataclass(slots=True)
class Subitem:
    """A lettered or numbered sub-item of a paragraph: (a), (b), (i) ..."""

    label: str
    text: str
    subitems: list[Subitem] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"label", "text", "subitems"}``."""
        return {
            "label": self.label,
            "text": self.text,
            "subitems": [s.to_dict() for s in self.subitems],
        }

    def full_text(self) -> str:
        """The sub-item with its label and nested sub-items, on one line."""
        parts = [f"{self.label} {self.text}".strip()]
        parts.extend(s.full_text() for s in self.subitems)
        return " ".join(parts)


@dataclass(slots=True)
class Paragraph:
    """One preambular, operative or annex paragraph.

    ``text`` is the paragraph as printed (footnote markers shown as superscript
    digits), without its printed number and without its sub-items, which are in
    ``subitems``. ``number`` is the printed operative number, kept as a string.
    ``line`` is the 1-based line of the source text where the paragraph starts.
    """

    label: str
    section: Section
    text: str
    number: str | None = None
    subitems: list[Subitem] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    heading: str | None = None
    line: int = 0
    draft_label: str | None = None

    def full_text(self) -> str:
        """Paragraph text followed by its sub-items, as one display string."""
        parts = [self.text]
        parts.extend(s.full_text() for s in self.subitems)
        return " ".join(p for p in parts if p)

    def to_dict(self) -> dict[str, object]:
        """JSON form, as emitted by ``resdiff parse --format json``."""
        data: dict[str, object] = {
            "label": self.label,
            "section": self.section,
            "number": self.number,
            "text": self.text,
            "subitems": [s.to_dict() for s in self.subitems],
            "footnotes": [f.to_dict() for f in self.footnotes],
        }
        if self.heading:
            data["heading"] = self.heading
        if self.draft_label:
            data["draft_label"] = self.draft_label
        return data


@dataclass(slots=True)
class Vote:
    """A vote record: how the text was adopted and, if recorded, who voted how."""

    adoption: str
    in_favour: int | None = None
    against: int | None = None
    abstaining: int | None = None
    in_favour_countries: list[str] = field(default_factory=list)
    against_countries: list[str] = field(default_factory=list)
    abstaining_countries: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON form: the adoption sentence, the counts and the country lists."""
        return {
            "adoption": self.adoption,
            "in_favour": self.in_favour,
            "against": self.against,
            "abstaining": self.abstaining,
            "countries": {
                "in_favour": self.in_favour_countries,
                "against": self.against_countries,
                "abstaining": self.abstaining_countries,
            },
        }


@dataclass(slots=True)
class Document:
    """A parsed resolution: header, paragraphs in order, footnotes, meeting, vote."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    symbol: str | None = None
    body: str | None = None
    opening: str | None = None
    title: str | None = None
    date: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    meeting: str | None = None
    vote: Vote | None = None
    path: str | None = None

    @property
    def preamble(self) -> list[Paragraph]:
        """The preambular paragraphs, in order."""
        return [p for p in self.paragraphs if p.section == "preamble"]

    @property
    def operative(self) -> list[Paragraph]:
        """The operative paragraphs, in order."""
        return [p for p in self.paragraphs if p.section == "operative"]

    def to_dict(self) -> dict[str, object]:
        """JSON form, as emitted by ``resdiff parse --format json``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "symbol": self.symbol,
            "body": self.body,
            "opening": self.opening,
            "title": self.title,
            "date": self.date,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "meeting": self.meeting,
            "vote": self.vote.to_dict() if self.vote else None,
        }


@dataclass(slots=True, frozen=True)
class Force:
    """How the opening phrase of a reworded paragraph changed ("Urges" -> "Encourages").

    ``old`` and ``new`` are the phrases as written; the families come from
    ``resdiff/data/phrases.json``. ``direction`` is "changed" when the families
    differ or the strength is the same.
    """

    old: str
    new: str
    direction: ForceDirection
    old_family: str
    new_family: str

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"from", "to", "direction", "from_family", "to_family"}``."""
        return {
            "from": self.old,
            "to": self.new,
            "direction": self.direction,
            "from_family": self.old_family,
            "to_family": self.new_family,
        }


@dataclass(slots=True)
class Change:
    """One entry of a comparison: how old paragraph(s) became new paragraph(s).

    ``old`` and ``new`` hold zero, one or several paragraphs: ``added`` has no
    old, ``removed`` no new, ``split`` one old and several new, ``merged``
    several old and one new. ``method`` says how the pairing was made.
    """

    kind: ChangeKind
    old: list[Paragraph]
    new: list[Paragraph]
    similarity: float = 0.0
    method: Method = "none"
    moved: bool = False
    technical: bool = False
    redline: list[tuple[RedlineOp, str]] = field(default_factory=list)
    force: Force | None = None
    draft: DraftChange | None = None
    redline_note: str | None = None  # set when the texts were too long for the exact redline

    @property
    def old_label(self) -> str:
        """Labels of the old paragraph(s), joined with '+' ('' when added)."""
        return "+".join(p.label for p in self.old)

    @property
    def new_label(self) -> str:
        """Labels of the new paragraph(s), joined with '+' ('' when removed)."""
        return "+".join(p.label for p in self.new)

    def to_dict(self) -> dict[str, object]:
        """JSON form of one change (see the README's JSON contract); ``redline_note`` only
        when there is one."""
        data: dict[str, object] = {
            "kind": self.kind,
            "moved": self.moved,
            "technical": self.technical,
            "similarity": round(self.similarity, 4),
            "method": self.method,
            "old": _paragraphs_json(self.old, many=self.kind == "merged"),
            "new": _paragraphs_json(self.new, many=self.kind == "split"),
            "redline": [[op, text] for op, text in self.redline],
            "force": self.force.to_dict() if self.force else None,
            "draft": self.draft.to_dict() if self.draft else None,
        }
        if self.redline_note:
            data["redline_note"] = self.redline_note
        return data


def _paragraphs_json(paragraphs: list[Paragraph], *, many: bool) -> object:
    if many:
        return [p.to_dict() for p in paragraphs]
    return paragraphs[0].to_dict() if paragraphs else None


@dataclass(slots=True)
class Comparison:
    """The result of ``compare``: both documents and the changes in reading order."""

    old: Document
    new: Document
    changes: list[Change]
    renumbered: dict[str, str] = field(default_factory=dict)
    threshold: float = 0.0
    vote_change: VoteChange | None = None
    notes: list[str] = field(default_factory=list)  # coarser methods used on long texts

    def summary(self) -> dict[str, int]:
        """Counts per change kind, plus ``moved`` and ``technical``."""
        counts = {kind: 0 for kind in CHANGE_KINDS}
        counts["moved"] = 0
        counts["technical"] = 0
        for change in self.changes:
            counts[change.kind] += 1
            counts["moved"] += change.moved
            counts["technical"] += change.technical
        return counts

    @property
    def has_differences(self) -> bool:
        """True when any paragraph was reworded, added, removed, moved, split or merged,
        or the recorded vote changed."""
        if self.vote_change is not None and self.vote_change.changed:
            return True
        return any(c.kind != "unchanged" or c.moved for c in self.changes)

    def to_dict(self) -> dict[str, object]:
        """JSON form, as emitted by ``resdiff compare --format json``; ``notes`` only when
        a coarser method was used."""
        summary: dict[str, object] = dict(self.summary())
        summary["renumbered"] = dict(self.renumbered)
        data: dict[str, object] = {
            "schema_version": SCHEMA_VERSION,
            "old": _document_ref(self.old),
            "new": _document_ref(self.new),
            "threshold": self.threshold,
            "summary": summary,
            "changes": [c.to_dict() for c in self.changes],
            "vote_change": self.vote_change.to_dict() if self.vote_change else None,
        }
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def _document_ref(doc: Document) -> dict[str, object]:
    return {"path": doc.path, "symbol": doc.symbol, "title": doc.title}
