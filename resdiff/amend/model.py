"""The data of amendments: an amendment document, its instructions, and what applying them did.

An amendment document ("United States of America: amendment to draft
resolution A/80/L.25") holds numbered *instructions*; one instruction may hold
several *operations* ("Delete operative paragraphs 5, 6 and 10" is three).
Every operation names its *target* in the numbering of the draft as tabled:
paragraphs inserted or deleted by earlier instructions never shift the
numbers that later instructions give.

``to_dict`` methods give the JSON shapes documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from resdiff.model import Comparison, Document

TargetKind = Literal["title", "preamble", "operative"]
OperationKind = Literal[
    "delete_paragraph",
    "replace_paragraph",
    "insert_paragraph",
    "delete_words",
    "replace_words",
    "insert_words",
]
Position = Literal["before", "after", "start", "end"]
Status = Literal["applied", "target not found", "ambiguous", "not understood"]
Verdict = Literal["reflected", "not reflected", "partly"]

# The same vocabularies as tuples, read from the types so that each is written once.
OPERATION_KINDS: tuple[OperationKind, ...] = get_args(OperationKind)
STATUSES: tuple[Status, ...] = get_args(Status)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
LAST = -1  # the sentence number of "the last sentence"


@dataclass(slots=True, frozen=True)
class Target:
    """Where an operation acts, in the draft's own numbering.

    ``kind`` is the title, the preamble or the operative part. ``number`` is
    the preambular paragraph's position (1 for "the first preambular
    paragraph") or the operative paragraph's printed number; None means every
    paragraph of that part ("in the preambular paragraphs") or, for an
    insertion, the end of the part. ``subitem`` is a sub-item label without
    brackets ("b", or "b.ii" for a nested one); ``sentence`` counts from 1,
    ``LAST`` for the last sentence.
    """

    kind: TargetKind
    number: int | None = None
    subitem: str | None = None
    sentence: int | None = None

    def label(self) -> str:
        """The target as resdiff labels paragraphs: 'PP4', 'OP3 (b)', 'title', 'OP'."""
        if self.kind == "title":
            text = "title"
        elif self.number is None:
            text = "preamble" if self.kind == "preamble" else "operative part"
        else:
            text = ("PP" if self.kind == "preamble" else "OP") + str(self.number)
        if self.subitem:
            text += " " + "".join(f"({part})" for part in self.subitem.split("."))
        if self.sentence is not None:
            which = "last" if self.sentence == LAST else f"sentence {self.sentence}"
            text += f", {which} sentence" if which == "last" else f", {which}"
        return text

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"kind", "number", "subitem", "sentence", "label"}``."""
        return {
            "kind": self.kind,
            "number": self.number,
            "subitem": self.subitem,
            "sentence": self.sentence,
            "label": self.label(),
        }


@dataclass(slots=True, frozen=True)
class Operation:
    """One edit an instruction asks for.

    ``old`` holds the quoted words to delete or replace; ``anchor`` the quoted
    words a word insertion goes before or after; ``new`` the words or
    paragraph texts to put in (several for "insert two new paragraphs").
    ``position`` says where an insertion goes relative to the anchor or the
    target paragraph. ``every`` is set when the instruction replaces every
    occurrence ("in the title, the preambular paragraphs and the operative
    paragraphs"): then several occurrences are not ambiguous.
    """

    kind: OperationKind
    target: Target
    old: str | None = None
    new: tuple[str, ...] = ()
    anchor: str | None = None
    position: Position | None = None
    every: bool = False

    def describe(self) -> str:
        """One line saying what the operation does, quotes shortened."""
        where = self.target.label()
        if self.kind == "delete_paragraph":
            return f"delete {where}"
        if self.kind == "replace_paragraph":
            return f"replace {where} with {_short(self.new[0] if self.new else '')}"
        if self.kind == "insert_paragraph":
            count = f"{len(self.new)} new paragraphs" if len(self.new) > 1 else "new paragraph"
            side = f"{self.position} {where}" if self.position in ("before", "after") else ""
            if self.target.number is None:
                side = f"at the end of the {where}"
            return f"insert {count} {side}".strip()
        if self.kind == "delete_words":
            what = _short(self.old) if self.old else "the sentence"
            return f"in {where}, delete {what}"
        if self.kind == "replace_words":
            every = " everywhere" if self.every else ""
            return f"in {where}, replace {_short(self.old)} with {_short(self.new[0])}{every}"
        place = (
            f"{self.position} {_short(self.anchor)}" if self.anchor else f"at the {self.position}"
        )
        return f"in {where}, insert {_short(self.new[0] if self.new else '')} {place}"

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"kind", "target", "old", "new", "anchor", "position", "every"}``."""
        return {
            "kind": self.kind,
            "target": self.target.to_dict(),
            "old": self.old,
            "new": list(self.new),
            "anchor": self.anchor,
            "position": self.position,
            "every": self.every,
        }


def _short(text: str | None, width: int = 60) -> str:
    plain = " ".join((text or "").split())
    if len(plain) > width:
        plain = plain[: width - 2].rsplit(" ", 1)[0] + " …"
    return f"“{plain}”"


@dataclass(slots=True)
class Instruction:
    """One numbered instruction of an amendment: its text and the operations read from it.

    ``number`` is the printed number (1 for an unnumbered single instruction).
    ``operations`` is empty, and ``problem`` says why, when the sentence could
    not be read.
    """

    number: int
    text: str
    operations: list[Operation] = field(default_factory=list)
    problem: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"number", "text", "operations", "problem"}``."""
        return {
            "number": self.number,
            "text": self.text,
            "operations": [o.to_dict() for o in self.operations],
            "problem": self.problem,
        }


