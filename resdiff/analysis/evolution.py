"""Evolution of a text across many versions: each clause followed from version to version.

Method
------
Consecutive versions are compared with ``resdiff.compare`` (V1 with V2, V2
with V3 ...), and the pairings are chained: a paragraph of version k+1 that
``compare`` paired with a paragraph of version k continues that paragraph's
*clause*. Each clause therefore has one *step* per version, in one of these
states:

- ``original`` (present in the first version), ``added`` (first appearance);
- ``unchanged``, ``reworded`` (with the redline and any change of force from
  the previous version), ``split`` (one of the pieces of a split clause; the
  first piece continues the clause, the others start new clauses), ``merged``
  (the clause that absorbed others, and each absorbed clause, which ends);
- ``removed`` (the version where it disappears), ``absent`` (before its
  first appearance and after its removal).

Rows come in one reading order for all versions: those of the first version
in order, then each clause that appears later right after the clause that
precedes it in the version where it appears (and after any clause that
disappears at that point: old before new, as in a comparison).

Cost: one ``compare`` per consecutive pair, plus O(clauses) per version for
the chaining (O(clauses^2) worst case for the row order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from resdiff.align import DEFAULT_THRESHOLD
from resdiff.compare import compare
from resdiff.errors import UsageError
from resdiff.model import SCHEMA_VERSION, Change, Comparison, Document, Paragraph

StepState = Literal[
    "original", "added", "unchanged", "reworded", "split", "merged", "removed", "absent"
]
PRESENT_STATES = frozenset({"original", "added", "unchanged", "reworded", "split", "merged"})


@dataclass(slots=True)
class Step:
    """A clause in one version: its paragraph (None when absent) and how it got there.

    ``change`` is the change from the previous version that produced this step.
    """

    state: StepState
    paragraph: Paragraph | None = None
    change: Change | None = None

    @property
    def present(self) -> bool:
        """True when the clause has a paragraph in this version."""
        return self.paragraph is not None

    @property
    def moved(self) -> bool:
        """True when the paragraph moved relative to the previous version."""
        return bool(self.change and self.change.moved and self.present)

    def to_dict(self, version: int) -> dict[str, object]:
        """JSON form of one cell."""
        data: dict[str, object] = {"version": version, "state": self.state}
        if self.paragraph is not None:
            data["label"] = self.paragraph.label
            data["text"] = self.paragraph.full_text()
        if self.change is not None and self.state != "absent":
            data["moved"] = self.moved
            data["technical"] = self.change.technical
            data["similarity"] = round(self.change.similarity, 4)
            data["redline"] = [[op, text] for op, text in self.change.redline]
            data["force"] = self.change.force.to_dict() if self.change.force else None
        return data


@dataclass(slots=True)
class Clause:
    """One clause through all versions: one step per version."""

    steps: list[Step] = field(default_factory=list)
    origin: str | None = None  # "split from OP3 (V2)" for a piece of a split clause

    @property
    def first(self) -> int:
        """Index of the first version that has the clause."""
        return next(i for i, step in enumerate(self.steps) if step.present)

    @property
    def last(self) -> int:
        """Index of the last version that has the clause."""
        return max(i for i, step in enumerate(self.steps) if step.present)

    @property
    def label(self) -> str:
        """The clause's label in the last version that has it, followed by that version
        when it is not the last one ("OP4 (until V2)"): unique among the rows, since a
        later clause may carry the same number."""
        paragraph = self.steps[self.last].paragraph
        assert paragraph is not None
        if self.last == len(self.steps) - 1:
            return paragraph.label
        return f"{paragraph.label} (until V{self.last + 1})"

    @property
    def rewordings(self) -> int:
        """How many times the clause was reworded (split and merged steps included)."""
        return sum(s.state in ("reworded", "split", "merged") and s.present for s in self.steps)

    @property
    def changed(self) -> bool:
        """True when the clause did anything but stay unchanged in place."""
        return any(
            s.state not in ("original", "unchanged", "absent") or s.moved for s in self.steps
        ) or not all(s.present for s in self.steps)

    def to_dict(self) -> dict[str, object]:
        """JSON form of one row."""
        return {
            "label": self.label,
            "first": self.first,
            "last": self.last,
            "rewordings": self.rewordings,
            "origin": self.origin,
            "steps": [step.to_dict(i) for i, step in enumerate(self.steps)],
        }


@dataclass(slots=True)
class Evolution:
    """Versions in order, the comparisons of consecutive versions, and the clause rows."""

    documents: list[Document]
    comparisons: list[Comparison]
    clauses: list[Clause]

    def step_counts(self) -> list[dict[str, int]]:
        """The summary counts of each step (V1 -> V2, V2 -> V3 ...)."""
        return [comparison.summary() for comparison in self.comparisons]

    def to_dict(self) -> dict[str, object]:
        """JSON form, as emitted by ``resdiff evolution --format json``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "versions": [
                {"path": d.path, "symbol": d.symbol, "title": d.title} for d in self.documents
            ],
            "steps": [
                {"from": i, "to": i + 1, "summary": c.summary(), "renumbered": c.renumbered}
                for i, c in enumerate(self.comparisons)
            ],
            "clauses": [clause.to_dict() for clause in self.clauses],
        }


