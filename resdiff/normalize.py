"""Text normalisation: what counts as "the same words" when comparing clauses.

Two paragraphs are the same when their token keys are equal. A key ignores
case, typographic variants of quotes and hyphens, markdown emphasis, footnote
markers and the spacing that PDF extraction adds or loses around hyphens and
punctuation. Display text is never changed by these functions.
"""

from __future__ import annotations

import re
import unicodedata

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

_QUOTE_MAP = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "‐": "-",
    "‑": "-",
    "‒": "–",
    "—": "–",
    "―": "–",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u00ad": "",
}
_QUOTES = str.maketrans(_QUOTE_MAP)
_QUOTE_PAIRS = tuple(_QUOTE_MAP.items())

# A token is a word (letters/digits joined by internal hyphens or apostrophes),
# a run of superscript digits (a footnote marker), or one punctuation mark.
_WORD = r"[^\W_⁰¹²³⁴⁵⁶⁷⁸⁹]+"
TOKEN_RE = re.compile(rf"{_WORD}(?:[-‐‑'’]{_WORD})*|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[^\w\s⁰¹²³⁴⁵⁶⁷⁸⁹]|_")
_MARKER_RE = re.compile(r"\[\^(\d{1,3})\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_EMPHASIS_RE = re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])")


def to_superscript(number: str) -> str:
    """Write a footnote number in superscript digits.

    >>> to_superscript("12")
    '¹²'
    """
    return number.translate(_TO_SUPERSCRIPT)


def from_superscript(marker: str) -> str:
    """Read superscript digits back as an ordinary number string.

    >>> from_superscript("¹²")
    '12'
    """
    return marker.translate(_FROM_SUPERSCRIPT)


def strip_emphasis(text: str) -> str:
    """Remove markdown emphasis marks around words.

    >>> strip_emphasis("1. *Also reaffirms* that __States__ ...")
    '1. Also reaffirms that States ...'
    """
    if "*" not in text and "_" not in text:
        return text
    return _EMPHASIS_RE.sub("", text)


def strip_markers(text: str) -> str:
    """Remove footnote markers (superscript digits and ``[^n]``).

    >>> strip_markers("at its fifty-second session,¹ and [^2]")
    'at its fifty-second session, and '
    """
    if "[^" not in text and not _has_any(text, SUPERSCRIPT_DIGITS):
        return text
    return _MARKER_RE.sub("", text)


def tokens(text: str) -> list[str]:
    """Split display text into word and punctuation tokens (markers and emphasis kept out).

    >>> tokens("*Urges* States, inter alia,² to act;")
    ['Urges', 'States', ',', 'inter', 'alia', ',', 'to', 'act', ';']
    """
    return [t for t in TOKEN_RE.findall(strip_emphasis(text)) if not is_marker(t)]


def is_marker(token: str) -> bool:
    """True for a footnote-marker token (superscript digits)."""
    return bool(token) and all(ch in SUPERSCRIPT_DIGITS for ch in token)


def token_key(token: str) -> str:
    """The comparison form of one token: case and typographic variants folded.

    >>> token_key("Non‑interference"), token_key("“")
    ('non-interference', '"')
    """
    return unicodedata.normalize("NFKC", token.translate(_QUOTES)).casefold()


def normalise(text: str) -> str:
    """The comparison form of a paragraph: token keys joined by single spaces.

    >>> normalise("*Decides* to remain  seized of the matter.")
    'decides to remain seized of the matter .'
    >>> normalise("Secretary -General’s report,³") == normalise("Secretary-General's report,")
    True
    """
    if len(text) > _CHUNK:
        return " ".join(filter(None, map(_normalise, _chunks(text))))
    return _normalise(text)


# A text longer than this is normalised in pieces, so that its token list never exists
# whole (a 16 MB paragraph made a list of 3 million strings, several hundred MiB).
_CHUNK = 256 * 1024
_SAFE_CUT = re.compile(r"(?<=[^\W_])\s+(?=[^\W_⁰¹²³⁴⁵⁶⁷⁸⁹])")


