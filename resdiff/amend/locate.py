"""Find quoted words in a paragraph, and the sentences of a paragraph.

Quoted words are found by their tokens, compared as the rest of resdiff
compares words (``resdiff.normalize.token_key``: case, quote and dash
variants folded), so "Secretary -General’s" in an extracted draft is found by
“Secretary-General's” in an amendment. Footnote markers (superscript digits,
``[^n]``) and emphasis marks in the paragraph are skipped: a quotation never
prints them. A match always covers whole words.
"""

from __future__ import annotations

import re

from resdiff.normalize import token_key

# A word is a run of letters and digits (not superscript digits); any other visible
# character is a token of its own. Markers and emphasis marks are skipped.
_TOKEN_RE = re.compile(r"\[\^\d{1,3}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[^\W_⁰¹²³⁴⁵⁶⁷⁸⁹]+|[^\w\s]|_")
_SKIPPED_RE = re.compile(r"\[\^\d{1,3}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[*_]")
_ABBREVIATIONS = frozenset("no nos para paras vol art arts chap sect mr ms dr st e.g i.e".split())
_SENTENCE_END_RE = re.compile(r"\.(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^\d{1,3}\])?(?=\s+[“\"(]?[A-Z0-9])")

Span = tuple[int, int]


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of each token of ``text`` that a quotation would print."""
    return [
        (token_key(m.group(0)), m.start(), m.end())
        for m in _TOKEN_RE.finditer(text)
        if not _SKIPPED_RE.fullmatch(m.group(0))
    ]


def find_all(text: str, words: str, within: Span | None = None) -> list[Span]:
    """Character spans of every occurrence of ``words`` in ``text`` (whole tokens).

    >>> text = "Takes note of the report of the Secretary -General’s Office;¹"
    >>> find_all(text, "Secretary-General's Office;")
    [(32, 60)]
    >>> find_all(text, "of the"), find_all(text, "note of the reports")
    ([(11, 17), (25, 31)], [])
    """
    needle = [key for key, _, _ in _tokens(words)]
    if not needle:
        return []
    hay = _tokens(text)
    if within is not None:
        hay = [t for t in hay if within[0] <= t[1] and t[2] <= within[1]]
    keys = [key for key, _, _ in hay]
    found: list[Span] = []
    first = needle[0]
    for k in range(len(keys) - len(needle) + 1):
        if keys[k] == first and keys[k : k + len(needle)] == needle:
            found.append((hay[k][1], hay[k + len(needle) - 1][2]))
    return found


def sentences(text: str) -> list[Span]:
    """The sentences of a paragraph as character spans: a full stop (and any footnote
    marker after it) followed by a capital or a number ends one, after an
    abbreviation ("No.", "para.") it does not.

    >>> text = "Decides to act. Requests a report by 1 May. Decides to remain seized."
    >>> [text[a:b] for a, b in sentences(text)]
    ['Decides to act.', 'Requests a report by 1 May.', 'Decides to remain seized.']
    >>> len(sentences("See document No. 5 and vol. II of the report."))
    1
    >>> len(sentences("Notes the theme “Acknowledge the past. Repair the present.”;"))
    1
    """
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        before = text[start : match.start()]
        if before.count("“") > before.count("”"):
            continue  # a full stop inside a quotation
        word = re.search(r"([\w.]+)$", before)
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


_NO_SPACE_BEFORE = ",;.:)]”’"
_NO_SPACE_AFTER = "([“‘"


def join(left: str, right: str) -> str:
    """Join two pieces of a paragraph around an edit, with one space between words and
    none before a closing mark or after an opening one.

    >>> join("the plant ", ", which"), join("Stresses", "that"), join("", "  Decides")
    ('the plant, which', 'Stresses that', 'Decides')
    >>> join("in 2026,", ", and notes")
    'in 2026, and notes'

    """
    left_trim, right_trim = left.rstrip(), right.lstrip()
    if not left_trim:
        return right_trim
    if not right_trim:
        return left_trim
    if right_trim[0] in ",;" and left_trim[-1] == right_trim[0]:
        right_trim = right_trim[1:].lstrip()  # "2026," + ", and notes": one comma
        return join(left_trim, right_trim)
    if right_trim[0] in _NO_SPACE_BEFORE or left_trim[-1] in _NO_SPACE_AFTER:
        return left_trim + right_trim
    return f"{left_trim} {right_trim}"
