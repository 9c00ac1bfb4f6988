"""Helpers shared by the renderers: labels, counts, renumbering ranges, safe text."""

from __future__ import annotations

import re

from resdiff.model import Change, Comparison, Paragraph
from resdiff.normalize import strip_emphasis

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """Replace control characters (terminal escapes, bidi overrides) with a visible mark.

    >>> inert("a\\x1b[31mred")
    'a\\ufffd[31mred'
    """
    return _CONTROL_RE.sub("\ufffd", text)


def summary_line(comparison: Comparison) -> str:
    """'3 unchanged, 2 reworded (1 technical), 1 added, ...' for the report's first line."""
    counts = comparison.summary()
    parts = []
    for kind in ("unchanged", "reworded", "added", "removed", "moved", "split", "merged"):
        text = f"{counts[kind]} {kind}"
        if kind == "reworded" and counts["technical"]:
            text += f" ({counts['technical']} technical)"
        parts.append(text)
    return ", ".join(parts)


def renumbering_text(renumbered: dict[str, str]) -> str:
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
        parts.append(f"{a0} -> {b0}" if len(run) == 1 else f"{a0}-{a1} -> {b0}-{b1}")
    return ", ".join(parts)


def change_title(change: Change) -> str:
    """'OP4 -> OP5' style label of a change (one side only when added or removed)."""
    if not change.old:
        return change.new_label
    if not change.new:
        return change.old_label
    if change.old_label == change.new_label:
        return change.new_label
    return f"{change.old_label} -> {change.new_label}"


def change_status(change: Change) -> str:
    """'reworded, moved, technical' - the kind with its flags."""
    words = [change.kind]
    if change.moved:
        words.append("moved")
    if change.technical:
        words.append("technical")
    return ", ".join(words)


def shown(comparison: Comparison, only_changes: bool) -> list[Change]:
    """The changes a report lists: all, or only those that are not plain unchanged."""
    if not only_changes:
        return comparison.changes
    return [c for c in comparison.changes if c.kind != "unchanged" or c.moved]


def doc_name(comparison: Comparison, side: str) -> str:
    """The symbol of one side, else its path, else 'old'/'new'."""
    doc = comparison.old if side == "old" else comparison.new
    return doc.symbol or doc.path or side


def display_text(paragraph: Paragraph) -> str:
    """A paragraph with its sub-items, emphasis marks removed and control characters inert."""
    return inert(strip_emphasis(paragraph.full_text()))
