"""The side-by-side view of the HTML report: old | new, one aligned row per change.

Each row holds the old paragraph(s) on the left, deleted words marked, and the
new paragraph(s) on the right, inserted words marked, so that a pair reads
across. An added paragraph has an empty left cell, a removed one an empty
right cell. A moved paragraph's row stands where it is now and links to a
ghost row where it stood, which links back. The HTML report shows this view or
the inline one (a CSS-only switch); all document text is escaped.
"""

from __future__ import annotations

from resdiff.model import Change, Paragraph, PartChange
from resdiff.redline import Redline, fold
from resdiff.renderers.common import part_label
from resdiff.renderers.html import Row, _Ghost, _Ids, _labels, _marked, esc

CSS = """
.sbs { display: none; background: var(--paper); border: 1px solid var(--rule);
  border-radius: 10px; padding: .5rem .75rem 1rem; }
#view-sbs:checked ~ .page .sbs { display: block; }
#view-sbs:checked ~ .page main.inline { display: none; }
#view-sbs:checked ~ .page .page-wide { max-width: none; }
.sbs table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.sbs th { font: 600 .72rem var(--sans); text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); text-align: left; padding: .4rem .6rem;
  border-bottom: 1px solid var(--rule); }
.sbs td { vertical-align: top; padding: .45rem .6rem; border-top: 1px solid #eef1f4;
  overflow-wrap: break-word; }
.sbs td.old { border-right: 1px solid var(--rule); }
.sbs tr.changed td { border-left: 4px solid var(--kind, transparent); }
.sbs tr.changed td.new { border-left: 0; }
.sbs .lab { display: block; font: 700 .8rem var(--sans); color: var(--ink); }
.sbs .lab a { color: inherit; }
.sbs .note { display: block; font: .75rem var(--sans); color: var(--muted); }
.sbs tr.unchanged td { color: #3c4651; }
.sbs tr.ghost td { font: .8rem var(--sans); color: var(--faint); border-top-style: dashed; }
.sbs .parts { list-style: none; margin: .25rem 0 0; padding-left: 1.2rem; }
#only-changes:checked ~ .page .sbs tr.unchanged:not(.moved) { display: none; }
.views { display: flex; gap: .4rem; margin-right: auto; }
.views label { cursor: pointer; font: .88rem var(--sans); color: var(--muted);
  padding: .3rem .75rem; border: 1px solid var(--rule); border-radius: 6px;
  background: var(--paper); }
#view-inline:checked ~ .page .views label[for="view-inline"],
#view-sbs:checked ~ .page .views label[for="view-sbs"] { color: var(--ink);
  border-color: var(--ink); }
#view-inline:focus-visible ~ .page .views label[for="view-inline"],
#view-sbs:focus-visible ~ .page .views label[for="view-sbs"] { outline: 2px solid var(--ins); }
@media print { .sbs { display: none !important; } main.inline { display: block !important; } }
"""

SWITCH = (
    '<input type="radio" name="view" id="view-inline" class="vh" checked>\n'
    '<input type="radio" name="view" id="view-sbs" class="vh">\n'
)
VIEWS = (
    '<div class="views" role="group" aria-label="View">'
    '<label for="view-inline">Inline</label><label for="view-sbs">Side by side</label></div>'
)


def side_by_side(rows: list[Row], ids: _Ids) -> str:
    """The rows of the report as a two-column table (old | new)."""
    body = [_ghost_row(row, ids) if isinstance(row, _Ghost) else _row(row, ids) for row in rows]
    return (
        '<section class="sbs" aria-label="Side by side">'
        '<table><thead><tr><th scope="col">Old version</th><th scope="col">New version</th>'
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></section>"
    )


