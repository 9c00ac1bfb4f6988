"""Renderers: turn a Comparison (or a Document) into a report.

One module per format, each with ``render(comparison, options) -> str | bytes``,
registered in ``RENDERERS``. Modules are imported only when their format is
asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from resdiff.model import Comparison

# format name -> module under resdiff.renderers
RENDERERS = {
    "text": "text",
    "markdown": "markdown",
    "json": "json",
    "html": "html",
    "docx": "docx",
}
BINARY_FORMATS = frozenset({"docx"})


@dataclass(slots=True, frozen=True)
class RenderOptions:
    """How a report is drawn: colours, per-change explanations, unchanged paragraphs shown,
    technical rewordings shown, the width text reports wrap to, and notes: lines shown
    under a change (keyed by the change's ``id``, e.g. the amendment that made it) and
    lines shown before the changes."""

    color: bool = False
    explain: bool = False
    only_changes: bool = False
    width: int = 80
    hide_technical: bool = False
    change_notes: dict[int, list[str]] = field(default_factory=dict, compare=False)
    preface: tuple[str, ...] = ()


def render(
    comparison: Comparison, fmt: str = "text", options: RenderOptions | None = None
) -> str | bytes:
    """Render ``comparison`` in format ``fmt`` (see ``RENDERERS``)."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(RENDERERS)}")
    module = import_module(f"resdiff.renderers.{RENDERERS[fmt]}")
    result: str | bytes = module.render(comparison, options or RenderOptions())
    return result
