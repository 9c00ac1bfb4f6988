"""The data that flows through resdiff: a parsed Document and a Comparison.

Every stage takes and returns these dataclasses; no dicts travel through the
pipeline. ``to_dict`` methods give the stable JSON shapes (schema version 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA_VERSION = 1

Section = Literal["preamble", "operative", "annex"]
ChangeKind = Literal["unchanged", "reworded", "added", "removed", "split", "merged"]
Method = Literal["identical", "fuzzy", "moved", "split", "merged", "none"]
RedlineOp = Literal["equal", "insert", "delete"]
ForceDirection = Literal["strengthened", "weakened", "changed"]
VoteList = Literal["in_favour", "against", "abstaining", "absent"]
BracketEdit = Literal["removed", "added"]
ProposalKind = Literal["insert", "delete"]
ProposalOutcome = Literal["taken_in", "dropped", "reworded", "open"]

PartOf = Literal["text", "subitem", "footnote"]
PartKind = Literal["unchanged", "reworded", "added", "removed"]

ChangeFlag = Literal["moved", "technical"]
CountKey = ChangeKind | ChangeFlag  # what ``Comparison.summary`` counts

CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "unchanged",
    "reworded",
    "added",
    "removed",
    "split",
    "merged",
)
CHANGE_FLAGS: tuple[ChangeFlag, ...] = ("moved", "technical")


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

    def body_text(self) -> str:
        """The sub-item and its nested sub-items without their labels, on one line."""
        return " ".join([self.text, *(s.body_text() for s in self.subitems)])


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

    def body_text(self) -> str:
        """Paragraph text followed by its sub-items without their labels: what makes two
        paragraphs the same clause (a sub-item relabelled is not an edit)."""
        if not self.subitems:
            return self.text
        parts = [self.text, *(s.body_text() for s in self.subitems)]
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
class Layout:
    """How the source text was laid out, as the parser measured it (see ``resdiff.parse.profile``).

    ``numbers`` says where printed operative numbers stand: "alone" on their
    line, "inline" before the text, "mixed" or "none". ``wrap_width`` is the
    usual length of a full line when lines are hard-wrapped.
    """

    numbers: str = "none"
    wrapped: bool = False
    wrap_width: int | None = None
    blank_lines: bool = False
    indented_starts: bool = False
    page_indents: dict[int, int] = field(default_factory=dict)  # the usual indent of each page
    pages: int = 1
    markdown: bool = False
    widths: dict[int, int] = field(default_factory=dict)  # full line length by indentation

    def deeper(self, indent: int, page: int) -> bool:
        """True when ``indent`` is deeper than the usual indent of ``page`` (a first line)."""
        return indent > self.page_indents.get(page, 0) + 1

    def width_at(self, indent: int) -> int:
        """The full line length of lines indented by ``indent`` (else the usual one)."""
        return self.widths.get(indent) or self.wrap_width or 0

    def to_dict(self) -> dict[str, object]:
        """JSON form: the measurements by name."""
        return {
            "numbers": self.numbers,
            "wrapped": self.wrapped,
            "wrap_width": self.wrap_width,
            "blank_lines": self.blank_lines,
            "indented_starts": self.indented_starts,
            "pages": self.pages,
            "markdown": self.markdown,
        }


@dataclass(slots=True)
class Document:
    """A parsed resolution: header, paragraphs in order, footnotes, meeting, vote.

    ``warnings`` lists, one line each, where the parsed structure looks
    implausible (printed numbers not used as paragraphs, a paragraph many times
    longer than the others, leftover page furniture). ``amends`` is set, and
    ``paragraphs`` empty, when the text is an amendment to a draft rather than a
    resolution.
    """

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
    layout: Layout | None = None
    warnings: list[str] = field(default_factory=list)
    amends: str | None = None

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
            "layout": self.layout.to_dict() if self.layout else None,
            "warnings": list(self.warnings),
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


# --------------------------------------------------------------------------- analysis results
# Computed by resdiff.analysis (votes, drafts) and carried on a Change or a Comparison.


@dataclass(slots=True, frozen=True)
class VoteMove:
    """One country that voted differently: ``old`` and ``new`` name its list in each vote."""

    country: str
    old: VoteList
    new: VoteList

    def to_dict(self) -> dict[str, str]:
        """JSON form: ``{"country", "from", "to"}``."""
        return {"country": self.country, "from": self.old, "to": self.new}


@dataclass(slots=True)
class VoteChange:
    """How the recorded vote changed: counts per list (old, new) and the countries that moved.

    A country is ``absent`` from a vote that does not list it (not a member of
    the body then, or not voting).
    """

    counts: dict[VoteList, tuple[int | None, int | None]]
    moves: list[VoteMove] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when a count changed or a country moved."""
        return bool(self.moves) or any(a != b for a, b in self.counts.values())

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"counts": {"in_favour": {"from", "to"}, ...}, "moves": [...]}``."""
        return {
            "counts": {k: {"from": a, "to": b} for k, (a, b) in self.counts.items()},
            "moves": [m.to_dict() for m in self.moves],
        }


@dataclass(slots=True, frozen=True)
class BracketChange:
    """A square bracket of a negotiation draft that was removed or added between rounds.

    ``text`` is what the bracket held. ``kept`` says, for a removed bracket,
    whether its text stayed in the paragraph (agreed) or went with it; for an
    added bracket, whether the text was already in the old round.
    """

    edit: BracketEdit
    text: str
    kept: bool

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"edit", "text", "kept"}``."""
        return {"edit": self.edit, "text": self.text, "kept": self.kept}