@dataclass(slots=True)
class Amendment:
    """A parsed amendment document: who amends which draft, and the instructions.

    ``amends`` is the amended draft's symbol ("A/80/L.25", "A/C.3/80/L.3/Rev.1"),
    or None when the document names the draft by a report ("draft resolution 4
    recommended by the Second Committee in its report contained in document
    A/80/555"); ``amends_text`` gives the reference as printed.
    """

    symbol: str | None
    sponsors: list[str]
    amends: str | None
    amends_text: str
    title: str | None
    instructions: list[Instruction]
    path: str | None = None
    footnotes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The symbol, else the file, else 'amendment'."""
        return self.symbol or self.path or "amendment"

    @property
    def author(self) -> str:
        """The sponsors as one line, for tracked changes: 'Belarus and Russian Federation'."""
        if not self.sponsors:
            return self.name
        if len(self.sponsors) == 1:
            return self.sponsors[0]
        return ", ".join(self.sponsors[:-1]) + " and " + self.sponsors[-1]

    def to_dict(self) -> dict[str, object]:
        """JSON form: symbol, sponsors, the amended draft and the instructions."""
        return {
            "symbol": self.symbol,
            "path": self.path,
            "sponsors": list(self.sponsors),
            "amends": self.amends,
            "amends_text": self.amends_text,
            "title": self.title,
            "instructions": [i.to_dict() for i in self.instructions],
        }


@dataclass(slots=True, frozen=True)
class Ref:
    """One instruction of one amendment: 'A/80/L.30 #3'."""

    amendment: str
    instruction: int

    def __str__(self) -> str:
        return f"{self.amendment} #{self.instruction}"

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"amendment", "instruction"}``."""
        return {"amendment": self.amendment, "instruction": self.instruction}


@dataclass(slots=True)
class Outcome:
    """What became of one operation: its status and the places it touched or looked at.

    ``places`` are labels in the draft's numbering ('PP4', 'OP3 (b)', 'title').
    ``detail`` says why a target was not found or is ambiguous.
    """

    operation: Operation
    status: Status
    places: list[str] = field(default_factory=list)
    detail: str = ""

    def to_dict(self) -> dict[str, object]:
        """JSON form: the operation with ``status``, ``places`` and ``detail``."""
        return {
            **self.operation.to_dict(),
            "status": self.status,
            "places": list(self.places),
            "detail": self.detail,
        }


@dataclass(slots=True)
class InstructionResult:
    """The outcomes of one instruction's operations; its status is the worst of them."""

    ref: Ref
    instruction: Instruction
    outcomes: list[Outcome]

    @property
    def status(self) -> Status:
        """'applied' when every operation applied, 'not understood' when the sentence could not
        be read, else the first problem."""
        if not self.outcomes:
            return "not understood"
        for outcome in self.outcomes:
            if outcome.status != "applied":
                return outcome.status
        return "applied"

    def to_dict(self) -> dict[str, object]:
        """JSON form: the instruction, its status and its operations' outcomes."""
        return {
            "amendment": self.ref.amendment,
            "number": self.instruction.number,
            "text": self.instruction.text,
            "status": self.status,
            "problem": self.instruction.problem,
            "operations": [o.to_dict() for o in self.outcomes],
        }


@dataclass(slots=True)
class Application:
    """A draft with amendments applied: the amended Document, what each instruction did,
    and the clause-level comparison draft -> amended draft.

    ``made_by`` runs parallel to ``comparison.changes``: the instructions that
    made each change (empty for an unchanged paragraph).
    """

    draft: Document
    amendments: list[Amendment]
    amended: Document
    results: list[InstructionResult]
    comparison: Comparison
    made_by: list[list[Ref]]
    title_made_by: list[Ref] = field(default_factory=list)

    @property
    def all_applied(self) -> bool:
        """True when every instruction applied."""
        return all(r.status == "applied" for r in self.results)

    def counts(self) -> dict[str, int]:
        """Instructions per status."""
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for result in self.results:
            counts[result.status] += 1
        return counts


@dataclass(slots=True)
class OperationVerdict:
    """Whether the adopted text reflects one operation, with the place looked at."""

    outcome: Outcome
    verdict: Verdict
    reason: str

    def to_dict(self) -> dict[str, object]:
        """JSON form: the operation, its verdict and the reason."""
        return {**self.outcome.to_dict(), "verdict": self.verdict, "reason": self.reason}


@dataclass(slots=True)
class InstructionVerdict:
    """Whether the adopted text reflects one instruction: all, none or part of its operations."""

    result: InstructionResult
    operations: list[OperationVerdict]

    @property
    def verdict(self) -> Verdict | None:
        """'reflected' when every operation is, 'not reflected' when none is, else 'partly';
        None when no operation applied to the draft (nothing to judge)."""
        verdicts = {v.verdict for v in self.operations}
        if not verdicts:
            return None
        if verdicts == {"reflected"}:
            return "reflected"
        if verdicts <= {"not reflected"}:
            return "not reflected"
        return "partly"

    def to_dict(self) -> dict[str, object]:
        """JSON form: the instruction, its verdict and its operations' verdicts."""
        data = self.result.to_dict()
        data["verdict"] = self.verdict
        data["operations"] = [v.to_dict() for v in self.operations]
        return data
