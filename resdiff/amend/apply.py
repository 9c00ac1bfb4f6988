"""Apply amendment instructions to a draft.

The draft is held as *slots*, one per paragraph, each made of *segments*
(the paragraph's own text and each sub-item's text). Instructions name their
targets in the draft's numbering as tabled, so a slot keeps the number it had
in the draft whatever was inserted or deleted around it; a new paragraph is a
slot of its own, placed after (or before) the slot it was inserted after
(before), after any paragraph an earlier instruction inserted there.

Word edits are kept in the coordinates of the segment's original text, so a
later instruction finds the words the draft printed even when an earlier one
changed words nearby; an edit that covers an earlier one replaces it (L.28's
"replace the whole name" after "replace Chernobyl everywhere"). Quoted words
the draft does not print are looked for in the text as amended so far (an
anchor that only exists after an earlier replacement); there the segment is
*rebased*: its amended text becomes its original.

No instruction is applied to a place it does not name: quoted words that
occur more than once in the target are ``ambiguous`` (unless the instruction
replaces every occurrence), and a paragraph the draft does not have, words
the paragraph does not hold, or a paragraph an earlier instruction deleted,
are ``target not found``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from resdiff.align import Alignment, Group
from resdiff.amend.locate import Span, find_all, join, sentences
from resdiff.amend.model import (
    LAST,
    Amendment,
    Application,
    InstructionResult,
    Operation,
    Outcome,
    Ref,
    Target,
)
from resdiff.classify import build_changes, renumbering
from resdiff.model import Comparison, Document, Paragraph, Section, Subitem
from resdiff.normalize import normalise


@dataclass(slots=True)
class _Edit:
    start: int
    end: int
    text: str
    ref: Ref


@dataclass(slots=True)
class _Segment:
    """An editable text: a paragraph's own text, a sub-item's text, or the title."""

    place: str
    original: str
    label: str = ""  # a sub-item's label as printed: "(b)"
    path: str = ""  # a sub-item's label path: "b", "b.ii"
    edits: list[_Edit] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    deleted_by: Ref | None = None
    depth: int = 0

    def current(self) -> str:
        """The text with every edit made."""
        text, position = "", 0
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end)):
            text = join(text + self.original[position : edit.start], edit.text)
            position = edit.end
        return join(text, self.original[position:]) if self.edits else self.original

    def touch(self, ref: Ref) -> None:
        if ref not in self.refs:
            self.refs.append(ref)

    def rebase(self) -> None:
        """Make the amended text the original one (its edits become history)."""
        self.original, self.edits = self.current(), []


@dataclass(slots=True)
class _Slot:
    """One paragraph of the draft as tabled, or one inserted by an instruction."""

    section: Section
    segments: list[_Segment]
    paragraph: Paragraph | None = None  # the draft's paragraph; None when inserted
    deleted_by: Ref | None = None
    inserted_by: Ref | None = None

    @property
    def main(self) -> _Segment:
        return self.segments[0]

    def refs(self) -> list[Ref]:
        found: list[Ref] = []
        for ref in [self.inserted_by, self.deleted_by, *(r for s in self.segments for r in s.refs)]:
            if ref is not None and ref not in found:
                found.append(ref)
        return found


class _Failure(Exception):
    """An operation that cannot be applied: its status, places and the reason."""

    def __init__(self, status: str, detail: str, places: list[str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.places = places or []


def apply(draft: Document, amendments: list[Amendment]) -> Application:
    """Apply every instruction of ``amendments`` to ``draft``, in order."""
    work = _Work(draft)
    results = []
    for amendment in amendments:
        for instruction in amendment.instructions:
            ref = Ref(amendment.name, instruction.number)
            outcomes = [work.apply(operation, ref) for operation in instruction.operations]
            results.append(InstructionResult(ref, instruction, outcomes))
    amended, new_of_old = work.amended_document([a.name for a in amendments])
    comparison, made_by = work.comparison(amended, new_of_old)
    order = {a.name: k for k, a in enumerate(amendments)}
    made_by = [
        sorted(refs, key=lambda r: (order.get(r.amendment, 0), r.instruction)) for refs in made_by
    ]
    return Application(
        draft=draft,
        amendments=list(amendments),
        amended=amended,
        results=results,
        comparison=comparison,
        made_by=made_by,
        title_made_by=list(work.title.refs),
    )


class _Work:
    """The draft being amended."""

    def __init__(self, draft: Document) -> None:
        self.draft = draft
        self.title = _Segment("title", draft.title or "")
        self.slots = [_draft_slot(p) for p in draft.paragraphs]
        self.preamble = [s for s in self.slots if s.section == "preamble"]
        self.operative = [s for s in self.slots if s.section == "operative"]
        self.inserted_after: dict[int, int] = {}  # id(slot) -> paragraphs inserted after it

    # ----------------------------------------------------------------- operations

    def apply(self, operation: Operation, ref: Ref) -> Outcome:
        """Apply one operation; its outcome says whether and where."""
        try:
            places = self._dispatch(operation, ref)
        except _Failure as failure:
            return Outcome(operation, failure.status, failure.places, failure.detail)  # type: ignore[arg-type]
        return Outcome(operation, "applied", places)

    def _dispatch(self, operation: Operation, ref: Ref) -> list[str]:
        kind = operation.kind
        if kind == "insert_paragraph":
            return self._insert_paragraphs(operation, ref)
        if operation.every:
            return self._replace_everywhere(operation, ref)
        slot, segments = self._target(operation.target)
        if kind == "delete_paragraph":
            return self._delete(slot, segments, operation.target, ref)
        if kind == "replace_paragraph":
            return self._replace_paragraph(slot, segments, operation, ref)
        return self._edit_words(segments, operation, ref)

    def _delete(
        self, slot: _Slot | None, segments: list[_Segment], target: Target, ref: Ref
    ) -> list[str]:
        if target.subitem is None:
            assert slot is not None
            slot.deleted_by = ref
        else:
            for segment in segments:
                segment.deleted_by = ref
                segment.touch(ref)
        return [target.label()]

    def _replace_paragraph(
        self, slot: _Slot | None, segments: list[_Segment], operation: Operation, ref: Ref
    ) -> list[str]:
        text = operation.new[0]
        if operation.target.subitem is not None:
            text = _without_label(text, segments[0].label)
        self._add_edit(segments[0], (0, len(segments[0].original)), text, ref)
        if slot is not None and operation.target.subitem is None:
            for segment in slot.segments[1:]:  # the new text replaces the sub-items too
                segment.deleted_by = ref
                segment.touch(ref)
        return [operation.target.label()]

    def _edit_words(self, segments: list[_Segment], operation: Operation, ref: Ref) -> list[str]:
        target = operation.target
        if operation.kind == "delete_words" and operation.old is None:
            segment, span = self._sentence(segments[0], target)
            self._add_edit(segment, span, "", ref)
            return [target.label()]
        if operation.kind == "replace_words" and operation.old is None:
            segment, span = self._sentence(segments[0], target)
            self._add_edit(segment, span, operation.new[0], ref)
            return [target.label()]
        if operation.anchor is None and operation.position in ("start", "end"):
            segment = segments[0]
            span = self._within(segment, target) or (0, len(segment.original))
            point = span[1] if operation.position == "end" else span[0]
            text = operation.new[0]
            if operation.position == "end":
                point = _before_final_mark(segment.original, span)
            self._add_edit(segment, (point, point), text, ref)
            return [target.label()]
        words = operation.old if operation.old is not None else operation.anchor
        assert words is not None
        segment, span = self._find(segments, target, words)
        if operation.kind == "delete_words":
            self._add_edit(segment, span, "", ref, words)
        elif operation.kind == "replace_words":
            self._add_edit(segment, span, operation.new[0], ref, words)
        else:
            point = span[1] if operation.position == "after" else span[0]
            self._add_edit(segment, (point, point), operation.new[0], ref, words)
        return [segment.place]

    def _replace_everywhere(self, operation: Operation, ref: Ref) -> list[str]:
        assert operation.old is not None
        segments = self._scope(operation.target)
        places: list[str] = []
        for segment in segments:
            spans = find_all(segment.original, operation.old)
            if not spans and find_all(segment.current(), operation.old):
                segment.rebase()
                spans = find_all(segment.original, operation.old)
            for span in spans:
                self._add_edit(segment, span, operation.new[0], ref, operation.old)
            if spans and segment.place not in places:
                places.append(segment.place)
        if not places:
            raise _Failure(
                "target not found",
                f"“{_short(operation.old)}” is not in the {operation.target.label()}",
            )
        return places

    def _insert_paragraphs(self, operation: Operation, ref: Ref) -> list[str]:
        target = operation.target
        anchor: _Slot | None
        if target.number is None:
            part = self.preamble if target.kind == "preamble" else self.operative
            if not part:
                raise _Failure("target not found", f"the draft has no {target.label()}")
            anchor, position = self._last_of(part[-1]), "after"
        else:
            anchor, _ = self._target(_with_subitem(target, None))
            position = operation.position or "after"
        assert anchor is not None
        if target.subitem is not None:
            return self._insert_subitems(anchor, target, operation, ref)
        section: Section = anchor.section
        new_slots = [
            _Slot(section, [_Segment("new", text)], inserted_by=ref) for text in operation.new
        ]
        index = self.slots.index(anchor)
        if position == "after":
            index += 1 + self.inserted_after.get(id(anchor), 0)
            self.inserted_after[id(anchor)] = self.inserted_after.get(id(anchor), 0) + len(
                new_slots
            )
        self.slots[index:index] = new_slots
        return [target.label()]

    def _insert_subitems(
        self, slot: _Slot, target: Target, operation: Operation, ref: Ref
    ) -> list[str]:
        matches = [s for s in slot.segments[1:] if s.path == target.subitem]
        if not matches:
            raise _Failure("target not found", f"{target.label()}: no such sub-item in the draft")
        anchor = matches[0]
        index = slot.segments.index(anchor)
        if operation.position != "before":
            index += 1
            while index < len(slot.segments) and slot.segments[index].depth > anchor.depth:
                index += 1
        for text in reversed(operation.new):
            segment = _Segment("new", text, depth=anchor.depth, label="")
            segment.touch(ref)
            slot.segments.insert(index, segment)
        return [target.label()]

    def _last_of(self, slot: _Slot) -> _Slot:
        """The last slot of ``slot``'s run of paragraphs (inserted ones included)."""
        index = self.slots.index(slot)
        while index + 1 < len(self.slots) and self.slots[index + 1].section == slot.section:
            index += 1
        return self.slots[index]

    # ----------------------------------------------------------------- targets

    def _target(self, target: Target) -> tuple[_Slot | None, list[_Segment]]:
        """The slot and the segments an operation acts on; a failure when missing."""
        if target.kind == "title":
            if not self.title.original:
                raise _Failure("target not found", "the draft has no title")
            return None, [self.title]
        slot = self._paragraph(target)
        if slot.deleted_by is not None:
            raise _Failure(
                "target not found",
                f"{target.label()} was deleted by {slot.deleted_by}",
                [_with_subitem(target, None).label()],
            )
        if target.subitem is None:
            return slot, [s for s in slot.segments if s.deleted_by is None]
        found = [s for s in slot.segments[1:] if s.path == target.subitem]
        if not found:
            found = [s for s in slot.segments[1:] if s.path.split(".")[-1] == target.subitem]
        if len(found) != 1:
            status = "ambiguous" if found else "target not found"
            raise _Failure(status, f"{target.label()}: {len(found) or 'no'} such sub-item")
        if found[0].deleted_by is not None:
            raise _Failure(
                "target not found", f"{target.label()} was deleted by {found[0].deleted_by}"
            )
        return slot, found

    def _paragraph(self, target: Target) -> _Slot:
        assert target.number is not None
        if target.kind == "preamble":
            if target.number < 1 or target.number > len(self.preamble):
                raise _Failure(
                    "target not found",
                    f"{target.label()}: the draft has {len(self.preamble)} preambular paragraphs",
                )
            return self.preamble[target.number - 1]
        numbered = [
            s for s in self.operative if s.paragraph and s.paragraph.number == str(target.number)
        ]
        if len(numbered) > 1:
            raise _Failure(
                "ambiguous", f"{target.label()}: the draft prints number {target.number} twice"
            )
        if not numbered:
            numbers = [
                s.paragraph.number for s in self.operative if s.paragraph and s.paragraph.number
            ]
            have = f"{numbers[0]}-{numbers[-1]}" if numbers else "none"
            raise _Failure(
                "target not found", f"{target.label()}: the draft has operative paragraphs {have}"
            )
        return numbered[0]

    def _scope(self, target: Target) -> list[_Segment]:
        """The segments of a whole part ("the preambular paragraphs"), or of one target."""
        if target.kind == "title":
            return [self.title] if self.title.original else []
        if target.number is None:
            part = self.preamble if target.kind == "preamble" else self.operative
            return [
                s
                for slot in part
                if slot.deleted_by is None
                for s in slot.segments
                if s.deleted_by is None
            ]
        return self._target(target)[1]

    def _within(self, segment: _Segment, target: Target) -> Span | None:
        """The span of the sentence ``target`` names, None when it names none."""
        if target.sentence is None:
            return None
        spans = sentences(segment.original)
        index = len(spans) - 1 if target.sentence == LAST else target.sentence - 1
        if not spans or index < 0 or index >= len(spans):
            raise _Failure(
                "target not found", f"{target.label()}: the paragraph has {len(spans)} sentences"
            )
        return spans[index]

    def _sentence(self, segment: _Segment, target: Target) -> tuple[_Segment, Span]:
        span = self._within(segment, target)
        if span is None:
            raise _Failure("target not found", f"{target.label()}: no sentence named")
        return segment, span

    def _find(self, segments: list[_Segment], target: Target, words: str) -> tuple[_Segment, Span]:
        """The one place of ``words`` in the target: in the draft's text first, then in the
        text as amended so far."""
        for amended in (False, True):
            hits: list[tuple[_Segment, Span]] = []
            for segment in segments:
                if amended and not segment.edits:
                    continue
                text = segment.current() if amended else segment.original
                within = self._within(segment, target) if not amended else None
                hits += [(segment, span) for span in find_all(text, words, within)]
            if len(hits) > 1:
                raise _Failure(
                    "ambiguous",
                    f"“{_short(words)}” occurs {len(hits)} times in {target.label()}",
                    [target.label()],
                )
            if hits:
                segment, span = hits[0]
                if amended:
                    segment.rebase()
                return segment, span
        raise _Failure(
            "target not found", f"“{_short(words)}” is not in {target.label()}", [target.label()]
        )

    def _add_edit(
        self, segment: _Segment, span: Span, text: str, ref: Ref, words: str | None = None
    ) -> None:
        """Add an edit; one it covers is replaced, one it cuts across makes the segment rebase
        so that the words are found again in the amended text."""
        start, end = span
        covered = []
        for edit in segment.edits:
            if _overlaps((start, end), (edit.start, edit.end)):
                if start <= edit.start and edit.end <= end and start < end:
                    covered.append(edit)
                else:
                    if words is None:
                        raise _Failure(
                            "target not found", f"{segment.place}: cuts across an earlier edit"
                        )
                    segment.rebase()
                    spans = find_all(segment.original, words)
                    if len(spans) != 1:
                        raise _Failure(
                            "target not found",
                            f"“{_short(words)}” is not in {segment.place} as amended so far",
                        )
                    start, end = spans[0] if start < end else (spans[0][1], spans[0][1])
                    covered = []
                    break
        for edit in covered:
            segment.edits.remove(edit)
        segment.edits.append(_Edit(start, end, text, ref))
        segment.touch(ref)

    # ----------------------------------------------------------------- results

    def amended_document(self, names: list[str]) -> tuple[Document, dict[int, int]]:
        """The amended draft, renumbered; and old paragraph index -> new index."""
        paragraphs: list[Paragraph] = []
        new_of_old: dict[int, int] = {}
        old_index = {id(p): i for i, p in enumerate(self.draft.paragraphs)}
        counters = {"preamble": 0, "operative": 0}
        self.new_slots: list[_Slot] = []
        for slot in self.slots:
            if slot.deleted_by is not None:
                continue
            paragraph = self._paragraph_of(slot, counters)
            if slot.paragraph is not None:
                new_of_old[old_index[id(slot.paragraph)]] = len(paragraphs)
            paragraphs.append(paragraph)
            self.new_slots.append(slot)
        draft = self.draft
        amended = Document(
            paragraphs=paragraphs,
            symbol=f"{draft.symbol or 'draft'} as amended by {', '.join(names)}",
            body=draft.body,
            opening=draft.opening,
            title=self.title.current() or None,
            date=draft.date,
            footnotes=list(draft.footnotes),
            path=None,
        )
        return amended, new_of_old

    def _paragraph_of(self, slot: _Slot, counters: dict[str, int]) -> Paragraph:
        section = slot.section
        original = slot.paragraph
        label, number = (original.label, original.number) if original else ("AX", None)
        if section in counters:
            counters[section] += 1
            position = counters[section]
            if section == "preamble":
                label, number = f"PP{position}", None
            else:
                number = str(position)
                label = f"OP{position}"
        subitems = _subitems(slot.segments[1:])
        if original is None:
            return Paragraph(label, section, slot.main.current(), number, subitems)
        return replace(
            original, label=label, number=number, text=slot.main.current(), subitems=subitems
        )

    def comparison(
        self, amended: Document, new_of_old: dict[int, int]
    ) -> tuple[Comparison, list[list[Ref]]]:
        """The comparison draft -> amended draft, made from the known correspondence (no
        guessing which paragraph became which), and the instructions behind each change."""
        old, new = self.draft.paragraphs, amended.paragraphs
        groups = []
        for i, j in sorted(new_of_old.items()):
            before, after = normalise(old[i].full_text()), normalise(new[j].full_text())
            same = before == after
            score = 1.0 if same else fuzz.ratio(before, after) / 100.0
            groups.append(Group([i], [j], score, "identical" if same else "fuzzy", identical=same))
        removed = [i for i in range(len(old)) if i not in new_of_old]
        paired = set(new_of_old.values())
        added = [j for j in range(len(new)) if j not in paired]
        alignment = Alignment(groups, removed, added)
        changes = build_changes(alignment, old, new)
        comparison = Comparison(self.draft, amended, changes, renumbering(changes), 0.5)
        refs_of = {id(new[j]): self.new_slots[j].refs() for j in range(len(new))}
        for slot in self.slots:
            if slot.deleted_by is not None and slot.paragraph is not None:
                refs_of[id(slot.paragraph)] = [slot.deleted_by]
        made_by = []
        for change in changes:
            refs: list[Ref] = []
            if change.kind != "unchanged":
                for paragraph in change.old + change.new:
                    for ref in refs_of.get(id(paragraph), []):
                        if ref not in refs:
                            refs.append(ref)
            made_by.append(refs)
        return comparison, made_by