def _row(change: Change, ids: _Ids) -> str:
    classes = [change.kind, "changed" if change.kind != "unchanged" else ""]
    if change.moved:
        classes.append("moved")
    if change.technical:
        classes.append("technical")
    anchor = f"sbs-{ids.of(change)}"
    old_note = new_note = ""
    if change.moved and change.old and change.new:
        target = f"sbs-{ids('old', change.old[0].label)}"
        new_note = f'<span class="note"><a href="#{target}">moved from its old place</a></span>'
    if change.kind != "unchanged":
        old_note += f'<span class="note">{esc(change.kind)}</span>' if not change.new else ""
        new_note += f'<span class="note">{esc(_status(change))}</span>' if change.new else ""
    old_cell = _cell(change.old, _old_side(change), old_note)
    new_cell = _cell(change.new, _new_side(change), new_note)
    return (
        f'<tr id="{anchor}" class="{" ".join(c for c in classes if c)}">'
        f'<td class="old">{old_cell}</td><td class="new">{new_cell}</td></tr>'
    )


def _status(change: Change) -> str:
    words: list[str] = [change.kind]
    if change.technical:
        words.append("technical")
    if change.old and change.new and change.kind != "unchanged":
        words.append(f"{change.similarity:.0%} similar")
    return ", ".join(words)


def _cell(paragraphs: list[Paragraph], text: str, note: str) -> str:
    if not paragraphs:
        return ""
    return f'<span class="lab">{_labels(paragraphs)}</span>{note}{text}'


def _old_side(change: Change) -> str:
    """The old text with deleted words marked (the whole of it for a removed paragraph)."""
    if not change.old:
        return ""
    if change.kind == "removed":
        return _marked(change.old_text or _joined(change.old), "del")
    if change.kind == "unchanged":
        return esc(_joined(change.old))
    if change.parts:
        return _parts(change.parts, "old")
    return _one_side(change.redline, "delete")


def _new_side(change: Change) -> str:
    """The new text with inserted words marked (the whole of it for an added paragraph)."""
    if not change.new:
        return ""
    if change.kind == "added":
        return _marked(change.new_text or _joined(change.new), "ins")
    if change.kind == "unchanged":
        return esc(_joined(change.new))
    if change.parts:
        return _parts(change.parts, "new")
    return _one_side(change.redline, "insert")


def _one_side(diff: Redline, keep: str) -> str:
    """One side of a redline: its equal parts plain, its own edits marked."""
    tag = "del" if keep == "delete" else "ins"
    parts = []
    for op, text in fold(diff):
        if op == "equal":
            parts.append(esc(text))
        elif op == keep:
            lead = " " if text.startswith(" ") else ""
            parts.append(lead + _marked(text.lstrip(" "), tag) if text.strip() else text)
    return "".join(parts)


def _parts(parts: list[PartChange], side: str) -> str:
    """A paragraph with sub-items or footnotes, part by part, on one side."""
    text, items = "", []
    keep = "delete" if side == "old" else "insert"
    for part in parts:
        present = part.old_text if side == "old" else part.new_text
        label = part.old_label if side == "old" else part.new_label
        if present is None or (part.part == "footnote" and not part.changed):
            continue
        if part.kind == "reworded":
            body = _one_side(part.redline, keep)
        elif part.kind in ("added", "removed"):
            body = _marked(present, "ins" if side == "new" else "del")
        else:
            body = esc(present)
        if part.part == "text":
            text = body
        else:
            shown = part_label(part) if part.part == "footnote" else (label or "")
            items.append(f"<li>{esc(shown)} {body}</li>")
    listed = f'<ul class="parts">{"".join(items)}</ul>' if items else ""
    return text + listed


def _ghost_row(ghost: _Ghost, ids: _Ids) -> str:
    change = ghost.change
    target = f"sbs-{ids.of(change)}"
    where = f" (after {esc(ghost.after)})" if ghost.after else ""
    return (
        f'<tr id="sbs-{ids("old", change.old[0].label)}" class="ghost">'
        f'<td class="old">{_labels(change.old)} stood here{where}; '
        f'<a href="#{target}">moved to {_labels(change.new)}</a></td><td class="new"></td></tr>'
    )


def _joined(paragraphs: list[Paragraph]) -> str:
    from resdiff.redline import display

    return display(" ".join(p.full_text() for p in paragraphs))
