"""JSON report: the stable contract documented in the README (schema version 1)."""

from __future__ import annotations

import json
import re

from resdiff.classify import fill_texts
from resdiff.model import Comparison
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import shown


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as indented JSON (UTF-8 text, not ASCII-escaped)."""
    changes = shown(comparison, options.only_changes, options.hide_technical)
    for change in changes:
        fill_texts(change)
    data = comparison.to_dict()
    data["changes"] = [c.to_dict() for c in changes]
    return dumps(data)


# What a terminal would act on if printed raw: DEL, C1 controls (U+009B is a CSI) and bidi
# controls. json.dumps escapes only C0 controls when it writes UTF-8.
_UNSAFE_RE = re.compile(r"[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def dumps(data: object) -> str:
    """``data`` as indented UTF-8 JSON, with the characters in ``_UNSAFE_RE`` as \\u escapes.

    They can only occur inside strings, so the escaped text decodes to the same data.

    >>> dumps({"text": "Decides \\x9b2J \\u202e"})
    '{\\n  "text": "Decides \\\\u009b2J \\\\u202e"\\n}\\n'
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
