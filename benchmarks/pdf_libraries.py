"""Compare PDF text-extraction libraries on the corpus PDFs (run by hand).

    python benchmarks/pdf_libraries.py [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpus/unsc (relative to the project root);
the script skips with a message when it is absent. For every candidate library
it reports the total extraction time over all PDFs and two fidelity figures
against the ``.txt`` twins:

- word similarity: Indel similarity (2 * LCS / total length, the same figure as
  difflib's SequenceMatcher ratio) of the normalised word sequences of the
  whole extracted text and the whole twin, averaged over the files;
- verbatim: the share of twin paragraphs found verbatim in the extracted text
  once both have their whitespace collapsed (line wraps become spaces).

The extracted text still holds the page furniture (headers, job numbers) and
the page-1 masthead, which the twins lack, so no library reaches 100% (the
lowest file, S/2023/970, prints 170 sponsor names that its twin leaves out).
The last row is resdiff's own reader, for comparison.

A second table times what a layout-aware reader needs: every character with
its font, size and position (no text assembly), with pdfplumber and with
pdfminer.six directly (which pdfplumber wraps).

Results (26 PDFs, 114 pages; pypdf 7.1.1, pdfplumber 0.11.10, pdfminer.six
20260107, pypdfium2 5.15.2; times vary with machine load, ratios hold):

    library           time (s)  word sim  min sim        verbatim
    pypdf                 4.00     95.4%    66.5%   85.0% 697/820
    pdfplumber            9.61     95.4%    66.4%   85.6% 702/820
    pdfminer.six          5.99     95.0%    66.0%   72.7% 596/820
    pypdfium2             0.22     95.4%    66.5%   83.8% 687/820
    resdiff reader        6.54     95.9%    67.8%   90.1% 739/820

    per-character layout data: pdfplumber 8.9 s, pdfminer.six 5.2 s

Plain-text fidelity is the same for all four (pdfminer's layout analysis
splits more lines, hence its lower verbatim share). Only pdfplumber and
pdfminer.six give the font size, font name and position of every character,
which the reader needs for footnotes, superscript markers and paragraph
breaks; pdfminer.six gives them in ~55% of pdfplumber's time and without
pdfplumber's Pillow and pypdfium2 dependencies, so the reader is built on
pdfminer.six (MIT, pure Python). pypdfium2 is 20-40x faster but exposes
per-character fonts only through its raw ctypes API and ships a native
binary; worth revisiting only if PDF reading becomes a bottleneck.
"""

from __future__ import annotations

import io
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pdf_twins import PROJECT_ROOT, corpus_dir, corpus_pdfs, twin_paragraphs, words
from rapidfuzz.distance import Indel

Extractor = Callable[[bytes], str]


def extract_pypdf(data: bytes) -> str:
    """Plain text with pypdf's default extraction."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def extract_pdfplumber(data: bytes) -> str:
    """Plain text with pdfplumber's default ``extract_text``."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def extract_pdfminer(data: bytes) -> str:
    """Plain text with pdfminer.six's high-level ``extract_text`` (default LAParams)."""
    from pdfminer.high_level import extract_text

    return str(extract_text(io.BytesIO(data)))


def extract_pypdfium2(data: bytes) -> str:
    """Plain text with pypdfium2 (PDFium's text page)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def extract_resdiff(data: bytes) -> str:
    """resdiff's own PDF reader (text plus footnote bodies)."""
    from resdiff.readers import pdf

    raw = pdf.read(Path("benchmark.pdf"), data)
    notes = "\n".join(f"{note.marker} {note.text}" for note in raw.footnotes)
    return f"{raw.text}\n{notes}"


CANDIDATES: dict[str, Extractor] = {
    "pypdf": extract_pypdf,
    "pdfplumber": extract_pdfplumber,
    "pdfminer.six": extract_pdfminer,
    "pypdfium2": extract_pypdfium2,
    "resdiff reader": extract_resdiff,
}


def chars_pdfplumber(data: bytes) -> int:
    """Count the characters pdfplumber reports with their font, size and position."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def chars_pdfminer(data: bytes) -> int:
    """Count the characters pdfminer.six lays out (no layout analysis, as the reader does)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    count = 0
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        count += sum(isinstance(obj, LTChar) for obj in device.get_result())
    return count


CHAR_ACCESS: dict[str, Callable[[bytes], int]] = {
    "pdfplumber": chars_pdfplumber,
    "pdfminer.six": chars_pdfminer,
}


def verbatim_share(text: str, paragraphs: list[str]) -> tuple[int, int]:
    """How many of ``paragraphs`` occur verbatim in ``text`` (whitespace collapsed)."""
    flat = " ".join(text.split())
    found = sum(1 for p in paragraphs if " ".join(p.split()) in flat)
    return found, len(paragraphs)


def measure(extract: Extractor, pdfs: list[Path]) -> dict[str, float]:
    """Time ``extract`` over ``pdfs`` and score its text against the twins."""
    elapsed = 0.0
    similarities: list[float] = []
    found = total = 0
    for pdf in pdfs:
        data = pdf.read_bytes()
        start = time.perf_counter()
        text = extract(data)
        elapsed += time.perf_counter() - start
        twin = pdf.with_suffix(".txt").read_text(encoding="utf-8")
        similarities.append(Indel.normalized_similarity(words(text), words(twin)))
        hit, count = verbatim_share(text, twin_paragraphs(twin))
        found += hit
        total += count
    return {
        "seconds": elapsed,
        "similarity": sum(similarities) / len(similarities),
        "min_similarity": min(similarities),
        "verbatim": found / total if total else 0.0,
        "found": found,
        "total": total,
    }


def time_char_access(pdfs: list[Path]) -> None:
    """Print the time each layout library takes to deliver every character."""
    print("\nper-character layout data (what the reader needs)")
    print(f"{'library':16} {'time (s)':>9} {'chars':>9}")
    for name, count_chars in CHAR_ACCESS.items():
        try:
            start = time.perf_counter()
            total = sum(count_chars(pdf.read_bytes()) for pdf in pdfs)
        except ImportError as exc:
            print(f"{name}: not installed ({exc}); skipped", file=sys.stderr)
            continue
        print(f"{name:16} {time.perf_counter() - start:9.2f} {total:9d}")


def report(results: dict[str, dict[str, float]], count: int) -> None:
    """Print one row per library."""
    print(f"{count} PDFs")
    print(f"{'library':16} {'time (s)':>9} {'word sim':>9} {'min sim':>8} {'verbatim':>15}")
    for name, r in results.items():
        verbatim = f"{r['verbatim']:6.1%} {int(r['found'])}/{int(r['total'])}"
        print(
            f"{name:16} {r['seconds']:9.2f} {r['similarity']:9.1%} "
            f"{r['min_similarity']:8.1%} {verbatim:>15}"
        )


def main(argv: list[str]) -> int:
    """Run every available candidate over the corpus and print the comparison."""
    corpus = corpus_dir(argv)
    if corpus is None:
        return 0
    sys.path.insert(0, str(PROJECT_ROOT))
    logging.disable(logging.WARNING)
    pdfs = corpus_pdfs(corpus)
    results: dict[str, dict[str, float]] = {}
    for name, extract in CANDIDATES.items():
        try:
            results[name] = measure(extract, pdfs)
        except ImportError as exc:
            print(f"{name}: not installed ({exc}); skipped", file=sys.stderr)
    report(results, len(pdfs))
    time_char_access(pdfs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
