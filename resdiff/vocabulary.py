"""The marks of negotiation drafts, defined once.

Working drafts carry the state of the negotiation in the text: *status tags*
("[agreed ad ref]", "AD REF", "AGREED", "[deleted]") and *paragraph labels*
with a suffix for an inserted or alternative paragraph ("OP3 bis", "OP3 ter",
"OP3 alt 2"). The parser reads a label and a status line alone, the draft
analysis (``resdiff.analysis.drafts``) reads tags in paragraph text, and
``resdiff check`` reports every one of them as residue in an adopted text;
all three build their patterns from the definitions here, so that a spelling
one of them knows the others know too.

Spellings:

- *ad ref* ("ad referendum"): "ad ref", "ad ref.", "ad-ref", "ad.ref",
  "AD REF"; written as a word of its own;
- *status words*: "agreed", "agreed ad ref", "ad ref", "deleted";
- *label suffixes*: "bis", "ter", "quater", "quinquies" (second to fifth
  paragraph of one number) and "alt" with an optional number ("alt 2").

>>> bool(STATUS_TAG_RE.search("7. Urges States [agreed ad-ref]"))
True
>>> [bool(STATUS_TAG_RE.search(text)) for text in ("AD.REF.", "as agreed in 2019")]
[True, False]
"""

from __future__ import annotations

import re


def _ad_ref(ad: str, ref: str) -> str:
    return rf"{ad}[\s.\-]*{ref}\b\.?"


AD_REF = _ad_ref("ad", "ref")  # use case-insensitively
AD_REF_CAPITALS = _ad_ref("AD", "REF")
STATUS_WORDS = rf"agreed(?:\s+{AD_REF})?|{AD_REF}|deleted"  # use case-insensitively
LABEL_SUFFIXES = ("bis", "ter", "quater", "quinquies")
LABEL_SUFFIX = "|".join(LABEL_SUFFIXES)  # use case-insensitively
ALTERNATIVE = r"alt(?:\.?\s?\d{1,2})?"  # "alt", "alt 2", "alt.1"
DRAFT_LABEL_SUFFIX = rf"{LABEL_SUFFIX}|{ALTERNATIVE}"  # what may follow "OP3"
DELETE_REQUEST = r"delete|del\.?|deletion"  # "[USA: delete]"

# A status tag anywhere in a text: bracketed in any case, bare in capitals, or a
# bare lowercase "agreed ad ref" / "ad ref" (a bare lowercase "agreed" is a word).
STATUS_TAG_RE = re.compile(
    rf"[\[(]\s*(?i:{STATUS_WORDS})\s*[\])]"
    rf"|\b(?:AGREED(?:\s+{AD_REF_CAPITALS})?|{AD_REF_CAPITALS}|DELETED)\b"
    rf"|\bagreed\s+{AD_REF}|\b{AD_REF}"
)
# A line that holds only a status tag, possibly bracketed or emphasised: "*[AGREED]*".
STATUS_LINE_RE = re.compile(rf"^[*_\[(]{{0,3}}\s*(?i:{STATUS_WORDS})\s*[*_\])]{{0,3}}$")
_AD_REF_RE = re.compile(AD_REF, re.I)


def may_hold_status_tag(text: str) -> bool:
    """False when ``text`` certainly holds no status tag: substring tests that spare most
    texts the full search with ``STATUS_TAG_RE``.

    >>> may_hold_status_tag("Urges States to act"), may_hold_status_tag("Urges [AD-REF]")
    (False, True)
    """
    folded = text.casefold()
    return "agreed" in folded or "deleted" in folded or bool(_AD_REF_RE.search(folded))
