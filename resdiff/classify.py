"""Turn an alignment into Changes: kind, redline, technical flag, reading order, renumbering."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from resdiff.align import Alignment, Group, Work
from resdiff.align import similarity as similarity_of
from resdiff.analysis.force import force_change
from resdiff.diff import Budget
from resdiff.model import Change, ChangeKind, Paragraph, PartChange
from resdiff.normalize import TOKEN_RE, normalise
from resdiff.parts import paragraph_parts
from resdiff.redline import Redline, display, fold, redline_noted

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_ORDINAL_UNITS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TENS_ORDINAL = [t[:-1] + "ieth" for t in _TENS]
_ORDINAL_RE = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)"
    rf"|(?:(?:{'|'.join(_TENS)})[-‐‑])?(?:{'|'.join(_ORDINAL_UNITS)})"
    rf"|(?:{'|'.join(_TENS_ORDINAL)})|hundredth)$",
    re.I,
)
_SYMBOL_PARTS = {"Rev", "Add", "Corr", "Amend", "Sub", "PRST", "RES", "CONF"}


def is_technical_token(token: str, *, in_symbol: bool = False) -> bool:
    """True for a token whose change is technical: a number, year, month, ordinal, symbol part.

    >>> [is_technical_token(t) for t in ["2019", "forty-first", "July", "Urges"]]
    [True, True, True, False]
    """
    if token.isdigit() or re.fullmatch(r"\d+(?:[.,]\d+)*", token):
        return True
    if token.lower() in _MONTHS or _ORDINAL_RE.match(token):
        return True
    if not token[:1].isalnum():
        return True  # punctuation travels with the numbers and symbols around it
    return in_symbol and (token.isupper() or token in _SYMBOL_PARTS)


def is_technical(diff: Redline) -> bool:
    """True when every edit of a redline touches only technical tokens (and there is one);
    a change of spelling alone is no edit.

    Tokens are read one at a time and the answer is given at the first wording token,
    so an edit of megabytes costs no token list.
    """
    edited = False
    for text in _edit_regions(fold(diff)):
        in_symbol = "/" in text  # "/" is a token of its own
        words = tokens = 0
        for match in TOKEN_RE.finditer(text):
            token = match.group()
            if not is_technical_token(token, in_symbol=in_symbol):
                return False
            tokens += 1
            words += token[:1].isalnum()
        if tokens and not words:
            return False  # a punctuation-only edit is an edit of wording
        edited = edited or tokens > 0
    return edited


def _edit_regions(diff: Redline) -> list[str]:
    """The text of each run of edits between equal parts (its pieces joined by a line
    break, so that no token runs from one piece into the next)."""
    regions: list[str] = []
    current: list[str] = []
    for op, text in diff:
        if op == "equal":
            if current:
                regions.append("\n".join(current))
            current = []
        else:
            current.append(text)
    if current:
        regions.append("\n".join(current))
    return regions


def build_changes(
    alignment: Alignment, old: Sequence[Paragraph], new: Sequence[Paragraph]
) -> list[Change]:
    """One Change per group and per unpaired paragraph, in the order a reader meets them.

    Changes follow the new document; a removed paragraph comes right after the
    change that holds the old paragraph preceding it. A coarser method used for the
    similarity of a split or merge is added to ``alignment.notes``.
    """
    keyed: list[tuple[tuple[int, int, int], Change]] = []
    new_position_of_old: dict[int, int] = {}
    budget = Budget()  # the exact redline work of the whole comparison
    work = Work()
    for group in alignment.groups:
        change = _group_change(group, old, new, budget, work)
        keyed.append(((group.new[0], 0, 0), change))
        for i in group.old:
            new_position_of_old[i] = group.new[0]
    for j in alignment.added:
        keyed.append(((j, 0, 0), Change("added", [], [new[j]], 0.0, "none")))
    paired_old = sorted(new_position_of_old)
    for i in alignment.removed:
        anchor = _preceding_anchor(i, paired_old, new_position_of_old)
        keyed.append(((anchor, 1, i), Change("removed", [old[i]], [], 0.0, "none")))
    keyed.sort(key=lambda item: item[0])
    alignment.notes = sorted({*alignment.notes, *work.notes})
    return [change for _, change in keyed]


def fill_texts(change: Change) -> None:
    """Set the change's ``old_text`` and ``new_text`` where they are not set yet.

    ``build_changes`` sets them for changes with a redline; the others (most of a
    long comparison) get them only when a report needs them.
    """
    if change.old_text is None and change.old:
        change.old_text = display(" ".join(p.full_text() for p in change.old))
    if change.new_text is None and change.new:
        change.new_text = display(" ".join(p.full_text() for p in change.new))


def _preceding_anchor(i: int, paired_old: list[int], new_position_of_old: dict[int, int]) -> int:
    """New position of the nearest paired old paragraph before ``i`` (-1 if none).

    A binary search over the sorted paired old indices: scanning back one index
    at a time made a long run of removed paragraphs quadratic.
    """
    before = bisect_left(paired_old, i)
    return new_position_of_old[paired_old[before - 1]] if before else -1


def _group_change(
    group: Group, old: Sequence[Paragraph], new: Sequence[Paragraph], budget: Budget, work: Work
) -> Change:
    old_paras = [old[i] for i in group.old]
    new_paras = [new[j] for j in group.new]
    one_to_one = len(old_paras) == len(new_paras) == 1
    parts = paragraph_parts(old_paras[0], new_paras[0]) if one_to_one else []
    if group.identical:  # the same words: only a footnote can have changed
        parts = parts if any(p.part == "footnote" and p.changed for p in parts) else []
    kind: ChangeKind
    if len(new_paras) > 1:
        kind = "split"
    elif len(old_paras) > 1:
        kind = "merged"
    elif not any(part.changed for part in parts) and (
        group.identical or _same_body(old_paras[0], new_paras[0])
    ):
        return Change(
            "unchanged",
            old_paras,
            new_paras,
            1.0,
            group.method,
            moved=group.moved,
            score=1.0,
            parts=parts,
        )
    else:
        kind = "reworded"
    old_text = " ".join(p.full_text() for p in old_paras)
    new_text = " ".join(p.full_text() for p in new_paras)
    similarity = group.score if group.similarity is None else group.similarity
    if group.identical:
        similarity = 1.0
    if kind in ("split", "merged"):
        similarity = similarity_of(normalise(old_text), normalise(new_text), work)
    diff, note = redline_noted(old_text, new_text, budget)
    return Change(
        old_text=display(old_text),
        new_text=display(new_text),
        kind=kind,
        old=old_paras,
        new=new_paras,
        similarity=similarity,
        score=group.score,
        method=group.method,
        moved=group.moved,
        technical=kind == "reworded" and _technical(diff, parts),
        redline=diff,
        force=force_change(old_paras[0].text, new_paras[0].text) if kind == "reworded" else None,
        parts=parts,
        redline_note=note,
    )


def _same_body(old: Paragraph, new: Paragraph) -> bool:
    """True when two paragraphs differ only in the labels of their sub-items."""
    return bool(old.subitems or new.subitems) and normalise(old.body_text()) == normalise(
        new.body_text()
    )


def _technical(diff: Redline, parts: list[PartChange]) -> bool:
    """True when the paragraph's edits and those of its footnotes are all technical; a
    footnote added or removed is not."""
    notes = [part for part in parts if part.part == "footnote" and part.changed]
    if any(part.kind != "reworded" for part in notes):
        return False
    combined = list(diff)
    for part in notes:
        combined += [("equal", " "), *part.redline]
    return is_technical(combined)


def renumbering(changes: Sequence[Change]) -> dict[str, str]:
    """Old printed number -> new printed number, for paired paragraphs whose number changed."""
    mapping: dict[str, str] = {}
    for change in changes:
        if len(change.old) != 1 or len(change.new) != 1:
            continue
        before, after = change.old[0], change.new[0]
        if before.number and after.number and before.number != after.number:
            mapping[before.number] = after.number
    return dict(sorted(mapping.items(), key=lambda item: int(item[0])))