# --------------------------------------------------------------------------- helpers


def _draft_slot(paragraph: Paragraph) -> _Slot:
    place = paragraph.label
    segments = [_Segment(place, paragraph.text)]
    segments += _subitem_segments(paragraph.subitems, place, "", 1)
    return _Slot(paragraph.section, segments, paragraph)


def _subitem_segments(items: list[Subitem], place: str, prefix: str, depth: int) -> list[_Segment]:
    segments = []
    for item in items:
        key = item.label.strip("() .").lower()
        path = f"{prefix}.{key}" if prefix else key
        segments.append(_Segment(f"{place} {item.label}", item.text, item.label, path, depth=depth))
        segments += _subitem_segments(item.subitems, place, path, depth + 1)
    return segments


def _subitems(segments: list[_Segment]) -> list[Subitem]:
    """Rebuild the sub-item tree from the segments that remain, by depth."""
    roots: list[Subitem] = []
    stack: list[tuple[int, Subitem]] = []
    for segment in segments:
        if segment.deleted_by is not None:
            continue
        item = Subitem(segment.label, segment.current())
        while stack and stack[-1][0] >= segment.depth:
            stack.pop()
        (stack[-1][1].subitems if stack else roots).append(item)
        stack.append((segment.depth, item))
    return roots


def _overlaps(a: Span, b: Span) -> bool:
    """True when two spans share a character, or a point lies strictly inside a span."""
    if a[0] == a[1]:
        return b[0] < a[0] < b[1]
    if b[0] == b[1]:
        return a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def _before_final_mark(text: str, span: Span) -> int:
    """Where words added "at the end" of a paragraph go: before its final ; , or ."""
    end = span[1]
    while end > span[0] and text[end - 1] in " ¹²³⁴⁵⁶⁷⁸⁹⁰":
        end -= 1
    if end > span[0] and text[end - 1] in ",;.:":
        end -= 1
    return end


def _without_label(text: str, label: str) -> str:
    plain = text.strip()
    if label and plain.startswith(label):
        return plain[len(label) :].strip()
    return plain


def _with_subitem(target: Target, subitem: str | None) -> Target:
    return Target(target.kind, target.number, subitem, None)


def _short(text: str, width: int = 50) -> str:
    plain = " ".join(text.split())
    return plain if len(plain) <= width else plain[: width - 2].rsplit(" ", 1)[0] + " …"
