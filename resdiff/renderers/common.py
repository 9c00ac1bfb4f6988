"""Helpers shared by the renderers: labels, counts, renumbering ranges, shown text.

Document text reaches every report through ``resdiff.safety.visible``.
"""

from __future__ import annotations

import textwrap

from resdiff.model import Change, Comparison, Paragraph, PartChange
from resdiff.normalize import strip_emphasis
from resdiff.renderers.kinds import COUNT_ORDER
from resdiff.safety import quote_name, visible, visible_line


def fit(line: str, width: int, indent: str = "  ") -> list[str]:
    """``line`` cut at spaces into lines of at most ``width`` columns (a word longer than
    that stays whole); continuations keep the line's indentation plus ``indent``.

    >>> fit("3 unchanged, 2 reworded, 1 added", 20)
    ['3 unchanged, 2', '  reworded, 1 added']
    """
    if len(line) <= width:
        return [line]
    lead = line[: len(line) - len(line.lstrip(" "))]
    return textwrap.wrap(
        line,
        width,
        subsequent_indent=lead + indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with ``noun`` in the singular or the plural.

    >>> counted(1, "problem"), counted(2, "version"), counted(0, "country", "countries")
    ('1 problem', '2 versions', '0 countries')
    """
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def summary_line(comparison: Comparison) -> str:
    """'3 unchanged, 2 reworded (1 technical), 1 added, ...' for the report's first line."""
    return counts_line(comparison.summary())


def counts_line(counts: dict[str, int]) -> str:
    """Counts per change kind as one line: '3 unchanged, 2 reworded (1 technical), ...'."""
    parts = []
    for kind in COUNT_ORDER:
        if kind == "technical":
            continue  # given with the reworded count
        text = f"{counts[kind]} {kind}"
        if kind == "reworded" and counts["technical"]:
            text += f" ({counts['technical']} technical)"
        parts.append(text)
    return ", ".join(parts)


def renumbering_text(renumbered: dict[str, str], arrow: str = "->") -> str:
    """Compress an old -> new number map into ranges: '5-9 -> 6-10, 12 -> 11'.

    >>> renumbering_text({"5": "6", "6": "7", "7": "8", "12": "11"})
    '5-7 -> 6-8, 12 -> 11'
    """
    items = [(int(a), int(b)) for a, b in renumbered.items() if a.isdigit() and b.isdigit()]
    runs: list[list[tuple[int, int]]] = []
    for old, new in sorted(items):
        if runs and old == runs[-1][-1][0] + 1 and new == runs[-1][-1][1] + 1:
            runs[-1].append((old, new))
        else:
            runs.append([(old, new)])
    parts = []
    for run in runs:
        (a0, b0), (a1, b1) = run[0], run[-1]
        parts.append(f"{a0} {arrow} {b0}" if len(run) == 1 else f"{a0}-{a1} {arrow} {b0}-{b1}")
    return ", ".join(parts)


def change_title(change: Change, arrow: str = "->") -> str:
    """'OP4 -> OP5', 'OP33 (removed)': the change's unique label (``Change.label``)."""
    return change.title(arrow)


def part_label(part: PartChange, arrow: str = "->") -> str:
    """'(c)', '(c) -> (d)', 'footnote 3', 'footnote 3 -> 4': the part with both labels."""
    before, after = part.old_label, part.new_label
    if before and after and before != after:
        label = f"{before} {arrow} {after}"
    else:
        label = after or before or ""
    return f"footnote {label}" if part.part == "footnote" else label


def parts_summary(change: Change, arrow: str = "->") -> str | None:
    """'(c) reworded, footnote 2 added' when only sub-items or footnotes of a paired
    paragraph changed (its own text did not), else None."""
    changed = change.changed_parts
    text_changed = any(p.part == "text" and p.changed for p in change.parts)
    if not changed or text_changed or change.kind != "reworded":
        return None
    return ", ".join(f"{part_label(p, arrow)} {p.kind}" for p in changed)


def change_status(change: Change) -> str:
    """'reworded, moved, technical' - the kind with its flags."""
    words: list[str] = [change.kind]
    if change.moved:
        words.append("moved")
    if change.technical:
        words.append("technical")
    return ", ".join(words)


def shown(comparison: Comparison, only_changes: bool, hide_technical: bool = False) -> list[Change]:
    """The changes a report lists: all, or only those that are not plain unchanged, and
    without the technical rewordings that did not move when ``hide_technical``."""
    changes = comparison.changes
    if only_changes:
        changes = [c for c in changes if c.kind != "unchanged" or c.moved]
    if hide_technical:
        changes = [c for c in changes if not (c.technical and not c.moved)]
    return changes


def substance_lines(comparison: Comparison, arrow: str = "->") -> list[str]:
    """The substantive changes first, one line per kind: new clauses, removed clauses,
    changes of force, rewordings (splits and merges with them), moves, and last the
    rewordings that are only technical.

    Empty when nothing changed.
    """
    changes = comparison.changes
    groups = [
        ("New", [c.title(arrow) for c in changes if c.kind == "added"]),
        ("Removed", [c.old_label for c in changes if c.kind == "removed"]),
        ("Force", [f"{c.title(arrow)} {force_text(c, arrow)}" for c in changes if c.force]),
        (
            "Reworded",
            [
                c.title(arrow)
                for c in changes
                if c.kind in ("reworded", "split", "merged") and not c.technical and not c.force
            ],
        ),
        ("Moved", [c.title(arrow) for c in changes if c.moved]),
        ("Technical only", [c.title(arrow) for c in changes if c.technical]),
    ]
    return [
        f"{name}: {('; ' if name == 'Force' else ', ').join(items)}"
        for name, items in groups
        if items
    ]


def doc_name(comparison: Comparison, side: str) -> str:
    """The name the comparison gives one side ("S/2019/90@2"), else its symbol, else its
    path (quoted when it holds unsafe characters), else 'old'/'new'."""
    doc = comparison.old if side == "old" else comparison.new
    name = comparison.old_name if side == "old" else comparison.new_name
    if name:
        return visible_line(name)
    if doc.symbol:
        return visible_line(doc.symbol)
    return quote_name(doc.path) if doc.path else side


def display_text(paragraph: Paragraph) -> str:
    """A paragraph with its sub-items, emphasis marks removed and control characters inert."""
    return visible(strip_emphasis(paragraph.full_text()))


# --------------------------------------------------------------------------- analysis lines

VOTE_LISTS = {
    "in_favour": "in favour",
    "against": "against",
    "abstaining": "abstaining",
    "absent": "absent",
}
PROPOSAL_OUTCOMES = {
    "taken_in": "taken in",
    "dropped": "dropped",
    "reworded": "reworded",
    "open": "still open",
}
QUOTE_WIDTH = 90


def force_text(change: Change, arrow: str = "->") -> str | None:
    """'weakened: Urges -> Encourages' when the opening phrase changed, else None."""
    force = change.force
    if force is None:
        return None
    return f"{force.direction}: {visible(force.old)} {arrow} {visible(force.new)}"


def vote_lines(comparison: Comparison, arrow: str = "->") -> list[str]:
    """The vote change: one line of counts, then one line per country that moved.

    Empty when either version has no recorded vote or nothing changed.
    """
    change = comparison.vote_change
    if change is None or not change.changed:
        return []
    counts = ", ".join(
        f"{VOTE_LISTS[name]} {_count(before)} {arrow} {_count(after)}"
        for name, (before, after) in change.counts.items()
    )
    moved = counted(len(change.moves), "country", "countries")
    lines = [f"Vote: {counts}; {moved} moved"]
    lines += [
        f"{visible_line(m.country)}: {VOTE_LISTS[m.old]} {arrow} {VOTE_LISTS[m.new]}"
        for m in change.moves
    ]
    return lines


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def draft_lines(change: Change, arrow: str = "->") -> list[str]:
    """What a negotiation round did to a paragraph: status, brackets, proposals."""
    draft = change.draft
    if draft is None:
        return []
    lines = []
    if draft.old_status != draft.new_status:
        what = "became agreed" if draft.became_agreed else "status"
        before, after = draft.old_status or "no tag", draft.new_status or "no tag"
        lines.append(f"{what}: {before} {arrow} {after}")
    for bracket in draft.brackets:
        lines.append(f"{_bracket_words(bracket.edit, bracket.kept)}: [{_quote(bracket.text)}]")
    for fate in draft.proposals:
        who = visible(fate.by) if fate.by else "unattributed"
        what = "deletion" if fate.kind == "delete" else "proposal"
        quoted, now = _quote_pair(fate.text, fate.now)
        line = f"{who} {what} {PROPOSAL_OUTCOMES[fate.outcome]}: “{quoted}”"
        lines.append(f"{line} {arrow} “{now}”" if now else line)
    return lines


def _bracket_words(edit: str, kept: bool) -> str:
    if edit == "removed":
        return "bracket removed, text kept" if kept else "bracket removed with its text"
    return "bracket added around old text" if kept else "bracket added with new text"


def _quote(text: str) -> str:
    plain = " ".join(visible(strip_emphasis(text)).split())
    if len(plain) <= QUOTE_WIDTH:
        return plain
    return plain[: QUOTE_WIDTH - 2].rsplit(" ", 1)[0] + " …"


def _quote_pair(text: str, now: str | None) -> tuple[str, str | None]:
    """Both texts quoted; a long shared opening is cut so that the difference shows."""
    if not now:
        return _quote(text), None
    words, other = strip_emphasis(text).split(), strip_emphasis(now).split()
    shared = 0
    while shared < min(len(words), len(other)) and words[shared] == other[shared]:
        shared += 1
    if shared <= 6:
        return _quote(text), _quote(now)
    cut = shared - 3
    return _quote("… " + " ".join(words[cut:])), _quote("… " + " ".join(other[cut:]))