def evolution(documents: Sequence[Document], *, threshold: float = DEFAULT_THRESHOLD) -> Evolution:
    """Follow every clause through ``documents`` (oldest first; at least two).

    >>> from resdiff.parse import parse_text
    >>> v = [parse_text(t) for t in ("The Council,\\n1. Decides;", "The Council,\\n1. Decides;\\n"
    ...                               "2. Urges;", "The Council,\\n1. Decides;\\n2. Encourages;")]
    >>> [[s.state for s in c.steps] for c in evolution(v).clauses]
    [['original', 'unchanged', 'unchanged'], ['absent', 'added', 'reworded']]
    """
    if len(documents) < 2:
        raise UsageError("evolution needs at least two versions")
    docs = list(documents)
    comparisons = [compare(a, b, threshold=threshold) for a, b in pairwise(docs)]
    chain = _Chain(docs[0])
    for version, comparison in enumerate(comparisons, start=1):
        chain.follow(version, comparison)
    return Evolution(docs, comparisons, chain.ordered())


class _Chain:
    """Clauses under construction, keyed by the paragraphs of the latest version."""

    def __init__(self, first: Document) -> None:
        self.clauses: list[Clause] = [Clause([Step("original", p)]) for p in first.paragraphs]
        self.current: dict[int, Clause] = {
            id(p): c for p, c in zip(first.paragraphs, self.clauses, strict=True)
        }
        self.order: list[Clause] = list(self.clauses)

    def follow(self, version: int, comparison: Comparison) -> None:
        """Extend every clause by the step ``comparison`` leads to (version ``version``)."""
        following: dict[int, Clause] = {}
        for change in comparison.changes:
            self._apply(version, change, following)
        for clause in self.clauses:
            if len(clause.steps) == version:
                clause.steps.append(Step("absent"))
        self._place_new(comparison.new, following)
        self.current = following

    def _apply(self, version: int, change: Change, following: dict[int, Clause]) -> None:
        if change.kind == "added":
            self._start(version, Step("added", change.new[0], change), following)
            return
        owners = [self.current[id(p)] for p in change.old]
        if change.kind == "removed":
            owners[0].steps.append(Step("removed", None, change))
            return
        owners[0].steps.append(Step(change.kind, change.new[0], change))
        following[id(change.new[0])] = owners[0]
        for owner in owners[1:]:  # merged: the absorbed clauses end here
            owner.steps.append(Step("merged", None, change))
        for piece in change.new[1:]:  # split: the other pieces start clauses
            origin = f"split from {change.old_label} (V{version})"
            self._start(version, Step("split", piece, change), following, origin)

    def _start(
        self,
        version: int,
        step: Step,
        following: dict[int, Clause],
        origin: str | None = None,
    ) -> None:
        assert step.paragraph is not None
        clause = Clause([Step("absent") for _ in range(version)] + [step], origin)
        self.clauses.append(clause)
        following[id(step.paragraph)] = clause

    def _place_new(self, document: Document, following: dict[int, Clause]) -> None:
        """Insert clauses first seen in ``document`` after the clause read before them."""
        known = {id(c) for c in self.order}
        present = {id(c) for c in following.values()}
        cursor = -1
        for paragraph in document.paragraphs:
            clause = following.get(id(paragraph))
            if clause is None:
                continue
            if id(clause) in known:
                cursor = self.order.index(clause)
                continue
            cursor += 1
            while cursor < len(self.order) and id(self.order[cursor]) not in present:
                cursor += 1  # after the clauses that just ended here: old before new
            self.order.insert(cursor, clause)
            known.add(id(clause))

    def ordered(self) -> list[Clause]:
        """The clauses in reading order."""
        return list(self.order)
