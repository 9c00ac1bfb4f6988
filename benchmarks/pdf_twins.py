"""Shared helpers for the PDF benchmarks: find the corpus, split and normalise twin texts.

The ``.txt`` twin of each corpus PDF is mostly one paragraph per line, but some
paragraphs are broken across lines (at page breaks, or wrapped and indented).
``twin_paragraphs`` rejoins them with a simple rule; ``normalise`` makes a
paragraph comparable across sources. Both are plain functions so that they can
later be swapped for ``resdiff.parse``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "unsc"

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_LEADING_NUMBER = re.compile(r"^\s*(\d+\.|\([a-z]{1,5}\)|\(\d+\))\s+")
_FOOTNOTE_MARKER = re.compile(r"(?<=[a-z\)\.,;:])\d{1,2}(?=\s|$)")
_CLOSED = re.compile(r"([,;:.]|;\s+(and|or))(\s?\d{1,2})?$")
_STRAY_MARKER = re.compile(r"^\d{1,2}$")
_NUMBER_START = re.compile(r"^(\(?\d{4}\b|\d{1,2} [A-Z][a-z]+ \d{4})")
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.(\s|$)")
_STANDALONE = re.compile(r"^(_{3,}|\d{1,3}\.)$")


def corpus_dir(argv: list[str]) -> Path | None:
    """The corpus folder named on the command line (or the default), or None if absent."""
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not path.is_dir():
        print(f"corpus not found at {path}; skipping", file=sys.stderr)
        return None
    return path


def corpus_pdfs(corpus: Path) -> list[Path]:
    """The PDFs of the corpus that have a ``.txt`` twin, sorted by name."""
    return sorted(p for p in corpus.glob("*.pdf") if p.with_suffix(".txt").is_file())


def twin_paragraphs(text: str) -> list[str]:
    """Split a twin text into paragraphs.

    Each non-empty line starts a paragraph, unless it continues the previous
    one: it starts lowercase, or the previous line did not end with , ; : or .
    (optionally followed by "and"/"or": "...; and", or by a footnote number:
    "decision;3"), or it starts with a
    number that is not a paragraph number ("2241 (2015), ...", "(2016), ...").
    A footnote rule ("____") or a lone paragraph number ("2.") stands alone;
    a lone footnote number ("1") is skipped; paragraphs without a letter are
    dropped from the result.
    """
    paragraphs: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _STRAY_MARKER.match(line):
            continue
        previous = paragraphs[-1].rstrip() if paragraphs else ""
        if paragraphs and not _STANDALONE.match(line) and _continues(previous, line):
            paragraphs[-1] = f"{previous} {line}"
        else:
            paragraphs.append(line)
    return [p for p in paragraphs if _has_letter(p)]


def _continues(previous: str, line: str) -> bool:
    """Whether twin ``line`` continues the paragraph ending in ``previous``."""
    if _STANDALONE.match(previous):
        return False
    if line[0].islower() or not _CLOSED.search(previous):
        return True
    return bool(_NUMBER_START.match(line)) and not _PARAGRAPH_NUMBER.match(line)


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def blank_line_paragraphs(text: str) -> list[str]:
    """Split reader output into paragraphs at blank lines."""
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(b.split()) for b in blocks if b.strip()]


def normalise(paragraph: str) -> str:
    """Make a paragraph comparable: lowercase, unify quotes and dashes, drop markers.

    Drops the leading number ("3.", "(a)"), superscript and plain-digit footnote
    markers glued to a word, and collapses whitespace.
    """
    text = "".join(ch for ch in paragraph.translate(_QUOTES) if ch not in _SUPERSCRIPTS)
    text = unicodedata.normalize("NFKC", text)
    text = _DASHES.sub("-", text).replace("\u00ad", "")
    text = " ".join(text.split())
    text = _LEADING_NUMBER.sub("", text)
    text = _FOOTNOTE_MARKER.sub("", text)
    return text.lower()


def words(text: str) -> list[str]:
    """The normalised word sequence of a whole text (for similarity ratios)."""
    return normalise(text.replace("\n", " ")).split()
