"""Markdown report, fit for a pull-request comment: counts table, then each change.

All document text goes through ``resdiff.safety.markdown_text``: markdown and HTML
syntax is escaped, and links, mentions, references and emoji codes are shown as code.
"""

from __future__ import annotations

from resdiff.model import Change, Comparison
from resdiff.redline import Redline, fold
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import (
    change_status,
    change_title,
    display_text,
    doc_name,
    draft_lines,
    force_text,
    part_label,
    parts_summary,
    renumbering_text,
    shown,
    substance_lines,
    vote_lines,
)
from resdiff.renderers.kinds import COUNT_ORDER
from resdiff.safety import markdown_text

ARROW = "→"  # the one arrow of markdown reports: old → new


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as GitHub-flavoured Markdown."""
    counts = comparison.summary()
    kinds = COUNT_ORDER
    old_name = markdown_text(doc_name(comparison, "old"))
    new_name = markdown_text(doc_name(comparison, "new"))
    lines = [
        f"### resdiff: {old_name} {ARROW} {new_name}",
        "",
        "| " + " | ".join(kinds) + " |",
        "|" + "---:|" * len(kinds),
        "| " + " | ".join(str(counts[k]) for k in kinds) + " |",
        "",
    ]
    if comparison.renumbered:
        lines += [f"**Renumbered:** {renumbering_text(comparison.renumbered, ARROW)}", ""]
    for note in comparison.notes:
        lines += [f"**Note:** {markdown_text(note)}", ""]
    substance = substance_lines(comparison, ARROW)
    if substance:
        lines += [*(f"- {_bold_name(markdown_text(line))}" for line in substance), ""]
    votes = vote_lines(comparison, ARROW)
    if votes:
        head = markdown_text(votes[0].removeprefix("Vote: "))
        lines += [f"**Vote:** {head}", "", *(f"- {markdown_text(v)}" for v in votes[1:]), ""]
    if options.preface:
        lines += [f"- {markdown_text(line)}" for line in options.preface] + [""]
    for change in shown(comparison, options.only_changes, options.hide_technical):
        notes = options.change_notes.get(id(change), [])
        lines.extend(_change_lines(change, options.explain, notes))
    return "\n".join(lines).rstrip("\n") + "\n"


def _change_lines(change: Change, explain: bool, extra: list[str] | None = None) -> list[str]:
    summary = parts_summary(change, ARROW)
    status = change_status(change)
    if summary is not None:
        status = markdown_text(summary) + status.removeprefix(change.kind)
    title = f"**{markdown_text(change_title(change, ARROW))}** — {status}"
    if change.old and change.new and change.kind != "unchanged":
        title += f" ({change.similarity:.0%})"
    force = force_text(change, ARROW)
    if force:
        title += f" · **{markdown_text(force)}**"
    if explain:
        title += (
            f" · method `{change.method}`, similarity {change.similarity:.2f},"
            f" score {change.score:.2f}"
        )
    if change.kind == "unchanged":
        return [f"- {title}", ""]
    if change.kind == "added":
        body = f"**{markdown_text(display_text(change.new[0]))}**"
    elif change.kind == "removed":
        body = f"~~{markdown_text(display_text(change.old[0]))}~~"
    elif change.parts:
        return [f"- {title}", "", *_parts_lines(change), "", *_notes(change, extra)]
    else:
        body = _redline(change.redline)
    return [f"- {title}", "", f"  > {body}", "", *_notes(change, extra)]


def _bold_name(line: str) -> str:
    """'New: OP21' as '**New:** OP21'."""
    name, _, rest = line.partition(": ")
    return f"**{name}:** {rest}"


def _notes(change: Change, extra: list[str] | None = None) -> list[str]:
    lines_in = [*draft_lines(change, ARROW), *(extra or [])]
    notes = [f"  - {markdown_text(line)}" for line in lines_in]
    if change.redline_note:
        notes.insert(0, f"  - note: {markdown_text(change.redline_note)}")
    return [*notes, *([""] if notes else [])]


def _redline(diff: Redline) -> str:
    return "".join(_redline_part(op, text) for op, text in fold(diff))


def _parts_lines(change: Change) -> list[str]:
    """The paragraph's own text, then one quoted line per sub-item and changed footnote."""
    lines = []
    for part in change.parts:
        if part.part == "footnote" and not part.changed:
            continue
        if part.kind == "reworded":
            body = _redline(part.redline)
        elif part.kind == "added":
            body = f"**{markdown_text(part.new_text or '')}**"
        elif part.kind == "removed":
            body = f"~~{markdown_text(part.old_text or '')}~~"
        else:
            body = markdown_text(part.new_text or "")
        if part.part != "text":
            status = f" *{part.kind}*:" if part.changed else ""
            body = f"{markdown_text(part_label(part, ARROW))}{status} {body}"
        lines.append(f"  > {body}")
    return [line for pair in zip(lines, ["  >"] * len(lines), strict=True) for line in pair][:-1]


def _redline_part(op: str, text: str) -> str:
    if op == "equal" or not text.strip():
        return "" if op == "delete" else markdown_text(text)  # a space-only edit shows as spacing
    lead = " " if text.startswith(" ") else ""
    body = markdown_text(text.strip())
    return f"{lead}~~{body}~~" if op == "delete" else f"{lead}**{body}**"
