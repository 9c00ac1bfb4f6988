"""Inside one paired paragraph: its opening text, sub-items and footnotes compared as units.

A paragraph with sub-items ((a)-(h), nested (i)-(iv)) is compared sub-item by
sub-item, so that a report can say ``OP1 (c) reworded`` with the redline of
(c) alone. Sub-items are matched by their text, not their label: identical
texts first, in order (difflib over normalised texts), then, inside each run
of unmatched ones, the most similar pairs in order (``SUBITEM_SIMILARITY``);
the rest are added or removed. A sub-item that only changed its label, because
one before it came or went, is unchanged.

Footnotes are compared the same way, by body: a footnote whose body changed is
a ``reworded`` part of the paragraph that cites it; a new or dropped one is
``added`` or ``removed``; a footnote renumbered with the same body is
unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from resdiff.model import Footnote, Paragraph, PartChange, PartKind, PartOf, Subitem
from resdiff.normalize import normalise
from resdiff.redline import Redline, display, redline

SUBITEM_SIMILARITY = 0.5
Unit = tuple[str, str]  # (label, text) of a sub-item or footnote


def paragraph_parts(old: Paragraph, new: Paragraph) -> list[PartChange]:
    """The parts of a paired paragraph, in the new order, each with how it changed.

    Empty when neither side has sub-items or footnotes: the paragraph's own
    redline says it all.
    """
    if not (old.subitems or new.subitems or old.footnotes or new.footnotes):
        return []
    parts = [_part("text", old.label, new.label, old.text, new.text)]
    parts += _matched("subitem", list(_flat(old.subitems)), list(_flat(new.subitems)))
    parts += _matched("footnote", _notes(old.footnotes), _notes(new.footnotes))
    return parts


def _flat(items: Sequence[Subitem], prefix: str = "") -> Iterator[Unit]:
    """Sub-items depth first, each labelled with its parents' labels: "(a)", "(a)(ii)"."""
    for item in items:
        label = f"{prefix}{item.label or '-'}"
        yield label, item.text
        yield from _flat(item.subitems, label)


def _notes(notes: Sequence[Footnote]) -> list[Unit]:
    return [(note.marker, note.text) for note in notes]


def _matched(part: PartOf, old: list[Unit], new: list[Unit]) -> list[PartChange]:
    """Old and new units matched by text; the result follows the new order, a removed
    unit coming after the unit that preceded it in the old text."""
    old_keys = [normalise(text) for _, text in old]
    new_keys = [normalise(text) for _, text in new]
    pairs: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pairs += [(a1 + k, b1 + k) for k in range(a2 - a1)]
        else:
            pairs += _similar_in_order(old_keys, new_keys, range(a1, a2), range(b1, b2))
    result = []
    for i, j in pairs:
        before = old[i] if i is not None else (None, None)
        after = new[j] if j is not None else (None, None)
        result.append(_part(part, before[0], after[0], before[1], after[1]))
    return result


def _similar_in_order(
    old_keys: list[str], new_keys: list[str], olds: range, news: range
) -> list[tuple[int | None, int | None]]:
    """Pairs of similar units inside one unmatched run, kept in order; the others alone."""
    pairs: list[tuple[int | None, int | None]] = []
    j = news.start
    for i in olds:
        best = max(
            range(j, news.stop),
            key=lambda k: fuzz.ratio(old_keys[i], new_keys[k]),
            default=None,
        )
        if best is not None and fuzz.ratio(old_keys[i], new_keys[best]) >= SUBITEM_SIMILARITY * 100:
            pairs += [(None, k) for k in range(j, best)]
            pairs.append((i, best))
            j = best + 1
        else:
            pairs.append((i, None))
    pairs += [(None, k) for k in range(j, news.stop)]
    return pairs


def _part(
    part: PartOf,
    old_label: str | None,
    new_label: str | None,
    old_text: str | None,
    new_text: str | None,
) -> PartChange:
    kind: PartKind
    diff: Redline
    if old_text is None:
        kind, diff = "added", []
    elif new_text is None:
        kind, diff = "removed", []
    elif normalise(old_text) == normalise(new_text):
        kind, diff = "unchanged", []
    else:
        kind, diff = "reworded", redline(old_text, new_text)
    return PartChange(
        part=part,
        kind=kind,
        old_label=old_label if old_text is not None else None,
        new_label=new_label if new_text is not None else None,
        old_text=display(old_text) if old_text is not None else None,
        new_text=display(new_text) if new_text is not None else None,
        redline=diff,
    )
