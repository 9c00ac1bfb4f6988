"""Line patterns read by more than one pass.

The document symbol, the opening line, the numbered title, printed paragraph
numbers, draft labels, the meeting line and the start of a vote record: the
frame (``lines``) finds the parts of a resolution by them, and ``header`` and
``blocks`` read those parts with them. A pattern only one pass uses lives in
that pass's module.
"""

from __future__ import annotations

import re

SYMBOL_RE = re.compile(
    r"\b(?:A|S|E|ST|UNEP|TD|CRC|CEDAW|CCPR|DP|ICCD|FCCC|UNW|CD)(?:/[A-Z0-9][A-Za-z0-9.\-]*)+\b"
)
_OPENING_RE = re.compile(
    r"^[*_]{0,2}The\s+((?:[A-Z][\w\-’']*\s+){0,6}"
    r"(?:Council|Assembly|Commission|Committee|Conference|Board|Organization|Meeting|Forum|Body)),"
    r"[*_]{0,2}$"
)
_TITLE_RE = re.compile(r"^[*_#\s]{0,4}(\d{1,3}/\d{1,4}(?:\s?[A-Z])?)\.\s+(.+?)[*_]{0,2}$")
_NUMBERED_RE = re.compile(r"^[*_#\s]{0,3}(\d{1,5})\.[*_]{0,2}\s+(.*)$")
# Negotiation drafts label their paragraphs: "PP1", "OP3", "OP3 bis", "OP3 alt", "OP 5 (new)".
_DRAFT_LABEL_RE = re.compile(
    r"^[*_]{0,2}(?P<kind>PP|OP)\s?(?P<number>\d{1,3})"
    r"(?:\s?(?P<suffix>(?i:bis|ter|quater|quinquies|alt(?:\.?\s?\d{1,2})?)))?"
    r"(?:\s?\((?P<new>(?i:new))\))?[*_]{0,2}(?:[.:)]|\s[-–—])?[*_]{0,2}(?:\s+|$)"
)
_MEETING_RE = re.compile(
    r"^[*_]{0,2}(\d{1,4}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b.*?)[*_]{0,2}$", re.I
)
_VOTE_START_RE = re.compile(r"^\[?\s*Adopted\b|^In favour\s*:", re.I)
