"""Line patterns read by more than one pass.

The document symbol, the opening line, the numbered title, printed paragraph
numbers, draft labels, the meeting line, the start of a vote record and the
footnote rule: the passes find the parts of a resolution by them. A pattern
only one pass uses lives in that pass's module.
"""

from __future__ import annotations

import re

from resdiff.vocabulary import DRAFT_LABEL_SUFFIX

# The English month names, as the documents print dates ("25 September 2015").
MONTHS = (
    "January February March April May June July August September October November December"
).split()

# A document symbol: "A/RES/80/204", "A/C.3/80/L.35/Rev.1", "S/2024/557", "A/HRC/RES/41/3".
SYMBOL_RE = re.compile(
    r"\b(?:A|S|E|ST|UNEP|TD|CRC|CEDAW|CCPR|DP|ICCD|FCCC|UNW|CD)"
    r"(?:/[A-Z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*)+"
)
# "The General Assembly," opens the body; some texts leave out the comma.
OPENING_RE = re.compile(
    r"^[*_]{0,2}The\s+((?:[A-Z][\w\-’']*\s+){0,6}"
    r"(?:Council|Assembly|Commission|Committee|Conference|Board|Organization|Meeting|Forum|Body))"
    r"\s*,?[*_]{0,2}\s*,?$"
)
TITLE_RE = re.compile(r"^[*_#\s]{0,4}(\d{1,3}/\d{1,4}(?:\s?[A-Z])?)\.\s+(.+?)[*_]{0,2}$")
NUMBERED_RE = re.compile(r"^[*_#\s]{0,3}(\d{1,5})\.[*_]{0,2}\s+(.*)$")
# A printed number alone on its line ("12."), its text on the next line.
NUMBER_ALONE_RE = re.compile(r"^[*_]{0,2}(\d{1,5})\.[*_]{0,2}$")
SUBITEM_RE = re.compile(r"^[*_]{0,2}\(([a-z]{1,2}|[ivxlc]{1,6})\)[*_]{0,2}\s+(.*)$")
SUBITEM_ALONE_RE = re.compile(r"^[*_]{0,2}\(([a-z]{1,2}|[ivxlc]{1,6})\)[*_]{0,2}$")
# Negotiation drafts label their paragraphs: "PP1", "OP3", "OP3 bis", "OP3 alt", "OP 5 (new)".
DRAFT_LABEL_RE = re.compile(
    r"^[*_]{0,2}(?P<kind>PP|OP)\s?(?P<number>\d{1,3})"
    rf"(?:\s?(?P<suffix>(?i:{DRAFT_LABEL_SUFFIX})))?"
    r"(?:\s?\((?P<new>(?i:new))\))?[*_]{0,2}(?:[.:)]|\s[-–—])?[*_]{0,2}(?:\s+|$)"
)
MEETING_RE = re.compile(
    r"^[*_]{0,2}(\d{1,4}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\b.*?)"
    r"[*_]{0,2}$",
    re.I,
)
VOTE_START_RE = re.compile(r"^\[?\s*Adopted\b|^In favour\s*:", re.I)
# The short rule printed above the footnotes at a page bottom.
FOOTNOTE_RULE_RE = re.compile(r"^_{3,}\s*$")
ANNEX_RE = re.compile(r"^[*_#\s]{0,4}Annex(?:\s+([IVXLC]+|\d{1,2}))?[*_]{0,2}$", re.I)
