"""Terminal report: one block per paragraph, redlines inline, ANSI colour when asked."""

from __future__ import annotations

import textwrap

from resdiff.model import Change, Comparison
from resdiff.redline import Redline, fold
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import (
    change_status,
    change_title,
    display_text,
    doc_name,
    draft_lines,
    fit,
    force_text,
    part_label,
    parts_summary,
    renumbering_text,
    shown,
    substance_lines,
    summary_line,
    vote_lines,
)
from resdiff.renderers.kinds import GREEN, RED, STYLES
from resdiff.safety import visible, visible_line

BOLD, STRIKE, RESET = "\x1b[1m", "\x1b[9m", "\x1b[0m"
MIN_PREVIEW = 20
# Redline marks without colour: (open deleted, close deleted, open inserted, close inserted),
# the first whose characters no compared text holds (git's word-diff marks come first).
MARKERS = (
    ("[-", "-]", "{+", "+}"),
    ("{-", "-}", "{+", "+}"),
    ("«-", "-»", "«+", "+»"),
    ("⟦-", "-⟧", "⟦+", "+⟧"),
)


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as a plain-text (optionally coloured) report."""
    paint, width = _Painter(options.color, _markers(comparison)), options.width
    names = f"{visible_line(doc_name(comparison, 'old'))} -> "
    names += visible_line(doc_name(comparison, "new"))
    lines = [paint(BOLD, piece) for piece in fit(f"resdiff: {names}", width)]
    head = [summary_line(comparison)]
    if comparison.renumbered:
        head.append(f"Renumbered: {renumbering_text(comparison.renumbered)}")
    votes = vote_lines(comparison)
    head += votes[:1] + [f"  {line}" for line in votes[1:]]
    head += [visible_line(line) for line in substance_lines(comparison)]
    head += [f"Note: {visible_line(note)}" for note in comparison.notes]
    if not paint.enabled and paint.markers != MARKERS[0]:
        deleted, inserted = (
            paint.markers[0] + "..." + paint.markers[1],
            "{}...{}".format(*paint.markers[2:]),
        )
        head.append(f"Marks: {deleted} deleted, {inserted} inserted (the texts hold brackets)")
    lines += [piece for line in head for piece in fit(line, width)]
    lines.append("")
    if options.preface:
        lines += [piece for line in options.preface for piece in fit(line, width)] + [""]
    for change in shown(comparison, options.only_changes, options.hide_technical):
        notes = options.change_notes.get(id(change), [])
        lines.extend(_change_lines(change, paint, options.explain, options.width, notes))
    return "\n".join(lines).rstrip("\n") + "\n"


def _markers(comparison: Comparison) -> tuple[str, str, str, str]:
    """The first marks of ``MARKERS`` that none of the compared paragraphs' texts hold."""
    texts = [text for change in comparison.changes for op, text in change.redline if op != "equal"]
    texts += [p.full_text() for p in [*comparison.old.paragraphs, *comparison.new.paragraphs]]
    held = set("".join(texts))
    for marks in MARKERS:
        if not held & set("".join(marks).replace("-", "").replace("+", "")):
            return marks
    return MARKERS[-1]


class _Painter:
    def __init__(self, enabled: bool, markers: tuple[str, str, str, str] = MARKERS[0]) -> None:
        self.enabled = enabled
        self.markers = markers

    def __call__(self, style: str, text: str) -> str:
        return f"{style}{text}{RESET}" if self.enabled and text else text


def _change_lines(
    change: Change, paint: _Painter, explain: bool, width: int, notes: list[str] | None = None
) -> list[str]:
    style = STYLES[change.kind]
    summary = parts_summary(change)
    if change.kind == "removed":
        head = f"{style.sign} {change_title(change)}"  # 'OP33 (removed)'
    elif summary is None:
        head = f"{style.sign} {change_title(change)}  {change_status(change)}"
    else:
        flags = change_status(change).removeprefix(change.kind)
        head = f"{style.sign} {change_title(change)} {summary}{flags}"
    if change.kind != "unchanged":
        head += f" ({change.similarity:.0%})" if change.old and change.new else ""
    if explain:
        head += (
            f"  [method: {change.method}, similarity {change.similarity:.2f},"
            f" score {change.score:.2f}]"
        )
    if change.kind == "unchanged":
        room = max(MIN_PREVIEW, width - len(head) - 2)
        return [paint(style.terminal, f"{head}  {_preview(display_text(change.new[0]), room)}")]
    lines = [paint(style.terminal, piece) for piece in fit(head, width)]
    force = force_text(change)
    if force:
        lines += [paint(BOLD, piece) for piece in fit(f"    {force}", width)]
    if change.kind == "added":
        body = paint(GREEN, display_text(change.new[0]))
    elif change.kind == "removed":
        body = paint(RED, display_text(change.old[0]))
    elif change.parts:
        body = ""
        lines.extend(_parts_lines(change, paint, width))
    else:
        body = _redline_text(change.redline, paint)
    if body:
        lines.extend(_indent(body, width))
    if change.redline_note:
        lines.extend(_indent(f"· note: {visible_line(change.redline_note)}", width, "      "))
    for line in [*draft_lines(change), *(notes or [])]:
        lines.extend(_indent(f"· {line}", width, "      "))
    lines.append("")
    return lines


def _preview(text: str, room: int) -> str:
    """The opening words of ``text`` in at most ``room`` characters, " ..." marking a cut.

    A long report has one preview per unchanged paragraph, so this cuts at the
    last space that fits rather than running ``textwrap`` over the paragraph.
    """
    words = " ".join(text[: room * 4].split())
    if len(words) <= room and len(text) <= room * 4:
        return words
    room -= len(" ...")
    cut = words.rfind(" ", 0, room + 1)
    return f"{words[:cut] if cut > 0 else words[:room]} ..."


def _parts_lines(change: Change, paint: _Painter, width: int) -> list[str]:
    """A paired paragraph part by part: its own text, each sub-item on its line (an
    unchanged one shortened), then each footnote that changed."""
    lines: list[str] = []
    for part in change.parts:
        if part.part == "footnote" and not part.changed:
            continue
        label = part_label(part)
        if part.kind == "reworded":
            body = _redline_text(part.redline, paint)
        elif part.kind == "added":
            body = paint(GREEN, visible(part.new_text or ""))
        elif part.kind == "removed":
            body = paint(RED, visible(part.old_text or ""))
        elif part.part == "text":
            body = visible(part.new_text or "")
        else:
            body = _preview(visible(part.new_text or ""), max(MIN_PREVIEW, width - 12 - len(label)))
        if part.part == "text":
            lines.extend(_indent(body, width))
            continue
        sign = STYLES[part.kind].sign if part.changed else " "
        head = f"{sign} {label}" + (f" {part.kind}:" if part.changed else "")
        lines.extend(_indent(f"{head} {body}", width, "        "))
    return lines


def _redline_text(diff: Redline, paint: _Painter) -> str:
    parts = []
    for op, text in fold(diff):
        text = visible(text)
        if op == "equal" or not text.strip():
            parts.append("" if op == "delete" else text)  # a space-only edit shows as spacing
        elif paint.enabled:
            parts.append(paint(RED + STRIKE, text) if op == "delete" else paint(GREEN, text))
        else:
            lead = " " if text.startswith(" ") else ""
            body = text.lstrip(" ")
            opens, closes = paint.markers[:2] if op == "delete" else paint.markers[2:]
            parts.append(f"{lead}{opens}{body}{closes}")
    return "".join(parts)


def _indent(text: str, width: int, subsequent: str = "    ") -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent="    ",
        subsequent_indent=subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
