"""JSON report: the stable contract documented in the README (schema version 1)."""

from __future__ import annotations

import json

from resdiff.classify import fill_texts
from resdiff.model import Comparison
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import shown
from resdiff.safety import json_safe


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as indented JSON (UTF-8 text, not ASCII-escaped)."""
    changes = shown(comparison, options.only_changes, options.hide_technical)
    for change in changes:
        fill_texts(change)
    data = comparison.to_dict()
    data["changes"] = [c.to_dict() for c in changes]
    return dumps(data)


def dumps(data: object) -> str:
    """``data`` as indented UTF-8 JSON; unsafe characters (``resdiff.safety``) as \\u escapes.

    json.dumps escapes only C0 controls when it writes UTF-8; C1 and bidi controls,
    line separators and lone surrogates are escaped too, and decode to the same data.

    >>> dumps({"text": "Decides \\x9b2J \\u202e"})
    '{\\n  "text": "Decides \\\\u009b2J \\\\u202e"\\n}\\n'
    """
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
