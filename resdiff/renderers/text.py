"""Terminal report: one block per paragraph, redlines inline, ANSI colour when asked."""

from __future__ import annotations

import textwrap

from resdiff.model import Change, Comparison
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import (
    change_status,
    change_title,
    display_text,
    doc_name,
    draft_lines,
    force_text,
    renumbering_text,
    shown,
    summary_line,
    vote_lines,
)
from resdiff.safety import visible, visible_line

RED, GREEN, YELLOW, DIM, BOLD, STRIKE, RESET = (
    "\x1b[31m",
    "\x1b[32m",
    "\x1b[33m",
    "\x1b[2m",
    "\x1b[1m",
    "\x1b[9m",
    "\x1b[0m",
)
SIGNS = {
    "unchanged": "=",
    "reworded": "~",
    "added": "+",
    "removed": "-",
    "split": "<",
    "merged": ">",
}
WIDTH = 100
PREVIEW = 70


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as a plain-text (optionally coloured) report."""
    paint = _Painter(options.color)
    lines = [
        paint(
            BOLD,
            f"resdiff: {doc_name(comparison, 'old')} -> {doc_name(comparison, 'new')}",
        ),
        summary_line(comparison),
    ]
    if comparison.renumbered:
        lines.append(f"Renumbered: {renumbering_text(comparison.renumbered)}")
    votes = vote_lines(comparison)
    lines += votes[:1] + [f"  {line}" for line in votes[1:]]
    lines += [f"Note: {visible_line(note)}" for note in comparison.notes]
    lines.append("")
    for change in shown(comparison, options.only_changes):
        lines.extend(_change_lines(change, paint, options.explain))
    return "\n".join(lines).rstrip("\n") + "\n"


class _Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"{style}{text}{RESET}" if self.enabled and text else text


def _change_lines(change: Change, paint: _Painter, explain: bool) -> list[str]:
    head = f"{SIGNS[change.kind]} {change_title(change)}  {change_status(change)}"
    if change.kind != "unchanged":
        head += f" ({change.similarity:.0%})" if change.old and change.new else ""
    if explain:
        head += f"  [method: {change.method}, similarity {change.similarity:.2f}]"
    if change.kind == "unchanged":
        return [paint(DIM, f"{head}  {_preview(display_text(change.new[0]))}")]
    style = {"added": GREEN, "removed": RED}.get(change.kind, YELLOW)
    lines = [paint(style, head)]
    force = force_text(change)
    if force:
        lines.append(paint(BOLD, f"    {force}"))
    if change.kind == "added":
        body = paint(GREEN, display_text(change.new[0]))
    elif change.kind == "removed":
        body = paint(RED, display_text(change.old[0]))
    else:
        body = _redline_text(change, paint)
    lines.extend(_indent(body))
    if change.redline_note:
        lines.extend(_indent(f"· note: {visible_line(change.redline_note)}", "      "))
    for line in draft_lines(change):
        lines.extend(_indent(f"· {line}", "      "))
    lines.append("")
    return lines


def _preview(text: str) -> str:
    """The opening words of ``text`` in at most ``PREVIEW`` characters, " ..." marking a cut.

    A long report has one preview per unchanged paragraph, so this cuts at the
    last space that fits rather than running ``textwrap`` over the paragraph.
    """
    words = " ".join(text[: PREVIEW * 4].split())
    if len(words) <= PREVIEW and len(text) <= PREVIEW * 4:
        return words
    room = PREVIEW - len(" ...")
    cut = words.rfind(" ", 0, room + 1)
    return f"{words[:cut] if cut > 0 else words[:room]} ..."


def _redline_text(change: Change, paint: _Painter) -> str:
    parts = []
    for op, text in change.redline:
        text = visible(text)
        if op == "equal" or not text.strip():
            parts.append("" if op == "delete" else text)  # a space-only edit shows as spacing
        elif paint.enabled:
            parts.append(paint(RED + STRIKE, text) if op == "delete" else paint(GREEN, text))
        else:
            lead = " " if text.startswith(" ") else ""
            body = text.lstrip(" ")
            parts.append(f"{lead}[-{body}-]" if op == "delete" else f"{lead}{{+{body}+}}")
    return "".join(parts)


def _indent(text: str, subsequent: str = "    ") -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent="    ",
        subsequent_indent=subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
