"""JSON report: the stable contract documented in the README (schema version 1)."""

from __future__ import annotations

import json

from resdiff.model import Comparison
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import shown


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as indented JSON (UTF-8 text, not ASCII-escaped)."""
    data = comparison.to_dict()
    data["changes"] = [c.to_dict() for c in shown(comparison, options.only_changes)]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