@dataclass(slots=True, frozen=True)
class ProposalFate:
    """What became of a proposal that a draft attributed to a delegation or group.

    ``by`` is the delegation or group as the draft names it (None for struck
    text that names nobody). ``kind`` is "insert" (text proposed) or "delete"
    (text proposed for deletion); ``now`` is the text it became when
    ``outcome`` is "reworded".
    """

    by: str | None
    text: str
    kind: ProposalKind
    outcome: ProposalOutcome
    now: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"by", "text", "kind", "outcome", "now"}``."""
        return {
            "by": self.by,
            "text": self.text,
            "kind": self.kind,
            "outcome": self.outcome,
            "now": self.now,
        }


@dataclass(slots=True)
class DraftChange:
    """Negotiation-draft facts of one change: status tags, brackets, attributed proposals."""

    old_status: str | None = None
    new_status: str | None = None
    brackets: list[BracketChange] = field(default_factory=list)
    proposals: list[ProposalFate] = field(default_factory=list)

    @property
    def became_agreed(self) -> bool:
        """True when the new round marks the paragraph agreed and the old one did not."""
        return bool(self.new_status and self.new_status.startswith("agreed")) and (
            self.old_status != self.new_status
        )

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to report."""
        return self.old_status == self.new_status and not self.brackets and not self.proposals

    def to_dict(self) -> dict[str, object]:
        """JSON form: status from/to, ``agreed``, brackets and proposals."""
        return {
            "status": {"from": self.old_status, "to": self.new_status},
            "agreed": self.became_agreed,
            "brackets": [b.to_dict() for b in self.brackets],
            "proposals": [p.to_dict() for p in self.proposals],
        }


# --------------------------------------------------------------------------- comparison