def _chunks(text: str) -> list[str]:
    """``text`` cut at white space between two letters or digits, about every ``_CHUNK``
    characters. No rule of ``normalise`` looks across such a space (they look at spaces
    next to hyphens, punctuation, emphasis marks and footnote markers), so normalising
    the pieces gives the same tokens as normalising the whole."""
    pieces = []
    start = 0
    while len(text) - start > _CHUNK:
        cut = _SAFE_CUT.search(text, start + _CHUNK)
        if cut is None:
            break
        pieces.append(text[start : cut.start()])
        start = cut.end()
    pieces.append(text[start:])
    return pieces


def _normalise(text: str) -> str:
    clean = strip_markers(repair_spacing(strip_emphasis(text)))
    if not clean.isascii():  # quotes, dashes and compatibility forms are never ASCII
        if _has_any(clean, _INNER_DASHES):
            clean = _INNER_DASH.sub("-", clean)
        clean = unicodedata.normalize("NFKC", _fold_quotes(clean))
    return " ".join(_tokens(clean.casefold()))


def _has_any(text: str, characters: str) -> bool:
    return any(ch in text for ch in characters)


def _fold_quotes(text: str) -> str:
    """``text.translate(_QUOTES)``, done as a few substring tests (several times faster)."""
    for character, replacement in _QUOTE_PAIRS:
        if character in text:
            text = text.replace(character, replacement)
    return text


def _tokens(text: str) -> list[str]:
    """``TOKEN_RE.findall(text)`` for text without superscript digits, faster: a
    whitespace-separated word of letters and digits only is one token, and only
    the other words go through the regular expression."""
    found: list[str] = []
    for word in text.split():
        if word.isalnum():
            found.append(word)
        else:
            found += TOKEN_RE.findall(word)
    return found


# A space next to a hyphen, or before a mark: substring tests are faster than a search.
_NEEDS_REPAIR = (
    tuple(f" {mark}" for mark in "-‐‑,;:.–—")
    + tuple(f"{hyphen} " for hyphen in "-‐‑")
    + tuple(f"{dash} " for dash in "–—")
)
_INNER_DASHES = "–—‒―"
_INNER_DASH = re.compile(rf"(?<=\w)[{_INNER_DASHES}](?=\w)")  # "51–55" reads as "51-55"
_SPACED_HYPHEN = re.compile(r"(?<=[a-z]) ([-‐‑]) (?!(?:and|or|to|nor|as well)(?:\s|$))(?=[a-z])")
_SPACE_BEFORE_HYPHEN = re.compile(r"(?<=\w) +([-‐‑])(?=\w)")
_SPACE_AFTER_HYPHEN = re.compile(r"(?<=\w)([-‐‑]) +(?!(?:and|or|to|nor|as well)(?:\s|$))(?=\w)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[,;:.](?:\s|$))")
_SPACED_RANGE = re.compile(r"(?<=\d) ?([–—]) ?(?=\d)")  # "2016 –2025" reads "2016–2025"


def repair_spacing(text: str) -> str:
    """Undo spacing that text extraction breaks around hyphens and punctuation.

    A hyphen with a space on one side only is closed up, unless the next word
    is a conjunction ("troop- and police-contributing"), and so is a hyphen
    (not a dash) spaced on both sides between lower-case words, and a dash
    between two numbers (a range of years).

    >>> repair_spacing("post- conflict and multi ‑ethnic forces , troop- and police-")
    'post-conflict and multi‑ethnic forces, troop- and police-'
    >>> repair_spacing("gender - based violence – and more, 2016 –2025")
    'gender-based violence – and more, 2016–2025'
    """
    if not any(pair in text for pair in _NEEDS_REPAIR):
        return text
    text = _SPACED_RANGE.sub(r"\1", text)
    text = _SPACED_HYPHEN.sub(r"\1", text)
    text = _SPACE_BEFORE_HYPHEN.sub(r"\1", text)
    text = _SPACE_AFTER_HYPHEN.sub(r"\1", text)
    return _SPACE_BEFORE_PUNCT.sub("", text)