@dataclass(slots=True)
class PartChange:
    """How one part of a paired paragraph changed: its own text before any sub-items
    (``part`` "text"), one sub-item ("subitem", labelled "(c)" or "(a)(ii)") or one
    footnote it cites ("footnote", labelled by its marker).

    ``old_text``/``new_text`` are the part as displayed (None on the side where it
    is absent); the redline's equal and insert parts join to ``new_text``, its
    equal and delete parts to ``old_text``; it is empty unless ``kind`` is
    "reworded".
    """

    part: PartOf
    kind: PartKind
    old_label: str | None
    new_label: str | None
    old_text: str | None
    new_text: str | None
    redline: list[tuple[RedlineOp, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True unless the part is unchanged."""
        return self.kind != "unchanged"

    def to_dict(self) -> dict[str, object]:
        """JSON form: part, kind, labels, texts and redline."""
        return {
            "part": self.part,
            "kind": self.kind,
            "old_label": self.old_label,
            "new_label": self.new_label,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "redline": [[op, text] for op, text in self.redline],
        }


@dataclass(slots=True)
class Change:
    """One entry of a comparison: how old paragraph(s) became new paragraph(s).

    ``old`` and ``new`` hold zero, one or several paragraphs: ``added`` has no
    old, ``removed`` no new, ``split`` one old and several new, ``merged``
    several old and one new. ``method`` says how the pairing was made.
    ``similarity`` says how alike the texts read (0..1); ``score`` how strongly
    the evidence says the paragraphs are one clause (0..1, see
    ``resdiff.align.Evidence``; 1 for identical texts, 0 when unpaired).
    ``old_text`` and ``new_text`` are each side's paragraphs as the redline
    shows them (``resdiff.redline.display``; None for a side with none): the
    equal and delete parts of ``redline`` join to ``old_text``, the equal and
    insert parts to ``new_text``. ``parts`` compares a paired paragraph with
    sub-items or footnotes part by part (see ``resdiff.parts``); a changed
    footnote alone makes the paragraph ``reworded``.
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
    score: float = 0.0
    old_text: str | None = None
    new_text: str | None = None
    parts: list[PartChange] = field(default_factory=list)

    @property
    def changed_parts(self) -> list[PartChange]:
        """The sub-items and footnotes that changed (the paragraph's own text left out)."""
        return [p for p in self.parts if p.changed and p.part != "text"]

    @property
    def label(self) -> str:
        """A label unique within the comparison, naming both sides: 'OP4', 'OP4 -> OP5',
        'OP8 -> OP8+OP9' (split), 'OP21' (added: its new label), 'OP33 (removed)' (its old
        label, which a new paragraph may now carry)."""
        return self.title("->")

    def title(self, arrow: str) -> str:
        """``label`` with ``arrow`` between the old and the new labels."""
        if not self.old:
            return self.new_label
        if not self.new:
            return f"{self.old_label} (removed)"
        if self.old_label == self.new_label:
            return self.new_label
        return f"{self.old_label} {arrow} {self.new_label}"

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
            "label": self.label,
            "kind": self.kind,
            "moved": self.moved,
            "technical": self.technical,
            "similarity": round(self.similarity, 4),
            "score": round(self.score, 4),
            "method": self.method,
            "old": _paragraphs_json(self.old, many=self.kind == "merged"),
            "new": _paragraphs_json(self.new, many=self.kind == "split"),
            "old_text": self.old_text,
            "new_text": self.new_text,
            "redline": [[op, text] for op, text in self.redline],
            "parts": [part.to_dict() for part in self.parts],
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
    old_name: str | None = None  # how reports name each side: "S/2019/90@2" (else the symbol)
    new_name: str | None = None
    notes: list[str] = field(default_factory=list)  # coarser methods used on long texts

    def summary(self) -> dict[str, int]:
        """Counts per change kind, plus ``moved`` and ``technical``."""
        counts: dict[str, int] = dict.fromkeys((*CHANGE_KINDS, *CHANGE_FLAGS), 0)
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
            "old": _document_ref(self.old, self.old_name),
            "new": _document_ref(self.new, self.new_name),
            "threshold": self.threshold,
            "summary": summary,
            "changes": [c.to_dict() for c in self.changes],
            "vote_change": self.vote_change.to_dict() if self.vote_change else None,
            "warnings": [
                {"document": side, "message": message}
                for side, doc in (("old", self.old), ("new", self.new))
                for message in doc.warnings
            ],
        }
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def _document_ref(doc: Document, name: str | None) -> dict[str, object]:
    return {
        "name": name or doc.symbol or doc.path,
        "path": doc.path,
        "symbol": doc.symbol,
        "title": doc.title,
    }
